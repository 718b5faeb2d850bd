"""`mednn deid` on a table whose other columns hold identifiers (trial 10, #1): never copied
verbatim without a choice. Refused by default naming the columns; pseudonymised or dropped on
request; a column reviewed as safe is kept with --keep-column."""

import pandas as pd

NAMES = ["John Smith", "Mary Jones", "John Smith", "Peter Brown"]


def _table(tmp_path):
    path = tmp_path / "cols.csv"
    pd.DataFrame({"patient_name": NAMES, "mrn": ["00482913", "00519922", "00482913", "00633101"],
                  "dob": ["1948-07-22", "1952-01-03", "1948-07-22", "1960-11-30"],
                  "ward": ["A", "B", "A", "B"],
                  "text": ["Pt seen 3/14, doing well.", "Follow up in 2 weeks.", "Stable.", "Seen by Dr. Ann Lee."],
                  }).to_csv(path, index=False)
    return path


def test_identifier_columns_are_refused_by_default_naming_them(cli, tmp_path):
    out = tmp_path / "x.csv"
    code, stdout, err = cli("deid", _table(tmp_path), "--out", out)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    for name in ("'patient_name'", "'mrn'", "'dob'", "--id-columns pseudonymise", "--id-columns drop",
                 "--keep-column"):
        assert name in err
    assert "'ward'" not in err and "Smith" not in err and "00482913" not in err and "1948" not in err
    assert not out.exists()


def test_pseudonymised_columns_keep_linkage_and_no_value(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDNN_DEID_SECRET", "test-key-of-20-chars")
    src, out = _table(tmp_path), tmp_path / "x.csv"
    code, stdout, err = cli("deid", src, "--out", out, "--id-columns", "pseudonymise")
    assert code == 0, err
    assert "pseudonymised: patient_name, mrn, dob" in stdout
    frame, raw = pd.read_csv(out, dtype=str), out.read_text(encoding="utf-8")
    for value in ("Smith", "Jones", "00482913", "1948-07-22", "Ann Lee"):
        assert value not in raw
    assert frame["mrn"][0] == frame["mrn"][2] != frame["mrn"][1] and frame["mrn"][0].startswith("ID-")
    assert list(frame["ward"]) == ["A", "B", "A", "B"]  # not an identifier: copied


def test_pseudonyms_need_a_secret_key(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("MEDNN_DEID_SECRET", raising=False)
    out = tmp_path / "x.csv"
    code, _, err = cli("deid", _table(tmp_path), "--out", out, "--id-columns", "pseudonymise")
    assert code == 2 and "MEDNN_DEID_SECRET" in err and not out.exists()


def test_dropped_and_kept_columns(cli, tmp_path):
    out = tmp_path / "x.csv"
    code, stdout, err = cli("deid", _table(tmp_path), "--out", out, "--id-columns", "drop", "--keep-column", "dob")
    assert code == 0, err
    assert list(pd.read_csv(out).columns) == ["dob", "ward", "text"] and "dropped: patient_name, mrn" in stdout


def test_a_table_without_identifier_columns_needs_no_option(cli, tmp_path):
    src, out = tmp_path / "plain.csv", tmp_path / "x.csv"
    pd.DataFrame({"row": [1, 2], "ward": ["A", "B"], "age": [71, 64],  # a row number is nobody's identity
                  "text": ["Seen by Dr. Ann Lee.", "Stable."]}).to_csv(src, index=False)
    code, stdout, err = cli("deid", src, "--out", out)
    assert code == 0, err
    assert "identifier columns" not in stdout and list(pd.read_csv(out)["age"]) == [71, 64]

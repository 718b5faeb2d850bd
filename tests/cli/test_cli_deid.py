"""`mednn deid` from the command line: identifiers replaced, dates shifted per patient, errors."""

import pandas as pd


def _notes(tmp_path):
    path = tmp_path / "notes.csv"
    pd.DataFrame({
        "patient_id": ["p1", "p1", "p2"],
        "note": ["Seen by Dr. Maria Gonzalez on 03/04/2021, call 555-123-4567.",
                 "Follow-up 03/18/2021, e-mail maria@example.org.",
                 "Mr. Okafor, MRN: 8812345, 89 Elm Street, Springfield 62704."],
    }).to_csv(path, index=False)
    return path


def test_deid_replaces_identifiers_and_reports_counts_only(cli, tmp_path):
    src, out = _notes(tmp_path), tmp_path / "clean.csv"
    code, stdout, err = cli("deid", src, "--out", out, "--text-column", "note", "--patient-column", "patient_id")
    assert code == 0, err
    text = " ".join(pd.read_csv(out)["note"])
    for planted in ("Gonzalez", "03/04/2021", "555-123-4567", "maria@example.org", "8812345", "Okafor", "Elm Street"):
        assert planted not in text and planted not in stdout
    assert "[NAME]" in text and "NAME" in stdout


def test_shifted_dates_keep_intervals_within_a_patient(cli, tmp_path):
    out = tmp_path / "shifted.csv"
    code, _, err = cli("deid", _notes(tmp_path), "--out", out, "--text-column", "note",
                       "--patient-column", "patient_id", "--shift-dates")
    assert code == 0, err
    notes = list(pd.read_csv(out)["note"])
    first, second = (pd.Timestamp(n.split("[DATE ")[1][:10]) for n in notes[:2])
    assert (second - first).days == 14 and "2021-03-04" not in notes[0]


def test_unknown_text_column_is_a_clean_error(cli, tmp_path):
    code, _, err = cli("deid", _notes(tmp_path), "--out", tmp_path / "x.csv", "--text-column", "nope")
    assert code == 2 and "nope" in err and "Traceback" not in err and not (tmp_path / "x.csv").exists()

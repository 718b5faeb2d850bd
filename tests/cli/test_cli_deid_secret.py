"""`mednn deid --shift-dates` and `--id-columns pseudonymise` need a real key (trial 11, #3):
without MEDNN_DEID_SECRET the offsets came from a public seed, so anyone with the patient ids
could undo the shift; a 1-character key was accepted. Both are refused in one line (exit 2)."""

import pandas as pd
import pytest


def _notes(tmp_path):
    path = tmp_path / "pc.csv"
    pd.DataFrame({"mrn": ["MRN-55123", "MRN-55123", "MRN-66001"],
                  "text": ["Seen 03/04/2024 for chest pain.", "Echo 04/01/2024 normal.", "Seen 05/05/2023."]},
                 ).to_csv(path, index=False)
    return path


SHIFT = ["--patient-column", "mrn", "--shift-dates", "--id-columns", "drop"]
PSEUDO = ["--id-columns", "pseudonymise"]


@pytest.mark.parametrize("key", [None, "", "Q", "fifteen-chars!!"])
@pytest.mark.parametrize("options", [SHIFT, PSEUDO])
def test_missing_or_short_key_is_refused_naming_the_variable(cli, tmp_path, monkeypatch, key, options):
    if key is None:
        monkeypatch.delenv("MEDNN_DEID_SECRET", raising=False)
    else:
        monkeypatch.setenv("MEDNN_DEID_SECRET", key)
    out = tmp_path / "x.csv"
    code, stdout, err = cli("deid", _notes(tmp_path), "--out", out, *options)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert "MEDNN_DEID_SECRET" in err and ("--shift-dates" in err or "pseudonymise" in err)
    assert not out.exists() and "MRN-55123" not in err + stdout
    if key:
        assert key not in err.split("MEDNN_DEID_SECRET")[0]  # the key is never echoed


@pytest.mark.parametrize("options", [SHIFT, PSEUDO])
def test_a_key_of_16_characters_is_accepted_and_keys_the_output(cli, tmp_path, monkeypatch, options):
    outputs = []
    for key in ("sixteen-chars-ok", "another-key-16ch"):
        monkeypatch.setenv("MEDNN_DEID_SECRET", key)
        out = tmp_path / f"x{len(outputs)}.csv"
        code, _, err = cli("deid", _notes(tmp_path), "--out", out, *options)
        assert code == 0, err
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] != outputs[1]  # the key, not a public seed, decides the offsets / pseudonyms


@pytest.mark.parametrize("flag,suggested", [("--out", "pc.deid.csv"), ("--spans", "pc.spans.csv")])
def test_a_folder_as_output_suggests_a_deid_file_inside_it(cli, tmp_path, flag, suggested):
    folder = tmp_path / "adir"
    folder.mkdir()
    args = ["--out", folder] if flag == "--out" else ["--out", tmp_path / "x.csv", "--spans", folder]
    code, _, err = cli("deid", _notes(tmp_path), *args)
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert f"e.g. {flag} {folder / suggested}" in err and "predictions.csv" not in err
    assert list(folder.iterdir()) == [] and not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("key", [None, "fifteen-chars!!"])
def test_dicom_without_a_real_key_is_refused_in_one_line(cli, tmp_path, monkeypatch, key):
    """DICOM de-identification keys its new UIDs, patient pseudonyms and date shifts: it only
    warned on a missing or short key and wrote files anyone with the original UIDs could link."""
    pytest.importorskip("pydicom")
    from tests.dicom_files import write_dicom

    if key is None:
        monkeypatch.delenv("MEDNN_DEID_SECRET", raising=False)
    else:
        monkeypatch.setenv("MEDNN_DEID_SECRET", key)
    write_dicom(tmp_path / "in" / "DOE_JOHN.dcm")
    out = tmp_path / "clean"
    code, stdout, err = cli("deid", tmp_path / "in", "--out", out, "--dicom-ocr", "off")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert "MEDNN_DEID_SECRET" in err and "export MEDNN_DEID_SECRET=" in err and "DICOM" in err
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["in"] and "DOE" not in err + stdout
    monkeypatch.setenv("MEDNN_DEID_SECRET", "a-project-key-of-24chars")
    code, _, err = cli("deid", tmp_path / "in", "--out", out, "--dicom-ocr", "off")
    assert code == 0 and "MEDNN_DEID_SECRET" not in err, err


@pytest.mark.parametrize("key", [" " * 16, "x" * 20, "abcabcabcabcabcabc"])
@pytest.mark.parametrize("options", [SHIFT, PSEUDO, "dicom"])
def test_blank_or_low_variety_key_is_refused_in_one_line(cli, tmp_path, monkeypatch, key, options):
    """trial 13, #2: a key of 16 spaces wrote files; now blank or < 8 different characters is
    refused for notes/tables and DICOM alike, exit 2, nothing written."""
    monkeypatch.setenv("MEDNN_DEID_SECRET", key)
    if options == "dicom":
        pytest.importorskip("pydicom")
        from tests.dicom_files import write_dicom

        write_dicom(tmp_path / "in" / "a.dcm")
        out, args = tmp_path / "clean", [tmp_path / "in", "--out", tmp_path / "clean", "--dicom-ocr", "off"]
    else:
        out, args = tmp_path / "x.csv", [_notes(tmp_path), "--out", tmp_path / "x.csv", *options]
    code, _, err = cli("deid", *args)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert "could be guessed" in err and "export MEDNN_DEID_SECRET=" in err and not out.exists()


def test_the_secret_is_checked_once_per_command_naming_every_option_that_needs_it(cli, tmp_path, monkeypatch):
    """issue 19 (rev8): `--shift-dates --id-columns pseudonymise` checked the key four times
    (--shift-dates, the Deidentifier, the columns found, the pseudonyms), the pseudonyms' check
    only after the whole file was read and screened. Now one check, before any work."""
    import mednn.privacy.deid.dateshift as dateshift

    checks = []
    real = dateshift._check_secret if hasattr(dateshift, "_check_secret") else None
    if real is not None:
        monkeypatch.setattr(dateshift, "_check_secret", lambda *a: (checks.append(a[0]), real(*a))[1])
    monkeypatch.delenv("MEDNN_DEID_SECRET", raising=False)
    out = tmp_path / "x.csv"
    both = ["--patient-column", "mrn", "--shift-dates", "--id-columns", "pseudonymise"]
    code, _, err = cli("deid", _notes(tmp_path), "--out", out, *both)
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "--shift-dates and --id-columns pseudonymise needs a secret key" in err
    monkeypatch.setenv("MEDNN_DEID_SECRET", "a-project-key-of-24chars")
    checks.clear()
    code, stdout, err = cli("deid", _notes(tmp_path), "--out", out, *both)
    assert code == 0 and "pseudonymised: mrn" in stdout, err
    assert real is not None and len(checks) == 1, checks


def test_pseudonyms_without_a_key_are_refused_before_the_file_is_read(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("MEDNN_DEID_SECRET", raising=False)
    code, _, err = cli("deid", _notes(tmp_path), "--out", tmp_path / "x.csv", "--text-column", "nosuch",
                       "--id-columns", "pseudonymise")
    assert code == 2 and "MEDNN_DEID_SECRET" in err and "nosuch" not in err, err

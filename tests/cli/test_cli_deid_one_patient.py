"""One patient, one pseudonym, one date shift across notes and DICOM (issue 20 item 4): a note
row and a DICOM file of the same patient id, de-identified by two separate `mednn deid` runs
under one project key, carry the same patient pseudonym and have their dates moved by the same
number of days, so a user can join a patient's notes to their images afterwards."""

import datetime as dt

import pandas as pd
import pytest

pydicom = pytest.importorskip("pydicom")

from tests.dicom_files import write_dicom  # noqa: E402

KEY = "one project key, 16+ characters"
PATIENT = "MRN12345678"


def _note_and_image(cli, tmp_path, monkeypatch, patient=PATIENT):
    monkeypatch.setenv("MEDNN_DEID_SECRET", KEY)
    notes = tmp_path / "notes.csv"
    pd.DataFrame({"patient_id": [patient, "MRN99999999"],
                  "note": ["CT head on 03/02/2017, no bleed.", "Seen on 03/02/2017."]}).to_csv(notes, index=False)
    code, _, err = cli("deid", notes, "--out", tmp_path / "notes.deid.csv", "--text-column", "note",
                       "--patient-column", "patient_id", "--shift-dates", "--id-columns", "pseudonymise")
    assert code == 0, err
    write_dicom(tmp_path / "raw" / "image.dcm", patient_id=patient)  # StudyDate 20170302
    code, _, err = cli("deid", tmp_path / "raw", "--out", tmp_path / "clean", "--dicom-ocr", "off")
    assert code == 0, err
    row = pd.read_csv(tmp_path / "notes.deid.csv").iloc[0]
    image = pydicom.dcmread(next((tmp_path / "clean").rglob("*.dcm")))
    return row, image


def test_a_patients_note_and_image_get_one_pseudonym_and_one_date_shift(cli, tmp_path, monkeypatch):
    row, image = _note_and_image(cli, tmp_path, monkeypatch)
    assert row["patient_id"] == image.PatientID and row["patient_id"].startswith("PAT-")
    assert PATIENT not in row["patient_id"]
    note_date = dt.date.fromisoformat(row["note"].split("[DATE ")[1][:10])
    image_date = dt.datetime.strptime(image.StudyDate, "%Y%m%d").date()
    assert note_date == image_date != dt.date(2017, 3, 2)


def test_the_library_gives_notes_and_dicom_one_keyed_patient(tmp_path):
    from mednn.privacy.deid.dateshift import keyed_patient, patient_date_offset, project_key
    from mednn.privacy.dicom.header import HeaderPolicy, clean_header

    key = project_key(KEY)
    ds = pydicom.dcmread(write_dicom(tmp_path / "image.dcm"))
    result = clean_header(ds, HeaderPolicy(key=key))
    patient = keyed_patient("MRN12345678", key)
    assert result.patient == patient.pseudonym and result.offset_days == patient.offset_days
    assert patient.offset_days == patient_date_offset("MRN12345678", key)  # offsets of earlier exports unchanged
    assert keyed_patient(" MRN12345678 ", key) == patient  # spaces around an id are no other patient


def test_a_patient_column_of_any_name_gets_the_patient_pseudonym(cli, tmp_path, monkeypatch):
    """"pid" of plain numbers is no identifier by its name or values; as the patient column it
    still names patients: pseudonymised as DICOM's PatientID is, never copied as it is."""
    monkeypatch.setenv("MEDNN_DEID_SECRET", KEY)
    notes = tmp_path / "notes.csv"
    frame = pd.DataFrame({"pid": ["1001", "1001", "1002"], "note": ["Seen.", "Seen again.", "Seen."]})
    frame.to_csv(notes, index=False)
    code, _, err = cli("deid", notes, "--out", tmp_path / "out.csv", "--text-column", "note",
                       "--patient-column", "pid", "--id-columns", "pseudonymise")
    assert code == 0, err
    from mednn.privacy.deid.dateshift import keyed_patient, project_key

    ids = list(pd.read_csv(tmp_path / "out.csv")["pid"])
    assert ids == [keyed_patient(p, project_key(KEY)).pseudonym for p in ("1001", "1001", "1002")]
    code, _, err = cli("deid", notes, "--out", tmp_path / "refused.csv", "--text-column", "note",
                       "--patient-column", "pid")
    assert code == 2 and "'pid'" in err and "1001" not in err

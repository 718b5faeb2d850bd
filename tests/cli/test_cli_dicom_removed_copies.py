"""A removed value copied into an attribute the profile keeps (issue 20 item 4, verification):
pydicom's JPEG2000.dcm (a GE Genie NM) holds its dataset name "WHOLE BODY_E" in the removed
private block and again in Image ID (0054,0400), which PS3.15 Table E.1-1 does not list. A value
removed only as private, with no identifying shape, is cleaned in such an attribute (a dummy
value), so the file is written clean instead of refused; a removed name, id or institution
copied into an unlisted attribute, or a copy in an attribute the user chose to keep, is still
refused: nothing is written."""

import json
import shutil

import pytest

pydicom = pytest.importorskip("pydicom")

from pydicom.data import get_testdata_file  # noqa: E402

from tests.dicom_files import write_dicom  # noqa: E402


def _deid(cli, tmp_path, *extra):
    return cli("deid", tmp_path / "in", "--out", tmp_path / "clean", "--dicom-ocr", "off", *extra)


def test_pydicoms_jpeg2000_is_written_with_the_copy_in_image_id_cleaned(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDNN_DEID_SECRET", "a-test-key-of-16+")
    (tmp_path / "in").mkdir()
    shutil.copy(get_testdata_file("JPEG2000.dcm"), tmp_path / "in" / "JPEG2000.dcm")
    code, out, err = _deid(cli, tmp_path)
    assert code == 0, (out, err)
    written = pydicom.dcmread(next((tmp_path / "clean").rglob("*.dcm")))
    assert written.ImageID == "REMOVED" and "WHOLE BODY_E" not in str(written)
    entry = json.loads((tmp_path / "clean" / "deid_report.json").read_text())["files"][0]
    assert entry["verification"]["passed"] and entry["actions"]["removed_copies_cleaned"] == 1


@pytest.mark.parametrize("copy", [{"ImageID": "MRN12345678"}, {"ContentDescription": "GENERAL HOSPITAL SPRINGFIELD"},
                                  {"ContentDescription": "SCAN OF DOE"}])
def test_a_removed_id_institution_or_name_copied_into_an_unlisted_attribute_is_still_refused(
        cli, tmp_path, monkeypatch, copy):
    monkeypatch.setenv("MEDNN_DEID_SECRET", "a-test-key-of-16+")
    # Image ID and Content Description are not in Table E.1-1: kept by the profile, here holding
    # the patient's id, the institution's name or the patient's surname, copied by a scanner
    write_dicom(tmp_path / "in" / "a.dcm", extra=copy)
    code, out, err = _deid(cli, tmp_path)
    tag = "(0054,0400)" if "ImageID" in copy else "(0070,0081)"
    assert code == 2 and f"{tag} holds 1 removed value(s)" in err, (out, err)
    assert "12345678" not in err and "SPRINGFIELD" not in err and "DOE" not in err
    assert not (tmp_path / "clean").exists()


def test_a_removed_value_in_an_attribute_kept_by_choice_is_still_refused(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDNN_DEID_SECRET", "a-test-key-of-16+")
    # --retain device_identity keeps Station Name (K): the user's choice is not overridden, and a
    # removed patient id inside it is a leak, so the file is refused, not written
    write_dicom(tmp_path / "in" / "a.dcm", extra={"StationName": "MRN12345678"})
    code, out, err = _deid(cli, tmp_path, "--retain", "device_identity")
    assert code == 2 and "(0008,1010) holds 1 removed value(s)" in err and "12345678" not in err
    assert not (tmp_path / "clean").exists()

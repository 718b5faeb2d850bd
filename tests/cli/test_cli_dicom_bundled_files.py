"""`mednn deid` on pydicom's bundled test files (real scanner headers and pixels): a routine GE CT
passes verification, a text-free MR keeps its pixels, a file without image attributes is refused
in one line that names the cause."""

import json
import shutil

import numpy as np
import pytest

pydicom = pytest.importorskip("pydicom")

from pydicom.data import get_testdata_file  # noqa: E402


def _deid(cli, tmp_path, monkeypatch, *names):
    monkeypatch.setenv("MEDNN_DEID_SECRET", "a-test-key-of-16+")
    (tmp_path / "in").mkdir()
    for name in names:
        shutil.copy(get_testdata_file(name), tmp_path / "in" / name)
    return cli("deid", tmp_path / "in", "--out", tmp_path / "clean", "--dicom-ocr", "off")


def test_a_routine_ge_ct_passes_although_its_numbers_sat_in_removed_private_elements(cli, tmp_path, monkeypatch):
    # CT_small's GE private elements hold 5.000000, 0.000000, 1 and 0, the same strings as the
    # kept slice thickness, tilt and orientation: numbers identify nobody
    code, out, err = _deid(cli, tmp_path, monkeypatch, "CT_small.dcm")
    assert code == 0, (out, err)
    report = json.loads((tmp_path / "clean" / "deid_report.json").read_text())
    entry = report["files"][0]
    assert entry["verification"]["passed"] and entry["actions"]["private_removed"] > 0
    written = pydicom.dcmread(next((tmp_path / "clean").rglob("*.dcm")))
    assert float(written.SliceThickness) == 5.0 and "CompressedSamples" not in str(written.PatientName)


def test_a_file_without_rows_and_columns_is_refused_naming_the_cause(cli, tmp_path, monkeypatch):
    code, out, err = _deid(cli, tmp_path, monkeypatch, "nested_priv_SQ.dcm")
    lines = [line for line in err.splitlines() if line.startswith("mednn: error")]
    assert code == 2 and len(lines) == 1 and "Traceback" not in err, (out, err)
    assert "lacks Rows, Columns" in lines[0] and "Error" not in lines[0].replace("mednn: error", "")


def test_a_text_free_mr_keeps_every_pixel(cli, tmp_path, monkeypatch):
    import warnings

    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        code, out, err = _deid(cli, tmp_path, monkeypatch, "MR_small.dcm")
    assert code == 0, (out, err)
    assert "0 with burned-in text blanked" in out and not [w for w in warned if "not ultrasound" in str(w.message)]
    before = pydicom.dcmread(get_testdata_file("MR_small.dcm")).pixel_array
    after = pydicom.dcmread(next((tmp_path / "clean").rglob("*.dcm"))).pixel_array
    assert np.array_equal(before, after)
    entry = json.loads((tmp_path / "clean" / "deid_report.json").read_text())["files"][0]
    assert entry["pixels"]["pixels_blanked"] == 0 and entry["pixels"]["text_boxes"] == 0


@pytest.mark.parametrize("with_failure", [False, True])
def test_text_blanked_in_a_ct_without_the_header_flag_is_said_on_the_console(cli, tmp_path, monkeypatch, with_failure):
    from tests.dicom_files import text_image, write_dicom

    monkeypatch.setenv("MEDNN_DEID_SECRET", "a-test-key-of-16+")
    image, _ = text_image()
    write_dicom(tmp_path / "in" / "a.dcm", image)  # a CT, no BurnedInAnnotation, text in its pixels
    write_dicom(tmp_path / "in" / "b.dcm", instance="1.2.826.0.1.3680043.2.1125.1.1.2")  # plain
    if with_failure:  # --skip-failed writes the others and exits 2: the console still says it
        (tmp_path / "in" / "c.dcm").write_bytes(b"")
    with pytest.warns(UserWarning, match="not ultrasound") as warned:
        code, out, err = cli("deid", tmp_path / "in", "--out", tmp_path / "clean", "--dicom-ocr", "off",
                             *(["--skip-failed"] if with_failure else []))
    assert code == (2 if with_failure else 0), err
    lines = [str(w.message) for w in warned if "not ultrasound" in str(w.message)]
    assert len(lines) == 1 and "1 written file(s)" in lines[0] and "#1 (" in lines[0]
    assert "DOE" not in lines[0] and "MRN" not in lines[0]

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
    monkeypatch.setenv("MEDNN_DEID_SECRET", "k")
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
    code, out, err = _deid(cli, tmp_path, monkeypatch, "MR_small.dcm")
    assert code == 0, (out, err)
    assert "0 with burned-in text blanked" in out
    before = pydicom.dcmread(get_testdata_file("MR_small.dcm")).pixel_array
    after = pydicom.dcmread(next((tmp_path / "clean").rglob("*.dcm"))).pixel_array
    assert np.array_equal(before, after)
    entry = json.loads((tmp_path / "clean" / "deid_report.json").read_text())["files"][0]
    assert entry["pixels"]["pixels_blanked"] == 0 and entry["pixels"]["text_boxes"] == 0

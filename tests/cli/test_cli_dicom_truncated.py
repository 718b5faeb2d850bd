"""trial 13, #1: a DICOM file cut before its pixel data (``head -c 600 CT_small.dcm``) was written
by `mednn deid` as "de-identified and verified": 0 pixels, a new patient, and the intact file's
output name. An image whose pixel data is missing is now refused per file in one line (nothing
written by default; --skip-failed writes the others and counts the refusal), and two outputs
never share a file name, in any folder."""

import json

import numpy as np
import pytest

pydicom = pytest.importorskip("pydicom")

from mednn.privacy.dicom import DicomDeidOptions, deidentify_dicom  # noqa: E402
from tests.dicom_files import write_dicom  # noqa: E402

KEY = "a-test-key-of-16+"
UID = "1.2.826.0.1.3680043.2.1125.7"


def _study(tmp_path, cut):
    """Two intact images and, last in path order, a copy of the first cut short."""
    folder = tmp_path / "in"
    rng = np.random.default_rng(0)
    first = write_dicom(folder / "a.dcm", rng.integers(0, 200, (32, 32), dtype=np.uint8))
    write_dicom(folder / "b.dcm", rng.integers(0, 200, (32, 32), dtype=np.uint8), study=UID, series=UID + ".1",
                instance=UID + ".1.1")
    raw = first.read_bytes()
    end = raw.index(b"\xe0\x7f\x10\x00") if cut == "before_pixels" else 600  # (7FE0,0010) PixelData
    (folder / "z_cut.dcm").write_bytes(raw[:end])
    return folder


@pytest.mark.parametrize("cut", ["before_pixels", "600_bytes"])
def test_a_file_cut_before_its_pixels_is_refused_and_the_others_written_only_when_asked(cli, tmp_path,
                                                                                       monkeypatch, cut):
    monkeypatch.setenv("MEDNN_DEID_SECRET", KEY)
    folder, out = _study(tmp_path, cut), tmp_path / "clean"
    code, stdout, err = cli("deid", folder, "--out", out, "--dicom-ocr", "off")
    lines = [line for line in err.splitlines() if line.startswith("mednn: error")]
    assert code == 2 and len(lines) == 1 and "Traceback" not in err, (stdout, err)
    assert "1 of 3" in lines[0] and "file #3" in lines[0] and "nothing was written" in lines[0]
    assert not out.exists() and "DOE" not in stdout + err
    code, stdout, err = cli("deid", folder, "--out", out, "--dicom-ocr", "off", "--skip-failed")
    assert code == 2 and "file #3" in err and "the others were written" in err, (stdout, err)
    report = json.loads((out / "deid_report.json").read_text(encoding="utf-8"))
    assert (report["files_written"], report["files_failed"]) == (2, 1)
    assert [f["index"] for f in report["failed"]] == [3]
    written = sorted(p for p in out.rglob("*.dcm"))
    assert len(written) == 2 and all(f["pixels"]["pixels_per_frame"] == 32 * 32 for f in report["files"])
    assert all(pydicom.dcmread(p).pixel_array.shape == (32, 32) for p in written)


def test_an_image_header_without_pixel_data_is_refused_but_a_report_object_is_not(tmp_path):
    folder = tmp_path / "in"
    path = write_dicom(folder / "img.dcm")
    ds = pydicom.dcmread(path)
    del ds.PixelData
    ds.save_as(path)
    with pytest.raises(Exception, match=r"file #1 \([0-9,]+ bytes\): its pixel data is missing though its header gives Rows"):
        deidentify_dicom(folder, tmp_path / "clean", DicomDeidOptions(secret=KEY, ocr="off"))
    assert not (tmp_path / "clean").exists()
    ds = pydicom.dcmread(path)  # a structured report holds no image: nothing is missing
    for name in ("Rows", "Columns", "BitsAllocated", "BitsStored", "HighBit", "PixelRepresentation",
                 "SamplesPerPixel", "PhotometricInterpretation"):
        delattr(ds, name)
    ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.88.11"  # Basic Text SR
    ds.save_as(path)
    report = deidentify_dicom(folder, tmp_path / "clean", DicomDeidOptions(secret=KEY, ocr="off"))
    assert report["files_written"] == 1 and report["files"][0]["pixels"]["pixels_per_frame"] == 0


def test_the_same_instance_twice_gets_two_file_names_in_any_layout(tmp_path):
    folder = tmp_path / "in"
    write_dicom(folder / "a.dcm")
    write_dicom(folder / "copy" / "a.dcm", study=UID)  # the same instance re-filed under another study
    for layout in ("study", "flat"):
        out = tmp_path / f"clean-{layout}"
        report = deidentify_dicom(folder, out, DicomDeidOptions(secret=KEY, ocr="off", layout=layout))
        names = [f["output"].rsplit("/", 1)[-1] for f in report["files"]]
        assert report["files_written"] == 2 and len(set(names)) == 2, names
        assert sorted(p.name for p in out.rglob("*.dcm")) == sorted(names)


def test_a_refused_file_is_named_by_a_position_a_user_can_count_and_its_size(cli, tmp_path, monkeypatch):
    """issue 19, item 5: the files were numbered in os.walk's order (a folder's files before its
    sub-folders'), not the "sorted path order" the message promised; the line now also gives the
    file's size (`find -size`), never its path (the folder is named after the patient)."""
    monkeypatch.setenv("MEDNN_DEID_SECRET", KEY)
    folder, out = tmp_path / "in", tmp_path / "clean"
    good = write_dicom(folder / "z_top.dcm")
    (folder / "SMITH_JOHN").mkdir()
    (folder / "SMITH_JOHN" / "cut.dcm").write_bytes(good.read_bytes()[:600])  # first in sorted path order
    code, stdout, err = cli("deid", folder, "--out", out, "--dicom-ocr", "off")
    line = [x for x in err.splitlines() if x.startswith("mednn: error")]
    assert code == 2 and len(line) == 1, err
    assert "file #1 (600 bytes):" in line[0] and "--skip-failed" in line[0] and "nothing was written" in line[0]
    assert "SMITH" not in stdout + err and "cut.dcm" not in err and not out.exists()
    code, _, err = cli("deid", folder, "--out", out, "--dicom-ocr", "off", "--skip-failed")
    report = json.loads((out / "deid_report.json").read_text(encoding="utf-8"))
    assert code == 2 and [(f["index"], f["bytes"]) for f in report["failed"]] == [(1, 600)]

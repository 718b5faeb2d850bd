"""`mednn deid` on DICOM through the CLI: bad input is one line and exit 2 with nothing
written; a burned-in DICOM is refused for training unless allowed; a generated study,
de-identified, still trains and predicts, and the run names its images by pseudonyms."""

import csv
import json

import numpy as np
import pytest

from .conftest import FAST

pydicom = pytest.importorskip("pydicom")

from tests.dicom_files import write_dicom  # noqa: E402


def _leftovers(folder):
    return [p.name for p in folder.iterdir() if "mednn-tmp" in p.name or "mednn-old" in p.name]


@pytest.mark.parametrize("case", ["corrupt", "unknown_syntax", "not_dicom", "empty"])
def test_bad_dicom_input_is_one_line_exit_2_and_nothing_written(cli, tmp_path, monkeypatch, case):
    monkeypatch.setenv("MEDNN_DEID_SECRET", "a-test-key-of-16+")
    path = write_dicom(tmp_path / "in" / "DOE_JOHN.dcm")
    if case == "corrupt":
        path.write_bytes(path.read_bytes()[:300])
    elif case == "unknown_syntax":  # the file meta names a transfer syntax nobody defined (same length)
        raw = path.read_bytes()
        assert b"1.2.840.10008.1.2.1\x00" in raw
        path.write_bytes(raw.replace(b"1.2.840.10008.1.2.1\x00", b"1.2.3.4.5.6.7.8.9.10", 1))
    elif case == "not_dicom":
        path.write_text("name,id\nJOHN DOE,123\n")
    else:
        path.write_bytes(b"")
    code, out, err = cli("deid", path, "--out", tmp_path / "clean")
    assert code == 2, (out, err)
    lines = [line for line in err.splitlines() if line.startswith("mednn: error")]
    assert len(lines) == 1 and "Traceback" not in err and "file #1" in lines[0]
    assert "Error" not in lines[0].replace("mednn: error", "")  # the cause in words, not a class name
    assert "DOE" not in err and "JOHN" not in err
    assert not (tmp_path / "clean").exists() and not _leftovers(tmp_path)


def _study(root, rng, burned=False):
    """Two classes of 16x16 DICOM images (a bright left vs right half) filed under patient names."""
    for c, label in enumerate(("left", "right")):
        for i in range(12):
            image = rng.integers(0, 40, (16, 16)).astype(np.uint8)
            image[:, (0 if c == 0 else 8):(8 if c == 0 else 16)] += 150
            uid = f"1.2.826.0.1.3680043.2.1125.{c}.{i}"
            write_dicom(root / label / f"DOE_JOHN_{i}.dcm", image, study=uid, series=uid + ".1",
                        instance=uid + ".1.1", name=f"DOE^JOHN{i}", patient_id=f"MRN{c}{i:04d}",
                        extra={"BurnedInAnnotation": "YES"} if burned and i == 0 else None)


TRAIN = ["--set", "data.format=image_folder", "--set", "data.size=16", "--set", "model.name=small_cnn",
         "--set", "model.channels=[4]", *FAST[:2], "--set", "train.epochs=3", *FAST[4:]]


def test_a_deidentified_dicom_study_still_trains_and_predicts(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDNN_DEID_SECRET", "project key of 16+ chars")
    rng = np.random.default_rng(0)
    _study(tmp_path / "raw", rng)
    # privacy.deid: true refuses DICOM that `mednn deid` has not cleaned
    code, _, err = cli("train", "--data", tmp_path / "raw", "--set", "privacy.deid=true", *TRAIN,
                       "--out", tmp_path / "refused")
    assert code == 2 and "not de-identified" in err and "mednn deid" in err
    for label in ("left", "right"):
        code, out, err = cli("deid", tmp_path / "raw" / label, "--out", tmp_path / "clean" / label,
                             "--dicom-layout", "flat")
        assert code == 0, err
        assert "12 DICOM file(s) de-identified and verified" in out
    report = json.loads((tmp_path / "clean" / "left" / "deid_report.json").read_text())
    assert report["files_written"] == 12 and all(f["verification"]["passed"] for f in report["files"])
    code, _, err = cli("train", "--data", tmp_path / "clean", "--set", "privacy.deid=true", *TRAIN,
                       "--out", tmp_path / "run")
    assert code == 0, err
    rows = list(csv.DictReader(open(tmp_path / "run" / "predictions.csv")))
    assert rows and all(r["id"].startswith("dicom-") for r in rows)
    for path in (tmp_path / "run").rglob("*"):
        if path.is_file() and path.suffix in (".csv", ".json", ".yaml", ".html"):
            text = path.read_text(errors="replace")
            # ("_" and "^" are not base64, so an inline image cannot spell these by chance)
            assert "DOE_JOHN" not in text and "DOE^JOHN" not in text and "MRN00" not in text, path.name
    code, _, err = cli("predict", tmp_path / "run", tmp_path / "clean" / "right", "--out", tmp_path / "p.csv")
    assert code == 0, err
    assert len(list(csv.DictReader(open(tmp_path / "p.csv")))) == 12


def test_a_training_folder_keeps_its_class_folders_through_deid(cli, tmp_path, monkeypatch):
    """Trial 5: after `mednn deid` a training folder lost its class sub-folders (every layout
    flattened or renamed them), so a user had to de-identify class by class. `--dicom-layout
    classes` keeps the first level and pseudonymises everything below it."""
    monkeypatch.setenv("MEDNN_DEID_SECRET", "project key of 16+ chars")
    _study(tmp_path / "raw", np.random.default_rng(1))
    code, out, err = cli("deid", tmp_path / "raw", "--out", tmp_path / "clean", "--dicom-layout", "classes")
    assert code == 0, err
    for label in ("left", "right"):
        names = sorted(p.name for p in (tmp_path / "clean" / label).iterdir())
        assert len(names) == 12 and all(n.endswith(".dcm") and "DOE" not in n for n in names)
    code, _, err = cli("train", "--data", tmp_path / "clean", "--set", "privacy.deid=true", *TRAIN,
                       "--out", tmp_path / "run")
    assert code == 0, err
    assert json.loads((tmp_path / "run" / "data.json").read_text())["n"] == 24


def test_burned_in_dicom_is_refused_for_training_unless_allowed(cli, tmp_path):
    _study(tmp_path / "raw", np.random.default_rng(1), burned=True)
    code, _, err = cli("train", "--data", tmp_path / "raw", *TRAIN, "--out", tmp_path / "run")
    assert code == 2 and "BurnedInAnnotation YES" in err and "allow_burned_in" in err
    assert "train on CLEAN" in err
    code, _, err = cli("train", "--data", tmp_path / "raw", *TRAIN, "--set", "data.allow_burned_in=true",
                       "--out", tmp_path / "run")
    assert code == 0, err


def test_burned_in_dicom_at_predict_is_told_what_to_do_at_predict(cli, tmp_path):
    """Trial 12: predict's skip reason said "train on CLEAN", and "1 inputs could not be predicted"."""
    import pandas as pd

    _study(tmp_path / "raw", np.random.default_rng(1), burned=True)
    code, _, err = cli("train", "--data", tmp_path / "raw", *TRAIN, "--set", "data.allow_burned_in=true",
                       "--out", tmp_path / "run")
    assert code == 0, err
    with pytest.warns(UserWarning, match=r"^1 input could not be predicted; listed in .*p\.skipped\.csv"):
        code, _, err = cli("predict", tmp_path / "run", tmp_path / "raw" / "left", "--set",
                           "data.allow_burned_in=false", "--out", tmp_path / "p.csv")
    assert code == 0, err
    (reason,) = pd.read_csv(tmp_path / "p.skipped.csv")["reason"]
    assert "BurnedInAnnotation YES" in reason and "train on" not in reason and "pass CLEAN in place of DATA" in reason
    assert "data.allow_burned_in=true" in reason and "DOE" not in reason


def test_a_study_with_burned_in_text_is_blanked_and_still_trains_and_predicts(cli, tmp_path, monkeypatch):
    """Every image carries a name, id and date burned into its top band (BurnedInAnnotation YES):
    refused for training as it is; `mednn deid` blanks the text (and only near it) and the
    cleaned study trains and predicts on the class signal below the band."""
    from tests.dicom_files import draw_text

    monkeypatch.setenv("MEDNN_DEID_SECRET", "project key of 16+ chars")
    rng = np.random.default_rng(3)
    below = set()  # the rows under the text band, as written: they must come out unchanged
    for c, label in enumerate(("left", "right")):
        for i in range(8):
            image = rng.integers(0, 30, (64, 128)).astype(np.uint8)
            image[24:, (0 if c == 0 else 64):(64 if c == 0 else 128)] += 150
            image = draw_text(image, f"DOE^JOHN{i} MRN{c}{i:04d}", at=(2, 4), size=12)
            uid = f"1.2.826.0.1.3680043.2.1125.7.{c}.{i}"
            path = write_dicom(tmp_path / "raw" / label / f"DOE_JOHN_{i}.dcm", image, study=uid, series=uid + ".1",
                               instance=uid + ".1.1", name=f"DOE^JOHN{i}", patient_id=f"MRN{c}{i:04d}",
                               extra={"BurnedInAnnotation": "YES"})
            below.add(image[24:].tobytes())
    train = [a.replace("data.size=16", "data.size=32") for a in TRAIN]
    code, _, err = cli("train", "--data", tmp_path / "raw", *train, "--out", tmp_path / "refused")
    assert code == 2 and "BurnedInAnnotation YES" in err
    for label in ("left", "right"):
        code, out, err = cli("deid", tmp_path / "raw" / label, "--out", tmp_path / "clean" / label,
                             "--dicom-layout", "flat")
        assert code == 0, err
    cleaned = [pydicom.dcmread(p) for p in sorted((tmp_path / "clean").rglob("*.dcm"))]
    assert len(cleaned) == 16
    for ds in cleaned:
        assert ds.BurnedInAnnotation == "NO" and (ds.pixel_array[:20] <= 30).all()  # the text band is blanked
        assert ds.pixel_array[24:].tobytes() in below  # the class signal is left as it was
    code, _, err = cli("train", "--data", tmp_path / "clean", "--set", "privacy.deid=true", *train,
                       "--out", tmp_path / "run")
    assert code == 0, err
    code, _, err = cli("predict", tmp_path / "run", tmp_path / "clean" / "left", "--out", tmp_path / "p.csv")
    assert code == 0, err
    assert len(list(csv.DictReader(open(tmp_path / "p.csv")))) == 8

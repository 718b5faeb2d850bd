"""Trial 8: a training folder of class sub-folders of single 2D DICOM files named after patients
(``pneumonia/Cohen_3.dcm``). Messages never echo such a file name; `mednn deid` keeps the class
folders so the cleaned folder still trains; a single 2D DICOM is read as a 2D image."""

import csv

import numpy as np
import pytest

from .conftest import FAST

pydicom = pytest.importorskip("pydicom")

from tests.dicom_files import write_dicom  # noqa: E402

SURNAMES = ("Cohen", "Nguyen", "Okafor")
TRAIN = ["--set", "data.format=image_folder", "--set", "data.size=16", "--set", "model.name=small_cnn",
         "--set", "model.channels=[4]", *FAST[:2], "--set", "train.epochs=3", *FAST[4:]]


def _classes(root, rng, n=10, burned=False, first=0):
    """normal/ and pneumonia/ of 16x16 2D DICOM files ``<Surname>_<i>.dcm``, one patient each (a
    bright left vs right half); with ``burned`` the first pneumonia file says BurnedInAnnotation YES."""
    for c, label in enumerate(("normal", "pneumonia")):
        for i in range(first, first + n):
            image = rng.integers(0, 40, (16, 16)).astype(np.uint8)
            image[:, (0 if c == 0 else 8):(8 if c == 0 else 16)] += 150
            uid = f"1.2.826.0.1.3680043.2.1125.8.{c}.{i}"
            surname = SURNAMES[i % 3]
            write_dicom(root / label / f"{surname}_{i}.dcm", image, study=uid, series=uid + ".1",
                        instance=uid + ".1.1", name=f"{surname.upper()}^ANA{i}", patient_id=f"MRN{c}{i:04d}",
                        extra={"BurnedInAnnotation": "YES"} if burned and c == 1 and i == first else None)


def _names_in(text):
    return [s for s in SURNAMES if s in text or s.upper() in text]


def test_an_unreadable_dicom_is_named_by_position_never_by_its_file_name(cli, tmp_path):
    """`train --data img/burned` said "pneumonia/Cohen_3.dcm: its header says BurnedInAnnotation
    YES ...; fix: ...; fix: ..." (a patient's name from the file name, two fix clauses)."""
    _classes(tmp_path / "raw", np.random.default_rng(0), burned=True)
    code, out, err = cli("train", "--data", tmp_path / "raw", *TRAIN, "--out", tmp_path / "refused")
    assert code == 2 and "BurnedInAnnotation YES" in err and "Traceback" not in err
    assert not _names_in(out + err), err
    assert "file #11 of " in err and "(dicom-" in err  # sorted position: normal/ holds files 1-10
    assert err.count("fix:") == 1 and "mednn deid" in err and "data.on_unreadable: skip" in err
    # skipped instead: the run's files list it by position and id, never by its name
    code, out, err = cli("train", "--data", tmp_path / "raw", *TRAIN, "--set", "data.on_unreadable=skip",
                         "--out", tmp_path / "run")
    assert code == 0, err
    assert not _names_in(out + err)
    for path in (tmp_path / "run").rglob("*"):
        if path.is_file() and path.suffix in (".csv", ".json", ".yaml", ".html", ".md", ".txt"):
            assert not _names_in(path.read_text(errors="replace")), path.name


def test_deid_keeps_class_folders_so_the_clean_folder_trains_and_new_files_predict(cli, tmp_path, monkeypatch):
    """`mednn deid img/burned --out CLEAN` wrote study-*/series-* (labels lost) and `train --data
    CLEAN` then refused every file as a series without positions. Now the class folders are kept
    (files renamed inside them), the cleaned folder trains, and cleaned new files (a plain folder,
    study layout: one 2D file per series folder) are read as 2D images and predicted."""
    monkeypatch.setenv("MEDNN_DEID_SECRET", "project key of 16+ chars")
    rng = np.random.default_rng(1)
    _classes(tmp_path / "raw", rng)
    code, out, err = cli("deid", tmp_path / "raw", "--out", tmp_path / "clean")
    assert code == 0, err
    assert "layout classes" in out and not _names_in(out + err)
    assert sorted(p.name for p in (tmp_path / "clean").iterdir() if p.is_dir()) == ["normal", "pneumonia"]
    for label in ("normal", "pneumonia"):
        names = [p.name for p in (tmp_path / "clean" / label).iterdir()]
        assert len(names) == 10 and all(n.endswith(".dcm") and not _names_in(n) for n in names)
    code, _, err = cli("train", "--data", tmp_path / "clean", "--set", "privacy.deid=true", *TRAIN,
                       "--out", tmp_path / "run")
    assert code == 0, err
    rows = list(csv.DictReader(open(tmp_path / "run" / "predictions.csv")))
    assert rows and all(r["id"].startswith("dicom-") for r in rows)
    # new files, no classes: the study layout (a series folder per 2D file), read as 2D images
    _classes(tmp_path / "new_raw", rng, n=3, first=20)
    new = tmp_path / "new_flat"
    for path in (tmp_path / "new_raw").rglob("*.dcm"):
        new.mkdir(exist_ok=True)
        path.rename(new / f"{path.parent.name}_{path.name}")
    code, out, err = cli("deid", new, "--out", tmp_path / "new_clean")
    assert code == 0 and "layout study" in out, err
    assert all(len(p.relative_to(tmp_path / "new_clean").parts) == 3
               for p in (tmp_path / "new_clean").rglob("*.dcm"))
    code, _, err = cli("predict", tmp_path / "run", tmp_path / "new_clean", "--out", tmp_path / "p.csv")
    assert code == 0, err
    assert len(list(csv.DictReader(open(tmp_path / "p.csv")))) == 6


def test_deid_does_not_keep_folders_named_after_patients(cli, tmp_path, monkeypatch):
    """A study export filed under patient names (one patient per folder) gets the study layout."""
    monkeypatch.setenv("MEDNN_DEID_SECRET", "project key of 16+ chars")
    rng = np.random.default_rng(2)
    for p, surname in enumerate(SURNAMES):
        for i in range(2):
            uid = f"1.2.826.0.1.3680043.2.1125.9.{p}.{i}"
            write_dicom(tmp_path / "raw" / f"{surname}_ANA" / f"{i}.dcm", rng.integers(0, 200, (16, 16)).astype(np.uint8),
                        study=uid, series=uid + ".1", instance=uid + ".1.1", name=f"{surname.upper()}^ANA",
                        patient_id=f"MRN{p:04d}")
    code, out, err = cli("deid", tmp_path / "raw", "--out", tmp_path / "clean")
    assert code == 0, err
    assert "layout study" in out
    assert not any(_names_in(p.name) for p in (tmp_path / "clean").rglob("*"))


def test_a_single_2d_slice_in_a_series_folder_is_a_2d_image(tmp_path):
    from mednn.data.image_decoding import read_dicom_series

    image = np.arange(256, dtype=np.uint8).reshape(16, 16)
    write_dicom(tmp_path / "series-1" / "a.dcm", image)  # no ImagePositionPatient, no InstanceNumber
    array = read_dicom_series(tmp_path / "series-1")
    assert array.shape == (1, 16, 16)


def test_the_privacy_deid_refusal_prints_a_fix_that_trains(cli, tmp_path, monkeypatch):
    """trial 13, #3: the refusal said to run `mednn deid DATA --out CLEAN` "per class folder";
    each class folder then came out as study-*/series-* folders and training read none of them.
    The printed command, followed as printed, now gives a folder that trains."""
    import re
    import shlex

    monkeypatch.setenv("MEDNN_DEID_SECRET", "project key of 16+ chars")
    _classes(tmp_path / "raw", np.random.default_rng(3))
    for path in (tmp_path / "raw" / "normal").iterdir():  # one patient's images: no layout guess keeps it
        ds = pydicom.dcmread(path)
        ds.PatientName, ds.PatientID = "ROE^JANE", "MRN77"
        ds.save_as(path)
    args = ["--set", "privacy.deid=true", *TRAIN]
    code, out, err = cli("train", "--data", tmp_path / "raw", *args, "--out", tmp_path / "refused")
    assert code == 2 and "Traceback" not in err and not _names_in(out + err), err
    command = re.search(r"fix: run `mednn (deid [^`]+)`", err).group(1)
    words = [{"DATA": str(tmp_path / "raw"), "CLEAN": str(tmp_path / "clean")}.get(w, w) for w in shlex.split(command)]
    code, _, err = cli(*words)
    assert code == 0, err
    code, _, err = cli("train", "--data", tmp_path / "clean", *args, "--out", tmp_path / "run")
    assert code == 0, err
    rows = list(csv.DictReader(open(tmp_path / "run" / "predictions.csv")))
    assert rows and {r["target"] for r in rows} <= {"normal", "pneumonia"}  # not study-* folders as classes
    assert "p:normal" in rows[0] and "p:pneumonia" in rows[0]


@pytest.mark.parametrize("layout", ["study", "series", "flat"])
def test_an_export_of_studies_is_refused_for_training_not_read_as_classes(cli, tmp_path, monkeypatch, layout):
    """issue 19: `mednn deid STUDY_DIR --out CLEAN` (study layout by default) and then `train --data
    CLEAN` trained silently with each pseudonymous study folder as a class. Now one line, exit 2,
    saying how to get a trainable layout; also when the report was removed (folder names alone)."""
    monkeypatch.setenv("MEDNN_DEID_SECRET", "project key of 16+ chars")
    rng = np.random.default_rng(4)
    for p, surname in enumerate(SURNAMES):
        for i in range(2):
            uid = f"1.2.826.0.1.3680043.2.1125.10.{p}.{i}"
            write_dicom(tmp_path / "raw" / f"{surname}_ANA" / f"{i}.dcm", rng.integers(0, 200, (16, 16)).astype(np.uint8),
                        study=uid, series=uid + ".1", instance=uid + ".1.1", patient_id=f"MRN{p:04d}")
    code, out, err = cli("deid", tmp_path / "raw", "--out", tmp_path / "clean", "--dicom-layout", layout)
    assert code == 0 and f"layout {layout}" in out, err
    for attempt in ("with report", "without report"):
        code, out, err = cli("train", "--data", tmp_path / "clean", *TRAIN, "--out", tmp_path / "run")
        lines = [x for x in err.splitlines() if x.strip()]
        assert code == 2 and len(lines) == 1 and "Traceback" not in err, (attempt, err)
        assert f"export in {layout} layout" in err and "--dicom-layout classes" in err and "image_csv" in err
        assert not (tmp_path / "run").exists() and not _names_in(out + err)
        if layout == "flat":  # files in one folder, no folder names to go by: the report tells, also to format: auto
            code, _, err = cli("train", "--data", tmp_path / "clean", "--out", tmp_path / "run")
            assert code == 2 and "export in flat layout" in err, err
            break
        (tmp_path / "clean" / "deid_report.json").unlink(missing_ok=True)
    # a folder of class sub-folders is still read as classes, and new files in study layout still predict
    from mednn.data.dicom_privacy import unlabelled_export_layout

    _classes(tmp_path / "classes", rng, n=2)
    assert unlabelled_export_layout(tmp_path / "classes") is None

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

"""A DICOM series with a slice missing is refused, never scored as a shorter volume (trial 19).

Before: a 16-slice CT series with slice 8 deleted was read as 15 evenly stacked slices and
resized to the run's 16: `mednn predict` scored it with no word, training took it in."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import numpy as np
import pytest

from mednn.config import DataConfig
from mednn.data.image_decoding import read_dicom_series
from mednn.data.readers import read_dataset
from mednn.errors import DataError

pydicom = pytest.importorskip("pydicom")
warnings.filterwarnings("ignore", module="pydicom")


def _series(folder: Path, positions, name: str = "DOE_JOHN") -> Path:
    base = pydicom.dcmread(Path(pydicom.data.__file__).parent / "test_files" / "CT_small.dcm")
    folder.mkdir(parents=True)
    for k, z in enumerate(positions):
        ds = base.copy()
        ds.ImagePositionPatient = [0.0, 0.0, float(z)]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.InstanceNumber = k + 1
        ds.save_as(folder / f"{name}_{k:03d}.dcm")
    return folder


def test_a_series_with_a_missing_slice_is_unreadable(tmp_path):
    even = _series(tmp_path / "even", [0.0, 2.5, 5.0, 7.5, 10.0])
    assert read_dicom_series(even).shape[1] == 5
    gap = _series(tmp_path / "gap", [0.0, 2.5, 5.0, 10.0, 12.5])  # the slice at 7.5 mm is missing
    with pytest.raises(Exception, match="missing") as err:
        read_dicom_series(gap)
    assert "DOE" not in str(err.value)


def test_training_names_the_gapped_series_by_position_only(tmp_path):
    for cls in ("a", "b"):
        _series(tmp_path / cls / "SMITH_ANNA_series", [0.0, 2.0, 4.0, 6.0])
    shutil.rmtree(tmp_path / "b" / "SMITH_ANNA_series")
    _series(tmp_path / "b" / "SMITH_ANNA_series", [0.0, 2.0, 6.0, 8.0])
    with pytest.raises(DataError, match="missing") as err:
        read_dataset(DataConfig(format="image_folder", path=str(tmp_path)))
    assert "SMITH" not in str(err.value) and "file #2 of " in str(err.value)


def test_uneven_rounding_of_positions_is_not_a_gap(tmp_path):
    # positions as scanners write them: rounded, spacing 1.25 +- 0.01
    series = _series(tmp_path / "s", np.round(np.arange(6) * 1.25 + np.array([0, .01, -.01, 0, .01, 0]), 2))
    assert read_dicom_series(series).shape[1] == 6


def test_when_no_image_is_readable_the_message_says_why(tmp_path):
    # `mednn predict RUN gapped_series/` (unreadable files skipped) said only "no readable image;
    # fix: check data.path", though the path was right and the reason was known
    for cls in ("a", "b"):
        _series(tmp_path / cls / "SMITH_ANNA_series", [0.0, 2.0, 6.0, 8.0])
    with pytest.raises(DataError, match="no readable image") as err:
        read_dataset(DataConfig(format="image_folder", path=str(tmp_path), on_unreadable="skip"))
    assert "a slice is missing" in str(err.value) and "SMITH" not in str(err.value)


def test_a_patient_study_series_tree_under_a_class_says_where_the_files_are(tmp_path):
    # class/<patient>/<study>/<series>/*.dcm, as a PACS export is filed: training said "the folder
    # holds no DICOM files" of a folder holding 16 of them two levels down
    _series(tmp_path / "a" / "DOE_JOHN" / "study1" / "series_2", [0.0, 2.0, 4.0])
    _series(tmp_path / "b" / "ROE_JANE" / "study1" / "series_2", [0.0, 2.0, 4.0])
    with pytest.raises(DataError, match="subfolders") as err:
        read_dataset(DataConfig(format="image_folder", path=str(tmp_path)))
    assert "holds no DICOM files" not in str(err.value) and "--dicom-layout classes" in str(err.value)
    assert "DOE" not in str(err.value)

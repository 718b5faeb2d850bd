"""A folder mixing two studies is refused for a 3D run's images to predict, never scored
through one of them with the other dropped silently (trial 19).

Before: two patients' CT series copied into one folder gave `mednn predict` one row (the
series chosen as "the one with the most slices"), the other patient gone without a word;
a series with one file cut short (no UIDs left) was scored without that slice."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from mednn.data.image_decoding import read_dicom_series
from mednn.data.image_options import ImageOptions

pydicom = pytest.importorskip("pydicom")
warnings.filterwarnings("ignore", module="pydicom")


def _series(folder: Path, study: str, series: str, n: int, name: str) -> None:
    base = pydicom.dcmread(Path(pydicom.data.__file__).parent / "test_files" / "CT_small.dcm")
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        ds = base.copy()
        ds.StudyInstanceUID, ds.SeriesInstanceUID = study, series
        ds.SOPInstanceUID = f"{series}.{k + 1}"
        ds.ImagePositionPatient, ds.ImageOrientationPatient = [0.0, 0.0, 2.0 * k], [1, 0, 0, 0, 1, 0]
        ds.save_as(folder / f"{name}_{k:03d}.dcm")


PREDICT = ImageOptions(dicom_series="most_slices")


def test_two_series_of_one_study_are_one_sample(tmp_path):
    _series(tmp_path / "s", "1.2.3", "1.2.3.1", 4, "DOE_JOHN_a")
    _series(tmp_path / "s", "1.2.3", "1.2.3.2", 2, "DOE_JOHN_b")  # a localizer
    assert read_dicom_series(tmp_path / "s", PREDICT).shape[1] == 4


def test_two_studies_in_one_folder_are_refused(tmp_path):
    _series(tmp_path / "s", "1.2.3", "1.2.3.1", 4, "DOE_JOHN")
    _series(tmp_path / "s", "1.2.4", "1.2.4.1", 4, "ROE_JANE")
    with pytest.raises(Exception, match="studies") as err:
        read_dicom_series(tmp_path / "s", PREDICT)
    assert "DOE" not in str(err.value) and "ROE" not in str(err.value)


def test_a_slice_cut_short_is_not_dropped(tmp_path):
    _series(tmp_path / "s", "1.2.3", "1.2.3.1", 4, "DOE_JOHN")
    cut = tmp_path / "s" / "DOE_JOHN_001.dcm"
    cut.write_bytes(cut.read_bytes()[:300])  # the header ends before the UIDs
    with pytest.raises(Exception, match="cut short"):
        read_dicom_series(tmp_path / "s", PREDICT)

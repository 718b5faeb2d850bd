"""Image folders, CSV manifests, DICOM (pydicom's bundled files) and NIfTI (nibabel's)."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from mednn.config import DataConfig
from mednn.data.image_decoding import order_slices, read_dicom, read_dicom_series, read_nifti
from mednn.data.image_options import ImageOptions
from mednn.data.readers import read_dataset
from mednn.errors import ConfigError, DataError

pydicom = pytest.importorskip("pydicom")
from pydicom.data import get_testdata_file  # noqa: E402

warnings.filterwarnings("ignore", module="pydicom")


def bundled(name: str) -> str:
    # only files shipped inside the pydicom wheel: get_testdata_file would download others
    path = Path(pydicom.data.__file__).parent / "test_files" / name
    assert path.is_file(), name
    return get_testdata_file(name)


def save(path: Path, array: np.ndarray, mode: str | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(array, mode=mode).save(path) if mode else Image.fromarray(array).save(path)


# --- folders --------------------------------------------------------------------------------------


def make_folder(root: Path) -> None:
    rng = np.random.default_rng(0)
    for c, cls in enumerate(["benign", "malignant"]):
        for i in range(3):
            save(root / cls / f"{i}.png", rng.integers(0, 256, (8, 8), dtype=np.uint8))
    (root / "benign" / "notes.txt").write_text("not an image")


def test_folder_classes_ids_and_auto_format(tmp_path):
    make_folder(tmp_path)
    ds = read_dataset(DataConfig(path=str(tmp_path)))
    assert ds.inputs.shape == (6, 1, 8, 8) and ds.inputs.dtype == np.uint8
    assert ds.task.kind == "binary" and ds.task.class_names == ("benign", "malignant")
    assert list(ds.targets) == [0, 0, 0, 1, 1, 1]
    assert ds.ids[3] == "malignant/0.png"
    expected = np.asarray(Image.open(tmp_path / "malignant" / "0.png"))
    np.testing.assert_array_equal(ds.inputs[3, 0], expected)
    assert ds.notes["ignored"]["count"] == 1 and ds.split is None
    # a skipped file is counted by type, never named: its name may be a patient's
    assert ds.notes["ignored"]["types"] == [".txt"] and "notes" not in str(ds.notes)


def test_folder_with_split_folders_rgb_and_resize(tmp_path):
    rng = np.random.default_rng(1)
    for split in ("train", "test"):
        for cls in ("a", "b", "c"):
            save(tmp_path / split / cls / "x.png", rng.integers(0, 256, (10, 10, 3), dtype=np.uint8))
    save(tmp_path / "train" / "a" / "big.jpg", rng.integers(0, 256, (20, 20, 3), dtype=np.uint8))
    save(tmp_path / "train" / "b" / "gray.png", np.full((10, 10), 9, np.uint8))
    ds = read_dataset(DataConfig(format="image_folder", path=str(tmp_path)))
    assert ds.task.kind == "multiclass" and ds.inputs.shape == (8, 3, 10, 10)
    assert sorted(set(ds.split)) == ["test", "train"]
    assert ds.notes["resized"]["count"] == 1 and ds.notes["gray_to_rgb"]
    gray = list(ds.ids).index("train/b/gray.png")
    assert (ds.inputs[gray] == 9).all()
    sized = read_dataset(DataConfig(format="image_folder", path=str(tmp_path), size=6, color="gray"))
    assert sized.inputs.shape == (8, 1, 6, 6) and "resized" not in sized.notes


def test_folder_16_bit_and_mixed_with_8_bit(tmp_path):
    save(tmp_path / "a" / "x.png", np.full((4, 4), 1000, np.uint16))
    save(tmp_path / "b" / "y.png", np.full((4, 4), 255, np.uint8))
    ds = read_dataset(DataConfig(format="image_folder", path=str(tmp_path)))
    assert ds.inputs.dtype == np.uint16
    assert (ds.inputs[0] == 1000).all() and (ds.inputs[1] == 65535).all()


def test_folder_unreadable_fail_and_skip(tmp_path):
    make_folder(tmp_path)
    (tmp_path / "malignant" / "broken.png").write_bytes(b"\x89PNG not really")
    with pytest.raises(DataError, match=r"1 unreadable.*malignant/broken.png.*on_unreadable"):
        read_dataset(DataConfig(format="image_folder", path=str(tmp_path)))
    ds = read_dataset(DataConfig(format="image_folder", path=str(tmp_path), on_unreadable="skip"))
    assert len(ds) == 6 and ds.notes["skipped"][0]["path"] == "malignant/broken.png"
    assert "malignant/broken.png" not in set(ds.ids)


def test_folder_errors(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        read_dataset(DataConfig(format="image_folder", path=str(tmp_path / "no")))
    make_folder(tmp_path)
    with pytest.raises(ConfigError, match="malignant"):
        read_dataset(DataConfig(format="image_folder", path=str(tmp_path), class_names=["benign", "other"]))
    with pytest.raises(ConfigError, match="data.colour"):
        read_dataset(DataConfig(format="image_folder", path=str(tmp_path), colour="gray"))


# --- CSV manifests -------------------------------------------------------------------------------


def test_csv_manifest_labels_groups_meta_split_tiff16(tmp_path):
    rng = np.random.default_rng(2)
    rows = ["path,finding,patient,age,split"]
    for i in range(6):
        array = rng.integers(0, 65536, (5, 7), dtype=np.uint16)
        Image.fromarray(array).save(tmp_path / f"img{i}.tif")
        rows.append(f"img{i}.tif,{'pneumonia' if i % 2 else 'normal'},p{i // 2},{40 + i},{'test' if i > 3 else 'train'}")
    (tmp_path / "manifest.csv").write_text("\n".join(rows) + "\n")
    ds = read_dataset(DataConfig(format="image_csv", path=str(tmp_path / "manifest.csv"), label="finding",
                                 patient_column="patient", meta_columns=["age"], split_column="split",
                                 positive_class="pneumonia"))
    assert ds.inputs.shape == (6, 1, 5, 7) and ds.inputs.dtype == np.uint16
    np.testing.assert_array_equal(ds.inputs[2, 0], np.asarray(Image.open(tmp_path / "img2.tif")))
    assert ds.task.class_names == ("normal", "pneumonia") and list(ds.targets) == [0, 1, 0, 1, 0, 1]
    assert list(ds.groups) == ["p0", "p0", "p1", "p1", "p2", "p2"]
    assert list(ds.meta["age"]) == [40, 41, 42, 43, 44, 45]
    assert list(ds.split) == ["train"] * 4 + ["test"] * 2 and ds.ids[0] == "row-2"


def test_csv_manifest_missing_file_and_column(tmp_path):
    save(tmp_path / "a.png", np.zeros((4, 4), np.uint8))
    save(tmp_path / "b.png", np.zeros((4, 4), np.uint8))
    (tmp_path / "m.csv").write_text("path,y\na.png,0\nb.png,1\nmissing.png,1\n")
    with pytest.raises(DataError, match="missing.png: the file does not exist"):
        read_dataset(DataConfig(format="image_csv", path=str(tmp_path / "m.csv"), label="y"))
    ds = read_dataset(DataConfig(format="image_csv", path=str(tmp_path / "m.csv"), label="y", on_unreadable="skip"))
    assert len(ds) == 2 and ds.notes["skipped"] == [
        {"id": "row-4", "path": "missing.png", "reason": "the file does not exist"}]
    with pytest.raises(DataError, match="no column 'file'"):
        read_dataset(DataConfig(format="image_csv", path=str(tmp_path / "m.csv"), label="y", path_column="file"))


# --- DICOM ---------------------------------------------------------------------------------------


def test_dicom_hounsfield_matches_rescale_tags():
    path = bundled("CT_small.dcm")
    ds = pydicom.dcmread(path)
    raw = ds.pixel_array.astype(np.float64)
    hu = read_dicom(path, ImageOptions(dicom_values="hounsfield"))
    assert hu.shape == (1, 128, 128) and hu.dtype == np.float32
    expected = raw * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
    np.testing.assert_allclose(hu[0], expected)
    windowed = read_dicom(path, ImageOptions(window_center=40, window_width=400))
    by_hand = np.round(np.clip((expected - (40 - 200)) / 400, 0, 1) * 255)
    np.testing.assert_array_equal(windowed[0], by_hand.astype(np.uint8))


def test_dicom_window_from_tags_and_monochrome1(tmp_path):
    path = bundled("MR_small.dcm")
    ds = pydicom.dcmread(path)
    center, width = float(ds.WindowCenter), float(ds.WindowWidth)
    out = read_dicom(path)
    by_hand = np.round(np.clip((ds.pixel_array - (center - width / 2)) / width, 0, 1) * 255)
    np.testing.assert_array_equal(out[0], by_hand.astype(np.uint8))
    ds.PhotometricInterpretation = "MONOCHROME1"
    ds.save_as(tmp_path / "inverted.dcm")
    np.testing.assert_array_equal(read_dicom(tmp_path / "inverted.dcm")[0], 255 - out[0])


def test_dicom_series_ordered_by_position_not_name(tmp_path):
    base = pydicom.dcmread(bundled("CT_small.dcm"))
    series = tmp_path / "patient" / "series"
    series.mkdir(parents=True)
    z_positions = [10.0, -5.0, 2.5, 17.5]  # evenly spaced (a gap is a missing slice: trial 19)
    for name, z in zip(["a.dcm", "b.dcm", "c.dcm", "d.dcm"], z_positions):
        ds = base.copy()
        ds.ImagePositionPatient = [0.0, 0.0, z]
        pixels = np.full((128, 128), int(z * 10) + 500, dtype=np.int16)
        ds.PixelData = pixels.tobytes()
        ds.save_as(series / name)
    volume = read_dicom_series(series, ImageOptions(dicom_values="hounsfield"))
    assert volume.shape == (1, 4, 128, 128)
    slope, intercept = float(base.RescaleSlope), float(base.RescaleIntercept)
    expected = [(int(z * 10) + 500) * slope + intercept for z in sorted(z_positions)]
    np.testing.assert_allclose(volume[0, :, 0, 0], expected)
    # a manifest row may point at the series folder
    (tmp_path / "m.csv").write_text("path,y\npatient/series,1\npatient/series,0\n")
    ds = read_dataset(DataConfig(format="image_csv", path=str(tmp_path / "m.csv"), label="y"))
    assert ds.inputs.shape == (2, 1, 4, 128, 128)


def test_order_slices_uses_the_slice_normal():
    class Slice:
        def __init__(self, position):
            self.ImageOrientationPatient = [0, 1, 0, 0, 0, -1]  # sagittal: normal along -x
            self.ImagePositionPatient = position

    slices = [Slice([x, 0, 0]) for x in (1.0, 3.0, 2.0)]
    ordered = order_slices(slices)
    assert [s.ImagePositionPatient[0] for s in ordered] == [3.0, 2.0, 1.0]


@pytest.mark.parametrize("name, reason", [
    ("MR_small_jpeg_ls_lossless.dcm", "compressed transfer syntax 'JPEG-LS Lossless"),
    ("MR_truncated.dcm", "truncated"),
    ("rtplan.dcm", "no image"),
])
def test_dicom_unsupported_or_corrupt_give_clear_errors(tmp_path, name, reason):
    for cls, source in (("a", "CT_small.dcm"), ("b", name)):
        (tmp_path / cls).mkdir()
        shutil.copy(bundled(source), tmp_path / cls / source)
    with pytest.raises(DataError, match=reason) as err:
        read_dataset(DataConfig(format="image_folder", path=str(tmp_path)))
    # named by position and pseudonymous id: a DICOM file's name may be a patient's (trial 8)
    assert "file #2 of " in str(err.value) and name not in str(err.value)


def test_not_a_dicom_file(tmp_path):
    fake = tmp_path / "a" / "x.dcm"
    fake.parent.mkdir()
    fake.write_bytes(b"\x00" * 200)
    (tmp_path / "b").mkdir()
    shutil.copy(bundled("CT_small.dcm"), tmp_path / "b" / "y.dcm")
    with pytest.raises(DataError, match=r"file #1 of .* \(dicom-[0-9a-f]{16}\): not a readable DICOM") as err:
        read_dataset(DataConfig(format="image_folder", path=str(tmp_path)))
    assert "x.dcm" not in str(err.value)


# --- NIfTI ---------------------------------------------------------------------------------------


def test_nifti_bundled_file_matches_nibabel_canonical():
    nib = pytest.importorskip("nibabel")
    from nibabel.testing import data_path

    path = Path(data_path) / "anatomical.nii"
    image = nib.as_closest_canonical(nib.load(str(path)))
    expected = np.asarray(image.get_fdata(), dtype=np.float32)
    got = read_nifti(path)
    assert got.shape == (1, *expected.shape[::-1])
    np.testing.assert_allclose(got[0], expected.transpose(2, 1, 0))


def test_nifti_is_reoriented_to_ras(tmp_path):
    nib = pytest.importorskip("nibabel")
    data = np.arange(2 * 3 * 4, dtype=np.float32).reshape(2, 3, 4)
    # x runs right-to-left (LAS): the reader must flip it to RAS
    nib.save(nib.Nifti1Image(data, np.diag([-1.0, 1.0, 1.0, 1.0])), tmp_path / "las.nii.gz")
    got = read_nifti(tmp_path / "las.nii.gz")
    np.testing.assert_array_equal(got[0], data[::-1].transpose(2, 1, 0))
    (tmp_path / "broken.nii.gz").write_bytes(b"garbage")
    (tmp_path / "m.csv").write_text("path,y\nlas.nii.gz,0\nbroken.nii.gz,1\nlas.nii.gz,1\n")
    with pytest.raises(DataError, match="broken.nii.gz: not a readable NIfTI"):
        read_dataset(DataConfig(format="image_csv", path=str(tmp_path / "m.csv"), label="y"))

"""Scoring what users bring to a 3D run: NIfTI of any type and orientation, DICOM studies of
several series, and one clear line (exit 2) for a 2D image sent to a 3D run or the reverse."""

import warnings

import numpy as np
import pandas as pd
import pytest

from mednn.cli.main import main

pydicom = pytest.importorskip("pydicom")
nib = pytest.importorskip("nibabel")
warnings.filterwarnings("ignore", module="pydicom")
SHAPE = 12  # training volumes are 12^3


def _npz(path, volumetric: bool, seed: int = 0):
    rng = np.random.default_rng(seed)
    arrays = {}
    for split, n in (("train", 32), ("val", 8), ("test", 8)):
        y = np.arange(n) % 2
        shape = (n, SHAPE, SHAPE, SHAPE) if volumetric else (n, SHAPE, SHAPE)
        x = rng.integers(0, 60, shape).astype(np.uint8)
        x[y == 1, 3:9, 3:9] = 220
        arrays[f"{split}_images"], arrays[f"{split}_labels"] = x, y.reshape(-1, 1).astype(np.uint8)
    np.savez(path, **arrays)
    return path


def _train(tmp, volumetric):
    data = _npz(tmp / ("vol.npz" if volumetric else "img.npz"), volumetric)
    out = tmp / ("run3d" if volumetric else "run2d")
    code = main(["train", "--data", str(data), "--out", str(out), "--set", "model.name=small_cnn",
                 "--set", "train.epochs=2", "--set", "explain.enabled=false", "--set", "report.enabled=false",
                 "--set", "evaluate.bootstrap=0", "--set", "train.progress=false",
                 "--set", "evaluate.baselines=none"])
    assert code == 0
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("runs")
    return {"3d": _train(tmp, True), "2d": _train(tmp, False)}


def _predict(capsys, run, path, out):
    code = main(["predict", str(run), str(path), "--out", str(out)])
    return code, capsys.readouterr().err


def _ct_slices(folder, n, series_uid, study_uid, series_number, rng):
    from pydicom.data import get_testdata_file

    base = pydicom.dcmread(get_testdata_file("CT_small.dcm"))
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        ds = base.copy()
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.SeriesNumber = study_uid, series_uid, series_number
        ds.SOPInstanceUID = f"{series_uid}.{k + 1}"
        ds.ImagePositionPatient = [0.0, 0.0, float(k * 2.5)]
        ds.InstanceNumber = k + 1
        ds.PixelData = rng.integers(0, 400, (128, 128)).astype(np.int16).tobytes()
        ds.save_as(folder / f"s{series_number}_{k:02d}.dcm")


def test_float_and_int16_nifti_in_any_orientation_are_scored(runs, tmp_path, capsys):
    rng = np.random.default_rng(1)
    folder = tmp_path / "nifti"
    folder.mkdir()
    lps = np.diag([-1.2, -1.0, 2.0, 1.0])  # left-posterior-superior, anisotropic voxels
    nib.save(nib.Nifti1Image(rng.normal(0, 300, (20, 18, 22)).astype(np.float32), lps), folder / "a.nii.gz")
    nib.save(nib.Nifti1Image(rng.integers(-1000, 2000, (16, 16, 9)).astype(np.int16), np.eye(4)), folder / "b.nii")
    code, err = _predict(capsys, runs["3d"], folder, tmp_path / "p.csv")
    assert code == 0, err
    frame = pd.read_csv(tmp_path / "p.csv")
    assert sorted(frame["id"]) == ["a.nii.gz", "b.nii"]


def test_a_study_of_several_series_is_scored_through_the_series_with_most_slices(runs, tmp_path, capsys):
    from mednn.config import load_config
    from mednn.data.images_to_predict import read_images_to_predict
    from mednn.data.image_options import PredictImageOptions

    rng = np.random.default_rng(2)
    studies = tmp_path / "studies"
    _ct_slices(studies / "flat", 3, "1.2.3.1", "1.2.3", 1, rng)  # a 3-slice localizer ...
    _ct_slices(studies / "flat", 10, "1.2.3.2", "1.2.3", 2, rng)  # ... and the volume, in one folder
    _ct_slices(studies / "nested" / "loc", 2, "1.2.4.1", "1.2.4", 1, rng)
    _ct_slices(studies / "nested" / "axial", 7, "1.2.4.2", "1.2.4", 2, rng)
    code, err = _predict(capsys, runs["3d"], studies, tmp_path / "p.csv")
    assert code == 0, err
    from mednn.data.dicom_privacy import image_id, image_ids_keyed
    from mednn.runs import load_run

    with image_ids_keyed(load_run(runs["3d"]).image_id_key()):  # pseudonyms under the run's key, as predict names DICOM
        by_run = {image_id(n, "series"): n for n in ("flat", "nested")}
    assert sorted(by_run[i] for i in pd.read_csv(tmp_path / "p.csv")["id"]) == ["flat", "nested"]
    names = {image_id(n, "series"): n for n in ("flat", "nested")}  # outside a run: this process's key
    cfg = load_config(None, [f"data.path={studies}"]).data
    ds = read_images_to_predict(cfg, PredictImageOptions(size=[SHAPE] * 3, stored_type="uint8"))
    chosen = {names[s["id"]]: s["slices_scored"] for s in ds.notes["series_chosen"]["studies"]}
    assert chosen == {"flat": 10, "nested": 7} and ds.inputs.dtype == np.uint8


def test_a_2d_slice_sent_to_a_3d_run_is_one_line_and_exit_2(runs, tmp_path, capsys):
    from pydicom.data import get_testdata_file

    code, err = _predict(capsys, runs["3d"], get_testdata_file("CT_small.dcm"), tmp_path / "p.csv")
    lines = [line for line in err.strip().splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1, err
    assert "2D images" in lines[0] and "trained on 3D volumes" in lines[0] and "data.size" not in lines[0]
    assert not (tmp_path / "p.csv").exists()


def test_a_volume_sent_to_a_2d_run_is_one_line_and_exit_2(runs, tmp_path, capsys):
    nib.save(nib.Nifti1Image(np.zeros((10, 10, 10), np.float32), np.eye(4)), tmp_path / "v.nii.gz")
    code, err = _predict(capsys, runs["2d"], tmp_path / "v.nii.gz", tmp_path / "p.csv")
    lines = [line for line in err.strip().splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1, err
    assert "3D volumes" in lines[0] and "trained on 2D images" in lines[0]

"""One odd file in a batch of images to predict (trial 10, #8): a colour image among greyscale
ones is read as the run reads images and scored (its OOD score flags it); a volume or multi-frame
file among 2D images is skipped by predict and listed with its reason in OUT.skipped.csv (refused
with --set data.on_unreadable=fail). Training names them too."""

import numpy as np
import pytest

from mednn.data.image_layout import image_layout
from mednn.data.image_options import ImageOptions
from mednn.errors import DataError

from .conftest import FAST

CNN = ["--set", "model.name=small_cnn", "--set", "model.channels=[4,8]", "--set", "train.epochs=2",
       "--set", "explain.enabled=false", "--set", "report.enabled=false"]


def test_one_odd_file_does_not_stop_a_predict_batch(cli, tmp_path, squares_npz):
    """A colour DICOM among grey ones is read as the run reads images (data.color: gray) and
    scored; a multi-frame file among 2D images is left out and listed with its reason (or, with
    on_unreadable: fail, named in a refusal)."""
    pytest.importorskip("pydicom")
    import pandas as pd

    from mednn.data.dicom_privacy import image_id
    from tests.dicom_files import write_dicom

    run = tmp_path / "run"
    code, _, err = cli("train", "--data", squares_npz(sizes=(("train", 40), ("val", 12), ("test", 12))),
                       "--out", run, *FAST, *CNN)
    assert code == 0, err
    folder = tmp_path / "new"
    rng = np.random.default_rng(1)
    uid = "1.2.826.0.1.3680043.2.1125.7"
    for i in range(3):
        write_dicom(folder / f"grey{i}.dcm", rng.integers(0, 200, (16, 16)).astype(np.uint8), series=f"{uid}.{i}",
                    instance=f"{uid}.{i}.1")
    write_dicom(folder / "colour.dcm", rng.integers(0, 200, (16, 16, 3)).astype(np.uint8), series=f"{uid}.90",
                instance=f"{uid}.90.1")
    code, _, err = cli("predict", run, folder, "--out", tmp_path / "p.csv")
    assert code == 0, err
    assert len(pd.read_csv(tmp_path / "p.csv")) == 4  # the colour file scored too, with its own OOD score
    write_dicom(folder / "cine.dcm", rng.integers(0, 200, (4, 16, 16)).astype(np.uint8), frames=True,
                series=f"{uid}.91", instance=f"{uid}.91.1")
    from mednn.data.dicom_privacy import image_ids_keyed
    from mednn.runs import load_run

    with image_ids_keyed(load_run(run).image_id_key()):  # named under the run's key, as predict names it
        cine = image_id("cine.dcm", "dicom")  # a DICOM is named by position and pseudonym, never its file name
    # trial 11: one multi-frame file exited 2 for the whole batch; predict now scores the others and
    # lists it, with its reason, beside the predictions (never a silent drop)
    with pytest.warns(UserWarning, match=r"1 input could not be predicted; listed in .*q\.skipped\.csv"):
        code, _, err = cli("predict", run, folder, "--out", tmp_path / "q.csv")
    assert code == 0, err
    assert len(pd.read_csv(tmp_path / "q.csv")) == 4 and cine not in set(pd.read_csv(tmp_path / "q.csv")["id"])
    skipped = pd.read_csv(tmp_path / "q.skipped.csv")
    assert list(skipped["id"]) == [cine] and "3-axis image" in skipped["reason"][0]
    code, _, err = cli("predict", run, folder, "--set", "data.on_unreadable=fail", "--out", tmp_path / "r.csv")
    assert code == 2 and len(err.strip().splitlines()) == 1 and f"({cine}): a 3-axis image" in err, err
    assert "1 unreadable file(s)" in err and "on_unreadable: skip" in err and not (tmp_path / "r.csv").exists()


def test_data_color_applies_to_dicom_as_to_pictures():
    from mednn.data.image_decoding import with_color

    rgb = np.zeros((3, 2, 2), np.uint8)
    rgb[0], rgb[1], rgb[2] = 100, 200, 50
    grey = with_color(rgb, "gray")
    assert grey.shape == (1, 2, 2) and grey.dtype == np.uint8 and int(grey[0, 0, 0]) == round(0.299 * 100 + 0.587 * 200 + 0.114 * 50)
    assert with_color(grey, "rgb").shape == (3, 2, 2) and with_color(rgb, "auto") is rgb


def test_a_volume_among_2d_images_is_named():
    metas = [((1, 16, 16), "uint8")] * 4 + [((1, 8, 16, 16), "uint8")]
    names = [f"slice{i}.png" for i in range(4)] + ["cine.dcm"]
    with pytest.raises(DataError, match=r"mixes 2D images and 3D volumes \(1 of 5 are 3D volumes.*: cine\.dcm\)"):
        image_layout(metas, ImageOptions(), "batch", names=names)
    with pytest.raises(DataError, match=r"mixes 2D images and 3D volumes"):  # without names: counts only
        image_layout(metas, ImageOptions(), "batch")


def test_a_4d_file_beside_one_volume_is_the_odd_one_named_with_its_fix():
    # trial 14, mednn serve: a 3D volume and a 4D NIfTI in one request read '(1 with 1); fix: set data.color'
    metas = [((1, 8, 8, 8), "uint8"), ((2, 8, 8, 8), "uint8")]
    with pytest.raises(DataError, match=r"\(1 with 2: t\.nii\.gz\); fix: leave out the file\(s\) with 2 frames"):
        image_layout(metas, ImageOptions(), "batch", names=["a.nii.gz", "t.nii.gz"])


def test_a_4d_file_among_volumes_to_predict_is_skipped_not_a_colour_error(tmp_path):
    """trial 14: nibabel's example4d.nii.gz (two time points, read as two channels) among 3D
    volumes stopped the whole predict batch with 'images have [1, 2] channels; fix: set data.color'."""
    nib = pytest.importorskip("nibabel")
    from mednn.data.image_files import _other_kind_left_out
    from mednn.data.image_options import PredictImageOptions

    rng = np.random.default_rng(0)
    for name, shape in (("a.nii.gz", (8, 8, 8)), ("b.nii.gz", (8, 8, 8)), ("t.nii.gz", (8, 8, 8, 2))):
        nib.save(nib.Nifti1Image(rng.integers(0, 200, shape).astype(np.uint8), np.eye(4)), tmp_path / name)
    paths = sorted(tmp_path.glob("*.nii.gz"))
    arrays = [rng.random((1, 8, 8, 8)), rng.random((1, 8, 8, 8)), rng.random((2, 8, 8, 8))]
    failed: list = []
    options = PredictImageOptions(size=[8, 8, 8])
    kept_arrays, kept = _other_kind_left_out(arrays, [0, 1, 2], failed, paths, [p.name for p in paths], options,
                                             str(tmp_path), None)
    assert kept == [0, 1] and len(kept_arrays) == 2
    assert len(failed) == 1 and "2 frames or channels per voxel" in failed[0]["reason"]
    assert "3D volumes" in failed[0]["reason"]


def test_a_2d_image_among_volumes_is_called_a_2d_image(tmp_path):
    """trial 16: a PNG in a folder of NIfTI volumes sent to a 3D run was skipped as 'a 2-axis image
    (a volume or multi-frame file?)': the guess named the opposite of what the file was."""
    from pathlib import Path

    from mednn.data.image_files import _other_kind_left_out
    from mednn.data.image_options import PredictImageOptions

    arrays = [np.zeros((1, 4, 4, 4), np.uint8), np.zeros((1, 4, 4), np.uint8), np.zeros((1, 2, 4, 4, 4), np.uint8)]
    names = ["v.nii.gz", "noise.png", "two.nii.gz"]
    failed: list = []
    kept_arrays, kept = _other_kind_left_out(arrays, [0, 1, 2], failed, [Path(n) for n in names], names,
                                             PredictImageOptions(size=[4, 4, 4]), "new", None)
    assert kept == [0] and len(kept_arrays) == 1
    reasons = {f["id"]: f["reason"] for f in failed}
    assert reasons["noise.png"].startswith("a 2D image (a picture or one slice?) but the run takes 3D volumes")
    assert "volume or multi-frame" in reasons["two.nii.gz"]


def test_the_deid_report_of_a_mednn_deid_folder_is_no_ignored_file(tmp_path):
    """trial 16: `mednn predict RUN CLEAN/` on the folder `mednn deid` wrote warned '1 file(s) of
    CLEAN are not images and were not read (.json)': mednn's own deid_report.json at its root."""
    from PIL import Image

    from mednn.data.dicom_privacy import DEID_REPORT_NAME
    from mednn.data.image_options import PredictImageOptions
    from mednn.data.images_to_predict import _files_to_predict

    for i in range(2):
        Image.fromarray(np.full((8, 8), 40 * i, np.uint8)).save(tmp_path / f"s{i}.png")
    (tmp_path / DEID_REPORT_NAME).write_text("{}")
    notes: dict = {}
    _files_to_predict(tmp_path, PredictImageOptions(size=[8, 8]), notes)
    assert "ignored" not in notes
    (tmp_path / "readme.txt").write_text("scanner notes")  # any other file is still counted
    _files_to_predict(tmp_path, PredictImageOptions(size=[8, 8]), notes)
    assert notes["ignored"]["count"] == 1 and notes["ignored"]["types"] == [".txt"]

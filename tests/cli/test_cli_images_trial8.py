"""Image runs and the files a new user brings (trial 8, items 3, 9 and 10).

A run's own training images, exported again (item 3): ``mednn evaluate`` and ``mednn predict``
on them say ``split_leakage``, as they do for tables, molecules and notes. The run keeps short
keyed hashes of a digest of each training image's decoded pixels (after the run's own reading and
resize; never a pixel), ``data.json: sample_keys``; an exact re-export (the ``.npz`` arrays as PNG,
or as DICOM with the same pixel values) matches, new images do not."""

import json

import numpy as np
import pytest

from .conftest import FAST

CNN = ["--set", "model.name=small_cnn", "--set", "model.channels=[4,8]"]


def _png_folder(folder, images, labels, names):
    from PIL import Image

    for i, (x, y) in enumerate(zip(images, labels)):
        (folder / names[int(y)]).mkdir(parents=True, exist_ok=True)
        Image.fromarray(x).save(folder / names[int(y)] / f"img{i:03d}.png")
    return folder


@pytest.fixture
def trained(cli, tmp_path, squares_npz):
    data = squares_npz(sizes=(("train", 48), ("val", 16), ("test", 16)))
    run = tmp_path / "run"
    code, _, err = cli("train", "--data", data, "--out", run, *FAST, *CNN)
    assert code == 0, err
    return run, np.load(data), json.loads((run / "predictor.json").read_text())["task"]["class_names"]


def test_training_images_as_png_are_named_in_evaluate_and_predict(cli, tmp_path, trained):
    run, arrays, names = trained
    stored = json.loads((run / "data.json").read_text()).get("sample_keys")
    assert stored and stored["keys"] and stored["salt"]  # short keyed hashes, no pixel
    scans = _png_folder(tmp_path / "scans", arrays["train_images"][:24], arrays["train_labels"][:24, 0], names)
    code, out, err = cli("evaluate", run, "--data", scans, "--set", "data.format=image_folder",
                         "--out", tmp_path / "ev.json")
    assert code == 0, err
    assert "split_leakage" in out + err
    result = json.loads((tmp_path / "ev.json").read_text())
    assert result["samples_seen_in_training"]["matched"] == 24
    (leak,) = [f for f in result["findings"] if f["id"] == "split_leakage"]
    assert "24 of 24 images are the run's training images" in leak["message"]
    assert "lossy" in leak["message"]  # the limit of the match is said
    with pytest.warns(UserWarning, match=r"\[split_leakage\] scans: 24 of 24 images"):
        code, _, err = cli("predict", run, scans, "--out", tmp_path / "p.csv")
    assert code == 0, err


def test_new_images_and_lossy_copies_are_not_matched(cli, tmp_path, trained, squares_npz):
    run, arrays, names = trained
    fresh = np.load(squares_npz(sizes=(("test", 24),), name="fresh.npz", seed=7))
    new = _png_folder(tmp_path / "new", fresh["test_images"], fresh["test_labels"][:, 0], names)
    code, _, err = cli("evaluate", run, "--data", new, "--set", "data.format=image_folder",
                       "--out", tmp_path / "ev.json")
    assert code == 0, err
    result = json.loads((tmp_path / "ev.json").read_text())
    assert result["samples_seen_in_training"]["matched"] == 0
    assert not [f for f in result["findings"] if f["id"] == "split_leakage"]
    # a training image re-encoded as JPEG has other pixels: documented as not matched
    from PIL import Image

    (tmp_path / "jpeg").mkdir()
    for i, x in enumerate(arrays["train_images"][:8]):
        Image.fromarray(x).save(tmp_path / "jpeg" / f"img{i}.jpg", quality=70)
    code, _, err = cli("predict", run, tmp_path / "jpeg", "--out", tmp_path / "pj.csv")
    assert code == 0, err and "split_leakage" not in err


def test_training_images_as_dicom_are_named(cli, tmp_path, trained):
    pytest.importorskip("pydicom")
    from tests.dicom_files import write_dicom

    run, arrays, _ = trained
    folder = tmp_path / "dicom"
    folder.mkdir()
    for i, x in enumerate(arrays["train_images"][:12]):
        write_dicom(folder / f"im{i:02d}.dcm", x, series=f"1.2.826.0.1.3680043.2.1125.1.{i + 2}",
                    instance=f"1.2.826.0.1.3680043.2.1125.1.{i + 2}.1")
    with pytest.warns(UserWarning, match=r"\[split_leakage\] dicom: 12 of 12 images"):
        code, _, err = cli("predict", run, folder, "--out", tmp_path / "p.csv")
    assert code == 0, err


def test_evaluate_finds_the_format_of_a_manifest_or_a_folder(cli, tmp_path, trained, squares_npz):
    """Trial 8, item 9: a run trained on an ``.npz`` evaluates a CSV manifest (path, label) or a
    folder of class folders without ``--set data.format`` / ``data.label``, as predict reads them."""
    import pandas as pd

    run, _, names = trained
    fresh = np.load(squares_npz(sizes=(("test", 20),), name="fresh.npz", seed=5))
    folder = _png_folder(tmp_path / "site", fresh["test_images"], fresh["test_labels"][:, 0], names)
    files = sorted(p.relative_to(tmp_path).as_posix() for p in folder.rglob("*.png"))
    pd.DataFrame({"path": files, "label": [f.split("/")[1] for f in files]}).to_csv(tmp_path / "site.csv", index=False)
    results = []
    for data in (folder, tmp_path / "site.csv"):
        code, _, err = cli("evaluate", run, "--data", data, "--out", tmp_path / f"{data.name}.json")
        assert code == 0, err
        results.append(json.loads((tmp_path / f"{data.name}.json").read_text()))
    assert results[0]["n"] == results[1]["n"] == 20
    assert results[0]["metrics"]["auroc"] == results[1]["metrics"]["auroc"]


def test_a_2d_nifti_is_read_as_a_2d_image(cli, tmp_path, trained):
    """Trial 8, item 10: a one-slice NIfTI (28x28 or 28x28x1) sent to a 2D run is a 2D image
    (first axis = rows, 8-bit pixels kept), with the predictions of the same pixels as PNG; it was
    refused as "3D volumes"."""
    nib = pytest.importorskip("nibabel")
    import pandas as pd
    from PIL import Image

    from mednn.data.image_decoding import read_nifti

    run, arrays, _ = trained
    images = arrays["test_images"][:6]
    for sub in ("png", "nii"):
        (tmp_path / sub).mkdir()
    for i, x in enumerate(images):
        Image.fromarray(x).save(tmp_path / "png" / f"im{i}.png")
        plane = x if i % 2 else x[:, :, None]  # 16x16 and 16x16x1
        nib.save(nib.Nifti1Image(plane, np.eye(4)), str(tmp_path / "nii" / f"im{i}.nii.gz"))
    got = read_nifti(tmp_path / "nii" / "im0.nii.gz")
    assert got.shape == (1, 16, 16) and got.dtype == np.uint8 and (got[0] == images[0]).all()
    for sub in ("png", "nii"):
        code, _, err = cli("predict", run, tmp_path / sub, "--out", tmp_path / f"{sub}.csv")
        assert code == 0, err
    png, nii = pd.read_csv(tmp_path / "png.csv"), pd.read_csv(tmp_path / "nii.csv")
    assert list(png["id"].str.removesuffix(".png")) == list(nii["id"].str.removesuffix(".nii.gz"))
    assert np.allclose(png.filter(like="p:").to_numpy(), nii.filter(like="p:").to_numpy(), atol=1e-6)

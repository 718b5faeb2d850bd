"""One odd file in a batch of images to predict (trial 10, #8) is named in the error line: a
colour image among greyscale ones, a volume or multi-frame file among 2D images. Without it the
batch is scored."""

import numpy as np
import pytest

from mednn.data.image_layout import image_layout
from mednn.data.image_options import ImageOptions
from mednn.errors import DataError

from .conftest import FAST

CNN = ["--set", "model.name=small_cnn", "--set", "model.channels=[4,8]", "--set", "train.epochs=2",
       "--set", "explain.enabled=false", "--set", "report.enabled=false"]


def test_predict_names_the_colour_and_multiframe_files_and_scores_the_batch_without_them(cli, tmp_path,
                                                                                          squares_npz):
    pytest.importorskip("pydicom")
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
    odd = {"colour.dcm": dict(pixels=rng.integers(0, 200, (16, 16, 3)).astype(np.uint8)),
           "cine.dcm": dict(pixels=rng.integers(0, 200, (4, 16, 16)).astype(np.uint8), frames=True)}
    for k, (name, kwargs) in enumerate(odd.items()):
        write_dicom(folder / name, series=f"{uid}.9{k}", instance=f"{uid}.9{k}.1", **kwargs)
        code, _, err = cli("predict", run, folder, "--out", tmp_path / "p.csv")
        assert code == 2 and len(err.strip().splitlines()) == 1 and name in err and "grey0" not in err, err
        assert not (tmp_path / "p.csv").exists()
        (folder / name).unlink()
    code, _, err = cli("predict", run, folder, "--out", tmp_path / "q.csv")
    assert code == 0, err


def test_a_volume_among_2d_images_is_named():
    metas = [((1, 16, 16), "uint8")] * 4 + [((1, 8, 16, 16), "uint8")]
    names = [f"slice{i}.png" for i in range(4)] + ["cine.dcm"]
    with pytest.raises(DataError, match=r"mixes 2D images and 3D volumes \(1 of 5 are 3D volumes.*: cine\.dcm\)"):
        image_layout(metas, ImageOptions(), "batch", names=names)
    with pytest.raises(DataError, match=r"mixes 2D images and 3D volumes"):  # without names: counts only
        image_layout(metas, ImageOptions(), "batch")

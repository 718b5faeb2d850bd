"""Image data checks as Finding records with counts: copies across splits, few intensity levels,
mixed channels / bit depths / aspect ratios."""

import numpy as np
from PIL import Image

from mednn.config import DataConfig
from mednn.data.base import Dataset, Task
from mednn.data.image_checks import distinct_levels, image_findings
from mednn.data.readers import read_dataset


def _dataset(images, **kw):
    n = len(images)
    return Dataset(inputs=images, targets=np.arange(n) % 2, task=Task("binary", ("a", "b")),
                   ids=np.array([f"i{k}" for k in range(n)], dtype=object), modality="images", **kw)


SPLITS = {"train": np.arange(0, 12), "val": np.arange(12, 16), "test": np.arange(16, 20)}


def test_distinct_levels_per_image():
    x = np.zeros((2, 1, 4, 4), np.uint8)
    x[1, 0, 0, :3] = [5, 9, 200]
    assert distinct_levels(x).tolist() == [1, 4]


def test_three_grey_levels_are_found_and_rich_images_are_not():
    rng = np.random.default_rng(0)
    rich = rng.integers(0, 256, (20, 1, 16, 16)).astype(np.uint8)
    assert not [f for f in image_findings(_dataset(rich), SPLITS) if f.id == "few_intensity_levels"]
    poor = rng.choice(np.array([0, 128, 255], np.uint8), (20, 1, 16, 16))
    found = [f for f in image_findings(_dataset(poor), SPLITS) if f.id == "few_intensity_levels"]
    assert len(found) == 1 and found[0].count == 20 and found[0].severity == "warning"
    assert "128" not in found[0].message and "255" not in found[0].message  # counts, never pixel values


def test_copies_across_splits_are_counted():
    rng = np.random.default_rng(1)
    x = rng.integers(0, 256, (20, 1, 8, 8)).astype(np.uint8)
    x[16:19] = x[0:3]  # three test images equal training images
    x[12] = x[5]  # one validation image too
    # the general data checks count them, for images as for every modality
    from mednn.data.quality import inspect_dataset

    found = [f for f in inspect_dataset(_dataset(x), SPLITS)["findings"] if f.id == "split_leakage"]
    assert sum(f.count for f in found) == 4
    assert any("3 test samples are identical to a train sample" in f.message for f in found)
    assert not [f for f in image_findings(_dataset(x), SPLITS) if f.id == "split_leakage"]  # counted once


def test_mixed_channels_bit_depths_and_extreme_aspect_from_a_folder(tmp_path):
    rng = np.random.default_rng(2)
    for i in range(6):
        folder = tmp_path / ("a" if i % 2 else "b")
        folder.mkdir(exist_ok=True)
        if i == 0:
            array = rng.integers(0, 256, (8, 30, 3), dtype=np.uint8)  # RGB, 30 wide and 8 high
        elif i == 1:
            array = rng.integers(0, 65535, (10, 10), dtype=np.uint16)
        else:
            array = rng.integers(0, 256, (10, 10), dtype=np.uint8)
        Image.fromarray(array).save(folder / f"{i}.png")
    ds = read_dataset(DataConfig(path=str(tmp_path), size=10))
    found = [f for f in image_findings(ds, {"train": np.arange(6)}) if f.id == "mixed_images"]
    messages = " | ".join(f.message for f in found)
    assert "channels" in messages and "bit depth" in messages and "1 image(s) are over 3 times" in messages
    assert all(f.count >= 1 for f in found)


def test_other_modalities_have_no_image_findings():
    from mednn.data.split_checks import split_findings

    ds = _dataset(np.zeros((4, 1, 3, 3), np.uint8))  # one level only: flagged as an image set
    assert [f.id for f in split_findings(ds, {"train": np.arange(4)})] == ["few_intensity_levels"]
    ds.modality = "tabular"
    assert split_findings(ds, {"train": np.arange(4)}) == []


def test_mednn_train_prints_copies_across_splits_on_the_console(tmp_path, capsys, squares_npz):
    from mednn.cli.main import main

    path = squares_npz()
    with np.load(path) as f:
        arrays = {k: f[k] for k in f.files}
    arrays["test_images"][:5] = arrays["train_images"][:5]
    np.savez(path, **arrays)
    code = main(["train", "--data", str(path), "--out", str(tmp_path / "run"), "--set", "model.name=small_cnn",
                 "--set", "train.epochs=1", "--set", "explain.enabled=false", "--set", "report.enabled=false",
                 "--set", "evaluate.bootstrap=0", "--set", "evaluate.baselines=none"])
    out = capsys.readouterr()
    assert code == 0, out.err
    lines = [line for line in (out.out + out.err).splitlines() if "[split_leakage]" in line]
    assert len(lines) == 1 and "5 test samples are identical to a train sample" in lines[0]


def _levels_findings(images):
    n = len(images)
    splits = {"train": np.arange(0, n - 40), "val": np.arange(n - 40, n - 20), "test": np.arange(n - 20, n)}
    return [f for f in image_findings(_dataset(images), splits) if f.id == "few_intensity_levels"]


def test_ordinary_handwriting_is_not_called_masks():
    # trial 10: MNIST (2.9% of images with <= 8 levels) got "masks, posterised exports"; sklearn's
    # digits have 2 such images of 1,797
    from sklearn.datasets import load_digits

    digits = (load_digits().images * 15).astype(np.uint8)[:, None]
    assert int(np.sum(distinct_levels(digits) <= 8)) >= 1  # a few sparse images exist
    assert _levels_findings(digits) == []


def test_a_generated_mask_set_is_found_and_a_partly_clipped_set_is_info():
    rng = np.random.default_rng(3)
    yy, xx = np.mgrid[:32, :32]
    masks = np.stack([((yy - rng.integers(8, 24)) ** 2 + (xx - rng.integers(8, 24)) ** 2
                       < rng.integers(9, 64)).astype(np.uint8) * 255 for _ in range(200)])[:, None]
    (found,) = _levels_findings(masks)
    assert found.severity == "warning" and found.count == 200
    scans = rng.integers(0, 256, (200, 1, 32, 32)).astype(np.uint8)
    scans[:50] = np.where(scans[:50] > 200, 255, 0)  # a quarter exported through a hard window
    (found,) = _levels_findings(scans)
    assert found.severity == "info" and found.count == 50

"""The CLI end to end on the seed's inputs: small MNIST IDX files and MedMNIST .npz files that
the tests write, and the demo on the bundled breast-cancer records."""

import gzip
import json
import struct

import numpy as np
import pandas as pd
import yaml

from .conftest import FAST


def _digit_images(n, rng):
    """Two easy classes of 28x28 images: a bright left half vs a bright right half (+ noise)."""
    y = rng.integers(0, 10, n)
    x = rng.integers(0, 60, (n, 28, 28)).astype(np.uint8)
    for i, label in enumerate(y):
        col = 2 + int(label) * 2  # each digit class lights a different vertical bar
        x[i, :, col : col + 3] = 230
    return x, y.astype(np.uint8)


def _write_idx(folder, prefix, x, y, compress):
    opener = gzip.open if compress else open
    ext = ".gz" if compress else ""
    with opener(folder / f"{prefix}-images-idx3-ubyte{ext}", "wb") as f:
        f.write(struct.pack(">IIII", 0x803, len(x), 28, 28) + x.tobytes())
    with opener(folder / f"{prefix}-labels-idx1-ubyte{ext}", "wb") as f:
        f.write(struct.pack(">II", 0x801, len(y)) + y.tobytes())


def test_seed_mlp_on_idx_files(cli, tmp_path):
    rng = np.random.default_rng(0)
    data = tmp_path / "mnist"
    data.mkdir()
    _write_idx(data, "train", *_digit_images(600, rng), compress=True)
    _write_idx(data, "t10k", *_digit_images(200, rng), compress=False)
    out = tmp_path / "run"
    code, stdout, err = cli("train", "configs/mnist_seed.yaml", "--set", f"data.path={data}", "--out", out, *FAST)
    assert code == 0, err
    metrics = json.loads((out / "metrics.json").read_text())
    assert json.loads((out / "data.json").read_text())["splits"]["test"]["n"] == 200  # the file's own test split
    assert metrics["test"]["accuracy"]["value"] > 0.8
    model = json.loads((out / "model.json").read_text())
    assert model["input_shape"] == [1, 28, 28] and model["hparams"]["hidden_sizes"] == [5]
    # the seed's method: plain mini-batch gradient descent, no momentum, no Adam (trial 10)
    train = yaml.safe_load((out / "config.yaml").read_text())["train"]
    assert train["optimizer"] == "sgd" and train["momentum"] == 0 and train["batch_size"] == 200
    html = (out / "report.html").read_text()
    assert "data:image/png;base64" in html

    # images of another shape are brought to the training shape (28 x 28), as a run remembers it
    bad = tmp_path / "bad"
    bad.mkdir()
    x = np.zeros((5, 14, 14), np.uint8)
    with open(bad / "t10k-images-idx3-ubyte", "wb") as f:
        f.write(struct.pack(">IIII", 0x803, 5, 14, 14) + x.tobytes())
    with open(bad / "t10k-labels-idx1-ubyte", "wb") as f:
        f.write(struct.pack(">II", 0x801, 5) + bytes(5))
    code, _, err = cli("predict", out, bad, "--out", tmp_path / "p.csv")
    assert code == 0, err
    assert len((tmp_path / "p.csv").read_text().splitlines()) == 1 + 5


def test_truncated_idx_file(cli, tmp_path):
    data = tmp_path / "mnist"
    data.mkdir()
    with open(data / "train-images-idx3-ubyte", "wb") as f:
        f.write(struct.pack(">IIII", 0x803, 10, 28, 28) + bytes(100))
    with open(data / "train-labels-idx1-ubyte", "wb") as f:
        f.write(struct.pack(">II", 0x801, 10) + bytes(10))
    code, _, err = cli("train", "configs/mnist_seed.yaml", "--set", f"data.path={data}", "--out", tmp_path / "r", *FAST)
    assert code == 2 and "train-images-idx3-ubyte" in err and "Traceback" not in err


def test_medmnist_npz(cli, tmp_path):
    rng = np.random.default_rng(1)

    def part(n):
        y = rng.integers(0, 2, n)
        x = rng.integers(0, 80, (n, 28, 28)).astype(np.uint8)
        yy, xx = np.mgrid[:28, :28]
        disc = (yy - 14) ** 2 + (xx - 14) ** 2 < 36
        x[y == 1] = np.where(disc, 220, x[y == 1])
        return x, y.reshape(-1, 1).astype(np.uint8)

    arrays = {}
    for split, n in (("train", 300), ("val", 60), ("test", 80)):
        arrays[f"{split}_images"], arrays[f"{split}_labels"] = part(n)
    path = tmp_path / "toy.npz"
    np.savez(path, **arrays)
    out = tmp_path / "run"
    code, _, err = cli("train", "--data", path, "--model", "mlp", "--out", out, *FAST,
                       "--set", "data.class_names=[normal, lesion]", "--set", "model.hidden_sizes=[16]")
    assert code == 0, err
    metrics = json.loads((out / "metrics.json").read_text())
    splits = json.loads((out / "data.json").read_text())["splits"]
    assert {name: split["n"] for name, split in splits.items()} == {"train": 300, "val": 60, "test": 80}
    positive = json.loads((out / "predictor.json").read_text())["task"]["positive_class"]
    assert positive == "lesion" and metrics["test"]["auroc"]["value"] > 0.9
    pred = pd.read_csv(out / "predictions.csv")
    assert set(pred["split"]) == {"val", "test"} and "p:lesion" in pred


def test_demo(cli, tmp_path):
    out = tmp_path / "demo"
    code, stdout, err = cli("demo", "--out", out, "--quiet")
    assert code == 0, err
    assert stdout.strip() == str((out / "report.html").resolve())
    metrics = json.loads((out / "metrics.json").read_text())
    assert json.loads((out / "predictor.json").read_text())["task"]["positive_class"] == "malignant"
    assert metrics["test"]["auroc"]["value"] > 0.95
    splits = json.loads((out / "data.json").read_text())["splits"]
    assert splits["train"]["n"] + splits["val"]["n"] + splits["test"]["n"] == 569


def test_datasets_lists_builtins_and_formats(cli):
    code, stdout, _ = cli("datasets")
    assert code == 0 and "breast-cancer" in stdout and "digits" in stdout and "idx" in stdout
    assert "dmpnn" in stdout and "small_cnn" in stdout and "textcnn" in stdout and "ecfp" in stdout


def test_inspect_names_few_intensity_levels_for_masks_not_for_handwriting(cli, tmp_path):
    # trial 10: MNIST got "masks, posterised exports" from a few thin-stroke digits
    from sklearn.datasets import load_digits

    digits = load_digits()
    x = (digits.images * 15).astype(np.uint8)
    rng = np.random.default_rng(4)
    yy, xx = np.mgrid[:8, :8]
    masks = np.stack([((yy - rng.integers(2, 6)) ** 2 + (xx - rng.integers(2, 6)) ** 2 < rng.integers(2, 9))
                      .astype(np.uint8) * 255 for _ in range(len(x))])
    for name, images in (("digits", x), ("masks", masks)):
        data = tmp_path / name
        data.mkdir()
        y = digits.target.astype(np.uint8)
        for prefix, part in (("train", slice(0, 1500)), ("t10k", slice(1500, None))):
            n = len(y[part])
            with open(data / f"{prefix}-images-idx3-ubyte", "wb") as f:
                f.write(struct.pack(">IIII", 0x803, n, 8, 8) + images[part].tobytes())
            with open(data / f"{prefix}-labels-idx1-ubyte", "wb") as f:
                f.write(struct.pack(">II", 0x801, n) + y[part].tobytes())
        code, out, err = cli("inspect", "configs/mnist_seed.yaml", "--set", f"data.path={data}", "--no-label-issues")
        assert code == 0, err
        assert ("few_intensity_levels" in out + err) == (name == "masks"), name

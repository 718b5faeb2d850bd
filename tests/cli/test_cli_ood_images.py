"""Degenerate images through the CLI and the server (issue 19 item 4): a run on textured images
fits the ``image_embedding`` scorer; an all-black, all-white or constant grey PNG, pure noise and the
negative of a training-like image are flagged by ``mednn predict`` and ``mednn serve``, and
``mednn evaluate`` counts them; 3D volumes alike (predict)."""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest

QUICK = ["--set", "train.progress=false", "--set", "explain.enabled=false", "--set", "report.enabled=false",
         "--set", "train.threads=1", "--set", "evaluate.baselines=none", "--set", "evaluate.bootstrap=20",
         "--set", "model.name=small_cnn", "--set", "train.epochs=2",
         "--set", "model.channels=[8,16]"]


def _scans(rng, n, shape):
    """Smoothed noise darker than mid-grey, a bright blob in the positive class (uint8)."""
    from scipy.ndimage import gaussian_filter

    field = gaussian_filter(rng.normal(size=(n, *shape)), sigma=(0, *[1.5] * len(shape)))
    field /= field.reshape(n, -1).std(axis=1).reshape(-1, *[1] * len(shape))
    base = rng.uniform(0.25, 0.42, n).reshape(-1, *[1] * len(shape))
    x = np.clip(base + 0.1 * field, 0, 1)
    y = rng.integers(0, 2, n)
    centre = tuple(slice(s // 4, 3 * s // 4) for s in shape)
    x[(y == 1, *centre)] += 0.25
    return (np.clip(x, 0, 1) * 255).astype(np.uint8), y.reshape(-1, 1).astype(np.uint8)


def _degenerate(rng, like):
    shape = like.shape[1:]
    return {"black": np.zeros(shape, np.uint8), "white": np.full(shape, 255, np.uint8),
            "grey": np.full(shape, 128, np.uint8), "noise": rng.integers(0, 256, shape).astype(np.uint8),
            "inverted": (255 - like[0]).astype(np.uint8)}


def _train(tmp_path, cli, shape, pngs=False):
    """A run on textured images: 2D as PNG folders (train/val/test, one folder per class), 3D as an npz."""
    from PIL import Image

    rng = np.random.default_rng(0)
    arrays = {}
    for split, n in (("train", 240), ("val", 120), ("test", 80)):
        arrays[f"{split}_images"], arrays[f"{split}_labels"] = _scans(rng, n, shape)
        for i, (x, y) in enumerate(zip(arrays[f"{split}_images"], arrays[f"{split}_labels"][:, 0])) if pngs else ():
            (tmp_path / "scans" / split / f"class{y}").mkdir(parents=True, exist_ok=True)
            Image.fromarray(x).save(tmp_path / "scans" / split / f"class{y}" / f"{i}.png")
    np.savez(tmp_path / "scans.npz", **arrays)
    data = ["--data", tmp_path / "scans", "--set", "data.format=image_folder"] if pngs else [
        "--data", tmp_path / "scans.npz", "--set", "data.format=medmnist"]
    code, _, err = cli("train", *data, "--out", tmp_path / "run", "--set", "split.method=file", *QUICK)
    assert code == 0, err
    ood = json.loads((tmp_path / "run" / "metrics.json").read_text())["ood"]
    assert ood["method"] == "image_embedding"
    assert ood["components"] == ["mahalanobis", "early_layers", "intensity_out_of_range"]
    return tmp_path / "run", _degenerate(rng, arrays["test_images"])


def test_blank_constant_noise_and_inverted_pngs_are_flagged(tmp_path, cli):
    from PIL import Image

    run, images = _train(tmp_path, cli, (16, 16), pngs=True)
    folder = tmp_path / "sent"
    (tmp_path / "site" / "class0").mkdir(parents=True)
    folder.mkdir()
    for name, x in images.items():
        Image.fromarray(x).save(folder / f"{name}.png")
        Image.fromarray(x).save(tmp_path / "site" / "class0" / f"{name}.png")
    with pytest.warns(UserWarning, match=r"\[out_of_distribution\] 5 of 5 records"):
        code, _, err = cli("predict", run, folder, "--out", tmp_path / "p.csv")
    assert code == 0, err
    flagged = pd.read_csv(tmp_path / "p.csv").set_index("id")["out_of_distribution"]
    assert flagged.to_dict() == {f"{name}.png": True for name in images}
    code, _, err = cli("evaluate", run, "--data", tmp_path / "site", "--out", tmp_path / "site.json")
    assert code == 0, err
    ood = json.loads((tmp_path / "site.json").read_text())["ood"]
    assert ood["method"] == "image_embedding" and ood["n_flagged"] == ood["n"] == len(images)

    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from mednn.serving import make_app

    def png(x):
        buffer = io.BytesIO()
        Image.fromarray(x).save(buffer, format="PNG")
        return buffer.getvalue()

    files = [("files", (f"{name}.png", png(x), "image/png")) for name, x in images.items()]
    body = TestClient(make_app(run)).post("/predict", files=files).json()
    assert [p["out_of_distribution"] for p in body["predictions"]] == [True] * len(images)


def test_degenerate_volumes_are_flagged(tmp_path, cli):
    run, volumes = _train(tmp_path, cli, (8, 8, 8))
    stack = np.stack(list(volumes.values()))
    np.savez(tmp_path / "volumes.npz", images=stack)
    code, _, err = cli("predict", run, tmp_path / "volumes.npz", "--out", tmp_path / "v.csv")
    assert code == 0, err
    assert pd.read_csv(tmp_path / "v.csv")["out_of_distribution"].all()

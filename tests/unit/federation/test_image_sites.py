"""Federated training with image sites (ClientApps on the in-process engine): sites whose
images stay in a disk cache (``data.cache``) federate their normalisation, and the run scores
unlabelled image folders and .npz files and rebuilds its report."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("flwr")

from mednn.config import load_config  # noqa: E402
from mednn.federation import train_in_process  # noqa: E402


def _png_folder(root, rng, n, pixels):
    from PIL import Image

    for i in range(n):
        cls = "pneumonia" if i % 2 else "normal"
        x = rng.integers(0, 60, (10, 10)).astype(np.uint8)
        if cls == "pneumonia":
            x[3:7, 3:7] = 220
        pixels.append(x)
        (root / cls).mkdir(parents=True, exist_ok=True)
        Image.fromarray(x).save(root / cls / f"{i:02d}.png")
    return root


def test_sites_with_a_disk_cache_federate_their_normalisation_and_the_run_predicts_images(tmp_path):
    from mednn.reports import build_report
    from mednn.runs import load_run
    from mednn.scoring import predict_file
    from tests.federated_partition import assert_pooled_image_statistics

    rng = np.random.default_rng(0)
    site_pixels: list[np.ndarray] = []
    files = {f"site{i}": _png_folder(tmp_path / f"site{i}", rng, n, site_pixels) for i, n in enumerate((14, 8, 10))}
    holdout = _png_folder(tmp_path / "holdout", rng, 20, [])
    # the same config at every party; each site's images are decoded into a cache on its disk
    cfg = load_config(None, [f"data.path={holdout}", f"data.cache={tmp_path / 'cache'}", "model.channels=[4]",
                             "train.epochs=2", "train.batch_size=8", "train.threads=1", "train.progress=false",
                             "train.augment={flip: true}", "evaluate.bootstrap=10", "explain.enabled=false"])
    run = train_in_process(cfg, files, tmp_path / "run")

    state = assert_pooled_image_statistics(run, np.stack(site_pixels)[:, None])
    assert state["input_shape"] == [1, 10, 10]
    metrics = json.loads((run / "metrics.json").read_text())
    assert json.loads((run / "data.json").read_text())["splits"]["train"]["n"] == 32
    assert metrics["federated"]["rounds_run"] == 2

    # an ordinary image run: it scores an unlabelled folder and an .npz of images
    new = np.stack(site_pixels[:5])
    np.savez(tmp_path / "new.npz", images=new)
    scored = predict_file(run, tmp_path / "new.npz", tmp_path / "new.csv").read_text().splitlines()
    assert scored[0].startswith("id,predicted,p:normal,p:pneumonia") and len(scored) == 6
    folder = predict_file(run, files["site1"], tmp_path / "folder.csv").read_text().splitlines()
    assert len(folder) == 9 and folder[1].split(",")[0] == "normal/00.png"
    (run / "report.html").unlink()
    assert "pneumonia" in build_report(load_run(run, model=False))


def test_a_site_trains_with_train_threads(tmp_path, monkeypatch):
    import mednn.training.seeding as seeding

    rng = np.random.default_rng(1)
    files = {f"site{i}": _png_folder(tmp_path / f"site{i}", rng, 8, []) for i in range(2)}
    holdout = _png_folder(tmp_path / "holdout", rng, 12, [])
    calls = []
    real = seeding.set_threads
    monkeypatch.setattr(seeding, "set_threads", lambda threads, *a, **k: calls.append(threads) or real(1, *a, **k))
    cfg = load_config(None, [f"data.path={holdout}", "model.channels=[4]", "train.epochs=1", "train.threads=3",
                             "train.progress=false", "evaluate.bootstrap=0", "explain.enabled=false",
                             "report.enabled=false"])
    train_in_process(cfg, files, tmp_path / "run")
    assert calls[:3] == [3, 3, 3]  # the coordinator, then each site at its setup (then the run's writing)

"""A colour image sent to a run trained on grey images is out of distribution (issue 19 item 4):
reading it for the run turns it grey, so neither the network nor the scorer's intensity statistics
saw its colour, and a magenta-cast scan was not flagged. A grey image stored as RGB is not."""

from __future__ import annotations

import numpy as np
import pandas as pd
from tests.cli.test_cli_ood_images import _train


def _cast(grey: np.ndarray) -> np.ndarray:
    """A grey (H, W) scan with a magenta cast, as (H, W, 3): red and blue raised, green lowered."""
    x = grey.astype(np.int16)[..., None] + np.array([45, -30, 45], dtype=np.int16)
    return np.clip(x, 0, 255).astype(np.uint8)


def test_a_colour_cast_scan_sent_to_a_grey_run_is_flagged(tmp_path, cli):
    from PIL import Image

    run, _ = _train(tmp_path, cli, (16, 16), pngs=True)
    scans = np.load(tmp_path / "scans.npz")["test_images"][:4]
    folder = tmp_path / "sent"
    folder.mkdir()
    for i, x in enumerate(scans):
        Image.fromarray(_cast(x)).save(folder / f"magenta{i}.png")
        Image.fromarray(x).save(folder / f"grey{i}.png")
        Image.fromarray(np.repeat(x[..., None], 3, axis=2)).save(folder / f"grey_as_rgb{i}.png")
    code, _, err = cli("predict", run, folder, "--out", tmp_path / "p.csv")
    assert code == 0, err
    flagged = pd.read_csv(tmp_path / "p.csv").set_index("id")["out_of_distribution"].to_dict()
    assert all(flagged[f"magenta{i}.png"] for i in range(4)), flagged
    # grey stored as RGB reads as the grey scan: the same flag, never one for colour
    assert all(flagged[f"grey_as_rgb{i}.png"] == flagged[f"grey{i}.png"] for i in range(4)), flagged

    np.savez(tmp_path / "colour.npz", images=np.stack([_cast(x) for x in scans]))  # (n, H, W, 3) as MedMNIST
    code, _, err = cli("predict", run, tmp_path / "colour.npz", "--out", tmp_path / "c.csv")
    assert code == 0, err
    assert pd.read_csv(tmp_path / "c.csv")["out_of_distribution"].all()


def test_a_colour_upload_to_a_grey_run_is_flagged_by_the_server(tmp_path, cli):
    import io

    import pytest
    from PIL import Image

    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from mednn.serving import make_app

    run, _ = _train(tmp_path, cli, (16, 16), pngs=True)
    scan = np.load(tmp_path / "scans.npz")["test_images"][0]
    buffer = io.BytesIO()
    Image.fromarray(_cast(scan)).save(buffer, format="PNG")
    body = TestClient(make_app(run)).post("/predict", files=[("files", ("m.png", buffer.getvalue(), "image/png"))])
    assert [p["out_of_distribution"] for p in body.json()["predictions"]] == [True]


def test_a_grey_scan_sent_to_a_run_trained_on_colour_only_is_flagged(tmp_path, cli):
    from PIL import Image

    from tests.cli.test_cli_ood_images import QUICK, _scans

    rng = np.random.default_rng(0)
    for split, n in (("train", 240), ("val", 120), ("test", 80)):
        images, labels = _scans(rng, n, (16, 16))
        for i, (x, y) in enumerate(zip(images, labels[:, 0])):
            (tmp_path / "scans" / split / f"class{y}").mkdir(parents=True, exist_ok=True)
            # each image its own tint, some warmer, some colder: a grey scan is inside every
            # channel's intensity range, only its lack of colour is new
            a, b = rng.choice([-1, 1], 2) * rng.integers(12, 26, 2)
            tint = np.array([a, -a, b])
            x = np.clip(x.astype(np.int16)[..., None] + tint.astype(np.int16), 0, 255).astype(np.uint8)
            Image.fromarray(x).save(tmp_path / "scans" / split / f"class{y}" / f"{i}.png")
    code, _, err = cli("train", "--data", tmp_path / "scans", "--set", "data.format=image_folder", "--out",
                       tmp_path / "run", "--set", "split.method=file", *QUICK)
    assert code == 0, err
    scans, _ = _scans(rng, 8, (16, 16))
    folder = tmp_path / "sent"
    folder.mkdir()
    for i, x in enumerate(scans):
        Image.fromarray(x).save(folder / f"grey{i}.png")
    code, _, err = cli("predict", tmp_path / "run", folder, "--out", tmp_path / "p.csv")
    assert code == 0, err
    assert pd.read_csv(tmp_path / "p.csv")["out_of_distribution"].all()

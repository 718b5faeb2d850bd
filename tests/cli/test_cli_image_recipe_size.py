"""`model: auto` on images keeps a size the config sets (trial 9, item 6).

The guide's `mednn train --data xrays/ --set data.size=128 --set train.augment=...` trained at
64x64: the image recipe replaced the user's size with its own, and its line said
"flips/rotations/zoom" for an augmentation without zoom. A key the config sets always wins, and
the line says what the run uses."""

import json

import numpy as np

BASE = ["--set", "data.format=image_folder", "--set", "train.epochs=1", "--set", "explain.enabled=false",
        "--set", "report.enabled=false", "--set", "evaluate.bootstrap=0", "--set", "train.progress=false",
        "--set", "evaluate.baselines=none"]


def _folder(tmp_path, n=30, side=96):
    from PIL import Image

    rng = np.random.default_rng(0)
    for i in range(n):
        x = rng.integers(0, 80, (side, side)).astype(np.uint8)
        if i % 2:
            x[side // 4: 3 * side // 4, side // 4: 3 * side // 4] = 230
        folder = tmp_path / "xrays" / ("lesion" if i % 2 else "normal")
        folder.mkdir(parents=True, exist_ok=True)
        Image.fromarray(x).save(folder / f"{i}.png")
    return tmp_path / "xrays"


def _recipe_line(text):
    (line,) = [line for line in text.splitlines() if "image recipe (model: auto" in line]
    return line


def test_a_data_size_the_user_sets_wins_over_the_recipe(cli, tmp_path):
    folder, run = _folder(tmp_path), tmp_path / "run"
    code, out, err = cli("train", "--data", folder, "--out", run, *BASE, "--set", "data.size=80",
                         "--set", "train.augment={flip: true, rotate: 15, minority_only: true}")
    assert code == 0, err
    assert json.loads((run / "model.json").read_text())["input_shape"][1:] == [80, 80]
    line = _recipe_line(out + err)
    assert "at 80x80 (the size the config sets)" in line, line
    assert "flips/rotations (minority classes only)" in line and "zoom" not in line, line


def test_without_a_size_the_recipe_resizes_and_says_its_zoom(cli, tmp_path):
    folder, run = _folder(tmp_path), tmp_path / "run"
    code, out, err = cli("train", "--data", folder, "--out", run, *BASE)
    assert code == 0, err
    assert json.loads((run / "model.json").read_text())["input_shape"][1:] == [64, 64]
    line = _recipe_line(out + err)
    assert "at 64x64 (from 96x96)" in line and "flips/rotations/zoom" in line, line

"""Through the CLI: a network too small for its data (one hidden unit, five classes), beaten by
logistic regression, is told in its report to grow or train longer, not to simplify (trial 10)."""

import json

import numpy as np
import pandas as pd


def _blobs(path, n=600, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 5, n)
    centres = rng.normal(0, 3, (5, 6))
    x = centres[y] + rng.normal(0, 1, (n, 6))
    frame = pd.DataFrame(x, columns=[f"f{i}" for i in range(6)])
    frame["label"] = [f"c{v}" for v in y]
    frame.to_csv(path, index=False)


def test_an_underfitting_network_is_not_told_to_simplify(cli, tmp_path):
    _blobs(tmp_path / "blobs.csv")
    out = tmp_path / "run"
    code, _, err = cli("train", "--data", tmp_path / "blobs.csv", "--set", "data.label=label", "--out", out,
                       "--set", "model.name=mlp", "--set", "model.hidden_sizes=[1]", "--set", "train.epochs=5",
                       "--set", "train.lr=0.001", "--set", "train.early_stopping.enabled=false",
                       "--set", "evaluate.bootstrap=50", "--set", "explain.enabled=false",
                       "--set", "train.progress=false", "--set", "evaluate.baselines=[linear]")
    assert code == 0, err
    models = json.loads((out / "metrics.json").read_text())["baselines"]["models"]
    assert models[0]["comparison"]["verdict"] == "worse"  # the simpler model wins, as planned
    html = (out / "report.html").read_text()
    assert "the network underfits" in html and "model.hidden_sizes" in html
    assert "simplify the network" not in html and "fewer units" not in html

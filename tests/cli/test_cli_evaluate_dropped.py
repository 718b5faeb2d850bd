"""A site file need not hold a column the run dropped (data.drop_columns; trial 10, #6):
evaluate, like predict, scores it; a file that still holds the column is scored the same."""

import json

import numpy as np
import pandas as pd

from .conftest import FAST


def _rows(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    marker = rng.normal(0, 1, n)
    return pd.DataFrame({"age": rng.normal(60, 9, n).round(1), "marker": marker,
                         "motor_score": marker * 3 + rng.normal(0, 1, n),  # a second outcome, dropped in training
                         "outcome": np.where(marker + rng.normal(0, 0.6, n) > 0, "disease", "healthy")})


def test_evaluate_accepts_a_site_file_without_the_dropped_column(cli, tmp_path):
    _rows(200, 0).to_csv(tmp_path / "train.csv", index=False)
    run = tmp_path / "run"
    code, _, err = cli("train", "--data", tmp_path / "train.csv", "--set", "data.label=outcome",
                       "--set", "data.drop_columns=[motor_score]", *FAST, "--set", "train.epochs=2",
                       "--set", "explain.enabled=false", "--set", "report.enabled=false", "--out", run)
    assert code == 0, err
    site = _rows(60, 1)
    results = []
    for name, frame in (("with.csv", site), ("without.csv", site.drop(columns=["motor_score"]))):
        frame.to_csv(tmp_path / name, index=False)
        out = tmp_path / f"{name}.json"
        code, _, err = cli("evaluate", run, "--data", tmp_path / name, "--out", out)
        assert code == 0, err
        results.append(json.loads(out.read_text())["metrics"])
    assert results[0] == results[1]

"""fix12 #3: a run whose test and val splits both leave metrics undefined printed "Metrics
undefined ..." twice, one unnamed line per split; now one line names each split, and
metrics.json keeps every undefined metric as null with its reason."""

import json

import numpy as np
import pandas as pd
import pytest

from mednn.evaluation import UndefinedMetricWarning

from .conftest import FAST


def test_undefined_metrics_are_one_console_line_naming_the_splits(cli, tmp_path):
    rng = np.random.default_rng(0)
    x = rng.normal(0, 1, (200, 3))
    label = np.where(x[:, 0] > 0, "low", "high").astype(object)
    label[:3] = "rare"  # 3 rows: the val or test split lacks it, so its per-class rates are undefined
    path = tmp_path / "rare.csv"
    pd.DataFrame({"a": x[:, 0], "b": x[:, 1], "c": x[:, 2], "y": label}).to_csv(path, index=False)
    with pytest.warns(UndefinedMetricWarning) as shown:  # each becomes one console line (mednn: warning: ...)
        code, _, err = cli("train", "--data", path, "--set", "data.label=y", *FAST, "--set", "train.epochs=3",
                           "--set", "explain.enabled=false", "--set", "evaluate.baselines=none",
                           "--out", tmp_path / "run")
    assert code == 0, err
    lines = [str(w.message) for w in shown if "Metrics undefined" in str(w.message)]
    assert len(lines) == 1 and "test split:" in lines[0] and "val split:" in lines[0], lines
    assert "rare" not in lines[0]  # classes are counted, never named
    metrics = json.loads((tmp_path / "run" / "metrics.json").read_text())
    nulls = [(s, c, m) for s in ("test", "val") for c, per in metrics[s]["per_class"].items()
             for m, v in per.items() if isinstance(v, dict) and v.get("value") is None]
    assert nulls and all(metrics[s]["per_class"][c][m]["reason"] for s, c, m in nulls)

"""class_imbalance advises class weights only when the config does not already set them (trial
13: a run with train.class_weights: balanced was told to set it)."""

import numpy as np
import pandas as pd


def _imbalanced(tmp_path):
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"x": rng.normal(size=300), "y": np.where(np.arange(300) % 15 == 0, "rare", "common")})
    frame.to_csv(tmp_path / "d.csv", index=False)
    return tmp_path / "d.csv"


def _imbalance_line(cli, *args):
    code, out, err = cli("inspect", *args, "--no-label-issues")
    assert code == 0, err
    return next(line for line in (out + err).splitlines() if "[class_imbalance]" in line)


def test_the_imbalance_advice_is_given_only_when_nothing_rebalances(cli, tmp_path):
    data = ["--data", _imbalanced(tmp_path), "--set", "data.label=y"]
    assert "consider train.class_weights: balanced" in _imbalance_line(cli, *data)
    for setting, shown in (("train.class_weights=balanced", "train.class_weights: balanced is set"),
                           ("train.sampler=balanced", "train.sampler: balanced is set")):
        line = _imbalance_line(cli, *data, "--set", setting)
        assert shown in line and "consider" not in line and "'rare'" in line

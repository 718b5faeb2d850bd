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


def test_class_weights_and_a_balanced_sampler_together_are_named_as_rebalancing_twice(cli, tmp_path):
    """trial 16: train.class_weights: balanced with train.sampler: balanced weighs the rare class
    twice (the sampler already makes batches half rare, the weights then multiply its loss by
    n / (k n_c) again), so the model learns as if the rare class were the common one; this was silent."""
    data = ["--data", _imbalanced(tmp_path), "--set", "data.label=y"]
    code, out, err = cli("inspect", *data, "--no-label-issues", "--set", "train.class_weights=balanced",
                         "--set", "train.sampler=balanced")
    assert code == 0, err
    line = next(line for line in (out + err).splitlines() if "[rebalanced_twice]" in line)
    assert "train.class_weights" in line and "train.sampler" in line and "'rare'" in line
    for setting in ("train.class_weights=balanced", "train.sampler=balanced"):
        code, out, err = cli("inspect", *data, "--no-label-issues", "--set", setting)
        assert code == 0 and "[rebalanced_twice]" not in out + err

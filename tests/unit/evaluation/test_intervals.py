"""A proportion's interval never collapses to a point, and a split too small for any interval
says so instead of printing 0.000 to 0.000 (trial3 item 5)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from mednn.data.base import Task
from mednn.evaluation import evaluate
from mednn.evaluation.intervals import wilson_interval
from mednn.evaluation.metrics import UndefinedMetricWarning
from tests.metric_entries import metric_entries

BINARY = Task("binary", ("live", "die"))


def _quiet_evaluate(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        return evaluate(*args, **kwargs)


def _all_right_split(seed: int = 0):
    """10 positives all found, 90 negatives all rejected: every proportion is 1 on every resample."""
    rng = np.random.default_rng(seed)
    y = np.r_[np.ones(10), np.zeros(90)].astype(int)
    return y, np.r_[rng.uniform(0.6, 1.0, 10), rng.uniform(0.0, 0.4, 90)]


@pytest.mark.parametrize("metric, n", [("ppv", 10), ("sensitivity", 10), ("specificity", 90), ("npv", 90),
                                       ("accuracy", 100)])
def test_a_proportion_all_right_gets_its_wilson_interval_not_a_point(metric, n):
    y, prob = _all_right_split()
    entry = _quiet_evaluate(BINARY, y, prob, n_bootstrap=200)[metric]
    low, high = entry["ci95"]
    assert entry["value"] == 1.0 and high == 1.0 and low < 1.0
    assert entry["ci_method"] == "wilson"
    assert low == pytest.approx(n / (n + 1.959963984540054 ** 2))  # Wilson's lower bound at k = n


def test_a_per_class_proportion_of_a_multiclass_task_gets_it_too_and_macro_averages_the_mean_of_them():
    task = Task("multiclass", ("a", "b", "c"))
    y = np.repeat([0, 1, 2], 20)
    prob = np.eye(3)[y] * 0.8 + 0.2 / 3
    out = _quiet_evaluate(task, y, prob, n_bootstrap=100)
    assert out["per_class"]["b"]["sensitivity"]["ci_method"] == "wilson"
    assert out["per_class"]["b"]["sensitivity"]["ci95"][0] < 1.0
    assert out["accuracy"]["ci_method"] == "wilson"
    # a macro average is no single proportion: the mean of its classes' Wilson bounds
    assert out["sensitivity"]["ci_method"] == "wilson_mean"
    assert out["sensitivity"]["ci95"][0] == pytest.approx(wilson_interval(20, 20, 0.95)[0])


def test_an_interval_with_width_is_the_bootstrap_one():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 200)
    prob = np.clip(y * 0.3 + rng.uniform(0, 0.7, 200), 0, 1)
    out = _quiet_evaluate(BINARY, y, prob, n_bootstrap=200)
    assert "ci_method" not in out["sensitivity"] and out["sensitivity"]["ci95"][0] < out["sensitivity"]["ci95"][1]


def test_one_record_reports_no_interval_with_a_reason():
    out = _quiet_evaluate(BINARY, np.array([0]), np.array([0.7]), n_bootstrap=100)
    assert out["accuracy"]["value"] == 0.0 and out["accuracy"]["ci95"] is None
    assert "too few" in out["accuracy"]["ci_reason"] and "1 row" in out["accuracy"]["ci_reason"]
    assert out["brier"]["ci95"] is None and "ci_reason" in out["brier"]


def test_no_bootstrap_asked_gives_no_reason_either():
    out = _quiet_evaluate(BINARY, np.array([0, 1]), np.array([0.2, 0.7]), n_bootstrap=0)
    assert out["accuracy"]["ci95"] is None and "ci_reason" not in out["accuracy"]


@pytest.mark.parametrize("k, n", [(0, 1), (1, 1), (0, 7), (3, 7), (7, 7), (37, 37), (12, 200)])
def test_the_wilson_interval_contains_its_point_and_stays_in_0_1(k, n):
    low, high = wilson_interval(k, n, 0.95)
    assert 0.0 <= low <= k / n <= high <= 1.0 and low < high


def test_every_interval_contains_its_point_estimate():
    rng = np.random.default_rng(2)
    for n in (5, 8, 13, 40):
        y = rng.integers(0, 2, n)
        prob = rng.uniform(0, 1, n)
        out = _quiet_evaluate(BINARY, y, prob, n_bootstrap=100, seed=n)
        for name, entry in out.items():
            if isinstance(entry, dict) and entry.get("ci95") and entry.get("value") is not None:
                assert entry["ci95"][0] <= entry["value"] <= entry["ci95"][1], (n, name)


def test_an_f1_of_zero_gets_the_wilson_interval_of_its_jaccard_index_not_0_to_0():
    # trial4 b: "F1 0.000 0.000 to 0.000". 6 positives, none found, 4 false calls: F1 is 0 on
    # every resample; J = TP / (TP + FP + FN) = 0 of 10, and F1 = 2J / (1 + J)
    y = np.r_[np.ones(6), np.zeros(94)].astype(int)
    prob = np.r_[np.full(6, 0.2), np.full(4, 0.9), np.full(90, 0.1)]
    entry = _quiet_evaluate(BINARY, y, prob, n_bootstrap=200)["f1"]
    assert entry["value"] == 0.0 and entry["ci_method"] == "wilson_jaccard"
    j_high = wilson_interval(0, 10, 0.95)[1]
    assert entry["ci95"] == pytest.approx([0.0, 2 * j_high / (1 + j_high)])
    # all found, no false call: F1 1.0, and an interval below it
    perfect = _quiet_evaluate(BINARY, y, np.r_[np.full(6, 0.9), np.full(94, 0.1)], n_bootstrap=200)["f1"]
    assert perfect["value"] == 1.0 and perfect["ci95"][1] == 1.0 and perfect["ci95"][0] < 0.9


def test_a_collapsed_interval_with_no_count_behind_it_is_no_interval_with_a_reason():
    # a perfect ranking: AUPRC 1.0 on every resample; no count gives it an interval
    y, prob = _all_right_split()
    entry = _quiet_evaluate(BINARY, y, prob, n_bootstrap=200)["auprc"]
    assert entry["value"] == 1.0 and entry["ci95"] is None
    assert "every bootstrap resample gives the same value" in entry["ci_reason"]


@pytest.mark.parametrize("n_pos, n_neg", [(8, 8), (10, 90)])
def test_a_perfect_auroc_gets_a_lower_bound_from_its_class_counts_not_1_to_1(n_pos, n_neg):
    """Trial 15: 8 + 8 test volumes ranked perfectly showed AUROC 1.000 with no interval; a
    bootstrap gives 1.000 to 1.000, a certainty 16 samples cannot give. AUROC >= sensitivity x
    specificity at a separating threshold: the product of their Wilson lower bounds (test failed
    before: no interval). A perfectly reversed ranking mirrors it."""
    rng = np.random.default_rng(1)
    y = np.r_[np.ones(n_pos), np.zeros(n_neg)].astype(int)
    prob = np.r_[rng.uniform(0.6, 1.0, n_pos), rng.uniform(0.0, 0.4, n_neg)]
    entry = _quiet_evaluate(BINARY, y, prob, n_bootstrap=200)["auroc"]
    low = wilson_interval(n_pos, n_pos, 0.95)[0] * wilson_interval(n_neg, n_neg, 0.95)[0]
    assert entry["value"] == 1.0 and entry["ci_method"] == "separation"
    assert entry["ci95"] == pytest.approx([low, 1.0])
    if n_pos == 8:
        assert round(entry["ci95"][0], 3) == 0.456
    reversed_ = _quiet_evaluate(BINARY, y, 1 - prob, n_bootstrap=200)["auroc"]
    assert reversed_["value"] == 0.0 and reversed_["ci95"] == pytest.approx([0.0, 1.0 - low])


@pytest.mark.parametrize("case", ["all_right", "none_found", "one_class", "multiclass"])
def test_no_interval_anywhere_has_zero_width(case):
    rng = np.random.default_rng(4)
    task = BINARY
    if case == "all_right":
        y, prob = _all_right_split()
    elif case == "none_found":
        y, prob = np.r_[np.ones(5), np.zeros(60)].astype(int), np.r_[np.full(5, 0.1), rng.uniform(0, 0.4, 60)]
    elif case == "one_class":
        y, prob = np.zeros(40, int), np.r_[np.full(3, 0.8), np.full(37, 0.1)]
    else:
        task = Task("multiclass", ("a", "b", "c"))
        y = np.repeat([0, 1, 2], 15)
        prob = np.eye(3)[y] * 0.9 + 0.1 / 3
    out = _quiet_evaluate(task, y, prob, n_bootstrap=200)
    for path, entry in metric_entries(out):
        if entry["ci95"] is not None:
            low, high = entry["ci95"]
            assert low < high and low <= entry["value"] <= high, path
        elif entry["value"] is not None and path[-1] not in ("support", "n"):
            assert entry.get("ci_reason"), path


@pytest.mark.parametrize("metric", ["balanced_accuracy", "f1_macro"])
def test_a_collapsed_macro_average_gets_the_mean_of_its_classes_bounds(metric):
    y, prob = _all_right_split()  # 10 positives, 90 negatives, every call right
    entry = _quiet_evaluate(BINARY, y, prob, n_bootstrap=200)[metric]
    assert entry["value"] == 1.0 and entry["ci_method"] == "wilson_mean"
    if metric == "balanced_accuracy":
        want = (wilson_interval(10, 10, 0.95)[0] + wilson_interval(90, 90, 0.95)[0]) / 2
    else:
        lows = [wilson_interval(n, n, 0.95)[0] for n in (10, 90)]
        want = np.mean([2 * j / (1 + j) for j in lows])
    assert entry["ci95"] == pytest.approx([want, 1.0])

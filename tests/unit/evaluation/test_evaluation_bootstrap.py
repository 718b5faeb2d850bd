"""Percentile bootstrap: determinism, coverage of the point estimate, width, NaN resamples,
and the vectorised resampling inside evaluate() against the plain per-resample loop."""

from __future__ import annotations

import numpy as np
import pytest

from mednn.data.base import Task
from mednn.errors import ConfigError
from mednn.evaluation import evaluate
from mednn.evaluation import metrics as M
from mednn.evaluation.bootstrap import bootstrap_ci, bootstrap_indices, percentile_interval, resample_weights


def test_same_seed_same_interval_other_seed_other_interval(binary):
    y, score = binary(n=200, seed=1)
    first = bootstrap_ci(M.auroc, y, score, n_resamples=200, seed=7)
    assert bootstrap_ci(M.auroc, y, score, n_resamples=200, seed=7) == first
    assert bootstrap_ci(M.auroc, y, score, n_resamples=200, seed=8) != first


@pytest.mark.parametrize("metric", [M.auroc, M.auprc, M.brier, M.ece])
def test_interval_contains_the_point_estimate(binary, metric):
    y, score = binary(n=300, seed=2)
    lo, hi = bootstrap_ci(metric, y, score, n_resamples=300)
    assert lo <= metric(y, score) <= hi
    assert lo < hi


def test_interval_contains_the_point_estimate_for_labels_and_values(binary, regression):
    y, score = binary(n=300, seed=4)
    pred = (score >= 0.5).astype(int)
    for metric in (M.accuracy, M.sensitivity, M.specificity, M.f1):
        lo, hi = bootstrap_ci(metric, y, pred, n_resamples=300)
        assert lo <= metric(y, pred) <= hi
    y, pred = regression(n=200)
    for metric in (M.rmse, M.mae, M.r2):
        lo, hi = bootstrap_ci(metric, y, pred, n_resamples=300)
        assert lo <= metric(y, pred) <= hi


def test_interval_narrows_with_more_samples(binary):
    small = bootstrap_ci(M.auroc, *binary(n=150, seed=3), n_resamples=300)
    large = bootstrap_ci(M.auroc, *binary(n=2400, seed=3), n_resamples=300)
    # the width shrinks like 1 / sqrt(n): 16x the samples, about a quarter of the width
    assert (large[1] - large[0]) < 0.5 * (small[1] - small[0])


def test_resamples_where_the_metric_is_undefined_are_dropped():
    y = np.array([0, 0, 0, 0, 0, 0, 0, 1])  # one positive: most resamples hold no positive or all of it
    score = np.linspace(0.1, 0.9, 8)
    lo, hi = bootstrap_ci(M.auroc, y, score, n_resamples=300)
    assert np.isfinite(lo) and np.isfinite(hi) and lo <= hi <= 1.0


def test_all_resamples_undefined_gives_nan_pair():
    lo, hi = bootstrap_ci(M.auroc, np.zeros(20, dtype=int), np.linspace(0, 1, 20), n_resamples=50)
    assert np.isnan(lo) and np.isnan(hi)


def test_percentile_interval():
    lo, hi = percentile_interval(np.arange(101.0), 0.90)
    assert (lo, hi) == pytest.approx((5.0, 95.0))
    bounds = percentile_interval(np.array([[1.0, np.nan], [3.0, np.nan], [np.nan, np.nan]]), 0.5)
    np.testing.assert_allclose(bounds[:, 0], [1.5, 2.5])
    assert np.isnan(bounds[:, 1]).all()


def test_indices_are_drawn_in_one_call_and_weights_count_them():
    (block,) = list(bootstrap_indices(50, 40, seed=0))
    assert block.shape == (40, 50)
    weights = resample_weights(block, 50)
    np.testing.assert_array_equal(weights.sum(axis=1), 50)
    np.testing.assert_array_equal(weights[3], np.bincount(block[3], minlength=50))


def test_bad_arguments_raise_config_error(binary):
    y, score = binary(n=20)
    with pytest.raises(ConfigError):
        bootstrap_ci(M.auroc, y, score, n_resamples=0)
    with pytest.raises(ConfigError):
        bootstrap_ci(M.auroc, y, score, confidence=1.5)
    with pytest.raises(ConfigError):
        bootstrap_ci(M.auroc, y, score[:-1])


# --------------------------------------------------------------------------- evaluate() == the loop


def _evaluate_ci(task, y, prob, key, **kwargs):
    out = evaluate(task, y, prob, n_bootstrap=150, seed=11, **kwargs)
    node = out
    for part in key:
        node = node[part]
    return node["ci95"]


@pytest.mark.parametrize("ties", [False, True])
def test_vectorised_binary_intervals_equal_the_per_resample_loop(binary, ties):
    y, score = binary(n=250, prevalence=0.3, seed=5, ties=ties)
    task = Task("binary", ("no", "yes"))
    threshold = 0.45
    pred = (score >= threshold).astype(int)
    loops = {
        ("auroc",): (M.auroc, score),
        ("auprc",): (M.auprc, score),
        ("brier",): (M.brier, score),
        ("ece",): (M.ece, score),
        ("accuracy",): (M.accuracy, pred),
        ("balanced_accuracy",): (M.balanced_accuracy, pred),
        ("sensitivity",): (M.sensitivity, pred),
        ("specificity",): (M.specificity, pred),
        ("ppv",): (M.ppv, pred),
        ("npv",): (M.npv, pred),
        ("f1",): (M.f1, pred),
        ("f1_macro",): (M.f1_macro, pred),
    }
    out = evaluate(task, y, score, threshold=threshold, n_bootstrap=150, seed=11)
    for (key,), (metric, second) in loops.items():
        expected = bootstrap_ci(metric, y, second, n_resamples=150, seed=11)
        # float32 resample weights: sums of probabilities carry ~1e-7 relative error
        assert out[key]["ci95"] == pytest.approx(expected, rel=1e-5, abs=1e-6), key


def test_vectorised_multiclass_intervals_equal_the_per_resample_loop(multiclass):
    y, prob = multiclass(n=300, n_classes=4, imbalanced=True, seed=6)
    task = Task("multiclass", ("a", "b", "c", "d"))
    pred = prob.argmax(axis=1)
    out = evaluate(task, y, prob, n_bootstrap=150, seed=11)
    assert out["auroc"]["ci95"] == pytest.approx(bootstrap_ci(M.auroc, y, prob, n_resamples=150, seed=11), rel=1e-9)
    assert out["auprc"]["ci95"] == pytest.approx(bootstrap_ci(M.auprc, y, prob, n_resamples=150, seed=11), rel=1e-9)
    assert out["f1_macro"]["ci95"] == pytest.approx(bootstrap_ci(M.f1_macro, y, pred, n_resamples=150, seed=11))
    assert out["brier"]["ci95"] == pytest.approx(bootstrap_ci(M.brier, y, prob, n_resamples=150, seed=11), rel=1e-5)
    per_class = bootstrap_ci(lambda t, p: M.auroc(t == 3, p[:, 3]), y, prob, n_resamples=150, seed=11)
    assert out["per_class"]["d"]["auroc"]["ci95"] == pytest.approx(per_class, rel=1e-9)
    sens_c = bootstrap_ci(lambda t, p: M.sensitivity(t, p, positive=2), y, pred, n_resamples=150, seed=11)
    assert out["per_class"]["c"]["sensitivity"]["ci95"] == pytest.approx(sens_c)


def test_vectorised_regression_intervals_equal_the_per_resample_loop(regression):
    y, pred = regression(n=200, seed=2)
    out = evaluate(Task("regression", ("sbp",)), y, pred, n_bootstrap=150, seed=11)
    for key, metric in (("rmse", M.rmse), ("mae", M.mae), ("r2", M.r2)):
        assert out[key]["ci95"] == pytest.approx(bootstrap_ci(metric, y, pred, n_resamples=150, seed=11), rel=1e-9)

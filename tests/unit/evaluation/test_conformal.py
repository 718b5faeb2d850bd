"""Split conformal prediction: the coverage guarantee holds on data it was not fitted on."""

import numpy as np
import pytest

from mednn.evaluation.conformal import (
    ConformalPredictor,
    conformal_quantile,
    coverage_summary,
    referral_curve,
)


def _multiclass(n, seed):
    rng = np.random.default_rng(seed)
    p = rng.dirichlet([0.7, 0.7, 0.7, 0.7], n)
    y = np.array([rng.choice(4, p=row) for row in p])  # the probabilities are calibrated by construction
    return p, y


@pytest.mark.parametrize("method", ["lac", "aps"])
def test_sets_cover_new_patients_at_the_target_rate(method):
    p_val, y_val = _multiclass(1000, 0)
    p_test, y_test = _multiclass(4000, 1)
    cp = ConformalPredictor(coverage=0.9, method=method, task_kind="multiclass").fit(p_val, y_val)
    sets = cp.predict_sets(p_test)
    covered = sets[np.arange(len(y_test)), y_test].mean()
    assert 0.88 <= covered <= 0.93
    assert sets.any(axis=1).all()  # never an empty set


def test_aps_sets_grow_where_the_model_is_unsure():
    p_val, y_val = _multiclass(1000, 0)
    cp = ConformalPredictor(coverage=0.9, method="aps", task_kind="multiclass").fit(p_val, y_val)
    sure = np.array([[0.97, 0.01, 0.01, 0.01]])
    unsure = np.array([[0.3, 0.3, 0.2, 0.2]])
    assert cp.predict_sets(sure).sum() < cp.predict_sets(unsure).sum()


def test_binary_sets_and_the_finite_sample_quantile():
    rng = np.random.default_rng(2)
    y = rng.integers(0, 2, 500)
    p = np.clip(0.5 + (2 * y - 1) * rng.uniform(0, 0.5, 500), 0, 1)
    cp = ConformalPredictor(coverage=0.8, task_kind="binary").fit(p, y)
    sets = cp.predict_sets(p)
    assert sets.shape == (500, 2) and sets[np.arange(500), y].mean() >= 0.8
    # the (n + 1) correction: 9 scores cannot certify 95% coverage -> every class is in the set
    assert conformal_quantile(np.arange(9.0), 0.95) == float("inf")
    assert conformal_quantile(np.arange(1, 10.0), 0.5) == 5.0


def test_regression_intervals_cover_and_round_trip():
    rng = np.random.default_rng(3)
    x_val, x_test = rng.normal(size=800), rng.normal(size=3000)
    y_val, y_test = x_val + rng.normal(size=800), x_test + rng.normal(size=3000)
    cp = ConformalPredictor(coverage=0.9, task_kind="regression").fit(x_val, y_val)
    again = ConformalPredictor.from_state(cp.state_dict())
    lower, upper = again.predict_intervals(x_test)
    inside = ((y_test >= lower[:, 0]) & (y_test <= upper[:, 0])).mean()
    assert 0.88 <= inside <= 0.92
    assert cp.quantile_[0] == pytest.approx(1.645, abs=0.15)  # the 90% half-width of N(0, 1) noise


def test_coverage_summary_reports_ci_sizes_and_subgroups():
    p_val, y_val = _multiclass(600, 0)
    p_test, y_test = _multiclass(600, 1)
    cp = ConformalPredictor(coverage=0.9, task_kind="multiclass").fit(p_val, y_val)
    site = np.where(np.arange(600) % 2 == 0, "a", "b")
    summary = coverage_summary(cp, p_test, y_test, class_names=list("wxyz"), groups={"site": site})
    low, high = summary["coverage"]["ci95"]
    assert low < summary["coverage"]["value"] < high and high - low < 0.07
    assert sum(summary["set_size"]["distribution"].values()) == 600
    assert set(summary["subgroups"]["site"]) == {"a", "b"} and summary["subgroups"]["site"]["a"]["n"] == 300


def test_referral_curve_keeps_the_confident_cases():
    correct = np.array([1, 1, 1, 1, 0, 0, 1, 1, 1, 0])
    uncertainty = np.array([0.1, 0.1, 0.2, 0.1, 0.9, 0.8, 0.2, 0.1, 0.3, 0.7])
    curve = referral_curve(correct, uncertainty)
    assert curve[0] == {"referred": 0.0, "n_kept": 10, "accuracy_kept": 0.7}
    assert curve[3]["referred"] == pytest.approx(0.3) and curve[3]["accuracy_kept"] == 1.0

"""Every registered metric (:data:`mednn.evaluation.metrics.METRICS`): a perfect predictor scores
the entry's ``ideal``, a poor one scores worse in the entry's direction, the value does not
depend on the order of the samples, and data on which it is undefined give NaN with a warning,
never an exception. A new metric is tested by registering it."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from mednn.evaluation.metrics import METRICS, UndefinedMetricWarning

RNG = np.random.default_rng(0)
Y = np.array([0, 1] * 30)
Y_VALUES = RNG.normal(size=60)


def _perfect(spec):
    if spec.input == "values":
        return Y_VALUES, Y_VALUES.copy()
    return Y, Y.astype(np.float64) if spec.input == "scores" else Y.copy()


def _poor(spec):
    if spec.input == "values":
        return Y_VALUES, RNG.normal(size=60)
    if spec.input == "scores":
        return Y, np.clip(1.0 - Y + RNG.uniform(-0.2, 0.2, 60), 0, 1)  # confidently wrong
    return Y, 1 - Y


@pytest.mark.parametrize("name", METRICS.names())
def test_a_perfect_predictor_scores_the_ideal_and_a_poor_one_worse(name):
    spec = METRICS.get(name)
    assert spec.function(*_perfect(spec)) == pytest.approx(spec.ideal, abs=1e-9)
    poor = spec.function(*_poor(spec))
    assert (poor < spec.ideal) if spec.greater_is_better else (poor > spec.ideal)


@pytest.mark.parametrize("name", METRICS.names())
def test_the_value_does_not_depend_on_the_order_of_the_samples(name):
    spec = METRICS.get(name)
    y, pred = _poor(spec)
    pred = np.where(RNG.random(60) < 0.5, pred, _perfect(spec)[1])  # a mix of right and wrong
    order = RNG.permutation(60)
    assert spec.function(y[order], pred[order]) == pytest.approx(spec.function(y, pred), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("name", [n for n in METRICS.names() if METRICS.get(n).input != "values"])
def test_undefined_on_one_class_is_nan_with_a_warning_never_an_error(name):
    spec = METRICS.get(name)
    y = np.zeros(10, dtype=np.int64)  # one class present
    pred = np.zeros(10) if spec.input == "labels" else np.full(10, 0.2)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = spec.function(y, pred)
    assert np.isfinite(value) or any(issubclass(w.category, UndefinedMetricWarning) for w in caught)

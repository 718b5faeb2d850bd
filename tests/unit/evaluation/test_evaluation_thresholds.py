"""Threshold selection: Youden's J against scikit-learn's ROC curve, target sensitivity."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import recall_score, roc_curve

from mednn.errors import ConfigError, DataError, NotFittedError
from mednn.evaluation import ThresholdSelector, UndefinedMetricWarning


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("ties", [False, True])
def test_youden_reaches_the_max_of_sklearn_roc_curve(binary, seed, ties):
    y, score = binary(n=150, prevalence=0.35, seed=seed, ties=ties)
    fpr, tpr, thresholds = roc_curve(y, score, drop_intermediate=False)
    best = int(np.argmax(tpr - fpr))
    assert best > 0  # not the +inf start point, which the selector never returns
    cut = ThresholdSelector("youden").fit(score, y).threshold_
    # the middle of the interval of cuts that reach the maximal J
    assert cut == pytest.approx((thresholds[best] + thresholds[best + 1]) / 2)
    pred = (score >= cut).astype(int)
    j = recall_score(y, pred) + recall_score(1 - y, 1 - pred) - 1
    assert j == pytest.approx(np.max(tpr - fpr))


@pytest.mark.parametrize("target", [0.5, 0.8, 0.9, 0.95, 1.0])
@pytest.mark.parametrize("ties", [False, True])
def test_target_sensitivity_is_reached_by_the_highest_such_threshold(binary, target, ties):
    y, score = binary(n=200, prevalence=0.4, seed=3, ties=ties)
    selector = ThresholdSelector("sensitivity", target_sensitivity=target).fit(score, y)
    cut = selector.threshold_
    assert recall_score(y, selector.predict(score)) >= target
    higher = np.unique(score[score > cut])
    if higher.size:  # the next higher distinct score misses the target
        assert recall_score(y, (score >= higher[0]).astype(int)) < target


def test_fixed_threshold():
    assert ThresholdSelector("fixed", fixed=0.3).fit(np.array([0.2, 0.9]), np.array([0, 1])).threshold_ == 0.3


def test_multilabel_fits_one_threshold_per_label_leaving_missing_out(binary):
    y1, s1 = binary(n=120, seed=1)
    y2, s2 = binary(n=120, seed=2)
    y = np.stack([y1, y2], axis=1).astype(float)
    y[::5, 1] = np.nan
    selector = ThresholdSelector("youden").fit(np.stack([s1, s2], axis=1), y)
    keep = ~np.isnan(y[:, 1])
    expected = [ThresholdSelector("youden").fit(s1, y1).threshold_,
                ThresholdSelector("youden").fit(s2[keep], y2[keep]).threshold_]
    np.testing.assert_array_equal(selector.threshold_, expected)
    assert selector.to_dict() == {"method": "youden", "value": expected}


def test_one_class_falls_back_to_the_fixed_threshold_with_a_warning():
    with pytest.warns(UndefinedMetricWarning):
        selector = ThresholdSelector("youden", fixed=0.4).fit(np.linspace(0, 1, 5), np.zeros(5))
    assert selector.threshold_ == 0.4


def test_bad_use_raises():
    with pytest.raises(ConfigError, match="did you mean 'youden'"):
        ThresholdSelector("youdem").fit(np.array([0.1, 0.9]), np.array([0, 1]))
    with pytest.raises(ConfigError):
        ThresholdSelector("sensitivity", target_sensitivity=1.5).fit(np.array([0.1, 0.9]), np.array([0, 1]))
    with pytest.raises(DataError):
        ThresholdSelector().fit(np.array([0.1, 0.9]), np.array([0, 2]))
    with pytest.raises(DataError):
        ThresholdSelector().fit(np.array([0.1, 0.9]), np.array([0, 1, 1]))
    with pytest.raises(NotFittedError):
        ThresholdSelector().predict(np.array([0.5]))

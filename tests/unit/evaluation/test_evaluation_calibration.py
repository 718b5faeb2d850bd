"""Temperature scaling recovers a known temperature and lowers NLL; ECE / reliability curve."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.calibration import calibration_curve
from sklearn.metrics import log_loss

from mednn.errors import ConfigError, DataError, NotFittedError
from mednn.evaluation import TemperatureScaler, reliability_curve
from mednn.evaluation import metrics as M


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _multiclass_with_true_logits(n=20000, n_classes=4, seed=0):
    """Targets drawn from softmax(true logits): the true logits are calibrated by construction."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(scale=2.0, size=(n, n_classes))
    cumulative = _softmax(logits).cumsum(axis=1)
    y = (rng.random((n, 1)) > cumulative).sum(axis=1)
    return logits, np.minimum(y, n_classes - 1)


@pytest.mark.parametrize("temperature", [2.5, 0.5])
def test_recovers_a_known_temperature_multiclass(temperature):
    logits, y = _multiclass_with_true_logits(seed=1)
    scaler = TemperatureScaler("multiclass").fit(logits * temperature, y)
    assert scaler.temperature_ == pytest.approx(temperature, rel=0.05)


def test_recovers_a_known_temperature_binary_with_n_by_1_logits():
    rng = np.random.default_rng(2)
    logits = rng.normal(scale=2.0, size=20000)
    y = (rng.random(20000) < _sigmoid(logits)).astype(int)
    scaler = TemperatureScaler("binary").fit((3.0 * logits)[:, None], y)
    assert scaler.temperature_ == pytest.approx(3.0, rel=0.05)
    assert scaler.transform((3.0 * logits)[:, None]).shape == (20000,)


def test_recovers_a_known_temperature_multilabel_with_missing_labels():
    rng = np.random.default_rng(3)
    logits = rng.normal(scale=2.0, size=(8000, 3))
    y = (rng.random((8000, 3)) < _sigmoid(logits)).astype(float)
    y[rng.random((8000, 3)) < 0.2] = np.nan
    scaler = TemperatureScaler("multilabel").fit(2.0 * logits, y)
    assert scaler.temperature_ == pytest.approx(2.0, rel=0.06)


def test_lowers_nll_of_over_confident_logits():
    logits, y = _multiclass_with_true_logits(n=4000, seed=4)
    over_confident = 4.0 * logits
    scaler = TemperatureScaler("multiclass").fit(over_confident, y)
    before = log_loss(y, _softmax(over_confident), labels=range(4))
    after = log_loss(y, scaler.transform(over_confident), labels=range(4))
    assert after < 0.8 * before
    assert scaler.nll_after_ == pytest.approx(after, rel=1e-6)
    assert scaler.nll_before_ == pytest.approx(before, rel=1e-6)
    # one temperature keeps the ranking: the predicted classes do not change
    np.testing.assert_array_equal(scaler.transform(over_confident).argmax(axis=1), over_confident.argmax(axis=1))
    # and the calibration error drops
    assert M.ece(y, scaler.transform(over_confident)) < 0.5 * M.ece(y, _softmax(over_confident))


def test_state_round_trips_through_json():
    logits, y = _multiclass_with_true_logits(n=1000, seed=5)
    scaler = TemperatureScaler("multiclass").fit(2.0 * logits, y)
    again = TemperatureScaler.from_dict(json.loads(json.dumps(scaler.to_dict())))
    np.testing.assert_allclose(again.transform(logits), scaler.transform(logits))


def test_use_before_fit_and_bad_inputs():
    with pytest.raises(NotFittedError):
        TemperatureScaler().transform(np.zeros(3))
    with pytest.raises(ConfigError):
        TemperatureScaler("regression").fit(np.zeros(3), np.zeros(3))
    with pytest.raises(DataError):
        TemperatureScaler("multiclass").fit(np.zeros((3, 2)), np.array([0, 1, 2]))
    with pytest.raises(DataError):
        TemperatureScaler("binary").fit(np.array([0.0, np.nan]), np.array([0, 1]))
    with pytest.raises(DataError):
        TemperatureScaler.from_dict({"temperature": -1.0, "task_kind": "binary"})


# --------------------------------------------------------------------------- ECE / reliability


def test_ece_of_a_calibrated_predictor_is_small_and_of_an_overconfident_one_is_not():
    rng = np.random.default_rng(6)
    p = rng.random(20000)
    y = (rng.random(20000) < p).astype(int)
    assert M.ece(y, p) < 0.02
    over = _sigmoid(4.0 * np.log(p / (1 - p)))
    assert M.ece(y, over) > 0.08


def test_ece_of_a_calibrated_multiclass_predictor_is_small():
    logits, y = _multiclass_with_true_logits(n=20000, seed=7)
    assert M.ece(y, _softmax(logits)) < 0.02


def test_reliability_curve_matches_sklearn_and_ece(multiclass):
    rng = np.random.default_rng(8)
    p = rng.random(3000)
    y = (rng.random(3000) < p ** 1.5).astype(int)
    curve = reliability_curve(y, p, n_bins=10)
    prob_true, prob_pred = calibration_curve(y, p, n_bins=10)
    filled = curve["count"] > 0
    np.testing.assert_allclose(curve["accuracy"][filled], prob_true)
    np.testing.assert_allclose(curve["confidence"][filled], prob_pred)
    assert curve["count"].sum() == 3000 and len(curve["bin_edges"]) == 11
    gaps = curve["count"][filled] * np.abs(curve["confidence"][filled] - curve["accuracy"][filled])
    assert gaps.sum() / 3000 == pytest.approx(M.ece(y, p, n_bins=10))

    y, prob = multiclass(n=400, seed=9)
    curve = reliability_curve(y, prob, n_bins=15)
    filled = curve["count"] > 0
    gaps = curve["count"][filled] * np.abs(curve["confidence"][filled] - curve["accuracy"][filled])
    assert gaps.sum() / 400 == pytest.approx(M.ece(y, prob))
    assert np.isnan(curve["confidence"][~filled]).all()


def test_bins_are_closed_on_the_left_and_one_falls_in_the_last():
    curve = reliability_curve(np.array([1, 0, 1]), np.array([0.5, 0.0, 1.0]), n_bins=10)
    assert np.flatnonzero(curve["count"]).tolist() == [0, 5, 9]  # [0.5, 0.6) holds 0.5

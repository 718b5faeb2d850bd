"""Every metric against scikit-learn, invariances generated from METRICS, undefined cases."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn import metrics as skm
from sklearn.calibration import calibration_curve

from mednn.errors import DataError
from mednn.evaluation import metrics as M
from mednn.evaluation.metrics import METRICS, UndefinedMetricWarning

CASES = [  # (prevalence, ties)
    (0.5, False),
    (0.08, False),  # class imbalance
    (0.3, True),  # tied scores
]


def _quiet(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        return function(*args, **kwargs)


# --------------------------------------------------------------------------- binary vs sklearn


@pytest.mark.parametrize("prevalence,ties", CASES)
@pytest.mark.parametrize("seed", [0, 1])
def test_binary_metrics_match_sklearn(binary, prevalence, ties, seed):
    y, score = binary(n=300, prevalence=prevalence, seed=seed, ties=ties)
    pred = (score >= 0.5).astype(int)
    nan = np.nan
    expected = {
        "accuracy": skm.accuracy_score(y, pred),
        "balanced_accuracy": skm.balanced_accuracy_score(y, pred),
        "sensitivity": skm.recall_score(y, pred, zero_division=nan),
        "specificity": skm.recall_score(y, pred, pos_label=0, zero_division=nan),
        "ppv": skm.precision_score(y, pred, zero_division=nan),
        "npv": skm.precision_score(y, pred, pos_label=0, zero_division=nan),
        "f1": skm.f1_score(y, pred, zero_division=nan),
        "f1_macro": skm.f1_score(y, pred, average="macro", zero_division=nan),
    }
    for name, value in expected.items():
        assert getattr(M, name)(y, pred) == pytest.approx(value, abs=1e-12), name
    assert M.auroc(y, score) == pytest.approx(skm.roc_auc_score(y, score), abs=1e-12)
    assert M.auprc(y, score) == pytest.approx(skm.average_precision_score(y, score), abs=1e-12)
    assert M.brier(y, score) == pytest.approx(skm.brier_score_loss(y, score), abs=1e-12)
    np.testing.assert_array_equal(M.confusion_matrix(y, pred), skm.confusion_matrix(y, pred))


@pytest.mark.filterwarnings("ignore:The y_prob values do not sum to one")  # rounded (tied) probabilities
@pytest.mark.parametrize("imbalanced,ties", [(False, False), (True, False), (False, True)])
@pytest.mark.parametrize("seed", [0, 1])
def test_multiclass_metrics_match_sklearn(multiclass, imbalanced, ties, seed):
    y, prob = multiclass(n=400, n_classes=5, imbalanced=imbalanced, seed=seed, ties=ties)
    pred = prob.argmax(axis=1)
    onehot = np.eye(5)[y]
    nan = np.nan
    assert M.accuracy(y, pred) == pytest.approx(skm.accuracy_score(y, pred), abs=1e-12)
    assert M.balanced_accuracy(y, pred) == pytest.approx(skm.balanced_accuracy_score(y, pred), abs=1e-12)
    assert M.f1_macro(y, pred) == pytest.approx(skm.f1_score(y, pred, average="macro", zero_division=nan))
    assert M.sensitivity(y, pred, average="macro") == pytest.approx(
        skm.recall_score(y, pred, average="macro", zero_division=nan), abs=1e-12)
    assert M.ppv(y, pred, average="macro") == pytest.approx(
        skm.precision_score(y, pred, average="macro", zero_division=nan), abs=1e-12)
    per_class = skm.multilabel_confusion_matrix(y, pred, labels=range(5))  # [[tn, fp], [fn, tp]]
    for k in range(5):
        (tn, fp), (fn, tp) = per_class[k]
        assert M.sensitivity(y, pred, positive=k) == pytest.approx(tp / (tp + fn))
        assert M.specificity(y, pred, positive=k) == pytest.approx(tn / (tn + fp))
        assert M.npv(y, pred, positive=k) == pytest.approx(tn / (tn + fn))
        assert M.f1(y, pred, positive=k) == pytest.approx(
            skm.f1_score(y == k, pred == k, zero_division=nan), abs=1e-12)
    assert M.specificity(y, pred, average="macro") == pytest.approx(
        np.mean([m[0, 0] / (m[0, 0] + m[0, 1]) for m in per_class]))
    if not ties:  # sklearn's multiclass AUROC requires rows that sum to exactly 1
        assert M.auroc(y, prob) == pytest.approx(skm.roc_auc_score(y, prob, multi_class="ovr"), abs=1e-12)
    assert M.auroc(y, prob) == pytest.approx(
        skm.roc_auc_score(onehot, prob, average="macro"), abs=1e-12)
    assert M.auprc(y, prob) == pytest.approx(skm.average_precision_score(onehot, prob, average="macro"), abs=1e-12)
    assert M.brier(y, prob) == pytest.approx(skm.brier_score_loss(y, prob, labels=range(5)), abs=1e-12)
    np.testing.assert_array_equal(M.confusion_matrix(y, pred, 5), skm.confusion_matrix(y, pred, labels=range(5)))


def _sklearn_ece(outcome, confidence, n_bins):
    prob_true, prob_pred = calibration_curve(outcome, confidence, n_bins=n_bins, strategy="uniform")
    edges = np.linspace(0, 1, n_bins + 1)
    counts = np.bincount(np.searchsorted(edges[1:-1], confidence), minlength=n_bins)
    counts = counts[counts > 0]
    return float(np.sum(counts * np.abs(prob_true - prob_pred)) / len(confidence))


@pytest.mark.parametrize("n_bins", [10, 15])
def test_ece_matches_sklearn_calibration_curve(binary, multiclass, n_bins):
    y, score = binary(n=500, seed=3)
    assert M.ece(y, score, n_bins=n_bins) == pytest.approx(_sklearn_ece(y, score, n_bins), abs=1e-12)
    y, prob = multiclass(n=500, seed=3)
    correct = (prob.argmax(axis=1) == y).astype(int)
    assert M.ece(y, prob, n_bins=n_bins) == pytest.approx(_sklearn_ece(correct, prob.max(axis=1), n_bins), abs=1e-12)


def test_ece_puts_a_probability_of_one_in_the_last_bin():
    assert M.ece([1, 0], [1.0, 0.0], n_bins=15) == 0.0


@pytest.mark.parametrize("n_targets", [1, 3])
def test_regression_metrics_match_sklearn(regression, n_targets):
    y, pred = regression(n=200, n_targets=n_targets)
    assert M.rmse(y, pred) == pytest.approx(skm.root_mean_squared_error(y, pred), rel=1e-12)
    assert M.mae(y, pred) == pytest.approx(skm.mean_absolute_error(y, pred), rel=1e-12)
    assert M.r2(y, pred) == pytest.approx(skm.r2_score(y, pred), rel=1e-10)


def test_regression_leaves_missing_targets_out(regression):
    y, pred = regression(n=100, n_targets=2)
    y[::7, 1] = np.nan
    keep = ~np.isnan(y[:, 1])
    expected = np.mean([skm.r2_score(y[:, 0], pred[:, 0]), skm.r2_score(y[keep, 1], pred[keep, 1])])
    assert M.r2(y, pred) == pytest.approx(expected, rel=1e-10)


def test_hand_computed_values():
    # 3 TP, 1 FN, 2 FP, 4 TN
    y = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
    pred = np.array([1, 1, 1, 0, 1, 1, 0, 0, 0, 0])
    assert M.sensitivity(y, pred) == 0.75
    assert M.specificity(y, pred) == 4 / 6
    assert M.ppv(y, pred) == 3 / 5
    assert M.npv(y, pred) == 4 / 5
    assert M.f1(y, pred) == pytest.approx(6 / 9)
    # every positive above every negative except one tie (counts 1/2): 15.5 / 16
    assert M.auroc([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.1]) == pytest.approx(3.5 / 4)


# --------------------------------------------------------------------------- generated invariances


def _data_for(spec, seed, kind):
    rng = np.random.default_rng(seed)
    n = 60
    if spec.input == "values":
        y = rng.normal(size=n)
        return y, y + rng.normal(scale=0.5, size=n), y
    if kind == "binary":
        y = rng.integers(0, 2, n)
        y[:2] = [0, 1]
        score = np.clip(0.3 * y + 0.7 * rng.random(n), 0, 1)
        perfect = y.astype(float)
    else:
        y = rng.integers(0, 3, n)
        y[:3] = [0, 1, 2]
        score = rng.dirichlet(np.ones(3), n)
        perfect = np.eye(3)[y]
    if spec.input == "labels":
        pred = (score >= 0.5).astype(int) if kind == "binary" else score.argmax(axis=1)
        return y, pred, y.copy()
    return y, score, perfect


def _variants():
    for name in METRICS.names():
        spec = METRICS.get(name)
        kinds = ["regression"] if spec.input == "values" else ["binary", "multiclass"]
        for kind in kinds:
            yield pytest.param(name, kind, id=f"{name}-{kind}")


@pytest.mark.parametrize("name,kind", list(_variants()))
def test_permuting_samples_keeps_the_value(name, kind):
    spec = METRICS.get(name)
    y, pred, _ = _data_for(spec, seed=5, kind=kind)
    perm = np.random.default_rng(9).permutation(len(y))
    assert spec.function(y[perm], pred[perm]) == pytest.approx(spec.function(y, pred), abs=1e-12)


@pytest.mark.parametrize("name,kind", list(_variants()))
def test_a_perfect_predictor_gets_the_ideal_value(name, kind):
    spec = METRICS.get(name)
    y, _, perfect = _data_for(spec, seed=6, kind=kind)
    assert spec.function(y, perfect) == pytest.approx(spec.ideal, abs=1e-12)


@pytest.mark.parametrize("name,kind", list(_variants()))
def test_a_perfect_predictor_is_no_worse_than_a_noisy_one(name, kind):
    spec = METRICS.get(name)
    y, noisy, perfect = _data_for(spec, seed=7, kind=kind)
    best, other = spec.function(y, perfect), spec.function(y, noisy)
    assert (best >= other) if spec.greater_is_better else (best <= other)


def test_registry_lists_the_documented_metric_keys():
    assert set(METRICS.names()) == {"accuracy", "balanced_accuracy", "auroc", "auprc", "sensitivity", "specificity",
                                    "ppv", "npv", "f1", "f1_macro", "brier", "ece", "rmse", "mae", "r2"}


# --------------------------------------------------------------------------- undefined cases


UNDEFINED = [
    ("auroc one class", lambda: M.auroc([1, 1, 1], [0.2, 0.5, 0.9])),
    ("auroc multiclass single class", lambda: M.auroc([0, 0], [[0.7, 0.3], [0.4, 0.6]])),
    ("auprc no positives", lambda: M.auprc([0, 0, 0], [0.2, 0.5, 0.9])),
    ("sensitivity no positives", lambda: M.sensitivity([0, 0], [0, 1])),
    ("specificity no negatives", lambda: M.specificity([1, 1], [0, 1])),
    ("ppv nothing called positive", lambda: M.ppv([0, 1], [0, 0])),
    ("npv everything called positive", lambda: M.npv([0, 1], [1, 1])),
    ("f1 no positives at all", lambda: M.f1([0, 0], [0, 0])),
    ("r2 constant target", lambda: M.r2([2.0, 2.0, 2.0], [1.0, 2.0, 3.0])),
    ("r2 single sample", lambda: M.r2([2.0], [1.0])),
    ("accuracy empty", lambda: M.accuracy([], [])),
    ("brier empty", lambda: M.brier(np.array([], dtype=int), np.array([]))),
    ("ece empty", lambda: M.ece(np.array([], dtype=int), np.array([]))),
    ("rmse empty", lambda: M.rmse([], [])),
]


@pytest.mark.parametrize("case", [c[1] for c in UNDEFINED], ids=[c[0] for c in UNDEFINED])
def test_undefined_metric_is_nan_with_a_warning(case):
    with pytest.warns(UndefinedMetricWarning):
        value = case()
    assert np.isnan(value)


def test_macro_average_skips_undefined_classes():
    # class 2 is never true nor predicted: its F1 is undefined and left out, as sklearn does
    y = np.array([0, 0, 1, 1, 3, 3])
    pred = np.array([0, 1, 1, 1, 3, 0])
    assert M.f1_macro(y, pred) == pytest.approx(skm.f1_score(y, pred, average="macro", zero_division=np.nan))


def test_invalid_inputs_raise_data_error():
    with pytest.raises(DataError):
        M.accuracy([0, 1, 1], [0, 1])
    with pytest.raises(DataError):
        M.auroc([0, 1, 2], [0.1, 0.5, 0.9])  # 1-D scores with a third class
    with pytest.raises(DataError):
        M.auroc([0, 1], [np.nan, 0.5])
    with pytest.raises(DataError):
        M.accuracy([0.5, 1.0], [0, 1])
    with pytest.raises(DataError):
        M.rmse([1.0, 2.0], [1.0, np.inf])

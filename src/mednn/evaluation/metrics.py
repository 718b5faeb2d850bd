"""Metric functions: ``metric(y_true, y_pred_or_score, ...) -> float``.

Pure functions on NumPy arrays, tested against scikit-learn. Three kinds of second argument:

- labels (``accuracy``, ``sensitivity``, ...): predicted class indices, e.g. ``prob >= threshold``;
- scores (``auroc``, ``auprc``, ``brier``, ``ece``): binary -> P(positive), shape (n,);
  multiclass -> class probabilities, shape (n, C), macro-averaged one-vs-rest;
- values (``rmse``, ``mae``, ``r2``): regression predictions.

A metric that is undefined on the data (one class present, a zero denominator) returns NaN
and warns with :class:`UndefinedMetricWarning`; it never raises. "Undefined" includes AUPRC with
no negatives (1.0 whatever the ranking); a rate (sensitivity, specificity, PPV, NPV) is
undefined exactly where its denominator is 0, so a file of one class keeps the rates it can
give (its NPV, the PPV of 0 of a class called but absent); F1 is undefined with its sensitivity
(a class absent from y_true). A macro average (balanced accuracy, macro F1, the multiclass
averages) is over one fixed set of classes: those present in y_true (for PPV / NPV, also with a
nonzero denominator); it is undefined with fewer than two, where it would only be one class's
rate under another name. ``evaluate()`` keeps that set on every bootstrap resample.

``METRICS`` is the one registry every stage reads: each :class:`MetricSpec` gives the
function, its input kind, its direction (model selection and early stopping), whether
``evaluate()`` bootstraps it, how ``evaluate()``'s per-resample tables compute it from the
shared kernels (``table``), and its report label. A new metric is one function here with its
``@_register(...)``; ``evaluate()``, the training monitor and the report pick it up (in
registration order, which is the order of ``metrics.json``).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..errors import DataError, problem
from ..registry import Registry
from . import _kernels as K


class UndefinedMetricWarning(UserWarning):
    """A metric is undefined on the data (e.g. AUROC with one class present); its value is NaN."""


@dataclass(frozen=True)
class MetricSpec:
    """Everything mednn knows about one metric, read by evaluation, model selection and the report.

    ``input``: what the second argument is (labels, scores or values); ``ideal``: what a
    perfect predictor scores; ``greater_is_better``: the direction early stopping and the
    plateau schedule use; ``bootstrap``: ``evaluate()`` gives it a confidence interval;
    ``per_class``: ``evaluate()`` also reports it per class / label; ``table(stats)``: its
    values on every resample from the kernels ``evaluate()`` computes once (a
    :class:`ClassStats` for classification, the dict of ``_kernels.regression`` for
    values); ``label`` / ``macro_label``: the report's plain-language name for a binary task
    (``{positive}`` / ``{negative}`` are the class names) and for averaged tasks; ``short``:
    a column heading.
    """

    name: str
    function: Callable[..., float]
    input: Literal["labels", "scores", "values"]
    ideal: float
    greater_is_better: bool
    table: Callable[..., np.ndarray]
    label: str
    macro_label: str
    short: str
    bootstrap: bool = True
    per_class: bool = False
    multilabel_label: str | None = None  # when a multilabel average needs other words than a multiclass one
    multilabel_short: str | None = None  # its short name, likewise


METRICS: Registry[MetricSpec] = Registry("metric")
_ORDER: list[str] = []  # registration order: the order of metrics.json and the report

Average = Literal["binary", "macro"]


def _register(name: str, input: str, ideal: float, *, table: Callable[..., np.ndarray], label: str, short: str,
              macro_label: str | None = None, greater_is_better: bool = True, bootstrap: bool = True,
              per_class: bool = False, multilabel_label: str | None = None, multilabel_short: str | None = None):
    def decorator(function):
        METRICS.register(name)(MetricSpec(name, function, input, ideal, greater_is_better, table, label,
                                          macro_label or label, short, bootstrap, per_class, multilabel_label,
                                          multilabel_short))
        _ORDER.append(name)
        return function

    return decorator


def metric_names(*inputs: str) -> list[str]:
    """Registered metric names in registration order, only those of the given input kinds.

    >>> metric_names("values")
    ['rmse', 'mae', 'r2']
    """
    return [name for name in _ORDER if not inputs or METRICS.get(name).input in inputs]


# a per-class metric whose average over classes / labels (multiclass, multilabel) is another
# registered metric, the same number: evaluate() writes both keys (metrics.json keeps them), a view
# lists the average once, by the name that says how it averages (trial 15: "F1 ... mean over the
# labels" and "F1 score, macro average over labels", one value, two rows)
AVERAGED_AS: dict[str, str] = {"f1": "f1_macro"}


def distinct_metrics(keys, kind: str) -> list[str]:
    """``keys`` without those that repeat another key's value for this task kind
    (:data:`AVERAGED_AS`): a multiclass or multilabel ``f1`` is its ``f1_macro``.

    >>> distinct_metrics(["auroc", "f1", "f1_macro"], "multilabel"), distinct_metrics(["f1", "f1_macro"], "binary")
    (['auroc', 'f1_macro'], ['f1', 'f1_macro'])
    """
    keys = list(keys)
    if kind not in ("multiclass", "multilabel"):
        return keys
    return [k for k in keys if AVERAGED_AS.get(k) not in keys]


@dataclass(frozen=True)
class ColumnLabel:
    """The names of a key ``evaluate()`` writes that is not a metric function of its own: the
    multilabel averages (pooled over labels, scikit-learn's micro and samples averages) and the
    counts beside metrics in per-class tables. ``short``: a column heading."""

    name: str
    label: str
    short: str
    is_metric: bool = False  # a value with a confidence interval (the averages), not a count


# the rest of the one label table: keys of evaluate()'s output that are not registered metrics
COLUMN_LABELS: dict[str, ColumnLabel] = {c.name: c for c in (
    ColumnLabel("subset_accuracy", "Exact-match (subset) accuracy: share of samples with every label right",
                "Exact-match accuracy", is_metric=True),
    ColumnLabel("f1_micro", "F1 score, micro average (true and false positives pooled over labels)", "micro F1",
                is_metric=True),
    ColumnLabel("f1_samples", "F1 score, mean over samples of the predicted label set (example-based)",
                "samples F1", is_metric=True),
    ColumnLabel("precision_micro", "Precision (PPV), micro average over labels", "micro precision",
                is_metric=True),
    ColumnLabel("recall_micro", "Recall (sensitivity), micro average over labels", "micro recall", is_metric=True),
    ColumnLabel("support", "Test samples of the class (positives of the label)", "Test samples"),
    ColumnLabel("n", "Test samples", "Test samples"),
    ColumnLabel("prevalence", "Prevalence", "Prevalence"),
    ColumnLabel("threshold", "Operating threshold", "Threshold"),
)}


def metric_label(name: str, kind: str, class_names=(), positive: str | None = None) -> str:
    """The report's plain-language name of a metric for a task (the one label table: the
    registry's entries and :data:`COLUMN_LABELS`).

    >>> metric_label("sensitivity", "binary", ["benign", "malignant"])
    'Sensitivity (recall of malignant)'
    """
    if name not in METRICS:
        return COLUMN_LABELS[name].label if name in COLUMN_LABELS else name.replace("_", " ")
    spec = METRICS.get(name)
    if kind == "multilabel" and spec.multilabel_label:
        return spec.multilabel_label
    if kind != "binary":
        return spec.macro_label
    positive, negative = _binary_names(class_names, positive)
    return spec.label.format(positive=positive, negative=negative)


def _binary_names(class_names, positive: str | None) -> tuple[str, str]:
    names = list(class_names)
    positive = positive or (names[1] if len(names) == 2 else "the positive class")
    negative = next((c for c in names if c != positive), "the negative class")
    return positive, negative


def metric_short(name: str, kind: str = "binary", class_names=(), positive: str | None = None) -> str:
    """A metric's short name for a table row or the terminal: the registry's ``short``, the
    class it refers to for a binary task ("Sensitivity (malignant)"), "(macro average)" for a
    per-class metric averaged over classes, "(lower is better)" where lower is better.

    >>> metric_short("specificity", "binary", ["benign", "malignant"]), metric_short("brier")
    ('Specificity (benign)', 'Brier (lower is better)')
    """
    if name not in METRICS:
        return COLUMN_LABELS[name].short if name in COLUMN_LABELS else name.replace("_", " ")
    spec = METRICS.get(name)
    if kind == "multilabel" and spec.multilabel_short:
        return spec.multilabel_short
    text = spec.short
    if kind == "binary" and ("{positive}" in spec.label or "{negative}" in spec.label):
        positive, negative = _binary_names(class_names, positive)
        text += f" ({positive if '{positive}' in spec.label else negative})"
    elif kind in ("multiclass", "multilabel") and spec.per_class and spec.input == "labels":
        text += " (macro average)"
    if not spec.greater_is_better:
        text += " (lower is better)"
    return text


class ClassStats:
    """The kernels' output on a set of resample weights that classification metrics are read from.

    ``rates``: :func:`_kernels.class_rates` (``accuracy`` (R,), per-class (R, C) arrays);
    ``ranking``: per-class ``auroc`` / ``auprc`` (R, C); ``brier``, ``ece``: (R,);
    ``positive``: the positive class's column for a binary task, None for macro averages;
    ``classes``: :func:`_kernels.classes_with_values` of the data, the fixed class set of every
    macro average.
    """

    def __init__(self, rates, ranking, brier, ece, positive: int | None, classes: dict[str, np.ndarray]):
        self.rates, self.ranking, self.brier, self.ece, self.positive = rates, ranking, brier, ece, positive
        self.classes = classes

    def per_class(self, key: str) -> np.ndarray:
        """(R, C) values of a per-class quantity (a rate or a ranking metric)."""
        return self.ranking[key] if key in self.ranking else self.rates[key]

    def macro(self, key: str) -> np.ndarray:
        """The mean over the data's fixed class set for ``key`` (see :func:`_kernels.class_mean`)."""
        return K.class_mean(self.per_class(key), self.classes.get(key, self.classes["present"]))

    def summary(self, key: str) -> np.ndarray:
        """The positive class's value (binary) or the macro average over classes."""
        return self.per_class(key)[:, self.positive] if self.positive is not None else self.macro(key)


def _of_class(key: str) -> Callable[[ClassStats], np.ndarray]:
    return lambda stats: stats.summary(key)


def _regression_key(key: str) -> Callable[[dict], np.ndarray]:
    return lambda kernels: kernels[key]


def _warn(name: str, reason: str) -> None:
    # stacklevel 4: _warn <- _result <- the metric function <- the caller
    warnings.warn(f"{name} is undefined ({reason}); returning NaN", UndefinedMetricWarning, stacklevel=4)


def _result(name: str, value: float, reason: str) -> float:
    value = float(value)
    if np.isnan(value):
        _warn(name, reason)
    return value


# --------------------------------------------------------------------------- input checks


def _labels(y: object, what: str) -> np.ndarray:
    array = np.asarray(y)
    if array.ndim != 1:
        raise DataError(problem(f"{what} must be one-dimensional", got=f"shape {array.shape}"))
    if array.size and array.dtype.kind not in "iub":
        if array.dtype.kind != "f" or not np.all(np.isfinite(array)) or np.any(array != np.round(array)):
            raise DataError(problem(f"{what} must hold class indices 0, 1, ...", got=f"dtype {array.dtype}",
                                    fix="encode classes as integers (binary: 0 = negative, 1 = positive)"))
    array = array.astype(np.int64)
    if array.size and array.min() < 0:
        raise DataError(problem(f"{what} must hold class indices 0, 1, ...", got="a negative index"))
    return array


def _pair_of_labels(y_true: object, y_pred: object) -> tuple[np.ndarray, np.ndarray, int]:
    y_true, y_pred = _labels(y_true, "y_true"), _labels(y_pred, "y_pred")
    _same_length(y_true, y_pred)
    n_classes = int(max(y_true.max(initial=1), y_pred.max(initial=1))) + 1
    return y_true, y_pred, n_classes


def _same_length(y_true: np.ndarray, other: np.ndarray) -> None:
    if len(y_true) != len(other):
        raise DataError(problem("y_true and the predictions differ in length",
                                got=f"{len(y_true)} and {len(other)} samples"))


def _scores(y_true: object, y_score: object) -> tuple[np.ndarray, np.ndarray]:
    y_true = _labels(y_true, "y_true")
    score = np.asarray(y_score, dtype=np.float64)
    _same_length(y_true, score)
    if score.ndim == 1:
        if y_true.size and y_true.max() > 1:
            raise DataError(problem("A one-dimensional y_score is read as binary, but y_true has a class above 1",
                                    fix="pass class probabilities of shape (n, n_classes) for a multiclass task"))
    elif score.ndim == 2:
        if y_true.size and y_true.max() >= score.shape[1]:
            raise DataError(problem("y_true has a class index beyond the columns of y_score",
                                    got=f"{score.shape[1]} columns", expected="one column per class"))
    else:
        raise DataError(problem("y_score must have shape (n,) or (n, n_classes)", got=f"shape {score.shape}"))
    if not np.all(np.isfinite(score)):
        raise DataError(problem("y_score has NaN or infinite values", fix="check the model's outputs"))
    return y_true, score


def _values(y_true: object, y_pred: object) -> tuple[np.ndarray, np.ndarray]:
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape or y_true.ndim not in (1, 2):
        raise DataError(problem("y_true and y_pred must have the same shape, (n,) or (n, n_targets)",
                                got=f"shapes {y_true.shape} and {y_pred.shape}"))
    if not np.all(np.isfinite(y_pred)):
        raise DataError(problem("y_pred has NaN or infinite values", fix="check the model's outputs"))
    return (y_true, y_pred) if y_true.ndim == 2 else (y_true[:, None], y_pred[:, None])


# --------------------------------------------------------------------------- ranking metrics


def _ranking(y_true, y_score) -> tuple[float, float]:
    """(AUROC, AP) of the positive class (binary) or their macro averages over the classes
    present (multiclass, as :func:`evaluate` computes them)."""
    y_true, score = _scores(y_true, y_score)
    weights = K.ones(len(y_true))
    if score.ndim == 1:
        auroc, ap = K.Ranking(y_true == 1, score)(weights)
        return auroc[0], ap[0]
    pairs = [K.Ranking(y_true == k, score[:, k])(weights) for k in range(score.shape[1])]
    present = K.classes_with_values(y_true, y_true, score.shape[1])["present"]
    per_class = [np.array([[a[0] for a, _ in pairs]]), np.array([[p[0] for _, p in pairs]])]
    return K.class_mean(per_class[0], present)[0], K.class_mean(per_class[1], present)[0]


@_register("auroc", "scores", 1.0, table=_of_class("auroc"), per_class=True, short="AUROC",
           label="AUROC (area under the ROC curve; 0.5 = chance, 1 = perfect)",
           macro_label="AUROC (area under the ROC curve; 0.5 = chance, 1 = perfect), one-vs-rest macro average")
def auroc(y_true, y_score) -> float:
    """Area under the ROC curve; multiclass: macro one-vs-rest over the classes present.

    >>> auroc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.75
    """
    return _result("auroc", _ranking(y_true, y_score)[0], "needs both positive and negative samples")


@_register("auprc", "scores", 1.0, table=_of_class("auprc"), per_class=True, short="AUPRC",
           label="AUPRC (area under the precision-recall curve)",
           macro_label="AUPRC (area under the precision-recall curve), macro average")
def auprc(y_true, y_score) -> float:
    """Average precision (area under the precision-recall curve, step rule as scikit-learn).

    >>> round(auprc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 4)
    0.8333
    """
    return _result("auprc", _ranking(y_true, y_score)[1], "needs both positive and negative samples")


# --------------------------------------------------------------------------- label metrics


@_register("accuracy", "labels", 1.0, table=lambda stats: stats.rates["accuracy"], short="Accuracy",
           label="Accuracy (share of correct predictions)",
           # a multilabel task averages each label's accuracy: not the share of samples with every label right
           multilabel_label="Per-label (Hamming) accuracy: share of correct label calls, mean over labels (not the "
                            "share of samples with every label right: that is exact-match accuracy)",
           multilabel_short="Per-label (Hamming) accuracy")
def accuracy(y_true, y_pred) -> float:
    """Fraction of samples whose predicted class is right.

    >>> accuracy([0, 1, 1, 0], [0, 1, 0, 0])
    0.75
    """
    y_true, y_pred, n_classes = _pair_of_labels(y_true, y_pred)
    rates = K.class_rates(K.Confusion(y_true, y_pred, n_classes)(K.ones(len(y_true))))
    return _result("accuracy", rates["accuracy"][0], "no samples")


@_register("balanced_accuracy", "labels", 1.0, table=lambda stats: stats.macro("sensitivity"),
           short="Balanced accuracy", label="Balanced accuracy (mean sensitivity over classes)",
           multilabel_label="Per-label balanced accuracy (mean of each label's sensitivity and specificity, "
                            "mean over labels)",
           multilabel_short="Per-label balanced accuracy")
def balanced_accuracy(y_true, y_pred) -> float:
    """Mean sensitivity over the classes present in y_true (as scikit-learn); undefined (NaN)
    with fewer than two classes present, where it would only be one class's sensitivity.

    >>> balanced_accuracy([0, 0, 0, 1], [0, 0, 1, 1])
    0.8333333333333333
    """
    return _rate("sensitivity", y_true, y_pred, 0, "macro", name="balanced_accuracy")


def _rate(rate: str, y_true, y_pred, positive: int, average: Average, name: str | None = None) -> float:
    y_true, y_pred, n_classes = _pair_of_labels(y_true, y_pred)
    n_classes = max(n_classes, positive + 1)
    per_class = K.class_rates(K.Confusion(y_true, y_pred, n_classes)(K.ones(len(y_true))))[rate]
    name = name or rate
    if average == "binary":
        return _result(name, per_class[0, positive], f"class {positive} or the other classes are absent from "
                       "y_true, or a zero denominator")
    if average == "macro":
        classes = K.classes_with_values(y_true, y_pred, n_classes)
        return _result(name, K.class_mean(per_class, classes.get(rate, classes["present"]))[0],
                       "fewer than two classes present in y_true have a value")
    raise DataError(problem(f"Unknown average {average!r}", expected="'binary' or 'macro'"))


@_register("sensitivity", "labels", 1.0, table=_of_class("sensitivity"), per_class=True, short="Sensitivity",
           label="Sensitivity (recall of {positive})", macro_label="Sensitivity (recall), macro average")
def sensitivity(y_true, y_pred, *, positive: int = 1, average: Average = "binary") -> float:
    """True-positive rate (recall) of class ``positive``; ``average="macro"``: mean over classes.

    >>> sensitivity([1, 1, 0, 0], [1, 0, 0, 1])
    0.5
    """
    return _rate("sensitivity", y_true, y_pred, positive, average)


@_register("specificity", "labels", 1.0, table=_of_class("specificity"), per_class=True, short="Specificity",
           label="Specificity (recall of {negative})", macro_label="Specificity, macro average")
def specificity(y_true, y_pred, *, positive: int = 1, average: Average = "binary") -> float:
    """True-negative rate for class ``positive`` (the other classes are the negatives).

    >>> specificity([1, 1, 0, 0, 0], [1, 0, 0, 1, 0])
    0.6666666666666666
    """
    return _rate("specificity", y_true, y_pred, positive, average)


@_register("ppv", "labels", 1.0, table=_of_class("ppv"), per_class=True, short="PPV",
           label="Positive predictive value (precision for {positive})",
           macro_label="Positive predictive value, macro average")
def ppv(y_true, y_pred, *, positive: int = 1, average: Average = "binary") -> float:
    """Positive predictive value (precision) of class ``positive``.

    >>> ppv([1, 1, 0, 0], [1, 1, 1, 0])
    0.6666666666666666
    """
    return _rate("ppv", y_true, y_pred, positive, average)


@_register("npv", "labels", 1.0, table=_of_class("npv"), per_class=True, short="NPV",
           label="Negative predictive value (precision for {negative})",
           macro_label="Negative predictive value, macro average")
def npv(y_true, y_pred, *, positive: int = 1, average: Average = "binary") -> float:
    """Negative predictive value: of the samples not called ``positive``, the fraction that are not.

    >>> npv([1, 1, 0, 0], [1, 0, 0, 0])
    0.6666666666666666
    """
    return _rate("npv", y_true, y_pred, positive, average)


@_register("f1", "labels", 1.0, table=_of_class("f1"), per_class=True, short="F1",
           label="F1 score (balance of sensitivity and PPV)",
           multilabel_label="F1 score (balance of sensitivity and PPV), mean over the labels with both classes present")
def f1(y_true, y_pred, *, positive: int = 1, average: Average = "binary") -> float:
    """F1 score (harmonic mean of PPV and sensitivity) of class ``positive``, or macro.

    >>> f1([1, 1, 0, 0], [1, 0, 0, 0])
    0.6666666666666666
    """
    return _rate("f1", y_true, y_pred, positive, average)


@_register("f1_macro", "labels", 1.0, table=lambda stats: stats.macro("f1"), short="macro F1",
           label="F1 score, macro average over classes", multilabel_label="F1 score, macro average over labels")
def f1_macro(y_true, y_pred) -> float:
    """Unweighted mean F1 over the classes (both classes for a binary task).

    >>> round(f1_macro([1, 1, 0, 0], [1, 0, 0, 0]), 4)
    0.7333
    """
    return _rate("f1", y_true, y_pred, 0, "macro", name="f1_macro")


def confusion_matrix(y_true, y_pred, n_classes: int | None = None) -> np.ndarray:
    """Counts, rows = true class, columns = predicted class, shape (C, C), int64.

    >>> confusion_matrix([0, 1, 1], [0, 1, 0]).tolist()
    [[1, 0], [1, 1]]
    """
    y_true, y_pred, inferred = _pair_of_labels(y_true, y_pred)
    n_classes = inferred if n_classes is None else n_classes
    if inferred > n_classes:
        raise DataError(problem("A class index is beyond n_classes", got=f"index {inferred - 1}",
                                expected=f"indices below {n_classes}"))
    code = y_true * n_classes + y_pred
    return np.bincount(code, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


# --------------------------------------------------------------------------- score metrics


@_register("brier", "scores", 0.0, greater_is_better=False, table=lambda stats: stats.brier, short="Brier",
           label="Brier score (mean squared error of probabilities; lower is better)")
def brier(y_true, y_score) -> float:
    """Mean squared error of the probabilities; multiclass: summed over classes (range 0-2).

    >>> round(brier([0, 1], [0.2, 0.6]), 6)
    0.1
    """
    y_true, prob = _scores(y_true, y_score)
    if prob.ndim == 1:
        loss = (prob - y_true) ** 2
    else:
        loss = ((prob - np.eye(prob.shape[1])[y_true]) ** 2).sum(axis=1)
    return _result("brier", K.weighted_mean(K.ones(len(y_true)), loss)[0], "no samples")


@_register("ece", "scores", 0.0, greater_is_better=False, table=lambda stats: stats.ece, short="ECE",
           label="Expected calibration error (lower is better)")
def ece(y_true, y_score, n_bins: int = 15) -> float:
    """Expected calibration error over ``n_bins`` equal-width bins.

    Binary: P(positive) against the observed fraction of positives; multiclass: top-class
    confidence against accuracy.

    >>> round(ece([0, 1, 1, 1], [0.1, 0.9, 0.9, 0.9], n_bins=10), 4)
    0.1
    """
    y_true, prob = _scores(y_true, y_score)
    confidence, outcome = calibration_inputs(y_true, prob)
    error = K.CalibrationError(confidence, outcome, n_bins)(K.ones(len(y_true)))
    return _result("ece", error[0], "no samples")


def calibration_inputs(y_true: np.ndarray, prob: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(confidence, outcome) that ECE and the reliability diagram bin."""
    if prob.ndim == 1:
        return prob, (y_true == 1).astype(np.float64)
    return prob.max(axis=1), (prob.argmax(axis=1) == y_true).astype(np.float64)


# --------------------------------------------------------------------------- regression


def _regression(name: str, y_true, y_pred) -> float:
    y_true, y_pred = _values(y_true, y_pred)
    per_target = []
    for t in range(y_true.shape[1]):
        present = ~np.isnan(y_true[:, t])  # a missing target value is left out of that target
        weights = K.ones(int(present.sum()))
        per_target.append(K.regression(weights, y_true[present, t], y_pred[present, t])[name][0])
    reason = "y_true is constant or has fewer than 2 values" if name == "r2" else "no samples"
    return _result(name, np.mean(per_target), reason)


@_register("rmse", "values", 0.0, greater_is_better=False, table=_regression_key("rmse"), short="RMSE",
           label="Root mean squared error (lower is better)")
def rmse(y_true, y_pred) -> float:
    """Root mean squared error (several targets: the mean over targets).

    >>> rmse([1.0, 2.0], [1.0, 4.0])
    1.4142135623730951
    """
    return _regression("rmse", y_true, y_pred)


@_register("mae", "values", 0.0, greater_is_better=False, table=_regression_key("mae"), short="MAE",
           label="Mean absolute error (lower is better)")
def mae(y_true, y_pred) -> float:
    """Mean absolute error (several targets: the mean over targets).

    >>> mae([1.0, 2.0], [1.0, 4.0])
    1.0
    """
    return _regression("mae", y_true, y_pred)


@_register("r2", "values", 1.0, table=_regression_key("r2"), short="R²",
           label="R² (share of variance explained; 1 = perfect)")
def r2(y_true, y_pred) -> float:
    """Coefficient of determination; NaN for a constant y_true (scikit-learn returns 0 or 1).

    >>> r2([1.0, 2.0, 3.0], [1.0, 2.0, 4.0])
    0.5
    """
    return _regression("r2", y_true, y_pred)

"""Where the percentile bootstrap cannot give a metric an honest interval.

A proportion such as a PPV of 10 positive calls all right, or a sensitivity on 5 positives
all found, is 1.0 on every resample, and the bootstrap says "1.000 (1.000 to 1.000)": a
certainty 10 calls cannot give. Where the bootstrap interval collapses to a point,
``evaluate()`` replaces it with an interval from the metric's counts (as rows: a patient
bootstrap's clustering is not in it):

- a proportion (:data:`PROPORTIONS`): the Wilson score interval of successes out of the
  metric's own denominator, ``"ci_method": "wilson"``;
- F1, which is not a proportion but a monotone function of one: F1 = 2J / (1 + J) where
  J = TP / (TP + FP + FN) (the Jaccard index) is the share of true positives among the samples
  that are positive or called positive. The Wilson interval of J, mapped through 2J / (1 + J),
  contains the F1 and reaches 0 (1) only when there is no true positive (no error):
  ``"ci_method": "wilson_jaccard"``;
- a macro average of such rates (balanced accuracy, macro F1, a multiclass macro sensitivity ...)
  over its fixed class set: the mean of the classes' bounds, ``"ci_method": "wilson_mean"``
  (approximate: it treats the classes as at their bounds together, so it is wide rather than narrow);
- an AUROC of 1.0 (0.0) on every resample (perfect separation, a binary task or one class or
  label against the rest): from the product of the Wilson lower bounds of a sensitivity and a
  specificity of 1 on the split's positives and negatives (an ROC curve holds the rectangle under
  each point), ``"ci_method": "separation"`` (8 + 8 samples: 0.456 to 1.000);
- any other metric (an AUPRC of 1.0 on every resample, a multilabel average): no interval,
  ``ci95`` None with a ``ci_reason``; a zero-width interval is never reported.

On a split of fewer than :data:`MIN_INTERVAL_UNITS` resampled units (rows or patients) no
interval means anything: every ``ci95`` is None with a ``ci_reason``.

>>> wilson_interval(10, 10, 0.95)
(0.7224672001371109, 1.0)
>>> [round(v, 3) for v in f1_interval(0, 3, 2, 0.95)]  # no true positive among 5 positives or calls
[0.0, 0.606]
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

from ..data.base import Task
from ..errors import plural

PROPORTIONS = ("sensitivity", "specificity", "ppv", "npv", "accuracy")
MIN_INTERVAL_UNITS = 5  # fewer rows (patients) than this in a split: no interval at all
# a metric defined on fewer than this share of the resamples (a macro average over a class of one
# or two samples, undrawn in most resamples) has no interval: the few left are not its spread
MIN_DEFINED_SHARE = 0.5
WILSON, WILSON_JACCARD, WILSON_MEAN = "wilson", "wilson_jaccard", "wilson_mean"
SEPARATION = "separation"


def wilson_interval(successes: int, n: int, confidence: float) -> tuple[float, float]:
    """The Wilson score interval of ``successes`` out of ``n`` at ``confidence``; it always
    contains successes / n, and reaches 0 (1) exactly when there are no successes (failures)."""
    z = NormalDist().inv_cdf(1.0 - (1.0 - confidence) / 2.0)
    p = successes / n
    denominator = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    low = 0.0 if successes == 0 else max(0.0, min(p, centre - half))
    high = 1.0 if successes == n else min(1.0, max(p, centre + half))
    return low, high


def f1_interval(true_pos: int, false_pos: int, false_neg: int, confidence: float) -> tuple[float, float]:
    """The Wilson interval of the Jaccard index TP / (TP + FP + FN) mapped to F1 = 2J / (1 + J)."""
    low, high = wilson_interval(true_pos, true_pos + false_pos + false_neg, confidence)
    return 2 * low / (1 + low), 2 * high / (1 + high)


def _actual_called(key: tuple[str, ...], task: Task, y: np.ndarray,
                   pred: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(is of the class, is called the class) per sample for the one-vs-rest problem of ``key``
    (binary: the positive class; ``per_class`` / ``per_label``: that one), None for an average."""
    if task.kind == "multilabel":
        if len(key) != 3:
            return None
        j = list(task.class_names).index(key[1])
        present = ~np.isnan(y[:, j])
        return y[present, j].astype(np.int64) == 1, pred[present, j] == 1
    if task.kind not in ("binary", "multiclass"):
        return None
    if len(key) == 3:
        k = list(task.class_names).index(key[1])
    elif task.kind == "binary":
        k = 1
    else:
        return None
    return y == k, pred == k


def proportion_counts(key: tuple[str, ...], task: Task, y: np.ndarray, pred: np.ndarray) -> tuple[int, int] | None:
    """(successes, denominator) behind the proportion metric at ``key`` on the whole split, or
    None where the value is not one proportion (a macro average over classes or labels)."""
    metric = key[-1]
    if metric not in PROPORTIONS:
        return None
    if metric == "accuracy" and len(key) == 1 and task.kind in ("binary", "multiclass"):
        return int((y == pred).sum()), len(y)
    pair = _actual_called(key, task, y, pred)
    return None if pair is None else _one_vs_rest(metric, *pair)


def _one_vs_rest(metric: str, actual: np.ndarray, called: np.ndarray) -> tuple[int, int]:
    hit, reject = actual & called, ~actual & ~called
    counts = {"sensitivity": (hit, actual), "specificity": (reject, ~actual), "ppv": (hit, called),
              "npv": (reject, ~called), "accuracy": (hit | reject, np.ones_like(actual))}
    good, of = counts[metric]
    return int(good.sum()), int(of.sum())


NO_INTERVAL = ("every bootstrap resample gives the same value, and this metric has no interval from its "
               "counts: no confidence interval")


def collapsed_interval(key: tuple[str, ...], ci: list[float], inputs, confidence: float) -> dict | None:
    """What replaces a bootstrap interval ``ci`` of zero width (``ci95`` and ``ci_method``, or
    ``ci95`` None and a ``ci_reason``); None where ``ci`` has width."""
    if ci[1] - ci[0] > 1e-12:
        return None
    counts = proportion_counts(key, inputs.task, inputs.y, inputs.pred)
    if counts is not None and counts[1] > 0:
        return {"ci95": list(wilson_interval(*counts, confidence)), "ci_method": WILSON}
    pair = _actual_called(key, inputs.task, inputs.y, inputs.pred) if key[-1] == "f1" else None
    if pair is not None and pair[0].any():
        return {"ci95": list(_f1_of(*pair, confidence)), "ci_method": WILSON_JACCARD}
    macro = _macro_interval(key, inputs, confidence) or _separation_interval(key, ci[0], inputs, confidence)
    return macro if macro is not None else {"ci95": None, "ci_reason": NO_INTERVAL}


def _separation_interval(key: tuple[str, ...], value: float, inputs, confidence: float) -> dict | None:
    """An AUROC of 1.0 (0.0) on every resample: every positive scored above (below) every
    negative. At a threshold between them sensitivity and specificity are 1 on the split, and an
    ROC curve holds the rectangle under each of its points, so AUROC >= sensitivity x
    specificity; the product of their Wilson lower bounds (each a one-sided (1 + c) / 2 bound:
    together c by Bonferroni) bounds it. Approximate, as the other count-based intervals: the
    threshold is the split's own. None for any other metric or value."""
    if key[-1] != "auroc" or value not in (0.0, 1.0):
        return None
    pair = _actual_called(key, inputs.task, inputs.y, inputs.pred)
    if pair is None or pair[0].all() or not pair[0].any():
        return None
    n_pos, n_neg = int(pair[0].sum()), int((~pair[0]).sum())
    low = wilson_interval(n_pos, n_pos, confidence)[0] * wilson_interval(n_neg, n_neg, confidence)[0]
    return {"ci95": [low, 1.0] if value == 1.0 else [0.0, 1.0 - low], "ci_method": SEPARATION}


def _f1_of(actual: np.ndarray, called: np.ndarray, confidence: float) -> tuple[float, float]:
    tp, fp, fn = int((actual & called).sum()), int((~actual & called).sum()), int((actual & ~called).sum())
    return f1_interval(tp, fp, fn, confidence)


def _macro_interval(key: tuple[str, ...], inputs, confidence: float) -> dict | None:
    """A collapsed macro average of proportions (or of F1) over the fixed class set of a binary /
    multiclass split: the mean of its classes' Wilson (Wilson-Jaccard) bounds; None otherwise."""
    from ._kernels import classes_with_values

    kind, metric = inputs.task.kind, key[-1]
    macro = len(key) == 1 and (metric in ("balanced_accuracy", "f1_macro") or
                               (kind == "multiclass" and metric in PROPORTIONS + ("f1",) and metric != "accuracy"))
    if kind not in ("binary", "multiclass") or not macro:
        return None
    rate = {"balanced_accuracy": "sensitivity", "f1_macro": "f1"}.get(metric, metric)
    n_classes = len(inputs.task.class_names)
    sets = classes_with_values(inputs.y, inputs.pred, n_classes)
    bounds = []
    for k in np.flatnonzero(sets.get(rate, sets["present"])):
        actual, called = inputs.y == k, inputs.pred == k
        bounds.append(_f1_of(actual, called, confidence) if rate == "f1"
                      else wilson_interval(*_one_vs_rest(rate, actual, called), confidence))
    if len(bounds) < 2:
        return None
    low, high = np.mean(bounds, axis=0)
    return {"ci95": [float(low), float(high)], "ci_method": WILSON_MEAN}


def too_few_reason(n_units: int, unit: str) -> str | None:
    """The ``ci_reason`` of every metric on a split too small for an interval, else None."""
    if n_units >= MIN_INTERVAL_UNITS:
        return None
    return (f"only {plural(n_units, unit)} in these data: too few for a confidence "
            f"interval (at least {MIN_INTERVAL_UNITS})")


def sparse_resamples_reason(n_defined: int, n_resamples: int) -> str | None:
    """The ``ci_reason`` of a metric defined on too few of the bootstrap resamples, else None."""
    if n_defined >= MIN_DEFINED_SHARE * n_resamples:
        return None
    return (f"defined on only {n_defined} of {plural(n_resamples, 'bootstrap resample')} (a class or label too rare to be "
            f"drawn in most of them): too few for a confidence interval")

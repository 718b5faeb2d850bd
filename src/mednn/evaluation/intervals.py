"""Where the percentile bootstrap cannot give a proportion an honest interval.

A proportion such as a PPV of 10 positive calls all right, or a sensitivity on 5 positives
all found, is 1.0 on every resample, and the bootstrap says "1.000 (1.000 to 1.000)": a
certainty 10 calls cannot give. Where the bootstrap interval of a proportion metric
(:data:`PROPORTIONS`) collapses to a point, ``evaluate()`` replaces it with the Wilson score
interval of its counts (successes out of the metric's own denominator, as rows: a patient
bootstrap's clustering is not in it) and marks the entry ``"ci_method": "wilson"``.

On a split of fewer than :data:`MIN_INTERVAL_UNITS` resampled units (rows or patients) no
interval means anything: every ``ci95`` is None with a ``ci_reason``.

>>> wilson_interval(10, 10, 0.95)
(0.7224672001371109, 1.0)
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

from ..data.base import Task

PROPORTIONS = ("sensitivity", "specificity", "ppv", "npv", "accuracy")
MIN_INTERVAL_UNITS = 5  # fewer rows (patients) than this in a split: no interval at all
# a metric defined on fewer than this share of the resamples (a macro average over a class of one
# or two samples, undrawn in most resamples) has no interval: the few left are not its spread
MIN_DEFINED_SHARE = 0.5
WILSON = "wilson"


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


def proportion_counts(key: tuple[str, ...], task: Task, y: np.ndarray, pred: np.ndarray) -> tuple[int, int] | None:
    """(successes, denominator) behind the proportion metric at ``key`` on the whole split, or
    None where the value is not one proportion (a macro average over classes or labels)."""
    metric = key[-1]
    if metric not in PROPORTIONS:
        return None
    if task.kind == "multilabel":
        if len(key) != 3:
            return None
        j = list(task.class_names).index(key[1])
        present = ~np.isnan(y[:, j])
        return _one_vs_rest(metric, y[present, j].astype(np.int64) == 1, pred[present, j] == 1)
    if task.kind not in ("binary", "multiclass"):
        return None
    if metric == "accuracy" and len(key) == 1:
        return int((y == pred).sum()), len(y)
    if len(key) == 3:
        k = list(task.class_names).index(key[1])
    elif task.kind == "binary":
        k = 1
    else:
        return None
    return _one_vs_rest(metric, y == k, pred == k)


def _one_vs_rest(metric: str, actual: np.ndarray, called: np.ndarray) -> tuple[int, int]:
    hit, reject = actual & called, ~actual & ~called
    counts = {"sensitivity": (hit, actual), "specificity": (reject, ~actual), "ppv": (hit, called),
              "npv": (reject, ~called), "accuracy": (hit | reject, np.ones_like(actual))}
    good, of = counts[metric]
    return int(good.sum()), int(of.sum())


def collapsed_interval(key: tuple[str, ...], ci: list[float], inputs, confidence: float) -> dict | None:
    """The Wilson entry (``ci95``, ``ci_method``) replacing a bootstrap interval ``ci`` of
    zero width, or None where ``ci`` has width or the metric is not one proportion."""
    if ci[1] - ci[0] > 1e-12:
        return None
    counts = proportion_counts(key, inputs.task, inputs.y, inputs.pred)
    if counts is None or counts[1] == 0:
        return None
    return {"ci95": list(wilson_interval(*counts, confidence)), "ci_method": WILSON}


def too_few_reason(n_units: int, unit: str) -> str | None:
    """The ``ci_reason`` of every metric on a split too small for an interval, else None."""
    if n_units >= MIN_INTERVAL_UNITS:
        return None
    return (f"only {n_units} {unit}{'s' if n_units != 1 else ''} in these data: too few for a confidence "
            f"interval (at least {MIN_INTERVAL_UNITS})")


def sparse_resamples_reason(n_defined: int, n_resamples: int) -> str | None:
    """The ``ci_reason`` of a metric defined on too few of the bootstrap resamples, else None."""
    if n_defined >= MIN_DEFINED_SHARE * n_resamples:
        return None
    return (f"defined on only {n_defined} of {n_resamples} bootstrap resamples (a class or label too rare to be "
            f"drawn in most of them): too few for a confidence interval")

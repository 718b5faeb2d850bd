"""Seeded percentile-bootstrap confidence intervals over samples or over patients.

``bootstrap_ci(metric, y_true, y_score)`` wraps any metric function. The resample indices
come from :func:`bootstrap_indices` — one ``rng.integers`` call per block of resamples (one
block for up to 2**25 indices, e.g. 1000 resamples of 33k samples) — so a seed gives the same
resamples here and in :func:`mednn.evaluation.evaluate`, which computes all its metrics on
all resamples at once from the same indices (see ``_kernels.py``). Resamples on which a
metric is undefined (NaN) are dropped from its interval.

The resampled unit is the row, or the patient when ``groups`` (one patient id per row) is
given: a resample draws patients with replacement and takes every row of each drawn patient
(a cluster bootstrap), since rows of one patient are not independent evidence.

The interval is the percentile interval of the resampled values, widened where needed to
contain the point estimate (the metric on all the data): a statistic biased on resamples,
such as the expected calibration error (an absolute value, so resampling noise only adds to
it), can otherwise have every resample above the point, and an interval that excludes its
own estimate. Widening never narrows an interval and leaves the usual case unchanged.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator

import numpy as np

from ..errors import ConfigError, problem
from . import _kernels as K
from .metrics import UndefinedMetricWarning

MAX_BLOCK_INDICES = 1 << 25  # 256 MiB of int64 indices at most in memory at once


def check_bootstrap(n_resamples: int, confidence: float, *, allow_zero: bool = False) -> None:
    """Raise ConfigError for a resample count or confidence level out of range."""
    low = 0 if allow_zero else 1
    if not isinstance(n_resamples, (int, np.integer)) or n_resamples < low:
        raise ConfigError(problem("The number of bootstrap resamples is out of range", got=n_resamples,
                                  expected=f"an integer >= {low}", fix="set evaluate.bootstrap: 1000"))
    if not 0.0 < float(confidence) < 1.0:
        raise ConfigError(problem("The bootstrap confidence level is out of range", got=confidence,
                                  expected="a number between 0 and 1", fix="set evaluate.confidence: 0.95"))


def bootstrap_indices(n: int, n_resamples: int, seed: int = 0) -> Iterator[np.ndarray]:
    """Yield blocks of resample indices, shape (rows, n), rows summing to ``n_resamples``.

    >>> [block.shape for block in bootstrap_indices(10, 1000, seed=0)]
    [(1000, 10)]
    """
    rng = np.random.default_rng(seed)
    rows_per_block = max(1, MAX_BLOCK_INDICES // max(n, 1))
    done = 0
    while done < n_resamples:
        rows = min(rows_per_block, n_resamples - done)
        yield rng.integers(0, max(n, 1), size=(rows, n), dtype=np.int32 if n < 2**31 else np.int64)
        done += rows


def resample_weights(index: np.ndarray, n: int) -> np.ndarray:
    """How often each sample appears in each resample: (rows, n) counts from (rows, n) indices."""
    counts = np.empty((index.shape[0], n), dtype=K.WEIGHT_DTYPE)
    for row, drawn in zip(counts, index):  # per row: one big bincount is 10x slower (cache misses)
        row[:] = np.bincount(drawn, minlength=n)
    return counts


def percentile_interval(values: np.ndarray, confidence: float = 0.95) -> np.ndarray:
    """Percentile interval of resampled values, NaN resamples dropped.

    ``values`` has shape (R,) or (R, k); returns (2,) or (2, k): lower and upper bounds,
    NaN where every resample is NaN.
    """
    values = np.asarray(values, dtype=np.float64)
    tail = (1.0 - confidence) / 2.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns: NaN bounds is the answer
        return np.nanquantile(values, [tail, 1.0 - tail], axis=0)


def bootstrap_ci(
    metric: Callable[..., float],
    *arrays: np.ndarray,
    n_resamples: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    groups: np.ndarray | None = None,
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``metric(*arrays)``, resampling rows (or, with
    ``groups``, patients), widened to contain the point estimate.

    >>> from mednn.evaluation.metrics import accuracy
    >>> lo, hi = bootstrap_ci(accuracy, np.array([0, 1] * 50), np.array([0, 1] * 45 + [1, 0] * 5))
    >>> lo < 0.9 < hi
    True
    """
    check_bootstrap(n_resamples, confidence)
    arrays = tuple(np.asarray(a) for a in arrays)
    if not arrays:
        raise ConfigError("bootstrap_ci() needs at least one array to resample")
    n = len(arrays[0])
    if any(len(a) != n for a in arrays):
        raise ConfigError(problem("bootstrap_ci() arrays differ in length", got=[len(a) for a in arrays]))
    if n == 0:
        return float("nan"), float("nan")
    units = ResampleUnits.of(groups, n)
    values = np.empty(n_resamples)
    done = 0
    with warnings.catch_warnings():
        # undefined on a resample is expected (e.g. no positives drawn); those are dropped
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        point = float(metric(*arrays))
        for block in bootstrap_indices(units.n_units, n_resamples, seed):
            for drawn in block:
                index = drawn if units.rows_of is None else np.concatenate([units.rows_of[u] for u in drawn])
                values[done] = metric(*(a[index] for a in arrays))
                done += 1
    low, high = contain_point(percentile_interval(values, confidence), point)
    return float(low), float(high)


class ResampleUnits:
    """What a bootstrap resample draws: rows (``groups`` None) or patients.

    ``unit``: "row" or "patient"; ``n_units``: how many there are; ``inverse``: the unit of
    each row (None for rows); ``rows_of``: the rows of each unit (None for rows).
    """

    def __init__(self, unit: str, n_units: int, inverse: np.ndarray | None):
        self.unit, self.n_units, self.inverse = unit, n_units, inverse
        self.rows_of = None if inverse is None else np.split(np.argsort(inverse, kind="stable"),
                                                             np.cumsum(np.bincount(inverse))[:-1])

    @classmethod
    def of(cls, groups: np.ndarray | None, n: int) -> ResampleUnits:
        if groups is None:
            return cls("row", n, None)
        groups = np.asarray(groups)
        if groups.shape != (n,):
            raise ConfigError(problem("The patient ids for the bootstrap do not match the samples",
                                      got=f"shape {groups.shape}", expected=f"({n},)"))
        _, inverse = np.unique(groups.astype(str), return_inverse=True)
        return cls("patient", int(inverse.max()) + 1 if n else 0, inverse.reshape(-1))

    def weights(self, index: np.ndarray, n: int) -> np.ndarray:
        """(rows, n) counts of each sample in each resample from (rows, n_units) drawn units."""
        counts = resample_weights(index, self.n_units)
        return counts if self.inverse is None else np.take(counts, self.inverse, axis=1)

    def describe(self, n_resamples: int, confidence: float) -> dict[str, object]:
        """The ``bootstrap`` entry of :func:`mednn.evaluation.evaluate`'s result."""
        return {"unit": self.unit, "n_units": self.n_units, "n_resamples": int(n_resamples),
                "confidence": float(confidence), "interval": INTERVAL_METHOD}


INTERVAL_METHOD = "percentile, widened to contain the point estimate"


def contain_point(bounds: np.ndarray, point: np.ndarray | float) -> np.ndarray:
    """Percentile ``bounds`` (2,) or (2, k) widened to contain ``point`` (a scalar or (k,));
    NaN bounds and NaN points are left as they are.

    >>> contain_point(np.array([0.111, 0.226]), 0.103).tolist()
    [0.103, 0.226]
    """
    bounds = np.array(bounds, dtype=np.float64)
    point = np.broadcast_to(np.asarray(point, dtype=np.float64), bounds.shape[1:])
    known = np.isfinite(point) & np.isfinite(bounds).all(axis=0)
    bounds[0] = np.where(known, np.minimum(bounds[0], point), bounds[0])
    bounds[1] = np.where(known, np.maximum(bounds[1], point), bounds[1])
    return bounds

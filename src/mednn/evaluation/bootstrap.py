"""Seeded percentile-bootstrap confidence intervals over samples.

``bootstrap_ci(metric, y_true, y_score)`` wraps any metric function. The resample indices
come from :func:`bootstrap_indices` — one ``rng.integers`` call per block of resamples (one
block for up to 2**25 indices, e.g. 1000 resamples of 33k samples) — so a seed gives the same
resamples here and in :func:`mednn.evaluation.evaluate`, which computes all its metrics on
all resamples at once from the same indices (see ``_kernels.py``). Resamples on which a
metric is undefined (NaN) are dropped from its interval.
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
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``metric(*arrays)``, resampling samples (rows).

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
    values = np.empty(n_resamples)
    done = 0
    with warnings.catch_warnings():
        # undefined on a resample is expected (e.g. no positives drawn); those are dropped
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        for block in bootstrap_indices(n, n_resamples, seed):
            for index in block:
                values[done] = metric(*(a[index] for a in arrays))
                done += 1
    low, high = percentile_interval(values, confidence)
    return float(low), float(high)

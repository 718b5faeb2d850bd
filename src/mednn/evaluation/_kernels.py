"""Weighted metric kernels shared by the point estimates and the bootstrap.

A kernel is built once from the data (sort orders, bins) and then called with ``weights``
of shape (B, n): row b says how often each sample appears in bootstrap resample b (a row of
ones is the data itself). A metric of a resample is then the
same arithmetic as the metric of the data, with the samples counted by their weights, so
1000 resamples are a few (1000, n) array passes instead of 1000 Python-level metric calls.
Kernels return one value per row and NaN where the metric is undefined; they never warn
(the public functions in ``metrics.py`` and ``evaluate()`` do).

Resample weights are integer counts stored as float32 (half the memory traffic): sums of
counts stay exact below 2**24 samples and products of sums are formed in float64; sums of
probabilities / losses in float32 carry ~1e-7 relative error, far below any interval width.
The plain estimate uses float64 ones.
"""

from __future__ import annotations

import numpy as np

WEIGHT_DTYPE = np.float32


def ones(n: int) -> np.ndarray:
    """The weights of the data itself: one row, every sample once (float64: exact sums)."""
    return np.ones((1, n), dtype=np.float64)


def divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """Elementwise ratio with NaN where the denominator is 0 (an undefined metric)."""
    numerator = np.asarray(numerator, dtype=np.float64)
    denominator = np.asarray(denominator, dtype=np.float64)
    out = np.full(np.broadcast(numerator, denominator).shape, np.nan)
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out


def nanmean(values: np.ndarray, axis: int = -1) -> np.ndarray:
    """Mean over the defined (non-NaN) entries; NaN, without a RuntimeWarning, if none is."""
    values = np.asarray(values, dtype=np.float64)
    defined = ~np.isnan(values)
    return divide(np.where(defined, values, 0.0).sum(axis=axis), defined.sum(axis=axis))


def classes_with_values(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> dict[str, np.ndarray]:
    """The fixed class set of each macro average, from the data's labels and calls, (C,) bool:
    the classes present in ``y_true``; for PPV those also called at least once, for NPV those
    not called for every sample (elsewhere the class's rate has a zero denominator on the data).
    The set is decided once on the data, so the point estimate and every bootstrap resample
    average over the same classes (see :func:`class_mean`)."""
    actual = np.bincount(np.asarray(y_true, dtype=np.int64), minlength=n_classes)[:n_classes] > 0
    called = np.bincount(np.asarray(y_pred, dtype=np.int64), minlength=n_classes)[:n_classes]
    return {"present": actual, "ppv": actual & (called > 0), "npv": actual & (called < len(y_pred))}


def class_mean(values: np.ndarray, classes: np.ndarray, min_classes: int = 2) -> np.ndarray:
    """Per-row mean of ``values`` (R, C) over the fixed ``classes`` (C,) bool: NaN on a row where
    one of them is NaN (a class not drawn in that resample: that resample cannot give this
    average, and is dropped from the interval, rather than averaging over fewer classes than the
    point estimate does), and on every row when fewer than ``min_classes`` classes are in the set
    (a macro average of one class is that class's rate under another name)."""
    values = np.asarray(values, dtype=np.float64)
    if int(classes.sum()) < min_classes:
        return np.full(values.shape[0], np.nan)
    return values[:, classes].mean(axis=1)


class Ranking:
    """AUROC and average precision of ``score`` for the 0/1 target ``positive``.

    Built once per (target, score); called with weights (B, n) it returns both metrics per
    row. Tied scores form one threshold, as in scikit-learn's ROC / PR curves (a tie between
    a positive and a negative counts one half in AUROC). Only the groups of tied scores that
    hold a positive contribute, so the full-width work per call is one gather and one block
    sum (the weight between consecutive such groups); the rest is as wide as the positives.
    """

    def __init__(self, positive: np.ndarray, score: np.ndarray):
        positive = np.asarray(positive, dtype=bool)
        score = np.asarray(score, dtype=np.float64)
        n = len(score)
        self.n, self.defined = n, bool(positive.any())
        if not self.defined:
            return
        self.order = np.argsort(score, kind="stable")
        sorted_score = score[self.order]
        new_group = np.empty(n, dtype=bool)
        new_group[0] = True
        np.not_equal(sorted_score[1:], sorted_score[:-1], out=new_group[1:])
        group_of = np.cumsum(new_group) - 1
        group_start = np.flatnonzero(new_group)
        group_end = np.append(group_start[1:], n)

        self.pos_at = np.flatnonzero(positive[self.order])  # positions of positives in score order
        pos_group = group_of[self.pos_at]
        self.run_start = np.flatnonzero(np.r_[True, pos_group[1:] != pos_group[:-1]])
        groups = pos_group[self.run_start]  # the groups holding a positive, ascending
        start, end = group_start[groups], group_end[groups]
        self.ties = bool((end - start > 1).any())
        # Cut points: 0 and each such group's start and end. Summing the weights between
        # consecutive cuts, then a running sum over those few blocks, gives the weight below
        # each cut.
        self.cuts = np.unique(np.concatenate(([0], start, end[end < n])))
        self.start_cut = np.searchsorted(self.cuts, start)
        self.end_cut = np.minimum(np.searchsorted(self.cuts, end), len(self.cuts) - 1)
        self.end_inside = end < n

    def __call__(self, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        n_rows = weights.shape[0]
        if not self.defined:
            return np.full(n_rows, np.nan), np.full(n_rows, np.nan)
        # Weights are counts, so every sum below is exact in the weights' dtype.
        w_sorted = np.take(weights, self.order, axis=1)
        block = np.add.reduceat(w_sorted, self.cuts, axis=1)
        below_cut = np.cumsum(block, axis=1)
        below_cut -= block
        total = below_cut[:, -1] + block[:, -1]
        before = below_cut[:, self.start_cut]
        pos_in = np.take(w_sorted, self.pos_at, axis=1)
        if self.ties:
            pos_in = np.add.reduceat(pos_in, self.run_start, axis=1)
            upto = np.where(self.end_inside, below_cut[:, self.end_cut], total[:, None])
        del w_sorted, block, below_cut

        pos_before = np.cumsum(pos_in, axis=1)
        pos_before -= pos_in
        pos_total = pos_in.sum(axis=1, dtype=np.float64)
        neg_total = total - pos_total
        # AUROC: each positive beats the negatives below its score, ties those level with it.
        neg_below = before - pos_before
        if self.ties:
            neg_below += 0.5 * (upto - before - pos_in)
        wins = np.einsum("ij,ij->i", pos_in, neg_below, dtype=np.float64)
        auroc = divide(wins, pos_total * neg_total)
        # Average precision: sum over thresholds (descending) of recall step x precision; at
        # group g everything scored >= its score is called positive. A group holds >= 1
        # sample wherever pos_in > 0, so the floor of 1 only touches terms pos_in zeroes.
        called = total[:, None] - before
        precision = (pos_total[:, None] - pos_before) / np.maximum(called, 1.0)
        average_precision = divide(np.einsum("ij,ij->i", pos_in, precision, dtype=np.float64), pos_total)
        # with no negatives every precision is 1: an AUPRC of 1.0 the model did not earn
        average_precision[neg_total == 0] = np.nan
        return auroc, average_precision


class Grouping:
    """Per-row sums of the weights, and of weights x each of ``values``, by integer label.

    Called with weights (B, n) it returns a list of (B, n_groups) float64 arrays: the weight
    sums first, then one per value.
    """

    def __init__(self, labels: np.ndarray, n_groups: int, *values: np.ndarray):
        labels = np.asarray(labels, dtype=np.int64)
        self.n, self.n_groups = len(labels), n_groups
        self.order = np.argsort(labels, kind="stable")
        sorted_labels = labels[self.order]
        self.starts = np.flatnonzero(np.r_[True, sorted_labels[1:] != sorted_labels[:-1]]) if self.n else None
        self.present = sorted_labels[self.starts] if self.n else None
        self.values = [np.asarray(v, dtype=np.float64)[self.order] for v in values]

    def __call__(self, weights: np.ndarray) -> list[np.ndarray]:
        n_rows = weights.shape[0]
        outputs = [np.zeros((n_rows, self.n_groups)) for _ in range(1 + len(self.values))]
        if self.n == 0:
            return outputs
        w_sorted = np.take(weights, self.order, axis=1)
        outputs[0][:, self.present] = np.add.reduceat(w_sorted, self.starts, axis=1)
        for out, value in zip(outputs[1:], self.values):
            weighted = w_sorted * value.astype(weights.dtype, copy=False)
            out[:, self.present] = np.add.reduceat(weighted, self.starts, axis=1)
        return outputs


class Confusion:
    """Weighted confusion matrices, shape (B, C, C): rows true class, columns predicted."""

    def __init__(self, y_true: np.ndarray, y_pred: np.ndarray, n_classes: int):
        code = np.asarray(y_true, dtype=np.int64) * n_classes + np.asarray(y_pred, dtype=np.int64)
        self.n_classes = n_classes
        self.grouping = Grouping(code, n_classes * n_classes)

    def __call__(self, weights: np.ndarray) -> np.ndarray:
        (counts,) = self.grouping(weights)
        return counts.reshape(-1, self.n_classes, self.n_classes)


class CalibrationError:
    """ECE per row: sum over bins of |sum confidence - sum outcome| / number of samples.

    (n_b / n) * |mean confidence_b - mean outcome_b| simplifies to the form above, which
    needs no per-bin division and so no special case for empty bins.
    """

    def __init__(self, confidence: np.ndarray, outcome: np.ndarray, n_bins: int):
        self.grouping = Grouping(calibration_bins(confidence, n_bins), n_bins, confidence, outcome)

    def __call__(self, weights: np.ndarray) -> np.ndarray:
        count, conf_sum, outcome_sum = self.grouping(weights)
        return divide(np.abs(conf_sum - outcome_sum).sum(axis=1), count.sum(axis=1))


def class_rates(matrix: np.ndarray) -> dict[str, np.ndarray]:
    """One-vs-rest rates per class from confusion matrices (B, C, C); each value (B, C).

    A rate is NaN (undefined) exactly where its denominator is 0: sensitivity with no true
    members of the class, specificity with no others, PPV with no sample called the class, NPV
    with none called another. F1, the harmonic mean of PPV and sensitivity, is NaN wherever the
    sensitivity is (no true members of the class): a class called a few times but absent from
    the data has a PPV of 0, not an F1 of 0. A file of one class still has the rates it can
    give: its NPV when only negatives are there, a PPV of 0 for the class it lacks.
    """
    true_pos = np.diagonal(matrix, axis1=1, axis2=2)
    actual = matrix.sum(axis=2)
    called = matrix.sum(axis=1)
    total = matrix.sum(axis=(1, 2))[:, None]
    false_pos = called - true_pos
    false_neg = actual - true_pos
    true_neg = total - true_pos - false_pos - false_neg
    return {
        "sensitivity": divide(true_pos, actual),
        "specificity": divide(true_neg, true_neg + false_pos),
        "ppv": divide(true_pos, called),
        "npv": divide(true_neg, true_neg + false_neg),
        "f1": divide(2 * true_pos, np.where(actual > 0, 2 * true_pos + false_pos + false_neg, 0.0)),
        "accuracy": divide(np.trace(matrix, axis1=1, axis2=2), total[:, 0]),
    }


def _rowwise(weights: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``weights @ values`` without BLAS: a threaded BLAS call on a busy machine spends more
    time waking its threads than a single-core product of this size takes."""
    return np.einsum("ij,j...->i...", weights, values)


def weighted_mean(weights: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Per-row weighted mean of a per-sample quantity (a loss, an error)."""
    values = np.asarray(values, dtype=weights.dtype)
    return divide(_rowwise(weights, values), weights.sum(axis=1, dtype=np.float64))


def calibration_bins(confidence: np.ndarray, n_bins: int) -> np.ndarray:
    """Equal-width bin of each confidence: [k/n, (k+1)/n), with 1.0 in the last bin."""
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    return np.clip(np.searchsorted(edges[1:-1], confidence, side="right"), 0, n_bins - 1)


def regression(weights: np.ndarray, y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, np.ndarray]:
    """RMSE, MAE and R^2 per row for one target."""
    weights = weights.astype(np.float64, copy=False)  # R^2 subtracts sums: keep float64
    y_true = np.asarray(y_true, dtype=np.float64)
    error = np.asarray(y_pred, dtype=np.float64) - y_true
    # Centre y first so the total sum of squares is not a difference of two large numbers.
    centred = y_true - (y_true.mean() if y_true.size else 0.0)
    sums = _rowwise(weights, np.stack([error**2, np.abs(error), centred, centred**2], axis=1))
    count = weights.sum(axis=1, dtype=np.float64)
    squared, absolute, first, second = sums.T
    total_ss = second - divide(first**2, count)
    # A constant target (in the data or in a resample) leaves only rounding error in total_ss.
    total_ss = np.where(total_ss > 1e-10 * second, total_ss, 0.0)
    return {
        "rmse": np.sqrt(divide(squared, count)),
        "mae": divide(absolute, count),
        "r2": 1.0 - divide(squared, total_ss),
    }

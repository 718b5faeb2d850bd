"""Plots for the report: compute the numbers, then draw them.

Compute helpers (``roc_curves``, ``pr_curves``, ``reliability_bins``) are pure NumPy /
scikit-learn functions that tests check against hand-computed values. Draw helpers
(``*_png``) take those numbers and return PNG bytes; every figure is closed after saving, and
figures are small so that a report of a 10-class run stays well under 2 MB.
``png_data_uri`` turns PNG bytes into an ``<img src=...>`` value. Matplotlib is imported on
first use with the Agg backend (no display needed). Add a new plot as a compute function
plus a ``<name>_png`` draw function.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..plotting import COLOURS as _COLOURS, DPI, figure_png, pyplot  # noqa: F401  (drawn with here; imported from here)


def png_data_uri(png: bytes) -> str:
    """``data:image/png;base64,...`` for an inline ``<img>`` (the report has no external files)."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


# --------------------------------------------------------------------------- compute


@dataclass
class Curve:
    """One ROC or precision-recall curve: x, y, its area, and the counts it was drawn from."""

    name: str
    x: np.ndarray
    y: np.ndarray
    area: float
    n_positive: int
    n: int


def _columns(y_true: np.ndarray, scores: np.ndarray, names: Sequence[str]):
    y_true = np.asarray(y_true, dtype=float)
    scores = np.asarray(scores, dtype=float)
    if y_true.ndim == 1:
        y_true, scores = y_true[:, None], scores[:, None]
    for j, name in enumerate(names):
        # a missing label (NaN, multilabel / multi-task) is left out of that label's curve only
        keep = ~np.isnan(y_true[:, j]) & ~np.isnan(scores[:, j])
        truth, score = y_true[keep, j].astype(int), scores[keep, j]
        if truth.size == 0 or truth.min() == truth.max():
            continue  # a curve needs both positives and negatives
        yield name, truth, score


def roc_curves(y_true: np.ndarray, scores: np.ndarray, names: Sequence[str]) -> list[Curve]:
    """One-vs-rest ROC curves, one per column of the 0/1 indicator ``y_true`` (NaN = missing).

    A column with only one class present has no curve and is left out.
    """
    from sklearn.metrics import roc_auc_score, roc_curve

    curves = []
    for name, truth, score in _columns(y_true, scores, names):
        fpr, tpr, _ = roc_curve(truth, score)
        curves.append(Curve(name, fpr, tpr, float(roc_auc_score(truth, score)), int(truth.sum()), truth.size))
    return curves


def pr_curves(y_true: np.ndarray, scores: np.ndarray, names: Sequence[str]) -> list[Curve]:
    """Precision-recall curves (x = recall, y = precision) with average precision as area."""
    from sklearn.metrics import average_precision_score, precision_recall_curve

    curves = []
    for name, truth, score in _columns(y_true, scores, names):
        precision, recall, _ = precision_recall_curve(truth, score)
        area = float(average_precision_score(truth, score))
        curves.append(Curve(name, recall, precision, area, int(truth.sum()), truth.size))
    return curves


@dataclass
class ReliabilityBins:
    """Equal-width confidence bins: mean confidence, observed frequency and count per bin."""

    edges: np.ndarray
    mean_confidence: np.ndarray  # NaN for an empty bin
    observed: np.ndarray  # fraction of events (binary) / of correct predictions (top-label)
    counts: np.ndarray
    ece: float


def reliability_bins(outcome: np.ndarray, confidence: np.ndarray, n_bins: int = 10) -> ReliabilityBins:
    """Bin predicted probabilities and compare with what happened.

    ``outcome`` is 1 where the event happened (binary: the positive class; top-label: the
    prediction was right), ``confidence`` the predicted probability of it. ECE is the
    count-weighted mean gap ``|observed - mean confidence|`` over the bins. Probabilities of
    exactly 1.0 fall in the last bin.

    >>> reliability_bins(np.array([0, 1]), np.array([0.05, 0.95]), n_bins=10).ece  # doctest: +ELLIPSIS
    0.05...
    """
    outcome = np.asarray(outcome, dtype=float).ravel()
    confidence = np.asarray(confidence, dtype=float).ravel()
    keep = ~np.isnan(outcome) & ~np.isnan(confidence)
    outcome, confidence = outcome[keep], np.clip(confidence[keep], 0.0, 1.0)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    index = np.clip(np.digitize(confidence, edges[1:-1], right=False), 0, n_bins - 1)
    counts = np.bincount(index, minlength=n_bins)
    sum_conf = np.bincount(index, weights=confidence, minlength=n_bins)
    sum_outcome = np.bincount(index, weights=outcome, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_conf = np.where(counts > 0, sum_conf / counts, np.nan)
        observed = np.where(counts > 0, sum_outcome / counts, np.nan)
    total = counts.sum()
    gaps = np.abs(np.nan_to_num(observed) - np.nan_to_num(mean_conf)) * counts
    ece = float(gaps.sum() / total) if total else float("nan")
    return ReliabilityBins(edges, mean_conf, observed, counts, ece)


# --------------------------------------------------------------------------- draw


def class_balance_png(
    counts: Mapping[str, Mapping[str, int]],
    *,
    totals: Mapping[str, int] | None = None,
    ylabel: str = "% of the split",
    xlabel: str = "class",
) -> bytes:
    """Grouped bars: one group per class, one bar per split (``{split: {class: count}}``).

    Bars are percentages of each split (``totals[split]``, else the sum of its counts), so
    a small test set compares with a large training set. The legend sits outside the axes
    (right of them), so it never covers a bar.
    """
    plt = pyplot()
    splits = [s for s in counts if counts[s]]
    classes: list[str] = []
    for split in splits:
        classes += [c for c in counts[split] if c not in classes]
    width = 0.8 / max(1, len(splits))
    x = np.arange(len(classes))
    fig, ax = plt.subplots(figsize=(min(9.0, 2.5 + 0.55 * len(classes) * max(1, len(splits)) ** 0.5), 3.0))
    for i, split in enumerate(splits):
        total = (totals or {}).get(split) or sum(counts[split].values()) or 1
        values = [100.0 * counts[split].get(c, 0) / total for c in classes]
        ax.bar(x + (i - (len(splits) - 1) / 2) * width, values, width, label=split, color=_COLOURS[i % 10])
    ax.set_xticks(x)
    ax.set_xticklabels(classes, rotation=30 if len(classes) > 4 else 0, ha="right" if len(classes) > 4 else "center",
                       fontsize=8)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel)
    ax.legend(title="split", fontsize=8, title_fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.spines[["top", "right"]].set_visible(False)
    return figure_png(fig)


def learning_curves_png(
    epochs: Sequence[float],
    train_loss: Sequence[float] | None,
    val_loss: Sequence[float] | None,
    val_metric: Sequence[float] | None = None,
    metric_name: str | None = None,
    best_epoch: int | None = None,
) -> bytes:
    """Train and validation loss per epoch (left axis), the monitored validation metric on a
    second axis, and a dashed line at the best epoch (the weights that were kept)."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.0, 3.4))
    lines = []
    if train_loss is not None:
        lines += ax.plot(epochs, train_loss, color=_COLOURS[0], label="training loss")
    if val_loss is not None:
        lines += ax.plot(epochs, val_loss, color=_COLOURS[1], label="validation loss")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    if val_metric is not None:
        twin = ax.twinx()
        lines += twin.plot(epochs, val_metric, color=_COLOURS[2], linestyle=":",
                           label=f"validation {metric_name or 'metric'}")
        twin.set_ylabel(f"validation {metric_name or 'metric'}")
    if best_epoch is not None:
        lines.append(ax.axvline(best_epoch, color="black", linestyle="--", linewidth=1,
                                label=f"best epoch ({best_epoch})"))
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # epochs are whole numbers
    # below the axes: inside them, "best" still lands on a curve when the lines cross the plot
    ax.legend(lines, [line.get_label() for line in lines], fontsize=8, frameon=False, loc="upper center",
              bbox_to_anchor=(0.5, -0.2), ncol=min(3, len(lines)))
    return figure_png(fig)


def _curve_axes(title: str, xlabel: str, ylabel: str):
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(4.6, 4.2))
    ax.set_xlim(-0.01, 1.01)
    ax.set_ylim(-0.01, 1.01)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    ax.set_aspect("equal")
    return fig, ax


def _legend(ax, n_curves: int) -> None:
    ax.legend(fontsize=7 if n_curves > 5 else 8, frameon=False, loc="lower right" if n_curves <= 5 else "best")


def roc_png(curves: Sequence[Curve]) -> bytes:
    """ROC curves with AUROC in the legend and the chance diagonal."""
    fig, ax = _curve_axes("ROC curve (test set)", "1 - specificity (false positive rate)",
                          "sensitivity (true positive rate)")
    ax.plot([0, 1], [0, 1], color="grey", linestyle=":", linewidth=1, label="chance (AUROC 0.5)")
    for i, curve in enumerate(curves):
        ax.step(curve.x, curve.y, where="post", color=_COLOURS[i % 10], linewidth=1.4,
                label=f"{curve.name} (AUROC {curve.area:.3f})")
    _legend(ax, len(curves))
    return figure_png(fig)


def pr_png(curves: Sequence[Curve]) -> bytes:
    """Precision-recall curves with average precision (AUPRC) and each class's prevalence."""
    fig, ax = _curve_axes("Precision-recall curve (test set)", "recall (sensitivity)",
                          "precision (positive predictive value)")
    for i, curve in enumerate(curves):
        colour = _COLOURS[i % 10]
        ax.step(curve.x, curve.y, where="post", color=colour, linewidth=1.4,
                label=f"{curve.name} (AUPRC {curve.area:.3f})")
        if len(curves) <= 3:  # a no-skill line per class would clutter a 10-class plot
            ax.axhline(curve.n_positive / curve.n, color=colour, linestyle=":", linewidth=0.8)
    _legend(ax, len(curves))
    return figure_png(fig)


def tuning_history_png(numbers: Sequence[int], values: Sequence[float], best: Sequence[float], *,
                       metric: str) -> bytes:
    """Each finished trial's validation value and the best so far (``mednn tune``)."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(5.6, 3.4))
    ax.scatter(numbers, values, s=14, color=_COLOURS[0], label="trial")
    ax.step(numbers, best, where="post", color=_COLOURS[1], linewidth=1.4, label="best so far")
    ax.set_xlabel("trial")
    ax.set_ylabel(metric)
    ax.set_title("Optimisation history (validation only)", fontsize=10)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    return figure_png(fig)


def referral_png(referred: Sequence[float], accuracy: Sequence[float], *, uncertainty: str) -> bytes:
    """Accuracy of the cases the model keeps against the fraction referred to a clinician."""
    fig, ax = _curve_axes("Referral curve (test set)", "fraction referred to a clinician (most uncertain first)",
                          "accuracy of the cases kept")
    ax.set_ylim(max(0.0, min(accuracy) - 0.05), 1.01)
    ax.set_aspect("auto")
    ax.plot(referred, accuracy, marker="o", color=_COLOURS[0], linewidth=1.4, label=f"referred by {uncertainty}")
    ax.axhline(accuracy[0], color="grey", linestyle=":", linewidth=1, label="no referral")
    _legend(ax, 2)
    return figure_png(fig)


def reliability_png(bins: ReliabilityBins, *, xlabel: str, temperature: float | None = None,
                    title: str = "Reliability diagram (test set)") -> bytes:
    """Reliability diagram (observed vs predicted per bin) over a histogram of the counts."""
    plt = pyplot()
    fig, (ax, hist) = plt.subplots(2, 1, figsize=(4.6, 5.0), sharex=True,
                                   gridspec_kw={"height_ratios": [3, 1]})
    ax.plot([0, 1], [0, 1], color="grey", linestyle=":", linewidth=1, label="perfect calibration")
    filled = bins.counts > 0
    ax.plot(bins.mean_confidence[filled], bins.observed[filled], marker="o", color=_COLOURS[0],
            label=f"model (ECE {bins.ece:.3f})")
    ax.set_ylim(-0.01, 1.01)
    ax.set_ylabel("observed frequency")
    if temperature is not None:
        title += f"\ntemperature T = {temperature:.3g}"
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    centres = (bins.edges[:-1] + bins.edges[1:]) / 2
    hist.bar(centres, bins.counts, width=np.diff(bins.edges) * 0.9, color=_COLOURS[7])
    hist.set_xlim(-0.01, 1.01)
    hist.set_xlabel(xlabel)
    hist.set_ylabel("count")
    return figure_png(fig)


def confusion_matrix_png(matrix: np.ndarray, class_names: Sequence[str]) -> bytes:
    """Two panels: counts, and rows normalised to 1 (the recall of each true class on the
    diagonal). Rows are the true class, columns the predicted class."""
    plt = pyplot()
    matrix = np.asarray(matrix, dtype=float)
    k = len(class_names)
    with np.errstate(invalid="ignore", divide="ignore"):
        rows = matrix.sum(axis=1, keepdims=True)
        normalised = np.where(rows > 0, matrix / np.where(rows > 0, rows, 1), 0.0)
    side = min(5.2, 1.6 + 0.42 * k)
    fig, axes = plt.subplots(1, 2, figsize=(2 * side + 0.6, side))
    font = 9 if k <= 5 else (7 if k <= 10 else 5)
    for ax, values, title, fmt in ((axes[0], matrix, "counts", "{:.0f}"),
                                   (axes[1], normalised, "share of each true class", "{:.2f}")):
        scale = values.max() if values.size and values.max() > 0 else 1.0
        ax.imshow(values, cmap="Blues", vmin=0, vmax=scale)
        ax.set_title(title, fontsize=10)
        ax.set_xticks(range(k))
        ax.set_yticks(range(k))
        ax.set_xticklabels(class_names, rotation=45 if k > 3 else 0, ha="right" if k > 3 else "center",
                           fontsize=font)
        ax.set_yticklabels(class_names, fontsize=font)
        ax.set_xlabel("predicted class")
        ax.set_ylabel("true class")
        if k <= 20:
            for i in range(k):
                for j in range(k):
                    colour = "white" if values[i, j] > 0.6 * scale else "black"
                    ax.text(j, i, fmt.format(values[i, j]), ha="center", va="center", fontsize=font, color=colour)
    fig.tight_layout()
    return figure_png(fig)


def regression_scatter_png(y_true: np.ndarray, y_pred: np.ndarray, name: str) -> bytes:
    """Predicted against true values with the identity line (test set)."""
    plt = pyplot()
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    fig, ax = plt.subplots(figsize=(4.2, 4.0))
    ax.scatter(y_true, y_pred, s=8, alpha=0.5, color=_COLOURS[0], linewidths=0)
    both = np.concatenate([y_true, y_pred])
    both = both[np.isfinite(both)]
    if both.size:
        low, high = float(both.min()), float(both.max())
        ax.plot([low, high], [low, high], color="grey", linestyle=":", linewidth=1, label="perfect prediction")
        ax.legend(fontsize=8, frameon=False, loc="upper left")
    ax.set_xlabel(f"true {name}")
    ax.set_ylabel(f"predicted {name}")
    ax.set_title(f"{name}: predicted vs true (test set)", fontsize=10)
    return figure_png(fig)


def residual_histogram_png(y_true: np.ndarray, y_pred: np.ndarray, name: str) -> bytes:
    """Histogram of residuals (predicted - true); a model without bias centres on 0."""
    plt = pyplot()
    residuals = np.asarray(y_pred, float) - np.asarray(y_true, float)
    residuals = residuals[np.isfinite(residuals)]
    fig, ax = plt.subplots(figsize=(4.2, 3.0))
    ax.hist(residuals, bins=min(40, max(5, int(np.sqrt(residuals.size)) or 5)), color=_COLOURS[0])
    ax.axvline(0, color="black", linestyle="--", linewidth=1)
    ax.set_xlabel(f"residual: predicted - true {name}")
    ax.set_ylabel("count")
    ax.set_title(f"{name}: residuals (test set)", fontsize=10)
    return figure_png(fig)

"""Curves, calibration and errors: ROC and precision-recall curves, the reliability diagram and
the confusion matrix (classification); predicted-vs-true and residual plots (regression). All
drawn from the test rows of predictions.csv."""

from __future__ import annotations

import numpy as np

from ..view import ReportRun, numbers

# mednn.evaluation's ECE uses 15 equal-width bins; the figure uses as many only with enough
# predictions (about 10 per bin, at least 5 bins): 15 bins over 61 patients draws noise
RELIABILITY_BINS = 15
_MIN_BINS = 5
_PER_BIN = 10


def _indicator(run: ReportRun, frame) -> tuple[np.ndarray, np.ndarray, list[str]] | None:
    """Test targets as a 0/1 matrix (NaN = missing) and the matching probability columns."""
    names = run.class_names
    if run.kind in ("binary", "multiclass"):
        if "target" not in frame.columns or not names:
            return None
        index = {n: i for i, n in enumerate(names)}
        target = frame["target"].map(index)
        keep = target.notna().to_numpy()
        y = target.to_numpy()[keep].astype(int)
        probs = np.full((len(y), len(names)), np.nan)
        for j, name in enumerate(names):
            if f"p:{name}" in frame.columns:
                probs[:, j] = numbers(frame, f"p:{name}")[keep]
        if run.kind == "binary" and np.isnan(probs[:, 0]).all():
            probs[:, 0] = 1 - probs[:, 1]
        if np.isnan(probs).all(axis=0).any():
            return None
        return np.eye(len(names))[y], probs, names
    if run.kind == "multilabel":
        cols = [n for n in names if f"target:{n}" in frame.columns and f"p:{n}" in frame.columns]
        if not cols:
            return None
        y = np.column_stack([numbers(frame, f"target:{n}") for n in cols])
        probs = np.column_stack([numbers(frame, f"p:{n}") for n in cols])
        return y, probs, cols
    return None


def reliability_bin_count(n: int) -> int:
    """Bins of the reliability diagram for ``n`` predictions: about one per 10, 5 to 15.

    >>> reliability_bin_count(61), reliability_bin_count(1000), reliability_bin_count(12)
    (6, 15, 5)
    """
    return int(min(RELIABILITY_BINS, max(_MIN_BINS, round(n / _PER_BIN))))


def _figure(title: str, png: bytes, caption: str) -> dict[str, str]:
    from ..plots import png_data_uri

    return {"title": title, "uri": png_data_uri(png), "caption": caption}


def _curves(run: ReportRun, y, probs, names: list[str], figures: list, notes: list) -> None:
    from .. import plots

    rocs = plots.roc_curves(y, probs, names)
    prs = plots.pr_curves(y, probs, names)
    missing = [n for n in names if n not in {c.name for c in rocs}]
    if missing:
        notes.append("No ROC / precision-recall curve for " + ", ".join(missing)
                     + ": the test set holds only one outcome for it.")
    if rocs:
        per = "one curve per class against all others" if run.kind == "multiclass" else (
            "one curve per label" if run.kind == "multilabel" else f"{run.display(run.positive)} as the positive class")
        figures.append(_figure("ROC curve", plots.roc_png(rocs),
                               f"Sensitivity against 1 − specificity over all thresholds ({per}). "
                               "AUROC in the legend; the dotted diagonal is chance."))
        figures.append(_figure("Precision-recall curve", plots.pr_png(prs),
                               "Precision (PPV) against recall (sensitivity); more informative than ROC when "
                               "positives are rare. Dotted lines: the prevalence (a model without skill)."))


def _reliability(run: ReportRun, y, probs, names: list[str]) -> dict[str, str]:
    """binary: P(positive); multiclass: the top class's confidence; multilabel: every label pooled."""
    from .. import plots

    if run.kind == "binary":
        outcome, confidence, xlabel = y, probs, f"predicted probability of {names[0]}"
    elif run.kind == "multiclass":
        top = np.argmax(probs, axis=1)
        outcome = (y[np.arange(len(y)), top] == 1).astype(float)
        confidence, xlabel = probs.max(axis=1), "confidence of the predicted class"
    else:
        outcome, confidence, xlabel = y.ravel(), probs.ravel(), "predicted probability (all labels pooled)"
    n_points = int(np.sum(~np.isnan(np.asarray(outcome, float)) & ~np.isnan(np.asarray(confidence, float))))
    n_bins = reliability_bin_count(n_points)
    bins = plots.reliability_bins(outcome, confidence, n_bins=n_bins)
    calibration = run.record.calibration
    # a temperature is named only when temperature scaling was applied (a skipped fit keeps T = 1)
    temperature = calibration.temperature if calibration.method == "temperature" else None
    return _figure(
        "Reliability diagram", plots.reliability_png(bins, xlabel=xlabel, temperature=temperature),
        f"{n_points} test predictions in {n_bins} equal-width bins of predicted probability (about one bin per "
        f"{_PER_BIN} predictions, {_MIN_BINS} to {RELIABILITY_BINS} bins, so each point rests on enough patients): "
        "points on the diagonal mean that a predicted 80% comes true 80% of the time; the bars below count "
        f"the predictions per bin. Expected calibration error over these bins (ECE) = {bins.ece:.3f}"
        + (f", after temperature scaling with T = {temperature:.3g}" if temperature is not None else "")
        + (f" (the ECE in the metrics table uses {RELIABILITY_BINS} bins)." if n_bins != RELIABILITY_BINS
           else "."))


def _classification_figures(run: ReportRun) -> tuple[list[dict[str, str]], list[str]]:
    from .. import plots

    figures: list[dict[str, str]] = []
    notes: list[str] = []
    frame = run.test_rows()
    data = _indicator(run, frame) if frame is not None else None
    if data is not None:
        y, probs, names = data
        names = [run.display(n) for n in names]
        if run.kind == "binary":  # one curve: the positive class against the negative
            y, probs, names = y[:, 1], probs[:, 1], [names[1]]
        _curves(run, y, probs, names, figures, notes)
        figures.append(_reliability(run, y, probs, names))
    elif run.run.predictions() is None:
        notes.append("predictions.csv is missing: ROC, precision-recall and reliability plots are not shown.")
    else:
        notes.append("predictions.csv has no usable test rows: ROC, precision-recall and reliability plots are not shown.")
    matrix = _confusion_matrix(run, frame)
    if matrix is not None:
        figures.append(_figure("Confusion matrix", plots.confusion_matrix_png(matrix, [run.display(n) for n in run.class_names]),
                               "Rows: the true class; columns: the predicted class"
                               + (" at the operating threshold" if run.kind == "binary" else "")
                               + ". Left: counts; right: each row divided by its total, so the diagonal is "
                                 "the sensitivity (recall) of each class."))
    return figures, notes


def _confusion_matrix(run: ReportRun, frame) -> np.ndarray | None:
    if run.kind not in ("binary", "multiclass") or not run.class_names:
        return None
    k = len(run.class_names)
    stored = run.record.metrics.test.get("confusion_matrix")
    if isinstance(stored, list):
        matrix = np.asarray(stored, dtype=float)
        if matrix.shape == (k, k):
            return matrix
    if frame is None or "target" not in frame.columns or "predicted" not in frame.columns:
        return None
    index = {n: i for i, n in enumerate(run.class_names)}
    true, pred = frame["target"].map(index), frame["predicted"].map(index)
    keep = (true.notna() & pred.notna()).to_numpy()
    matrix = np.zeros((k, k))
    np.add.at(matrix, (true.to_numpy()[keep].astype(int), pred.to_numpy()[keep].astype(int)), 1)
    return matrix


def _regression_figures(run: ReportRun) -> tuple[list[dict[str, str]], list[str]]:
    from .. import plots

    frame = run.test_rows()
    if frame is None:
        return [], ["predictions.csv has no test rows: predicted-vs-true plots are not shown."]
    names = [n for n in run.class_names if f"target:{n}" in frame.columns and f"predicted:{n}" in frame.columns]
    pairs = [(n, f"target:{n}", f"predicted:{n}") for n in names]
    if not pairs and {"target", "predicted"} <= set(frame.columns):
        pairs = [(run.class_names[0] if run.class_names else "value", "target", "predicted")]
    figures, notes = [], []
    for name, target_col, pred_col in pairs[:6]:
        true, pred = numbers(frame, target_col), numbers(frame, pred_col)
        keep = np.isfinite(true) & np.isfinite(pred)
        figures.append(_figure(f"{name}: predicted vs true", plots.regression_scatter_png(true[keep], pred[keep], name),
                               "Each point is one test sample; points on the dotted line are predicted exactly."))
        figures.append(_figure(f"{name}: residuals", plots.residual_histogram_png(true[keep], pred[keep], name),
                               "Distribution of prediction errors; a histogram centred on 0 means no systematic "
                               "over- or under-estimation."))
    if len(pairs) > 6:
        notes.append(f"Plots are shown for the first 6 of {len(pairs)} targets.")
    return figures, notes


def section(run: ReportRun) -> tuple[list[dict[str, str]], list[str]]:
    """The figures and the notes on figures that could not be drawn."""
    return _regression_figures(run) if run.kind == "regression" else _classification_figures(run)

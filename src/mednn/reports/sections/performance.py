"""Performance on the test set: headline metrics with CIs beside validation, the per-class /
per-target / per-label table, and the warning when the test set is too small to measure them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ...evaluation.metrics import distinct_metrics, metric_names
from ..view import (SMALL_TEST_CLASS, SMALL_TEST_SET, UNDEFINED, ReportRun, fmt, fmt_metric, is_metric, is_number,
                    metric_row)

# multilabel: the per-label table's columns (every binary metric per label would be too wide)
_PER_LABEL_COLUMNS = ("support", "n", "threshold", "f1", "sensitivity", "ppv", "specificity", "auroc", "auprc")
# a label's support is its positives, n every test sample whose value of the label is known
# (trial 12: "Test samples" 9 of n = 140; trial 13: "with the label" read as its positives)
_PER_LABEL_HEADINGS = {"support": "Test samples positive for the label",
                       "n": "Test samples in all (label value known)"}
_MULTILABEL_AVERAGES = ("subset_accuracy", "f1_micro", "f1_samples", "precision_micro", "recall_micro")
_NOT_METRICS = {"n", "per_class", "per_target", "per_label", "confusion_matrix", "threshold", "calibration"}


def metric_order(kind: str) -> tuple[str, ...]:
    """The registry's order (that of metrics.json), scores first: AUROC leads a classification table."""
    if kind == "regression":
        return tuple(metric_names("values"))
    names = metric_names("labels", "scores")
    ranking = [n for n in names if n in ("auroc", "auprc")]
    return tuple(ranking + [n for n in names if n not in ranking and n not in ("brier", "ece")]
                 + list(_MULTILABEL_AVERAGES) + [n for n in ("brier", "ece") if n in names])


def ordered_keys(keys: list[str], order: tuple[str, ...]) -> list[str]:
    order = tuple(dict.fromkeys(order))
    return [k for k in order if k in keys] + [k for k in keys if k not in order]


def _per_label_rows(run: ReportRun, per_label: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Test metrics per label with the label's own threshold (chosen on validation) beside them."""
    values = run.record.threshold_value if isinstance(run.record.threshold_value, list) else []
    names = [n for n in run.class_names if n in per_label] or list(per_label)
    index = {n: j for j, n in enumerate(run.class_names)}
    rows: dict[str, dict[str, Any]] = {}
    for name in names:
        row = dict(per_label[name]) if isinstance(per_label[name], dict) else {}
        j = index.get(name)
        if j is not None and j < len(values) and is_number(values[j]):
            row["threshold"] = values[j]
        rows[name] = row
    return rows


def _per_class_table(run: ReportRun, test: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any] | None:
    per_class = test.get("per_class") if isinstance(test.get("per_class"), dict) else None
    if per_class is None and isinstance(test.get("per_target"), dict):
        per_class = test["per_target"]
    if per_class is None and run.kind == "multilabel" and isinstance(test.get("per_label"), dict):
        per_class = _per_label_rows(run, test["per_label"])
    if not per_class:
        return None
    columns = ordered_keys(
        list(dict.fromkeys(k for row in per_class.values() if isinstance(row, dict) for k in row)),
        ("sensitivity", "specificity", "ppv", "npv", "f1", "auroc", "auprc", *order, "support", "n"),
    )
    if run.kind == "multilabel":
        columns = [c for c in _PER_LABEL_COLUMNS if c in columns]
    return {
        "header": "Target" if run.kind == "regression" else ("Label" if run.kind == "multilabel" else "Class"),
        "columns": [_PER_LABEL_HEADINGS.get(c, run.short(c)) if run.kind == "multilabel" else run.short(c)
                    for c in columns],
        "rows": [(run.display(name), [fmt_metric(row.get(c), run.confidence_label) if c in row else "—"
                                      for c in columns])
                 for name, row in per_class.items() if isinstance(row, dict)],
    }


def test_class_counts(run: ReportRun) -> dict[str, int]:
    test = run.record.data.splits.get("test")
    out = {str(c): int(v) for c, v in ((test.class_counts or {}) if test is not None else {}).items()}
    if not out and run.kind in ("binary", "multiclass"):
        frame = run.test_rows()
        if frame is not None and "target" in frame.columns:
            out = {str(c): int(v) for c, v in Counter(frame["target"]).items()}
    return out


def small_test_set(run: ReportRun, n_test: Any) -> str | None:
    """The warning above the metrics when the test set is too small to measure them: fewer than
    SMALL_TEST_SET samples, or (classes) fewer than SMALL_TEST_CLASS in a class."""
    reasons = []
    if is_number(n_test) and n_test < SMALL_TEST_SET:
        reasons.append(f"the test set holds {fmt(int(n_test))} samples (fewer than {SMALL_TEST_SET})")
    if run.kind in ("binary", "multiclass"):
        rare = [f"{run.display(c)}: {n}" for c, n in test_class_counts(run).items() if n < SMALL_TEST_CLASS]
        if rare:
            reasons.append(f"some classes have fewer than {SMALL_TEST_CLASS} test samples ({', '.join(rare)})")
    if not reasons:
        return None
    return ("Small test set: " + "; ".join(reasons) + ". Every metric below can change a lot with a few more "
            "patients, and its bootstrap confidence interval (marked *) is itself unreliable: resampling a "
            "handful of patients cannot show how wrong the estimate may be. A metric of 1.000 with an interval "
            "of 1.000 to 1.000 on a small set does not mean the model is certain. Evaluate on more patients "
            "before relying on these numbers.")


def headline_keys(run: ReportRun, *blocks: dict[str, Any]) -> list[str]:
    """The metric keys of a metrics block (and its comparison blocks), in the report's order, each
    value once (a multiclass / multilabel ``f1`` is its ``f1_macro``: :func:`distinct_metrics`)."""
    merged: dict[str, Any] = {}
    for block in reversed(blocks):
        merged.update(block)
    keys = [k for k, v in merged.items() if k not in _NOT_METRICS and is_metric(v)]
    return ordered_keys(distinct_metrics(keys, run.kind), metric_order(run.kind))


def section(run: ReportRun) -> dict[str, Any]:
    metrics = run.record.metrics
    test, val = metrics.test, metrics.val
    headline = [(label, *cells) for label, cells in
                (metric_row(run.label(k), [test.get(k), val.get(k)], run.confidence_label)
                 for k in headline_keys(run, test, val))]
    n_test = run.split_n("test")
    small = small_test_set(run, n_test)
    if small:
        headline = [(label, test_text + (" *" if test_text != "—" and not test_text.startswith(UNDEFINED) else ""),
                     val_text)
                    for label, test_text, val_text in headline]
    return {
        "small_test": small,
        "headline": headline,
        "n_test": n_test,
        "n_val": run.split_n("val"),
        "test_units": run.split_units("test"),
        "val_units": run.split_units("val"),
        "per_class": _per_class_table(run, test, metric_order(run.kind)),
        "bootstrap": metrics.bootstrap.n_resamples,
        "confidence_label": run.confidence_label,
    }

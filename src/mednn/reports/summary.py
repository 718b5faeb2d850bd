"""Plain-text summaries for the terminal: what ``mednn evaluate`` prints.

:func:`evaluation_summary` turns an external evaluation (``mednn.runs.EvaluationRecord``) of a
run into a short table (metric, value, confidence interval, 3 decimals) instead of the full
JSON. Metric names come from the metric registry (``metric_short``), class names are shown as
the report shows them ("class 1", never "1"), the interval's level is the run's.

>>> print(evaluation_summary(evaluation, run.record))  # doctest: +SKIP
metric                                 value  95% CI
AUROC                                  0.912  0.870 to 0.950
"""

from __future__ import annotations

import math
from typing import Any

from ..errors import plural
from ..evaluation.coverage import coverage_text
from ..evaluation.metrics import metric_short
from ..explain.base import class_display_name
from .sections.performance import headline_keys
from .view import SMALL_TEST_SET, undefined_text


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


class _Kind:
    """What :func:`headline_keys` needs to order a task's metrics."""

    def __init__(self, kind: str):
        self.kind = kind


def _rows(evaluation, record, *, class_names: bool = True) -> list[tuple[str, str, str]]:
    kind = record.task.kind
    names = [class_display_name(n) for n in record.task.class_names]
    positive = class_display_name(record.task.positive_class) if record.task.positive_class else None
    if not class_names:  # a log line: label values are never listed there
        names, positive = ["the negative class", "the positive class"], "the positive class"
    rows = []
    for key in headline_keys(_Kind(kind), evaluation.metrics):
        entry = evaluation.metrics[key]
        value, ci = (entry.get("value"), entry.get("ci95")) if isinstance(entry, dict) else (entry, None)
        value_text = f"{value:.3f}" if _number(value) else undefined_text(
            entry.get("reason") if isinstance(entry, dict) else None)
        ci_text = (f"{ci[0]:.3f} to {ci[1]:.3f}" if isinstance(ci, (list, tuple)) and len(ci) == 2
                   and all(_number(c) for c in ci) else "—")
        over = coverage_text(entry)
        ci_text += f", {over}" if over else ""
        rows.append((metric_short(key, kind, names, positive), value_text, ci_text))
    return rows


def evaluation_summary(evaluation, record, *, shown: set[str] | frozenset[str] = frozenset()) -> str:
    """The headline metrics of an external evaluation of the run ``record`` as an aligned text
    table (3 decimals). Per-class tables and the confusion matrix are left to the JSON file. An
    evaluation on fewer than 30 samples gets a warning line: its metrics are unreliable. Findings
    whose line is in ``shown`` (printed as warnings while the data were read) are not repeated."""
    kind = record.task.kind
    rows = _rows(evaluation, record)
    ci_header = f"{round(100 * record.metrics.bootstrap.confidence)}% CI"
    width = max([len("metric")] + [len(r[0]) for r in rows]) + 2
    value_width = max([len("value")] + [len(r[1]) for r in rows])
    patients = (evaluation.patients or {}).get("n")
    derived = record.config.data.patient_from
    found = f" found by data.patient_from in column '{derived.column}'" if derived is not None else ""
    head = f"{plural(evaluation.n, 'sample')} ({kind})" + (f", {plural(patients, 'patient')}{found} (intervals "
                                                           "resample patients)" if patients is not None else "")
    lines = [head, f"{'metric':<{width}}{'value':>{value_width}}  {ci_header}"]
    lines += [f"{label:<{width}}{value:>{value_width}}  {ci}" for label, value, ci in rows]
    if not rows:
        lines.append("(no metrics)")
    undefined = (evaluation.undefined or {}).get("metrics") or []
    if undefined:
        why = (evaluation.undefined or {}).get("why")
        lines.append("not defined: " + ", ".join(str(m) for m in undefined[:8]) + (", …" if len(undefined) > 8 else "")
                     + (f" ({why})" if isinstance(why, str) else ""))
    lines += _no_interval_lines(evaluation.metrics, kind)
    threshold = evaluation.threshold
    if _number(threshold):
        lines.append(f"operating threshold: {threshold:.3f}")
    if kind == "multilabel" and isinstance(evaluation.metrics.get("per_label"), dict):
        lines += _per_label_lines(evaluation.metrics["per_label"], threshold if isinstance(threshold, list) else [],
                                  ci_header)
    if evaluation.n < SMALL_TEST_SET:
        samples = plural(evaluation.n, "sample")
        lines.append(f"warning: only {samples} (fewer than {SMALL_TEST_SET}): these metrics and their "
                     "intervals are unreliable")
    lines += [finding.line() for finding in evaluation.findings if finding.line() not in shown]
    shift = evaluation.shift
    if shift is not None and shift.checked and not shift.rows:
        lines.append(f"dataset shift: {shift.columns} columns compared with the training profile; none differs")
    return "\n".join(lines)


def _no_interval_lines(metrics: dict[str, Any], kind: str, keys: list[str] | None = None) -> list[str]:
    """One line per distinct reason a headline metric (of ``keys``, default all) with a value has
    no interval (a bootstrap that gives every resample the same value, a class too rare ...)."""
    reasons: dict[str, list[str]] = {}
    for key in headline_keys(_Kind(kind), metrics) if keys is None else keys:
        entry = metrics[key]
        if isinstance(entry, dict) and _number(entry.get("value")) and isinstance(entry.get("ci_reason"), str):
            reasons.setdefault(entry["ci_reason"], []).append(metric_short(key, kind))
    return [f"no interval for {', '.join(names)}: {reason}" for reason, names in reasons.items()]


def run_summary(record, *, max_rows: int = 6, shown: set[str] | frozenset[str] = frozenset()) -> str:
    """A finished run in a few lines for the terminal (stderr, logs): its findings (warnings
    first; those in ``shown``, already printed while the run trained, are not repeated), then the
    headline test metrics with their intervals (registry names, the run's confidence level).
    Class names are not listed: a label column may hold values that must not reach a log."""
    order = {"refuse": 0, "warning": 1, "info": 2}
    lines = [f.line() for f in sorted(record.findings, key=lambda f: order[f.severity]) if f.line() not in shown]
    lines += _privacy_lines(record.privacy)
    fake = type("Test", (), {"n": record.data.splits["test"].n if "test" in record.data.splits else 0,
                             "metrics": record.metrics.test})
    rows = _rows(fake, record, class_names=False)[:max_rows]
    ci_header = f"{round(100 * record.metrics.bootstrap.confidence)}% CI"
    width = max([len("test metric")] + [len(r[0]) for r in rows]) + 2
    lines.append(f"{'test metric':<{width}}{'value':>11}  {ci_header}")
    lines += [f"{label:<{width}}{value:>11}  {ci}" for label, value, ci in rows]
    # why a shown metric has no interval, as evaluate says it (trial 15: 'AUROC 1.000 —' and nothing else)
    kind = record.task.kind
    lines += _no_interval_lines(record.metrics.test, kind, list(headline_keys(_Kind(kind), record.metrics.test))[:max_rows])
    return "\n".join(lines)


def _privacy_lines(privacy: Any) -> list[str]:
    """The DP guarantee per record and, with a patient column, per patient (group privacy)."""
    if not isinstance(privacy, dict) or not _number(privacy.get("epsilon")):
        return []
    from .sections.privacy import per_patient_value

    line = f"differential privacy: ε = {privacy['epsilon']:.2f}, δ = {privacy.get('delta')} per training record"
    patient = privacy.get("per_patient")
    if isinstance(patient, dict) and _number(patient.get("epsilon")):
        line += f"; per patient: {per_patient_value(patient)}"
    return [line]


def _per_label_lines(per_label: dict[str, Any], thresholds: list[Any], ci_header: str) -> list[str]:
    """Multilabel: one line per label (its name, positives, threshold, F1, AUROC with CI)."""
    def value(entry: Any) -> str:
        v = entry.get("value") if isinstance(entry, dict) else None
        return f"{v:.3f}" if _number(v) else "—"

    rows = []
    for j, (name, entry) in enumerate(per_label.items()):
        if not isinstance(entry, dict):
            continue
        auroc = entry.get("auroc") if isinstance(entry.get("auroc"), dict) else {}
        ci = auroc.get("ci95")
        ci_text = (f"{ci[0]:.3f} to {ci[1]:.3f}" if isinstance(ci, (list, tuple)) and len(ci) == 2
                   and all(_number(c) for c in ci) else "—")
        cut = thresholds[j] if j < len(thresholds) and _number(thresholds[j]) else None
        rows.append((class_display_name(name), str(entry.get("support", "—")), f"{cut:.3f}" if cut is not None else "—",
                     value(entry.get("f1")), value(auroc), ci_text))
    if not rows:
        return []
    header = ("label", "positives", "threshold", metric_short("f1"), metric_short("auroc"), f"AUROC {ci_header}")
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths[:-1])) + "  {}"
    return ["", "per label (thresholds chosen on the run's validation split):", fmt.format(*header),
            *(fmt.format(*r) for r in rows)]

"""Test metrics per subgroup (each data.meta_columns value), with their intervals."""

from __future__ import annotations

from typing import Any

from ..view import ReportRun, fmt, fmt_metric, is_metric


def section(run: ReportRun) -> dict[str, Any] | None:
    rows = run.record.metrics.subgroups
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        return None
    columns = list(dict.fromkeys(k for r in rows for k in r))
    metric_keys = [c for c in columns if any(is_metric(r.get(c)) and isinstance(r.get(c), dict) for r in rows)]
    names = {"column": "Characteristic", "group": "Subgroup", "n": "Test samples", "n_positive": "Positives"}
    header = [run.label(c).split(" (")[0] if c in metric_keys else names.get(c, c.replace("_", " ")) for c in columns]
    body = [[fmt_metric(r.get(c), run.confidence_label) if c in metric_keys else fmt(r.get(c, "—"))
             for c in columns] for r in rows]
    return {"columns": header, "rows": body}

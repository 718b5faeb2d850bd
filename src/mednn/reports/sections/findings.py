"""What readers, data checks, training and external evaluations noticed, at the top of the
page: refusals and warnings first, then notes. Counts and column names only (a finding never
holds a value from the data)."""

from __future__ import annotations

from typing import Any

from ..view import ReportRun

_ORDER = {"refuse": 0, "warning": 1, "info": 2}
_WORD = {"refuse": "Refused", "warning": "Warning", "info": "Note"}


def _row(finding, where: str) -> dict[str, Any]:
    return {"severity": finding.severity, "word": _WORD[finding.severity], "id": finding.id,
            "message": finding.message, "where": where,
            "count": f"{finding.count:,}" if finding.count is not None else "",
            "columns": ", ".join(finding.columns[:8]) + (", …" if len(finding.columns) > 8 else "")}


def section(run: ReportRun) -> dict[str, Any] | None:
    rows = [_row(f, "this run") for f in run.record.findings]
    for site, evaluation in sorted(run.record.evaluations.items()):
        rows += [_row(f, f"external data: {site}") for f in evaluation.findings]
    if not rows:
        return None
    rows.sort(key=lambda r: _ORDER[r["severity"]])  # stable: each group keeps the order it was found in
    warnings = sum(r["severity"] != "info" for r in rows)
    return {"rows": rows, "warnings": warnings}

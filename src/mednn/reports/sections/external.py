"""External validation: every ``evaluations/<site>.json`` (``mednn evaluate RUN --data FILE``)
beside the internal test set, metric by metric with the intervals of each."""

from __future__ import annotations

from typing import Any

from ..view import SMALL_TEST_SET, ReportRun, fmt, fmt_metric
from .performance import headline_keys


def _site(run: ReportRun, site: str, evaluation) -> dict[str, Any]:
    notes = []
    if evaluation.n < SMALL_TEST_SET:
        notes.append(f"only {evaluation.n} samples (fewer than {SMALL_TEST_SET}): these metrics are unreliable")
    undefined = (evaluation.undefined or {}).get("metrics") or []
    if undefined:
        notes.append(f"{len(undefined)} metric(s) not defined on these data (e.g. one class present)")
    ood = evaluation.ood or {}
    if isinstance(ood.get("flag_rate"), (int, float)) and isinstance(ood.get("fpr_target"), (int, float)):
        notes.append(f"{fmt(100 * ood['flag_rate'], 1)}% of records flagged out of distribution "
                     f"({fmt(100 * ood['fpr_target'], 0)}% expected by chance)")
    if evaluation.findings:
        notes.append(f"{len(evaluation.findings)} finding(s), listed at the top of this report")
    counts = ", ".join(f"{run.display(c)} {fmt(n)}" for c, n in (evaluation.class_counts or {}).items())
    return {"site": site, "n": fmt(evaluation.n), "data": evaluation.data, "created": evaluation.created,
            "counts": counts, "notes": notes}


def section(run: ReportRun) -> dict[str, Any] | None:
    evaluations = dict(sorted(run.record.evaluations.items()))
    if not evaluations:
        return None
    test = run.record.metrics.test
    keys = headline_keys(run, test, *(e.metrics for e in evaluations.values()))
    rows = []
    for key in keys:
        cells = [fmt_metric(test[key], run.confidence_label) if key in test else "—"]
        cells += [fmt_metric(e.metrics[key], run.confidence_label) if key in e.metrics else "—"
                  for e in evaluations.values()]
        rows.append((run.label(key), cells))
    return {
        "sites": [_site(run, site, e) for site, e in evaluations.items()],
        "columns": [f"Internal test (n = {fmt(run.split_n('test'))})"]
        + [f"{site} (n = {fmt(e.n)})" for site, e in evaluations.items()],
        "rows": rows,
        "how": ("Each external data set was scored with the run as trained: the same featurizer, calibration "
                "and operating threshold, no refitting. An external estimate far from the internal one means "
                "the model does not transfer as it is to that site (other devices, populations or practice)."),
    }

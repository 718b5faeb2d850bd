"""External validation: every ``evaluations/<site>.json`` (``mednn evaluate RUN --data FILE``)
beside the internal test set, metric by metric with the intervals of each; per site the
calibration on the site (ECE and a reliability diagram) and the shift table (the columns whose
data differ from training: column, check, training, site, severity). Counts and shares only:
no value of the site's data is shown."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..view import SMALL_TEST_SET, ReportRun, fmt, is_number, metric_row, plural
from .figures import RELIABILITY_BINS
from .performance import headline_keys

CHECK_NAMES = {
    "missing": "missing values", "all_zero": "all values 0", "constant": "one value only", "zeros": "more zeros",
    "out_of_range": "outside the training range", "unseen_categories": "unseen categories",
    "distance": "distribution (PSI)", "size": "image size",
}
_SEVERITY = {"warning": "Warning", "info": "Note"}


def _statistic(row, value: float | None) -> str:
    if value is None:
        return "—"
    if row.check == "distance":
        return f"PSI {value:.2f}" if value else "—"
    return f"{100 * value:.1f}%" if value >= 0.001 or value == 0 else "<0.1%"


def _pct(value: Any) -> str:
    return f"{100 * value:.1f}%" if is_number(value) else "—"


def _quartiles(where: dict[str, Any] | None) -> str:
    """'median (IQR low to high)' of a label summary ('mean (SD s)' for a run whose profile kept
    only its target scaler's), '—' where too few values kept none."""
    if where and is_number(where.get("mean")) and is_number(where.get("std")):
        return f"{fmt(where['mean'])} (SD {fmt(where['std'])})"
    if not where or not is_number(where.get("median")) or not where.get("iqr"):
        return "—"
    low, high = where["iqr"]
    return f"{fmt(where['median'])} (IQR {fmt(low)} to {fmt(high)})"


def label_rows(label: dict[str, Any] | None) -> list[dict[str, str]]:
    """The label's rows of the shift table (:mod:`mednn.evaluation.shift.label`): each class's share
    at the site (with its interval) against training, or each target's median and quartiles and
    its flagged checks. Shown whether flagged or not: a site's label is always worth a look."""
    if not label or not label.get("checked"):
        return []
    column = f"{label.get('column')} (label)"
    rows = []
    for row in label.get("classes") or []:
        low, high = row["ci95"]
        rows.append({"column": column, "check": f"prevalence of '{row['class']}'", "training": _pct(row["training"]),
                     "site": f"{_pct(row['site'])} ({_pct(low)} to {_pct(high)})",
                     "affected": f"{fmt(row['count'])} of {fmt(row['n'])}",
                     "severity": _SEVERITY.get(row["severity"], "—")})
    for target in label.get("targets") or []:
        name = column if len(label["targets"]) == 1 else f"{target['target']} (label)"
        what = "mean (standard deviation)" if "std" in (target["training"] or {}) else "median (interquartile range)"
        rows.append({"column": name, "check": what, "training": _quartiles(target["training"]),
                     "site": _quartiles(target["site"]), "affected": plural(target["n"], "value"),
                     "severity": _SEVERITY.get(target["severity"], "—")})
        for check in target.get("checks") or []:
            if check["check"] in ("mean", "sd"):  # a scaler-only run's checks: said by the row above
                continue
            as_row = _Row(check["check"])
            rows.append({"column": name, "check": CHECK_NAMES.get(check["check"], check["check"]),
                         "training": _statistic(as_row, check["training"]), "site": _statistic(as_row, check["site"]),
                         "affected": f"{fmt(check['count'])} of {fmt(check['n'])}",
                         "severity": _SEVERITY[check["severity"]]})
    return rows


class _Row:
    def __init__(self, check: str):
        self.check = check


def shift_table(evaluation) -> dict[str, Any]:
    """The site's shift rows as the template shows them (the label's first), and a sentence on what
    was compared."""
    shift = evaluation.shift
    if shift is None or not shift.checked:
        return {"rows": [], "text": "Shift was not checked: the run holds no training profile (profile.json), as runs "
                                    "trained before profiles and federated runs trained across sites do not."}
    labels = label_rows(shift.label)
    rows = [{"column": r.column, "check": CHECK_NAMES.get(r.check, r.check), "training": _statistic(r, r.training),
             "site": _statistic(r, r.site), "affected": f"{r.count:,} of {r.n:,}", "severity": _SEVERITY[r.severity]}
            for r in sorted(shift.rows, key=lambda r: r.severity != "warning")]
    warnings = sum(r.severity == "warning" for r in shift.rows)
    compared = (f"{plural(shift.columns, 'column')} of {plural(shift.n, 'site sample')} "
                f"{'was' if shift.columns == 1 else 'were'} compared with the profile of "
                f"{plural(shift.training_n, 'training sample')}")
    label_text = _label_text(shift.label)
    if not rows:
        return {"rows": labels, "text": compared + ": no input column differs." + label_text}
    flagged = len({r.column for r in shift.rows})
    return {"rows": labels + rows, "text": f"{compared}: {plural(flagged, 'column')} {'differs' if flagged == 1 else 'differ'}"
            + (f", {plural(warnings, 'check')} at warning level." if warnings else " (notes only).") + label_text}


def _label_text(label: dict[str, Any] | None) -> str:
    if not label:
        return ""
    if not label.get("checked"):
        return f" The label was not compared: {label.get('why', 'no training summary of it')}."
    return (" The label's rows (first) compare the site's class shares (with 95% Wilson intervals) or the label's "
            "median and quartiles with the training split: a shift there changes PPV, NPV, calibration and errors "
            "even when every input looks alike.")


def _reliability(run: ReportRun, evaluation) -> dict[str, Any] | None:
    """The site's ECE beside the internal test set's, and its reliability diagram."""
    calibration = evaluation.calibration
    if calibration is None or not calibration.n:
        return None
    from ..plots import ReliabilityBins, png_data_uri, reliability_png

    bins = calibration.bins
    edges = np.array([b.lower for b in bins] + [bins[-1].upper])
    as_array = [np.array([np.nan if v is None else v for v in values], dtype=float)
                for values in ([b.mean_confidence for b in bins], [b.observed for b in bins])]
    counts = np.array([b.count for b in bins])
    ece = calibration.ece if is_number(calibration.ece) else float("nan")
    png = reliability_png(ReliabilityBins(edges, as_array[0], as_array[1], counts, ece), xlabel=calibration.what,
                          title=f"Reliability diagram (external: {evaluation.site})")
    internal_value, site_value = (m.get("value") if isinstance(m, dict) else None
                                  for m in (run.record.metrics.test.get("ece"), evaluation.metrics.get("ece")))
    if calibration.n_bins == RELIABILITY_BINS:
        compared = f" (internal test set: {fmt(internal_value)} in the metrics table)" if is_number(internal_value) else ""
    else:  # the table's ECE uses other bins: name both of its numbers, never set one binning against the other
        table = [f"{fmt(v)} {where}" for v, where in ((site_value, "at this site"),
                                                      (internal_value, "on the internal test set")) if is_number(v)]
        compared = (f"; the metrics table's ECE uses {RELIABILITY_BINS} bins" + (f" ({' and '.join(table)})" if table else "")
                    + ", so its numbers differ from this one")
    text = (f"Calibration on {evaluation.site}: expected calibration error {fmt(calibration.ece)} over "
            f"{calibration.n_bins} bins of {fmt(calibration.n)} predictions" + compared
            + ". Points below the diagonal: the model's risks are too high at this site; above: too low.")
    return {"text": text, "uri": png_data_uri(png)}


def _undefined_reason(evaluation) -> str | None:
    counts = evaluation.class_counts or {}
    if len(counts) > 1 and sum(1 for n in counts.values() if n) == 1:
        return "one class present"
    return None


def _site(run: ReportRun, site: str, evaluation) -> dict[str, Any]:
    notes = []
    if evaluation.n < SMALL_TEST_SET:
        samples = plural(evaluation.n, "sample")
        notes.append(f"only {samples} (fewer than {SMALL_TEST_SET}): these metrics are unreliable")
    undefined = (evaluation.undefined or {}).get("metrics") or []
    if undefined:
        notes.append(f"{plural(len(undefined), 'metric')} not defined on these data")
    ood = evaluation.ood or {}
    if isinstance(ood.get("flag_rate"), (int, float)) and isinstance(ood.get("fpr_target"), (int, float)):
        notes.append(f"{fmt(100 * ood['flag_rate'], 1)}% of records flagged out of distribution "
                     f"({fmt(100 * ood['fpr_target'], 0)}% expected by chance)")
    if evaluation.findings:
        notes.append(f"{plural(len(evaluation.findings), 'finding')}, listed at the top of this report")
    counts = ", ".join(f"{run.display(c)} {fmt(n)}" for c, n in (evaluation.class_counts or {}).items())
    return {"site": site, "n": fmt(evaluation.n), "samples": plural(evaluation.n, "sample"), "data": evaluation.data, "created": evaluation.created,
            "counts": counts, "notes": notes, "shift": shift_table(evaluation),
            # labels coded the other way make every metric of the site meaningless: said beside them
            "warnings": [f.message for f in evaluation.findings if f.id == "labels_reversed"],
            "calibration": _reliability(run, evaluation)}


def section(run: ReportRun) -> dict[str, Any] | None:
    evaluations = dict(sorted(run.record.evaluations.items()))
    if not evaluations:
        return None
    test = run.record.metrics.test
    keys = headline_keys(run, test, *(e.metrics for e in evaluations.values()))
    rows = [metric_row(run.label(key), [test.get(key), *(e.metrics.get(key) for e in evaluations.values())],
                       run.confidence_label, [None, *(_undefined_reason(e) for e in evaluations.values())])
            for key in keys]
    return {
        "sites": [_site(run, site, e) for site, e in evaluations.items()],
        "columns": [f"Internal test (n = {fmt(run.split_n('test'))})"]
        + [f"{site} (n = {fmt(e.n)})" for site, e in evaluations.items()],
        "rows": rows,
        "how": ("Each external data set was scored with the run as trained: the same featurizer, calibration "
                "and operating threshold, no refitting. An external estimate far from the internal one means "
                "the model does not transfer as it is to that site (other devices, populations or practice)."),
        "shift_how": ("Shift: each site was compared with a profile of the training split stored in the run "
                      "(missing and zero shares, the 0.5-99.5% range, categories as hashed keys, a quantile "
                      "sketch). A warning marks a column whose data at the site differ enough to change what "
                      "the model sees (thresholds in docs/external-validation.md); the model imputes or "
                      "ignores what it does not know, silently, so these columns explain a drop in the metrics."),
    }

"""``mednn evaluate``'s shift check: a site read by the run, compared with the run's training
profile, as a table of flagged rows and one ``dataset_shift`` finding per check and severity.

>>> result = check_shift(run.record.profile, site_dataset, predictor.featurizer)  # doctest: +SKIP
>>> [f.line() for f in result.findings]  # doctest: +SKIP
['mednn: warning: [dataset_shift] missing values: 1 column much more often missing at the site than in training: chol ...']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...findings import Finding
from .base import extractor, meta_columns
from .compare import P_VALUE, THRESHOLDS, ShiftRow, compare_columns
from .sketch import MIN_VALUES

_SHOWN = 6  # columns named in one console line (the report's table lists them all)

# check -> (what a line starts with, the verb for one / several columns, what they show)
_WORDING: dict[str, tuple[str, tuple[str, str], str]] = {
    "missing": ("missing values", ("is", "are"), "more often missing at the site than in training"),
    "all_zero": ("all zero", ("is", "are"), "0 in every site row, which training makes unlikely (missing values "
                 "written as 0?)"),
    "constant": ("constant", ("has", "have"), "one value in every site row, which training makes unlikely"),
    "zeros": ("zeros", ("has", "have"), "many more zeros than in training"),
    "out_of_range": ("out of range", ("has", "have"), "values outside the training range (0.5th to 99.5th "
                     "percentile)"),
    "unseen_categories": ("unseen categories", ("has", "have"), "categories never seen in training"),
    "distance": ("distribution", ("is", "are"), "distributed differently from training (population stability "
                 "index)"),
    "size": ("image size", ("differs", "differ"), "from training (the images were resized or refused)"),
}


@dataclass
class ShiftResult:
    """What the shift check found: ``rows`` (flagged column checks), ``findings``, and the
    ``summary`` stored in the evaluation (columns compared, thresholds, the rows as data)."""

    rows: list[ShiftRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    summary: dict[str, Any] | None = None


def _percent(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{100 * value:.0f}%" if value >= 0.01 or value == 0 else "<1%"


def _detail(row: ShiftRow) -> str:
    """One column's numbers in a message: counts and shares, never a value."""
    if row.check == "distance":
        return f"{row.column} (PSI {row.site:.2f}, {row.n} values)"
    if row.check == "size":
        return f"{row.column} ({row.statistic}, {row.n} images)"
    if row.check in ("all_zero", "constant"):
        return f"{row.column} ({row.count} of {row.n} values)"
    if row.check == "unseen_categories":
        return f"{row.column} ({row.count} of {row.n} rows, {row.statistic.split(' in ')[-1]})"
    training = f"; training {_percent(row.training)}" if row.check in ("missing", "zeros") else ""
    return f"{row.column} ({row.count} of {row.n} {'rows' if row.check == 'missing' else 'values'}, " \
           f"{_percent(row.site)}{training})"


def shift_findings(rows: list[ShiftRow]) -> list[Finding]:
    """One finding per check and severity, warnings first, naming the columns."""
    groups: dict[tuple[str, str], list[ShiftRow]] = {}
    for row in rows:
        groups.setdefault((row.severity, row.check), []).append(row)
    out = []
    order = list(_WORDING)
    for (severity, check), found in sorted(groups.items(), key=lambda kv: (kv[0][0] != "warning",
                                                                          order.index(kv[0][1]))):
        head, verbs, what = _WORDING[check]
        details = ", ".join(_detail(r) for r in found[:_SHOWN]) + (f", and {len(found) - _SHOWN} more"
                                                                    if len(found) > _SHOWN else "")
        subject = "1 column " + verbs[0] if len(found) == 1 else f"{len(found)} columns {verbs[1]}"
        out.append(Finding("dataset_shift", severity, f"{head}: {subject} {what}: {details}",
                           count=len(found), columns=tuple(r.column for r in found)))
    return out


def no_profile_finding() -> Finding:
    return Finding("dataset_shift", "info", "shift not checked: the run holds no training profile (profile.json); "
                   "runs trained before profiles, and federated runs whose coordinator never saw training rows, "
                   "have none")


def check_shift(profile: dict[str, Any] | None, dataset, featurizer, *, labelled: bool = False,
                label_fallback: dict[str, Any] | None = None) -> ShiftResult:
    """Compare ``dataset`` (a site, read by the run) with the run's training ``profile``: its
    input columns and, when the site is ``labelled`` (``mednn evaluate``, not ``predict``), its
    label (:mod:`.label`; ``label_fallback``: the label profile of a run whose profile predates
    it, see :func:`.label.label_profile_from_counts`)."""
    if not profile:
        return ShiftResult(findings=[no_profile_finding()], summary={"checked": False})
    from ...modalities import modality_spec
    from .label import check_label

    site = extractor(modality_spec(profile["modality"]).shift_profile)(dataset, featurizer, profile)
    meta = meta_columns(dataset, site.columns)
    site.columns.update({k: v for k, v in meta.items() if k in profile["columns"]})
    rows = compare_columns(profile, site.columns) + site.rows  # and the modality's own checks (image size)
    label, label_findings = (check_label(profile.get("label") or label_fallback, dataset) if labelled
                             else (None, []))
    summary = {
        "checked": True, "n": int(len(dataset)), "n_profiled": int(site.n_profiled),
        "training_n": int(profile["n"]), "columns": len([c for c in profile["columns"] if c in site.columns]),
        "rows": [r.to_dict() for r in rows],
        "thresholds": {k: {"info": v[0], "warning": v[1]} for k, v in THRESHOLDS.items()},
        "p_value": P_VALUE, "min_values": MIN_VALUES,
    }
    if label is not None:
        summary["label"] = label
    unprofiled = [name for name in meta if name not in profile["columns"]]
    return ShiftResult(rows=rows, findings=label_findings + shift_findings(rows) + _unprofiled_meta(unprofiled),
                       summary=summary)


def _unprofiled_meta(names: list[str]) -> list[Finding]:
    """Subgroup columns a run trained before meta columns were profiled cannot be checked: said once."""
    if not names:
        return []
    return [Finding("dataset_shift", "info", f"subgroup column(s) {', '.join(names)} not checked for renamed or "
                    "unseen categories: the run's training profile predates it (retrain to check them)",
                    count=len(names), columns=names)]

"""The label at a site against the training split (target / prior shift).

A site whose patients are sicker, or whose label is written in another unit, keeps the inputs'
shift table quiet and still breaks what the run measured: PPV, NPV and calibration follow the
prevalence, a regression's errors follow the label's location and scale. The training profile
keeps the label's summary (:func:`label_profile`: class counts; a regression target's numeric
sketch with its median and quartiles) and :func:`check_label` compares the site with it:

- classification (binary: the positive class; multiclass: each class; multilabel: each label's
  positives) share at the site,
  with its Wilson interval, against the training share. A class is flagged when the change is
  at least :data:`PREVALENCE_BARS` (absolute: 0.05 a note, 0.15 a warning) and unlikely by
  chance (two-sided binomial test below ``P_VALUE`` / classes, as the column checks);
- regression: each target's out-of-range share and distribution distance (PSI), by the column
  checks and :data:`~.compare.THRESHOLDS` of the inputs; its median and interquartile range at
  the site and in training are stored beside them (a site of fewer than ``MIN_VALUES`` values
  keeps no quantile, which would be nearly one row's value).

Flagged, the label gives one ``dataset_shift`` finding naming the label column. Counts, shares
and summary statistics only: never a row's value.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...findings import Finding
from ..intervals import wilson_interval
from .compare import P_VALUE, compare_columns
from .sketch import MIN_VALUES, numeric_profile

PREVALENCE_BARS = (0.05, 0.15)  # absolute change of a class's share: a note, a warning
# runs without a label sketch (the target scaler's mean and SD only): the site's mean moved by this
# many training SDs, its SD by this factor (either way), is a note / a warning
MEAN_BARS, SD_BARS = (0.25, 0.5), (1.5, 2.0)
QUARTILES = (0.25, 0.5, 0.75)


def label_column(dataset) -> str:
    """The label column's name as the reader gave it (several: joined by ', '); a regression's
    target names where the reader gave none (molecules), else "label" (image folders)."""
    names = (getattr(dataset, "notes", None) or {}).get("label_columns")
    if not names and dataset.task.kind == "regression":
        names = list(dataset.task.class_names)
    return ", ".join(str(n) for n in names or ["label"])


def _target_columns(task, targets: np.ndarray) -> dict[str, np.ndarray]:
    values = np.asarray(targets, dtype=np.float64)
    values = values[:, None] if values.ndim == 1 else values
    return {str(name): values[:, t] for t, name in enumerate(task.class_names)}


def _counts(task, targets: np.ndarray) -> tuple[dict[str, int], dict[str, int]]:
    """(samples with the label, positives) per class (per label for a multilabel task)."""
    names = [str(n) for n in task.class_names]
    if task.kind == "multilabel":
        y = np.asarray(targets, dtype=np.float64)
        present = ~np.isnan(y)
        return ({n: int(present[:, j].sum()) for j, n in enumerate(names)},
                {n: int((y[:, j] == 1).sum()) for j, n in enumerate(names)})
    counts = np.bincount(np.asarray(targets, dtype=np.int64), minlength=len(names))
    return {n: len(targets) for n in names}, {n: int(c) for n, c in zip(names, counts)}


def label_profile(dataset) -> dict[str, Any] | None:
    """The training split's label summary for ``profile.json``'s ``label``."""
    task, targets = dataset.task, np.asarray(dataset.targets)
    out: dict[str, Any] = {"column": label_column(dataset), "task": task.kind, "n": int(len(targets))}
    if task.kind == "regression":
        out["targets"] = {name: _numeric(values) for name, values in _target_columns(task, targets).items()}
        return out
    n, positives = _counts(task, targets)
    return out | {"n_with_label": n, "counts": positives}


def label_profile_from_counts(kind: str, column: str, class_counts: dict[str, int], n: int) -> dict[str, Any]:
    """The classification label profile of a run trained before profiles kept one, from its
    training split's ``class_counts`` in data.json (multilabel: every row taken as labelled)."""
    return {"column": column, "task": kind, "n": int(n), "n_with_label": {c: int(n) for c in class_counts},
            "counts": {c: int(v) for c, v in class_counts.items()}, "from": "data.json splits.train.class_counts"}


def label_profile_from_scaler(column: str, names, mean, std, n: int) -> dict[str, Any]:
    """The regression label profile of a run trained before profiles kept one: each target's
    training mean and standard deviation, from the run's target scaler (fitted on train only)."""
    return {"column": column, "task": "regression", "n": int(n), "from": "the run's target scaler",
            "moments": {str(name): {"mean": float(m), "std": float(s)} for name, m, s in zip(names, mean, std)}}


def _numeric(values: np.ndarray) -> dict[str, Any]:
    profile = numeric_profile(values)
    present = values[np.isfinite(values)]
    if present.size >= MIN_VALUES:
        profile["quartiles"] = [float(q) for q in np.quantile(present, QUARTILES)]
    return profile


def check_label(profile: dict[str, Any] | None, dataset) -> tuple[dict[str, Any], list[Finding]]:
    """(the ``label`` entry of the site's shift summary, its ``dataset_shift`` findings)."""
    if not profile:
        return {"checked": False, "why": "the run's training profile holds no label summary (trained before "
                "label profiles were kept)"}, []
    if dataset.task.kind == "regression":
        return _check_values(profile, dataset) if "targets" in profile else _check_moments(profile, dataset)
    return _check_classes(profile, dataset)


def _binomial_p(count: int, n: int, share: float, n_train: int) -> float:
    """Two-sided binomial p-value of ``count`` of ``n`` at the training ``share`` (half a row
    added to training, so a share of 0 or 1 seen in a finite set is not taken as certain)."""
    from scipy.stats import binomtest

    p = (share * n_train + 0.5) / (n_train + 1)
    return float(binomtest(count, n, p).pvalue)


def _check_classes(profile: dict[str, Any], dataset) -> tuple[dict[str, Any], list[Finding]]:
    n_site, positives = _counts(dataset.task, dataset.targets)
    # binary: the positive class's share says it all (the other's is its complement)
    names = list(positives)[1:] if dataset.task.kind == "binary" else list(positives)
    alpha = P_VALUE / max(1, len(names))
    rows = []
    for name in names:
        n, count = n_site[name], positives[name]
        n_train = int(profile["n_with_label"].get(name, 0))
        if n == 0 or n_train == 0:
            continue
        trained, site = profile["counts"].get(name, 0) / n_train, count / n
        change = abs(site - trained)
        severity = "ok"
        if change >= PREVALENCE_BARS[0] and _binomial_p(count, n, trained, n_train) < alpha:
            severity = "warning" if change >= PREVALENCE_BARS[1] else "info"
        rows.append({"class": name, "training": round(trained, 6), "site": round(site, 6),
                     "ci95": [round(v, 6) for v in wilson_interval(count, n, 0.95)], "count": count, "n": n,
                     "severity": severity})
    summary = {"checked": True, "column": profile["column"], "task": dataset.task.kind, "classes": rows,
               "bars": {"info": PREVALENCE_BARS[0], "warning": PREVALENCE_BARS[1]}, "p_value": P_VALUE}
    flagged = [r for r in rows if r["severity"] != "ok"]
    if not flagged:
        return summary, []
    what = "label" if dataset.task.kind == "multilabel" else "class"
    details = "; ".join(f"{what} '{r['class']}' {_pct(r['site'])} ({r['count']} of {r['n']}, 95% CI "
                        f"{_pct(r['ci95'][0])} to {_pct(r['ci95'][1])}) against {_pct(r['training'])} in training"
                        for r in flagged[:6])
    severity = "warning" if any(r["severity"] == "warning" for r in flagged) else "info"
    message = (f"label: the prevalence in the label column '{profile['column']}' differs from the training "
               f"split: {details}; PPV, NPV and calibration measured on the run's test split do not carry over")
    return summary, [Finding("dataset_shift", severity, message, count=len(flagged), columns=(profile["column"],))]


def _check_values(profile: dict[str, Any], dataset) -> tuple[dict[str, Any], list[Finding]]:
    site_columns = _target_columns(dataset.task, dataset.targets)
    trained = {name: p for name, p in profile["targets"].items() if name in site_columns}
    rows = compare_columns({"columns": trained, "options": {name: {"skip": ("missing",)} for name in trained}},
                           site_columns)
    targets = []
    for name, train in trained.items():
        site = _numeric(site_columns[name])
        flagged = [r for r in rows if r.column == name]
        targets.append({"target": name, "training": _location(train), "site": _location(site),
                        "n": int(np.isfinite(site_columns[name]).sum()),
                        "checks": [r.to_dict() for r in flagged],
                        "severity": "warning" if any(r.severity == "warning" for r in flagged)
                        else ("info" if flagged else "ok")})
    summary = {"checked": True, "column": profile["column"], "task": "regression", "targets": targets}
    flagged = [r for r in rows if r.check in ("out_of_range", "distance", "constant", "all_zero", "zeros")]
    if not flagged:
        return summary, []
    details = ", ".join(_value_detail(r) for r in flagged)
    severity = "warning" if any(r.severity == "warning" for r in flagged) else "info"
    several = len(trained) > 1
    message = (f"label: the label column '{profile['column']}' is distributed differently from the training split: "
               f"{details}; check its unit and scale (medians and quartiles in the evaluation's shift.label)")
    columns = tuple(dict.fromkeys(r.column for r in flagged)) if several else (profile["column"],)
    return summary, [Finding("dataset_shift", severity, message, count=len(flagged), columns=columns)]


def _location(profile: dict[str, Any]) -> dict[str, Any]:
    quartiles = profile.get("quartiles")
    return {"median": quartiles[1] if quartiles else None,
            "iqr": [quartiles[0], quartiles[2]] if quartiles else None,
            "range": profile.get("range"), "n": profile.get("n")}


def _value_detail(row) -> str:
    if row.check == "distance":
        return f"{row.column}: distribution PSI {row.site:.2f} over {row.n} values"
    if row.check == "out_of_range":
        return (f"{row.column}: {row.count} of {row.n} values ({_pct(row.site)}) outside the training 0.5-99.5% "
                f"range")
    return f"{row.column}: {row.check.replace('_', ' ')} ({row.count} of {row.n} values)"


def _pct(share: float | None) -> str:
    if share is None:
        return "?"
    return f"{100 * share:.1f}%"


def _check_moments(profile: dict[str, Any], dataset) -> tuple[dict[str, Any], list[Finding]]:
    """A run whose profile has no label sketch: each target's mean and SD at the site against the
    target scaler's (a z-test of the mean and a chi-square test of the variance, each below
    ``P_VALUE`` / targets; :data:`MEAN_BARS`, :data:`SD_BARS`)."""
    from scipy.stats import chi2, norm

    site_columns = _target_columns(dataset.task, dataset.targets)
    alpha = P_VALUE / max(1, len(profile["moments"]))
    targets, details = [], []
    for name, train in profile["moments"].items():
        values = site_columns.get(name, np.array([]))
        present = values[np.isfinite(values)]
        entry: dict[str, Any] = {"target": name, "training": dict(train), "site": None, "n": int(present.size),
                                 "checks": [], "severity": "ok"}
        targets.append(entry)
        if present.size < MIN_VALUES or not train["std"] > 0:
            continue  # a mean of a handful of values is nearly one value
        mean, sd, n = float(present.mean()), float(present.std(ddof=1)), present.size
        entry["site"] = {"mean": round(mean, 6), "std": round(sd, 6)}
        shift = abs(mean - train["mean"]) / train["std"]
        p_mean = 2 * float(norm.sf(shift * np.sqrt(n)))
        ratio = sd / train["std"]
        statistic = (n - 1) * ratio**2
        p_sd = 2 * min(float(chi2.cdf(statistic, n - 1)), float(chi2.sf(statistic, n - 1)))
        for check, value, bars, p in (("mean", shift, MEAN_BARS, p_mean),
                                      ("sd", max(ratio, 1 / ratio) if ratio > 0 else np.inf, SD_BARS, p_sd)):
            if value >= bars[0] and p < alpha:
                severity = "warning" if value >= bars[1] else "info"
                entry["checks"].append({"check": check, "value": round(float(value), 4), "severity": severity})
                details.append(f"{name}: mean moved by {shift:.2f} training SDs" if check == "mean"
                               else f"{name}: SD {ratio:.2f} times the training SD")
        if entry["checks"]:
            entry["severity"] = "warning" if any(c["severity"] == "warning" for c in entry["checks"]) else "info"
    summary = {"checked": True, "column": profile["column"], "task": "regression", "from": profile.get("from"),
               "targets": targets, "bars": {"mean_sd": list(MEAN_BARS), "sd_ratio": list(SD_BARS)}}
    flagged = [t for t in targets if t["checks"]]
    if not flagged:
        return summary, []
    severity = "warning" if any(t["severity"] == "warning" for t in flagged) else "info"
    message = (f"label: the label column '{profile['column']}' is distributed differently from the training split: "
               f"{', '.join(details)} (against the run's target scaler); check its unit and scale")
    return summary, [Finding("dataset_shift", severity, message, count=len(flagged), columns=(profile["column"],))]

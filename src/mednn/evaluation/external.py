"""What an external evaluation adds to a site's metrics: the shift check against the run's
training profile, the calibration on the site (a reliability table and its ECE), the coverage
of the run's conformal sets / intervals on the site, and whether the network has skill there.

:func:`assess_site` is what ``mednn evaluate`` (:func:`mednn.scoring.evaluate_file`) calls once
the site is read and predicted; its keys go into ``evaluations/<site>.json`` as they are::

    extra = assess_site(run.record.profile, dataset, predictor.featurizer, task=task, prob=prob)
    extra["findings"], extra["shift"]["rows"], extra["calibration"]["ece"]
"""

from __future__ import annotations

from typing import Any

import numpy as np

_PER_BIN, _MIN_BINS, _MAX_BINS = 10, 5, 15  # about one bin per 10 predictions, as the report's diagram


def reliability_bin_count(n: int) -> int:
    """Bins for ``n`` predictions: about one per 10, 5 to 15.

    >>> reliability_bin_count(61), reliability_bin_count(1000), reliability_bin_count(12)
    (6, 15, 5)
    """
    return int(min(_MAX_BINS, max(_MIN_BINS, round(n / _PER_BIN))))


def site_calibration(kind: str, targets: np.ndarray, prob: np.ndarray) -> dict[str, Any] | None:
    """Reliability table of a site: binary P(positive) against the share of positives, multiclass
    the top class's confidence against accuracy, per equal-width bin; None for other tasks."""
    from .calibration import reliability_curve

    if kind not in ("binary", "multiclass") or len(targets) == 0:
        return None
    n_bins = reliability_bin_count(len(targets))
    curve = reliability_curve(np.asarray(targets).astype(np.int64), np.asarray(prob, dtype=np.float64),
                              n_bins=n_bins)
    counts = curve["count"]
    gaps = np.abs(np.nan_to_num(curve["accuracy"]) - np.nan_to_num(curve["confidence"])) * counts
    edges = curve["bin_edges"]
    bins = [{"lower": float(edges[i]), "upper": float(edges[i + 1]), "count": int(counts[i]),
             "mean_confidence": _finite(curve["confidence"][i]), "observed": _finite(curve["accuracy"][i])}
            for i in range(n_bins)]
    return {"what": "predicted probability of the positive class" if kind == "binary"
            else "confidence of the predicted class", "n": int(counts.sum()), "n_bins": n_bins,
            "ece": float(gaps.sum() / counts.sum()) if counts.sum() else None, "bins": bins}


def _finite(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def assess_site(profile: dict[str, Any] | None, dataset, featurizer, *, task, prob, metrics=None,
                conformal=None, confidence: float = 0.95, where: str = "the site",
                train_class_counts: dict[str, int] | None = None, n_train: int = 0,
                target_scaler=None) -> dict[str, Any]:
    """``findings`` (labels coded the other way, dataset shift, no skill, conformal under-coverage),
    ``shift`` (the flagged rows and what was compared), ``calibration`` (the site's reliability table) and, when the
    run has conformal sets / intervals (``conformal``, a fitted ConformalPredictor), their
    ``conformal`` coverage on the site. ``metrics``: the site's evaluate() result, read for
    ``no_skill`` (a regression R² not above 0; classification AUROC reaching chance).
    ``train_class_counts`` / ``n_train`` (data.json's training split) and ``target_scaler`` (a
    regression run's, fitted on train) stand in for the label profile of a run trained before its
    profile kept one."""
    from .conformal import coverage_summary
    from .intervals import MIN_INTERVAL_UNITS
    from .shift import check_shift
    from .skill import coverage_findings, labels_reversed_findings, no_skill_findings

    from .shift.label import label_column, label_profile_from_counts, label_profile_from_scaler

    fallback = None
    if train_class_counts and task.kind != "regression":
        fallback = label_profile_from_counts(task.kind, label_column(dataset), train_class_counts, n_train)
    elif task.kind == "regression" and getattr(target_scaler, "mean_", None) is not None:
        fallback = label_profile_from_scaler(label_column(dataset), task.class_names, target_scaler.mean_,
                                             target_scaler.std_, n_train)
    shift = check_shift(profile, dataset, featurizer, labelled=True, label_fallback=fallback)
    out: dict[str, Any] = {"findings": [], "shift": shift.summary,
                           "calibration": site_calibration(task.kind, dataset.targets, prob)}
    reversed_ = labels_reversed_findings(task.kind, dataset.targets, prob, task.class_names, where) \
        if len(dataset.targets) else []
    out["findings"] += reversed_
    if metrics and not (reversed_ and task.kind == "binary"):  # no_skill's "below chance" would say it again
        out["findings"] += no_skill_findings(task.kind, metrics, where=where)
    if conformal is not None and len(dataset.targets):
        out["conformal"] = coverage_summary(conformal, prob, dataset.targets, class_names=task.class_names,
                                            confidence=confidence)
        if len(dataset.targets) >= MIN_INTERVAL_UNITS:  # one record missed is no evidence of a shift
            out["findings"] += coverage_findings(out["conformal"], where=where)
    out["findings"] += shift.findings  # the shift check's last: its table explains the lines above
    return out

"""Uncertainty: conformal prediction sets / intervals, the referral curve and the share of test
records flagged out of distribution, in words a clinician can act on."""

from __future__ import annotations

from typing import Any

from ..view import ReportRun, fmt, plural


def section(run: ReportRun) -> dict[str, Any] | None:
    """Conformal sets / intervals and the referral curve, in words a clinician can act on."""
    metrics = run.record.metrics
    conformal, referral, note = metrics.conformal, metrics.referral, metrics.uncertainty_note
    ood = ood_lines(metrics.ood)
    if not isinstance(conformal, dict) and not isinstance(referral, dict):
        lines = [note[0].upper() + note[1:] + "."] if isinstance(note, str) and note else []  # multilabel: said
        return {"lines": lines + ood, "rows": [], "figure": None} if lines or ood else None
    out: dict[str, Any] = {"lines": [], "rows": [], "figure": None}
    if isinstance(conformal, dict) and isinstance(conformal.get("coverage"), dict):
        target = conformal.get("target_coverage")
        cov = conformal["coverage"]
        ci = cov.get("ci95") or [None, None]
        what = "an interval" if run.kind == "regression" else "a set of classes"
        n_cal = conformal.get("n_calibration")
        fitted = (run.split_samples("val", "validation") if n_cal is None or n_cal == run.split_n("val")
                  else plural(n_cal, "validation sample"))
        out["lines"].append(
            f"Each prediction comes with {what} that should contain the true "
            f"{'value' if run.kind == 'regression' else 'diagnosis'} for at least {fmt(100 * target, 0)}% of "
            f"{run.subject}s like these (split conformal prediction, fitted on {fitted}). "
            f"On the test set it did for {fmt(100 * (cov.get('value') or 0), 1)}% "
            f"(95% CI {fmt(100 * (ci[0] or 0), 1)}% to {fmt(100 * (ci[1] or 0), 1)}%).")
        if run.kind == "regression" and conformal.get("interval_width"):
            widths = ", ".join(fmt(w) for w in conformal["interval_width"])
            out["lines"].append(f"The interval's width: {widths} (in the target's units).")
        sizes = conformal.get("set_size") or {}
        if sizes.get("distribution"):
            single = conformal.get("singleton_fraction")
            out["lines"].append(
                f"{fmt(100 * (single or 0), 1)}% of test samples got a single class (a confident answer); "
                f"the others got several classes: the model cannot tell them apart for that {run.subject}, "
                "which is a reason to look closer.")
            out["rows"] = [(f"{k} class{'es' if k != '1' else ''}", v) for k, v in sizes["distribution"].items()]
        outside = conformal.get("prediction_outside_set") or {}
        if outside.get("n"):
            out["lines"].append(
                f"For {plural(outside['n'], f'test {run.subject}')} ({fmt(100 * (outside.get('fraction') or 0), 1)}%) "
                "the predicted class is not in the set: the prediction uses the operating threshold (chosen on "
                "validation to balance sensitivity and specificity), the set the coverage promise, and near the "
                "threshold they can disagree. Read such a record as uncertain: the set names the class its "
                "probability supports, the prediction the class the threshold favours.")
        for column, groups in (conformal.get("subgroups") or {}).items():
            low = [g for g, v in groups.items() if isinstance(v, dict) and v.get("n", 0) >= 10
                   and v.get("coverage", 1) < (target or 0) - 0.1]
            if low:
                out["lines"].append(f"Coverage is lower than promised in {column} = {', '.join(map(str, low))}: "
                                    f"the guarantee holds over all {run.subject}s, not within every subgroup.")
    if isinstance(referral, dict) and referral.get("curve"):
        from ..plots import png_data_uri, referral_png

        curve = referral["curve"]
        xs = [p["referred"] for p in curve]
        ys = [p["accuracy_kept"] for p in curve]
        png = referral_png(xs, ys, uncertainty=str(referral.get("uncertainty")))
        at = next((p for p in curve if abs(p["referred"] - 0.2) < 1e-9), None)
        caption = (f"Referring the most uncertain {run.subject}s to a clinician raises the accuracy of the cases the "
                   "model decides alone" + (f": at 20% referred, {fmt(100 * at['accuracy_kept'], 1)}% against "
                                            f"{fmt(100 * ys[0], 1)}% with none." if at else "."))
        out["figure"] = {"title": "Referral curve", "src": png_data_uri(png), "caption": caption}
    out["lines"].extend(ood)
    return out


def ood_lines(ood: dict[str, Any] | None) -> list[str]:
    """The test split's out-of-distribution flag rate against its target (metrics.json's ``ood``)."""
    if not isinstance(ood, dict):
        return []
    if ood.get("skipped"):
        return [f"Out-of-distribution flags: none ({ood['skipped']})."]
    rate, target = ood.get("test_flag_rate"), ood.get("fpr_target")
    if not isinstance(rate, (int, float)) or not isinstance(target, (int, float)):
        return []
    line = (f"Out of distribution: {fmt(100 * rate, 1)}% of test records ({ood.get('test_n_flagged')}) are flagged as "
            f"unlike the training data ({ood.get('method')}, threshold chosen on validation: "
            f"{ood.get('promise') or f'{fmt(100 * target, 0)}% false positives'}; "
            f"validation {fmt(100 * (ood.get('val_flag_rate') or 0), 1)}%). "
            "Flagged records keep their prediction, but their conformal set carries no guarantee.")
    if isinstance(ood.get("test_p_value"), (int, float)) and ood["test_p_value"] < 0.01:
        line += " More test records are flagged than chance explains: the test data differ from the training data."
    return [line]

"""How probabilities become decisions: the operating threshold and the calibration, in words."""

from __future__ import annotations

from ..view import ReportRun, fmt

_THRESHOLD_METHODS = {
    "youden": "by Youden's J statistic (the threshold that maximises sensitivity + specificity − 1)",
    "f1": "as the threshold that maximises the F1 score (balance of sensitivity and PPV)",
    "sensitivity": "as the highest threshold that reaches the target sensitivity",
    "fixed": "fixed in the configuration (not tuned on data)",
    "argmax": "as the most probable class (no threshold)",
}


def _multilabel_text(run: ReportRun, how: str, on: str | None, chosen_on: str) -> str:
    threshold = run.record.threshold
    text = f"One operating threshold per label (the per-label table's Threshold column), each chosen {how}"
    text = text.rstrip(", ") + (f" on {on}" if on else "") + "."
    if threshold.fixed_labels:
        text += (f" {len(threshold.fixed_labels)} label(s) had one class only on validation and keep a fixed "
                 "threshold: " + ", ".join(f"{run.display(n)} ({_kept(run, n)})" for n in threshold.fixed_labels) + ".")
    if threshold.below_chance_labels:
        text += (f" {len(threshold.below_chance_labels)} label(s) ranked below chance on validation (AUROC under "
                 "0.5), where no threshold can be tuned, and keep evaluate.fixed_threshold: "
                 + ", ".join(f"{run.display(n)} (AUROC {fmt(a)})" for n, a in threshold.below_chance_labels.items()) + ".")
    text += " A label is predicted when its probability is at or above its threshold."
    if chosen_on == "test":
        text += " Warning: choosing the thresholds on the test set makes test metrics optimistic."
    return text


def _kept(run: ReportRun, name: str) -> str:
    """The threshold a label kept, as stored (evaluate.fixed_threshold; 0.5 in runs before 2026-12-07)."""
    values = run.record.threshold.value
    j = run.class_names.index(name) if name in run.class_names else -1
    return fmt(values[j]) if isinstance(values, list) and 0 <= j < len(values) else "evaluate.fixed_threshold"


def threshold_text(run: ReportRun) -> str | None:
    threshold = run.record.threshold
    if threshold is None or run.kind == "regression":
        return None
    method = threshold.method
    how = _THRESHOLD_METHODS.get(method, f"by the method '{method}'")
    if method == "sensitivity" and threshold.target_sensitivity is not None:
        how = f"as the highest threshold that reaches a sensitivity of {threshold.target_sensitivity:.2f}"
    chosen_on = threshold.chosen_on
    on = {"val": "the validation set", "test": "the test set"}.get(chosen_on, chosen_on)
    if isinstance(threshold.value, list):
        return _multilabel_text(run, how, on, chosen_on)
    target = f" on the probability of {run.display(run.positive)}" if run.positive else ""
    text = f"Operating threshold{target}: {fmt(threshold.value)}, chosen {how} on {on}."
    text += " A sample is predicted positive when its probability is at or above the threshold."
    if chosen_on == "test":
        text += " Warning: choosing the threshold on the test set makes test metrics optimistic."
    return text


def calibration_text(run: ReportRun) -> str | None:
    if run.kind == "regression":
        return None
    calibration = run.record.calibration
    if calibration.method == "none":
        note = calibration.note
        return "Probabilities were not recalibrated after training." + (f" ({note})" if note else "")
    parts = [f"Probabilities were calibrated by temperature scaling on the validation set (temperature T = "
             f"{calibration.temperature:.3g}; T > 1 means the raw model was over-confident)."]
    before, after = calibration.val_ece_before, calibration.val_ece_after
    if before is not None and after is not None:
        parts.append(f"Validation expected calibration error went from {fmt(before)} to {fmt(after)}.")
    return " ".join(parts)

"""Plain-text summaries for the terminal: what ``mednn evaluate`` prints.

:func:`evaluation_summary` turns the result of :func:`mednn.pipeline.evaluate_run` into a short
table (metric, value, confidence interval, 3 decimals) instead of the full JSON, which the
command writes to a file. Class names are shown as the report shows them ("class 1", never "1").

>>> print(evaluation_summary(result, run_dir))  # doctest: +SKIP
metric                                 value  95% CI
AUROC                                  0.912  0.870 to 0.950
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

_ORDER = ("auroc", "auprc", "accuracy", "balanced_accuracy", "sensitivity", "specificity", "ppv", "npv", "f1",
          "f1_macro", "f1_micro", "f1_samples", "precision_micro", "recall_micro", "brier", "ece", "rmse", "mae",
          "r2")
_SHORT = {
    "auroc": "AUROC", "auprc": "AUPRC", "accuracy": "Accuracy", "balanced_accuracy": "Balanced accuracy",
    "f1": "F1", "f1_macro": "F1 (macro average)", "f1_micro": "F1 (micro average)",
    "f1_samples": "F1 (mean per sample)", "precision_micro": "Precision (micro average)",
    "recall_micro": "Recall (micro average)", "brier": "Brier score (lower is better)",
    "ece": "Expected calibration error (lower is better)", "rmse": "RMSE (lower is better)",
    "mae": "MAE (lower is better)", "r2": "R²",
}


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _label(key: str, kind: str, class_names: list[str], positive: str | None) -> str:
    from .html import class_display_name

    if key in ("sensitivity", "specificity", "ppv", "npv"):
        name = {"sensitivity": "Sensitivity", "specificity": "Specificity", "ppv": "PPV", "npv": "NPV"}[key]
        if kind == "binary" and len(class_names) == 2:
            pos = positive if positive in class_names else class_names[1]
            neg = class_names[1 - class_names.index(pos)]
            return f"{name} ({class_display_name(pos if key in ('sensitivity', 'ppv') else neg)})"
        return f"{name} (macro average)"
    if key == "f1" and kind == "multilabel":
        return "F1 (mean over labels with both classes)"
    return _SHORT.get(key, key.replace("_", " "))


def _run_facts(run_dir: Path | str | None) -> tuple[float, list[str], str | None]:
    """(CI confidence, class names, positive class) from the run's files, for labels only."""
    if run_dir is None:
        return 0.95, [], None
    from .html import _read_json, _read_yaml

    try:
        config = _read_yaml(Path(run_dir) / "config.yaml")
        model = _read_json(Path(run_dir) / "model.json") or {}
        metrics = _read_json(Path(run_dir) / "metrics.json") or {}
    except Exception:  # noqa: BLE001 - the labels of a table are not worth failing the command for
        return 0.95, [], None
    evaluate = config.get("evaluate") if isinstance(config.get("evaluate"), dict) else {}
    value = evaluate.get("confidence", 0.95)
    task = model.get("task") if isinstance(model, dict) and isinstance(model.get("task"), dict) else {}
    names = [str(n) for n in task.get("class_names") or []]
    positive = metrics.get("positive_class") if isinstance(metrics, dict) else None
    return (float(value) if _number(value) and 0 < value < 1 else 0.95), names, \
        (str(positive) if positive is not None else None)


def evaluation_summary(result: dict[str, Any], run_dir: Path | str | None = None) -> str:
    """The headline metrics of an evaluation as an aligned text table (3 decimals).

    ``result`` is ``{"task", "n", "metrics": {key: {"value", "ci95"}}, ...}``; per-class
    tables, the confusion matrix and other nested entries are left to the JSON file. A test
    set under 30 samples gets a warning line: its metrics and intervals are unreliable.
    """
    from .html import SMALL_TEST_SET

    kind = str(result.get("task") or "binary")
    metrics = result.get("metrics") if isinstance(result.get("metrics"), dict) else {}
    confidence, names, positive = _run_facts(run_dir)
    keys = [k for k in _ORDER if isinstance(metrics.get(k), dict) and "value" in metrics[k]]
    keys += [k for k, v in metrics.items() if k not in keys and isinstance(v, dict) and "value" in v
             and (v.get("value") is None or _number(v.get("value")))]
    ci_header = f"{round(100 * confidence)}% CI"
    rows = []
    for key in keys:
        entry = metrics[key]
        value, ci = entry.get("value"), entry.get("ci95")
        value_text = f"{value:.3f}" if _number(value) else "not defined"
        ci_text = (f"{ci[0]:.3f} to {ci[1]:.3f}" if isinstance(ci, (list, tuple)) and len(ci) == 2
                   and all(_number(c) for c in ci) else "—")
        rows.append((_label(key, kind, names, positive), value_text, ci_text))
    width = max([len("metric")] + [len(r[0]) for r in rows]) + 2
    lines = []
    n = result.get("n")
    if _number(n):
        lines.append(f"{int(n):,} samples ({kind})")
    value_width = max([len("value")] + [len(r[1]) for r in rows])
    lines.append(f"{'metric':<{width}}{'value':>{value_width}}  {ci_header}")
    lines += [f"{label:<{width}}{value:>{value_width}}  {ci}" for label, value, ci in rows]
    if not rows:
        lines.append("(no metrics)")
    undefined = result.get("undefined") if isinstance(result.get("undefined"), dict) else {}
    if isinstance(undefined.get("metrics"), list) and undefined["metrics"]:
        listed = ", ".join(str(m) for m in undefined["metrics"][:8]) + (", …" if len(undefined["metrics"]) > 8 else "")
        lines.append(f"not defined: {listed}" + (f" ({undefined['why']})" if isinstance(undefined.get("why"), str)
                                                  else ""))
    threshold = result.get("threshold")
    if _number(threshold):
        lines.append(f"operating threshold: {threshold:.3f}")
    if kind == "multilabel" and isinstance(metrics.get("per_label"), dict):
        lines += _per_label_lines(metrics["per_label"], threshold if isinstance(threshold, list) else [], ci_header)
    if _number(n) and n < SMALL_TEST_SET:
        lines.append(f"warning: only {int(n)} samples (fewer than {SMALL_TEST_SET}): these metrics and their "
                     "intervals are unreliable")
    return "\n".join(lines)


def _per_label_lines(per_label: dict[str, Any], thresholds: list[Any], ci_header: str) -> list[str]:
    """Multilabel: one line per label (its name, positives, threshold, F1, AUROC with CI)."""
    from .html import class_display_name

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
        cut_text = f"{cut:.3f}" if cut is not None else "—"
        rows.append((class_display_name(name), str(entry.get("support", "—")), cut_text, value(entry.get("f1")),
                     value(auroc), ci_text))
    if not rows:
        return []
    header = ("label", "positives", "threshold", "F1", "AUROC", f"AUROC {ci_header}")
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths[:-1])) + "  {}"
    return ["", "per label (thresholds chosen on the run's validation split):", fmt.format(*header),
            *(fmt.format(*r) for r in rows)]


def default_evaluation_path(data: Path | str) -> Path:
    """Where ``mednn evaluate`` writes its JSON without ``--out``: beside the data, named after
    it (``site_b.csv`` -> ``site_b.evaluation.json``), as ``mednn predict`` writes
    ``INPUT.predictions.csv``. Never inside the run directory: a finished run is not changed."""
    data = Path(data)
    return data.with_suffix(".evaluation.json") if data.suffix else data.with_name(data.name + ".evaluation.json")

"""Is the network better than simple models? The run's reference baselines, in plain words."""

from __future__ import annotations

from typing import Any

from ..view import ReportRun, fmt, fmt_metric, is_number

_VERDICTS = {"better": "network better", "worse": "baseline better", "not better": "no clear difference"}


def _row(run: ReportRun, model: dict[str, Any], metric: str, short: str) -> tuple[str, dict[str, Any]]:
    comparison = model["comparison"]
    ci = comparison.get("ci95")
    ci_text = (f"{run.confidence_label} {fmt(ci[0])} to {fmt(ci[1])}"
               if isinstance(ci, list) and len(ci) == 2 and all(is_number(c) for c in ci) else "no interval")
    text = str(comparison.get("text") or "")
    sentence = (f"{text[:1].upper()}{text[1:]}: test {short} {fmt(comparison.get('network'))} against "
                f"{fmt(comparison.get('baseline'))}, difference {fmt(comparison.get('difference'))} ({ci_text}).")
    test = model.get("test") if isinstance(model.get("test"), dict) else {}
    return sentence, {
        "model": str(model.get("label") or model.get("name") or "baseline"),
        "features": str(model.get("features") or ""),
        "metric": fmt_metric(test.get(metric), run.confidence_label),
        "difference": f"{fmt(comparison.get('difference'))} ({ci_text})",
        "verdict": _VERDICTS.get(str(comparison.get("verdict")), "not compared"),
        "seconds": fmt(model.get("seconds"), 2),
    }


def section(run: ReportRun) -> dict[str, Any] | None:
    block = run.record.baselines
    if not isinstance(block, dict):
        return None
    metric = str(block.get("primary_metric") or "")
    short = run.short(metric)
    if run.kind in ("multiclass", "multilabel") and metric == "auroc":
        short = "macro AUROC"
    sentences, rows = [], []
    for model in block.get("models") or []:
        if isinstance(model, dict) and isinstance(model.get("comparison"), dict):
            sentence, row = _row(run, model, metric, short)
            sentences.append(sentence)
            rows.append(row)
    skipped = [f"{s.get('label') or s.get('name')}: {s.get('reason')}" for s in block.get("skipped") or []
               if isinstance(s, dict)]
    if not rows and not skipped:
        return None
    lower = block.get("higher_is_better") is False
    return {
        "metric": short, "network": fmt(block.get("network")), "sentences": sentences, "rows": rows,
        "skipped": skipped,
        "advice": ("A simpler model does better on these data: prefer it, or simplify the network."
                   if any(r["verdict"] == "baseline better" for r in rows) else None),
        "how": (f"Each baseline was fitted on the same training split (its features too), tuned on the same "
                f"validation split, given the decision threshold by the same rule, and scored on the same test "
                f"samples. The difference is network − baseline in {short}"
                + (" (lower is better, so a negative difference favours the network)" if lower else "")
                + f"; its interval comes from the same {fmt(block.get('n_resamples'))} bootstrap resamples of the "
                  "test set for both models (a paired bootstrap). An interval that includes 0 means the test set "
                  "cannot tell the two apart."),
    }

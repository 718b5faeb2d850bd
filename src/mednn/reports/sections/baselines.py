"""Is the network better than simple models? The run's reference baselines, in plain words."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..view import ReportRun, curve_history, fmt, fmt_metric, is_number, numbers

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
        "advice": _advice(run) if any(r["verdict"] == "baseline better" for r in rows) else None,
        "how": (f"Each baseline was fitted on the same training split (its features too), tuned on the same "
                f"validation split, given the decision threshold by the same rule, and scored on the same test "
                f"samples. The difference is network − baseline in {short}"
                + (" (lower is better, so a negative difference favours the network)" if lower else "")
                + f"; its interval comes from the same {fmt(block.get('n_resamples'))} bootstrap resamples of the "
                  "test set for both models (a paired bootstrap). An interval that includes 0 means the test set "
                  "cannot tell the two apart."),
    }


# the training loss at the kept epoch within this share of the validation loss: no generalisation
# gap, so the network did not fit its training data better than data it never saw (underfitting)
_NO_GAP = 0.1


def fit_state(run: ReportRun) -> tuple[str, str] | None:
    """``("underfit" | "overfit", why)`` from the network's own learning curves at the kept
    epoch: still improving at the last epoch, or a training loss about its validation loss, is
    underfitting; a training loss well below the validation loss is overfitting. None when the
    history says neither (no history, DP-SGD's unrecorded training loss)."""
    training, history = run.record.training, curve_history(run)
    if history is None or not {"train_loss", "val_loss"} <= set(history.columns):
        return None
    epochs, train, val = numbers(history, "epoch"), numbers(history, "train_loss"), numbers(history, "val_loss")
    kept = np.flatnonzero(epochs == training.best_epoch) if training.best_epoch else np.array([len(epochs) - 1])
    if not len(kept) or not (np.isfinite(train[kept[-1]]) and np.isfinite(val[kept[-1]]) and val[kept[-1]] > 0):
        return None
    t, v = float(train[kept[-1]]), float(val[kept[-1]])
    losses = f"training loss {fmt(t)}, validation loss {fmt(v)} at the kept epoch"
    if training.best_epoch_last:
        return "underfit", f"its validation score was still improving at the last epoch ({losses})"
    if t >= (1 - _NO_GAP) * v:
        return "underfit", f"it fits its training data no better than unseen data ({losses})"
    return "overfit", f"it fits its training data much better than unseen data ({losses})"


def _advice(run: ReportRun) -> str:
    """What to do when a simpler model wins: the opposite remedies for an underfitting and an
    overfitting network (trial 10: a 5-unit MLP losing to logistic regression was told to
    simplify), and no direction when the learning curves cannot say which."""
    state = fit_state(run)
    if state is None:
        return "A simpler model does better on these data: prefer it, unless the network can be trained better."
    word, why = state
    if word == "underfit":
        return (f"A simpler model does better on these data, and the network underfits: {why}. Give it more "
                "capacity (model.hidden_sizes, a larger model) or more training (train.epochs, a better "
                "train.lr), not a simpler network; until then prefer the simpler model.")
    return (f"A simpler model does better on these data, and the network overfits: {why}. Prefer the simpler "
            "model, or regularise or simplify the network (fewer units, dropout, weight decay, early stopping).")

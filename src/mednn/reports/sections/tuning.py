"""How ``mednn tune`` chose this run's settings (tuning.json): the trials and their history."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..view import ReportRun, fmt, is_number

_MAX_TRIAL_ROWS = 60


def section(run: ReportRun) -> dict[str, Any] | None:
    """How ``mednn tune`` chose this run's settings (``tuning.json``): the trial table and the
    optimisation history."""
    tuning = run.record.tuning
    if not isinstance(tuning, dict) or not isinstance(tuning.get("trials"), list):
        return None
    trials = [t for t in tuning["trials"] if isinstance(t, dict)]
    states = Counter(str(t.get("state")) for t in trials)
    metric = str(tuning.get("metric") or "validation metric")
    best = tuning.get("best") if isinstance(tuning.get("best"), dict) else {}
    lines = [
        f"The settings of this run were chosen by mednn tune ({tuning.get('sampler') or 'Optuna'}) on the "
        f"training and validation data only ({tuning.get('validation') or 'validation split'}); the test set "
        "was not read while tuning, so the test metrics above are not tuned on.",
        f"{len(trials)} trials: {states.get('COMPLETE', 0)} finished, {states.get('PRUNED', 0)} stopped early "
        f"by the pruner, {states.get('FAIL', 0)} failed. Best {metric}: {fmt(best.get('value'))} "
        f"(trial {best.get('number', '—')}).",
    ]
    chosen = tuning.get("chosen") if isinstance(tuning.get("chosen"), dict) else {}
    if chosen.get("reason"):  # the best trial is trained only when it beats the config's own settings
        lines.append(f"Trained: {chosen['reason']}.")
    rows = []
    for t in trials[:_MAX_TRIAL_ROWS]:
        params = t.get("params") if isinstance(t.get("params"), dict) else {}
        rows.append([fmt(t.get("number")), str(t.get("state") or "—").lower(), fmt(t.get("value")),
                     fmt(t.get("seconds"), 1), "; ".join(f"{k} = {fmt(v)}" for k, v in params.items())])
    figure = None
    history = [h for h in tuning.get("history") or [] if isinstance(h, dict) and is_number(h.get("value"))]
    if history:
        from ..plots import png_data_uri, tuning_history_png

        png = tuning_history_png([int(h["number"]) for h in history], [float(h["value"]) for h in history],
                                 [float(h["best_so_far"]) for h in history], metric=metric)
        figure = {"title": "Optimisation history", "src": png_data_uri(png),
                  "caption": "Each finished trial's validation value, and the best so far."}
    return {"lines": lines, "rows": rows, "more": max(0, len(trials) - _MAX_TRIAL_ROWS), "figure": figure}

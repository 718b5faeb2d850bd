"""Which trial ``mednn tune`` trains: the best trial only when it beats the config's own settings
(trial 0) beyond the spread of the validation folds; otherwise the config's own settings.

The rule (docs/training.md): on k-fold validation (small data) the best trial and trial 0 were
scored on the same k folds; the paired differences d_i (best minus own, signed so that positive
is better) must have a mean above ``t(0.95, k-1) * sd(d) / sqrt(k)`` (a one-sided paired t-test
at 5%). The best of several trials is optimistic, so this margin is a floor, not a guarantee.
On the config's single validation split (large data) there is no spread to compare by: the best
trial is trained and the line says it was not compared. Trial 8 of the new-user trials picked a
trial 0.003 AUROC above the config's own with folds spread over 0.11, and its test AUROC was lower.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

START = "the config's own settings"  # the user attribute of trial 0 (run_study enqueues it)


@dataclass
class Choice:
    """The trial whose settings are trained, and why, as one console line."""

    trial: Any  # optuna FrozenTrial
    best: Any
    own: Any | None  # trial 0 when it finished
    kept_own: bool
    line: str
    paired: dict[str, float] | None = None  # mean difference, margin, folds

    def describe(self) -> dict[str, Any]:
        """``tuning.json``'s ``chosen``: the trial trained and the comparison that chose it."""
        return {"number": self.trial.number, "value": self.trial.value, "params": self.trial.params,
                "kept_own_settings": self.kept_own, "reason": self.line, "paired_difference": self.paired}


def _paired(best, own, higher: bool) -> list[float]:
    a, b = own.user_attrs.get("fold_values") or [], best.user_attrs.get("fold_values") or []
    if len(a) != len(b):
        return []
    sign = 1.0 if higher else -1.0
    return [sign * (y - x) for x, y in zip(a, b) if x is not None and y is not None]


def choose_trial(study, *, higher: bool, metric: str) -> Choice:
    """The :class:`Choice` among the study's finished trials (at least one must have finished)."""
    from optuna.trial import TrialState

    done = [t for t in study.get_trials(deepcopy=False) if t.state == TrialState.COMPLETE]
    best = study.best_trial
    own = next((t for t in done if t.user_attrs.get("start") == START), None)
    if own is None:
        return Choice(best, best, None, False, f"trial {best.number} is the best (validation {metric} "
                      f"{best.value:.4f}); the config's own settings did not finish, so it is not compared")
    if own.number == best.number:
        return Choice(own, best, own, True, f"the config's own settings (trial {own.number}, validation {metric} "
                      f"{own.value:.4f}) are the best trial")
    diffs = _paired(best, own, higher)
    head = (f"trial {best.number} (validation {metric} {best.value:.4f}) against the config's own settings "
            f"(trial {own.number}, {own.value:.4f})")
    if len(diffs) < 2:
        return Choice(best, best, own, False, f"{head}: one validation split, no fold spread to compare by; "
                      f"training trial {best.number}")
    from scipy import stats

    k = len(diffs)
    mean = sum(diffs) / k
    sd = math.sqrt(sum((d - mean) ** 2 for d in diffs) / (k - 1))
    margin = float(stats.t.ppf(0.95, k - 1)) * sd / math.sqrt(k)
    paired = {"mean": round(mean, 6), "margin": round(margin, 6), "folds": k}
    if mean > margin:
        return Choice(best, best, own, False, f"{head}: better by {mean:+.4f} over {k} paired folds, beyond the "
                      f"folds' spread ({margin:.4f}); training trial {best.number}", paired)
    return Choice(own, best, own, True, f"{head}: not distinguishable (paired difference {mean:+.4f} over {k} folds, "
                  f"within the folds' spread {margin:.4f}); keeping the config's own settings", paired)

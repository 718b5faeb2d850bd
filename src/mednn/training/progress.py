"""What a person watching training is told after each epoch: an :class:`EpochReport` (epoch of
total, ensemble member, losses, validation metrics, elapsed time and an estimate of the time
left) and its one-line text. The training's :class:`TrainingClock` starts once for all the
ensemble members, so elapsed time and the time budget (:mod:`.budget`) count the whole training.

The library prints nothing: :class:`~mednn.training.callbacks.Progress` hands each report to
whoever asked (``mednn train`` prints ``report.line()`` on stderr; ``--quiet`` silences it).

>>> EpochReport(epoch=3, epochs=20, train_loss=0.41, val_loss=0.39, metrics={"auroc": 0.91},
...             elapsed=12.0, eta=58.0).line()
'epoch 3/20: train loss 0.4100, val loss 0.3900, val auroc 0.9100; 12s elapsed, about 58s left'
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .state import FitState


class TrainingClock:
    """Wall-clock time since training started (all ensemble members together)."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def elapsed(self) -> float:
        return time.perf_counter() - self.start


def mean_epoch_seconds(history: list[dict[str, float]]) -> float:
    """The mean of the history's epoch times (0 before the first epoch)."""
    times = [row["seconds"] for row in history if math.isfinite(row.get("seconds", math.nan))]
    return sum(times) / len(times) if times else 0.0


def format_duration(seconds: float) -> str:
    """``42s``, ``3m05s``, ``1h02m``; ``<1s`` below half a second (a rounded ``0s`` read as "done")."""
    if seconds < 0.5:
        return "<1s"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


def _number(value: float) -> str:
    return "n/a" if value is None or not math.isfinite(value) else f"{value:.4f}"


@dataclass(frozen=True)
class EpochReport:
    """One epoch as reported: ``metrics`` are the history's validation columns (without the
    ``val_`` prefix, ``loss`` aside); ``eta``: seconds left if every remaining epoch takes the
    mean so far, None when nothing is left; ``at_most``: early stopping or the time budget may
    end training sooner."""

    epoch: int
    epochs: int
    train_loss: float
    val_loss: float
    metrics: dict[str, float] = field(default_factory=dict)
    elapsed: float = 0.0
    eta: float | None = None
    member: int = 1
    members: int = 1
    at_most: bool = False
    row: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, state: FitState, *, member: int = 1, members: int = 1, clock: TrainingClock,
           budget_left: float | None = None) -> EpochReport:
        """The report of ``state``'s last epoch (``budget_left``: seconds of ``train.budget`` left)."""
        row = state.history[-1]
        epochs = state.cfg.epochs
        left = 0 if state.stopping else epochs - state.epoch
        left += (members - member) * epochs
        eta = left * mean_epoch_seconds(state.history) if left else None
        if eta is not None and budget_left is not None:
            eta = min(eta, max(budget_left, 0.0))
        metrics = {k[4:]: v for k, v in row.items() if k.startswith("val_") and k != "val_loss"}
        at_most = bool(left) and (state.cfg.early_stopping.enabled or budget_left is not None)
        return cls(epoch=state.epoch, epochs=epochs, train_loss=row["train_loss"], val_loss=row["val_loss"],
                   metrics=metrics, elapsed=clock.elapsed(), eta=eta, member=member, members=members,
                   at_most=at_most, row=dict(row))

    def line(self) -> str:
        """``epoch 3/20 (member 2/3): train loss 0.4100, val loss 0.3900, val auroc 0.9100; 12s elapsed, about 58s left``"""
        who = f"epoch {self.epoch}/{self.epochs}"
        if self.members > 1:
            who += f" (member {self.member}/{self.members})"
        train = "n/a (private)" if not math.isfinite(self.train_loss) else _number(self.train_loss)
        values = [f"train loss {train}", f"val loss {_number(self.val_loss)}"]
        values += [f"val {name} {_number(value)}" for name, value in self.metrics.items()]
        when = f"{format_duration(self.elapsed)} elapsed"
        if self.eta is not None:
            when += f", {'at most' if self.at_most else 'about'} {format_duration(self.eta)} left"
        return f"{who}: {', '.join(values)}; {when}"


@dataclass(frozen=True)
class PaceEstimate:
    """How long training will take at the pace measured on this machine: ``seconds_per_step``
    is the mean of ``steps_timed`` training steps (forward, backward, update) after a warm-up,
    so a loaded machine, slower threads or a larger input show in it, unlike a table of
    reference costs. ``budget``: ``train.budget`` in seconds, if set (it stops training on time).

    >>> PaceEstimate(seconds_per_step=0.25, steps_timed=5, steps_per_epoch=18, epochs=60).seconds_per_epoch
    4.5
    """

    seconds_per_step: float
    steps_timed: int
    steps_per_epoch: int
    epochs: int
    members: int = 1
    budget: float | None = None

    @property
    def seconds_per_epoch(self) -> float:
        return self.seconds_per_step * self.steps_per_epoch

    @property
    def total_seconds(self) -> float:
        return self.seconds_per_epoch * self.epochs * self.members

    def line(self) -> str:
        members = f" x {self.members} members" if self.members > 1 else ""
        text = (f"pace measured on this machine: {self.seconds_per_step:.3f}s per training step ({self.steps_timed} "
                f"steps timed) -> about {format_duration(self.seconds_per_epoch)} per epoch of {self.steps_per_epoch} "
                f"steps, about {format_duration(self.total_seconds)} for {self.epochs} epochs{members} (validation "
                "adds to it; early stopping may end it sooner)")
        if self.budget is not None and self.total_seconds > self.budget:
            return text + f"; train.budget stops it at {format_duration(self.budget)}"
        if self.budget is None and self.total_seconds >= 600:
            return text + "; fix: set train.budget (e.g. 10m) to stop on time, or lower train.epochs"
        return text

"""``train.budget``: a time limit for the whole training (every ensemble member together).

:class:`TimeBudget` ends training after an epoch when the next epoch would not finish within
the budget (it expects the mean epoch time so far), so a run stops *on* time rather than one
epoch after it; the first epoch always runs. Model selection then puts the best epoch's
weights back as usual, and the result says ``stopped_by: budget``. The trainer asks
:meth:`TimeBudget.allows` before it starts another ensemble member.

>>> fit(model, x, y, val_x, val_y, task=task, cfg=TrainConfig(epochs=1000),
...     generator=g, device=cpu, callbacks=[TimeBudget(90.0)])  # doctest: +SKIP
"""

from __future__ import annotations

from .callbacks import Callback
from .progress import TrainingClock, mean_epoch_seconds
from .state import FitState


class TimeBudget(Callback):
    """Stop training when ``seconds`` of wall-clock time since ``clock`` started would be
    exceeded by another epoch. ``clock``: the training's clock, shared by its ensemble members
    (default: started when this callback is set up)."""

    def __init__(self, seconds: float, clock: TrainingClock | None = None):
        if not seconds > 0:
            raise ValueError(f"a time budget must be positive, got {seconds!r}")
        self.seconds, self.clock = float(seconds), clock

    def setup(self, state: FitState) -> None:
        if self.clock is None:
            self.clock = TrainingClock()

    def left(self) -> float:
        """Seconds of the budget not yet used (negative once overspent)."""
        return self.seconds - (self.clock.elapsed() if self.clock is not None else 0.0)

    def allows(self, epoch_seconds: float) -> bool:
        """Whether another epoch of ``epoch_seconds`` fits in what is left."""
        return self.left() > epoch_seconds

    def on_epoch_end(self, state: FitState) -> None:
        if state.epoch < state.cfg.epochs and not self.allows(mean_epoch_seconds(state.history)):
            state.request_stop("budget")

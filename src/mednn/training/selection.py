"""The callbacks that read the epoch's validation score (``state.score``, the monitor of
``train.early_stopping.monitor``): :class:`ModelSelection` keeps the best epoch's weights and
puts them back when training ends, :class:`EarlyStopping` ends training after ``patience``
epochs without improvement (seed section 6.2), :class:`LearningRateSchedule` steps a cosine or
reduce-on-plateau schedule (``train.schedule``).

:func:`mednn.training.loop.fit` adds the ones a :class:`~mednn.config.TrainConfig` asks for
unless the callback list already holds one of the kind.
"""

from __future__ import annotations

import copy
import math
from typing import Any

import torch

from .callbacks import Callback
from .optim import CosineSchedule, PlateauSchedule
from .state import FitState, State


class Improvement:
    """Whether a score beats the best so far by more than ``min_delta`` (NaN never does)."""

    def __init__(self, higher: bool, min_delta: float = 0.0):
        self.higher, self.min_delta = higher, min_delta
        self.best = -math.inf if higher else math.inf

    def update(self, score: float) -> bool:
        improved = (not math.isnan(score)) and (
            score > self.best + self.min_delta if self.higher else score < self.best - self.min_delta)
        if improved:
            self.best = score
        return improved

    def state(self) -> float | None:
        return self.best if math.isfinite(self.best) else None

    def load(self, best: float | None) -> None:
        if best is not None:
            self.best = float(best)


class ModelSelection(Callback):
    """Keeps a copy of the validated weights of the best epoch so far and puts them into the
    model when training ends (``train.early_stopping.enabled``). Under ``train.ema`` the copy is
    of the averaged weights, the ones validated. ``state.result.best_epoch`` is that epoch."""

    name = "selection"

    def __init__(self, min_delta: float = 0.0):
        self.min_delta = min_delta
        self.improvement: Improvement | None = None
        self.best_epoch, self.best_state, self.device = 0, None, None

    def setup(self, state: FitState) -> None:
        self.improvement, self.device = Improvement(state.higher, self.min_delta), state.device

    def on_validated(self, state: FitState) -> None:
        if self.improvement.update(state.score):  # the weights that were just validated
            self.best_epoch = state.result.best_epoch = state.epoch
            self.best_state = copy.deepcopy(state.model.state_dict())

    def on_train_end(self, state: FitState) -> None:
        if self.best_epoch == 0:  # no epoch had a finite score: keep the last one
            self.best_epoch, self.best_state = state.result.epochs_run, state.snapshot()
        state.result.best_epoch = self.best_epoch
        state.model.load_state_dict(self.best_state)

    def state_dict(self) -> State:
        tensors = {} if self.best_state is None else dict(self.best_state)
        return {"best_epoch": self.best_epoch, "best_score": self.improvement.state()}, tensors

    def load_state_dict(self, scalars: dict[str, Any], tensors: dict[str, torch.Tensor]) -> None:
        self.best_epoch = int(scalars.get("best_epoch", 0))
        self.improvement.load(scalars.get("best_score"))
        self.best_state = {k: v.to(self.device) for k, v in tensors.items()} if tensors else None


class EarlyStopping(Callback):
    """Ends training once ``patience`` epochs in a row have not improved the monitored score by
    more than ``min_delta`` (``train.early_stopping``); the result says ``stopped_early``."""

    name = "early_stopping"

    def __init__(self, patience: int, min_delta: float = 0.0):
        self.patience, self.min_delta = patience, min_delta
        self.improvement: Improvement | None = None
        self.bad_epochs = 0

    def setup(self, state: FitState) -> None:
        self.improvement = Improvement(state.higher, self.min_delta)

    def on_epoch_end(self, state: FitState) -> None:
        self.bad_epochs = 0 if self.improvement.update(state.score) else self.bad_epochs + 1
        if self.bad_epochs >= self.patience:
            state.request_stop("early_stopping")

    def state_dict(self) -> State:
        return {"bad_epochs": self.bad_epochs, "best_score": self.improvement.state()}, {}

    def load_state_dict(self, scalars: dict[str, Any], tensors: dict[str, torch.Tensor]) -> None:
        self.bad_epochs = int(scalars.get("bad_epochs", 0))
        self.improvement.load(scalars.get("best_score"))


class LearningRateSchedule(Callback):
    """``train.schedule``: ``cosine`` decays the learning rate over ``train.epochs``;
    ``plateau`` halves it when the monitored score has not improved for ``plateau_patience``
    epochs. Stepped once per epoch, after validation."""

    name = "schedule"

    def __init__(self, kind: str, *, plateau_patience: int = 1):
        if kind not in ("cosine", "plateau"):
            raise ValueError(f"unknown schedule {kind!r}")
        self.kind, self.plateau_patience = kind, plateau_patience
        self.scheduler: CosineSchedule | PlateauSchedule | None = None

    def setup(self, state: FitState) -> None:
        if self.kind == "cosine":
            self.scheduler = CosineSchedule(state.optimizer, state.cfg.epochs)
        else:
            self.scheduler = PlateauSchedule(state.optimizer, higher_is_better=state.higher,
                                             patience=self.plateau_patience)

    def on_epoch_end(self, state: FitState) -> None:
        self.scheduler.step(state.score)

    def state_dict(self) -> State:
        return dict(self.scheduler.state_dict()), {}

    def load_state_dict(self, scalars: dict[str, Any], tensors: dict[str, torch.Tensor]) -> None:
        self.scheduler.load_state_dict(scalars)

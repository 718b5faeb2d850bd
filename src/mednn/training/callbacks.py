"""What attaches to :func:`mednn.training.loop.fit`: one step strategy and any number of callbacks.

``fit`` only loops: it runs each epoch through its step strategy, validates, and raises the
events below. Everything else is an object handed to it, in the spirit of MONAI's handlers
and Lightning's callbacks, so the loop does not grow one keyword per feature and
``training/`` never imports ``privacy/``.

- A **step strategy** (:class:`StepStrategy`) owns how one epoch of training runs:
  :class:`mednn.training.loop.MiniBatchEpochs` (plain mini-batch gradient descent, the
  default), ``mednn.privacy.dp.DPSGDEpochs`` (DP-SGD) and
  ``mednn.federation.coordinator.Rounds`` (one federated round per epoch).
- **Callbacks** (:class:`Callback`) react to the loop's events. Here: :class:`WeightAveraging`
  (``train.ema``), :class:`Checkpointing` (save every epoch, resume), :class:`Progress` (a
  line per epoch). In :mod:`.selection`: model selection (the best weights kept and put
  back), early stopping and learning-rate schedules; in :mod:`.budget`: the time budget
  (``train.budget``). Tuning's pruning is one in :mod:`mednn.tuning`.

Every hook receives the loop's :class:`~mednn.training.state.FitState` (model, optimizer,
epoch, history, the epoch's validation score, ...). A new feature is a new class here (or in
its own stage) and an entry in the list :mod:`mednn.trainer` builds, not a new keyword of ``fit``.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable
from typing import Any

import torch

from ..errors import ConfigError
from .progress import EpochReport, PaceEstimate, TrainingClock
from .state import FitState, State


class StepStrategy:
    """How an epoch of training runs. Subclass and override :meth:`run_epoch`.

    ``private``: the training loss is a statistic of private data, so the history records
    NaN instead. ``resumable``: the strategy can be checkpointed and resumed exactly.
    ``channels_last``: convolutional networks may train in the CPU's faster memory layout.
    ``name`` keys the strategy's checkpointed state.
    """

    name = "steps"
    private = False
    resumable = True
    channels_last = True

    def setup(self, state: FitState) -> None:
        """Once, after the model is on its device and the optimizer exists."""

    def run_epoch(self, state: FitState) -> float:
        """Train ``state.model`` for one epoch; call ``state.step_end()`` after every update of
        its weights; return the epoch's mean training loss."""
        raise NotImplementedError

    def privacy_summary(self) -> dict[str, Any] | None:
        """The ``metrics.json`` ``privacy`` entry, for strategies that spend a privacy budget."""
        return None

    def teardown(self, state: FitState) -> None:
        """Once, when training ends: release what :meth:`setup` built (a DDP wrapper)."""

    def state_dict(self) -> State:
        return {}, {}

    def load_state_dict(self, scalars: dict[str, Any], tensors: dict[str, torch.Tensor]) -> None:
        pass


class Callback:
    """Hooks into :func:`~mednn.training.loop.fit`; every hook is optional.

    Order of events: ``setup`` (every callback) -> ``on_fit_start`` (every callback) ->
    per epoch: ``on_step_end`` after each weight update; ``on_validation_start``, then
    ``on_validated`` (the epoch's row is in ``state.history[-1]``, its monitored value in
    ``state.score``, the validated weights in the model), then ``on_validation_end`` (in
    reverse order); ``on_epoch_end`` (call ``state.request_stop(reason)``, or return True, to
    end training after this epoch) -> ``on_train_end`` (the final weights are chosen: the
    average, the best epoch's) -> ``on_fit_end``. Callbacks run in list order.
    A stateful callback sets ``name`` and implements ``state_dict`` / ``load_state_dict``
    so checkpoints carry its state.
    """

    name: str | None = None

    def setup(self, state: FitState) -> None:
        """Once, after the model is on its device and the optimizer exists."""

    def on_fit_start(self, state: FitState) -> None:
        """After every callback's ``setup``, before the first epoch."""

    def on_step_end(self, state: FitState) -> None:
        """After every update of the model's weights (a mini-batch step, a federated round)."""

    def on_validation_start(self, state: FitState) -> None:
        """Before validation: the weights in the model now are the ones validated and kept."""

    def on_validated(self, state: FitState) -> None:
        """After validation, with the validated weights still in the model (model selection)."""

    def on_validation_end(self, state: FitState) -> None:
        """After validation and model selection."""

    def on_epoch_end(self, state: FitState) -> bool | None:
        """After the epoch's validation (``state.history[-1]`` is its row, ``state.score`` its
        monitored value); ``state.stopping`` says whether training ends after it. True stops."""
        return None

    def on_train_end(self, state: FitState) -> None:
        """After the last epoch: put the final weights into the model."""

    def on_fit_end(self, state: FitState) -> None:
        """After the final weights are in the model."""

    def state_dict(self) -> State:
        return {}, {}

    def load_state_dict(self, scalars: dict[str, Any], tensors: dict[str, torch.Tensor]) -> None:
        pass


# --------------------------------------------------------------------------- weight averaging


class WeightAverage:
    """An exponential moving average of a model's parameters (buffers are copied as they are).

    The decay ramps up as ``min(decay, (1 + t) / (10 + t))`` over the first steps, so the
    average is not dominated by the random initial weights. ``swapped()`` puts the averaged
    weights into the model for validation and puts the trained ones back afterwards.
    """

    def __init__(self, model: torch.nn.Module, decay: float):
        self.model, self.decay, self.steps = model, decay, 0
        self.params = [p for p in model.parameters() if p.requires_grad]
        self.shadow = [p.detach().clone() for p in self.params]

    @torch.no_grad()
    def update(self) -> None:
        self.steps += 1
        decay = min(self.decay, (1 + self.steps) / (10 + self.steps))
        torch._foreach_lerp_(self.shadow, [p.detach() for p in self.params], 1.0 - decay)

    @torch.no_grad()
    def exchange(self) -> None:
        """Swap the model's weights and the averaged ones (exact copies both ways)."""
        for p, s in zip(self.params, self.shadow):
            tmp = p.detach().clone()
            p.copy_(s)
            s.copy_(tmp)

    @contextlib.contextmanager
    def swapped(self):
        self.exchange()
        try:
            yield
        finally:
            self.exchange()

    @torch.no_grad()
    def load_state(self, steps: int, shadow: dict[str, torch.Tensor]) -> None:
        """Restore the average from a checkpoint (``shadow`` keyed by parameter position)."""
        self.steps = steps
        for i, s in enumerate(self.shadow):
            s.copy_(shadow[str(i)])

    def state_dict(self) -> dict[str, torch.Tensor]:
        """A copy of the model's state with the averaged weights."""
        with self.swapped():
            return copy.deepcopy(self.model.state_dict())


class WeightAveraging(Callback):
    """``train.ema``: validation, model selection and the final model use an exponential moving
    average of the weights, updated after every step (every round when federated)."""

    name = "ema"

    def __init__(self, decay: float):
        self.decay = decay
        self.average: WeightAverage | None = None

    def setup(self, state: FitState) -> None:
        self.average = WeightAverage(state.model, self.decay)

    def on_step_end(self, state: FitState) -> None:
        self.average.update()

    # validation and the best-weights snapshot see the averaged weights
    def on_validation_start(self, state: FitState) -> None:
        self.average.exchange()

    def on_validation_end(self, state: FitState) -> None:
        self.average.exchange()

    @torch.no_grad()
    def on_train_end(self, state: FitState) -> None:
        # the final model holds the average (model selection, after this, may put back a
        # best epoch's averaged weights instead)
        for p, s in zip(self.average.params, self.average.shadow):
            p.copy_(s)

    def state_dict(self) -> State:
        return {"steps": self.average.steps}, {str(i): s for i, s in enumerate(self.average.shadow)}

    def load_state_dict(self, scalars: dict[str, Any], tensors: dict[str, torch.Tensor]) -> None:
        self.average.load_state(int(scalars["steps"]), tensors)


# --------------------------------------------------------------------------- checkpoints


class Checkpointing(Callback):
    """Hands ``save`` the loop's whole state after every epoch that does not end training, and
    continues from ``resume`` (such a state) when given.

    The state, ``(scalars, tensors)``, holds everything the loop needs to go on: weights, best
    weights, optimizer, schedule, the strategy's and callbacks' state (weight average,
    augmentation generator), random generators and history. Resuming from it gives the same
    weights, bit for bit, as a run that was never interrupted. ``save`` decides whether to
    write (:meth:`mednn.checkpoints.Checkpoints.save` writes every ``train.checkpoint_every``).
    """

    def __init__(self, save: Callable[[State], None] | None = None, resume: State | None = None):
        self.save, self.resume = save, resume

    def setup(self, state: FitState) -> None:
        if not state.strategy.resumable:
            raise ConfigError("checkpoints and resuming are not available for federated or DP-SGD training; "
                              "fix: set train.checkpoint_every: 0")

    def on_fit_start(self, state: FitState) -> None:
        if self.resume is not None:  # every callback is set up: their state can be restored
            state.restore(self.resume)

    def on_epoch_end(self, state: FitState) -> None:
        if self.save is not None and not state.stopping:
            self.save(state.checkpoint())


class Progress(Callback):
    """Hands ``update`` an :class:`~mednn.training.progress.EpochReport` after every epoch
    (epoch of total, losses, validation metrics, elapsed time, ETA; its ``line()`` is what the
    console prints). ``member`` / ``members``: the ensemble member in training; ``clock``:
    the training's clock, shared by the members (default: started at this fit); ``budget``:
    the :class:`~mednn.training.budget.TimeBudget`, if any, whose time left bounds the ETA."""

    def __init__(self, update: Callable[[EpochReport], None], *, member: int = 1, members: int = 1,
                 clock: TrainingClock | None = None, budget=None):
        self.update, self.member, self.members, self.clock, self.budget = update, member, members, clock, budget

    def setup(self, state: FitState) -> None:
        if self.clock is None:
            self.clock = TrainingClock()

    def on_epoch_end(self, state: FitState) -> None:
        left = self.budget.left() if self.budget is not None else None
        self.update(EpochReport.of(state, member=self.member, members=self.members, clock=self.clock,
                                   budget_left=left))


class StepPace(Callback):
    """Times the first training steps of a fit on this machine and hands ``log`` one line, once:
    the :class:`~mednn.training.progress.PaceEstimate` of the whole training at that pace
    (``epochs`` x ``members``). The first ``warmup`` steps are not timed (lazy set-up, memory
    layouts); then ``steps`` steps are, or fewer when an epoch has fewer. Nothing is said when the
    whole training would take under ``min_seconds`` (a short run needs no estimate) or an epoch
    has under 3 steps. ``clock``: the timer (``time.perf_counter``)."""

    def __init__(self, log: Callable[[str], None], *, epochs: int, members: int = 1, budget: float | None = None,
                 warmup: int = 1, steps: int = 5, min_seconds: float = 20.0, clock: Callable[[], float] | None = None):
        import time

        self.log, self.epochs, self.members, self.budget = log, epochs, members, budget
        self.warmup, self.steps, self.min_seconds = max(1, warmup), steps, min_seconds
        self.clock = clock or time.perf_counter
        self.seen, self.started, self.estimate = 0, None, None

    def setup(self, state: FitState) -> None:
        self.per_epoch = -(-state.n_train // max(1, state.cfg.batch_size))  # ceil: the last batch is smaller
        self.steps = min(self.steps, self.per_epoch - self.warmup)

    def on_step_end(self, state: FitState) -> None:
        if self.estimate is not None or self.steps < 2:
            return
        self.seen += 1
        if self.seen == self.warmup:
            self.started = self.clock()
        elif self.seen == self.warmup + self.steps and self.started is not None:
            per_step = (self.clock() - self.started) / self.steps
            self.estimate = PaceEstimate(per_step, self.steps, self.per_epoch, self.epochs, self.members, self.budget)
            if self.estimate.total_seconds >= self.min_seconds:
                self.log(self.estimate.line())

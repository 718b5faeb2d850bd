"""The training loop: mini-batch gradient descent with backpropagation (seed sections 3.3-3.4).

Plain PyTorch, no framework. Features are whole in-memory tensors (or Batchables) batched by
index, so an epoch has no per-sample Python.

``fit`` only loops: each epoch it runs the *step strategy* (:class:`MiniBatchEpochs` by
default; DP-SGD and federated rounds come from :mod:`mednn.privacy`), validates on the
registry's metrics (:mod:`.monitor`) and raises the callbacks' events. Model selection and
early stopping (seed section 6.2), learning-rate schedules (:mod:`.selection`), the time
budget (:mod:`.budget`), weight averaging, checkpoints and progress (:mod:`.callbacks`) are
callbacks; :func:`standard_callbacks` adds the ones the config asks for.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import torch

from ..errors import ConfigError
from ..inference.forward import batch_of, move_to, predict_logits  # noqa: F401 - re-exported
from .budget import TimeBudget
from .callbacks import Callback, StepStrategy, WeightAverage, WeightAveraging  # noqa: F401 - re-exported
from .losses import make_loss, to_probabilities
from .monitor import default_val_metric, monitor_value, resolve_monitor
from .optim import make_optimizer
from .precision import Precision
from .sampling import balanced_batches, shuffled_batches
from .selection import EarlyStopping, LearningRateSchedule, ModelSelection
from .state import FitState, State, TrainResult, n_samples, to_device_once  # noqa: F401 - re-exported




def cpu_memory_format(model: torch.nn.Module, device: torch.device) -> torch.memory_format | None:
    """channels-last for convolutional networks trained on the CPU, else None.

    oneDNN's CPU convolutions and pooling run faster on channels-last tensors (the small CNN's
    training step: ~1.3x in 2D and 3D on this project's benchmark machine; MONAI's ResNet-18:
    no change). Converting the weights is enough: a convolution with channels-last weights
    returns channels-last activations, so the layers after it follow.
    """
    if device.type != "cpu":
        return None
    kinds = {type(m) for m in model.modules()}
    if torch.nn.Conv3d in kinds:
        return torch.channels_last_3d
    if torch.nn.Conv2d in kinds:
        return torch.channels_last
    return None


def epoch_batches(cfg, sampler_targets: np.ndarray, n_train: int, generator: torch.Generator):
    """One epoch's index batches: class-balanced (``train.sampler: balanced``) or shuffled."""
    if cfg.sampler == "balanced":
        return balanced_batches(sampler_targets, cfg.batch_size, generator)
    return shuffled_batches(n_train, cfg.batch_size, generator)


def train_epoch(model: torch.nn.Module, train_x: Any, train_y: torch.Tensor, batches, *, loss_fn, optimizer,
                device: torch.device, augment=None, step: Callable[..., torch.Tensor] | None = None,
                on_step: Callable[[], None] | None = None, precision: Precision | None = None) -> float:
    """One pass of mini-batch gradient descent over ``batches``; the mean training loss.

    ``step(optimizer, xb, yb, index) -> loss`` replaces the plain backward pass and optimizer
    step (DP-SGD's private step); ``on_step()`` runs after every step (the weight average);
    ``precision`` (``train.precision``) autocasts the forward pass and scales fp16 losses.
    """
    precision = precision if precision is not None else Precision()
    total, count = torch.zeros((), device=device), 0
    read_ahead = getattr(train_x, "read_ahead", None)  # disk-backed images: next batch read during this one
    for index in (read_ahead(batches) if read_ahead is not None else batches):
        xb = move_to(batch_of(train_x, index), device)
        yb = train_y[index.to(device)] if device.type != "cpu" else train_y.index_select(0, index)
        if augment is not None:
            xb = augment(xb, yb)
        optimizer.zero_grad()
        if step is not None:
            loss = step(optimizer, xb, yb, index)
        else:
            with precision.autocast():
                out = model(xb)
            loss = loss_fn(out.float(), yb)
            precision.backward_step(loss, optimizer)
        if on_step is not None:
            on_step()
        # accumulate on the device: a .item() per step would synchronise every step
        total.add_(loss.detach(), alpha=len(index))
        count += len(index)
    return total.item() / max(count, 1)


class MiniBatchEpochs(StepStrategy):
    """The default step strategy: one pass of mini-batch gradient descent over the training
    split per epoch, batches shuffled or class-balanced (``train.sampler``), ``augment(x, y)``
    applied to each batch. ``sampler_targets`` (default: the training targets) feed the
    balanced sampler."""

    def __init__(self, augment: Callable[[Any, torch.Tensor], Any] | None = None,
                 sampler_targets: np.ndarray | None = None):
        self.augment, self.sampler_targets = augment, sampler_targets

    def run_epoch(self, state: FitState) -> float:
        targets = self.sampler_targets if self.sampler_targets is not None else state.train_targets
        batches = epoch_batches(state.cfg, targets, state.n_train, state.generator)
        return train_epoch(state.model, state.train_x, state.train_y, batches, loss_fn=state.loss_fn,
                           optimizer=state.optimizer, device=state.device, augment=self.augment,
                           on_step=state.step_end, precision=state.precision)

    def state_dict(self) -> State:
        if self.augment is not None and hasattr(self.augment, "state_dict"):
            return {}, dict(self.augment.state_dict())
        return {}, {}

    def load_state_dict(self, scalars: dict[str, Any], tensors: dict[str, torch.Tensor]) -> None:
        if self.augment is not None and hasattr(self.augment, "load_state_dict"):
            self.augment.load_state_dict(tensors)


def standard_callbacks(cfg, callbacks: Sequence[Callback] = ()) -> list[Callback]:
    """``callbacks`` behind the ones a :class:`~mednn.config.TrainConfig` asks for, each added
    unless the list holds one of its kind: the weight average (``train.ema``), model selection
    and early stopping (``train.early_stopping``), the schedule (``train.schedule``) and the
    time budget (``train.budget``). The order is the one their events must run in."""
    given = list(callbacks)

    def wanted(kind: type) -> bool:
        return not any(isinstance(c, kind) for c in given)

    es, standard = cfg.early_stopping, []
    if cfg.ema and wanted(WeightAveraging):
        standard.append(WeightAveraging(cfg.ema))
    if es.enabled and wanted(ModelSelection):
        standard.append(ModelSelection(es.min_delta))
    if es.enabled and wanted(EarlyStopping):
        standard.append(EarlyStopping(es.patience, es.min_delta))
    if cfg.schedule != "none" and wanted(LearningRateSchedule):
        standard.append(LearningRateSchedule(cfg.schedule, plateau_patience=max(1, es.patience // 3)))
    seconds = getattr(cfg, "budget_seconds", None)
    if seconds is not None and wanted(TimeBudget):
        standard.append(TimeBudget(seconds))
    return standard + given


def validate(state: FitState, train_loss: float, started: float) -> None:
    """The epoch's history row (losses, the history's metric column, the monitor, learning rate,
    seconds since ``started``) and ``state.score``, on the weights in the model now."""
    task, cfg, val_y = state.task, state.cfg, state.val_y
    val_logits = predict_logits(state.model, state.val_x, batch_size=max(cfg.batch_size, 1024), device=state.device)
    val_loss = float(state.loss_fn(val_logits, val_y)) if len(val_y) else float("nan")
    val_prob = to_probabilities(task, val_logits).numpy()
    y_val = val_y.numpy()
    val_metric = default_val_metric(task)
    # under DP the training loss is a statistic of the private data: it is not recorded
    row = {"epoch": state.epoch, "train_loss": float("nan") if state.strategy.private else train_loss,
           "val_loss": val_loss}
    row[f"val_{val_metric}"] = monitor_value(val_metric, task, y_val, val_prob)
    score = val_loss if state.monitor == "loss" else row.get(f"val_{state.monitor}")
    if score is None:
        score = monitor_value(state.monitor, task, y_val, val_prob)
        row[f"val_{state.monitor}"] = score
    row["lr"] = state.optimizer.lr
    row["seconds"] = time.perf_counter() - started
    state.history.append(row)
    state.result.epochs_run, state.score = state.epoch, score


def fit(
    model: torch.nn.Module,
    train_x: Any,
    train_y: torch.Tensor | None,
    val_x: Any,
    val_y: torch.Tensor,
    *,
    task,
    cfg,
    generator: torch.Generator,
    device: torch.device,
    class_weights: np.ndarray | None = None,
    strategy: StepStrategy | None = None,
    callbacks: Sequence[Callback] = (),
) -> TrainResult:
    """Train ``model`` in place; return its history. ``cfg`` is a :class:`~mednn.config.TrainConfig`.

    ``train_y`` / ``val_y`` are already in the loss's space (class indices, 0/1 with NaN for
    missing labels, or standardised regression targets). ``strategy`` runs each epoch's
    training (default :class:`MiniBatchEpochs`; a strategy that brings its own data, such as
    federated rounds, takes ``train_x = train_y = None``). ``callbacks`` see every event
    (:class:`~mednn.training.callbacks.Callback`); :func:`standard_callbacks` adds the
    config's model selection, early stopping, schedule, weight average and time budget.

    >>> result = fit(model, x, y, val_x, val_y, task=task, cfg=TrainConfig(epochs=5),
    ...              generator=seed_everything(0), device=torch.device("cpu"),
    ...              callbacks=[Progress(print)])  # doctest: +SKIP
    """
    strategy = strategy if strategy is not None else MiniBatchEpochs()
    monitor, higher = resolve_monitor(cfg.early_stopping.monitor, task)
    model.to(device)
    memory_format = cpu_memory_format(model, device) if strategy.channels_last else None
    if memory_format is not None:
        model.to(memory_format=memory_format)
    state = FitState(model, task, cfg, device=device, generator=generator, loss_fn=make_loss(task, class_weights),
                     optimizer=make_optimizer(model, cfg), class_weights=class_weights, train_x=train_x,
                     train_y=train_y, val_x=to_device_once(val_x, device), val_y=val_y, strategy=strategy,
                     callbacks=standard_callbacks(cfg, callbacks), monitor=monitor, higher=higher)
    _start(state)
    for epoch in range(state.first_epoch, cfg.epochs + 1):
        state.epoch, started = epoch, time.perf_counter()
        model.train()
        train_loss = strategy.run_epoch(state)
        if not math.isfinite(train_loss):
            raise ConfigError(f"The training loss became {train_loss} in epoch {epoch}; "
                              "fix: lower train.lr or check the inputs for extreme values")
        with state.validated_weights():
            validate(state, train_loss, started)
            for callback in state.callbacks:
                callback.on_validated(state)
        if _end_epoch(state):
            break
    return _end(state, memory_format)


def _start(state: FitState) -> None:
    state.strategy.setup(state)
    for callback in state.callbacks:
        callback.setup(state)
    for callback in state.callbacks:
        callback.on_fit_start(state)
    state.t_start = time.perf_counter()


def _end_epoch(state: FitState) -> bool:
    """Every callback's ``on_epoch_end``; whether training ends here."""
    requested = [callback.on_epoch_end(state) for callback in state.callbacks]
    if any(requested):
        state.request_stop("callback")
    return state.stopping


def _end(state: FitState, memory_format) -> TrainResult:
    for callback in state.callbacks:
        callback.on_train_end(state)
    result = state.result
    if result.best_epoch == 0:  # no model selection: the last epoch's weights are kept
        result.best_epoch, result.selected = result.epochs_run, False
    if memory_format is not None:
        state.model.to(memory_format=torch.contiguous_format)  # saved weights and explanations expect it
    result.seconds = state.seconds_before + time.perf_counter() - state.t_start
    result.privacy = state.strategy.privacy_summary()
    result.stopped_by, result.stopped_early = state.stop_reason, state.stop_reason == "early_stopping"
    for callback in state.callbacks:
        callback.on_fit_end(state)
    state.strategy.teardown(state)
    return result

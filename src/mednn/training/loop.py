"""The training loop: mini-batch gradient descent with backpropagation (seed sections 3.3-3.4).

Plain PyTorch, no framework. Features are whole in-memory tensors (or Batchables) batched by
index, so an epoch has no per-sample Python. Early stopping on a validation metric of the
registry (:mod:`.monitor`) restores the best weights (seed section 6.2); schedules are cosine
or reduce-on-plateau.

``fit`` stays small: how an epoch trains is its *step strategy* (:class:`MiniBatchEpochs` by
default; DP-SGD and federated rounds come from :mod:`mednn.privacy`), and weight averaging,
checkpoints and progress are *callbacks* (:mod:`.callbacks`).
"""

from __future__ import annotations

import contextlib
import copy
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from ..errors import ConfigError
from ..inference.forward import batch_of, move_to, n_samples, predict_logits  # noqa: F401 - re-exported
from .callbacks import Callback, State, StepStrategy, WeightAverage, WeightAveraging  # noqa: F401 - re-exported
from .losses import make_loss, to_probabilities
from .monitor import default_val_metric, monitor_value, resolve_monitor
from .optim import CosineSchedule, PlateauSchedule, make_optimizer
from .precision import Precision
from .sampling import balanced_batches, shuffled_batches


def to_device_once(features: Any, device: torch.device, max_bytes: int = 4 << 30) -> Any:
    """Features on ``device`` when they fit comfortably (tensors, or Batchables with ``to``)."""
    if device.type == "cpu":
        return features
    if isinstance(features, torch.Tensor):
        return features.to(device) if features.element_size() * features.nelement() <= max_bytes else features
    data = getattr(features, "data", None)
    mover = getattr(features, "to", None)
    if mover is not None and isinstance(data, torch.Tensor) and data.element_size() * data.nelement() <= max_bytes:
        return mover(device)
    return features


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


@dataclass
class TrainResult:
    history: list[dict[str, float]] = field(default_factory=list)
    best_epoch: int = 0
    epochs_run: int = 0
    stopped_early: bool = False
    seconds: float = 0.0
    monitor: str = "loss"
    privacy: dict[str, Any] | None = None  # the strategy's privacy summary (DP-SGD)


def _prefixed(tensors: dict[str, torch.Tensor], prefix: str) -> dict[str, torch.Tensor]:
    return {k[len(prefix):]: v for k, v in tensors.items() if k.startswith(prefix)}


class FitState:
    """What the strategy and the callbacks of one :func:`fit` see and may change.

    Fixed for the run: ``model``, ``task``, ``cfg``, ``device``, ``generator``, ``loss_fn``,
    ``optimizer``, ``scheduler``, ``class_weights``, ``precision`` (``train.precision``: the
    step's autocast and fp16 loss scaler), the training data (``train_x``,
    ``train_y`` on the device, ``train_targets`` as NumPy, ``n_train``; None under federated
    training) and ``val_x`` / ``val_y``. Changing per epoch: ``epoch``, ``result`` (with the
    ``history``), ``best_state`` / ``best_score`` / ``bad_epochs`` (model selection) and
    ``stopping`` (early stopping ends training after this epoch).
    """

    def __init__(self, model, task, cfg, *, device, generator, loss_fn, optimizer, scheduler, class_weights,
                 train_x, train_y, val_x, val_y, strategy: StepStrategy, callbacks: Sequence[Callback],
                 monitor: str, higher: bool):
        self.model, self.task, self.cfg, self.device, self.generator = model, task, cfg, device, generator
        self.loss_fn, self.optimizer, self.scheduler, self.class_weights = loss_fn, optimizer, scheduler, class_weights
        self.strategy, self.callbacks = strategy, list(callbacks)
        self.precision = Precision(getattr(cfg, "precision", "fp32"), device)
        self.train_x, self.train_y, self.train_targets, self.n_train = None, None, None, 0
        if train_y is not None:
            self.train_targets = train_y.numpy()
            self.n_train = n_samples(train_x)
            # whole feature tensors go to the accelerator once, so a step is one index_select
            # there instead of a host-to-device copy per batch
            self.train_x, self.train_y = to_device_once(train_x, device), train_y.to(device)
        self.val_x, self.val_y = val_x, val_y
        self.monitor, self.higher = monitor, higher
        self.result = TrainResult(monitor=f"val_{monitor}")
        self.epoch, self.first_epoch, self.seconds_before = 0, 1, 0.0
        self.best_score = -math.inf if higher else math.inf
        self.best_state = copy.deepcopy(model.state_dict())
        self.bad_epochs, self.stopping = 0, False
        self.t_start = time.perf_counter()

    @property
    def history(self) -> list[dict[str, float]]:
        return self.result.history

    def _parts(self) -> list[tuple[str, Any]]:
        """The strategy and the stateful callbacks, by the name their checkpointed state has."""
        return [(self.strategy.name, self.strategy)] + [(c.name, c) for c in self.callbacks if c.name]

    # -- events the strategy raises
    def step_end(self) -> None:
        for callback in self.callbacks:
            callback.on_step_end(self)

    @contextlib.contextmanager
    def validated_weights(self):
        """The weights validation and model selection use (the averaged ones under ``train.ema``)."""
        for callback in self.callbacks:
            callback.on_validation_start(self)
        try:
            yield
        finally:
            for callback in reversed(self.callbacks):
                callback.on_validation_end(self)

    def snapshot(self) -> dict[str, torch.Tensor]:
        with self.validated_weights():
            return copy.deepcopy(self.model.state_dict())

    # -- checkpoints
    def checkpoint(self) -> State:
        """Everything fit() needs to continue after this epoch: JSON scalars and named CPU tensors."""
        opt_scalars, opt_tensors = self.optimizer.state_dict()
        tensors = {f"model.{k}": v for k, v in self.model.state_dict().items()}
        tensors.update({f"best.{k}": v for k, v in self.best_state.items()})
        tensors.update({f"optimizer.{k}": v for k, v in opt_tensors.items()})
        parts = {}
        for name, part in self._parts():
            part_scalars, part_tensors = part.state_dict()
            parts[name] = part_scalars
            tensors.update({f"{name}.{k}": v for k, v in part_tensors.items()})
        tensors["rng.loop"], tensors["rng.torch"] = self.generator.get_state(), torch.get_rng_state()
        if torch.cuda.is_available():  # dropout on the GPU draws from the CUDA generator
            tensors["rng.cuda"] = torch.cuda.get_rng_state()
        result = self.result
        scalars = {
            "epoch": self.epoch, "seconds": self.seconds_before + time.perf_counter() - self.t_start,
            "best_epoch": result.best_epoch, "bad_epochs": self.bad_epochs,
            "best_score": self.best_score if math.isfinite(self.best_score) else None,
            "history": result.history, "optimizer": opt_scalars,
            "scheduler": self.scheduler.state_dict() if self.scheduler is not None else None,
            "parts": parts, "precision": self.precision.state_dict(),
        }
        return scalars, {k: v.detach().cpu().contiguous() for k, v in tensors.items()}

    def restore(self, saved: State) -> None:
        """Continue exactly where :meth:`checkpoint` left off."""
        scalars, tensors = saved
        self.model.load_state_dict(_prefixed(tensors, "model."))
        self.best_state = {k: v.to(self.device) for k, v in _prefixed(tensors, "best.").items()}
        self.optimizer.load_state_dict(scalars["optimizer"], _prefixed(tensors, "optimizer."))
        if self.scheduler is not None:
            self.scheduler.load_state_dict(scalars["scheduler"])
        for name, part in self._parts():
            part.load_state_dict(scalars["parts"].get(name, {}), _prefixed(tensors, f"{name}."))
        self.precision.load_state_dict(scalars.get("precision"))
        self.generator.set_state(tensors["rng.loop"])
        torch.set_rng_state(tensors["rng.torch"])
        if "rng.cuda" in tensors and torch.cuda.is_available():
            torch.cuda.set_rng_state(tensors["rng.cuda"])
        result = self.result
        result.history = [{k: (float("nan") if v is None else v) for k, v in row.items()} for row in scalars["history"]]
        result.best_epoch, self.bad_epochs = int(scalars["best_epoch"]), int(scalars["bad_epochs"])
        if scalars["best_score"] is not None:
            self.best_score = float(scalars["best_score"])
        self.first_epoch, self.seconds_before = int(scalars["epoch"]) + 1, float(scalars["seconds"])
        self.epoch = result.epochs_run = int(scalars["epoch"])  # right if the checkpoint was the last epoch


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
    (:class:`~mednn.training.callbacks.Callback`); ``train.ema`` adds a
    :class:`~mednn.training.callbacks.WeightAveraging` unless the list holds one. Validation,
    model selection on ``train.early_stopping`` and the schedule run here whatever the strategy.

    >>> result = fit(model, x, y, val_x, val_y, task=task, cfg=TrainConfig(epochs=5),
    ...              generator=seed_everything(0), device=torch.device("cpu"),
    ...              callbacks=[Progress(print)])  # doctest: +SKIP
    """
    strategy = strategy if strategy is not None else MiniBatchEpochs()
    callbacks = list(callbacks)
    if cfg.ema and not any(isinstance(c, WeightAveraging) for c in callbacks):
        callbacks.insert(0, WeightAveraging(cfg.ema))  # the config's weight average, unless one was given
    model.to(device)
    memory_format = cpu_memory_format(model, device) if strategy.channels_last else None
    if memory_format is not None:
        model.to(memory_format=memory_format)
    loss_fn = make_loss(task, class_weights)
    optimizer = make_optimizer(model, cfg)
    es = cfg.early_stopping
    monitor, higher = resolve_monitor(es.monitor, task)
    scheduler = None
    if cfg.schedule == "cosine":
        scheduler = CosineSchedule(optimizer, cfg.epochs)
    elif cfg.schedule == "plateau":
        scheduler = PlateauSchedule(optimizer, higher_is_better=higher, patience=max(1, es.patience // 3))
    state = FitState(model, task, cfg, device=device, generator=generator, loss_fn=loss_fn, optimizer=optimizer,
                     scheduler=scheduler, class_weights=class_weights, train_x=train_x, train_y=train_y,
                     val_x=to_device_once(val_x, device), val_y=val_y, strategy=strategy, callbacks=callbacks,
                     monitor=monitor, higher=higher)
    strategy.setup(state)
    for callback in state.callbacks:
        callback.setup(state)
    for callback in state.callbacks:
        callback.on_fit_start(state)

    result = state.result
    val_metric = default_val_metric(task)
    y_val_np = val_y.numpy()
    state.t_start = time.perf_counter()
    for epoch in range(state.first_epoch, cfg.epochs + 1):
        state.epoch = epoch
        t0 = time.perf_counter()
        model.train()
        train_loss = strategy.run_epoch(state)
        if not math.isfinite(train_loss):
            raise ConfigError(
                f"The training loss became {train_loss} in epoch {epoch}; "
                "fix: lower train.lr or check the inputs for extreme values"
            )

        with state.validated_weights():
            val_logits = predict_logits(model, state.val_x, batch_size=max(cfg.batch_size, 1024), device=device)
            val_loss = float(loss_fn(val_logits, val_y)) if len(val_y) else float("nan")
            val_prob = to_probabilities(task, val_logits).numpy()
            # under DP the training loss is a statistic of the private data: it is not recorded
            row = {"epoch": epoch, "train_loss": float("nan") if strategy.private else train_loss,
                   "val_loss": val_loss}
            row[f"val_{val_metric}"] = monitor_value(val_metric, task, y_val_np, val_prob)
            score = val_loss if monitor == "loss" else row.get(f"val_{monitor}")
            if score is None:
                score = monitor_value(monitor, task, y_val_np, val_prob)
                row[f"val_{monitor}"] = score
            row["lr"] = optimizer.lr
            row["seconds"] = time.perf_counter() - t0
            result.history.append(row)
            result.epochs_run = epoch
            improved = (not math.isnan(score)) and (
                score > state.best_score + es.min_delta if higher else score < state.best_score - es.min_delta
            )
            if improved:  # the weights that were just validated
                state.best_score, result.best_epoch, state.bad_epochs = score, epoch, 0
                state.best_state = copy.deepcopy(model.state_dict())
            else:
                state.bad_epochs += 1
        if scheduler is not None:
            scheduler.step(score)
        state.stopping = es.enabled and state.bad_epochs >= es.patience
        stop_requested = [callback.on_epoch_end(state) for callback in state.callbacks]
        if state.stopping:
            result.stopped_early = True
            break
        if any(stop_requested):
            break

    if result.best_epoch == 0:
        result.best_epoch = result.epochs_run
        state.best_state = state.snapshot()
    if es.enabled:
        model.load_state_dict(state.best_state)
    else:
        result.best_epoch = result.epochs_run
        model.load_state_dict(state.snapshot())
    if memory_format is not None:
        model.to(memory_format=torch.contiguous_format)  # saved weights and explanations expect it
    result.seconds = state.seconds_before + time.perf_counter() - state.t_start
    result.privacy = strategy.privacy_summary()
    for callback in state.callbacks:
        callback.on_fit_end(state)
    return result

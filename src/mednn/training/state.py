"""What one :func:`~mednn.training.loop.fit` carries from event to event.

:class:`FitState` is what the step strategy and every callback see and may change (model,
optimizer, data, epoch, history, the epoch's validation score and a request to stop);
:class:`TrainResult` is what ``fit`` returns. Both live here, below the loop and the
callbacks, so that :mod:`.loop` and :mod:`.callbacks` import this module and not each other.
"""

from __future__ import annotations

import contextlib
import copy
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import torch

from ..inference.forward import n_samples  # noqa: F401 - one definition, shared with inference
from .precision import Precision

# checkpointed state of a strategy or callback: JSON scalars and named CPU tensors
State = tuple[dict[str, Any], dict[str, torch.Tensor]]

# why training ended before train.epochs (TrainResult.stopped_by); the order is the code
# RankZeroDecides broadcasts under torchrun
STOP_REASONS: tuple[str, ...] = ("early_stopping", "budget", "pruned", "callback")


@dataclass
class TrainResult:
    """One network's training: the per-epoch history and how training ended.

    ``best_epoch``: the epoch whose weights were kept; ``stopped_by``: None (all of
    ``train.epochs`` ran) or one of :data:`STOP_REASONS`; ``stopped_early`` is
    ``stopped_by == "early_stopping"``. ``selected``: whether model selection chose ``best_epoch``
    (``train.early_stopping.enabled``); without it ``best_epoch`` is the last epoch, whatever its score."""

    history: list[dict[str, float]] = field(default_factory=list)
    best_epoch: int = 0
    epochs_run: int = 0
    stopped_early: bool = False
    seconds: float = 0.0
    monitor: str = "loss"
    higher: bool = False  # whether a higher ``monitor`` is better (False for the loss)
    privacy: dict[str, Any] | None = None  # the strategy's privacy summary (DP-SGD)
    stopped_by: str | None = None
    selected: bool = True

    def best_monitored_epoch(self) -> int | None:
        """The epoch whose monitored validation value was best in the history (lowest, or highest
        when ``higher``; :func:`best_epoch_in`): ``best_epoch`` unless model selection was off."""
        return best_epoch_in(self.history, self.monitor, self.higher)


def best_epoch_in(history: Sequence[dict[str, float]], monitor: str, higher: bool = False) -> int | None:
    """The (1-based) epoch of ``history`` whose ``monitor`` value was best (the first of ties; NaN
    and infinities never are); None without one."""
    scores = [(row.get(monitor, float("nan")), i + 1) for i, row in enumerate(history)]
    finite = [(s, e) for s, e in scores if s == s and abs(s) != float("inf")]
    if not finite:
        return None
    return (max(finite, key=lambda t: (t[0], -t[1])) if higher else min(finite, key=lambda t: (t[0], t[1])))[1]


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


def _prefixed(tensors: dict[str, torch.Tensor], prefix: str) -> dict[str, torch.Tensor]:
    return {k[len(prefix):]: v for k, v in tensors.items() if k.startswith(prefix)}


class FitState:
    """What the strategy and the callbacks of one :func:`~mednn.training.loop.fit` see and may change.

    Fixed for the run: ``model``, ``task``, ``cfg``, ``device``, ``generator``, ``loss_fn``,
    ``optimizer``, ``class_weights``, ``precision`` (``train.precision``: the step's autocast
    and fp16 loss scaler), the training data (``train_x``, ``train_y`` on the device,
    ``train_targets`` as NumPy, ``n_train``; None under federated training), ``val_x`` /
    ``val_y`` and the validation ``monitor`` (a registered metric or ``loss``; ``higher`` is
    better or not). Changing per epoch: ``epoch``, ``result`` (with the ``history``),
    ``score`` (the epoch's monitored validation value) and ``stop_reason`` (set through
    :meth:`request_stop`: training ends after this epoch).
    """

    def __init__(self, model, task, cfg, *, device, generator, loss_fn, optimizer, class_weights,
                 train_x, train_y, val_x, val_y, strategy, callbacks: Sequence, monitor: str, higher: bool):
        self.model, self.task, self.cfg, self.device, self.generator = model, task, cfg, device, generator
        self.loss_fn, self.optimizer, self.class_weights = loss_fn, optimizer, class_weights
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
        self.result = TrainResult(monitor=f"val_{monitor}", higher=higher)
        self.epoch, self.first_epoch, self.seconds_before = 0, 1, 0.0
        self.score = math.nan
        self.stop_reason: str | None = None
        self.t_start = time.perf_counter()

    @property
    def history(self) -> list[dict[str, float]]:
        return self.result.history

    @property
    def stopping(self) -> bool:
        """Whether training ends after this epoch."""
        return self.stop_reason is not None

    def request_stop(self, reason: str) -> None:
        """End training after this epoch (the first reason given is kept)."""
        if reason not in STOP_REASONS:
            raise ValueError(f"unknown stop reason {reason!r}; one of {STOP_REASONS}")
        if self.stop_reason is None:
            self.stop_reason = reason

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
        tensors.update({f"optimizer.{k}": v for k, v in opt_tensors.items()})
        parts = {}
        for name, part in self._parts():
            part_scalars, part_tensors = part.state_dict()
            parts[name] = part_scalars
            tensors.update({f"{name}.{k}": v for k, v in part_tensors.items()})
        tensors["rng.loop"], tensors["rng.torch"] = self.generator.get_state(), torch.get_rng_state()
        if torch.cuda.is_available():  # dropout on the GPU draws from the CUDA generator
            tensors["rng.cuda"] = torch.cuda.get_rng_state()
        scalars = {
            "epoch": self.epoch, "seconds": self.seconds_before + time.perf_counter() - self.t_start,
            "history": self.result.history, "optimizer": opt_scalars, "parts": parts,
            "precision": self.precision.state_dict(),
        }
        return scalars, {k: v.detach().cpu().contiguous() for k, v in tensors.items()}

    def restore(self, saved: State) -> None:
        """Continue exactly where :meth:`checkpoint` left off."""
        scalars, tensors = saved
        self.model.load_state_dict(_prefixed(tensors, "model."))
        self.optimizer.load_state_dict(scalars["optimizer"], _prefixed(tensors, "optimizer."))
        for name, part in self._parts():
            part.load_state_dict(scalars["parts"].get(name, {}), _prefixed(tensors, f"{name}."))
        self.precision.load_state_dict(scalars.get("precision"))
        self.generator.set_state(tensors["rng.loop"])
        torch.set_rng_state(tensors["rng.torch"])
        if "rng.cuda" in tensors and torch.cuda.is_available():
            torch.cuda.set_rng_state(tensors["rng.cuda"])
        result = self.result
        result.history = [{k: (float("nan") if v is None else v) for k, v in row.items()} for row in scalars["history"]]
        self.first_epoch, self.seconds_before = int(scalars["epoch"]) + 1, float(scalars["seconds"])
        self.epoch = result.epochs_run = int(scalars["epoch"])  # right if the checkpoint was the last epoch

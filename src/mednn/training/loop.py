"""The training loop: mini-batch gradient descent with backpropagation (seed sections 3.3-3.4).

Plain PyTorch, no framework. Features are whole in-memory tensors (or Batchables) batched by
index, so an epoch has no per-sample Python. Early stopping on a validation metric restores the
best weights (seed section 6.2); schedules are cosine or reduce-on-plateau. With ``train.ema``
validation and model selection use an exponential moving average of the weights.
"""

from __future__ import annotations

import contextlib
import copy
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from ..errors import ConfigError
from .losses import make_loss, to_probabilities
from .optim import CosineSchedule, PlateauSchedule, make_optimizer
from .sampling import balanced_batches, shuffled_batches

# metric name -> (direction, function(task, y_true, prob) -> float); +1 = higher is better
HIGHER_IS_BETTER = {"auroc": True, "accuracy": True, "balanced_accuracy": True, "auprc": True,
                    "loss": False, "rmse": False, "mae": False, "r2": True}


def default_monitor(task) -> str:
    return "loss"


def default_val_metric(task) -> str:
    return {"binary": "auroc", "multilabel": "auroc", "multiclass": "accuracy", "regression": "rmse"}[task.kind]


def monitor_value(name: str, task, y: np.ndarray, prob: np.ndarray) -> float:
    """Quick validation metrics for the per-epoch history (the full evaluation comes later)."""
    if name == "accuracy":
        pred = (prob >= 0.5).astype(int) if task.kind == "binary" else prob.argmax(1)
        return float((pred == y).mean())
    if name == "balanced_accuracy":
        pred = (prob >= 0.5).astype(int) if task.kind == "binary" else prob.argmax(1)
        from sklearn.metrics import balanced_accuracy_score

        return float(balanced_accuracy_score(y, pred))
    if name in ("auroc", "auprc"):
        from sklearn import metrics as skm

        fn = skm.roc_auc_score if name == "auroc" else skm.average_precision_score
        try:
            if task.kind == "binary":
                return float(fn(y, prob))
            if task.kind == "multiclass":
                if name == "auroc":
                    return float(fn(y, prob, multi_class="ovr", labels=list(range(prob.shape[1]))))
                onehot = np.eye(prob.shape[1])[y]
                return float(fn(onehot, prob, average="macro"))
            values = []
            for j in range(y.shape[1]):
                m = ~np.isnan(y[:, j])
                if m.any() and len(np.unique(y[m, j])) == 2:
                    values.append(fn(y[m, j], prob[m, j]))
            return float(np.mean(values)) if values else float("nan")
        except ValueError:
            return float("nan")
    if name in ("rmse", "mae", "r2"):
        m = ~np.isnan(y)
        diff = (prob - y)[m]
        if name == "rmse":
            return float(np.sqrt(np.mean(diff**2)))
        if name == "mae":
            return float(np.mean(np.abs(diff)))
        return float(1 - np.sum(diff**2) / np.sum((y[m] - y[m].mean()) ** 2))
    raise ConfigError(
        f"train.early_stopping.monitor {name!r} is not known; valid: {', '.join(HIGHER_IS_BETTER)}"
    )


def move_to(obj: Any, device: torch.device) -> Any:
    if isinstance(obj, torch.Tensor):
        return obj.to(device, non_blocking=True)
    if isinstance(obj, dict):
        return {k: move_to(v, device) for k, v in obj.items()}
    if isinstance(obj, (tuple, list)):
        return type(obj)(move_to(v, device) for v in obj)
    return obj


def batch_of(features: Any, index: torch.Tensor) -> Any:
    """Rows ``index`` of a feature tensor, or a Batchable's batch."""
    if isinstance(features, torch.Tensor):
        index = index.to(features.device)
        return features.index_select(0, index) if features.is_contiguous() else features[index]
    return features.batch(index.numpy())


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


def n_samples(features: Any) -> int:
    return features.shape[0] if isinstance(features, torch.Tensor) else len(features)


@torch.no_grad()
def predict_logits(model: torch.nn.Module, features: Any, *, batch_size: int = 1024,
                   device: torch.device | str = "cpu") -> torch.Tensor:
    """Raw network outputs for every sample, in order, on the CPU."""
    model.eval()
    n = n_samples(features)
    out = []
    for start in range(0, n, batch_size):
        index = torch.arange(start, min(start + batch_size, n))
        out.append(model(move_to(batch_of(features, index), device)).float().cpu())
    if not out:
        return torch.zeros(0)
    return torch.cat(out)


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
    def _exchange(self) -> None:
        for p, s in zip(self.params, self.shadow):
            tmp = p.detach().clone()
            p.copy_(s)
            s.copy_(tmp)

    @contextlib.contextmanager
    def swapped(self):
        self._exchange()
        try:
            yield
        finally:
            self._exchange()

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


def _prefixed(tensors: dict[str, torch.Tensor], prefix: str) -> dict[str, torch.Tensor]:
    return {k[len(prefix):]: v for k, v in tensors.items() if k.startswith(prefix)}


def _loop_state(epoch, result, best_score, bad_epochs, seconds, model, best_state, optimizer, scheduler, ema,
                augment, generator) -> tuple[dict[str, Any], dict[str, torch.Tensor]]:
    """Everything fit() needs to continue after ``epoch``: JSON scalars and named CPU tensors."""
    opt_scalars, opt_tensors = optimizer.state_dict()
    tensors = {f"model.{k}": v for k, v in model.state_dict().items()}
    tensors.update({f"best.{k}": v for k, v in best_state.items()})
    tensors.update({f"optimizer.{k}": v for k, v in opt_tensors.items()})
    if ema is not None:
        tensors.update({f"ema.{i}": v for i, v in enumerate(ema.shadow)})
    if augment is not None and hasattr(augment, "state_dict"):
        tensors.update({f"augment.{k}": v for k, v in augment.state_dict().items()})
    tensors["rng.loop"], tensors["rng.torch"] = generator.get_state(), torch.get_rng_state()
    if torch.cuda.is_available():  # dropout on the GPU draws from the CUDA generator
        tensors["rng.cuda"] = torch.cuda.get_rng_state()
    scalars = {
        "epoch": epoch, "seconds": seconds, "best_epoch": result.best_epoch, "bad_epochs": bad_epochs,
        "best_score": best_score if math.isfinite(best_score) else None,
        "history": result.history, "optimizer": opt_scalars,
        "scheduler": scheduler.state_dict() if scheduler is not None else None,
        "ema_steps": ema.steps if ema is not None else 0,
    }
    return scalars, {k: v.detach().cpu().contiguous() for k, v in tensors.items()}


def epoch_batches(cfg, sampler_targets: np.ndarray, n_train: int, generator: torch.Generator):
    """One epoch's index batches: class-balanced (``train.sampler: balanced``) or shuffled."""
    if cfg.sampler == "balanced":
        return balanced_batches(sampler_targets, cfg.batch_size, generator)
    return shuffled_batches(n_train, cfg.batch_size, generator)


def train_epoch(model: torch.nn.Module, train_x: Any, train_y: torch.Tensor, batches, *, loss_fn, optimizer,
                device: torch.device, augment=None, dp=None, ema: WeightAverage | None = None) -> float:
    """One pass of mini-batch gradient descent over ``batches``; the mean training loss."""
    total, count = torch.zeros((), device=device), 0
    read_ahead = getattr(train_x, "read_ahead", None)  # disk-backed images: next batch read during this one
    for index in (read_ahead(batches) if read_ahead is not None else batches):
        xb = move_to(batch_of(train_x, index), device)
        yb = train_y[index.to(device)] if device.type != "cpu" else train_y.index_select(0, index)
        if augment is not None:
            xb = augment(xb, yb)
        optimizer.zero_grad()
        if dp is not None:
            loss = dp.step(optimizer, xb, yb, index)
        else:
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
        if ema is not None:
            ema.update()
        # accumulate on the device: a .item() per step would synchronise every step
        total.add_(loss.detach(), alpha=len(index))
        count += len(index)
    return total.item() / max(count, 1)


@dataclass
class TrainResult:
    history: list[dict[str, float]] = field(default_factory=list)
    best_epoch: int = 0
    epochs_run: int = 0
    stopped_early: bool = False
    seconds: float = 0.0
    monitor: str = "loss"
    privacy: dict[str, Any] | None = None  # the DP-SGD summary when privacy.dp is on


def fit(
    model: torch.nn.Module,
    train_x: Any,
    train_y: torch.Tensor,
    val_x: Any,
    val_y: torch.Tensor,
    *,
    task,
    cfg,
    generator: torch.Generator,
    device: torch.device,
    class_weights: np.ndarray | None = None,
    augment: Callable[[Any, torch.Tensor], Any] | None = None,
    sampler_targets: np.ndarray | None = None,
    on_epoch: Callable[[dict[str, float]], None] | None = None,
    privacy=None,
    epoch_runner: Callable[[torch.nn.Module, float, int], float] | None = None,
    checkpoint: Callable[[tuple[dict[str, Any], dict[str, torch.Tensor]]], None] | None = None,
    resume: tuple[dict[str, Any], dict[str, torch.Tensor]] | None = None,
) -> TrainResult:
    """Train ``model`` in place; return its history. ``cfg`` is a :class:`~mednn.config.TrainConfig`.

    ``train_y`` / ``val_y`` are already in the loss's space (class indices, 0/1 with NaN for
    missing labels, or standardised regression targets). ``privacy`` (a
    :class:`~mednn.config.PrivacyConfig`) with ``dp: true`` trains with DP-SGD (:mod:`mednn.privacy.dp`).
    ``epoch_runner(model, lr, epoch) -> mean training loss`` replaces the epoch's own pass over
    ``train_x`` (which may then be None): federated training (:mod:`mednn.privacy.federated`)
    runs one round across its sites there, and the validation, model selection, schedules and
    weight average here apply to its rounds unchanged. ``checkpoint(state)`` is called after
    every epoch that does not end training, with ``(scalars, tensors)`` holding everything the
    loop needs to go on (weights, optimizer, schedule, weight average, random generators,
    history); passing that back as ``resume`` continues the run exactly where it stopped.
    """
    if (checkpoint is not None or resume is not None) and (epoch_runner is not None or
                                                           (privacy is not None and privacy.dp)):
        raise ConfigError("checkpoints and resuming are not available for federated or DP-SGD training; "
                          "fix: set train.checkpoint_every: 0")
    model.to(device)
    memory_format = cpu_memory_format(model, device) if not (privacy is not None and privacy.dp) else None
    if memory_format is not None:
        model.to(memory_format=memory_format)
    loss_fn = make_loss(task, class_weights)
    optimizer = make_optimizer(model, cfg)
    es = cfg.early_stopping
    monitor = default_monitor(task) if es.monitor == "auto" else es.monitor.removeprefix("val_")
    if monitor not in HIGHER_IS_BETTER:
        monitor_value(monitor, task, np.zeros(0), np.zeros(0))  # raises the ConfigError
    higher = HIGHER_IS_BETTER[monitor]
    scheduler = None
    if cfg.schedule == "cosine":
        scheduler = CosineSchedule(optimizer, cfg.epochs)
    elif cfg.schedule == "plateau":
        scheduler = PlateauSchedule(optimizer, higher_is_better=higher, patience=max(1, es.patience // 3))
    val_metric = default_val_metric(task)
    y_val_np = val_y.numpy()
    # Move whole feature tensors to the accelerator once, so a step is one index_select there
    # instead of a host-to-device copy per batch.
    val_x = to_device_once(val_x, device)
    if epoch_runner is None:
        sampler_targets = train_y.numpy() if sampler_targets is None else sampler_targets
        n_train = n_samples(train_x)
        train_x = to_device_once(train_x, device)
        train_y_dev = train_y.to(device)
    dp = None
    if privacy is not None and privacy.dp and epoch_runner is None:
        from ..privacy.dp import make_dpsgd

        dp = make_dpsgd(model, task, train_cfg=cfg, privacy_cfg=privacy, n_train=n_train, generator=generator,
                        train_targets=train_y.numpy(), class_weights=class_weights, device=device)

    ema = WeightAverage(model, cfg.ema) if cfg.ema else None

    def snapshot() -> dict[str, torch.Tensor]:
        """The weights that were just validated: the averaged ones under ``train.ema``."""
        return ema.state_dict() if ema is not None else copy.deepcopy(model.state_dict())

    result = TrainResult(monitor=f"val_{monitor}")
    best_score = -math.inf if higher else math.inf
    best_state = copy.deepcopy(model.state_dict())
    bad_epochs, first_epoch, seconds_before = 0, 1, 0.0
    if resume is not None:  # continue exactly where the checkpoint left off
        scalars, tensors = resume
        model.load_state_dict(_prefixed(tensors, "model."))
        best_state = {k: v.to(device) for k, v in _prefixed(tensors, "best.").items()}
        optimizer.load_state_dict(scalars["optimizer"], _prefixed(tensors, "optimizer."))
        if scheduler is not None:
            scheduler.load_state_dict(scalars["scheduler"])
        if ema is not None:
            ema.load_state(int(scalars["ema_steps"]), _prefixed(tensors, "ema."))
        if augment is not None and hasattr(augment, "load_state_dict"):
            augment.load_state_dict(_prefixed(tensors, "augment."))
        generator.set_state(tensors["rng.loop"])
        torch.set_rng_state(tensors["rng.torch"])
        if "rng.cuda" in tensors and torch.cuda.is_available():
            torch.cuda.set_rng_state(tensors["rng.cuda"])
        result.history = [{k: (float("nan") if v is None else v) for k, v in row.items()} for row in scalars["history"]]
        result.best_epoch, bad_epochs = int(scalars["best_epoch"]), int(scalars["bad_epochs"])
        if scalars["best_score"] is not None:
            best_score = float(scalars["best_score"])
        first_epoch, seconds_before = int(scalars["epoch"]) + 1, float(scalars["seconds"])
        result.epochs_run = int(scalars["epoch"])  # stays right if the checkpoint was the last epoch
    private = dp is not None or bool(getattr(epoch_runner, "private", False))
    t_start = time.perf_counter()
    for epoch in range(first_epoch, cfg.epochs + 1):
        t0 = time.perf_counter()
        model.train()
        if epoch_runner is not None:  # e.g. a federated round: each site draws its own batches
            train_loss = epoch_runner(model, optimizer.lr, epoch)
            if ema is not None:
                ema.update()
        else:
            # DP-SGD: Poisson sampling, as the privacy accounting assumes
            batches = dp.batches() if dp is not None else epoch_batches(cfg, sampler_targets, n_train, generator)
            train_loss = train_epoch(model, train_x, train_y_dev, batches, loss_fn=loss_fn, optimizer=optimizer,
                                     device=device, augment=augment, dp=dp, ema=ema)
        if not math.isfinite(train_loss):
            raise ConfigError(
                f"The training loss became {train_loss} in epoch {epoch}; "
                "fix: lower train.lr or check the inputs for extreme values"
            )

        with ema.swapped() if ema is not None else contextlib.nullcontext():
            val_logits = predict_logits(model, val_x, batch_size=max(cfg.batch_size, 1024), device=device)
        val_loss = float(loss_fn(val_logits, val_y)) if len(val_y) else float("nan")
        val_prob = to_probabilities(task, val_logits).numpy()
        # under DP the training loss is a statistic of the private data: it is not recorded
        row = {"epoch": epoch, "train_loss": float("nan") if private else train_loss, "val_loss": val_loss}
        row[f"val_{val_metric}"] = monitor_value(val_metric, task, y_val_np, val_prob)
        score = val_loss if monitor == "loss" else row.get(f"val_{monitor}")
        if score is None:
            score = monitor_value(monitor, task, y_val_np, val_prob)
            row[f"val_{monitor}"] = score
        row["lr"] = optimizer.lr
        row["seconds"] = time.perf_counter() - t0
        result.history.append(row)
        result.epochs_run = epoch
        if on_epoch is not None:
            on_epoch(row)

        improved = (not math.isnan(score)) and (
            score > best_score + es.min_delta if higher else score < best_score - es.min_delta
        )
        if improved:
            best_score, result.best_epoch, bad_epochs = score, epoch, 0
            best_state = snapshot()
        else:
            bad_epochs += 1
        if scheduler is not None:
            scheduler.step(score)
        if es.enabled and bad_epochs >= es.patience:
            result.stopped_early = True
            break
        if checkpoint is not None:
            checkpoint(_loop_state(epoch, result, best_score, bad_epochs, seconds_before + time.perf_counter() - t_start,
                                   model, best_state, optimizer, scheduler, ema, augment, generator))

    if result.best_epoch == 0:
        result.best_epoch = result.epochs_run
        best_state = snapshot()
    if es.enabled:
        model.load_state_dict(best_state)
    else:
        result.best_epoch = result.epochs_run
        if ema is not None:
            model.load_state_dict(ema.state_dict())
    if memory_format is not None:
        model.to(memory_format=torch.contiguous_format)  # saved weights and explanations expect it
    result.seconds = seconds_before + time.perf_counter() - t_start
    if dp is not None:
        result.privacy = dp.summary(privacy.delta)
    return result

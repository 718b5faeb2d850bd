"""Gradient descent written out (seed section 3.3): SGD with momentum, Adam, AdamW, and the
learning-rate schedules.

Why not ``torch.optim``: constructing any ``torch.optim.Optimizer`` imports TorchDynamo
(1.5-5 s on this class of machine), and its step wrapper adds per-step overhead; on the
seed's small networks both cost more than the training itself. These update rules match
``torch.optim``'s exactly (tested against them) using multi-tensor ``_foreach`` kernels.

    w_new = w_old - lr * step(dL/dw)
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import torch


class GradientDescent:
    """Base: holds parameters, the learning rate and per-parameter state."""

    def __init__(self, params: Iterable[torch.nn.Parameter], lr: float, weight_decay: float = 0.0):
        self.params = [p for p in params if p.requires_grad]
        self.lr = float(lr)
        self.weight_decay = float(weight_decay)
        self.steps = 0

    @property
    def param_groups(self) -> list[dict[str, list[torch.nn.Parameter]]]:
        """torch.optim's view of the parameters: what ``torch.amp.GradScaler`` unscales (fp16)."""
        return [{"params": self.params}]

    def zero_grad(self) -> None:
        for p in self.params:
            p.grad = None

    def _grads(self) -> tuple[list[torch.Tensor], list[torch.Tensor]]:
        params = [p for p in self.params if p.grad is not None]
        return params, [p.grad for p in params]

    @torch.no_grad()
    def step(self) -> None:
        raise NotImplementedError

    # -- checkpoints: scalars (JSON) and tensors (safetensors), parameters by position
    def state_dict(self) -> tuple[dict[str, float], dict[str, torch.Tensor]]:
        return {"lr": self.lr, "steps": self.steps}, self._tensors()

    @torch.no_grad()
    def load_state_dict(self, scalars: dict[str, float], tensors: dict[str, torch.Tensor]) -> None:
        self.lr, self.steps = float(scalars["lr"]), int(scalars["steps"])
        self._load_tensors(tensors)

    def _tensors(self) -> dict[str, torch.Tensor]:
        return {}

    def _load_tensors(self, tensors: dict[str, torch.Tensor]) -> None:
        pass


class SGD(GradientDescent):
    """v = momentum * v + g (+ weight_decay * w);  w = w - lr * v  (torch.optim.SGD, dampening 0)."""

    def __init__(self, params, lr: float, momentum: float = 0.0, weight_decay: float = 0.0):
        super().__init__(params, lr, weight_decay)
        self.momentum = float(momentum)
        self.buffers: dict[int, torch.Tensor] = {}

    @torch.no_grad()
    def step(self) -> None:
        params, grads = self._grads()
        if not params:
            return
        if self.weight_decay:
            grads = torch._foreach_add(grads, params, alpha=self.weight_decay)
        if self.momentum:
            # torch's convention: the first step's buffer is the gradient itself
            fresh = [id(p) not in self.buffers for p in params]
            for p, g, new in zip(params, grads, fresh):
                if new:
                    self.buffers[id(p)] = g.detach().clone()
            old = [(self.buffers[id(p)], g) for p, g, new in zip(params, grads, fresh) if not new]
            if old:
                torch._foreach_mul_([b for b, _ in old], self.momentum)
                torch._foreach_add_([b for b, _ in old], [g for _, g in old])
            grads = [self.buffers[id(p)] for p in params]
        torch._foreach_add_(params, grads, alpha=-self.lr)
        self.steps += 1

    def _tensors(self) -> dict[str, torch.Tensor]:
        return {f"buffer.{i}": self.buffers[id(p)] for i, p in enumerate(self.params) if id(p) in self.buffers}

    def _load_tensors(self, tensors: dict[str, torch.Tensor]) -> None:
        self.buffers = {id(p): tensors[f"buffer.{i}"].to(p.device).clone()
                        for i, p in enumerate(self.params) if f"buffer.{i}" in tensors}


class Adam(GradientDescent):
    """Adam (Kingma & Ba 2015) with bias correction; ``decoupled=True`` is AdamW."""

    def __init__(self, params, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, weight_decay: float = 0.0, decoupled: bool = False):
        super().__init__(params, lr, weight_decay)
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.decoupled = decoupled
        self.exp_avg = [torch.zeros_like(p) for p in self.params]
        self.exp_avg_sq = [torch.zeros_like(p) for p in self.params]
        # the fused kernel does the whole update in one call (what torch.optim uses with
        # fused=True); it needs one step counter per parameter
        self._fused = hasattr(torch, "_fused_adam_") and all(
            p.is_floating_point() and p.device.type in ("cpu", "cuda") for p in self.params)
        self._step_counts = [torch.zeros((), dtype=torch.float32, device=p.device) for p in self.params]

    @torch.no_grad()
    def step(self) -> None:
        keep = [i for i, p in enumerate(self.params) if p.grad is not None]
        if not keep:
            return
        params = [self.params[i] for i in keep]
        grads = [p.grad for p in params]
        m = [self.exp_avg[i] for i in keep]
        v = [self.exp_avg_sq[i] for i in keep]
        self.steps += 1
        if self._fused:
            counts = [self._step_counts[i] for i in keep]
            torch._foreach_add_(counts, 1)
            kernel = torch._fused_adamw_ if self.decoupled else torch._fused_adam_
            kernel(params, grads, m, v, [], counts, amsgrad=False, lr=self.lr, beta1=self.beta1,
                   beta2=self.beta2, weight_decay=self.weight_decay, eps=self.eps, maximize=False,
                   grad_scale=None, found_inf=None)
            return
        if self.weight_decay:
            if self.decoupled:
                torch._foreach_mul_(params, 1 - self.lr * self.weight_decay)
            else:
                grads = torch._foreach_add(grads, params, alpha=self.weight_decay)
        torch._foreach_lerp_(m, grads, 1 - self.beta1)
        torch._foreach_mul_(v, self.beta2)
        torch._foreach_addcmul_(v, grads, grads, value=1 - self.beta2)
        bias1 = 1 - self.beta1**self.steps
        bias2 = 1 - self.beta2**self.steps
        denom = torch._foreach_sqrt(v)
        torch._foreach_div_(denom, math.sqrt(bias2))
        torch._foreach_add_(denom, self.eps)
        torch._foreach_addcdiv_(params, m, denom, value=-self.lr / bias1)

    def _tensors(self) -> dict[str, torch.Tensor]:
        out = {}
        for i in range(len(self.params)):
            out[f"exp_avg.{i}"], out[f"exp_avg_sq.{i}"] = self.exp_avg[i], self.exp_avg_sq[i]
            out[f"step.{i}"] = self._step_counts[i]
        return out

    def _load_tensors(self, tensors: dict[str, torch.Tensor]) -> None:
        for i in range(len(self.params)):
            self.exp_avg[i].copy_(tensors[f"exp_avg.{i}"])
            self.exp_avg_sq[i].copy_(tensors[f"exp_avg_sq.{i}"])
            self._step_counts[i].copy_(tensors[f"step.{i}"])


def make_optimizer(model: torch.nn.Module, cfg) -> GradientDescent:
    """The optimizer a :class:`~mednn.config.TrainConfig` names."""
    params = model.parameters()
    if cfg.optimizer == "sgd":
        return SGD(params, lr=cfg.lr, momentum=cfg.momentum, weight_decay=cfg.weight_decay)
    return Adam(params, lr=cfg.lr, weight_decay=cfg.weight_decay, decoupled=cfg.optimizer == "adamw")


class CosineSchedule:
    """lr_t = lr_0 * (1 + cos(pi * t / T)) / 2, stepped once per epoch."""

    def __init__(self, optimizer: GradientDescent, epochs: int):
        self.optimizer, self.epochs, self.base = optimizer, max(epochs, 1), optimizer.lr
        self.epoch = 0

    def step(self, score: float | None = None) -> None:
        self.epoch += 1
        self.optimizer.lr = self.base * (1 + math.cos(math.pi * min(self.epoch, self.epochs) / self.epochs)) / 2

    def state_dict(self) -> dict[str, float]:
        return {"epoch": self.epoch, "base": self.base}

    def load_state_dict(self, state: dict[str, float]) -> None:
        self.epoch, self.base = int(state["epoch"]), float(state["base"])


class PlateauSchedule:
    """Halve the learning rate when the monitored score has not improved for ``patience`` epochs."""

    def __init__(self, optimizer: GradientDescent, *, higher_is_better: bool, patience: int,
                 factor: float = 0.5, min_lr: float = 0.0):
        self.optimizer, self.higher, self.patience = optimizer, higher_is_better, patience
        self.factor, self.min_lr = factor, min_lr
        self.best = -math.inf if higher_is_better else math.inf
        self.bad = 0

    def step(self, score: float | None = None) -> None:
        if score is None or math.isnan(score):
            return
        if (score > self.best) if self.higher else (score < self.best):
            self.best, self.bad = score, 0
            return
        self.bad += 1
        if self.bad > self.patience:
            self.optimizer.lr = max(self.optimizer.lr * self.factor, self.min_lr)
            self.bad = 0

    def state_dict(self) -> dict[str, float | None]:
        return {"best": self.best if math.isfinite(self.best) else None, "bad": self.bad}

    def load_state_dict(self, state: dict[str, float | None]) -> None:
        best = state["best"]
        self.best = float(best) if best is not None else (-math.inf if self.higher else math.inf)
        self.bad = int(state["bad"])

"""Mixed precision for the training step (``train.precision``): fp32, bf16 or fp16.

bf16 and fp16 run the forward pass under ``torch.autocast``; the loss is computed in fp32 on
the network's outputs. fp16's narrow range needs loss scaling: torch's ``GradScaler`` scales
the loss before backward, unscales the gradients, skips a step whose gradients overflowed and
adapts the scale (its state is checkpointed, so a resumed run continues exactly). Validation,
model selection and the saved weights stay fp32.

fp16 is refused on the CPU (no speed gain there and loss scaling is a GPU habit); bf16 is allowed
on the CPU (oneDNN runs it; fast only where the CPU has bf16 instructions), which is also how the
path is tested on machines without a GPU.
"""

from __future__ import annotations

import contextlib
from typing import Any

import torch

from ..errors import ConfigError

DTYPES = {"fp32": None, "bf16": torch.bfloat16, "fp16": torch.float16}


def check_precision(name: str, device: torch.device) -> None:
    """Refuse a precision the device cannot use, with the fix."""
    if name not in DTYPES:
        raise ConfigError(f"train.precision must be one of {', '.join(DTYPES)}, got {name!r}; fix: set train.precision: fp32")
    if name == "fp16" and device.type != "cuda":
        raise ConfigError("train.precision: fp16 needs a CUDA device (loss-scaled fp16 brings nothing on the CPU); "
                          "fix: set train.precision: bf16 or fp32")


class Precision:
    """The training step's autocast and backward pass for one ``train.precision``.

    >>> p = Precision("bf16", torch.device("cpu"))
    >>> with p.autocast():
    ...     out = model(x)                                          # doctest: +SKIP
    >>> p.backward_step(loss_fn(out.float(), y), optimizer)     # doctest: +SKIP
    """

    def __init__(self, name: str = "fp32", device: torch.device | str = "cpu"):
        device = torch.device(device)
        check_precision(name, device)
        self.name, self.device_type, self.dtype = name, device.type, DTYPES[name]
        self.scaler = torch.amp.GradScaler(device.type) if name == "fp16" else None

    def autocast(self):
        if self.dtype is None:
            return contextlib.nullcontext()
        return torch.autocast(self.device_type, dtype=self.dtype)

    def backward_step(self, loss: torch.Tensor, optimizer) -> None:
        """``loss.backward()`` and the optimizer's step, through the loss scaler under fp16
        (a step whose gradients hold inf or NaN is skipped and the scale lowered)."""
        if self.scaler is None:
            loss.backward()
            optimizer.step()
            return
        self.scaler.scale(loss).backward()
        self.scaler.step(optimizer)
        self.scaler.update()

    def state_dict(self) -> dict[str, Any]:
        return dict(self.scaler.state_dict()) if self.scaler is not None else {}

    def load_state_dict(self, scalars: dict[str, Any] | None) -> None:
        if self.scaler is not None and scalars:
            self.scaler.load_state_dict(dict(scalars))

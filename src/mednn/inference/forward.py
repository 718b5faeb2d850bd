"""The forward pass of a trained network over in-memory features, batched by index.

Features are a tensor of shape (n, ...) or a *Batchable* (``len()`` and ``batch(index)``,
e.g. padded token ids or molecular graphs); :func:`batch_of` takes rows by index either way,
so no per-sample Python runs on the hot path. Training imports these from here.

>>> logits = predict_logits(model, features, batch_size=1024)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

import torch


def move_to(obj: Any, device: torch.device | str) -> Any:
    """A tensor (or a dict / tuple / list of them) on ``device``."""
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


def n_samples(features: Any) -> int:
    return features.shape[0] if isinstance(features, torch.Tensor) else len(features)


@torch.no_grad()
def predict_logits(model: torch.nn.Module, features: Any, *, batch_size: int = 1024,
                   device: torch.device | str = "cpu") -> torch.Tensor:
    """Raw network outputs for every sample, in order, on the CPU (the model in eval mode)."""
    model.eval()
    n = n_samples(features)
    out = []
    for start in range(0, n, batch_size):
        index = torch.arange(start, min(start + batch_size, n))
        out.append(model(move_to(batch_of(features, index), device)).float().cpu())
    if not out:
        return torch.zeros(0)
    return torch.cat(out)

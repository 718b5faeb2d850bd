"""Mini-batch index samplers: shuffled, or class-balanced (seed section 6.1, "stratified batches").

Both yield index tensors for whole batches, drawn with one vectorised call per epoch.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import torch


def shuffled_batches(n: int, batch_size: int, generator: torch.Generator) -> Iterator[torch.Tensor]:
    perm = torch.randperm(n, generator=generator)
    for start in range(0, n, batch_size):
        yield perm[start : start + batch_size]


def balanced_batches(
    targets: np.ndarray, batch_size: int, generator: torch.Generator
) -> Iterator[torch.Tensor]:
    """An epoch of ``n`` draws with replacement, each class equally likely in every batch.

    Multilabel targets balance on "has any positive label" so rare-positive samples are seen.
    """
    y = np.asarray(targets)
    if y.ndim > 1:
        y = (np.nan_to_num(y, nan=0.0) > 0).any(axis=1).astype(int)
    y = y.astype(int)
    counts = np.bincount(y)
    present = counts > 0
    sample_w = np.zeros(len(y))
    sample_w = 1.0 / counts[y]
    sample_w = sample_w / present.sum()
    draws = torch.multinomial(torch.as_tensor(sample_w, dtype=torch.float64), len(y), replacement=True, generator=generator)
    for start in range(0, len(y), batch_size):
        yield draws[start : start + batch_size]

"""Reproducibility and hardware choice: one seed makes two runs give identical metrics."""

from __future__ import annotations

import os
import random

import numpy as np
import torch

from ..errors import ConfigError


def seed_everything(seed: int) -> torch.Generator:
    """Seed Python, NumPy and torch; return a torch Generator for the loop's own sampling."""
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
    return torch.Generator().manual_seed(seed)


def choose_device(name: str = "auto") -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise ConfigError("train.device is 'cuda' but no CUDA device is available; fix: set train.device: auto")
    return torch.device(name)


# below this many parameters a step is too small to share between threads
SMALL_MODEL_PARAMETERS = 200_000


def set_threads(threads: int | None, n_parameters: int | None = None) -> int:
    """Use ``threads`` intra-op threads; by default 1 for small models, else all cores (<= 8).

    Small networks are dominated by per-step overhead, where extra threads only add
    synchronisation (and spin-wait badly when another process is busy on a core). The setting
    is explicit so benchmarks can say what each side used.
    """
    if threads is None:
        small = n_parameters is not None and n_parameters < SMALL_MODEL_PARAMETERS
        threads = 1 if small else min(os.cpu_count() or 1, 8)
    torch.set_num_threads(threads)
    return threads

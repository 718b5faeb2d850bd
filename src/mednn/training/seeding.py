"""Reproducibility and hardware choice: one seed makes two runs give identical metrics."""

from __future__ import annotations

import hashlib
import random

import numpy as np
import torch

from ..errors import ConfigError
from ..inference.threads import SMALL_MODEL_PARAMETERS, set_threads  # noqa: F401 - re-exported


def seed_everything(seed: int) -> torch.Generator:
    """Seed Python, NumPy and torch; return a torch Generator for the loop's own sampling."""
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
    return torch.Generator().manual_seed(seed)


def stream_seed(seed: int, *parts: int) -> int:
    """A seed for one of several random streams derived from ``seed`` (e.g. per epoch and rank),
    unrelated to each other and to ``seed``'s own stream."""
    text = ":".join(str(int(p)) for p in (seed, *parts)).encode("ascii")
    return int.from_bytes(hashlib.sha256(text).digest()[:8], "little") >> 1


def choose_device(name: str = "auto", local_rank: int | None = None) -> torch.device:
    """The device ``train.device`` names; under ``torchrun`` a CUDA device is the process's own,
    ``cuda:LOCAL_RANK``."""
    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "cpu"
    if name == "cuda" and not torch.cuda.is_available():
        raise ConfigError("train.device is 'cuda' but no CUDA device is available; fix: set train.device: auto")
    if name == "cuda" and local_rank is not None:
        if local_rank >= torch.cuda.device_count():
            raise ConfigError(f"LOCAL_RANK {local_rank} has no GPU: this machine has {torch.cuda.device_count()}; "
                              "fix: start torchrun with --nproc_per_node at most the number of GPUs")
        return torch.device("cuda", local_rank)
    return torch.device(name)

"""How many CPU threads a network's forward (and training) pass uses.

Small networks are dominated by per-step overhead, where extra threads only add
synchronisation (and spin-wait badly when another process is busy on a core): one thread
below :data:`SMALL_MODEL_PARAMETERS`, otherwise all cores (at most 8) shared between the
processes on this machine. The setting is explicit so benchmarks can say what each side used.
"""

from __future__ import annotations

import os

import torch

# below this many parameters a step is too small to share between threads
SMALL_MODEL_PARAMETERS = 200_000


def thread_count(threads: int | None, n_parameters: int | None = None, processes: int = 1) -> int:
    """The intra-op thread count :func:`set_threads` would use."""
    if threads is not None:
        return threads
    small = n_parameters is not None and n_parameters < SMALL_MODEL_PARAMETERS
    return 1 if small else max(1, min((os.cpu_count() or 1) // max(processes, 1), 8))


def set_threads(threads: int | None, n_parameters: int | None = None, processes: int = 1) -> int:
    """Use ``threads`` intra-op threads; by default 1 for small models, else all cores (<= 8)
    shared between the ``processes`` training on this machine (torchrun's local world)."""
    threads = thread_count(threads, n_parameters, processes)
    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
    return threads

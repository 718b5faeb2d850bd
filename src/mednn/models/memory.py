"""How much memory training a network takes, checked against what the machine has free now.

:func:`training_memory` estimates, before anything is allocated, the two parts that grow with
the config: the float32 copies of the parameters (:data:`~.base.TRAINING_COPIES` of them:
weights, gradients, Adam's two moments, the best epoch's weights, the weight average) for every
ensemble member kept, and the activations of one training batch (the output of every leaf module,
kept for the backward pass, and its gradient), counted by a forward pass on PyTorch's ``meta``
device, which allocates nothing. :func:`warn_if_short_of_memory` compares the sum with the memory
*available* now (Linux ``MemAvailable``; a GPU's free memory), not the total, and warns in one
line with both numbers and the keys that lower the need. A network it cannot trace on the meta
device (token or graph inputs, weights from a file) is not estimated.

>>> need = training_memory("mlp", task=task, input_shape=(30,), hparams={}, batch_size=64)  # doctest: +SKIP
>>> warn_if_short_of_memory(need, available=2 << 20)  # doctest: +SKIP
"""

from __future__ import annotations

import inspect
import warnings
from dataclasses import dataclass
from typing import Any

from .base import MODELS, TRAINING_COPIES, available_memory

# float32 bytes per activation value, and copies of it while training (the output, its gradient)
_ACTIVATION_COPIES = 2


class MemoryWarning(UserWarning):
    """Training may need more memory than the machine has available."""


@dataclass(frozen=True)
class MemoryNeed:
    """What training ``name`` needs: ``parameter_bytes`` (the copies of the member in training, the
    weights of the others) and
    ``activation_bytes`` (one batch of ``batch_size``, forward and backward)."""

    name: str
    n_parameters: int
    parameter_bytes: int
    activation_bytes: int
    batch_size: int
    members: int = 1

    @property
    def total(self) -> int:
        return self.parameter_bytes + self.activation_bytes

    def batch_that_fits(self, available: int) -> int:
        """The largest batch whose activations fit beside the parameters (0: none does)."""
        per_sample = self.activation_bytes / max(1, self.batch_size)
        room = 0.8 * available - self.parameter_bytes  # a fifth left for the data and the process
        return int(room // per_sample) if per_sample > 0 and room > 0 else 0


def training_memory(name: str, *, task: Any, input_shape: tuple[int, ...], hparams: dict[str, Any],
                    batch_size: int, members: int = 1, inputs: Any = None) -> MemoryNeed | None:
    """The memory training model ``name`` with ``hparams`` on inputs of ``input_shape`` in batches
    of ``batch_size`` needs, or None when the network cannot be traced on the meta device.
    ``inputs``: the training features, when known; a network fed anything but one tensor
    (molecular graphs: a dict of arrays per batch) is not traced with a tensor of zeros."""
    import torch

    if inputs is not None and not isinstance(_one_batch(inputs), torch.Tensor):
        return None  # a tensor where the model indexes a batch dict: torch warned "non-tuple sequence"

    builder = MODELS.get(name)
    defaults = {k: p.default for k, p in inspect.signature(builder).parameters.items()}
    if any({**defaults, **hparams}.get(k) not in (None, inspect.Parameter.empty) for k in ("weights", "model_dir")):
        return None  # the architecture comes from a file
    outputs: list[int] = []

    def count(module, args, output) -> None:
        if isinstance(output, torch.Tensor):
            outputs.append(output.numel() * output.element_size())

    try:
        with torch.random.fork_rng(devices=[]), torch.device("meta"):
            module = builder(task=task, input_shape=tuple(input_shape), **hparams)
            leaves = [m for m in module.modules() if not list(m.children())]
            hooks = [m.register_forward_hook(count) for m in leaves]
            module.train()
            module(torch.zeros((batch_size, *input_shape)))
        for hook in hooks:
            hook.remove()
    except Exception:  # noqa: BLE001  (token ids, graphs, a custom batch type: not estimated)
        return None
    n_parameters = sum(p.numel() for p in module.parameters())
    # the member in training holds every copy; the members trained before it, their weights
    return MemoryNeed(name, n_parameters, n_parameters * 4 * (TRAINING_COPIES + members - 1),
                      sum(outputs) * _ACTIVATION_COPIES, batch_size, members)


def _one_batch(inputs: Any) -> Any:
    """What the model is fed: ``inputs`` itself, or one sample's batch of a Batchable (images read
    from a cache give a tensor, molecular graphs a dict)."""
    import numpy as np

    if hasattr(inputs, "batch") and not hasattr(inputs, "shape"):
        return inputs.batch(np.arange(1)) if len(inputs) else None
    return inputs


def _size(n: float) -> str:
    return f"{n / 2**30:.1f} GiB" if n >= 2**30 else f"{n / 2**20:.0f} MiB"


def warn_if_short_of_memory(need: MemoryNeed | None, available: int | None = None) -> bool:
    """Warn (one line: needed against available, and the keys that lower it) when ``need``
    exceeds the memory ``available`` now (default: :func:`~.base.available_memory`); whether it did."""
    available = available_memory() if available is None else available
    if need is None or available is None or need.total <= available:
        return False
    members = f" and the weights of {need.members - 1} more ensemble members" if need.members > 1 else ""
    fits = need.batch_that_fits(available)
    batch = (f"lower train.batch_size (about {fits} fits)" if 0 < fits < need.batch_size
             else "use a smaller model (model.*) or input size (featurize.size)")
    warnings.warn(MemoryWarning(
        f"training {need.name!r} may need about {_size(need.total)} of memory ({_size(need.parameter_bytes)} for "
        f"{TRAINING_COPIES} copies of its {need.n_parameters:,} parameters{members}, {_size(need.activation_bytes)} "
        f"of activations for a batch of {need.batch_size}), but {_size(available)} are available now; it may fail "
        f"or swap; fix: {batch}, or free memory"), stacklevel=2)
    return True

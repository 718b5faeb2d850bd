"""The model registry and the contract every network follows.

A model is registered with ``@MODELS.register("name")`` on a builder::

    @MODELS.register("mlp")
    def build_mlp(*, task: Task, input_shape: tuple[int, ...], hidden_sizes=(5,), ...) -> nn.Module

The builder takes the task and the featurized input shape plus explicit keyword hparams
(no args namespace) and returns an ``nn.Module`` whose ``forward(batch)`` returns logits of
shape ``(n, task.n_outputs)`` (binary: one logit; regression: one value per target). The
output activation (sigmoid / softmax / identity) lives in the loss and in :func:`to_probabilities`,
not in the module, so that training uses the numerically stable fused losses.
``model.json`` records name + hparams so a run rebuilds its model without its config.
"""

from __future__ import annotations

import inspect
from typing import Any

from ..errors import ConfigError
from ..registry import Registry

MODELS: Registry = Registry("model")


def check_hparams(name: str, hparams: dict[str, Any]) -> None:
    """Refuse an unknown model or hparam name before any data is read."""
    builder = MODELS.get(name)
    params = inspect.signature(builder).parameters
    if any(p.kind is p.VAR_KEYWORD for p in params.values()):
        return
    allowed = [k for k in params if k not in ("task", "input_shape")]
    for key in hparams:
        if key not in allowed:
            raise ConfigError(f"Unknown key 'model.{key}' for model {name!r}; valid keys: {', '.join(allowed)}")


def build_model(name: str, *, task: Any, input_shape: tuple[int, ...], **hparams: Any):
    """Build a registered model, turning a wrong hparam into a ConfigError that names it."""
    check_hparams(name, hparams)
    builder = MODELS.get(name)
    try:
        return builder(task=task, input_shape=tuple(input_shape), **hparams)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"Cannot build model {name!r} from the given hparams: {exc}") from None


def default_hparams(name: str) -> dict[str, Any]:
    """Keyword defaults of a registered builder (used to resolve the config)."""
    params = inspect.signature(MODELS.get(name)).parameters
    return {
        k: p.default
        for k, p in params.items()
        if k not in ("task", "input_shape") and p.default is not inspect.Parameter.empty
    }

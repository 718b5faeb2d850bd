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

Sizes are bounded before anything is allocated (a typo or an edited ``model.json`` must not
ask for 40 GB): every number in the hparams is at most :data:`MAX_WIDTH`, a list of sizes
holds at most :data:`MAX_LAYERS`, and a network built from its own parts (no weights file)
is first built on PyTorch's ``meta`` device, which allocates nothing, to count its parameters
against :data:`MAX_PARAMETERS`.
"""

from __future__ import annotations

import inspect
from typing import Any

from ..errors import ConfigError
from ..registry import Registry

MODELS: Registry = Registry("model")

MAX_WIDTH = 65_536  # widest layer / largest count any hparam may ask for
MAX_LAYERS = 1_024  # longest list of sizes
MAX_PARAMETERS = 1_000_000_000  # 4 GB of float32 weights, before gradients and optimiser state
# float32 copies of every parameter while training: weights, gradients, Adam's two moments, the
# best epoch's weights, and one for the weight average / DP-SGD's per-sample work
TRAINING_COPIES = 6


def available_memory() -> int | None:
    """Bytes of memory the system can give this process now (Linux: MemAvailable), else None."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        import os

        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def check_memory(name: str, n_parameters: int, *, copies: int) -> None:
    """Refuse, before allocating, a model whose ``copies`` float32 copies of its parameters do not
    fit in the memory available now (one line, instead of a 14-37 GB allocation error)."""
    needed = n_parameters * 4 * copies
    available = available_memory()
    if available is not None and needed > available:
        raise ConfigError(f"Model {name!r} has {n_parameters:,} parameters: {'training' if copies > 1 else 'loading'} "
                          f"it needs about {needed / 2**30:.1f} GiB, but {available / 2**30:.1f} GiB of memory are "
                          "available; fix: use smaller model.* sizes (e.g. model.hidden_sizes) or a larger machine")


def _numbers(value: Any) -> list[float]:
    """The numbers in an hparam value (a number, a numeric string, or a list of them)."""
    items = value if isinstance(value, (list, tuple)) else [value]
    found = []
    for item in items:
        if isinstance(item, bool):
            continue
        if isinstance(item, str):
            try:
                item = float(item)
            except ValueError:
                continue
        if isinstance(item, (int, float)):
            found.append(float(item))
    return found


def _check_sizes(name: str, hparams: dict[str, Any]) -> None:
    estimate = 0.0
    for key, value in hparams.items():
        if isinstance(value, (list, tuple)) and len(value) > MAX_LAYERS:
            raise ConfigError(f"model.{key} of model {name!r} lists {len(value):,} sizes; expected at most "
                              f"{MAX_LAYERS:,}; fix: use fewer layers")
        numbers = _numbers(value)
        if any(abs(v) > MAX_WIDTH or v != v for v in numbers):
            raise ConfigError(f"model.{key} of model {name!r} asks for more than {MAX_WIDTH:,} "
                              f"(the largest size mednn builds); fix: use smaller sizes")
        # consecutive layer sizes multiply into weight matrices
        estimate += sum(a * b for a, b in zip(numbers, numbers[1:]))
    if estimate > MAX_PARAMETERS:
        raise ConfigError(f"The layer sizes of model {name!r} need over {MAX_PARAMETERS:,} parameters; "
                          "fix: use smaller model.* sizes")


def _check_parameter_count(name: str, builder, task: Any, input_shape: tuple[int, ...],
                           hparams: dict[str, Any], copies: int = 1) -> None:
    """Build on the meta device (no memory) and count the parameters, before the real build."""
    import torch

    defaults = {k: p.default for k, p in inspect.signature(builder).parameters.items()}
    if any({**defaults, **hparams}.get(k) not in (None, inspect.Parameter.empty) for k in ("weights", "model_dir")):
        return  # the architecture comes from a file: building it twice would read the file twice
    try:
        with torch.random.fork_rng(devices=[]), torch.device("meta"):
            module = builder(task=task, input_shape=tuple(input_shape), **hparams)
        n_parameters = sum(p.numel() for p in module.parameters())
    except Exception:  # noqa: BLE001  (the real build below reports a bad hparam)
        return
    if n_parameters > MAX_PARAMETERS:
        raise ConfigError(f"Model {name!r} would have {n_parameters:,} parameters, more than "
                          f"{MAX_PARAMETERS:,}; fix: use smaller model.* sizes")
    check_memory(name, n_parameters, copies=copies)


def check_hparams(name: str, hparams: dict[str, Any]) -> None:
    """Refuse an unknown model or hparam name before any data is read."""
    builder = MODELS.get(name)
    params = inspect.signature(builder).parameters
    if any(p.kind is p.VAR_KEYWORD for p in params.values()):
        _check_sizes(name, hparams)
        return
    allowed = [k for k in params if k not in ("task", "input_shape")]
    for key in hparams:
        if key not in allowed:
            raise ConfigError(f"Unknown key 'model.{key}' for model {name!r}; valid keys: {', '.join(allowed)}")
        _check_type(name, key, hparams[key], params[key].default, also_int="int" in str(params[key].annotation))
    _check_sizes(name, hparams)


def _check_type(name: str, key: str, value: Any, default: Any, also_int: bool = False) -> None:
    """An hparam takes the type of its default: a count or size a whole number from 1, a rate a
    finite number from 0 (a dropout below 1), a switch true or false (or, ``also_int`` when its
    annotation says ``bool | int``, a whole number from 0); before anything is built."""
    import math

    def refuse(expected: str) -> None:
        raise ConfigError(f"model.{key} of model {name!r} must be {expected}; got {value!r}; fix: correct the value")

    def count(v: Any) -> bool:
        return isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= MAX_WIDTH

    if value is None or default is None or default is inspect.Parameter.empty or isinstance(default, str):
        return
    if isinstance(default, bool):
        whole = also_int and isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_WIDTH
        if not isinstance(value, bool) and not whole:
            refuse("true or false" + (f" or a whole number from 0 to {MAX_WIDTH:,}" if also_int else ""))
    elif isinstance(default, int):
        if not count(value):
            refuse(f"a whole number from 1 to {MAX_WIDTH:,}")
    elif isinstance(default, float):
        top = 1 if "dropout" in key else MAX_WIDTH
        if (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
                or not 0 <= value < top + (0 if top == 1 else 1)):
            refuse("a number from 0 to below 1" if top == 1 else f"a finite number from 0 to {MAX_WIDTH:,}")
    elif isinstance(default, (tuple, list)) and all(isinstance(v, int) and not isinstance(v, bool) for v in default):
        if not isinstance(value, (list, tuple)) or not all(count(v) for v in value):
            refuse(f"a list of whole numbers from 1 to {MAX_WIDTH:,}")


def build_model(name: str, *, task: Any, input_shape: tuple[int, ...], for_training: bool = True, **hparams: Any):
    """Build a registered model, turning a wrong hparam into a ConfigError that names it.

    Its parameters are counted first on the meta device and checked against the memory
    available: :data:`TRAINING_COPIES` copies ``for_training``, one to load a finished run.
    """
    check_hparams(name, hparams)
    builder = MODELS.get(name)
    _check_parameter_count(name, builder, task, tuple(input_shape), hparams,
                           copies=TRAINING_COPIES if for_training else 1)
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

"""Checks on what a run's files ask for, made when a run is loaded, signed or not.

- ``model.json`` is bounded before anything is allocated (input shape, hyperparameter sizes),
  and the network it describes is built on PyTorch's meta device and compared with the tensor
  shapes in ``model.safetensors``' header;
- the weights and the featurizer's fitted state must be finite (a NaN weight gives blank
  probabilities; a NaN scaler turns every patient into one answer);
- thresholds, temperatures, conformal quantiles and the target scaler are checked by the
  schema (:mod:`mednn.runs.schema`) as the record is read.

Each refusal is one :class:`~mednn.errors.ModelError` line naming the file and the field.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError, problem
from .manifest import MAX_MANIFEST_BYTES

# bounds on what model.json may ask for, checked before anything is allocated: far above any
# model mednn trains (a fine-tuned BERT-large has 3.4e8 parameters), far below what exhausts memory
MAX_INPUT_DIMENSION = 1 << 20
MAX_INPUT_ELEMENTS = 1 << 28
MAX_HPARAM_VALUE = 1 << 16
MAX_HPARAM_ITEMS = 256



def check_model_info(info: Any, source: Path) -> None:
    """Refuse a ``model.json`` whose sizes would allocate absurd memory, naming the key."""

    def bad(key: str, got: Any, expected: str) -> ModelError:
        return ModelError(problem(f"{source}: '{key}' is out of range", got=got, expected=expected,
                                  fix="restore model.json or retrain the run"))

    if not isinstance(info, dict) or not isinstance(info.get("name"), str) or not isinstance(info.get("hparams"), dict):
        raise ModelError(problem(f"{source} is not a mednn model description",
                                 expected="an object with 'name', 'hparams', 'task' and 'input_shape'",
                                 fix="restore model.json or retrain the run"))
    shape = info.get("input_shape")
    if (not isinstance(shape, list) or not 1 <= len(shape) <= 4
            or not all(isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= MAX_INPUT_DIMENSION for d in shape)):
        raise bad("input_shape", shape if isinstance(shape, list) and len(shape) <= 4 else type(shape).__name__,
                  f"1 to 4 integers from 0 to {MAX_INPUT_DIMENSION}")
    if int(np.prod(shape, dtype=np.int64)) > MAX_INPUT_ELEMENTS:
        raise bad("input_shape", shape, f"at most {MAX_INPUT_ELEMENTS} input values per sample")

    def walk(value: Any, key: str) -> None:
        if isinstance(value, bool) or value is None or isinstance(value, str):
            return
        if isinstance(value, (int, float)):
            if not np.isfinite(value) or abs(value) > MAX_HPARAM_VALUE:
                raise bad(key, value, f"a size of at most {MAX_HPARAM_VALUE}")
            return
        if isinstance(value, list):
            if len(value) > MAX_HPARAM_ITEMS:
                raise bad(key, f"{len(value)} items", f"at most {MAX_HPARAM_ITEMS}")
            for item in value:
                walk(item, key)
            return
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{key}.{k}")
            return
        raise bad(key, type(value).__name__, "numbers, text, or lists of them")

    walk(info["hparams"], "hparams")


def safetensors_shapes(path: Path) -> dict[str, tuple[int, ...]]:
    """Tensor name -> shape from a safetensors header, read without loading any tensor."""
    import struct

    try:
        with open(path, "rb") as f:
            (length,) = struct.unpack("<Q", f.read(8))
            if length > MAX_MANIFEST_BYTES or length > path.stat().st_size:
                raise ValueError("header length")
            header = json.loads(f.read(length))
        shapes = {k: tuple(int(d) for d in v["shape"]) for k, v in header.items() if k != "__metadata__"}
    except (OSError, struct.error, ValueError, TypeError, KeyError, AttributeError):
        raise ModelError(f"{path} is not a readable safetensors file; fix: restore it or retrain the run") from None
    return shapes


def _build_members(info: dict[str, Any], task: Any, n_members: int, *, device: str | None = None) -> Any:
    import torch

    from ..models import build_model
    from ..models.ensemble import Ensemble

    hparams = dict(info["hparams"])
    if hparams.get("weights") is not None:
        hparams["weights"] = None  # pretrained start weights: the run's own weights replace them

    def build():
        return [build_model(info["name"], task=task, input_shape=tuple(info["input_shape"]), for_training=False,
                            **hparams)
                for _ in range(n_members)]

    if device is None:
        members = build()
    else:
        with torch.device(device):
            members = build()
    return Ensemble(members, task.kind) if len(members) > 1 else members[0]


def check_weights_fit(info: dict[str, Any], task: Any, n_members: int, weights: Path) -> None:
    """Build the model on PyTorch's meta device (shapes, no memory) and compare its tensors with
    the header of ``model.safetensors``, so a ``model.json`` that asks for a huge network, or one
    the weights do not fit, is refused before any memory is allocated."""
    from ..errors import ConfigError

    try:
        # the model builder refuses a network over its parameter bound (mednn.models.base)
        model = _build_members(info, task, n_members, device="meta")
    except (RuntimeError, NotImplementedError):  # a builder that needs real values: its keys were bounded
        return
    except ConfigError as exc:
        raise ModelError(problem(f"{weights.with_name('model.json')}: 'hparams' / 'input_shape' describe a network "
                                 f"of too many parameters ({exc})", fix="restore model.json or retrain the run")) from None
    shapes = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    stored = safetensors_shapes(weights)
    if stored != shapes:
        differing = sorted(set(stored) ^ set(shapes)) or sorted(k for k in shapes if stored[k] != shapes[k])
        raise ModelError(problem(f"{weights} does not fit the network model.json describes (tensor "
                                 f"'{differing[0]}' differs)", fix="restore model.json and the weights, or retrain"))




def check_finite_state(state: Any, source: Path, key: str = "state") -> None:
    """Refuse a fitted state (featurizer means and scales, vocabularies...) holding NaN or an
    infinity, naming the first key where one is."""
    if isinstance(state, bool) or state is None or isinstance(state, str):
        return
    if isinstance(state, (int, float)):
        if not math.isfinite(state):
            raise ModelError(problem(f"{source}: '{key}' is not a finite number", got=state,
                                     fix="restore the file or retrain the run"))
        return
    if isinstance(state, np.ndarray):
        if state.dtype.kind == "f" and not np.isfinite(state).all():
            raise ModelError(problem(f"{source}: '{key}' holds values that are not finite",
                                     fix="restore the file or retrain the run"))
        return
    if isinstance(state, dict):
        for k, v in state.items():
            check_finite_state(v, source, f"{key}.{k}")
    elif isinstance(state, (list, tuple)):
        for i, v in enumerate(state):
            check_finite_state(v, source, f"{key}[{i}]" if not isinstance(v, (dict, list)) else key)


def check_finite_weights(weights: dict[str, Any], source: Path) -> None:
    """Refuse weights holding NaN or an infinity (the network would answer blank), naming the tensor."""
    import torch

    for name, tensor in weights.items():
        if tensor.is_floating_point() and not bool(torch.isfinite(tensor).all()):
            raise ModelError(problem(f"{source}: tensor '{name}' holds values that are not finite",
                                     fix="restore the weights or retrain the run"))

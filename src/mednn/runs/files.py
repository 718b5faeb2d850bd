"""File primitives of a run: JSON without NaN, hashing, atomic writes, one-line OS errors.

Everything that touches a run's bytes goes through these helpers, so a failed write (disk
full, read-only folder) is one :class:`~mednn.errors.DataError` line and leaves nothing half
written. Arrays inside a state are split out to safetensors (:func:`split_arrays`).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError, problem
from ..outputs import atomic_file, cannot_write, os_error  # noqa: F401  (re-exported: mednn.runs.os_error)

MAX_JSON_BYTES = 256 << 20  # a run file larger than this is not one mednn wrote
MANIFEST = "manifest.json"  # its presence marks a finished run
REGENERABLE = "report.html"  # rebuilt from the other files by `mednn report`
SIGNATURE = "signature.json"  # optional (`mednn sign`): signs the manifest, so never listed in it

def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _json_default(obj: Any) -> Any:
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def clean_nan(obj: Any) -> Any:
    """JSON has no NaN: undefined values are written as null."""
    if isinstance(obj, float) and not np.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: clean_nan(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [clean_nan(v) for v in obj]
    if isinstance(obj, np.floating):
        return clean_nan(float(obj))
    return obj


_clean_nan = clean_nan  # the name tuning.py imports


def dumps(obj: Any) -> str:
    return json.dumps(clean_nan(obj), indent=2, default=_json_default, allow_nan=False)


def split_arrays(state: Any, prefix: str = "") -> tuple[Any, dict[str, np.ndarray]]:
    """Replace NumPy arrays in a nested state by references; return (json_state, arrays)."""
    arrays: dict[str, np.ndarray] = {}

    def walk(node: Any, path: str) -> Any:
        if isinstance(node, np.ndarray) and node.dtype != object:
            arrays[path] = np.ascontiguousarray(node)
            return {"__array__": path}
        if isinstance(node, dict):
            return {k: walk(v, f"{path}.{k}" if path else str(k)) for k, v in node.items()}
        if isinstance(node, (list, tuple)):
            return [walk(v, f"{path}.{i}") for i, v in enumerate(node)]
        return node

    return walk(state, prefix), arrays


def join_arrays(state: Any, arrays: dict[str, np.ndarray]) -> Any:
    if isinstance(state, dict):
        if set(state) == {"__array__"}:
            return arrays[state["__array__"]]
        return {k: join_arrays(v, arrays) for k, v in state.items()}
    if isinstance(state, list):
        return [join_arrays(v, arrays) for v in state]
    return state


# --- where runs and outputs may be written ---------------------------------------------------

def read_json(path: Path, *, fix: str = "restore the file or retrain the run") -> Any:
    """A run's JSON file, parsed; a missing, oversized or invalid file is one ModelError line."""
    path = Path(path)
    if path.is_symlink() or not path.is_file():
        raise ModelError(problem(f"{path} is missing", fix=fix))
    if path.stat().st_size > MAX_JSON_BYTES:
        raise ModelError(problem(f"{path} is too large for a run file", expected=f"at most {MAX_JSON_BYTES >> 20} MB",
                                 fix=fix))
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ModelError(problem(f"{path} is not valid JSON", fix=fix)) from None


def frame_to_csv(frame, f=None) -> str | None:
    """CSV text (or written to the open file ``f``): 6 significant digits, empty cells for
    missing values, one layout for predictions.csv and ``mednn predict``."""
    out = frame.copy(deep=False)
    for column in out.columns:
        if out[column].dtype.kind == "f":  # formatted here: pandas' float_format is a Python call per cell
            values = out[column].to_numpy()
            text = np.array([f"{v:.6g}" for v in values.tolist()], dtype=object)
            text[np.isnan(values)] = ""
            out[column] = text
    return out.to_csv(f, index=False, lineterminator="\n", na_rep="")


def read_csv(path: Path):
    """A run's CSV file as text columns (ids and class names stay text: "0" is not 0.0)."""
    import pandas as pd

    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, OSError):
        raise ModelError(problem(f"{path} is not a readable CSV file", fix="restore the file or retrain the run")) from None


def open_atomic(path: str | Path, mode: str = "w", **kwargs: Any):
    """Open a temporary sibling of ``path`` for writing; it replaces ``path`` only on success
    (:func:`mednn.outputs.atomic_file`: on any error the partial is removed, an ``OSError``
    such as a full disk becomes a one-line :class:`~mednn.errors.DataError`)::

        with open_atomic("preds.csv", newline="") as f:
            csv.writer(f).writerows(rows)
    """
    return atomic_file(path, mode, **kwargs)


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write a file so that a reader never sees half of it."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(path.parent, exc, "create the folder") from None
    with open_atomic(path) as f:
        f.write(text)
    return path



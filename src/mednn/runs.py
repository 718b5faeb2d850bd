"""The run directory: atomic writing, hashing, and loading without executing code.

A run is written into a hidden temporary sibling and renamed into place only after every file
and the manifest are written, so an interrupted or failed run leaves nothing that looks
finished (``manifest.json`` is the mark of a finished run). Weights and large arrays are
safetensors; everything else is JSON / YAML / CSV. Layout: ``docs/run-directory.md``.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .errors import DataError, ModelError, problem

MANIFEST = "manifest.json"
REGENERABLE = "report.html"  # rebuilt from the other files by `mednn report`


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


def _clean_nan(obj: Any) -> Any:
    """JSON has no NaN: undefined values are written as null."""
    if isinstance(obj, float) and not np.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: _clean_nan(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean_nan(v) for v in obj]
    if isinstance(obj, np.floating):
        return _clean_nan(float(obj))
    return obj


def dumps(obj: Any) -> str:
    return json.dumps(_clean_nan(obj), indent=2, default=_json_default, allow_nan=False)


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


class RunWriter:
    """Write a run atomically::

        with RunWriter(Path("runs/demo"), overwrite=True) as run:
            run.write_json("metrics.json", metrics)
        # only now does runs/demo exist
    """

    def __init__(self, final: Path, *, overwrite: bool = False):
        self.final = Path(final)
        self.overwrite = overwrite
        if self.final.exists() and not overwrite:
            raise DataError(
                f"Run directory {self.final} already exists; fix: pass --out with a new path or --overwrite"
            )
        self.final.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.final.name}.partial-", dir=self.final.parent))
        # mkdtemp makes a private (0700) folder; a finished run gets the usual permissions
        umask = os.umask(0)
        os.umask(umask)
        self._mode = 0o777 & ~umask

    def __enter__(self) -> "RunWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            return
        self._finish()

    def file(self, name: str) -> Path:
        return self.path / name

    def write_text(self, name: str, text: str) -> Path:
        p = self.path / name
        p.write_text(text, encoding="utf-8")
        return p

    def write_json(self, name: str, obj: Any) -> Path:
        return self.write_text(name, dumps(obj) + "\n")

    def _finish(self, extra: dict[str, Any] | None = None) -> None:
        manifest = build_manifest(self.path, extra=getattr(self, "manifest_extra", None))
        (self.path / MANIFEST).write_text(dumps(manifest) + "\n", encoding="utf-8")
        os.chmod(self.path, self._mode)
        for p in self.path.rglob("*"):
            os.chmod(p, self._mode if p.is_dir() else self._mode & 0o666)
        old = None
        if self.final.exists():
            old = self.final.with_name(f".{self.final.name}.old-{os.getpid()}")
            os.replace(self.final, old)
        os.replace(self.path, self.final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def build_manifest(path: Path, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    import torch

    from . import __version__

    files = {
        p.relative_to(path).as_posix(): sha256_file(p)
        for p in sorted(path.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }
    versions = {"mednn": __version__, "python": platform.python_version(), "torch": torch.__version__,
                "numpy": np.__version__}
    for name in ("sklearn", "pandas", "monai", "rdkit", "tokenizers", "transformers"):
        mod = __import__("sys").modules.get(name)
        if mod is not None and hasattr(mod, "__version__"):
            versions[name] = mod.__version__
    return {"files": files, "versions": versions, **(extra or {})}


def verify_manifest(path: Path) -> None:
    """Raise if a file of a finished run is missing or changed since it was written."""
    path = Path(path)
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        raise ModelError(
            f"{path} is not a finished mednn run (no {MANIFEST}); fix: point to a run directory written by `mednn train`"
        )
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for name, digest in manifest["files"].items():
        if name == REGENERABLE:
            continue
        f = path / name
        if not f.is_file():
            raise ModelError(f"Run {path} is missing {name}; fix: re-run training or restore the file")
        if name.endswith(".safetensors") and sha256_file(f) != digest:
            raise ModelError(f"Run file {f} changed since the run was written (sha256 differs); fix: restore it")


@dataclass
class LoadedRun:
    path: Path
    config: Any
    task: Any
    model: Any
    featurizer: Any
    model_info: dict[str, Any]
    metrics: dict[str, Any]
    target_scaler: Any = None
    temperature: float = 1.0
    threshold: Any = None


def save_state(writer: RunWriter, name: str, state: Any) -> None:
    """Write ``<name>.json`` (+ ``<name>.safetensors`` when the state holds arrays)."""
    from safetensors.numpy import save_file

    json_state, arrays = split_arrays(state)
    writer.write_json(f"{name}.json", json_state)
    if arrays:
        save_file(arrays, str(writer.file(f"{name}.safetensors")))


def load_state(path: Path, name: str) -> Any:
    from safetensors.numpy import load_file

    state = json.loads((path / f"{name}.json").read_text(encoding="utf-8"))
    tensors = path / f"{name}.safetensors"
    arrays = load_file(str(tensors)) if tensors.is_file() else {}
    return join_arrays(state, arrays)


def load_run(path: str | Path, *, device: str = "cpu") -> LoadedRun:
    """Rebuild a run's featurizer and model from its files (no pickle, no code execution)."""
    import torch
    from safetensors.torch import load_file

    from .config import load_config
    from .data.base import Task
    from .featurizers import build_featurizer
    from .models import build_model, load_model_modules
    from .models.ensemble import Ensemble
    from .training.losses import TargetScaler

    path = Path(path)
    verify_manifest(path)
    config = load_config(path / "config.yaml")
    info = json.loads((path / "model.json").read_text(encoding="utf-8"))
    task = Task.from_dict(info["task"])
    feat_state = load_state(path, "featurizer")
    featurizer = build_featurizer(feat_state["name"], feat_state.get("params", {}))
    featurizer.load_state_dict(feat_state["state"])
    load_model_modules()
    n_members = info.get("ensemble", 1)
    if not isinstance(n_members, int) or not 1 <= n_members <= 100:
        raise ModelError(problem(f"{path / 'model.json'}: invalid 'ensemble' count", got=n_members,
                                 expected="an integer from 1 to 100, as train.ensemble allows",
                                 fix="retrain the run"))
    members = [build_model(info["name"], task=task, input_shape=tuple(info["input_shape"]), **info["hparams"])
               for _ in range(n_members)]
    model = Ensemble(members, task.kind) if len(members) > 1 else members[0]
    weights = load_file(str(path / "model.safetensors"), device=device)
    model.load_state_dict(weights)
    model.eval()
    metrics = json.loads((path / "metrics.json").read_text(encoding="utf-8"))
    scaler = TargetScaler.from_state(info["target_scaler"]) if info.get("target_scaler") else None
    torch.set_grad_enabled(True)
    return LoadedRun(
        path=path, config=config, task=task, model=model, featurizer=featurizer, model_info=info,
        metrics=metrics, target_scaler=scaler,
        temperature=float((metrics.get("calibration") or {}).get("temperature") or 1.0),
        threshold=(metrics.get("threshold") or {}).get("value"),
    )


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write a file so that a reader never sees half of it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.partial-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def refresh_manifest_entry(path: str | Path, name: str) -> None:
    """Record the new hash of a regenerated file (the report) in the run's manifest."""
    path = Path(path)
    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"][name] = sha256_file(path / name)
    write_text_atomic(path / MANIFEST, dumps(manifest) + "\n")

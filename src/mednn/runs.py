"""The run directory: atomic writing, hashing, and loading without executing code.

A run is written into a hidden temporary sibling and renamed into place only after every file
and the manifest are written, so an interrupted or failed run leaves nothing that looks
finished (``manifest.json`` is the mark of a finished run). Weights and large arrays are
safetensors; everything else is JSON / YAML / CSV. Layout: ``docs/run-directory.md``.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import platform
import re
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from .errors import ConfigError, DataError, ModelError, problem

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


# --- where runs and outputs may be written ---------------------------------------------------

# a run's name becomes a folder under runs/: one plain path component, nothing that climbs out
_RUN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
_IMPORTED = time.time()


def check_run_name(name: str) -> str:
    """Return ``name`` if it is a plain folder name (letters, digits, ``._-``; no ``/`` or ``..``).

    >>> check_run_name("breast_cancer")
    'breast_cancer'
    """
    if not isinstance(name, str) or not _RUN_NAME.fullmatch(name) or ".." in name:
        raise ConfigError(problem("The config key 'name' must be a plain folder name (it becomes runs/<name>)",
                                  got=repr(name), expected="letters, digits, '.', '_' or '-', without '/' or '..'",
                                  fix="rename the run, or pass --out to choose its folder"))
    return name


def is_run(path: str | Path) -> bool:
    """Whether ``path`` is a finished mednn run: a real folder (not a link) holding ``manifest.json``."""
    path = Path(path)
    return path.is_dir() and not path.is_symlink() and (path / MANIFEST).is_file()


def _enclosing_run(path: Path) -> Path | None:
    """The run directory that ``path`` lies inside, if any (links resolved)."""
    for folder in [path, *path.parents]:
        if (folder / MANIFEST).is_file():
            return folder
    return None


def _existing_folder(path: Path) -> Path:
    """``path`` made absolute with links resolved, for its part that exists."""
    path = Path(os.path.abspath(path))
    missing: list[str] = []
    while not path.exists() and path != path.parent:
        missing.append(path.name)
        path = path.parent
    return path.resolve().joinpath(*reversed(missing))


def _reason_and_fix(exc: OSError) -> tuple[str, str]:
    reason = os.strerror(exc.errno) if exc.errno else type(exc).__name__
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return reason, "free disk space (or raise the quota) and run again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return reason, "use a file or folder you may read and write (--out)"
    if exc.errno == errno.ENOENT:
        return reason, "create the folder first or choose another path"
    return reason, "check the disk and the path, then run again"


def _cannot_write(target: Path, exc: OSError, what: str = "write") -> DataError:
    reason, fix = _reason_and_fix(exc)
    return DataError(f"Could not {what} {target} ({reason}); nothing was written; fix: {fix}")


def os_error(exc: OSError, fallback: str | Path) -> DataError:
    """One line for an operating-system error a command met (disk full, permission denied...).

    Names the file the system reported (or ``fallback``) and the reason; never file contents.
    """
    reason, fix = _reason_and_fix(exc)
    return DataError(f"{exc.filename or fallback}: {reason}; fix: {fix}")


def _probe_writable(folder: Path, name: str) -> None:
    """Create and remove a temporary folder where the run will go: the real test of a write."""
    try:
        os.rmdir(tempfile.mkdtemp(prefix=f".{name}.partial-{os.getpid()}-", dir=folder))
    except OSError as exc:
        raise _cannot_write(folder, exc, "write in") from None


def check_run_target(out: str | Path | None, *, overwrite: bool = False, name: str | None = None) -> Path:
    """Check, before any training, where a run will be written; return that path.

    ``out`` defaults to ``runs/<name>`` (``name`` must be a plain folder name). Only an existing
    *run* (a folder with ``manifest.json``) may be replaced, and only with ``overwrite``; any other
    existing file or non-empty folder is refused, overwrite or not. A run is never written inside
    another run. The parent folder is created if missing and must be writable.

    >>> check_run_target(None, name="bc")  # doctest: +SKIP
    PosixPath('runs/bc')
    """
    if out is None:
        if name is None:
            raise ConfigError("check_run_target needs out or name")
        out = Path("runs") / check_run_name(name)
    out = Path(out)
    if out.name in ("", ".", ".."):
        raise ConfigError(problem(f"--out {out} does not name a run folder", fix="pass --out with a new folder path"))
    if out.is_symlink():
        raise DataError(problem(f"{out} is a symbolic link; a run is never written through a link",
                                fix="pass --out with a new folder path"))
    if out.exists():
        if is_run(out):
            if not overwrite:
                raise DataError(problem(f"Run directory {out} already exists",
                                        fix="pass --out with a new path, or --overwrite to replace that run"))
        elif not (out.is_dir() and not any(out.iterdir())):
            raise DataError(problem(
                f"{out} exists and is not a mednn run (no {MANIFEST}); only a run is ever replaced, "
                "even with --overwrite", fix="pass --out with a new path"))
    where = _existing_folder(out)
    inside = _enclosing_run(where.parent)
    if inside is not None:
        raise DataError(problem(f"{out} lies inside the run directory {inside}; a run's files are never changed",
                                fix="pass --out with a path outside that run"))
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(parent, exc, "create the folder") from None
    _probe_writable(parent, out.name)
    return out


def check_output_file(out: str | Path, *, inputs: list[str | Path] | tuple = ()) -> Path:
    """Check a file that a command will write (``predict --out``, ``evaluate --out``); return it.

    Refused, before any work: a path that is one of ``inputs`` (it would be overwritten), a path
    inside a run directory (a run's files change only through ``mednn train``), an existing
    folder, a missing or unwritable parent folder.

    >>> check_output_file("preds.csv", inputs=["new_patients.csv"])  # doctest: +SKIP
    PosixPath('preds.csv')
    """
    out = Path(out)
    if out.is_dir():
        raise DataError(problem(f"--out {out} is a folder", fix="name a file, e.g. --out predictions.csv"))
    target = _existing_folder(out)
    for given in inputs:
        if given is None:
            continue
        source = _existing_folder(Path(given))
        same = target == source or (out.exists() and Path(given).exists() and os.path.samefile(out, given))
        if same:
            raise DataError(problem(f"--out {out} is the input {given}; it would be overwritten",
                                    fix="pass --out with another file name"))
    inside = _enclosing_run(target.parent)
    if inside is not None:
        raise DataError(problem(f"--out {out} lies inside the run directory {inside}; a run's files are never "
                                "changed by this command", fix="write the output outside the run"))
    parent = out.parent
    if not parent.is_dir():
        raise DataError(problem(f"The folder {parent} of --out {out} does not exist",
                                fix="create it first or choose another --out"))
    try:
        probe_fd, probe = tempfile.mkstemp(prefix=f".{out.name}.partial-", dir=parent)
        os.close(probe_fd)
        os.unlink(probe)
    except OSError as exc:
        raise _cannot_write(parent, exc, "write in") from None
    return out


# --- stale partial writes ---------------------------------------------------------------------

def _process_started() -> float:
    """When this process started (Linux: from /proc; elsewhere: when mednn.runs was imported)."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(fields[19])  # field 22 of proc(5), counted after the command name
        boot = next(int(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
        return min(boot + ticks / os.sysconf("SC_CLK_TCK"), _IMPORTED)
    except (OSError, ValueError, IndexError, StopIteration):
        return _IMPORTED


def _pid_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def clean_stale_partials(final: str | Path) -> list[Path]:
    """Remove ``.<name>.partial-*`` folders left beside ``final`` by a killed write of the same run.

    Only mednn's own pattern, only real folders (never links), only those last changed before this
    process started and whose writing process (its id is in the name) is no longer running, so a
    run being written by another process at the same time is left alone. Returns what was removed.
    """
    final = Path(final)
    parent = final.parent
    if not parent.is_dir():
        return []
    started = _process_started()
    pattern = re.compile(rf"\.{re.escape(final.name)}\.partial-(?:(\d+)-)?[A-Za-z0-9_]+")
    removed = []
    for entry in parent.iterdir():
        match = pattern.fullmatch(entry.name)
        if match is None or entry.is_symlink() or not entry.is_dir():
            continue
        try:
            if entry.lstat().st_mtime >= started:
                continue
        except OSError:
            continue
        if match.group(1) is not None and _pid_running(int(match.group(1))):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


class RunWriter:
    """Write a run atomically::

        with RunWriter(Path("runs/demo"), overwrite=True) as run:
            run.write_json("metrics.json", metrics)
        # only now does runs/demo exist

    The target is checked as :func:`check_run_target` does (only an existing run is replaced, and
    only with ``overwrite``); stale partial folders of an earlier, killed write of the same run
    are removed first. A failed write (disk full, read-only folder) leaves nothing behind and
    raises a one-line :class:`~mednn.errors.DataError`.
    """

    def __init__(self, final: Path, *, overwrite: bool = False):
        self.final = check_run_target(final, overwrite=overwrite)
        self.overwrite = overwrite
        clean_stale_partials(self.final)
        try:
            # the writer's process id in the name tells a later run whether this write is still alive
            self.path = Path(tempfile.mkdtemp(prefix=f".{self.final.name}.partial-{os.getpid()}-",
                                              dir=self.final.parent))
        except OSError as exc:
            raise _cannot_write(self.final.parent, exc, "write in") from None
        # mkdtemp makes a private (0700) folder; a finished run gets the usual permissions
        umask = os.umask(0)
        os.umask(umask)
        self._mode = 0o777 & ~umask

    def __enter__(self) -> "RunWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            if isinstance(exc, OSError):
                raise _cannot_write(self.final, exc) from None
            return
        try:
            self._finish()
        except OSError as error:
            shutil.rmtree(self.path, ignore_errors=True)
            raise _cannot_write(self.final, error) from None
        except BaseException:
            shutil.rmtree(self.path, ignore_errors=True)
            raise

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
            # checked again: something other than a run may have appeared there while training
            check_run_target(self.final, overwrite=self.overwrite)
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


@contextmanager
def open_atomic(path: str | Path, mode: str = "w", **kwargs: Any) -> Iterator[Any]:
    """Open a temporary sibling of ``path`` for writing; it replaces ``path`` only on success.

    On any error the temporary file is removed; an ``OSError`` (disk full, read-only folder)
    becomes a one-line :class:`~mednn.errors.DataError`::

        with open_atomic("preds.csv", newline="") as f:
            csv.writer(f).writerows(rows)
    """
    path = Path(path)
    if "b" not in mode:
        kwargs.setdefault("encoding", "utf-8")
    tmp = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        with open(tmp, mode, **kwargs) as f:
            yield f
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _cannot_write(path, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write a file so that a reader never sees half of it."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(path.parent, exc, "create the folder") from None
    with open_atomic(path) as f:
        f.write(text)
    return path


def refresh_manifest_entry(path: str | Path, name: str) -> None:
    """Record the new hash of a regenerated file (the report) in the run's manifest."""
    path = Path(path)
    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"][name] = sha256_file(path / name)
    write_text_atomic(path / MANIFEST, dumps(manifest) + "\n")

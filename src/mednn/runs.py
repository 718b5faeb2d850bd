"""The run directory: atomic writing, hashing, and loading without executing code.

A run is written into a hidden temporary sibling and renamed into place only after every file
and the manifest are written, so an interrupted or failed run leaves nothing that looks
finished (``manifest.json`` is the mark of a finished run). Weights and large arrays are
safetensors; everything else is JSON / YAML / CSV. Layout: ``docs/run-directory.md``.
"""

from __future__ import annotations

import errno
import csv
import hashlib
import io
import json
import os
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
from .versions import software_versions

MANIFEST = "manifest.json"
REGENERABLE = "report.html"  # rebuilt from the other files by `mednn report`
SIGNATURE = "signature.json"  # optional (`mednn sign`): signs the manifest, so never listed in it
MAX_MANIFEST_BYTES = 16 << 20


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
    files = {
        p.relative_to(path).as_posix(): sha256_file(p)
        for p in sorted(path.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }
    return {"files": files, "versions": software_versions(), **(extra or {})}


def _refuse_links(path: Path) -> list[str]:
    """The regular files of a run (relative POSIX names); a symlink or a special file is an error.

    A link would let a run that passed its hash check read a file outside the run (or one that
    changes after the check); a FIFO or device would block or feed endless bytes to a reader.
    """
    found: list[str] = []

    def walk(folder: Path, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                name = f"{prefix}{entry.name}"
                if entry.is_symlink():
                    raise ModelError(problem(f"Run {path} holds a symbolic link, {name}",
                                             expected="regular files only (a link can point outside the run)",
                                             fix="replace the link by the file it points to, or retrain"))
                if entry.is_dir(follow_symlinks=False):
                    walk(Path(entry.path), f"{name}/")
                elif entry.is_file(follow_symlinks=False):
                    found.append(name)
                else:
                    raise ModelError(problem(f"Run {path} holds {name}, which is not a regular file",
                                             fix="remove it"))

    try:
        walk(path, "")
    except PermissionError as exc:
        raise ModelError(problem(f"Run {path} has a folder that cannot be read ({Path(exc.filename or path).name})",
                                 fix="check its permissions")) from None
    return found


def _safe_name(name: Any) -> bool:
    """A manifest entry names a file inside the run: relative, no '..', no backslash."""
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        return False
    parts = name.split("/")
    return not name.startswith("/") and all(p not in ("", ".", "..") for p in parts)


def read_manifest(path: str | Path) -> dict[str, Any]:
    """The parsed ``manifest.json`` of a run, its layout checked (not yet the files)."""
    path = Path(path)
    manifest_path = path / MANIFEST
    if not path.is_dir() or not manifest_path.is_file():
        raise ModelError(
            f"{path} is not a finished mednn run (no {MANIFEST}); fix: point to a run directory written by `mednn train`"
        )
    if manifest_path.stat().st_size > MAX_MANIFEST_BYTES:
        raise ModelError(problem(f"{manifest_path} is too large for a run manifest",
                                 expected=f"at most {MAX_MANIFEST_BYTES >> 20} MB", fix="restore the run's manifest"))
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ModelError(f"{manifest_path} is not valid JSON; fix: restore the run's manifest or retrain") from None
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict):
        raise ModelError(f"{manifest_path} has no 'files' table; fix: restore the run's manifest or retrain")
    for name, digest in files.items():
        if not _safe_name(name) or name in (MANIFEST, SIGNATURE):
            raise ModelError(problem(f"{manifest_path} lists an entry that is not a file of the run",
                                     expected="relative names inside the run (no '..', not the manifest or signature)",
                                     fix="restore the run's manifest or retrain"))
        if not (isinstance(digest, str) and len(digest) == 64 and all(c in "0123456789abcdef" for c in digest)):
            raise ModelError(problem(f"{manifest_path}: the entry for {name} is not a sha256 digest",
                                     fix="restore the run's manifest or retrain"))
    return manifest


def verify_manifest(path: str | Path, *, include_regenerable: bool = False,
                    skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Check a finished run against its manifest; return the manifest.

    Every file listed must exist and have the listed sha256; every file present must be listed
    (except ``report.html``, rebuilt by ``mednn report``, and ``signature.json``, which signs
    the manifest); symbolic links and special files are refused. ``report.html`` itself is
    checked only with ``include_regenerable`` (``mednn verify``, ``mednn sign``); ``skip``
    names files about to be replaced (:func:`refresh_manifest_entry`). Raises
    :class:`ModelError` naming the first file that does not match::

        verify_manifest("runs/demo")   # before any file of the run is read
    """
    path = Path(path)
    manifest = read_manifest(path)
    listed: dict[str, str] = manifest["files"]
    present = _refuse_links(path)
    for name in present:
        if name in listed or name in (MANIFEST, SIGNATURE, REGENERABLE) or name in skip:
            continue
        raise ModelError(problem(f"Run file {path / name} is not listed in {MANIFEST}",
                                 expected="only the files written by `mednn train`",
                                 fix="remove it (or retrain the run)"))
    present_set = set(present)
    for name, digest in listed.items():
        if name in skip or (name == REGENERABLE and not include_regenerable):
            continue
        f = path / name
        if name not in present_set:
            raise ModelError(f"Run {path} is missing {name}; fix: re-run training or restore the file")
        if sha256_file(f) != digest:
            raise ModelError(problem(f"Run file {f} changed since the run was written (its sha256 differs from "
                                     f"{MANIFEST})", fix="restore the file from a backup or retrain the run"))
    return manifest


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


# bounds on what model.json may ask for, checked before anything is allocated: far above any
# model mednn trains (a fine-tuned BERT-large has 3.4e8 parameters), far below what exhausts memory
MAX_INPUT_DIMENSION = 1 << 20
MAX_INPUT_ELEMENTS = 1 << 28
MAX_HPARAM_VALUE = 1 << 16
MAX_HPARAM_ITEMS = 256


def _read_run_json(path: Path, name: str) -> Any:
    try:
        return json.loads((path / name).read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ModelError(f"{path / name} is not valid JSON; fix: restore the file or retrain the run") from None


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

    from .models import build_model
    from .models.ensemble import Ensemble

    hparams = dict(info["hparams"])
    if hparams.get("weights") is not None:
        hparams["weights"] = None  # pretrained start weights: the run's own weights replace them

    def build():
        return [build_model(info["name"], task=task, input_shape=tuple(info["input_shape"]), **hparams)
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
    from .errors import ConfigError

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


def load_run(path: str | Path, *, device: str = "cpu", public_key: str | Path | None = None) -> LoadedRun:
    """Rebuild a run's featurizer and model from its files (no pickle, no code execution).

    Every file is checked against ``manifest.json`` first (:func:`verify_manifest`); with
    ``public_key`` (a PEM file; default: the ``MEDNN_PUBLIC_KEY`` environment variable) the
    manifest must also carry a valid ``mednn sign`` signature of that key. ``model.json``'s
    sizes are bounded and matched against the weights before anything is allocated, and a
    transformer directory outside the run must be one the run's config names.

    >>> run = load_run("runs/demo", public_key="keys/mednn-signing.pub")  # doctest: +SKIP
    """
    import torch
    from safetensors.torch import load_file

    from .config import load_config
    from .data.base import Task
    from .featurizers import build_featurizer
    from .models import load_model_modules
    from .models.text import check_run_model_dirs
    from .inference.scaler import TargetScaler

    path = Path(path)
    manifest = verify_manifest(path)
    if public_key is None:
        public_key = os.environ.get("MEDNN_PUBLIC_KEY") or None
    if public_key is not None:
        from .signing import verify_signature

        verify_signature(path, public_key, manifest=manifest)
    config = load_config(path / "config.yaml")
    info = _read_run_json(path, "model.json")
    check_model_info(info, path / "model.json")
    task = Task.from_dict(info["task"])
    n_members = info.get("ensemble", 1)
    if not isinstance(n_members, int) or not 1 <= n_members <= 100:
        raise ModelError(problem(f"{path / 'model.json'}: invalid 'ensemble' count", got=n_members,
                                 expected="an integer from 1 to 100, as train.ensemble allows",
                                 fix="retrain the run"))
    feat_state = load_state(path, "featurizer")
    check_run_model_dirs(path, config, {"model.json": info["hparams"], "featurizer.json": feat_state})
    featurizer = build_featurizer(feat_state["name"], feat_state.get("params", {}))
    featurizer.load_state_dict(feat_state["state"])
    load_model_modules()
    if "model_dir" not in info["hparams"]:
        # (a transformer's encoder comes from its checked model_dir, sized by those files)
        check_weights_fit(info, task, n_members, path / "model.safetensors")
    model = _build_members(info, task, n_members)
    weights = load_file(str(path / "model.safetensors"), device=device)
    try:
        model.load_state_dict(weights)
    except RuntimeError:
        raise ModelError(f"{path / 'model.safetensors'} does not fit the network model.json describes; "
                         "fix: restore both files or retrain the run") from None
    model.eval()
    metrics = _read_run_json(path, "metrics.json")
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
    """Record the new hash of a regenerated file (the report) in the run's manifest.

    Every other file must still match the manifest: a run edited since training is never
    re-hashed into looking intact. A signature (``signature.json``) no longer matches the
    changed manifest afterwards; ``mednn sign`` signs it again.
    """
    path = Path(path)
    if not _safe_name(name) or name in (MANIFEST, SIGNATURE):
        raise ModelError(problem(f"'{name}' cannot be recorded in {MANIFEST}", expected="a file of the run"))
    manifest = verify_manifest(path, skip=(name,))
    f = path / name
    if f.is_symlink() or not f.is_file():
        raise ModelError(problem(f"Run file {f} is not a regular file", fix="write the file into the run"))
    manifest["files"][name] = sha256_file(f)
    write_text_atomic(path / MANIFEST, dumps(manifest) + "\n")


# --- run-file writers (what pipeline.train writes besides model and metrics) -------------------

def data_summary(dataset, splits, split_index: dict[str, np.ndarray], featurizer,
                 cfg) -> dict[str, Any]:
    """data.json: counts, class balance, features, groups, leakage and quality findings."""
    from .data.splits import resolve_split_method

    summary: dict[str, Any] = {
        "source": dataset.source or cfg.data.path,
        "modality": dataset.modality,
        "task": dataset.task.to_dict(),
        "n": len(dataset),
        "splits": {name: {"n": len(part), "class_counts": part.class_counts()} for name, part in splits.items()},
        "split_method": resolve_split_method(dataset, cfg.split.method),
        "n_features": int(np.prod(featurizer.input_shape)),
        "input_shape": list(featurizer.input_shape),
        "feature_names": list(getattr(featurizer, "feature_names_", None) or dataset.feature_names or [])[:2000],
        "groups": None,
        "notes": {k: v for k, v in dataset.notes.items() if k not in ("skipped", "invalid_molecules", "duplicates")},
    }
    if dataset.groups is not None:
        column = cfg.data.patient_column or dataset.notes.get("groups") or "group"
        summary["groups"] = {"column": column, "n_groups": int(len(np.unique(np.asarray(dataset.groups).astype(str))))}
    from .data.quality import inspect_dataset

    quality = inspect_dataset(dataset, split_index)
    summary["leakage"] = quality["leakage"]
    summary["duplicate_report"] = quality["duplicates"]
    summary["findings"] = [f.to_dict() for f in quality["findings"]]  # mednn.findings.Finding records
    if "missing_counts" in dataset.notes:
        summary["missing"] = dataset.notes["missing_counts"]
    for key in ("skipped", "invalid_molecules", "duplicates"):
        if key in dataset.notes:  # counts here; the rows themselves go to skipped.csv / invalid_molecules.csv
            value = dataset.notes[key]
            summary[key] = len(value) if isinstance(value, (list, dict)) else value
    return summary


def side_tables(dataset) -> dict[str, str]:
    """CSV files listing what was skipped (files, molecules): never a silent drop."""
    out = {}
    for key, filename in (("skipped", "skipped.csv"), ("invalid_molecules", "invalid_molecules.csv")):
        rows = dataset.notes.get(key)
        if rows:
            buf = io.StringIO()
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
            out[filename] = buf.getvalue()
    return out


def data_fingerprint(dataset) -> str:
    """sha256 of the sample ids and targets: which data a run (or checkpoint) was trained on."""
    import hashlib

    h = hashlib.sha256()
    h.update(np.asarray(dataset.ids).astype(str).tobytes())
    t = np.asarray(dataset.targets)
    h.update(np.ascontiguousarray(t).tobytes())
    return h.hexdigest()


def history_csv(history: list[dict[str, float]]) -> str:
    if not history:
        return "epoch,train_loss,val_loss,lr,seconds\n"
    columns = list(history[0])
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in history:
        writer.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v) for k, v in row.items()})
    return buf.getvalue()

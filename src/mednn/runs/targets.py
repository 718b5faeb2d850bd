"""Where a run or an output file may be written, and the sweeping of stale partial writes.

Only an existing *run* is ever replaced (and only with ``--overwrite``); a run is never
written inside another run; an output file is never one of the command's inputs nor inside a
run. Each check runs before any work, so a refused target costs nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from ..errors import ConfigError, DataError, problem
from .files import MANIFEST, cannot_write

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


def enclosing_run(path: Path) -> Path | None:
    """The run directory that ``path`` lies inside, if any (links resolved)."""
    for folder in [path, *path.parents]:
        if (folder / MANIFEST).is_file():
            return folder
    return None


def existing_folder(path: Path) -> Path:
    """``path`` made absolute with links resolved, for its part that exists."""
    path = Path(os.path.abspath(path))
    missing: list[str] = []
    while not path.exists() and path != path.parent:
        missing.append(path.name)
        path = path.parent
    return path.resolve().joinpath(*reversed(missing))



def _probe_writable(folder: Path, name: str) -> None:
    """Create and remove a temporary folder where the run will go: the real test of a write."""
    try:
        os.rmdir(tempfile.mkdtemp(prefix=f".{name}.partial-{os.getpid()}-", dir=folder))
    except OSError as exc:
        raise cannot_write(folder, exc, "write in") from None


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
            _check_replaceable(out)
        elif not (out.is_dir() and not any(out.iterdir())):
            raise DataError(problem(
                f"{out} exists and is not a mednn run (no {MANIFEST}); only a run is ever replaced, "
                "even with --overwrite", fix="pass --out with a new path"))
    where = existing_folder(out)
    inside = enclosing_run(where.parent)
    if inside is not None:
        raise DataError(problem(f"{out} lies inside the run directory {inside}; a run's files are never changed",
                                fix="pass --out with a path outside that run"))
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(parent, exc, "create the folder") from None
    _probe_writable(parent, out.name)
    return out


def _check_replaceable(run: Path) -> None:
    """``--overwrite`` replaces a run only when it is intact and holds nothing mednn did not write:
    a file someone put in the folder (their only copy of the data, perhaps) is never deleted."""
    from ..errors import MednnError
    from .manifest import unlisted_files, verify_manifest

    try:
        foreign = unlisted_files(run)
        if not foreign:
            verify_manifest(run)
    except MednnError as exc:
        raise DataError(problem(f"{run} is not replaced: it no longer matches its manifest ({exc})",
                                fix="move what you want to keep out of it and delete it yourself, "
                                    "or pass --out with a new path")) from None
    if foreign:
        shown = ", ".join(foreign[:10]) + (f" and {len(foreign) - 10} more" if len(foreign) > 10 else "")
        raise DataError(problem(f"{run} is not replaced: it holds {len(foreign)} file(s) mednn did not write "
                                f"({shown})", fix="move them out of the run folder, or pass --out with a new path"))


def check_output_file(out: str | Path, *, inputs: list[str | Path] | tuple = (), new_only: bool = False) -> Path:
    """Check a file that a command will write (``predict --out``, ``evaluate --out``); return it.

    Refused, before any work: an existing file with ``new_only``; a path that is one of ``inputs`` (it would be overwritten), a path
    inside a run directory (a run's files change only through ``mednn train``), an existing
    folder, a missing or unwritable parent folder.

    >>> check_output_file("preds.csv", inputs=["new_patients.csv"])  # doctest: +SKIP
    PosixPath('preds.csv')
    """
    out = Path(out)
    if out.is_dir():
        raise DataError(problem(f"--out {out} is a folder", fix="name a file, e.g. --out predictions.csv"))
    target = existing_folder(out)
    for given in inputs:
        if given is None:
            continue
        source = existing_folder(Path(given))
        same = target == source or (out.exists() and Path(given).exists() and os.path.samefile(out, given))
        if same:
            raise DataError(problem(f"--out {out} is the input {given}; it would be overwritten",
                                    fix="pass --out with another file name"))
    inside = enclosing_run(target.parent)
    if inside is not None:
        raise DataError(problem(f"--out {out} lies inside the run directory {inside}; a run's files are never "
                                "changed by this command", fix="write the output outside the run"))
    if new_only and (out.exists() or out.is_symlink()):
        raise DataError(problem(f"--out {out} already exists; mednn never replaces a file it did not make",
                                fix="pass --out with a new file name, or delete the file first"))
    parent = out.parent
    if not parent.is_dir():
        raise DataError(problem(f"The folder {parent} of --out {out} does not exist",
                                fix="create it first or choose another --out"))
    try:
        probe_fd, probe = tempfile.mkstemp(prefix=f".{out.name}.partial-", dir=parent)
        os.close(probe_fd)
        os.unlink(probe)
    except OSError as exc:
        raise cannot_write(parent, exc, "write in") from None
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


"""Where a command may write: the one write policy of every command (issue 22).

- Only an existing *run* is ever replaced, only with ``--overwrite``, and only when it matches
  its manifest and holds nothing else (:func:`check_run_target`); a run is never written
  inside another run.
- Any other output (:func:`check_output_file`, :func:`check_output_folder`) is never one of the
  command's inputs, never inside an input folder or a run (a run changes only through its own
  commands), never written through a link, and replaces only what mednn wrote as that same
  kind of output, recognised by its header or marker: never a file or folder mednn did not
  make, whatever the options.
- Writes themselves are atomic and locked (:mod:`mednn.outputs`); the partials of killed
  writes are swept the next time the same target is written.

Each check runs before any work, so a refused target costs nothing.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import ConfigError, DataError, problem
from ..outputs import cannot_write, partial_name, sweep_partials
from .files import MANIFEST

# a run's name becomes a folder under runs/: one plain path component, nothing that climbs out
_RUN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")


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


def check_run_target(out: str | Path | None, *, overwrite: bool = False, name: str | None = None,
                     inputs: list[str | Path] | tuple = (), resume: bool = False) -> Path:
    """Check, before any training, where a run will be written; return that path.

    ``out`` defaults to ``runs/<name>`` (``name`` must be a plain folder name). Only an existing
    *run* (a folder with ``manifest.json``) may be replaced, and only with ``overwrite``; any other
    existing file or non-empty folder is refused, overwrite or not. A run is never written inside
    another run, nor is it, or does it hold or lie inside, one of ``inputs`` (the data it reads:
    replacing a run that holds the user's only copy of the data would delete it). The parent
    folder is created if missing and must be writable.

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
                finished = " and is finished: --resume continues a run interrupted before it was written" if resume else ""
                raise DataError(problem(f"Run directory {out} already exists{finished}",
                                        fix="pass --out with a new path, or --overwrite to replace that run"))
            _check_replaceable(out)
        elif not (out.is_dir() and not any(out.iterdir())):
            raise DataError(problem(
                f"{out} exists and is not a mednn run (no {MANIFEST}); only a run is ever replaced, "
                "even with --overwrite", fix="pass --out with a new path"))
    _refuse_inputs(out, inputs, "--out")
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


Recogniser = Callable[[Path], bool]


def _inputs(inputs) -> list[Path]:
    # a built-in data set's name or a file yet to come is no file to protect
    return [Path(given) for given in inputs if given is not None and Path(given).exists()]


def _refuse_same(out: Path, inputs, what: str) -> None:
    target = existing_folder(out)
    for given in _inputs(inputs):
        if target == existing_folder(given) or (out.exists() and os.path.samefile(out, given)):
            raise DataError(problem(f"{what} {out} is the input {given}; it would be overwritten",
                                    fix=f"pass {what} with another name"))


def _refuse_inputs(out: Path, inputs, what: str) -> None:
    """An output is never an input: not the same file, not inside an input folder, and (an
    output folder) never holding an input."""
    _refuse_same(out, inputs, what)
    target = existing_folder(out)
    for given in _inputs(inputs):
        source = existing_folder(given)
        if source in target.parents:
            raise DataError(problem(f"{what} {out} lies inside the input {given}; an output never goes into "
                                    "what a command reads", fix=f"pass {what} outside it"))
        if target in source.parents:
            raise DataError(problem(f"the input {given} lies inside {what} {out}; an output never holds what "
                                    "a command reads", fix=f"pass {what} elsewhere"))


def _refuse_run(out: Path, what: str) -> None:
    """``out`` (a file or folder to write) is not inside a run."""
    inside = enclosing_run(existing_folder(out).parent)
    if inside is not None:
        raise DataError(problem(f"{what} {out} lies inside the run directory {inside}; a run's files change only "
                                "through its own commands (train, evaluate, report, sign)",
                                fix=f"pass {what} outside the run"))


def _probe_file(parent: Path, name: str) -> None:
    try:
        probe = partial_name(parent / name)
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.unlink(probe)
    except OSError as exc:
        raise cannot_write(parent, exc, "write in") from None


def check_output_file(out: str | Path, *, inputs: list[str | Path] | tuple = (), ours: Recogniser | None = None,
                      kind: str = "output", new_only: bool = False, what: str = "--out",
                      example: str = "predictions.csv") -> Path:
    """Check a file that a command will write (``predict --out``, ``inspect --out``...); return it.

    Refused, before any work: a link, a folder, one of ``inputs`` or a path inside an input
    folder, a path inside a run directory (a run changes only through its own commands), a
    missing or unwritable parent folder, and an existing file unless ``ours(path)`` recognises
    it as this ``kind`` of mednn output (by its header or marker; ``new_only``: never; ``example``:
    the file name a refused folder's fix suggests inside it). mednn
    never replaces a file it did not make, whatever the options.

    >>> check_output_file("preds.csv", inputs=["new_patients.csv"])  # doctest: +SKIP
    PosixPath('preds.csv')
    """
    out = Path(out)
    _refuse_same(out, inputs, what)
    _refuse_run(out, what)
    if out.is_symlink():
        raise DataError(problem(f"{what} {out} is a symbolic link; mednn never writes through a link",
                                fix=f"pass {what} with a new file name"))
    if out.is_dir():
        raise DataError(problem(f"{what} {out} is a folder", fix=f"name a file, e.g. {what} {out / example}"))
    _refuse_inputs(out, inputs, what)
    if out.exists() and (new_only or ours is None or not _recognised(ours, out)):
        why = ("mednn writes this output only as a new file" if new_only or ours is None else
               f"it is not {_article(kind)} mednn wrote, and mednn never replaces a file it did not make")
        raise DataError(problem(f"{what} {out} already exists; {why}", fix=f"pass {what} with a new file name, "
                                "or move or delete that file yourself"))
    parent = out.parent
    if not parent.is_dir():
        raise DataError(problem(f"The folder {parent} of {what} {out} does not exist",
                                fix=f"create it first or choose another {what}"))
    _probe_file(parent, out.name)
    return out


def check_output_folder(out: str | Path, *, inputs: list[str | Path] | tuple = (), ours: Recogniser | None = None,
                        kind: str = "output folder", what: str = "--out") -> Path:
    """Check a folder that a command will fill (``keygen``, ``tune``, ``deid`` of DICOM); return it.

    Refused, before any work: a link, a file, an input or a folder inside or around one, a run
    or a folder inside one, a non-empty folder unless ``ours(path)`` recognises it as this
    ``kind`` of mednn output (the refusal names what it holds), an unwritable parent.
    """
    out = Path(out)
    if out.name in ("", ".", ".."):
        raise DataError(problem(f"{what} {out} does not name a new folder", fix=f"pass {what} with a new folder"))
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise DataError(problem(f"{what} {out} is not a folder (a file or a link)",
                                fix=f"pass {what} with a new folder"))
    _refuse_inputs(out, inputs, what)
    if is_run(out):
        raise DataError(problem(f"{what} {out} is a run directory; a run's files change only through its own "
                                "commands", fix=f"pass {what} outside the run"))
    _refuse_run(out, what)
    held = sorted(p.name for p in out.iterdir()) if out.is_dir() else []
    if held and (ours is None or not _recognised(ours, out)):
        shown = ", ".join(held[:10]) + (f" and {len(held) - 10} more" if len(held) > 10 else "")
        why = (f"mednn writes {_article(kind)} only into a new or empty folder" if ours is None else
               f"it is not {_article(kind)} mednn wrote, and mednn never writes into a folder it did not make")
        raise DataError(problem(f"{what} {out} already holds {len(held)} entries ({shown}); {why}",
                                fix=f"pass {what} with a new or empty folder"))
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(parent, exc, "create the folder") from None
    _probe_file(out if out.is_dir() else parent, out.name)
    return out


def _recognised(ours: Recogniser, path: Path) -> bool:
    try:
        return bool(ours(path))
    except OSError:
        return False


def _article(kind: str) -> str:
    return f"an {kind}" if kind[:1].lower() in "aeiou" else f"a {kind}"


def starts_with(path: Path, prefix: str, limit: int = 4096) -> bool:
    """Whether a file begins with ``prefix`` (how mednn recognises the files it wrote)."""
    with open(path, "rb") as f:
        return f.read(min(limit, len(prefix.encode("utf-8")))).decode("utf-8", "replace") == prefix


# --- stale partial writes ---------------------------------------------------------------------

def clean_stale_partials(final: str | Path) -> list[Path]:
    """Remove the partial writes of ``final`` that killed processes left (:func:`mednn.outputs.sweep_partials`)."""
    return sweep_partials(final)

"""Writing a run atomically, and changing a finished run atomically.

:class:`RunWriter` assembles a new run in a hidden partial sibling and renames it into place
once every file and the manifest are written. :class:`RunUpdate` changes a finished run (an
external evaluation, a rebuilt report) the same way: the unchanged files are hard-linked into
a partial sibling, the changed ones written there, the manifest re-hashed, and the folders
swapped, so a reader sees the old run or the new one, never a mix, and a failure leaves the
old run as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from ..errors import ModelError, problem
from .files import MANIFEST, SIGNATURE, cannot_write, dumps, sha256_file, write_text_atomic
from .manifest import _safe_name, build_manifest, verify_manifest
from ..outputs import io_error, make_partial_folder, release, remove_partial
from .targets import check_run_target, clean_stale_partials


def _partial_folder(final: Path) -> Path:
    """A private temporary sibling of ``final``, locked while this process writes it; its name
    carries this process's id, so a later run tells a dead write (swept) from a live one."""
    try:
        return make_partial_folder(final)
    except OSError as exc:
        raise cannot_write(final.parent, exc, "write in") from None


def _usual_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _open_permissions(path: Path, mode: int) -> None:
    """mkdtemp makes a private (0700) folder; a finished run gets the usual permissions."""
    os.chmod(path, mode)
    for p in path.rglob("*"):
        os.chmod(p, mode if p.is_dir() else mode & 0o666)


def _swap_into_place(new: Path, final: Path) -> None:
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        os.replace(final, old)
    os.replace(new, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


class _Folder:
    """Writing files into the partial folder, and cleaning it up on any failure."""

    path: Path
    final: Path

    def file(self, name: str) -> Path:
        return self.path / name

    def write_text(self, name: str, text: str) -> Path:
        p = self.path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.unlink(missing_ok=True)  # in an update the old file is a hard link to the live run's: never write into it
        p.write_text(text, encoding="utf-8")
        return p

    def write_json(self, name: str, obj: Any) -> Path:
        return self.write_text(name, dumps(obj) + "\n")

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            remove_partial(self.path)
            if io_error(exc) is not None:  # a full disk, also as safetensors reports it
                raise cannot_write(self.final, io_error(exc)) from None
            return
        try:
            self._finish()
        except OSError as error:
            remove_partial(self.path)
            raise cannot_write(self.final, error) from None
        except BaseException:
            remove_partial(self.path)
            raise
        release(self.path)

    def _finish(self) -> None:
        raise NotImplementedError


class RunWriter(_Folder):
    """Write a new run atomically::

        with RunWriter(Path("runs/demo"), overwrite=True) as run:
            run.write_json("metrics.json", metrics)
        # only now does runs/demo exist

    The target is checked as :func:`~mednn.runs.check_run_target` does (only an intact run is
    replaced, and only with ``overwrite``); stale partial folders of an earlier, killed write of
    the same run are removed first. A failed write (disk full, read-only folder) leaves nothing
    behind and raises a one-line :class:`~mednn.errors.DataError`. ``manifest_extra`` is recorded
    in the manifest beside the hashes (the run's provenance).
    """

    def __init__(self, final: Path, *, overwrite: bool = False):
        self.final = check_run_target(final, overwrite=overwrite)
        self.overwrite = overwrite
        self.manifest_extra: dict[str, Any] = {}
        clean_stale_partials(self.final)
        self.path = _partial_folder(self.final)
        self._mode = _usual_mode()

    def _finish(self) -> None:
        manifest = build_manifest(self.path, extra=self.manifest_extra)
        (self.path / MANIFEST).write_text(dumps(manifest) + "\n", encoding="utf-8")
        _open_permissions(self.path, self._mode)
        if self.final.exists():
            # checked again: something other than a run may have appeared there while training
            check_run_target(self.final, overwrite=self.overwrite)
        _swap_into_place(self.path, self.final)


class RunUpdate(_Folder):
    """Change files of a finished run atomically::

        with RunUpdate(Path("runs/demo"), replaces=("report.html",)) as run:
            run.write_text("report.html", html)

    Every file must match the manifest first (``replaces``: the files about to be rewritten,
    which are not checked), so a run edited since training is never re-hashed into looking
    intact. The manifest keeps its provenance and gets the new files' hashes. A signature
    (``signature.json``) is kept as it is, and no longer matches: :attr:`was_signed` tells the
    caller to say so (``mednn sign`` signs the run again).
    """

    def __init__(self, run: str | Path, *, replaces: tuple[str, ...] = ()):
        self.final = Path(run)
        for name in replaces:
            if not _safe_name(name) or name in (MANIFEST, SIGNATURE):
                raise ModelError(problem(f"'{name}' cannot be written into a run", expected="a file of the run"))
        self.manifest = verify_manifest(self.final, skip=tuple(replaces))
        self.was_signed = (self.final / SIGNATURE).is_file()
        self.changed: set[str] = set()
        clean_stale_partials(self.final)
        self.path = _partial_folder(self.final)
        self._mode = _usual_mode()
        try:
            self._link_tree()
        except OSError as exc:
            remove_partial(self.path)
            raise cannot_write(self.final, exc) from None

    def _link_tree(self) -> None:
        for src in sorted(self.final.rglob("*")):
            dst = self.path / src.relative_to(self.final)
            if src.is_dir():
                dst.mkdir(exist_ok=True)
                continue
            try:
                os.link(src, dst)  # no copy of the weights: unchanged files are shared until the swap
            except OSError:
                shutil.copy2(src, dst)

    def write_text(self, name: str, text: str) -> Path:
        if not _safe_name(name) or name in (MANIFEST, SIGNATURE):
            raise ModelError(problem(f"'{name}' cannot be written into a run", expected="a file of the run"))
        self.changed.add(name)
        return super().write_text(name, text)

    def _finish(self) -> None:
        manifest = dict(self.manifest)
        files = dict(manifest["files"])
        for name in sorted(self.changed):
            files[name] = sha256_file(self.path / name)
        manifest["files"] = dict(sorted(files.items()))
        (self.path / MANIFEST).unlink(missing_ok=True)
        (self.path / MANIFEST).write_text(dumps(manifest) + "\n", encoding="utf-8")
        _open_permissions(self.path, self._mode)
        _swap_into_place(self.path, self.final)


def refresh_manifest_entry(path: str | Path, name: str) -> None:
    """Record the new hash of a file rewritten in place (``tuning.json``, the report) in the
    run's manifest.

    Every other file must still match the manifest: a run edited since training is never
    re-hashed into looking intact. A signature (``signature.json``) no longer matches the
    changed manifest afterwards; ``mednn sign`` signs it again. Prefer :class:`RunUpdate`,
    which changes a run without a moment where its files and manifest disagree.
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


def save_state(writer: _Folder, name: str, state: Any) -> None:
    """Write ``<name>.json`` (+ ``<name>.safetensors`` when the state holds arrays)."""
    from safetensors.numpy import save_file

    from .files import split_arrays

    json_state, arrays = split_arrays(state)
    writer.write_json(f"{name}.json", json_state)
    if arrays:
        save_file(arrays, str(writer.file(f"{name}.safetensors")))

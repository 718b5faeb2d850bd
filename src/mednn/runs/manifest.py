"""``manifest.json``: the sha256 of every file of a run, checked before any file is read.

A run is finished when its manifest exists. Every file present must be listed with its hash
(except ``report.html``, rebuilt by ``mednn report``, and ``signature.json``, which signs the
manifest); links and special files are refused, so a run that passed the check cannot read a
file outside itself.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..errors import ModelError, problem
from ..versions import software_versions
from .files import MANIFEST, REGENERABLE, SIGNATURE, sha256_file

MAX_MANIFEST_BYTES = 16 << 20


def build_manifest(path: Path, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The manifest of the files under ``path``: ``{"files": {name: sha256}, "versions", **extra}``."""
    files = {
        p.relative_to(path).as_posix(): sha256_file(p)
        for p in sorted(path.rglob("*"))
        if p.is_file() and p.name not in (MANIFEST, SIGNATURE)
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




def unlisted_files(path: str | Path) -> list[str]:
    """The files of a run that its manifest does not list (besides the report and the signature):
    what ``--overwrite`` would delete although mednn did not write it."""
    path = Path(path)
    listed = read_manifest(path)["files"]
    return [name for name in _refuse_links(path) if name not in listed and name not in (MANIFEST, SIGNATURE, REGENERABLE)]

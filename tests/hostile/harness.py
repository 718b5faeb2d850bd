"""The machinery of the hostile suite: run ``mednn ARGS`` in-process, watch every file, and
judge the outcome the same way for every case.

A refused case must: exit 2, print exactly one line on stderr (``mednn: error: ...``) and no
traceback, echo no planted patient value (stdout, stderr, any file written), create or change
no file outside what the case allows, and leave no partial write (``.partial-*``, a
checkpoint, a half key folder) anywhere it watched.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import shutil
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

# patient values planted in hostile inputs: none may appear in any output, message or file
PLANTED = ("Zebulon Quartermaine", "MRN-90817263", "zebulon.q@example.org", "QUARTERMAINE", "4471-Zeb")
PARTIAL_MARKS = (".partial-", ".checkpoint", ".mednn-tmp-", ".mednn-old-", ".old-")


class Reached(BaseException):
    """A command went past the point where a hostile value should have stopped it (it would
    have served, started a federated process...). BaseException: nothing in mednn catches it."""


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def call(*argv, env: dict[str, str | None] | None = None) -> Result:
    """``mednn ARGV`` in-process: exit code, stdout, stderr (warnings included, as the CLI prints them)."""
    from mednn.cli.main import _format_warning, main

    out, err = io.StringIO(), io.StringIO()
    saved = {}
    for key, value in (env or {}).items():
        saved[key] = os.environ.get(key)
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.showwarning = (lambda message, category, filename, lineno, file=None, line=None:
                                    err.write(_format_warning(message, category, filename, lineno)))
            code = main([str(a) for a in argv])
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return Result(code, out.getvalue(), err.getvalue())


# --- what the file system looked like ---------------------------------------------------------

def snapshot(*roots: Path) -> dict[str, tuple]:
    """Every entry under ``roots``: kind, size and a hash of its bytes (links by their target)."""
    seen: dict[str, tuple] = {}
    for root in roots:
        if not root.exists():
            continue
        for path in [root, *root.rglob("*")]:
            key = str(path)
            try:
                if path.is_symlink():
                    seen[key] = ("link", os.readlink(path))
                elif path.is_dir():
                    seen[key] = ("dir",)
                else:
                    seen[key] = ("file", path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest())
            except OSError:
                seen[key] = ("unreadable",)
    return seen


@dataclass
class Changes:
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def all(self) -> list[str]:
        return self.created + self.changed + self.removed


def compare(before: dict[str, tuple], after: dict[str, tuple]) -> Changes:
    return Changes(created=sorted(set(after) - set(before)),
                   changed=sorted(k for k in set(before) & set(after) if before[k] != after[k] and before[k][0] != "dir"),
                   removed=sorted(set(before) - set(after)))


def planted_in(text: str) -> list[str]:
    return [value for value in PLANTED if value.lower() in text.lower()]


def partials(*roots: Path) -> list[str]:
    found = []
    for root in roots:
        if root.exists():
            found += [str(p) for p in root.rglob("*") if any(mark in p.name for mark in PARTIAL_MARKS)]
    return found


def _file_text(path: str) -> str:
    try:
        p = Path(path)
        return p.read_bytes()[:5_000_000].decode("utf-8", "replace") if p.is_file() and not p.is_symlink() else ""
    except OSError:
        return ""


def judge(result: Result, changes: Changes, roots: Iterable[Path], *, code: int = 2,
          allowed: Iterable[str] = (), one_line: bool = True, what: str = "") -> None:
    """The assertions every hostile case makes (see the module docstring)."""
    label = f"[{what}] " if what else ""
    assert "Traceback" not in result.err and "Traceback" not in result.out, f"{label}traceback:\n{result.err[-3000:]}"
    assert result.code == code, f"{label}exit {result.code}, expected {code}; stderr: {result.err[-2000:]}"
    if code == 2 and one_line:
        lines = result.err_lines
        assert len(lines) == 1 and lines[0].startswith("mednn: error: "), f"{label}stderr is not one line: {lines}"
    leaked = planted_in(result.out + result.err)
    assert not leaked, f"{label}planted values echoed: {leaked}"
    allowed = [str(a) for a in allowed]
    unexpected = [p for p in changes.all() if not any(p == a or p.startswith(a.rstrip("/") + "/") for a in allowed)]
    assert not unexpected, f"{label}files created/changed/removed outside what is allowed: {unexpected[:10]}"
    for path in changes.created + changes.changed:
        leaked = planted_in(_file_text(path))
        assert not leaked, f"{label}planted values written to {path}: {leaked}"
    left = partials(*roots)
    assert not left, f"{label}partial writes left: {left[:5]}"


def probe(roots: list[Path], *argv, code: int = 2, allowed: Iterable[str] = (), env=None, one_line: bool = True,
          what: str = "") -> Result:
    """Run one case and judge it; return the result for case-specific checks."""
    before = snapshot(*roots)
    result = call(*argv, env=env)
    judge(result, compare(before, snapshot(*roots)), roots, code=code, allowed=allowed, one_line=one_line,
          what=what or " ".join(map(str, argv))[:200])
    return result


# --- a disk that fails ------------------------------------------------------------------------

class FailingDisk:
    """Every write under ``root`` fails with ``code`` (EROFS: read-only; ENOSPC: full) after
    the first ``allow`` succeed: opens for writing, folder creation, renames, links, and the
    safetensors writers (which write from Rust, past Python's ``open``). Installed with
    pytest's monkeypatch, so it is gone after the case."""

    def __init__(self, root: Path, code: int, allow: int = 0):
        self.root, self.code, self.allow = str(Path(root).resolve()), code, allow
        self.failures = 0

    def _under(self, path) -> bool:
        try:
            text = os.path.abspath(os.fspath(path))
        except TypeError:
            return False
        return text == self.root or text.startswith(self.root + os.sep)

    def _fail(self, path) -> None:
        if self.allow > 0:
            self.allow -= 1
            return
        self.failures += 1
        raise OSError(self.code, os.strerror(self.code), os.fspath(path))

    def install(self, monkeypatch) -> "FailingDisk":
        import builtins

        real_open, real_os_open, real_mkdir = builtins.open, os.open, os.mkdir
        real_replace, real_rename, real_link = os.replace, os.rename, os.link
        writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
        disk = self

        def os_open(path, flags, *args, **kwargs):
            if flags & writes and isinstance(path, (str, bytes, os.PathLike)) and disk._under(path):
                disk._fail(path)
            return real_os_open(path, flags, *args, **kwargs)

        def open_(file, mode="r", *args, **kwargs):
            if any(c in mode for c in "wax+") and isinstance(file, (str, bytes, os.PathLike)) and disk._under(file):
                disk._fail(file)
            return real_open(file, mode, *args, **kwargs)

        def mkdir(path, *args, **kwargs):
            if disk._under(path):
                disk._fail(path)
            return real_mkdir(path, *args, **kwargs)

        def moving(real):
            def move(src, dst, *args, **kwargs):
                if disk._under(dst):
                    disk._fail(dst)
                return real(src, dst, *args, **kwargs)
            return move

        monkeypatch.setattr(os, "open", os_open)
        monkeypatch.setattr(builtins, "open", open_)
        monkeypatch.setattr(io, "open", open_)
        monkeypatch.setattr(os, "mkdir", mkdir)
        monkeypatch.setattr(os, "replace", moving(real_replace))
        monkeypatch.setattr(os, "rename", moving(real_rename))
        monkeypatch.setattr(os, "link", moving(real_link))
        self._patch_safetensors(monkeypatch)
        return self

    def _patch_safetensors(self, monkeypatch) -> None:
        import importlib

        from safetensors import SafetensorError

        disk = self
        for module_name in ("safetensors.torch", "safetensors.numpy"):
            module = importlib.import_module(module_name)
            real = module.save_file

            def save_file(tensors, filename, *args, _real=real, **kwargs):
                if disk._under(filename):
                    try:
                        disk._fail(filename)
                    except OSError as exc:  # as the Rust writer reports it
                        raise SafetensorError(f"Error while serializing: I/O error: {exc.strerror} "
                                              f"(os error {exc.errno})") from None
                return _real(tensors, filename, *args, **kwargs)

            monkeypatch.setattr(module, "save_file", save_file)


READ_ONLY, FULL = errno.EROFS, errno.ENOSPC


def copy_run(run: Path, into: Path) -> Path:
    """A private copy of a finished run (cases that change or tamper with a run use their own)."""
    target = into / run.name
    shutil.copytree(run, target, symlinks=True)
    return target

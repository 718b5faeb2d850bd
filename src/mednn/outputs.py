"""Partial writes: how every mednn output comes into existence whole or not at all.

Every file or folder a command writes is first written as a hidden *partial* sibling,
``.<name>.partial-<pid>-<random>``, and renamed into place only when complete. While it
exists, the writing process holds an exclusive ``flock`` on it, so a later command can tell
a partial of a live write (locked) from the leftover of a killed one (unlocked, and its
process gone), and :func:`sweep_partials` removes only the latter: right after a kill, even
within the same second. An OS error while writing (full disk, read-only folder) removes
the partial and becomes one :class:`~mednn.errors.DataError` line naming the target.

Lives below every stage that writes (runs, privacy, data), so all use one mechanism::

    with atomic_file("notes.deid.csv") as f:
        f.write(text)

Where an output may be written at all (never an input, never inside a run, never over a
file mednn did not make) is :mod:`mednn.runs.targets`.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from .errors import DataError

_IMPORTED = time.time()
# a partial of mednn's: `.<name>.partial-<pid>-<random>`, the older `.<name>.partial-<pid>` /
# `.<name>.partial-<random>`, and `.<name>.<random>.partial` of the first text writers
_PARTIAL = r"\.{name}\.(?:partial-(?:(?P<pid>\d+)(?:-[A-Za-z0-9_]+)?|[A-Za-z0-9_]+)|[A-Za-z0-9_]{{6,12}}\.partial)"
_held: dict[str, int] = {}  # path of a partial this process writes -> the descriptor holding its lock


def partial_name(final: str | Path) -> Path:
    """A fresh partial sibling of ``final`` (not created)."""
    final = Path(final)
    return final.with_name(f".{final.name}.partial-{os.getpid()}-{secrets.token_hex(4)}")


def _lock(fd: int) -> bool:
    """Take an exclusive lock on ``fd`` without waiting; False when another process holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover (Windows: no locks; the process id and age decide)
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        return True  # a file system without locks: the process id and age decide
    return True


def hold(path: str | Path) -> None:
    """Lock the partial ``path`` (a file or folder just created by this process) until
    :func:`release`; the kernel drops the lock when the process dies, however it dies."""
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if Path(path).is_dir() else 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return
    _lock(fd)
    _held[str(path)] = fd


def release(path: str | Path) -> None:
    fd = _held.pop(str(path), None)
    if fd is not None:
        os.close(fd)


def make_partial_folder(final: str | Path) -> Path:
    """Create and lock a private partial folder beside ``final``; return it."""
    path = partial_name(final)
    os.mkdir(path, 0o700)
    hold(path)
    return path


def remove_partial(path: str | Path) -> None:
    """Remove a partial this process made (file or folder), and drop its lock."""
    path = Path(path)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except OSError:
            pass
    release(path)


# --- one line for an OS error ----------------------------------------------------------------

def _reason_and_fix(exc: OSError) -> tuple[str, str]:
    reason = os.strerror(exc.errno) if exc.errno else type(exc).__name__
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return reason, "free disk space (or raise the quota) and run again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return reason, "use a file or folder you may read and write (--out)"
    if exc.errno == errno.ENOENT:
        return reason, "check the path (an input must exist; create an output's folder first)"
    if exc.errno == errno.EEXIST:
        return reason, "choose a new name: mednn never replaces a file it did not make"
    if exc.errno in (errno.ENAMETOOLONG, errno.ENOTDIR, errno.EISDIR, errno.ELOOP):
        return reason, "choose another path (--out)"
    return reason, "check the disk and the path, then run again"


def io_error(exc: BaseException) -> OSError | None:
    """``exc`` as an OSError when it is one, or when a library wrapped one (safetensors reports
    a full disk as ``SafetensorError: ... No space left on device (os error 28)``)."""
    if isinstance(exc, OSError):
        return exc
    match = re.search(r"\(os error (\d+)\)", str(exc)) if type(exc).__name__ == "SafetensorError" else None
    return OSError(int(match.group(1)), os.strerror(int(match.group(1)))) if match else None


def cannot_write(target: str | Path, exc: OSError, what: str = "write") -> DataError:
    """``Could not write TARGET (reason); nothing was written; fix: ...`` as one DataError."""
    reason, fix = _reason_and_fix(exc)
    return DataError(f"Could not {what} {target} ({reason}); nothing was written; fix: {fix}")


def os_error(exc: OSError, fallback: str | Path) -> DataError:
    """One line for an OS error a command met: the file the system named (or ``fallback``) and
    the reason, never file contents."""
    reason, fix = _reason_and_fix(exc)
    return DataError(f"{exc.filename or fallback}: {reason}; fix: {fix}")


# --- writing a file ---------------------------------------------------------------------------

@contextmanager
def atomic_file(path: str | Path, mode: str = "w", *, file_mode: int | None = None, **kwargs: Any) -> Iterator[Any]:
    """Open a locked partial sibling of ``path`` for writing; it replaces ``path`` only on success.

    On any exit but success the partial is removed; an ``OSError`` becomes a one-line
    :class:`~mednn.errors.DataError`. ``file_mode`` (e.g. ``0o600``) sets the permissions.
    Stale partials of ``path`` left by killed processes are swept first.
    """
    path = Path(path)
    if "b" not in mode:
        kwargs.setdefault("encoding", "utf-8")
    sweep_partials(path)
    tmp = partial_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     0o666 if file_mode is None else file_mode)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    _lock(fd)
    try:
        with os.fdopen(fd, mode, **kwargs) as f:
            yield f
        if file_mode is not None:
            os.chmod(tmp, file_mode)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise cannot_write(path, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# --- sweeping what killed writes left ---------------------------------------------------------

def _process_started() -> float:
    """When this process started, to 10 ms (Linux: /proc; elsewhere: when mednn was imported)."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started_ticks = int(fields[19])  # field 22 of proc(5), counted after the command name
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return min(time.time() - (uptime - started_ticks / os.sysconf("SC_CLK_TCK")), _IMPORTED)
    except (OSError, ValueError, IndexError):
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


def _unlocked(path: Path, is_dir: bool) -> bool:
    """No process holds the partial's lock (its writer is gone)."""
    if str(path) in _held:
        return False
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | (getattr(os, "O_DIRECTORY", 0) if is_dir else 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        return _lock(fd)
    finally:
        os.close(fd)


def _stale(entry: Path, pid: str | None, started: float) -> bool:
    import stat

    try:
        info = entry.lstat()
    except OSError:
        return False
    is_dir = stat.S_ISDIR(info.st_mode)
    if not (is_dir or stat.S_ISREG(info.st_mode)):  # never a link, a pipe or a device
        return False
    if pid is not None:
        if _pid_running(int(pid)):
            return False
    elif info.st_mtime >= started:  # no process id in the name: only what is older than this process
        return False
    return _unlocked(entry, is_dir)


def sweep_partials(final: str | Path) -> list[Path]:
    """Remove the partials of ``final`` that killed writes left; return what was removed.

    Only mednn's own name patterns, only real files and folders (never links), only those no
    process holds locked, whose writing process (its id is in the name) is gone, or, for the
    older names without an id, that are older than this process. A write of the same output by
    another process at the same time is left alone.
    """
    final = Path(final)
    parent = final.parent if str(final.parent) else Path(".")
    try:
        entries = list(parent.iterdir())
    except OSError:
        return []
    pattern = re.compile(_PARTIAL.format(name=re.escape(final.name)))
    started = _process_started()
    removed = []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or not _stale(entry, match.group("pid"), started):
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        if not entry.exists():
            removed.append(entry)
    return removed

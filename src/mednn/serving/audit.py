"""The audit log of ``mednn serve``: one JSON line per request, chained by hash.

Every request gets a line, answered or not (refused, timed out, aborted by the client, closed
for sending its headers too slowly): time, request id (also sent back as ``X-Request-ID``),
key id, client address, method, route, status, record count, body bytes, latency. Never a
value from the request.

The file is mednn's own: its first line names the format, it is created owner-readable, and
``--audit-log`` refuses to append to a file that is not an audit log (a CSV, a config). Each
line carries ``hash`` = SHA-256 of the previous line's hash and this line's content, so a
deleted, edited or reordered line breaks the chain at that point (:func:`verify_audit_log`,
``mednn serve-audit verify FILE``). Lines cut from the end leave no gap; the server prints the
last hash when it stops, to be kept elsewhere as the anchor.

>>> log = AuditLog("audit.log")  # doctest: +SKIP
>>> verify_audit_log("audit.log")  # doctest: +SKIP
(1204, '9f2c...')
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import ConfigError, DataError, problem

AUDIT_FORMAT = "mednn-audit/1"
_GENESIS = ""
_TAIL_BYTES = 1 << 16  # the last line of an audit log is well under 64 KiB


def _chain(previous: str, entry: dict[str, Any]) -> tuple[str, str]:
    """(hash, line) of ``entry`` following ``previous``."""
    body = json.dumps(entry, separators=(",", ":"), ensure_ascii=True)
    digest = hashlib.sha256(previous.encode("ascii") + body.encode("ascii")).hexdigest()
    return digest, body[:-1] + f',"hash":"{digest}"}}' if body != "{}" else f'{{"hash":"{digest}"}}'


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class AuditLog:
    """Chained JSON lines appended to a file of mednn's (or written to a stream: stderr)."""

    def __init__(self, target: str | Path | Any = None):
        self.path: Path | None = None
        self._last = _GENESIS
        self._failed = False
        if target is None or not isinstance(target, (str, Path)):
            self._stream = sys.stderr if target is None else target
            self.write({"format": AUDIT_FORMAT, "started": _now()})
            return
        self.path = Path(target)
        self._stream = self._open(self.path)

    def _open(self, path: Path):
        flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd, event = os.open(path, flags | os.O_CREAT | os.O_EXCL, 0o600), "started"
        except FileExistsError:
            self._last = _continue_chain(path)  # refuses a file that is not an audit log
            try:
                fd, event = os.open(path, flags), "restarted"
            except OSError as exc:
                raise _cannot_open(path, exc) from None
        except OSError as exc:
            raise _cannot_open(path, exc) from None
        self._stream = os.fdopen(fd, "a", encoding="ascii", buffering=1)
        self.write({"format": AUDIT_FORMAT, event: _now()})
        return self._stream

    @property
    def head(self) -> str:
        """The hash of the last line written (the anchor of the chain)."""
        return self._last

    def write(self, entry: dict[str, Any]) -> None:
        digest, line = _chain(self._last, entry)
        try:
            self._stream.write(line + "\n")
            self._stream.flush()
            self._last = digest
        except (OSError, ValueError) as exc:
            if not self._failed:  # say it once; requests keep being served
                self._failed = True
                print(f"mednn serve: cannot write the audit log ({exc.__class__.__name__})", file=sys.stderr)

    def close(self) -> None:
        if self.path is not None:
            try:
                self._stream.close()
            except OSError:
                pass


def _cannot_open(path: Path, exc: OSError) -> ConfigError:
    return ConfigError(problem(f"Cannot open the audit log {path} ({os.strerror(exc.errno or 0)})",
                               fix="choose a file you may write (--audit-log), not a link"))


def _not_ours(path: Path, why: str) -> ConfigError:
    return ConfigError(problem(f"--audit-log {path} is not a mednn audit log ({why}); appending to it would "
                               "change a file mednn did not write", fix="choose a new file name"))


def _continue_chain(path: Path) -> str:
    """The last hash of an existing audit log, after checking that it is one (first line)."""
    try:
        with open(path, "rb") as f:
            first = f.readline(4096)
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - _TAIL_BYTES))
            tail = f.read().splitlines()
    except OSError as exc:
        raise _cannot_open(path, exc) from None
    try:
        header = json.loads(first)
    except ValueError:
        raise _not_ours(path, "its first line is not JSON") from None
    if not isinstance(header, dict) or header.get("format") != AUDIT_FORMAT:
        raise _not_ours(path, f"its first line does not name the format {AUDIT_FORMAT}")
    try:
        last = json.loads(tail[-1])
        return str(last["hash"])
    except (ValueError, KeyError, IndexError, TypeError):
        raise _not_ours(path, "its last line is not a chained entry; it may have been cut") from None


def check_audit_target(path: str | Path) -> None:
    """Before a server starts: ``path`` is a new file in an existing folder, or an audit log
    of mednn's (so a typo such as ``--audit-log data.csv`` fails before anything is loaded)."""
    path = Path(path)
    if path.is_symlink() or path.is_dir():
        raise ConfigError(problem(f"--audit-log {path} is a link or a folder", fix="name a new file"))
    if path.exists():
        _continue_chain(path)
    elif not path.parent.is_dir():
        raise ConfigError(problem(f"The folder of --audit-log {path} does not exist", fix="create it first"))


def verify_audit_log(path: str | Path) -> tuple[int, str]:
    """Check the whole chain; return (number of lines, last hash). A line that does not follow
    from the one before (deleted, edited, inserted or reordered lines) is a DataError naming it."""
    path = Path(path)
    previous, n = _GENESIS, 0
    try:
        with open(path, encoding="ascii", errors="replace") as f:
            for n, line in enumerate(f, start=1):
                try:
                    entry = json.loads(line)
                    stored = entry.pop("hash")
                except (ValueError, KeyError, TypeError, AttributeError):
                    raise DataError(problem(f"{path}: line {n} is not an audit entry",
                                            fix="the log was edited; keep the original")) from None
                if n == 1 and entry.get("format") != AUDIT_FORMAT:
                    raise DataError(problem(f"{path} is not a mednn audit log (format {AUDIT_FORMAT})"))
                digest, _ = _chain(previous, entry)
                if digest != stored:
                    raise DataError(problem(f"{path}: the chain breaks at line {n}: a line before it was deleted, "
                                            "or this one was edited or moved", fix="keep the original log"))
                previous = digest
    except FileNotFoundError:
        raise DataError(problem(f"Audit log {path} does not exist")) from None
    except OSError as exc:
        raise DataError(problem(f"Cannot read the audit log {path} ({os.strerror(exc.errno or 0)})")) from None
    if n == 0:
        raise DataError(problem(f"{path} is empty", expected="a mednn audit log"))
    return n, previous

"""RDKit's own error log, caught per molecule: the reason an input was not read, never the input's text."""

from __future__ import annotations

import contextlib
import io
import re

from ..native_output import without_quoted_input

_TIMESTAMP = re.compile(r"^\[\d\d:\d\d:\d\d\]\s*")


@contextlib.contextmanager
def capture_rdkit_log():
    """Collect RDKit's C++ error log (what would be printed) into a StringIO while inside.

    RDKit writes parse and sanitisation errors to its own log; routing it through Python's
    stderr lets us keep the reason for each invalid molecule instead of printing it.
    """
    from rdkit import rdBase

    rdBase.LogToPythonStderr()
    buffer = io.StringIO()
    with contextlib.redirect_stderr(buffer):
        yield buffer


def last_reason(log: str) -> str:
    lines = [_TIMESTAMP.sub("", line).strip() for line in log.splitlines() if line.strip()]
    # RDKit prints an echo of the input and a caret line after a parse error; keep the error
    lines = [ln for ln in lines if not ln.startswith("^") and not set(ln) <= {" ", "^", "~"}]
    errors = [ln for ln in lines if "WARNING" not in ln]
    reason = (errors or lines or ["RDKit could not read the molecule"])[0]
    # never the input's own text: RDKit quotes the bytes it could not read
    return without_quoted_input(reason)

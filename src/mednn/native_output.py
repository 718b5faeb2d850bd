"""What native (C / C++) code writes to the process's standard error, kept off the terminal:
libraries such as RDKit print errors about a broken input file there directly, past Python's
``sys.stderr``, quoting the file's raw bytes (issue 22: no file bytes reach the terminal)."""

from __future__ import annotations

import contextlib
import io
import re


@contextlib.contextmanager
def native_stderr_into(buffer: io.StringIO):
    """While inside, what C++ code writes to file descriptor 2 goes into ``buffer``, not the
    terminal: RDKit writes some errors about a broken SDF there directly, quoting the file's
    raw bytes (issue 22). For reading files only: the descriptor is the whole process's."""
    import os
    import sys
    import tempfile

    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no descriptor 2 (an embedded interpreter)
        saved = None
    if saved is None:
        yield buffer
        return
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield buffer
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            buffer.write(sink.read(1 << 20).decode("utf-8", "replace"))


# what a native library quotes of its input: text in quotes, and what follows RDKit's "parsing:"
# and "Explicit valence for atom"
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|(?<=parsing:).*$|(?<=Explicit valence for atom).*$")


def without_quoted_input(message: str, limit: int = 200) -> str:
    """``message`` with the input it quotes replaced by '...': never a file's own text.

    >>> without_quoted_input("SMILES Parse Error: syntax error while parsing: C1CC(")
    'SMILES Parse Error: syntax error while parsing: ...'
    """
    return _QUOTED.sub(lambda m: " ..." if not m.group(0).startswith(("'", '"')) else "'...'", message)[:limit]

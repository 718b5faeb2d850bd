"""The console that commands print progress to (stderr, so stdout stays machine-readable)."""

from __future__ import annotations


def stderr_console():
    from rich.console import Console

    return Console(stderr=True)

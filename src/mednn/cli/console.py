"""What commands show a person: the console (stderr, so stdout stays machine-readable) and the
reporter that ``mednn train`` hands to :func:`mednn.pipeline.prepare` (log lines, one line per
epoch; ``--quiet`` passes none). The library itself prints nothing (its default reporter is silent)."""

from __future__ import annotations

import contextlib


def stderr_console():
    from rich.console import Console

    return Console(stderr=True)


class ConsoleReporter:
    """``log(text)`` lines and a ``progress(total)`` line per epoch on a rich console."""

    def __init__(self, console):
        self.console = console
        self.shown: set[str] = set()  # lines already printed (the end-of-run summary skips them)

    def log(self, text: str) -> None:
        # plain text: a path or a finding's "[id]" is not rich markup; one line in a log file
        self.shown.add(text)
        self.console.print(text, highlight=False, markup=False, soft_wrap=True)

    def progress(self, total: int) -> "EpochProgress":
        return EpochProgress(total, self.console)


class EpochProgress:
    """One line per epoch (:meth:`mednn.training.progress.EpochReport.line`: epoch of total,
    ensemble member, losses, validation metric, elapsed, ETA), printed as it ends whether or not
    the console is a terminal, so a run whose output goes to a file shows it too. A context
    manager with ``update(report)``, as :class:`mednn.training.callbacks.Progress` expects."""

    def __init__(self, total: int, console):
        self.total, self.console = total, console

    def __enter__(self) -> "EpochProgress":
        return self

    def update(self, report) -> None:
        # soft_wrap: one line however narrow the console (a file has no width to wrap at)
        self.console.print(report.line(), highlight=False, markup=False, soft_wrap=True)

    def __exit__(self, *exc) -> bool:
        return False


def reporter(quiet: bool):
    """The reporter of a command: None (silent) with ``--quiet``."""
    return None if quiet else ConsoleReporter(stderr_console())


@contextlib.contextmanager
def shown_warnings(shown: set[str]):
    """While inside, each warning shown on the console is also added to ``shown``; a finding's
    warning (``[id] message``, :func:`mednn.data.base.add_finding`) as the line its summary would
    print (:meth:`mednn.findings.Finding.line`), so the end-of-command summary lists it once, not twice."""
    import warnings

    from ..findings import ShownFinding, console_line

    original = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):
        text = str(message)
        shown.add(console_line(category.severity, text) if issubclass(category, ShownFinding) else text)
        original(message, category, filename, lineno, file, line)

    warnings.showwarning = show
    try:
        yield shown
    finally:
        warnings.showwarning = original

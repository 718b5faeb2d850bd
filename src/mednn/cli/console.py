"""What commands show a person: the console (stderr, so stdout stays machine-readable) and the
reporter that ``mednn train`` hands to :func:`mednn.pipeline.train` (log lines, a per-epoch
progress bar). The library itself prints nothing (its default reporter is silent)."""

from __future__ import annotations


def stderr_console():
    from rich.console import Console

    return Console(stderr=True)


class ConsoleReporter:
    """``log(text)`` lines and a ``progress(total)`` bar on a rich console."""

    def __init__(self, console):
        self.console = console

    def log(self, text: str) -> None:
        self.console.print(text, highlight=False, markup=False)  # log text is plain: "[split_leakage]" stays

    def progress(self, total: int) -> "EpochProgress":
        return EpochProgress(total, self.console)


class EpochProgress:
    """A per-epoch progress bar (a context manager with ``update(history_row)``)."""

    def __init__(self, total: int, console):
        self.total, self.console = total, console
        self._bar = None

    def __enter__(self) -> "EpochProgress":
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(TextColumn("training"), BarColumn(), MofNCompleteColumn(),
                             TextColumn("{task.fields[info]}"), TimeElapsedColumn(),
                             console=self.console, transient=True)
        self._bar.__enter__()
        self._task = self._bar.add_task("train", total=self.total, info="")
        return self

    def update(self, row: dict[str, float]) -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=1, info=f"val_loss {row['val_loss']:.4f}")

    def __exit__(self, *exc) -> bool:
        if self._bar is not None:
            self._bar.__exit__(*exc)
        return False


def reporter(quiet: bool):
    """The reporter of a command: None (silent) with ``--quiet``."""
    return None if quiet else ConsoleReporter(stderr_console())

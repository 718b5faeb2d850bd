"""Entry point of the ``mednn`` command: registers the commands on :data:`.app.app`, handles errors.

The error contract: every problem the user can fix (a :class:`~mednn.errors.MednnError`, and
every usage error of the command line itself: unknown command or option, missing argument,
a value of the wrong type) is ONE line on stderr and exit code 2, never a traceback or a
usage block. ``mednn`` alone prints the list of commands.
"""

from __future__ import annotations

import difflib
import sys

import typer

from .app import app


def _register() -> None:
    from . import data, federated, runs, serve, sign, train, tune  # noqa: F401  (each module adds its commands to `app`)


def _command_names() -> list[str]:
    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def _click_error_types() -> tuple[type, ...]:
    """The exception classes click shows to users: those of click itself and, from typer 0.2x
    on, those of the copy of click that typer ships (raised instead of click's)."""
    import importlib

    found = []
    for module in ("typer._click.exceptions", "click.exceptions"):
        try:
            found.append(importlib.import_module(module).ClickException)
        except (ImportError, AttributeError):
            continue
    return tuple(found)


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in str(text).splitlines() if part.strip())


def _error(message: str) -> int:
    print(f"mednn: error: {_one_line(message)}", file=sys.stderr)
    return 2


def _format_warning(message, category, filename, lineno, line=None) -> str:
    """Python warnings as one line (``mednn: warning: ...``), without the source line of the
    code that raised them: the user reads what happened, not where in mednn. (Installed as
    ``warnings.formatwarning``, so ``pytest.warns`` and other recorders still see them.)"""
    from ..findings import ShownFinding, console_line

    if issubclass(category, ShownFinding):  # a finding: the line Finding.line() prints
        return console_line(category.severity, _one_line(message)) + "\n"
    plain = category is UserWarning or category.__module__.startswith("mednn")
    kind = "" if plain else f"{category.__name__}: "
    return console_line("warning", f"{kind}{_one_line(message)}") + "\n"


def _interrupted() -> int:
    print("mednn: interrupted; no run or output file was written (a training run with checkpoints "
          "continues with `mednn train CONFIG --resume`)", file=sys.stderr)
    return 130


def _unknown_command(argv: list[str]) -> str | None:
    """A one-line message if the first word of ``argv`` is not a command (did-you-mean), else None."""
    for token in argv:
        if token in ("--help", "-h"):
            return None
        if token.startswith("-"):
            continue
        names = _command_names()
        if token in names:
            return None
        close = difflib.get_close_matches(token, names, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return (f"unknown command '{token}'; {hint}fix: use one of {', '.join(names)} "
                "(`mednn --help` describes them)")
    return None


def _usage_message(exc: Exception) -> str:
    """A click usage error as one line: click's own one-line message plus where to get help."""
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None) or "mednn"
    return f"{_one_line(message).rstrip('. ')}; fix: see `{command} --help`"


def main(argv: list[str] | None = None) -> int:
    """Run ``mednn ARGV`` and return its exit code (0 done, 2 a problem the user can fix)."""
    from ..errors import MednnError

    _register()
    import warnings

    warnings.formatwarning = _format_warning
    # `mednn` alone is a request for the list of commands (click >= 8.2 would exit 2 with it)
    args = list(sys.argv[1:] if argv is None else argv) or ["--help"]
    unknown = _unknown_command(args)
    if unknown is not None:
        return _error(unknown)
    try:
        # without standalone mode click returns the code of a `typer.Exit` raised inside a command
        code = app(args=args, prog_name="mednn", standalone_mode=False)
    except MednnError as exc:
        print(f"mednn: error: {_one_line(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return _interrupted()
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        return 1
    except _click_error_types() as exc:  # usage errors: unknown option, missing argument, bad value
        return _error(_usage_message(exc))
    except OSError as exc:  # the last net under every write: a full disk, a read-only folder, a vanished file
        from ..outputs import os_error

        return _error(str(os_error(exc, "a file of this command")))
    except MemoryError:  # sizes are checked before allocating; this is the last net
        return _error("the command ran out of memory; nothing was written; fix: use smaller inputs or models "
                      "(e.g. model.hidden_sizes, train.batch_size), or a machine with more memory")
    except Exception as exc:
        # an older typer re-exports click's Exit / Abort under other names
        name = type(exc).__name__
        if name == "Exit":
            return int(getattr(exc, "exit_code", 0))
        if name == "Abort":
            return 1
        raise
    if code == 130:  # typer turns Ctrl-C inside a command into Exit(130), which click returns
        return _interrupted()
    return code if isinstance(code, int) and not isinstance(code, bool) else 0

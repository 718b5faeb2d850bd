"""Entry point of the ``mednn`` command: the app, error handling, ``--version``."""

from __future__ import annotations

import sys

import typer

app = typer.Typer(
    name="mednn",
    help="Train, evaluate, explain and privately train neural networks on medical data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"mednn {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """mednn: medical neural networks with honest evaluation and a report a clinician can read."""


def _register() -> None:
    from . import data, runs, train, tune  # noqa: F401  (each module adds its commands to `app`)


def main(argv: list[str] | None = None) -> int:
    from ..errors import MednnError

    _register()
    try:
        app(args=argv, standalone_mode=False)
    except MednnError as exc:
        print(f"mednn: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("mednn: interrupted; nothing was written", file=sys.stderr)
        return 130
    except typer.Exit as exc:
        return exc.exit_code
    except Exception as exc:  # click's usage errors
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            return 2
        if isinstance(exc, click.exceptions.Abort):
            return 1
        raise
    return 0


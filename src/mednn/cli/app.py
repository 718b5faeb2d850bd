"""The Typer app every ``mednn`` command registers on, and ``--version``.

A command module (``cli/<group>.py``) imports :data:`app` from here and decorates its
functions with ``@app.command()``; :mod:`.main` imports the command modules and runs the app.
Kept apart from :mod:`.main` so that the command modules and the entry point do not import
each other.
"""

from __future__ import annotations

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

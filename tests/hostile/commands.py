"""The CLI's own command list, and for each command a valid invocation to start hostile cases from.

:func:`command_paths` walks the registered Typer app, so a new command appears here without
anyone listing it; :data:`BASE` must then name a valid invocation for it (the coverage test
fails until it does, so no command escapes the suite). Output options are found by name
(``--out``, ``--audit-log``, ``--log``, ``--spans``) and typed by :data:`OUTPUT_KINDS`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .conftest import TINY, World

SETS = [a for s in TINY for a in ("--set", s)]


def command_tree():
    import typer

    from mednn.cli.app import app
    from mednn.cli.main import _register

    _register()
    return typer.main.get_command(app)


def command_paths() -> dict[str, object]:
    """'serve-keys new' -> its click command, for every leaf command of ``mednn``."""
    import click

    found: dict[str, object] = {}

    def walk(cmd, path):
        if isinstance(cmd, click.Group):
            for name, child in sorted(cmd.commands.items()):
                walk(child, [*path, name])
        else:
            found[" ".join(path)] = cmd

    walk(command_tree(), [])
    return found


def numeric_options(command) -> list[tuple[str, str]]:
    """(flag, 'int' | 'float') of every numeric option of a click command."""
    import click

    found = []
    for param in command.params:
        if isinstance(param, click.Option) and isinstance(param.type, (click.types.IntParamType,
                                                                       click.types.FloatParamType)):
            found.append((param.opts[0], "int" if isinstance(param.type, click.types.IntParamType) else "float"))
    return found


OUTPUT_OPTIONS = ("--out", "--audit-log", "--log", "--spans")


def output_options(command) -> list[str]:
    import click

    return [p.opts[0] for p in command.params if isinstance(p, click.Option) and p.opts[0] in OUTPUT_OPTIONS]


# what each output option writes: a file, a folder of mednn's, or a run
OUTPUT_KINDS: dict[tuple[str, str], str] = {
    ("deid", "--out"): "file", ("deid", "--spans"): "file", ("demo", "--out"): "run",
    ("evaluate", "--out"): "file", ("federated run", "--out"): "run", ("federated run", "--log"): "file",
    ("federated superlink", "--log"): "file", ("federated supernode", "--log"): "file",
    ("inspect", "--out"): "file", ("keygen", "--out"): "folder", ("predict", "--out"): "file",
    ("report", "--out"): "file", ("serve", "--audit-log"): "file", ("serve-keys new", "--out"): "file",
    ("train", "--out"): "run", ("tune", "--out"): "folder",
}


def _base(world: World, work: Path) -> dict[str, list]:
    return {
        "datasets": ["datasets"],
        "deid": ["deid", world.notes, "--out", work / "clean.csv"],
        "demo": ["demo", "--out", work / "demo", "--quiet"],
        "evaluate": ["evaluate", world.run, "--data", world.labelled, "--out", work / "evaluation.json",
                     "--bootstrap", "0"],
        "federated run": ["federated", "run", world.config, "--sites", "2", "--out", work / "fed", "--insecure",
                          "--wait", "1", "--quiet"],
        "federated superlink": ["federated", "superlink", "--insecure"],
        "federated supernode": ["federated", "supernode", world.config, "--data", world.table, "--superlink",
                                "127.0.0.1:9092", "--insecure"],
        "inspect": ["inspect", world.config, "--out", work / "findings.json", "--no-label-issues"],
        "keygen": ["keygen", "--out", work / "newkeys"],
        "predict": ["predict", world.run, world.rows, "--out", work / "predictions.csv"],
        "report": ["report", world.run, "--out", work / "report.html"],
        "serve": ["serve", world.run, "--port", "8765"],
        "serve-audit verify": ["serve-audit", "verify", world.audit],
        "serve-keys new": ["serve-keys", "new", "--out", work / "keys.json"],
        "serve-keys revoke": ["serve-keys", "revoke", work / "keys.json", "ci"],
        "sign": ["sign", world.run, "--key", world.keys / "mednn-signing.key"],
        "train": ["train", "--data", world.table, "--set", "data.label=outcome", *SETS, "--out", work / "run",
                  "--quiet"],
        "tune": ["tune", world.config, "--out", work / "tune", "--trials", "1", "--budget", "30s", "--quiet", *SETS],
        "verify": ["verify", world.run],
    }


BASE: Callable[[World, Path], dict[str, list]] = _base


def invocation(name: str, world: World, work: Path, **replace) -> list:
    """The base invocation of ``name`` with options replaced (``{"--out": path}``) or added."""
    argv = list(_base(world, work)[name])
    for flag, value in replace.items():
        if flag in argv:
            argv[argv.index(flag) + 1] = value
        else:
            argv += [flag, value]
    return argv


def inputs_of(name: str, world: World) -> list[Path]:
    """The files a command's base invocation reads (an output must never be one of them)."""
    argv = _base(world, Path("/nonexistent"))[name]
    return [a for a in argv if isinstance(a, Path) and str(a).startswith(str(world.root))]

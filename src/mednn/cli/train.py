"""``mednn train`` and ``mednn demo``."""

from __future__ import annotations

from pathlib import Path

import typer

from .console import reporter, shown_warnings
from .app import app


def _refuse_twice(quick: list[str], set_: list[str]) -> None:
    """A quick flag and a ``--set`` of the same key: one would silently win over the other."""
    from ..errors import ConfigError

    flags = {"data.path": "--data", "model.name": "--model", "train.epochs": "--epochs"}
    for item in quick:
        key = item.split("=", 1)[0]
        if any(s.split("=", 1)[0].strip() == key for s in set_):
            raise ConfigError(f"{flags[key]} and --set {key}=... both given; fix: give the value once")


@app.command()
def train(
    config: Path = typer.Argument(None, help="YAML config (see configs/). Omit to use quick flags."),
    set_: list[str] = typer.Option([], "--set", help="Override a key, e.g. --set train.lr=0.01"),
    out: Path = typer.Option(None, "--out", help="Run directory (default runs/<name>)."),
    data: str = typer.Option(None, "--data", help="Quick flag: data.path (a file, folder or built-in name)."),
    model: str = typer.Option(None, "--model", help="Quick flag: model.name."),
    epochs: int = typer.Option(None, "--epochs", help="Quick flag: train.epochs."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing run (only a folder mednn wrote "
                                   "as a run; any other folder is never replaced)."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress, log or info lines and no summary; warnings still print one line each."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run from its last checkpoint "
                                "(same config and data)."),
) -> None:
    """Train a model and write a run directory with metrics and report."""
    from ..config import load_config
    from ..pipeline import run as run_train

    quick = [f"data.path={data}"] if data else []
    quick += [f"model.name={model}"] if model else []
    quick += [f"train.epochs={epochs}"] if epochs is not None else []  # --epochs 0 is refused, not ignored
    _refuse_twice(quick, set_)
    if data and config is None and not any(s.split("=", 1)[0].strip() == "name" for s in set_):
        from .runs import plain_file_name

        # the run (report title, model card, default runs/<name>) is named after its data, not "run";
        # quoted, so that a stem such as 2024 or yes stays text
        quick.append(f"name='{plain_file_name(Path(data), default='run')}'")
    cfg = load_config(config, overrides=quick + list(set_))
    if cfg.privacy.federated.site_column:  # the pipeline with federated rounds across the column's sites
        from ..federation import simulate as run_train
    console = reporter(quiet)
    shown = console.shown if console is not None else set()
    # the reader's warnings shown while training are not repeated by the summary below
    with shown_warnings(shown):
        path = _train(run_train, cfg, out, overwrite=overwrite, reporter=console, resume=resume)
    if path is None:  # a torchrun rank other than 0: rank 0 prints
        return
    from ..runs import load_run

    record = load_run(path, model=False, public_key=False).record
    if not quiet:  # findings and headline metrics, read back from the run's record
        from ..reports.summary import run_summary

        typer.echo(run_summary(record, shown=shown), err=True)
    else:  # --quiet: every warning still one line, whenever it was found (trial 9: the data checks' were dropped)
        for line in [f.line() for f in record.findings if f.severity != "info" and f.line() not in shown]:
            typer.echo(line, err=True)
    typer.echo(str(path / "report.html") if (path / "report.html").exists() else str(path))


@app.command()
def demo(
    out: Path = typer.Option(Path("runs/demo"), "--out", help="Run directory."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress output."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing run that is not a demo run "
                                   "(a previous demo run at --out is always replaced; other folders never)."),
) -> None:
    """The seed's MLP on the bundled Wisconsin breast-cancer records; prints the report's path."""
    from ..config import load_config
    from ..configs import builtin_config_path
    from ..pipeline import run as run_train

    cfg = load_config(builtin_config_path("breast_cancer"))
    path = _train(run_train, cfg, out, overwrite=overwrite or _is_demo_run(out, cfg.name),
                  reporter=reporter(quiet))
    typer.echo(str((path / "report.html").resolve()))


def _train(run_train, cfg, out, **kwargs):
    """Train; a disk or permission failure becomes one line (exit 2) instead of a traceback, and
    a failure removes the checkpoints this run wrote (an interrupted run keeps them, to resume)."""
    from ..checkpoints import discard_written

    try:
        return run_train(cfg, out, **kwargs)
    except OSError as exc:
        from ..runs import os_error

        discard_written()
        raise os_error(exc, out or "runs/") from None
    except Exception:
        discard_written()
        raise


def _is_demo_run(out: Path, demo_name: str) -> bool:
    """Whether ``out`` holds an intact run that ``mednn demo`` wrote (running the demo again replaces it)."""
    from ..errors import MednnError
    from ..runs import is_run, load_run

    if not is_run(out):
        return False
    try:
        return load_run(out, model=False, public_key=False).record.config.name == demo_name
    except MednnError:
        return False

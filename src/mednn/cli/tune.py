"""``mednn tune``: search a config's hyperparameters within a time budget, then train the best."""

from __future__ import annotations

from pathlib import Path

import typer

from .console import reporter
from .app import app


@app.command()
def tune(
    config: Path = typer.Argument(None, help="YAML config (see configs/); its train.epochs is the largest tried."),
    budget: str = typer.Option("15m", "--budget", help="Time for the trials of the whole study: 90s, 15m, 1h."),
    trials: int = typer.Option(None, "--trials", help="Stop when the study holds this many finished trials."),
    metric: str = typer.Option(None, "--metric", help="Validation metric the trials are scored on, e.g. f1_macro "
                               "(default: AUROC; accuracy for multi-class; RMSE for regression)."),
    out: Path = typer.Option(None, "--out", help="Tuning folder (default runs/<name>-tune): study.db, best.yaml, "
                             "run/."),
    set_: list[str] = typer.Option([], "--set", help="Override a key of the config, e.g. --set train.epochs=50"),
    quiet: bool = typer.Option(False, "--quiet", help="No progress output."),
) -> None:
    """Tune on the training and validation data only (Optuna TPE with pruning; k-fold under 1,000
    rows), write the best config as YAML and train it as a normal run. Running the same command
    again continues the study."""
    from ..config import load_config
    from ..tuning import parse_budget, tune as run_tune

    parse_budget(budget)  # a bad duration is refused before any data is read
    cfg = load_config(config, overrides=list(set_))
    path = run_tune(cfg, out, budget=budget, trials=trials, reporter=reporter(quiet), metric=metric)
    typer.echo(str(path / "report.html") if (path / "report.html").exists() else str(path))

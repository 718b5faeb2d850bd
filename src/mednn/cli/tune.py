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
    out = _check_tuning_folder(out if out is not None else Path("runs") / f"{cfg.name}-tune", [config, cfg.data.path])
    path = run_tune(cfg, out, budget=budget, trials=trials, reporter=reporter(quiet), metric=metric)
    typer.echo(str(path / "report.html") if (path / "report.html").exists() else str(path))


def _check_tuning_folder(out: Path, inputs: list) -> Path:
    """The write policy for the tuning folder: new, empty, or one that `mednn tune` made (a study
    of mednn's, best.yaml with its header, the run), never an input, a run or inside one."""
    from ..runs.targets import check_output_folder

    return check_output_folder(out, inputs=inputs, ours=_is_tuning_folder, kind="tuning folder")


def _is_tuning_folder(path: Path) -> bool:
    import re

    from ..runs.targets import is_run, starts_with
    from ..tuning import BEST_FILE, RUN_DIR, STUDY_FILE

    own = re.compile(rf"{re.escape(STUDY_FILE)}(?:-journal|-wal|-shm)?|{re.escape(BEST_FILE)}|{RUN_DIR}|"
                     rf"\.(?:{re.escape(BEST_FILE)}|{RUN_DIR})\.(?:partial|checkpoint|old)\S*")
    if not all(own.fullmatch(entry.name) for entry in path.iterdir()):
        return False
    if (path / BEST_FILE).exists() and not starts_with(path / BEST_FILE, "# written by mednn tune"):
        return False
    if (path / RUN_DIR).exists() and not is_run(path / RUN_DIR):
        return False
    return not (path / STUDY_FILE).exists() or _is_mednn_study(path / STUDY_FILE)


def _is_mednn_study(path: Path) -> bool:
    """An SQLite file holding Optuna's tables with mednn's study (read-only: never changed here)."""
    import sqlite3

    from ..runs.targets import starts_with
    from ..tuning import STUDY_NAME

    if path.is_symlink() or not starts_with(path, "SQLite format 3"):
        return False
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        names = {row[0] for row in db.execute("SELECT study_name FROM studies")}
    except sqlite3.Error:
        return False
    finally:
        db.close()
    return STUDY_NAME in names

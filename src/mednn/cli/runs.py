"""Commands that work from a finished run directory: evaluate, predict, report."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import DataError
from .app import app


def ignored_overwrite(given: bool) -> None:
    if given:
        import warnings

        warnings.warn("--overwrite is ignored: mednn replaces only an output it wrote itself, never another "
                      "file (issue 22)", stacklevel=2)


def plain_file_name(data: Path, default: str = "external") -> str:
    """A data file's (or folder's) name without suffixes, as a plain name: an evaluation's default
    name, and a run's when ``mednn train --data FILE`` gives no config."""
    import re

    stem = Path(data).name.split(".")[0]
    return re.sub(r"[^A-Za-z0-9._-]", "_", stem).strip("._-")[:64] or default


@app.command()
def evaluate(
    run: Path = typer.Argument(..., help="A run directory written by `mednn train`."),
    data: Path = typer.Option(..., "--data", help="Labelled data in the run's format (e.g. another site)."),
    site: str = typer.Option(None, "--site", help="Name of the evaluation (default: the data file's name); it is "
                             "stored as RUN/evaluations/SITE.json."),
    out: Path = typer.Option(None, "--out", help="Write the evaluation to this new JSON file instead of into the "
                             "run (the run is left unchanged)."),
    bootstrap: int = typer.Option(None, "--bootstrap", help="Bootstrap resamples (default: the run's)."),
    set_: list[str] = typer.Option([], "--set", help="A reader key for this file, e.g. --set data.delimiter=';'"),
) -> None:
    """Metrics with 95% CIs of a finished run on new labelled data: stored in the run as
    evaluations/SITE.json (the report's external validation), a summary table on stdout."""
    from ..reports.summary import evaluation_summary
    from ..runs import (add_evaluation, check_output_file, check_site, dumps, evaluation_record, load_run,
                        write_text_atomic)
    from ..runs.record_io import evaluation_file, plain
    from ..scoring import evaluate_file as evaluate_run
    from .console import shown_warnings

    site = check_site(site if site is not None else plain_file_name(data))
    record = load_run(run, model=False).record  # files (and signature, with MEDNN_PUBLIC_KEY) checked first
    if out is not None:
        check_output_file(out, inputs=[data, run], new_only=True)  # never an input, never inside a run
    elif (run / evaluation_file(site)).exists():
        raise DataError(f"{run} already holds an external evaluation named {site!r}; fix: pass --site with "
                        "another name, or --out FILE")
    with shown_warnings(set()) as shown:  # the reader's warnings, shown as it reads: the summary skips them
        result = evaluate_run(run, data, n_bootstrap=bootstrap, data_overrides=set_)
    settings = record.config.evaluate
    evaluation = evaluation_record(result, site=site, bootstrap={
        "n_resamples": settings.bootstrap if bootstrap is None else bootstrap, "seed": record.config.seed,
        "confidence": settings.confidence,  # patients when the site's file names them, as the metrics were
        "unit": (result["metrics"].get("bootstrap") or {}).get("unit", "row")})
    if out is not None:
        where = write_text_atomic(out, dumps(plain(evaluation)) + "\n")
    else:
        updated = add_evaluation(run, evaluation)
        where = updated.path
        if updated.was_signed:
            typer.echo(f"note: {run} was signed; storing the evaluation changed its manifest, so the signature no "
                       "longer matches: sign the run again with `mednn sign RUN --key KEY`", err=True)
    typer.echo(evaluation_summary(evaluation, record, shown=shown))
    typer.echo(f"full results: {where}")


@app.command()
def predict(
    run: Path = typer.Argument(..., help="A run directory written by `mednn train`."),
    input: Path = typer.Argument(None, help="Data to predict, in the run's format (labels not needed)."),
    data: Path = typer.Option(None, "--data", help="The same as INPUT (as evaluate takes it)."),
    out: Path = typer.Option(None, "--out", help="Output CSV (default: INPUT.predictions.csv)."),
    overwrite: bool = typer.Option(False, "--overwrite", hidden=True, help="Accepted for older scripts: a "
                                   "predictions file mednn wrote is replaced anyway, any other file never."),
    set_: list[str] = typer.Option([], "--set", help="A reader key for this file, e.g. --set data.header=true"),
) -> None:
    """Predict new samples with a finished run; writes a CSV of probabilities."""
    from ..scoring import predict_file as run_predict

    if (input is None) == (data is None):  # neither, or both: say how the file is passed
        from ..errors import ConfigError

        raise ConfigError(("no file to predict" if input is None else "INPUT and --data both name a file") +
                          "; fix: pass it as INPUT after the run (positional: mednn predict RUN INPUT) or as --data "
                          "INPUT")
    ignored_overwrite(overwrite)
    typer.echo(str(run_predict(run, input or data, out, data_overrides=set_)))  # the output is checked before any work


@app.command()
def report(
    run: Path = typer.Argument(..., help="A run directory written by `mednn train`."),
    out: Path = typer.Option(None, "--out", help="Write the report to this new file instead of RUN/report.html "
                             "(the run is left unchanged; the way to rebuild a signed run's report)."),
) -> None:
    """Rebuild report.html of a run from its files (which must match its manifest)."""
    from ..runs import check_output_file, rebuild_report

    if out is not None:
        check_output_file(out, inputs=[run], new_only=True)
    typer.echo(str(rebuild_report(run, out).path))


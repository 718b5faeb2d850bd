"""Commands that work from a finished run directory: evaluate, predict, report."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import app


@app.command()
def evaluate(
    run: Path = typer.Argument(..., help="A run directory written by `mednn train`."),
    data: Path = typer.Option(..., "--data", help="Labelled data in the run's format (e.g. another site)."),
    out: Path = typer.Option(None, "--out", help="Write the full JSON here (default: DATA.evaluation.json "
                             "beside the data; never inside the run)."),
    bootstrap: int = typer.Option(None, "--bootstrap", help="Bootstrap resamples (default: the run's)."),
) -> None:
    """Metrics with 95% CIs of a finished run on new labelled data: a summary table on stdout,
    the full results (per class, confusion matrix) as JSON in a file."""
    from ..reports.summary import default_evaluation_path, evaluation_summary
    from ..runs import check_output_file, dumps, write_text_atomic
    from ..scoring import evaluate_file as evaluate_run

    out = out if out is not None else default_evaluation_path(data)
    check_output_file(out, inputs=[data, run])  # before any work: never the input, never inside a run
    result = evaluate_run(run, data, n_bootstrap=bootstrap)
    write_text_atomic(out, dumps(result) + "\n")
    typer.echo(evaluation_summary(result, run))
    typer.echo(f"full results: {out}")


@app.command()
def predict(
    run: Path = typer.Argument(..., help="A run directory written by `mednn train`."),
    input: Path = typer.Argument(..., help="Data to predict, in the run's format (labels not needed)."),
    out: Path = typer.Option(None, "--out", help="Output CSV (default: INPUT.predictions.csv)."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace --out even if it is not a predictions "
                                   "file mednn wrote."),
) -> None:
    """Predict new samples with a finished run; writes a CSV of probabilities."""
    from ..scoring import predict_file as run_predict

    typer.echo(str(run_predict(run, input, out, overwrite=overwrite)))  # the output is checked before any work


@app.command()
def report(run: Path = typer.Argument(..., help="A run directory written by `mednn train`.")) -> None:
    """Rebuild report.html of a run from its files (which must match its manifest)."""
    from ..reports.html import write_report
    from ..runs import REGENERABLE, SIGNATURE, refresh_manifest_entry, verify_manifest

    verify_manifest(run)
    path = write_report(run)
    refresh_manifest_entry(run, REGENERABLE)
    if (run / SIGNATURE).is_file():
        typer.echo(f"note: {run} was signed; the new report changed its manifest: sign it again with `mednn sign`",
                   err=True)
    typer.echo(str(path))

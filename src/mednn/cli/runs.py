"""Commands that work from a finished run directory: evaluate, predict, report."""

from __future__ import annotations

from pathlib import Path

import typer

from .main import app


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
    from ..pipeline import evaluate_run
    from ..reports.summary import default_evaluation_path, evaluation_summary
    from ..runs import dumps, write_text_atomic

    result = evaluate_run(run, data, n_bootstrap=bootstrap)
    out = out if out is not None else default_evaluation_path(data)
    write_text_atomic(out, dumps(result) + "\n")
    typer.echo(evaluation_summary(result, run))
    typer.echo(f"full results: {out}")


@app.command()
def predict(
    run: Path = typer.Argument(..., help="A run directory written by `mednn train`."),
    input: Path = typer.Argument(..., help="Data to predict, in the run's format (labels not needed)."),
    out: Path = typer.Option(None, "--out", help="Output CSV (default: INPUT.predictions.csv)."),
) -> None:
    """Predict new samples with a finished run; writes a CSV of probabilities."""
    from ..pipeline import predict as run_predict

    typer.echo(str(run_predict(run, input, out)))


@app.command()
def report(run: Path = typer.Argument(..., help="A run directory written by `mednn train`.")) -> None:
    """Rebuild report.html of a run from its files."""
    from ..reports.html import write_report
    from ..runs import REGENERABLE, refresh_manifest_entry, verify_manifest

    verify_manifest(run)
    path = write_report(run)
    refresh_manifest_entry(run, REGENERABLE)
    typer.echo(str(path))


@app.command()
def serve(
    run: Path = typer.Argument(..., help="A run directory written by `mednn train` (tables, notes, molecules)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (default: this machine only)."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
) -> None:
    """Serve a finished run over HTTP: GET /health, GET /model, POST /predict {"records": [...]}."""
    from ..serving import make_app
    from ..serving import serve as run_server

    app_ = make_app(run)  # load and check the run before binding the port: errors exit with code 2
    typer.echo(f"serving {run} on http://{host}:{port} (GET /model, POST /predict)", err=True)
    run_server(run, host=host, port=port, app=app_)

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
    set_: list[str] = typer.Option([], "--set", help="A reader key for this file, e.g. --set data.delimiter=';'"),
) -> None:
    """Metrics with 95% CIs of a finished run on new labelled data: a summary table on stdout,
    the full results (per class, confusion matrix) as JSON in a file."""
    from ..reports.summary import default_evaluation_path, evaluation_summary
    from ..runs import check_output_file, dumps, write_text_atomic
    from ..scoring import evaluate_file as evaluate_run

    out = out if out is not None else default_evaluation_path(data)
    check_output_file(out, inputs=[data, run])  # before any work: never the input, never inside a run
    result = evaluate_run(run, data, n_bootstrap=bootstrap, data_overrides=set_)
    write_text_atomic(out, dumps(result) + "\n")
    typer.echo(evaluation_summary(result, run))
    typer.echo(f"full results: {out}")


@app.command()
def predict(
    run: Path = typer.Argument(..., help="A run directory written by `mednn train`."),
    input: Path = typer.Argument(..., help="Data to predict, in the run's format (labels not needed)."),
    out: Path = typer.Option(None, "--out", help="Output CSV (default: INPUT.predictions.csv)."),
    set_: list[str] = typer.Option([], "--set", help="A reader key for this file, e.g. --set data.header=true"),
) -> None:
    """Predict new samples with a finished run; writes a CSV of probabilities."""
    from ..scoring import predict_file as run_predict

    typer.echo(str(run_predict(run, input, out, data_overrides=set_)))  # the output path is checked before any work


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


@app.command()
def serve(
    run: Path = typer.Argument(..., help="A run directory written by `mednn train` (tables, notes, molecules)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (default: this machine only)."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    api_keys: Path = typer.Option(None, "--api-keys", help="Key file (mednn serve-keys new): every request "
                                  "but GET /health needs one of its keys."),
    tls_cert: Path = typer.Option(None, "--tls-cert", help="PEM certificate: serve HTTPS."),
    tls_key: Path = typer.Option(None, "--tls-key", help="PEM private key of --tls-cert."),
    max_body: int = typer.Option(1_000_000, "--max-body", help="Largest request body in bytes (413 above)."),
    max_records: int = typer.Option(10_000, "--max-records", help="Most records in one request (413 above)."),
    rate_limit: float = typer.Option(50.0, "--rate-limit", help="Requests per second per key, bursts of twice "
                                     "that (429 above); 0: no limit."),
    timeout: float = typer.Option(30.0, "--timeout", help="Seconds a request may take (503 after)."),
    audit_log: Path = typer.Option(None, "--audit-log", help="Append one JSON line per request here "
                                   "(default: stderr); never request values."),
    no_auth: bool = typer.Option(False, "--no-auth", help="Allow a non-loopback --host without --api-keys "
                                 "(only behind a gateway that authenticates)."),
) -> None:
    """Serve a finished run over HTTP: GET /health, GET /model, POST /predict {"records": [...]}."""
    from ..errors import ConfigError
    from ..serving import make_app
    from ..serving import serve as run_server
    from ..serving_security import AuditLog, KeyStore, ServeSecurity, bind_socket, check_tls, is_loopback

    if api_keys is None and not no_auth and not is_loopback(host):
        raise ConfigError(f"--host {host} exposes the server beyond this machine without authentication; "
                          "fix: pass --api-keys FILE (mednn serve-keys new), or --no-auth behind a gateway")
    check_tls(tls_cert, tls_key)
    security = ServeSecurity(keys=KeyStore.load(api_keys) if api_keys is not None else None, max_body_bytes=max_body,
                             max_records=max_records, rate_per_second=rate_limit, timeout_seconds=timeout,
                             audit=AuditLog(audit_log))
    app_ = make_app(run, security=security)  # a run that cannot be served: one line, exit 2
    scheme = "https" if tls_cert else "http"
    keys = f", {len(security.keys.hashes)} API keys" if security.keys else ", no API keys"
    sock = bind_socket(host, port)  # a port in use or out of range: one line, exit 2
    typer.echo(f"serving {run} on {scheme}://{host}:{port} (GET /model, POST /predict{keys})", err=True)
    run_server(run, host=host, port=port, app=app_, tls_cert=tls_cert, tls_key=tls_key, sock=sock)


keys_app = typer.Typer(help="API keys of mednn serve (stored hashed; each key is shown once).",
                       no_args_is_help=True)
app.add_typer(keys_app, name="serve-keys")


@keys_app.command("new")
def keys_new(
    out: Path = typer.Option(..., "--out", help="Key file to create or add to (mednn serve --api-keys FILE)."),
    key_id: str = typer.Option(None, "--id", help="Name of the key in the audit log (default key1, key2, ...)."),
) -> None:
    """Make an API key: prints it once on stdout; the file keeps only its SHA-256."""
    from ..serving_security import add_key

    key_id, key = add_key(out, key_id)
    typer.echo(f"key {key_id!r} added to {out}; it is shown only now: store it in a secret store", err=True)
    typer.echo(key)


@keys_app.command("revoke")
def keys_revoke(
    file: Path = typer.Argument(..., help="Key file."),
    key_id: str = typer.Argument(..., help="Id of the key to remove."),
) -> None:
    """Remove a key (restart the server for it to take effect)."""
    from ..serving_security import revoke_key

    revoke_key(file, key_id)
    typer.echo(f"key {key_id!r} removed from {file}; restart mednn serve to apply", err=True)

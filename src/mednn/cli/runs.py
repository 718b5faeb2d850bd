"""Commands that work from a finished run directory: evaluate, predict, report."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import DataError
from .main import app


def _site_name(data: Path) -> str:
    """An evaluation's default name: the data file's name without suffixes, as a plain name."""
    import re

    stem = Path(data).name.split(".")[0]
    return re.sub(r"[^A-Za-z0-9._-]", "_", stem).strip("._-")[:64] or "external"


@app.command()
def evaluate(
    run: Path = typer.Argument(..., help="A run directory written by `mednn train`."),
    data: Path = typer.Option(..., "--data", help="Labelled data in the run's format (e.g. another site)."),
    site: str = typer.Option(None, "--site", help="Name of the evaluation (default: the data file's name); it is "
                             "stored as RUN/evaluations/SITE.json."),
    out: Path = typer.Option(None, "--out", help="Write the evaluation to this new JSON file instead of into the "
                             "run (the run is left unchanged)."),
    bootstrap: int = typer.Option(None, "--bootstrap", help="Bootstrap resamples (default: the run's)."),
) -> None:
    """Metrics with 95% CIs of a finished run on new labelled data: stored in the run as
    evaluations/SITE.json (the report's external validation), a summary table on stdout."""
    from ..reports.summary import evaluation_summary
    from ..runs import (add_evaluation, check_output_file, check_site, dumps, evaluation_record, load_run,
                        write_text_atomic)
    from ..runs.record_io import evaluation_file, plain
    from ..scoring import evaluate_file as evaluate_run

    site = check_site(site if site is not None else _site_name(data))
    record = load_run(run, model=False).record  # files (and signature, with MEDNN_PUBLIC_KEY) checked first
    if out is not None:
        check_output_file(out, inputs=[data, run], new_only=True)  # never an input, never inside a run
    elif (run / evaluation_file(site)).exists():
        raise DataError(f"{run} already holds an external evaluation named {site!r}; fix: pass --site with "
                        "another name, or --out FILE")
    result = evaluate_run(run, data, n_bootstrap=bootstrap)
    settings = record.config.evaluate
    evaluation = evaluation_record(result, site=site, bootstrap={
        "n_resamples": settings.bootstrap if bootstrap is None else bootstrap, "seed": record.config.seed,
        "confidence": settings.confidence})
    if out is not None:
        where = write_text_atomic(out, dumps(plain(evaluation)) + "\n")
    else:
        updated = add_evaluation(run, evaluation)
        where = updated.path
        if updated.was_signed:
            typer.echo(f"note: {run} was signed; storing the evaluation changed its manifest, so the signature no "
                       "longer matches: sign the run again with `mednn sign RUN --key KEY`", err=True)
    typer.echo(evaluation_summary(evaluation, record))
    typer.echo(f"full results: {where}")


@app.command()
def predict(
    run: Path = typer.Argument(..., help="A run directory written by `mednn train`."),
    input: Path = typer.Argument(..., help="Data to predict, in the run's format (labels not needed)."),
    out: Path = typer.Option(None, "--out", help="Output CSV (default: INPUT.predictions.csv)."),
) -> None:
    """Predict new samples with a finished run; writes a CSV of probabilities."""
    from ..scoring import predict_file as run_predict

    typer.echo(str(run_predict(run, input, out)))  # the output path is checked before any work


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

    _check_key_file(out)
    try:
        key_id, key = add_key(out, key_id)
    except OSError as exc:  # read-only folder, full disk: one line, and add_key leaves no partial file
        from ..runs import os_error

        raise os_error(exc, out) from None
    typer.echo(f"key {key_id!r} added to {out}; it is shown only now: store it in a secret store", err=True)
    typer.echo(key)


@keys_app.command("revoke")
def keys_revoke(
    file: Path = typer.Argument(..., help="Key file."),
    key_id: str = typer.Argument(..., help="Id of the key to remove."),
) -> None:
    """Remove a key (restart the server for it to take effect)."""
    from ..serving_security import revoke_key

    _check_key_file(file)
    try:
        revoke_key(file, key_id)
    except OSError as exc:
        from ..runs import os_error

        raise os_error(exc, file) from None
    typer.echo(f"key {key_id!r} removed from {file}; restart mednn serve to apply", err=True)


def _check_key_file(path: Path) -> None:
    """A key file is never a folder, a link, or a file inside a run (a run changes only through its
    own commands); an existing file must be a key file (``add_key`` checks its content)."""
    from ..runs.targets import enclosing_run, existing_folder

    if path.is_symlink() or path.is_dir():
        raise DataError(f"--out {path} is a folder or a link; fix: name a key file, e.g. --out keys.json")
    inside = enclosing_run(existing_folder(path).parent)
    if inside is not None:
        raise DataError(f"{path} lies inside the run directory {inside}; fix: keep API keys outside the run")

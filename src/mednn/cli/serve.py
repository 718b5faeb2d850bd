"""``mednn serve`` (a run behind an HTTP API), ``mednn serve-keys`` and ``mednn serve-audit``."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import app


@app.command()
def serve(
    run: Path = typer.Argument(..., help="A run directory written by `mednn train`."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (default: this machine only)."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    api_keys: Path = typer.Option(None, "--api-keys", help="Key file (mednn serve-keys new): every request "
                                  "but GET /health needs one of its keys."),
    tls_cert: Path = typer.Option(None, "--tls-cert", help="PEM certificate: serve HTTPS."),
    tls_key: Path = typer.Option(None, "--tls-key", help="PEM private key of --tls-cert."),
    max_body: int = typer.Option(1_000_000, "--max-body", help="Largest request body in bytes (413 above)."),
    max_records: int = typer.Option(10_000, "--max-records", help="Most records in one request (413 above)."),
    rate_limit: float = typer.Option(50.0, "--rate-limit", help="Requests per second per key (per client "
                                     "address without keys), bursts of twice that (429 above); 0: no limit."),
    timeout: float = typer.Option(30.0, "--timeout", help="Seconds a request may take (503 after)."),
    header_timeout: float = typer.Option(10.0, "--header-timeout", help="Seconds a client may take to send "
                                         "its headers (the connection is closed after)."),
    max_connections: int = typer.Option(200, "--max-connections", help="Open connections at once (503 above)."),
    audit_log: Path = typer.Option(None, "--audit-log", help="Append one hash-chained JSON line per request to "
                                   "this mednn audit log (created if new; default: stderr); never request values."),
    no_auth: bool = typer.Option(False, "--no-auth", help="Allow a non-loopback --host without --api-keys "
                                 "(only behind a gateway that authenticates)."),
    insecure: bool = typer.Option(False, "--insecure", help="Allow API keys over plain HTTP on a non-loopback "
                                  "--host (only behind a gateway that terminates TLS)."),
) -> None:
    """Serve a finished run over HTTP: GET /health, GET /model, POST /predict {"records": [...]}."""
    from ..errors import ConfigError
    from ..serving import make_app
    from ..serving import serve as run_server
    from ..serving.audit import AuditLog, check_audit_target
    from ..serving.network import bind_socket, check_tls, is_loopback
    from ..serving.security import KeyStore, ServeSecurity

    exposed = not is_loopback(host)
    if exposed and api_keys is None and not no_auth:
        raise ConfigError(f"--host {host} exposes the server beyond this machine without authentication; "
                          "fix: pass --api-keys FILE (mednn serve-keys new), or --no-auth behind a gateway")
    if exposed and api_keys is not None and tls_cert is None and not insecure:
        raise ConfigError(f"--host {host} would receive API keys over plain HTTP, readable on the network; "
                          "fix: pass --tls-cert and --tls-key, or --insecure behind a gateway that terminates TLS")
    check_tls(tls_cert, tls_key)
    if audit_log is not None:  # never an input, never in a run, never appended to a file that is not ours
        from ..runs import check_output_file

        if audit_log.is_file() and not _is_audit_log(audit_log):
            check_audit_target(audit_log)  # names what it is not: "not a mednn audit log"
        check_output_file(audit_log, inputs=[run, api_keys, tls_cert, tls_key], ours=_is_audit_log,
                          kind="audit log", what="--audit-log")
        check_audit_target(audit_log)
    # every limit is checked (finite, in range) before the run is loaded or the port bound
    security = ServeSecurity(max_body_bytes=max_body, max_records=max_records, rate_per_second=rate_limit,
                             timeout_seconds=timeout, header_timeout_seconds=header_timeout,
                             max_connections=max_connections)
    security.keys = KeyStore.load(api_keys) if api_keys is not None else None
    app_ = make_app(run, security=security)  # a run that cannot be served: one line, exit 2
    sock = bind_socket(host, port)  # a port in use or out of range: one line, exit 2
    try:
        security.audit = AuditLog(audit_log)  # refuses a file that is not a mednn audit log
    except BaseException:
        sock.close()
        raise
    scheme = "https" if tls_cert else "http"
    keys = f", {len(security.keys.hashes)} API keys" if security.keys else ", no API keys"
    typer.echo(f"serving {run} on {scheme}://{host}:{port} (GET /model, POST /predict{keys})", err=True)
    run_server(run, host=host, port=port, app=app_, security=security, tls_cert=tls_cert, tls_key=tls_key,
               sock=sock)


keys_app = typer.Typer(help="API keys of mednn serve (stored hashed; each key is shown once).",
                       no_args_is_help=True)
app.add_typer(keys_app, name="serve-keys")


@keys_app.command("new")
def keys_new(
    out: Path = typer.Option(..., "--out", help="Key file to create or add to (mednn serve --api-keys FILE)."),
    key_id: str = typer.Option(None, "--id", help="Name of the key in the audit log (default key1, key2, ...)."),
) -> None:
    """Make an API key: prints it once on stdout; the file keeps only its SHA-256."""
    from ..serving.security import add_key

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
    from ..serving.security import revoke_key

    _check_key_file(file, what="FILE")
    try:
        revoke_key(file, key_id)
    except OSError as exc:
        from ..runs import os_error

        raise os_error(exc, file) from None
    typer.echo(f"key {key_id!r} removed from {file}; restart mednn serve to apply", err=True)


def _check_key_file(path: Path, what: str = "--out") -> None:
    """The write policy for a key file: never a folder, a link, or a file inside a run (a run
    changes only through its own commands); an existing file must be a key file of mednn's."""
    from ..runs import check_output_file

    check_output_file(path, ours=_is_key_file, kind="API key file", what=what)


def _is_key_file(path: Path) -> bool:
    from ..errors import MednnError
    from ..serving.security import KeyStore

    try:
        KeyStore.load(path)
    except MednnError:
        return False
    return True


def _is_audit_log(path: Path) -> bool:
    from ..errors import MednnError
    from ..serving.audit import check_audit_target

    try:
        check_audit_target(path)
    except MednnError:
        return False
    return True


audit_app = typer.Typer(help="The audit log of mednn serve (hash-chained JSON lines).", no_args_is_help=True)
app.add_typer(audit_app, name="serve-audit")


@audit_app.command("verify")
def audit_verify(file: Path = typer.Argument(..., help="An audit log written by mednn serve --audit-log.")) -> None:
    """Check that no line of an audit log was deleted, edited or moved; print its last hash
    (compare it with the hash the server printed when it stopped)."""
    from ..serving.audit import verify_audit_log

    lines, head = verify_audit_log(file)
    typer.echo(f"{file}: {lines} lines, chain intact; last hash {head}")

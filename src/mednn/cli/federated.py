"""``mednn federated superlink|supernode|run``: Flower's Deployment Engine (mednn.federation).

The coordinator runs a SuperLink and submits runs; every site runs a SuperNode on its own
file with the same config (docs/federated.md). Training on one pooled file split by a column
is ``mednn train`` with ``privacy.federated.site_column``.
"""

from __future__ import annotations

from pathlib import Path

import typer

from .console import stderr_console
from .app import app

federated_app = typer.Typer(help="Federated training across sites on Flower (each site keeps its file).",
                            no_args_is_help=True)
app.add_typer(federated_app, name="federated")


LOG_MARKER = "# mednn federated log (Flower's output follows)"


def _log_file(log: Path | None, inputs: list) -> Path | None:
    """The write policy for --log: a new file (started with mednn's marker line) or a log that
    mednn started; never an input, a file in a run, or anyone else's file appended to."""
    if log is None:
        return None
    from ..runs import check_output_file, write_text_atomic
    from ..runs.targets import starts_with

    check_output_file(log, inputs=inputs, ours=lambda path: starts_with(path, LOG_MARKER), kind="mednn log",
                      what="--log")
    if not log.exists():
        write_text_atomic(log, LOG_MARKER + "\n")
    return log


def _check_run_options(*, sites: int, min_sites: int | None, round_timeout: float | None, wait: float,
                       secagg_range: float) -> None:
    """Every number of `federated run` in range and finite, before a Flower process starts (the
    coordinator's own checks run only inside the SuperLink's process)."""
    import math

    from ..errors import ConfigError

    def refuse(option: str, value, expected: str) -> None:
        raise ConfigError(f"{option} is out of range; expected {expected}; got {value!r}; fix: pass {expected}")

    if not 1 <= sites <= 10_000:
        refuse("--sites", sites, "a whole number from 1 to 10000")
    if min_sites is not None and not 1 <= min_sites <= sites:
        refuse("--min-sites", min_sites, "a whole number from 1 to --sites")
    if round_timeout is not None and not (math.isfinite(round_timeout) and 0 < round_timeout <= 86_400):
        refuse("--round-timeout", round_timeout, "seconds above 0 and at most 86400")
    if not (math.isfinite(wait) and 0 <= wait <= 86_400):
        refuse("--wait", wait, "seconds from 0 to 86400")
    if not (math.isfinite(secagg_range) and 0 < secagg_range <= 1e6):
        refuse("--secagg-clipping-range", secagg_range, "a number above 0 and at most 1000000")


def _exit_with(code: int, what: str, log: Path | None) -> None:
    if code:
        from ..errors import ConfigError

        where = f"; its log: {log}" if log is not None else "; pass --log FILE to keep its output"
        raise ConfigError(f"{what} stopped (exit status {code}){where}")


@federated_app.command("superlink")
def superlink(
    address: str = typer.Option("127.0.0.1:9092", "--address", help="HOST:PORT for the SuperNodes and `run` "
                                "(127.0.0.1: this machine only; give the host's address to let sites in)."),
    insecure: bool = typer.Option(False, "--insecure", help="Plain HTTP and open joins, on 127.0.0.1 only (tests)."),
    ssl_ca: Path = typer.Option(None, "--ssl-ca-certfile", help="TLS: the CA certificate."),
    ssl_cert: Path = typer.Option(None, "--ssl-certfile", help="TLS: the SuperLink's certificate."),
    ssl_key: Path = typer.Option(None, "--ssl-keyfile", help="TLS: the SuperLink's private key."),
    log: Path = typer.Option(None, "--log", help="Keep Flower's output in this file (default: discarded)."),
) -> None:
    """Start the coordinator's Flower SuperLink (only registered SuperNodes join, over TLS)."""
    from ..federation.engines.deployment import run_process, superlink_command

    log = _log_file(log, [ssl_ca, ssl_cert, ssl_key])
    cmd = superlink_command(address=address, insecure=insecure, ca=ssl_ca, cert=ssl_cert, key=ssl_key)
    mode = "plain HTTP, open joins" if insecure else "TLS, SuperNode authentication"
    code = run_process(cmd, log=log, announce=lambda: stderr_console().print(
        f"SuperLink on {address} ({mode}); stop with Ctrl-C", highlight=False))
    _exit_with(code, "The SuperLink", log)


@federated_app.command("supernode")
def supernode(
    config: Path = typer.Argument(..., help="This site's YAML config (the coordinator's, with local changes)."),
    data: Path = typer.Option(..., "--data", help="This site's own training file (it never leaves the site)."),
    superlink_address: str = typer.Option(..., "--superlink", help="The SuperLink's HOST:PORT."),
    name: str = typer.Option(None, "--name", help="This site's name in the run (default: the file's name)."),
    insecure: bool = typer.Option(False, "--insecure", help="Plain HTTP to a SuperLink on 127.0.0.1 (tests)."),
    root_certificates: Path = typer.Option(None, "--root-certificates", help="TLS: the CA certificate that "
                                           "signed the SuperLink's certificate."),
    auth_key: Path = typer.Option(None, "--auth-supernode-private-key", help="This SuperNode's EC private key "
                                  "(OpenSSH format), registered at the SuperLink."),
    runtime_port: int = typer.Option(9094, "--runtime-port", help="Local port of the SuperNode's runtime API "
                                     "(one per SuperNode on a machine)."),
    log: Path = typer.Option(None, "--log", help="Keep Flower's output in this file (default: discarded)."),
) -> None:
    """Start this site's SuperNode with its own data file; this process answers its messages."""
    from ..federation.engines.deployment import run_process, supernode_command

    if not 1 <= runtime_port <= 65_535:
        from ..errors import ConfigError

        raise ConfigError(f"--runtime-port is out of range; expected a port from 1 to 65535; got {runtime_port}")
    log = _log_file(log, [config, data, root_certificates, auth_key])
    cmd = supernode_command(config=config, data=data, superlink=superlink_address, name=name, insecure=insecure,
                            root_certificates=root_certificates, auth_key=auth_key, runtime_port=runtime_port)
    code = run_process(cmd, log=log, serve_sites=runtime_port, announce=lambda: stderr_console().print(
        f"SuperNode {name or data.stem} -> {superlink_address}; stop with Ctrl-C", highlight=False))
    _exit_with(code, "The SuperNode", log)


@federated_app.command("run")
def run(
    config: Path = typer.Argument(..., help="YAML config shared with every site."),
    sites: int = typer.Option(..., "--sites", help="Number of SuperNodes to train with."),
    superlink_address: str = typer.Option("127.0.0.1:9092", "--superlink", help="The SuperLink's HOST:PORT."),
    out: Path = typer.Option(None, "--out", help="Run directory (default runs/<name>)."),
    data: str = typer.Option(None, "--data", help="The coordinator's validation/test file (default: data.path)."),
    min_sites: int = typer.Option(None, "--min-sites", help="Rounds go on while at least this many sites are left "
                                  "(default: all; a failed or dropped site then stops the run)."),
    round_timeout: float = typer.Option(None, "--round-timeout", help="Seconds a site may take per message."),
    wait: float = typer.Option(120.0, "--wait", help="Seconds to wait for the SuperNodes."),
    sites_file: Path = typer.Option(None, "--sites-file", help="YAML `sites: {name: {rows: N}}`: the registered "
                                    "sites and the rows each declared (its FedAvg weight is capped there)."),
    secagg: bool = typer.Option(False, "--secagg", help="Aggregate every round with Flower's SecAgg+."),
    secagg_range: float = typer.Option(8.0, "--secagg-clipping-range", help="SecAgg+: every weight must lie "
                                       "within +-this (quantization step 2*range/2^22)."),
    insecure: bool = typer.Option(False, "--insecure", help="Plain HTTP to a SuperLink on 127.0.0.1 (tests)."),
    root_certificates: Path = typer.Option(None, "--root-certificates", help="TLS: the SuperLink's CA."),
    log: Path = typer.Option(None, "--log", help="Keep Flower's output of the run in this file."),
    set_: list[str] = typer.Option([], "--set", help="Override a key, e.g. --set privacy.federated.aggregation=median"),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing run written by mednn."),
    quiet: bool = typer.Option(False, "--quiet", help="No round lines."),
) -> None:
    """Train across the SuperLink's SuperNodes (`flwr run` of mednn's app); run it on the SuperLink's machine."""
    from ..config import load_config
    from ..federation.engines.deployment import submit

    cfg = load_config(config, overrides=list(set_))
    _check_run_options(sites=sites, min_sites=min_sites, round_timeout=round_timeout, wait=wait,
                       secagg_range=secagg_range)
    from ..runs import check_run_target

    # before any Flower process: the run folder (never an input, only a verified run replaced)
    check_run_target(out, overwrite=overwrite, name=cfg.name, inputs=[data if data is not None else cfg.data.path])
    log = _log_file(log, [config, data, cfg.data.path, sites_file, root_certificates])
    console = None if quiet else stderr_console()
    path = submit(cfg, superlink=superlink_address, sites=sites, data=data, out=out, min_sites=min_sites,
                  round_timeout=round_timeout, wait=wait, sites_file=sites_file, insecure=insecure,
                  root_certificates=root_certificates, overwrite=overwrite, log=log,
                  secagg=secagg_range if secagg else None,
                  say=None if console is None else lambda line: console.print(line, highlight=False))
    typer.echo(str(path))

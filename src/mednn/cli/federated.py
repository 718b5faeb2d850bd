"""``mednn federated server|site`` (Flower gRPC) and ``superlink|supernode|run`` (Deployment Engine).

The coordinator holds a validation/test file and writes the run; each site holds its own
training file and the same config (see docs/federated.md and :mod:`mednn.federation`).
"""

from __future__ import annotations

from pathlib import Path

import typer

from .console import stderr_console
from .app import app

federated_app = typer.Typer(help="Federated training across sites on Flower (each site keeps its file).",
                            no_args_is_help=True)
app.add_typer(federated_app, name="federated")


def _tls(ca: Path | None, cert: Path | None, key: Path | None) -> tuple[Path, Path, Path] | None:
    from ..errors import ConfigError

    given = [p for p in (ca, cert, key) if p is not None]
    if not given:
        return None
    if len(given) < 3:
        raise ConfigError("TLS needs all of --ssl-ca-certfile, --ssl-certfile and --ssl-keyfile; fix: pass the three "
                          "files, or none for a plain connection on a trusted network")
    for p in given:
        if not p.is_file():
            raise ConfigError(f"TLS file {str(p)!r} does not exist; fix: check the path")
    return ca, cert, key


@federated_app.command("server")
def server(
    config: Path = typer.Argument(..., help="YAML config shared with every site."),
    sites: int = typer.Option(..., "--sites", help="Number of sites to wait for."),
    address: str = typer.Option("127.0.0.1:8080", "--address", help="HOST:PORT to listen on."),
    out: Path = typer.Option(None, "--out", help="Run directory (default runs/<name>)."),
    data: str = typer.Option(None, "--data", help="The coordinator's validation/test file (default: data.path)."),
    strategy: str = typer.Option("fedavg", "--strategy", help="fedavg or fedprox."),
    mu: float = typer.Option(0.01, "--mu", help="FedProx's proximal weight."),
    min_sites: int = typer.Option(None, "--min-sites", help="Rounds go on while at least this many sites answer "
                                  "(default: all; a failed site then stops the run)."),
    round_timeout: float = typer.Option(None, "--round-timeout", help="Seconds a site may take per message."),
    wait: float = typer.Option(120.0, "--wait", help="Seconds to wait for the sites to connect."),
    ssl_ca: Path = typer.Option(None, "--ssl-ca-certfile", help="TLS: the CA certificate."),
    ssl_cert: Path = typer.Option(None, "--ssl-certfile", help="TLS: the server's certificate."),
    ssl_key: Path = typer.Option(None, "--ssl-keyfile", help="TLS: the server's private key."),
    set_: list[str] = typer.Option([], "--set", help="Override a key, e.g. --set train.epochs=20"),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing run written by mednn."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress output."),
) -> None:
    """Coordinate a federated run and write its run directory."""
    from ..config import load_config
    from ..federation import serve

    cfg = load_config(config, overrides=list(set_))
    path = serve(cfg, sites=sites, address=address, out=out, holdout_path=data, strategy=strategy, mu=mu,
                 min_sites=min_sites, round_timeout=round_timeout, wait_timeout=wait,
                 certificates=_tls(ssl_ca, ssl_cert, ssl_key), overwrite=overwrite,
                 console=None if quiet else stderr_console())
    typer.echo(str(path))


@federated_app.command("site")
def site(
    config: Path = typer.Argument(..., help="The same YAML config as the coordinator's."),
    data: Path = typer.Option(..., "--data", help="This site's own training file (it never leaves the site)."),
    server_address: str = typer.Option(..., "--server", help="The coordinator's HOST:PORT."),
    name: str = typer.Option(None, "--name", help="This site's name in the run (default: the file's name)."),
    ssl_ca: Path = typer.Option(None, "--ssl-ca-certfile", help="TLS: the CA certificate that signed the "
                                "coordinator's certificate."),
    wait: float = typer.Option(60.0, "--wait", help="Seconds to keep retrying the connection."),
    set_: list[str] = typer.Option([], "--set", help="Override a key (keep it the same as the coordinator's)."),
) -> None:
    """Join a federated run as a site with your own data file."""
    from ..config import load_config
    from ..errors import ConfigError
    from ..federation import run_site

    if ssl_ca is not None and not ssl_ca.is_file():
        raise ConfigError(f"TLS file {str(ssl_ca)!r} does not exist; fix: check the path")
    cfg = load_config(config, overrides=list(set_))
    run_site(cfg, data=data, server=server_address, name=name, root_certificates=ssl_ca, max_wait=wait)


# --- Flower's Deployment Engine: SuperLink, SuperNodes, `flwr run` (mednn.federation.deployment) ---

def _exec(cmd: list[str]) -> None:
    """Become the Flower process (its signals and exit status are the command's)."""
    import os

    from ..federation.deployment import flower_env

    os.execve(cmd[0], cmd, flower_env())


@federated_app.command("superlink")
def superlink(
    address: str = typer.Option("0.0.0.0:9092", "--address", help="HOST:PORT for the SuperNodes and `run`."),
    insecure: bool = typer.Option(False, "--insecure", help="Plain HTTP (loopback or a trusted network only)."),
    ssl_ca: Path = typer.Option(None, "--ssl-ca-certfile", help="TLS: the CA certificate."),
    ssl_cert: Path = typer.Option(None, "--ssl-certfile", help="TLS: the SuperLink's certificate."),
    ssl_key: Path = typer.Option(None, "--ssl-keyfile", help="TLS: the SuperLink's private key."),
    supernode_auth: bool = typer.Option(False, "--enable-supernode-auth", help="Admit only SuperNodes whose public "
                                        "key was registered (`flwr supernode register`); needs TLS."),
) -> None:
    """Start the coordinator's Flower SuperLink (Deployment Engine)."""
    from ..federation.deployment import superlink_command

    _exec(superlink_command(address=address, insecure=insecure, ca=ssl_ca, cert=ssl_cert, key=ssl_key,
                            supernode_auth=supernode_auth))


@federated_app.command("supernode")
def supernode(
    config: Path = typer.Argument(..., help="This site's YAML config (the coordinator's, with local changes)."),
    data: Path = typer.Option(..., "--data", help="This site's own training file (it never leaves the site)."),
    superlink_address: str = typer.Option(..., "--superlink", help="The SuperLink's HOST:PORT."),
    name: str = typer.Option(None, "--name", help="This site's name in the run (default: the file's name)."),
    insecure: bool = typer.Option(False, "--insecure", help="Plain HTTP (loopback or a trusted network only)."),
    root_certificates: Path = typer.Option(None, "--root-certificates", help="TLS: the CA certificate that "
                                           "signed the SuperLink's certificate."),
    auth_key: Path = typer.Option(None, "--auth-supernode-private-key", help="This SuperNode's EC private key "
                                  "(OpenSSH format) when the SuperLink authenticates SuperNodes."),
    runtime_port: int = typer.Option(9094, "--runtime-port", help="Local port of the SuperNode's runtime API "
                                     "(one per SuperNode on a machine)."),
) -> None:
    """Start this site's Flower SuperNode (Deployment Engine) with its own data file."""
    from ..federation.deployment import supernode_command

    _exec(supernode_command(config=config, data=data, superlink=superlink_address, name=name, insecure=insecure,
                            root_certificates=root_certificates, auth_key=auth_key, runtime_port=runtime_port))


@federated_app.command("run")
def run(
    config: Path = typer.Argument(..., help="YAML config shared with every site."),
    sites: int = typer.Option(..., "--sites", help="Number of SuperNodes to train with."),
    superlink_address: str = typer.Option("127.0.0.1:9092", "--superlink", help="The SuperLink's HOST:PORT."),
    out: Path = typer.Option(None, "--out", help="Run directory (default runs/<name>)."),
    data: str = typer.Option(None, "--data", help="The coordinator's validation/test file (default: data.path)."),
    strategy: str = typer.Option("fedavg", "--strategy", help="fedavg or fedprox."),
    mu: float = typer.Option(0.01, "--mu", help="FedProx's proximal weight."),
    min_sites: int = typer.Option(None, "--min-sites", help="Rounds go on while at least this many sites answer."),
    round_timeout: float = typer.Option(None, "--round-timeout", help="Seconds a site may take per message."),
    wait: float = typer.Option(120.0, "--wait", help="Seconds to wait for the SuperNodes."),
    secagg: bool = typer.Option(False, "--secagg", help="Aggregate every round with Flower's SecAgg+."),
    secagg_range: float = typer.Option(8.0, "--secagg-clipping-range", help="SecAgg+: every weight must lie "
                                       "within +-this (quantization step 2*range/2^22)."),
    insecure: bool = typer.Option(False, "--insecure", help="Plain HTTP to the SuperLink."),
    root_certificates: Path = typer.Option(None, "--root-certificates", help="TLS: the SuperLink's CA."),
    log: Path = typer.Option(None, "--log", help="Copy Flower's log stream of the run to this file."),
    set_: list[str] = typer.Option([], "--set", help="Override a key, e.g. --set train.epochs=20"),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing run written by mednn."),
) -> None:
    """Run federated training on the SuperLink's SuperNodes (`flwr run` of mednn's app); run it on the
    SuperLink's machine."""
    from ..config import load_config
    from ..federation.deployment import submit

    cfg = load_config(config, overrides=list(set_))
    handle = open(log, "w") if log is not None else None
    try:
        path = submit(cfg, superlink=superlink_address, sites=sites, data=data, out=out, strategy=strategy, mu=mu,
                      min_sites=min_sites, round_timeout=round_timeout, wait=wait,
                      secagg=secagg_range if secagg else None, insecure=insecure,
                      root_certificates=root_certificates, overwrite=overwrite, stream=handle)
    finally:
        if handle is not None:
            handle.close()
    typer.echo(str(path))

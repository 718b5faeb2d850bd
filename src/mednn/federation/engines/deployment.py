"""Flower's Deployment Engine: a SuperLink at the coordinator, a SuperNode at every site, and
mednn's ServerApp / ClientApp submitted with ``flwr run``.

- ``mednn federated superlink`` runs ``flower-superlink`` bound to 127.0.0.1 unless told
  otherwise, with SuperNode authentication on (only registered SuperNodes join; Flower needs
  TLS for it). ``--insecure`` (plain HTTP, open joins) is refused on a non-loopback address.
- ``mednn federated supernode`` runs ``flower-supernode`` in Flower's *process* isolation mode
  and serves its ClientApp tasks from one long-lived mednn process (:mod:`.worker`): the site
  reads and featurizes its file once per run instead of once per message. Its node config
  names the site's config, data file and name.
- ``mednn federated run`` writes mednn's Flower app (:func:`write_app`), runs ``flwr run``
  against the SuperLink and prints mednn's own round lines; the ServerApp (:func:`coordinate`)
  runs the phases over the SuperNodes with the same coordinator as every engine and writes
  the run directory on the SuperLink's machine.

Flower's own output (banners, deprecations, per-message logs) goes to ``--log`` or nowhere.

>>> submit(cfg, superlink="127.0.0.1:9092", sites=3, data="holdout.csv", out="runs/fed",
...        insecure=True)                                                # doctest: +SKIP
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ...errors import ConfigError, DataError, MednnError, problem

APP_NAME, APP_PUBLISHER = "mednn-federated", "mednn"
APP_ID = f"{APP_PUBLISHER}/{APP_NAME}"
APP_MODULE = "mednn_flower_app"
_ERRORS = {"DataError": DataError, "ConfigError": ConfigError}
_LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


# --- the ClientApp ---------------------------------------------------------------------------

def site_from_node_config(context):
    """The site a SuperNode's node config names (config, data file, name)."""
    from ...config import load_config
    from ..site import Site

    node = dict(context.node_config)
    missing = [k for k in ("config", "data") if not str(node.get(k) or "")]
    if missing:
        raise ConfigError(problem(f"The SuperNode's node config has no {missing[0]!r}",
                                  fix="start it with `mednn federated supernode CONFIG --data FILE ...`"))
    data = Path(str(node["data"]))
    if not data.exists():
        raise DataError(problem(f"The site's data file {str(data)!r} does not exist",
                                fix="pass --data LOCAL_FILE (an absolute path) to `mednn federated supernode`"))
    return Site(load_config(str(node["config"])), data, str(node.get("name") or "") or None)


def build_client_app():
    """The sites' ClientApp (the app module of :func:`write_app` exposes it as ``client_app``)."""
    from ..site import client_app

    return client_app(site_from_node_config)


# --- the ServerApp -----------------------------------------------------------------------------

def build_server_app():
    """The coordinator's ServerApp: reads the request :func:`submit` put in the run config."""
    from flwr.serverapp import ServerApp

    app = ServerApp()

    @app.main()
    def main(grid, context) -> None:
        request = json.loads(base64.b64decode(str(context.run_config["request"])).decode("utf-8"))
        status = Path(request["status"])
        try:
            out = coordinate(grid, request)
            status.write_text(json.dumps({"run": str(out)}))
        except MednnError as exc:
            status.write_text(json.dumps({"error": str(exc), "kind": type(exc).__name__}))
        except Exception as exc:  # noqa: BLE001 - the submitting command reports it, then Flower logs it
            status.write_text(json.dumps({"error": f"{type(exc).__name__}: {exc}", "kind": "internal"}))
            raise

    return app


def coordinate(grid, request: dict[str, Any]) -> Path:
    """The ServerApp's work: the phases over the SuperNodes, then the run directory."""
    from ...config import validate_config
    from ...pipeline import check_before_reading
    from ...runs import check_run_target
    from ..flower_logs import quiet
    from ..run import read_holdout, train_sites, write_run

    quiet(request.get("log"))
    t0 = time.perf_counter()
    cfg = validate_config(request["config"], "the submitted config")
    out = check_run_target(request["out"], overwrite=bool(request["overwrite"]), name=cfg.name)
    check_before_reading(cfg)
    holdout = read_holdout(cfg, request["data"])
    progress = Path(request["progress"])

    def say(line: str) -> None:
        with progress.open("a", encoding="utf-8") as f:
            f.write(line + "\n")

    outcome = train_sites(cfg, grid, holdout, n_sites=int(request["sites"]), min_sites=request["min_sites"],
                          round_timeout=request["round_timeout"], wait=float(request["wait"]),
                          declared_rows=request.get("declared_rows"), say=say, engine="deployment",
                          secagg=request.get("secagg"))
    write_run(out, outcome, holdout, overwrite=bool(request["overwrite"]), t0=t0)
    return out


def write_app(folder: Path) -> Path:
    """A Flower app (pyproject.toml + module) whose components are mednn's ServerApp/ClientApp."""
    from ... import __version__

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(f"""[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "{APP_NAME}"
version = "{__version__.split('+')[0]}"
description = "mednn's federated training (ServerApp / ClientApp in mednn.federation.engines.deployment)"
dependencies = []

[tool.hatch.build.targets.wheel]
packages = ["."]

[tool.flwr.app]
publisher = "{APP_PUBLISHER}"

[tool.flwr.app.components]
serverapp = "{APP_MODULE}:server_app"
clientapp = "{APP_MODULE}:client_app"

[tool.flwr.app.config]
request = ""
""")
    (folder / f"{APP_MODULE}.py").write_text(
        '"""mednn\'s federated app for Flower\'s Deployment Engine (mednn must be installed where it runs)."""\n\n'
        "from mednn.federation.engines.deployment import build_client_app, build_server_app\n\n"
        "server_app = build_server_app()\nclient_app = build_client_app()\n")
    return folder


# --- the commands that start Flower's processes ------------------------------------------------

def flower_command(name: str) -> str:
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    import shutil

    found = shutil.which(name)
    if found is None:
        raise ConfigError(problem(f"Flower's {name!r} command is not installed", fix="pip install 'mednn[federated]'"))
    return found


def flower_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for Flower's processes: its commands' folder first on PATH (a SuperLink
    starts ``flower-superexec`` by name)."""
    env = dict(os.environ if base is None else base)
    env["PATH"] = str(Path(flower_command("flower-superexec")).parent) + os.pathsep + env.get("PATH", "")
    return env


def _host_port(address: str, option: str) -> tuple[str, str]:
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(problem(f"{option} {address!r} is not HOST:PORT", fix=f"e.g. {option} 127.0.0.1:9092"))
    return host, port


def _check_files(files: dict[str, Path | None], flags: dict[str, str]) -> list[str]:
    missing = [flags[k] for k, p in files.items() if p is None]
    if missing:
        raise ConfigError(problem(f"TLS needs {', '.join(missing)} (SuperNode authentication runs over TLS)",
                                  fix="pass them, or --insecure on 127.0.0.1 for a test on one machine"))
    for p in files.values():
        if not Path(p).is_file():
            raise ConfigError(f"TLS file {str(p)!r} does not exist; fix: check the path")
    return [arg for k, p in files.items() for arg in (flags[k], str(Path(p).resolve()))]


def _insecure_on_loopback(insecure: bool, host: str, given: list[Any], what: str) -> None:
    if insecure and any(p is not None for p in given):
        raise ConfigError("--insecure cannot be combined with TLS files; fix: pass one or the other")
    if insecure and host not in _LOOPBACK:
        raise ConfigError(problem(f"--insecure on {host} would let anyone who reaches the port join as a site "
                                  f"({what} without TLS or SuperNode authentication)",
                                  fix="use TLS and registered SuperNode keys, or --insecure on 127.0.0.1 only"))


def superlink_command(*, address: str = "127.0.0.1:9092", insecure: bool = False, ca: Path | None = None,
                      cert: Path | None = None, key: Path | None = None) -> list[str]:
    """``flower-superlink`` for the coordinator: 127.0.0.1 unless told otherwise; TLS and
    SuperNode authentication unless ``insecure`` (loopback only: open joins for tests)."""
    host, port = _host_port(address, "--address")
    _insecure_on_loopback(insecure, host, [ca, cert, key], "a SuperLink")
    cmd = [flower_command("flower-superlink"), "--host", host, "--port", port,
           "--disable-runtime-dependency-installation"]  # mednn is installed; nothing is fetched at run time
    if insecure:
        return cmd + ["--insecure"]
    return cmd + _check_files({"ca": ca, "cert": cert, "key": key}, {"ca": "--ssl-ca-certfile",
                                                                     "cert": "--ssl-certfile",
                                                                     "key": "--ssl-keyfile"}) + [
        "--enable-supernode-auth"]


def supernode_command(*, config: Path, data: Path, superlink: str, name: str | None = None, insecure: bool = False,
                      root_certificates: Path | None = None, auth_key: Path | None = None,
                      runtime_port: int = 9094) -> list[str]:
    """``flower-supernode`` for one site in process isolation mode (mednn's worker serves its
    ClientApp tasks), its node config naming the site's config, file and name."""
    from ...config import load_config

    host, _ = _host_port(superlink, "--superlink")
    _insecure_on_loopback(insecure, host, [root_certificates, auth_key], "a SuperNode")
    load_config(config)  # a broken config fails here, not at the first message
    if not data.exists():
        raise DataError(problem(f"The site's data file {str(data)!r} does not exist", fix="pass --data LOCAL_FILE"))
    values = {"config": str(config.resolve()), "data": str(data.resolve()), "name": name or data.stem}
    for k, value in values.items():
        if '"' in value or "\\" in value:
            raise ConfigError(f"The site's {k} {value!r} holds a quote or backslash, which Flower's node config "
                              "cannot carry; fix: rename it")
    cmd = [sys.executable, "-m", "mednn.federation.engines.supernode_process", "--superlink", superlink,
           "--isolation", "process", "--host", "127.0.0.1", "--port", str(runtime_port),
           "--node-config", " ".join(f'{k}="{v}"' for k, v in values.items())]
    if insecure:
        return cmd + ["--insecure"]
    return cmd + _check_files({"ca": root_certificates, "key": auth_key},
                              {"ca": "--root-certificates", "key": "--auth-supernode-private-key"})


def await_port(address: str, wait: float, what: str = "SuperLink") -> None:
    """Wait up to ``wait`` seconds for ``address`` to accept connections."""
    import socket

    host, port = _host_port(address, "--superlink")
    deadline = time.monotonic() + wait
    while True:
        try:
            with socket.create_connection((host.strip("[]"), int(port)), timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise ConfigError(problem(f"No {what} answers at {address} within {wait:g} s",
                                          fix="start `mednn federated superlink` first, or check --superlink")
                                  ) from None
            time.sleep(0.2)


def read_sites_file(path: Path | None) -> dict[str, int] | None:
    """The registered sites and the rows each declared (``sites: {name: {rows: N}}``, YAML)."""
    if path is None:
        return None
    import yaml

    from ...bounded_yaml import YamlTooLarge, load_yaml_text

    try:  # read as configs are: `no:` / `on:` are site names, not booleans
        data = load_yaml_text(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError, YamlTooLarge) as exc:
        raise ConfigError(problem(f"The sites file {str(path)!r} cannot be read ({type(exc).__name__})",
                                  fix="write it as YAML: `sites: {north: {rows: 1200}, ...}`")) from None
    sites = data.get("sites") if isinstance(data, dict) else None
    if not isinstance(sites, dict) or not sites:
        raise ConfigError(problem(f"The sites file {str(path)!r} has no `sites:` mapping",
                                  fix="write `sites: {north: {rows: 1200}, south: {rows: 800}}`"))
    out = {}
    for name, entry in sites.items():
        rows = entry.get("rows") if isinstance(entry, dict) else None
        if isinstance(rows, bool) or not isinstance(rows, int) or rows < 1:
            raise ConfigError(problem(f"Site {str(name)!r} in {str(path)!r} declares no whole number of rows",
                                      got=rows, fix="write `rows: N` (the rows it trains on) for every site"))
        out[str(name)] = rows
    return out


def submit(cfg, *, superlink: str, sites: int, data: str | Path | None, out: str | Path | None,
           min_sites: int | None = None, round_timeout: float | None = None, wait: float = 120.0,
           sites_file: Path | None = None, insecure: bool = False, root_certificates: Path | None = None,
           overwrite: bool = False, log: Path | None = None, say=None, secagg: float | None = None) -> Path:
    """``flwr run`` mednn's app on the SuperLink at ``superlink``; returns the run directory.

    Run it on the SuperLink's machine: the ServerApp runs there and reads ``data`` and writes
    ``out`` there. ``say(line)`` receives the coordinator's round lines as they happen;
    ``log``: a file for Flower's own output (default: discarded). ``secagg``: SecAgg+ with this
    clipping range (:mod:`mednn.federation.secure`).
    """
    from ...runs import check_run_target

    out = check_run_target(out, overwrite=overwrite, name=cfg.name,  # refused here, before any site works
                           inputs=[data if data is not None else cfg.data.path])
    holdout = Path(data if data is not None else cfg.data.path or "")
    if not holdout.exists():
        raise DataError(problem(f"The coordinator's file {str(holdout)!r} does not exist", fix="pass --data FILE"))
    host, _ = _host_port(superlink, "--superlink")
    _insecure_on_loopback(insecure, host, [root_certificates], "a connection to the SuperLink")
    tls = [] if insecure else _check_files({"ca": root_certificates}, {"ca": "--root-certificates"})
    declared = read_sites_file(sites_file)
    await_port(superlink, wait)
    with tempfile.TemporaryDirectory(prefix="mednn-flwr-") as tmp:
        tmp_path = Path(tmp)
        app, home = write_app(tmp_path / "app"), tmp_path / "home"
        home.mkdir()
        connection = [f'address = "{superlink}"', "insecure = true" if insecure else f'root-certificates = "{tls[1]}"']
        (home / "config.toml").write_text('[superlink]\ndefault = "mednn"\n\n[superlink.mednn]\n'
                                          + "\n".join(connection) + "\n")
        status, progress = tmp_path / "status.json", tmp_path / "progress.txt"
        progress.touch()
        request = {"config": cfg.to_dict(), "data": str(holdout.resolve()), "out": str(Path(out).resolve()),
                   "sites": sites, "min_sites": min_sites, "round_timeout": round_timeout, "wait": wait,
                   "declared_rows": declared, "overwrite": overwrite, "status": str(status), "secagg": secagg,
                   "progress": str(progress), "log": str(Path(log).resolve()) if log is not None else None}
        encoded = base64.b64encode(json.dumps(request).encode("utf-8")).decode("ascii")
        cmd = [flower_command("flwr"), "run", str(app), "mednn", "--run-config", f'request="{encoded}"', "--stream"]
        code = _follow(cmd, dict(flower_env(), FLWR_HOME=str(home)), progress, log, say)
        if not status.exists():
            raise ConfigError(problem(f"The federated run on the SuperLink at {superlink} ended without a result "
                                      f"(flwr run exited with {code})",
                                      fix="check that `mednn federated superlink` runs there and that this command "
                                          "runs on its machine; --log FILE keeps Flower's output"))
        result = json.loads(status.read_text())
    if "error" in result:
        raise _ERRORS.get(result["kind"], ConfigError)(result["error"])
    return Path(result["run"])


def _follow(cmd: list[str], env: dict[str, str], progress: Path, log: Path | None, say) -> int:
    """Run ``flwr run`` with its output in ``log`` (or discarded) while passing the
    coordinator's progress lines to ``say``; returns its exit status."""
    sink = open(log, "a", encoding="utf-8") if log is not None else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(cmd, env=env, stdout=sink, stderr=subprocess.STDOUT)
        seen = 0
        while True:
            done = proc.poll() is not None
            lines = progress.read_text(encoding="utf-8").splitlines()
            for line in lines[seen:]:
                if say is not None:
                    say(line)
            seen = len(lines)
            if done:
                return int(proc.returncode)
            time.sleep(0.2)
    finally:
        if log is not None:
            sink.close()


def run_process(cmd: list[str], *, log: Path | None = None, serve_sites: int | None = None,
                announce=None) -> int:
    """Run one of Flower's processes with its output in ``log`` (or discarded); with
    ``serve_sites`` (a SuperNode's runtime port) this process serves its ClientApp tasks
    meanwhile (:mod:`.worker`). Returns the Flower process's exit status; SIGTERM / SIGINT
    stop both."""
    import signal

    from .worker import serve

    sink = open(log, "a", encoding="utf-8") if log is not None else subprocess.DEVNULL
    child = subprocess.Popen(cmd, env=flower_env(), stdout=sink, stderr=subprocess.STDOUT)

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        if announce is not None:
            announce()
        if serve_sites is None:
            return int(child.wait())
        serve(site_from_node_config, runtime_address=f"127.0.0.1:{serve_sites}", app_id=APP_ID, log_file=log,
              stop=lambda: child.poll() is not None)
        return int(child.wait())
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
        if log is not None:
            sink.close()

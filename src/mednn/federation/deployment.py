"""Federated training on Flower's Deployment Engine: a SuperLink, one SuperNode per site, and a
ServerApp / ClientApp pair that run :mod:`mednn.federation`'s phases.

Processes (docs/federated.md has the commands):

- the coordinator runs ``mednn federated superlink`` (``flower-superlink``) and, on the same
  machine, ``mednn federated run CONFIG --sites N --data HOLDOUT`` (``flwr run`` of the app
  written by :func:`write_app`): the ServerApp drives the phases over the connected SuperNodes
  with Flower's legacy ``GridClientProxy`` (the same :class:`~mednn.federation.Coordinator` as
  ``mednn federated server``) and writes the run directory there;
- every site runs ``mednn federated supernode CONFIG --data FILE --superlink HOST:PORT``
  (``flower-supernode`` whose node config names the site's config, data file and name).

In flwr 1.42 a SuperNode answers every message with a fresh ``flwr-clientapp`` process
(``flwr/supernode/runtime/run_clientapp.py``). What a site keeps between messages lives in the
ClientApp's ``Context.state``, which the SuperNode holds in its own memory for the run and never
sends: the phases' payloads, the generators' states and the DP-SGD step count
(:meth:`~mednn.federation.SiteTrainer.snapshot`). Every message therefore re-reads and
re-featurizes the site's file and pays an interpreter start with torch.

With ``secagg`` every round is aggregated by Flower's SecAgg+ (``SecAggPlusWorkflow`` at the
ServerApp, ``secaggplus_mod`` at the ClientApp): the coordinator sees only the sum of the
sites' quantized, masked weights, not any site's weights; the sites' losses are not sent, and
their DP-SGD ε (with ``privacy.dp``) is asked for once after the last round.

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

import numpy as np

from ..errors import ConfigError, DataError, MednnError, problem

STATE = "mednn.site"  # the ClientApp's Context.state record
APP_MODULE = "mednn_flower_app"
_ERRORS = {"DataError": DataError, "ConfigError": ConfigError}


# --- the ClientApp (one process per message) -------------------------------------------------

class _Unready:
    """A site whose node config could not be read: every phase answers with that error."""

    def __init__(self, error: Exception):
        self.error = error

    def handle(self, phase, payload, arrays):
        raise self.error


def _site_from_node_config(node: dict[str, Any]):
    from ..config import load_config
    from . import SiteTrainer

    missing = [k for k in ("config", "data") if not str(node.get(k) or "")]
    if missing:
        raise ConfigError(problem(f"The SuperNode's node config has no {missing[0]!r}",
                                  fix="start it with `mednn federated supernode CONFIG --data FILE ...`"))
    data = Path(str(node["data"]))
    if not data.exists():
        raise DataError(problem(f"The site's data file {str(data)!r} does not exist",
                                fix="pass --data LOCAL_FILE (an absolute path) to `mednn federated supernode`"))
    return SiteTrainer(load_config(str(node["config"])), data, str(node.get("name") or "") or None)


def _client_fn(context):
    from flwr.app import ConfigRecord

    from . import _client

    try:
        trainer = _site_from_node_config(dict(context.node_config))
    except MednnError as exc:
        return _client(_Unready(exc))

    def before():
        saved = context.state.config_records.get(STATE)
        if saved is not None:
            trainer.resume(dict(saved))

    def after():
        context.state.config_records[STATE] = ConfigRecord(trainer.snapshot())

    return _client(trainer, before, after)


def _secagg_rounds_only(msg, context, call_next):
    """Flower's ``secaggplus_mod`` for the rounds that use SecAgg+; mednn's other phases (also
    ``train`` messages) pass straight to the client."""
    from flwr.client.mod import secaggplus_mod
    from flwr.common.secure_aggregation.secaggplus_constants import RECORD_KEY_CONFIGS

    if RECORD_KEY_CONFIGS in msg.content.config_records:
        return secaggplus_mod(msg, context, call_next)
    return call_next(msg, context)


def build_client_app():
    """The sites' ClientApp (the app module of :func:`write_app` exposes it as ``client_app``)."""
    from flwr.clientapp import ClientApp

    return ClientApp(client_fn=_client_fn, mods=[_secagg_rounds_only])


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


def _connected(grid, n_sites: int, wait: float):
    """A client manager holding a ``GridClientProxy`` for each of ``n_sites`` SuperNodes."""
    from flwr.server import SimpleClientManager
    from flwr.server.compat.grid_client_proxy import GridClientProxy

    deadline = time.monotonic() + wait
    nodes = sorted(grid.get_node_ids())
    while len(nodes) < n_sites and time.monotonic() < deadline:
        time.sleep(0.5)
        nodes = sorted(grid.get_node_ids())
    manager = SimpleClientManager()
    for node in nodes[:n_sites]:  # fewer: Coordinator.connect names the shortfall
        manager.register(GridClientProxy(node, grid, grid.run.run_id))
    return manager


def coordinate(grid, request: dict[str, Any]) -> Path:
    """The ServerApp's work: the phases over the SuperNodes, then the run directory."""
    from ..config import validate_config
    from ..pipeline import check_before_reading
    from ..runs import check_run_target
    from . import Coordinator, read_holdout, write_run

    t0 = time.perf_counter()
    cfg = validate_config(request["config"], "the submitted config")
    out = check_run_target(request["out"], overwrite=bool(request["overwrite"]), name=cfg.name)
    check_before_reading(cfg)
    holdout = read_holdout(cfg, request["data"])
    coordinator = Coordinator(cfg, n_sites=int(request["sites"]), holdout=holdout, strategy=request["strategy"],
                              mu=float(request["mu"]), min_sites=request["min_sites"],
                              round_timeout=request["round_timeout"], wait_timeout=float(request["wait"]))
    manager = _connected(grid, coordinator.n_sites, coordinator.wait_timeout)
    if request.get("secagg"):
        coordinator.secure = SecureRounds(grid, manager, coordinator, clipping_range=float(request["secagg"]))
    coordinator.engine = "flower-deployment"
    coordinator.train(manager)
    write_run(cfg, out, coordinator, overwrite=bool(request["overwrite"]), t0=t0)
    return out


class SecureRounds:
    """One round aggregated with Flower's SecAgg+ (``SecAggPlusWorkflow``).

    Every site's weights are scaled by its rows / the largest site's rows, clipped to
    ``±clipping_range``, stochastically quantized to 2^22 levels and masked; the coordinator
    unmasks only their sum, the rows-weighted mean (FedAvg). Quantization changes each weight
    by about ``2 · clipping_range / 2^22`` per round (1e-6 at ±8). A site refuses to send a
    weight outside the range (it would be clipped silently).
    """

    def __init__(self, grid, manager, coordinator, *, clipping_range: float = 8.0):
        if coordinator.cfg.privacy.federated.central_dp.enabled:
            raise ConfigError("Central DP clips each site's update at the coordinator, which SecAgg+ hides from it; "
                              "fix: use --secagg or privacy.federated.central_dp, not both")
        if coordinator.n_sites < 2:
            raise ConfigError("Secure aggregation needs at least 2 sites; fix: drop --secagg")
        self.grid, self.manager, self.c, self.clipping_range = grid, manager, coordinator, clipping_range
        self.workflow(coordinator.n_sites, max(2, coordinator.min_sites), 1.0)  # refuse bad settings before any work

    def workflow(self, n_sites: int, threshold: int, max_weight: float):
        """Flower's workflow for one round: every site shares its key with every other (all
        ``n_sites`` shares), and a dropped site's key is rebuilt from ``threshold`` of them (a
        round goes on while that many sites answer: ``--min-sites``, at least 2)."""
        from flwr.server.workflow import SecAggPlusWorkflow

        try:  # as proportions of the sites, which Flower's integer forms do not allow for 2 sites
            return SecAggPlusWorkflow(num_shares=1.0, reconstruction_threshold=min(1.0, threshold / n_sites),
                                      max_weight=max_weight, clipping_range=self.clipping_range,
                                      timeout=self.c.round_timeout)
        except (TypeError, ValueError) as exc:
            raise ConfigError(problem(f"Secure aggregation refuses its settings ({exc})",
                                      fix="check --secagg-clipping-range and --min-sites")) from None

    def __call__(self, round_index: int, arrays: list[np.ndarray], payload: dict[str, Any]) -> list[np.ndarray]:
        import flwr.compat.common.recorddict_compat as compat
        from flwr.app import ConfigRecord, Context, RecordDict
        from flwr.common import FitIns, ndarrays_to_parameters, parameters_to_ndarrays
        from flwr.server import ServerConfig
        from flwr.server.compat.legacy_context import LegacyContext
        from flwr.server.strategy import FedAvg
        from flwr.server.workflow.constant import MAIN_CONFIGS_RECORD, MAIN_PARAMS_RECORD, Key

        c = self.c
        live = list(c.sites)
        ins = FitIns(ndarrays_to_parameters(arrays),
                     {"phase": "train", "payload": json.dumps(dict(payload, secagg_range=self.clipping_range))})

        class _TheseSites(FedAvg):  # the round's instructions: every live site, the same message
            def configure_fit(self, server_round, parameters, client_manager):
                return [(proxy, ins) for proxy, _ in live]

        strategy = _TheseSites(accept_failures=True, fit_metrics_aggregation_fn=lambda m: {})
        context = LegacyContext(Context(run_id=0, node_id=0, node_config={}, state=RecordDict(), run_config={}),
                                config=ServerConfig(num_rounds=1), strategy=strategy, client_manager=self.manager)
        context.state.config_records[MAIN_CONFIGS_RECORD] = ConfigRecord({Key.CURRENT_ROUND: round_index})
        before = compat.parameters_to_arrayrecord(ndarrays_to_parameters(arrays), True)
        context.state.array_records[MAIN_PARAMS_RECORD] = before
        largest = max(c.site_info[n]["n_train"] for _, n in live)
        threshold = max(2, min(c.min_sites, len(live)))
        workflow = self.workflow(len(live), threshold, float(largest))
        workflow(self.grid, context)
        after = context.state.array_records[MAIN_PARAMS_RECORD]
        if after is before:
            raise ConfigError(problem(f"Round {round_index}: secure aggregation halted (fewer than {threshold} "
                                      "sites completed SecAgg+, or a site refused its weights); nothing was written",
                                      fix="check the SuperNodes' logs, restart the run with every site"))
        return parameters_to_ndarrays(compat.arrayrecord_to_parameters(after, keep_input=True))


# --- the app, and the commands that start Flower's processes ---------------------------------

def write_app(folder: Path) -> Path:
    """A Flower app (pyproject.toml + module) whose components are mednn's ServerApp/ClientApp."""
    from .. import __version__

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(f"""[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "mednn-federated"
version = "{__version__.split('+')[0]}"
description = "mednn's federated training (ServerApp / ClientApp in mednn.federation.deployment)"
dependencies = []

[tool.hatch.build.targets.wheel]
packages = ["."]

[tool.flwr.app]
publisher = "mednn"

[tool.flwr.app.components]
serverapp = "{APP_MODULE}:server_app"
clientapp = "{APP_MODULE}:client_app"

[tool.flwr.app.config]
request = ""
""")
    (folder / f"{APP_MODULE}.py").write_text(
        '"""mednn\'s federated app for Flower\'s Deployment Engine (mednn must be installed where it runs)."""\n\n'
        "from mednn.federation.deployment import build_client_app, build_server_app\n\n"
        "server_app = build_server_app()\nclient_app = build_client_app()\n")
    return folder


def _flower_command(name: str) -> str:
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    import shutil

    found = shutil.which(name)
    if found is None:
        raise ConfigError(problem(f"Flower's {name!r} command is not installed",
                                  fix="pip install 'mednn[federated]'"))
    return found


def flower_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for Flower's processes: its commands' folder first on PATH (a SuperLink and
    a SuperNode start ``flower-superexec`` by name)."""
    env = dict(os.environ if base is None else base)
    folder = str(Path(_flower_command("flower-superexec")).parent)
    env["PATH"] = folder + os.pathsep + env.get("PATH", "")
    return env


def _tls_args(insecure: bool, files: dict[str, Path | None], flag_for: dict[str, str]) -> list[str]:
    given = {k: v for k, v in files.items() if v is not None}
    if insecure and given:
        raise ConfigError("--insecure cannot be combined with TLS files; fix: pass one or the other")
    if not insecure and len(given) < len(files):
        names = ", ".join(flag_for[k] for k in files if k not in given)
        raise ConfigError(problem(f"TLS needs {names}", fix="pass them, or --insecure on loopback / a trusted "
                                                            "network"))
    for p in given.values():
        if not Path(p).is_file():
            raise ConfigError(f"TLS file {str(p)!r} does not exist; fix: check the path")
    if insecure:
        return ["--insecure"]
    return [arg for k, p in given.items() for arg in (flag_for[k], str(Path(p).resolve()))]


def superlink_command(*, address: str, insecure: bool = False, ca: Path | None = None, cert: Path | None = None,
                      key: Path | None = None, supernode_auth: bool = False) -> list[str]:
    """``flower-superlink`` for the coordinator (one HTTP port for the Fleet, Control and Runtime APIs)."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(problem(f"--address {address!r} is not HOST:PORT", fix="e.g. --address 0.0.0.0:9092"))
    cmd = [_flower_command("flower-superlink"), "--host", host, "--port", port,
           *_tls_args(insecure, {"ca": ca, "cert": cert, "key": key},
                      {"ca": "--ssl-ca-certfile", "cert": "--ssl-certfile", "key": "--ssl-keyfile"}),
           "--disable-runtime-dependency-installation"]  # mednn is installed; nothing is fetched at run time
    if supernode_auth:
        if insecure:
            raise ConfigError("SuperNode authentication needs TLS; fix: pass the --ssl-* files instead of --insecure")
        cmd.append("--enable-supernode-auth")
    return cmd


def supernode_command(*, config: Path, data: Path, superlink: str, name: str | None = None, insecure: bool = False,
                      root_certificates: Path | None = None, auth_key: Path | None = None,
                      runtime_port: int = 9094) -> list[str]:
    """``flower-supernode`` for one site, its node config naming the site's config, file and name."""
    from ..config import load_config

    load_config(config)  # a broken config fails here, not at the first message
    if not data.exists():
        raise DataError(problem(f"The site's data file {str(data)!r} does not exist", fix="pass --data LOCAL_FILE"))
    values = {"config": str(config.resolve()), "data": str(data.resolve()), "name": name or data.stem}
    for key, value in values.items():
        if '"' in value or "\\" in value:
            raise ConfigError(f"The site's {key} {value!r} holds a quote or backslash, which Flower's node config "
                              "cannot carry; fix: rename it")
    cmd = [_flower_command("flower-supernode"), "--superlink", superlink, "--port", str(runtime_port),
           "--node-config", " ".join(f'{k}="{v}"' for k, v in values.items()),
           *_tls_args(insecure, {"ca": root_certificates}, {"ca": "--root-certificates"})]
    if auth_key is not None:
        if insecure:
            raise ConfigError("SuperNode authentication needs TLS; fix: pass --root-certificates instead of --insecure")
        if not auth_key.is_file():
            raise ConfigError(f"Key file {str(auth_key)!r} does not exist; fix: check the path")
        cmd += ["--auth-supernode-private-key", str(auth_key.resolve())]
    return cmd


def _await_superlink(address: str, wait: float) -> None:
    """Wait up to ``wait`` seconds for the SuperLink's port to accept connections."""
    import socket

    host, _, port = address.rpartition(":")
    deadline = time.monotonic() + wait
    while True:
        try:
            with socket.create_connection((host.strip("[]"), int(port)), timeout=5):
                return
        except (OSError, ValueError):
            if time.monotonic() > deadline:
                raise ConfigError(problem(f"No SuperLink answers at {address} within {wait:g} s",
                                          fix="start `mednn federated superlink` first, or check --superlink")
                                  ) from None
            time.sleep(1.0)


def submit(cfg, *, superlink: str, sites: int, data: str | Path | None, out: str | Path | None,
           strategy: str = "fedavg", mu: float = 0.01, min_sites: int | None = None,
           round_timeout: float | None = None, wait: float = 120.0, secagg: float | None = None,
           insecure: bool = False, root_certificates: Path | None = None, overwrite: bool = False,
           stream=None) -> Path:
    """``flwr run`` mednn's app on the SuperLink at ``superlink``; returns the run directory.

    Run it on the SuperLink's machine: the ServerApp runs there and reads ``data`` and writes
    ``out`` there. ``secagg``: SecAgg+ with this clipping range (None: plain FedAvg/FedProx).
    ``stream``: a file to copy Flower's log stream to (default: discarded).
    """
    from ..runs import check_run_target
    from . import STRATEGIES

    if strategy not in STRATEGIES:
        raise ConfigError(problem(f"Unknown federated strategy {strategy!r}", expected=" or ".join(STRATEGIES)))
    out = check_run_target(out, overwrite=overwrite, name=cfg.name)  # refused here, before any site works
    holdout = Path(data if data is not None else cfg.data.path or "")
    if not holdout.exists():
        raise DataError(problem(f"The coordinator's file {str(holdout)!r} does not exist", fix="pass --data FILE"))
    tls = _tls_args(insecure, {"ca": root_certificates}, {"ca": "--root-certificates"})
    _await_superlink(superlink, wait)
    with tempfile.TemporaryDirectory(prefix="mednn-flwr-") as tmp:
        tmp_path = Path(tmp)
        app = write_app(tmp_path / "app")
        home = tmp_path / "home"
        home.mkdir()
        connection = [f'address = "{superlink}"']
        connection.append("insecure = true" if insecure else f'root-certificates = "{tls[1]}"')
        (home / "config.toml").write_text('[superlink]\ndefault = "mednn"\n\n[superlink.mednn]\n'
                                          + "\n".join(connection) + "\n")
        status = tmp_path / "status.json"
        request = {"config": cfg.to_dict(), "data": str(holdout.resolve()), "out": str(Path(out).resolve()),
                   "sites": sites, "strategy": strategy, "mu": mu, "min_sites": min_sites,
                   "round_timeout": round_timeout, "wait": wait, "secagg": secagg, "overwrite": overwrite,
                   "status": str(status)}
        encoded = base64.b64encode(json.dumps(request).encode("utf-8")).decode("ascii")
        env = dict(flower_env(), FLWR_HOME=str(home))
        cmd = [_flower_command("flwr"), "run", str(app), "mednn", "--run-config", f'request="{encoded}"', "--stream"]
        done = subprocess.run(cmd, env=env, stdout=stream or subprocess.DEVNULL, stderr=subprocess.STDOUT,
                              check=False)
        if not status.exists():
            raise ConfigError(problem(f"The federated run on the SuperLink at {superlink} ended without a result "
                                      f"(flwr run exited with {done.returncode})",
                                      fix="check that `mednn federated superlink` runs there and that this command "
                                          "runs on its machine; its log shows the cause"))
        result = json.loads(status.read_text())
    if "error" in result:
        raise _ERRORS.get(result["kind"], ConfigError)(result["error"])
    return Path(result["run"])

"""The in-process engine: Flower's Message API without a network (tests, one pooled file).

:class:`InProcessGrid` is a Flower ``Grid`` whose nodes are ClientApps in this machine: in
this process, or each in a spawned process of its own (``processes=True``: nothing shared
but the messages, and the sites train in parallel). The coordinator drives it exactly as it
drives the Deployment Engine's grid: ``push_messages`` / ``pull_messages`` of ``Message``
objects, each answered by the same ClientApp (:func:`mednn.federation.site.client_app`).

Why not Flower's Simulation Engine (``flwr.simulation.run_simulation``): it runs the
ClientApps on Ray, a scheduler with its own object store and worker processes that is not
among mednn's dependencies and costs seconds to start; on an offline two-core machine an
in-process grid is faster, deterministic and tests the same ServerApp / ClientApp code.

>>> grid = InProcessGrid({1: make_north, 2: make_south}, processes=False)   # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import pickle
import uuid
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..messages import RUN_ID, task_identity

_UNGUARDED = ("; the usual cause: each site process imports the calling script again, so a script that trains "
              "federated must call mednn under `if __name__ == \"__main__\":`; fix: add that guard, or set "
              "privacy.federated.processes: false")


def _context(node_id: int):
    from flwr.app import Context, RecordDict

    return Context(run_id=RUN_ID, node_id=node_id, node_config={}, state=RecordDict(), run_config={})


def _worker(conn, node_id: int, make_site) -> None:
    """A site's process: its ClientApp answers messages until told to stop."""
    import torch

    from ..flower_logs import quiet
    from ..site import client_app

    quiet()  # Flower's console lines are not the user's
    torch.set_num_threads(1)
    app, context = client_app(make_site), _context(node_id)
    with task_identity(node_id=node_id):
        while True:
            message = conn.recv()
            if message is None:
                break
            conn.send(app(message, context))
    conn.close()


class InProcessGrid:
    """A Flower ``Grid`` over ClientApps on this machine (see the module's docstring).

    ``sites``: ``{node_id: make_site}`` where ``make_site(context) -> Site`` (picklable when
    ``processes``). Use as a context manager: leaving it stops the site processes. It is
    registered as a virtual subclass of ``flwr.serverapp.Grid``.
    """

    def __init__(self, sites: dict[int, Callable[[Any], Any]], *, processes: bool = False):
        self.sites, self.processes = dict(sites), processes
        self._apps: dict[int, Any] = {}
        self._procs: dict[int, Any] = {}
        self._conns: dict[int, Any] = {}
        self._waiting: dict[str, int] = {}  # message id -> node
        self._replies: dict[str, Any] = {}
        self._run = None

    # -- lifetime
    def __enter__(self) -> "InProcessGrid":
        from ..site import client_app

        if not self.processes:
            self._apps = {n: (client_app(make), _context(n)) for n, make in self.sites.items()}
            return self
        ctx = mp.get_context("spawn")  # a fresh interpreter per site: nothing shared but what is sent
        try:
            for node, make in self.sites.items():
                parent, child = ctx.Pipe()
                proc = ctx.Process(target=_worker, args=(child, node, make), daemon=True, name=f"mednn-site-{node}")
                proc.start()
                child.close()
                self._procs[node], self._conns[node] = proc, parent
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> bool:
        for conn in self._conns.values():
            with contextlib.suppress(OSError, ValueError, BrokenPipeError):
                conn.send(None)
        for proc in self._procs.values():
            proc.join(timeout=10)
            if proc.is_alive():
                proc.terminate()
        for conn in self._conns.values():
            conn.close()
        self._procs, self._conns, self._apps = {}, {}, {}
        return False

    # -- Flower's Grid
    def set_run(self, run) -> None:
        self._run = run

    @property
    def run(self):
        from flwr.supercore.run import Run

        return self._run if self._run is not None else Run.create_empty(RUN_ID)

    def create_message(self, content, message_type: str, dst_node_id: int, group_id: str, ttl=None):
        from flwr.app import Message

        with task_identity():
            return Message(content, dst_node_id=dst_node_id, message_type=message_type, group_id=group_id, ttl=ttl)

    def get_node_ids(self) -> Iterable[int]:
        return sorted(self.sites)

    def push_messages(self, messages: Iterable[Any]) -> Iterable[str]:
        ids = []
        for message in messages:
            message_id = uuid.uuid4().hex
            message.metadata.__dict__["_message_id"] = message_id
            node = int(message.metadata.dst_node_id)
            if self.processes:
                try:
                    self._conns[node].send(message)
                except (OSError, BrokenPipeError, KeyError):
                    continue  # a dead site: no reply ever comes
                self._waiting[message_id] = node
            else:  # a copy, as a transport delivers one: a ClientApp's mods may change what they receive
                app, context = self._apps[node]
                with task_identity(node_id=node):
                    self._replies[message_id] = app(pickle.loads(pickle.dumps(message)), context)
            ids.append(message_id)
        return ids

    def pull_messages(self, message_ids: Iterable[str]) -> Iterable[Any]:
        wanted = set(message_ids)
        if self.processes:
            for message_id in [m for m in self._waiting if m in wanted]:
                node = self._waiting.pop(message_id)
                try:
                    self._replies[message_id] = self._conns[node].recv()
                except (EOFError, OSError):
                    self._replies[message_id] = _lost(message_id, node, self._procs[node].exitcode)
        out = [self._replies.pop(m) for m in list(self._replies) if m in wanted]
        return [r for r in out if r is not None]

    def send_and_receive(self, messages: Iterable[Any], *, timeout: float | None = None) -> Iterable[Any]:
        return self.pull_messages(self.push_messages(messages))


def train_in_process(cfg, site_files: dict[str, str | Path], out: str | Path, *, holdout_path=None,
                     min_sites: int | None = None, overwrite: bool = False, grid=None, say=None,
                     declared_rows: dict[str, int] | None = None, secagg: float | None = None) -> Path:
    """The whole run with every site's ClientApp in this process (tests, benchmarks); writes
    the run directory ``out``. ``grid``: another Grid over the same sites (tests)."""
    from ...pipeline import check_before_reading
    from ...runs import check_run_target
    from ..run import read_holdout, train_sites, write_run

    t0 = time.perf_counter()
    out = check_run_target(out, overwrite=overwrite, name=cfg.name, inputs=[cfg.data.path])
    check_before_reading(cfg)
    holdout = read_holdout(cfg, holdout_path)
    makers = {i + 1: _FileSite(cfg, path, name) for i, (name, path) in enumerate(site_files.items())}
    with grid if grid is not None else InProcessGrid(makers) as g:
        outcome = train_sites(cfg, g, holdout, n_sites=len(site_files), min_sites=min_sites, wait=1, say=say,
                              declared_rows=declared_rows, secagg=secagg)
    write_run(out, outcome, holdout, overwrite=overwrite, t0=t0)
    return out


class _FileSite:
    """``make_site(context)`` for a site with its own file (picklable)."""

    def __init__(self, cfg, path, name: str):
        self.cfg, self.path, self.name = cfg, path, name

    def __call__(self, context):
        from ..site import Site

        return Site(self.cfg, self.path, self.name)


def _lost(message_id: str, node: int, exitcode) -> Any:
    """An error reply for a site process that stopped (no reply will come)."""
    from flwr.app import Error, Message

    from ...errors import ConfigError

    with task_identity(node_id=node):
        reason = f"{ConfigError.__name__}: its process stopped unexpectedly (exit code {exitcode}){_UNGUARDED}"
        query = Message(_empty(), dst_node_id=node, message_type="query")
        query.metadata.__dict__["_message_id"] = message_id
        return Message(Error(code=0, reason=reason), reply_to=query)


def _empty():
    from flwr.app import RecordDict

    return RecordDict()


def _register() -> None:
    from flwr.serverapp import Grid

    Grid.register(InProcessGrid)


with contextlib.suppress(ImportError):  # flwr is an extra: registered when present
    _register()

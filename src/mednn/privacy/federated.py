"""Federated training across sites with federated averaging (FedAvg; McMahan et al. 2017).

The training split is divided by a site column (``privacy.federated.site_column``, one of
``data.meta_columns``: the hospital, scanner or study each record comes from). Every site is
a separate worker process that receives only its own featurized rows, once, and keeps them.
Each round the coordinator sends the current global weights and the round's learning rate;
every site trains ``local_epochs`` passes of mini-batch gradient descent on its rows with a
fresh optimizer (the seed's backpropagation, :func:`mednn.training.loop.train_epoch`) and
returns its weights and row count; the coordinator replaces the global weights by the
average weighted by row counts (batch-norm statistics included). Only weights cross a process
boundary after the first message. Validation, model selection, schedules and ``train.ema``
run on the coordinator over rounds, in :func:`mednn.training.loop.fit`, whose step strategy
:class:`FederatedSites` is: one epoch there is one round here.

This is a simulation on one machine: the coordinator reads the file and fits the featurizer
(scaling statistics, vocabularies) on the pooled training rows, which a real deployment
would agree on beforehand; the validation and test splits stay with the coordinator.
With ``privacy.dp`` every site runs DP-SGD on its own rows (``mednn.privacy.dp``), so each
record is protected by its site's (ε, δ); the run reports the largest.

>>> with FederatedSites(site_data, spec, train_cfg, fed_cfg, seed=0) as sites:  # doctest: +SKIP
...     fit(model, None, None, val_x, val_y, ..., strategy=sites)
"""

from __future__ import annotations

import multiprocessing as mp
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from ..errors import ConfigError, DataError, problem
from ..training.callbacks import StepStrategy

AGGREGATION = "FedAvg (weights averaged, weighted by each site's training rows)"


@dataclass
class SiteData:
    """One site's share of the training split, already featurized."""

    name: str
    features: Any
    targets: torch.Tensor
    sampler_targets: np.ndarray

    def __post_init__(self) -> None:
        # a copy, never a view of ``targets``: handing the site to its process moves tensor
        # storage into shared memory, and a NumPy view of the old storage would then dangle
        self.sampler_targets = np.array(self.sampler_targets, copy=True)


def split_by_site(train, site_column: str) -> dict[str, np.ndarray]:
    """Row indices of the training split per site value, sites in sorted order.

    Raises a DataError naming the column when it is missing or has empty values, and a
    ConfigError when it names fewer than two sites.
    """
    if site_column not in train.meta:
        raise ConfigError(problem(f"privacy.federated.site_column {site_column!r} is not one of the data's "
                                  "meta columns", fix=f"add {site_column!r} to data.meta_columns"))
    values = np.asarray(train.meta[site_column]).astype(str)
    empty = int(np.isin(np.char.strip(values), ["", "nan", "None"]).sum())
    if empty:
        raise DataError(problem(f"Column {site_column!r} (the federated site) is empty in {empty} training rows",
                                fix="give every record its site, or drop those rows"))
    sites = {str(name): np.flatnonzero(values == name) for name in sorted(set(values))}
    if len(sites) < 2:
        raise ConfigError(problem(f"Column {site_column!r} names {len(sites)} site in the training split; "
                                  "federated training needs at least 2", fix="unset privacy.federated.site_column"))
    return sites


class _Site:
    """A site's local trainer: global weights in, locally trained weights out."""

    def __init__(self, data: SiteData, spec: dict[str, Any], train_cfg, local_epochs: int, seed: int,
                 augment_factory=None, privacy_cfg=None):
        from ..models import build_model, load_model_modules
        from ..training.losses import make_loss

        load_model_modules()
        self.data, self.train_cfg, self.local_epochs = data, train_cfg, local_epochs
        self.model = build_model(spec["name"], task=spec["task"], input_shape=spec["input_shape"], **spec["hparams"])
        self.loss_fn = make_loss(spec["task"], spec.get("class_weights"))
        self.generator = torch.Generator().manual_seed(seed)
        # built here, in the site's process: an augmentation holds a torch.Generator, which
        # does not pickle; its factory (options + class counts) does
        self.augment = augment_factory(seed) if augment_factory is not None else None
        # DP-SGD on this site's rows only, its budget counted over all the site's local epochs
        self.dp, self.delta = None, None
        if privacy_cfg is not None and privacy_cfg.dp:
            from .dp import make_dpsgd

            local_cfg = train_cfg.model_copy(update={"epochs": train_cfg.epochs * local_epochs})
            self.dp = make_dpsgd(self.model, spec["task"], train_cfg=local_cfg, privacy_cfg=privacy_cfg,
                                 n_train=len(data.targets), generator=self.generator,
                                 train_targets=data.sampler_targets, class_weights=spec.get("class_weights"))
            self.delta = privacy_cfg.delta

    def train(self, state: dict[str, torch.Tensor], lr: float) -> tuple[dict[str, torch.Tensor], int, float, Any]:
        """Local epochs from ``state``: (weights, rows, mean loss, DP summary or None)."""
        from ..training.loop import cpu_memory_format, epoch_batches, train_epoch
        from ..training.optim import make_optimizer

        cpu = torch.device("cpu")
        self.model.load_state_dict(state)
        memory_format = cpu_memory_format(self.model, cpu) if self.dp is None else None
        if memory_format is not None:
            self.model.to(memory_format=memory_format)
        optimizer = make_optimizer(self.model, self.train_cfg)
        optimizer.lr = lr
        self.model.train()
        n = len(self.data.targets)
        loss = float("nan")
        # dropout draws from torch's global generator: seed it from the site's own stream, inside
        # a fork so that in-process sites leave the coordinator's generator alone
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(int(torch.randint(0, 2**62, (1,), generator=self.generator)))
            for _ in range(self.local_epochs):
                if self.dp is not None:
                    batches = self.dp.batches()  # Poisson sampling, as the accounting assumes
                else:
                    batches = epoch_batches(self.train_cfg, self.data.sampler_targets, n, self.generator)
                loss = train_epoch(self.model, self.data.features, self.data.targets, batches, loss_fn=self.loss_fn,
                                   optimizer=optimizer, device=cpu, augment=self.augment,
                                   step=self.dp.step if self.dp is not None else None)
        self.model.to(memory_format=torch.contiguous_format)
        privacy = self.dp.summary(self.delta) if self.dp is not None else None
        return {k: v.detach().clone() for k, v in self.model.state_dict().items()}, n, loss, privacy


def _site_worker(conn, data: SiteData, spec, train_cfg, local_epochs: int, seed: int, augment_factory,
                 privacy_cfg) -> None:
    """A site's process: build the local trainer, then answer rounds until told to stop."""
    torch.set_num_threads(1)
    try:
        site = _Site(data, spec, train_cfg, local_epochs, seed, augment_factory, privacy_cfg)
        conn.send(("ready", None))
        while True:
            message = conn.recv()
            if message is None:
                break
            state, lr = message
            conn.send(("ok", site.train(state, lr)))
    except Exception as exc:  # noqa: BLE001 - reported to the coordinator, which raises it there
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def average_states(states: list[dict[str, torch.Tensor]], weights: list[float]) -> dict[str, torch.Tensor]:
    """Weighted average of state dicts (floating tensors); integer buffers are taken from the first."""
    total = float(sum(weights))
    out = {}
    for key, first in states[0].items():
        if first.is_floating_point():
            out[key] = sum(s[key].double() * (w / total) for s, w in zip(states, weights)).to(first.dtype)
        else:
            out[key] = first.clone()
    return out


class FederatedSites(StepStrategy):
    """The sites of one federated run, as processes (``processes=True``) or in this process.

    ``run_round(model, lr, round)`` sends ``model``'s weights to every site, loads their
    weighted average back into ``model`` and returns the sites' row-weighted mean training
    loss. The object is the step strategy of :func:`mednn.training.loop.fit` (one epoch = one
    round, the weight average updated once per round); it cannot be checkpointed.
    """

    resumable = False

    def __init__(self, sites: list[SiteData], spec: dict[str, Any], train_cfg, fed_cfg, *, seed: int,
                 augment_factory=None, privacy_cfg=None):
        self.sites, self.spec, self.train_cfg, self.fed_cfg = sites, spec, train_cfg, fed_cfg
        self.seed, self.augment_factory = seed, augment_factory
        self.privacy_cfg = privacy_cfg if privacy_cfg is not None and privacy_cfg.dp else None
        # under DP the sites' training losses are statistics of private rows: fit records none
        self.private = self.privacy_cfg is not None
        self.rounds_run = 0
        self._site_privacy: list[Any] = [None] * len(sites)
        self._local: list[_Site] = []
        self._procs: list[Any] = []
        self._conns: list[Any] = []

    def __enter__(self) -> "FederatedSites":
        local_epochs = self.fed_cfg.local_epochs
        if not self.fed_cfg.processes:
            self._local = [_Site(d, self.spec, self.train_cfg, local_epochs, self.seed + i + 1, self.augment_factory,
                                 self.privacy_cfg) for i, d in enumerate(self.sites)]
            return self
        ctx = mp.get_context("spawn")  # a fresh interpreter per site: nothing shared but what is sent
        try:
            for i, data in enumerate(self.sites):
                parent, child = ctx.Pipe()
                proc = ctx.Process(target=_site_worker, daemon=True, name=f"mednn-site-{i + 1}",
                                   args=(child, data, self.spec, self.train_cfg, local_epochs, self.seed + i + 1,
                                         self.augment_factory, self.privacy_cfg))
                proc.start()
                child.close()
                self._procs.append(proc)
                self._conns.append(parent)
            for i, conn in enumerate(self._conns):
                self._receive(i, conn, starting=True)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _receive(self, i: int, conn, starting: bool = False):
        try:
            status, payload = conn.recv()
        except EOFError:
            hint = ("; the usual cause: each site process imports the calling script again, so a script that "
                    "trains federated must call mednn under `if __name__ == \"__main__\":`; fix: add that guard, "
                    "or set privacy.federated.processes: false" if starting else "")
            raise ConfigError(f"Federated site {i + 1} ({self.sites[i].name!r}) stopped unexpectedly{hint}") from None
        if status == "error":
            raise ConfigError(f"Federated site {i + 1} ({self.sites[i].name!r}) failed: {payload}")
        return payload

    def run_round(self, model: torch.nn.Module, lr: float, round_index: int) -> float:
        state = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
        if self._local:
            results = [site.train(state, lr) for site in self._local]
        else:
            for conn in self._conns:
                conn.send((state, lr))
            results = [self._receive(i, conn) for i, conn in enumerate(self._conns)]
        states, counts, losses, privacy = zip(*results)
        self._site_privacy = list(privacy)
        device = next(model.parameters()).device
        model.load_state_dict({k: v.to(device) for k, v in average_states(list(states), list(counts)).items()})
        loss = float(np.average(losses, weights=counts))
        self.rounds_run += 1
        return loss

    def run_epoch(self, state) -> float:
        """One round at the loop's learning rate; the round is the coordinator's one update."""
        loss = self.run_round(state.model, state.optimizer.lr, state.epoch)
        state.step_end()
        return loss

    def privacy_summary(self) -> dict[str, Any] | None:
        """Under DP: the ``metrics.json`` ``privacy`` entry. Every record lives at one site, so
        the guarantee per record is its site's (ε, δ); the run's ε is the largest of them."""
        sites = [dict(p, site=d.name) for p, d in zip(self._site_privacy, self.sites) if p is not None]
        if not sites:
            return None
        epsilons = [p["epsilon"] for p in sites]
        worst = None if any(e is None for e in epsilons) else max(epsilons)
        first = sites[0]
        return {
            "mechanism": f"{first['mechanism']} at each site (federated)",
            "epsilon": worst,
            "delta": first["delta"],
            "noise_multiplier": first["noise_multiplier"],
            "max_grad_norm": first["max_grad_norm"],
            "sampling_rate": max(p["sampling_rate"] for p in sites),
            "steps": max(p["steps"] for p in sites),
            "accountant": first["accountant"],
            "noise_seed": first["noise_seed"],
            "scope": "per record, at its own site: each site ran DP-SGD on its rows only; epsilon is the "
                     "largest site's",
            "sites": [{k: p[k] for k in ("site", "epsilon", "sampling_rate", "steps", "noise_multiplier")}
                      for p in sites],
        }

    def summary(self) -> dict[str, Any]:
        """The ``metrics.json`` ``federated`` entry (site names, row and class counts; no data)."""
        task = self.spec["task"]
        sites = []
        for d in self.sites:
            row: dict[str, Any] = {"site": d.name, "n_train": int(len(d.targets))}
            if task.kind in ("binary", "multiclass"):
                counts = np.bincount(np.asarray(d.sampler_targets).astype(int), minlength=len(task.class_names))
                row["class_counts"] = {name: int(c) for name, c in zip(task.class_names, counts)}
            sites.append(row)
        return {
            "aggregation": AGGREGATION,
            "site_column": self.fed_cfg.site_column,
            "sites": sites,
            "local_epochs": self.fed_cfg.local_epochs,
            "processes": bool(self.fed_cfg.processes),
            "rounds_run": self.rounds_run,
        }

    def __exit__(self, *exc) -> bool:
        for conn in self._conns:
            try:
                conn.send(None)
            except (OSError, ValueError):
                pass
        for proc in self._procs:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.terminate()
        for conn in self._conns:
            conn.close()
        self._procs, self._conns, self._local = [], [], []
        return False

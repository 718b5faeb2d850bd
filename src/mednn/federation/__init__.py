"""Federated training across hospitals on Flower (``flwr``): every site keeps its own file.

A coordinator (``mednn federated server``) and N sites (``mednn federated site``) talk over
Flower's gRPC transport. Every site runs the same config on its OWN data file; the coordinator
holds only a validation/test file. A run goes through these phases, each a Flower ``fit``
message whose config names the phase:

1. ``hello``: the coordinator sends the task (class names, from its own file); each site reads
   its file with them and answers with its name, row and class counts and the aggregates its
   featurizer needs (:mod:`mednn.privacy.flower_stats`); ``counts`` / ``spread`` /
   ``deviations`` queries complete the table featurizer's medians and variances.
2. ``setup``: the coordinator sends the global featurizer state, the model spec, the class
   weights and each site's index (its seed is ``seed + index + 1``, as in
   :mod:`mednn.privacy.federated`); each site featurizes its rows and builds its local trainer
   (:class:`mednn.privacy.federated._Site`, with DP-SGD when ``privacy.dp``).
3. ``train``: one message per round with the global weights, the learning rate and, for
   FedProx, ``proximal_mu``; each site trains ``privacy.federated.local_epochs`` and answers
   with its weights, its row count and (without DP) its mean loss. The coordinator aggregates
   with Flower's FedAvg / FedProx strategy. Validation, model selection, schedules and weight
   averaging are mednn's own loop over rounds (:func:`mednn.training.loop.fit` with a
   step strategy whose epoch is a round); calibration, threshold, metrics and the run directory are those of
   :func:`mednn.pipeline.train`, on the coordinator's file.

This module runs on Flower's gRPC client/server API (``flwr.server.start_server`` /
``flwr.client.start_client``, deprecated since flwr 1.13 but present in 1.42): a site is one
long-lived process holding its rows and trainer. :mod:`mednn.federation.deployment` runs the
same phases on Flower's Deployment Engine (SuperLink, SuperNodes, ``flwr run``), where a site
keeps its state in the ClientApp's ``Context.state`` between per-message processes, with
SecAgg+ and SuperNode authentication; :mod:`mednn.federation.central_dp` adds Flower's central
DP to either (design note 26).

>>> serve(cfg, sites=3, address="127.0.0.1:8080", out="runs/fed")       # doctest: +SKIP
>>> run_site(cfg, data="north.csv", server="127.0.0.1:8080")             # doctest: +SKIP
"""

from __future__ import annotations

import functools
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError, DataError, problem

STRATEGIES = ("fedavg", "fedprox")
_ERRORS = {"DataError": DataError, "ConfigError": ConfigError}


def _require_flower() -> None:
    from .._optional import require

    require("flwr", extra="federated")


# --- the one place that calls the training loop (merge point for the loop's refactor) -----

def train_rounds(model, val_x, val_y, *, task, train_cfg, generator, device, class_weights, rounds, on_epoch=None):
    """Run :func:`mednn.training.loop.fit` with ``rounds`` as its step strategy: each epoch of
    the loop is one Flower round (validation, model selection and schedules stay the loop's)."""
    from ..training.callbacks import Progress
    from ..training.loop import fit

    return fit(model, None, None, val_x, val_y, task=task, cfg=train_cfg, generator=generator, device=device,
               class_weights=class_weights, strategy=_RoundStrategy(rounds),
               callbacks=[Progress(on_epoch)] if on_epoch is not None else [])  # fit adds train.ema's average


def _round_strategy_base():
    from ..training.callbacks import StepStrategy

    return StepStrategy


class _RoundStrategy(_round_strategy_base()):
    """The training loop's step strategy for Flower rounds (:class:`_Rounds` does the round)."""

    name = "flower-rounds"
    resumable = False

    def __init__(self, rounds):
        self.rounds = rounds
        self.private = bool(getattr(rounds, "private", False))

    def run_epoch(self, state) -> float:
        loss = self.rounds(state.model, state.optimizer.lr, state.epoch)
        state.step_end()
        return loss

    def privacy_summary(self):
        return self.rounds.privacy_summary()


# --- the site ----------------------------------------------------------------------------

def _read_site(cfg, path: Path, task: dict[str, Any] | None):
    from ..data.readers import read_dataset

    update: dict[str, Any] = {"path": str(path)}
    if task is not None and task["kind"] in ("binary", "multiclass"):
        update.update(class_names=list(task["class_names"]), positive_class=None)
    return read_dataset(cfg.data.model_copy(update=update))


class _Proximal:
    """FedProx's local loss: the task loss plus mu/2 * ||w - w_global||^2 (Li et al. 2020)."""

    def __init__(self, loss_fn, model, mu: float):
        self.loss_fn, self.model, self.mu = loss_fn, model, mu
        self.anchor: dict[str, Any] = {}

    def __call__(self, output, target):
        loss = self.loss_fn(output, target)
        if self.mu:
            penalty = sum(((p - self.anchor[n]) ** 2).sum() for n, p in self.model.named_parameters())
            loss = loss + 0.5 * self.mu * penalty
        return loss


class SiteTrainer:
    """A site's side of every phase; :meth:`handle` is what the Flower client calls.

    Holds the site's dataset, its featurizer and its local trainer between messages.
    """

    def __init__(self, cfg, data: str | Path, name: str | None = None):
        from ..recipes import apply_auto_recipe

        self.cfg, self.path = apply_auto_recipe(cfg), Path(data)  # every party builds the same network
        self.name = name or self.path.stem
        self.dataset = self.featurizer = self.site = self.keys = self.proximal = None
        self._task: dict[str, Any] | None = None
        self._setup_payload: dict[str, Any] | None = None

    def handle(self, phase: str, payload: dict[str, Any], arrays: list[np.ndarray]):
        """(arrays, rows, answer) for one message of the coordinator."""
        from ..privacy import flower_stats

        if phase == "hello":
            self._hello(payload.get("task"))
            counts = self.dataset.class_counts()
            return [], len(self.dataset), {"site": self.name, "class_counts": counts,
                                           "summary": flower_stats.site_summary(self.featurizer, self.dataset)}
        if self.dataset is None:
            raise ConfigError("The coordinator skipped the hello phase; fix: restart the site")
        if phase in ("counts", "spread", "deviations"):
            return [], len(self.dataset), flower_stats.answer(phase, payload, self.featurizer, self.dataset)
        if phase == "setup":
            self._setup(payload)
            return [], len(self.dataset), {"ready": True}
        if phase == "train":
            return self._train(payload, arrays)
        if phase == "privacy":  # secure aggregation hides the rounds' answers: the site's ε is asked at the end
            if self.site is None:
                raise ConfigError("The coordinator skipped the setup phase; fix: restart the site")
            return [], len(self.dataset), {"privacy": self.site.dp.summary(self.site.delta)
                                           if self.site.dp is not None else None}
        raise ConfigError(f"Unknown phase {phase!r} from the coordinator; fix: use the same mednn version everywhere")

    def _hello(self, task: dict[str, Any] | None) -> None:
        from ..pipeline import make_featurizer
        from ..privacy import flower_stats

        self.dataset = _read_site(self.cfg, self.path, task)
        self.featurizer = make_featurizer(self.cfg, self.dataset)
        flower_stats.check_supported(self.featurizer.name)
        self._task = task

    def _setup(self, payload: dict[str, Any]) -> None:
        from ..data.base import Task
        from ..training.losses import targets_for_loss
        from ..privacy.federated import SiteData, _Site

        self._setup_payload = payload
        self.featurizer.load_state_dict(payload["featurizer_state"])
        task = Task.from_dict(payload["task"])
        y = targets_for_loss(task, self.dataset.targets)
        data = SiteData(self.name, self.featurizer.transform(self.dataset), y, y.numpy())
        weights = payload.get("class_weights")
        spec = {"name": payload["model"], "hparams": self.cfg.model.hparams, "task": task,
                "input_shape": tuple(payload["input_shape"]),
                "class_weights": np.asarray(weights) if weights is not None else None}
        factory = None
        if self.cfg.train.augment:
            factory = functools.partial(self.featurizer.make_augment, self.cfg.train.augment,
                                        class_counts=payload.get("class_counts"))
        privacy = self.cfg.privacy if self.cfg.privacy.dp else None
        self.site = _Site(data, spec, self.cfg.train, self.cfg.privacy.federated.local_epochs,
                          self.cfg.seed + int(payload["index"]) + 1, factory, privacy)
        from ..training.seeding import set_threads

        # train.threads at the site as in mednn train (torch's default, every core, spin-waits on a busy machine)
        set_threads(self.cfg.train.threads, sum(p.numel() for p in self.site.model.parameters()))
        self.keys = list(payload["keys"])
        mu = float(payload.get("proximal_mu") or 0.0)
        if mu:
            self.proximal = _Proximal(self.site.loss_fn, self.site.model, mu)
            self.site.loss_fn = self.proximal

    def _train(self, payload: dict[str, Any], arrays: list[np.ndarray]):
        import torch

        if self.site is None:
            raise ConfigError("The coordinator skipped the setup phase; fix: restart the site")
        state = {k: torch.from_numpy(np.array(a, copy=True)) for k, a in zip(self.keys, arrays)}
        if self.proximal is not None:
            self.proximal.anchor = {n: state[n].detach().clone() for n, _ in self.site.model.named_parameters()}
        weights, n, loss, privacy = self.site.train(state, float(payload["lr"]))
        limit = payload.get("secagg_range")
        if limit is not None and max(float(w.abs().max()) for w in weights.values() if w.is_floating_point()) > limit:
            raise ConfigError(problem(f"A weight of site {self.name!r} exceeds secure aggregation's clipping range "
                                      f"+-{limit:g} (SecAgg+ would clip it silently)",
                                      fix="raise --secagg-clipping-range, or lower train.lr"))
        answer: dict[str, Any] = {"privacy": privacy}
        if privacy is None:  # under DP the training loss is a statistic of private rows: not sent
            answer["loss"] = loss
        return [weights[k].cpu().numpy() for k in self.keys], n, answer


    # -- a site whose process ends after every message (Flower's Deployment Engine: the
    #    SuperNode keeps this in the ClientApp's Context.state between messages of a run)
    def snapshot(self) -> dict[str, Any]:
        """What a fresh process needs to carry on: the phases' payloads and the generators' states."""
        import torch

        out: dict[str, Any] = {"json": json.dumps({"hello": self.dataset is not None, "task": self._task,
                                                    "setup": self._setup_payload,
                                                    "dp_steps": self.site.dp.steps if self.site and self.site.dp
                                                    else 0})}
        if self.site is not None:
            generators = {"generator": self.site.generator,
                          "augment": getattr(self.site.augment, "generator", None),
                          "noise": self.site.dp.noise_generator if self.site.dp is not None else None}
            for key, g in generators.items():
                if isinstance(g, torch.Generator):
                    out[key] = g.get_state().numpy().tobytes()
        return out

    def resume(self, saved: dict[str, Any]) -> None:
        """Rebuild the state :meth:`snapshot` saved: re-read and re-featurize the file, rebuild
        the trainer, restore the generators and the DP-SGD step count (its accountant)."""
        import torch

        meta = json.loads(str(saved["json"]))
        if not meta["hello"]:
            return
        self._hello(meta["task"])
        if meta["setup"] is None:
            return
        self._setup(meta["setup"])
        generators = {"generator": self.site.generator, "augment": getattr(self.site.augment, "generator", None),
                      "noise": self.site.dp.noise_generator if self.site.dp is not None else None}
        for key, g in generators.items():
            if key in saved and isinstance(g, torch.Generator):
                g.set_state(torch.from_numpy(np.frombuffer(bytes(saved[key]), dtype=np.uint8).copy()))
        if self.site.dp is not None:
            self.site.dp.steps = int(meta["dp_steps"])


def _client(trainer: SiteTrainer, before=None, after=None):
    """The Flower client of a site: every phase is a ``fit`` message (config ``phase``, ``payload``).

    ``before`` / ``after`` (no arguments) run around each message: a Deployment Engine site
    restores and saves its state there."""
    from flwr.client import NumPyClient

    class MednnSite(NumPyClient):
        def get_parameters(self, config):
            return []

        def fit(self, parameters, config):
            try:
                if before is not None:
                    before()
                arrays, n, answer = trainer.handle(str(config["phase"]), json.loads(str(config["payload"])),
                                                   parameters)
                if after is not None:
                    after()
                return arrays, int(n), {"answer": json.dumps(answer)}
            except Exception as exc:  # noqa: BLE001 - reported to the coordinator, which names the site
                return [], 0, {"error": f"{type(exc).__name__}: {exc}"}

    return MednnSite().to_client()


def run_site(cfg, *, data: str | Path, server: str, name: str | None = None, root_certificates: Path | None = None,
             max_wait: float = 60.0) -> None:
    """Connect this site to the coordinator at ``server`` and answer until the run ends."""
    _require_flower()
    from flwr.client import start_client

    path = Path(data)
    if not path.exists():
        raise DataError(problem(f"The site's data file {str(path)!r} does not exist", fix="pass --data LOCAL_FILE"))
    trainer = SiteTrainer(cfg, path, name)
    certificates = root_certificates.read_bytes() if root_certificates is not None else None
    import grpc

    deadline = time.monotonic() + max_wait
    while True:
        try:
            start_client(server_address=server, client=_client(trainer), insecure=certificates is None,
                         root_certificates=certificates)
            return
        except grpc.RpcError as exc:
            # the coordinator may not be listening yet: retry until max_wait, but only before the
            # run has begun (a connection lost mid-run is the coordinator's end, not a delay)
            started = trainer.dataset is not None
            if started or time.monotonic() > deadline:
                what = "lost the connection to" if started else f"could not reach within {max_wait:g} s"
                raise ConfigError(problem(f"The site {what} the coordinator at {server} ({exc.code().name})",
                                          fix="check that `mednn federated server` runs there, the address and "
                                              "port, the firewall and the TLS certificate")) from None
            time.sleep(1.0)


# --- the coordinator ------------------------------------------------------------------------

@dataclass
class RoundLog:
    """What the coordinator records of the rounds (no data): failures and bytes exchanged."""

    failures: list[dict[str, Any]] = field(default_factory=list)
    bytes_sent: list[int] = field(default_factory=list)
    bytes_received: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


class Coordinator:
    """The server's side: drives the phases over the connected sites and trains the model."""

    def __init__(self, cfg, *, n_sites: int, holdout, strategy: str = "fedavg", mu: float = 0.01,
                 min_sites: int | None = None, round_timeout: float | None = None, wait_timeout: float = 120.0,
                 console=None):
        from ..recipes import apply_auto_recipe

        cfg = apply_auto_recipe(cfg)  # `model: auto`: the same network as mednn train and every site
        if strategy not in STRATEGIES:
            raise ConfigError(problem(f"Unknown federated strategy {strategy!r}", expected=" or ".join(STRATEGIES)))
        if strategy == "fedprox" and cfg.privacy.dp:
            raise ConfigError("FedProx's proximal term is not part of DP-SGD's per-sample gradients; fix: use "
                              "--strategy fedavg with privacy.dp")
        if n_sites < 1:
            raise ConfigError("--sites must be at least 1")
        self.min_sites = n_sites if min_sites is None else min_sites
        if not 1 <= self.min_sites <= n_sites:
            raise ConfigError(problem("--min-sites must be between 1 and --sites", got=self.min_sites))
        self.cfg, self.n_sites, self.holdout, self.strategy_name, self.mu = cfg, n_sites, holdout, strategy, mu
        self.round_timeout, self.wait_timeout, self.console = round_timeout, wait_timeout, console
        self.sites: list[tuple[Any, str]] = []  # (client proxy, site name), sorted by name
        self.site_info: dict[str, dict[str, Any]] = {}
        self.log = RoundLog()
        self.error: BaseException | None = None
        self.outcome: dict[str, Any] | None = None
        self._group = 0
        self.processes = True  # False when the sites are in-process proxies (tests, benchmarks)
        self.engine = "flower"  # "flower-deployment": SuperLink / SuperNodes (mednn.federation.deployment)
        self.secure = None  # SecAgg+ rounds (deployment.SecureRounds): called with (round, arrays, payload)

    def _say(self, text: str) -> None:
        if self.console is not None:
            self.console.print(text, highlight=False)

    # -- messaging
    def _ask(self, phase: str, payload: dict[str, Any], *, arrays=None, sites=None, tolerate: bool = False,
             per_site: dict[str, dict[str, Any]] | None = None):
        """Send one phase to the sites (``per_site``: each site's own additions to ``payload``);
        returns ({name: (arrays, rows, answer)}, [failed names])."""
        from flwr.common import FitIns, ndarrays_to_parameters, parameters_to_ndarrays
        from flwr.server.server import fit_clients

        sites = self.sites if sites is None else sites
        parameters = ndarrays_to_parameters(arrays or [])

        def ins(name):
            body = payload if per_site is None else {**payload, **per_site[name]}
            return FitIns(parameters, {"phase": phase, "payload": json.dumps(body)})

        self._group += 1
        results, _ = fit_clients([(proxy, ins(name)) for proxy, name in sites], max_workers=None,
                                 timeout=self.round_timeout, group_id=self._group)
        by_cid = {proxy.cid: res for proxy, res in results}
        answers, failed = {}, []
        sent = sum(len(t) for t in parameters.tensors) * len(sites)
        received = 0
        for proxy, name in sites:
            res = by_cid.get(proxy.cid)
            if res is None or res.status.code.value != 0:
                failed.append((name, "lost the connection or timed out"))
                continue
            if "error" in res.metrics:
                failed.append((name, str(res.metrics["error"])))
                continue
            received += sum(len(t) for t in res.parameters.tensors)
            answers[name] = (parameters_to_ndarrays(res.parameters), res.num_examples,
                             json.loads(str(res.metrics["answer"])))
        if phase == "train":
            self.log.bytes_sent.append(sent)
            self.log.bytes_received.append(received)
        if failed and not tolerate:
            name, why = failed[0]
            kind = why.split(":", 1)[0]
            cls = _ERRORS.get(kind, ConfigError)
            raise cls(f"Federated site {name!r} failed in the {phase} phase: {why}; nothing was written")
        return answers, failed

    def _ask_stats(self, phase: str, payload: dict[str, Any]) -> list[dict[str, Any]]:
        answers, _ = self._ask(phase, payload)
        return [answers[name][2] for _, name in self.sites]

    # -- phases
    def connect(self, client_manager) -> None:
        self._say(f"waiting for {self.n_sites} sites ...")
        if not client_manager.wait_for(self.n_sites, timeout=int(self.wait_timeout)):
            raise ConfigError(problem(f"Only {client_manager.num_available()} of {self.n_sites} federated sites "
                                      f"connected within {self.wait_timeout:g} s",
                                      fix="start every site with `mednn federated site CONFIG --data FILE "
                                          "--server ADDRESS`, or lower --sites"))
        proxies = list(client_manager.all().values())[: self.n_sites]
        answers, _ = self._ask("hello", {"task": self.holdout.dataset.task.to_dict()},
                               sites=[(p, f"(connection {p.cid})") for p in proxies])
        names = {p.cid: answers[f"(connection {p.cid})"][2]["site"] for p in proxies}
        if len(set(names.values())) < len(names):
            raise ConfigError("Two federated sites gave the same name; fix: start each site with its own --name")
        self.sites = sorted(((p, names[p.cid]) for p in proxies), key=lambda s: s[1])
        self.site_info = {names[cid]: {"n_train": int(a[1]), "class_counts": a[2]["class_counts"],
                                       "summary": a[2]["summary"]}
                          for cid, a in ((p.cid, answers[f"(connection {p.cid})"]) for p in proxies)}
        self._say("sites: " + ", ".join(f"{n} ({self.site_info[n]['n_train']} rows)" for _, n in self.sites))

    def federated_featurizer(self, featurizer) -> dict[str, Any]:
        from ..privacy import flower_stats

        names = [n for _, n in self.sites]
        summaries = [self.site_info[n]["summary"] for n in names]
        state = flower_stats.combine(summaries, featurizer, self._ask_stats, names)
        featurizer.load_state_dict(state)
        return state

    def train(self, client_manager):
        """Everything between the sites connecting and the model being trained."""
        from ..models import build_model, load_model_modules
        from ..pipeline import make_featurizer, model_name
        from ..training.losses import targets_for_loss
        from ..training.losses import class_weight_vector
        from ..training.seeding import choose_device, seed_everything, set_threads

        cfg, holdout = self.cfg, self.holdout
        task = holdout.dataset.task
        generator = seed_everything(cfg.seed)
        device = choose_device(cfg.train.device)
        self.connect(client_manager)
        featurizer = make_featurizer(cfg, holdout.dataset)
        from ..privacy import flower_stats

        flower_stats.check_supported(featurizer.name)
        state = self.federated_featurizer(featurizer)
        counts = {c: sum(int(self.site_info[n]["class_counts"].get(c, 0)) for _, n in self.sites)
                  for c in task.class_names}
        pooled = np.repeat(np.arange(len(task.class_names)), [counts[c] for c in task.class_names]).astype(float)
        weights = class_weight_vector(task, pooled, cfg.train.class_weights)
        name = model_name(cfg, holdout.dataset.modality)
        load_model_modules()
        model = build_model(name, task=task, input_shape=featurizer.input_shape, **cfg.model.hparams)
        threads = set_threads(cfg.train.threads, sum(p.numel() for p in model.parameters()))
        if cfg.privacy.dp:  # refuse what DP-SGD cannot serve before any site builds it
            from ..privacy.dp import check_model, check_train_config

            check_train_config(cfg.train, cfg.privacy)
            check_model(model)
        keys = list(model.state_dict())
        self._ask("setup", {"featurizer_state": state, "task": task.to_dict(), "model": name,
                            "input_shape": list(featurizer.input_shape), "keys": keys,
                            "class_weights": None if weights is None else np.asarray(weights).tolist(),
                            "class_counts": list(counts.values()),
                            "proximal_mu": self.mu if self.strategy_name == "fedprox" else 0.0},
                  per_site={site: {"index": index} for index, (_, site) in enumerate(self.sites)})
        features = {s: featurizer.transform(getattr(holdout, s)) for s in ("val", "test")}
        targets = {s: targets_for_loss(task, getattr(holdout, s).targets) for s in ("val", "test")}
        rounds = _Rounds(self, keys)
        result = train_rounds(model, features["val"], targets["val"], task=task, train_cfg=cfg.train,
                              generator=generator, device=device, class_weights=weights, rounds=rounds)
        if self.secure is not None and cfg.privacy.dp:  # the rounds' answers were hidden by SecAgg+
            answers, _ = self._ask("privacy", {})
            rounds.privacy = {n: a[2]["privacy"] for n, a in answers.items() if a[2]["privacy"] is not None}
        result.privacy = rounds.privacy_summary()
        self.outcome = {"model": model, "name": name, "featurizer": featurizer, "features": features,
                        "result": result, "threads": threads, "device": device, "rounds": rounds}

    def summary(self, result) -> dict[str, Any]:
        """The ``metrics.json`` ``federated`` entry: sites, rounds, failures, bytes; no data."""
        sent, received = self.log.bytes_sent, self.log.bytes_received
        central = self.outcome["rounds"].central if self.outcome else None
        weighting = ("each site's update clipped and counted once, Gaussian noise added (central DP)"
                     if central is not None else "weighted by each site's training rows")
        return {
            "engine": self.engine,
            "secure_aggregation": ("SecAgg+ (Flower): the coordinator saw only the sum of the sites' masked, "
                                   f"quantized weights; clipping range +-{self.secure.clipping_range:g}"
                                   if self.secure is not None else None),
            "aggregation": ("FedProx (FedAvg aggregation, proximal term mu=%g in each site's loss; %s)"
                            % (self.mu, weighting) if self.strategy_name == "fedprox" else
                            f"FedAvg (weights averaged, {weighting})"),
            "strategy": self.strategy_name,
            "proximal_mu": self.mu if self.strategy_name == "fedprox" else None,
            "site_column": None,
            "sites": [{"site": n, "n_train": info["n_train"], "class_counts": info["class_counts"]}
                      for n, info in sorted(self.site_info.items())],  # every site that took part
            "local_epochs": self.cfg.privacy.federated.local_epochs,
            "processes": self.processes,
            "rounds_run": len(sent),
            "best_round": result.best_epoch,
            "min_sites": self.min_sites,
            "failures": list(self.log.failures),
            "bytes_per_round": {"sent": int(np.mean(sent)) if sent else 0,
                                "received": int(np.mean(received)) if received else 0},
            "seconds_per_round": round(float(np.mean(self.log.seconds)), 4) if self.log.seconds else None,
            "featurizer_statistics": "federated (aggregates only; docs/federated.md lists them)",
            "central_dp": central.summary() if central is not None else None,
        }


class _Rounds:
    """``fit``'s epoch runner: one Flower round over the live sites per call."""

    def __init__(self, coordinator: Coordinator, keys: list[str]):
        from flwr.server.strategy import FedAvg, FedProx

        self.c, self.keys = coordinator, keys
        # no training loss under DP (a statistic of private rows) nor under SecAgg+ (not sent)
        self.private = bool(coordinator.cfg.privacy.dp) or coordinator.secure is not None
        common = dict(fraction_fit=1.0, fraction_evaluate=0.0, min_fit_clients=coordinator.min_sites,
                      min_available_clients=coordinator.min_sites, accept_failures=True,
                      fit_metrics_aggregation_fn=lambda metrics: {})  # sites' answers are read by _ask
        self.strategy = (FedProx(proximal_mu=coordinator.mu, **common) if coordinator.strategy_name == "fedprox"
                         else FedAvg(**common))
        from .central_dp import CentralDP

        self.central = CentralDP.from_config(coordinator.cfg)
        if self.central is not None:
            self.strategy = self.central.wrap(self.strategy, coordinator.n_sites)
        self.privacy: dict[str, Any] = {}

    def __call__(self, model, lr: float, round_index: int) -> float:
        import torch
        from flwr.common import Code, FitRes, Status, ndarrays_to_parameters, parameters_to_ndarrays

        c = self.c
        t0 = time.perf_counter()
        state = model.state_dict()
        arrays = [state[k].detach().cpu().contiguous().numpy() for k in self.keys]
        if c.secure is not None:
            return self._secure(model, state, arrays, lr, round_index, t0)
        answers, failed = c._ask("train", {"lr": lr, "round": round_index}, arrays=arrays, tolerate=True)
        for name, why in failed:
            c.log.failures.append({"site": name, "round": round_index, "error": why})
            c._say(f"round {round_index}: site {name} failed ({why}); it takes no further part")
        if failed:
            c.sites = [(p, n) for p, n in c.sites if n in answers]
        if len(answers) < c.min_sites:
            raise ConfigError(problem(f"Round {round_index}: only {len(answers)} federated sites answered, fewer "
                                      f"than --min-sites {c.min_sites} (failed: "
                                      f"{', '.join(n for n, _ in failed)}); nothing was written",
                                      fix="restart the run with every site, or lower --min-sites to let rounds "
                                          "go on without a failed site"))
        names = sorted(answers)
        # integer buffers (batch-norm step counts) are not averaged: the first site's, as in FedAvg today
        floating = [i for i, k in enumerate(self.keys) if state[k].dtype.is_floating_point]

        def weights(n):
            return [answers[n][0][i] for i in floating]

        # under central DP every site counts once (the noise is calibrated to one site's clipped update)
        results = [(None, FitRes(Status(Code.OK, ""), ndarrays_to_parameters(weights(n)),
                                 1 if self.central is not None else answers[n][1], {}))
                   for n in names]
        if self.central is not None:
            aggregated = self.central.aggregate(self.strategy, round_index, [arrays[i] for i in floating], results)
        else:
            aggregated, _ = self.strategy.aggregate_fit(round_index, results, [])
        new = dict(zip(floating, parameters_to_ndarrays(aggregated)))
        device = next(model.parameters()).device
        loaded = {}
        for i, (k, first) in enumerate(zip(self.keys, answers[names[0]][0])):
            value = torch.from_numpy(np.array(new[i] if i in new else first)).to(state[k].dtype)
            loaded[k] = value.to(device)
        model.load_state_dict(loaded)
        for n in names:
            if answers[n][2].get("privacy") is not None:
                self.privacy[n] = answers[n][2]["privacy"]
        c.log.seconds.append(time.perf_counter() - t0)
        if self.private:  # the sites sent no loss; fit records none for private runs
            return 0.0
        counts = [answers[n][1] for n in names]
        return float(np.average([answers[n][2]["loss"] for n in names], weights=counts))

    def _secure(self, model, state, arrays, lr: float, round_index: int, t0: float) -> float:
        """One round through SecAgg+: only the rows-weighted mean of the weights comes back."""
        import torch

        c = self.c
        new = c.secure(round_index, arrays, {"lr": lr, "round": round_index})
        device = next(model.parameters()).device
        model.load_state_dict({k: torch.from_numpy(np.array(a)).to(state[k].dtype).to(device)
                               for k, a in zip(self.keys, new)})
        c.log.bytes_sent.append(sum(a.nbytes for a in arrays) * len(c.sites))
        c.log.bytes_received.append(0)  # masked vectors travel inside Flower's workflow, not counted here
        c.log.seconds.append(time.perf_counter() - t0)
        return 0.0

    def privacy_summary(self) -> dict[str, Any] | None:
        """As :meth:`mednn.privacy.federated.FederatedSites.privacy_summary`: each site's ε, the largest."""
        if not self.privacy:
            return None
        sites = [dict(p, site=n) for n, p in sorted(self.privacy.items())]
        epsilons = [p["epsilon"] for p in sites]
        first = sites[0]
        return {
            "mechanism": f"{first['mechanism']} at each site (federated, Flower)",
            "epsilon": None if any(e is None for e in epsilons) else max(epsilons),
            "delta": first["delta"], "noise_multiplier": first["noise_multiplier"],
            "max_grad_norm": first["max_grad_norm"], "sampling_rate": max(p["sampling_rate"] for p in sites),
            "steps": max(p["steps"] for p in sites), "accountant": first["accountant"],
            "noise_seed": first["noise_seed"],
            "scope": "per record, at its own site: each site ran DP-SGD on its rows only; epsilon is the "
                     "largest site's",
            "sites": [{k: p[k] for k in ("site", "epsilon", "sampling_rate", "steps", "noise_multiplier")}
                      for p in sites],
        }


def _server(coordinator: Coordinator):
    """A Flower ``Server`` whose ``fit`` is the coordinator's run (errors kept for the caller)."""
    from flwr.server import History, Server, SimpleClientManager

    class MednnServer(Server):
        def fit(self, num_rounds, timeout):
            t0 = time.perf_counter()
            try:
                coordinator.train(self.client_manager())
            except BaseException as exc:  # noqa: BLE001 - re-raised by serve() after the sites are released
                coordinator.error = exc
            return History(), time.perf_counter() - t0

    return MednnServer(client_manager=SimpleClientManager())


# --- the coordinator's holdout and the run directory ----------------------------------------

@dataclass
class Holdout:
    """The coordinator's file: validation and test rows (no training rows)."""

    dataset: Any
    val: Any
    test: Any
    index: dict[str, np.ndarray]


def read_holdout(cfg, path: str | Path | None = None) -> Holdout:
    """Read the coordinator's file and divide it into validation and test rows.

    With a split column (``data.split_column``) its ``val`` and ``test`` rows are used (``train``
    rows are refused: training rows stay at the sites). Otherwise the rows are divided in the
    ratio ``split.val_fraction : split.test_fraction``, stratified by class, seeded by ``seed``.
    """
    from ..data.readers import read_dataset

    data_cfg = cfg.data if path is None else cfg.data.model_copy(update={"path": str(path)})
    dataset = read_dataset(data_cfg)
    if dataset.task.kind not in ("binary", "multiclass"):
        raise ConfigError(problem(f"Federated training on Flower supports binary and multiclass labels; the data "
                                  f"is {dataset.task.kind}", fix="train in-process with privacy.federated"))
    n = len(dataset)
    if dataset.split is not None:
        split = np.asarray(dataset.split).astype(str)
        if (split == "train").any():
            raise DataError(problem(f"{dataset.source or data_cfg.path}: the coordinator's file has "
                                    f"{int((split == 'train').sum())} rows marked train",
                                    fix="keep training rows at the sites; mark the coordinator's rows val or test"))
        index = {s: np.flatnonzero(split == s) for s in ("val", "test")}
    else:
        from sklearn.model_selection import train_test_split

        share = cfg.split.test_fraction / (cfg.split.val_fraction + cfg.split.test_fraction)
        rows = np.arange(n)
        try:
            val, test = train_test_split(rows, test_size=share, random_state=cfg.seed, stratify=dataset.targets)
        except ValueError:  # a class too small to stratify
            val, test = train_test_split(rows, test_size=share, random_state=cfg.seed)
        index = {"val": np.sort(val), "test": np.sort(test)}
    for s in ("val", "test"):
        if len(index[s]) == 0:
            raise DataError(f"The coordinator's {s} rows are empty; fix: give the coordinator's file more rows")
    index["train"] = np.zeros(0, dtype=np.int64)
    return Holdout(dataset, dataset.subset(index["val"]), dataset.subset(index["test"]), index)


def serve(cfg, *, sites: int, address: str, out: str | Path | None, holdout_path: str | Path | None = None,
          strategy: str = "fedavg", mu: float = 0.01, min_sites: int | None = None,
          round_timeout: float | None = None, wait_timeout: float = 120.0,
          certificates: tuple[Path, Path, Path] | None = None, overwrite: bool = False, console=None) -> Path:
    """Coordinate a federated run: wait for ``sites``, train, and write the run directory ``out``."""
    _require_flower()
    from flwr.server import ServerConfig, start_server

    from ..pipeline import check_before_reading
    from ..runs import check_run_target

    t0 = time.perf_counter()
    out = check_run_target(out, overwrite=overwrite, name=cfg.name)
    check_before_reading(cfg)
    holdout = read_holdout(cfg, holdout_path)
    coordinator = Coordinator(cfg, n_sites=sites, holdout=holdout, strategy=strategy, mu=mu, min_sites=min_sites,
                              round_timeout=round_timeout, wait_timeout=wait_timeout, console=console)
    certs = tuple(Path(p).read_bytes() for p in certificates) if certificates else None
    start_server(server_address=address, server=_server(coordinator),
                 config=ServerConfig(num_rounds=1, round_timeout=round_timeout), certificates=certs)
    if coordinator.error is not None:
        raise coordinator.error
    write_run(cfg, out, coordinator, overwrite=overwrite, t0=t0)
    return out


def write_run(cfg, out: Path, coordinator: Coordinator, *, overwrite: bool, t0: float) -> None:
    """Calibrate, threshold, evaluate and write the run through :func:`mednn.pipeline.finish`,
    as ``mednn train`` does, on the coordinator's rows (its training rows are at the sites)."""
    from ..pipeline import Splits, Trained, finish, prepare_splits, training_findings

    o, holdout = coordinator.outcome, coordinator.holdout
    dataset = holdout.dataset
    splits = Splits(dataset.subset(holdout.index["train"]), holdout.val, holdout.test)
    prepared = prepare_splits(cfg, dataset, splits, featurizer=o["featurizer"], features=o["features"],
                              model=o["name"], device=o["device"], split_index=holdout.index, out=out,
                              overwrite=overwrite, t0=t0)
    summary = coordinator.summary(o["result"])
    finish(Trained(prepared, o["model"], [o["result"]], threads=o["threads"], federated=summary,
                   n_train=sum(s["n_train"] for s in summary["sites"]), findings=training_findings(cfg, [o["result"]])))


# --- in one process (tests, benchmarks): the same phases without a network ----------------

def in_process_sites(site_files: dict[str, str | Path], cfg):
    """Flower ``ClientProxy`` objects that call each site's client directly (no gRPC)."""
    from flwr.server.client_proxy import ClientProxy

    class InProcessSite(ClientProxy):
        def __init__(self, cid: str, client):
            super().__init__(cid)
            self.client = client

        def fit(self, ins, timeout, group_id):
            return self.client.fit(ins)

        def get_properties(self, ins, timeout, group_id):
            return self.client.get_properties(ins)

        def get_parameters(self, ins, timeout, group_id):
            return self.client.get_parameters(ins)

        def evaluate(self, ins, timeout, group_id):
            return self.client.evaluate(ins)

        def reconnect(self, ins, timeout, group_id):
            raise NotImplementedError("in-process sites do not reconnect")

    return [InProcessSite(f"in-process-{name}", _client(SiteTrainer(cfg, path, name)))
            for name, path in site_files.items()]


def train_in_process(cfg, site_files: dict[str, str | Path], out: str | Path, *, holdout_path=None,
                     strategy: str = "fedavg", mu: float = 0.01, min_sites: int | None = None,
                     overwrite: bool = False, proxies=None) -> Path:
    """The whole Flower run with every site in this process; writes the run directory ``out``."""
    _require_flower()
    from flwr.server import SimpleClientManager

    from ..runs import check_run_target

    t0 = time.perf_counter()
    out = check_run_target(out, overwrite=overwrite, name=cfg.name)
    coordinator = Coordinator(cfg, n_sites=len(site_files), holdout=read_holdout(cfg, holdout_path),
                              strategy=strategy, mu=mu, min_sites=min_sites, wait_timeout=1)
    coordinator.processes = False
    manager = SimpleClientManager()
    for proxy in proxies if proxies is not None else in_process_sites(site_files, cfg):
        manager.register(proxy)
    coordinator.train(manager)
    write_run(cfg, out, coordinator, overwrite=overwrite, t0=t0)
    return out

"""The coordinator: it drives the sites over a Flower ``Grid``, runs the rounds and holds the
global model.

One round loop for every engine: :class:`Rounds` is the step strategy of
:func:`mednn.training.loop.fit` (one epoch = one round; validation, model selection, schedules
and weight averaging stay the loop's). Each round it sends the global weights to every live
site in one ``train`` Message, reads the replies, checks and bounds them
(:mod:`mednn.federation.aggregation`), names and drops the sites whose update is not
acceptable, and loads the aggregate into the model. A round goes on while at least
``min_sites`` sites are left; otherwise it stops with one line naming the dropped sites and
nothing is written.

>>> c = Coordinator(cfg, grid, n_sites=3)          # doctest: +SKIP
>>> c.connect(task); c.setup(payload)              # doctest: +SKIP
>>> fit(model, ..., strategy=c.rounds(keys))       # doctest: +SKIP
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import ConfigError, DataError, problem
from ..training.callbacks import StepStrategy
from . import aggregation, messages

_ERRORS = {"DataError": DataError, "ConfigError": ConfigError}


@dataclass
class RoundLog:
    """What the coordinator records of the rounds (no data): failures, drops, bytes, time."""

    failures: list[dict[str, Any]] = field(default_factory=list)
    bytes_sent: list[int] = field(default_factory=list)
    bytes_received: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    rows_bounded: dict[str, str] = field(default_factory=dict)
    messages: int = 0  # requests to every site (hello, statistics, setup, rounds)


class Coordinator:
    """Messages to and from the sites of one run; their names, counts and failures.

    ``grid``: a Flower Grid (the Deployment Engine's, or
    :class:`~mednn.federation.engines.inprocess.InProcessGrid`). ``declared_rows``: the rows
    each site was registered with (its FedAvg weight is capped there). ``say``: a function
    that prints one line of progress (None: silent).
    """

    def __init__(self, cfg, grid, *, n_sites: int, min_sites: int | None = None, round_timeout: float | None = None,
                 wait: float = 120.0, declared_rows: dict[str, int] | None = None, say=None, poll: float = 0.05):
        if n_sites < 1:
            raise ConfigError("--sites must be at least 1")
        self.min_sites = n_sites if min_sites is None else min_sites
        if not 1 <= self.min_sites <= n_sites:
            raise ConfigError(problem("--min-sites must be between 1 and --sites", got=self.min_sites))
        if cfg.privacy.federated.aggregation == "fedprox" and cfg.privacy.dp:
            raise ConfigError("FedProx's proximal term is not part of DP-SGD's per-sample gradients; fix: use "
                              "privacy.federated.aggregation: fedavg with privacy.dp")
        from .flower_logs import quiet_console

        quiet_console()  # Flower's console lines (aggregation counts, deprecations) are not the user's
        self.cfg, self.grid, self.n_sites = cfg, grid, n_sites
        self.round_timeout, self.wait, self.poll = round_timeout, wait, poll
        self.declared_rows, self.say = declared_rows, say
        self.sites: list[tuple[int, str]] = []  # (node id, site name), sorted by name
        self.site_info: dict[str, dict[str, Any]] = {}
        self.log = RoundLog()

    def _say(self, text: str) -> None:
        if self.say is not None:
            self.say(text)

    # -- messaging
    def exchange(self, phase: str, payload: dict[str, Any], *, arrays=None, per_site=None, sites=None,
                 tolerate: bool = False) -> tuple[dict[str, messages.Answer], list[tuple[str, str]]]:
        """Send one phase to the sites (``per_site``: each site's additions to ``payload``) and
        wait for their replies; returns ({name: Answer}, [(name, why) failed])."""
        sites = self.sites if sites is None else sites
        out = []
        for node, name in sites:
            body = payload if per_site is None else {**payload, **per_site[name]}
            out.append(messages.new_message(messages.request(phase, body, arrays), node, phase))
        ids = dict(zip(self.grid.push_messages(out), sites))
        self.log.messages += 1
        replies = self._pull(ids)
        answers, failed = {}, []
        for message_id, (node, name) in ids.items():
            got = (messages.read_reply(replies[message_id]) if message_id in replies
                   else "lost the connection or timed out")
            if isinstance(got, str):
                failed.append((name, got))
            else:
                answers[name] = got
        failed += [(name, "lost the connection") for node, name in sites if (node, name) not in ids.values()]
        if phase == "train" and arrays:
            self.log.bytes_sent.append(sum(a.nbytes for a in arrays.values()) * len(sites))
            self.log.bytes_received.append(sum(a.nbytes for x in answers.values() for a in x.arrays.values()))
        if failed and not tolerate:
            name, why = failed[0]
            raise _ERRORS.get(why.split(":", 1)[0], ConfigError)(
                f"Federated site {name!r} failed in the {phase} phase: {why}; nothing was written")
        return answers, failed

    def _pull(self, ids: dict[str, Any]) -> dict[str, Any]:
        deadline = None if self.round_timeout is None else time.monotonic() + self.round_timeout
        replies: dict[str, Any] = {}
        while True:
            for reply in self.grid.pull_messages([m for m in ids if m not in replies]):
                replies[str(reply.metadata.reply_to_message_id)] = reply
            if len(replies) == len(ids) or (deadline is not None and time.monotonic() > deadline):
                return replies
            time.sleep(self.poll)

    # -- phases
    def connect(self, task: dict[str, Any]) -> None:
        """Wait for the sites, say hello (the task's class names) and learn their names and counts."""
        self._say(f"waiting for {self.n_sites} sites ...")
        deadline = time.monotonic() + self.wait
        nodes = sorted(self.grid.get_node_ids())
        while len(nodes) < self.n_sites and time.monotonic() < deadline:
            time.sleep(0.5)
            nodes = sorted(self.grid.get_node_ids())
        if len(nodes) < self.n_sites:
            raise ConfigError(problem(f"Only {len(nodes)} of {self.n_sites} federated sites connected within "
                                      f"{self.wait:g} s", fix="start every site (`mednn federated supernode`), "
                                                              "or lower --sites"))
        first = [(node, f"(node {node})") for node in nodes[: self.n_sites]]
        answers, _ = self.exchange("hello", {"task": task}, sites=first)
        names = {node: answers[label].answer["site"] for node, label in first}
        if len(set(names.values())) < len(names):
            raise ConfigError("Two federated sites gave the same name; fix: start each site with its own --name")
        unknown = sorted(n for n in names.values() if self.declared_rows is not None and n not in self.declared_rows)
        if unknown:
            raise ConfigError(problem(f"Federated site(s) {', '.join(map(repr, unknown))} are not in the sites file",
                                      fix="add them with the rows they declared, or start only registered sites"))
        self.sites = sorted(names.items(), key=lambda s: s[1])
        self.site_info = {names[node]: {"n_train": int(answers[label].rows),
                                        "class_counts": answers[label].answer["class_counts"]}
                          for node, label in first}
        self._say("sites: " + ", ".join(f"{n} ({self.site_info[n]['n_train']} rows)" for _, n in self.sites))

    def ask_statistics(self, query: dict[str, Any] | None) -> list[dict[str, Any]]:
        """Every site's ``featurizer.summary(rows, query)``, in the sites' name order."""
        answers, _ = self.exchange("statistics", {"query": query})
        return [answers[name].answer["summary"] for _, name in self.sites]

    def setup(self, payload: dict[str, Any]) -> None:
        """Hand every site the global featurizer state, the model spec and its index."""
        self.exchange("setup", payload, per_site={name: {"index": i} for i, (_, name) in enumerate(self.sites)})

    def pooled_class_counts(self, class_names) -> dict[str, int]:
        return {c: sum(int(self.site_info[n]["class_counts"].get(c, 0)) for _, n in self.sites) for c in class_names}

    def rounds(self, keys: list[str]) -> "Rounds":
        return Rounds(self, keys)

    def drop(self, names: dict[str, str], round_index: int, kind: str) -> None:
        """Name and drop sites for the rest of the run; stop when fewer than min_sites remain."""
        for name, why in names.items():
            self.log.failures.append({"site": name, "round": round_index, "error": why, "kind": kind})
            self._say(f"round {round_index}: site {name} {'dropped' if kind == 'dropped' else 'failed'} ({why}); "
                      "it takes no further part")
        self.sites = [(node, n) for node, n in self.sites if n not in names]
        if len(self.sites) < self.min_sites:
            listed = "; ".join(f"{n}: {why}" for n, why in names.items())
            raise ConfigError(problem(f"Round {round_index}: {len(self.sites)} federated site(s) left, fewer than "
                                      f"--min-sites {self.min_sites} (out: {listed}); nothing was written",
                                      fix="restart the run without those sites, or lower --min-sites to let rounds "
                                          "go on without them"))

    def summary(self, result, rounds: "Rounds | None") -> dict[str, Any]:
        """The ``metrics.json`` ``federated`` entry: sites, rounds, drops, bytes; no data."""
        fed = self.cfg.privacy.federated
        sent, received = self.log.bytes_sent, self.log.bytes_received
        return {
            "aggregation": describe(fed, central=rounds is not None and rounds.central is not None),
            "strategy": fed.aggregation,
            "proximal_mu": fed.mu if fed.aggregation == "fedprox" else None,
            "weighting": fed.weighting,
            "sites": [{"site": n, "n_train": info["n_train"], "class_counts": info["class_counts"]}
                      for n, info in sorted(self.site_info.items())],  # every site that took part
            "local_epochs": fed.local_epochs,
            "rounds_run": len(rounds.done) if rounds is not None else 0,
            "best_round": result.best_epoch if result is not None else None,
            "min_sites": self.min_sites,
            "failures": list(self.log.failures),
            "rows_bounded": dict(self.log.rows_bounded),
            "bounds": {"max_update_norm": fed.max_update_norm, "max_update_ratio": fed.max_update_ratio,
                       "max_rows_ratio": fed.max_rows_ratio,
                       "declared_rows": self.declared_rows is not None},
            "bytes_per_round": {"sent": int(np.mean(sent)) if sent else 0,
                                "received": int(np.mean(received)) if received else 0},
            "seconds_per_round": round(float(np.mean(self.log.seconds)), 4) if self.log.seconds else None,
            "messages_per_site": self.log.messages,
            "central_dp": rounds.central.summary() if rounds is not None and rounds.central is not None else None,
        }


def describe(fed, *, central: bool = False) -> str:
    """One sentence: how the sites' updates were combined."""
    weighting = ("each site's update clipped and counted once, Gaussian noise added (central DP)" if central else
                 "every site counted once" if fed.weighting == "equal" else "weighted by each site's training rows")
    return {"fedavg": f"FedAvg (weights averaged, {weighting})",
            "fedprox": f"FedProx (FedAvg aggregation, proximal term mu={fed.mu:g} in each site's loss; {weighting})",
            "trimmed_mean": f"coordinate-wise trimmed mean (Flower's FedTrimmedAvg, {fed.trim_fraction:g} cut from "
                            "each tail)",
            "median": "coordinate-wise median (Flower's FedMedian)",
            "krum": f"Krum (Flower's Krum: the update closest to its nearest others, {fed.krum_malicious} malicious "
                    "site(s) assumed)"}[fed.aggregation]


class Rounds(StepStrategy):
    """``fit``'s step strategy: one round over the live sites per epoch (see the module)."""

    name = "federated-rounds"
    resumable = False

    def __init__(self, coordinator: Coordinator, keys: list[str]):
        from .central_dp import CentralDP

        self.c, self.keys = coordinator, keys
        fed = coordinator.cfg.privacy.federated
        self.fed, self.bounds = fed, aggregation.Bounds.from_config(fed)
        # no training loss under DP (a statistic of private rows) nor under SecAgg+ (not sent)
        self.secure = None  # SecAgg+ rounds (engines.deployment), called with (round, arrays, payload)
        self.private = bool(coordinator.cfg.privacy.dp)  # (and under SecAgg+: set with ``secure``)
        self.central = CentralDP.from_config(coordinator.cfg)
        self.privacy: dict[str, Any] = {}
        self.done: list[int] = []

    def run_epoch(self, state) -> float:
        loss = self.run_round(state.model, state.optimizer.lr, state.epoch)
        state.step_end()
        return loss

    def run_round(self, model, lr: float, round_index: int) -> float:
        import torch

        c, t0 = self.c, time.perf_counter()
        current = model.state_dict()
        arrays = {k: current[k].detach().cpu().contiguous().numpy() for k in self.keys}
        if self.secure is not None:
            return self._secure_round(model, current, arrays, lr, round_index, t0)
        answers, failed = c.exchange("train", {"lr": lr, "round": round_index}, arrays=arrays, tolerate=True)
        bad = dict(failed)
        kept, dropped = aggregation.check_updates(arrays, {n: a.arrays for n, a in answers.items()}, self.bounds)
        for name in kept:
            if answers[name].rows != c.site_info[name]["n_train"]:
                dropped[name] = (f"claimed {answers[name].rows} rows in the round, {c.site_info[name]['n_train']} "
                                 "at hello")
        if bad:
            c.drop(bad, round_index, "failed")
        if dropped:
            c.drop(dropped, round_index, "dropped")
        names = [n for n in kept if n not in dropped]
        new = self._combine(arrays, answers, names, round_index)
        device = next(model.parameters()).device
        model.load_state_dict({k: torch.from_numpy(np.array(new[k])).to(current[k].dtype).to(device)
                               for k in self.keys})
        for n in names:
            if answers[n].answer.get("privacy") is not None:
                self.privacy[n] = answers[n].answer["privacy"]
        c.log.seconds.append(time.perf_counter() - t0)
        self.done.append(round_index)
        c._say(f"round {round_index}: {len(names)} sites, {time.perf_counter() - t0:.2f}s")
        losses = [answers[n].answer.get("loss") for n in names]
        if self.private or any(v is None for v in losses):  # the sites sent no loss
            return float("nan") if not self.private else 0.0
        return float(np.average(losses, weights=[answers[n].rows for n in names]))

    def _secure_round(self, model, current, arrays, lr: float, round_index: int, t0: float) -> float:
        """One round through SecAgg+: only the rows-weighted mean of the weights comes back."""
        import torch

        c = self.c
        new = self.secure(round_index, [arrays[k] for k in self.keys], {"lr": lr, "round": round_index})
        device = next(model.parameters()).device
        model.load_state_dict({k: torch.from_numpy(np.array(a)).to(current[k].dtype).to(device)
                               for k, a in zip(self.keys, new)})
        c.log.bytes_sent.append(sum(a.nbytes for a in arrays.values()) * len(c.sites))
        c.log.bytes_received.append(0)  # masked vectors travel inside Flower's workflow, not counted here
        c.log.seconds.append(time.perf_counter() - t0)
        self.done.append(round_index)
        c._say(f"round {round_index}: {len(c.sites)} sites (SecAgg+), {time.perf_counter() - t0:.2f}s")
        return 0.0

    def _weights(self, names: list[str]) -> list[float]:
        if self.fed.weighting == "equal":
            return [1.0] * len(names)
        claimed = {n: self.c.site_info[n]["n_train"] for n in names}
        rows, notes = aggregation.bounded_rows(claimed, self.c.declared_rows, self.bounds.max_rows_ratio)
        self.c.log.rows_bounded.update(notes)
        return [float(rows[n]) for n in names]

    def _combine(self, arrays, answers, names: list[str], round_index: int) -> dict[str, np.ndarray]:
        updates = [answers[n].arrays for n in names]
        if self.central is not None:
            floating = [k for k in self.keys if np.issubdtype(arrays[k].dtype, np.floating)]
            mean = self.central.aggregate_arrays(round_index, [arrays[k] for k in floating],
                                                 [[u[k] for k in floating] for u in updates])
            out = {k: np.array(updates[0][k]) for k in self.keys}
            out.update(dict(zip(floating, mean)))
            return out
        return aggregation.aggregate(self.fed.aggregation, arrays, updates, self._weights(names),
                                     trim_fraction=self.fed.trim_fraction, krum_malicious=self.fed.krum_malicious)

    def privacy_summary(self) -> dict[str, Any] | None:
        """Under DP the ``metrics.json`` ``privacy`` entry: each site's ε; the run's is the largest
        (a record lives at one site)."""
        if not self.privacy:
            return None
        sites = [dict(p, site=n) for n, p in sorted(self.privacy.items())]
        epsilons = [p["epsilon"] for p in sites]
        first = sites[0]
        return {
            "mechanism": f"{first['mechanism']} at each site (federated)",
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

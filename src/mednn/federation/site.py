"""A federated site: its rows, its local training, its update; the ClientApp that serves it.

A :class:`Site` answers the coordinator's phases (:mod:`mednn.federation.messages`):

- ``hello``: its name, row count and rows per class (it reads its own file here, with the
  coordinator's class names);
- ``statistics``: its featurizer's aggregates for a query (``featurizer.summary``; nothing
  row-level, :mod:`mednn.federation.statistics`);
- ``setup``: the global featurizer state, the model spec and its index; it featurizes its rows
  once and keeps them, and builds its :class:`LocalTrainer`;
- ``train``: global weights in, ``privacy.federated.local_epochs`` passes over its rows, its
  weights out (with its row count and, without DP, its mean loss);
- ``privacy``: its DP-SGD summary (asked once after the last round under secure aggregation).

In the in-process simulation (``privacy.federated.site_column``) a site is handed its rows
already featurized by the coordinator's pooled fit, and ``setup`` only builds the trainer.

>>> app = client_app(lambda context: Site(cfg, data="north.csv"))      # doctest: +SKIP
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from ..errors import ConfigError, DataError, MednnError, problem


@dataclass
class SiteRows:
    """A site's training rows, featurized: what local training reads."""

    features: Any
    targets: torch.Tensor
    sampler_targets: np.ndarray

    def __post_init__(self) -> None:
        # a copy, never a view of ``targets``: handing the rows to a site's process moves tensor
        # storage into shared memory, and a NumPy view of the old storage would then dangle
        self.sampler_targets = np.array(self.sampler_targets, copy=True)


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


class LocalTrainer:
    """A site's local training: global weights in, locally trained weights out.

    Built inside a fork of torch's generator: constructing the model draws from the global
    generator, which belongs to the coordinator when the site runs in its process.
    """

    def __init__(self, rows: SiteRows, spec: dict[str, Any], train_cfg, local_epochs: int, seed: int,
                 augment_factory=None, privacy_cfg=None, mu: float = 0.0):
        from ..models import build_model, load_model_modules
        from ..training.losses import make_loss

        load_model_modules()
        self.rows, self.train_cfg, self.local_epochs = rows, train_cfg, local_epochs
        with torch.random.fork_rng(devices=[]):
            self.model = build_model(spec["name"], task=spec["task"], input_shape=spec["input_shape"],
                                     **spec["hparams"])
        self.loss_fn = make_loss(spec["task"], spec.get("class_weights"))
        self.generator = torch.Generator().manual_seed(seed)
        self.augment = augment_factory(seed) if augment_factory is not None else None
        # DP-SGD on this site's rows only, its budget counted over all the site's local epochs
        self.dp, self.delta = None, None
        if privacy_cfg is not None and privacy_cfg.dp:
            from ..privacy.dp import make_dpsgd

            local_cfg = train_cfg.model_copy(update={"epochs": train_cfg.epochs * local_epochs})
            self.dp = make_dpsgd(self.model, spec["task"], train_cfg=local_cfg, privacy_cfg=privacy_cfg,
                                 n_train=len(rows.targets), generator=self.generator,
                                 train_targets=rows.sampler_targets, class_weights=spec.get("class_weights"))
            self.delta = privacy_cfg.delta
        self.proximal = _Proximal(self.loss_fn, self.model, mu) if mu else None
        if self.proximal is not None:
            self.loss_fn = self.proximal

    def train(self, state: dict[str, torch.Tensor], lr: float) -> tuple[dict[str, torch.Tensor], int, float, Any]:
        """Local epochs from ``state``: (weights, rows, mean loss, DP summary or None)."""
        from ..training.loop import cpu_memory_format, epoch_batches, train_epoch
        from ..training.optim import make_optimizer

        cpu = torch.device("cpu")
        self.model.load_state_dict(state)
        if self.proximal is not None:
            self.proximal.anchor = {n: state[n].detach().clone() for n, _ in self.model.named_parameters()}
        memory_format = cpu_memory_format(self.model, cpu) if self.dp is None else None
        if memory_format is not None:
            self.model.to(memory_format=memory_format)
        optimizer = make_optimizer(self.model, self.train_cfg)
        optimizer.lr = lr
        self.model.train()
        n = len(self.rows.targets)
        loss = float("nan")
        # dropout draws from torch's global generator: seed it from the site's own stream, inside
        # a fork so that in-process sites leave the coordinator's generator alone
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(int(torch.randint(0, 2**62, (1,), generator=self.generator)))
            for _ in range(self.local_epochs):
                if self.dp is not None:
                    batches = self.dp.batches()  # Poisson sampling, as the accounting assumes
                else:
                    batches = epoch_batches(self.train_cfg, self.rows.sampler_targets, n, self.generator)
                loss = train_epoch(self.model, self.rows.features, self.rows.targets, batches, loss_fn=self.loss_fn,
                                   optimizer=optimizer, device=cpu, augment=self.augment,
                                   step=self.dp.step if self.dp is not None else None)
        self.model.to(memory_format=torch.contiguous_format)
        privacy = self.dp.summary(self.delta) if self.dp is not None else None
        return {k: v.detach().clone() for k, v in self.model.state_dict().items()}, n, loss, privacy


class Site:
    """A site's side of every phase; :meth:`handle` answers one request.

    ``data``: the site's own file (read at ``hello``), or ``rows`` already featurized (the
    in-process simulation). The site keeps its dataset, featurized rows and trainer between
    messages, so a long-lived process featurizes once per run.
    """

    def __init__(self, cfg, data: str | Path | None = None, name: str | None = None, *,
                 rows: SiteRows | None = None, class_counts: dict[str, int] | None = None, augment_factory=None,
                 resolved: bool = False):
        from ..recipes import apply_auto_recipe

        self.cfg = cfg if resolved else apply_auto_recipe(cfg)  # every party builds the same network
        self.path = Path(data) if data is not None else None
        self.name = name or (self.path.stem if self.path is not None else "site")
        self.rows, self._class_counts, self._augment_factory = rows, class_counts, augment_factory
        self.dataset = self.featurizer = self.trainer = None
        self.keys: list[str] = []

    def handle(self, phase: str, payload: dict[str, Any], arrays: dict[str, np.ndarray]):
        """(answer, rows, arrays) for one request of the coordinator."""
        if phase == "hello":
            return self._hello(payload.get("task"))
        if self.dataset is None and self.rows is None:
            raise ConfigError("The site has no state from the run's earlier messages (a SuperNode in Flower's "
                              "subprocess isolation starts a fresh ClientApp for every message); fix: start the site "
                              "with `mednn federated supernode`, whose ClientApp lives for the run")
        if phase == "statistics":
            return {"summary": _jsonable(self.featurizer.summary(self.dataset, payload.get("query")))}, self.n, {}
        if phase == "setup":
            self._setup(payload)
            return {"ready": True}, self.n, {}
        if self.trainer is None:
            raise ConfigError("The site was not set up before training; fix: use the same mednn version at the "
                              "coordinator and every site, and start sites with `mednn federated supernode`")
        if phase == "train":
            return self._train(payload, arrays)
        if phase == "privacy":  # secure aggregation hides the rounds' answers: the site's ε is asked at the end
            return {"privacy": self.trainer.dp.summary(self.trainer.delta) if self.trainer.dp else None}, self.n, {}
        raise ConfigError(f"Unknown phase {phase!r} from the coordinator; fix: use the same mednn version everywhere")

    @property
    def n(self) -> int:
        return len(self.rows.targets) if self.rows is not None else len(self.dataset)

    def _hello(self, task: dict[str, Any] | None):
        if self.rows is None:
            from ..pipeline import make_featurizer

            self.dataset = read_site(self.cfg, self.path, task)
            self.featurizer = make_featurizer(self.cfg, self.dataset)
            counts = self.dataset.class_counts()
        else:
            counts = dict(self._class_counts or {})
        return {"site": self.name, "class_counts": counts}, self.n, {}

    def _setup(self, payload: dict[str, Any]) -> None:
        from ..data.base import Task
        from ..training.losses import targets_for_loss
        from ..training.seeding import set_threads

        task = Task.from_dict(payload["task"])
        if self.rows is None:
            self.featurizer.load_state_dict(payload["featurizer_state"])
            y = targets_for_loss(task, self.dataset.targets)
            self.rows = SiteRows(self.featurizer.transform(self.dataset), y, y.numpy())
        weights = payload.get("class_weights")
        spec = {"name": payload["model"], "hparams": self.cfg.model.hparams, "task": task,
                "input_shape": tuple(payload["input_shape"]),
                "class_weights": np.asarray(weights) if weights is not None else None}
        factory = self._augment_factory
        if factory is None and self.cfg.train.augment and self.featurizer is not None:
            factory = functools.partial(self.featurizer.make_augment, self.cfg.train.augment,
                                        class_counts=payload.get("class_counts"))
        privacy = self.cfg.privacy if self.cfg.privacy.dp else None
        self.trainer = LocalTrainer(self.rows, spec, self.cfg.train, self.cfg.privacy.federated.local_epochs,
                                    self.cfg.seed + int(payload["index"]) + 1, factory, privacy,
                                    mu=float(payload.get("proximal_mu") or 0.0))
        if payload.get("set_threads", True):
            # train.threads at the site as in mednn train (torch's default spin-waits on a busy machine)
            set_threads(self.cfg.train.threads, sum(p.numel() for p in self.trainer.model.parameters()))
        self.keys = list(payload["keys"])

    def _train(self, payload: dict[str, Any], arrays: dict[str, np.ndarray]):
        missing = [k for k in self.keys if k not in arrays]
        if missing:
            raise ConfigError(f"The coordinator's weights lack {len(missing)} of the model's tensors; fix: use the "
                              "same mednn version and config everywhere")
        state = {k: torch.from_numpy(np.array(arrays[k], copy=True)) for k in self.keys}
        weights, n, loss, privacy = self.trainer.train(state, float(payload["lr"]))
        limit = payload.get("secagg_range")
        if limit is not None and max(float(w.abs().max()) for w in weights.values() if w.is_floating_point()) > limit:
            raise ConfigError(problem(f"A weight of site {self.name!r} exceeds secure aggregation's clipping range "
                                      f"+-{limit:g} (SecAgg+ would clip it silently)",
                                      fix="raise --secagg-clipping-range, or lower train.lr"))
        answer: dict[str, Any] = {"privacy": privacy}
        if privacy is None:  # under DP the training loss is a statistic of private rows: not sent
            answer["loss"] = loss if math.isfinite(loss) else None
        return answer, n, {k: weights[k].cpu().numpy() for k in self.keys}


def read_site(cfg, path: Path | None, task: dict[str, Any] | None):
    """The site's own file, read with the coordinator's class names."""
    from ..data.readers import read_dataset

    if path is None or not path.exists():
        raise DataError(problem(f"The site's data file {str(path)!r} does not exist", fix="pass --data LOCAL_FILE"))
    update: dict[str, Any] = {"path": str(path)}
    if task is not None and task["kind"] in ("binary", "multiclass"):
        update.update(class_names=list(task["class_names"]), positive_class=None)
    from ..privacy.levels import screen_run_data

    data_cfg = cfg.data.model_copy(update=update)
    return screen_run_data(data_cfg, read_dataset(data_cfg))  # its category names are sent to the coordinator


def _jsonable(value: Any) -> Any:
    """NumPy values as JSON numbers and lists (float64 round-trips exactly through JSON)."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return _jsonable(value.tolist())
    if isinstance(value, np.generic):
        return value.item()
    return value


# --- the ClientApp ------------------------------------------------------------------------------

def answer_message(site: Site | None, message, error: Exception | None = None):
    """A site's reply Message to one request (an error reply carries mednn's one-line reason)."""
    from flwr.app import Error, Message

    from . import messages, secure

    try:
        if site is None:
            raise error if error is not None else ConfigError("The site is not set up")
        if secure.is_legacy(message.content):  # a SecAgg+ round: Flower's legacy fit records
            phase, payload, arrays = secure.read_legacy(message.content, site.keys)
            answer, rows, out = site.handle(phase, payload, arrays)
            return Message(secure.legacy_reply(answer, rows, out, site.keys), reply_to=message)
        phase, payload, arrays = messages.read_request(message.content)
        answer, rows, out = site.handle(phase, payload, arrays)
        return Message(messages.reply(answer, rows, out), reply_to=message)
    except MednnError as exc:
        return Message(Error(code=0, reason=f"{type(exc).__name__}: {exc}"), reply_to=message)
    except Exception as exc:  # noqa: BLE001 - reported to the coordinator, which names the site
        return Message(Error(code=0, reason=f"{type(exc).__name__}: {exc}"), reply_to=message)


def client_app(make_site):
    """The sites' Flower ClientApp: ``make_site(context) -> Site`` once per run and node; the
    site lives in this process for the run (a long-lived ClientApp process keeps it)."""
    from flwr.clientapp import ClientApp

    from .secure import secagg_rounds_only

    app = ClientApp(mods=[secagg_rounds_only])  # Flower's SecAgg+ on the rounds that use it
    sites: dict[tuple[int, int], Site | Exception] = {}

    def handle(message, context):
        key = (int(context.run_id), int(context.node_id))
        if key not in sites:
            sites.clear()  # one run at a time: a new run's site starts afresh
            try:
                sites[key] = make_site(context)
            except MednnError as exc:
                sites[key] = exc
        site = sites[key]
        return answer_message(site if isinstance(site, Site) else None, message,
                              site if isinstance(site, Exception) else None)

    app.train()(handle)
    app.query()(handle)
    return app

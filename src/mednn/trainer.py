"""Training a run's network: one model, an ensemble's members one after another, or federated
rounds, with checkpoints to resume from. What :func:`mednn.pipeline.train` calls with the
prepared data (:class:`mednn.pipeline.Prepared`).

This is where the training extras are chosen and built from the config, then handed to the
small loop :func:`mednn.training.loop.fit`: the step strategy (plain mini-batches, DP-SGD from
:mod:`mednn.privacy.dp`, federated rounds handed in by :mod:`mednn.federation`) and the
callbacks (the caller's own, the time budget, progress, checkpoints; ``fit`` adds model
selection, early stopping, the schedule and the weight average). ``training/`` itself knows
none of the strategies.

Under ``torchrun`` (:mod:`mednn.training.distributed`) every rank trains through the same
calls with the data-parallel strategy; only rank 0 keeps checkpoints and reports.

>>> members = train_members(prepared, callbacks=[MyCallback()])  # doctest: +SKIP
>>> members.model, members.results[0].best_epoch  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .config import RunConfig, dump_config
from .errors import ConfigError, DataError, MednnError

if TYPE_CHECKING:
    from .pipeline import Prepared

# why a member's training ended that ends the whole training (no further ensemble member)
ENDS_TRAINING = ("budget", "pruned")


def step_strategy(privacy_cfg=None, augment=None, *, world=None, seed: int = 0):
    """How each epoch trains: DP-SGD when ``privacy.dp`` is on, global batches sharded across
    the ranks under torchrun (``world``), else plain mini-batches.

    >>> fit(model, x, y, val_x, val_y, ..., strategy=step_strategy(cfg.privacy))  # doctest: +SKIP
    """
    if world is not None and world.distributed:
        from .training.distributed import ShardedEpochs

        return ShardedEpochs(world, seed=seed, augment=augment)
    if privacy_cfg is not None and privacy_cfg.dp:
        from .privacy.dp import DPSGDEpochs

        return DPSGDEpochs(privacy_cfg, augment=augment)
    from .training.loop import MiniBatchEpochs

    return MiniBatchEpochs(augment=augment)


def fit_callbacks(train_cfg, *, callbacks: Sequence = (), budget=None, progress=None, save=None, resume=None,
                  world=None) -> list:
    """The callbacks one member's :func:`~mednn.training.loop.fit` gets, in the order they must
    run: the caller's ``callbacks``, the time ``budget``, under torchrun rank 0's stop decision,
    ``progress`` (a :class:`~mednn.training.callbacks.Progress`), then checkpoints (``save(state)``,
    continuing from ``resume``): an epoch is decided, then reported, then saved. ``fit`` puts the
    config's weight average, model selection, early stopping and schedule ahead of them."""
    from .training.callbacks import Checkpointing

    out: list = list(callbacks)
    if budget is not None:
        out.append(budget)
    if world is not None and world.distributed:
        from .training.distributed import RankZeroDecides

        out.append(RankZeroDecides())
    if progress is not None:
        out.append(progress)
    if save is not None or resume is not None:
        out.append(Checkpointing(save=save, resume=resume))
    return out


def check_distributed(cfg: RunConfig, world) -> None:
    """Refuse what data-parallel training or mixed precision cannot combine with, in one line."""
    federated = bool(cfg.privacy.federated.site_column)
    if world is not None and world.distributed:
        if cfg.privacy.dp:
            raise ConfigError(f"privacy.dp cannot train under torchrun ({world.world_size} processes): DP-SGD's "
                              "per-sample clipping and noise are not shared across ranks; fix: train in one process")
        if federated:
            raise ConfigError(f"privacy.federated cannot train under torchrun ({world.world_size} processes); "
                              "fix: train in one process (the sites are its own processes)")
    if cfg.train.precision != "fp32" and (cfg.privacy.dp or federated):
        raise ConfigError(f"train.precision: {cfg.train.precision} is not available for DP-SGD or federated "
                          "training; fix: set train.precision: fp32")


def join_world(cfg: RunConfig, world, device) -> None:
    """Check the config against the torchrun world and start its process group (if any)."""
    from .training.distributed import join

    check_distributed(cfg, world)
    join(world, device, cfg.train.distributed)


@dataclass
class TrainedMembers:
    """What :func:`train_members` returns: the ``model`` (one network, or the
    :class:`~mednn.models.ensemble.Ensemble` of the members), each member's
    :class:`~mednn.training.state.TrainResult`, the torch ``threads`` used, the ``federated``
    summary (federated runs) and the run's ``checkpoints`` (to clear once the run is written)."""

    model: Any
    results: list
    threads: int | None = None
    federated: dict[str, Any] | None = None
    checkpoints: Any = None

    @property
    def stopped_by(self) -> str | None:
        """Why training ended before its last member's last epoch (``budget``, ``pruned``), if so."""
        reasons = [r.stopped_by for r in self.results if r.stopped_by in ENDS_TRAINING]
        return reasons[0] if reasons else None


def train_members(prepared: Prepared, callbacks: Sequence = ()) -> TrainedMembers:
    """Train the prepared run's network, its ensemble members one after another, or its
    federated rounds, with checkpoints; every member's ``fit`` also gets ``callbacks``.

    Under torchrun (``prepared.world``) the process group is joined here and left when
    training ends, and only rank 0 reads or writes checkpoints.
    """
    from .training.distributed import leave

    join_world(prepared.cfg, prepared.world, prepared.device)
    try:
        members = _train_members(prepared, list(callbacks))
    except BaseException:
        leave(prepared.world, finished=False)
        raise
    leave(prepared.world)
    return members


def _augmentation(cfg: RunConfig, featurizer):
    """The featurizer's ``make_augment`` when ``train.augment`` is set (else None)."""
    if not cfg.train.augment:
        return None
    make_augment = getattr(featurizer, "make_augment", None)
    if make_augment is None:
        raise DataError(f"train.augment is set but the {featurizer.name!r} featurizer has no augmentation; "
                        "fix: remove train.augment")
    return make_augment


def _checkpoints(prepared: Prepared):
    """The run's checkpoints (rank 0, when kept) and the saved state to resume from (or None)."""
    from .training.distributed import share

    cfg, world, log = prepared.cfg, prepared.world, prepared.log
    keeps = cfg.train.checkpoint_every and not cfg.privacy.dp and not cfg.privacy.federated.site_column
    ckpt = saved = None
    if keeps and world.is_main and prepared.out is not None:  # only rank 0 touches the run's files
        from .checkpoints import Checkpoints, checkpoint_key

        ckpt = Checkpoints(prepared.out, key=checkpoint_key(dump_config(cfg), prepared.data_fingerprint),
                           every=cfg.train.checkpoint_every,
                           image_id_key=prepared.image_id_key.hex() if prepared.image_id_key else None)
    if prepared.resume:
        if not keeps:
            raise ConfigError("--resume needs checkpoints, which DP-SGD and federated runs and "
                              "train.checkpoint_every: 0 do not write; fix: run without --resume")
        if ckpt is not None:
            try:
                saved = ckpt.load()
            except MednnError as exc:  # every rank fails with rank 0's one-line reason
                saved = exc
        saved = share(world, saved)  # rank 0's checkpoint on every rank
        if isinstance(saved, MednnError):
            raise saved
        log(f"resuming from the checkpoint after epoch {saved.fit_scalars['epoch']}"
            + (f" of ensemble member {saved.member + 1}" if cfg.train.ensemble > 1 else ""))
    elif ckpt is not None and ckpt.exists():
        log("a checkpoint of an interrupted run was found and is replaced; pass --resume to continue it instead")
        ckpt.clear()
    return ckpt, saved


class _Members:
    """One training's members, trained one after another (what :func:`_train_members` loops over)."""

    def __init__(self, prepared: Prepared, callbacks: list):
        from .training.budget import TimeBudget
        from .training.progress import TrainingClock

        cfg = prepared.cfg
        cfg.check_across_sections()  # the config's own rules: it may have been changed since it was read
        self.prepared, self.callbacks, self.n = prepared, callbacks, cfg.train.ensemble
        self.task = prepared.task
        self.clock = TrainingClock()  # the budget and the progress lines count every member
        seconds = cfg.train.budget_seconds
        self.budget = TimeBudget(seconds, self.clock) if seconds is not None else None
        self.make_augment = _augmentation(cfg, prepared.featurizer)
        self.counts = list(prepared.splits.train.class_counts().values()) or None
        from .training.losses import class_weight_vector

        self.weights = class_weight_vector(self.task, prepared.splits.train.targets, cfg.train.class_weights)
        self.ckpt, self.saved = _checkpoints(prepared)
        self.models, self.results, self.threads, self.federated = [], [], None, None
        self.update = None  # the reporter's progress.update, while training

    def progress(self, i: int):
        from .training.callbacks import Progress

        if self.update is None:
            return None
        return Progress(self.update, member=i + 1, members=self.n, clock=self.clock, budget=self.budget)

    def pace(self, i: int) -> list:
        """For the first member, when someone watches: the pace of its first steps measured on
        this machine, said as the whole training's time (a recipe's estimate assumes an idle machine)."""
        from .training.callbacks import StepPace

        if i > 0 or self.update is None:
            return []
        cfg = self.prepared.cfg.train
        return [StepPace(self.prepared.log, epochs=cfg.epochs, members=self.n, budget=cfg.budget_seconds)]

    def out_of_time(self) -> bool:
        """Whether the budget leaves no room for another member's first epoch."""
        from .training.progress import mean_epoch_seconds

        return (self.budget is not None and bool(self.results)
                and not self.budget.allows(mean_epoch_seconds(self.results[-1].history)))

    def train(self, i: int, generator) -> None:
        from .models import build_model, load_model_modules
        from .training.seeding import set_threads

        load_model_modules()  # the registry complete, whoever prepared the run
        p, cfg, saved = self.prepared, self.prepared.cfg, self.saved
        model = build_model(p.model_name, task=self.task, input_shape=p.featurizer.input_shape, **cfg.model.hparams)
        if self.threads is None:
            self.threads = set_threads(cfg.train.threads, sum(q.numel() for q in model.parameters()),
                                       processes=p.world.local_world_size)
        if saved is not None and i < saved.member:  # finished before the interruption
            model.load_state_dict(saved.member_weights(i))
            model.to(p.device)
            result = saved.result(i)
        elif cfg.privacy.federated.site_column:
            callbacks = fit_callbacks(cfg.train, callbacks=self.callbacks, budget=self.budget,
                                      progress=self.progress(i))
            result, self.federated = _fit_federated(
                cfg, p.rounds, model, p.model_name, p.featurizer, p.splits.train, p.scaler, p.features["val"],
                p.targets["val"], generator=generator, device=p.device, class_weights=self.weights,
                counts=self.counts, make_augment=self.make_augment, callbacks=callbacks)
        else:
            result = self._fit(i, model, generator)
        self.models.append(model)
        self.results.append(result)

    def _fit(self, i: int, model, generator):
        from .checkpoints import member_tensors
        from .models.ensemble import member_seed
        from .training.loop import fit

        p, cfg, saved = self.prepared, self.prepared.cfg, self.saved
        seed_i = member_seed(cfg.seed, i)
        augment = self.make_augment(cfg.train.augment, seed_i, class_counts=self.counts) if self.make_augment else None
        save = None
        if self.ckpt is not None:  # finished members' weights are copied once, not every epoch
            save = functools.partial(self.ckpt.save, i, list(self.results), member_tensors(self.models))
        callbacks = fit_callbacks(cfg.train, callbacks=self.callbacks + self.pace(i), budget=self.budget,
                                  progress=self.progress(i), save=save, world=p.world,
                                  resume=saved.fit_state() if saved is not None and i == saved.member else None)
        return fit(model, p.features["train"], p.targets["train"], p.features["val"], p.targets["val"],
                   task=self.task, cfg=cfg.train, generator=generator, device=p.device, class_weights=self.weights,
                   strategy=step_strategy(cfg.privacy, augment, world=p.world, seed=seed_i), callbacks=callbacks)

    def trained(self) -> TrainedMembers:
        from .models.ensemble import Ensemble

        models = self.models
        model = Ensemble(models, self.task.kind).to(self.prepared.device) if len(models) > 1 else models[0]
        return TrainedMembers(model=model, results=self.results, threads=self.threads, federated=self.federated,
                              checkpoints=self.ckpt)


def _check_memory(prepared: Prepared) -> None:
    """Warn before training when the network, its optimiser state and a batch's activations need
    more memory than the device has available now (:mod:`mednn.models.memory`)."""
    import torch

    from .models.memory import training_memory, warn_if_short_of_memory

    cfg, available = prepared.cfg, None
    if prepared.device.type == "cuda":
        try:
            available = torch.cuda.mem_get_info(prepared.device)[0]
        except (RuntimeError, AssertionError):
            return
    elif prepared.device.type != "cpu":
        return  # no figure of free memory for this device
    need = training_memory(prepared.model_name, task=prepared.task, input_shape=tuple(prepared.featurizer.input_shape),
                           hparams=dict(cfg.model.hparams), batch_size=cfg.train.batch_size, members=cfg.train.ensemble,
                           inputs=prepared.features.get("train"))
    warn_if_short_of_memory(need, available)


def _train_members(prepared: Prepared, callbacks: list) -> TrainedMembers:
    from .models.ensemble import member_seed
    from .training.seeding import seed_everything

    _check_memory(prepared)
    members, log, n = _Members(prepared, callbacks), prepared.log, prepared.cfg.train.ensemble
    generator = prepared.generator
    progress = prepared.progress(prepared.cfg.train.epochs * n)
    members.update = progress.update if progress is not None else None
    with progress if progress is not None else contextlib.nullcontext():
        for i in range(n):
            if i > 0 and members.out_of_time():
                log(f"the time budget (train.budget) is spent: the ensemble has {i} of {n} members")
                break
            seed_i = member_seed(prepared.cfg.seed, i)
            if i > 0:  # member 0 is the run's single model, seeded as it always was
                generator = seed_everything(seed_i)
            members.train(i, generator)
            result = members.results[-1]
            log(f"trained {result.epochs_run} epochs in {result.seconds:.1f}s; {_kept(result)}" + (f" (ensemble member {i + 1} of {n}, seed {seed_i})" if n > 1 else "")
                + ("; stopped by the time budget (train.budget)" if result.stopped_by == "budget" else ""))
            if result.stopped_by in ENDS_TRAINING and i + 1 < n:
                if result.stopped_by == "budget":
                    log(f"the time budget (train.budget) is spent: the ensemble has {i + 1} of {n} members")
                break
    return members.trained()


def _kept(result) -> str:
    """Which epoch's weights the model holds: the best by the monitor (model selection), or the
    last one (early stopping off), then with the epoch whose monitored value was lowest/highest."""
    if result.selected:
        return f"best epoch {result.best_epoch} by {result.monitor}"
    scored_best = result.best_monitored_epoch()
    best = (f"; its best {result.monitor} was at epoch {scored_best}"
            if scored_best not in (None, result.best_epoch) else "")
    return (f"kept the last epoch's weights (epoch {result.best_epoch}; train.early_stopping.enabled is false, so "
            f"no epoch is selected){best}")


def _fit_federated(cfg: RunConfig, rounds, model, name: str, featurizer, train_part, scaler, val_x, val_y, *,
                   generator, device, class_weights, counts, make_augment, callbacks) -> tuple[Any, dict[str, Any]]:
    """Train ``model`` by federated rounds over the sites of ``privacy.federated.site_column``;
    ``rounds`` builds the sites (:class:`mednn.federation.SimulatedSites`, handed in through
    :class:`~mednn.pipeline.Prepared`)."""
    from .training.loop import fit

    if rounds is None:
        raise ConfigError("privacy.federated.site_column trains through mednn.federation (mednn train does this); "
                          "fix: call mednn.federation.simulate(cfg, out) instead of mednn.pipeline.run")
    sites = rounds(cfg, model=model, name=name, featurizer=featurizer, train_part=train_part, scaler=scaler,
                   class_weights=class_weights, counts=counts, make_augment=make_augment)
    with sites as strategy:
        result = fit(model, None, None, val_x, val_y, task=train_part.task, cfg=cfg.train, generator=generator,
                     device=device, class_weights=class_weights, strategy=strategy, callbacks=callbacks)
        return result, sites.summary()

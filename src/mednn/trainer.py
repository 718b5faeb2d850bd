"""Training a run's network: one model, an ensemble's members one after another, or federated
rounds, with checkpoints to resume from. What :func:`mednn.pipeline.train` calls between
featurizing and evaluating.

This is where the training extras are chosen and built from the config, then handed to the
small loop :func:`mednn.training.loop.fit`: the step strategy (plain mini-batches, DP-SGD from
:mod:`mednn.privacy.dp`, federated rounds handed in by :mod:`mednn.federation`) and the
callbacks (weight averaging, checkpoints, progress). ``training/`` itself knows none of them.

Under ``torchrun`` (:mod:`mednn.training.distributed`) every rank trains through the same
calls with the data-parallel strategy; only rank 0 keeps checkpoints and reports.

>>> model, results, threads, federated, ckpt = train_members(cfg, dataset, splits, featurizer, features,
...     targets, scaler, name="mlp", out=Path("runs/bc"), generator=generator, device=device, log=print,
...     data_fingerprint=fingerprint)  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path
from typing import Any

from .config import RunConfig, dump_config
from .errors import ConfigError, DataError, MednnError


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


def fit_callbacks(train_cfg, *, progress=None, save=None, resume=None, world=None) -> list:
    """The callbacks a :class:`~mednn.config.TrainConfig` asks for, in the order they must run:
    under torchrun rank 0's stop decision first, the weight average (``train.ema``), progress
    (``progress(row)`` per epoch), then checkpoints (``save(state)``, continuing from
    ``resume``): an epoch is reported before it is saved."""
    from .training.callbacks import Checkpointing, Progress, WeightAveraging

    callbacks: list = []
    if world is not None and world.distributed:
        from .training.distributed import RankZeroDecides

        callbacks.append(RankZeroDecides())
    if train_cfg.ema:
        callbacks.append(WeightAveraging(train_cfg.ema))
    if progress is not None:
        callbacks.append(Progress(progress))
    if save is not None or resume is not None:
        callbacks.append(Checkpointing(save=save, resume=resume))
    return callbacks


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


def train_members(cfg: RunConfig, dataset, splits, featurizer, features, targets, scaler, *, name: str,
                  out: Path, generator, device, log, data_fingerprint: str, progress=None, resume: bool = False,
                  world=None, rounds=None):
    """Train the run's network, its ensemble members one after another, or its federated rounds,
    with checkpoints. Returns (model, per-member results, threads, federated summary, checkpoints).

    ``progress``: a context manager with ``update(history_row)`` (a progress bar) or None;
    ``data_fingerprint`` keys the checkpoint to the data. ``world``: the torchrun ranks
    (:class:`~mednn.training.distributed.World`); the process group is joined here and left
    when training ends, and only rank 0 reads or writes checkpoints. ``rounds``: the federated
    sites' factory for ``privacy.federated.site_column`` (:class:`mednn.federation.SimulatedSites`).
    """
    from .training.distributed import World, leave

    world = world if world is not None else World()
    join_world(cfg, world, device)
    try:
        return _train_members(cfg, dataset, splits, featurizer, features, targets, scaler, name=name, out=out,
                              generator=generator, device=device, log=log, data_fingerprint=data_fingerprint,
                              progress=progress, resume=resume, world=world, rounds=rounds)
    finally:
        leave(world)


def _train_members(cfg: RunConfig, dataset, splits, featurizer, features, targets, scaler, *, name: str,
                   out: Path, generator, device, log, data_fingerprint: str, progress, resume: bool, world,
                   rounds=None):
    from .models import build_model
    from .models.ensemble import Ensemble, member_seed
    from .training.losses import class_weight_vector
    from .training.loop import fit
    from .training.distributed import share
    from .training.seeding import seed_everything, set_threads

    task = dataset.task
    hparams = cfg.model.hparams
    n_members = cfg.train.ensemble
    if n_members > 1 and cfg.privacy.dp:
        raise ConfigError("train.ensemble > 1 cannot be combined with privacy.dp: every member would spend "
                          "the privacy budget again; fix: set train.ensemble: 1")
    federated = cfg.privacy.federated
    if federated.site_column:
        if n_members > 1:
            raise ConfigError("train.ensemble > 1 cannot be combined with privacy.federated; "
                              "fix: set train.ensemble: 1")
    weights = class_weight_vector(task, splits.train.targets, cfg.train.class_weights)
    make_augment = None
    if cfg.train.augment:
        make_augment = getattr(featurizer, "make_augment", None)
        if make_augment is None:
            raise DataError(
                f"train.augment is set but the {featurizer.name!r} featurizer has no augmentation; "
                "fix: remove train.augment"
            )
    counts = list(splits.train.class_counts().values()) or None

    ckpt = None
    keeps_checkpoints = cfg.train.checkpoint_every and not cfg.privacy.dp and not federated.site_column
    if keeps_checkpoints and world.is_main:  # only rank 0 touches the run's files
        from .checkpoints import Checkpoints, checkpoint_key, member_tensors

        ckpt = Checkpoints(out, key=checkpoint_key(dump_config(cfg), data_fingerprint),
                           every=cfg.train.checkpoint_every)
    saved = None
    if resume:
        if not keeps_checkpoints:
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
            + (f" of ensemble member {saved.member + 1}" if n_members > 1 else ""))
    elif ckpt is not None and ckpt.exists():
        log("a checkpoint of an interrupted run was found and is replaced; pass --resume to continue it instead")
        ckpt.clear()

    members, results, threads, federated_summary = [], [], None, None
    update = progress.update if progress is not None else None
    with progress if progress is not None else contextlib.nullcontext():
        for i in range(n_members):
            seed_i = member_seed(cfg.seed, i)
            if i > 0:  # member 0 is the run's single model, seeded as it always was
                generator = seed_everything(seed_i)
            model = build_model(name, task=task, input_shape=featurizer.input_shape, **hparams)
            if threads is None:
                threads = set_threads(cfg.train.threads, sum(p.numel() for p in model.parameters()),
                                      processes=world.local_world_size)
            if saved is not None and i < saved.member:  # finished before the interruption
                model.load_state_dict(saved.member_weights(i))
                model.to(device)
                result = saved.result(i)
            elif federated.site_column:
                result, federated_summary = _fit_federated(
                    cfg, rounds, model, name, featurizer, splits.train, scaler, features["val"], targets["val"],
                    generator=generator, device=device, class_weights=weights, counts=counts,
                    make_augment=make_augment, callbacks=fit_callbacks(cfg.train, progress=update))
            else:
                augment = make_augment(cfg.train.augment, seed_i, class_counts=counts) if make_augment else None
                save = None
                if ckpt is not None:  # finished members' weights are copied once, not every epoch
                    save = functools.partial(ckpt.save, i, list(results), member_tensors(members))
                callbacks = fit_callbacks(
                    cfg.train, progress=update, save=save, world=world,
                    resume=saved.fit_state() if saved is not None and i == saved.member else None)
                result = fit(model, features["train"], targets["train"], features["val"], targets["val"],
                             task=task, cfg=cfg.train, generator=generator, device=device, class_weights=weights,
                             strategy=step_strategy(cfg.privacy, augment, world=world, seed=seed_i),
                             callbacks=callbacks)
            members.append(model)
            results.append(result)
            log(f"trained {result.epochs_run} epochs in {result.seconds:.1f}s; best epoch {result.best_epoch} "
                f"by {result.monitor}" + (f" (ensemble member {i + 1} of {n_members}, seed {seed_i})"
                                          if n_members > 1 else ""))
    model = Ensemble(members, task.kind).to(device) if n_members > 1 else members[0]
    return model, results, threads, federated_summary, ckpt


def _fit_federated(cfg: RunConfig, rounds, model, name: str, featurizer, train_part, scaler, val_x, val_y, *,
                   generator, device, class_weights, counts, make_augment, callbacks) -> tuple[Any, dict[str, Any]]:
    """Train ``model`` by federated rounds over the sites of ``privacy.federated.site_column``;
    ``rounds`` builds the sites (:class:`mednn.federation.SimulatedSites`)."""
    from .training.loop import fit

    if rounds is None:
        raise ConfigError("privacy.federated.site_column trains through mednn.federation (mednn train does this); "
                          "fix: call mednn.federation.simulate(cfg, out) instead of mednn.pipeline.train")
    sites = rounds(cfg, model=model, name=name, featurizer=featurizer, train_part=train_part, scaler=scaler,
                   class_weights=class_weights, counts=counts, make_augment=make_augment)
    with sites as strategy:
        result = fit(model, None, None, val_x, val_y, task=train_part.task, cfg=cfg.train, generator=generator,
                     device=device, class_weights=class_weights, strategy=strategy, callbacks=callbacks)
        return result, sites.summary()

"""Step 1 of a run: the config's data read and split, the featurizer fitted on the training
split, every split featurized, the targets in the loss's space (:class:`Prepared`).

:func:`prepare` is what ``mednn train`` does before training; :func:`prepare_splits` builds the
same from splits a caller already holds (a tuning fold, a federated coordinator's rows).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..config import RunConfig
from ..errors import ConfigError, DataError
from ..findings import Finding
from ..recipes import apply_auto_recipe, apply_data_recipe, model_name


class _Silent:
    """The reporter of a run nobody watches (the library default)."""

    def log(self, text: str) -> None:
        pass

    def progress(self, total: int):
        return None


SILENT = _Silent()


@dataclass
class Splits:
    train: Any
    val: Any
    test: Any

    def items(self):
        return (("train", self.train), ("val", self.val), ("test", self.test))


@dataclass
class Prepared:
    """Everything training needs, and the run it will become.

    ``cfg``: the resolved config (``model: auto``'s recipe applied); ``dataset`` and its
    ``splits`` (``split_index``: row numbers per split); ``featurizer`` fitted on the training
    split, ``features`` and ``targets`` (in the loss's space) per split, ``scaler`` (regression
    targets), ``model_name``; the ``device``, the seeded ``generator`` and the torchrun
    ``world``; where the run goes (``out``, ``overwrite``, ``resume``); the ``reporter``; the
    data's ``findings`` so far; ``t0`` (when the run started); ``rounds``: the federated sites'
    factory of ``privacy.federated.site_column``.
    """

    cfg: RunConfig
    dataset: Any
    splits: Splits
    featurizer: Any
    features: dict[str, Any]
    targets: dict[str, Any]
    model_name: str
    device: Any
    generator: Any = None
    scaler: Any = None
    split_index: dict[str, np.ndarray] = field(default_factory=dict)
    world: Any = None
    out: Path | None = None
    overwrite: bool = False
    resume: bool = False
    reporter: Any = SILENT
    findings: list[Finding] = field(default_factory=list)
    # the federated sites of privacy.federated.site_column: a factory handed in by
    # mednn.federation.simulate (mednn train calls it for such a config), None otherwise
    rounds: Any = None
    data_fingerprint: str = ""
    image_id_key: bytes | None = None  # the key of the DICOM images' ids (None: MEDNN_DEID_SECRET's, or read elsewhere)
    t0: float = field(default_factory=time.perf_counter)
    # seconds each step of the run took (prepare, train, evaluate, explain), in order: the manifest's
    # seconds_per_step, so a run shows where its time went beyond train.budget (which bounds training only)
    steps: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.world is None:
            from ..training.distributed import World

            self.world = World()

    @property
    def task(self):
        return self.dataset.task

    @property
    def modality(self) -> str:
        return self.dataset.modality

    def log(self, text: str) -> None:
        self.reporter.log(text)

    def progress(self, total: int):
        """The reporter's per-epoch progress (a context manager with ``update(report)``), or None."""
        return self.reporter.progress(total) if self.cfg.train.progress else None


def _log_reading(reporter, notes: dict) -> None:
    """What reading changed in the data, one line each: images resized to one shape, and what
    ``privacy.deid`` replaced (counts only)."""
    resized = notes.get("resized")
    if isinstance(resized, dict) and resized.get("count"):
        shape = "x".join(str(s) for s in resized.get("to") or [])
        reporter.log(f"images: {resized['count']:,} resized to {shape}, the most common size (set data.size to choose)")
    report = notes.get("deid")
    if not isinstance(report, dict) or "n_texts" not in report:
        return
    counts = {t: n for t, n in (report.get("counts") or {}).items() if n}
    by_type = ", ".join(f"{t} {n:,}" for t, n in sorted(counts.items(), key=lambda kv: -kv[1])) or "none found"
    reporter.log(f"de-identified: {report.get('n_texts_changed', 0):,} of {report['n_texts']:,} notes changed; "
                 f"spans replaced: {by_type}")


def read_and_split(cfg: RunConfig) -> tuple[Any, Splits, dict[str, np.ndarray]]:
    """Read the data the config names, de-identify text if asked, and split it."""
    from ..data.readers import read_dataset
    from ..data.splits import split_indices

    dataset = read_dataset(cfg.data)
    from ..privacy.levels import screen_run_data

    screen_run_data(cfg.data, dataset)  # categories are stored in the run: no names, dates, phones in free text
    if cfg.privacy.deid:
        from ..privacy.deid_steps import deidentify_for_training

        dataset = deidentify_for_training(cfg.data, dataset)  # notes cleaned; DICOM: only files `mednn deid` cleaned
    else:  # notes with identifiers: a finding, and their marked words kept out of the featurizer's vocabulary
        from ..privacy.notes_screen import screen_run_notes

        screen_run_notes(dataset)
    index = split_indices(
        dataset,
        method=cfg.split.method,
        val_fraction=cfg.split.val_fraction,
        test_fraction=cfg.split.test_fraction,
        seed=cfg.seed,
    )
    splits = Splits(*(dataset.subset(index[name]) for name in ("train", "val", "test")))
    for name, part in splits.items():
        if len(part) == 0:
            raise DataError(
                f"The {name} split of {dataset.source or cfg.data.path} is empty; "
                "fix: use more samples or change split.val_fraction / split.test_fraction"
            )
    return dataset, splits, index


def make_featurizer(cfg: RunConfig, dataset):
    from ..featurizers import FEATURIZERS, build_featurizer, default_featurizer, load_featurizer_modules

    name = cfg.featurize.name
    if name == "auto":
        name = default_featurizer(dataset.modality)
    params = dict(cfg.featurize.options)
    load_featurizer_modules()
    # the data section's keys a featurizer also reads (the table featurizer's missing-value policy)
    for key in getattr(FEATURIZERS.get(name), "data_options", ()):
        if key in cfg.data.options and key not in params:
            params[key] = cfg.data.options[key]
    featurizer = build_featurizer(name, params)
    featurizer.name = name
    return featurizer


def check_before_reading(cfg: RunConfig, *, resume: bool = False) -> None:
    """Refuse what the config alone shows to be wrong, before any data is read: the model and
    its hyperparameters, explanation method and baseline names, and --resume where no
    checkpoint is kept."""
    from ..data.readers import check_format_keys, reader_for
    from ..modalities import modality_names, modality_spec
    from ..models import check_hparams, load_model_modules

    load_model_modules()
    check_format_keys(cfg.data, where=cfg.key_source)  # data.lable, named with its file or --set
    check_hparams(model_name(cfg, reader_for(cfg.data).modality), cfg.model.hparams)
    # explain.methods is one list for every modality: each takes the methods it knows
    known = {method for name in modality_names() for method in modality_spec(name).explain_methods}
    unknown = [m for m in cfg.explain.methods if m not in known]
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], sorted(known), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ConfigError(f"Unknown explanation method {unknown[0]!r} in explain.methods{hint}; "
                          f"valid: {', '.join(sorted(known))}")
    if isinstance(cfg.evaluate.baselines, list):
        from ..evaluation.baselines import BASELINES

        for baseline in cfg.evaluate.baselines:
            try:
                BASELINES.get(baseline)
            except ConfigError as exc:  # the registry's did-you-mean, named by its key
                raise ConfigError(f"evaluate.baselines: {exc}; fix: correct the name, or write auto or none") from None
    if resume and (cfg.privacy.dp or cfg.privacy.federated.site_column or not cfg.train.checkpoint_every):
        raise ConfigError("--resume needs checkpoints, which DP-SGD and federated runs and "
                          "train.checkpoint_every: 0 do not write; fix: run without --resume")


def prepare(cfg: RunConfig, out: str | Path | None = None, *, overwrite: bool = False, resume: bool = False,
            reporter=None, rounds=None) -> Prepared:
    """Check the config and the run's target (``out``, default ``runs/<name>``), seed, read and
    split the data, fit the featurizer on the training split and featurize every split.

    ``reporter`` receives what a person watching should see (``log(text)`` lines and a
    ``progress(total)`` per epoch, e.g. ``mednn.cli.console.ConsoleReporter``); silent by
    default. Under ``torchrun`` every rank prepares; only rank 0 checks ``out`` and reports.

    >>> prepared = prepare(load_config(None, ["data.path=breast-cancer"]), "runs/bc")  # doctest: +SKIP
    >>> prepared.features["train"].shape  # doctest: +SKIP
    torch.Size([398, 30])
    """
    from .. import trainer
    from ..runs import check_run_target, data_fingerprint
    from ..training.distributed import world_from_environment
    from ..training.seeding import choose_device, seed_everything

    t0 = time.perf_counter()
    world = world_from_environment()
    trainer.check_distributed(cfg, world)  # before any data is read
    check_before_reading(cfg, resume=resume)  # a wrong key is named before the run folder is looked at
    if world.is_main:
        # before any training; never replacing a run that holds the data it reads
        out = check_run_target(out, overwrite=overwrite, name=cfg.name, inputs=[cfg.data.path], resume=resume)
    from ..data.readers import resolve_data_config, with_guess

    # format: auto becomes what the file's content showed, so predict reads new files the same way
    resolved, guessed = resolve_data_config(cfg.data)
    cfg = cfg.model_copy(update={"data": resolved})
    asked = cfg
    cfg = apply_auto_recipe(cfg)  # `model: auto`: the recipe chosen across datasets fills unset keys
    generator = seed_everything(cfg.seed)
    device = choose_device(cfg.train.device, world.local_rank if world.distributed else None)
    reporter = reporter if reporter is not None and world.is_main else SILENT
    check_before_reading(cfg, resume=resume)
    from ..checkpoints import saved_image_id_key
    from ..data.dicom_privacy import image_ids_keyed, new_run_key

    # this run's key of DICOM image ids (a resumed run's own, kept with its checkpoint): ids are
    # stable within the run and its predict / evaluate, unlinkable to another run's (issue 19)
    image_id_key = new_run_key(saved_image_id_key(Path(out)) if resume and out is not None else None)
    with image_ids_keyed(image_id_key):
        dataset, splits, split_index = read_and_split(cfg)
    with_guess(dataset, guessed)  # the guess is a finding of the run as of `inspect` (one path: the reader's)
    task = dataset.task
    reporter.log(f"data: {dataset.source or cfg.data.path} ({dataset.modality}, {task.kind}, "
                 f"{len(splits.train)}/{len(splits.val)}/{len(splits.test)} train/val/test)")
    _log_reading(reporter, dataset.notes if isinstance(dataset.notes, dict) else {})
    if task.positive_class is not None:
        reporter.log(f"positive class: {task.positive_class!r} (sensitivity, AUROC and the threshold refer to it; "
                     "set data.positive_class to change)")
    from ..data.split_checks import split_findings

    found = [f for f in getattr(dataset, "findings", None) or () if isinstance(f, Finding)]  # the reader printed them
    for finding in split_findings(dataset, split_index):  # the spec's checks (images: copies across splits, few levels, mixes)
        reporter.log(finding.line())
        found.append(finding)
    # `model: auto`: the large-data part of the recipe, or its size-aware rule (images)
    cfg = apply_data_recipe(cfg, asked, splits.train, device=device.type, log=reporter.log)
    prepared = prepare_splits(cfg, dataset, splits, split_index=split_index, generator=generator, device=device,
                              world=world, out=Path(out) if out is not None else None, overwrite=overwrite,
                              resume=resume, reporter=reporter, data_fingerprint=data_fingerprint(dataset), t0=t0,
                              findings=found, rounds=rounds, image_id_key=image_id_key)
    if dataset.modality == "molecules":
        # trial 18: BACE holds 27 groups of stereoisomers (16 with different labels) that ECFP makes
        # one input; `predict` named such groups, training did not
        from ..featurizers.molecule_stereo import stereo_blind_finding

        finding = stereo_blind_finding(dataset.inputs, prepared.featurizer, dataset.ids, cfg.featurize.name)
        if finding is not None:
            reporter.log(finding.line())
            prepared.findings.append(finding)
    return prepared


def prepare_splits(cfg: RunConfig, dataset, splits: Splits, *, featurizer=None, features: dict | None = None,
                   model: str | None = None, device=None, **fields) -> Prepared:
    """A :class:`Prepared` from splits the caller holds: the featurizer is fitted on
    ``splits.train`` and applied to every non-empty split, unless ``featurizer`` (fitted) and
    ``features`` are given (a tuning fold's cached features, a federation's global featurizer).
    ``fields``: the rest of :class:`Prepared` (``generator``, ``world``, ``out``, ...); nothing
    is seeded here.

    >>> prepared = prepare_splits(cfg, pool, Splits(pool.subset(a), pool.subset(b), None),
    ...                           generator=seed_everything(cfg.seed))  # doctest: +SKIP
    """
    from ..training.losses import TargetScaler, targets_for_loss
    from ..training.seeding import choose_device

    task = dataset.task
    parts = {name: part for name, part in splits.items() if part is not None and len(part)}
    if featurizer is None:
        from ..privacy.notes_screen import fit_view

        featurizer = make_featurizer(cfg, dataset)
        featurizer.fit(fit_view(dataset, splits.train))  # notes: no marked word enters a vocabulary
    if features is None:
        features = {name: featurizer.transform(part) for name, part in parts.items()}
    scaler = None
    if task.kind == "regression" and "train" in parts:
        scaler = TargetScaler().fit(splits.train.targets)
    targets = {name: targets_for_loss(task, part.targets, scaler) for name, part in parts.items()}
    found = [f for f in getattr(dataset, "findings", None) or () if isinstance(f, Finding)]
    prepared = Prepared(cfg=cfg, dataset=dataset, splits=splits, featurizer=featurizer, features=features,
                        targets=targets, scaler=scaler, model_name=model or model_name(cfg, dataset.modality),
                        device=device if device is not None else choose_device(cfg.train.device),
                        findings=fields.pop("findings", found), **fields)
    prepared.steps["prepare"] = round(time.perf_counter() - prepared.t0, 3)
    return prepared

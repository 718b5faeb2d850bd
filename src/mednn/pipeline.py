"""The one-way pipeline: config -> data -> split -> featurize -> model -> train -> evaluate ->
explain -> report, leaving a run directory (:mod:`mednn.runs`).

``train`` is what ``mednn train`` and ``mednn demo`` call; ``predict`` and ``evaluate_run``
work from a run directory alone. Each stage is a function of the previous stage's output so it
can be tested on its own; nothing here knows a modality beyond the registries' defaults.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from .config import RunConfig, dump_config
from .errors import ConfigError, DataError, MissingExtraError
from .recipes import apply_auto_recipe, model_name
from .predictor import Predictor, frame_to_csv



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


def read_and_split(cfg: RunConfig) -> tuple[Any, Splits, dict[str, np.ndarray]]:
    """Read the data the config names, de-identify text if asked, and split it."""
    from .data.readers import read_dataset
    from .data.splits import split_indices

    dataset = read_dataset(cfg.data)
    if cfg.privacy.deid:
        from .privacy.deid import deidentify_notes
        from .privacy.dicom.runs import require_deidentified

        dataset = deidentify_notes(dataset)
        require_deidentified(cfg.data, dataset.modality)  # DICOM: only files `mednn deid` cleaned
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
    from .featurizers import DEFAULTS, build_featurizer

    name = cfg.featurize.name
    if name == "auto":
        name = DEFAULTS.get(dataset.modality, "tabular")
    params = dict(cfg.featurize.options)
    # the data section's missing-value policy applies to the table featurizer
    if name == "tabular" and "missing" in cfg.data.options and "missing" not in params:
        params["missing"] = cfg.data.options["missing"]
    featurizer = build_featurizer(name, params)
    featurizer.name = name
    return featurizer


def train(cfg: RunConfig, out: str | Path | None = None, *, overwrite: bool = False,
          reporter=None, resume: bool = False, rounds=None) -> Path | None:
    """Run the whole pipeline and return the path of the finished run directory.

    ``reporter`` receives what a person watching should see: ``log(text)`` lines and a
    ``progress(total)`` per-epoch bar (``mednn.cli.console.ConsoleReporter``); silent by default.
    Training leaves a checkpoint beside ``out`` after every ``train.checkpoint_every``
    epochs (:mod:`mednn.checkpoints`); ``resume=True`` continues an interrupted run from it.
    Under ``torchrun`` all ranks train but only rank 0 writes the run; others return None.
    ``rounds``: the federated sites of ``privacy.federated.site_column`` (a factory handed in
    by :func:`mednn.federation.simulate`, which ``mednn train`` calls for such a config).

    >>> from mednn.config import load_config
    >>> path = train(load_config(None, ["data.path=breast-cancer"]), "runs/bc")  # doctest: +SKIP
    """
    from . import trainer
    from .runs import check_run_target, data_fingerprint
    from .training.distributed import world_from_environment
    from .training.seeding import choose_device, seed_everything

    world = world_from_environment()
    trainer.check_distributed(cfg, world)  # before any data is read
    if world.is_main:
        out = check_run_target(out, overwrite=overwrite, name=cfg.name)  # before any training
    asked = cfg
    cfg = apply_auto_recipe(cfg)  # `model: auto`: the recipe chosen across datasets fills unset keys
    generator = seed_everything(cfg.seed)
    device = choose_device(cfg.train.device, world.local_rank if world.distributed else None)
    reporter = reporter if reporter is not None and world.is_main else SILENT
    log = reporter.log
    t0 = time.perf_counter()
    check_before_reading(cfg, resume=resume)
    dataset, splits, split_index = read_and_split(cfg)
    task = dataset.task
    cfg = apply_auto_recipe(asked, n_train=len(splits.train), task_kind=task.kind)  # and its large-data part
    log(f"data: {dataset.source or cfg.data.path} ({dataset.modality}, {task.kind}, "
        f"{len(splits.train)}/{len(splits.val)}/{len(splits.test)} train/val/test)")
    if task.positive_class is not None:
        log(f"positive class: {task.positive_class!r} (sensitivity, AUROC and the threshold refer to it; "
            "set data.positive_class to change)")

    featurizer = make_featurizer(cfg, dataset)
    featurizer.fit(splits.train)
    features = {name: featurizer.transform(part) for name, part in splits.items()}
    from .training.losses import TargetScaler, targets_for_loss

    scaler = TargetScaler().fit(splits.train.targets) if task.kind == "regression" else None
    targets = {name: targets_for_loss(task, part.targets, scaler) for name, part in splits.items()}

    name = model_name(cfg, dataset.modality)
    model, results, threads, federated_summary, ckpt = trainer.train_members(
        cfg, dataset, splits, featurizer, features, targets, scaler, name=name, out=out, generator=generator,
        device=device, log=log, resume=resume, data_fingerprint=data_fingerprint(dataset), world=world, rounds=rounds,
        progress=reporter.progress(cfg.train.epochs * cfg.train.ensemble) if cfg.train.progress else None)
    if not world.is_main:
        return None  # rank 0 evaluates and writes the run

    predictor = Predictor(task=task, featurizer=featurizer, model=model, modality=dataset.modality,
                          data_config=cfg.data, deid=cfg.privacy.deid, target_scaler=scaler, device=str(device))
    logits = {s: predictor.logits(features[s]) for s in ("val", "test")}
    predictor.fit_posthoc(logits["val"], splits.val.targets, cfg.evaluate)
    from .ood.run import fit_run_ood, ood_metrics

    predictor.ood = fit_run_ood(cfg, predictor, splits, features)  # after training, own generator (issue 19)
    probs = {s: predictor.proba_from_logits(logits[s]) for s in ("val", "test")}
    assessments = {s: predictor.assess(features[s], probs[s]) for s in ("val", "test")}
    metrics = run_metrics(cfg, splits, probs, predictor)
    metrics.update(uncertainty_metrics(cfg, splits.test, assessments["test"], predictor))
    metrics.update(ood_metrics(cfg, dataset.modality, predictor.ood, assessments))  # metrics["ood"] (issue 19)
    if cfg.evaluate.baselines != "none":  # same split, threshold rule and bootstrap as the network
        metrics["baselines"] = _baselines(cfg, predictor, splits, probs["test"], log)
    metrics.update(_training_metrics(cfg, results, threads, device, world.world_size, federated_summary))

    sections: list[dict[str, str]] = []
    if cfg.explain.enabled and cfg.explain.n_samples > 0:
        sections = _explain(cfg, predictor, splits.test, features["test"], probs["test"], device,
                            background=features["train"], log=log)
    _write_run(out, cfg, overwrite=overwrite, predictor=predictor, name=name, dataset=dataset, splits=splits,
               split_index=split_index, metrics=metrics, results=results, assessments=assessments, sections=sections,
               t0=t0)
    if ckpt is not None:
        ckpt.clear()  # the run is written: nothing left to resume
    log(f"run written to {out}")
    return out


def check_before_reading(cfg: RunConfig, *, resume: bool = False) -> None:
    """Refuse what the config alone shows to be wrong, before any data is read: the model and
    its hyperparameters, explanation method and baseline names, and --resume where no
    checkpoint is kept."""
    from .data.readers import reader_for
    from .explain import images as image_explain
    from .explain import tabular as table_explain
    from .models import check_hparams, load_model_modules

    load_model_modules()
    check_hparams(model_name(cfg, reader_for(cfg.data).modality), cfg.model.hparams)
    known = set(image_explain.METHODS) | set(table_explain.METHODS)
    unknown = [m for m in cfg.explain.methods if m not in known]
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], sorted(known), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ConfigError(f"Unknown explanation method {unknown[0]!r} in explain.methods{hint}; "
                          f"valid: {', '.join(sorted(known))}")
    if isinstance(cfg.evaluate.baselines, list):
        from .evaluation.baselines import BASELINES

        for baseline in cfg.evaluate.baselines:
            try:
                BASELINES.get(baseline)
            except ConfigError as exc:  # the registry's did-you-mean, named by its key
                raise ConfigError(f"evaluate.baselines: {exc}; fix: correct the name, or write auto or none") from None
    if resume and (cfg.privacy.dp or cfg.privacy.federated.site_column or not cfg.train.checkpoint_every):
        raise ConfigError("--resume needs checkpoints, which DP-SGD and federated runs and "
                          "train.checkpoint_every: 0 do not write; fix: run without --resume")


def run_metrics(cfg: RunConfig, splits: Splits, probs: dict[str, np.ndarray], predictor: Predictor) -> dict[str, Any]:
    """metrics.json without the training summary: test and val metrics with CIs, threshold,
    calibration and subgroup tables, all at the Predictor's operating point."""
    from .evaluation import evaluate, subgroup_table

    task = predictor.task
    metrics: dict[str, Any] = {
        "task": task.kind,
        "class_names": list(task.class_names),
        "positive_class": task.positive_class,
        "n": {s: len(p) for s, p in splits.items()},
    }
    for s, part in (("test", splits.test), ("val", splits.val)):
        metrics[s] = evaluate(task, part.targets, probs[s], threshold=predictor.threshold,
                              n_bootstrap=cfg.evaluate.bootstrap, confidence=cfg.evaluate.confidence, seed=cfg.seed)
    metrics["threshold"] = predictor.threshold_rule
    metrics["calibration"] = predictor.calibration
    metrics["bootstrap"] = {"n_resamples": cfg.evaluate.bootstrap, "seed": cfg.seed,
                            "confidence": cfg.evaluate.confidence}
    subgroup_columns = cfg.evaluate.subgroups or list(splits.test.meta)
    if subgroup_columns and task.kind in ("binary", "multiclass"):
        groups = {c: splits.test.meta[c] for c in subgroup_columns if c in splits.test.meta}
        missing = [c for c in cfg.evaluate.subgroups if c not in splits.test.meta]
        if missing:
            raise DataError(
                f"evaluate.subgroups names {missing[0]!r}, which is not a data.meta_columns column; "
                "fix: add it to data.meta_columns"
            )
        if groups:
            metrics["subgroups"] = subgroup_table(task, splits.test.targets, probs["test"], groups,
                                                  predictor.threshold)
    return metrics


MULTILABEL_UNCERTAINTY_NOTE = (
    "conformal prediction sets and the referral curve are not computed for multilabel tasks (a set of label "
    "sets has no single coverage to promise); each label's calibrated probability and its own threshold are "
    "the uncertainty")


def uncertainty_metrics(cfg: RunConfig, test, assessment: dict[str, Any], predictor: Predictor) -> dict[str, Any]:
    """Conformal coverage on test (overall and per subgroup) and the referral curve."""
    from .evaluation.conformal import coverage_summary, referral_curve

    out: dict[str, Any] = {}
    task = predictor.task
    if predictor.conformal is not None:
        groups = {c: test.meta[c] for c in (cfg.evaluate.subgroups or list(test.meta)) if c in test.meta}
        out["conformal"] = coverage_summary(predictor.conformal, assessment["prob"], test.targets,
                                            class_names=task.class_names, groups=groups or None,
                                            confidence=cfg.evaluate.confidence)
    elif task.kind == "multilabel" and cfg.evaluate.conformal.coverage is not None:
        out["uncertainty_note"] = MULTILABEL_UNCERTAINTY_NOTE
    if assessment["uncertainty"] is not None:
        correct = predictor.decide(assessment["prob"]) == np.asarray(test.targets).astype(int)
        out["referral"] = {"uncertainty": assessment["uncertainty_kind"],
                           "curve": referral_curve(correct, assessment["uncertainty"])}
    return out


def _baselines(cfg: RunConfig, predictor: Predictor, splits: Splits, test_prob, log) -> dict[str, Any]:
    from .evaluation.baselines import reference_baselines

    return reference_baselines(cfg, predictor.task, predictor.modality, splits, test_prob, log=log)


def _training_metrics(cfg: RunConfig, results, threads, device, world_size: int, federated_summary) -> dict[str, Any]:
    """metrics.json's ``training`` (and ``federated`` / ``privacy`` where they apply)."""
    out: dict[str, Any] = {"training": dict(_training_summary(cfg, results, threads, device), world_size=world_size)}
    if federated_summary is not None:
        out["federated"] = dict(federated_summary, best_round=results[0].best_epoch)
    if results[0].privacy is not None:
        out["privacy"] = dict(results[0].privacy)
        if cfg.privacy.target_epsilon is not None:
            out["privacy"]["target_epsilon"] = cfg.privacy.target_epsilon
    return out


def _training_summary(cfg: RunConfig, results, threads, device) -> dict[str, Any]:
    from .models.ensemble import member_seed

    result = results[0]
    summary = {
        "best_epoch": result.best_epoch, "epochs_run": result.epochs_run, "monitor": result.monitor,
        "stopped_early": result.stopped_early, "seconds": round(sum(r.seconds for r in results), 3),
        "threads": threads, "device": str(device),
    }
    if len(results) > 1:
        # best_epoch / epochs_run / stopped_early above are member 1's; every member's are here
        summary["ensemble"] = [
            {"member": i + 1, "seed": member_seed(cfg.seed, i), "best_epoch": r.best_epoch,
             "epochs_run": r.epochs_run, "stopped_early": r.stopped_early, "seconds": round(r.seconds, 3)}
            for i, r in enumerate(results)
        ]
    return summary


def _write_run(out: Path, cfg: RunConfig, *, overwrite: bool, predictor: Predictor, name: str, dataset,
               splits: Splits, split_index, metrics, results, assessments, sections, t0: float) -> None:
    """Write every file of the run atomically (``mednn.runs.RunWriter``)."""
    from safetensors.torch import save_file

    from .runs import RunWriter, data_fingerprint, data_summary, history_csv, save_state, side_tables

    featurizer, model, task = predictor.featurizer, predictor.model, predictor.task
    n_members = len(results)
    with RunWriter(out, overwrite=overwrite) as run:
        run.write_text("config.yaml", dump_config(cfg))
        run.write_json("model.json", {
            "name": name, "hparams": _resolved_hparams(name, cfg.model.hparams), "task": task.to_dict(),
            "input_shape": list(featurizer.input_shape), "modality": dataset.modality,
            "featurizer": featurizer.name, "mednn_version": _version(),
            "target_scaler": predictor.target_scaler.state_dict() if predictor.target_scaler is not None else None,
            "n_parameters": sum(p.numel() for p in model.parameters()),
            "ensemble": n_members,
        })
        save_file({k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()},
                  str(run.file("model.safetensors")))
        save_state(run, "featurizer", {"name": featurizer.name, "params": featurizer.params(),
                                       "state": featurizer.state_dict()})
        predictor.save(run)
        run.write_json("data.json", data_summary(dataset, splits, split_index, featurizer, cfg))
        run.write_json("metrics.json", metrics)
        run.write_text("history.csv", history_csv(
            [{"member": i + 1, **row} if n_members > 1 else row for i, r in enumerate(results) for row in r.history]))
        run.write_text("predictions.csv", predictions_csv(predictor, splits, assessments))
        if sections:
            run.write_json("explanations.json", sections)
        for name_, rows in side_tables(dataset).items():
            run.write_text(name_, rows)
        run.manifest_extra = {
            "seed": cfg.seed,
            "data_fingerprint": data_fingerprint(dataset),
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "seconds_total": round(time.perf_counter() - t0, 3),
            "world_size": metrics["training"].get("world_size", 1),
        }
        from .reports.model_card import build_model_card

        run.write_json("model_card.json", build_model_card(run.path, manifest_extra=run.manifest_extra))
        if cfg.report.enabled:
            from .reports.html import write_report

            write_report(run.path)


def _version() -> str:
    from . import __version__

    return __version__


def _resolved_hparams(name: str, hparams: dict[str, Any]) -> dict[str, Any]:
    from .models import default_hparams

    resolved = {k: (list(v) if isinstance(v, tuple) else v) for k, v in default_hparams(name).items()}
    resolved.update(hparams)
    return resolved


def _explain(cfg, predictor: Predictor, test, test_features, prob, device, background=None, log=None):
    from .explain.base import ExplainContext, explain, section

    ctx = ExplainContext(model=predictor.model.eval(), featurizer=predictor.featurizer, dataset=test,
                         features=test_features, probabilities=prob, predicted=predictor.decide(prob),
                         task=predictor.task, config=cfg.explain, seed=cfg.seed, device=str(device),
                         background=background, log=log)
    try:
        return list(explain(ctx, predictor.modality))
    except (ImportError, MissingExtraError) as exc:
        # explanations are optional extras: a trained, evaluated model is not thrown away for them
        missing = getattr(exc, "name", None) or str(exc)
        extra = {"captum": "explain", "shap": "explain", "lime": "explain", "rdkit": "molecules"}.get(
            str(missing).split(".")[0], "all")
        return [section("Explanations skipped", notes=[
            f"Explanations were not computed: the package {missing} is not installed. Install it with "
            f"pip install 'mednn[{extra}]' and run training again."])]


def predictions_csv(predictor: Predictor, splits: Splits, assessments: dict[str, dict[str, Any]]) -> str:
    """predictions.csv of the run: validation and test samples at the run's operating point,
    with their conformal sets / intervals and uncertainty."""
    import pandas as pd

    parts = []
    for s in ("val", "test"):
        part = getattr(splits, s)
        a = assessments[s]
        parts.append(predictor.prediction_frame(list(part.ids), a["prob"], part.targets, [s] * len(part),
                                                assessment=a))
    return frame_to_csv(pd.concat(parts, ignore_index=True))

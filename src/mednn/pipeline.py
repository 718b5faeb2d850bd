"""The one-way pipeline: config -> data -> split -> featurize -> model -> train -> evaluate ->
explain -> report, leaving a run directory (:mod:`mednn.runs`).

``train`` is what ``mednn train`` and ``mednn demo`` call; ``predict`` and ``evaluate_run``
work from a run directory alone. Each stage is a function of the previous stage's output so it
can be tested on its own; nothing here knows a modality beyond the registries' defaults.
"""

from __future__ import annotations

import csv
import functools
import html
import io
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from .config import RunConfig, dump_config
from .errors import ConfigError, DataError, MissingExtraError

# a fitted temperature outside this range is a degenerate fit, not a calibration
LOWEST_TEMPERATURE, HIGHEST_TEMPERATURE = 0.05, 20.0

DEFAULT_MODELS = {"tabular": "mlp", "images": "small_cnn", "text": "mlp", "molecules": "mlp"}


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
        dataset = _deidentify(dataset)
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


def _deidentify(dataset):
    if dataset.modality != "text":
        return dataset
    from .privacy.deid import deidentify_dataset

    dataset, _ = deidentify_dataset(dataset)  # the counts are kept in dataset.notes["deid"]
    return dataset


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


def targets_for_loss(task, targets: np.ndarray, scaler=None):
    import torch

    if task.kind == "multiclass":
        return torch.as_tensor(targets, dtype=torch.long)
    if task.kind == "binary":
        return torch.as_tensor(targets, dtype=torch.float32)
    if task.kind == "multilabel":
        return torch.as_tensor(np.asarray(targets, dtype=np.float32))
    return torch.as_tensor(scaler.transform(targets))


def model_name(cfg: RunConfig, modality: str) -> str:
    return DEFAULT_MODELS.get(modality, "mlp") if cfg.model.name == "auto" else cfg.model.name


def train(cfg: RunConfig, out: str | Path | None = None, *, overwrite: bool = False,
          console=None, resume: bool = False) -> Path:
    """Run the whole pipeline and return the path of the finished run directory.

    Training leaves a checkpoint beside ``out`` after every ``train.checkpoint_every``
    epochs (:mod:`mednn.checkpoints`); ``resume=True`` continues an interrupted run from it.

    >>> from mednn.config import load_config
    >>> path = train(load_config(None, ["data.path=breast-cancer"]), "runs/bc")  # doctest: +SKIP
    """

    from .evaluation import TemperatureScaler, ThresholdSelector, evaluate, subgroup_table
    from .evaluation.baselines import reference_baselines
    from .models import check_hparams, load_model_modules
    from .models.ensemble import member_seed
    from .runs import RunWriter, save_state
    from .training.losses import TargetScaler, to_probabilities
    from .training.loop import predict_logits
    from .training.seeding import choose_device, seed_everything

    out = Path(out) if out is not None else Path("runs") / cfg.name
    generator = seed_everything(cfg.seed)
    device = choose_device(cfg.train.device)
    log = _Log(console)

    t0 = time.perf_counter()
    load_model_modules()
    from .data.readers import reader_for

    # fail on a wrong model or hparam name before reading any data
    check_hparams(model_name(cfg, reader_for(cfg.data).modality), cfg.model.hparams)
    dataset, splits, split_index = read_and_split(cfg)
    task = dataset.task
    log(f"data: {dataset.source or cfg.data.path} ({dataset.modality}, {task.kind}, "
        f"{len(splits.train)}/{len(splits.val)}/{len(splits.test)} train/val/test)")

    featurizer = make_featurizer(cfg, dataset)
    featurizer.fit(splits.train)
    features = {name: featurizer.transform(part) for name, part in splits.items()}
    scaler = TargetScaler().fit(splits.train.targets) if task.kind == "regression" else None
    targets = {name: targets_for_loss(task, part.targets, scaler) for name, part in splits.items()}

    load_model_modules()
    name = model_name(cfg, dataset.modality)
    hparams = cfg.model.hparams
    n_members = cfg.train.ensemble
    model, results, threads, federated_summary, ckpt = _train_members(
        cfg, dataset, splits, featurizer, features, targets, scaler, name=name, out=out, generator=generator,
        device=device, log=log, console=console, resume=resume)
    result = results[0]

    logits = {s: predict_logits(model, features[s], device=device) for s in ("val", "test")}
    calibration: dict[str, Any] = {"method": "none"}
    probs: dict[str, np.ndarray] = {}
    if task.kind == "regression":
        for s in ("val", "test"):
            probs[s] = scaler.inverse(logits[s].numpy())
    elif cfg.evaluate.calibrate == "temperature":
        ts = TemperatureScaler().fit(logits["val"].numpy(), splits.val.targets, task.kind)
        calibration = {"method": "temperature", "temperature": float(ts.temperature_)}
        if not LOWEST_TEMPERATURE <= ts.temperature_ <= HIGHEST_TEMPERATURE:
            # On validation predictions that separate the classes perfectly the likelihood keeps
            # rising as T -> 0: the fitted value says nothing about new patients. Keep T = 1.
            calibration = {"method": "none", "temperature": 1.0,
                           "note": f"temperature scaling skipped: the fit ran to T = {ts.temperature_:.3g} "
                                   "(validation predictions separate the classes); kept T = 1"}
            ts.temperature_ = 1.0
        for s in ("val", "test"):
            probs[s] = ts.transform(logits[s].numpy())
    else:
        for s in ("val", "test"):
            probs[s] = to_probabilities(task, logits[s]).numpy()
    if task.kind != "regression":
        from .evaluation import ece as expected_calibration_error

        raw_val = to_probabilities(task, logits["val"]).numpy()
        calibration["val_ece_before"] = _ece(expected_calibration_error, task, splits.val.targets, raw_val)
        calibration["val_ece_after"] = _ece(expected_calibration_error, task, splits.val.targets, probs["val"])

    threshold = _choose_threshold(cfg, task, splits.val.targets, probs["val"], ThresholdSelector)
    thr_value = threshold.get("value") if threshold else None
    metrics: dict[str, Any] = {
        "task": task.kind,
        "class_names": list(task.class_names),
        "positive_class": task.positive_class,
        "n": {s: len(p) for s, p in splits.items()},
    }
    for s, part in (("test", splits.test), ("val", splits.val)):
        metrics[s] = evaluate(
            task, part.targets, probs[s], threshold=thr_value,
            n_bootstrap=cfg.evaluate.bootstrap, confidence=cfg.evaluate.confidence, seed=cfg.seed,
        )
    metrics["threshold"] = threshold
    metrics["calibration"] = calibration
    metrics["bootstrap"] = {"n_resamples": cfg.evaluate.bootstrap, "seed": cfg.seed,
                            "confidence": cfg.evaluate.confidence}
    metrics["training"] = {
        "best_epoch": result.best_epoch, "epochs_run": result.epochs_run, "monitor": result.monitor,
        "stopped_early": result.stopped_early, "seconds": round(sum(r.seconds for r in results), 3),
        "threads": threads, "device": str(device),
    }
    if n_members > 1:
        # best_epoch / epochs_run / stopped_early above are member 1's; every member's are here
        metrics["training"]["ensemble"] = [
            {"member": i + 1, "seed": member_seed(cfg.seed, i), "best_epoch": r.best_epoch,
             "epochs_run": r.epochs_run, "stopped_early": r.stopped_early, "seconds": round(r.seconds, 3)}
            for i, r in enumerate(results)
        ]
    if federated_summary is not None:
        metrics["federated"] = dict(federated_summary, best_round=result.best_epoch)
    if result.privacy is not None:
        metrics["privacy"] = dict(result.privacy)
        if cfg.privacy.target_epsilon is not None:
            metrics["privacy"]["target_epsilon"] = cfg.privacy.target_epsilon
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
            metrics["subgroups"] = subgroup_table(task, splits.test.targets, probs["test"], groups, thr_value)

    # -- reference baselines (mednn.evaluation.baselines): same split, threshold rule and bootstrap --
    if cfg.evaluate.baselines != "none":
        metrics["baselines"] = reference_baselines(cfg, task, dataset.modality, splits, probs["test"], log=log)
    # -- end of reference baselines --

    sections: list[dict[str, str]] = []
    if cfg.explain.enabled and cfg.explain.n_samples > 0:
        sections = _explain(cfg, model, featurizer, splits.test, features["test"], probs["test"], task,
                            thr_value, device, dataset.modality, background=features["train"])

    with RunWriter(out, overwrite=overwrite) as run:
        run.write_text("config.yaml", dump_config(cfg))
        resolved_hparams = _resolved_hparams(name, hparams)
        run.write_json("model.json", {
            "name": name, "hparams": resolved_hparams, "task": task.to_dict(),
            "input_shape": list(featurizer.input_shape), "modality": dataset.modality,
            "featurizer": featurizer.name, "mednn_version": _version(),
            "target_scaler": scaler.state_dict() if scaler is not None else None,
            "n_parameters": sum(p.numel() for p in model.parameters()),
            "ensemble": n_members,
        })
        from safetensors.torch import save_file

        save_file({k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()},
                  str(run.file("model.safetensors")))
        save_state(run, "featurizer", {"name": featurizer.name, "params": featurizer.params(),
                                       "state": featurizer.state_dict()})
        run.write_json("data.json", data_summary(dataset, splits, split_index, featurizer, cfg))
        run.write_json("metrics.json", metrics)
        run.write_text("history.csv", _history_csv(
            [{"member": i + 1, **row} if n_members > 1 else row for i, r in enumerate(results) for row in r.history]))
        run.write_text("predictions.csv", predictions_csv(task, splits, probs, thr_value))
        if sections:
            run.write_json("explanations.json", sections)
        for name_, rows in _side_tables(dataset).items():
            run.write_text(name_, rows)
        run.manifest_extra = {
            "seed": cfg.seed,
            "data_fingerprint": _fingerprint(dataset),
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "seconds_total": round(time.perf_counter() - t0, 3),
        }
        if cfg.report.enabled:
            from .reports.html import write_report

            write_report(run.path)
    if ckpt is not None:
        ckpt.clear()  # the run is written: nothing left to resume
    log(f"run written to {out}")
    return out


def _train_members(cfg: RunConfig, dataset, splits: Splits, featurizer, features, targets, scaler, *, name: str,
                   out: Path, generator, device, log, console, resume: bool):
    """Train the run's network, its ensemble members one after another, or its federated rounds,
    with checkpoints. Returns (model, per-member results, threads, federated summary, checkpoints)."""
    from .models import build_model
    from .models.ensemble import Ensemble, member_seed
    from .training.losses import class_weight_vector
    from .training.loop import fit
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
    if cfg.train.checkpoint_every and not cfg.privacy.dp and not federated.site_column:
        from .checkpoints import Checkpoints, checkpoint_key, member_tensors

        ckpt = Checkpoints(out, key=checkpoint_key(dump_config(cfg), _fingerprint(dataset)),
                           every=cfg.train.checkpoint_every)
    saved = None
    if resume:
        if ckpt is None:
            raise ConfigError("--resume needs checkpoints, which DP-SGD and federated runs and "
                              "train.checkpoint_every: 0 do not write; fix: run without --resume")
        saved = ckpt.load()
        log(f"resuming from the checkpoint after epoch {saved.fit_scalars['epoch']}"
            + (f" of ensemble member {saved.member + 1}" if n_members > 1 else ""))
    elif ckpt is not None and ckpt.exists():
        log("a checkpoint of an interrupted run was found and is replaced; pass --resume to continue it instead")
        ckpt.clear()

    members, results, threads, federated_summary = [], [], None, None
    progress = _Progress(cfg.train.epochs * n_members, enabled=cfg.train.progress and console is not None,
                         console=console)
    with progress:
        for i in range(n_members):
            seed_i = member_seed(cfg.seed, i)
            if i > 0:  # member 0 is the run's single model, seeded as it always was
                generator = seed_everything(seed_i)
            model = build_model(name, task=task, input_shape=featurizer.input_shape, **hparams)
            if threads is None:
                threads = set_threads(cfg.train.threads, sum(p.numel() for p in model.parameters()))
            if saved is not None and i < saved.member:  # finished before the interruption
                model.load_state_dict(saved.member_weights(i))
                model.to(device)
                result = saved.result(i)
            elif federated.site_column:
                result, federated_summary = _fit_federated(
                    cfg, model, name, featurizer, splits.train, scaler, features["val"], targets["val"],
                    generator=generator, device=device, class_weights=weights, counts=counts,
                    make_augment=make_augment, on_epoch=progress.update)
            else:
                augment = make_augment(cfg.train.augment, seed_i, class_counts=counts) if make_augment else None
                on_checkpoint = None
                if ckpt is not None:  # finished members' weights are copied once, not every epoch
                    on_checkpoint = functools.partial(ckpt.save, i, list(results), member_tensors(members))
                result = fit(
                    model, features["train"], targets["train"], features["val"], targets["val"],
                    task=task, cfg=cfg.train, generator=generator, device=device,
                    class_weights=weights, augment=augment, on_epoch=progress.update, privacy=cfg.privacy,
                    checkpoint=on_checkpoint,
                    resume=saved.fit_state() if saved is not None and i == saved.member else None,
                )
            members.append(model)
            results.append(result)
            log(f"trained {result.epochs_run} epochs in {result.seconds:.1f}s; best epoch {result.best_epoch} "
                f"by {result.monitor}" + (f" (ensemble member {i + 1} of {n_members}, seed {seed_i})"
                                          if n_members > 1 else ""))
    model = Ensemble(members, task.kind).to(device) if n_members > 1 else members[0]
    return model, results, threads, federated_summary, ckpt


def _fit_federated(cfg: RunConfig, model, name: str, featurizer, train_part, scaler, val_x, val_y, *, generator,
                   device, class_weights, counts, make_augment, on_epoch):
    """Train ``model`` by federated averaging over the sites of ``privacy.federated.site_column``."""
    import functools

    from .privacy.federated import FederatedSites, SiteData, split_by_site
    from .training.loop import fit

    task = train_part.task
    sites = []
    for site, index in split_by_site(train_part, cfg.privacy.federated.site_column).items():
        part = train_part.subset(index)
        y = targets_for_loss(task, part.targets, scaler)
        sites.append(SiteData(site, featurizer.transform(part), y, y.numpy()))
    spec = {"name": name, "hparams": cfg.model.hparams, "task": task, "input_shape": featurizer.input_shape,
            "class_weights": class_weights}
    factory = (functools.partial(make_augment, cfg.train.augment, class_counts=counts)
               if make_augment is not None else None)
    if cfg.privacy.dp:  # refuse a model or config DP-SGD cannot serve before any site starts
        from .privacy.dp import check_model, check_train_config

        check_train_config(cfg.train, cfg.privacy)
        check_model(model)
    with FederatedSites(sites, spec, cfg.train, cfg.privacy.federated, seed=cfg.seed,
                        augment_factory=factory, privacy_cfg=cfg.privacy) as runner:
        result = fit(model, None, None, val_x, val_y, task=task, cfg=cfg.train, generator=generator, device=device,
                     class_weights=class_weights, on_epoch=on_epoch, epoch_runner=runner)
        result.privacy = runner.privacy_summary()
        return result, runner.summary()


def _version() -> str:
    from . import __version__

    return __version__


def _resolved_hparams(name: str, hparams: dict[str, Any]) -> dict[str, Any]:
    from .models import default_hparams

    resolved = {k: (list(v) if isinstance(v, tuple) else v) for k, v in default_hparams(name).items()}
    resolved.update(hparams)
    return resolved


def _ece(fn, task, y, prob) -> float | None:
    if task.kind == "multilabel":
        values = []
        for j in range(y.shape[1]):
            m = ~np.isnan(y[:, j])
            if m.any():
                values.append(fn(y[m, j].astype(int), prob[m, j]))
        return float(np.nanmean(values)) if values else None
    return float(fn(y, prob))


def _choose_threshold(cfg: RunConfig, task, y_val, prob_val, selector_cls) -> dict[str, Any] | None:
    ev = cfg.evaluate
    if task.kind == "binary":
        sel = selector_cls(method=ev.threshold, target_sensitivity=ev.target_sensitivity,
                           fixed=ev.fixed_threshold).fit(y_val, prob_val)
        out = {"method": ev.threshold, "value": float(sel.threshold_), "chosen_on": "val"}
        if ev.threshold == "sensitivity":
            out["target_sensitivity"] = ev.target_sensitivity
        return out
    if task.kind == "multilabel":
        values = []
        for j in range(y_val.shape[1]):
            m = ~np.isnan(y_val[:, j])
            yj = y_val[m, j].astype(int)
            if len(np.unique(yj)) < 2:
                values.append(0.5)
                continue
            sel = selector_cls(method=ev.threshold, target_sensitivity=ev.target_sensitivity,
                               fixed=ev.fixed_threshold).fit(yj, prob_val[m, j])
            values.append(float(sel.threshold_))
        return {"method": ev.threshold, "value": values, "chosen_on": "val"}
    return None


def _explain(cfg, model, featurizer, test, test_features, prob, task, threshold, device, modality,
             background=None):
    from .explain.base import ExplainContext, explain

    if task.kind == "binary":
        predicted = (prob >= (threshold if threshold is not None else 0.5)).astype(int)
    elif task.kind == "multiclass":
        predicted = prob.argmax(1)
    elif task.kind == "multilabel":
        predicted = (prob >= np.asarray(threshold if threshold is not None else 0.5)).astype(int)
    else:
        predicted = prob
    ctx = ExplainContext(model=model.eval(), featurizer=featurizer, dataset=test, features=test_features,
                         probabilities=prob, predicted=predicted, task=task, config=cfg.explain,
                         seed=cfg.seed, device=str(device), background=background)
    try:
        return list(explain(ctx, modality))
    except (ImportError, MissingExtraError) as exc:
        # explanations are optional extras: a trained, evaluated model is not thrown away for them
        missing = getattr(exc, "name", None) or str(exc)
        extra = {"captum": "explain", "shap": "explain", "lime": "explain", "rdkit": "molecules"}.get(
            str(missing).split(".")[0], "all")
        return [{"title": "Explanations skipped",
                 "html": f"<p>Explanations were not computed: the package <code>{html.escape(str(missing))}</code> "
                         f"is not installed. Install it with <code>pip install 'mednn[{extra}]'</code> and run "
                         "training again.</p>"}]


def data_summary(dataset, splits: Splits, split_index: dict[str, np.ndarray], featurizer,
                 cfg: RunConfig) -> dict[str, Any]:
    from .data.splits import resolve_split_method

    summary: dict[str, Any] = {
        "source": dataset.source or cfg.data.path,
        "modality": dataset.modality,
        "task": dataset.task.to_dict(),
        "n": len(dataset),
        "splits": {name: {"n": len(part), "class_counts": part.class_counts()} for name, part in splits.items()},
        "split_method": resolve_split_method(dataset, cfg.split.method),
        "n_features": int(np.prod(featurizer.input_shape)),
        "input_shape": list(featurizer.input_shape),
        "feature_names": list(getattr(featurizer, "feature_names_", None) or dataset.feature_names or [])[:2000],
        "groups": None,
        "notes": {k: v for k, v in dataset.notes.items() if k not in ("skipped", "invalid_molecules", "duplicates")},
    }
    if dataset.groups is not None:
        column = cfg.data.patient_column or dataset.notes.get("groups") or "group"
        summary["groups"] = {"column": column, "n_groups": int(len(np.unique(np.asarray(dataset.groups).astype(str))))}
    from .data.quality import inspect_dataset

    quality = inspect_dataset(dataset, split_index)
    summary["leakage"] = quality["leakage"]
    summary["duplicate_report"] = quality["duplicates"]
    summary["findings"] = quality["findings"]
    if "missing_counts" in dataset.notes:
        summary["missing"] = dataset.notes["missing_counts"]
    for key in ("skipped", "invalid_molecules", "duplicates"):
        if key in dataset.notes:  # counts here; the rows themselves go to skipped.csv / invalid_molecules.csv
            value = dataset.notes[key]
            summary[key] = len(value) if isinstance(value, (list, dict)) else value
    return summary


def _side_tables(dataset) -> dict[str, str]:
    """CSV files listing what was skipped (files, molecules): never a silent drop."""
    out = {}
    for key, filename in (("skipped", "skipped.csv"), ("invalid_molecules", "invalid_molecules.csv")):
        rows = dataset.notes.get(key)
        if rows:
            buf = io.StringIO()
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
            out[filename] = buf.getvalue()
    return out


def _fingerprint(dataset) -> str:
    import hashlib

    h = hashlib.sha256()
    h.update(np.asarray(dataset.ids).astype(str).tobytes())
    t = np.asarray(dataset.targets)
    h.update(np.ascontiguousarray(t).tobytes())
    return h.hexdigest()


def _history_csv(history: list[dict[str, float]]) -> str:
    if not history:
        return "epoch,train_loss,val_loss,lr,seconds\n"
    columns = list(history[0])
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in history:
        writer.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v) for k, v in row.items()})
    return buf.getvalue()


def prediction_rows(task, ids, prob, threshold=None, targets=None, split=None) -> tuple[list[str], list[list]]:
    """Header and rows of predictions (layout in docs/run-directory.md)."""
    names = list(task.class_names)
    header = ["id"] + (["split"] if split is not None else [])
    rows: list[list] = []
    n = len(ids)
    if task.kind in ("binary", "multiclass"):
        if task.kind == "binary":
            p = np.column_stack([1 - prob, prob])
            pred = (prob >= (0.5 if threshold is None else threshold)).astype(int)
        else:
            p = prob
            pred = prob.argmax(1)
        header += (["target"] if targets is not None else []) + ["predicted"] + [f"p:{c}" for c in names]
        for i in range(n):
            row = [ids[i]] + ([split[i]] if split is not None else [])
            if targets is not None:
                row.append(names[int(targets[i])])
            row += [names[int(pred[i])]] + [f"{v:.6g}" for v in p[i]]
            rows.append(row)
    elif task.kind == "multilabel":
        thr = np.asarray(0.5 if threshold is None else threshold)
        pred = (prob >= thr).astype(int)
        if targets is not None:
            header += [f"target:{c}" for c in names]
        header += [f"p:{c}" for c in names] + [f"predicted:{c}" for c in names]
        for i in range(n):
            row = [ids[i]] + ([split[i]] if split is not None else [])
            if targets is not None:
                row += ["" if np.isnan(v) else int(v) for v in targets[i]]
            row += [f"{v:.6g}" for v in prob[i]] + [int(v) for v in pred[i]]
            rows.append(row)
    else:
        pred = np.asarray(prob).reshape(n, -1)
        if targets is not None:
            header += [f"target:{c}" for c in names]
        header += [f"predicted:{c}" for c in names]
        for i in range(n):
            row = [ids[i]] + ([split[i]] if split is not None else [])
            if targets is not None:
                row += ["" if np.isnan(v) else f"{v:.6g}" for v in np.asarray(targets, dtype=float).reshape(n, -1)[i]]
            row += [f"{v:.6g}" for v in pred[i]]
            rows.append(row)
    return header, rows


def predictions_csv(task, splits: Splits, probs: dict[str, np.ndarray], threshold) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    first = True
    for s in ("val", "test"):
        part = getattr(splits, s)
        header, rows = prediction_rows(task, list(part.ids), probs[s], threshold, part.targets, [s] * len(part))
        if first:
            writer.writerow(header)
            first = False
        writer.writerows(rows)
    return buf.getvalue()


# --- applying a finished run -------------------------------------------------------------

def _read_like_run(run, data_path: str | Path, *, labels_required: bool, overrides: dict | None = None):
    from .data.readers import read_dataset, reader_for

    base = run.config.data
    if reader_for(base).name == "builtin":
        # trained on a built-in dataset: new records come as a table of the same columns
        from .data.builtin import builtin_label

        overrides = {"format": "auto", "label": builtin_label(str(base.path)), **(overrides or {})}
    data_cfg = base.model_copy(update={"path": str(data_path), **(overrides or {})})
    dataset = read_dataset(data_cfg, labels=labels_required)
    if run.config.privacy.deid:
        dataset = _deidentify(dataset)
    return dataset


def apply_run(run, dataset) -> np.ndarray:
    """Calibrated probabilities (or values) of a loaded run on a dataset."""

    from .training.loop import predict_logits

    features = run.featurizer.transform(dataset)
    logits = predict_logits(run.model, features).numpy()
    kind = run.task.kind
    if kind == "regression":
        return run.target_scaler.inverse(logits)
    z = logits / run.temperature
    if kind == "multiclass":
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)
    p = 1 / (1 + np.exp(-z))
    return p.reshape(-1) if kind == "binary" else p


def predict(run_dir: str | Path, input_path: str | Path, out: str | Path | None = None) -> Path:
    """Predict a file with a finished run; write ``out`` (CSV) atomically and return its path."""
    import os

    import warnings

    from .runs import load_run, write_text_atomic

    run = load_run(run_dir)
    dataset = _read_like_run(run, input_path, labels_required=False)
    if len(dataset) == 0:
        raise DataError(f"{input_path} holds no samples to predict")
    prob = apply_run(run, dataset)
    header, rows = prediction_rows(run.task, list(dataset.ids), prob, run.threshold)
    out = Path(out) if out is not None else Path(input_path).with_suffix(".predictions.csv")
    for name, rows_ in _side_tables(dataset).items():
        # inputs that could not be predicted (invalid molecules, unreadable files) are listed
        side = out.with_name(f"{out.stem}.{name}")
        write_text_atomic(side, rows_)
        warnings.warn(f"{len(dataset.notes.get(name.removesuffix('.csv'), []))} inputs could not be "
                      f"predicted; they are listed in {side}", stacklevel=2)
    tmp = out.with_name(f".{out.name}.partial")
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    os.replace(tmp, out)
    return out


def evaluate_run(run_dir: str | Path, data_path: str | Path, *, n_bootstrap: int | None = None) -> dict[str, Any]:
    """Metrics (with bootstrap CIs) of a finished run on new labelled data, e.g. an external site."""
    from .evaluation import evaluate
    from .runs import load_run

    run = load_run(run_dir)
    dataset = _read_like_run(run, data_path, labels_required=True)
    if dataset.task.kind != run.task.kind or list(dataset.task.class_names) != list(run.task.class_names):
        raise DataError(
            f"The labels of {data_path} ({dataset.task.kind}: {', '.join(dataset.task.class_names)}) differ "
            f"from the run's ({run.task.kind}: {', '.join(run.task.class_names)}); fix: use the same label coding"
        )
    prob = apply_run(run, dataset)
    cfg = run.config.evaluate
    return {
        "task": run.task.kind,
        "data": str(data_path),
        "n": len(dataset),
        "threshold": run.threshold,
        "metrics": evaluate(run.task, dataset.targets, prob, threshold=run.threshold,
                            n_bootstrap=cfg.bootstrap if n_bootstrap is None else n_bootstrap,
                            confidence=cfg.confidence, seed=run.config.seed),
    }


# --- console output ------------------------------------------------------------------------

class _Log:
    def __init__(self, console):
        self.console = console

    def __call__(self, text: str) -> None:
        if self.console is not None:
            self.console.print(text, highlight=False)


class _Progress:
    """A per-epoch progress bar (rich); silent when disabled."""

    def __init__(self, total: int, *, enabled: bool, console=None):
        self.total, self.enabled, self.console = total, enabled, console
        self._progress = None

    def __enter__(self):
        if self.enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("training"), BarColumn(), MofNCompleteColumn(),
                                      TextColumn("{task.fields[info]}"), TimeElapsedColumn(),
                                      console=self.console, transient=True)
            self._progress.__enter__()
            self._task = self._progress.add_task("train", total=self.total, info="")
        return self

    def update(self, row: dict[str, float]) -> None:
        if self._progress is not None:
            info = f"val_loss {row['val_loss']:.4f}"
            self._progress.update(self._task, advance=1, info=info)

    def __exit__(self, *exc):
        if self._progress is not None:
            self._progress.__exit__(*exc)
        return False

"""From a trained model to a written run: the :class:`RunRecord`, the arrays, one writer.

Training (``mednn.pipeline``, federation, tuning) ends with three calls::

    record = build_record(cfg, predictor=predictor, model_name=name, dataset=dataset, splits=splits,
                          split_index=index, metrics=metrics, started=t0)
    artifacts = build_artifacts(predictor, dataset=dataset, splits=splits, results=results,
                                assessments=assessments, sections=sections)
    write_run(out, record, artifacts, overwrite=False)

:func:`write_run` is the only function that writes a new run directory: the record's files, the
weights, the featurizer state, history, predictions, explanations, the model card and the
report, then the manifest, atomically. The objects passed in are used by their methods only
(``predictor.prediction_frame``, ``featurizer.state_dict``), so this module imports no stage
above it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from .record_io import write_record
from .schema import RunRecord


@dataclass
class RunArtifacts:
    """What a run saves besides its record: arrays and tables."""

    weights: dict[str, Any]  # name -> tensor (model.state_dict(); an ensemble's under members.<i>.)
    featurizer_state: Any  # featurizer.state_dict(): JSON data and NumPy arrays
    history: list[dict[str, Any]] = field(default_factory=list)  # one row per epoch (and member)
    predictions: Any = None  # a DataFrame: validation and test predictions (docs/run-directory.md)
    explanations: list[dict[str, Any]] = field(default_factory=list)  # explanation sections as data
    side_tables: dict[str, str] = field(default_factory=dict)  # skipped.csv, invalid_molecules.csv
    ood_arrays: dict[str, Any] = field(default_factory=dict)  # the OOD scorer's arrays (ood.safetensors)
    image_id_key: str | None = None  # hex key of the DICOM images' ids (image_ids.key), never in a report


# --- the record ---------------------------------------------------------------------------------

def data_fingerprint(dataset) -> str:
    """sha256 of the sample ids and targets: which data a run (or checkpoint) was trained on."""
    h = hashlib.sha256()
    h.update(np.asarray(dataset.ids).astype(str).tobytes())
    h.update(np.ascontiguousarray(np.asarray(dataset.targets)).tobytes())
    return h.hexdigest()


def _n_patients(part) -> int | None:
    if part.groups is None:
        return None
    return int(len(np.unique(np.asarray(part.groups).astype(str))))


def data_summary(dataset, splits, split_index: dict[str, np.ndarray], featurizer, cfg,
                 counts: dict[str, int] | None = None) -> tuple[dict[str, Any], list[Any]]:
    """``data.json``'s content and the data checks' findings (counts and names, never values).
    ``counts``: split sizes that differ from ``splits`` (a federated coordinator holds no training rows)."""
    from ..data.quality import inspect_dataset, rebalanced_by
    from ..data.splits import resolve_split_method

    summary: dict[str, Any] = {
        "source": dataset.source or cfg.data.path,
        "modality": dataset.modality,
        "n": len(dataset),
        "splits": {name: {"n": (counts or {}).get(name, len(part)), "class_counts": part.class_counts() or None,
                          "n_patients": _n_patients(part)} for name, part in splits.items()},
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
        train = dict(splits.items()).get("train")
        if train is not None and train.groups is not None and len(train):
            from ..data.patient_keys import training_keys

            # short keyed hashes, never ids: mednn evaluate counts a site's patients seen in training
            summary["groups"]["train_keys"] = training_keys(train.groups, salt=data_fingerprint(dataset)[:16])
    train, test = dict(splits.items()).get("train"), dict(splits.items()).get("test")
    if train is not None and len(train):
        from ..data.sample_keys import sample_keys

        # short keyed hashes, never values: evaluate / predict tell a file of the run's own training samples
        summary["sample_keys"] = sample_keys(train.inputs, test.inputs if test is not None else [],
                                             salt=data_fingerprint(dataset)[16:32])
    quality = inspect_dataset(dataset, split_index, split_checks=False, in_run=True,  # prepare() ran and kept them
                              split_method=cfg.split.method, rebalanced=rebalanced_by(cfg.train))
    summary["leakage"] = quality["leakage"]
    summary["duplicate_report"] = quality["duplicates"]
    if quality.get("missing_labels", {}).get("cells"):
        summary["missing_labels"] = quality["missing_labels"]
    if "missing_counts" in dataset.notes:
        summary["missing"] = dataset.notes["missing_counts"]
    for key in ("skipped", "invalid_molecules", "duplicates"):
        if key in dataset.notes:  # counts here; the rows themselves go to skipped.csv / invalid_molecules.csv
            value = dataset.notes[key]
            summary[key] = len(value) if isinstance(value, (list, dict)) else value
    from .legacy import as_finding

    return summary, [as_finding(f) for f in quality["findings"]]


def resolved_hparams(name: str, hparams: dict[str, Any]) -> dict[str, Any]:
    """Every hyperparameter of model ``name``: its defaults, then the config's values."""
    from ..models import default_hparams

    resolved = {k: (list(v) if isinstance(v, tuple) else v) for k, v in default_hparams(name).items()}
    resolved.update(hparams)
    return resolved


def _unique(findings: list[Any]) -> list[Any]:
    """Findings in order, each once (a reader's and the data checks' may name the same thing)."""
    seen, out = set(), []
    for finding in findings:
        key = (finding.id, finding.message)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out


def _metric_parts(metrics: dict[str, Any]) -> dict[str, Any]:
    """The pipeline's metrics dict split into the record's metrics, baselines, training, ..."""
    keep = ("test", "val", "bootstrap", "subgroups", "conformal", "referral", "uncertainty_note", "ood")
    out = {"metrics": {k: metrics[k] for k in keep if k in metrics}}
    for key in ("baselines", "training", "federated", "privacy"):
        out[key] = metrics.get(key)
    return out


def build_record(cfg, *, predictor, model_name: str, dataset, splits, split_index, metrics: dict[str, Any],
                 started: float | None = None, evaluations=None, tuning=None, findings=(),
                 profile: Any = "train", steps: dict[str, float] | None = None) -> RunRecord:
    """The :class:`RunRecord` of a trained model.

    ``predictor``: the fitted :class:`~mednn.predictor.Predictor` (task, threshold, calibration,
    conformal rule, target scaler); ``metrics``: test / val metrics, bootstrap, subgroups,
    conformal coverage, referral, baselines, training, federated and privacy summaries (the
    pipeline's ``metrics`` dict; its ``n`` gives the split sizes); ``started``: the
    ``time.perf_counter()`` when the run started; ``steps``: the seconds each step took (prepare,
    train, evaluate, explain); ``findings``: what the reader and training
    noticed (:class:`~mednn.findings.Finding`), stored after the data checks' own; ``profile``: the
    training profile external sites are checked against (:func:`mednn.evaluation.shift.training_profile`),
    computed from ``splits.train`` by default ("train"; a split without rows, as at a federated
    coordinator, gives none).
    """
    from ..versions import software_versions

    featurizer, task = predictor.featurizer, predictor.task
    data, checked = data_summary(dataset, splits, split_index, featurizer, cfg, counts=metrics.get("n"))
    training = metrics.get("training") or {}
    provenance = {
        "seed": cfg.seed, "data_fingerprint": data_fingerprint(dataset),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "seconds_total": round(time.perf_counter() - started, 3) if started is not None else None,
        "seconds_per_step": dict(steps) if steps else None,
        "world_size": training.get("world_size", 1),
        "versions": {str(k): str(v) for k, v in software_versions().items()},
    }
    findings = _unique(checked + list(findings))
    if isinstance(profile, str) and profile == "train":
        from ..evaluation.shift import training_profile

        profile = training_profile(splits.train, featurizer, dataset.modality)
    conformal = predictor.conformal.state_dict() if predictor.conformal is not None else None
    scaler = predictor.target_scaler.state_dict() if predictor.target_scaler is not None else None
    ood = _ood_parts(predictor)[0]
    return RunRecord.model_validate({
        "config": cfg, "task": {"kind": task.kind, "class_names": list(task.class_names)},
        "modality": predictor.modality, "deid": bool(predictor.deid), "threshold": predictor.threshold_rule,
        "calibration": predictor.calibration, "conformal": conformal, "target_scaler": scaler, "ood": ood,
        "model": {"name": model_name, "hparams": resolved_hparams(model_name, cfg.model.hparams),
                  "input_shape": list(featurizer.input_shape),
                  "n_parameters": sum(p.numel() for p in predictor.model.parameters()),
                  "ensemble": len(training.get("ensemble") or ()) or 1},
        "featurizer": {"name": featurizer.name, "params": featurizer.params()},
        "data": data, "findings": findings, **_metric_parts(metrics),
        "profile": profile, "evaluations": evaluations or {}, "tuning": tuning, "provenance": provenance,
    })


def _ood_parts(predictor) -> tuple[Any, dict[str, Any]]:
    """The Predictor's out-of-distribution scorer as (OODRecord, arrays), or (None, {})."""
    from .schema import OODRecord

    scorer = getattr(predictor, "ood", None)
    return OODRecord.from_state(scorer.state_dict()) if scorer is not None else (None, {})


# --- the arrays and tables -------------------------------------------------------------------------

def side_tables(dataset) -> dict[str, str]:
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


def history_csv(history: list[dict[str, float]]) -> str:
    if not history:
        return "epoch,train_loss,val_loss,lr,seconds\n"
    columns = list(history[0])
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in history:
        writer.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v) for k, v in row.items()})
    return buf.getvalue()


def predictions_frame(predictor, splits, assessments: dict[str, dict[str, Any]]):
    """predictions.csv of the run as a DataFrame: validation and test samples at the run's
    operating point, with their conformal sets / intervals and uncertainty."""
    import pandas as pd

    parts = []
    for s in ("val", "test"):
        part = getattr(splits, s)
        a = assessments[s]
        parts.append(predictor.prediction_frame(list(part.ids), a["prob"], part.targets, [s] * len(part),
                                                assessment=a))
    return pd.concat(parts, ignore_index=True)


def build_artifacts(predictor, *, dataset, splits, results, assessments, sections,
                    image_id_key: bytes | None = None) -> RunArtifacts:
    """The arrays and tables of a trained model (``results``: one training result per member)."""
    n_members = len(results)
    history = [{"member": i + 1, **row} if n_members > 1 else row for i, r in enumerate(results) for row in r.history]
    return RunArtifacts(
        weights={k: v.detach().cpu().contiguous() for k, v in predictor.model.state_dict().items()},
        featurizer_state=predictor.featurizer.state_dict(), history=history,
        predictions=predictions_frame(predictor, splits, assessments), explanations=list(sections or []),
        side_tables=side_tables(dataset), ood_arrays=_ood_parts(predictor)[1], image_id_key=_image_id_key(dataset, image_id_key))


def _image_id_key(dataset, run_key: bytes | None) -> str | None:
    """An image run keeps the key its DICOM images were named under, so that its predict and
    evaluate name new images the same way (none when the key was MEDNN_DEID_SECRET's)."""
    if getattr(dataset, "modality", None) != "images":
        return None
    from ..data.dicom_privacy import key_to_store

    return key_to_store(run_key)


# --- the writer ----------------------------------------------------------------------------------

def write_run(out: str | Path, record: RunRecord, artifacts: RunArtifacts, *, overwrite: bool = False) -> Path:
    """Write the run directory ``out`` atomically from its record and artifacts; return ``out``.

    Only an intact run is replaced, and only with ``overwrite``; an interrupted or failed write
    leaves nothing that looks finished (:class:`~mednn.runs.writer.RunWriter`).
    """
    from safetensors.torch import save_file

    from ..reports.model_card import MODEL_CARD, build_model_card
    from .files import frame_to_csv
    from .load import loaded_view
    from .record_io import plain
    from .writer import RunWriter, save_state

    with RunWriter(Path(out), overwrite=overwrite) as run:
        write_record(run, record)
        save_file(dict(artifacts.weights), str(run.file("model.safetensors")))
        save_state(run, "featurizer", {"name": record.featurizer.name, "params": record.featurizer.params,
                                       "state": artifacts.featurizer_state})
        if artifacts.ood_arrays:
            from safetensors.numpy import save_file as save_arrays

            save_arrays(dict(artifacts.ood_arrays), str(run.file("ood.safetensors")))
        run.write_text("history.csv", history_csv(artifacts.history))
        if artifacts.predictions is not None:
            run.write_text("predictions.csv", frame_to_csv(artifacts.predictions))
        if artifacts.explanations:
            run.write_json("explanations.json", artifacts.explanations)
        for name, rows in artifacts.side_tables.items():
            run.write_text(name, rows)
        if artifacts.image_id_key:
            from ..data.dicom_privacy import RUN_KEY_FILE

            run.write_text(RUN_KEY_FILE, artifacts.image_id_key + "\n")
        run.manifest_extra = plain(record.provenance)
        view = loaded_view(run.path, record)
        run.write_json(MODEL_CARD, build_model_card(view))
        if record.config.report.enabled:
            from ..reports.html import build_report

            run.write_text("report.html", build_report(view))
    return Path(out)


def write_training_run(out: Path, cfg, *, overwrite: bool, predictor, name: str, dataset, splits, split_index,
                       metrics, results, assessments, sections, t0: float, findings=()) -> Path:
    """Record, artifacts and write in one call."""
    record = build_record(cfg, predictor=predictor, model_name=name, dataset=dataset, splits=splits,
                          split_index=split_index, metrics=metrics, started=t0, findings=findings)
    artifacts = build_artifacts(predictor, dataset=dataset, splits=splits, results=results,
                                assessments=assessments, sections=sections)
    return write_run(out, record, artifacts, overwrite=overwrite)

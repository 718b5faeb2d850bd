"""Scoring new data with a finished run: ``mednn predict`` and ``mednn evaluate``.

Both load the run's :class:`~mednn.predictor.Predictor` (files checked against the manifest),
read the input the way the run read its training data, and write or return results; neither
needs the original code path or data.

- :func:`predict_file`: any input the run's modality reads, labels not needed -> a CSV with
  one row per sample (``id`` = the input's own id column when it has one, otherwise the row
  number / the image's path; layout in ``docs/run-directory.md``).
- :func:`evaluate_file`: labelled input (e.g. another site) -> metrics with bootstrap CIs at
  the run's threshold; a file holding one class reports the metrics that are defined and
  names those that are not.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np

from .errors import DataError, problem
from .predictor import Predictor, frame_to_csv


def predict_file(run_dir: str | Path, input_path: str | Path, out: str | Path | None = None) -> Path:
    """Predict a file with a finished run; write ``out`` (CSV) atomically and return its path."""
    from .runs import check_output_file, open_atomic, side_tables, write_text_atomic

    # before any work: never the input, never inside a run, a parent that exists and is writable
    out = check_output_file(out if out is not None else _default_out(Path(input_path)), inputs=[input_path, run_dir])
    predictor = Predictor.load(run_dir)
    dataset = predictor.read(input_path, labels=False)
    assessment = predictor.assess(predictor.featurizer.transform(dataset))
    frame = predictor.prediction_frame(list(dataset.ids), assessment["prob"], assessment=assessment)
    if predictor.ood is not None:  # mednn.ood (issue 19): more flags than the target rate explains
        from .ood.run import ood_finding

        finding = ood_finding(assessment["out_of_distribution"], predictor.ood.fpr, str(Path(input_path).name))
        if finding is not None:
            warnings.warn(f"[{finding.id}] {finding.message}", stacklevel=2)
    for name, rows_ in side_tables(dataset).items():
        # inputs that could not be predicted (invalid molecules, unreadable files) are listed
        side = out.with_name(f"{out.stem}.{name}")
        write_text_atomic(side, rows_)
        warnings.warn(f"{len(dataset.notes.get(name.removesuffix('.csv'), []))} inputs could not be "
                      f"predicted; they are listed in {side}", stacklevel=2)
    ignored = dataset.notes.get("ignored_columns")
    if ignored:
        warnings.warn(f"{len(ignored)} column(s) of {input_path} are not model inputs and were ignored: "
                      f"{', '.join(map(str, ignored[:10]))}{', ...' if len(ignored) > 10 else ''}", stacklevel=2)
    with open_atomic(out, newline="") as f:  # disk full / read-only: one line, nothing half-written
        frame_to_csv(frame, f)
    return out


def _default_out(input_path: Path) -> Path:
    if input_path.is_dir():  # a folder of images: the table goes beside it
        return input_path.with_name(f"{input_path.name}.predictions.csv")
    return input_path.with_name(f"{input_path.name.split('.')[0]}.predictions.csv")


def evaluate_file(run_dir: str | Path, data_path: str | Path, *, n_bootstrap: int | None = None) -> dict[str, Any]:
    """Metrics (with bootstrap CIs) of a finished run on new labelled data, e.g. an external site."""
    from .evaluation import evaluate

    predictor = Predictor.load(run_dir)
    dataset = predictor.read(data_path, labels=True)
    task = predictor.task
    if dataset.task.kind != task.kind or list(dataset.task.class_names) != list(task.class_names):
        raise DataError(problem(
            f"The labels of {data_path} do not match the run's task ({task.kind}, {len(task.class_names)} classes)",
            fix="use the same label column and coding as the training data (or data.label_map)"))
    features = predictor.featurizer.transform(dataset)
    prob = predictor.proba_from_logits(predictor.logits(features))
    cfg_eval = predictor.config.evaluate
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # undefined metrics are listed below instead
        metrics = evaluate(task, dataset.targets, prob, threshold=predictor.threshold,
                           n_bootstrap=cfg_eval.bootstrap if n_bootstrap is None else n_bootstrap,
                           confidence=cfg_eval.confidence, seed=predictor.config.seed)
    undefined = sorted(_undefined(metrics))
    result: dict[str, Any] = {
        "task": task.kind,
        "data": str(data_path),
        "n": len(dataset),
        "class_counts": dataset.class_counts(),
        "threshold": predictor.threshold,
        "metrics": metrics,
    }
    if predictor.ood is not None:  # mednn.ood (issue 19): flagged records and the finding
        result.update(_ood_evaluation(predictor, features, Path(data_path).name))
    if undefined:
        result["undefined"] = {
            "metrics": undefined,
            "why": "not defined on these data (e.g. AUROC and specificity need both classes present)",
        }
    return result


def _ood_evaluation(predictor: Predictor, features: Any, where: str) -> dict[str, Any]:
    from .ood.run import assess_ood, ood_finding, ood_summary

    flagged = assess_ood(predictor.ood, predictor, features)
    out: dict[str, Any] = {"ood": ood_summary(predictor.ood, flagged["out_of_distribution"], flagged["ood_score"])}
    finding = ood_finding(flagged["out_of_distribution"], predictor.ood.fpr, where)
    if finding is not None:
        warnings.warn(f"[{finding.id}] {finding.message}", stacklevel=3)
        out["findings"] = [finding.to_dict()]
    return out


def _undefined(node: Any, prefix: str = "") -> list[str]:
    out: list[str] = []
    if isinstance(node, dict):
        if set(node) >= {"value", "ci95"}:
            value = node["value"]
            if value is None or (isinstance(value, float) and np.isnan(value)):
                out.append(prefix)
            return out
        for key, child in node.items():
            if key in ("confusion_matrix",):
                continue
            out += _undefined(child, f"{prefix}.{key}" if prefix else str(key))
    return out

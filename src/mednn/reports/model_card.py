"""The model card of a run: the items of the TRIPOD+AI and CLAIM reporting checklists that a
training tool knows, filled from the run's record.

:func:`build_model_card` takes a loaded run (``mednn.runs.load_run(path, model=False)``; the
writer passes the run it is writing) and returns ``model_card.json``'s content: plain data,
one entry per checklist item::

    {"checklist": "TRIPOD+AI", "item": "11", "topic": "Missing data",
     "value": "...", "source": "data.json, featurizer.json"}

Item numbers are those of TRIPOD+AI (Collins et al., BMJ 2024;385:e078378) and of the CLAIM 2024
update (Tejani et al., Radiol Artif Intell 2024;6(4):e240300). A topic that both checklists ask
for appears once per checklist with the same value and source; ``source`` names the run file
the value is stored in. What only the authors know (the intended use, the limitations) comes
from ``report.intended_use`` / ``report.limitations`` in the config; when missing, the entry
says so plainly and names the key to fill in.

The card holds counts, settings and aggregate metrics only: never a patient value.

>>> card = build_model_card(load_run("runs/breast-cancer", model=False))  # doctest: +SKIP
>>> [e["item"] for e in card["items"] if e["checklist"] == "CLAIM"][:3]  # doctest: +SKIP
['7', '35', '12']
"""

from __future__ import annotations

import math
from typing import Any

from .view import group_unit, groups_source, plural

SCHEMA = 1
MODEL_CARD = "model_card.json"
CHECKLISTS = {
    "TRIPOD+AI": "TRIPOD+AI (Collins et al., BMJ 2024;385:e078378)",
    "CLAIM": "CLAIM 2024 update (Tejani et al., Radiol Artif Intell 2024;6(4):e240300)",
}
MISSING_INTENDED_USE = ("MISSING: the intended use (target population, clinical setting, intended users) has not "
                        "been written. The authors must write it: set report.intended_use in the config.")
MISSING_LIMITATIONS = ("MISSING: the limitations have not been written. The authors must write them: set "
                       "report.limitations in the config.")
NO_EXTERNAL = "none: no external data set has been evaluated (evaluate one with `mednn evaluate RUN --data FILE`)"
_SPLITS = ("train", "val", "test")
T, C = "TRIPOD+AI", "CLAIM"


def _number(value: Any) -> Any:
    """A number at full precision (rounded once, when the card is written: :func:`_rounded`); a
    non-finite float is None."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _rounded(value: Any, digits: int) -> Any:
    """Every float of a card rounded once from full precision: ``digits`` decimals, or 3
    significant digits for a smaller number (a DP delta of 1e-05 stays 1e-05, never 0.0)."""
    if isinstance(value, dict):
        return {k: _rounded(v, digits) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v, digits) for v in value]
    if isinstance(value, float) and math.isfinite(value):
        return round(value, digits) if value == 0 or abs(value) >= 10 ** -digits else float(f"{value:.3g}")
    return value


def _metric(entry: Any) -> dict[str, Any] | None:
    """``{"value", "ci95"}`` of a metrics entry (rounded), None when it is not a metric."""
    if isinstance(entry, dict) and isinstance(entry.get("value"), (int, float)) and not isinstance(entry["value"], bool):
        out: dict[str, Any] = {"value": _number(entry["value"])}
        ci = entry.get("ci95")
        if isinstance(ci, list) and len(ci) == 2 and all(isinstance(x, (int, float)) for x in ci):
            out["ci95"] = [_number(ci[0]), _number(ci[1])]
        return out
    return None


def _metrics(block: dict[str, Any], kind: str) -> dict[str, Any]:
    """The metrics of a block, each value once (:func:`~mednn.evaluation.metrics.distinct_metrics`)."""
    from ..evaluation.metrics import distinct_metrics

    return {k: m for k in distinct_metrics(block, kind) if (m := _metric(block[k])) is not None}


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


class _Card:
    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def add(self, cites: list[tuple[str, str]], topic: str, value: Any, source: str) -> None:
        for checklist, item in cites:
            self.items.append({"checklist": checklist, "item": item, "topic": topic, "value": value, "source": source})


def _data_items(card: _Card, record) -> None:
    data, featurizer = record.data, record.featurizer
    card.add([(T, "5a"), (C, "7")], "Data sources", {
        "source": data.source, "modality": data.modality, "format": data.notes.get("format"), "n_samples": data.n,
        "data_fingerprint": record.provenance.data_fingerprint,
    }, "data.json, manifest.json")
    counts: dict[str, Any] = {}
    for name in _SPLITS:
        part = data.splits.get(name)
        if part is not None:  # a regression split has no class counts
            counts[name] = {"n": part.n} | ({"class_counts": part.class_counts} if part.class_counts else {}) \
                | ({f"n_{group_unit(record)}s": part.n_patients} if part.n_patients is not None else {})
    excluded = {key: getattr(data, key) for key in ("skipped", "invalid_molecules", "duplicates")
                if getattr(data, key) is not None}
    if excluded:
        counts["excluded"] = excluded
    card.add([(T, "20a"), (T, "21"), (C, "35")], "Counts per split and class", counts, "data.json")
    missing = data.missing or {}
    policy = data.notes.get("missing_policy") or featurizer.params.get("missing")
    card.add([(T, "11"), (C, "12")], "Missing data", {
        "handling": policy or "not recorded (this featurizer does not handle missing values)",
        "featurizer_setting": featurizer.params.get("missing"),
        "columns_with_missing_values": len(missing),
        "missing_cells": sum(v for v in missing.values() if isinstance(v, int) and not isinstance(v, bool)),
        **_missing_label_counts(data),
    }, "data.json, featurizer.json")


def _missing_label_counts(data) -> dict[str, Any]:
    """Multi-task data: label cells without a value (the feature counts above are another matter)."""
    missing = data.missing_labels or {}
    labels = missing.get("per_label") or {}
    if not missing.get("cells"):
        return {}
    return {"labels_with_missing_values": sum(1 for v in labels.values() if v),
            "missing_label_cells": missing["cells"], "samples_with_missing_labels": missing.get("samples_with_any"),
            "label_handling": "a missing label is masked: left out of that label's loss and metrics"}


def _partition_items(card: _Card, record) -> None:
    cfg, data, kind = record.config, record.data, record.task.kind
    val_uses = ["the best epoch"] + (["the threshold", "the calibration"] if kind != "regression" else []) \
        + (["the conformal sets"] if record.metrics.conformal else [])
    card.add([(T, "12a"), (C, "19")], "Data partitions", {
        "method": data.split_method or cfg.split.method,
        "val_fraction": cfg.split.val_fraction, "test_fraction": cfg.split.test_fraction, "seed": cfg.seed,
        "use": f"train: fitting the weights; val: {_and(val_uses)}; test: the reported estimates only",
    }, "data.json, config.yaml")
    unit = group_unit(record)
    if data.groups is not None and unit == "scaffold":
        level = (f"scaffold level: every Bemis-Murcko scaffold ({data.groups.n_groups} scaffolds) lies in one "
                 "split only, so the test set holds unseen scaffolds (the molecules' patients are not known)")
    elif data.groups is not None:
        level = (f"patient level: every {unit} ({plural(data.groups.n_groups, unit)}, grouped by "
                 f"{groups_source(record)}) lies in one split only")
    else:
        level = ("sample level: each row or file is its own unit (no data.patient_column was set, so samples of "
                 "one patient could fall in different splits)")
    card.add([(C, "20")], "Level at which partitions are disjoint", {
        "level": level,
        f"{unit}s_shared_between_splits": data.leakage.get("shared_groups"),
        "duplicate_rows_between_splits": data.leakage.get("duplicate_rows"),
    }, "data.json")
    card.add([(T, "7"), (T, "12b"), (C, "9")], "Preprocessing", {
        "featurizer": record.featurizer.name, "params": record.featurizer.params,
        "input_shape": list(record.model.input_shape), "n_features": data.n_features,
        "quality_findings": len(record.findings),
    }, "featurizer.json, data.json")


def _model_items(card: _Card, record) -> None:
    model, train, training = record.model, record.config.train, record.training
    card.add([(T, "12c"), (C, "22")], "Model", {
        "architecture": model.name, "hparams": model.hparams, "n_parameters": model.n_parameters,
        "ensemble_members": model.ensemble, "initialisation": model.hparams.get("init") or "the architecture's default",
    }, "model.json")
    card.add([(C, "25")], "Training procedure", {
        "optimizer": train.optimizer, "lr": train.lr,
        **({"momentum": train.momentum} if train.optimizer == "sgd" else {}),  # sgd's default is 0.9, not 0
        "weight_decay": train.weight_decay,
        "batch_size": train.batch_size, "epochs": train.epochs, "schedule": train.schedule,
        "precision": train.precision, "early_stopping": train.early_stopping.enabled,
        "monitor": training.monitor, "best_epoch": training.best_epoch, "epochs_run": training.epochs_run,
        "augment": train.augment or "none",
    }, "config.yaml, metrics.json")
    tuning = record.tuning
    if isinstance(tuning, dict):
        trials = tuning.get("trials")
        chosen: dict[str, Any] = {"how": "tuned with Optuna on the validation split", "metric": tuning.get("metric"),
                                  "trials": len(trials) if isinstance(trials, list) else None}
        source = "tuning.json"
    else:
        chosen, source = {"how": "set in the config (no hyperparameter search: `mednn tune` writes tuning.json)"}, \
            "config.yaml"
    chosen["model_selection"] = (f"weights of the epoch with the best {training.monitor} on the validation split"
                                 if training.monitor else None)
    card.add([(T, "12c"), (C, "26")], "How the hyperparameters were chosen", chosen, source + ", metrics.json")
    if model.ensemble > 1:
        card.add([(C, "27")], "Ensembling", {
            "members": model.ensemble, "combination": "mean of the members' predicted probabilities (or values)",
        }, "model.json")
    train_split = record.data.splits.get("train")
    card.add([(T, "13"), (C, "19")], "Class imbalance", {
        "class_weights": train.class_weights, "sampler": train.sampler, "augment": train.augment or "none",
        "train_class_counts": (train_split.class_counts if train_split is not None else None) or None,
    } if record.task.kind != "regression" else "not applicable (regression)", "config.yaml, data.json")


def _output_item(card: _Card, record) -> None:
    if record.task.kind == "regression":
        output: dict[str, Any] = {"output": "a predicted value per sample"}
    else:
        threshold, calibration = record.threshold, record.calibration
        output = {
            "output": "class probabilities" + (" and a yes/no call at the threshold" if threshold else ""),
            "positive_class": record.task.positive_class,
            "threshold": {"method": threshold.method, "value": _number(threshold.value)
                          if not isinstance(threshold.value, list) else [_number(v) for v in threshold.value],
                          "chosen_on": threshold.chosen_on} if threshold is not None else None,
            "calibration": {"method": calibration.method, "temperature": _number(calibration.temperature),
                            "val_ece_before": _number(calibration.val_ece_before),
                            "val_ece_after": _number(calibration.val_ece_after)},
        }
    card.add([(T, "15")], "Model output, threshold and calibration", output, "predictor.json")


def _performance_items(card: _Card, record) -> None:
    metrics = record.metrics
    bootstrap = metrics.bootstrap
    test = record.data.splits.get("test")
    card.add([(T, "12e"), (T, "23a"), (C, "28"), (C, "29"), (C, "38")], "Performance with confidence intervals", {
        "split": "test", "n": test.n if test is not None else None, "metrics": _metrics(metrics.test, record.task.kind),
        "confidence_intervals": {"method": "bootstrap", "confidence": bootstrap.confidence,
                                 "resamples": bootstrap.n_resamples, "unit": bootstrap.unit},
    }, "metrics.json")
    subgroups = metrics.subgroups
    if subgroups:
        # a subgroup row names its characteristic under "group" (evaluate.subgroup_table): trial 12's
        # card listed none of its 8 gender / race subgroups while reading "column"
        columns = sorted({str(r.get("group", r.get("column"))) for r in subgroups
                          if isinstance(r, dict) and r.get("group", r.get("column")) is not None})
        sub_value: Any = {"characteristics": columns, "subgroups": len(subgroups),
                          "note": "per-subgroup metrics with confidence intervals are in metrics.json (subgroups)"}
    else:
        sub_value = "no subgroup analysis (set evaluate.subgroups to data.meta_columns columns)"
    card.add([(T, "14"), (T, "23a"), (C, "37")], "Subgroups", sub_value, "metrics.json")
    baselines = record.baselines or {}
    if baselines.get("models"):
        primary = baselines.get("primary_metric")
        rows = {str(entry.get("label") or entry.get("name")): _metric((entry.get("test") or {}).get(primary))
                for entry in baselines["models"] if isinstance(entry, dict)}
        base_value: Any = {"metric": primary, "network": _number(baselines.get("network")), "baselines": rows}
    else:
        base_value = "no baseline models were fitted (evaluate.baselines)"
    card.add([(C, "28")], "Comparison with simple models", base_value, "metrics.json")
    conformal = metrics.conformal
    if conformal:
        conf_value: Any = {"method": conformal.get("method"), "target_coverage": conformal.get("target_coverage"),
                           "test_coverage": _metric(conformal.get("coverage")),
                           "calibrated_on": f"validation split ({conformal.get('n_calibration')} samples)"}
    else:
        conf_value = metrics.uncertainty_note or "no conformal prediction (evaluate.conformal.coverage)"
    card.add([(T, "15"), (C, "29")], "Conformal prediction sets / intervals", conf_value, "metrics.json")
    _external_item(card, record)


def _shift_summary(evaluation) -> Any:
    """What the shift check of one site found: counts and column names."""
    shift = evaluation.shift
    if shift is None or not shift.checked:
        return "not checked (the run has no training profile)"
    flagged = {}
    for row in shift.rows:
        flagged.setdefault(row.severity, [])
        if row.column not in flagged[row.severity]:
            flagged[row.severity].append(row.column)
    return {"columns_compared": shift.columns, "warnings": sum(r.severity == "warning" for r in shift.rows),
            "notes": sum(r.severity == "info" for r in shift.rows),
            "columns_with_warnings": flagged.get("warning", []), "columns_with_notes": flagged.get("info", [])}


def _external_item(card: _Card, record) -> None:
    """Internal and external testing: every ``evaluations/<site>.json`` with its headline metrics."""
    evaluations = record.evaluations
    external: Any = NO_EXTERNAL
    if evaluations:
        kind = record.task.kind
        external = {site: {"n": e.n, "data": e.data, "evaluated": e.created, "metrics": _metrics(e.metrics, kind),
                           "calibration_ece": _number(e.calibration.ece) if e.calibration is not None else None,
                           "dataset_shift": _shift_summary(e)}
                    for site, e in sorted(evaluations.items())}
    sources = "data.json" + (", " + ", ".join(f"evaluations/{s}.json" for s in sorted(evaluations)) if evaluations
                             else "")
    card.add([(C, "32"), (C, "33")], "Internal and external testing", {
        "internal": "held-out test split of the same data source", "external": external,
    }, sources)


def _explain_privacy_items(card: _Card, run) -> None:
    record = run.record
    cfg = record.config
    # the note of what explain.budget cut (method "budget") is no explanation method
    titles = [str(s.get("title")) for s in run.explanations()
              if isinstance(s, dict) and s.get("title") and s.get("method") != "budget"]
    if titles:
        expl_value: Any = {"methods": titles}
        expl_source = "explanations.json"
    elif not cfg.explain.enabled:
        expl_value, expl_source = "none (explain.enabled is false)", "config.yaml"
    else:
        expl_value, expl_source = {"methods": list(cfg.explain.methods) or "none computed"}, "config.yaml"
    card.add([(C, "31")], "Explainability methods", expl_value, expl_source)
    deid_counts = record.data.notes.get("deid")
    card.add([(C, "11")], "De-identification", {
        "deid": bool(cfg.privacy.deid),
        "method": "mednn.privacy.deid replaced identifiers in the text before training" if cfg.privacy.deid
        else "none by mednn (the data must be de-identified before it is given to mednn)",
        "replacements_per_type": deid_counts if isinstance(deid_counts, dict) else None,
    }, "config.yaml, data.json")
    privacy, federated = record.privacy or {}, record.federated or {}
    priv_value: dict[str, Any] = {"differential_privacy": bool(cfg.privacy.dp)}
    if privacy:
        priv_value.update({k: _number(privacy.get(k)) for k in ("mechanism", "epsilon", "delta", "noise_multiplier",
                                                                 "max_grad_norm") if k in privacy})
    if federated:
        priv_value["federated"] = {"site_column": federated.get("site_column"),
                                   "sites": len(federated.get("sites") or []), "rounds": federated.get("rounds_run")}
    card.add([(T, "12c")], "Privacy-preserving training", priv_value, "config.yaml, metrics.json")


def _author_items(card: _Card, record) -> None:
    card.add([(C, "23"), (T, "18f")], "Software versions", dict(record.provenance.versions), "manifest.json")
    intended, limitations = record.config.report.intended_use, record.config.report.limitations
    card.add([(T, "3b"), (C, "3")], "Intended use",
             intended if isinstance(intended, str) and intended.strip() else MISSING_INTENDED_USE, "config.yaml")
    card.add([(T, "26"), (C, "40")], "Limitations",
             limitations if isinstance(limitations, str) and limitations.strip() else MISSING_LIMITATIONS,
             "config.yaml")


def build_model_card(run, digits: int | None = 4) -> dict[str, Any]:
    """The model card (``model_card.json``) of a loaded run (``run.record``, ``run.explanations()``),
    its numbers rounded to ``digits`` decimals; ``digits=None`` keeps full precision, for a reader
    that rounds them itself (the report's section: one rounding, as the report's body)."""
    record = run.record
    card = _Card()
    _data_items(card, record)
    _partition_items(card, record)
    _model_items(card, record)
    _output_item(card, record)
    _performance_items(card, record)
    _explain_privacy_items(card, run)
    _author_items(card, record)
    items = card.items if digits is None else _rounded(card.items, digits)
    return {"schema": SCHEMA, "checklists": dict(CHECKLISTS), "items": items}

"""The model card of a run: the items of the TRIPOD+AI and CLAIM reporting checklists that a
training tool knows, filled from the run's own files.

:func:`build_model_card` reads only files of a run directory (``config.yaml``, ``data.json``,
``model.json``, ``featurizer.json``, ``metrics.json``, ``explanations.json``, ``tuning.json``,
``manifest.json`` where present) and returns ``model_card.json``'s content: plain data, one entry
per checklist item::

    {"checklist": "TRIPOD+AI", "item": "11", "topic": "Missing data",
     "value": "...", "source": "data.json, featurizer.json"}

Item numbers are those of TRIPOD+AI (Collins et al., BMJ 2024;385:e078378) and of the CLAIM 2024
update (Tejani et al., Radiol Artif Intell 2024;6(4):e240300). A topic that both checklists ask
for appears once per checklist with the same value and source. What only the authors know (the
intended use, the limitations) comes from ``report.intended_use`` / ``report.limitations`` in the
config; when missing, the entry says so plainly and names the key to fill in.

The card holds counts, settings and aggregate metrics only: never a patient value.

>>> card = build_model_card(Path("runs/breast-cancer"))  # doctest: +SKIP
>>> [e["item"] for e in card["items"] if e["checklist"] == "CLAIM"][:3]  # doctest: +SKIP
['7', '35', '12']
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

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
_SPLITS = ("train", "val", "test")


def _json(path: Path) -> Any:
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _yaml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    import yaml

    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _get(tree: dict[str, Any], dotted: str, default: Any = None) -> Any:
    node: Any = tree
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def _number(value: Any, digits: int = 4) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    if isinstance(value, float):
        return round(value, digits) if math.isfinite(value) else None
    return value


def _metric(entry: Any) -> dict[str, Any] | None:
    """``{"value", "ci95"}`` of a metrics.json entry (rounded), None when it is not a metric."""
    if isinstance(entry, dict) and isinstance(entry.get("value"), (int, float)) and not isinstance(entry["value"], bool):
        out: dict[str, Any] = {"value": _number(entry["value"])}
        ci = entry.get("ci95")
        if isinstance(ci, list) and len(ci) == 2 and all(isinstance(x, (int, float)) for x in ci):
            out["ci95"] = [_number(ci[0]), _number(ci[1])]
        return out
    return None


def _versions(manifest: dict[str, Any] | None) -> dict[str, str]:
    """The software versions, as ``runs.build_manifest`` records them (read from the manifest when
    the run has one; measured in this process while the run is being written)."""
    recorded = _dict(_dict(manifest).get("versions"))
    if recorded:
        return {str(k): str(v) for k, v in recorded.items()}
    from ..versions import software_versions

    return {str(k): str(v) for k, v in software_versions().items()}


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


class _Card:
    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def add(self, cites: list[tuple[str, str]], topic: str, value: Any, source: str) -> None:
        for checklist, item in cites:
            self.items.append({"checklist": checklist, "item": item, "topic": topic, "value": value, "source": source})


def build_model_card(run_dir: Path | str, *, manifest_extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The model card (``model_card.json``) of the run in ``run_dir``.

    ``manifest_extra`` is what the run's manifest will record besides the file hashes (the data
    fingerprint, the seed) while the run is still being written; a finished run's
    ``manifest.json`` is read instead.
    """
    run = Path(run_dir)
    cfg = _yaml(run / "config.yaml")
    data = _dict(_json(run / "data.json"))
    model = _dict(_json(run / "model.json"))
    featurizer = _dict(_json(run / "featurizer.json"))
    metrics = _dict(_json(run / "metrics.json"))
    predictor = _dict(_json(run / "predictor.json"))
    explanations = _json(run / "explanations.json")
    tuning = _json(run / "tuning.json")
    manifest = _json(run / "manifest.json")
    recorded = {**_dict(manifest), **(manifest_extra or {})}
    kind = _get(metrics, "task") or _get(data, "task.kind") or _get(model, "task.kind")
    card = _Card()
    T, C = "TRIPOD+AI", "CLAIM"

    # ---- data
    notes = _dict(data.get("notes"))
    card.add([(T, "5a"), (C, "7")], "Data sources", {
        "source": data.get("source"), "modality": data.get("modality"), "format": notes.get("format"),
        "n_samples": data.get("n"),
        "data_fingerprint": recorded.get("data_fingerprint")
        or "sha256 of the sample ids and labels, recorded in manifest.json",
    }, "data.json, manifest.json")

    splits = _dict(data.get("splits"))
    counts: dict[str, Any] = {}
    for name in _SPLITS:
        part = _dict(splits.get(name))
        if part:  # a regression split has no class counts
            counts[name] = {"n": part.get("n")} | ({"class_counts": part["class_counts"]} if part.get("class_counts") else {})
    excluded = {key: data[key] for key in ("skipped", "invalid_molecules", "duplicates") if isinstance(data.get(key), int)}
    if excluded:
        counts["excluded"] = excluded
    card.add([(T, "20a"), (T, "21"), (C, "35")], "Counts per split and class", counts, "data.json")

    missing_counts = _dict(data.get("missing"))
    policy = notes.get("missing_policy") or _get(featurizer, "params.missing")
    card.add([(T, "11"), (C, "12")], "Missing data", {
        "handling": policy or "not recorded (this featurizer does not handle missing values)",
        "featurizer_setting": _get(featurizer, "params.missing"),
        "columns_with_missing_values": len(missing_counts),
        "missing_cells": sum(v for v in missing_counts.values() if isinstance(v, int) and not isinstance(v, bool)),
    }, "data.json, featurizer.json")

    # ---- partitions
    groups = _dict(data.get("groups"))
    leakage = _dict(data.get("leakage"))
    val_uses = ["the best epoch"] + (["the threshold", "the calibration"] if kind != "regression" else []) \
        + (["the conformal sets"] if metrics.get("conformal") else [])
    card.add([(T, "12a"), (C, "19")], "Data partitions", {
        "method": data.get("split_method") or _get(cfg, "split.method"),
        "val_fraction": _get(cfg, "split.val_fraction"), "test_fraction": _get(cfg, "split.test_fraction"),
        "seed": _get(cfg, "seed"),
        "use": f"train: fitting the weights; val: {_and(val_uses)}; test: the reported estimates only",
    }, "data.json, config.yaml")
    if groups.get("column"):
        level = (f"patient level: every value of column {groups['column']!r} ({groups.get('n_groups')} groups) "
                 "lies in one split only")
    else:
        level = ("sample level: each row or file is its own unit (no data.patient_column was set, so samples of "
                 "one patient could fall in different splits)")
    card.add([(C, "20")], "Level at which partitions are disjoint", {
        "level": level,
        "patients_shared_between_splits": leakage.get("shared_groups"),
        "duplicate_rows_between_splits": leakage.get("duplicate_rows"),
    }, "data.json")

    # ---- preprocessing
    card.add([(T, "7"), (T, "12b"), (C, "9")], "Preprocessing", {
        "featurizer": featurizer.get("name") or model.get("featurizer"),
        "params": featurizer.get("params"),
        "input_shape": model.get("input_shape") or data.get("input_shape"),
        "n_features": data.get("n_features"),
        "quality_findings": len(data.get("findings") or []),
    }, "featurizer.json, data.json")

    # ---- model, training, choice of hyperparameters
    card.add([(T, "12c"), (C, "22")], "Model", {
        "architecture": model.get("name"), "hparams": model.get("hparams"),
        "n_parameters": model.get("n_parameters"), "ensemble_members": model.get("ensemble"),
        "initialisation": _get(model, "hparams.init") or "the architecture's default",
    }, "model.json")
    train = _dict(cfg.get("train"))
    training = _dict(metrics.get("training"))
    card.add([(C, "25")], "Training procedure", {
        key: train.get(key) for key in ("optimizer", "lr", "weight_decay", "batch_size", "epochs", "schedule",
                                        "precision") if key in train
    } | {
        "early_stopping": _dict(train.get("early_stopping")).get("enabled"),
        "monitor": training.get("monitor"), "best_epoch": training.get("best_epoch"),
        "epochs_run": training.get("epochs_run"), "augment": train.get("augment") or "none",
    }, "config.yaml, metrics.json")
    if isinstance(tuning, dict):
        trials = tuning.get("trials")
        chosen = {"how": "tuned with Optuna on the validation split",
                  "metric": tuning.get("metric"),
                  "trials": len(trials) if isinstance(trials, list) else None}
        chosen_source = "tuning.json"
    else:
        chosen = {"how": "set in the config (no hyperparameter search: `mednn tune` writes tuning.json)"}
        chosen_source = "config.yaml"
    chosen["model_selection"] = (f"weights of the epoch with the best {training.get('monitor')} on the validation split"
                                 if training.get("monitor") else None)
    card.add([(T, "12c"), (C, "26")], "How the hyperparameters were chosen", chosen, chosen_source + ", metrics.json")
    if isinstance(model.get("ensemble"), int) and model["ensemble"] > 1:
        card.add([(C, "27")], "Ensembling", {
            "members": model["ensemble"], "combination": "mean of the members' predicted probabilities (or values)",
        }, "model.json")

    # ---- imbalance
    class_counts = _dict(_dict(splits.get("train")).get("class_counts"))
    card.add([(T, "13"), (C, "19")], "Class imbalance", {
        "class_weights": train.get("class_weights"), "sampler": train.get("sampler"),
        "augment": train.get("augment") or "none",
        "train_class_counts": class_counts or None,
    } if kind != "regression" else "not applicable (regression)", "config.yaml, data.json")

    # ---- output, threshold, calibration
    threshold = _dict(metrics.get("threshold")) or _dict(predictor.get("threshold"))
    calibration = _dict(metrics.get("calibration"))
    if kind == "regression":
        output = {"output": "a predicted value per sample"}
    else:
        output = {
            "output": "class probabilities" + (" and a yes/no call at the threshold" if threshold else ""),
            "positive_class": metrics.get("positive_class"),
            "threshold": {k: _number(threshold.get(k)) for k in ("method", "value", "chosen_on") if k in threshold} or None,
            "calibration": {"method": calibration.get("method"),
                            "temperature": _number(calibration.get("temperature")),
                            "val_ece_before": _number(calibration.get("val_ece_before")),
                            "val_ece_after": _number(calibration.get("val_ece_after"))} if calibration else None,
        }
    card.add([(T, "15")], "Model output, threshold and calibration", output, "metrics.json")

    # ---- performance
    test = _dict(metrics.get("test"))
    test_metrics = {k: m for k, v in test.items() if (m := _metric(v)) is not None}
    bootstrap = _dict(metrics.get("bootstrap"))
    performance = {
        "split": "test", "n": _get(metrics, "n.test"), "metrics": test_metrics,
        "confidence_intervals": {"method": "bootstrap", "confidence": bootstrap.get("confidence"),
                                 "resamples": bootstrap.get("n_resamples")} if bootstrap else None,
    }
    card.add([(T, "12e"), (T, "23a"), (C, "28"), (C, "29"), (C, "38")], "Performance with confidence intervals",
             performance, "metrics.json")
    subgroups = metrics.get("subgroups")
    if isinstance(subgroups, list) and subgroups:
        columns = sorted({str(r.get("column")) for r in subgroups if isinstance(r, dict) and r.get("column") is not None})
        sub_value: Any = {"characteristics": columns, "subgroups": len(subgroups),
                          "note": "per-subgroup metrics with confidence intervals are in metrics.json (subgroups)"}
    else:
        sub_value = "no subgroup analysis (set evaluate.subgroups to data.meta_columns columns)"
    card.add([(T, "14"), (T, "23a"), (C, "37")], "Subgroups", sub_value, "metrics.json")
    baselines = _dict(metrics.get("baselines"))
    if baselines.get("models"):
        primary = baselines.get("primary_metric")
        rows = {}
        for entry in baselines["models"]:
            if isinstance(entry, dict):
                rows[str(entry.get("label") or entry.get("name"))] = _metric(_dict(entry.get("test")).get(primary))
        base_value: Any = {"metric": primary, "network": _number(baselines.get("network")), "baselines": rows}
    else:
        base_value = "no baseline models were fitted (evaluate.baselines)"
    card.add([(C, "28")], "Comparison with simple models", base_value, "metrics.json")
    conformal = _dict(metrics.get("conformal"))
    if conformal:
        conf_value: Any = {"method": conformal.get("method"), "target_coverage": conformal.get("target_coverage"),
                           "test_coverage": _metric(conformal.get("coverage")),
                           "calibrated_on": f"validation split ({conformal.get('n_calibration')} samples)"}
    else:
        conf_value = metrics.get("uncertainty_note") or "no conformal prediction (evaluate.conformal.coverage)"
    card.add([(T, "15"), (C, "29")], "Conformal prediction sets / intervals", conf_value, "metrics.json")
    card.add([(C, "32"), (C, "33")], "Internal and external testing", {
        "internal": "held-out test split of the same data source",
        "external": "none: no external data set was evaluated in this run (evaluate one with `mednn evaluate`)",
    }, "data.json")

    # ---- explainability
    if isinstance(explanations, list) and explanations:
        titles = [str(s.get("title")) for s in explanations if isinstance(s, dict) and s.get("title")]
        expl_value: Any = {"methods": titles}
        expl_source = "explanations.json"
    elif _get(cfg, "explain.enabled") is False:
        expl_value, expl_source = "none (explain.enabled is false)", "config.yaml"
    else:
        expl_value, expl_source = {"methods": _get(cfg, "explain.methods") or "none computed"}, "config.yaml"
    card.add([(C, "31")], "Explainability methods", expl_value, expl_source)

    # ---- privacy
    deid_counts = notes.get("deid")
    card.add([(C, "11")], "De-identification", {
        "deid": bool(_get(cfg, "privacy.deid")),
        "method": "mednn.privacy.deid replaced identifiers in the text before training" if _get(cfg, "privacy.deid")
        else "none by mednn (the data must be de-identified before it is given to mednn)",
        "replacements_per_type": deid_counts if isinstance(deid_counts, dict) else None,
    }, "config.yaml, data.json")
    privacy = _dict(metrics.get("privacy"))
    federated = _dict(metrics.get("federated"))
    priv_value: dict[str, Any] = {"differential_privacy": bool(_get(cfg, "privacy.dp"))}
    if privacy:
        priv_value.update({k: _number(privacy.get(k)) for k in ("mechanism", "epsilon", "delta", "noise_multiplier",
                                                                 "max_grad_norm") if k in privacy})
    if federated:
        priv_value["federated"] = {"site_column": federated.get("site_column"),
                                   "sites": len(federated.get("sites") or []),
                                   "rounds": federated.get("rounds_run")}
    card.add([(T, "12c")], "Privacy-preserving training", priv_value, "config.yaml, metrics.json")

    # ---- software
    card.add([(C, "23"), (T, "18f")], "Software versions", _versions(manifest), "manifest.json")

    # ---- written by the authors
    intended = _get(cfg, "report.intended_use")
    limitations = _get(cfg, "report.limitations")
    card.add([(T, "3b"), (C, "3")], "Intended use",
             intended if isinstance(intended, str) and intended.strip() else MISSING_INTENDED_USE, "config.yaml")
    card.add([(T, "26"), (C, "40")], "Limitations",
             limitations if isinstance(limitations, str) and limitations.strip() else MISSING_LIMITATIONS, "config.yaml")

    return {"schema": SCHEMA, "checklists": dict(CHECKLISTS), "items": card.items}

"""Reading runs written by earlier mednn versions: their JSON mapped onto today's layout.

Earlier runs stored the task in ``model.json``, ``data.json``, ``metrics.json`` and
``predictor.json``, the threshold and calibration in ``metrics.json`` and ``predictor.json``,
and data findings as sentences. Each function here takes the parsed files of an older run and
returns them in the current layout (:mod:`mednn.runs.record_io`), dropping the copies. Only
what is cheap to map is mapped; anything else is refused by the schema with its usual message.
"""

from __future__ import annotations

from typing import Any

from ..findings import Finding

# sentence of mednn.data.quality -> the finding id it reports (for runs written before findings were typed)
_SENTENCES = (
    ("training samples; metrics for it", "class_too_small"),
    ("classes are imbalanced", "class_imbalance"),
    ("missing values", "missing_values"),
    ("hold only a few whole numbers", "integer_codes"),
    ("carry different labels", "conflicting_duplicates"),
    ("repeat another sample exactly", "duplicate_samples"),
    ("appear in both the", "split_leakage"),
    ("samples are identical to a", "split_leakage"),
    ("listed in the run directory", "skipped_inputs"),
)


def as_finding(item: Any) -> Finding:
    """A :class:`~mednn.findings.Finding` from a finding record, or from a sentence that
    ``mednn.data.quality`` wrote before findings were typed (a warning with its leading count)."""
    if isinstance(item, Finding):
        return item
    if isinstance(item, dict):
        return Finding.from_dict(item)
    text = str(item)
    found = next((fid for words, fid in _SENTENCES if words in text), None)
    if found is None:
        raise ValueError(f"a finding must be a record with an id from mednn.findings.FINDING_IDS; got {text[:40]!r}")
    first = text.split(" ", 1)[0]
    return Finding(found, "warning", text, count=int(first) if first.isdigit() else None)


def _drop(block: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in block.items() if k not in keys}


def predictor_part(predictor: dict[str, Any] | None, model: dict[str, Any], metrics: dict[str, Any],
                   config: Any) -> dict[str, Any]:
    """``predictor.json`` in today's layout: task, modality, deid, threshold, calibration,
    conformal, target scaler. Runs without the file take them from model.json / metrics.json."""
    if predictor is None:
        predictor = {"task": model.get("task"), "modality": model.get("modality"),
                     "threshold": metrics.get("threshold"), "calibration": metrics.get("calibration"),
                     "target_scaler": model.get("target_scaler"), "deid": bool(config.privacy.deid)}
    out = _drop(predictor, "positive_class", "temperature")
    task = out.get("task")
    if isinstance(task, dict) and "positive_class" not in task and predictor.get("positive_class") is not None:
        out["task"] = {**task, "positive_class": predictor["positive_class"]}
    calibration = out.get("calibration")
    if isinstance(calibration, dict) and calibration.get("method") == "none" and calibration.get("temperature") is None:
        out["calibration"] = _drop(calibration, "temperature")
    return out


def model_part(model: dict[str, Any]) -> dict[str, Any]:
    """``model.json`` without the task, scaler and version it once repeated."""
    return _drop(model, "task", "target_scaler", "modality", "featurizer", "mednn_version")


def data_part(data: dict[str, Any], metrics: dict[str, Any]) -> dict[str, Any]:
    """``data.json`` without its task copy; split sizes from metrics.json where missing."""
    out = _drop(data, "task", "findings")
    counts = metrics.get("n") if isinstance(metrics.get("n"), dict) else {}
    splits = dict(out.get("splits") or {})
    for name, n in counts.items():
        splits.setdefault(name, {"n": n})
    out["splits"] = splits
    return out


def metrics_part(metrics: dict[str, Any]) -> dict[str, Any]:
    """``metrics.json`` without the task, class names, counts, threshold and calibration copies."""
    return _drop(metrics, "task", "class_names", "positive_class", "n", "threshold", "calibration")


def provenance_part(manifest: dict[str, Any], config: Any) -> dict[str, Any]:
    """The manifest's provenance; very early runs lack some of it."""
    kept = ("seed", "data_fingerprint", "created", "seconds_total", "seconds_per_step", "world_size", "versions")
    out = {k: manifest[k] for k in kept if k in manifest}
    out.setdefault("seed", config.seed)
    out.setdefault("data_fingerprint", "not recorded")
    out.setdefault("created", "not recorded")
    out["versions"] = {str(k): str(v) for k, v in (out.get("versions") or {}).items()}
    return out

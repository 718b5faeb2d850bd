"""A :class:`~mednn.runs.schema.RunRecord` to and from the files of a run directory.

Each part of the record is written to one file (``schema.FILE_OF``): the task, threshold,
calibration, conformal rule and target scaler to ``predictor.json``; the network to
``model.json``; the data summary and findings to ``data.json``; metrics, baselines, training,
federated and privacy summaries to ``metrics.json``; external evaluations to
``evaluations/<site>.json``; provenance to ``manifest.json``. Reading maps runs of earlier
versions (:mod:`mednn.runs.legacy`) and validates the result: a value out of range is one
:class:`~mednn.errors.ModelError` line naming the file and the field.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import ModelError, problem
from ..findings import Finding
from . import legacy
from .files import read_json
from .schema import FILE_OF, RunRecord
from .schema_evaluation import EvaluationRecord

PREDICTOR_FIELDS = ("task", "modality", "deid", "threshold", "calibration", "conformal", "target_scaler", "ood")
METRICS_EXTRA_FIELDS = ("baselines", "training", "federated", "privacy")
EVALUATIONS = "evaluations"
TUNING = "tuning.json"
PROFILE = "profile.json"
# an external evaluation's site becomes a file name: one plain component
_SITE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def plain(value: Any) -> Any:
    """A record part as JSON data: unset optional fields left out, findings as their records."""
    if isinstance(value, BaseModel):
        out = {}
        for name, info in type(value).model_fields.items():
            item = getattr(value, name)
            if item is not None or info.is_required():  # a required null (an infinite quantile) stays
                out[name] = plain(item)
        return out
    if isinstance(value, Finding):
        return value.to_dict()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def predictor_json(record: RunRecord) -> dict[str, Any]:
    return {name: plain(getattr(record, name)) for name in PREDICTOR_FIELDS if getattr(record, name) is not None}


def data_json(record: RunRecord) -> dict[str, Any]:
    return {**plain(record.data), "findings": [f.to_dict() for f in record.findings]}


def metrics_json(record: RunRecord) -> dict[str, Any]:
    out = plain(record.metrics)
    for name in METRICS_EXTRA_FIELDS:
        if getattr(record, name) is not None:
            out[name] = plain(getattr(record, name))
    return out


def evaluation_file(site: str) -> str:
    return f"{EVALUATIONS}/{site}.json"


def check_site(site: str) -> str:
    """Return ``site`` if it can name an evaluation file (letters, digits, ``._-``; no ``/``)."""
    if not isinstance(site, str) or not _SITE.fullmatch(site) or ".." in site:
        raise ModelError(problem("An external evaluation's site name must be a plain name", got=repr(site)[:70],
                                 expected="letters, digits, '.', '_' or '-' (at most 64), without '/' or '..'",
                                 fix="pass --site NAME"))
    return site


def write_record(folder, record: RunRecord) -> None:
    """Write the record's JSON / YAML files into a :class:`~mednn.runs.writer.RunWriter` folder
    (``featurizer.json`` is written with the fitted state, by the caller)."""
    from ..config import dump_config

    folder.write_text("config.yaml", dump_config(record.config))
    folder.write_json("predictor.json", predictor_json(record))
    folder.write_json("model.json", plain(record.model))
    folder.write_json("data.json", data_json(record))
    folder.write_json("metrics.json", metrics_json(record))
    if record.profile is not None:
        folder.write_json(PROFILE, plain(record.profile))
    for site, evaluation in record.evaluations.items():
        folder.write_json(evaluation_file(site), plain(evaluation))
    if record.tuning is not None:
        folder.write_json(TUNING, record.tuning)


def _file_and_field(loc: tuple[Any, ...]) -> tuple[str, str]:
    """Where a validation error's location lies: (file of the run, field inside that file)."""
    top = str(loc[0]) if loc else ""
    rest = [str(p) for p in loc[1:]]
    if top == "evaluations" and rest:
        return evaluation_file(rest[0]), ".".join(rest[1:]) or "(the file)"
    if top in ("metrics", "model", "data", "provenance", "featurizer", "profile"):
        return FILE_OF.get(top, "?"), ".".join(rest) or "(the file)"
    return FILE_OF.get(top, "run files"), ".".join([top, *rest])


def record_error(exc: ValidationError, path: Path) -> ModelError:
    """One line naming the run file and field a validation error is about."""
    first = exc.errors()[0]
    name, field = _file_and_field(tuple(first.get("loc") or ()))
    message = str(first.get("msg", "invalid")).removeprefix("Value error, ")
    return ModelError(problem(f"{path / name}: '{field}' is invalid ({message})",
                              fix="restore the run's files from a backup or retrain the run"))


def _optional_json(path: Path, name: str, listed: dict[str, str]) -> Any:
    return read_json(path / name) if name in listed else None


def _evaluations(path: Path, listed: dict[str, str]) -> dict[str, Any]:
    out = {}
    for name in sorted(listed):
        if name.startswith(f"{EVALUATIONS}/") and name.endswith(".json") and name.count("/") == 1:
            out[name[len(EVALUATIONS) + 1:-len(".json")]] = read_json(path / name)
    return out


def read_parts(path: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """The parsed files of a run, mapped onto the record's fields (earlier layouts included)."""
    from ..config import load_config
    from .checks import check_model_info

    listed = manifest["files"]
    config = load_config(path / "config.yaml")
    model = read_json(path / "model.json")
    check_model_info(model, path / "model.json")  # sizes bounded before anything else reads them
    metrics = read_json(path / "metrics.json")
    data = read_json(path / "data.json") if "data.json" in listed else {}
    featurizer = read_json(path / "featurizer.json")
    for name, block in (("metrics.json", metrics), ("data.json", data), ("featurizer.json", featurizer)):
        if not isinstance(block, dict):
            raise ModelError(problem(f"{path / name} must hold a JSON object", fix="restore it or retrain the run"))
    predictor = legacy.predictor_part(_optional_json(path, "predictor.json", listed), model, metrics, config)
    metric_part = legacy.metrics_part(metrics)
    try:
        findings = [legacy.as_finding(f) for f in data.get("findings") or []]
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelError(problem(f"{path / 'data.json'}: 'findings' is invalid ({exc})",
                                 fix="restore the run's files or retrain the run")) from None
    return {
        "config": config, **predictor, "model": legacy.model_part(model),
        "featurizer": {"name": featurizer.get("name"), "params": featurizer.get("params") or {}},
        "data": legacy.data_part(data, metrics), "findings": findings,
        "metrics": {k: v for k, v in metric_part.items() if k not in METRICS_EXTRA_FIELDS},
        **{k: metric_part.get(k) for k in METRICS_EXTRA_FIELDS},
        "profile": _optional_json(path, PROFILE, listed),
        "evaluations": _evaluations(path, listed), "tuning": _optional_json(path, TUNING, listed),
        "provenance": legacy.provenance_part(manifest, config),
    }


def read_record(path: str | Path, manifest: dict[str, Any]) -> RunRecord:
    """The :class:`RunRecord` of a verified run (``manifest``: its checked manifest)."""
    path = Path(path)
    parts = read_parts(path, manifest)
    try:
        return RunRecord.model_validate(parts)
    except ValidationError as exc:
        raise record_error(exc, path) from None


def read_evaluation(data: Any, source: Path) -> EvaluationRecord:
    """An external evaluation's record, validated (one line naming the file on a bad value)."""
    try:
        return EvaluationRecord.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first.get("loc") or ()) or "(the file)"
        raise ModelError(problem(f"{source}: '{field}' is invalid ({first.get('msg')})",
                                 fix="restore the file or run mednn evaluate again")) from None

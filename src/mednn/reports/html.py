"""The self-contained HTML report of a run: the page a clinician is shown.

:func:`build_report` reads only the files of a run directory (``docs/run-directory.md``) and
renders ``templates/report.html`` (jinja2, shipped as package data) into one HTML string:
images inline as base64 PNG, CSS inline, no scripts, fonts or links to anything outside the
file, so it opens offline and prints. :func:`write_report` writes it atomically.

What the report never shows: patient text, raw feature values or file paths of individual
patients. It shows ids and aggregate statistics only; skipped or invalid rows appear as counts
per reason. A new section is a ``_<name>_section`` function returning a dict for the
template, plus its block in the template.
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import json
import math
import os
import re
import struct
import tempfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError
from ..explain.base import class_display_name

_METRIC_ORDER_CLASSIFICATION = (
    "auroc", "auprc", "accuracy", "balanced_accuracy", "sensitivity", "specificity", "ppv", "npv",
    "f1", "f1_macro", "f1_micro", "f1_samples", "precision_micro", "recall_micro", "brier", "ece",
)
# multilabel: the per-label table's columns (every binary metric per label would be too wide)
_PER_LABEL_COLUMNS = ("support", "threshold", "f1", "sensitivity", "ppv", "specificity", "auroc", "auprc")
_METRIC_ORDER_REGRESSION = ("rmse", "mae", "r2")
_SKIPPED_FILES = ("skipped*.csv", "invalid*.csv")
_MAX_FEATURES_SHOWN = 12
_MAX_MISSING_SHOWN = 15
# mednn.evaluation's ECE uses 15 equal-width bins; the figure uses as many only with enough
# predictions (about 10 per bin, at least 5 bins): 15 bins over 61 patients draws noise
_RELIABILITY_BINS = 15
_MIN_BINS = 5
_PER_BIN = 10
# below these test sizes the report warns that the metrics (and their bootstrap CIs) are unreliable
SMALL_TEST_SET = 30
SMALL_TEST_CLASS = 10
_NOT_METRICS = {"n", "per_class", "per_target", "per_label", "confusion_matrix", "threshold", "calibration"}


# --------------------------------------------------------------------------- reading


def _read_json(path: Path, *, required: bool = False) -> Any:
    if not path.is_file():
        if required:
            raise DataError(
                f"Run directory {path.parent} has no {path.name}; "
                "fix: pass a directory written by `mednn train` (or re-run `mednn evaluate` on it)"
            )
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        where = f" at line {line}" if line else ""
        raise DataError(f"{path} is not valid JSON{where}; fix: re-run `mednn evaluate` on the run") from None


def _read_yaml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    from ..config import read_yaml
    from ..errors import ConfigError

    try:  # bounded like any config: an alias bomb in an edited run file cannot exhaust memory
        loaded = read_yaml(path, what="Run file", fix="restore the run's config.yaml")
    except ConfigError as exc:
        raise DataError(str(exc)) from None
    return loaded if isinstance(loaded, dict) else {}


def _read_csv(path: Path):
    if not path.is_file():
        return None
    import pandas as pd

    try:
        # ids, splits and class names stay text ("0" must not become 0 or 0.0)
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError):
        raise DataError(f"{path} is not a readable CSV file; fix: re-run `mednn evaluate` on the run") from None
    return frame


def _numbers(frame, column: str) -> np.ndarray:
    import pandas as pd

    return pd.to_numeric(frame[column].replace("", np.nan), errors="coerce").to_numpy(dtype=float)


def _safetensors_shapes(path: Path) -> dict[str, list[int]]:
    """Tensor shapes from the safetensors header, without loading the weights."""
    try:
        with path.open("rb") as handle:
            (length,) = struct.unpack("<Q", handle.read(8))
            if length > 100_000_000:
                return {}
            header = json.loads(handle.read(length))
    except (OSError, struct.error, json.JSONDecodeError, UnicodeDecodeError):
        return {}
    return {k: list(v.get("shape", [])) for k, v in header.items() if k != "__metadata__" and isinstance(v, dict)}


class _LazyTensor:
    """One tensor of a safetensors file, read only when converted to an array: the weight
    view needs the first layer only, not the whole (possibly large) model."""

    def __init__(self, path: Path, name: str, shape: list[int]):
        self.path, self.name, self.shape = path, name, tuple(shape)

    def __array__(self, dtype=None, copy=None):
        from safetensors import safe_open

        try:
            with safe_open(str(self.path), framework="numpy") as handle:
                array = handle.get_tensor(self.name)
        except Exception:  # noqa: BLE001 - dtypes NumPy lacks (bfloat16) are read through torch
            with safe_open(str(self.path), framework="pt") as handle:
                array = handle.get_tensor(self.name).float().numpy()
        return array if dtype is None else array.astype(dtype)


def _lazy_weights(path: Path) -> dict[str, _LazyTensor]:
    return {name: _LazyTensor(path, name, shape) for name, shape in _safetensors_shapes(path).items()}


# --------------------------------------------------------------------------- formatting


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "not defined"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:.{digits}f}" if abs(value) >= 10 ** -digits or value == 0 else f"{value:.2g}"
    return str(value)


def _fmt_metric(entry: Any, confidence_label: str) -> str:
    """``{"value": 0.95, "ci95": [0.9, 0.99]}`` -> "0.950 (95% CI 0.900 to 0.990)"."""
    if isinstance(entry, dict):
        value, ci = entry.get("value"), entry.get("ci95")
    else:
        value, ci = entry, None
    text = _fmt(value)
    if value is not None and isinstance(ci, (list, tuple)) and len(ci) == 2 and all(_is_number(c) for c in ci):
        text += f" ({confidence_label} {_fmt(float(ci[0]))} to {_fmt(float(ci[1]))})"
    return text


def _is_metric(entry: Any) -> bool:
    return isinstance(entry, dict) and "value" in entry or _is_number(entry)


def metric_label(key: str, kind: str, class_names: list[str], positive: str | None = None) -> str:
    """Plain-language name of a metric key, e.g. "Sensitivity (recall of malignant)"."""
    pos = positive or (class_names[1] if kind == "binary" and len(class_names) == 2 else None)
    neg = class_names[0] if kind == "binary" and class_names else None
    if kind == "binary" and pos is not None and len(class_names) == 2 and pos in class_names:
        neg = class_names[1 - class_names.index(pos)]  # the negative class is the other one
    pos = class_display_name(pos) if pos is not None else None
    neg = class_display_name(neg) if neg is not None else None
    averaged = kind in ("multiclass", "multilabel")
    labels = {
        "accuracy": "Accuracy (share of correct predictions)",
        "balanced_accuracy": "Balanced accuracy (mean sensitivity over classes)",
        "auroc": "AUROC (area under the ROC curve; 0.5 = chance, 1 = perfect)"
        + (", one-vs-rest macro average" if averaged else ""),
        "auprc": "AUPRC (area under the precision-recall curve)" + (", macro average" if averaged else ""),
        "sensitivity": f"Sensitivity (recall of {pos})" if pos else "Sensitivity (recall), macro average",
        "specificity": f"Specificity (recall of {neg})" if neg else "Specificity, macro average",
        "ppv": f"Positive predictive value (precision for {pos})" if pos else "Positive predictive value, macro average",
        "npv": f"Negative predictive value (precision for {neg})" if neg else "Negative predictive value, macro average",
        "f1": "F1 score (balance of sensitivity and PPV)"
        + (", mean over the labels with both classes present" if kind == "multilabel" else ""),
        "f1_macro": "F1 score, macro average over " + ("labels" if kind == "multilabel" else "classes"),
        "f1_micro": "F1 score, micro average (true and false positives pooled over labels)",
        "f1_samples": "F1 score, mean over samples of the predicted label set (example-based)",
        "precision_micro": "Precision (PPV), micro average over labels",
        "recall_micro": "Recall (sensitivity), micro average over labels",
        "brier": "Brier score (mean squared error of probabilities; lower is better)",
        "ece": "Expected calibration error (lower is better)",
        "rmse": "Root mean squared error (lower is better)",
        "mae": "Mean absolute error (lower is better)",
        "r2": "R² (share of variance explained; 1 = perfect)",
    }
    return labels.get(key, key.replace("_", " "))


def _per_class_label(key: str) -> str:
    return {
        "sensitivity": "Sensitivity", "specificity": "Specificity", "ppv": "PPV", "npv": "NPV",
        "f1": "F1", "auroc": "AUROC", "auprc": "AUPRC", "support": "Test samples", "n": "Test samples",
        "prevalence": "Prevalence", "threshold": "Threshold",
        "rmse": "RMSE", "mae": "MAE", "r2": "R²", "brier": "Brier", "ece": "ECE",
    }.get(key, key.replace("_", " "))


def _ordered_keys(keys: list[str], order: tuple[str, ...]) -> list[str]:
    order = tuple(dict.fromkeys(order))
    return [k for k in order if k in keys] + [k for k in keys if k not in order]


def _monitor_name(monitor: str) -> str:
    """"val_auroc" -> "validation AUROC" (how the learning-curve text names the monitor)."""
    key = monitor[4:] if monitor.startswith("val_") else monitor
    short = {"auroc": "AUROC", "auprc": "AUPRC", "rmse": "RMSE", "mae": "MAE", "r2": "R²", "ece": "ECE",
             "f1": "F1", "f1_macro": "macro F1"}
    return "validation " + short.get(key, key.replace("_", " "))


# --------------------------------------------------------------------------- sections


class _Run:
    """The files of one run directory, read once."""

    def __init__(self, run_dir: Path):
        self.dir = Path(run_dir)
        if not self.dir.is_dir():
            raise DataError(f"Run directory {self.dir} does not exist; fix: pass the directory written by `mednn train`")
        self.metrics: dict[str, Any] = _read_json(self.dir / "metrics.json", required=True) or {}
        self.model: dict[str, Any] = _read_json(self.dir / "model.json") or {}
        self.data: dict[str, Any] = _read_json(self.dir / "data.json") or {}
        self.manifest: dict[str, Any] = _read_json(self.dir / "manifest.json") or {}
        self.config: dict[str, Any] = _read_yaml(self.dir / "config.yaml")
        self.history = _read_csv(self.dir / "history.csv")
        self.predictions = _read_csv(self.dir / "predictions.csv")
        explanations = _read_json(self.dir / "explanations.json")
        self.explanations: list[Any] = explanations if isinstance(explanations, list) else []
        for name in ("metrics", "model", "data", "manifest"):
            if not isinstance(getattr(self, name), dict):
                raise DataError(f"{self.dir / (name + '.json')} must hold a JSON object; fix: re-run `mednn evaluate`")

        task = self.model.get("task") if isinstance(self.model.get("task"), dict) else {}
        data_task = self.data.get("task") if isinstance(self.data.get("task"), dict) else {}
        self.kind: str = self.metrics.get("task") or task.get("kind") or data_task.get("kind") or "binary"
        names = self.metrics.get("class_names") or task.get("class_names") or data_task.get("class_names") or []
        self.class_names: list[str] = [str(n) for n in names]
        self.positive: str | None = self.metrics.get("positive_class") or (
            self.class_names[1] if self.kind == "binary" and len(self.class_names) == 2 else None
        )
        bootstrap = self.metrics.get("bootstrap") or {}
        confidence = bootstrap.get("confidence", 0.95)
        self.confidence_label = f"{round(100 * confidence):d}% CI" if _is_number(confidence) else "95% CI"

    def label(self, key: str) -> str:
        return metric_label(key, self.kind, self.class_names, self.positive)

    def display(self, name: Any) -> str:
        return class_display_name(str(name)) if self.kind != "regression" else str(name)

    def test_rows(self):
        frame = self.predictions
        if frame is None or frame.empty:
            return None
        if "split" in frame.columns:
            frame = frame[frame["split"].str.lower() == "test"]
        return frame if len(frame) else None


def _title(run: _Run) -> str:
    report = run.config.get("report") if isinstance(run.config.get("report"), dict) else {}
    if report.get("title"):
        return str(report["title"])
    name = run.config.get("name") or run.dir.name
    return f"Model report: {name}"


def _run_date(run: _Run) -> str:
    for key in ("created", "created_at", "finished_at", "date", "timestamp"):
        value = run.manifest.get(key)
        if isinstance(value, str) and value:
            return value
    path = run.dir / "metrics.json"
    stamp = _dt.datetime.fromtimestamp(path.stat().st_mtime, tz=_dt.timezone.utc)
    return stamp.strftime("%Y-%m-%d %H:%M UTC")


def _summary(run: _Run) -> list[tuple[str, str]]:
    from .. import __version__

    model_name = run.model.get("name") or (run.config.get("model") or {}).get("name") or "unknown"
    hparams = run.model.get("hparams") if isinstance(run.model.get("hparams"), dict) else {}
    # unset hyperparameters (None: the model's default) say nothing to a reader ("channels=None")
    shown = ", ".join(f"{k}={v}" for k, v in [(k, v) for k, v in hparams.items() if v is not None][:6]
                      if not isinstance(v, (dict, list)) or len(str(v)) < 40)
    shapes = _safetensors_shapes(run.dir / "model.safetensors")
    n_params = run.model.get("n_parameters")
    if not _is_number(n_params):
        n_params = sum(int(np.prod(s)) if s else 1 for s in shapes.values()) if shapes else None
    model_text = model_name + (f" ({shown})" if shown else "")
    task_text = run.kind
    if run.class_names:
        task_text += " — " + ("targets: " if run.kind == "regression" else "classes: ") + ", ".join(
            run.display(n) for n in run.class_names[:20])
        if len(run.class_names) > 20:
            task_text += f", … ({len(run.class_names)} in all)"
    if run.positive and run.kind == "binary":
        task_text += f" (positive class: {run.display(run.positive)})"
    versions = run.manifest.get("versions") if isinstance(run.manifest.get("versions"), dict) else {}
    seed = run.config.get("seed", run.manifest.get("seed"))
    rows = [
        ("Model", model_text),
        ("Trainable parameters", _fmt(n_params) if n_params is not None else "unknown"),
        ("Task", task_text),
        ("Data source", str(run.data.get("source") or (run.config.get("data") or {}).get("path") or "unknown")),
        ("Modality", str(run.data.get("modality") or run.model.get("modality") or "unknown")),
        ("Date", _run_date(run)),
        ("Seed", "unknown" if seed is None else str(seed)),
        ("mednn version (training)", str(run.model.get("mednn_version") or versions.get("mednn") or "unknown")),
        ("mednn version (report)", __version__),
    ]
    privacy = run.metrics.get("privacy")
    if isinstance(privacy, dict) and privacy.get("epsilon") is not None:
        rows.append(("Differential privacy", f"ε = {_fmt(privacy.get('epsilon'), 2)}, δ = {privacy.get('delta', '?')}"))
    return rows


def _data_section(run: _Run) -> dict[str, Any]:
    from .plots import class_balance_png, png_data_uri

    data = run.data
    splits = data.get("splits") if isinstance(data.get("splits"), dict) else {}
    n_by_split = {s: (v or {}).get("n") for s, v in splits.items() if isinstance(v, dict)}
    if not n_by_split and isinstance(run.metrics.get("n"), dict):
        n_by_split = dict(run.metrics["n"])
    counts = {s: {str(c): int(n) for c, n in (v.get("class_counts") or {}).items()}
              for s, v in splits.items() if isinstance(v, dict) and isinstance(v.get("class_counts"), dict)}
    classes: list[str] = list(run.class_names) if run.kind != "regression" else []
    for split_counts in counts.values():
        classes += [c for c in split_counts if c not in classes]
    balance_rows = []
    if counts and run.kind != "regression":
        for c in classes:
            cells = []
            for s in counts:
                n = counts[s].get(c, 0)
                total = n_by_split.get(s) or sum(counts[s].values()) or 0
                cells.append(f"{n:,} ({100 * n / total:.1f}%)" if total else f"{n:,}")
            balance_rows.append((run.display(c), cells))
    chart = None
    if balance_rows:
        ylabel = "% of the split with the label" if run.kind == "multilabel" else "% of the split"
        totals = {s: int(n) for s, n in n_by_split.items() if _is_number(n)}
        shown = {split: {run.display(c): n for c, n in per.items()} for split, per in counts.items()}
        chart = png_data_uri(class_balance_png(shown, totals=totals, ylabel=ylabel,
                                               xlabel="label" if run.kind == "multilabel" else "class"))

    features = data.get("feature_names") if isinstance(data.get("feature_names"), list) else []
    n_features = data.get("n_features", len(features) if features else None)
    missing = data.get("missing") if isinstance(data.get("missing"), dict) else {}
    missing_rows = sorted(((str(k), int(v)) for k, v in missing.items() if _is_number(v) and v > 0),
                          key=lambda kv: -kv[1])
    groups = data.get("groups") if isinstance(data.get("groups"), dict) else None
    groups_text = None
    if groups and groups.get("column"):
        n_groups = groups.get("n_groups")
        groups_text = (f"Samples were grouped by the column '{groups['column']}'"
                       + (f" ({_fmt(n_groups)} groups)" if n_groups is not None else "")
                       + "; no group appears in more than one split, so the test set holds unseen patients.")
    return {
        "n_by_split": [(s, _fmt(n)) for s, n in n_by_split.items()],
        "splits": list(counts),
        "balance_rows": balance_rows,
        "balance_chart": chart,
        "balance_caption": "positives per label" if run.kind == "multilabel" else "samples per class",
        "n_features": n_features,
        "feature_preview": [str(f) for f in features[:_MAX_FEATURES_SHOWN]],
        "more_features": max(0, len(features) - _MAX_FEATURES_SHOWN),
        "missing_rows": missing_rows[:_MAX_MISSING_SHOWN],
        "more_missing": max(0, len(missing_rows) - _MAX_MISSING_SHOWN),
        "groups": groups_text,
        "notes": _safe_notes(data.get("notes")),
        "skipped": _skipped_summary(run),
        "findings": [f if isinstance(f, str) else str(f.get("message", "")) for f in data.get("findings", [])][:20],
    }


_TOKEN = re.compile(r"^[\w.\-/:+]{1,48}$")


def _safe_notes(notes: Any) -> list[tuple[str, str]]:
    """Reader notes that cannot hold patient text: numbers, flags, number lists, single tokens."""
    if not isinstance(notes, dict):
        return []
    rows = []
    for key, value in notes.items():
        if isinstance(value, bool) or _is_number(value):
            rows.append((str(key), _fmt(value)))
        elif isinstance(value, list) and value and len(value) <= 8 and all(_is_number(v) for v in value):
            rows.append((str(key), " × ".join(_fmt(v) for v in value)))
        elif isinstance(value, str) and _TOKEN.match(value):
            rows.append((str(key), value))
    return rows


def _skipped_summary(run: _Run) -> list[dict[str, Any]]:
    """Skipped / invalid inputs as counts per reason; rows themselves may hold patient data."""
    out = []
    listed = [path for pattern in _SKIPPED_FILES for path in sorted(run.dir.glob(pattern))]
    skipped = run.data.get("skipped")
    if isinstance(skipped, list) and skipped:
        reasons = Counter(str(s.get("reason", "unspecified")) if isinstance(s, dict) else "unspecified" for s in skipped)
        out.append({"source": "data.json", "n": len(skipped), "reasons": _reason_rows(reasons)})
    elif _is_number(skipped) and skipped > 0 and not listed:  # a count without its CSV file
        out.append({"source": "data.json", "n": int(skipped), "reasons": [("unspecified", int(skipped))]})
    for path in listed:
        frame = _read_csv(path)
        if frame is None:
            continue
        column = next((c for c in frame.columns if c.lower() in ("reason", "error", "problem")), None)
        reasons = Counter(frame[column].astype(str)) if column else Counter({"unspecified": len(frame)})
        out.append({"source": path.name, "n": len(frame), "reasons": _reason_rows(reasons)})
    return out


def _reason_rows(reasons: Counter) -> list[tuple[str, int]]:
    # a reason is a short message written by mednn; anything long may quote the input, so cut it
    rows = [(r if len(r) <= 80 else r[:77] + "…", n) for r, n in reasons.most_common(10)]
    rest = sum(reasons.values()) - sum(n for _, n in rows)
    return rows + ([("other reasons", rest)] if rest else [])


def _metrics_section(run: _Run) -> dict[str, Any]:
    test = run.metrics.get("test") if isinstance(run.metrics.get("test"), dict) else {}
    val = run.metrics.get("val") if isinstance(run.metrics.get("val"), dict) else {}
    order = _METRIC_ORDER_REGRESSION if run.kind == "regression" else _METRIC_ORDER_CLASSIFICATION
    keys = _ordered_keys(
        [k for k in {**test, **val} if k not in _NOT_METRICS and _is_metric(test.get(k, val.get(k)))], order
    )
    headline = [
        (run.label(k), _fmt_metric(test.get(k), run.confidence_label) if k in test else "—",
         _fmt_metric(val.get(k), run.confidence_label) if k in val else "—")
        for k in keys
    ]
    per_class = test.get("per_class") if isinstance(test.get("per_class"), dict) else None
    if per_class is None and isinstance(test.get("per_target"), dict):
        per_class = test["per_target"]
    if per_class is None and run.kind == "multilabel" and isinstance(test.get("per_label"), dict):
        per_class = _per_label_rows(run, test["per_label"])
    per_class_table = None
    if per_class:
        columns = _ordered_keys(
            list(dict.fromkeys(k for row in per_class.values() if isinstance(row, dict) for k in row)),
            ("sensitivity", "specificity", "ppv", "npv", "f1", "auroc", "auprc", *order, "support", "n"),
        )
        if run.kind == "multilabel":
            columns = [c for c in _PER_LABEL_COLUMNS if c in columns]
        per_class_table = {
            "header": "Target" if run.kind == "regression" else ("Label" if run.kind == "multilabel" else "Class"),
            "columns": [_per_class_label(c) for c in columns],
            "rows": [(run.display(name), [_fmt_metric(row.get(c), run.confidence_label) if c in row else "—"
                                          for c in columns])
                     for name, row in per_class.items() if isinstance(row, dict)],
        }
    n = run.metrics.get("n") if isinstance(run.metrics.get("n"), dict) else {}
    bootstrap = run.metrics.get("bootstrap") if isinstance(run.metrics.get("bootstrap"), dict) else {}
    small = _small_test_set(run, n.get("test"))
    if small:
        headline = [(label, test_text + (" *" if test_text not in ("—", "not defined") else ""), val_text)
                    for label, test_text, val_text in headline]
    return {
        "small_test": small,
        "headline": headline,
        "n_test": n.get("test"),
        "n_val": n.get("val"),
        "per_class": per_class_table,
        "bootstrap": bootstrap.get("n_resamples"),
        "confidence_label": run.confidence_label,
    }


def _per_label_rows(run: _Run, per_label: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Test metrics per label with the label's own threshold (chosen on validation) beside them;
    rows are keyed by the run's label names, in the run's order."""
    threshold = run.metrics.get("threshold") if isinstance(run.metrics.get("threshold"), dict) else {}
    values = threshold.get("value") if isinstance(threshold.get("value"), list) else []
    names = [n for n in run.class_names if n in per_label] or list(per_label)
    index = {n: j for j, n in enumerate(run.class_names)}
    rows: dict[str, dict[str, Any]] = {}
    for name in names:
        row = dict(per_label[name]) if isinstance(per_label[name], dict) else {}
        j = index.get(name)
        if j is not None and j < len(values) and _is_number(values[j]):
            row["threshold"] = values[j]
        rows[name] = row
    return rows


def _test_class_counts(run: _Run) -> dict[str, int]:
    splits = run.data.get("splits") if isinstance(run.data.get("splits"), dict) else {}
    test = splits.get("test") if isinstance(splits.get("test"), dict) else {}
    counts = test.get("class_counts") if isinstance(test.get("class_counts"), dict) else {}
    out = {str(c): int(v) for c, v in counts.items() if _is_number(v)}
    if not out and run.kind in ("binary", "multiclass"):
        frame = run.test_rows()
        if frame is not None and "target" in frame.columns:
            out = {str(c): int(v) for c, v in Counter(frame["target"]).items()}
    return out


def _small_test_set(run: _Run, n_test: Any) -> str | None:
    """The warning shown above the metrics when the test set is too small to measure them:
    fewer than SMALL_TEST_SET samples, or (classes) fewer than SMALL_TEST_CLASS in a class."""
    reasons = []
    if _is_number(n_test) and n_test < SMALL_TEST_SET:
        reasons.append(f"the test set holds {_fmt(int(n_test))} samples (fewer than {SMALL_TEST_SET})")
    if run.kind in ("binary", "multiclass"):
        counts = _test_class_counts(run)
        rare = [f"{run.display(c)}: {n}" for c, n in counts.items() if n < SMALL_TEST_CLASS]
        if rare:
            reasons.append(f"some classes have fewer than {SMALL_TEST_CLASS} test samples ({', '.join(rare)})")
    if not reasons:
        return None
    return ("Small test set: " + "; ".join(reasons) + ". Every metric below can change a lot with a few more "
            "patients, and its bootstrap confidence interval (marked *) is itself unreliable: resampling a "
            "handful of patients cannot show how wrong the estimate may be. A metric of 1.000 with an interval "
            "of 1.000 to 1.000 on a small set does not mean the model is certain. Evaluate on more patients "
            "before relying on these numbers.")


def _baselines_section(run: _Run) -> dict[str, Any] | None:
    """Network against the run's reference baselines (metrics.json ``baselines``), in plain words."""
    block = run.metrics.get("baselines")
    if not isinstance(block, dict):
        return None
    metric = str(block.get("primary_metric") or "")
    short = {"auroc": "AUROC", "rmse": "RMSE"}.get(metric, metric.replace("_", " "))
    if run.kind in ("multiclass", "multilabel") and metric == "auroc":
        short = "macro AUROC"
    lower = block.get("higher_is_better") is False
    sentences, rows = [], []
    for model in block.get("models") or []:
        if not isinstance(model, dict) or not isinstance(model.get("comparison"), dict):
            continue
        comparison = model["comparison"]
        label = str(model.get("label") or model.get("name") or "baseline")
        ci = comparison.get("ci95")
        ci_text = (f"{run.confidence_label} {_fmt(ci[0])} to {_fmt(ci[1])}"
                   if isinstance(ci, list) and len(ci) == 2 and all(_is_number(c) for c in ci) else "no interval")
        text = str(comparison.get("text") or "")
        sentences.append(f"{text[:1].upper()}{text[1:]}: test {short} {_fmt(comparison.get('network'))} against "
                         f"{_fmt(comparison.get('baseline'))}, difference {_fmt(comparison.get('difference'))} "
                         f"({ci_text}).")
        test = model.get("test") if isinstance(model.get("test"), dict) else {}
        rows.append({
            "model": label,
            "features": str(model.get("features") or ""),
            "metric": _fmt_metric(test.get(metric), run.confidence_label),
            "difference": f"{_fmt(comparison.get('difference'))} ({ci_text})",
            "verdict": {"better": "network better", "worse": "baseline better",
                        "not better": "no clear difference"}.get(str(comparison.get("verdict")), "not compared"),
            "seconds": _fmt(model.get("seconds"), 2),
        })
    skipped = [f"{s.get('label') or s.get('name')}: {s.get('reason')}" for s in block.get("skipped") or []
               if isinstance(s, dict)]
    if not rows and not skipped:
        return None
    worse = any(r["verdict"] == "baseline better" for r in rows)
    return {
        "metric": short,
        "network": _fmt(block.get("network")),
        "sentences": sentences,
        "rows": rows,
        "skipped": skipped,
        "advice": ("A simpler model does better on these data: prefer it, or simplify the network."
                   if worse else None),
        "how": (f"Each baseline was fitted on the same training split (its features too), tuned on the same "
                f"validation split, given the decision threshold by the same rule, and scored on the same test "
                f"samples. The difference is network − baseline in {short}"
                + (" (lower is better, so a negative difference favours the network)" if lower else "")
                + f"; its interval comes from the same {_fmt(block.get('n_resamples'))} bootstrap resamples of the "
                  "test set for both models (a paired bootstrap). An interval that includes 0 means the test set "
                  "cannot tell the two apart."),
    }


_THRESHOLD_METHODS = {
    "youden": "by Youden's J statistic (the threshold that maximises sensitivity + specificity − 1)",
    "f1": "as the threshold that maximises the F1 score (balance of sensitivity and PPV)",
    "sensitivity": "as the highest threshold that reaches the target sensitivity",
    "fixed": "fixed in the configuration (not tuned on data)",
    "argmax": "as the most probable class (no threshold)",
}


def _threshold_text(run: _Run) -> str | None:
    threshold = run.metrics.get("threshold")
    if not isinstance(threshold, dict):
        return None
    method = str(threshold.get("method", ""))
    how = _THRESHOLD_METHODS.get(method, f"by the method '{method}'" if method else "")
    if method == "sensitivity" and _is_number(threshold.get("target_sensitivity")):
        how = f"as the highest threshold that reaches a sensitivity of {threshold['target_sensitivity']:.2f}"
    chosen_on = threshold.get("chosen_on")
    on = {"val": "the validation set", "test": "the test set"}.get(chosen_on, chosen_on) if chosen_on else None
    value = threshold.get("value")
    if run.kind == "multilabel" and isinstance(value, list):
        text = f"One operating threshold per label (the per-label table's Threshold column), each chosen {how}"
        text = text.rstrip(", ") + (f" on {on}" if on else "") + "."
        fixed = threshold.get("fixed_labels")
        if isinstance(fixed, list) and fixed:
            text += (f" {len(fixed)} label(s) had one class only on validation and keep 0.5: "
                     + ", ".join(run.display(n) for n in fixed) + ".")
        text += " A label is predicted when its probability is at or above its threshold."
        if chosen_on == "test":
            text += " Warning: choosing the thresholds on the test set makes test metrics optimistic."
        return text
    if isinstance(value, dict):
        value_text = "; ".join(f"{k}: {_fmt(v)}" for k, v in value.items())
    elif isinstance(value, list):
        value_text = ", ".join(_fmt(v) for v in value)
    else:
        value_text = _fmt(value)
    target = f" on the probability of {run.display(run.positive)}" if run.kind == "binary" and run.positive else ""
    text = f"Operating threshold{target}: {value_text}, chosen {how}".rstrip(", ")
    if on:
        text += f" on {on}"
    text += ". A sample is predicted positive when its probability is at or above the threshold."
    if chosen_on == "test":
        text += " Warning: choosing the threshold on the test set makes test metrics optimistic."
    return text


def _calibration_text(run: _Run) -> str | None:
    calibration = run.metrics.get("calibration")
    if not isinstance(calibration, dict):
        return None
    method = calibration.get("method")
    if method in (None, "none"):
        note = calibration.get("note")
        return "Probabilities were not recalibrated after training." + (f" ({note})" if isinstance(note, str) else "")
    parts = []
    if method == "temperature":
        t = calibration.get("temperature")
        t = t if _is_number(t) else float("nan")
        parts.append(f"Probabilities were calibrated by temperature scaling on the validation set "
                     f"(temperature T = {t:.3g}; T > 1 means the raw model was over-confident).")
    else:
        parts.append(f"Probabilities were calibrated with the method '{method}'.")
    before, after = calibration.get("val_ece_before"), calibration.get("val_ece_after")
    if before is not None and after is not None:
        parts.append(f"Validation expected calibration error went from {_fmt(before)} to {_fmt(after)}.")
    return " ".join(parts)


def _training_section(run: _Run) -> dict[str, Any]:
    from .plots import learning_curves_png, png_data_uri

    training = run.metrics.get("training") if isinstance(run.metrics.get("training"), dict) else {}
    best = training.get("best_epoch")
    monitor = training.get("monitor")
    parts = []
    if training.get("epochs_run") is not None:
        parts.append(f"Training ran for {_fmt(training['epochs_run'])} epochs")
        if training.get("stopped_early"):
            parts[-1] += " and stopped early because the " + (
                _monitor_name(str(monitor)) if monitor else "validation metric") + " stopped improving"
        parts[-1] += "."
    if best is not None:
        parts.append(f"The weights of the best epoch, epoch {best}"
                     + (f" (best {_monitor_name(str(monitor))})" if monitor else "")
                     + ", were kept and are the ones evaluated here.")
    federated = run.metrics.get("federated") if isinstance(run.metrics.get("federated"), dict) else None
    if federated is not None:
        parts = [_federated_text(federated)]
    members = training.get("ensemble") if isinstance(training.get("ensemble"), list) else []
    if members:
        epochs_text = ", ".join(_fmt(m.get("best_epoch")) for m in members if isinstance(m, dict))
        parts = [f"The model is an ensemble of {len(members)} networks of the same architecture, trained "
                 "one after another from different seeds; its prediction is the average of their "
                 f"probabilities. Each kept the weights of its own best epoch ({epochs_text}). "
                 "The curves show member 1."]
    if _is_number(training.get("seconds")):
        parts.append(f"Training took {training['seconds']:.1f} seconds"
                     + (" for all members." if members else "."))

    chart = None
    history = run.history
    if history is not None and len(history) and "member" in history.columns:
        history = history[history["member"] == "1"]
    if history is not None and len(history):
        columns = list(history.columns)
        epochs = _numbers(history, "epoch") if "epoch" in columns else np.arange(1, len(history) + 1, dtype=float)
        metric_column = None
        if monitor and str(monitor) in columns and monitor != "val_loss":
            metric_column = str(monitor)
        elif monitor and f"val_{monitor}" in columns:
            metric_column = f"val_{monitor}"
        else:
            metric_column = next((c for c in columns if c.startswith("val_") and c != "val_loss"), None)
        chart = png_data_uri(learning_curves_png(
            epochs,
            _numbers(history, "train_loss") if "train_loss" in columns else None,
            _numbers(history, "val_loss") if "val_loss" in columns else None,
            _numbers(history, metric_column) if metric_column else None,
            metric_column[4:] if metric_column else None,
            best if _is_number(best) else None,
        ))
    return {"text": " ".join(parts), "chart": chart}


def _federated_text(federated: dict[str, Any]) -> str:
    """The federated-training paragraph: sites, rounds, what crossed between them."""
    sites = [s for s in federated.get("sites") or [] if isinstance(s, dict)]
    listing = ", ".join(f"{s.get('site')} {_fmt(s.get('n_train'))}" for s in sites)  # escaped by the template
    local = federated.get("local_epochs")
    return (f"Federated training: {_fmt(federated.get('rounds_run'))} rounds of federated averaging across "
            f"{len(sites)} sites ("
            + (f"column {str(federated.get('site_column'))!r}; " if federated.get("site_column") else "")
            + "training rows: "
            f"{listing}). Each round every site trained {_fmt(local)} local epoch{'' if local == 1 else 's'} on its "
            "own rows" + (" in its own process" if federated.get("processes") else "")
            + " and only weights were exchanged; the average is weighted by each site's rows. "
            f"The weights after round {_fmt(federated.get('best_round'))} were kept. "
            + ("Each site kept its own file (Flower); the featurizer's statistics were combined from the sites' "
               "aggregates, and validation and test ran at the coordinator."
               if federated.get("engine") == "flower" else
               "This ran as a simulation on one machine: the featurizer was fitted on the pooled training rows, "
               "and validation and test ran at the coordinator.") + _central_dp_text(federated.get("central_dp"))
            + _single_class_sites(sites))


def _central_dp_text(central: Any) -> str:
    """Flower's central DP on the rounds (site-level), when the run used it."""
    if not isinstance(central, dict):
        return ""
    eps = central.get("epsilon")
    guarantee = (f"(ε = {_number_text(float(eps))}, δ = {central.get('delta')})-differential privacy per site "
                 "(a site's whole contribution; every record at it at least as well), by the RDP accountant over "
                 f"{_fmt(central.get('rounds'))} rounds" if _is_number(eps) else "no differential-privacy guarantee "
                 "(noise multiplier 0)")
    return (" Central DP (Flower): every round each site's update was clipped to norm "
            f"{_fmt(central.get('clipping_norm'))}, the sites counted equally, and Gaussian noise (noise multiplier "
            f"{_fmt(central.get('noise_multiplier'))}) was added to their mean: {guarantee}. The featurizer "
            "statistics sent before training are not covered, and the coordinator saw each update before the noise.")


def _single_class_sites(sites: list[dict[str, Any]]) -> str:
    """A warning naming the sites whose training rows hold one class only (their local steps
    pull the shared model towards predicting that class)."""
    lone = []
    for site in sites:
        counts = site.get("class_counts") if isinstance(site.get("class_counts"), dict) else {}
        present = [name for name, n in counts.items() if _is_number(n) and n > 0]
        if len(counts) > 1 and len(present) == 1:
            lone.append(f"{site.get('site')} (only {present[0]})")
    if not lone:
        return ""
    return (" Warning: the training rows of " + ", ".join(lone) + " hold a single class; their local steps "
            "pull the shared model towards that class.")


def _number_text(value: float) -> str:
    """3.0712 -> "3.07", 1e-05 -> "1e-5": short, as a reader would write it."""
    if value != 0 and (abs(value) < 1e-3 or abs(value) >= 1e5):
        mantissa, exponent = f"{value:.2g}".split("e")
        return f"{mantissa}e{int(exponent)}"
    return f"{value:.3g}"


def _privacy_not_covered(early_stopping: bool, seeded_noise: bool) -> list[str]:
    """What the (epsilon, delta) guarantee does not cover, in plain words (for the report)."""
    items = [
        "The validation and test sets are not protected: the evaluation, the calibration and the choice of "
        "the operating threshold use them directly.",
        "Statistics fitted on the training data outside the gradient steps are not private: feature scaling "
        "and vocabularies of the featurizer, the class counts and the class weights computed from them.",
        "Hyperparameter tuning leaks: every extra run on the same patients spends more privacy, and "
        "choosing the best of several runs is not accounted for.",
    ]
    if seeded_noise:
        items.append("The noise comes from a pseudo-random generator seeded with the run's seed "
                     "(privacy.noise_seed: seed) so that the run is reproducible; someone who knows the seed "
                     "could remove the noise, so the guarantee assumes the seed stays with the data, not with "
                     "the published model. Retrain with privacy.noise_seed: secure before releasing it.")
    if early_stopping:
        items.insert(1, "Early stopping chose the kept epoch on validation data; that choice is not covered "
                        "(epsilon counts every step taken, so it is not understated).")
    return items


def _privacy_section(run: _Run) -> dict[str, Any] | None:
    """The differential-privacy guarantee in plain words, or None when the run was not private."""
    privacy = run.metrics.get("privacy")
    if not isinstance(privacy, dict):
        return None
    eps, delta = privacy.get("epsilon"), privacy.get("delta")
    delta_text = _number_text(float(delta)) if _is_number(delta) else "unknown"
    mechanism = str(privacy.get("mechanism") or "DP-SGD")
    if _is_number(eps):
        statement = (
            f"The model was trained with {mechanism} and satisfies (ε = {_number_text(float(eps))}, "
            f"δ = {delta_text})-differential privacy for each patient record (one training sample) in the "
            "training set. In plain words: whatever anyone learns from the trained weights is almost equally "
            "likely whether or not any one record was used for training: the probability of any outcome changes "
            + (f"by at most a factor of e^ε ≈ {_number_text(math.exp(float(eps)))}" if float(eps) <= 10
               else "by at most a factor of e^ε")
            + f", except with probability δ = {delta_text}. Smaller ε is stronger protection; values above "
              "about 10 give little formal protection."
        )
    else:
        statement = (f"The model was trained with {mechanism} without noise (noise multiplier 0): the gradients "
                     "were clipped but there is no differential-privacy guarantee.")
    rows = [
        ("Mechanism", mechanism),
        ("ε (epsilon)", _number_text(float(eps)) if _is_number(eps) else "no guarantee"),
        ("δ (delta)", delta_text),
    ]
    if _is_number(privacy.get("target_epsilon")):
        rows.append(("Target ε", _number_text(float(privacy["target_epsilon"]))))
    rows += [
        ("Noise multiplier (σ)", _fmt(privacy.get("noise_multiplier"))),
        ("Clipping norm per sample (C)", _fmt(privacy.get("max_grad_norm"))),
        ("Sampling rate per step (q)", _fmt(privacy.get("sampling_rate"))),
        ("Steps", _fmt(privacy.get("steps"))),
        ("Accountant", f"{privacy.get('accountant') or 'unknown'} (Rényi differential privacy)"
         if privacy.get("accountant") == "RDP" else str(privacy.get("accountant") or "unknown")),
    ]
    train_cfg = run.config.get("train") if isinstance(run.config.get("train"), dict) else {}
    stopping = train_cfg.get("early_stopping") if isinstance(train_cfg.get("early_stopping"), dict) else {}
    # runs from before privacy.noise_seed existed drew their noise from the run's seed
    items = _privacy_not_covered(bool(stopping.get("enabled", True)), privacy.get("noise_seed", "seed") == "seed")
    if run.data.get("groups"):
        items.insert(0, "The guarantee is per record: a patient with several records in the training set is "
                        "protected less (roughly k·ε for k records).")
    how = ("Each step drew a random batch (every training record included with probability q), clipped each "
           "record's gradient to norm C, added Gaussian noise of standard deviation σ·C and took the step. "
           "The training loss is not recorded for private runs (it is a statistic of the training data), so "
           "the learning curves show validation loss only.")
    sites = [s for s in privacy.get("sites") or [] if isinstance(s, dict)]
    if sites:
        per_site = ", ".join(f"{s.get('site')} ε = " + (_number_text(float(s['epsilon'])) if _is_number(s.get("epsilon"))
                                                        else "none") for s in sites)
        how += (" Federated: every site ran these steps on its own records only, and a record belongs to one "
                f"site, so it has that site's protection ({per_site}); the ε above is the largest. The sampling "
                "rate and steps shown are the largest of any site.")
    return {"statement": statement, "rows": rows, "not_covered": items, "how": how}


def _indicator(run: _Run, frame) -> tuple[np.ndarray, np.ndarray, list[str]] | None:
    """Test targets as a 0/1 matrix (NaN = missing) and the matching probability columns."""
    names = run.class_names
    if run.kind in ("binary", "multiclass"):
        if "target" not in frame.columns or not names:
            return None
        index = {n: i for i, n in enumerate(names)}
        target = frame["target"].map(index)
        keep = target.notna().to_numpy()
        y = target.to_numpy()[keep].astype(int)
        probs = np.full((len(y), len(names)), np.nan)
        for j, name in enumerate(names):
            if f"p:{name}" in frame.columns:
                probs[:, j] = _numbers(frame, f"p:{name}")[keep]
        if run.kind == "binary" and np.isnan(probs[:, 0]).all():
            probs[:, 0] = 1 - probs[:, 1]
        if np.isnan(probs).all(axis=0).any():
            return None
        return np.eye(len(names))[y], probs, names
    if run.kind == "multilabel":
        cols = [n for n in names if f"target:{n}" in frame.columns and f"p:{n}" in frame.columns]
        if not cols:
            return None
        y = np.column_stack([_numbers(frame, f"target:{n}") for n in cols])
        probs = np.column_stack([_numbers(frame, f"p:{n}") for n in cols])
        return y, probs, cols
    return None


def reliability_bin_count(n: int) -> int:
    """Bins of the reliability diagram for ``n`` predictions: about one per 10, 5 to 15.

    >>> reliability_bin_count(61), reliability_bin_count(1000), reliability_bin_count(12)
    (6, 15, 5)
    """
    return int(min(_RELIABILITY_BINS, max(_MIN_BINS, round(n / _PER_BIN))))


def _figure(title: str, png: bytes, caption: str) -> dict[str, str]:
    from .plots import png_data_uri

    return {"title": title, "uri": png_data_uri(png), "caption": caption}


def _classification_figures(run: _Run) -> tuple[list[dict[str, str]], list[str]]:
    from . import plots

    figures, notes = [], []
    frame = run.test_rows()
    data = _indicator(run, frame) if frame is not None else None
    if data is not None:
        y, probs, names = data
        names = [run.display(n) for n in names]
        if run.kind == "binary":  # one curve: the positive class against the negative
            y, probs, names = y[:, 1], probs[:, 1], [names[1]]
        rocs = plots.roc_curves(y, probs, names)
        prs = plots.pr_curves(y, probs, names)
        missing = [n for n in names if n not in {c.name for c in rocs}]
        if missing:
            notes.append("No ROC / precision-recall curve for " + ", ".join(missing)
                         + ": the test set holds only one outcome for it.")
        if rocs:
            per = "one curve per class against all others" if run.kind == "multiclass" else (
                "one curve per label" if run.kind == "multilabel" else f"{run.display(run.positive)} as the positive class")
            figures.append(_figure("ROC curve", plots.roc_png(rocs),
                                   f"Sensitivity against 1 − specificity over all thresholds ({per}). "
                                   "AUROC in the legend; the dotted diagonal is chance."))
            figures.append(_figure("Precision-recall curve", plots.pr_png(prs),
                                   "Precision (PPV) against recall (sensitivity); more informative than ROC when "
                                   "positives are rare. Dotted lines: the prevalence (a model without skill)."))
        # reliability: binary -> P(positive); multiclass -> top-label confidence; multilabel -> pooled
        if run.kind == "binary":
            outcome, confidence, xlabel = y, probs, f"predicted probability of {names[0]}"
        elif run.kind == "multiclass":
            top = np.argmax(probs, axis=1)
            outcome = (y[np.arange(len(y)), top] == 1).astype(float)
            confidence, xlabel = probs.max(axis=1), "confidence of the predicted class"
        else:
            outcome, confidence, xlabel = y.ravel(), probs.ravel(), "predicted probability (all labels pooled)"
        n_points = int(np.sum(~np.isnan(np.asarray(outcome, float)) & ~np.isnan(np.asarray(confidence, float))))
        n_bins = reliability_bin_count(n_points)
        bins = plots.reliability_bins(outcome, confidence, n_bins=n_bins)
        calibration = run.metrics.get("calibration") if isinstance(run.metrics.get("calibration"), dict) else {}
        # a temperature is named only when temperature scaling was applied (a skipped fit keeps T = 1)
        temperature = (calibration.get("temperature") if calibration.get("method") == "temperature"
                       and _is_number(calibration.get("temperature")) else None)
        figures.append(_figure(
            "Reliability diagram", plots.reliability_png(bins, xlabel=xlabel, temperature=temperature),
            f"{n_points} test predictions in {n_bins} equal-width bins of predicted probability (about one bin per "
            f"{_PER_BIN} predictions, {_MIN_BINS} to {_RELIABILITY_BINS} bins, so each point rests on enough patients): "
            "points on the diagonal mean that a predicted 80% comes true 80% of the time; the bars below count "
            f"the predictions per bin. Expected calibration error over these bins (ECE) = {bins.ece:.3f}"
            + (f", after temperature scaling with T = {temperature:.3g}" if temperature is not None else "")
            + (f" (the ECE in the metrics table uses {_RELIABILITY_BINS} bins)." if n_bins != _RELIABILITY_BINS
               else ".")))
    elif run.predictions is None:
        notes.append("predictions.csv is missing: ROC, precision-recall and reliability plots are not shown.")
    else:
        notes.append("predictions.csv has no usable test rows: ROC, precision-recall and reliability plots are not shown.")

    matrix = _confusion_matrix(run, frame)
    if matrix is not None:
        figures.append(_figure("Confusion matrix", plots.confusion_matrix_png(matrix, [run.display(n) for n in run.class_names]),
                               "Rows: the true class; columns: the predicted class"
                               + (" at the operating threshold" if run.kind == "binary" else "")
                               + ". Left: counts; right: each row divided by its total, so the diagonal is "
                                 "the sensitivity (recall) of each class."))
    return figures, notes


def _confusion_matrix(run: _Run, frame) -> np.ndarray | None:
    if run.kind not in ("binary", "multiclass") or not run.class_names:
        return None
    k = len(run.class_names)
    test = run.metrics.get("test") if isinstance(run.metrics.get("test"), dict) else {}
    stored = test.get("confusion_matrix")
    if isinstance(stored, list):
        matrix = np.asarray(stored, dtype=float)
        if matrix.shape == (k, k):
            return matrix
    if frame is None or "target" not in frame.columns or "predicted" not in frame.columns:
        return None
    index = {n: i for i, n in enumerate(run.class_names)}
    true, pred = frame["target"].map(index), frame["predicted"].map(index)
    keep = (true.notna() & pred.notna()).to_numpy()
    matrix = np.zeros((k, k))
    np.add.at(matrix, (true.to_numpy()[keep].astype(int), pred.to_numpy()[keep].astype(int)), 1)
    return matrix


def _regression_figures(run: _Run) -> tuple[list[dict[str, str]], list[str]]:
    from . import plots

    frame = run.test_rows()
    if frame is None:
        return [], ["predictions.csv has no test rows: predicted-vs-true plots are not shown."]
    names = [n for n in run.class_names if f"target:{n}" in frame.columns and f"predicted:{n}" in frame.columns]
    pairs = [(n, f"target:{n}", f"predicted:{n}") for n in names]
    if not pairs and {"target", "predicted"} <= set(frame.columns):
        pairs = [(run.class_names[0] if run.class_names else "value", "target", "predicted")]
    figures, notes = [], []
    for name, target_col, pred_col in pairs[:6]:
        true, pred = _numbers(frame, target_col), _numbers(frame, pred_col)
        keep = np.isfinite(true) & np.isfinite(pred)
        figures.append(_figure(f"{name}: predicted vs true", plots.regression_scatter_png(true[keep], pred[keep], name),
                               "Each point is one test sample; points on the dotted line are predicted exactly."))
        figures.append(_figure(f"{name}: residuals", plots.residual_histogram_png(true[keep], pred[keep], name),
                               "Distribution of prediction errors; a histogram centred on 0 means no systematic "
                               "over- or under-estimation."))
    if len(pairs) > 6:
        notes.append(f"Plots are shown for the first 6 of {len(pairs)} targets.")
    return figures, notes


_MAX_TRIAL_ROWS = 60


def _tuning(run: _Run) -> dict[str, Any] | None:
    """How ``mednn tune`` chose this run's settings (``tuning.json``): the trial table and the
    optimisation history."""
    tuning = _read_json(run.dir / "tuning.json")
    if not isinstance(tuning, dict) or not isinstance(tuning.get("trials"), list):
        return None
    trials = [t for t in tuning["trials"] if isinstance(t, dict)]
    states = Counter(str(t.get("state")) for t in trials)
    metric = str(tuning.get("metric") or "validation metric")
    best = tuning.get("best") if isinstance(tuning.get("best"), dict) else {}
    lines = [
        f"The settings of this run were chosen by mednn tune ({tuning.get('sampler') or 'Optuna'}) on the "
        f"training and validation data only ({tuning.get('validation') or 'validation split'}); the test set "
        "was not read while tuning, so the test metrics above are not tuned on.",
        f"{len(trials)} trials: {states.get('COMPLETE', 0)} finished, {states.get('PRUNED', 0)} stopped early "
        f"by the pruner, {states.get('FAIL', 0)} failed. Best {metric}: {_fmt(best.get('value'))} "
        f"(trial {best.get('number', '—')}).",
    ]
    rows = []
    for t in trials[:_MAX_TRIAL_ROWS]:
        params = t.get("params") if isinstance(t.get("params"), dict) else {}
        rows.append([_fmt(t.get("number")), str(t.get("state") or "—").lower(), _fmt(t.get("value")),
                     _fmt(t.get("seconds"), 1), "; ".join(f"{k} = {_fmt(v)}" for k, v in params.items())])
    figure = None
    history = [h for h in tuning.get("history") or [] if isinstance(h, dict) and _is_number(h.get("value"))]
    if history:
        from .plots import png_data_uri, tuning_history_png

        png = tuning_history_png([int(h["number"]) for h in history], [float(h["value"]) for h in history],
                                 [float(h["best_so_far"]) for h in history], metric=metric)
        figure = {"title": "Optimisation history", "src": png_data_uri(png),
                  "caption": "Each finished trial's validation value, and the best so far."}
    return {"lines": lines, "rows": rows, "more": max(0, len(trials) - _MAX_TRIAL_ROWS), "figure": figure}


def _uncertainty(run: _Run) -> dict[str, Any] | None:
    """Conformal sets / intervals and the referral curve, in words a clinician can act on."""
    conformal = run.metrics.get("conformal")
    referral = run.metrics.get("referral")
    note = run.metrics.get("uncertainty_note")
    if not isinstance(conformal, dict) and not isinstance(referral, dict):
        if isinstance(note, str) and note:  # multilabel: said instead of left out silently
            return {"lines": [note[0].upper() + note[1:] + "."], "rows": [], "figure": None}
        return None
    out: dict[str, Any] = {"lines": [], "rows": [], "figure": None}
    if isinstance(conformal, dict) and isinstance(conformal.get("coverage"), dict):
        target = conformal.get("target_coverage")
        cov = conformal["coverage"]
        ci = cov.get("ci95") or [None, None]
        what = "interval" if run.kind == "regression" else "set of classes"
        out["lines"].append(
            f"Each prediction comes with a {what} that should contain the true "
            f"{'value' if run.kind == 'regression' else 'diagnosis'} for at least {_fmt(100 * target, 0)}% of "
            f"patients like these (split conformal prediction, fitted on {conformal.get('n_calibration')} "
            f"validation patients). On the test set it did for {_fmt(100 * (cov.get('value') or 0), 1)}% "
            f"(95% CI {_fmt(100 * (ci[0] or 0), 1)}% to {_fmt(100 * (ci[1] or 0), 1)}%).")
        if run.kind == "regression" and conformal.get("interval_width"):
            widths = ", ".join(_fmt(w) for w in conformal["interval_width"])
            out["lines"].append(f"The interval's width: {widths} (in the target's units).")
        sizes = conformal.get("set_size") or {}
        if sizes.get("distribution"):
            single = conformal.get("singleton_fraction")
            out["lines"].append(
                f"{_fmt(100 * (single or 0), 1)}% of test patients got a single class (a confident answer); "
                "the others got several classes: the model cannot tell them apart for that patient, "
                "which is a reason to look closer.")
            out["rows"] = [(f"{k} class{'es' if k != '1' else ''}", v) for k, v in sizes["distribution"].items()]
        for column, groups in (conformal.get("subgroups") or {}).items():
            low = [g for g, v in groups.items() if isinstance(v, dict) and v.get("n", 0) >= 10
                   and v.get("coverage", 1) < (target or 0) - 0.1]
            if low:
                out["lines"].append(f"Coverage is lower than promised in {column} = {', '.join(map(str, low))}: "
                                    "the guarantee holds over all patients, not within every subgroup.")
    if isinstance(referral, dict) and referral.get("curve"):
        from .plots import png_data_uri, referral_png

        curve = referral["curve"]
        xs = [p["referred"] for p in curve]
        ys = [p["accuracy_kept"] for p in curve]
        png = referral_png(xs, ys, uncertainty=str(referral.get("uncertainty")))
        at = next((p for p in curve if abs(p["referred"] - 0.2) < 1e-9), None)
        caption = ("Referring the most uncertain patients to a clinician raises the accuracy of the cases the "
                   "model decides alone" + (f": at 20% referred, {_fmt(100 * at['accuracy_kept'], 1)}% against "
                                            f"{_fmt(100 * ys[0], 1)}% with none." if at else "."))
        out["figure"] = {"title": "Referral curve", "src": png_data_uri(png), "caption": caption}
    return out


def _subgroups(run: _Run) -> dict[str, Any] | None:
    rows = run.metrics.get("subgroups")
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        return None
    columns = list(dict.fromkeys(k for r in rows for k in r))
    metric_keys = [c for c in columns if any(_is_metric(r.get(c)) and isinstance(r.get(c), dict) for r in rows)]
    names = {"column": "Characteristic", "group": "Subgroup", "n": "Test samples", "n_positive": "Positives"}
    header = [run.label(c).split(" (")[0] if c in metric_keys else names.get(c, c.replace("_", " ")) for c in columns]
    body = [[_fmt_metric(r.get(c), run.confidence_label) if c in metric_keys else _fmt(r.get(c, "—"))
             for c in columns] for r in rows]
    return {"columns": header, "rows": body}


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_MAX_PNG_BYTES = 8_000_000
_MAX_TABLE_ROWS = 200
_HIGHLIGHT_RGB = {True: "220,38,38", False: "37,99,235"}  # red: towards the explained class; blue: away


def _png_uri(value: Any) -> str | None:
    """A ``data:`` URI of stored base64 text when it decodes to a PNG, else None: only bytes that
    are really a PNG reach an ``<img>``, re-encoded by us (the stored text is never pasted)."""
    if not isinstance(value, str) or len(value) > _MAX_PNG_BYTES * 4 // 3 + 4:
        return None
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
    if not raw.startswith(_PNG_SIGNATURE):
        return None
    from .plots import png_data_uri

    return png_data_uri(raw)


def _plain(value: Any) -> str:
    """A stored text field as text (the template escapes it); numbers formatted, others dropped."""
    if isinstance(value, str):
        return value
    if _is_number(value) or isinstance(value, bool):
        return _fmt(value)
    return ""


def _cell(value: Any) -> str:
    if value is None:
        return "not defined"
    if isinstance(value, float):
        return _fmt(value)
    return _plain(value)


class _TextOnly(HTMLParser):
    """The text of an HTML fragment (explanations.json of schema 1 stored HTML): tags,
    attributes, scripts and styles are dropped, the text is kept to be escaped again."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropped = 0
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag in ("img", "svg", "iframe", "object", "embed", "script", "style", "video", "audio"):
            self.dropped += 1
        if tag in ("p", "br", "li", "tr", "h3", "h4", "div", "figure"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _legacy_text(fragment: str) -> tuple[list[str], int]:
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    text = "".join(parser.parts)
    paragraphs = [" ".join(p.split()) for p in text.split("\n")]
    return [p for p in paragraphs if p], parser.dropped


def _highlight(item: Any) -> dict[str, Any] | None:
    if not isinstance(item, dict) or not isinstance(item.get("tokens"), list):
        return None
    tokens = [t for t in item["tokens"] if isinstance(t, dict) and isinstance(t.get("text"), str)]
    scores = [float(t["score"]) if _is_number(t.get("score")) else 0.0 for t in tokens]
    scale = max((abs(v) for v in scores), default=0.0)
    shown = []
    for token, score in zip(tokens, scores):
        alpha = min(1.0, abs(score) / scale) * 0.6 if scale > 0 else 0.0
        shown.append({"text": token["text"], "rgb": _HIGHLIGHT_RGB[score > 0], "alpha": f"{alpha:.2f}",
                      "score": f"{score:+.3g}", "muted": bool(token.get("muted"))})
    return {"heading": _plain(item.get("heading")), "detail": _plain(item.get("detail")),
            "error": bool(item.get("error")), "tokens": shown}


def _table_data(item: Any) -> dict[str, Any] | None:
    if not isinstance(item, dict) or not isinstance(item.get("rows"), list):
        return None
    columns = [_plain(c) for c in item.get("columns") or []] if isinstance(item.get("columns"), list) else []
    rows = [[_cell(c) for c in row] for row in item["rows"][:_MAX_TABLE_ROWS] if isinstance(row, list)]
    return {"caption": _plain(item.get("caption")), "columns": columns, "rows": rows}


def _seconds_text(value: Any) -> str | None:
    if not _is_number(value) or value < 0:
        return None
    return "< 0.1 s" if value < 0.1 else f"{value:.1f} s"


def _list(item: dict[str, Any], key: str) -> list[Any]:
    value = item.get(key)
    return value if isinstance(value, list) else []


def _explanation_sections(run: _Run) -> tuple[list[dict[str, Any]], list[str]]:
    """explanations.json as template data. Every string is escaped by the template; figures
    are shown only when their base64 decodes to a PNG. Sections of schema 1 (stored HTML)
    are shown as their text only."""
    sections, notes = [], []
    for i, item in enumerate(run.explanations):
        if not isinstance(item, dict):
            notes.append(f"explanations.json entry {i + 1} is not an object and was left out.")
            continue
        title = _plain(item.get("title")) or f"Explanation {i + 1}"
        out: dict[str, Any] = {"title": title, "caption": _plain(item.get("caption")), "figures": [],
                               "tables": [], "highlights": [], "rules": _plain(item.get("rules")),
                               "notes": [_plain(n) for n in _list(item, "notes") if _plain(n)],
                               "warnings": [_plain(w) for w in _list(item, "warnings") if _plain(w)],
                               "seconds": _seconds_text(item.get("seconds"))}
        if isinstance(item.get("html"), str):  # schema 1: HTML is never rendered, only its text
            paragraphs, dropped = _legacy_text(item["html"])
            out["notes"] = paragraphs + out["notes"]
            if dropped:
                out["notes"].append(f"{dropped} embedded element(s) of this section were stored as HTML and are "
                                    "not shown; re-run training to redraw it.")
        bad = 0
        for fig in _list(item, "figures"):
            uri = _png_uri(fig.get("png")) if isinstance(fig, dict) else None
            if uri is None:
                bad += 1
                continue
            out["figures"].append({"uri": uri, "alt": _plain(fig.get("alt")) or title,
                                   "caption": _plain(fig.get("caption"))})
        if bad:
            out["notes"].append(f"{bad} figure(s) of this section are not PNG images and were left out.")
        for tab in _list(item, "tables"):
            data = _table_data(tab)
            if data is not None:
                out["tables"].append(data)
        for high in _list(item, "highlights"):
            data = _highlight(high)
            if data is not None:
                out["highlights"].append(data)
        sections.append(out)
    return sections, notes


def _image_shape(run: _Run) -> tuple[int, ...] | None:
    notes = run.data.get("notes") if isinstance(run.data.get("notes"), dict) else {}
    for candidate in (notes.get("image_shape"), run.model.get("input_shape")):
        if isinstance(candidate, list) and len(candidate) in (2, 3) and all(
            isinstance(s, int) and not isinstance(s, bool) and s > 0 for s in candidate
        ):
            return tuple(candidate)
    return None


def _weights_section(run: _Run) -> dict[str, Any] | None:
    from ..explain.weights import first_layer_weight_images, weight_grid_png
    from .plots import png_data_uri

    shape = _image_shape(run)
    path = run.dir / "model.safetensors"
    if shape is None or not path.is_file():
        return None
    state = _lazy_weights(path)
    try:
        images = first_layer_weight_images(state, shape) if state else None
    except Exception:  # noqa: BLE001 - an unreadable weight file costs this figure, not the report
        images = None
    if images is None or len(images) == 0:
        return None
    n_shown = min(64, len(images))
    size = " × ".join(map(str, shape))
    kernel = tuple(images.shape[-2:])
    if kernel == tuple(shape[-2:]):  # a dense layer on the flattened image: one weight per pixel
        caption = (f"Weights of the first layer's {len(images)} units"
                   + (f" (first {n_shown} shown)" if n_shown < len(images) else "")
                   + f", each drawn as an image of the input ({size}): one weight per pixel. Red pixels push the "
                   "unit's activation up, blue pixels push it down, white pixels are ignored.")
    else:  # a convolution: small filters slid over the image, not images of it
        channels = images.shape[1] if images.ndim == 4 else 1
        caption = (f"The first convolution's {len(images)} filters"
                   + (f" (first {n_shown} shown)" if n_shown < len(images) else "")
                   + f", each {kernel[0]} × {kernel[1]} pixels"
                   + (f" per input channel ({channels} channels, one tile each)" if channels > 1 else "")
                   + f". Each filter is slid over the whole {size} input and responds to a small pattern: "
                   "red weights respond to bright pixels at that position of the pattern, blue weights to dark "
                   "ones. Filters show which local patterns (edges, spots) the first layer detects, not where "
                   "in the image the model looks; see the attribution maps for that.")
    n_members = run.model.get("ensemble")
    if isinstance(n_members, int) and n_members > 1:
        caption += f" These are ensemble member 1's; each of the {n_members} members has its own."
    label = "unit" if kernel == tuple(shape[-2:]) else "filter"
    return {"uri": png_data_uri(weight_grid_png(images, label=label)), "caption": caption}


_GLOSSARY = (
    ("Conformal prediction", "A way to turn a model's probabilities into a set of possible diagnoses (or an "
                             "interval of values) that contains the truth for a promised share of patients, "
                             "e.g. 90%, checked on validation patients the model did not train on."),
    ("Referral curve", "How accurate the model is on the patients it keeps when the ones it is least sure "
                       "about are passed to a clinician."),
    ("AUROC", "Area under the ROC curve: the chance that the model gives a randomly chosen patient with the "
              "condition a higher score than one without it. 0.5 is chance, 1 is perfect ranking."),
    ("AUPRC", "Area under the precision-recall curve (average precision): how precise the model stays as it "
              "finds more of the positives. Its chance level is the prevalence."),
    ("Bootstrap confidence interval", "The range of a metric over many resamples (with replacement) of the "
                                      "test set: how much the number could move with other patients like these."),
    ("ECE (expected calibration error)", "The average gap between predicted probability and observed frequency, "
                                         "over bins of predicted probability, weighted by how many patients fall "
                                         "in each bin. 0 means predicted risks can be read as risks."),
    ("Temperature scaling", "A calibration step after training: all scores are divided by one number T fitted "
                            "on the validation set. T > 1 softens over-confident probabilities; the ranking of "
                            "patients (and so the AUROC) does not change."),
    ("Youden's J", "Sensitivity + specificity − 1. The threshold that maximises it balances missed cases and "
                   "false alarms equally."),
    ("Log-odds (logit)", "log(p / (1 − p)) of a probability p: 0 is 50%, +2 is about 88%, −2 about 12%. Equal "
                         "steps in log-odds are not equal steps in probability."),
    ("SHAP", "SHapley Additive exPlanations: splits the model's output for one patient into one contribution "
             "per input column, which add up to the output minus the average output over reference patients."),
    ("DeepLIFT", "A fast way to compute SHAP-like contributions for neural networks: it compares each "
                 "neuron's activation with its activation on reference inputs and propagates the differences."),
    ("LIME", "Local Interpretable Model-agnostic Explanations: fits a simple linear model to the network's "
             "answers on slightly changed copies of one patient; its slopes describe the network near that "
             "patient only."),
    ("Spearman's ρ (rank agreement)", "The correlation of two rankings: 1 when SHAP and LIME order the columns "
                                      "the same way, 0 when their orders are unrelated, −1 when reversed."),
    ("Surrogate tree", "A small decision tree trained to imitate the network's answers. Its fidelity (how "
                       "often it agrees with the network on patients it did not see) says whether its rules "
                       "describe the network."),
    ("Grad-CAM", "A heat map of where in an image the last convolutional layer found evidence for the "
                 "explained class."),
    ("Integrated Gradients", "Attribution of an output to each pixel or token by accumulating gradients along a "
                             "path from a blank input to the real one."),
    ("Occlusion", "The drop of the model's score when a patch of the image is blacked out."),
)


_CLASSIFICATION_TERMS = {"AUROC", "AUPRC", "ECE (expected calibration error)", "Temperature scaling", "Youden's J",
                         "Log-odds (logit)"}


_MAX_CARD_TEXT = 2_000


def _card_text(value: Any, depth: int = 0) -> str:
    """A model-card value (text, numbers, lists, nested tables) as one line of plain text."""
    if isinstance(value, dict) and _is_metric(value) and set(value) <= {"value", "ci95"}:
        ci = value.get("ci95")
        if isinstance(ci, list) and len(ci) == 2 and all(_is_number(x) for x in ci):
            return f"{_fmt(value['value'])} ({_fmt(ci[0])} to {_fmt(ci[1])})"
        return _fmt(value["value"])
    if isinstance(value, dict):
        if depth > 3:
            return "…"
        parts = [f"{str(k).replace('_', ' ')}: {_card_text(v, depth + 1)}" for k, v in value.items() if v is not None]
        text = "; ".join(parts) if depth == 0 else "(" + "; ".join(parts) + ")"
    elif isinstance(value, list):
        text = ", ".join(_card_text(v, depth + 1) for v in value[:50]) + (", …" if len(value) > 50 else "")
    else:
        text = _fmt(value)
    return text if len(text) <= _MAX_CARD_TEXT else text[:_MAX_CARD_TEXT] + "…"


def _model_card_section(run: _Run) -> dict[str, Any] | None:
    """The reporting checklist (``model_card.json``) as rows: one per topic, with the TRIPOD+AI and
    CLAIM items it answers. A run written before model cards existed gets one built from its files."""
    from .model_card import MISSING_INTENDED_USE, MISSING_LIMITATIONS, MODEL_CARD, build_model_card

    card = _read_json(run.dir / MODEL_CARD)
    if card is None:
        card = build_model_card(run.dir)
    entries = card.get("items") if isinstance(card, dict) else None
    if not isinstance(entries, list):
        return None
    rows: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("topic"), str):
            continue
        row = rows.setdefault(entry["topic"], {"topic": entry["topic"], "tripod": [], "claim": [],
                                               "value": _card_text(entry.get("value")),
                                               "source": _plain(entry.get("source") or ""),
                                               "missing": entry.get("value") in (MISSING_INTENDED_USE, MISSING_LIMITATIONS)})
        key = {"TRIPOD+AI": "tripod", "CLAIM": "claim"}.get(str(entry.get("checklist")))
        if key is not None and entry.get("item") is not None:
            row[key].append(_plain(entry["item"]))
    if not rows:
        return None
    checklists = card.get("checklists") if isinstance(card.get("checklists"), dict) else {}
    return {"rows": [{**r, "tripod": ", ".join(r["tripod"]) or "—", "claim": ", ".join(r["claim"]) or "—"}
                     for r in rows.values()],
            "checklists": [_plain(v) for v in checklists.values()],
            "missing": [r["topic"] for r in rows.values() if r["missing"]]}


def _glossary(kind: str) -> list[tuple[str, str]]:
    return [(term, meaning) for term, meaning in _GLOSSARY
            if kind != "regression" or term not in _CLASSIFICATION_TERMS]


def _limitations(run: _Run, metrics: dict[str, Any]) -> list[str]:
    n_test = metrics.get("n_test")
    items = [
        "All metrics are measured on a held-out test set"
        + (f" of {_fmt(n_test)} samples" if n_test is not None else "")
        + " that was not used for training, for choosing the best epoch, for calibration or for the threshold.",
        f"Each metric has a {metrics['confidence_label'].replace(' CI', '')} confidence interval from bootstrap "
        "resampling of the test set"
        + (f" ({_fmt(metrics['bootstrap'])} resamples)" if metrics.get("bootstrap") else "")
        + ". A wide interval means the test set is too small to measure the metric precisely. The interval does "
          "not cover retraining, other hospitals, devices, populations or later time periods.",
        "The reliability diagram shows whether predicted probabilities can be read as risks: a model can rank "
        "patients well (high AUROC) and still be badly calibrated.",
        "Explanations show what the model relied on, not what causes the condition.",
        "This model is a research result, not a medical device. It has not been validated prospectively and must "
        "not be used for clinical decisions on its own.",
    ]
    if run.kind == "regression":
        items[2] = "Residual plots show whether the model systematically over- or under-estimates some values."
    if metrics.get("small_test"):
        items.insert(0, "The test set is small: the metrics and their confidence intervals are unreliable "
                        "(see the warning under “Performance on the test set”).")
    return items


# --------------------------------------------------------------------------- render


def _template():
    from importlib.resources import files

    import jinja2

    text = files("mednn.reports").joinpath("templates", "report.html").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.from_string(text)


def _render(context: dict[str, Any]) -> str:
    return _template().render(**context)


def build_report(run_dir: Path | str) -> str:
    """Render the report of a run directory as one self-contained HTML string.

    Reads only the files of ``run_dir``; raises DataError when it is not a run directory
    (no ``metrics.json``) or a file in it is corrupt.

    >>> html = build_report(Path("runs/breast-cancer"))  # doctest: +SKIP
    """
    run = _Run(Path(run_dir))
    metrics = _metrics_section(run)
    if run.kind == "regression":
        figures, figure_notes = _regression_figures(run)
    else:
        figures, figure_notes = _classification_figures(run)
    explanations, explanation_notes = _explanation_sections(run)
    context = {
        "title": _title(run),
        "kind": run.kind,
        "summary": _summary(run),
        "baselines": _baselines_section(run),
        "data": _data_section(run),
        "metrics": metrics,
        "threshold": _threshold_text(run) if run.kind != "regression" else None,
        "calibration": _calibration_text(run) if run.kind != "regression" else None,
        "training": _training_section(run),
        "privacy": _privacy_section(run),
        "figures": figures,
        "figure_notes": figure_notes,
        "subgroups": _subgroups(run),
        "uncertainty": _uncertainty(run),
        "tuning": _tuning(run),
        "explanations": explanations,
        "explanation_notes": explanation_notes,
        "weights": _weights_section(run),
        "model_card": _model_card_section(run),
        "limitations": _limitations(run, metrics),
        "glossary": _glossary(run.kind),
    }
    return _render(context)


def write_report(run_dir: Path | str, out_path: Path | str | None = None) -> Path:
    """Build the report and write it atomically to ``out_path`` (default ``run_dir/report.html``).

    The HTML is rendered completely before anything is written, then written to a temporary
    file beside the target and renamed over it: a failure leaves the old report (or none),
    never a partial one.
    """
    run_dir = Path(run_dir)
    target = Path(out_path) if out_path is not None else run_dir / "report.html"
    html = build_report(run_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", suffix=".partial", delete=False
    )
    try:
        with handle:
            handle.write(html)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o644)  # a temporary file is private (0600); a report is meant to be shared
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return target

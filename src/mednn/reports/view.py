"""What every report section reads: the loaded run seen through its record, and the number
formats the report uses.

:class:`ReportRun` wraps a loaded run (``mednn.runs.load_run(path, model=False)``, or the run
being written): ``record`` is the typed :class:`~mednn.runs.schema.RunRecord`; the task kind,
class names and confidence level come from it, never from a fallback. Metric names come from
the metric registry (:func:`mednn.evaluation.metrics.metric_label`), the one label table.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..errors import plural  # noqa: F401  (the one helper; sections import it from here)
from ..evaluation.coverage import coverage_text
from ..evaluation.metrics import metric_label, metric_short
from ..explain.base import class_display_name

# below these test sizes the report warns that the metrics (and their bootstrap CIs) are unreliable
SMALL_TEST_SET = 30
SMALL_TEST_CLASS = 10


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def fmt(value: Any, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "not defined"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:.{digits}f}" if abs(value) >= 10 ** -digits or value == 0 else f"{value:.2g}"
    return str(value)


UNDEFINED = "undefined"


def undefined_text(reason: Any = None) -> str:
    """An undefined metric: "undefined (one class present)" — never a 0 or 1 it did not earn. The
    reason's first clause only (``evaluate()`` writes "only class 'x' is present ...; auprc needs ...")."""
    if isinstance(reason, str) and reason.strip():
        return f"{UNDEFINED} ({reason.split(';')[0].strip()})"
    return UNDEFINED


def fmt_metric(entry: Any, confidence_label: str, reason: str | None = None, coverage: bool = True) -> str:
    """``{"value": 0.95, "ci95": [0.9, 0.99]}`` -> "0.950 (95% CI 0.900 to 0.990)"; a null value
    is "undefined" with the entry's ``reason`` (else ``reason``); ``coverage``: append ", over k of
    n labels" of a macro average resting on some labels (False where the row's label says it)."""
    if isinstance(entry, dict):
        value, ci = entry.get("value"), entry.get("ci95")
        reason = entry.get("reason") or reason
    else:
        value, ci = entry, None
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return undefined_text(reason)
    text = fmt_value(value)
    if value is not None and isinstance(ci, (list, tuple)) and len(ci) == 2 and all(is_number(c) for c in ci):
        text += f" ({confidence_label} {fmt_value(float(ci[0]))} to {fmt_value(float(ci[1]))})"
    over = coverage_text(entry) if coverage else ""
    return text + (f", {over}" if over else "")


def metric_row(label: str, entries: list[Any], confidence_label: str,
               reasons: list[str | None] | None = None) -> tuple[str, list[str]]:
    """One metric's row of a table whose columns are splits or sites: its label and a cell per
    entry (None: "—"). A macro average that rests on the same k of n labels in every column says
    so once, after the label, not in each cell (trial 15: ", over 3 of 4 labels" twice in a row);
    columns resting on different labels keep their own note.

    >>> metric_row("PPV", [{"value": 0.5, "averaged_over": {"n": 3, "of": 4, "unit": "labels"}}] * 2, "95% CI")
    ('PPV (over 3 of 4 labels)', ['0.500', '0.500'])
    """
    reasons = reasons or [None] * len(entries)
    shown = [e for e in entries if e is not None]
    notes = {coverage_text(e) for e in shown if is_metric(e) and not _undefined(e)}
    once = notes.pop() if len(notes) == 1 and shown and all(is_metric(e) and not _undefined(e) for e in shown) else ""
    cells = ["—" if e is None else fmt_metric(e, confidence_label, reason, coverage=not once)
             for e, reason in zip(entries, reasons)]
    return (f"{label} ({once})" if once else label), cells


def _undefined(entry: Any) -> bool:
    value = entry.get("value") if isinstance(entry, dict) else entry
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def fmt_value(value: Any, digits: int = 3) -> str:
    """A metric's value or bound with a fixed number of decimals, as the terminal prints it
    (0.00088 -> "0.001", never "0.00088" beside "0.959"); counts stay integers."""
    return f"{value:.{digits}f}" if isinstance(value, float) else fmt(value, digits)


def is_metric(entry: Any) -> bool:
    return isinstance(entry, dict) and "value" in entry or is_number(entry)


def numbers(frame, column: str) -> np.ndarray:
    """A text column of a run's CSV as floats (empty cells: NaN)."""
    import pandas as pd

    return pd.to_numeric(frame[column].replace("", np.nan), errors="coerce").to_numpy(dtype=float)


def curve_history(run: "ReportRun"):
    """The rows of the run's history.csv that the learning curves show: member 1's for an
    ensemble; None when it has none."""
    history = run.run.history()
    if history is not None and len(history) and "member" in history.columns:
        history = history[history["member"] == "1"]
    return history if history is not None and len(history) else None


def plain_text(value: Any) -> str:
    """A stored text field as text (the template escapes it); numbers formatted, others dropped."""
    if isinstance(value, str):
        return value
    if is_number(value) or isinstance(value, bool):
        return fmt(value)
    return ""


def group_unit(record) -> str:
    """What a run's groups of samples stand for, in the field's word: ``"patient"`` for a patient
    column the user named, otherwise the unit of the groups its modality's reader derives (its
    spec's ``group_unit``: ``patient``; molecules: ``scaffold``); ``group`` for a modality this
    install does not know (a report still shows such a run)."""
    from ..modalities import MODALITIES, load_modalities

    data = record.data
    if getattr(data, "split_method", None) == "scaffold":
        return "scaffold"
    config = getattr(record, "config", None)
    named = config.data.patient_column if config is not None else None
    if named and data.groups is not None and data.groups.column == named:
        return "patient"
    load_modalities()
    name = data.modality
    return MODALITIES.get(name).group_unit if name in MODALITIES else "group"


def groups_source(record) -> str:
    """Where a run's groups came from, in words: "the column 'subject'" (``data.patient_column``),
    "the patient id taken from column 'rec' by data.patient_from" (a derived patient: no column
    holds it), "the Bemis-Murcko scaffold", else "the patient ids its reader gave"."""
    data = record.data
    if group_unit(record) == "scaffold":
        return "the Bemis-Murcko scaffold"
    config = getattr(record, "config", None)
    derived = config.data.patient_from if config is not None else None
    named = config.data.patient_column if config is not None else None
    if derived is not None:
        return f"the patient id taken from column '{derived.column}' by data.patient_from"
    if data.groups is not None and (named is None or data.groups.column == named) and data.groups.column != "group":
        return f"the column '{data.groups.column}'"
    return f"the {group_unit(record)} ids its reader gave"




# what one sample of a modality is, where it is not a patient of a table
_SAMPLE_WORDS = {"images": "image", "text": "record"}


class ReportRun:
    """A loaded run as the report's sections read it."""

    def __init__(self, run):
        self.run = run
        self.record = run.record
        task = self.record.task
        self.kind: str = task.kind
        self.class_names: list[str] = list(task.class_names)
        self.positive: str | None = task.positive_class
        confidence = self.record.metrics.bootstrap.confidence
        self.confidence_label = f"{round(100 * confidence):d}% CI"
        self.name = run.path.name

    def label(self, key: str) -> str:
        """A metric's plain-language name (registry), class names as the report shows them."""
        names = [self.display(n) for n in self.class_names]
        return metric_label(key, self.kind, names, self.display(self.positive) if self.positive else None)

    def short(self, key: str) -> str:
        """A metric's column heading (registry)."""
        return metric_short(key, "regression" if self.kind == "regression" else "multiclass").split(" (")[0]

    def display(self, name: Any) -> str:
        return class_display_name(str(name)) if self.kind != "regression" else str(name)

    def test_rows(self):
        """The test rows of predictions.csv (None when the run has none)."""
        frame = self.run.predictions()
        if frame is None or frame.empty:
            return None
        if "split" in frame.columns:
            frame = frame[frame["split"].str.lower() == "test"]
        return frame if len(frame) else None

    def split_n(self, name: str) -> int | None:
        split = self.record.data.splits.get(name)
        return split.n if split is not None else None

    @property
    def unit(self) -> str:
        """``patient`` or ``scaffold``: what the run's groups are (:func:`group_unit`)."""
        return group_unit(self.record)

    @property
    def subject(self) -> str:
        """What one sample (one row of predictions.csv) is, in the reader's words: ``molecule``,
        ``image``, ``record`` for texts, and for a table ``patient``, unless the run names its
        patients and counts several records for some of them: then each row is a ``record``
        (trial 12: "63 test patients" were 63 of 494 records of 151 patients)."""
        modality = self.record.modality
        if modality == "molecules" or self.unit == "scaffold":
            return "molecule"
        if modality in _SAMPLE_WORDS:
            return _SAMPLE_WORDS[modality]
        return "record" if self.unit == "patient" and self._patients_hold_several() else "patient"

    def _patients_hold_several(self) -> bool:
        splits = self.record.data.splits.values()
        return any(s.n_patients is not None and s.n_patients < s.n for s in splits)

    @property
    def bootstrap_unit(self) -> str:
        """What the intervals resample, for a sentence: "patients" (metrics.json ``bootstrap.unit``)
        or the run's samples ("records", "molecules" ...)."""
        return "patients" if self.record.metrics.bootstrap.unit == "patient" else f"{self.subject}s"

    def split_samples(self, name: str, role: str) -> str:
        """"400 validation samples from 3 patients": a split's samples, and its patients when they
        were counted (``role``: the split as the sentence names it)."""
        n = self.split_n(name)
        split = self.record.data.splits.get(name)
        text = plural(n, f"{role} sample") if n is not None else f"the {role} samples"
        if split is not None and split.n_patients is not None and self.unit != "scaffold":
            text += " from " + plural(split.n_patients, self.unit)
        return text

    def split_units(self, name: str) -> str:
        """", 31 patients" (or scaffolds) when the split's groups were counted, else ""."""
        split = self.record.data.splits.get(name)
        if split is None or split.n_patients is None:
            return ""
        return ", " + plural(split.n_patients, self.unit)

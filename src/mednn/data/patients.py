"""Who each row belongs to: the patient ids a reader gives ``Dataset.groups``.

A file names its patients in a column (``data.patient_column``), or inside another column's
values: ``phon_R01_S01_3`` is recording 3 of subject ``phon_R01_S01``. ``data.patient_from:
{column: name, pattern: '^(.*)_\\d+$'}`` takes the patient id from the pattern's one group
without editing the file (:func:`derive_patients`). With patients known, the split is
patient-level and the bootstrap resamples patients (:func:`patient_groups` gives the ids
evaluation needs; molecule groups are scaffolds, not patients).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import DataError
from .base import Dataset
from .columns import format_value, row_list

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

# the pattern runs on cells no longer than this (a regular expression on a long cell can take
# long even without nested repeats; an id is a few dozen characters)
MAX_ID_LENGTH = 256


def derive_patients(frame: "pd.DataFrame", spec: Any, rows: np.ndarray, source: str, *,
                    strict: bool = True) -> np.ndarray | None:
    """The patient id of each row: the one group of ``spec.pattern`` (``data.patient_from``)
    matched at the start of ``spec.column``'s text. A row whose cell is empty, too long or not
    matched is an error naming the column and the rows (never the cell); with ``strict=False``
    (new rows to score, whose patients only serve the check against the training split) such a
    row's whole cell is its patient, and an empty cell leaves the rows without patients (None).

    >>> import pandas as pd
    >>> from mednn.config import PatientFrom
    >>> frame = pd.DataFrame({"name": ["phon_R01_S01_1", "phon_R01_S01_2", "phon_R01_S02_1"]})
    >>> derive_patients(frame, PatientFrom(column="name", pattern=r"^(.*)_\\d+$"), np.arange(3) + 2, "v.csv").tolist()
    ['phon_R01_S01', 'phon_R01_S01', 'phon_R01_S02']
    """
    column = spec.column
    if column not in frame.columns:
        from .columns import close_names

        raise DataError(f"{source}: data.patient_from.column '{column}' is not in the file; "
                        f"{close_names(column, [str(c) for c in frame.columns])}")
    compiled = re.compile(spec.pattern)
    values = frame[column].tolist()
    out = np.empty(len(values), dtype=object)
    bad = np.zeros(len(values), dtype=bool)
    for i, value in enumerate(values):
        text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else format_value(value)
        match = compiled.match(text) if 0 < len(text) <= MAX_ID_LENGTH else None
        if match is None or not match.group(1):
            bad[i] = True
        else:
            out[i] = match.group(1)
    if bad.any() and not strict:
        texts = ["" if v is None or (isinstance(v, float) and np.isnan(v)) else format_value(v) for v in values]
        if any(not texts[i] for i in np.flatnonzero(bad)):
            return None
        out[bad] = [texts[i] for i in np.flatnonzero(bad)]
    elif bad.any():
        raise DataError(f"{source}: data.patient_from.pattern finds no patient id in column '{column}' in "
                        f"{row_list(np.asarray(rows)[bad])} ({int(bad.sum())} of {len(values)} rows; a cell is "
                        f"at most {MAX_ID_LENGTH} characters); fix: correct the pattern (for a site's file: mednn "
                        "evaluate RUN --data FILE --set data.patient_from.pattern=...), or fill those cells")
    return out


def patient_groups(dataset: Dataset) -> np.ndarray | None:
    """The patient id of each sample when the reader knows them, else None (molecules are
    grouped by scaffold: a scaffold is not a patient)."""
    if dataset.groups is None or dataset.notes.get("groups") == "scaffold":
        return None
    return np.asarray(dataset.groups)


def patients_per_split(dataset: Dataset, splits: dict[str, np.ndarray]) -> dict[str, int] | None:
    """How many patients each split holds (None without patient ids): the report counts patients,
    not only samples, when rows are repeated measurements."""
    groups = patient_groups(dataset)
    if groups is None:
        return None
    text = groups.astype(str)
    return {name: int(len(np.unique(text[np.asarray(index, dtype=np.int64)]))) for name, index in splits.items()}

"""The records of a scored file that a run should not be trusted on, named in one console line.

The out-of-distribution finding (:func:`mednn.ood.run.ood_finding`) needs several records
before a binomial test can say "more than chance"; a user scoring one or a few records (one
patient with a glucose of 1e30) would otherwise get a confident answer and no word. So
``predict`` and ``evaluate`` print one line whenever any record is flagged, naming how many and
the first few records as every finding names them (:func:`mednn.findings.row_references`:
``row-N``, DICOM pseudonyms, else positions in reading order, never the file's own ids), and, for a
table, the numeric columns holding values far outside the training range and, for columns named
as a clinical quantity, values no patient can have (:mod:`mednn.data.clinical_ranges`: a glucose of
-95 is within the range rule's reach), column names and counts, never a value.

>>> far = {"age": 1, "avg_glucose_level": 1}
>>> flagged_detail(["row-2", "row-3", "row-4"], [True, False, True], far)
'flagged: row-2, row-4; far outside the training range: age (1 record), avg_glucose_level (1 record)'
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import plural
from ..findings import row_references

SHOWN_COLUMNS = 6
INTENSITY = "intensity scale"  # the name an image's intensity check goes by in the line
IMPOSSIBLE = "impossible: "  # far_outside's key prefix for a column's values no patient can have
FAR_WIDTHS = 2.0  # a table value this many training-range widths beyond the range is far outside it
ORDER = 10.0  # an image's intensity spread this many times above / below every training image's


def far_outside(profile: dict[str, Any] | None, dataset, featurizer) -> dict[str, np.ndarray]:
    """Numeric table column -> per record, whether its value lies far outside the training range:
    more than ``FAR_WIDTHS`` times the range's own width beyond the run's 0.5th-99.5th percentile
    range (an age of -4000 or 250 for a range of 0.6-82; a heavy-tailed column of the training
    population itself rarely gets there: 0.7% of breast-cancer rows at one width). Only columns
    with such a value; empty for other modalities or without a profile. A column named as a
    clinical quantity also gets ``IMPOSSIBLE + name``: its values no patient can have."""
    if profile is not None and profile.get("modality") == "images":
        return _intensity_scale(profile, dataset, featurizer)
    if profile is None or profile.get("modality") != "tabular":
        return {}
    from ..evaluation.shift.tabular import table_columns

    out: dict[str, np.ndarray] = {}
    for name, values in table_columns(dataset, featurizer, profile).columns.items():
        column = profile["columns"].get(name) or {}
        if column.get("kind") != "numeric" or not column.get("range") or len(values) != len(dataset):
            continue
        low, high = (float(v) for v in column["range"])
        width = (high - low) or max(abs(high), 1.0)  # a constant column: its own magnitude
        values = np.asarray(values, dtype=np.float64)
        far = (values < low - FAR_WIDTHS * width) | (values > high + FAR_WIDTHS * width)  # NaN: never far
        if far.any():
            out[name] = far
        impossible = _impossible(name, values, column.get("mean"))
        if impossible is not None:
            out[IMPOSSIBLE + name] = impossible
    return dict(sorted(out.items()))


def _impossible(name: str, values: np.ndarray, training_mean: float | None) -> np.ndarray | None:
    """Records whose value no patient can have, for a column named as a clinical quantity
    (:mod:`mednn.data.clinical_ranges`; trial 7: a glucose of -95 lies within two widths of the
    training range), its unit decided by the training mean; None when none."""
    from ..data.clinical_ranges import impossible_mask

    found = impossible_mask(name, values, reference=training_mean)
    return found[2] if found is not None and found[2].any() else None


def _intensity_scale(profile: dict[str, Any], dataset, featurizer) -> dict[str, np.ndarray]:
    """Images whose intensity spread (standard deviation, in the run's units) is of another order
    than every training image's (the profile's ``image contrast`` range, at least ``ORDER`` times
    above or below it): the same scan saved as 0-1 instead of 0-255, or x1000 as int16, would
    otherwise get a confident and meaningless probability (trial 6: 0.39 / 0.70 / 6.5e-52).

    What it needs from training is stored in the run when it is trained: the training contrast range
    in ``profile.json`` (the run schema's ``profile``) and the intensity scale in ``featurizer.json``;
    it reads only the scored images, never a training image (a test removes the training folder
    before predict). A run without a profile (trained before profiles were written) gets no intensity
    line; its out-of-distribution flags still mark such images."""
    column = (profile.get("columns") or {}).get("image contrast") or {}
    if not column.get("range"):
        return {}
    low, high = (float(v) for v in column["range"])
    scale = getattr(featurizer, "scale_", None) or 1.0
    inputs = dataset.inputs
    cached = hasattr(inputs, "read") and hasattr(inputs, "row_keys")  # a disk cache: read a block at a time
    spread = np.zeros(len(inputs))
    for start in range(0, len(inputs), 64):
        rows = np.arange(start, min(start + 64, len(inputs)))
        block = inputs.read(rows) if cached else inputs[start:start + 64]
        block = block.detach().cpu().numpy() if hasattr(block, "detach") else block
        spread[rows] = np.asarray(block, dtype=np.float64).reshape(len(rows), -1).std(axis=1) / scale
    far = (spread > high * ORDER) | (spread < low / ORDER)
    return {INTENSITY: far} if far.any() else {}


def flagged_detail(ids, flags, far: dict[str, int]) -> str:
    """``flagged: <records>; far outside the training range: <column (count)>; values no patient can
    have: <column (count)>`` (each part only when it has something to name; empty when none has).
    ``far``: column -> count, keys starting with ``IMPOSSIBLE`` for impossible values."""
    flags = np.asarray(flags, dtype=bool)
    parts = []
    if flags.any():
        parts.append(f"flagged: {row_references(ids, np.flatnonzero(flags))}")
    outside = {c: k for c, k in far.items() if not c.startswith(IMPOSSIBLE)}
    impossible = {c.removeprefix(IMPOSSIBLE): k for c, k in far.items() if c.startswith(IMPOSSIBLE)}
    for what, columns in (("far outside the training range", outside), ("values no patient can have", impossible)):
        if columns:
            names = sorted(columns)[:SHOWN_COLUMNS]
            parts.append(f"{what}: " + ", ".join(f"{c} ({plural(columns[c], 'record')})" for c in names)
                         + (", ..." if len(columns) > len(names) else ""))
    if INTENSITY in far:
        parts.append("images saved in other units than the training images (e.g. 0-1 instead of 0-255, or x1000) "
                     "or blank: convert them as the training images were")
    return "; ".join(parts)


def flagged_line(ids, flags, far: dict[str, int], where: str) -> str | None:
    """The console line for flagged records when the binomial finding says nothing (too few records,
    or no more than chance); None when no record is flagged and no column is far out."""
    flags = np.asarray(flags, dtype=bool)
    detail = flagged_detail(ids, flags, far)
    if not detail:
        return None
    return (f"{int(flags.sum())} of {plural(len(flags), 'record')} of {where} flagged as unlike the training data "
            f"({detail}); check these inputs: their predictions are less reliable (the out-of-distribution scorer "
            "also flags a few records like the training data by chance)")

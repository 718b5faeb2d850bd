"""The records of a scored file that a run should not be trusted on, one console line per kind.

The out-of-distribution finding (:func:`mednn.ood.run.ood_finding`) needs several records
before a binomial test can say "more than chance"; a user scoring one or a few records (one
patient with a glucose of 1e30) would otherwise get a confident answer and no word. So
``predict`` and ``evaluate`` print one line whenever the out-of-distribution scorer flags a record
(its count and records are exactly those with ``out_of_distribution`` True), and one line each for
records holding values no patient can have and values far outside the training range, naming how
many and the first few records as every finding names them (:func:`mednn.findings.row_references`:
``row-N``, DICOM pseudonyms, else positions in reading order, never the file's own ids), and, for a
table, the numeric columns holding values far outside the training range and, for columns named
as a clinical quantity, values no patient can have (:mod:`mednn.data.clinical_ranges`: a glucose of
-95 is within the range rule's reach), column names and counts, never a value.

>>> flagged_detail(["row-2", "row-3", "row-4"], [True, False, True])
'flagged: row-2, row-4'
>>> [m for *_, m in value_lines(["row-2", "row-3"], {"age": np.array([False, True])}, "new.csv")]
['1 of 2 records of new.csv hold values far outside the training range (row-3; far outside the training range: age (1 record)); check these inputs: their predictions are less reliable']
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
    clinical quantity also gets ``IMPOSSIBLE + name``: its values no patient can have, as does a
    column whose training values were all >= 0 (a count, a duration, a percentage) for its
    negative values (trial 13: num_medications -4, ejection fraction -20)."""
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
        if column.get("nonnegative"):
            negative = values < 0  # NaN: never
            impossible = negative if impossible is None else impossible | negative
        if impossible is not None and impossible.any():
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


def record_alerts(far: dict[str, np.ndarray], n: int) -> list[dict[str, list[str]]]:
    """Per record, the columns (names, never values) of :func:`far_outside` as served fields:
    ``impossible_values`` and ``extreme_values`` (an image in other units: ``intensity scale``),
    each only where the record has one; the finding ids of :func:`value_lines`."""
    out: list[dict[str, list[str]]] = [{} for _ in range(n)]
    for column, mask in sorted(far.items()):
        key = "impossible_values" if column.startswith(IMPOSSIBLE) else "extreme_values"
        for i in np.flatnonzero(np.asarray(mask, dtype=bool)[:n]).tolist():
            out[i].setdefault(key, []).append(column.removeprefix(IMPOSSIBLE))
    return out


def flagged_detail(ids, flags) -> str:
    """``flagged: <records>``: exactly the records the out-of-distribution scorer flagged (empty when
    none is); records with values far outside the training range or no patient can have are named
    apart (:func:`value_lines`), never counted as flagged (trial 9: 4 Pima zeros "flagged" while every
    ``out_of_distribution`` was False)."""
    flags = np.asarray(flags, dtype=bool)
    return f"flagged: {row_references(ids, np.flatnonzero(flags))}" if flags.any() else ""


def flagged_line(ids, flags, where: str) -> str | None:
    """The console line for the records the out-of-distribution scorer flagged when its binomial
    finding says nothing (too few records, or no more than chance); None when it flagged none."""
    flags = np.asarray(flags, dtype=bool)
    if not flags.any():
        return None
    return (f"{int(flags.sum())} of {plural(len(flags), 'record')} of {where} flagged as unlike the training data "
            f"by the out-of-distribution scorer ({flagged_detail(ids, flags)}); check these inputs: their predictions "
            "are less reliable (the scorer also flags a few records like the training data by chance)")


def value_lines(ids, far: dict[str, np.ndarray], where: str) -> list[tuple[str, np.ndarray, tuple[str, ...], str]]:
    """(finding id, records, columns, message) for the records holding values no patient can have
    (``impossible_values``) and those far outside the training range or images in other units
    (``extreme_values``), each with its own count and records; empty when ``far`` has none."""
    impossible = {c.removeprefix(IMPOSSIBLE): m for c, m in far.items() if c.startswith(IMPOSSIBLE)}
    outside = {c: m for c, m in far.items() if not c.startswith(IMPOSSIBLE) and c != INTENSITY}
    out = []
    for kind, what, columns in (("impossible_values", "values no patient can have", impossible),
                                ("extreme_values", "far outside the training range", outside)):
        if not columns:
            continue
        records = np.any(list(columns.values()), axis=0)
        names = sorted(columns)[:SHOWN_COLUMNS]
        listed = ", ".join(f"{c} ({plural(int(columns[c].sum()), 'record')})" for c in names)
        out.append((kind, records, tuple(sorted(columns)),
                    f"{int(records.sum())} of {plural(len(records), 'record')} of {where} hold {what.replace('far', 'values far')} "
                    f"({row_references(ids, np.flatnonzero(records))}; {what}: {listed}"
                    f"{', ...' if len(columns) > len(names) else ''}); check these inputs: their predictions "
                    "are less reliable"))
    if INTENSITY in far:
        records = np.asarray(far[INTENSITY], dtype=bool)
        out.append(("extreme_values", records, (), f"{int(records.sum())} of {plural(len(records), 'image')} of "
                    f"{where} saved in other units than the training images (e.g. 0-1 instead of 0-255, or x1000) "
                    f"or blank ({row_references(ids, np.flatnonzero(records))}): convert them as the training "
                    "images were"))
    return out

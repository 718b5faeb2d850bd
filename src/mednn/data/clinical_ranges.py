"""Values no patient can have, for well-known clinical quantities recognised by their column name.

:mod:`.extreme_values` asks whether a value is far from the rest of its column, which cannot see an
age of 670 beside ages 0-82 or a BMI of -28 (trial 7). A column named ``age``, ``BMI`` or
``BloodPressure`` says what it holds, and for such a quantity some values are *impossible*, not
merely unusual: nobody is 670 years old, has a BMI below 4 or a systolic pressure above 400 mmHg.
This module holds those bounds (:data:`QUANTITIES`, physical limits with room beyond the most
extreme cases reported, never "normal ranges") and checks the columns they apply to.

- **Recognising a column**: its name in any casing and separator (``avg_glucose_level``,
  ``BloodPressure``, ``Heart Rate``, ``SpO2``) split into words, matched against each quantity's
  names and abbreviations (``bmi``, ``sbp``, ``hr``, ``wt``). Words that make it another quantity
  (``creatinine_phosphokinase``, ``weight_change``, ``bmi_category``, ``MolWt``) leave it alone, and
  so do 0/1 columns (a flag, whatever its name).
- **Units**: a unit named in the column (``weight_lb``, ``height (m)``, ``temp_F``, ``age_days``)
  decides; otherwise the units whose usual range holds the column's median (of its positive
  values) are candidates and a value is impossible only when it is impossible in *every* candidate
  unit (weight in kg or lb, height in cm or inches, temperature in C or F, glucose in mg/dL or
  mmol/L). A column whose median fits no unit is not the quantity its name suggests (sample
  weights near 1, an RR interval of 800 ms) and is not checked. An ``age`` is in years unless its
  name or its median (above 125) says months or days: a paediatric age in months named plain
  ``age`` is read as years.
- **Zero**: for a quantity that cannot be 0 (BMI, glucose, blood pressure ...), a 0 is counted
  apart as "0 probably means missing" (Pima's glucose, BMI and blood pressure), with the
  ``data.missing_values`` key to set.

The finding (``impossible_values``, warning) names columns and rows
(:func:`mednn.findings.row_references`), never a value.

>>> import pandas as pd
>>> frame = pd.DataFrame({"Age": [34, 670, 51], "BMI": [22.0, -28.0, 0.0]})
>>> [(c.column, c.quantity, c.rows, c.zero_rows) for c in impossible_cells(frame)]
[('Age', 'age', [1], []), ('BMI', 'body mass index', [1], [2])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..findings import Finding, row_references
from .columns import is_numeric


@dataclass(frozen=True)
class Unit:
    """One unit of a quantity: its names in column names, the usual range of a column's median in
    it (to recognise the unit), and the impossible bounds (a value outside ``[low, high]`` cannot be)."""

    name: str
    hints: tuple[str, ...]
    usual: tuple[float, float]
    low: float
    high: float


@dataclass(frozen=True)
class Quantity:
    name: str
    phrases: tuple[str, ...]  # word sequences that name it ("heart rate", "hr")
    units: tuple[Unit, ...]
    not_with: frozenset[str] = field(default_factory=frozenset)  # words that make the column another thing


# words that make a column a derived quantity or a code, whatever it is of
_DERIVED = frozenset({"change", "delta", "diff", "difference", "ratio", "std", "sd", "var", "variance",
                      "variability", "category", "cat", "group", "grp", "class", "bin", "binned", "band", "flag",
                      "score", "z", "zscore", "sds", "percentile", "pct", "centile", "log", "rank", "gain", "loss",
                      "slope", "trend", "meds", "med", "medication", "medications", "treated", "treatment", "drug",
                      "target", "goal", "range", "missing", "measured", "unit", "units", "mol", "molecular",
                      "normal", "abnormal", "high", "low"})


def _u(name: str, hints: str, usual: tuple[float, float], low: float, high: float) -> Unit:
    return Unit(name, tuple(hints.split()), usual, low, high)


# Bounds are what no living patient can show (with room beyond the extreme cases reported: the
# oldest person 122 years, the heaviest about 635 kg, a body temperature survived at 13.7 C, blood
# pressure 370/360 mmHg in a weightlifter, glucose 2,656 mg/dL), not reference ranges.
QUANTITIES: tuple[Quantity, ...] = (
    Quantity("age", ("age",), (
        _u("years", "years year yrs yr y", (0, 110), 0, 125),
        _u("months", "months month mo mos", (125, 1500), 0, 1510),
        _u("days", "days day d", (1500, 46000), 0, 46100)), frozenset({"gestational", "bone"})),
    Quantity("body mass index", ("bmi", "body mass index"), (_u("kg/m2", "kg m2", (10, 80), 4, 250),)),
    Quantity("weight", ("weight", "wt", "body weight"), (
        _u("kg", "kg kgs kilograms", (2, 250), 0.2, 700),
        _u("lb", "lb lbs pounds", (5, 550), 0.4, 1550),
        _u("g", "g grams gram", (300, 250000), 200, 700000)), frozenset({"birth", "molecular", "mol", "sample"})),
    Quantity("height", ("height", "ht", "stature"), (
        _u("cm", "cm centimeters centimetres", (40, 230), 20, 275),
        _u("m", "m meters metres", (0.4, 2.3), 0.2, 2.75),
        _u("in", "in inch inches", (15, 90), 8, 108))),
    Quantity("heart rate", ("heart rate", "heartrate", "hr", "pulse", "pulse rate", "bpm"),
             (_u("beats/min", "bpm", (25, 250), 1, 600),), frozenset({"hrv", "recovery", "reserve", "pressure"})),
    Quantity("systolic blood pressure", ("systolic", "sbp", "sys bp", "systolic bp", "ap hi"),
             (_u("mmHg", "mmhg", (50, 250), 1, 400),)),
    Quantity("diastolic blood pressure", ("diastolic", "dbp", "dia bp", "diastolic bp", "ap lo"),
             (_u("mmHg", "mmhg", (20, 180), 1, 370),)),
    Quantity("blood pressure", ("blood pressure", "bloodpressure", "bp"), (_u("mmHg", "mmhg", (20, 250), 1, 400),),
             frozenset({"systolic", "diastolic", "sbp", "dbp", "pulse"})),
    Quantity("body temperature", ("temperature", "temp", "body temp", "body temperature"), (
        _u("C", "c celsius", (25, 45), 10, 47),
        _u("F", "f fahrenheit", (77, 113), 50, 117)),
        frozenset({"room", "ambient", "storage", "melting", "boiling", "mp", "max", "min"})),
    Quantity("oxygen saturation", ("spo2", "sao2", "o2 sat", "o2 saturation", "oxygen saturation", "sat o2"), (
        _u("%", "percent pct", (50, 100), 1, 100),
        _u("fraction", "fraction", (0.5, 1.0), 0.01, 1.0))),
    Quantity("respiratory rate", ("respiratory rate", "resp rate", "respiration rate", "breathing rate", "rr"),
             (_u("breaths/min", "", (4, 100), 1, 200),), frozenset({"interval"})),
    Quantity("glucose", ("glucose", "glu", "blood sugar"), (
        _u("mg/dL", "mg dl mgdl", (40, 1000), 1, 3000),
        _u("mmol/L", "mmol mmoll", (2, 40), 0.05, 170)), frozenset({"urine", "urinary", "insulin", "hba1c"})),
    Quantity("cholesterol", ("cholesterol", "chol", "hdl", "ldl"), (
        _u("mg/dL", "mg dl mgdl", (15, 1000), 1, 4000),
        _u("mmol/L", "mmol mmoll", (0.3, 25), 0.03, 100))),
    Quantity("creatinine", ("creatinine", "creat", "scr"), (
        _u("mg/dL", "mg dl mgdl", (0.1, 20), 0.01, 100),
        _u("umol/L", "umol umoll", (20, 2000), 1, 9000)),
        frozenset({"kinase", "phosphokinase", "cpk", "clearance", "urine", "urinary"})),
    Quantity("haemoglobin", ("hemoglobin", "haemoglobin", "hgb", "hb", "hemo"), (
        _u("g/dL", "g dl gdl", (2, 25), 0.3, 30),
        _u("g/L", "g l gl", (30, 250), 3, 300)), frozenset({"a1c", "glycated", "glycosylated", "urine"})),
)

_SPLIT = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])|[^A-Za-z0-9]+")


def column_words(name: Any) -> tuple[str, ...]:
    """A column name as lower-case words: ``"avgGlucose_Level (mg/dL)"`` -> ``avg glucose level mg dl``."""
    return tuple(w.lower() for w in _SPLIT.split(str(name)) if w)


def _has(words: tuple[str, ...], phrase: str) -> bool:
    part = tuple(phrase.split())
    return any(words[i:i + len(part)] == part for i in range(len(words) - len(part) + 1))


def quantity_of(name: Any) -> Quantity | None:
    """The clinical quantity a column name says it holds, or None.

    >>> [getattr(quantity_of(n), "name", None) for n in ("BloodPressure", "creatinine_phosphokinase", "MolWt")]
    ['blood pressure', None, None]
    """
    words = column_words(name)
    for quantity in QUANTITIES:
        if any(_has(words, p) for p in quantity.phrases):
            if set(words) & (_DERIVED | quantity.not_with):
                return None
            return quantity
    return None


def _units(quantity: Quantity, words: tuple[str, ...], values: np.ndarray) -> tuple[Unit, ...]:
    """The units the column may be in: those its name names, else those whose usual range holds
    the median of its positive values (none: not this quantity, or a unit not known here)."""
    own = {w for phrase in quantity.phrases for w in phrase.split()}
    named = tuple(u for u in quantity.units if set(u.hints) & (set(words) - own))
    if named:
        return named
    present = values[values > 0]  # no quantity here is ever negative: a negative says nothing of the unit
    if present.size == 0:
        return quantity.units if all(u.low > 0 for u in quantity.units) else ()
    median = float(np.median(present))
    return tuple(u for u in quantity.units if u.usual[0] <= median <= u.usual[1])


@dataclass
class ImpossibleCells:
    """A column's impossible cells: ``rows`` (0-based positions) outside the bounds of every unit it
    may be in, ``zero_rows`` (0 where the quantity cannot be 0: probably a missing value)."""

    column: str
    quantity: str
    units: tuple[str, ...]
    rows: list[int]
    zero_rows: list[int]


def impossible_cells(frame: Any) -> list[ImpossibleCells]:
    """The numeric columns of a table named as a known clinical quantity that hold values no
    patient can have (see the module); columns without such values are left out."""
    out = []
    for column in frame.columns:
        series = frame[column]
        if not is_numeric(series):
            continue
        values = series.to_numpy(dtype=float, na_value=np.nan)
        found = impossible_mask(column, values)
        if found is not None and found[2].any():
            quantity, units, bad = found
            zero = bad & (values == 0)
            out.append(ImpossibleCells(str(column), quantity.name, tuple(u.name for u in units),
                                       np.flatnonzero(bad & ~zero).tolist(), np.flatnonzero(zero).tolist()))
    return out


def impossible_mask(name: Any, values: np.ndarray, reference: float | None = None,
                    ) -> tuple[Quantity, tuple[Unit, ...], np.ndarray] | None:
    """``(quantity, units, mask)``: which of a numeric column's ``values`` (NaN = missing) no
    patient can have, for the quantity its ``name`` says; None when the name says none, the column is
    a 0/1 flag or its unit is unknown. ``reference``: a typical value of the column from elsewhere
    (the training mean, for a few records to score), which then decides the unit instead of ``values``.

    >>> impossible_mask("avg_glucose_level", np.array([-95.0]), reference=106.0)[2]
    array([ True])
    """
    quantity = quantity_of(name)
    if quantity is None:
        return None
    values = np.asarray(values, dtype=np.float64)
    finite = values[np.isfinite(values)]
    if finite.size == 0 or set(np.unique(finite).tolist()) == {0.0, 1.0}:
        return None  # empty, or a 0/1 flag (an all-zero column is named: every cholesterol 0 is missing)
    typical = finite if reference is None or not np.isfinite(reference) else np.array([float(reference)])
    units = _units(quantity, column_words(name), typical)
    if not units:
        return None
    low, high = min(u.low for u in units), max(u.high for u in units)
    with np.errstate(invalid="ignore"):
        return quantity, units, np.isfinite(values) & ((values < low) | (values > high))


def _column_text(cells: ImpossibleCells, ids: Any) -> str:
    unit = "/".join(cells.units)
    parts = []
    if cells.rows:
        parts.append(f"{len(cells.rows)} impossible ({row_references(ids, cells.rows)})")
    if cells.zero_rows:
        parts.append(f"0 in {len(cells.zero_rows)} ({row_references(ids, cells.zero_rows)}): "
                     "0 probably means missing")
    return f"'{cells.column}' ({cells.quantity}, {unit}: {'; '.join(parts)})"


def table_impossible_cells(dataset) -> list[ImpossibleCells]:
    """:func:`impossible_cells` of a dataset's table (none for other modalities)."""
    if dataset.modality != "tabular" or not hasattr(dataset.inputs, "columns"):
        return []
    return impossible_cells(dataset.inputs)


def impossible_value_findings(dataset, found: list[ImpossibleCells] | None = None) -> list[Finding]:
    """One ``impossible_values`` warning for a table whose clinical columns hold values no patient
    can have (``found``: :func:`table_impossible_cells`, computed when not given); the fix says how
    to mark zeros as missing when some are 0."""
    found = table_impossible_cells(dataset) if found is None else found
    if not found:
        return []
    rows = sorted({r for c in found for r in (*c.rows, *c.zero_rows)})
    named = "; ".join(_column_text(c, dataset.ids) for c in found)
    fix = "correct or blank these cells"
    if any(c.zero_rows for c in found):
        fix += ("; where 0 means 'not measured', leave those cells empty in the file, or "
                + zero_marker_advice(dataset.inputs, [c.column for c in found if c.zero_rows]))
    return [Finding(
        "impossible_values", "warning",
        f"{len(rows)} of {len(dataset)} rows hold a value no patient can have for the quantity its column name "
        f"says: {named}; {fix}", count=len(rows), columns=tuple(c.column for c in found), rows=tuple(rows))]


def zero_marker_advice(frame: Any, columns, not_real=()) -> str:
    """The per-column ``data.missing_values`` mapping that marks 0 as missing in ``columns`` only,
    and whether the list form ``['0']`` would also blank real zeros of other numeric columns
    (``not_real``: columns whose zeros another finding already calls missing)."""
    named = [str(c) for c in columns]
    per_column = ", ".join(f"{c if re.fullmatch(r'[A-Za-z_][A-Za-z0-9_]*', c) else repr(c)}: ['0']" for c in named)
    skip = {*named, *map(str, not_real)}
    real = [str(c) for c in frame.columns if str(c) not in skip and is_numeric(frame[c]) and bool((frame[c] == 0).any())]
    if real:
        return (f"set data.missing_values: {{{per_column}}} (those columns only; the list form ['0'] would blank "
                f"the real zeros of {', '.join(repr(c) for c in real[:3])} too)")
    return f"set data.missing_values: {{{per_column}}} (those columns only)"

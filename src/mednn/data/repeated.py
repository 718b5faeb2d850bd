"""Rows that are repeated measurements of fewer people than rows, found before any split.

A voice table of 195 recordings from 32 people split by row puts recordings of one person in
training and test, and its test AUROC measures recognising the person. When no
``data.patient_column`` / ``data.patient_from`` is set, :func:`repeated_measures` looks for

1. an id-like column whose values end in a counter shared by several rows: ``phon_R01_S01_3``
   without its trailing ``_3`` is ``phon_R01_S01``, shared by 6 rows (the suggested fix is
   ``data.patient_from`` with the pattern that strips the counter);
2. a column of whole numbers or texts whose values repeat (at least :data:`MIN_GROUPS` values)
   and that is not a measurement: its name says it identifies someone (``subject#``,
   ``patient_nbr``; on average more than :data:`MIN_NAMED_MEAN_ROWS` rows per value), or its
   values repeat more than :data:`MIN_MEAN_ROWS` times in contiguous blocks of rows, as a file
   written person by person does;
3. near-identical rows: rows equal to another row in every fine-grained measurement but one (a
   second visit that changed one value), when they are at least :data:`NEAR_SHARE` of the rows;
   only columns with many values, none shared by a tenth of the rows, count (at least four).

and returns one ``repeated_measures`` warning naming the column and the suggested grouping. The
findings hold counts and column names, never a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..findings import Finding

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

MIN_ROWS = 6
MIN_GROUPS = 5
MIN_MEAN_ROWS = 2.0
MIN_NAMED_MEAN_ROWS = 1.25  # a column named like a patient id: a fifth of its rows repeat someone
COUNTER_SHARE = 0.9  # share of an id column's values that must end in a counter
NEAR_SHARE = 0.2
NEAR_MAX_ROWS, NEAR_MAX_COLUMNS = 20_000, 60
_COUNTER = re.compile(r"^(.*?\D)(\d+)$")
_SEPARATORS = "_-.#: /"
_ID_WORDS = re.compile(r"(^|[^a-z])(patient|subject|participant|person|individual|case|mrn|record|donor|"
                       r"id|pid|sid|ptid|name|animal|volunteer)($|[^a-z])")


@dataclass
class Grouping:
    """A suggested patient grouping: ``column`` (and ``pattern`` when the id is inside its values),
    how many groups and the mean rows per group, and how it was found (``kind``)."""

    kind: str  # "counter" | "column" | "near_identical"
    column: str | None
    pattern: str | None
    n_groups: int
    mean_rows: float
    named: bool = False

    def fix(self) -> str:
        if self.kind == "counter":
            return f"data.patient_from: {{column: {self.column}, pattern: '{self.pattern}'}}"
        if self.kind == "column":
            return f"data.patient_column: {self.column}"
        return "data.patient_column (a column naming the person of each row)"


def repeated_measures(frame: "pd.DataFrame", *, skip: set[str] | frozenset[str] = frozenset(),
                      features: list[str] | None = None) -> Finding | None:
    """A ``repeated_measures`` warning when ``frame``'s rows look like repeated measurements of
    fewer people, with the grouping to set; None when nothing suggests it. ``skip``: columns not
    to consider (labels, the split column); ``features``: the feature columns, for the
    near-identical check.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"name": [f"phon_R01_S{p:02d}_{k}" for p in range(8) for k in range(6)]})
    >>> repeated_measures(frame).columns
    ('name',)
    """
    n = len(frame)
    if n < MIN_ROWS:
        return None
    others = frame[[c for c in frame.columns if str(c) not in skip]]
    found = [g for g in (_grouping(frame[c], str(c), n, others) for c in others.columns) if g]
    if not found and features:
        near = _near_identical(frame[[c for c in features if c in frame.columns and c not in skip]])
        found = [near] if near else []
    if not found:
        return None
    best = max(found, key=lambda g: (g.named, g.kind == "counter", g.n_groups))
    where = {"counter": f"column '{best.column}' holds ids whose part before a trailing counter is shared by "
                        f"{best.mean_rows:.1f} rows on average ({best.n_groups} distinct)",
             "column": f"column '{best.column}' repeats each of its {best.n_groups} values in "
                       f"{best.mean_rows:.1f} rows on average",
             "near_identical": f"{best.n_groups} rows equal another row in all fine-grained feature columns "
                               "but one"}[best.kind]
    message = (f"the {n} rows look like repeated measurements of fewer people: {where}; a row-level split puts "
               f"one person in training and test and the test score measures recognising them. fix: set {best.fix()}")
    return Finding("repeated_measures", "warning", message, count=best.n_groups,
                   columns=(best.column,) if best.column else ())


def grouping_fix(column: "pd.Series", name: str) -> str | None:
    """The config key that groups a column's rows by person (``data.patient_from: ...``), or None."""
    found = _grouping(column, name, len(column))
    return found.fix() if found is not None else None


def _grouping(column: "pd.Series", name: str, n: int, others: "pd.DataFrame | None" = None) -> Grouping | None:
    import pandas as pd

    values = column.dropna()
    if len(values) < MIN_ROWS:
        return None
    named = bool(_ID_WORDS.search(name.lower()))
    decimal = pd.api.types.is_float_dtype(values) and not bool(
        np.all(np.equal(np.mod(values.to_numpy(dtype=np.float64), 1), 0)))
    if decimal:
        return None  # a measurement: its values repeat by chance, not because a person does
    distinct = values.nunique()
    if distinct >= COUNTER_SHARE * len(values):
        return _counter_grouping(values.map(_text).tolist(), name, named)
    # a column named as an id repeating at all (a fifth of the rows are another visit) is enough;
    # an unnamed one must repeat more, in blocks of rows, as a file written person by person
    mean = len(values) / distinct
    if distinct < MIN_GROUPS or mean <= (MIN_NAMED_MEAN_ROWS if named else MIN_MEAN_ROWS):
        return None
    if not named:
        codes = pd.factorize(values)[0]
        if 1 + int(np.count_nonzero(codes[1:] != codes[:-1])) != distinct:
            return None  # not in blocks
        if _sorted(values) and not _carries_person_columns(others, name, values.index, codes):
            return None  # the file is sorted by it (follow-up days), which makes any blocks
    return Grouping("column", name, None, int(distinct), mean, named)


def _carries_person_columns(others: "pd.DataFrame | None", name: str, index, codes: np.ndarray) -> bool:
    """Whether another column (not itself sorted, so not a coarser clock) keeps one value within each
    block of ``codes`` and differs between blocks: age and sex fixed within each person's rows (trial
    11: ``grp``, 24 people x 40 rows, sorted by it). A sorted follow-up day holds several people, whose
    age varies within the day."""
    import pandas as pd

    if others is None:
        return False
    for column in list(others.columns)[:NEAR_MAX_COLUMNS]:
        if str(column) == name:
            continue
        values = others[column].loc[index]
        present = values.notna().to_numpy()
        if present.sum() < MIN_ROWS or values.nunique() < 2 or _sorted(values.dropna()):
            continue
        by_block = pd.Series(values.to_numpy()[present]).groupby(codes[present]).nunique()
        if int(by_block.max()) <= 1:
            return True
    return False


def _sorted(values: "pd.Series") -> bool:
    return bool(values.is_monotonic_increasing or values.is_monotonic_decreasing)


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _counter_grouping(values: list[str], name: str, named: bool) -> Grouping | None:
    """Ids ending in a counter: the prefixes shared by several rows, and the pattern to strip it."""
    prefixes, separators = [], {}
    for value in values:
        match = _COUNTER.match(value) if len(value) <= 256 else None
        if match is None:
            continue
        prefix = match.group(1)
        prefixes.append(prefix)
        separators[prefix[-1] if prefix[-1] in _SEPARATORS else ""] = True
    if len(prefixes) < COUNTER_SHARE * len(values) or len(separators) != 1:
        return None
    n_groups = len(set(prefixes))
    mean = len(prefixes) / n_groups
    # a column named as an id needs fewer repeats, as in _grouping: a fifth of the people with a
    # second visit (``DB-0007_v1``, ``DB-0007_v2``) is repeated measures (trial 15)
    if n_groups < 2 or mean < (MIN_NAMED_MEAN_ROWS if named else MIN_MEAN_ROWS):
        return None
    sep = next(iter(separators))
    pattern = f"^(.*){re.escape(sep)}\\d+$" if sep else r"^(.*\D)\d+$"
    return Grouping("counter", name, pattern, n_groups, mean, named)


def _near_identical(frame: "pd.DataFrame") -> Grouping | None:
    """Rows equal to another row in every column but one (and not in all of them), by a 64-bit
    hash per row minus one column's share at a time: O(rows x columns)."""
    import pandas as pd

    frame = frame.iloc[:NEAR_MAX_ROWS]
    # only measurements that rarely coincide between people: many values, none taking 10% of rows
    # (coarse or mostly-zero columns, like years of smoking, are shared by different people)
    fine = [c for c in frame.columns if frame[c].nunique() > 20
            and frame[c].value_counts(dropna=False).iloc[0] < 0.1 * len(frame)]
    if len(fine) < 4 or len(fine) > NEAR_MAX_COLUMNS:
        return None
    frame = frame[fine]
    p = len(fine)
    codes = np.stack([pd.factorize(frame[c])[0] for c in frame.columns], axis=1).astype(np.uint64)
    weights = np.random.default_rng(0).integers(1, 2**63, size=p, dtype=np.uint64) | np.uint64(1)
    with np.errstate(over="ignore"):
        total = (codes * weights).sum(axis=1, dtype=np.uint64)
        exact = _repeated(total)
        near = np.zeros(len(frame), dtype=bool)
        for j in range(p):
            near |= _repeated(total - codes[:, j] * weights[j])
    near &= ~exact
    if near.sum() < NEAR_SHARE * len(frame):
        return None
    return Grouping("near_identical", None, None, int(near.sum()), 2.0)


def _repeated(keys: np.ndarray) -> np.ndarray:
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    return counts[inverse.reshape(-1)] > 1

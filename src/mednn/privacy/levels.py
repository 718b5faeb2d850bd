"""Free text with identifiers inside a table's categories (trial 3, item 4).

A text column's distinct values become one-hot category names stored in the run
(featurizer.json, data.json, the report's feature names) and a meta column's values become
subgroup names (metrics.json). :mod:`mednn.data.table_features` refuses a column whose whole
cells are identifiers ("John Smith", "555-123-4567"); a level such as
"pt John Smith 555-123-4567 seen 3/4/2019" or "ref by maria garcia 2019-03-04" holds them inside
free text. :func:`screen_category_levels` runs the text de-identifier's span finder
(:mod:`.deid`) over a capped sample of each such column's distinct values when a run trains,
and refuses the column when a meaningful share of them holds a clear identifier. The message
names the column and counts, never a value.

Only clear identifiers count (the span finder also tags lone capitalised words and bare years,
which category codes such as "Govt_job", "GENHX" or "2019" are): a name of two or more words, a
full date (day, month and year), and contact details and numbers (phone, fax, e-mail, SSN,
record number, address, web or IP address, vehicle or biometric identifiers).

>>> screen_category_levels(dataset)  # doctest: +SKIP
"""

from __future__ import annotations

import math
import re
from typing import Any, Iterable

from ..errors import DataError

# types whose every span is an identifier; NAME and DATE are judged by their text (see below)
_CLEAR_TYPES = frozenset({"PHONE", "FAX", "EMAIL", "SSN", "ID", "ADDRESS", "URL", "IP", "VEHICLE", "BIOMETRIC"})
_MONTH = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")
MAX_LEVELS = 200  # distinct values sampled per column, in order of appearance
MAX_CHARS = 300   # characters of each value read
SHARE = 0.2       # the share of sampled values holding an identifier that refuses the column


def clear_identifier(text: str, kind: str) -> bool:
    """Whether a span of ``kind`` whose text is ``text`` is a clear identifier."""
    if kind in _CLEAR_TYPES:
        return True
    if kind == "NAME":  # a full name; a lone word is too often a code ("Govt", "GENHX")
        return len(text.split()) >= 2
    if kind == "DATE":  # day, month and year; a bare year or "1/2" is no date of a person
        groups = len(re.findall(r"\d+", text))
        return groups >= 3 or (groups >= 2 and bool(_MONTH.search(text)))
    return False  # LOCATION, ZIP, AGE: hospital names, wards and age bands are legitimate categories


def _distinct(values: Iterable[Any]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for v in values:
        if v is None or (isinstance(v, float) and v != v):
            continue
        text = str(v).strip()[:MAX_CHARS]
        if text and text not in seen:
            seen.add(text)
            out.append(text)
            if len(out) >= MAX_LEVELS:
                break
    return out


def identifier_levels(values: Iterable[Any], finder) -> tuple[int, int, list[str]]:
    """``(n_with_identifiers, n_sampled, types)`` over a column's sampled distinct values;
    ``finder`` is a fitted :class:`~.deid.Deidentifier`. Counts and type names only."""
    levels = _distinct(values)
    hits, types = 0, set()
    for text in levels:
        found = {s.type for s in finder.find(text) if clear_identifier(text[s.start:s.end], s.type)}
        hits += bool(found)
        types |= found
    return hits, len(levels), sorted(types)


def _text_columns(dataset, features: bool = True) -> list[tuple[str, Any, bool]]:
    """``(name, values, is_meta)`` of the table's category features and its meta columns."""
    out = []
    inputs = getattr(dataset, "inputs", None)
    notes = dataset.notes if isinstance(getattr(dataset, "notes", None), dict) else {}
    for name in (notes.get("categorical_columns") or ()) if features else ():
        if hasattr(inputs, "columns") and name in inputs.columns:
            out.append((str(name), inputs[name].tolist(), False))
    for name, values in (getattr(dataset, "meta", None) or {}).items():
        values = list(values)
        if any(isinstance(v, str) for v in values[:1000]):
            out.append((str(name), values, True))
    return out


# an identifier column whose values each fill this many rows on average is a person's rows
PERSON_MEAN_ROWS = 2


def screen_run_data(data_cfg, dataset):
    """:func:`screen_category_levels` with the config's ``data.allow_identifier_columns``;
    returns ``dataset`` (for a training read, a federated site's file or the coordinator's)."""
    screen_category_levels(dataset, data_cfg.options.get("allow_identifier_columns") or ())
    return dataset


def screen_category_levels(dataset, allowed: Iterable[str] = (), *, features: bool = True) -> None:
    """Refuse (:class:`DataError`) a category feature or meta column of ``dataset`` when at
    least :data:`SHARE` of its sampled distinct values hold names, full dates or contact details
    inside free text. ``allowed``: ``data.allow_identifier_columns``; ``features=False``: meta
    columns only (an external evaluation stores subgroup names, never a feature's categories).
    Never echoes a value."""
    columns = [c for c in _text_columns(dataset, features) if c[0] not in set(allowed)]
    if not columns:
        return
    from .deid import Deidentifier

    finder = Deidentifier().fit()
    for name, values, meta in columns:
        hits, n, types = identifier_levels(values, finder)
        if n == 0 or hits < max(1, math.ceil(SHARE * n - 1e-9)):
            continue
        where = "data.meta_columns (subgroup tables show its values)" if meta else \
            "the features (one-hot categories store its values in the run)"
        raise DataError(
            f"{dataset.source or 'data'}: column '{name}' holds identifiers inside its text "
            f"({', '.join(types)} in {hits} of {n} distinct values sampled) [identifier_column], which must not go "
            f"into {where}; fix: {_identifier_fixes(name, values)}")


def _identifier_fixes(name: str, values: list) -> str:
    """The fixes of an identifier column: first ``data.patient_column`` when its values repeat
    (each on at least :data:`PERSON_MEAN_ROWS` rows on average) and each value is one key-like word (a
    person's rows, trial 11's 'Patient ID'), else reading it as a note."""
    present = [v for v in values if v is not None and v == v]
    distinct = len(set(map(str, present)))
    keys = all(len(str(v).split()) == 1 for v in present)  # "PD-0001", not "ref by maria garcia 2019-03-04"
    if keys and distinct >= 2 and len(present) >= PERSON_MEAN_ROWS * distinct:
        first = f"if it names the person of each row set data.patient_column: {name} (split and bootstrap by it), or "
        return (f"{first}drop it with data.drop_columns: [{name}], or list it in data.allow_identifier_columns "
                "to use it anyway")
    return (f"drop it with data.drop_columns: [{name}], or if it is a note read it as text (data.format: text, "
            f"data.text_columns: [{name}]) with privacy.deid: true, or list it in data.allow_identifier_columns to "
            "use it anyway")

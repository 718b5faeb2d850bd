"""The feature columns of a table: numbers checked, text typed as categories, identifiers refused.

:func:`check_features` turns the raw feature columns into numbers (checked for infinite and
too-large values) and categories (text, as :func:`~.columns.category_strings`), refuses a text
column that is numeric but for a few stray cells or that holds free text, and refuses columns
that hold identifiers (names, record numbers ...): their values would be stored in the run as
category names or shown in the explanations. Messages give counts and column names only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import DataError
from .columns import category_strings, close_names, is_numeric, plural, row_list

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .table_readers import TableOptions

def check_features(
    features: "pd.DataFrame", rows: np.ndarray, options: TableOptions, source: str, notes: dict[str, Any],
    ref=lambda name: f"column '{name}'",
) -> "pd.DataFrame":
    """``ref(name)`` is how a message names a column (by position when the header reads as data)."""
    import pandas as pd

    explicit = list(options.categorical_columns or [])
    for name in explicit:
        if name not in features.columns:
            raise DataError(
                f"{source}: data.categorical_columns names '{name}', which is not a feature column; "
                f"{close_names(name, [str(c) for c in features.columns])}; fix: correct the name"
            )
    categorical: list[str] = []
    checked = _finite_float_columns(features, explicit)
    for name in features.columns:
        if name in checked:  # float64, finite and within float32: only the identifier check is left
            if len(checked[name]) >= _ID_MIN_ROWS:
                refuse_number_identifier(name, checked[name], options, source, ref)
            continue
        col = features[name]
        if name in explicit:
            features[name] = category_strings(col)
            refuse_identifier_column(name, features[name], options, source)
            categorical.append(name)
            continue
        if pd.api.types.is_bool_dtype(col):
            features[name] = col.astype(np.float64)
            continue
        if is_numeric(col):
            values = col.to_numpy(dtype=np.float64)
            inf = np.isinf(values)
            if inf.any():
                raise DataError(
                    f"{source}: {ref(name)} has {plural(int(inf.sum()), 'infinite value')} "
                    f"({row_list(rows[inf])}); fix: replace them with numbers or a missing-value marker"
                )
            with np.errstate(invalid="ignore"):
                huge = np.abs(values) > np.finfo(np.float32).max  # would become inf in the model
            if huge.any():
                raise DataError(
                    f"{source}: {ref(name)} has {plural(int(huge.sum()), 'value')} too large for the model's "
                    f"32-bit numbers ({row_list(rows[huge])}); fix: check the units of that column or mark "
                    "those cells as missing"
                )
            refuse_number_identifier(name, values, options, source, ref)
            continue
        # text column: refuse one that is numeric but for a few stray cells (a typo or an
        # unlisted missing marker), which would otherwise become hundreds of categories
        codes, uniques = pd.factorize(col, use_na_sentinel=True)
        present = codes >= 0
        # which distinct values read as numbers, then which rows hold one
        numeric = np.append(pd.to_numeric(pd.Series(uniques, dtype=object), errors="coerce").notna().to_numpy(), False)
        numbers = numeric[codes]
        stray = present & ~numbers
        if present.any() and numbers.sum() > 0.5 * present.sum() and stray.any():
            raise DataError(
                f"{source}: {ref(name)} is numeric except for {plural(int(stray.sum()), 'cell')} "
                f"({row_list(rows[stray])}); fix: clean those cells, add their marker to "
                f"data.missing_values, or list the column in data.categorical_columns"
            )
        text = category_strings(col)
        distinct = text.nunique(dropna=True)
        # one-hot categories become feature names saved in the run and shown in the report:
        # a column of mostly unique text is free text or an identifier, never a category
        if distinct > 20 and distinct > 0.5 * present.sum():
            raise DataError(
                f"{source}: text {ref(name)} has {distinct} distinct values in {int(present.sum())} rows, "
                f"like free text or an identifier; fix: {_notes_hint(name, text)}list it in data.drop_columns "
                f"(or data.id_column), or in data.categorical_columns to one-hot encode it anyway"
            )
        refuse_identifier_column(name, text, options, source)
        features[name] = text
        categorical.append(name)

    notes["categorical_columns"] = categorical
    notes["missing_counts"] = _missing_counts(features, rows, options, source, ref)
    notes["missing_policy"] = options.missing
    return features


def _notes_hint(name: str, text: "pd.Series") -> str:
    """For a column of notes: the keys that read the file as notes (data.format: text ...)."""
    words = text.dropna().astype(str).head(200).str.split().str.len()
    if len(words) and float(words.median()) >= 5:
        return f"if it holds notes, read the file as notes: data.format: text, data.text_columns: [{name}]; or "
    return ""


def _missing_counts(features: "pd.DataFrame", rows: np.ndarray, options: TableOptions, source: str,
                    ref) -> dict[str, int]:
    """Missing values per feature column; ``data.missing: error`` refuses the first one's rows."""
    missing = {str(c): int(n) for c, n in features.isna().sum().items() if n > 0}
    if missing and options.missing == "error":
        name, count = next(iter(missing.items()))
        where = row_list(rows[features[name].isna().to_numpy()])
        others = f" (and {len(missing) - 1} more columns)" if len(missing) > 1 else ""
        raise DataError(
            f"{source}: {ref(name)} has {plural(count, 'missing value')} ({where}){others}; "
            "fix: set data.missing: impute or clean the file"
        )
    return missing


def refuse_identifier_column(name: str, values: "pd.Series", options: TableOptions, source: str,
                              *, meta: bool = False) -> None:
    """Refuse a text column whose values are names, e-mails, phone or record numbers or dates.

    Its values would become one-hot category names (stored in featurizer.json and data.json,
    shown in the report) or subgroup names (metrics.json). Checked on a sample of its distinct
    values with the cell detectors of :func:`mednn.data.identifiers.identifier_column`;
    the message gives counts, never the values.
    """
    import pandas as pd

    if name in options.allow_identifier_columns or is_numeric(values) or pd.api.types.is_bool_dtype(values):
        return
    from .identifiers import COLUMN_TYPE_WORDS, identifier_column

    found = identifier_column(values.dropna().unique().tolist())  # distinct values, in order of appearance
    if found is None:
        return
    kind, n_like, n_sampled = found
    use = "data.meta_columns (subgroup tables show its values)" if meta else "the features (one-hot categories store its values in the run)"
    raise DataError(
        f"{source}: column '{name}' holds {COLUMN_TYPE_WORDS[kind]} ({n_like} of {n_sampled} distinct values "
        f"sampled), which must not go into {use}; fix: list it in data.drop_columns, set it as "
        f"data.patient_column if it identifies patients, or list it in data.allow_identifier_columns to use it anyway"
    )


def _finite_float_columns(features: "pd.DataFrame", explicit: list[str]) -> dict[str, np.ndarray]:
    """The float64 feature columns (not listed as categorical) whose values are all finite and
    within float32, checked as one block: {name: values}. The rest take the column-by-column
    checks, which name the problem (a wide or served table costs one pass, not one per column)."""
    names = [name for name, dtype in zip(features.columns, features.dtypes)
             if dtype == np.float64 and name not in explicit]
    if not names:
        return {}
    whole = len(names) == features.shape[1]  # every column: no selection (slow on a text column index)
    block = (features if whole else features[names]).to_numpy(dtype=np.float64)
    with np.errstate(invalid="ignore"):
        refused = (np.isinf(block) | (np.abs(block) > np.finfo(np.float32).max)).any(axis=0)
    return {name: block[:, j] for j, name in enumerate(names) if not refused[j]}


# words that name an identifier column (split from the column name on punctuation and case);
# "unnamed" / "index" / "row" catch the row index a data frame library writes as a first column
_ID_WORDS = frozenset({"id", "ids", "mrn", "nbr", "num", "number", "no", "record", "encounter", "patient",
                       "subject", "account", "ssn", "nhs", "uid", "uuid", "identifier", "accession", "key",
                       "unnamed", "index", "idx", "row"})
# a numeric column must hold at least this many values to be judged
_ID_MIN_ROWS = 20


def looks_like_number_identifier(name: str, values: np.ndarray) -> bool:
    """Whether a numeric feature column looks like record numbers (MRNs, encounter ids, a row
    index): whole numbers, distinct in at least half of its (at least 20) rows, and a name word
    such as id / mrn / nbr / encounter / index. Codes named like ids (admission_type_id: a few
    values) and whole-number measurements (platelets: not named as identifiers) pass.

    >>> looks_like_number_identifier("encounter_id", np.arange(100.0) * 7 + 1000)
    True
    >>> looks_like_number_identifier("number_inpatient", np.arange(100.0) % 5)
    False
    """
    import re

    present = values[~np.isnan(values)]
    if present.size < _ID_MIN_ROWS or not np.all(present == np.round(present)):
        return False
    words = {w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", str(name))}
    return bool(words & _ID_WORDS) and len(np.unique(present)) >= 0.5 * present.size


def refuse_number_identifier(name: str, values: np.ndarray, options: TableOptions, source: str, ref) -> None:
    """Refuse a numeric feature column of record numbers: scaled as an amount it would be
    noise at best and a patient key in the model at worst, and the report's explanations and
    surrogate tree would show its values. The message gives counts, never the values."""
    if name in options.allow_identifier_columns or not looks_like_number_identifier(name, values):
        return
    present = values[~np.isnan(values)]
    raise DataError(
        f"{source}: {ref(name)} looks like an identifier (its name, and whole numbers distinct in "
        f"{len(np.unique(present))} of {present.size} rows), which must not be a feature; fix: set it as "
        "data.id_column or data.patient_column, list it in data.drop_columns, or list it in "
        "data.allow_identifier_columns to use it anyway"
    )

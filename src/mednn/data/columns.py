"""The cells and columns of a loaded table as readers and messages see them.

Values as text (``1``, ``1.0`` and ``"1"`` are one category), numeric columns, row lists for
messages (``rows 24, 41, 57``), did-you-mean column names, the id columns, and the split words a
split column may hold. Messages name rows and columns, never a value. Shared by the table
readers (:mod:`.table_dataset`, :mod:`.table_features`), the table label parsing
(:mod:`.labels`) and the image manifest reader.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import DataError, plural  # plural: the one helper, imported from here by data modules
from .limits import columns_for_message, header_reads_as_data, name_like

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

SPLIT_NAMES: dict[str, str] = {
    "train": "train",
    "training": "train",
    "val": "val",
    "valid": "val",
    "validation": "val",
    "dev": "val",
    "test": "test",
    "testing": "test",
}


# the first_row of records sent to `mednn serve`: positions in the request, counted from 0 (a
# file's rows are counted from 1, the header line being row 1 when there is one)
REQUEST_FIRST_ROW = 0


def rows_noun(count: int, first_row: Any) -> str:
    """The noun naming ``count`` numbered rows: ``"rows"`` of a file, ``"0-based records"`` of a
    request (``first_row`` is :data:`REQUEST_FIRST_ROW`), so a message says which way it counts
    (trial 15: serve's "rows 1, 2" counted records from 0, a file's messages count rows from 2)."""
    request = isinstance(first_row, int) and first_row == REQUEST_FIRST_ROW
    return ("0-based record" if request else "row") + ("" if count == 1 else "s")


def row_list(rows: Any, limit: int = 5, first_row: Any = None) -> str:
    """``[24, 41, 57]`` -> ``"rows 24, 41, 57"``; long lists end in ``", ..."``; a request's
    records (``first_row`` :data:`REQUEST_FIRST_ROW`) -> ``"0-based records 0, 1"``."""
    rows = [int(r) for r in rows]
    shown = ", ".join(str(r) for r in rows[:limit])
    more = ", ..." if len(rows) > limit else ""
    return f"{rows_noun(len(rows), first_row)} {shown}{more}"


def decimal_comma_hint(series) -> str:
    """``"set data.decimal: ','"`` and a separator when most present cells of a text column are
    numbers written with a decimal comma (``61,5``), else ""; never a value."""
    import re

    present = [str(v).strip() for v in series.dropna().tolist()[:500]]
    commas = sum(1 for v in present if re.fullmatch(r"[-+]?\d+,\d+", v))
    if present and commas >= 0.5 * len(present):
        return f"{commas} of {len(present)} values read are numbers with a decimal comma: set data.decimal: ','; or "
    return ""




def format_value(value: Any) -> str:
    """A label / category as text: integer-valued floats lose their ``.0`` (``1.0`` -> ``"1"``)."""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, (np.integer,)):
        return str(int(value))
    return str(value)


def category_strings(series: "pd.Series") -> "pd.Series":
    """The values of a categorical column as text (object dtype), missing values kept as NaN.

    Used by the reader and by the featurizer so that ``1``, ``1.0`` and ``"1"`` are one
    category whichever way a file was parsed.

    >>> category_strings(pd.Series([1.0, None, 2.0])).tolist()  # doctest: +SKIP
    ['1', nan, '2']
    """
    import pandas as pd

    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    # each distinct value is formatted once (100,000 rows of a few codes: a few calls, not 100,000)
    texts = np.array([format_value(v).strip() for v in uniques.tolist()] + [np.nan], dtype=object)
    return pd.Series(texts[codes], index=series.index, dtype=object)  # code -1 (missing) -> NaN


def close_names(name: str, names: list[str]) -> str:
    """A did-you-mean, or the columns; never a "name" that is really a cell of a header-less file."""
    if header_reads_as_data(names):
        return columns_for_message(names)
    lowered = {n.lower(): n for n in names}
    close = [lowered[name.lower()]] if name.lower() in lowered else []
    # 0.75, compared without case: 'outcom' finds 'Outcome', 'age' does not find 'change' (0.67)
    close += [lowered[c] for c in difflib.get_close_matches(name.lower(), list(lowered), n=3, cutoff=0.75)
              if lowered[c] not in close]
    close = [c for c in close if name_like(c)]
    if close:
        return "did you mean " + ", ".join(repr(c) for c in close) + "?"
    return columns_for_message(names)


def require_columns(frame: "pd.DataFrame", names: list[str], key: str, source: str) -> None:
    columns = [str(c) for c in frame.columns]
    for name in names:
        if name not in frame.columns:
            raise DataError(
                f"{source}: column '{name}' (from data.{key}) is not in the file; "
                f"{close_names(name, columns)}; fix: set data.{key} to a column of the file"
            )


def sorted_values(values: list[Any]) -> list[Any]:
    try:
        return sorted(values)
    except TypeError:  # mixed types: order by their text
        return sorted(values, key=format_value)


def is_number_text(text: str) -> bool:
    """A cell's text that reads as a number (``"3"``, ``"0.5"``, ``"1e3"``, ``"nan"``: what ``float`` accepts).

    >>> is_number_text("2.5"), is_number_text("benign")
    (True, False)
    """
    try:
        float(text)
    except ValueError:
        return False
    return True


def is_numeric(series: "pd.Series") -> bool:
    import pandas as pd

    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def identifier_values(frame, column: str, what: str, rows: np.ndarray, source: str, fix: str) -> np.ndarray:
    """A column of ids (sample or patient) as text; an empty cell is an error naming its rows."""
    values = frame[column]
    absent = values.isna().to_numpy()
    if absent.any():
        raise DataError(f"{source}: {what} column '{column}' is empty in {row_list(rows[absent])}; fix: {fix}")
    return np.array([format_value(v) for v in values.tolist()], dtype=object)


def missing_features_error(missing: list[str], columns: list[str], source: str) -> DataError:
    """Feature columns the config (or the run) needs but the file lacks: up to 5 named."""
    shown = ", ".join(f"'{c}'" for c in missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    hint = close_names(missing[0], columns)
    hint = f"; {hint}" if hint.startswith("did you mean") else ""
    one = len(missing) == 1
    return DataError(
        f"{source}: {'feature column' if one else f'{len(missing)} feature columns'} {shown} "
        f"{'is' if one else 'are'} not in the file (data.feature_columns){hint}; fix: add "
        f"{'it' if one else 'them'} under the name(s) used in training (an empty column is imputed), "
        "rename the file's columns, or correct data.feature_columns"
    )

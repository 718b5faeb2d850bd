"""``data.missing_values`` per column (``{insulin: ['0'], glucose: ['0']}``): cells of one column
read as missing, where the list form marks every column (Pima writes 'not measured' as 0 in
insulin while 0 pregnancies is real). Applied to the loaded frame of every table format."""

from __future__ import annotations

import difflib
import math
from typing import TYPE_CHECKING

import numpy as np

from ..errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def mark_column_markers(frame: "pd.DataFrame", markers: dict[str, list[str]], *, source: str,
                        required: bool = True) -> "pd.DataFrame":
    """``frame`` with each column's own markers read as missing (NaN): a cell matches by its text
    (stripped) or, for a marker that is a number, by its value (``0`` matches 0 and 0.0). A column
    the file lacks is a ConfigError naming it when ``required`` (training data); rows to predict
    may lack it (a missing feature is refused later, by name).

    >>> mark_column_markers(frame, {"insulin": ["0"]}, source="pima.csv")  # doctest: +SKIP
    """
    import pandas as pd

    for column, values in markers.items():
        if column not in frame.columns:
            if not required:
                continue
            close = difflib.get_close_matches(column, [str(c) for c in frame.columns], n=1, cutoff=0.8)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ConfigError(f"data.missing_values names column {column!r}, which {source} does not have; {hint}"
                              "fix: name a column of the file (data.column_names for a file without a header)")
        col = frame[column]
        texts = {str(v).strip() for v in values}
        numbers = [n for n in (_number(t) for t in texts) if n is not None]
        hit = np.array(col.map(lambda v: isinstance(v, str) and v.strip() in texts), dtype=bool)
        if numbers:
            hit = hit | np.array(pd.to_numeric(col, errors="coerce").isin(numbers), dtype=bool)
        if not hit.any():
            continue
        marked = col.where(~hit, np.nan)
        if marked.dtype == object:  # a text marker ('-') removed: the numbers left are numbers
            as_numbers = pd.to_numeric(marked, errors="coerce")
            if as_numbers.notna().sum() == marked.notna().sum():
                marked = as_numbers
        frame[column] = marked
    return frame

"""Values no measurement of the column's kind can take: one glucose of 1e30, one age of -4000.

Such a value is finite, so the reader takes it, and it drags the scaler and the network with it
(trial 6: LR AUROC 0.887 -> 0.745 from two cells). The rule is robust to honest skew: per numeric
column with at least 50 values and 3 distinct ones, the bulk is the 2nd to 98th percentile
(``lo``..``hi``, taken as observed values so one extreme cannot move them) and ``spread = hi - lo``:

- below: ``x < lo - 10 * spread`` (ages -4000 beside ages 1..82);
- above: ``x > hi + 10 * spread``, and, when the bulk is not negative, also far above on a log
  scale, ``log1p(x) > log1p(hi) + 5 * (log1p(hi) - log1p(lo))``: counts such as emergency visits
  (mostly 0, a few at 40-70) are skewed by nature and stay quiet. Past ``hi`` times
  :data:`_TIMES_HI` the log test is not needed (trial 7: an age of 6700 beside ages up to 82 was
  within the log bound of a column whose bulk starts near 0; an age of 670 still is).

Not caught here: a negative value of a positive measurement inside ``lo - 10 * spread`` (trial 7: a
BMI of -28, a glucose of -95). Flagging a positive column's rare negatives was measured and rejected:
it alarmed on 2 of 60 subsamples of Parkinson telemonitoring, whose test_time has honest negatives.
Columns named as a known clinical quantity (age, BMI, glucose ...) get absolute bounds instead
(:mod:`.clinical_ranges`, finding ``impossible_values``); cells that finding names are not named
again here.

The finding (``extreme_values``, warning) names the columns and counts the rows, never a value.

>>> import pandas as pd
>>> frame = pd.DataFrame({"age": list(range(20, 80)) + [-4000]})
>>> [(f["column"], f["rows"]) for f in extreme_cells(frame)]
[('age', [60])]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..findings import Finding, row_references
from .columns import is_numeric

_MIN_VALUES, _RAW_SPREADS, _LOG_SPREADS, _TIMES_HI = 50, 10.0, 5.0, 50.0


def _extreme_rows(values: np.ndarray) -> np.ndarray:
    """Positions of ``values`` (float, NaN = missing) outside the column's plausible range."""
    finite = values[np.isfinite(values)]
    if finite.size < _MIN_VALUES or np.unique(finite).size < 3:
        return np.array([], dtype=int)
    lo = float(np.quantile(finite, 0.02, method="higher"))
    hi = float(np.quantile(finite, 0.98, method="lower"))
    spread = hi - lo
    if not spread > 0:
        return np.array([], dtype=int)
    with np.errstate(invalid="ignore", over="ignore"):
        low = values < lo - _RAW_SPREADS * spread
        high = values > hi + _RAW_SPREADS * spread
        if lo >= 0:
            log_bound = np.log1p(hi) + _LOG_SPREADS * (np.log1p(hi) - np.log1p(lo))
            high &= (np.log1p(np.where(values > 0, values, 0.0)) > log_bound) | (values > _TIMES_HI * hi)
    return np.flatnonzero(low | high)


def extreme_cells(frame: Any) -> list[dict[str, Any]]:
    """``[{"column", "rows"}]``: the numeric columns of a table with values outside their
    plausible range (see the module) and their 0-based positions."""
    out = []
    for column in frame.columns:
        series = frame[column]
        if not is_numeric(series):
            continue
        rows = _extreme_rows(series.to_numpy(dtype=float, na_value=np.nan))
        if rows.size:
            out.append({"column": str(column), "rows": rows.tolist()})
    return out


def extreme_value_findings(dataset, known: dict[str, set[int]] | None = None) -> list[Finding]:
    """One ``extreme_values`` warning for a table whose numeric columns hold values far outside the
    rest; ``known``: column -> rows another finding already names (``impossible_values``: an age of
    -4000 is named once, as impossible)."""
    if dataset.modality != "tabular" or not hasattr(dataset.inputs, "columns"):
        return []
    known = known or {}
    cells = [{"column": c["column"], "rows": [r for r in c["rows"] if r not in known.get(c["column"], set())]}
             for c in extreme_cells(dataset.inputs)]
    cells = [c for c in cells if c["rows"]]
    if not cells:
        return []
    rows = sorted({r for cell in cells for r in cell["rows"]})
    named = "; ".join(f"{c['column']} ({len(c['rows'])} row{'s' if len(c['rows']) > 1 else ''}: "
                      f"{row_references(dataset.ids, c['rows'])})" for c in cells[:8])
    return [Finding(
        "extreme_values", "warning",
        f"{len(rows)} of {len(dataset)} rows hold a value far outside the rest of its column (more than 10 times "
        f"the 2nd-98th percentile range beyond it): {named}{'; ...' if len(cells) > 8 else ''}; a unit or entry "
        "error drags the scaler and the model: correct or blank these cells", count=len(rows),
        columns=tuple(c["column"] for c in cells))]

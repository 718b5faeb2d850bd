"""Tables: every feature column the featurizer was fitted on, numeric or categorical as the
featurizer treats it (categories written as the featurizer writes them, so ``1`` and ``1.0`` are
one category at training and at the site)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .base import SHIFT_COLUMNS, ProfileColumns


def _frame(dataset):
    import pandas as pd

    inputs = getattr(dataset, "inputs", dataset)
    if isinstance(inputs, pd.DataFrame):
        return inputs
    array = np.asarray(inputs)
    names = getattr(dataset, "feature_names", None)
    if array.ndim != 2:
        return pd.DataFrame()
    if not names or len(names) != array.shape[1]:
        names = [str(i) for i in range(array.shape[1])]
    return pd.DataFrame(array, columns=[str(n) for n in names])


def _kinds(frame, featurizer, profile: dict[str, Any] | None) -> dict[str, str]:
    """column -> "numeric" / "categorical": the profile's at a site, else the featurizer's split."""
    import pandas as pd

    if profile is not None:
        return {name: column["kind"] for name, column in profile["columns"].items()}
    categorical = set(getattr(featurizer, "categorical_", None) or ())
    numeric = getattr(featurizer, "numeric_", None)
    columns = list(getattr(featurizer, "columns_", None) or frame.columns)
    out = {}
    for name in columns:
        if name not in frame.columns:
            continue
        if numeric is not None:
            out[name] = "categorical" if name in categorical else "numeric"
        else:
            series = frame[name]
            numeric_like = pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)
            out[name] = "numeric" if numeric_like else "categorical"
    return out


@SHIFT_COLUMNS.register("tabular")
def table_columns(dataset, featurizer, profile: dict[str, Any] | None = None) -> ProfileColumns:
    """The table's feature columns (at a site: those the profile holds and the site has)."""
    import pandas as pd

    from ...data.columns import category_strings

    frame = _frame(dataset)
    columns: dict[str, np.ndarray] = {}
    for name, kind in _kinds(frame, featurizer, profile).items():
        if name not in frame.columns:
            continue
        series = frame[name]
        if kind == "numeric":
            values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
            columns[name] = values
        else:
            texts = category_strings(series).to_numpy(dtype=object)
            texts = np.array([t if isinstance(t, str) else None for t in texts.tolist()], dtype=object)
            known = getattr(featurizer, "known_texts", None)  # "1.01" read from a CSV is the category "1.010"
            columns[name] = known(name, texts) if known is not None and hasattr(featurizer, "categories_") else texts
    return ProfileColumns(columns=columns, n_profiled=len(frame))

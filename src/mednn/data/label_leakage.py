"""Label leakage: a feature column that alone separates the label on the training split
(trial 3, item 6), such as a test result recorded from the outcome (cervical cancer's Schiller
and Hinselmann beside Biopsy) or a copy of the label under another name.

Each feature column of a table is judged on its own, on the training rows where it is present:

- binary label, numeric column: AUROC of the column's values (either direction) >= 0.99;
- multiclass label, numeric column: the classes occupy disjoint ranges of it (each class's
  central 99% of values), so the label is a step function of the column;
- classification, text column (<= 50 categories, >= 10 rows each on average): each category's
  commonest class gives balanced accuracy >= 0.99 (the label is a function of the column);
- regression: |Spearman correlation| >= 0.99.

Registered as the ``label_leakage`` check of :data:`~.split_checks.SPLIT_CHECKS` (tables), so
``mednn train`` prints it as a warning and keeps it in data.json. An honest strong predictor
stays below these bars (breast cancer's best single feature, worst perimeter, has AUROC 0.975).
Counts and column names only, never values.

>>> [f.line() for f in label_leakage(dataset, split_index)]  # doctest: +SKIP
["warning [label_leakage]: columns 'copy' alone separate the label ..."]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..findings import Finding
from .split_checks import SPLIT_CHECKS

THRESHOLD = 0.99   # AUROC, balanced accuracy or |Spearman| of one column at which it is flagged
MAX_ROWS = 20_000  # training rows looked at (evenly spaced beyond)
MIN_ROWS = 20      # fewer present rows than this: the column is not judged
MAX_LEVELS = 50    # a text column with more categories is not judged (every rare category is "pure")


def _balanced_accuracy(y: np.ndarray, predicted: np.ndarray) -> float:
    classes = np.unique(y)
    return float(np.mean([np.mean(predicted[y == c] == c) for c in classes]))


def auroc_either_way(x: np.ndarray, positive: np.ndarray) -> float:
    """AUROC of the scores ``x`` for the boolean ``positive``, or of ``-x`` if that is higher."""
    from scipy.stats import rankdata

    ranks, n_pos = rankdata(x), int(positive.sum())
    n_neg = len(x) - n_pos
    auc = (ranks[positive].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg)
    return float(max(auc, 1.0 - auc))


def _disjoint_ranges(x: np.ndarray, y: np.ndarray) -> float:
    """1.0 when the classes occupy disjoint ranges of ``x`` (each class's central 99%), else 0.0:
    the label is then a step function of the column."""
    ranges = sorted((np.quantile(x[y == c], 0.005), np.quantile(x[y == c], 0.995)) for c in np.unique(y))
    return float(all(hi < lo for (_, hi), (lo, _) in zip(ranges, ranges[1:])))


def _numeric_score(x: np.ndarray, y: np.ndarray, kind: str) -> float:
    if kind == "regression":
        from scipy.stats import rankdata

        a, b = rankdata(x), rankdata(y.astype(np.float64))
        rho = np.corrcoef(a, b)[0, 1] if a.std() > 0 and b.std() > 0 else 0.0
        return abs(float(rho))
    classes = np.unique(y)
    if kind == "binary":
        return auroc_either_way(x, y == classes[-1])
    return _disjoint_ranges(x, y)


def _category_score(x: np.ndarray, y: np.ndarray) -> float:
    levels, codes = np.unique(x.astype(str), return_inverse=True)
    if len(levels) > MAX_LEVELS or len(x) < 10 * len(levels):
        return 0.0
    classes, labels = np.unique(y, return_inverse=True)
    counts = np.zeros((len(levels), len(classes)), dtype=np.int64)
    np.add.at(counts, (codes, labels), 1)
    return _balanced_accuracy(labels, counts.argmax(axis=1)[codes])


def column_score(values: Any, y: np.ndarray, kind: str) -> float | None:
    """How well one column alone separates the label (see the module's rules), or None when the
    column is not judged (too few present rows, one class or one value)."""
    import pandas as pd

    series = pd.Series(values).reset_index(drop=True)
    present = series.notna().to_numpy()
    x, target = series[present].to_numpy(), y[present]
    if len(x) < MIN_ROWS or len(pd.unique(x)) < 2:
        return None
    if kind != "regression" and len(np.unique(target)) < 2:
        return None
    if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        return _numeric_score(x.astype(np.float64), target, kind)
    return None if kind == "regression" else _category_score(x, target)


def leaking_columns(frame, y: np.ndarray, kind: str) -> list[str]:
    """The columns of ``frame`` that alone separate ``y`` (the training rows' labels)."""
    rows = np.arange(len(frame))
    if len(rows) > MAX_ROWS:
        rows = np.linspace(0, len(frame) - 1, MAX_ROWS).astype(np.int64)
    y = np.asarray(y)[rows]
    found = []
    for name in frame.columns:
        score = column_score(frame[name].iloc[rows], y, kind)
        if score is not None and score >= THRESHOLD:
            found.append(str(name))
    return found


@SPLIT_CHECKS.register("label_leakage")
def label_leakage(dataset, splits: dict[str, np.ndarray]) -> list[Finding]:
    """A ``label_leakage`` warning naming the table's feature columns that alone separate the
    label on the training split; none for other tasks (multilabel) or data."""
    import pandas as pd

    frame, kind = dataset.inputs, dataset.task.kind
    train = splits.get("train")
    if not isinstance(frame, pd.DataFrame) or kind == "multilabel" or train is None or len(train) < MIN_ROWS:
        return []
    y = np.asarray(dataset.targets)
    if y.ndim == 2:
        if y.shape[1] != 1:
            return []
        y = y[:, 0]
    train = np.asarray(train)
    y = y[train]
    keep = ~pd.isna(y) if kind == "regression" else np.ones(len(y), dtype=bool)
    found = leaking_columns(frame.iloc[train[keep]], y[keep], kind)
    if not found:
        return []
    names = ("columns " if len(found) > 1 else "column ") + ", ".join(f"'{c}'" for c in found)
    verb = "separate" if len(found) > 1 else "separates"
    return [Finding("label_leakage", "warning",
                    f"{names} alone {verb} the label on the training split (see docs/findings.md): if they are "
                    f"recorded after or from the outcome, drop them with data.drop_columns: [{', '.join(found)}]",
                    count=len(found), columns=found)]

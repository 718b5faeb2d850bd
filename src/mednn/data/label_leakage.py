"""Label leakage: a feature column that carries the label on the training split (trials 3 and 4,
item 6), such as a test result recorded with or from the outcome (cervical cancer's Schiller
beside Biopsy) or a copy of the label under another name.

Each feature column of a table is judged on its own, on the training rows where it is present
and, for classification, whose class has at least ``MIN_CLASS_ROWS`` such rows: a smaller class
(one ``daed`` typo among ``dead`` / ``alive``) is too small to measure, and one row "ranks" a yes/no
column at AUROC 0.86 by chance (trial 9: heart failure's smoking); a binary label with such a class
is not judged:

- a column of two values (a test result, a yes/no), classification: AUROC of the column for the
  positive class (multiclass: for any one class against the rest), either direction, >= 0.85.
  Measured on the nine shared clinical tables (benchmarks/label_leakage.py, docs/benchmarks.md):
  the 43 honest two-valued columns reach at most 0.79 (kidney disease's hypertension, a
  case-control table), cervical cancer's Schiller 0.92; a yes/no column that agrees with the
  label this well is as good as a second test of the same outcome;
- binary label, other numeric column: AUROC (either direction) >= 0.99 (honest laboratory values
  reach 0.975: breast cancer's cell size, kidney disease's haemoglobin 0.969);
- multiclass label, numeric column: the classes occupy disjoint ranges of it (each class's
  central 99%), so the label is a step function of the column;
- classification, text column (<= 50 categories, >= 10 rows each on average): each category's
  commonest class gives balanced accuracy >= 0.99 (the label is a function of the column);
- regression: |Spearman correlation| >= 0.95 (Parkinson telemonitoring's motor_UPDRS, a part of
  the total_UPDRS label, 0.958; the honest columns there at most 0.32).

A flagged two-valued column's *companions* are named with it: other two-valued columns that
rank the label (AUROC >= 0.6) and whose label-side rows nearly all (>= 80%) share the flagged
column's label-side value (Hinselmann beside Schiller: tests done together).

A multivariate rule ("one column carries nearly all of the table's skill and the rest is near
chance") was measured and rejected: honest heart-failure and stroke tables concentrate their
skill in a few columns as much as cervical cancer does (docs/benchmarks.md).

Registered as the ``label_leakage`` check of :data:`~.split_checks.SPLIT_CHECKS` (tables), so
``mednn train`` and ``mednn inspect`` print it as a warning and ``train`` keeps it in data.json.
Counts, scores and column names only, never values.

>>> [f.line() for f in label_leakage(dataset, split_index)]  # doctest: +SKIP
["mednn: warning: [label_leakage] column 'copy' alone ranks the label ..."]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..findings import Finding
from .split_checks import SPLIT_CHECKS

THRESHOLD = 0.99       # AUROC, balanced accuracy or step function of a many-valued column at which it is flagged
TWO_VALUED = 0.85      # AUROC of a two-valued column at which it is flagged (classification)
REGRESSION = 0.95      # |Spearman| of a column with a regression label
COMPANION_AUROC = 0.6  # a companion of a flagged two-valued column ranks the label at least this well ...
COMPANION_SHARE = 0.8  # ... and this share of its label-side rows carry the flagged column's label-side value
MAX_ROWS = 20_000  # training rows looked at (evenly spaced beyond)
MIN_ROWS = 20      # fewer present rows than this: the column is not judged
MIN_CLASS_ROWS = 10  # a class with fewer present training rows is too small to measure: its rows are left out
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


def _two_valued_score(x: np.ndarray, y: np.ndarray, kind: str) -> float:
    """AUROC of a two-valued column for the positive class (multiclass: the best one-vs-rest)."""
    is_first = x == x[0]
    classes = np.unique(y)
    return max(auroc_either_way(is_first, y == c) for c in (classes[-1:] if kind == "binary" else classes))


def _category_score(x: np.ndarray, y: np.ndarray) -> float:
    levels, codes = np.unique(x.astype(str), return_inverse=True)
    if len(levels) > MAX_LEVELS or len(x) < 10 * len(levels):
        return 0.0
    classes, labels = np.unique(y, return_inverse=True)
    counts = np.zeros((len(levels), len(classes)), dtype=np.int64)
    np.add.at(counts, (codes, labels), 1)
    return _balanced_accuracy(labels, counts.argmax(axis=1)[codes])


def _present(values: Any, y: np.ndarray, kind: str):
    """The column's present values and their labels, or None when the column is not judged."""
    import pandas as pd

    series = pd.Series(values).reset_index(drop=True)
    present = series.notna().to_numpy()
    if kind != "regression":  # a one-row typo class ('daed') ranks any yes/no column by chance (trial 9)
        classes, counts = np.unique(y[present], return_counts=True)
        present = present & np.isin(y, classes[counts >= MIN_CLASS_ROWS])
    x, target = series[present].to_numpy(), y[present]
    if len(x) < MIN_ROWS or len(pd.unique(x)) < 2:
        return None
    if kind != "regression" and len(np.unique(target)) < 2:
        return None
    return series[present], x, target


def column_evidence(values: Any, y: np.ndarray, kind: str) -> tuple[float, float] | None:
    """``(score, bar)``: how well one column alone carries the label (see the module's rules) and
    the score at which it is flagged, or None when the column is not judged (too few present
    rows, one class or one value)."""
    import pandas as pd

    judged = _present(values, y, kind)
    if judged is None:
        return None
    series, x, target = judged
    if kind != "regression" and len(pd.unique(x)) == 2:
        return _two_valued_score(x, target, kind), TWO_VALUED
    if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        return _numeric_score(x.astype(np.float64), target, kind), REGRESSION if kind == "regression" else THRESHOLD
    return (None if kind == "regression" else (_category_score(x, target), THRESHOLD))


def _label_side(x: np.ndarray, positive: np.ndarray) -> np.ndarray:
    """Rows holding the value of two-valued ``x`` with the higher share of ``positive``."""
    first = x == x[0]
    return first if positive[first].mean() >= positive[~first].mean() else ~first


def companions(frame, y: np.ndarray, kind: str, flagged: str) -> list[str]:
    """Two-valued columns that go with the flagged two-valued column ``flagged`` (module docstring)."""
    import pandas as pd

    positive = y == np.unique(y)[-1] if kind == "binary" else None
    if positive is None:
        return []
    anchor = frame[flagged].reset_index(drop=True)
    both = anchor.notna().to_numpy()
    anchor_side = np.zeros(len(anchor), dtype=bool)
    anchor_side[both] = _label_side(anchor[both].to_numpy(), positive[both])
    found = []
    for name in frame.columns:
        series = frame[name].reset_index(drop=True)
        present = (series.notna().to_numpy() & both)
        if name == flagged or present.sum() < MIN_ROWS or len(pd.unique(series[present])) != 2:
            continue
        x = series[present].to_numpy()
        if len(np.unique(positive[present])) < 2 or auroc_either_way(x == x[0], positive[present]) < COMPANION_AUROC:
            continue
        side = _label_side(x, positive[present])
        if side.any() and anchor_side[present][side].mean() >= COMPANION_SHARE:
            found.append(str(name))
    return found


def leaking_columns(frame, y: np.ndarray, kind: str) -> list[str]:
    """The columns of ``frame`` that alone carry ``y`` (the training rows' labels)."""
    return list(leaking_scores(frame, y, kind))


def leaking_scores(frame, y: np.ndarray, kind: str) -> dict[str, float]:
    """Column name -> score for the columns of ``frame`` flagged on ``y`` (the training rows' labels)."""
    rows = np.arange(len(frame))
    if len(rows) > MAX_ROWS:
        rows = np.linspace(0, len(frame) - 1, MAX_ROWS).astype(np.int64)
    y = np.asarray(y)[rows]
    found = {}
    for name in frame.columns:
        evidence = column_evidence(frame[name].iloc[rows], y, kind)
        if evidence is not None and evidence[0] >= evidence[1]:
            found[str(name)] = evidence[0]
    return found


def _message(scores: dict[str, float], extra: list[str], kind: str) -> str:
    measure = "|Spearman|" if kind == "regression" else "AUROC"
    many = len(scores) > 1
    named = ", ".join(f"'{c}' ({measure} {s:.2f})" for c, s in scores.items())
    also = (f"; {', '.join(repr(c) for c in extra)} go{'' if len(extra) > 1 else 'es'} with "
            f"{'them' if many else 'it'} (recorded together?)") if extra else ""
    return (f"{'columns' if many else 'column'} {named} alone carr{'y' if many else 'ies'} the label on the training "
            f"split, as a second record of the outcome would{also}. {'They' if many else 'It'} may be recorded with "
            f"or from the outcome: check (docs/findings.md), and if so drop with data.drop_columns: "
            f"[{', '.join([*scores, *extra])}]")


@SPLIT_CHECKS.register("label_leakage")
def label_leakage(dataset, splits: dict[str, np.ndarray]) -> list[Finding]:
    """A ``label_leakage`` warning naming the table's feature columns that alone carry the
    label on the training split (and their companions); none for other tasks (multilabel) or data."""
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
    rows, y = frame.iloc[train[keep]], y[keep]
    scores = leaking_scores(rows, y, kind)
    if not scores:
        return []
    extra = [c for name in scores if _is_two_valued(rows[name]) for c in companions(rows, y, kind, name)
             if c not in scores]
    extra = list(dict.fromkeys(extra))
    return [Finding("label_leakage", "warning", _message(scores, extra, kind), count=len(scores) + len(extra),
                    columns=[*scores, *extra])]


def _is_two_valued(series) -> bool:
    return series.nunique(dropna=True) == 2

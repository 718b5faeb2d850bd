"""Label-to-task parsing shared by every reader that has a label column (tables, notes, image
manifests, molecules): the label map, the order of classes, the positive class, and coding
labels against a finished run's classes.

The rules, written once:

- ``data.label_map`` (raw value as text -> class name) is applied first, identically at
  train, predict and evaluate; a value it does not list is an error naming the column and the
  number of rows, never the value.
- ``data.class_names`` fixes the classes and their order (binary: ``[negative, positive]``,
  so the positive class is ``class_names[1]``). Labels are coded against it: a class may be
  absent from the file (a file of controls only), a value outside it is an error.
- Otherwise the classes are the distinct values, numbers in numeric order and text sorted;
  for a binary task the positive class is ``data.positive_class``, else the one whose name
  says so (:func:`positive_by_name`: ``disease`` over ``healthy``, ``1`` over ``0``...), else
  the larger number, else the last name in sorted order. The rule used is recorded in
  ``Dataset.notes["positive_class"]``.

>>> task, y = class_targets(["healthy", "disease", "healthy"], column="status", source="f.csv",
...                         kind=None, class_names=None, positive_class=None, notes={})
>>> task.class_names, y.tolist()
(('healthy', 'disease'), [0, 1, 0])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from ..errors import ConfigError, DataError
from .base import Task
from .columns import format_value, is_number_text, is_numeric, plural, row_list, sorted_values
from .label_typos import numeric_typo_problem

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

# Names that say which class of a pair is the positive (finding present) one. A pair decides
# only when exactly one of its names is on one side: "no" vs "yes" -> yes; "normal" vs
# "pneumonia" -> pneumonia (normal reads as negative). "high" (risk, progression) is the finding
# beside "low"; "low" is no negative word, so "low" vs "normal" still makes "low" the finding.
POSITIVE_WORDS: tuple[str, ...] = (
    "1", "true", "yes", "y", "positive", "pos", "disease", "diseased", "malignant", "abnormal",
    "present", "case", "cancer", "sick", "ill", "event", "dead", "deceased", "die", "died", "death", "failure",
    "high", "high risk", "high_risk", "high-risk",
)
NEGATIVE_WORDS: tuple[str, ...] = (
    "0", "false", "no", "n", "negative", "neg", "healthy", "benign", "normal", "absent",
    "control", "none", "alive", "live", "lived", "survived", "nondisease", "no disease", "no_disease",
)


def as_text(value: Any) -> str:
    """A label value as text: ``1``, ``1.0`` and ``"1"`` all read as ``"1"``; bools as True/False."""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, np.integer):
        return str(int(value))
    return str(value).strip()


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def apply_label_map(values: Sequence[Any], label_map: dict[str, str] | None, *, column: str,
                    source: str) -> list[Any]:
    """Map raw label values (compared as text) to class names; missing values stay None.

    A present value the map does not list is a :class:`DataError` naming the column and how
    many rows hold such values (never the values themselves).
    """
    if label_map is None:
        return list(values)
    out: list[Any] = []
    unknown = 0
    for v in values:
        if is_missing(v):
            out.append(None)
            continue
        mapped = label_map.get(as_text(v))
        if mapped is None:
            unknown += 1
        out.append(mapped)
    if unknown:
        raise DataError(
            f"{source}: label column '{column}' has {unknown} row(s) whose value is not a key of "
            "data.label_map; fix: add those values to data.label_map (keys are compared as text)"
        )
    return out


def positive_by_name(names: Sequence[str]) -> str | None:
    """The name of a pair that reads as the positive class, or None when the names do not say."""
    if len(names) != 2:
        return None
    lowered = [n.strip().lower() for n in names]
    pos = [i for i, n in enumerate(lowered) if n in POSITIVE_WORDS]
    neg = [i for i, n in enumerate(lowered) if n in NEGATIVE_WORDS]
    if len(pos) == 1 and pos[0] not in neg:
        return names[pos[0]]
    if len(neg) == 1 and neg[0] not in pos:
        return names[1 - neg[0]]
    negated = [i for i, n in enumerate(lowered) if _negates(n, lowered[1 - i])]
    if len(negated) == 1:  # "notckd" / "ckd", "non-diabetic" / "diabetic": the other one is the finding
        return names[1 - negated[0]]
    return None


def _negates(name: str, other: str) -> bool:
    """``name`` is ``other`` written with a negation in front ("not ckd", "non-diabetic", "no_event")."""
    for prefix in ("not", "non", "no ", "no_", "no-"):  # a bare "no" only with a separator: "note" is no negation
        if other and name.startswith(prefix) and name[len(prefix):].lstrip(" _-") == other:
            return True
    return False


def _reads_as_measurement(distinct: Sequence[str]) -> bool:
    """Numeric labels that cannot be class codes: more than two distinct values, one with a
    fraction (3.7). Whole numbers stay ambiguous (grades 0-4, or record numbers)."""
    return len(distinct) > 2 and any(not float(v).is_integer() for v in distinct)


def class_order(names: set[str] | Sequence[str]) -> list[str]:
    """Classes in numeric order when every name is a number, else sorted as text."""
    names = list(set(names))
    if names and all(is_number_text(n) for n in names):
        return sorted(names, key=float)
    return sorted(names)


def choose_positive(names: Sequence[str], positive_class: str | None, *, column: str, source: str,
                    notes: dict[str, Any]) -> str:
    """The positive class of a binary label and the rule, recorded in ``notes["positive_class"]``."""
    if positive_class is not None:
        wanted = as_text(positive_class)
        if wanted not in names:
            raise DataError(
                f"{source}: data.positive_class '{wanted}' is not a class of label '{column}' "
                f"(it has {len(names)} classes); fix: set data.positive_class to one of them as written in the file"
            )
        notes["positive_class"] = f"'{wanted}' (from data.positive_class)"
        return wanted
    by_name = positive_by_name(names)
    if all(is_number_text(n) for n in names):  # 0/1, or 1/2 codings: the larger value is the finding
        chosen, rule = max(names, key=float), "the larger value"
    elif by_name is not None:
        chosen, rule = by_name, "its name reads as the positive class"
    else:
        chosen, rule = sorted(names)[-1], "last in sorted order"
    notes["positive_class"] = f"'{chosen}' ({rule}); set data.positive_class or data.class_names to change"
    return chosen


def _indices(values: Sequence[str], class_names: Sequence[str]) -> tuple[np.ndarray, int]:
    """int64 positions of ``values`` in ``class_names`` (-1 outside) and how many are outside."""
    index = {name: i for i, name in enumerate(class_names)}
    coded = np.array([index.get(v, -1) for v in values], dtype=np.int64)
    return coded, int((coded < 0).sum())


def _typo_class_rows(values: Sequence[str], rows: np.ndarray | None) -> str:
    """``" (a class of 1 row, row 14, is named nearly as a class of 180 rows: a typo?)"`` for the
    small classes a ``label_typo`` finding would name (trial 9: a binary task refused a 'daed' row
    as "got 3" without saying which); the rows, never the label; "" when none."""
    from .label_typos import TYPO_MAX_ROWS, TYPO_RATIO, near_name

    names, counts = np.unique(np.asarray(values, dtype=object).astype(str), return_counts=True)
    parts = []
    for name, n in zip(names, counts):
        close = [int(m) for other, m in zip(names, counts) if other != name and m >= TYPO_RATIO * n
                 and near_name(name, other)]
        if n <= TYPO_MAX_ROWS and close:
            where = np.flatnonzero(np.asarray(values, dtype=object).astype(str) == name)
            at = f", {row_list(np.asarray(rows)[where])}" if rows is not None else ""
            parts.append(f"a class of {plural(int(n), 'row')}{at}, is named nearly as a class of "
                         f"{plural(max(close), 'row')}: a typo?")
    return f" ({'; '.join(parts)})" if parts else ""


def code_labels(values: Sequence[str], class_names: Sequence[str], *, column: str, source: str,
                key: str = "data.class_names", rows: np.ndarray | None = None) -> np.ndarray:
    """int64 class indices of ``values`` in ``class_names``; values outside are one DataError
    naming the column, their count and (given ``rows``, their 1-based file rows) the first of
    their rows (never the labels themselves)."""
    coded, unknown = _indices(values, class_names)
    if unknown:
        where = f" ({row_list(np.asarray(rows)[coded < 0])})" if rows is not None else ""
        raise DataError(
            f"{source}: label column '{column}' has {plural(unknown, 'row')} whose label is not one of the "
            f"{len(class_names)} classes of {key}{where}; "
            "fix: correct those labels, or map them with data.label_map"
        )
    return coded


# more classes than this is a label no network here is trained for (and per-class metrics,
# bootstrap tables and the report grow with it): refused before any allocation
MAX_CLASSES = 1000


def screen_class_names(names: Sequence[str], n_rows: int, *, column: str, source: str, numeric: bool,
                       declared: bool = False) -> None:
    """Refuse a label whose class names must not be stored in the run (model.json, metrics.json,
    the report): more than :data:`MAX_CLASSES` classes, nearly one class per row (an identifier
    or free text), or values that are person names, record numbers, dates... (content, as for
    feature columns). ``declared``: the user listed or mapped the classes, or allowed the
    column (``data.allow_identifier_columns``). Messages give counts, never the values."""
    if len(names) > MAX_CLASSES:
        raise DataError(f"{source}: label column '{column}' has {len(names)} classes, more than mednn trains "
                        f"({MAX_CLASSES}); fix: group the classes with data.label_map, or choose another label")
    if declared:
        return
    fix = ("fix: choose another label column, list its classes in data.class_names (or map them with "
           "data.label_map) if they are meant, or list it in data.allow_identifier_columns")
    if len(names) > 20 and len(names) > 0.5 * n_rows:
        raise DataError(f"{source}: label column '{column}' has {len(names)} classes in {n_rows} rows, like an "
                        f"identifier or free text, whose values would be stored in the run as class names; {fix}")
    if numeric:
        return
    from .identifiers import COLUMN_TYPE_WORDS, identifier_column

    found = identifier_column(names)
    if found is not None:
        kind, n_like, n_sampled = found
        raise DataError(f"{source}: label column '{column}' holds {COLUMN_TYPE_WORDS[kind]} ({n_like} of {n_sampled} "
                        f"classes), which would be stored in the run as class names; {fix}")


_MORE_ROWS = "point data.path at a file with many labelled rows (tens per class at least)"


def class_targets(values: Sequence[str], *, column: str, source: str, kind: str | None,
                  class_names: Sequence[str] | None, positive_class: str | None, notes: dict[str, Any],
                  numeric: bool | None = None, declared: bool = False,
                  rows: np.ndarray | None = None) -> tuple[Task, np.ndarray]:
    """Task and int64 targets of one classification label column (values as text, none missing).

    ``kind``: "binary" / "multiclass" or None to infer it (2 classes -> binary, more text
    classes -> multiclass; more numeric classes need ``data.task``). ``numeric``: the column was
    numeric in the file (default: every value reads as a number); ``rows``: file rows, for messages."""
    values = [as_text(v) for v in values]
    if class_names is not None:
        names = [as_text(c) for c in class_names]
        if len(set(names)) != len(names):
            raise ConfigError("data.class_names repeats a name; fix: give each class one name")
        kind = kind or ("binary" if len(names) == 2 else "multiclass")
        if kind == "binary" and len(names) != 2:
            raise ConfigError(
                f"data.task is binary but data.class_names lists {len(names)} classes; "
                "fix: list [negative, positive] or set data.task: multiclass"
            )
        if kind == "multiclass" and len(names) < 2:
            raise ConfigError("data.class_names lists fewer than 2 classes; fix: list every class")
        if kind == "binary":
            if positive_class is not None and as_text(positive_class) != names[1]:
                raise ConfigError(
                    f"data.positive_class '{as_text(positive_class)}' differs from the second of "
                    f"data.class_names ('{names[1]}'), which is the positive class; fix: remove one of them"
                )
            notes["positive_class"] = f"'{names[1]}' (second of data.class_names)"
        targets = code_labels(values, names, column=column, source=source, rows=rows)
        return Task(kind, tuple(names)), targets

    distinct = class_order(set(values))
    if numeric is None:
        numeric = all(is_number_text(v) for v in distinct)
    screen_class_names(distinct, len(values), column=column, source=source, numeric=numeric,
                       declared=declared or kind == "regression")
    if kind is None:
        if len(distinct) == 2:
            kind = "binary"
            notes["task_inferred"] = f"binary (label '{column}' has 2 distinct values); set data.task to change"
        elif len(values) == 1:  # a single value because there is a single row
            raise DataError(f"{source}: 1 labelled row in label column '{column}': too few rows to train and test "
                            f"a model (training needs 2, validation and test 1 each); fix: {_MORE_ROWS}")
        elif len(distinct) < 2:
            raise DataError(
                f"{source}: label column '{column}' has a single value in every row; "
                "fix: choose a label column with at least two classes (or set data.class_names)"
            )
        elif not numeric:
            kind = "multiclass"
            notes["task_inferred"] = (f"multiclass (label '{column}' is text with {len(distinct)} distinct values); "
                                      "set data.task to change")
        else:
            typo = numeric_typo_problem(values, column, source, rows)  # one "2" among 0/1: the typo is the fix
            raise DataError(typo or f"{source}: cannot tell the task from label '{column}' (numeric, "
                            f"{len(distinct)} distinct values); fix: set data.task: regression or data.task: multiclass")
    if kind == "binary":
        if len(distinct) != 2:
            raise DataError(
                f"{source}: a binary task needs exactly 2 classes in label '{column}'; got "
                f"{len(distinct)}{_typo_class_rows(values, rows)}; fix: set data.task: multiclass, map values with "
                "data.label_map, or list both classes in data.class_names"
            )
        positive = choose_positive(distinct, positive_class, column=column, source=source, notes=notes)
        names = [distinct[1 - distinct.index(positive)], positive]
    else:
        if len(distinct) < 2:
            raise DataError(
                f"{source}: label column '{column}' has a single class; "
                "fix: choose a label column with at least two classes (or set data.class_names)"
            )
        if positive_class is not None:
            raise DataError(
                f"{source}: data.positive_class is set but the task is {kind}; "
                "fix: remove data.positive_class or set data.task: binary"
            )
        names = distinct
    targets = code_labels(values, names, column=column, source=source, rows=rows)
    return Task(kind, tuple(names)), targets


def recode_to_task(dataset, task: Task):
    """The dataset's targets re-expressed in ``task``'s classes (same names, maybe reordered).

    For readers whose labels are fixed by the file (class indices, folders): a finished run's
    task must name the same classes; the file may hold fewer of them.
    """
    own = dataset.task
    if own.kind == task.kind and tuple(own.class_names) == tuple(task.class_names):
        return dataset
    source = dataset.source or "the data"
    if task.kind in ("binary", "multiclass") and own.kind in ("binary", "multiclass"):
        mapping, _ = _indices(own.class_names, task.class_names)
        coded = mapping[np.asarray(dataset.targets, dtype=np.int64)]
        unknown = int((coded < 0).sum())
        if unknown:
            raise DataError(
                f"{source}: {unknown} sample(s) have a label that is not one of the run's "
                f"{len(task.class_names)} classes; "
                "fix: use the run's label coding (data.class_names / data.label_map)"
            )
        dataset.targets = coded
        dataset.task = task
        return dataset
    if own.kind == task.kind and set(own.class_names) == set(task.class_names):
        order = [list(own.class_names).index(name) for name in task.class_names]
        dataset.targets = np.asarray(dataset.targets)[:, order]
        dataset.task = task
        return dataset
    raise DataError(
        f"The labels of {source} ({own.kind}, {len(own.class_names)} classes) differ from the run's "
        f"({task.kind}, {len(task.class_names)} classes); fix: use the same label columns and coding"
    )


# ---------------------------------------------------------------------------- label columns of a table
# One label column (classes or a number), several 0/1 columns (multilabel) or several numeric
# columns (multi-target regression), as the table readers and the image manifest read them.
# ``rows`` are the 1-based file rows of the frame's rows, for messages.

_BINARY_WORDS = {"0": 0.0, "1": 1.0, "false": 0.0, "true": 1.0, "no": 0.0, "yes": 1.0}


def table_targets(frame, labels, cfg, rows, source, notes) -> tuple[Task, np.ndarray]:
    if len(labels) == 1 and cfg.task != "multilabel":
        return single_label_targets(frame[labels[0]], labels[0], cfg, rows, source, notes)
    if getattr(cfg, "label_map", None) is not None:
        raise DataError(
            f"{source}: data.label_map applies to one label column; got {len(labels)} "
            f"({', '.join(labels)}); fix: remove data.label_map or give one data.label"
        )
    task = cfg.task
    if task in ("binary", "multiclass"):
        raise DataError(
            f"{source}: a {task} task takes one label column; got {len(labels)} "
            f"({', '.join(labels)}); fix: set data.task: multilabel or regression, or give one data.label"
        )
    if cfg.positive_class is not None:
        raise DataError(
            f"{source}: data.positive_class applies to binary tasks only; fix: remove it"
        )
    if task is None:
        looks_binary = all(
            all(format_value(v).strip().lower() in ("0", "1") for v in frame[label].dropna().unique())
            for label in labels
        )
        if not looks_binary:
            raise DataError(
                f"{source}: cannot tell the task from {len(labels)} label columns; "
                "fix: set data.task: multilabel (0/1 columns) or data.task: regression"
            )
        notes["task_inferred"] = (
            f"multilabel ({len(labels)} label columns holding only 0/1); set data.task to change"
        )
        task = "multilabel"
    if task == "multilabel":
        return multilabel_targets(frame, labels, rows, source)
    return regression_targets(frame, labels, rows, source, allow_missing=True)


def single_label_targets(
    series: "pd.Series", label: str, cfg, rows: np.ndarray, source: str, notes: dict[str, Any]
) -> tuple[Task, np.ndarray]:
    task = cfg.task
    label_map = getattr(cfg, "label_map", None)
    if label_map is not None:
        if task == "regression":
            raise DataError(f"{source}: data.label_map maps classes but data.task is regression; "
                            "fix: remove data.label_map or set data.task: binary / multiclass")
        import pandas as pd

        mapped = apply_label_map(series.tolist(), label_map, column=label, source=source)
        series = pd.Series(np.array([np.nan if v is None else v for v in mapped], dtype=object),
                           index=series.index)
        notes["label_map"] = f"data.label_map applied to '{label}'"
    missing = series.isna().to_numpy()
    if missing.any():
        raise DataError(
            f"{source}: label column '{label}' has {plural(int(missing.sum()), 'missing value')} "
            f"({row_list(rows[missing])}); fix: fill in or remove those rows"
        )
    if task is None and label_map is None and is_numeric(series) and _reads_as_measurement(
            [format_value(v) for v in series.unique()]):
        task = "regression"
        notes["task_inferred"] = (f"regression (label '{label}' is a number with fractions, "
                                  f"{series.nunique()} distinct values); set data.task to change")
    if task == "regression":
        return regression_targets(series.to_frame(), [label], rows, source, allow_missing=False)

    values = [format_value(v).strip() for v in series.tolist()]
    distinct = sorted_values(list(series.unique()))
    if len({format_value(v).strip() for v in distinct}) != len(distinct):
        raise DataError(
            f"{source}: label column '{label}' has values that differ only in type or spacing; "
            "fix: write each class the same way"
        )
    declared = label_map is not None or label in (getattr(cfg, "allow_identifier_columns", None) or [])
    return class_targets(values, column=label, source=source, kind=task,
                         class_names=getattr(cfg, "class_names", None),
                         positive_class=cfg.positive_class, notes=notes, numeric=is_numeric(series),
                         declared=declared, rows=rows)


def regression_targets(
    frame: "pd.DataFrame", labels: list[str], rows: np.ndarray, source: str, *, allow_missing: bool
) -> tuple[Task, np.ndarray]:
    import pandas as pd

    columns = []
    for label in labels:
        raw = frame[label]
        values = pd.to_numeric(raw, errors="coerce")
        bad = (values.isna() & raw.notna()).to_numpy()
        if bad.any():
            raise DataError(
                f"{source}: regression label '{label}' has {plural(int(bad.sum()), 'non-numeric value')} "
                f"({row_list(rows[bad])}); fix: clean those cells or add the marker to data.missing_values"
            )
        values = values.to_numpy(dtype=np.float64)
        if np.isinf(values).any():
            inf = np.isinf(values)
            raise DataError(
                f"{source}: label '{label}' has {plural(int(inf.sum()), 'infinite value')} "
                f"({row_list(rows[inf])}); fix: replace them with numbers"
            )
        columns.append(values)
    targets = np.stack(columns, axis=1).astype(np.float32)
    missing = np.isnan(targets)
    if missing.any():
        unusable = missing.all(axis=1) if allow_missing else missing.any(axis=1)
        if unusable.any():
            what = "every label" if allow_missing else f"label '{labels[0]}'"
            raise DataError(
                f"{source}: {plural(int(unusable.sum()), 'row')} miss {what} "
                f"({row_list(rows[unusable])}); fix: fill in or remove those rows"
            )
    return Task(kind="regression", class_names=tuple(labels)), targets


def multilabel_targets(
    frame: "pd.DataFrame", labels: list[str], rows: np.ndarray, source: str
) -> tuple[Task, np.ndarray]:
    targets = np.full((len(frame), len(labels)), np.nan, dtype=np.float32)
    for j, label in enumerate(labels):
        col = frame[label]
        present = col.notna().to_numpy()
        mapped = np.full(len(col), np.nan)
        bad = np.zeros(len(col), dtype=bool)
        for i in np.flatnonzero(present):
            value = _BINARY_WORDS.get(format_value(col.iat[i]).strip().lower())
            if value is None:
                bad[i] = True
            else:
                mapped[i] = value
        if bad.any():
            raise DataError(
                f"{source}: multilabel column '{label}' has {plural(int(bad.sum()), 'value')} "
                f"other than 0/1 ({row_list(rows[bad])}); fix: write 1, 0, or leave the cell empty for missing"
            )
        targets[:, j] = mapped
    unlabelled = np.isnan(targets).all(axis=1)
    if unlabelled.any():
        raise DataError(
            f"{source}: {plural(int(unlabelled.sum()), 'row')} have no label at all "
            f"({row_list(rows[unlabelled])}); fix: fill in at least one label or remove those rows"
        )
    return Task(kind="multilabel", class_names=tuple(labels)), targets

"""Table readers: ``csv``, ``tsv`` (also ``.csv.gz`` / ``.tsv.gz``) and ``parquet``.

Each reader loads the file into a pandas DataFrame, then :func:`table_to_dataset` turns the
columns named in the :class:`~mednn.config.DataConfig` (label, id, patient, meta, split,
features) into a :class:`~mednn.data.base.Dataset` whose ``inputs`` is the DataFrame of raw
feature columns (the ``tabular`` featurizer encodes it). Row numbers in messages and in the
default ids (``row-<n>``) are 1-based file rows counting the header line, so ``row-2`` is the
first data row of a CSV with a header.

The task is taken from ``data.task``; it is inferred only in unambiguous cases (one label
column with two values -> binary; a non-numeric label with more values -> multiclass; several
0/1 label columns -> multilabel) and the inference is recorded in ``Dataset.notes``. Class
names, their order, the positive class and ``data.label_map`` follow :mod:`mednn.data.labels`
(shared with the text, image-manifest and molecule readers).

Rows to predict (``read_dataset(cfg, labels=False)``) never read the label columns, which may
be absent: a header-less file with ``data.column_names`` may have one column fewer (per label
column). With ``data.feature_columns`` (the run's features), missing feature columns are an
error naming them and other columns are ignored and listed in ``notes["ignored_columns"]``.
Duplicated ids in ``data.id_column`` are an error: ids key the predictions file, and repeated
patients belong in ``data.patient_column``.

``Dataset.notes`` keys: ``format``, ``label_columns``, ``task_inferred`` (only when inferred),
``positive_class`` (binary: which class and why), ``categorical_columns``, ``missing_counts``
(feature column -> count), ``missing_policy`` (``data.missing``), ``n_groups`` (with a patient
column), ``excluded_from_features`` (listed features that are label / id / meta columns),
``ignored_columns`` (columns that are not among ``data.feature_columns``), ``label_map``
(when applied), ``unlabelled`` (rows read to predict).

Add another table format by subclassing :class:`_TableReader` and registering it.
"""

from __future__ import annotations

import difflib
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from ..errors import DataError
from .base import Dataset, Task
from .labels import apply_label_map, class_targets
from .limits import check_delimited_file, column_ref, columns_for_message, header_reads_as_data, name_like
from .readers import READERS, Reader

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

DEFAULT_MISSING_VALUES: tuple[str, ...] = ("", "NA", "N/A", "NaN", "nan", "null", "NULL", "?")
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
_BINARY_WORDS = {"0": 0.0, "1": 1.0, "false": 0.0, "true": 1.0, "no": 0.0, "yes": 1.0}


class TableOptions(BaseModel):
    """Format keys shared by every table reader (``data.<key>`` in the config)."""

    model_config = ConfigDict(extra="forbid")

    missing_values: list[str] = list(DEFAULT_MISSING_VALUES)
    missing: Literal["impute", "error"] = "impute"
    categorical_columns: list[str] | None = None
    drop_columns: list[str] = []
    split_column: str | None = None
    # columns whose content looks like identifiers (names, MRNs, dates ...) used anyway
    allow_identifier_columns: list[str] = []


class TextTableOptions(TableOptions):
    """Keys of delimited text tables (csv / tsv)."""

    header: bool = True
    column_names: list[str] | None = None
    delimiter: str | None = None
    encoding: str = "utf-8"


# ---------------------------------------------------------------------------- helpers


def row_list(rows: Any, limit: int = 5) -> str:
    """``[24, 41, 57]`` -> ``"rows 24, 41, 57"``; long lists end in ``", ..."``."""
    rows = [int(r) for r in rows]
    shown = ", ".join(str(r) for r in rows[:limit])
    more = ", ..." if len(rows) > limit else ""
    return f"row{'s' if len(rows) != 1 else ''} {shown}{more}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _format_value(value: Any) -> str:
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
    texts = np.array([_format_value(v).strip() for v in uniques.tolist()] + [np.nan], dtype=object)
    return pd.Series(texts[codes], index=series.index, dtype=object)  # code -1 (missing) -> NaN


def _close_names(name: str, names: list[str]) -> str:
    """A did-you-mean, or the columns; never a "name" that is really a cell of a header-less file."""
    if header_reads_as_data(names):
        return columns_for_message(names)
    lowered = {n.lower(): n for n in names}
    close = [lowered[name.lower()]] if name.lower() in lowered else []
    close += [c for c in difflib.get_close_matches(name, names, n=3, cutoff=0.6) if c not in close]
    close = [c for c in close if name_like(c)]
    if close:
        return "did you mean " + ", ".join(repr(c) for c in close) + "?"
    return columns_for_message(names)


def _require_columns(frame: "pd.DataFrame", names: list[str], key: str, source: str) -> None:
    columns = [str(c) for c in frame.columns]
    for name in names:
        if name not in frame.columns:
            raise DataError(
                f"{source}: column '{name}' (from data.{key}) is not in the file; "
                f"{_close_names(name, columns)}; fix: set data.{key} to a column of the file"
            )


def _sorted_values(values: list[Any]) -> list[Any]:
    try:
        return sorted(values)
    except TypeError:  # mixed types: order by their text
        return sorted(values, key=_format_value)


def _is_numeric(series: "pd.Series") -> bool:
    import pandas as pd

    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


# ---------------------------------------------------------------------------- task & targets


def _single_label_task(
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
            f"{source}: label column '{label}' has {_plural(int(missing.sum()), 'missing value')} "
            f"({row_list(rows[missing])}); fix: fill in or remove those rows"
        )
    if task == "regression":
        return _regression_targets(series.to_frame(), [label], rows, source, allow_missing=False)

    values = [_format_value(v).strip() for v in series.tolist()]
    distinct = _sorted_values(list(series.unique()))
    if len({_format_value(v).strip() for v in distinct}) != len(distinct):
        raise DataError(
            f"{source}: label column '{label}' has values that differ only in type or spacing; "
            "fix: write each class the same way"
        )
    return class_targets(values, column=label, source=source, kind=task,
                         class_names=getattr(cfg, "class_names", None),
                         positive_class=cfg.positive_class, notes=notes, numeric=_is_numeric(series))


def _regression_targets(
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
                f"{source}: regression label '{label}' has {_plural(int(bad.sum()), 'non-numeric value')} "
                f"({row_list(rows[bad])}); fix: clean those cells or add the marker to data.missing_values"
            )
        values = values.to_numpy(dtype=np.float64)
        if np.isinf(values).any():
            inf = np.isinf(values)
            raise DataError(
                f"{source}: label '{label}' has {_plural(int(inf.sum()), 'infinite value')} "
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
                f"{source}: {_plural(int(unusable.sum()), 'row')} miss {what} "
                f"({row_list(rows[unusable])}); fix: fill in or remove those rows"
            )
    return Task(kind="regression", class_names=tuple(labels)), targets


def _multilabel_targets(
    frame: "pd.DataFrame", labels: list[str], rows: np.ndarray, source: str
) -> tuple[Task, np.ndarray]:
    targets = np.full((len(frame), len(labels)), np.nan, dtype=np.float32)
    for j, label in enumerate(labels):
        col = frame[label]
        present = col.notna().to_numpy()
        mapped = np.full(len(col), np.nan)
        bad = np.zeros(len(col), dtype=bool)
        for i in np.flatnonzero(present):
            value = _BINARY_WORDS.get(_format_value(col.iat[i]).strip().lower())
            if value is None:
                bad[i] = True
            else:
                mapped[i] = value
        if bad.any():
            raise DataError(
                f"{source}: multilabel column '{label}' has {_plural(int(bad.sum()), 'value')} "
                f"other than 0/1 ({row_list(rows[bad])}); fix: write 1, 0, or leave the cell empty for missing"
            )
        targets[:, j] = mapped
    unlabelled = np.isnan(targets).all(axis=1)
    if unlabelled.any():
        raise DataError(
            f"{source}: {_plural(int(unlabelled.sum()), 'row')} have no label at all "
            f"({row_list(rows[unlabelled])}); fix: fill in at least one label or remove those rows"
        )
    return Task(kind="multilabel", class_names=tuple(labels)), targets


def _targets(frame, labels, cfg, rows, source, notes) -> tuple[Task, np.ndarray]:
    if len(labels) == 1 and cfg.task != "multilabel":
        return _single_label_task(frame[labels[0]], labels[0], cfg, rows, source, notes)
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
            all(_format_value(v).strip().lower() in ("0", "1") for v in frame[label].dropna().unique())
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
        return _multilabel_targets(frame, labels, rows, source)
    return _regression_targets(frame, labels, rows, source, allow_missing=True)


# ---------------------------------------------------------------------------- features


def _check_features(
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
                f"{_close_names(name, [str(c) for c in features.columns])}; fix: correct the name"
            )
    categorical: list[str] = []
    for name in features.columns:
        col = features[name]
        if name in explicit:
            features[name] = category_strings(col)
            _refuse_identifier_column(name, features[name], options, source)
            categorical.append(name)
            continue
        if pd.api.types.is_bool_dtype(col):
            features[name] = col.astype(np.float64)
            continue
        if _is_numeric(col):
            values = col.to_numpy(dtype=np.float64)
            inf = np.isinf(values)
            if inf.any():
                raise DataError(
                    f"{source}: {ref(name)} has {_plural(int(inf.sum()), 'infinite value')} "
                    f"({row_list(rows[inf])}); fix: replace them with numbers or a missing-value marker"
                )
            with np.errstate(invalid="ignore"):
                huge = np.abs(values) > np.finfo(np.float32).max  # would become inf in the model
            if huge.any():
                raise DataError(
                    f"{source}: {ref(name)} has {_plural(int(huge.sum()), 'value')} too large for the model's "
                    f"32-bit numbers ({row_list(rows[huge])}); fix: check the units of that column or mark "
                    "those cells as missing"
                )
            _refuse_number_identifier(name, values, options, source, ref)
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
                f"{source}: {ref(name)} is numeric except for {_plural(int(stray.sum()), 'cell')} "
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
                f"like free text or an identifier; fix: list it in data.drop_columns (or data.id_column), "
                f"or in data.categorical_columns to one-hot encode it anyway"
            )
        _refuse_identifier_column(name, text, options, source)
        features[name] = text
        categorical.append(name)

    missing = {str(c): int(n) for c, n in features.isna().sum().items() if n > 0}
    if missing and options.missing == "error":
        name, count = next(iter(missing.items()))
        where = row_list(rows[features[name].isna().to_numpy()])
        others = f" (and {len(missing) - 1} more columns)" if len(missing) > 1 else ""
        raise DataError(
            f"{source}: {ref(name)} has {_plural(count, 'missing value')} ({where}){others}; "
            "fix: set data.missing: impute or clean the file"
        )
    notes["categorical_columns"] = categorical
    notes["missing_counts"] = missing
    notes["missing_policy"] = options.missing
    return features


def _refuse_identifier_column(name: str, values: "pd.Series", options: TableOptions, source: str,
                              *, meta: bool = False) -> None:
    """Refuse a text column whose values are names, e-mails, phone or record numbers or dates.

    Its values would become one-hot category names (stored in featurizer.json and data.json,
    shown in the report) or subgroup names (metrics.json). Checked on a sample of its distinct
    values with the cell detectors of :func:`mednn.data.identifiers.identifier_column`;
    the message gives counts, never the values.
    """
    import pandas as pd

    if name in options.allow_identifier_columns or _is_numeric(values) or pd.api.types.is_bool_dtype(values):
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


def _refuse_number_identifier(name: str, values: np.ndarray, options: TableOptions, source: str, ref) -> None:
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


def _identifiers(frame, column: str, what: str, rows: np.ndarray, source: str, fix: str) -> np.ndarray:
    """A column of ids (sample or patient) as text; an empty cell is an error naming its rows."""
    values = frame[column]
    absent = values.isna().to_numpy()
    if absent.any():
        raise DataError(f"{source}: {what} column '{column}' is empty in {row_list(rows[absent])}; fix: {fix}")
    return np.array([_format_value(v) for v in values.tolist()], dtype=object)


def _missing_features(missing: list[str], columns: list[str], source: str) -> DataError:
    """Feature columns the config (or the run) needs but the file lacks: up to 5 named."""
    shown = ", ".join(f"'{c}'" for c in missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    hint = _close_names(missing[0], columns)
    hint = f"; {hint}" if hint.startswith("did you mean") else ""
    one = len(missing) == 1
    return DataError(
        f"{source}: {'feature column' if one else f'{len(missing)} feature columns'} {shown} "
        f"{'is' if one else 'are'} not in the file (data.feature_columns){hint}; fix: add "
        f"{'it' if one else 'them'} under the name(s) used in training (an empty column is imputed), "
        "rename the file's columns, or correct data.feature_columns"
    )


def table_to_dataset(
    frame: "pd.DataFrame", cfg, options: TableOptions, *, source: str, row_offset: int, fmt: str,
    with_labels: bool = True,
) -> Dataset:
    """Build a :class:`Dataset` from a loaded table and the config's column keys.

    ``frame``'s index holds 0-based positions of the data rows in the file; ``row_offset``
    turns them into 1-based file rows (2 when a header line precedes the data).

    ``with_labels=False`` reads rows to predict: label, patient, meta and split columns may be
    absent (those present are left out of the features), targets are placeholders, and the id
    column is used when present. With ``data.feature_columns`` (the run's features), feature
    columns missing from the file are an error naming them and columns that are neither
    features nor named keys are ignored and listed in ``notes["ignored_columns"]``.
    """
    import pandas as pd

    if len(frame) == 0:
        raise DataError(f"{source}: the file has no data rows; fix: check data.path and data.header")
    rows = frame.index.to_numpy() + row_offset
    frame = frame.reset_index(drop=True)
    frame.columns = [str(c) for c in frame.columns]
    columns = list(frame.columns)
    dupes = sorted({c for c in columns if columns.count(c) > 1})
    if dupes:
        raise DataError(
            f"{source}: the name of {column_ref(dupes[0], columns)} appears more than once; fix: rename the columns"
        )

    labels = cfg.labels
    singles = {"id_column": cfg.id_column, "patient_column": cfg.patient_column, "split_column": options.split_column}
    notes: dict[str, Any] = {"format": fmt, "label_columns": list(labels)}
    if with_labels:
        if not labels:
            raise DataError(
                f"{source}: data.label is not set; fix: set data.label to the column to predict "
                f"({columns_for_message(columns)})"
            )
        _require_columns(frame, labels, "label", source)
        _require_columns(frame, options.drop_columns, "drop_columns", source)
        for key, name in singles.items():
            if name is not None:
                _require_columns(frame, [name], key, source)
        _require_columns(frame, list(cfg.meta_columns), "meta_columns", source)
        task, targets = _targets(frame, labels, cfg, rows, source, notes)
    else:
        # rows to predict: only the columns the file has are used; the rest are not needed
        singles = {k: (n if n in frame.columns else None) for k, n in singles.items()}
        notes["unlabelled"] = True
        task, targets = Task("regression", ("unlabelled",)), np.full((len(frame), 1), np.nan, dtype=np.float32)
    meta_columns = [c for c in cfg.meta_columns if c in frame.columns]

    # ids
    if singles["id_column"] is not None:
        ids = _identifiers(frame, cfg.id_column, "id", rows, source,
                           "give every row an id or remove data.id_column")
        _, first, counts = np.unique(ids.astype(str), return_index=True, return_counts=True)
        if (counts > 1).any():
            dup_rows = np.sort(rows[~np.isin(np.arange(len(ids)), first)])
            raise DataError(
                f"{source}: id column '{cfg.id_column}' has {_plural(int((counts > 1).sum()), 'repeated id')} "
                f"({row_list(dup_rows)}); fix: make ids unique (put repeated patients in data.patient_column)"
            )
    else:
        ids = np.array([f"row-{r}" for r in rows], dtype=object)

    groups = None
    if singles["patient_column"] is not None:
        groups = _identifiers(frame, cfg.patient_column, "patient", rows, source,
                              "fill in the patient id or remove those rows")
        notes["n_groups"] = int(len(np.unique(groups.astype(str))))

    split = None
    if singles["split_column"] is not None:
        raw = frame[options.split_column]
        names = [
            None if pd.isna(v) else SPLIT_NAMES.get(_format_value(v).strip().lower()) for v in raw.tolist()
        ]
        bad = np.array([n is None for n in names])
        if bad.any():
            raise DataError(
                f"{source}: split column '{options.split_column}' has {_plural(int(bad.sum()), 'value')} "
                f"other than train/val/test ({row_list(rows[bad])}); fix: write train, val or test"
            )
        split = np.array(names, dtype=object)

    for name in meta_columns:
        _refuse_identifier_column(name, frame[name], options, source, meta=True)
    meta = {name: frame[name].to_numpy() for name in meta_columns}

    excluded = set(labels) | set(cfg.meta_columns) | set(options.drop_columns)
    excluded |= {n for n in (cfg.id_column, cfg.patient_column, options.split_column) if n is not None}
    if cfg.feature_columns is not None:
        overlap = [c for c in cfg.feature_columns if c in excluded]
        if overlap:
            notes["excluded_from_features"] = overlap
        feature_columns = [c for c in cfg.feature_columns if c not in excluded]
        absent = [c for c in feature_columns if c not in frame.columns]
        if absent:
            raise _missing_features(absent, columns, source)
        ignored = [c for c in columns if c not in excluded and c not in feature_columns]
        if ignored:
            notes["ignored_columns"] = ignored
    else:
        feature_columns = [c for c in columns if c not in excluded]
    if not feature_columns:
        raise DataError(
            f"{source}: no feature columns are left after removing label / id / patient / meta "
            "columns; fix: check data.label and data.feature_columns"
        )
    features = _check_features(frame[feature_columns].copy(), rows, options, source, notes,
                               ref=lambda name: column_ref(name, columns))
    if isinstance(features, pd.DataFrame):
        features = features.reset_index(drop=True)
    return Dataset(
        inputs=features,
        targets=targets,
        task=task,
        ids=ids,
        groups=groups,
        meta=meta,
        split=split,
        feature_names=list(feature_columns),
        modality="tabular",
        source=source,
        notes=notes,
    )


# ---------------------------------------------------------------------------- readers


class _TableReader(Reader):
    modality: ClassVar[str] = "tabular"
    generic: ClassVar[bool] = True
    Options = TableOptions
    suffixes: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def sniff(cls, path: Path) -> bool:
        name = Path(path).name.lower()
        return any(name.endswith(s) for s in cls.suffixes)

    def load(self, path: Path, options, optional: tuple[str, ...] = ()) -> tuple["pd.DataFrame", int]:
        """The file as a DataFrame (index = 0-based data row) and the row offset for messages.

        ``optional``: names in ``data.column_names`` that a file may lack (the label columns
        of a file to predict); a header-less file with that many fewer columns reads without them.
        """
        raise NotImplementedError

    def read(self, cfg, options) -> Dataset:
        path = Path(cfg.path)
        frame, offset = self.load(path, options)
        return table_to_dataset(frame, cfg, options, source=str(path), row_offset=offset, fmt=self.name)

    def read_unlabelled(self, cfg, options) -> Dataset:
        """Rows to predict: the label columns may be absent (header-less files too: a file with
        one column fewer than ``data.column_names`` lacks the label); they are never read."""
        path = Path(cfg.path)
        frame, offset = self.load(path, options, optional=tuple(cfg.labels))
        return table_to_dataset(frame, cfg, options, source=str(path), row_offset=offset, fmt=self.name,
                                with_labels=False)


def _check_file(path: Path) -> None:
    if not path.exists():
        raise DataError(f"{path}: the file does not exist; fix: check data.path")
    if path.is_dir():
        raise DataError(f"{path}: is a folder, not a table file; fix: point data.path at the file")
    if path.stat().st_size == 0:
        raise DataError(f"{path}: the file is empty; fix: check data.path")


class _DelimitedReader(_TableReader):
    Options = TextTableOptions
    default_delimiter: ClassVar[str] = ","

    def load(self, path: Path, options: TextTableOptions, optional: tuple[str, ...] = ()
             ) -> tuple["pd.DataFrame", int]:
        _check_file(path)
        delimiter = options.delimiter or self.default_delimiter
        frame, offset = self._load(path, options, optional, delimiter)
        if frame.shape[1] == 1 and options.delimiter is None:
            only = str(frame.columns[0])
            for other in (";", "\t", ",", "|"):
                if other != delimiter and other in only:
                    # a .csv to score with a run trained on a .tsv (or the reverse): read it as it is
                    # written. Not ';' or '|': a ';' file may write decimal commas, read as text
                    swapped = {delimiter, other} == {",", "\t"}
                    retried, offset = self._load(path, options, optional, other) if swapped else (frame, offset)
                    if retried.shape[1] > 1:
                        warnings.warn(f"{path}: read with delimiter {other!r}, not the {self.name} default "
                                      f"{delimiter!r}; set data.delimiter to choose", UserWarning, stacklevel=2)
                        return retried, offset
                    raise DataError(
                        f"{path}: the file reads as a single column; fix: set data.delimiter: {other!r}"
                    )
        return frame, offset

    def _load(self, path: Path, options: TextTableOptions, optional: tuple[str, ...], delimiter: str
              ) -> tuple["pd.DataFrame", int]:
        import pandas as pd

        names = options.column_names
        check_delimited_file(path, delimiter)  # a giant line would exhaust memory inside pandas
        kwargs: dict[str, Any] = dict(
            sep=delimiter,
            na_values=list(options.missing_values),
            keep_default_na=False,
            skipinitialspace=True,
            # keep blank lines as empty rows so that row numbers match the file, drop them below
            skip_blank_lines=False,
            encoding=options.encoding,
        )
        kwargs["header"] = 0 if options.header else None
        try:
            if names is not None:
                # pandas would silently turn surplus leading columns into the index
                first = pd.read_csv(path, **{**kwargs, "header": None, "names": None, "nrows": 1})
                reduced = [n for n in names if n not in optional]
                if first.shape[1] != len(names) and optional and first.shape[1] == len(reduced):
                    names = reduced  # a file to predict without its label column(s)
                elif first.shape[1] != len(names):
                    raise DataError(
                        f"{path}: data.column_names lists {len(names)} names but the file has "
                        f"{first.shape[1]} columns; fix: give one name per column"
                    )
                kwargs["names"] = names
            frame = pd.read_csv(path, **kwargs)
        except pd.errors.EmptyDataError:
            raise DataError(f"{path}: the file holds no table; fix: check data.path") from None
        except pd.errors.ParserError as exc:
            detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else "cannot parse"
            raise DataError(
                f"{path}: cannot parse the table ({detail}); fix: check the delimiter (data.delimiter) and quoting"
            ) from None
        except UnicodeDecodeError:
            raise DataError(
                f"{path}: the file is not {options.encoding} text; fix: save it as UTF-8 or set data.encoding"
            ) from None
        except (OSError, EOFError) as exc:  # e.g. a truncated .gz
            raise DataError(f"{path}: cannot read the file ({type(exc).__name__}); fix: check that it is complete") from None
        if not options.header and options.column_names is None:
            frame.columns = [f"column_{i + 1}" for i in range(frame.shape[1])]
        if names is not None and frame.shape[1] != len(names):
            raise DataError(
                f"{path}: data.column_names lists {len(names)} names but the file has "
                f"{frame.shape[1]} columns; fix: give one name per column"
            )
        frame = frame.loc[~frame.isna().all(axis=1)]
        return frame, 2 if options.header else 1


@READERS.register("csv")
class CsvReader(_DelimitedReader):
    """Comma-separated tables: ``.csv`` and ``.csv.gz``."""

    name: ClassVar[str] = "csv"
    suffixes = (".csv", ".csv.gz", ".csv.bz2", ".csv.zip", ".csv.xz")
    default_delimiter = ","


@READERS.register("tsv")
class TsvReader(_DelimitedReader):
    """Tab-separated tables: ``.tsv``, ``.tab``, ``.tsv.gz``."""

    name: ClassVar[str] = "tsv"
    suffixes = (".tsv", ".tab", ".tsv.gz", ".tsv.bz2", ".tsv.zip", ".tsv.xz")
    default_delimiter = "\t"


@READERS.register("parquet")
class ParquetReader(_TableReader):
    """Apache Parquet tables. Text cells equal to a ``data.missing_values`` marker become missing."""

    name: ClassVar[str] = "parquet"
    suffixes = (".parquet", ".pq")

    def load(self, path: Path, options: TableOptions, optional: tuple[str, ...] = ()
             ) -> tuple["pd.DataFrame", int]:
        import pandas as pd

        _check_file(path)
        try:
            frame = pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises several unrelated types for a bad file
            raise DataError(
                f"{path}: not a readable Parquet file ({type(exc).__name__}); fix: check the file"
            ) from None
        markers = set(options.missing_values)
        for name in frame.columns:
            col = frame[name]
            if not _is_numeric(col) and not pd.api.types.is_bool_dtype(col):
                text = col.astype(object)
                hit = text.map(lambda v: isinstance(v, str) and v.strip() in markers).to_numpy(dtype=bool)
                if hit.any():
                    frame[name] = text.where(~hit, np.nan)
        frame = frame.reset_index(drop=True)
        frame = frame.loc[~frame.isna().all(axis=1)]
        return frame, 1


def load_table(path: str | Path, *, format: str = "auto", **options: Any) -> "pd.DataFrame":
    """Read a table file as the readers do (markers -> NaN, blank rows dropped), without labels.

    For ``mednn predict``: the returned DataFrame's index holds the 1-based file row numbers,
    so ``"row-" + str(index)`` reproduces the reader's default ids.

    >>> load_table("new_patients.csv").shape  # doctest: +SKIP
    (12, 30)
    """
    path = Path(path)
    if format == "auto":
        for cls in (CsvReader, TsvReader, ParquetReader):
            if cls.sniff(path):
                format = cls.name
                break
        else:
            raise DataError(f"Cannot tell the format of {path}; fix: name it .csv, .tsv or .parquet")
    reader_cls = READERS.get(format)
    if not issubclass(reader_cls, _TableReader):
        raise DataError(f"{path}: format {format!r} is not a table format; fix: use csv, tsv or parquet")
    reader = reader_cls()
    from pydantic import ValidationError

    from ..errors import ConfigError

    try:
        opts = reader.Options.model_validate(options)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ConfigError(f"Key 'data.{'.'.join(str(p) for p in err['loc'])}': {err['msg']}") from None
    frame, offset = reader.load(path, opts)
    frame = frame.copy()
    frame.columns = [str(c) for c in frame.columns]
    frame.index = frame.index + offset
    return frame


from . import builtin as _builtin  # noqa: E402,F401  (registers the "builtin" reader)


# ---------------------------------------------------------------------------- ARFF

import re  # noqa: E402  (used by the ARFF reader only)


class ArffOptions(TableOptions):
    """Keys of ARFF files (Weka's attribute-relation format)."""

    encoding: str = "utf-8"
    # a data line that cannot be read as one row (wrong number of fields): skip it and name it
    # in the data notes and skipped.csv, or stop with an error naming it
    on_defective: Literal["skip", "fail"] = "skip"


_ARFF_ATTRIBUTE = re.compile(r"""^@attribute\s+('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s{]+)\s*(.*)$""", re.I)
_ARFF_NUMERIC = ("numeric", "real", "integer")


def _arff_fields(line: str) -> list[str]:
    """Split an ARFF line on commas outside quotes; strip spaces / tabs and the quotes."""
    return [text for text, _ in _arff_cells(line)]


def _arff_cells(line: str) -> list[tuple[str, bool]]:
    """(value, padded) per field: ``padded`` when an unquoted value had spaces or tabs around it."""
    cells, current, quote, quoted, escaped = [], [], None, False, False

    def close():
        raw = "".join(current)
        cells.append((raw if quoted else raw.strip(), not quoted and raw != raw.strip()))

    for ch in line:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\" and quote:
            escaped = True
        elif quote:
            if ch == quote:
                quote = None
            else:
                current.append(ch)
        elif ch in "'\"" and not "".join(current).strip():
            quote, quoted, current = ch, True, []
        elif ch == ",":
            close()
            current, quoted = [], False
        elif not (quoted and ch in " \t"):  # spaces after a closing quote
            current.append(ch)
    close()
    return cells


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


@READERS.register("arff")
class ArffReader(_TableReader):
    """ARFF files (``.arff``): ``@attribute`` declarations, then ``@data`` rows.

    Nominal attributes (``{a,b,c}``) become categorical columns (as declared, even when their
    values look like numbers), numeric ones numbers, ``string`` / ``date`` ones text; ``?`` is
    missing. Real files are not always valid ARFF (the UCI chronic kidney disease file has
    trailing commas, an empty extra field, tabs and spaces around values), so the reader
    repairs what is unambiguous and names it: spaces and tabs around values are stripped, a
    trailing empty field is dropped, a value outside a nominal attribute's declared set or a
    non-number in a numeric attribute is read as missing. A line with another number of fields
    is skipped (``on_defective: skip``, listed in ``skipped.csv``) or stops the run
    (``on_defective: fail``). Row numbers are line numbers of the file. Sparse ARFF
    (``{index value, ...}`` rows) is not supported.
    """

    name: ClassVar[str] = "arff"
    suffixes = (".arff",)
    Options = ArffOptions

    def load(self, path: Path, options: ArffOptions) -> tuple["pd.DataFrame", int]:
        import warnings

        import pandas as pd

        _check_file(path)
        try:
            lines = path.read_text(encoding=options.encoding).splitlines()
        except UnicodeDecodeError:
            raise DataError(f"{path}: the file is not {options.encoding} text; fix: set data.encoding") from None
        names, kinds, levels = [], [], []
        data_start = None
        for number, raw in enumerate(lines, start=1):
            line = raw.strip()
            if not line or line.startswith("%"):
                continue
            lowered = line.lower()
            if lowered.startswith("@relation"):
                continue
            if lowered.startswith("@attribute"):
                match = _ARFF_ATTRIBUTE.match(line)
                if not match or not match.group(2).strip():
                    raise DataError(f"{path}: line {number} is not an '@attribute name type' declaration; fix the header")
                name, kind = _unquote(match.group(1)), match.group(2).strip()
                if kind.startswith("{"):
                    if not kind.endswith("}"):
                        raise DataError(f"{path}: line {number}: the nominal values of attribute '{name}' "
                                        "do not end with '}'; fix the header")
                    names.append(name), kinds.append("nominal")
                    levels.append([v for v in _arff_fields(kind[1:-1]) if v != ""])
                else:
                    word = kind.split()[0].lower()
                    if word == "relational":
                        raise DataError(f"{path}: attribute '{name}' (line {number}) is relational, which mednn "
                                        "does not read; fix: flatten the file to one row per sample")
                    if word not in (*_ARFF_NUMERIC, "string", "date"):
                        raise DataError(f"{path}: attribute '{name}' (line {number}) has the unknown type {word!r}; "
                                        "expected numeric, real, integer, string, date or {value,...}")
                    names.append(name), kinds.append("numeric" if word in _ARFF_NUMERIC else "text")
                    levels.append([])
                continue
            if lowered.startswith("@data"):
                data_start = number
                break
            raise DataError(f"{path}: line {number} is neither a comment nor an @relation / @attribute / @data line; "
                            "fix the header")
        if not names or data_start is None:
            raise DataError(f"{path}: no @attribute declarations or no @data section; fix: check that it is an ARFF file")

        markers = set(options.missing_values) | {"?"}
        width = len(names)
        rows, line_numbers = [], []
        skipped: list[dict[str, Any]] = []
        repaired: dict[str, list[int]] = {}
        for number, raw in enumerate(lines[data_start:], start=data_start + 1):
            line = raw.strip()
            if not line or line.startswith("%"):
                continue
            if line.startswith("{"):
                raise DataError(f"{path}: line {number} is a sparse ARFF row, which mednn does not read; "
                                "fix: save the file as dense ARFF or CSV")
            cells = _arff_cells(line)
            fields = [text for text, _ in cells]
            if any(padded for _, padded in cells):
                repaired.setdefault("spaces or tabs around values removed", []).append(number)
            if len(fields) > width and all(f == "" for f in fields[width:]):
                repaired.setdefault("trailing comma removed", []).append(number)
                fields = fields[:width]
            if len(fields) != width:
                skipped.append({"row": number, "reason": f"{len(fields)} fields, expected {width}"})
                continue
            rows.append(fields)
            line_numbers.append(number)
        if skipped and options.on_defective == "fail":
            raise DataError(
                f"{path}: {_plural(len(skipped), 'data line')} with the wrong number of fields "
                f"({row_list([s['row'] for s in skipped])}, expected {width} fields); "
                "fix: correct them or set data.on_defective: skip"
            )

        columns: dict[str, Any] = {}
        for j, (name, kind) in enumerate(zip(names, kinds)):
            cells = [r[j] for r in rows]
            missing = np.array([c in markers for c in cells], dtype=bool)
            if kind == "numeric":
                values = pd.to_numeric(pd.Series(cells, dtype=object).where(~missing), errors="coerce").to_numpy()
                bad = ~missing & np.isnan(values.astype(np.float64))
                if bad.any():
                    repaired.setdefault(f"non-numbers in numeric attribute '{name}' read as missing", []).extend(
                        np.asarray(line_numbers)[bad].tolist())
                columns[name] = values.astype(np.float64)
            else:
                out = np.full(len(cells), np.nan, dtype=object)
                keep = ~missing
                if kind == "nominal":
                    allowed = set(levels[j])
                    outside = keep & np.array([c not in allowed for c in cells], dtype=bool)
                    if outside.any():
                        repaired.setdefault(f"values outside the declared set of '{name}' read as missing", []).extend(
                            np.asarray(line_numbers)[outside].tolist())
                    keep &= ~outside
                out[keep] = [cells[i] for i in np.flatnonzero(keep)]
                columns[name] = out
        frame = pd.DataFrame(columns, index=np.asarray(line_numbers, dtype=np.int64) - 1)
        self.nominal_ = [n for n, k in zip(names, kinds) if k == "nominal"]
        self.skipped_ = skipped
        self.repaired_ = {what: sorted(set(lines_)) for what, lines_ in repaired.items()}
        summary = self.defect_summary(path)
        if summary:
            warnings.warn(summary, UserWarning, stacklevel=2)
        return frame, 1

    def defect_summary(self, path: Path) -> str:
        """One line naming the skipped and repaired data lines (line numbers of the file), or ""."""

        def lines_(numbers: list[int]) -> str:
            return row_list(numbers).replace("rows", "lines", 1).replace("row", "line", 1)

        parts = []
        if self.skipped_:
            parts.append(f"skipped {_plural(len(self.skipped_), 'defective data line')} with the wrong number of "
                         f"fields ({lines_([s['row'] for s in self.skipped_])})")
        for what, numbers in self.repaired_.items():
            parts.append(f"{what} ({lines_(numbers)})")
        return f"{path}: " + "; ".join(parts) if parts else ""

    def _with_nominal(self, cfg, options: ArffOptions) -> ArffOptions:
        reserved = set(cfg.labels) | set(cfg.meta_columns) | set(options.drop_columns)
        reserved |= {c for c in (cfg.id_column, cfg.patient_column, options.split_column) if c}
        if cfg.feature_columns is not None:
            features = set(cfg.feature_columns) - reserved
        else:
            features = None
        nominal = [n for n in self.nominal_ if n not in reserved and (features is None or n in features)]
        explicit = list(options.categorical_columns or [])
        return options.model_copy(update={"categorical_columns": list(dict.fromkeys(explicit + nominal))})

    def _notes(self, dataset: Dataset, path: Path) -> Dataset:
        if self.skipped_:
            dataset.notes["skipped"] = list(self.skipped_)  # -> skipped.csv of the run
        if self.repaired_:
            dataset.notes["repaired_rows"] = {what: numbers for what, numbers in self.repaired_.items()}
        summary = self.defect_summary(path)
        if summary:
            dataset.notes["defects"] = summary
        return dataset

    def read(self, cfg, options) -> Dataset:
        path = Path(cfg.path)
        frame, offset = self.load(path, options)
        dataset = table_to_dataset(frame, cfg, self._with_nominal(cfg, options), source=str(path),
                                   row_offset=offset, fmt=self.name)
        return self._notes(dataset, path)

    def read_unlabelled(self, cfg, options) -> Dataset:
        path = Path(cfg.path)
        frame, offset = self.load(path, options)
        if cfg.labels and all(c in frame.columns for c in cfg.labels):
            dataset = table_to_dataset(frame, cfg, self._with_nominal(cfg, options), source=str(path),
                                       row_offset=offset, fmt=self.name)
            return self._notes(dataset, path)
        return super().read_unlabelled(cfg, options)

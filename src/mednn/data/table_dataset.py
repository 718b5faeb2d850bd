"""A loaded table becomes a :class:`~mednn.data.base.Dataset`: the config's column keys applied.

:func:`table_to_dataset` takes the DataFrame a table reader loaded (:mod:`.table_readers`,
:mod:`.arff`) and the :class:`~mednn.config.DataConfig`: the label columns become targets
(:func:`mednn.data.labels.table_targets`), the id / patient / split / meta columns their
arrays, and the remaining columns the features (:func:`mednn.data.table_features.check_features`).
Row numbers in messages and in the default ids (``row-<n>``) are 1-based file rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import DataError
from .base import Dataset, Task, add_finding, row_ids
from .columns import (SPLIT_NAMES, format_value, identifier_values, missing_features_error, plural,
                      require_columns, row_list)
from .duplicates import resolve_duplicates
from .labels import table_targets
from .limits import column_ref, columns_for_message
from .patients import derive_patients
from .repeated import repeated_measures
from .table_features import check_features, refuse_identifier_column

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .table_readers import TableOptions


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

    >>> table_to_dataset(frame, cfg, TableOptions(), source="a.csv", row_offset=2, fmt="csv")  # doctest: +SKIP
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
    if options.column_markers:  # data.missing_values per column, for every table format
        from .column_markers import mark_column_markers

        frame = mark_column_markers(frame, options.column_markers, source=source, required=with_labels)
    notes: dict[str, Any] = {"format": fmt, "label_columns": list(cfg.labels)}
    singles = {"id_column": cfg.id_column, "patient_column": cfg.patient_column, "split_column": options.split_column}
    if with_labels:
        _require_keys(frame, cfg, options, singles, source)
        task, targets = table_targets(frame, cfg.labels, cfg, rows, source, notes)
    else:
        # rows to predict: only the columns the file has are used; the rest are not needed
        singles = {k: (n if n in frame.columns else None) for k, n in singles.items()}
        notes["unlabelled"] = True
        task, targets = Task("regression", ("unlabelled",)), np.full((len(frame), 1), np.nan, dtype=np.float32)
    ids = _ids(frame, singles["id_column"], rows, source)
    groups = _patients(frame, cfg, singles["patient_column"], rows, source, notes, with_labels)
    split = _split_column(frame, singles["split_column"], rows, source)
    meta_columns = [c for c in cfg.meta_columns if c in frame.columns]
    for name in meta_columns:
        refuse_identifier_column(name, frame[name], options, source, meta=True)
    meta = {name: frame[name].to_numpy() for name in meta_columns}

    feature_columns = _feature_columns(columns, cfg, options, source, notes)
    features = check_features(frame[feature_columns].copy(), rows, options, source, notes,
                              ref=lambda name: column_ref(name, columns), first_row=row_offset)
    if isinstance(features, pd.DataFrame):
        features = features.reset_index(drop=True)
    dataset = Dataset(inputs=features, targets=targets, task=task, ids=ids, groups=groups, meta=meta, split=split,
                      feature_names=list(feature_columns), modality="tabular", source=source, notes=notes)
    if not with_labels:
        return dataset
    if groups is None:
        found = repeated_measures(frame, skip={*cfg.labels, *(n for n in [singles["split_column"]] if n)},
                                  features=list(feature_columns))
        if found is not None:
            add_finding(dataset.findings, found)
    return _deduplicated(dataset, cfg, rows - row_offset, row_offset)


def _patients(frame: "pd.DataFrame", cfg, column: str | None, rows: np.ndarray, source: str,
              notes: dict[str, Any], with_labels: bool) -> np.ndarray | None:
    """The patient id of each row: ``data.patient_column``, or derived by ``data.patient_from``."""
    if column is not None:
        groups = identifier_values(frame, column, "patient", rows, source, "fill in the patient id or remove those rows")
    elif cfg.patient_from is not None and (with_labels or cfg.patient_from.column in frame.columns):
        groups = derive_patients(frame, cfg.patient_from, rows, source, strict=with_labels)
        notes["patient_from"] = cfg.patient_from.model_dump()
        if groups is None:
            return None
    else:
        return None
    notes["n_groups"] = int(len(np.unique(groups.astype(str))))
    return groups


def _deduplicated(dataset: Dataset, cfg, rows: np.ndarray, row_offset: int) -> Dataset:
    """``data.duplicates`` applied to rows whose feature values are identical (:mod:`.duplicates`)."""
    import pandas as pd

    keys = pd.util.hash_pandas_object(dataset.inputs, index=False).to_numpy()
    out = resolve_duplicates(keys, dataset.targets, dataset.task, policy=cfg.duplicates, rows=rows,
                             what="table rows", source=dataset.source, modality="tabular", first_row=row_offset)
    dataset.notes.update(out.notes)
    if len(out.keep) < len(dataset):
        dataset = dataset.subset(out.keep)
    dataset.targets, dataset.task = out.targets, out.task
    dataset.findings.extend(out.findings)
    return dataset


def _require_keys(frame: "pd.DataFrame", cfg, options: TableOptions, singles: dict[str, str | None],
                  source: str) -> None:
    """Every column the config names for training is in the file (a did-you-mean otherwise)."""
    if not cfg.labels:
        raise DataError(
            f"{source}: data.label is not set; fix: set data.label to the column to predict "
            f"({columns_for_message(list(frame.columns))})"
        )
    if options.run_columns:  # a finished run's rows to evaluate: its label column cannot change
        absent = [name for name in cfg.labels if name not in frame.columns]
        if absent:
            raise DataError(
                f"{source}: the file has no column {', '.join(repr(n) for n in absent)} (the run's label), which "
                "evaluating needs; fix: add the labels as that column, or use mednn predict to score rows "
                "without labels")
    require_columns(frame, cfg.labels, "label", source)
    if not options.run_columns:  # a finished run's rows to evaluate need not hold the columns it dropped
        require_columns(frame, options.drop_columns, "drop_columns", source)
    for key, name in singles.items():
        if name is not None:
            require_columns(frame, [name], key, source)
    require_columns(frame, list(cfg.meta_columns), "meta_columns", source)


def _ids(frame: "pd.DataFrame", column: str | None, rows: np.ndarray, source: str) -> np.ndarray:
    """The id column as text (unique: ids key the predictions file), else ``row-<file row>``."""
    if column is None:
        return row_ids(rows)
    ids = identifier_values(frame, column, "id", rows, source, "give every row an id or remove data.id_column")
    _, first, counts = np.unique(ids.astype(str), return_index=True, return_counts=True)
    if (counts > 1).any():
        dup_rows = np.sort(rows[~np.isin(np.arange(len(ids)), first)])
        raise DataError(
            f"{source}: id column '{column}' has {plural(int((counts > 1).sum()), 'repeated id')} "
            f"({row_list(dup_rows)}); fix: make ids unique (put repeated patients in data.patient_column)"
        )
    return ids


def _split_column(frame: "pd.DataFrame", column: str | None, rows: np.ndarray, source: str) -> np.ndarray | None:
    """The file's own split as ``train`` / ``val`` / ``test`` (from the words of :data:`SPLIT_NAMES`)."""
    if column is None:
        return None
    import pandas as pd

    names = [None if pd.isna(v) else SPLIT_NAMES.get(format_value(v).strip().lower()) for v in frame[column].tolist()]
    bad = np.array([n is None for n in names])
    if bad.any():
        raise DataError(
            f"{source}: split column '{column}' has {plural(int(bad.sum()), 'value')} "
            f"other than train/val/test ({row_list(rows[bad])}); fix: write train, val or test"
        )
    return np.array(names, dtype=object)


def _feature_columns(columns: list[str], cfg, options: TableOptions, source: str, notes: dict[str, Any]) -> list[str]:
    """The feature columns: ``data.feature_columns`` (all must be in the file) or every column that
    no other key names."""
    excluded = set(cfg.labels) | set(cfg.meta_columns) | set(options.drop_columns)
    patient_from = cfg.patient_from.column if cfg.patient_from is not None else None
    excluded |= {n for n in (cfg.id_column, cfg.patient_column, patient_from, options.split_column) if n is not None}
    if cfg.feature_columns is not None:
        overlap = [c for c in cfg.feature_columns if c in excluded]
        if overlap:
            notes["excluded_from_features"] = overlap
        feature_columns = [c for c in cfg.feature_columns if c not in excluded]
        absent = [c for c in feature_columns if c not in columns]
        if absent:
            raise missing_features_error(absent, columns, source)
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
    if len(feature_columns) > MAX_FEATURE_COLUMNS:
        raise DataError(
            f"{source}: {len(feature_columns):,} feature columns, more than mednn trains a table network on "
            f"({MAX_FEATURE_COLUMNS:,}: its checks, baselines and explanations work column by column); fix: select "
            "the columns to use with data.feature_columns, or reduce them first (e.g. by variance)"
        )
    return feature_columns


# a wider table is refused right after parsing, in seconds, rather than worked through for
# minutes (issue 22: a 60 x 99,990 table was unfinished after 500 s)
MAX_FEATURE_COLUMNS = 10_000

"""The ``tabular`` modality's readers: ``csv``, ``tsv`` (also ``.csv.gz`` / ``.tsv.gz``), ``parquet``, ``arff``, built-ins.

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

Where it lives: the file readers in :mod:`.table_readers` (csv, tsv, parquet) and :mod:`.arff`,
the built-in sets in :mod:`.builtin`; columns to a dataset in :mod:`.table_dataset`, feature
typing and identifier refusal in :mod:`.table_features`, label parsing in :mod:`.labels`, cell
and message helpers in :mod:`.columns`. This module registers them all (the ``tabular``
modality's readers) and keeps the names other modules import from here. Add another table
format by subclassing :class:`~.table_readers.TableReader` in a module imported below.
"""

from __future__ import annotations

from . import arff, builtin  # noqa: F401  (register the "arff" and "builtin" readers)
from . import label_leakage  # noqa: F401  (register the "label_leakage" data check)
from .arff import ArffOptions, ArffReader
from .columns import SPLIT_NAMES, category_strings, format_value, row_list
from .labels import table_targets
from .table_dataset import table_to_dataset
from .table_features import looks_like_number_identifier
from .table_readers import (DEFAULT_MISSING_VALUES, CsvReader, ParquetReader, TableOptions, TableReader,
                            TextTableOptions, TsvReader, load_table)

# the names data/images.py imports from here (before the split of this module)
_format_value, _targets = format_value, table_targets

__all__ = ["ArffOptions", "ArffReader", "CsvReader", "DEFAULT_MISSING_VALUES", "ParquetReader", "SPLIT_NAMES",
           "TableOptions", "TableReader", "TextTableOptions", "TsvReader", "category_strings", "load_table",
           "looks_like_number_identifier", "row_list", "table_to_dataset"]

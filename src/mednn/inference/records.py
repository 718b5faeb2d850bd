"""Records of a request -> a :class:`~mednn.data.base.Dataset`, straight from memory.

One reader per kind of request in :data:`RECORD_READERS`; a modality's spec names its own
(``ModalitySpec.record_reader``), and the server's ``GET /model`` shows its ``inputs()``.

A record is one row of a file, sent as ``{column: value}``. It is read by the run's own
reader code applied to an in-memory table: the column checks, missing-value markers, text
checks and molecule standardisation of ``mednn predict`` (and its messages, naming columns and
row numbers, which here are the records' positions from 0, worded "record 3 of the request
(0-based)"), never a second implementation and never a temporary file. A run trained on a
header-less, tab-separated or Parquet table takes records by column name.

Two steps, so a server can read the records of many requests together:

- :meth:`RecordReader.prepare` (per request, cheap): the checks that concern one record
  (types, absent columns) and the cells converted as a file's would be (JSON ``null`` and the
  run's missing-value markers -> missing, numeric text -> numbers);
- :meth:`RecordReader.read` (per batch): the reader's checks on the table of the records and
  the Dataset, whose ids are the records' positions.

``Part.shareable`` says whether a request may be read together with others: only when each
of the reader's checks on the joined table fails exactly when it fails on one of the parts
(single records whose cells are numbers or missing; notes; molecules). Others are read alone.
Uploaded image files are read by ``image_files`` (:class:`ImageFiles`, decoded by :mod:`.uploads`).
Add a reader with ``@RECORD_READERS.register("name")`` on a :class:`RecordReader` subclass and
name it in the modality's spec.

>>> reader = record_reader("tabular", run_data_config, featurizer)  # doctest: +SKIP
>>> dataset = reader.read(reader.prepare([{"age": 61, "sex": "F"}]).rows)  # doctest: +SKIP
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..data.base import Dataset
from ..data.columns import REQUEST_FIRST_ROW
from ..errors import DataError, problem
from ..registry import Registry
from .requests import RequestRefused, record_name

SOURCE = "the request"
RECORD_READERS: Registry = Registry("record reader")
# numbers as a table reader parses a cell (pandas' C parser: decimals, exponents, inf)
_NUMBER = re.compile(r"[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity)", re.IGNORECASE)


@dataclass
class Part:
    """One request's records, prepared: ``rows`` as the modality's reader takes them."""

    rows: list[Any]
    shareable: bool


class RecordReader:
    """Reads records as the run reads a file (``cfg``: the run's DataConfig for new data)."""

    def __init__(self, cfg, featurizer=None):
        self.cfg, self.featurizer = cfg, featurizer
        self.known: frozenset[str] = frozenset()  # the run's column names: messages may name them

    def prepare(self, records: list[dict[str, Any]]) -> Part:
        raise NotImplementedError

    def read(self, rows: list[Any]) -> Dataset:
        raise NotImplementedError

    def inputs(self) -> dict[str, Any]:
        """What a record needs (for ``GET /model``)."""
        return {}

    def ignored_fields(self, records: list[dict[str, Any]]) -> list[str]:
        """The records' field names that are no model input (named in the answer, as
        ``mednn predict`` names ignored columns; never their values): at most 20, sorted."""
        known = self.known
        names = sorted({str(k) for record in records for k in record if k not in known})
        return [n[:64] for n in names[:20]]


def record_reader(name: str, cfg, featurizer=None) -> RecordReader:
    """The record reader registered as ``name`` (a modality spec's ``record_reader``) for a
    run's reader settings ``cfg``."""
    return RECORD_READERS.get(name)(cfg, featurizer)


def reader_options(model, cfg):
    """The run's format keys that ``model`` (a reader's Options) declares; the file layout
    keys (header, delimiter, encoding ...) do not apply to records."""
    return model.model_validate({k: v for k, v in cfg.options.items() if k in model.model_fields})


def _wrong_type(i: int, column: str, what: str) -> RequestRefused:
    return RequestRefused(422, f"{record_name(i)}, column '{column}': {what}")


# --- tables -------------------------------------------------------------------------------------

@RECORD_READERS.register("tabular")
class TableRecords(RecordReader):
    """Records of a table run: ``{feature column: number | text | null}``; every feature column
    is present in every record (``null`` for a missing value); other keys are ignored."""

    def __init__(self, cfg, featurizer=None):
        super().__init__(cfg, featurizer)
        from ..data.tabular import TableOptions

        columns = getattr(featurizer, "columns_", None) or cfg.feature_columns
        self.columns: list[str] = [str(c) for c in columns] if columns else []
        # the run's columns passed the identifier and free-text screens on its training data
        self.options = reader_options(TableOptions, cfg).for_run(self.columns)
        self.markers = frozenset(self.options.markers)  # the defaults (unless switched off) and the run's own
        self.known = frozenset(self.columns)
        numeric = set(getattr(featurizer, "numeric_", None) or ())  # the columns the run reads as numbers
        self.numeric = [(j, c) for j, c in enumerate(self.columns) if c in numeric]

    def inputs(self) -> dict[str, Any]:
        return {"columns": list(self.columns)}

    def cell(self, value: Any) -> Any:
        """A value as a table reader reads its cell: missing -> NaN, numbers (and numeric
        text) -> float, other text kept."""
        if value is None:
            return math.nan
        if isinstance(value, str):
            text = value.strip()
            if text in self.markers or value in self.markers:
                return math.nan
            if _NUMBER.fullmatch(text):
                return float(text)
            return value
        try:
            return float(value)
        except OverflowError:  # an integer beyond float range reads as infinite, which the checks refuse
            return math.inf if value > 0 else -math.inf

    def prepare(self, records: list[dict[str, Any]]) -> Part:
        rows, numeric = [], True
        for i, record in enumerate(records):
            try:
                row = tuple(self.cell(record[c]) for c in self.columns)
            except KeyError:
                raise self._absent(record, i) from None
            if row and all(type(v) is float and v != v for v in row):  # every feature null or a missing marker
                raise RequestRefused(422, f"{record_name(i)}: no feature given (all {len(row)} are null or missing "
                                          "markers); fix: send at least one feature value")
            if not all(type(v) is float for v in row):
                numeric = False
                self._numbers_only(row, i)
            rows.append(row)
        return Part(rows, shareable=numeric and len(rows) == 1)

    def _numbers_only(self, row: tuple, i: int) -> None:
        """Refuse text in a column the run reads as numbers, naming the record and the column (never
        the value): one record's text cell reached the featurizer, whose message names neither
        (trial 12: "numeric column 'avg_glucose_level' has 1 non-numeric value")."""
        for j, column in self.numeric:
            if type(row[j]) is not float:
                raise _wrong_type(i, column, "the run reads it as a number and got text that is neither a number nor "
                                             "a missing-value marker; fix: send a number, or null for a missing value")

    def _absent(self, record: dict[str, Any], i: int) -> DataError:
        """A record lacking feature fields, in a request's words (not a file's): the fields
        it lacks, with a did-you-mean among its keys for the first."""
        from ..data.columns import close_names

        absent = [c for c in self.columns if c not in record]
        hint = ""
        keys = [str(k) for k in record if k not in self.known]
        if keys and "did you mean" in (close := close_names(absent[0], keys)):
            hint = f" ({close})"
        named = ", ".join(repr(c) for c in absent[:10]) + (f" and {len(absent) - 10} more" if len(absent) > 10 else "")
        field = "field" if len(absent) == 1 else "fields"
        return DataError(problem(f"{record_name(i)} lacks {field} {named}{hint}",
                                 fix="send every feature field (null for a missing value)"))

    def frame(self, rows: list[tuple], numbers: bool | None = None):
        """The records as the DataFrame a reader would have loaded (index: record positions);
        ``numbers``: every cell is a float (None: look)."""
        import pandas as pd

        if numbers if numbers is not None else all(type(v) is float for row in rows for v in row):
            return pd.DataFrame(np.array(rows, dtype=np.float64).reshape(len(rows), len(self.columns)),
                                columns=self.columns)
        data = {}
        for j, name in enumerate(self.columns):
            values = [row[j] for row in rows]
            numbers = all(type(v) is float for v in values)
            data[name] = np.array(values, dtype=np.float64 if numbers else object)
        return pd.DataFrame(data)

    def read(self, rows: list[tuple]) -> Dataset:
        from ..data.tabular import table_to_dataset

        dataset = table_to_dataset(self.frame(rows), self.cfg, self.options, source=SOURCE,
                                   row_offset=REQUEST_FIRST_ROW,
                                   fmt="records", with_labels=False)
        dataset.ids = np.arange(len(rows), dtype=np.int64)
        return dataset


# --- notes --------------------------------------------------------------------------------------

@RECORD_READERS.register("text")
class NoteRecords(RecordReader):
    """Records of a notes run: ``{text column: text | null}`` (an absent or null text column is
    an empty one; a record whose text columns are all empty is refused, as in a file)."""

    def __init__(self, cfg, featurizer=None):
        super().__init__(cfg, featurizer)
        from ..data.text import TextReader

        self.options = reader_options(TextReader.Options, cfg)
        columns = self.options.text_columns
        self.columns: list[str] = [columns] if isinstance(columns, str) else list(columns)
        self.known = frozenset(self.columns)

    def inputs(self) -> dict[str, Any]:
        return {"text_columns": list(self.columns)}

    def prepare(self, records: list[dict[str, Any]]) -> Part:
        rows = []
        for i, record in enumerate(records):
            if not any(column in record for column in self.columns):  # a misnamed key is not an empty note
                wanted = ", ".join(repr(c) for c in self.columns)
                raise RequestRefused(422, f"{record_name(i)} holds none of the run's text column(s) {wanted} "
                                          f"(it has {len(record)} other key(s)); fix: send the note under {wanted}")
            row = []
            for column in self.columns:
                value = record.get(column)
                if value is not None and not isinstance(value, str):
                    raise _wrong_type(i, column, "a number where the run reads text (send the note as a string)")
                row.append(value or "")
            rows.append(tuple(row))
        return Part(rows, shareable=True)  # the text checks are per row

    def read(self, rows: list[tuple]) -> Dataset:
        import pandas as pd

        from ..data.text import notes_to_predict

        frame = pd.DataFrame({c: [row[j] for row in rows] for j, c in enumerate(self.columns)}, dtype=object)
        cfg = self.cfg.model_copy(update={"id_column": None})
        dataset = notes_to_predict(frame, cfg, self.options, SOURCE, first_row=REQUEST_FIRST_ROW)
        dataset.ids = np.arange(len(rows), dtype=np.int64)
        return dataset


# --- molecules ----------------------------------------------------------------------------------

@RECORD_READERS.register("molecules")
class MoleculeRecords(RecordReader):
    """Records of a molecule run: ``{"smiles": text}`` (or the run's ``data.smiles_column``);
    an invalid molecule is skipped and counted, as ``mednn predict`` lists it."""

    def __init__(self, cfg, featurizer=None):
        super().__init__(cfg, featurizer)
        from ..data.readers import reader_for

        self.options = reader_options(reader_for(cfg, labels=False).Options, cfg)
        self.column = getattr(self.options, "smiles_column", None)
        self.known = frozenset([self.column or "smiles"])

    def inputs(self) -> dict[str, Any]:
        return {"smiles_column": self.column or "smiles"}

    def prepare(self, records: list[dict[str, Any]]) -> Part:
        from ..data.molecules import _detect_smiles_column

        keys = list(dict.fromkeys(k for record in records for k in record))
        column = _detect_smiles_column(keys, self.column, SOURCE)
        rows = []
        for i, record in enumerate(records):
            value = record.get(column)
            if value is not None and not isinstance(value, str):
                raise _wrong_type(i, column, "a number where the run reads a SMILES string")
            rows.append(value or "")
        return Part(rows, shareable=True)  # standardised one by one; an all-invalid request is re-read alone

    def read(self, rows: list[str]) -> Dataset:
        from ..data.molecules import unlabelled_molecules

        return unlabelled_molecules(list(rows), np.arange(len(rows), dtype=np.int64), self.options, SOURCE,
                                    first_row=REQUEST_FIRST_ROW)


# --- image files --------------------------------------------------------------------------------

@RECORD_READERS.register("image_files")
class ImageFiles(RecordReader):
    """Uploads of an image run: ``(file name, bytes)`` pairs, decoded in memory as ``mednn
    predict`` decodes a folder of them (:mod:`.uploads`); ids are the uploads' positions."""

    def __init__(self, cfg, featurizer=None):
        super().__init__(cfg, featurizer)
        from ..data.images import PredictImageOptions

        self.options = reader_options(PredictImageOptions, cfg)

    def inputs(self) -> dict[str, Any]:
        return {"images": "multipart field 'files' or JSON {\"images\": [{\"name\", \"data\" (base64)}]}",
                "input_shape": list(self.featurizer.input_shape)}

    def prepare(self, records: list[tuple[str, bytes]]) -> Part:
        return Part(list(records), shareable=False)  # decoded per request, bounded per request

    def read(self, rows: list[tuple[str, bytes]]) -> Dataset:
        from .uploads import read_uploads

        return read_uploads(rows, self.options)

"""Table files: ``csv``, ``tsv`` (also compressed: ``.csv.gz`` ...) and ``parquet`` readers.

A table reader loads its file into a pandas DataFrame (missing-value markers -> NaN, blank rows
left out but counted: a finding naming their file rows and ``notes["skipped"]``, i.e. the run's or
the predictions' ``skipped.csv``; the index holds 0-based data rows) and hands it to
:func:`~mednn.data.table_dataset.table_to_dataset`. :class:`TableOptions` are the keys every
table format takes, :class:`TextTableOptions` those of delimited text. Add another table
format by subclassing :class:`TableReader` (its ``load``) and registering it; import its
module in :mod:`mednn.data.tabular`.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, PrivateAttr, field_validator

from ..errors import DataError
from ..findings import Finding
from .base import Dataset, add_finding
from .columns import is_numeric, row_list
from .limits import check_delimited_file, line_delimiter, refuse_binary
from .readers import READERS, Reader
from .table_dataset import table_to_dataset

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

DEFAULT_MISSING_VALUES: tuple[str, ...] = ("", "NA", "N/A", "n/a", "#N/A", "NaN", "nan", "null", "NULL", "?")


class TableOptions(BaseModel):
    """Format keys shared by every table reader (``data.<key>`` in the config)."""

    model_config = ConfigDict(extra="forbid")

    # markers read as missing, ADDED to DEFAULT_MISSING_VALUES (a site writing '-' and 'NaN' needs both);
    # default_missing_values: false leaves only these (when 'NA' is a real category). A mapping
    # {column: [markers]} marks those columns only (Pima's insulin 0, where 0 pregnancies is real)
    missing_values: list[str] | dict[str, list[str]] = []
    default_missing_values: bool = True
    missing: Literal["impute", "error"] = "impute"
    categorical_columns: list[str] | None = None
    drop_columns: list[str] = []
    split_column: str | None = None
    # columns whose content looks like identifiers (names, MRNs, dates ...) used anyway
    allow_identifier_columns: list[str] = []
    # the feature columns of a finished run reading new rows (predict, evaluate, serve): their
    # identifier and free-text screens ran on the training data and are not repeated on a batch
    # (a small batch makes any count column look "distinct in most rows"); no config key
    _run_columns: frozenset[str] = PrivateAttr(default_factory=frozenset)

    def for_run(self, columns) -> "TableOptions":
        """These options for reading a finished run's new rows, whose feature ``columns`` the
        run was trained on (:attr:`run_columns`)."""
        copy = self.model_copy()
        copy._run_columns = frozenset(str(c) for c in columns or ())
        return copy

    @property
    def run_columns(self) -> frozenset[str]:
        """Feature columns screened when the run was trained (empty when reading training data)."""
        return self._run_columns

    @field_validator("missing_values", mode="before")
    @classmethod
    def _markers_as_text(cls, value: Any) -> Any:
        """A marker written as a number (``insulin: [0]``) is its text; true/false is refused
        (quote a marker that reads 'true')."""
        def text(markers: Any) -> Any:
            if not isinstance(markers, list):
                return markers
            if any(isinstance(m, bool) for m in markers):
                raise ValueError("a marker is text or a number, not true/false; fix: quote it ('true')")
            return [str(m) if isinstance(m, (int, float)) else m for m in markers]

        if isinstance(value, dict):
            return {str(k): text(v) for k, v in value.items()}
        return text(value)

    @property
    def markers(self) -> list[str]:
        """Every cell text read as missing in every column: the defaults (unless switched off) and
        the list form of ``missing_values``."""
        base = list(DEFAULT_MISSING_VALUES) if self.default_missing_values else []
        listed = self.missing_values if isinstance(self.missing_values, list) else []
        return list(dict.fromkeys([*base, *listed]))

    @property
    def column_markers(self) -> dict[str, list[str]]:
        """The mapping form of ``missing_values``: markers read as missing in one column only."""
        return dict(self.missing_values) if isinstance(self.missing_values, dict) else {}


class TextTableOptions(TableOptions):
    """Keys of delimited text tables (csv / tsv)."""

    header: bool = True
    column_names: list[str] | None = None
    delimiter: str | None = None
    encoding: str = "utf-8"
    # ',' reads numbers written with a decimal comma (61,5), as a ';'-delimited export often has them
    decimal: Literal[".", ","] = "."


class TableReader(Reader):
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

    def options_for_run(self, options, cfg):
        return options.for_run(cfg.feature_columns)

    def read(self, cfg, options) -> Dataset:
        path = Path(cfg.path)
        frame, offset = self.load(path, options)
        dataset = table_to_dataset(frame, cfg, options, source=str(path), row_offset=offset, fmt=self.name)
        return self._count_blank_rows(dataset, path, offset)

    def read_unlabelled(self, cfg, options) -> Dataset:
        """Rows to predict: the label columns may be absent (header-less files too: a file with
        one column fewer than ``data.column_names`` lacks the label); they are never read."""
        path = Path(cfg.path)
        frame, offset = self.load(path, options, optional=tuple(cfg.labels))
        dataset = table_to_dataset(frame, cfg, options, source=str(path), row_offset=offset, fmt=self.name,
                                   with_labels=False)
        return self._count_blank_rows(dataset, path, offset)

    def _without_blank_rows(self, frame: "pd.DataFrame") -> "pd.DataFrame":
        """The frame less its blank rows (every cell empty or a missing-value marker: nothing to
        learn or predict from), remembered (``blank_rows_``, 0-based data rows) to be counted."""
        blank = frame.isna().all(axis=1).to_numpy()
        self.blank_rows_, self.rows_read_ = [int(r) for r in frame.index[blank]], len(frame)
        return frame.loc[~blank]

    def _count_blank_rows(self, dataset: Dataset, path: Path, offset: int) -> Dataset:
        """Never a silent drop: each blank row is listed in ``notes["skipped"]`` (``skipped.csv``
        of a run, ``OUT.skipped.csv`` beside predictions) and one finding names their file rows."""
        blank = getattr(self, "blank_rows_", [])
        if not blank:
            return dataset
        rows = [r + offset for r in blank]
        dataset.notes["skipped"] = [*dataset.notes.get("skipped", []),
                                    *({"id": f"row-{r}", "path": path.name, "reason": "blank row (every cell empty)"}
                                      for r in rows)]
        n = self.rows_read_
        add_finding(dataset.findings, Finding(
            "skipped_inputs", "warning", f"{path.name}: {len(blank)} of {n} rows are blank (every cell empty) and "
            f"were left out ({row_list(rows)}); fix: remove them, or fill them to have them read",
            count=len(blank), removed=True, rows=blank))
        return dataset


def check_table_file(path: Path) -> None:
    if not path.exists():
        raise DataError(f"{path}: the file does not exist; fix: check data.path")
    if path.is_dir():
        raise DataError(f"{path}: is a folder, not a table file; fix: point data.path at the file")
    if path.stat().st_size == 0:
        raise DataError(f"{path}: the file is empty; fix: check data.path")


class _DelimitedReader(TableReader):
    Options = TextTableOptions
    default_delimiter: ClassVar[str] = ","

    def load(self, path: Path, options: TextTableOptions, optional: tuple[str, ...] = ()
             ) -> tuple["pd.DataFrame", int]:
        check_table_file(path)
        delimiter = options.delimiter or self.default_delimiter
        refuse_binary(path, options.encoding)  # random bytes hold some ';' too: 'not a text table' comes first
        other = line_delimiter(path, delimiter, options.encoding) if options.delimiter is None else None
        if other in (";", "|"):  # not guessed (a ';' file may write decimal commas), and refused before pandas,
            # which makes surplus fields an index or fails on a ragged row
            raise DataError(f"{path}: line 1 is separated by {other!r}, not {delimiter!r}; fix: set data.delimiter: "
                            f"{other!r}" + (" and, for decimal commas, data.decimal: ','" if other == ";" else ""))
        frame, offset = self._load(path, options, optional, delimiter)
        if frame.shape[1] == 1 and other is not None:
            # a .csv to score with a run trained on a .tsv (or the reverse): read it as it is written
            retried, retried_offset = self._load(path, options, optional, other)
            if retried.shape[1] > 1:
                warnings.warn(f"{path}: read with delimiter {other!r}, not the {self.name} default "
                              f"{delimiter!r}; set data.delimiter to choose", UserWarning, stacklevel=2)
                return retried, retried_offset
        return frame, offset

    def _load(self, path: Path, options: TextTableOptions, optional: tuple[str, ...], delimiter: str
              ) -> tuple["pd.DataFrame", int]:
        import pandas as pd

        names = options.column_names
        check_delimited_file(path, delimiter, options.encoding)  # no text, or a giant line, is refused before pandas
        kwargs: dict[str, Any] = dict(
            sep=delimiter,
            na_values=options.markers,
            keep_default_na=False,
            skipinitialspace=True,
            # keep blank lines as empty rows so that row numbers match the file, drop them below
            skip_blank_lines=False,
            encoding=options.encoding,
            decimal=options.decimal,
        )
        kwargs["header"] = 0 if options.header else None
        skipped = not options.header and _header_line(path, delimiter, options.encoding)
        if skipped:
            # rows to score written with a header although the run's training file had none
            kwargs["skiprows"] = 1
            warnings.warn(f"{path}: the first line reads as column names, not values, and was skipped (the "
                          "configuration says data.header: false)", UserWarning, stacklevel=3)
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
                        f"{first.shape[1]} columns; fix: {_names_fix(path, first.shape[1], delimiter, options, reduced if optional else None)}"
                    )
                kwargs["names"] = names
            _refuse_repeated_names(path, names, kwargs)
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
        return self._without_blank_rows(frame), 2 if options.header or skipped else 1


def _names_fix(path: Path, columns: int, delimiter: str, options: TextTableOptions,
               features: list[str] | None = None) -> str:
    """A file read as one column whose first line holds another delimiter (a TSV scored by a
    header-less CSV run) is a delimiter problem, not a names problem. ``features``: the columns a
    file to score may hold without its label (predict / evaluate): a header-less file is matched by
    position, so the fix names them in order (column names only; trial 18: "give one name per
    column" told a user scoring new rows to edit a run's config)."""
    other = line_delimiter(path, delimiter, options.encoding, only_other=False) if columns == 1 else None
    if other is not None:
        named = {"\t": "tab", ";": "';'", "|": "'|'", ",": "','"}
        return (f"the lines hold {named[other]}, not the delimiter {named.get(delimiter, repr(delimiter))}: "
                f"set data.delimiter: {other!r}")
    if features:
        return (f"a header-less file is read by position: give it these {len(features)} columns in this order "
                f"({', '.join(features)}), with the label column(s) after them or not at all")
    return "give one name per column"


def _header_line(path: Path, delimiter: str, encoding: str) -> bool:
    """Whether the first line of a file read without a header is one anyway: every cell a name
    (not a number, not empty) and at least half of the second line's cells numbers."""
    import csv

    from .limits import _is_number, first_lines, name_like

    lines = first_lines(path, 2, encoding)
    if len(lines) < 2:
        return False
    first, second = (next(csv.reader([line], delimiter=delimiter)) for line in lines)
    names = [c.strip() for c in first]
    numbers = sum(_is_number(c.strip()) for c in second)
    return (len(names) == len(second) and all(c and not _is_number(c) and name_like(c) for c in names)
            and 2 * numbers >= len(second))


def _refuse_repeated_names(path: Path, names, kwargs: dict[str, Any]) -> None:
    """pandas renames a repeated column name silently (``age``, ``age.1``): a repeated header name
    or a name repeated in ``data.column_names`` is refused instead. Positions only in the message
    (a header row that is really data would make its 'names' a patient's values)."""
    import pandas as pd

    if names is not None:
        header = [str(n) for n in names]
    elif kwargs.get("header") == 0:
        first = pd.read_csv(path, **{**kwargs, "header": None, "nrows": 1, "dtype": str})
        header = ["" if v != v else str(v).strip() for v in first.iloc[0].tolist()] if len(first) else []
    else:
        return
    seen: dict[str, int] = {}
    for position, name in enumerate(header, start=1):
        if not name:  # unnamed columns (trailing commas, an index) get distinct names from pandas
            continue
        if name in seen:
            where = "data.column_names" if names is not None else "the header"
            raise DataError(f"{path}: {where} gives columns {seen[name]} and {position} the same name; a repeated "
                            "name would be renamed silently; fix: give every column its own name")
        seen[name] = position


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
class ParquetReader(TableReader):
    """Apache Parquet tables. Text cells equal to a missing-value marker become missing."""

    name: ClassVar[str] = "parquet"
    suffixes = (".parquet", ".pq")

    def load(self, path: Path, options: TableOptions, optional: tuple[str, ...] = ()
             ) -> tuple["pd.DataFrame", int]:
        import pandas as pd

        check_table_file(path)
        try:
            frame = pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises several unrelated types for a bad file
            raise DataError(
                f"{path}: not a readable Parquet file ({type(exc).__name__}); fix: check the file"
            ) from None
        markers = set(options.markers)
        for name in frame.columns:
            col = frame[name]
            if not is_numeric(col) and not pd.api.types.is_bool_dtype(col):
                text = col.astype(object)
                hit = text.map(lambda v: isinstance(v, str) and v.strip() in markers).to_numpy(dtype=bool)
                if hit.any():
                    frame[name] = text.where(~hit, np.nan)
        return self._without_blank_rows(frame.reset_index(drop=True)), 1


def table_format_of(path: str | Path, run_format: str) -> str:
    """The table format to read a finished run's new file ``path`` with: the run's own
    (``run_format``) unless that is a table format that does not claim the file's extension
    while another table format does (a run trained on ``.arff`` scoring a site's ``.csv``):
    the run's format is a default, not a demand; its column meanings stay the run's.

    >>> table_format_of("site.csv", "arff"), table_format_of("new.arff", "csv"), table_format_of("x.data", "csv")
    ('csv', 'arff', 'csv')
    """
    run_cls = READERS.get(run_format)
    if not issubclass(run_cls, TableReader) or run_cls.sniff(Path(path)):
        return run_format
    for name in READERS.names():
        cls = READERS.get(name)
        if issubclass(cls, TableReader) and cls.sniff(Path(path)):
            return name
    return run_format


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
            from .sniff import sniff_table

            sniffed = sniff_table(path)  # a .data / .txt / extension-less table, by its content
            if sniffed is None:
                raise DataError(f"Cannot tell the format of {path}; fix: name it .csv, .tsv or .parquet")
            format = sniffed["format"]
            options = {"delimiter": sniffed["delimiter"], "header": sniffed["header"], **options}
    reader_cls = READERS.get(format)
    if not issubclass(reader_cls, TableReader):
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

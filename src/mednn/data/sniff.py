"""What a file holds when its name does not say: ``format: auto`` beyond the extensions.

Two things a user brings that the extension-based readers miss:

- a table whose name says nothing (UCI's ``.data``, ``.txt``, ``.dat``, no extension at all):
  :func:`sniff_table` reads the first lines, finds the delimiter that splits every line into the
  same number of fields, and whether the first line is a header (names) or already data;
- a CSV / TSV of clinical notes: a column of long free text (:func:`free_text_columns`) makes the
  file notes (the ``text`` reader), when ``data.label`` says what to predict; without it the error
  names the exact keys to set.

:func:`resolve_format` turns ``data.format: auto`` into the format and reader keys these checks
found (keys the config sets always win); :func:`mednn.data.readers.reader_for` and
:func:`~mednn.data.readers.read_dataset` call it, so every stage sees the same reader.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError
from ..findings import Finding
from .limits import _is_number, first_lines, name_like

SNIFF_LINES = 50
# suffixes that say "some text file" without saying which kind (a .txt of SMILES is claimed first
# by the smiles reader, whose sniff looks for a SMILES column)
PLAIN_SUFFIXES = ("", ".data", ".dat", ".txt", ".text", ".asc")
_DELIMITERS = (",", "\t", ";", "|")
# a column of free text: most cells long, many words, mostly distinct
NOTE_MEDIAN_CHARS, NOTE_MEDIAN_WORDS, NOTE_DISTINCT_SHARE, NOTE_SAMPLE_ROWS = 80, 10, 0.5, 200


def sniff_table(path: str | Path) -> dict[str, Any] | None:
    """``{"format": "csv" | "tsv", "delimiter", "header"}`` for a plain-text table whose name
    does not say so, else None.

    >>> sniff_table("parkinsons_updrs.data")  # doctest: +SKIP
    {'format': 'csv', 'delimiter': ',', 'header': True}
    """
    path = Path(path)
    if not path.is_file() or _suffix(path) not in PLAIN_SUFFIXES:
        return None
    lines = _first_lines(path)
    if len(lines) < 2:
        return None
    best = None
    for delimiter in _DELIMITERS:
        widths = [len(row) for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)]
        width = max(set(widths), key=widths.count)
        if width > 1 and widths.count(width) >= 0.9 * len(widths) and (best is None or width > best[1]):
            best = (delimiter, width)
    if best is None:
        return None
    first = next(csv.reader([lines[0]], delimiter=best[0]))
    cells = [c.strip() for c in first]
    header = not any(_is_number(c) or c == "" for c in cells) and all(name_like(c) for c in cells)
    return {"format": "tsv" if best[0] == "\t" else "csv", "delimiter": best[0], "header": header}


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for packed in (".gz", ".bz2", ".xz"):
        name = name.removesuffix(packed)
    return Path(name).suffix


def _first_lines(path: Path) -> list[str]:
    """:data:`SNIFF_LINES` first lines of ``path``; none of a binary file (a NUL byte)."""
    lines = first_lines(path, SNIFF_LINES)
    return [] if any("\x00" in line for line in lines) else lines


def free_text_columns(frame) -> list[str]:
    """Columns of a table that hold free text (notes), not categories or identifiers: most
    cells at least :data:`NOTE_MEDIAN_CHARS` characters and :data:`NOTE_MEDIAN_WORDS` words,
    mostly distinct. Only counts are computed, never a cell shown."""
    import pandas as pd

    found = []
    for name in _with_a_long_cell(frame):
        column = frame[name]
        if pd.api.types.is_numeric_dtype(column):
            continue
        cells = column.dropna().astype(str).head(NOTE_SAMPLE_ROWS)
        if len(cells) < 2:
            continue
        chars = float(np.median(cells.str.len()))
        words = float(np.median(cells.str.split().str.len()))
        if chars >= NOTE_MEDIAN_CHARS and words >= NOTE_MEDIAN_WORDS and \
                cells.nunique() >= NOTE_DISTINCT_SHARE * len(cells):
            found.append(str(name))
    return found


def _with_a_long_cell(frame) -> list:
    """The columns with at least one cell of :data:`NOTE_MEDIAN_CHARS` characters (no other can
    hold notes), found in one pass over the cells: a table of 12,000 short columns is judged
    in a fraction of a second instead of one pandas pass per column (minutes)."""
    cells = frame.to_numpy(dtype=object)
    if cells.size == 0:
        return []
    lengths = np.frompyfunc(lambda v: len(v) if isinstance(v, str) else 0, 1, 1)(cells).astype(np.int64)
    return [name for name, long in zip(frame.columns, (lengths >= NOTE_MEDIAN_CHARS).any(axis=0)) if long]


def resolve_format(cfg, readers) -> tuple[Any, Finding | None]:
    """``cfg`` (a :class:`~mednn.config.DataConfig`) with ``format: auto`` resolved where the
    extension-based readers cannot tell, and a ``format_guessed`` finding saying what was decided
    (None when nothing was). ``readers``: the reader registry (whose ``sniff`` methods are asked
    first). A config that names its format is returned unchanged.

    >>> cfg, found = resolve_format(DataConfig(path="parkinsons_updrs.data", label="total_UPDRS"), READERS)  # doctest: +SKIP
    >>> cfg.format, found.message  # doctest: +SKIP
    ('csv', "parkinsons_updrs.data has no table extension: read as a ','-separated table with a header line; ...")
    """
    if cfg.format != "auto":
        return cfg, None
    path = Path(cfg.path)
    claimed = [n for n in readers.names() if readers.get(n).sniff(path)]
    if claimed and any(not readers.get(n).generic for n in claimed):
        return cfg, None  # a specific reader (images, molecules, ...) knows the file
    table = None if claimed else sniff_table(path)
    if claimed and claimed[0] in ("csv", "tsv"):
        table = {"format": claimed[0]}
    if table is None:
        return cfg, None
    notes = _as_notes(cfg, path, table)
    if notes is not None:
        return notes
    if "delimiter" not in table:
        return cfg, None  # an ordinary .csv / .tsv table
    options = cfg.options
    update = {"format": table["format"]}
    for key in ("delimiter", "header"):
        if key not in options and not (key == "header" and "column_names" in options):
            update[key] = table[key]
    delimiter = "tab" if table["delimiter"] == "\t" else repr(table["delimiter"])
    named = "named by data.column_names" if options.get("column_names") else "column_1, column_2, ..."
    header = ("with a header line" if update.get("header", options.get("header", True))
              else f"without a header line (columns {named})")
    said = Finding("format_guessed", "info", f"{path.name} has no table extension: read as a {delimiter}-separated "
                   f"table {header}; set data.format (and data.header / data.delimiter) to choose")
    return type(cfg).model_validate({**cfg.model_dump(), **update}), said


def _as_notes(cfg, path: Path, table: dict[str, Any]):
    """(the config read as notes, a sentence) when a column holds free text; a DataError with the
    keys to set when ``data.label`` is missing; None for an ordinary table."""
    suffix = _suffix(path)
    if suffix not in (".csv", ".tsv", ".tab", ".txt"):
        return None  # the text reader reads .csv / .tsv / .txt (commas) and .jsonl
    if "text_columns" in cfg.options:  # the notes are named: the text reader reads them, so that every
        # message names that one format (trial 12: 'for format text', then 'read by text, not csv')
        said = Finding("format_guessed", "info", f"{path.name}: read as notes (data.format: text) because "
                       "data.text_columns is set; to read it as a table, remove data.text_columns")
        return type(cfg).model_validate({**cfg.model_dump(), "format": "text"}), said
    if suffix == ".txt" and table.get("delimiter", ",") != ",":
        return None
    frame = _head(path, table)
    if frame is None:
        return None
    columns = free_text_columns(frame)
    if not columns:
        return None
    listed = ", ".join(columns)
    if not cfg.labels:
        raise DataError(f"{path}: column(s) {listed} hold free text, so the file is read as notes; fix: set "
                        f"data.format: text, data.text_columns: [{listed}] and data.label to the column to predict "
                        "(or data.format: csv to read it as a table)")
    table_keys = {"delimiter", "header", "column_names", "missing_values", "default_missing_values", "missing",
                  "categorical_columns", "drop_columns", "split_column", "allow_identifier_columns"}
    tree = {k: v for k, v in cfg.model_dump().items() if k not in table_keys}
    said = Finding("format_guessed", "warning", f"{path.name}: column(s) {listed} hold free text: read as notes "
                   f"(data.format: text, data.text_columns: [{listed}]); the other columns are not model inputs; to "
                   "choose the note columns set both data.format: text and data.text_columns; set data.format: csv "
                   "to read it as a table", columns=tuple(columns))
    return type(cfg).model_validate({**tree, "format": "text", "text_columns": columns}), said


def _head(path: Path, table: dict[str, Any]):
    import pandas as pd

    try:
        return pd.read_csv(path, sep=table.get("delimiter") or ("\t" if table["format"] == "tsv" else ","),
                           nrows=NOTE_SAMPLE_ROWS, dtype=str, keep_default_na=False,
                           header=0 if table.get("header", True) else None)
    except Exception:  # noqa: BLE001 - the table reader reports a file it cannot parse, with its own message
        return None

"""Guards that run on a data file before a parser sees it.

pandas' CSV parser holds a whole line, and a column per field, in memory: a 30 MB file
without line breaks, or a line of a million commas, costs gigabytes before any check of
ours can run. :func:`check_delimited_file` streams the raw bytes once (decompressing
``.gz`` / ``.bz2`` / ``.xz`` / ``.zip`` as pandas would) and refuses a line longer than
:data:`MAX_LINE_BYTES` or with more than :data:`MAX_FIELDS` fields, naming the file and
line. Every reader of delimited text calls it before parsing.

Messages name columns but never print cell values, and a file without a header read as if
it had one turns its first patient's row into "column names". :func:`columns_for_message`
and :func:`column_ref` are what a message may print about a file's columns: the names when
they read as names, positions ("column 3") or a hint to set ``data.header: false`` when the
header row reads as data.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import DataError

MAX_LINE_BYTES = 1_000_000  # a table row, or a clinical note, is far shorter
MAX_FIELDS = 100_000  # columns per line
_CHUNK_BYTES = 1 << 20


def _open_raw(path: Path) -> io.BufferedIOBase:
    name = path.name.lower()
    if name.endswith(".gz"):
        import gzip

        return gzip.open(path, "rb")
    if name.endswith(".bz2"):
        import bz2

        return bz2.open(path, "rb")
    if name.endswith(".xz"):
        import lzma

        return lzma.open(path, "rb")
    if name.endswith(".zip"):
        import zipfile

        archive = zipfile.ZipFile(path)
        members = [m for m in archive.namelist() if not m.endswith("/")]
        if len(members) != 1:
            archive.close()
            raise DataError(f"{path}: a zipped table must hold exactly one file; got {len(members)}; "
                            "fix: zip one file, or unzip it")
        return archive.open(members[0])
    return open(path, "rb")


HEAD_BYTES = 64 * 1024  # what is read of a file to see its first lines (its header line, a sample of rows)


def first_lines(path: str | Path, count: int, encoding: str = "utf-8") -> list[str]:
    """The first ``count`` non-blank lines of a text file (decompressed as pandas would), read
    from its first :data:`HEAD_BYTES` bytes (a line cut there is left out); [] when it cannot be
    read. The one reader of a table's first lines: its header line, the rows a sniff looks at.

    >>> first_lines("patients.csv", 1)  # doctest: +SKIP
    ['age,sex,outcome']
    """
    try:
        with _open_raw(Path(path)) as raw:
            head = raw.read(HEAD_BYTES)
        text = head.decode(encoding, errors="replace")
    except (OSError, EOFError, LookupError, DataError, *_archive_errors()):
        return []
    lines = text.splitlines()
    if len(head) == HEAD_BYTES and lines:
        lines = lines[:-1]  # the last line may be cut
    return [line for line in lines if line.strip()][:count]


def header_cells(path: str | Path, delimiter: str = ",", encoding: str = "utf-8") -> list[str]:
    """The cells of a delimited file's first line, stripped (its column names when it has a
    header line); [] when it cannot be read.

    >>> header_cells("manifest.tsv", "\\t")  # doctest: +SKIP
    ['path', 'label']
    """
    import csv

    lines = first_lines(path, 1, encoding)
    return [cell.strip() for cell in next(csv.reader(lines, delimiter=delimiter))] if lines else []


# how a file that is no text begins -> what it is, for a message that names it
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"), (b"BM", "a BMP image"), (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an Excel workbook (.xlsx)"), (b"\xd0\xcf\x11\xe0", "an old Excel/Word file"),
    (b"\x1f\x8b", "a gzip archive"), (b"PAR1", "a Parquet file"),
)


def binary_kind(path: str | Path) -> str | None:
    """What a file that is no table text looks like ("a PNG image", "a DICOM file", "binary
    data"), from its first bytes; None when it may be text in another encoding."""
    try:
        with _open_raw(Path(path)) as handle:
            head = handle.read(4096)
    except (OSError, EOFError, DataError, *_archive_errors()):
        return None
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[128:132] == b"DICM":
        return "a DICOM file"
    return "binary data" if b"\x00" in head else None


def _archive_errors() -> tuple[type[Exception], ...]:
    import lzma
    import zipfile

    return (zipfile.BadZipFile, lzma.LZMAError)


def _utf16(path: Path) -> bool:
    """Whether a file begins as UTF-16 text: a byte-order mark, or a zero byte in every other place."""
    try:
        with _open_raw(path) as raw:
            head = raw.read(256)
    except (OSError, EOFError, DataError):
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    pairs = len(head) // 2
    return pairs >= 4 and (head[1::2].count(0) == pairs or head[0::2].count(0) == pairs)


def refuse_binary(path: str | Path, encoding: str = "utf-8", setting: str = "data.encoding:") -> None:
    """Before any parsing: a file that is no text (an image, a workbook, random bytes) is refused
    as "not a text table", not with a parser's complaint about delimiters. UTF-16/32 text holds
    NUL bytes and is left to its declared encoding. ``setting``: how the user sets the encoding
    (``data.encoding:`` in a config, ``--encoding`` for ``mednn deid``)."""
    if str(encoding).lower().replace("-", "").replace("_", "").startswith(("utf16", "utf32")):
        return
    kind = binary_kind(path)
    if kind is not None and _utf16(Path(path)):  # Excel's "Unicode text" export: text, in another encoding
        raise DataError(f"{path}: the file is UTF-16 text (as Excel's 'Unicode text' export writes it), not "
                        f"{encoding}; fix: save it as CSV UTF-8, or set {setting} utf-16")
    if kind is not None:
        raise DataError(f"{path}: not a text table: it looks like {kind}; fix: pass a CSV, TSV or Parquet table "
                        "(export a workbook as CSV)")


def check_delimited_file(path: str | Path, delimiter: str | None = ",", encoding: str = "utf-8",
                         setting: str = "data.encoding:") -> None:
    """Refuse a file that is no text (:func:`refuse_binary`), or with a line over MAX_LINE_BYTES
    or over MAX_FIELDS fields, before parsing.

    ``delimiter=None`` checks line lengths only (JSON lines). Quoted delimiters count as
    fields: the bound is a safety limit, far above any real table.

    >>> check_delimited_file("patients.csv")  # doctest: +SKIP
    """
    path = Path(path)
    refuse_binary(path, encoding, setting)
    encoded = delimiter.encode("utf-8") if delimiter else b""
    sep = encoded[0] if len(encoded) == 1 else None
    line = 1  # 1-based number of the line the current segment belongs to
    carried_length = carried_fields = 0  # of the line that runs on from the previous chunk
    try:
        with _open_raw(path) as handle:
            while True:
                chunk = handle.read(_CHUNK_BYTES)
                if not chunk:
                    return
                data = np.frombuffer(chunk, dtype=np.uint8)
                newline = data == 10
                # \r alone ends a line too (old Mac files); in \r\n it only adds an empty segment
                breaks = np.flatnonzero(newline | (data == 13))
                starts = np.concatenate(([0], breaks + 1))
                ends = np.concatenate((breaks, [len(data)]))
                lengths = ends - starts
                lengths[0] += carried_length
                # newlines before each segment, to name its line
                lines_before = np.concatenate(([0], np.cumsum(newline[breaks])))
                too_long = np.flatnonzero(lengths > MAX_LINE_BYTES)
                if len(too_long):
                    at = line + int(lines_before[too_long[0]])
                    raise DataError(
                        f"{path}: line {at} is longer than {MAX_LINE_BYTES:,} bytes, far more than a table row; "
                        "fix: check that the file has one record per line (line endings, data.delimiter)"
                    )
                fields = np.zeros(len(lengths), dtype=np.int64)
                if sep is not None:
                    # only a segment at least MAX_FIELDS bytes long can hold MAX_FIELDS delimiters
                    for k in np.flatnonzero(lengths >= MAX_FIELDS - 1):
                        fields[k] = int(np.count_nonzero(data[starts[k]:ends[k]] == sep))
                    fields[0] += carried_fields
                    crowded = np.flatnonzero(fields + 1 > MAX_FIELDS)
                    if len(crowded):
                        at = line + int(lines_before[crowded[0]])
                        raise DataError(
                            f"{path}: line {at} has more than {MAX_FIELDS:,} fields; "
                            "fix: check data.delimiter and that the file is a table"
                        )
                carried_length = int(lengths[-1])
                if sep is None:
                    carried_fields = 0
                elif len(breaks):
                    carried_fields = int(np.count_nonzero(data[starts[-1]:] == sep))
                else:
                    carried_fields += int(np.count_nonzero(data == sep))
                line += int(np.count_nonzero(newline))
    except DataError:
        raise
    except (OSError, EOFError, ValueError, _archive_errors()) as exc:  # a truncated or corrupt archive
        raise DataError(f"{path}: cannot read the file ({type(exc).__name__}); fix: check that it is complete") from None


# ---------------------------------------------------------------------------- column names in messages

# a column name: starts with a letter or underscore, a few words at most, no sentence
_NAME_LIKE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.:\-/#%()\[\] ]{0,63}$")


def _is_number(text: str) -> bool:
    for candidate in (text, re.sub(r"\.\d+$", "", text)):  # pandas renames a repeated "1" to "1.1"
        try:
            float(candidate)
            return True
        except ValueError:
            continue
    return False


def header_looks_like_data(columns: Sequence[object]) -> bool:
    """True when most "column names" are numbers: the first data row of a file without a header.

    >>> header_looks_like_data(["63.0", "1", "145", "233", "outcome"])
    True
    """
    names = [str(c).strip() for c in columns]
    return bool(names) and 2 * sum(_is_number(n) for n in names) > len(names)


def name_like(name: object) -> bool:
    """A column name that reads as a name (not a number, not a sentence of a note)."""
    text = str(name).strip()
    return bool(_NAME_LIKE.match(text)) and not _is_number(text) and text.count(" ") <= 3


def header_reads_as_data(columns: Sequence[object]) -> bool:
    """True when a message must not print the column names: they read as cells of a data row."""
    names = [str(c) for c in columns]
    # one "name" that reads as data (a number, a sentence) makes every other one suspect too:
    # in a file without a header they are all cells of the first row
    return header_looks_like_data(names) or any(
        not name_like(n) for n in names if not n.startswith("Unnamed: "))  # pandas' name for a blank header cell


def columns_for_message(columns: Sequence[object], limit: int = 12, prefix: str = "columns") -> str:
    """What a message may say about a file's columns, e.g. ``"columns: age, sex, outcome"``.

    When any name reads as data the header is taken for a data row and no name is printed.
    """
    names = [str(c) for c in columns]
    if header_reads_as_data(names):
        return (f"the first row reads as data, not as {len(names)} column names (the file needs a header line; "
                "a table without one: set data.header: false, its columns are then column_1, column_2, ...)")
    shown = ", ".join(names[:limit]) + (", ..." if len(names) > limit else "")
    return f"{prefix}: {shown}"


def require_columns(source: object, frame, wanted: Sequence[str], fix: str) -> None:
    """Refuse, in one line naming the missing columns and the file's own, a table that lacks a
    column the reader needs, or that has a header and no rows."""
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        raise DataError(f"{source}: column(s) {', '.join(map(repr, missing))} not found; "
                        f"{columns_for_message(list(frame.columns), prefix='valid columns')}; fix: {fix}")
    if len(frame) == 0:
        raise DataError(f"{source}: has a header but no rows; fix: check the file")


def column_ref(name: object, columns: Sequence[object]) -> str:
    """``"column 'age'"``, or ``"column 3"`` (1-based position) when the header reads as data.

    >>> column_ref("63.0", ["63.0", "1", "145"])
    'column 1'
    """
    names = [str(c) for c in columns]
    if str(name) in names and header_reads_as_data(names):
        return f"column {names.index(str(name)) + 1}"
    return f"column '{name}'"


def unreadable_csv(path: str | Path, exc: Exception, what: str = "",
                   fix: str = "pass the CSV file (save it as UTF-8 text)") -> str:
    """The one-line message for a CSV that pandas cannot parse: what the file is when it is no
    text ("it looks like a PNG image"), else the parser's complaint by its exception name."""
    kind = binary_kind(path)
    label = f"{what} {path}" if what else str(path)
    if kind is not None:
        return f"{label} is not a CSV file: it looks like {kind}; fix: {fix}"
    if isinstance(exc, UnicodeDecodeError):
        return f"{label} is not UTF-8 text; fix: save it as UTF-8 CSV"
    return f"{label} is not a readable CSV ({type(exc).__name__}); fix: check its delimiter and quoting"


def line_delimiter(path: Path, delimiter: str, encoding: str, only_other: bool = True) -> str | None:
    """The delimiter line 1 of a file holds when it is not ``delimiter`` (tab, ';', '|' or ','),
    else None; with ``only_other`` (the default) only when line 1 holds no ``delimiter`` at all."""
    lines = first_lines(path, 1, encoding)
    if not lines or (only_other and delimiter in lines[0]):
        return None
    return next((other for other in ("\t", ";", "|", ",") if other != delimiter and other in lines[0]), None)

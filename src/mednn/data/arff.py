"""ARFF files (Weka's attribute-relation format): the ``arff`` reader.

See :class:`ArffReader` for what is read and what is repaired. Rows go through
:func:`~mednn.data.table_dataset.table_to_dataset` like every other table.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import numpy as np

from ..errors import DataError
from .base import Dataset
from .columns import plural, row_list
from .readers import READERS
from .table_dataset import table_to_dataset
from .table_readers import TableOptions, TableReader, check_table_file

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

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


def _arff_header(lines: list[str], path: Path) -> tuple[list[str], list[str], list[list[str]], int]:
    """Attribute names, kinds (``nominal`` / ``numeric`` / ``text``), nominal levels, and the
    line number of ``@data``."""
    names, kinds, levels = [], [], []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("%"):
            continue
        lowered = line.lower()
        if lowered.startswith("@relation"):
            continue
        if lowered.startswith("@attribute"):
            name, kind, values = _arff_attribute(line, number, path)
            names.append(name), kinds.append(kind), levels.append(values)
            continue
        if lowered.startswith("@data"):
            if not names:
                break
            return names, kinds, levels, number
        raise DataError(f"{path}: line {number} is neither a comment nor an @relation / @attribute / @data line; "
                        "fix the header")
    raise DataError(f"{path}: no @attribute declarations or no @data section; fix: check that it is an ARFF file")


def _arff_attribute(line: str, number: int, path: Path) -> tuple[str, str, list[str]]:
    """One ``@attribute name type`` line: (name, kind, nominal levels)."""
    match = _ARFF_ATTRIBUTE.match(line)
    if not match or not match.group(2).strip():
        raise DataError(f"{path}: line {number} is not an '@attribute name type' declaration; fix the header")
    name, kind = _unquote(match.group(1)), match.group(2).strip()
    if kind.startswith("{"):
        if not kind.endswith("}"):
            raise DataError(f"{path}: line {number}: the nominal values of attribute '{name}' "
                            "do not end with '}'; fix the header")
        return name, "nominal", [v for v in _arff_fields(kind[1:-1]) if v != ""]
    word = kind.split()[0].lower()
    if word == "relational":
        raise DataError(f"{path}: attribute '{name}' (line {number}) is relational, which mednn "
                        "does not read; fix: flatten the file to one row per sample")
    if word not in (*_ARFF_NUMERIC, "string", "date"):
        raise DataError(f"{path}: attribute '{name}' (line {number}) has the unknown type {word!r}; "
                        "expected numeric, real, integer, string, date or {value,...}")
    return name, "numeric" if word in _ARFF_NUMERIC else "text", []


def _arff_rows(lines: list[str], data_start: int, width: int, path: Path):
    """The data lines as lists of fields: (rows, their line numbers, skipped lines, repairs)."""
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
    return rows, line_numbers, skipped, repaired


def _arff_frame(rows: list[list[str]], line_numbers: list[int], names: list[str], kinds: list[str],
                levels: list[list[str]], markers: set[str], repaired: dict[str, list[int]]) -> "pd.DataFrame":
    """The columns typed: numbers, nominal values (outside the declared set: missing), text."""
    import pandas as pd

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
            continue
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
    return pd.DataFrame(columns, index=np.asarray(line_numbers, dtype=np.int64) - 1)


@READERS.register("arff")
class ArffReader(TableReader):
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

    def load(self, path: Path, options: ArffOptions, optional: tuple[str, ...] = ()) -> tuple["pd.DataFrame", int]:
        """The data rows (``optional`` is not needed: the attributes name their columns)."""
        check_table_file(path)
        try:
            lines = path.read_text(encoding=options.encoding).splitlines()
        except UnicodeDecodeError:
            raise DataError(f"{path}: the file is not {options.encoding} text; fix: set data.encoding") from None
        names, kinds, levels, data_start = _arff_header(lines, path)
        width = len(names)
        rows, line_numbers, skipped, repaired = _arff_rows(lines, data_start, width, path)
        if skipped and options.on_defective == "fail":
            raise DataError(
                f"{path}: {plural(len(skipped), 'data line')} with the wrong number of fields "
                f"({row_list([s['row'] for s in skipped])}, expected {width} fields); "
                "fix: correct them or set data.on_defective: skip"
            )
        frame = _arff_frame(rows, line_numbers, names, kinds, levels, set(options.markers) | {"?"}, repaired)
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
            parts.append(f"skipped {plural(len(self.skipped_), 'defective data line')} with the wrong number of "
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
        """Rows to predict; the label attributes may be absent (an ARFF file declares its own)."""
        path = Path(cfg.path)
        frame, offset = self.load(path, options)
        labelled = bool(cfg.labels) and all(c in frame.columns for c in cfg.labels)
        dataset = table_to_dataset(frame, cfg, self._with_nominal(cfg, options), source=str(path),
                                   row_offset=offset, fmt=self.name, with_labels=labelled)
        return self._notes(dataset, path)

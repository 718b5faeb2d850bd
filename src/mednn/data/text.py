"""The ``text`` reader: clinical notes and abstracts from CSV / TSV / JSONL.

One or several text columns (joined with ``separator``, e.g. a question and an abstract), one
label column (binary / multiclass / regression), several 0/1 label columns or one delimited
column (``label_delimiter``, multilabel: diagnosis codes), optional patient id (groups),
id and metadata columns (or ``data.patient_from``). Identical texts follow ``data.duplicates``
(:mod:`mednn.data.duplicates`; by default the notes filed under different labels are removed and
copies kept once, each removal a finding with its rows). Empty texts are refused naming the rows,
or left out with ``data.empty_text: drop`` (an ``empty_text_dropped`` finding); missing labels and
undecodable bytes raise :class:`~mednn.errors.DataError` naming the rows (never the text).

.. code-block:: yaml

    data: {format: text, path: notes.csv, text_columns: [title, abstract], label: specialty}

``read_table`` / ``write_table`` are shared with :func:`mednn.privacy.deid.deidentify_file`.
"""

from __future__ import annotations

import codecs
import io
import json
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from ..errors import ConfigError, DataError
from ..findings import Finding
from .base import Dataset, Task, add_finding
from .columns import rows_noun
from .duplicates import resolve_duplicates
from .labels import apply_label_map, class_targets
from .limits import check_delimited_file, line_delimiter, require_columns
from .patients import derive_patients
from .readers import READERS, Reader
from .repeated import repeated_measures

# a private-use noncharacter stands in for undecodable bytes (it cannot occur in real text)
_BAD_BYTE = "\U0010fffe"
_BAD_BYTE_HANDLER = "mednn-mark-bad-bytes"
codecs.register_error(_BAD_BYTE_HANDLER, lambda exc: (_BAD_BYTE, exc.end))

_TRUE = {"1", "1.0", "true", "yes", "y", "t"}
_FALSE = {"0", "0.0", "false", "no", "n", "f"}


def _row_names(index, first_row, limit: int = 10) -> str:
    """File row numbers of positions ``index``: ``first_row`` is the number of position 0, or
    (after empty notes were dropped) an array giving each position's file row."""
    index = list(index)
    number = (lambda i: int(first_row[i])) if isinstance(first_row, np.ndarray) else (lambda i: i + first_row)
    shown = ", ".join(str(number(i)) for i in index[:limit])
    return shown + (f" and {len(index) - limit} more" if len(index) > limit else "")


def _rows_have(index, first_row) -> str:
    """"row 5 has" / "rows 5, 9 have" (a request's "0-based records 1, 2 have"): :func:`_row_names`
    with its noun and verb."""
    index = list(index)
    verb = "has" if len(index) == 1 else "have"
    return f"{rows_noun(len(index), first_row)} {_row_names(index, first_row)} {verb}"


def _file_kind(path: Path) -> str:
    suffix = "".join(path.suffixes[-2:]).lower() if path.suffix.lower() == ".gz" else path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".tsv", ".tab"):
        return "tsv"
    if suffix in (".csv", ".txt"):
        return "csv"
    raise DataError(f"{path}: unknown text file type {path.suffix!r}; expected .csv, .tsv or .jsonl")


def _first_row(kind: str) -> int:
    # spreadsheet numbering: a CSV / TSV header is row 1; JSONL has no header, line 1 is row 1
    return 1 if kind == "jsonl" else 2


def read_table(path: str | Path, encoding: str = "utf-8", setting: str = "data.encoding"):
    """Read CSV / TSV / JSONL into a DataFrame of strings (JSONL keeps lists); '' for empty cells.

    Undecodable bytes raise DataError naming the rows (file rows, header = row 1). ``setting``:
    how the user sets the encoding, named in that message (``--encoding`` for ``mednn deid``).
    """
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise DataError(f"Text file {path} does not exist; fix: check data.path")
    kind = _file_kind(path)
    # before reading it into memory
    check_delimited_file(path, {"csv": ",", "tsv": "\t"}.get(kind), encoding,
                         setting if setting.startswith("-") else setting + ":")
    if kind == "csv" and (other := line_delimiter(path, ",", encoding)) in (";", "|", "\t"):
        # Excel writes ';' where the decimal mark is a comma: its header would read as one column
        # name, and the error blamed a missing header line (trial 15)
        raise DataError(f"{path}: line 1 is separated by {other!r}, not ','; fix: save the notes as a "
                        "comma-separated CSV (Excel: 'CSV UTF-8 (Comma delimited)')" +
                        (" or as a .tsv file" if other == "\t" else ""))
    raw = path.read_bytes()
    try:
        # bad bytes become a marker character so that the rows holding them can be named after parsing
        content = raw.decode(encoding, errors=_BAD_BYTE_HANDLER)
    except LookupError:
        raise ConfigError(f"Unknown encoding {encoding!r} for {path}; fix: set {setting}, e.g. utf-8 or latin-1") from None
    if not content.strip():
        raise DataError(f"Text file {path} is empty; fix: check the path")
    if kind == "jsonl":
        rows, bad, lines = [], [], []
        for i, line in enumerate(content.splitlines()):
            if not line.strip():  # not a record, but the records after it keep their line numbers
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                bad.append(i)
                continue
            if not isinstance(obj, dict):
                bad.append(i)
                continue
            rows.append(obj)
            lines.append(i)
        if bad:
            raise DataError(
                f"{path}: lines {_row_names(bad, 1)} are not JSON objects; fix: one JSON object per line"
            )
        frame = pd.DataFrame(rows)
        frame = frame.astype(object).where(frame.notna(), "")
        frame = frame.map(lambda v: v if isinstance(v, (str, list)) else str(v))
        frame.attrs["data_rows"] = np.array(lines, dtype=np.int64)
    else:
        try:
            # a whitespace-only line is a row (an empty note), as the table reader keeps it: skipping
            # it would renumber every later row; only the empty lines that end the file are dropped
            frame = pd.read_csv(
                io.StringIO(content.rstrip("\r\n") + "\n"), sep="\t" if kind == "tsv" else ",", dtype=str,
                keep_default_na=False, na_filter=False, skip_blank_lines=False,
            )
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeEncodeError) as exc:
            line = getattr(exc, "lineno", None)
            raise DataError(f"{path}: cannot be parsed as {kind.upper()}{f' near line {line}' if line else ''}; "
                            "fix: check quoting and the delimiter") from None
        if not isinstance(frame.index, pd.RangeIndex):  # pandas took the extra first field(s) as the row index
            raise DataError(f"{path}: the data rows hold more fields than the header's {len(frame.columns)} "
                            f"column(s), so each row's first field would be lost; fix: quote cells that hold the "
                            f"delimiter (\"...\") or add the missing column name to the header")
    bad_rows = [i for i, row in enumerate(frame.itertuples(index=False)) if any(_has_bad_bytes(v) for v in row)]
    if bad_rows or any(_has_bad_bytes(c) for c in frame.columns):
        rows = "row {} holds" if len(bad_rows) == 1 else "rows {} hold"  # trial 16: "rows 3 hold"
        where = rows.format(_row_names(data_rows(frame)[bad_rows], _first_row(kind))) if bad_rows else "the header holds"
        raise DataError(
            f"{path}: {where} bytes that are not valid {encoding}; "
            f"fix: re-save the file as UTF-8 or set {setting} (e.g. latin-1)"
        )
    return frame


def data_rows(frame) -> np.ndarray:
    """The 0-based data row in its file of each row of a :func:`read_table` frame (a JSONL file's
    blank lines are no records but count); a row's number in messages and ids is this + the first
    row number (header = row 1)."""
    rows = frame.attrs.get("data_rows")
    return np.arange(len(frame), dtype=np.int64) if rows is None or len(rows) != len(frame) else rows


def _has_bad_bytes(value: Any) -> bool:
    if isinstance(value, list):
        return any(_has_bad_bytes(v) for v in value)
    return isinstance(value, str) and _BAD_BYTE in value


def write_table(frame, path: str | Path, like: str | Path | None = None) -> None:
    """Write CSV / TSV / JSONL (by suffix, else like ``like``) atomically: temp file + rename."""
    path = Path(path)
    try:
        kind = _file_kind(path)
    except DataError:
        kind = _file_kind(Path(like)) if like is not None else "csv"
    from ..outputs import atomic_file

    with atomic_file(path, newline="") as fh:  # a full disk is one line and leaves nothing
        if kind == "jsonl":
            for record in frame.to_dict(orient="records"):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            frame.to_csv(fh, sep="\t" if kind == "tsv" else ",", index=False)


@READERS.register("text")
class TextReader(Reader):
    """CSV / TSV / JSONL with text column(s) and label column(s)."""

    name = "text"
    modality = "text"

    class Options(BaseModel):
        model_config = ConfigDict(extra="forbid")

        text_columns: str | list[str] = "text"
        separator: str = "\n\n"
        label_delimiter: str | None = None
        encoding: str = "utf-8"
        # false keeps every duplicate note (as data.duplicates: keep_all); data.duplicates decides otherwise
        drop_duplicates: bool = True
        # a note whose text is empty: refuse the file naming the rows, or drop the rows (a finding counts them)
        empty_text: Literal["refuse", "drop"] = "refuse"

    @classmethod
    def sniff(cls, path: Path) -> bool:
        # CSV / TSV may as well be tables: only JSON lines are claimed without data.format: text
        return path.suffix.lower() in (".jsonl", ".ndjson")

    def read(self, cfg, options: "TextReader.Options") -> Dataset:
        path = Path(cfg.path)
        first = _first_row(_file_kind(path))
        frame = read_table(path, options.encoding)
        labels = cfg.labels
        if not labels:
            raise ConfigError("data.label is not set; fix: name the label column(s) of the text file")
        texts, ids, text_columns = _texts_and_ids(frame, cfg, options, path, first, required=labels)
        n = len(frame)
        findings: list = []
        frame, texts, ids, positions = _drop_empty(frame, texts, ids, options, path, findings)
        first_rows = positions + first  # the file row of each kept note, for messages
        label_notes: dict[str, Any] = {}
        targets, task = _targets(frame, labels, cfg, options.label_delimiter, path, first_rows, label_notes)
        groups = _text_patients(frame, cfg, path, first_rows, findings, skip={*text_columns, *labels})
        meta = {c: frame[c].to_numpy(dtype=object) for c in cfg.meta_columns}
        notes: dict[str, Any] = {"rows_read": n, "text_columns": text_columns, **label_notes}
        policy = cfg.duplicates if options.drop_duplicates else "keep_all"
        out = resolve_duplicates(texts, targets, task, policy=policy, rows=positions, what="notes", source=str(path),
                                 modality="text", first_row=first)
        notes.update(out.notes)
        keep = out.keep
        return Dataset(
            inputs=[texts[i] for i in keep],
            targets=out.targets,
            task=out.task,
            ids=ids[keep],
            groups=None if groups is None else groups[keep],
            meta={k: v[keep] for k, v in meta.items()},
            modality="text",
            source=str(path),
            notes=notes,
            findings=findings + out.findings,
        )

    def read_unlabelled(self, cfg, options: "TextReader.Options") -> Dataset:
        """Notes to predict: label columns may be absent and are not read; every row is kept
        (duplicates too). ids: ``data.id_column`` when the file has it, else the file row."""
        path = Path(cfg.path)
        frame = read_table(path, options.encoding)
        if cfg.id_column and cfg.id_column not in frame.columns:
            cfg = cfg.model_copy(update={"id_column": None})
        return notes_to_predict(frame, cfg, options, path, _first_row(_file_kind(path)))


def notes_to_predict(frame, cfg, options, source, first_row: int) -> Dataset:
    """Notes to predict from a loaded table (a file's, or records sent to ``mednn serve``):
    the text columns checked and joined; empty texts follow ``data.empty_text`` (refused
    naming the rows, or dropped with a finding); ``first_row``: the number of the first data
    row in messages."""
    cfg = cfg.model_copy(update={"patient_column": None, "meta_columns": []})
    texts, ids, text_columns = _texts_and_ids(frame, cfg, options, source, first_row, required=[])
    findings: list = []
    n = len(texts)
    _, texts, ids, _ = _drop_empty(frame, texts, ids, options, source, findings)
    return Dataset(inputs=texts, targets=np.zeros(len(texts)), task=Task("regression", ("unlabelled",)),
                   ids=ids, modality="text", source=str(source), findings=findings,
                   notes={"rows_read": n, "text_columns": text_columns, "unlabelled": True})


def _texts_and_ids(frame, cfg, options, path: Path, first: int, *, required: list[str]):
    """The joined texts and the ids of every row, after checking the columns and empty texts."""
    text_columns = [options.text_columns] if isinstance(options.text_columns, str) else list(options.text_columns)
    wanted = text_columns + required + [c for c in (cfg.id_column, cfg.patient_column) if c] + list(cfg.meta_columns)
    require_columns(path, frame, wanted, fix="set data.text_columns / data.label")
    texts = _join_texts(frame, text_columns, options.separator)
    rows = data_rows(frame)
    empty = [int(rows[i]) for i, t in enumerate(texts) if not t.strip()]
    if empty and options.empty_text == "refuse":
        raise DataError(
            f"{path}: {_rows_have(empty, first)} an empty text in {', '.join(text_columns)}; "
            "fix: remove those rows or fill the text, or set data.empty_text: drop to leave them out"
        )
    # the table reader's default ids: ``row-<file row>`` (header = row 1), never a bare number
    # that reads like one of the file's own ids
    row_label = np.array([f"row-{r + first}" for r in rows], dtype=object)
    ids = frame[cfg.id_column].astype(str).to_numpy(dtype=object) if cfg.id_column else row_label
    return texts, ids, text_columns


def _drop_empty(frame, texts: list[str], ids: np.ndarray, options, path: Path, findings: list):
    """``data.empty_text: drop``: the rows whose text is empty left out, with an
    ``empty_text_dropped`` finding holding their rows; returns the kept frame, texts, ids and
    data rows (0-based rows of the file, never renumbered: ids and messages keep the file's rows)."""
    rows = data_rows(frame)
    positions = np.array([i for i, t in enumerate(texts) if t.strip()], dtype=np.int64)
    if len(positions) == len(texts):
        return frame, texts, ids, rows
    empty = np.setdiff1d(np.arange(len(texts)), positions)
    if len(positions) == 0:
        raise DataError(f"{path}: every one of the {len(texts)} rows has an empty text; fix: check data.text_columns")
    add_finding(findings, Finding(
        "empty_text_dropped", "warning", f"{len(empty)} of {len(texts)} notes have an empty text and were left out "
        f"(data.empty_text: drop)", count=len(empty), columns=_as_list(options.text_columns), removed=True,
        rows=rows[empty]))
    kept = frame.iloc[positions].reset_index(drop=True)
    return kept, [texts[i] for i in positions], ids[positions], rows[positions]


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _text_patients(frame, cfg, path: Path, first_rows: np.ndarray, findings: list, *, skip: set[str]):
    """The patient id of each note (``data.patient_column`` / ``data.patient_from``); without one,
    a ``repeated_measures`` finding when the other columns suggest several notes per patient."""
    if cfg.patient_column:
        groups = frame[cfg.patient_column].astype(str).to_numpy(dtype=object)
        no_patient = np.flatnonzero(groups == "")
        if len(no_patient):
            raise DataError(
                f"{path}: {_rows_have(no_patient, first_rows)} no value in patient column "
                f"{cfg.patient_column!r}; fix: fill it or drop data.patient_column"
            )
        return groups
    if cfg.patient_from is not None:
        return derive_patients(frame, cfg.patient_from, first_rows, str(path))
    columns = [c for c in frame.columns if c not in skip and not frame[c].map(lambda v: isinstance(v, list)).any()]
    found = repeated_measures(frame[columns].replace("", np.nan))
    if found is not None:
        add_finding(findings, found)
    return None


def _join_texts(frame, columns: list[str], separator: str) -> list[str]:
    parts = [frame[c].tolist() for c in columns]
    texts = []
    for row in zip(*parts):
        pieces = [p if isinstance(p, str) else " ".join(map(str, p)) for p in row]
        texts.append(separator.join(p for p in pieces if p.strip()))
    return texts


def _class_order(values: set[str]) -> list[str]:
    try:
        return sorted(values, key=float)
    except ValueError:
        return sorted(values)


def _targets(frame, labels: list[str], cfg, delimiter: str | None, path: Path, first: int,
             notes: dict[str, Any] | None = None):
    """(targets, task) of the label column(s): label sets (one delimited or list-valued column),
    several 0/1 columns (multilabel), a number (regression) or classes."""
    list_valued = len(labels) == 1 and any(isinstance(v, list) for v in frame[labels[0]])
    multilabel = len(labels) > 1 or delimiter is not None or list_valued
    task_kind = cfg.task or ("multilabel" if multilabel else None)
    if multilabel and task_kind != "multilabel":
        raise ConfigError(
            f"data.task is {task_kind!r} but several label columns / a label_delimiter make a multilabel task; "
            "fix: set data.task: multilabel"
        )
    if task_kind == "multilabel" and not multilabel:
        raise ConfigError(
            "data.task is multilabel with one label column; fix: set data.label_delimiter (e.g. ';') "
            "or list several 0/1 label columns in data.label"
        )
    if multilabel and len(labels) == 1:
        return _label_sets(frame[labels[0]], labels[0], cfg, delimiter, path, first)
    if multilabel:
        return _binary_columns(frame, labels, path, first)
    return _one_label(frame[labels[0]], labels[0], cfg, task_kind, path, first, notes)


def _label_sets(column, label: str, cfg, delimiter: str | None, path: Path, first: int):
    """One delimited / list-valued column -> a 0/1 column per label (``data.class_names`` or sorted)."""
    sets, missing = [], []
    for i, v in enumerate(column):
        items = v if isinstance(v, list) else (v.split(delimiter) if delimiter else [v])
        items = [str(x).strip() for x in items if str(x).strip()]
        if not items:
            missing.append(i)
        sets.append(items)
    if missing:
        raise DataError(
            f"{path}: {_rows_have(missing, first)} no label in {label!r}; "
            "fix: remove them or give them a label such as 'none'"
        )
    names = list(cfg.class_names) if cfg.class_names else _class_order({x for s in sets for x in s})
    col = {name: j for j, name in enumerate(names)}
    unknown = sum(1 for s_ in sets if any(x not in col for x in s_))
    if unknown:
        raise DataError(
            f"{path}: label column {label!r} has {unknown} row(s) with a label that is not one of "
            f"the {len(names)} labels of data.class_names; fix: correct them or extend data.class_names"
        )
    targets = np.zeros((len(sets), len(names)), dtype=np.float32)
    for i, s in enumerate(sets):
        targets[i, [col[x] for x in s]] = 1.0
    return targets, Task("multilabel", tuple(names))


def _binary_columns(frame, labels: list[str], path: Path, first: int):
    """Several 0/1 columns, an empty cell = a missing label (NaN)."""
    targets = np.full((len(frame), len(labels)), np.nan, dtype=np.float32)
    bad = []
    for j, c in enumerate(labels):
        for i, v in enumerate(frame[c]):
            s = str(v).strip().lower()
            if s in _TRUE:
                targets[i, j] = 1.0
            elif s in _FALSE:
                targets[i, j] = 0.0
            elif s:
                bad.append(i)
    if bad:
        raise DataError(
            f"{path}: {_rows_have(sorted(set(bad)), first)} label values other than 0/1 in "
            f"{', '.join(labels)}; fix: use 0, 1 or leave the cell empty for a missing label"
        )
    none = np.flatnonzero(np.isnan(targets).all(axis=1))
    if len(none):
        raise DataError(f"{path}: {_rows_have(none, first)} no label at all; fix: remove them")
    return targets, Task("multilabel", tuple(labels))


def _one_label(column, label: str, cfg, task_kind: str | None, path: Path, first: int,
               notes: dict[str, Any] | None):
    """One label column: a regression target, or classes (:func:`mednn.data.labels.class_targets`)."""
    values = [str(v).strip() for v in column]
    if cfg.label_map is not None:
        if task_kind == "regression":
            raise ConfigError("data.label_map maps classes but data.task is regression; fix: remove one of them")
        mapped = apply_label_map(values, cfg.label_map, column=label, source=str(path))
        values = ["" if v is None else v for v in mapped]
    missing = [i for i, v in enumerate(values) if not v]
    if missing:
        raise DataError(
            f"{path}: {_rows_have(missing, first)} no label in {label!r}; fix: remove those rows or fill the label"
        )
    if task_kind == "regression":
        targets = np.empty((len(values), 1), dtype=np.float32)
        bad = []
        for i, v in enumerate(values):
            try:
                targets[i, 0] = float(v)
            except ValueError:
                bad.append(i)
        if bad:
            raise DataError(f"{path}: {_rows_have(bad, first)} a non-numeric target in {label!r}")
        return targets, Task("regression", (label,))

    notes = {} if notes is None else notes
    # text labels with more than two values are classes even when they are numbers (codes)
    kind = task_kind or (None if len(set(values)) == 2 or cfg.class_names else "multiclass")
    task, targets = class_targets(values, column=label, source=str(path), kind=kind,
                                  class_names=cfg.class_names, positive_class=cfg.positive_class,
                                  notes=notes, numeric=False, declared=cfg.label_map is not None)
    return targets, task

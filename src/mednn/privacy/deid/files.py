"""De-identification of whole datasets and files: the pipeline step (``privacy.deid: true``),
``mednn deid INPUT --out OUT [--spans SPANS.csv]``, and the span table.

The span table has one row per found span: ``row`` (0-based data row of the input),
``column``, ``start``, ``end`` (character offsets into the original text) and ``type``; it
never holds the text. Outputs are written atomically (temporary file + rename), so a failure
leaves nothing half-written.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

from ...data.columns import is_number_text
from ...errors import ConfigError, DataError
from .dateshift import keyed_patient, project_key, require_secret
from .engine import Deidentifier, is_missing
from .spans import TYPES

SPAN_COLUMNS = ("row", "column", "start", "end", "type")


def deidentify_notes(dataset):
    """A text Dataset de-identified (``privacy.deid``: the ``notes`` step of
    :mod:`mednn.privacy.deid_steps`). Training, prediction and serving all read notes through this."""
    return deidentify_dataset(dataset)[0]  # the counts are kept in dataset.notes["deid"]


def deidentify_dataset(dataset, **options: Any):
    """Return ``(de-identified copy of a text Dataset, report)``; ``options`` go to :class:`Deidentifier`.

    The patient ids (``dataset.groups``) key the date shift. The report (also stored in
    ``dataset.notes["deid"]``) holds counts per type only.
    """
    if not isinstance(dataset.inputs, list):
        raise DataError(
            f"De-identification needs a text dataset (a list of texts); got {type(dataset.inputs).__name__} "
            f"from {dataset.source or 'the reader'}; fix: set privacy.deid: false for non-text data"
        )
    deid = Deidentifier(**options).fit()
    groups = None if dataset.groups is None else list(dataset.groups)
    texts, report = deid.transform_with_report(dataset.inputs, groups)
    notes = dict(dataset.notes)
    notes["deid"] = report
    return replace(dataset, inputs=texts, notes=notes), report


def spans_table(rows: Sequence[tuple[int, str, int, int, str]]) -> str:
    """The span table as CSV text (header + one line per span)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SPAN_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


def deidentify_file(input: str | Path, output: str | Path, text_columns: str | Sequence[str] | None = None,
                    patient_column: str | None = None, spans: str | Path | None = None,
                    encoding: str = "utf-8", id_columns: str = "refuse", keep_columns: Sequence[str] = (),
                    **options: Any) -> dict[str, Any]:
    """De-identify the text columns of a CSV / TSV / JSONL file into ``output``; with ``spans``
    also write the span table there. Returns counts per type (never the strings found). Both
    files are written only when everything succeeded. ``text_columns=None``: the one column that
    holds free text, found as ``mednn train`` finds it (:func:`mednn.data.sniff.free_text_columns`);
    a column named ``text`` when none does.

    The other columns are copied unchanged, except identifier columns (names, record numbers,
    dates of birth ... by training's rule, :func:`mednn.data.table_features.identifier_reason`;
    the patient column too): ``id_columns="refuse"`` (default) refuses the file naming them,
    ``"pseudonymise"`` replaces each value by a keyed pseudonym (the same value, the same
    pseudonym; needs a secret), ``"drop"`` leaves them out. ``keep_columns``: columns reviewed as
    safe, copied as they are.

    >>> deidentify_file("notes.csv", "notes.deid.csv", text_columns="note", spans="spans.csv")  # doctest: +SKIP
    {'input': 'notes.csv', 'rows': 120, 'spans': 311, 'counts': {'NAME': 87, ...}, ...}
    """
    from ...data.text import read_table, write_table

    input, output = Path(input), Path(output)
    outputs = [output] + ([Path(spans)] if spans is not None else [])
    _check_outputs(input, outputs)
    # one check of the secret, before any work, naming every option that needs it (issue 19)
    asked = [flag for flag, on in (("--shift-dates", options.get("date_shift")),
                                   ("--id-columns pseudonymise", id_columns == "pseudonymise")) if on]
    if asked:
        options["secret"] = require_secret(" and ".join(asked), options.get("secret"))
    if text_columns is None and is_one_note(input):
        if patient_column is not None:
            raise ConfigError(f"{input} is one note (a .txt without a table's header and rows), so it has no "
                              f"column {patient_column!r}; fix: drop --patient-column, or write the notes as a CSV "
                              "with a patient column")
        return _deidentify_note(input, output, spans, encoding, options)
    frame = read_table(input, encoding=encoding, setting="--encoding")
    detected = text_columns is None
    if text_columns is None:
        text_columns = _detect_text_columns(input, frame, patient_column)
    columns = _column_list(frame, [text_columns] if isinstance(text_columns, str) else text_columns)
    keep_columns = _column_list(frame, keep_columns)
    _check_columns(input, frame, columns, patient_column)
    _check_columns(input, frame, keep_columns, None, fix="correct the --keep-column name")
    deid = Deidentifier(**options).fit()
    identifiers = _identifier_columns(input, frame, [*columns, *keep_columns], id_columns, deid, patient_column)
    frame, top_coded = top_code_ages(frame, [*columns, *keep_columns, *identifiers])
    patients = None if patient_column is None else [None if is_missing(v) else v for v in frame[patient_column]]
    total: Counter[str] = Counter()
    found: list[tuple[int, str, int, int, str]] = []
    changed = 0
    for column in columns:
        values = frame[column].tolist()
        present = [i for i, v in enumerate(values) if isinstance(v, str)]
        pids = None if patients is None else [patients[i] for i in present]
        new, per_text, report = deid.transform_with_spans([values[i] for i in present], pids)
        for i, text, text_spans in zip(present, new, per_text):
            values[i] = text
            found.extend((i, column, s.start, s.end, s.type) for s in text_spans)
        frame[column] = values
        total.update(report["counts"])
        changed += report["n_texts_changed"]
    found.sort(key=lambda r: (r[0], columns.index(r[1]), r[2]))
    frame = _replace_identifiers(frame, identifiers, id_columns, options.get("secret"), patient_column)
    try:
        _write_both(frame, output, input, None if spans is None else (Path(spans), spans_table(found)), write_table)
    except OSError as exc:  # read-only folder, full disk: one line, nothing left behind
        raise DataError(f"Cannot write {output}: {exc.strerror or type(exc).__name__}; fix: choose a writable "
                        "folder with free space") from None
    return {"input": str(input), "output": str(output), "rows": int(len(frame)), "text_columns": columns,
            "text_columns_detected": detected,
            "texts_changed": changed, "spans": len(found), "id_columns": {"action": id_columns, "columns": identifiers},
            "kept_columns": keep_columns, "ages_top_coded": top_coded,
            "counts": {t: total.get(t, 0) for t in TYPES if t in deid.types_}, "date_shift": bool(deid.date_shift)}


ID_COLUMN_ACTIONS = ("refuse", "pseudonymise", "drop")
NOTE_COLUMN = "text"  # the span table's column of a one-note file


def is_one_note(path: Path) -> bool:
    """A ``.txt`` that is one note, not a table: no delimiter splits its lines into a header of
    column names and rows of as many fields (:func:`mednn.data.sniff.sniff_table`). A note's
    commas ("Seen by Dr. Gonzalez, 03/04/2021.") make no table."""
    from ...data.sniff import sniff_table

    if path.suffix.lower() != ".txt" or not path.is_file():
        return False
    table = sniff_table(path)
    return table is None or not table["header"]


def _deidentify_note(input: Path, output: Path, spans, encoding: str, options: dict[str, Any]) -> dict[str, Any]:
    """The whole file as one note: written as text (UTF-8), spans as offsets into the file's text
    (line ends as they are: CRLF counts two characters). The date shift needs a patient, which a
    lone note does not name: dates are masked."""
    from ...data.limits import refuse_binary
    from ...outputs import atomic_file

    refuse_binary(input, encoding, "--encoding")
    raw = input.read_bytes()
    try:
        text = raw.decode(encoding)
    except LookupError:
        raise ConfigError(f"Unknown encoding {encoding!r} for {input}; fix: pass --encoding, e.g. utf-8 or "
                          "latin-1") from None
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise DataError(f"{input}: line {line} holds bytes that are not {encoding}; fix: pass --encoding latin-1 "
                        "(or the file's encoding)") from None
    if not text.strip():
        raise DataError(f"Text file {input} is empty; fix: check the path")
    deid = Deidentifier(**options).fit()
    new, per_text, report = deid.transform_with_spans([text])
    found = [(0, NOTE_COLUMN, s.start, s.end, s.type) for s in per_text[0]]
    try:
        with atomic_file(Path(spans), newline="") if spans is not None else nullcontext() as fh:
            if fh is not None:
                fh.write(spans_table(found))
            with atomic_file(output, newline="") as out:
                out.write(new[0])
    except OSError as exc:
        raise DataError(f"Cannot write {output}: {exc.strerror or type(exc).__name__}; fix: choose a writable "
                        "folder with free space") from None
    return {"input": str(input), "output": str(output), "rows": 1, "one_note": True, "text_columns": [NOTE_COLUMN],
            "text_columns_detected": False, "texts_changed": report["n_texts_changed"], "spans": len(found),
            "id_columns": {"action": "none", "columns": []}, "kept_columns": [], "ages_top_coded": [],
            "counts": {t: report["counts"].get(t, 0) for t in TYPES if t in deid.types_},
            "date_shift": report["date_shift"]}



def _identifier_columns(input: Path, frame, skip: list[str], action: str, deid: Deidentifier,
                        patient_column: str | None = None) -> list[str]:
    """The columns (other than ``skip``) that hold identifiers, by training's rule or by their
    values (:func:`found_by_deid`, whatever the column's name), and the patient column whatever
    its name or values ("pid", "case": it names patients); a one-line DataError naming them
    and the choices when ``action`` is ``refuse``, a ConfigError for an unknown action (the
    secret that ``pseudonymise`` needs is checked by :func:`deidentify_file` before any work)."""
    from ...data.table_features import identifier_reason
    from .dateshift import SECRET_ENVIRONMENT_VARIABLE

    if action not in ID_COLUMN_ACTIONS:
        raise ConfigError(f"--id-columns {action!r} is not one of {', '.join(ID_COLUMN_ACTIONS)}; fix: pick one")
    reasons = {str(c): identifier_reason(str(c), frame[c]) or found_by_deid(deid, frame[c])
               for c in frame.columns if c not in skip}
    found = {c: r for c, r in reasons.items() if r is not None}
    if patient_column is not None and patient_column not in skip:
        found.setdefault(str(patient_column), "the patient column (--patient-column)")
    if found and action == "refuse":
        listed = "; ".join(f"'{c}': {r}" for c, r in found.items())
        raise DataError(
            f"{input}: {len(found)} column(s) hold identifiers and would be copied verbatim ({listed}); fix: pass "
            f"--id-columns pseudonymise (one keyed pseudonym per value; set {SECRET_ENVIRONMENT_VARIABLE}), "
            "--id-columns drop (leave them out), --text-column NAME for a column of notes to clean, or "
            "--keep-column NAME for a column reviewed as safe to copy")
    return list(found)


def found_by_deid(deid: Deidentifier, values) -> str | None:
    """Why a column holds identifiers by its values, or None: the de-identifier finds a name,
    date, phone, id ... in at least one of its distinct cells (a name column in capitals, a
    relative's name, a second column of notes, device serials). Numbers alone are left to
    :func:`mednn.data.table_features.identifier_reason`. In a category column (few distinct
    values, each repeated) an upper-case code that is no listed name is a category
    (:func:`_category_code`). Types and counts only, never values."""
    present = [str(v).strip() for v in values.tolist() if not is_missing(v)]
    distinct = set(present) - {""}
    cells = [v for v in distinct if not is_number_text(v)]
    codes = len(distinct) <= CODE_MAX_LEVELS and len(present) >= CODE_MEAN_ROWS * len(distinct)
    found = [deid.find(v) for v in sorted(cells) if not (codes and _category_code(v, deid))]
    hits = [spans for spans in found if spans]
    if not hits:
        return None
    kinds = sorted({s.type for spans in hits for s in spans})
    return f"values the de-identifier finds identifying ({', '.join(kinds)}; {len(hits)} of {len(distinct)} " \
           "distinct values)"


# a column of at most this many distinct values, each on this many rows on average, is a category
# (MTS-Dialog's section_header: GENHX, ROS, PASTMEDICALHX over 1,201 rows), not a list of people
CODE_MAX_LEVELS = 20
CODE_MEAN_ROWS = 5


def _category_code(value: str, deid: Deidentifier) -> bool:
    """A value of a category column written as one upper-case code ("GENHX", "FAM/SOCHX"),
    none of whose words is a listed name: the tagger reads a lone capitalised word as a name or
    place by its shape alone, which codes share. A listed surname ("GARCIA") still counts."""
    words = re.findall(r"[^\W\d_]+", value)
    return (len(value.split()) == 1 and value.upper() == value and bool(words)
            and not any(deid.lexicon_.known(w) for w in words))


AGE_TOP_CODE = "90+"


def top_code_ages(frame, skip: list[str]):
    """``(frame, columns)``: ages over 89 in a column named for ages (``age``, ``AGE``,
    ``age_years``, ``PatientAge`` ...) written as ``90+`` (HIPAA Safe Harbor groups every age
    over 89 into one category), whatever the other columns; ``skip`` (notes, --keep-column,
    identifier columns) untouched. ``columns``: those changed."""
    import pandas as pd

    from ...data.table_features import column_name_words

    changed = []
    for column in frame.columns:
        if column in skip or "age" not in column_name_words(str(column)):
            continue
        numbers = pd.to_numeric(frame[column], errors="coerce")
        old = numbers > 89
        if old.any():
            frame = frame.copy() if not changed else frame
            frame[column] = [AGE_TOP_CODE if flag else v for v, flag in zip(frame[column].tolist(), old.tolist())]
            changed.append(str(column))
    return frame, changed


def _column_list(frame, names) -> list[str]:
    """``--text-column a,b`` and ``--text-column a --text-column b`` alike: a name that is not a
    column of ``frame`` but holds commas is a comma list of names."""
    out: list[str] = []
    for name in names or ():
        split = name not in frame.columns and "," in str(name)
        out.extend([n.strip() for n in str(name).split(",") if n.strip()] if split else [name])
    return out


def _replace_identifiers(frame, columns: list[str], action: str, secret: str | None,
                         patient_column: str | None = None):
    """``frame`` with the identifier ``columns`` dropped or pseudonymised (``ID-`` and 12 hex
    digits of HMAC-SHA256 under the de-identification key; empty cells stay empty). The patient
    column gets the patient's own pseudonym (``PAT-...``, :func:`keyed_patient`), the one DICOM's
    PatientID gets, so a patient's notes and images still join."""
    import hashlib
    import hmac

    if not columns:
        return frame
    if action == "drop":
        return frame.drop(columns=columns)
    key = project_key(secret, purpose="--id-columns pseudonymise")

    def pseudonym(value: Any, column: str) -> str:
        if column == patient_column:
            return keyed_patient(value, key).pseudonym
        return "ID-" + hmac.new(key, str(value).strip().encode("utf-8"), hashlib.sha256).hexdigest()[:12]

    frame = frame.copy()
    for column in columns:
        frame[column] = [v if is_missing(v) or str(v).strip() == "" else pseudonym(v, column)
                         for v in frame[column].tolist()]
    return frame


def _check_outputs(input: Path, outputs: list[Path]) -> None:
    """Never the input, never the same file twice, never an existing folder."""
    for out in outputs:
        if out.is_dir():
            raise ConfigError(f"Output {out} is a folder; fix: name a file, e.g. {out / 'notes.deid.csv'}")
        if out.resolve() == input.resolve() or (out.exists() and input.exists() and os.path.samefile(out, input)):
            raise ConfigError(f"Output {out} is the input file; it would be overwritten; fix: pass a different path")
    if len(outputs) == 2 and outputs[0].resolve() == outputs[1].resolve():
        raise ConfigError(f"--out and --spans are the same file {outputs[0]}; fix: pass two different paths")


def _detect_text_columns(input: Path, frame, patient_column: str | None) -> list[str]:
    """The one free-text column of ``frame`` (as ``mednn train`` detects notes); a DataError
    naming the candidates when there are several, or the columns when there is none."""
    from ...data.limits import columns_for_message
    from ...data.sniff import free_text_columns

    found = [c for c in free_text_columns(frame) if c != patient_column]
    if len(found) == 1:
        return found
    if not found and "text" in frame.columns:
        return ["text"]
    if not found:
        raise DataError(f"{input}: no column holds free text; {columns_for_message(list(frame.columns))}; "
                        "fix: pass --text-column NAME")
    raise DataError(f"{input}: columns {', '.join(map(repr, found))} all hold free text; fix: pass --text-column "
                    "for each one to de-identify, e.g. " + " ".join(f"--text-column {c}" for c in found))


def _check_columns(input: Path, frame, columns: list[str], patient_column: str | None,
                   fix: str = "pass --text-column") -> None:
    from ...data.limits import require_columns

    require_columns(input, frame, columns + ([patient_column] if patient_column else []), fix=fix)


def _write_both(frame, output: Path, like: Path, spans: tuple[Path, str] | None, write_table) -> None:
    """The de-identified table and the span table, both or neither: the span table is staged
    in a temporary file, the table written atomically, then the span table moved in place."""
    if spans is None:
        write_table(frame, output, like=like)
        return
    from ...outputs import atomic_file

    path, text = spans
    existed = output.exists()
    try:
        with atomic_file(path, newline="") as fh:  # renamed into place after the table is written
            fh.write(text)
            write_table(frame, output, like=like)
    except BaseException:
        if not existed and output.exists() and not path.exists():
            output.unlink(missing_ok=True)
        raise

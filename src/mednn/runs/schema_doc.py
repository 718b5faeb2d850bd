"""``docs/run-directory.md``'s tables, generated from the schema.

:func:`schema_markdown` writes one table of the run's files and, per file, the record fields it
holds with their types and descriptions (:mod:`mednn.runs.schema`). The document keeps this
text between ``<!-- schema:begin -->`` and ``<!-- schema:end -->``; a test regenerates it and
fails when the two differ, so a field added to the schema without a description, or a
document naming a field the schema lacks, is caught. Regenerate with::

    python -m mednn.runs.schema_doc docs/run-directory.md
"""

from __future__ import annotations

import sys
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .schema import ARTIFACT_FILES, FILE_OF, RunRecord

BEGIN, END = "<!-- schema:begin -->", "<!-- schema:end -->"
# the fields of a finding (mednn.findings.Finding), as data.json and evaluations/<site>.json write it
FINDING_FIELDS: dict[str, tuple[str, str]] = {
    "id": ("text", "a stable id from mednn.findings.FINDING_IDS (docs/findings.md)"),
    "severity": ('"info" / "warning" / "refuse"', "how much it matters"),
    "message": ("text", "one line of counts and column names, never a value from the data"),
    "count": ("integer or null", "how many rows, records or columns"),
    "columns": ("list of text", "the columns it concerns"),
    "removed": ("true/false", "the rows were taken out of the data"),
    "rows": ("list of integer", "0-based row numbers of the input file"),
}

_NAMES = {type(None): "null", str: "text", int: "integer", float: "number", bool: "true/false", Any: "any"}


def _type_text(annotation: Any) -> str:
    """A field's type in words: ``float | list[float]`` -> "number or list of number"."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_text(a) for a in args)
    if origin is typing.Literal:
        return " / ".join(f'"{a}"' for a in args)
    if origin in (list, tuple):
        return f"list of {_type_text(args[0])}" if args else "list"
    if origin is dict:
        return f"object of {_type_text(args[1])}" if args else "object"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "object (below)" if annotation.__name__ != "RunConfig" else "the config"
    if annotation in _NAMES:
        return _NAMES[annotation]
    return getattr(annotation, "__name__", str(annotation))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The record parts inside a field's type (``ThresholdRecord | None`` -> [ThresholdRecord])."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation] if annotation.__name__ != "RunConfig" else []
    return [m for a in typing.get_args(annotation) for m in _models_in(a)]


def field_rows(model: type[BaseModel], prefix: str = "") -> list[tuple[str, str, str]]:
    """(dotted field, type, description) of a record part and of the parts inside it."""
    rows = []
    for name, info in model.model_fields.items():
        key = f"{prefix}{name}"
        rows.append((key, _type_text(info.annotation), info.description or ""))
        for part in _models_in(info.annotation):
            placeholder = "<site>" if name == "evaluations" else "<name>"
            origin = typing.get_origin(info.annotation)
            inner = (f"{key}.{placeholder}." if origin is dict
                     else f"{key}[]." if origin in (list, tuple) else f"{key}.")
            rows += field_rows(part, inner)
        if "Finding" in str(info.annotation):
            rows += [(f"{key}[].{field}", kind, text) for field, (kind, text) in FINDING_FIELDS.items()]
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace(" or null or null", " or null")


def _in_file(field: str, file: str) -> str:
    """A record field as it is written in its file (``metrics.test`` -> ``test`` in metrics.json)."""
    top, _, rest = field.partition(".")
    if top in ("metrics", "model", "data", "provenance", "featurizer", "evaluations", "profile") and rest:
        return rest.partition(".")[2] if top == "evaluations" else rest
    return field


def schema_markdown() -> str:
    """The generated part of ``docs/run-directory.md``."""
    lines = ["| file | what it holds |", "| --- | --- |"]
    files: dict[str, list[str]] = {}
    for field, file in FILE_OF.items():
        files.setdefault(file, []).append(field)
    for file, fields in files.items():
        extra = f"; {ARTIFACT_FILES[file]}" if file in ARTIFACT_FILES else ""
        lines.append(f"| `{file}` | record fields: {', '.join(f'`{f}`' for f in fields)}{extra} |")
    lines += [f"| `{file}` | {what} |" for file, what in ARTIFACT_FILES.items() if file not in files]
    rows = field_rows(RunRecord)
    for file, fields in files.items():
        if file == "config.yaml":
            continue
        lines += ["", f"### `{file}`", "", "| field | type | meaning |", "| --- | --- | --- |"]
        for field, kind, text in rows:
            if field.split(".")[0] in fields and (field.count(".") or field not in ("metrics", "model", "data",
                                                                                   "provenance", "featurizer",
                                                                                   "evaluations", "profile")):
                shown = _in_file(field, file)
                if shown:
                    lines.append(f"| `{shown}` | {_cell(kind)} | {_cell(text)} |")
    return "\n".join(lines) + "\n"


def replace_block(text: str) -> str:
    """``text`` with its generated block replaced by the current one."""
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{schema_markdown()}{END}{tail}"


if __name__ == "__main__":  # python -m mednn.runs.schema_doc docs/run-directory.md
    target = Path(sys.argv[1])
    target.write_text(replace_block(target.read_text(encoding="utf-8")), encoding="utf-8")

"""A table's rows in a note: their cells, and whether a row is a header of column names.

Shared by the recognizers that read a value by its column (``slots``: a person's column; ``sites``: a code
under a header is a column's value, not a header's field). A module of its own, below both, so that neither
imports the other (``sites`` -> ``slots`` -> ``positions`` -> ``hospitals`` -> ``sites`` was a cycle).
"""

from __future__ import annotations

import re

# a header cell: one to three words, no digits ("Screen date", "Given by", "Scr#"); a title line or a form
# line ("EMS PATIENT CARE REPORT  Run# 28551-2  Medic 15") is no header
HEADER_CELL = re.compile(r"[A-Za-z][A-Za-z#/.()'’_\-]*(?:[ ][A-Za-z#/.()'’_\-]+){0,2}")


def pipe_cells(line: str) -> list[tuple[int, int]] | None:
    """(start, end) of each cell of a "|" table row, without the outer bars; None when no row."""
    inner = line.rstrip()
    if inner.count("|") < 2:
        return None
    first = len(inner) - len(inner.lstrip())
    start = first + 1 if inner[first:first + 1] == "|" else first
    end = len(inner) - 1 if inner.endswith("|") else len(inner)
    cells, i = [], start
    for j in [k for k in range(start, end) if inner[k] == "|"] + [end]:
        cells.append((i, j))
        i = j + 1
    return cells


def row_cells(line: str) -> list[str]:
    """The cells of a table's line, split by bars or by a column's gap (two spaces or a tab)."""
    if line.count("|") >= 2:
        return [line[a:b].strip() for a, b in pipe_cells(line)]
    return [c for c in re.split(r"[ ]{2,}|\t", line.strip()) if c]


def header_cells(line: str) -> list[str]:
    """The cells of ``line`` when it reads as a header row (three cells or more, each one to three words
    without digits: "RUN  DATE   PATIENT   ATTENDANT"), else an empty list."""
    cells = row_cells(line)
    return cells if len(cells) >= 3 and all(HEADER_CELL.fullmatch(c) for c in cells) else []


def under_column_names(text: str, line_start: int) -> bool:
    """Whether the line at ``line_start`` is a table's row under a header row: the line above is a header
    (:func:`header_cells`) and this one has as many cells or one fewer."""
    if not line_start:
        return False
    names = header_cells(text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1])
    end = text.find("\n", line_start)
    return bool(names) and len(row_cells(text[line_start:len(text) if end < 0 else end])) >= len(names) - 1

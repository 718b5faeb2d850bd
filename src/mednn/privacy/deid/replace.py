"""What a found span becomes: a typed placeholder (``[NAME]``), ``90+`` for an age over 89, or
with date shifting a date moved by the patient's offset (``[DATE 2021-05-02]``).

Placeholders are never matched again, so running the de-identifier twice changes nothing more.
"""

from __future__ import annotations

import re
from typing import Sequence

from .dates import shift_date
from .spans import TYPES

PLACEHOLDER_RE = re.compile(r"\[(?:" + "|".join(TYPES) + r")(?:[ :][^\]\n]{0,24})?\]|\b90\+")


def placeholder(found: str, kind: str, offset: int | None) -> str:
    if kind == "AGE":
        return "90+"
    if kind == "DATE" and offset is not None:
        shifted = shift_date(found, offset)
        if shifted is not None:
            return f"[DATE {shifted}]"
    return f"[{kind}]"


def replace_spans(text: str, spans: Sequence[tuple[int, int, str]], offset: int | None = None) -> str:
    """``text`` with every span replaced (spans sorted and disjoint, as ``find`` returns them)."""
    if not spans:
        return text
    parts, pos = [], 0
    for start, end, kind in spans:
        parts.append(text[pos:start])
        parts.append(placeholder(text[start:end], kind, offset))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)

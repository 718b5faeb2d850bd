"""Dates: full dates, month and year, month and day, with a cue a bare ``m/d``."""

from __future__ import annotations

from ..dates import DATE_PATTERNS, parse_date
from ..vocabulary import Lexicon
from . import recognizer


@recognizer("date", "DATE")
def find_date(text: str, lexicon: Lexicon):
    spans = []
    for pattern, kind in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if parse_date(m, kind) is False:
                continue
            group = "m" if kind == "md_num" else 0
            spans.append((m.start(group), m.end(), "DATE"))
    return spans

"""Dates: the patterns that find them (with and without a year, numeric and with month names)
and the per-patient shift that keeps intervals within one patient's notes.
"""

from __future__ import annotations

import datetime as _dt
import re

from .patterns import MONTH, MONTHS, ORD

DATE_PATTERNS: list[tuple[re.Pattern, str]] = [
    # Jan 2, 2023 / January 2nd 2023 / Jan. 2 2023
    (re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}}){ORD},?\s+(?P<y>\d{{4}})\b"), "mdy"),
    # 2 January 2023 / 2nd of Jan, 2023
    (re.compile(rf"\b(?P<d>\d{{1,2}}){ORD}\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>\d{{4}})\b"), "dmy"),
    # 2023-01-02 / 2023/01/02 / 2023.01.02
    (re.compile(r"\b(?P<y>(?:1[89]|20)\d{2})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})\b"), "ymd"),
    # 01/02/2023 / 1-2-23 / 02.01.2023
    (re.compile(r"(?<![\d/.\-])(?P<a>\d{1,2})(?P<s>[-/.])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?![\d/\-]|\.\d)"), "num"),
    # January 2023 / Jan. of 2023
    (re.compile(rf"\b(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>(?:1[89]|20)\d{{2}})\b"), "my"),
    # 03/2023
    (re.compile(r"(?<![\d/])(?P<m>0?[1-9]|1[0-2])/(?P<y>(?:19|20)\d{2})(?![\d/])"), "my_num"),
    # Jan 2 / January 2nd (no year); a colon after it ends a label ("Selection committee May 31st:
    # approved"), only a colon and digits make a time ("May 5:30")
    (re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}}){ORD}\b(?!\s*(?:mg|ml|mcg|units?|%|:\d))"), "md"),
    # 2 January / 2nd of Jan (no year)
    (re.compile(rf"\b(?P<d>\d{{1,2}}){ORD}\s+(?:of\s+)?(?P<mon>{MONTH})\b"), "dm"),
    # on 3/14 (a bare month/day needs a cue: 120/80 is a blood pressure)
    (re.compile(r"\b(?i:on|since|from|until|till|through|dated|date|dos|dob|d\.o\.b\.|admitted|discharged|seen)"
                r"[:\s]\s*(?P<m>\d{1,2})/(?P<d>\d{1,2})\b(?![/\d])"), "md_num"),
]


def _year(y: str) -> int:
    value = int(y)
    if len(y) == 2:  # two-digit years: 00-30 -> 2000s, else 1900s
        value += 2000 if value <= 30 else 1900
    return value


def parse_date(m: re.Match, kind: str):
    """(year, month, day) with None for missing parts; False if the match is not a real date."""
    g = m.groupdict()
    try:
        if kind in ("mdy", "dmy", "md", "dm"):
            month = MONTHS[g["mon"].rstrip(".").lower()]
            day, year = int(g["d"]), (_year(g["y"]) if g.get("y") else None)
        elif kind == "ymd":
            year, month, day = int(g["y"]), int(g["m"]), int(g["d"])
        elif kind == "num":
            a, b, year = int(g["a"]), int(g["b"]), _year(g["y"])
            month, day = (a, b) if a <= 12 else (b, a)  # US month/day unless the first part > 12
            if len(g["y"]) == 2 and g["s"] == ".":
                return False  # 1.2.23 is more often a version or a measurement than a date
        elif kind in ("my", "my_num"):
            month = MONTHS[g["mon"].rstrip(".").lower()] if kind == "my" else int(g["m"])
            year, day = int(g["y"]), None
        else:  # md_num
            month, day, year = int(g["m"]), int(g["d"]), None
        _dt.date(year or 2000, month, day or 1)
    except (ValueError, KeyError):
        return False
    return year, month, day


def shift_date(found: str, offset: int) -> str | None:
    for pattern, kind in DATE_PATTERNS:
        m = pattern.fullmatch(found)
        if m is None:
            continue
        parsed = parse_date(m, kind)
        if not parsed:
            return None
        year, month, day = parsed
        if year is None:
            return None  # without a year the shifted day would be ambiguous
        if day is None:  # month precision: shift the middle of the month, keep month precision
            return (_dt.date(year, month, 15) + _dt.timedelta(days=offset)).strftime("%Y-%m")
        return (_dt.date(year, month, day) + _dt.timedelta(days=offset)).isoformat()
    return None

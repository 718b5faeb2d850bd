"""Identifier columns of a table: a column whose cells are person names, e-mail addresses,
phone numbers, social security or record numbers, dates, street addresses, web or IP addresses.

Such a column would become one-hot features, and one-hot category names are stored in the run
(featurizer.json, data.json) and shown in the report; :mod:`mednn.data.tabular` refuses it.
Each cell is judged alone (a table cell has no sentence around it), by whole-value patterns and
the shipped name lists (:mod:`mednn.data.wordlists`). Only counts are returned, never values.

>>> identifier_column(["Ann Lee", "Bo Chan", "Ann Lee", "Sara Diaz"])
('NAME', 3, 3)
>>> identifier_column(["maria lopez", "john o'brien", "sara diaz"])
('NAME', 3, 3)
"""

from __future__ import annotations

import ipaddress
import math
import re
from collections import Counter
from typing import Any, Iterable

from .wordlists import US_STATE_CODES, name_lists

COLUMN_TYPES: tuple[str, ...] = ("NAME", "EMAIL", "PHONE", "SSN", "ID", "DATE", "ADDRESS", "URL", "IP")
COLUMN_TYPE_WORDS = {
    "NAME": "person names", "EMAIL": "e-mail addresses", "PHONE": "phone numbers",
    "SSN": "social security numbers", "ID": "record numbers (MRN-like codes)", "DATE": "dates (e.g. of birth)",
    "ADDRESS": "street addresses", "URL": "web addresses", "IP": "IP addresses",
}

_UP, _LO = "A-ZÀ-ÖØ-ÞĀ-ſ", "a-zß-öø-ÿĀ-ſ"
_WORD = rf"(?:Mc|Mac|O['’]|D['’])?[{_UP}][{_LO}]+(?:[-'’][{_UP}]?[{_LO}]+)*"
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
          r"august|september|october|november|december)\.?")
_CELL_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("EMAIL", re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")),
    ("URL", re.compile(r"(?i:(?:https?|ftp)://\S+|www\.\S+|(?:[a-z0-9\-]+\.)+(?:com|org|net|edu|gov|io|uk|de)(?:/\S*)?)")),
    ("SSN", re.compile(r"\d{3}-\d{2}-\d{4}|\d{3} \d{2} \d{4}")),
    ("PHONE", re.compile(r"(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.\-])\d{3}[\s.\-]\d{4}(?:\s?(?:x|ext\.?)\s?\d{1,6})?"
                         r"|\+\d{1,3}(?:[\s.\-]?\(?\d{1,5}\)?){2,5}", re.I)),
    ("DATE", re.compile(rf"(?:19|20)\d\d([-/.])\d{{1,2}}\1\d{{1,2}}(?:[ T]\d\d:\d\d(?::\d\d)?)?"
                        rf"|\d{{1,2}}([-/.])\d{{1,2}}\2(?:19|20)?\d\d"
                        rf"|(?i:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+(?i:{_MONTH}),?\s+\d{{4}}")),
    ("ADDRESS", re.compile(rf"\d{{1,6}}[A-Za-z]?\s+(?:[A-Za-z0-9.'\-]+\s+){{1,4}}(?i:street|st|avenue|ave|road|rd|"
                           rf"boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|circle|parkway|highway)\.?"
                           rf"(?:,?\s+.*)?")),
    # record numbers: letters + at least 5 digits, or 6+ digits (a code such as E11.9 or I10 is not one)
    ("ID", re.compile(r"[A-Za-z]{0,4}[-#: ]?\d{5,}(?:-\d+)?|\d{6,}")),
)
_NAME_CELL = re.compile(rf"(?:{_WORD}(?:\s+[{_UP}]\.)?(?:\s+{_WORD}){{1,2}}|{_WORD},\s+{_WORD}(?:\s+[{_UP}]\.)?)")
_LONE_WORD = re.compile(_WORD)
# capitalised words that are categories in tables, never names ("White" as a race, "Will" a verb)
_CATEGORY_WORDS = frozenset(
    "White Black Asian Other Unknown Male Female Yes No Low Medium High Normal Abnormal Positive Negative "
    "Urban Rural Private Never Former Current Placebo Drug Stage Grade Type Class Level Site Group Arm "
    "Steady Up Down Present Absent None Mild Moderate Severe Left Right Day Night".split()
)


def _ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _is_name(text: str) -> bool:
    names = name_lists()

    def listed(word: str) -> bool:
        w = word.capitalize() if word.isupper() else word
        return (w in names.first or w in names.last) and w not in names.ambiguous and w not in _CATEGORY_WORDS

    words = [w for w in re.split(r"[\s,]+", text) if w and not w.endswith(".")]
    if _NAME_CELL.fullmatch(text):
        return any(listed(w) for w in words) and not any(w in _CATEGORY_WORDS for w in words)
    if text.islower() or text.isupper():
        return _is_uncased_name(text, names)
    # a lone word: a column of surnames or first names has no other context
    return bool(_LONE_WORD.fullmatch(text)) and listed(text)


def _is_uncased_name(text: str, names) -> bool:
    """A full name written in one case (``maria lopez``, ``JOHN O'BRIEN``, ``lopez, maria``):
    its capitals carry no evidence, so both parts must be listed, a first name as the given name
    and a surname as the family name, neither of them a clinical word ("grace", "will", "stone"
    are ambiguous) nor a table category. A lone word in one case is never a name here: lower-case
    columns of drugs, diagnoses and answers ("left", "yes") hold many words that are also rare
    names."""
    parts = [w.strip() for w in text.split(",")]
    if len(parts) == 2 and all(parts):  # "lopez, maria": the family name first
        family, given = parts[0].split(), parts[1].split()
    elif len(parts) == 1:
        words = text.split()
        given, family = words[:-1], words[-1:]
    else:
        return False
    if not 1 <= len(given) <= 2 or len(family) != 1 or not _NAME_CELL.fullmatch(" ".join([*given, *family]).title()):
        return False

    def clear(word: str, listed: frozenset) -> bool:
        forms = {word.title(), word.title().replace("'", "").replace("’", "").capitalize()}
        return (any(f in listed for f in forms) and not any(f in names.ambiguous or f in _CATEGORY_WORDS
                                                             for f in forms))

    return clear(given[0], names.first) and all(clear(w, names.last) for w in family[0].split("-"))


def identifier_kind(value: Any) -> str | None:
    """The identifier type that makes up one short cell value, else ``None``.

    >>> identifier_kind("Smith, John"), identifier_kind("Metformin")
    ('NAME', None)
    """
    text = str(value).strip()
    if not any(c.isalnum() for c in text) or len(text) > 120:
        return None
    if _ip(text):
        return "IP"
    for kind, pattern in _CELL_PATTERNS:
        if pattern.fullmatch(text):
            if kind == "ID" and text.upper() in US_STATE_CODES:
                continue
            return kind
    return "NAME" if _is_name(text) else None


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value).strip() == ""


def identifier_column(values: Iterable[Any], *, sample: int = 200, share: float = 0.6) -> tuple[str, int, int] | None:
    """Whether a text column holds identifiers: ``(type, n_like, n_sampled)`` or ``None``.

    Looks at up to ``sample`` distinct values (in order of appearance); the column is an
    identifier when at least ``share`` of them are identifiers of one type. Only counts are
    returned, never the values.
    """
    distinct: list[str] = []
    seen: set[str] = set()
    for v in values:
        if _missing(v):
            continue
        text = str(v).strip()
        if text not in seen:
            seen.add(text)
            distinct.append(text)
            if len(distinct) >= sample:
                break
    if not distinct:
        return None
    kinds = Counter(k for k in map(identifier_kind, distinct) if k is not None)
    if not kinds:
        return None
    kind, count = kinds.most_common(1)[0]
    needed = max(1, math.ceil(share * len(distinct) - 1e-9))
    return (kind, count, len(distinct)) if count >= needed else None

"""Tokens, casing shapes and BIO tags of the neural tagger (no torch here).

A token is a run of letters, a run of digits, or one other non-blank character, with its offsets
into the original text, so a predicted tag sequence maps back to character spans exactly.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache
from typing import Iterable, Sequence

TOKEN_RE = re.compile(r"[^\W\d_]+|\d+|[^\s\w]|_")
# the tagger's types are the engine's (spans.TYPES); the generators' gold types map onto them
TAG_TYPES: tuple[str, ...] = ("NAME", "LOCATION", "ADDRESS", "ZIP", "DATE", "AGE", "PHONE", "FAX", "EMAIL",
                              "SSN", "ID", "VEHICLE", "URL", "IP", "BIOMETRIC")
TAGS: tuple[str, ...] = ("O",) + tuple(f"{p}-{t}" for t in TAG_TYPES for p in "BI")
GOLD_TYPES = {"PATIENT": "NAME", "RELATIVE": "NAME", "CLINICIAN": "NAME", "HOSPITAL": "LOCATION",
              "YEAR": "DATE", "DOCTOR": "NAME", "CITY": "LOCATION", "STREET": "ADDRESS"}
MAX_CHARS = 16  # characters read per token (the first 16: enough for any name or code shape)
PAD, UNK = 0, 1
SHAPES = ("pad", "lower", "upper", "title", "mixed", "digits", "alnum", "punct", "other")
CHARS = "abcdefghijklmnopqrstuvwxyz0123456789.,;:!?'\"()[]{}<>/\\-_+=*&%$#@~|^`"


def tokens(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every token of ``text``."""
    return [m.span() for m in TOKEN_RE.finditer(text)]


def gold_type(kind: str) -> str | None:
    """The tagger type of a generator's gold type (``ID_MRN`` -> ``ID``); None if not PHI here."""
    kind = kind.upper()
    if kind.startswith("ID_"):
        return "ID"
    kind = GOLD_TYPES.get(kind, kind)
    return kind if kind in TAG_TYPES else None


def shape(word: str, line_start: bool) -> int:
    """Casing class of a token, doubled by whether it opens a line (headers, signatures)."""
    if word.isdigit():
        base = "digits"
    elif word.isalpha():
        base = ("lower" if word.islower() else "upper" if word.isupper() else
                "title" if word[0].isupper() and word[1:].islower() else "mixed")
    elif word.isalnum():
        base = "alnum"
    elif len(word) == 1:
        base = "punct"
    else:
        base = "other"
    return SHAPES.index(base) + (len(SHAPES) if line_start else 0)


N_SHAPES = 2 * len(SHAPES)
CHAR_INDEX = {c: i + 2 for i, c in enumerate(CHARS)}  # 0 pad, 1 unknown


def char_ids(word: str) -> list[int]:
    return [CHAR_INDEX.get(c, UNK) for c in word.lower()[:MAX_CHARS]]


def word_key(word: str) -> str:
    """The vocabulary key: lower case, digits folded (``1997`` and ``2031`` are one word)."""
    return "0" * min(len(word), 6) if word.isdigit() else word.lower()


@lru_cache(maxsize=65536)
def _token(word: str) -> tuple[str, int, tuple[int, ...]]:
    """Vocabulary key, shape (not at a line start) and padded character ids of a token."""
    ids = char_ids(word)
    return word_key(word), shape(word, False), tuple(ids + [PAD] * (MAX_CHARS - len(ids)))


def encode(text: str, vocabulary: dict[str, int]) -> tuple[list[tuple[int, int]], list[int], list[int], list[tuple[int, ...]]]:
    """Offsets, word ids, shape ids and character ids (padded to ``MAX_CHARS``) of the tokens of ``text``."""
    offsets = tokens(text)
    words, shapes, chars = [], [], []
    previous_end = 0
    for start, end in offsets:
        key, kind, ids = _token(text[start:end])
        line_start = previous_end == 0 or "\n" in text[previous_end:start]
        words.append(vocabulary.get(key, UNK))
        shapes.append(kind + (len(SHAPES) if line_start else 0))
        chars.append(ids)
        previous_end = end
    return offsets, words, shapes, chars


def bio_tags(offsets: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int, str]]) -> list[int]:
    """One tag id per token: a token overlapping a gold span is inside it (the first one begins it)."""
    tags = [0] * len(offsets)
    starts = [s for s, _ in offsets]

    for start, end, kind in sorted(spans):
        kind = gold_type(kind)
        if kind is None:
            continue
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        inside = []
        for i in range(first, len(offsets)):
            if offsets[i][0] >= end:
                break
            if start < offsets[i][1]:
                inside.append(i)
        for n, i in enumerate(inside):
            tags[i] = TAGS.index(f"{'B' if n == 0 else 'I'}-{kind}")
    return tags


def decode(offsets: Sequence[tuple[int, int]], tags: Sequence[int], text: str) -> list[tuple[int, int, str]]:
    """Character spans of a tag sequence: an ``I`` continues the span of the token just before
    it when that token has its type and no line break lies between them; otherwise it opens one."""
    spans: list[list] = []
    previous = None
    for (start, end), tag in zip(offsets, tags):
        if tag == 0:
            previous = None
            continue
        prefix, kind = TAGS[tag].split("-", 1)
        if prefix == "I" and previous == kind and "\n" not in text[spans[-1][1]:start]:
            spans[-1][1] = end
        else:
            spans.append([start, end, kind])
        previous = kind
    return [(s, e, k) for s, e, k in spans]


def vocabulary_of(docs: Iterable[tuple[str, Sequence[tuple[int, int, str]]]], min_count: int = 3) -> dict[str, int]:
    """Word keys seen at least ``min_count`` times OUTSIDE gold spans: surrogate names and codes
    stay unknown words, so the network must read them by their characters and their context
    (which is what carries to a new writer's names)."""
    counts: Counter[str] = Counter()
    for text, spans in docs:
        ranges = sorted((s, e) for s, e, _ in spans)
        for start, end in tokens(text):
            if not any(s < end and start < e for s, e in ranges):
                counts[word_key(text[start:end])] += 1
    keys = sorted(k for k, c in counts.items() if c >= min_count)
    return {k: i + 2 for i, k in enumerate(keys)}

"""Spans of protected health information: the typed record every recognizer returns, the
identifier types, and the rule that picks one span where several overlap.

A span is ``(start, end, type)`` with offsets into the original text; it never holds the
text itself, so it can be written to a file or a log.
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from .vocabulary import FUNCTION_WORDS

# The identifier types, with the HIPAA Safe Harbor item(s) each one covers
# (45 CFR 164.514(b)(2)(i) A-R):
TYPES: tuple[str, ...] = (
    "NAME",      # A names (patients, relatives, clinicians)
    "LOCATION",  # B geographic subdivisions smaller than a state: cities, towns, hospitals, wards
    "ADDRESS",   # B street addresses
    "ZIP",       # B ZIP codes
    "DATE",      # C dates (and years) directly related to the person
    "AGE",       # C ages over 89
    "PHONE",     # D telephone numbers
    "FAX",       # E fax numbers
    "EMAIL",     # F e-mail addresses
    "SSN",       # G social security numbers
    "ID",        # H-K, M, R medical record, health plan, account, licence, device and other numbers
    "VEHICLE",   # L vehicle identifiers: VINs, licence plates
    "URL",       # N web addresses
    "IP",        # O IP addresses
    "BIOMETRIC", # P biometric identifiers (voiceprint, fingerprint, retina ids)
)
# when two findings overlap, the lower number wins (then the longer span): an e-mail address
# contains a name, a street address contains a number, a URL contains digits that look like a date
# KEEP marks text a recognizer knows is not PHI (the state between an address's town and its ZIP
# code): it is never returned, and no other finding may cover it
KEEP = "KEEP"
PRIORITY = {KEEP: -1, "EMAIL": 0, "URL": 1, "IP": 2, "SSN": 3, "FAX": 4, "PHONE": 4, "VEHICLE": 5, "BIOMETRIC": 5,
            "ADDRESS": 5, "DATE": 6, "ID": 7, "ZIP": 8, "AGE": 9, "LOCATION": 10, "NAME": 11}


class Span(NamedTuple):
    """One found identifier: ``text[start:end]`` is of ``type``. Equal to a plain tuple."""

    start: int
    end: int
    type: str


def _uncovered(start: int, end: int, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The longest part of ``[start, end)`` that no taken range covers (None if under 2 characters)."""
    pieces = [(start, end)]
    for s, e in taken:
        if s < end and start < e:
            pieces = [p for a, b in pieces for p in ((a, min(b, s)), (max(a, e), b)) if p[1] - p[0] > 0]
    best = max(pieces, key=lambda p: p[1] - p[0], default=None)
    if best == (start, end):
        return best  # not cut: a one-letter initial stays
    return best if best is not None and best[1] - best[0] >= 2 else None


def resolve(candidates: Iterable[tuple[int, int, str]], keep: frozenset[str],
            taken: list[tuple[int, int]] = (), text: str | None = None) -> list[Span]:
    """Sorted, disjoint spans of the wanted types: overlaps go to the higher priority, then the
    longer span, and what is left of a partly covered span is kept ("Hospital San Carlos" beside
    an address that starts inside it); ``taken`` ranges (placeholders already in the text) are
    never matched again."""
    chosen: list[Span] = []
    taken = list(taken)
    # the type name last: equal spans of tied types (FAX, PHONE) must not depend on set order
    ordered = sorted(set(candidates), key=lambda s: (PRIORITY[s[2]], -(s[1] - s[0]), s[0], s[2]))
    for start, end, kind in ordered:
        if kind == KEEP:
            taken.append((start, end))
            continue
        if kind not in keep and not (kind == "FAX" and "PHONE" in keep):
            continue
        piece = _uncovered(start, end, taken) if start < end else None
        if piece is None:
            continue
        cut = piece != (start, end)
        start, end = piece
        if cut and text is not None:  # a cut piece does not start or end in blanks or punctuation
            while start < end and not text[start].isalnum():
                start += 1
            while end > start and not text[end - 1].isalnum():
                end -= 1
            if end - start < 2 or text[start:end].capitalize() in FUNCTION_WORDS:
                continue  # "M" of "AM", "THE" before a hospital's name: what is left is no identifier
            if kind in ("ID", "VEHICLE") and not any(c.isdigit() for c in text[start:end]):
                continue  # a label left of a code another finding took ("VRN" of "VRN HP20 NND") (numbers10),
                # a plate's letters left of a document's year ("rev" of "(rev 2023)") (numbers12)
        chosen.append(Span(start, end, kind))
        taken.append((start, end))
    return sorted(chosen)


# a word joined to a name by a hyphen is part of it ("Jean-Baptiste", "Gagnon-Roy"), unless it is a
# prefix of ordinary words ("non-Hodgkin", "anti-Smith antibodies", "post-Whipple")
_HYPHEN_BEFORE = re.compile(r"(?<![\w\-])([^\W\d_]{2,})-$")
_HYPHEN_AFTER = re.compile(r"^-([^\W\d_]{2,})(?![\w\-])")
_PREFIXES = frozenset("non anti post pre ex co semi mid pro re sub de un pseudo para peri trans inter intra "
                      "extra hyper hypo neo multi self".split())


def hyphen_joined(text: str, candidates: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Each NAME candidate widened over a word joined to it by a hyphen (trial 7: "Jean-Baptiste
    Lefèvre" left "Jean-" behind)."""
    out = []
    for start, end, kind in candidates:
        if kind != "NAME":
            continue
        before = _HYPHEN_BEFORE.search(text, max(0, start - 40), start)
        if before is not None and before.group(1).lower() not in _PREFIXES:
            out.append((before.start(), end, kind))
        after = _HYPHEN_AFTER.match(text, end)
        if after is not None and after.group(1).lower() not in _PREFIXES:
            out.append((start, after.end(), kind))
    return out

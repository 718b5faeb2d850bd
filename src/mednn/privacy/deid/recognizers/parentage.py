"""A name joined to the father's by "son of / daughter of", as Indian, Malaysian and Singaporean records write
them: "TAN AH KOW S/O TAN BENG", "Muthu S/O Ramasamy", "Kumar A/L Subramaniam" (anak lelaki), "Devi A/P Muniandy"
(anak perempuan). The whole is one name when each side holds a word no dictionary holds or a listed name; "CXR
S/O PNEUMONIA" ("suggestive of") and "CT W/O CONTRAST" ("w/o" is "without", never a marker here) stay.
(probe14n, 2026-12-08, from a probe of name forms written from knowledge.)
"""

from __future__ import annotations

import re

from ..words import LETTERS, WORD_RE

_CAP_WORD = rf"[A-Z][{LETTERS}'’\-]*"
PARENTAGE_RE = re.compile(rf"(?P<a>(?:{_CAP_WORD}[ \t]+){{0,3}}{_CAP_WORD})[ \t]+(?i:s/o|d/o|a/l|a/p)[ \t]+"
                          rf"(?P<b>{_CAP_WORD}(?:[ \t]+{_CAP_WORD}){{0,3}})")


def _personal(word: str, judge) -> bool:
    return judge.status(word) != "safe" or judge.listed_first_name(word) or word.capitalize() in judge.lexicon.last


def _ordinary(word: str, judge) -> bool:
    # a dictionary word that is no name ("Patient", "admitted"); a syllable in capitals may be one ("TAN AH KOW")
    return not _personal(word, judge) and not (len(word) <= 3 and word.isupper())


def _side(text: str, m: re.Match, group: str, judge) -> tuple[int, int] | None:
    """The words of one side nearest the marker, up to the first ordinary word; None without a personal one."""
    words = list(WORD_RE.finditer(m.group(group)))
    keep = []
    for w in (reversed(words) if group == "a" else words):
        if _ordinary(w.group(), judge):
            break
        keep.append(w)
    if not any(_personal(w.group(), judge) for w in keep):
        return None
    offset = m.start(group)
    return min(offset + w.start() for w in keep), max(offset + w.end() for w in keep)


def parentage(text: str, judge) -> list[tuple[int, int, str]]:
    """Each "X S/O Y" whose two sides are names, as one NAME span."""
    spans = []
    for m in PARENTAGE_RE.finditer(text):
        a, b = _side(text, m, "a", judge), _side(text, m, "b", judge)
        if a and b:
            spans.append((a[0], b[1], "NAME"))
    return spans

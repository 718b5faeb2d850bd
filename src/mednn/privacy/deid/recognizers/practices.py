"""Outpatient practices named after a town or a person: "Fall River Internal Medicine",
"Tran Pulmonary Associates", "ROGGE NEUROLOGY GROUP", "Sandwich Primary Care", in any casing.

The practice's kind ("Internal Medicine", "<specialty> Associates") is ordinary vocabulary, so
the capitalised words just before it are what identifies the place; a kind with nothing specific
before it ("the Family Medicine clinic", "Department of Internal Medicine") is left alone.
"""

from __future__ import annotations

import re

from ..vocabulary import Lexicon, is_common
from ..words import LETTERS
from . import recognizer
from .hospitals import BOUNDARY, DESCRIPTIVE

_SPECIALTY = (r"pulmonary|pulmonology|cardiology|cardiac|neurology|oncology|orthopa?edic|urology|nephrology|"
              r"gastroenterology|dermatology|rheumatology|endocrinology|surgical|pediatric|women's|eye|ent|"
              r"medical|family|internal\s+medicine|primary\s+care|psychiatry|behavioral\s+health")
KIND_RE = re.compile(
    rf"(?i:\b(?:(?:{_SPECIALTY})[ \t]+(?:associates|group|partners|specialists|practice|physicians)|"
    r"(?:family|internal)[ \t]+medicine|primary[ \t]+care|family[ \t]+practice|pediatrics|orthopa?edics|"
    r"(?:rehab|rehabilitation)[ \t]+cent(?:er|re)|senior[ \t]+living|dialysis[ \t]+unit|"
    r"community[ \t]+health[ \t]+cent(?:er|re))\b)")
_WORD_BEFORE = re.compile(rf"(?<![^\s(\[,;:/])(?P<w>[{LETTERS}][{LETTERS}'’.\-]*)[ \t]+$")
# words that stop the walk back (articles, prepositions, and the kinds' own words)
_STOP = BOUNDARY | DESCRIPTIVE | frozenset("""
dr dr. md do np pa rn pcp by see seen called via visit visits clinic office department dept division
labs lab follow follow-up followup up with and & primary family internal
""".split())


def _specific(word: str, lexicon: Lexicon) -> bool:
    """A capitalised word that is not ordinary, or a lower-case one outside the safe vocabulary."""
    if word.lower().rstrip(".") in _STOP or is_common(word):
        return False
    return word[0].isupper() or (word.lower() not in lexicon.safe or lexicon.known(word))


def _owner(text: str, kind: re.Match, lexicon: Lexicon) -> int | None:
    """Start of the one to three specific words before a practice's kind, or None."""
    start, words = kind.start(), 0
    while words < 3:
        m = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if m is None:
            break
        word = m.group("w")
        if not _specific(word, lexicon):
            break
        start, words = m.start("w"), words + 1
    return start if words else None


@recognizer("practice", "LOCATION", languages=("en",))
def find_practices(text: str, lexicon: Lexicon):
    spans = []
    for kind in KIND_RE.finditer(text):
        start = _owner(text, kind, lexicon)
        if start is not None:
            spans.append((start, kind.end(), "LOCATION"))
    return spans

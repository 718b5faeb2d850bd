"""A found name widened over the listed name words beside it (trial 11: "Patient JOHN SMITH"
in a mixed-case note became "[NAME] SMITH", "grace fitzgerald" became "grace [NAME]", "tom
o'neill" kept "tom"): the words of one person's name are read together, in any casing.

A word joins the name on its right when it is a listed surname or first name (ambiguous ones
included: "Grace", "Hope"), or has a surname's particle shape ("O'Neill", "McAllister",
"D'Arcy"); on its left when it is a listed first name. In a line of mixed case it must be
capitalised (or all capitals) unless it is an unambiguous listed name ("tom"); in a line written
in one case, or in the casing of the name it joins ("grace fitzgerald"), any word of those lists
joins. Clinical words ("Aline", "Foley") never join. Two more facts of how names are written: a
surname with an apostrophe after O or D is a name in any casing when its letters are a listed
surname ("o'neill", "D'ARCY"), and a found surname or particle name is the same name wherever it
stands in the note, in any casing ("Mr O'Neill ... TOM O'NEILL").
"""

from __future__ import annotations

import re
from typing import Iterable

from .vocabulary import CLINICAL_HOMOGRAPHS, Lexicon
from .words import line_modes

_WORD = r"[A-Za-z][A-Za-z'’]*[A-Za-z](?:-[A-Za-z][A-Za-z'’]*[A-Za-z])?"
# one space: two spaces or a tab is a column's gap, the next cell ("OLAFSDOTTIR  PORTER"; names11, 2026-12-07)
_AFTER = re.compile(rf"[ ]({_WORD})(?![\w'’\-])")
_BEFORE = re.compile(rf"(?<![\w'’\-])({_WORD})[ ]$")
_PARTICLE = re.compile(r"(?i:o['’]|mc|mac|d['’]|fitz)[a-z]{3,}")
_STEPS = 2  # words added on each side at most ("MARY ELLEN O'CONNOR")


def _title(part: str) -> str:
    return part[:1].upper() + part[1:].lower()


def _same_case(a: str, b: str) -> bool:
    return (a.islower() and b.islower()) or (a.isupper() and b.isupper())


def _joins(word: str, lexicon: Lexicon, one_case: bool, side: str, beside: str) -> bool:
    parts = word.split("-")
    if any(_title(p) in CLINICAL_HOMOGRAPHS for p in parts):
        return False
    if side == "after" and any(p.lower() in lexicon.core and not lexicon.known(p) for p in parts):
        return False  # "Smith Foley catheter": a clinical word after a name
    if not (one_case or word[0].isupper() or _same_case(word, beside) or all(lexicon.known(p) for p in parts)):
        return False
    if side == "after" and all(_PARTICLE.fullmatch(p.replace("’", "'")) for p in parts):
        return True
    lists = (lexicon.first,) if side == "before" else (lexicon.first, lexicon.last)  # no union built per word
    return all(any(_title(p) in names or _title(re.sub(r"['’]", "", p)) in names for names in lists) for p in parts)


_APOSTROPHE_NAME = re.compile(r"(?<![\w'’\-])(?i:[od])['’][A-Za-z]{3,}(?![\w'’\-])")


def _particle_names(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), "NAME") for m in _APOSTROPHE_NAME.finditer(text)
            if _title(re.sub(r"['’]", "", m.group())) in lexicon.last]


def words_elsewhere(text: str, words: set[str], possessive: str = "s", any_case: bool = False
                    ) -> list[tuple[int, int, str]]:
    """Every whole-word occurrence of ``words`` in ``text`` as a NAME, also in a possessive written
    with or without its apostrophe ("Smith's", "Iriss stepson", "Yusufs niece"); ``possessive`` is
    the pattern of its ending; ``any_case``: in any casing ("Mr O'Neill ... TOM O'NEILL"). The one
    rule of every recognizer that copies a found name's words over the note.

    >>> words_elsewhere("Smith called. Smith's son too.", {"Smith"})
    [(0, 5, 'NAME'), (14, 19, 'NAME')]
    """
    if not words:
        return []
    pattern = re.compile(r"(?<![\w'’\-])" + ("(?i:" if any_case else "(?:")
                         + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                         + rf")(?=(?:['’]?{possessive})?(?![\w\-]))")
    return [(m.start(), m.end(), "NAME") for m in pattern.finditer(text)]


def _elsewhere(text: str, spans: list[tuple[int, int, str]], lexicon: Lexicon) -> list[tuple[int, int, str]]:
    words = {w.lower() for s, e, _ in spans for w in re.findall(_WORD, text[s:e])
             if _APOSTROPHE_NAME.fullmatch(w) or (len(w) > 3 and lexicon.known(w))}
    return words_elsewhere(text, words, possessive="[sS]", any_case=True)


_FULL_NAME = re.compile(r"(?P<given>[A-Z][a-z]{2,})[ ][A-Z][a-z'’\-]+[A-Za-z]")


def _given_names_elsewhere(text: str, spans: list[tuple[int, int, str]], lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """A listed given name that is also a word ("Rose", "Hope"), found opening a full name in title case ("Rose
    Ashworth"), is that person wherever else the note writes it in title case ("Rose is a part-time ...",
    "recognise Rose."): the other rules copy only words no dictionary holds (names13; on sets 4-12 all 213 such
    copies of the writers' full names are people)."""
    words = set()
    for s, e, _ in spans:
        m = _FULL_NAME.match(text, s, e)
        if m and m.group("given") in lexicon.first and m.group("given") not in CLINICAL_HOMOGRAPHS:
            words.add(m.group("given"))
    return words_elsewhere(text, words, possessive="s")


def name_neighbours(text: str, candidates: Iterable[tuple[int, int, str]], lexicon: Lexicon
                    ) -> list[tuple[int, int, str]]:
    """Names by their apostrophe, found names elsewhere in any casing, and each name widened over
    the name words beside it (see the module's docstring)."""
    found = [c for c in candidates if c[2] == "NAME"]
    out = _particle_names(text, lexicon)
    out += _elsewhere(text, found + out, lexicon)
    out += _given_names_elsewhere(text, found, lexicon)
    modes = line_modes(text)
    for start, end, kind in found + out:  # a new list: the widened spans appended to out are not re-read
        mode = next((m for a, b, m in modes if a <= start < b), "mixed")
        one_case = mode in ("upper", "lower")
        new_start, new_end = start, end
        for _ in range(_STEPS):
            after = _AFTER.match(text, new_end)
            if after is None or not _joins(after.group(1), lexicon, one_case, "after", text[new_start:new_end].split()[-1]):
                break
            new_end = after.end(1)
        for _ in range(_STEPS):
            before = _BEFORE.search(text, max(0, new_start - 40), new_start)
            if before is None or not _joins(before.group(1), lexicon, one_case, "before", text[new_start:new_end].split()[0]):
                break
            new_start = before.start(1)
        if (new_start, new_end) != (start, end):
            out.append((new_start, new_end, "NAME"))
    return out

"""An institution's acronym (rule 12 of :mod:`.institutions`, since the places6 pass of 2026-12-07, from the
misses of set 5): a code in brackets after a named institution, a bracketed code spelled out by the
institution words before it, and the initials of a named institution wherever they recur in the note.

Not a recognizer: the engine runs :func:`institution_acronyms` over every recognizer's candidates, since the
institution that gives the initials may be found by any of them.
"""

from __future__ import annotations

import re

from ..words import LETTERS, casing, line_at
from .institutions import NOT_A_CODE

# -- places6 pass (2026-12-07): an institution's acronym ------------------------------------------
# 12. A writer who names an institution once in full often gives its acronym in brackets after it
# ("Cedar Wells Regional Medical Centre (CWRMC)", "Singh Cancer Institute, SCI ED bay 4") and then
# uses the acronym alone ("per CWRMC policy", "antibody card from cwrmc"). An acronym made of the
# initials of an institution named in the same note IS that institution, anywhere in the note; a
# code in brackets just after a named institution is its code whatever its letters are.
_BRACKET_CODE_RE = re.compile(r"[ \t]*\n?[ \t]*\([ \t]*(?P<code>[A-Z]{2,6}|[a-z]{2,6})[ \t]*\)")
_COMMA_CODE_RE = re.compile(r",[ \t]*(?P<code>[A-Z]{2,6})(?![\w\-])")
_NAME_PART_RE = re.compile(rf"[{LETTERS}][{LETTERS}'’.]*|&")
_LINK_WORDS = frozenset("of the and & at for de del la las los y".split())
# the kind a code in brackets may name instead of the institution ("Health Center (FQHC)") is a
# code still: marking it costs little; but settings and credentials in brackets are not codes
_NOT_AN_ACRONYM = NOT_A_CODE | frozenset("ed er icu ccu or ir pacu nicu picu micu sicu opd ipd ltc snf".split())


def _initials(name: str) -> set[str]:
    """The first letters of a name's words, with and without the linking words: "Cairo Kidney &
    Transplant Center" -> "cktc"; "U of Athens" -> "uoa", "ua"; "Wood-Grant Heart Institute" -> "wghi"."""
    words = [w for w in _NAME_PART_RE.findall(name.replace("-", " ")) if w]
    every = "".join(w[0] for w in words if w != "&").lower()
    content = "".join(w[0] for w in words if w.lower() not in _LINK_WORDS).lower()
    return {i for i in (every, content) if len(i) >= 2}


# an institution spelled out before its code: "Denmark Kidney & Transplant Center (DKTC)"; the words
# must hold a kind of institution, or "chronic obstructive pulmonary disease (COPD)" would be a place
_SPELLED_CODE_RE = re.compile(r"\([ \t]*(?P<code>[A-Z]{2,6}|[a-z]{2,6})[ \t]*\)")
_INSTITUTION_WORDS = frozenset("""hospital hospitals center centre clinic institute infirmary service services
pavilion tower associates partners practice trust hospice vamc university children's childrens""".split())
# national and international bodies are no patient's institution: "National Cancer Institute (NCI)"
_NATIONAL = frozenset("national american international world european british canadian australian united federal".split())


def _spelled_out(text: str, m: re.Match, lexicon) -> tuple[int, int] | None:
    """Start and end of the words before ``m`` whose initials are its code, when they name an institution."""
    line_start = max(text.rfind("\n", 0, m.start()) + 1, m.start() - 100)
    words = list(re.finditer(rf"[{LETTERS}][{LETTERS}'’.]*|&", text[line_start:m.start()]))
    letters, used = list(m.group("code").lower()), []
    for w in reversed(words):
        if not letters:
            break
        parts = w.group().split("-")
        if w.group().lower() in _LINK_WORDS:
            used.append(w)
            continue
        if len(parts) > 1 and [p[:1].lower() for p in parts] == letters[-len(parts):]:
            del letters[-len(parts):]
        elif w.group()[0].lower() == letters[-1]:
            letters.pop()
        else:
            return None
        used.append(w)
    while used and used[-1].group().lower() in _LINK_WORDS:
        used.pop()  # "the" before the name is not part of it
    named = [w.group().lower().rstrip(".") for w in used]
    # a practice named by its specialty needs a name in it ("Price & Prescott Dermatology"; not "American
    # Academy of Dermatology (AAD)")
    practice = any(w.endswith("ology") for w in named) and any(w not in lexicon.safe or lexicon.known(w) for w in named)
    if letters or len(used) < 2 or not (named[0] in _INSTITUTION_WORDS or practice) or named[-1] in _NATIONAL:
        return None  # the name ends with its kind ("Children's Orientation and Amnesia Test (COAT)" does not)
    if casing(line_at(text, m.start())) == "mixed" and not all(w.group()[0].isupper() or w.group().lower() in _LINK_WORDS
                                                                for w in used):
        return None  # "open heart surgery (OHS)": a name is capitalised in a mixed-case note
    between = [text[line_start + b.end():line_start + a.start()] for a, b in zip(used, used[1:])]
    if any(not re.fullmatch(r"[ \t]+|[ \t]*[-&][ \t]*|[ \t]+(?:&|and)[ \t]+", g) for g in between):
        return None  # "Surveillance, Epidemiology, and End Results (SEER)": a list, not one name
    if text[line_start + used[0].end():m.start()].strip():
        return None  # the code stands right after the name
    return line_start + used[-1].start(), line_start + used[0].end()


def institution_acronyms(text: str, candidates, lexicon) -> list[tuple[int, int, str]]:
    """Rule 12: the codes of the institutions (LOCATION candidates of two words or more) named in
    ``text``: in brackets or after a comma just after the name, and the name's initials anywhere
    (upper case, or lower case when the word is no safe vocabulary; a two-letter code or a clinical
    acronym such as "ECG" only just after the name)."""
    spans, initials = [], set()
    for m in _SPELLED_CODE_RE.finditer(text):
        found = None if m.group("code").lower() in _NOT_AN_ACRONYM else _spelled_out(text, m, lexicon)
        if found:
            spans += [(found[0], found[1], "LOCATION"), (m.start("code"), m.end("code"), "LOCATION")]
            initials.add(m.group("code").lower())
    for start, end, kind in candidates:
        parts = _NAME_PART_RE.findall(text[start:end])
        if kind != "LOCATION" or len(parts) < 2 or parts[0].lower() in _NATIONAL:
            continue
        own = _initials(text[start:end])
        initials |= own
        m = _BRACKET_CODE_RE.match(text, end) or _COMMA_CODE_RE.match(text, end)
        if m is None:
            continue
        code = m.group("code")
        bracket = m.group().lstrip(" \t\n").startswith("(")
        if code.lower() in own or (bracket and code.lower() not in _NOT_AN_ACRONYM):
            spans.append((m.start("code"), m.end("code"), "LOCATION"))
    for code in initials:
        if len(code) < 3 or code in _NOT_AN_ACRONYM:
            continue
        for m in re.finditer(rf"(?<![\w\-/])(?i:{re.escape(code)})(?![\w\-/])", text):
            word = m.group()
            if word.isupper() and (code not in lexicon.safe or not _clinical_acronym(code, lexicon)):
                spans.append((m.start(), m.end(), "LOCATION"))
            elif word.islower() and code not in lexicon.safe:
                spans.append((m.start(), m.end(), "LOCATION"))
    return spans


def _clinical_acronym(code: str, lexicon) -> bool:
    """"ECG", "CAP", "MRI": an acronym the clinical vocabulary holds reads as clinical away from its name."""
    return code in lexicon.core

"""Outpatient practices named after a town or a person: "Fall River Internal Medicine",
"Tran Pulmonary Associates", "ROGGE NEUROLOGY GROUP", "Sandwich Primary Care", in any casing.

The practice's kind ("Internal Medicine", "<specialty> Associates") is ordinary vocabulary, so
the capitalised words just before it are what identifies the place; a kind with nothing specific
before it ("the Family Medicine clinic", "Department of Internal Medicine") is left alone.
"""

from __future__ import annotations

import re

from ..vocabulary import Lexicon, is_common
from ..words import LETTERS, casing, line_at
from . import recognizer
from .hospitals import BOUNDARY, DESCRIPTIVE, PLACE_PREFIX, PLACE_SUFFIX, STRONG_HEADS
from .service_titles import service_title

_SPECIALTY = (r"pulmonary|pulmonology|cardiology|cardiac|neurology|oncology|orthopa?edic|urology|nephrology|"
              r"gastroenterology|dermatology|rheumatology|endocrinology|surgical|pediatric|women's|eye|ent|"
              r"medical|family|internal\s+medicine|primary\s+care|psychiatry|behavioral\s+health")
KIND_RE = re.compile(
    rf"(?i:\b(?:(?:{_SPECIALTY})[ \t]+(?:associates|group|partners|specialists|practice|physicians)|"
    r"(?:family|internal)[ \t]+medicine|primary[ \t]+care|family[ \t]+practice|pediatrics|orthopa?edics|"
    r"(?:rehab|rehabilitation)[ \t]+cent(?:er|re)|senior[ \t]+living|dialysis[ \t]+unit|"
    # (places7) a practice, a home or a clinic of Britain, Ireland, Australia, New Zealand: "Evergreen Rest Home",
    # "Long Health Clinic", "Ward Medical Practice", "Tannery Road Surgery" (see _gp_surgeries for "surgery")
    r"(?:rest|care|nursing|residential)[ \t]+home|health[ \t]+clinic|medical[ \t]+practice|"
    r"community[ \t]+health[ \t]+cent(?:er|re))\b)")
# (places8) spaces only between a name's words: a tab separates an export's cells ("name\tmrn\tdob\tclinic")
_WORD_BEFORE = re.compile(rf"(?<![^\s(\[,;:/])(?P<w>[{LETTERS}][{LETTERS}'’.\-]*) +$")
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


_HOME_KIND = re.compile(r"(?i:(?:rest|care|nursing|residential)[ \t]+home|health[ \t]+clinic|medical[ \t]+practice)")
# (places7) a practice named after its street: "Weaver Street Family Practice", "Pilgrim Road Primary Care"
_STREET_WORD = re.compile(r"(?i:street|st\.?|road|rd\.?|lane|avenue|square|place|court|close|crescent|terrace|row|"
                          r"gardens|bank|hill|park|green|way|drive|parade|mews|marg)")


def _owner(text: str, kind: re.Match, lexicon: Lexicon) -> int | None:
    """Start of the one to three specific words before a practice's kind, or None; a street's type just
    before the kind counts when a specific word names the street."""
    start, pos, words, street = kind.start(), kind.start(), 0, False
    while words < 3:
        m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
        if m is None:
            break
        word = m.group("w")
        if not _specific(word, lexicon):
            if words or street or not _STREET_WORD.fullmatch(word) or not word[0].isupper():
                break
            street, pos = True, m.start("w")
            continue
        start = pos = m.start("w")
        words += 1
    return start if words else None


# -- in a line written in one case ---------------------------------------------------------------
# "fall river internal medicine", "SACRED HEART HOSPITAL", "(mwf, white family medicine)": no
# capitals say where the name starts, so its place in the line does: the words between the start of
# the line, a comma, a bracket, a colon or "at / to / from / re: / the" and the kind or the hospital
# word are the name, when one of them is not clinical vocabulary, is a name or a place word, or the
# line is a letterhead (the name alone on it)
ONE_CASE_HEAD_RE = re.compile(
    rf"(?i:\b(?:(?:memorial|community|general|regional)[ \t]+)?(?:{STRONG_HEADS})\b)")
# (places8) and a wide gap between the fields of a wristband or a fixed-width export ("ADM:3/20/95  X COTTAGE HOSPITAL  ATT:")
_LEFT_EDGE = re.compile(r"(?:^|\n)[ \t]*(?:[-*•][ \t]*)?$|[,(:;][ \t]*$|(?i:\b(?:at|to|from|re:?|the|with|admit|admitted))[ \t]+$"
                        r"|\S[ \t]{2,}$")
_PLACE_WORD = re.compile(rf"(?i:{PLACE_PREFIX}|{PLACE_SUFFIX}|river|ville|port|ford|field|ham|ton|bury|borough)$")
_LETTERHEAD_END = re.compile(r"[ \t]*(?:$|\n|[ \t]-[ \t])")


_NOT_IN_A_NAME = frozenset("""
had has have also be been are do did does not no yes then when while after before since until if but who which that
were was is being having get got gets went go goes attend attended attends need needs needed needing
""".split())


def _one_case_owner(text: str, kind: re.Match, lexicon: Lexicon, stop: frozenset[str]) -> int | None:
    """Start of the name before a practice's kind or a hospital word in a one-case line, or None."""
    pos, found = kind.start(), []
    while len(found) < 4:
        m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
        word = m.group("w") if m else ""
        if m is None or word.lower().rstrip(".:") in stop | _NOT_IN_A_NAME or word.endswith((".", ":")):
            break  # "cases. hospital", "hyperreactors also had clinic": a sentence's words, not a name
        pos = m.start("w")
        found.append(m)
    while found and found[-1].group("w").lower() in DESCRIPTIVE:
        found.pop()  # "the community hospital", "at local primary care": no name before the kind
    if not found:
        return None
    start, words = found[-1].start("w"), [m.group("w") for m in found]
    if not _LEFT_EDGE.search(text[max(0, start - 12):start]):
        return None  # "pt has primary care": a word of the sentence, not a name
    letterhead = (not text[text.rfind("\n", 0, start) + 1:start].strip(" \t-*•")
                  and _LETTERHEAD_END.match(text, kind.end()) is not None)
    telling = any(w.lower() not in lexicon.core or lexicon.known(w) or w.lower() in lexicon.name_words
                  or _PLACE_WORD.search(w) for w in words if w.lower() not in DESCRIPTIVE)
    return start if telling or letterhead else None


def _one_case_names(text: str, lexicon: Lexicon, spans: list) -> None:
    # a hospital's name may hold "family" or "primary" ("Holy Family Hospital"); a practice's may not
    for rule, stop in ((KIND_RE, _STOP - DESCRIPTIVE), (ONE_CASE_HEAD_RE, (_STOP - DESCRIPTIVE) - {"family", "primary"})):
        for kind in rule.finditer(text):
            line_start = text.rfind("\n", 0, kind.start()) + 1
            line_end = text.find("\n", kind.end())
            if casing(text[line_start:line_end if line_end >= 0 else len(text)]) == "mixed":
                continue
            start = _one_case_owner(text, kind, lexicon, stop)
            if start is not None and start >= line_start:
                spans.append((start, kind.end(), "LOCATION"))


# (places6) a British GP practice is "<name> Surgery" ("Market Square Surgery", "The Old Forge Surgery"),
# named with ordinary words; "surgery" after a kind of operation or a specialty is clinical ("General Surgery",
# "Cardiothoracic Surgery", "day surgery"), so the name is read only where a practice stands: after "at / to /
# from", in brackets, or opening its line (a letterhead), and never with a word shaped like an adjective
SURGERY_RE = re.compile(rf"(?P<name>(?:[{LETTERS}][{LETTERS}'’\-]+[ \t]+){{1,4}})(?i:surgery)(?![\w\-])")
_PRACTICE_EDGE = re.compile(r"(?:(?i:\b(?:at|to|from|with))[ \t]+|\([ \t]*|(?:^|\n)[ \t]*)$")
_NOT_A_PRACTICE = re.compile(r"(?i:.*(?:al|ar|ic|ive|ary|ory|ous|ed|ing)|day|minor|major|hand|eye|foot|spine|breast|mohs|"
                             r"neuro|trauma|transplant|weight|loss|same|robotic|dental|cancer|heart|brain|hip|knee|bowel|"
                             r"cataract|sinus|back|joint|shoulder|ear|nose|throat|skin|laser|keyhole|emergency|elective|"
                             r"further|previous|prior|recent|more|no|any|post|pre|urgent|planned|scheduled|booked|"
                             r"general|plastic|oral|eye|"
                             # (places13) a practice named only by its doctor's kind is no name ("(GP SURGERY RE <name>)")
                             r"gps?|doctors?['’]?s?|local)")


def _gp_surgeries(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    spans = []
    for m in SURGERY_RE.finditer(text):
        words = list(re.finditer(r"\S+", m.group("name")))
        for k in range(len(words)):  # the longest run of words that a practice's edge opens
            first = m.start("name") + words[k].start()
            edge = text[max(0, first - 20):first]
            lead = words[k].group().lower() == "the"
            if not _PRACTICE_EDGE.search(edge):
                continue
            named = [w.group() for w in words[k + lead:]]
            if not named or any(_NOT_A_PRACTICE.fullmatch(w) or w.lower() in BOUNDARY or w.lower() in _NOT_IN_A_NAME
                                for w in named):
                continue
            mixed = casing(line_at(text, m.start())) == "mixed"
            if mixed and not all(w[0].isupper() for w in named + [text[m.end() - 7:m.end()]]):
                continue  # "at risk surgery", "to have surgery": a sentence's words
            if not mixed and all(p.lower() in lexicon.core for w in named for p in w.split("-")):
                continue  # in one case: "TO OUTPATIENT STRABISMUS SURGERY", "for gi surgery" are clinical words
            spans.append((first, m.end(), "LOCATION"))
            break
    return spans


@recognizer("practice", "LOCATION", languages=("en",))
def find_practices(text: str, lexicon: Lexicon):
    spans = []
    for kind in KIND_RE.finditer(text):
        if _HOME_KIND.fullmatch(kind.group()) and not kind.group()[0].isupper():
            continue  # "needs care home placement", "lives in a rest home": what, not which
        start = _owner(text, kind, lexicon)
        if start is not None:
            spans.append((start, kind.end(), "LOCATION"))
    _one_case_names(text, lexicon, spans)
    return [span for span in spans + _gp_surgeries(text, lexicon) if not service_title(text, span, lexicon)]

"""The allow-list recognizer: every word not known to be safe vocabulary is a candidate.

Per line, by its casing (:func:`..words.line_modes`):
* a listed name (1990 Census, unambiguous) is a name in any casing ("smith", "SMITH");
* an unknown word (not in the dictionary, the clinical list or their inflections) is a name
  when capitalised in mixed-case text, and in a note written all in capitals or all in lower
  case when it has four letters or more and is not a one-letter typo of a safe word;
* a name that is also a dictionary word ("Porter", "Glass") is a name only beside another
  name, or capitalised inside a mixed-case sentence;
* all-capital acronyms in mixed-case text and short words in capitals are left to the context
  rules (hospital codes, initials after a title).
Neighbouring candidates and the initials between them become one span ("J. SMITH").
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..foreign import spanish_clause_words
from ..vocabulary import EPONYM_FOLLOWERS, FUNCTION_WORDS, ORGANISATION_END, PLACE_BEFORE, Lexicon, has_title
from ..words import MEDICAL_WORD, WORD_RE, WordJudge, line_modes
from . import recognizer

# a place, not a person, after these words
_PLACE_BEFORE = re.compile(r"(?i:\b(?:from|in|at|near|of|lives\s+in|resides\s+in|transferred\s+to)\s*)$")
# what may stand between two words of one name (\Z: "$" would let a name run across a line end); never a
# column's gap, two spaces or a tab ("OLAFSDOTTIR  PORTER   WS-4": the next cell; names11, 2026-12-07)
_JOIN = re.compile(r"[ ]?(?:[-'’][ ]?|[.,][ ]{0,2})?\Z")
_STOP = frozenset(w.lower() for w in FUNCTION_WORDS)
# a formula or a code, not a name: "NaCl", "PaCO2", "Ara-C", "non-Hodgkin"
_INNER_CAPITAL = re.compile(r"^(?!(?:Mc|Mac|O['’]|D['’]|De|Di|Du|La|Le|Van|Von)[A-Z][a-z])(?:.*[a-z][A-Z]|[A-Z]{2,}[a-z])")
_GLUED_AFTER = re.compile(r"[0-9+]|-[A-Z0-9]{1,2}\b"
                          # a drug before its dose: "Macrodantin 100 mg", "Similac 4 ounces", "Ritalin 50 a day"
                          r"|[ \t]+\d+(?:\.\d+)?[ \t]*(?i:mg|mcg|g|gm|grams?|ml|cc|units?|u|iu|meq|%|ounces?|oz|tabs?|puffs?|drops?|"
                          r"a\s+day|daily|twice|bid|tid|qid|q\d)\b")
_GLUED_BEFORE = re.compile(r"(?:[0-9+/]|\b(?i:non|anti|pre|post|pro|de|un|sub|semi|pseudo|neo|para|peri)-)$")


def _glued(text: str, m: re.Match) -> bool:
    return (_GLUED_AFTER.match(text, m.end()) is not None or _INNER_CAPITAL.match(m.group()) is not None
            or _GLUED_BEFORE.search(text[max(0, m.start() - 6):m.start()]) is not None)


_HYPHENATED = re.compile(r"(?:-[A-Z][a-z]+)*|(?:-(?!(?:POSITIVE|NEGATIVE|STAINED|STAINING|REACTIVE|ASSOCIATED|RELATED|"
                         r"DEPENDENT|INDUCED|MEDIATED)\b)[A-Z]{2,})*")  # "Kaplan-Meier", "KAPLAN-MEIER"
_HEADER_BEFORE = re.compile(r"(?i:\b(?:name|patient|pt|attending|dictated\s+by|signed\s+by)[ \t]*:[ \t]*)$")


# a brand in brackets right after its drug or product: "nilutamide (Anandron)", "a semielemental diet
# (Pregestimil)", "a tip-deflecting catheter (Omniflex)" (since 2026-12-07, phifree5)
_PRODUCT_BEFORE = re.compile(r"([A-Za-z][a-z]+|[A-Z][A-Z]+)[ \t]*\([ \t]*$")
# products only: a person is named in brackets after a role ("health care agent (Ann Roe)")
_PRODUCTS = frozenset("catheter catheters pump pumps diet formula stent stents valve valves prosthesis prostheses "
                      "implant implants pacemaker lens lenses suture sutures mesh dressing dressings ointment cream "
                      "inhaler vaccine endoscope endoscopes guidewire sealant plate plates screw screws nail nails "
                      "wire wires graft grafts".split())  # "2.0 mm plates (Synthes)" (names11)


def _brand(text: str, start: int, end: int) -> bool:
    before = _PRODUCT_BEFORE.search(text, max(0, start - 40), start)
    if not before or not re.match(r"[ \t]*[),;]", text[end:end + 3]):
        return False
    word = before.group(1).lower()
    return word in _PRODUCTS or MEDICAL_WORD.fullmatch(word) is not None


# a column's gap: two spaces or a tab. A name is written with single spaces (sets 4-10: 3 of 19,908 gold person
# spans hold a gap, all typing slips), so what follows a gap is the next cell: never a name's next word, never the
# noun of an eponym ("Partner: Ann Owusu   Cycle #1") (names11, 2026-12-07)
COLUMN_GAP = re.compile(r"[ ]{2,}|\t")


def after_column_gap(text: str, start: int) -> bool:
    """Whether a column's gap ends just before ``start``: the word there opens a cell."""
    return COLUMN_GAP.fullmatch(text, max(0, start - 2), start) is not None or text[start - 1:start] == "\t"


def eponym(text: str, start: int, end: int) -> bool:
    """"in Zollinger-Ellison syndrome", "in Buerger's disease": the name of a disease, a sign or a device
    (no organisation, no title): a town after "in" is never followed by one."""
    end += len(_HYPHENATED.match(text, end).group())
    m = None if COLUMN_GAP.match(text, end) else EPONYM_FOLLOWERS.match(text[end:end + 60])
    return m is not None and not has_title(text, start) and not ORGANISATION_END.search(m.group())


def eponym_or_organisation(text: str, start: int, end: int) -> bool:
    """"Bell palsy", "Krebs buffer", "Technicon Instruments Corp", "St. Thomas solution",
    "nilutamide (Anandron)"."""
    end += len(_HYPHENATED.match(text, end).group())  # "Wolff-Parkinson-White pattern"
    if _HEADER_BEFORE.search(text[max(0, start - 20):start]):
        return False  # "Name: Flavia Serao   Unit No: ..."
    return not has_title(text, start) and bool(
        (not COLUMN_GAP.match(text, end) and EPONYM_FOLLOWERS.match(text[end:end + 60])) or PLACE_BEFORE.search(text[max(0, start - 30):start])
        or ORGANISATION_END.search(text[start:end]) or _brand(text, start, end))


@lru_cache(maxsize=8)
def judge_for(lexicon: Lexicon) -> WordJudge:
    """One judge (and its word cache) per distinct lexicon: every fit of the same options shares it,
    so a server that fits a de-identifier per request does not grow."""
    return WordJudge(lexicon)


ACRONYM = "acronym"  # a listed name written as an acronym: a name only beside another such word or a name


def _candidate(token: str, status: str, mode: str, judge: WordJudge, language: str = "en") -> bool | str | None:
    """True / False, or None for a name word and ACRONYM (decided by their neighbours)."""
    if language != "en" and token.islower():
        return False  # a listed English name written in lower case is a word in Spanish ("rosa", "blanco")
    if status == "name":
        # a listed name in capitals inside mixed-case prose is an acronym ("a confirmatory ELISA",
        # "a reduced BAO") unless a word in capitals stands beside it ("ELISA JONES", "DEAN
        # SATTERFIELD"), it opens a sentence ("chart. DUSTIN slept") or a context rule reads it (a
        # title, a name field) (since 2026-12-07, phifree5)
        return ACRONYM if mode == "mixed" and token.isupper() and len(token) > 1 else True
    if status == "safe" or token.lower() in _STOP:
        return False
    if status == "nameword":
        return None
    if len(token) < 3:
        return False
    if mode == "mixed":
        if token.isupper():
            return False  # an acronym: hospital codes are read by their context
        # capitalised words only: an unknown lower-case word in a mixed-case note is far more often a
        # drug or a typo than a name, and lower-case names are read by their context (people.py)
        return token[0].isupper() and not judge.near_safe(token)  # "Stregth", "Ipmression": typos
    return len(token) >= 4 and not judge.near_safe(token)


def _sentence_start(text: str, start: int) -> bool:
    if after_column_gap(text, start):
        return True  # a cell opens after a column's gap, as a sentence does ("Ann Lee  Porter  WS-4"; names11)
    before = text[max(0, start - 3):start].rstrip(" \t\"'(")
    return not before or before[-1] in ".!?:\n;"


def _classify(text: str, lexicon: Lexicon):
    """``[(match, candidate, mode)]`` for every word of ``text``."""
    judge = judge_for(lexicon)
    out = []
    modes = line_modes(text)
    line = 0
    for m in WORD_RE.finditer(text):
        while line < len(modes) - 1 and m.start() >= modes[line][1]:
            line += 1
        mode = modes[line][2] if modes else "mixed"
        token = m.group()
        out.append((m, False if _glued(text, m) else _candidate(token, judge.status(token), mode, judge, lexicon.language), mode))
    return out


# who wrote, signed or saw a note ("Printed by ELA", "seen by BAO"), never what measured ("by ELISA")
_WRITER_BEFORE = re.compile(r"(?i:\b(?:printed|signed|co-?signed|entered|written|dictated|transcribed|typed|documented|"
                            r"authored|reviewed|seen|examined|called|paged|verified|approved|completed|charted|"
                            r"attested|edited)[ \t]+by[ \t]+)$")


def _capitals(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _resolve_name_words(text: str, words: list) -> list[bool]:
    """Name words count when a neighbour is a name, or capitalised inside a mixed-case sentence."""
    flags = [c is True for _, c, _ in words]
    for i, (m, c, mode) in enumerate(words):
        if c is not None and c is not ACRONYM:
            continue
        if c is ACRONYM and (_sentence_start(text, m.start()) or _WRITER_BEFORE.search(text, max(0, m.start() - 30), m.start())):
            flags[i] = True
            continue
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(words)
                and (words[j][1] is True or c is ACRONYM and _capitals(words[j][0].group()))
                and _JOIN.match(text[min(m.end(), words[j][0].end()):max(m.start(), words[j][0].start())])]
        token = m.group()
        inside = c is None and mode == "mixed" and token[0].isupper() and not token.isupper() and not _sentence_start(text, m.start())
        flags[i] = bool(near) or inside
    return flags


_INITIAL_BEFORE = re.compile(r"(?<![\w.])([A-Za-z])\.?[ \t]{1,2}$")


def _spans(text: str, words: list, flags: list[bool]) -> list[tuple[int, int, str]]:
    spans: list[list[int]] = []
    for (m, _, _), flag in zip(words, flags):
        if not flag:
            continue
        start, end = m.start(), m.end()
        # an initial just before ("J. SMITH", "k smith")
        initial = _INITIAL_BEFORE.search(text, max(0, start - 4), start)  # never "11:30 AM   WILLIAM"
        if initial and (not spans or spans[-1][1] < start - 4):
            start = start - len(initial.group())
        if spans and "\n" not in text[spans[-1][1]:start] and _JOIN.match(text[spans[-1][1]:start]):
            spans[-1][1] = end
        else:
            spans.append([start, end])
    out = []
    for start, end in spans:
        if eponym_or_organisation(text, start, end):
            continue
        kind = "LOCATION" if _PLACE_BEFORE.search(text[max(0, start - 20):start]) else "NAME"
        if text[end - 2:end].lower() in ("'s", "’s"):
            end -= 2  # "FARHAN'S CELL": the possessive ending is not part of the name (after the eponym check)
        out.append((start, end, kind))
    return out


@recognizer("allow-list", "NAME", "LOCATION")
def find_unknown_words(text: str, lexicon: Lexicon):
    words = _classify(text, lexicon)
    if lexicon.language == "en":  # "Toma ibuprofeno", "niega fiebre": a Spanish clause names no one (foreign.py)
        spanish = spanish_clause_words(text, words, judge_for(lexicon), _sentence_start)
        words = [(m, False, mode) if i in spanish else (m, c, mode) for i, (m, c, mode) in enumerate(words)]
    return _spans(text, words, _resolve_name_words(text, words))

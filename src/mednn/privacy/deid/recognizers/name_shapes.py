"""Person names by the shape a writer gives them, in any casing, whether or not their words are
also dictionary words ("K. White", "RIVERS, P.", "Street, Joy A"):

* an initial before a surname in a name position: "Dictated by K. White", "Resident: b. rich",
  "-- A. FROST DEA# ..." (a line start, a field, a name cue before it; "vitamin D. White blood
  cells" has none);
* "Last, First M" and "Last, F." standing alone in a field or a table cell;
* initials beside a name or a role: "t. riley / tr", "G. GLOVER/EM  6/22/26", "Triage RN WS",
  "transcribed by GF", "recommendations sent to K.P.", "RN WILL" (a listed first name ending the
  line after a role);
* the patient after "pt" before their record number, age or phone ("PT JUNE UNDERWOOD MRN ...");
* a name before a kin word in the possessive ("laura's husband", "RICH'S SISTER-IN-LAW");
* a name its writer gives in a self-introduction or a sign-off ("hi dr x its Joy,", "thank you,
  delphine") or before their own e-mail address ("michael hale (halem@...)").

The surname may be a dictionary word: the shape, not the word, says it is a name. What no name
is (role words, function words, "the patient") is still refused.
"""

from __future__ import annotations

import re

from ..vocabulary import FUNCTION_WORDS, Lexicon
from ..words import LETTERS, WORD_RE, line_modes
from . import recognizer
from ..neighbours import words_elsewhere
from .people import DESCRIBED, STOP
from .positions import NOT_A_NAME
from .tokens import eponym_or_organisation, judge_for

_W = rf"[{LETTERS}][{LETTERS}'’\-]*[{LETTERS}]"
# what may stand just before an initial that opens a name: a line start, a field separator, two
# spaces, "--", or a cue word ("by", "with", "to", "resident", "assist")
_NAME_SLOT_BEFORE = re.compile(
    r"(?:^|\n|[:;,/(]|--|[ \t]{2}|\b(?i:by|with|to|from|per|and|dr|resident|attending|fellow|assist|surgeon|"
    r"anesthesia|anesthesiologist|cc|sent)|[.!?)][ \t])[ \t]*$")
# ... or what may follow a clinician's name: a credential, a DEA or NPI number
_NAME_SLOT_AFTER = re.compile(r"[ \t]*(?:,?[ \t]*(?i:md|m\.d\.|do|rn|np|pa|pt|dpt|rph|pharmd|pgy-?\d|dea|npi|licsw|lcsw)(?![\w])|/)")
# not a journal's abbreviation: "J. Pharmacol. Exp. Ther."
INITIAL_SURNAME_RE = re.compile(rf"(?<![\w.])(?P<i>[{LETTERS}])\.[ \t]?(?P<s>{_W})(?![\w\-]|\.[ \t]*[{LETTERS}]+\.)")
# "Last, First M", "Last, F.", "Last, First" in a field or a table cell
LAST_FIRST_RE = re.compile(
    rf"(?P<n>(?<![\w'’\-])(?P<last>{_W}),[ \t]*(?:(?P<fi>[{LETTERS}])\.|(?P<first>{_W})(?:[ \t](?P<mid>[{LETTERS}])(?:\.|(?![\w.]))?)?))"
    r"(?=[ \t]*(?:$|\n|[ \t]{2}|[,(/|]|\d|(?i:dea|npi|md|do|rn|lic|mrn)\b))")
_CELL_BEFORE = re.compile(r"(?:^|\n|[:/(|]|[ \t]{2}|\b(?i:from|by|to|with|per|signed|md|rn)[ \t])[ \t]*$")
# ... or a record's code before it on a registration row: "MR19-645410 E65870253 YOUNG, HOPE    04/17/1942"
_CODE_BEFORE = re.compile(r"(?<![\w\-])[A-Z\d\-]*\d[A-Z\d\-]*[ \t]+$")
# initials: "WS", "cm", "B.M.", "t.r."
_INITIALS = r"(?:[A-Za-z]\.){2,3}|[A-Za-z]{2,3}"
_WRITER_CUES = ("merged", "checked", "witnessed", "acknowledged", "signed", "printed", "d/t")
# a typist's or a nurse's initials after a role or a hand-off cue, ending the line or the clause
# ... after what a writer did to the record ("Merged by EA 2025-09-12", "printed 6/27/26 by RV]", "Signed BD
# 12/19/2025", "D/T: BQ/sec"), before a date, a bracket or the typist's own initials after a slash ("MK/PL")
# (names12, 2026-12-07)
INITIALS_AFTER_CUE_RE = re.compile(
    rf"(?P<cue>\b(?i:transcribed|typed|dictated|entered|recorded|merged|checked|witnessed|acknowledged|signed)"
    rf"[ \t]+(?i:by)|\b(?i:printed)\b[^\n]{{0,30}}?[ \t](?i:by)|\b(?i:signed)|\b(?i:d/t)|(?i:\bsent[ \t]+to)|"
    rf"\b(?i:triage[ \t]+)?(?:RN|rn|Rn)|\b(?i:nurse))[ \t]*:?[ \t]+(?P<i>{_INITIALS}|{_W})"
    r"(?:/(?P<i2>[A-Z]{2,3})(?![\w/]))?"
    r"(?=[ \t]*(?:$|\n|\.[ \t]*(?:$|\n|--)|[ \t]{2})|/[a-z]{2,3}\b|\]|[ \t]+\d{1,4}(?:[/\-.]\d|[A-Z]{3}\d)|[ \t]+(?i:from|on)\b)")
# "E. SANDOVAL / ES", "G. GLOVER/EM  6/22/26": initials after a name that opens its line
SLASH_INITIALS_RE = re.compile(
    rf"(?m)^[ \t]*(?:--[ \t]*)?(?P<n>(?:[{LETTERS}]\.[ \t]?)?{_W}(?:[ \t]+{_W})?)[ \t]*/[ \t]*(?P<i>{_INITIALS}|[A-Za-z]\.)"
    r"(?=[ \t]*(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?)?[ \t]*$)")
# a person's dotted initials ("Prepared: K.G.", "transcribed I.V./D0237435", "| A only | J.b."): two or three
# letters each closed by a period are a person in clinical writing wherever they stand, unless they are one of
# the dotted abbreviations writers use (dosing, degrees, ages, Latin, countries, statistics)
DOTTED_INITIALS_RE = re.compile(r"(?<![\w.])(?P<i>(?:[A-Za-z]\.){2,3})(?!\w|\.[\w.]|[ \t]?[A-Za-z]\.)")
_DOTTED_ABBREVIATIONS = frozenset("""
md do rn np pa dds yo dob po pr bid tid qid qd qod qhs hs prn ac pc od os ou ad as au ie eg am pm ps nb us uk usa
sd se sem df iv im ip icv sc id it ns ms mw ec pet phd""".split())
# the patient after "pt" before a record number, an age, a bracketed id or a phone
PT_BEFORE_ID_RE = re.compile(
    rf"(?:\b(?i:pt|patient)\b[ \t]+|(?<=[ \t]{{2}}))(?P<n>{_W}(?:[ \t]+(?:[{LETTERS}]\.|{_W})){{0,2}})"
    r"(?=,?[ \t]*(?:(?i:mrn|dob|d\.o\.b|acct|age)\b|\([ \t]*\d|,[ \t]*(?:\d{1,3}\b|(?i:ninety|eighty|one[ \t]+hundred))"
    r"|[ \t]+(?i:at)[ \t]+\(?\d{3}|[ \t]+(?i:rm|room|bed)[ \t]*\d))")
KIN = (r"husband|wife|spouse|son|daughter|dtr|mother|mom|father|dad|brother|sister|niece|nephew|grandson|"
       r"granddaughter|grandmother|grandfather|aunt|uncle|cousin|gf|bf|girlfriend|boyfriend|partner|fianc[eé]e?|"
       r"step(?:son|daughter|mother|father)|(?:son|daughter|sister|brother|mother|father)-in-law|caregiver")
KIN_POSSESSIVE_RE = re.compile(rf"(?<![\w'’\-])(?P<n>{_W}(?:[ \t]+{_W})?)['’][sS][ \t]+(?i:{KIN})\b")
# "hi dr x its Joy,", "This is Thanh Stone, ...", "thank you, delphine" (the sign-off ends its line)
SELF_NAMED_RE = re.compile(
    rf"\b(?i:it['’]?s|this[ \t]+is|my[ \t]+name[ \t]+is)[ \t]+(?P<n>{_W}(?:[ \t]+{_W})?)(?=[ \t]*,)"
    # a caller's greeting: "hey its misty on 4w" (a listed first name only: "its isoforms on all cells" is no one)
    rf"|\b(?i:hey|hi|hello)[ \t,]+(?i:it['’]?s|this[ \t]+is)[ \t]+(?P<h>{_W})(?=[ \t]+(?i:on|from|here|calling)\b)"
    rf"|\b(?i:thank[ \t]+you|thanks|regards|sincerely)[ \t]*,[ \t]*\n?[ \t]*(?P<s>{_W}(?:[ \t]+{_W})?)[ \t]*(?=$|\n)")
# a person before their own address: "portal msg from michael hale (halem@protonmail.com)"
BEFORE_EMAIL_RE = re.compile(rf"(?P<n>{_W}(?:[ \t]+{_W}){{0,2}})[ \t]*[(<][ \t]*(?P<local>[\w.+\-]+)@")
# an e-mail address that spells its owner's name ("clive.marsh@...", "rose_hale7@..."): the two words written together
# elsewhere in the note are that person, whatever the words are (names13: on sets 4-12, 77 of 77 such pairs name a person)
_EMAIL_NAME = re.compile(r"(?<![\w.+\-])(?P<a>[A-Za-z]{3,})[._](?P<b>[A-Za-z]{2,})\d*@")
# a table's column headed by a person's role: "MEDICATION    DOSE    LAST DOSE  PRESCRIBER"
PERSON_HEADER_RE = re.compile(r"(?i:\b(?:prescriber|prescribed[ \t]+by|provider|physician|clinician|attending|"
                              r"surgeon|nurse|rn|signed[ \t]+by|given[ \t]+by|by|initials|author|staff)\b)")
# ... or by what someone did to the row: "ACK BY", "Checked by", "Witnessed by" (names12, 2026-12-07)
_DONE_BY_HEADER_RE = re.compile(r"(?i:[A-Za-z]{2,}\.?(?:[ \t][A-Za-z]{2,})?[ \t]+by)")
_CELL_RE = re.compile(r"\S+(?:[ \t]\S+)*")
# a hand-off between two people: "Nurse to nurse: Richard -> Dawn,"
HANDOFF_RE = re.compile(rf"(?<![\w\-])(?P<a>{_W})[ \t]*(?:->|→|=>)[ \t]*(?P<b>{_W})(?![\w\-])")
_MONTH_NAMES = frozenset("january february march april may june july august september october november december".split())
# "RN WILL" ending a line: a nurse's name may be a word that is never one elsewhere
_ROLES = NOT_A_NAME - {w.lower() for w in FUNCTION_WORDS} - {"will", "also", "now", "still", "already", "currently", "not"}
# "gf Jasmine", "GF LAURA": a girlfriend's or boyfriend's name; "GF insertion", "Bf phenotype" are no one
PARTNER_RE = re.compile(rf"(?<![\w/])(?:gf|bf|GF|BF|[gb]/f|[GB]/F)[ \t]+(?P<n>{_W})(?![\w\-])")
_ORGANISM_OR_UNIT = frozenset("coli aureus diff difficile pylori pneumoniae faecalis faecium jirovecii".split())


# the Latin endings of a species' epithet ("L. mexicana", "S. epidermidis"), for words no list holds
_EPITHET = re.compile(r"(?i:.*(?:ensis|icus|ica|icum|ana|anum|ii|ae|oides|iae))$")


def _refused(word: str) -> bool:
    low = word.lower()
    return (low in STOP or low in DESCRIBED or low in NOT_A_NAME
            or any(part in _ORGANISM_OR_UNIT for part in low.split("-")))  # "H. PYLORI-NEGATIVE"


def _same_case(*words: str) -> bool:
    """Words (and initials) of one casing: all capitalised, all capitals or all lower case."""
    shapes = {"upper" if w.isupper() else "lower" if w.islower() else "title" if w[0].isupper() else "odd"
              for w in words if len(w) > 1}
    if len(shapes) > 1 or "odd" in shapes:
        return False
    lower = shapes == {"lower"}
    return all(w.islower() == lower for w in words if len(w) == 1)


class _Names:
    """What a word can be to these rules: a listed surname or first name, unknown, or ordinary."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.judge = judge_for(lexicon)

    def surname(self, word: str) -> bool:
        w = word.rstrip("'’")
        return not _refused(w) and (w.capitalize() in self.lexicon.last or self.judge.status(w) in ("name", "nameword")
                                    or (self.judge.status(w) == "unknown" and len(w) >= 3 and not _EPITHET.match(w)))

    def first(self, word: str) -> bool:
        return not _refused(word) and (self.judge.listed_first_name(word) or self.judge.status(word) in ("name", "nameword")
                                       or (self.judge.status(word) == "unknown" and len(word) >= 3))

    def any_name(self, word: str) -> bool:
        return self.surname(word) or self.first(word)


def _initial_surname(text: str, names: _Names) -> list:
    spans = []
    for m in INITIAL_SURNAME_RE.finditer(text):
        initial, surname = m.group("i"), m.group("s")
        if not _same_case(initial, surname):
            continue
        slot = (_NAME_SLOT_BEFORE.search(text[max(0, m.start() - 14):m.start()])
                or _NAME_SLOT_AFTER.match(text, m.end()))
        if not slot or not names.surname(surname):
            continue
        if eponym_or_organisation(text, m.start("s"), m.end("s")):
            continue  # "A. Penrose drain"
        spans.append((m.start(), m.end(), "NAME"))
    return spans


def _last_first(text: str, names: _Names) -> list:
    spans = []
    for m in LAST_FIRST_RE.finditer(text):
        before = text[max(0, m.start() - 16):m.start()]
        if not (_CELL_BEFORE.search(before) or _CODE_BEFORE.search(before)):
            continue
        last, first = m.group("last"), m.group("first") or m.group("fi")
        if _registration_casing(last, m.group("first"), m.group("mid")) and not before.rstrip(" \t").endswith(("/", "(")):
            # "BREATHNACH, Donal", "SEAH, Jun": the surname in capitals, the given name capitalised, as
            # registration systems print people (names13): the casing says it is a name, the words need not
            if not (_refused(last) or _refused(first) or last.lower() in names.judge.core
                    or first.lower() in names.judge.core):
                spans.append((m.start("n"), m.end("n"), "NAME"))
            continue
        if not _same_case(last, first, *([m.group("mid")] if m.group("mid") else [])):
            continue
        if not names.surname(last):
            continue
        if m.group("fi") or m.group("mid"):
            ok = m.group("fi") is not None or names.first(first)
        else:  # "Sharp, Rose", "HALE, GRANT": both must be listed names
            ok = names.judge.listed_first_name(first) and not _refused(first)
        if ok:
            spans.append((m.start("n"), m.end("n"), "NAME"))
    return spans


def _registration_casing(last: str, first: str | None, middle: str | None) -> bool:
    """"FAMILY, Given [M]": the surname in capitals (two letters or more), the given name capitalised."""
    return (first is not None and len(last) >= 2 and last.isupper() and first[:1].isupper() and len(first) >= 2
            and first[1:].replace("-", "").replace("'", "").islower() and (middle is None or middle.isupper()))


def _initials(text: str, names: _Names) -> list:
    spans = []
    for m in INITIALS_AFTER_CUE_RE.finditer(text):
        value, cue = m.group("i"), m.group("cue").lower()
        dotted = "." in value
        if len(value.replace(".", "")) > 3:
            # a whole word after a role is a name only when it is a listed first name: "RN WILL"
            if cue.endswith(("rn", "nurse")) and names.judge.listed_first_name(value) \
                    and value.lower() not in DESCRIBED and value.lower() not in _ROLES:
                spans.append((m.start("i"), m.end("i"), "NAME"))
            continue
        if value.lower() in ("am", "pm", "day", "eve", "noc", "icu", "ed", "er", "or", "pt", "md", "rn", "np"):
            continue
        if cue.startswith("sent") and not dotted and names.judge.status(value) == "safe":
            continue  # "sent to ICU", "sent to OR"
        if cue.startswith(_WRITER_CUES) and not (dotted or value.isupper()):
            continue  # "Dose signed for 12/3": after what a writer did, initials are written in capitals
        spans.append((m.start("i"), m.end("i"), "NAME"))
        if m.group("i2"):
            spans.append((m.start("i2"), m.end("i2"), "NAME"))
    for m in SLASH_INITIALS_RE.finditer(text):
        words = WORD_RE.findall(m.group("n"))
        if words and names.surname(words[-1]) and not any(_refused(w) for w in words):
            spans.append((m.start("n"), m.end("n"), "NAME"))
            spans.append((m.start("i"), m.end("i"), "NAME"))
    return spans


def _dotted_initials(text: str) -> list:
    return [(m.start("i"), m.end("i"), "NAME") for m in DOTTED_INITIALS_RE.finditer(text)
            if m.group("i").replace(".", "").lower() not in _DOTTED_ABBREVIATIONS]


def _patients_and_kin(text: str, names: _Names, modes) -> list:
    spans = []
    for m in PT_BEFORE_ID_RE.finditer(text):
        words = [w for w in WORD_RE.findall(m.group("n")) if len(w) > 1]
        # "PT WILL BELL MRN": a first name that is a function word, before a surname
        given = (len(words) == 2 and names.judge.listed_first_name(words[0]) and words[0].lower() not in DESCRIBED
                 and words[1].lower() not in names.judge.core and names.surname(words[1]))
        if words and not any(_refused(w) and not (i == 0 and given) for i, w in enumerate(words)) \
                and all(names.any_name(w) or (i == 0 and given) for i, w in enumerate(words)) \
                and any(names.judge.listed_first_name(w) or w.capitalize() in names.lexicon.last for w in words) \
                and _same_case(*words):
            spans.append((m.start("n"), m.end("n"), "NAME"))
    for m in KIN_POSSESSIVE_RE.finditer(text):
        words = list(WORD_RE.finditer(m.group("n")))
        while words and (_refused(words[0].group()) or names.judge.status(words[0].group()) == "safe"
                         and not names.any_name(words[0].group()) and not names.judge.listed_first_name(words[0].group())):
            words = words[1:]  # "about Declan Winter's": the name is what follows an ordinary word
        if not words or not all(names.any_name(w.group()) or names.judge.listed_first_name(w.group()) for w in words):
            continue
        if _mode_at(modes, m.start()) == "mixed" and words[0].group().islower():
            continue  # "the doctor's wife" ... a lower-case word in a mixed-case note is no name here
        spans.append((m.start("n") + words[0].start(), m.end("n"), "NAME"))
    return spans


def _partners(text: str, names: _Names) -> list:
    spans = []
    for m in PARTNER_RE.finditer(text):
        word = m.group("n")
        if not _refused(word) and (names.judge.listed_first_name(word) or names.judge.status(word) == "name"):
            spans.append((m.start("n"), m.end("n"), "NAME"))
    return spans


def _self_named(text: str, names: _Names) -> list:
    spans = []
    for m in SELF_NAMED_RE.finditer(text):
        if m.group("h"):
            if names.judge.listed_first_name(m.group("h")) and not _refused(m.group("h")):
                spans.append((m.start("h"), m.end("h"), "NAME"))
            continue
        group = "n" if m.group("n") else "s"
        words = WORD_RE.findall(m.group(group))
        first = words[0]
        # a first name introduces its writer ("its major sequela," is no one)
        if _refused(first) or not (names.judge.listed_first_name(first) or names.judge.status(first) == "unknown"):
            continue
        if len(words) > 1 and not names.surname(words[1]):
            continue  # "its major sequela,": the comma ends a noun phrase, not a name
        spans.append((m.start(group), m.end(group), "NAME"))
    for m in BEFORE_EMAIL_RE.finditer(text):
        local = m.group("local").lower()
        words = list(WORD_RE.finditer(m.group("n")))
        held = [i for i, w in enumerate(words) if len(w.group()) >= 3 and w.group().lower() in local and not _refused(w.group())]
        if held:  # "jerry miller (millerj@...)": the address holds the surname, a listed first name goes with it
            first = held[0]
            while first > 0 and names.judge.listed_first_name(words[first - 1].group()) and not _refused(words[first - 1].group()):
                first -= 1
            spans.append((m.start("n") + words[first].start(), m.start("n") + words[held[-1]].end(), "NAME"))
    return spans


def _email_names(text: str, names: _Names) -> list:
    spans = []
    for pair in {(m.group("a").lower(), m.group("b").lower()) for m in _EMAIL_NAME.finditer(text)}:
        if any(_refused(w) or w in names.judge.core for w in pair):
            continue  # "ward.clerk@", "info.desk@": a role's mailbox
        pattern = rf"(?<![\w@.\-])(?i:{re.escape(pair[0])})[ \t]+(?i:{re.escape(pair[1])})(?![\w@\-])"
        spans += [(m.start(), m.end(), "NAME") for m in re.finditer(pattern, text)]
    return spans


def _person_columns(text: str, names: _Names) -> list:
    """Cells of a column whose header names a person's role (each cell its own line's text at the
    header's offset, up to two spaces or the line's end), until the table's first blank line."""
    spans, lines, pos = [], text.split("\n"), 0
    starts = []
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    for i, line in enumerate(lines):
        cells = list(_CELL_RE.finditer(line))
        if len(cells) < 3:
            continue  # a header row: three cells or more, two spaces apart
        columns = [c.start() for c in cells if PERSON_HEADER_RE.fullmatch(c.group().strip())
                   or _DONE_BY_HEADER_RE.fullmatch(c.group().strip())]
        for column in columns:
            for j in range(i + 1, len(lines)):
                row = lines[j]
                if not row.strip():
                    break
                cell = next((c for c in _CELL_RE.finditer(row) if abs(c.start() - column) <= 2), None)
                if cell is None:
                    continue
                words = WORD_RE.findall(cell.group())
                if words and not any(_refused(w) for w in words) and any(names.any_name(w) or len(w) <= 3 for w in words):
                    spans.append((starts[j] + cell.start(), starts[j] + cell.end(), "NAME"))
    return spans


def _handoffs(text: str, names: _Names) -> list:
    spans = []
    for m in HANDOFF_RE.finditer(text):
        a, b = m.group("a"), m.group("b")
        pair = (a, b)
        if _same_case(a, b) and all(names.first(w) and w.lower() not in _MONTH_NAMES for w in pair) \
                and any(names.judge.listed_first_name(w) for w in pair):
            spans += [(m.start("a"), m.end("a"), "NAME"), (m.start("b"), m.end("b"), "NAME")]
    return spans


def _mode_at(modes, pos: int) -> str:
    for start, end, mode in modes:
        if start <= pos < end:
            return mode
    return "mixed"


def _elsewhere(text: str, spans: list, names: _Names) -> list:
    """The words of the names found here, wherever else they stand in the text, also in a possessive
    with or without its apostrophe ("IRISS STEPSON"); words of three letters or more that are no
    clinical vocabulary."""
    words = {w for s, e, _ in spans for w in WORD_RE.findall(text[s:e])
             if len(w) >= 3 and not _refused(w) and w.lower() not in names.judge.core}
    return words_elsewhere(text, words, possessive="[sS]")


@recognizer("name_shapes", "NAME", languages=("en",))
def find_name_shapes(text: str, lexicon: Lexicon):
    names = _Names(lexicon)
    modes = line_modes(text)
    spans = (_initial_surname(text, names) + _last_first(text, names) + _initials(text, names) + _dotted_initials(text)
             + _patients_and_kin(text, names, modes) + _self_named(text, names) + _person_columns(text, names)
             + _handoffs(text, names) + _partners(text, names) + _email_names(text, names))
    return spans + _elsewhere(text, spans, names)

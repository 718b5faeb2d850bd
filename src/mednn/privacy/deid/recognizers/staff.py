"""Staff identifiers: the user ids, initials and bare surnames by which clinical records name their staff.

Safe Harbor counts a staff member's login ("unique identifying code") and initials (a name) as
identifiers. Records name staff in a few general ways, in any casing:

* **user ids / logins**: letters (an initial and a surname, cut to 8 letters as systems do) and 1-3
  digits ("ahamdan62", "RWILSON54", "adesjard12"), read by their shape when the letters are no word of
  the safe vocabulary or the learnt code list ("covid19", "spo2", "brca1" are never logins) and either a
  person's slot stands before them ("from X to Y", "by", "cc:", "call", a field "Provider:") or the
  letters after the first one or two open a listed surname;
* **initials signing a row**: the last cell of a time-stamped flowsheet or call-log row ("0800 | HR 88
  | SpO2 95% | JD", "17:21  caller: drowsy - KW"), read as a column: two or more signed rows make every
  cell of that column initials (a clinical value ending rows, "RA", "NC", is never one);
* **role fields**: the value of a field only a person fills ("Pathologist: EM", "Med pass: LW",
  "Endoscopist: HOPE, LEI", "Referring: T. Foot", "Requesting: joy");
* **slots of an action or a title**: who did something ("activated 0026 by Hope:", "reviewed by Arlo
  Pennington.", "signed by pita hand, do"), whom to call or see ("call WW 7-2190", "called to GK at
  6-8406", "pediatrician HF at"), who was copied ("cc: bose, ...", "cc: AA fax"), a hand-off ("report
  given LUNG -> HOPE 1750", "From: Violet Park  To: Thiago Almeida"), an officer of the law or the court
  ("Officer Pain badge 7487", "(PC Wood).", "before Magistrate Case."), a role before its holder's name
  ("MD IY AT BEDSIDE").

A surname that is also a word ("Hope", "Foot", "Case") is taken only in these slots.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ....data.wordlists.code_shapes import code_shapes
from ..vocabulary import Lexicon
from ..words import LETTERS, line_at
from . import recognizer
from .hospitals import DESCRIPTIVE, SETTINGS
from .positions import NOT_A_NAME
from .tokens import judge_for

Spans = list[tuple[int, int, str]]

LOGIN_RE = re.compile(r"(?<![\w@.\-/#&:])(?P<letters>[A-Za-z]{3,14}(?:-[A-Za-z]{2,10})?)(?P<digits>\d{1,3})(?![\w@\-]|[.:]\w)")
_W = rf"[{LETTERS}][{LETTERS}'’\-]*"
_N = rf"(?:[{LETTERS}]\.|{_W})"
# one to three name words or initials, optionally "Last, First"; a title before them stays outside the span
_TITLE = r"(?:(?i:dr\.?|doctor)[ \t]+)?"
# credentials and contact words that follow a name after a comma ("Walsh, M.D.", "Ruiz, fax 555-...")
_AFTER = r"(?i:md|m\.d\.?|m\.?div\.?|do|np|rn|pa|pa-c|phd|aud|mbbs|dnp|crna|lpn|rd|rt|slp|ccc-slp|pharmd|esq|aprn|fnp|lcsw|bsn|msn|fax|ph|tel|phone|pager)(?![\w\-])"
_VALUE = rf"(?:{_N}|[A-Za-z]{{2,9}}\d{{1,3}})(?:[ \t]{_N}){{0,3}}(?:,[ \t]*(?!{_AFTER}){_N}(?:[ \t]{_N})?)?"
# a message passed between two logins: "from ahamdan62 to rhope22:", "FROM NTESFAYE21 TO SHALL46:" (the
# pair says what they are, even when the letters are a word: "from across97 to ...")
LOGIN_PAIR_RE = re.compile(r"(?i:\bfrom)[ \t]+(?P<a>[A-Za-z]{2,9}\d{1,3})[ \t]+(?i:to)[ \t]+(?P<b>[A-Za-z]{2,9}\d{1,3})(?=[ \t]*[:\-,>]|[ \t]*$)",
                           re.MULTILINE)
# who printed, typed or exported a record signs it with their login, whatever its letters ("Printed 2023-08-27 by
# mbody from 10.1...", "[job D#5172 transcribed by irahman]", "typed by he.n48"): one lower-case token that is
# no safe word, or letters glued to digits by "." or "_" (names10, 2026-12-07)
WRITER_LOGIN_RE = re.compile(
    r"(?i:\b(?:printed|transcribed|typed|exported|entered|generated|logged|uploaded|downloaded|accessed)"
    r"(?:[ \t]+[\d\-/:]{8,10})?(?:[ \t]+\d{1,2}:\d{2})?[ \t]+by)[ \t]+"
    r"(?P<login>[a-z]{2,14}(?:[._][a-z]{1,10})?[._]?\d{0,3})(?=[ \t]*(?:[\])\n,;]|$|(?i:from|at|on|via)\b))", re.M)
# a person stands before it: a hand-off, a message's sender or receiver, a copy, a call, a field
_LOGIN_SLOT_RE = re.compile(r"(?i:\b(?:from|to|by|tech|cc|call|w/|with|paged?|ack(?:ed)?|per|user|login|for)|->|:)[ \t]*$")
# roles whose field only a person fills ("Pathologist: EM"); "anesthesia" may name a kind, so its value
# must not be clinical vocabulary
_ROLES = (r"pathologist|endoscopist|anesth?esia|anesth?esiologist|anaesthetist|anaes|anaesth|operator|fellow|resident|attending"
          r"|referring(?:[ \t]+(?:md|physician|provider|clinician))?|requesting(?:[ \t]+(?:md|physician))?|consultant"
          r"|provider|scribe|investigator|paramedic|crew|med[ \t]+pass|(?:medical[ \t]+)?toxicologist|rd|slp"
          r"|receiving(?:[ \t]+(?:md|physician|rn))?|surgeon|assistant|proceduralist|sonographer|technologist|tech"
          r"|interpreter|chaplain|witness|reviewer|cosigner|supervisor|referral|referred[ \t]+by|requested[ \t]+by"
          r"|counsel(?:[ \t]+appointed)?|attorney|officer|clerk|transcriptionist|transcribed[ \t]+by|signed|verified[ \t]+by"
          r"|acknowledged[ \t]+by|reported[ \t]+by|entered[ \t]+by|performed[ \t]+by|school[ \t]+nurse"
          # since 2026-12-07 (names7): the clinician fields of reports, claims and forms
          r"|(?:ordering|interpreting|rendering|reading|authori[sz]ing)(?:[ \t]+(?:md|physician|provider|clinician|doctor))?"
          r"|collected[ \t]+by|drawn[ \t]+by|approved[ \t]+by|authori[sz]ed[ \t]+by|manager[ \t]+review|reviewed[ \t]+by"
          r"|audiologist|embryologist|optometrist|podiatrist|physiotherapist|dietitian|pharmacist|midwife|phlebotomist"
          r"|counsell?or|therapist|social[ \t]+worker|case[ \t]+manager|facilitators?|key[ \t]+worker|care[ \t]+coordinator")
ROLE_FIELD_RE = re.compile(
    rf"(?im)(?:^|(?<=[ \t]{{2}})|(?<=\|)|(?<=;))[ \t]*(?P<role>{_ROLES})[ \t]*:[ \t]*{_TITLE}(?P<v>{_VALUE})"
    rf"(?=[ \t]*(?:$|[ \t]{{2}}|[(;|.]|,?[ \t]*{_AFTER}|[ \t]+(?i:for|via|fax|at|on|pager?|pgr|ext|x|npi|badge|lic)\b|[ \t]+[#(+]?\d))")
# who did it: "activated 0026 by Hope:", "reviewed by arjun swan.", "printed from WS 10.1.2.3 by nclark54"
_ACTIONS = (r"done|activated|reviewed|requested|requestde|referred|informed|acknowledged|performed|completed|seen"
            r"|examined|ordered|verified|called|paged|assessed|read|interpreted|witnessed|printed|disclosed|disclosure"
            r"|dictated|transcribed|entered|co-?signed|signed|initiated|confirmed|notified|obtained|drawn|administered|given")
BY_RE = re.compile(rf"(?i:\b(?:{_ACTIONS})\b[^\n.;]{{0,40}}?\bby)[ \t]*:?[ \t]+{_TITLE}(?P<v>{_VALUE})"
                   rf"(?=[ \t]*(?:$|[.;:,)\n]|[ \t](?i:on|at|in|for|from|via)\b|[ \t]+\d)|[ \t]+{_AFTER})")
# whom to call or to see: "call WW 7-2190", "called to GK at 6-8406", "rtc 6 wks with hm;", "hcf contact GK\n(783) ..."
CALL_RE = re.compile(rf"(?i:\b(?:call|called[ \t]+to|contact|paged))[ \t]+{_TITLE}(?P<v>{_VALUE})(?=(?:[ \t]+(?i:at))?[ \t\n]+[#(+]?\d)")
WITH_RE = re.compile(rf"(?i:\b(?:rtc|f/u|follow[ \-]?up|scheduled|appt|appointment|clinic)\b[^\n.;]{{0,25}}?\bwith)[ \t]+"
                     rf"{_TITLE}(?P<v>{_VALUE})(?=[ \t]*(?:$|[.;,\n])|[ \t]+(?i:at|in|on)\b)")
CC_RE = re.compile(rf"(?i:\bcc)[ \t]*:[ \t]*{_TITLE}(?P<v>{_VALUE})(?=[ \t]*(?:,|$|\n)|[ \t]+(?i:fax|ph|phone|tel)\b)")
HANDOFF_RE = re.compile(rf"(?i:\b(?:report[ \t]+given(?:[ \t]+to)?|hand-?off|sign-?out(?:[ \t]+given)?))[ \t]+"
                        rf"(?P<v>{_N}(?:[ \t]+{_N})?)[ \t]*(?:->|→|>|to)[ \t]*(?P<w>{_N}(?:[ \t]+{_N})?)(?=[ \t]+\d|[ \t]*(?:$|[.;,\n]))")
# a hand-off's header: "From: Violet Park  To: Thiago Almeida (night float)"
FROM_TO_RE = re.compile(rf"(?i:\bfrom)[ \t]*:[ \t]*(?P<v>{_VALUE})[ \t]{{2,}}(?i:to)[ \t]*:[ \t]*(?P<w>{_VALUE})"
                        r"(?=[ \t]*(?:$|[(;|,]|[ \t]{2}))", re.MULTILINE)
# officers of the law and the court and other titles before a name: "Officer Pain badge 7487", "(PC Wood).",
# "before Magistrate Case.", "vendor rep Gene Hardy (425...)", "FIRE MARSHAL IFEOMA FROST, RD"
TITLE_RE = re.compile(rf"(?i:\b(?:officer|deputy|magistrate|judge|sgt|sergeant|detective|trooper|pc|amhp|constable"
                      rf"|(?:fire[ \t]+)?marshal|vendor[ \t]+rep|chaplain|interpreter|attorney))[ \t]+{_TITLE}(?P<v>{_VALUE})"
                      r"(?=[ \t]*(?:$|[).;:,\n]|\(|[ \t](?i:badge|on|at)\b|[ \t]+#?\d))")
# a clinician's job before their name: "pediatrician HF at Harkness ...", "and pediatrician pvein45 at"
# (names8, 2026-12-07) also the other jobs that name their holder without a colon: "Physicist Fisher;", "Prescriber
# Keita DEA PS6276351", "coordinator LARS TALL CHIEF +1 891 ...", "(supervisor Amani Fields).", "Site manager Cross
# bleep", "(volunteer car driver Summer)", "Community nurse Will (bleep 4809)", "Copy to GP Banerjee, Fairview"
_JOBS = (r"pediatrician|paediatrician|physician|surgeon|dentist|therapist|counsell?or|social[ \t]+worker"
         r"|case[ \t]+manager|nurse[ \t]+practitioner|midwife|pharmacist|dietitian|hospitalist|intensivist")
# ... on the same line only ("MED PASS: GP\nSSN LAST FOUR" is no GP named SSN); "attn" before whom a fax goes to
_MORE_JOBS = (r"prescriber|physicist|psychometrist|scribe|physio|physiotherapist|coordinator|supervisor|adjuster|coach"
              r"|team[ \t]+leader|site[ \t]+manager|fellow|operator|gp|advocate|attn|secretary"
              r"|(?:charge|community|district|school|practice|tb|ward)[ \t]+(?:rn|nurse)|(?:car|taxi|ambulance)[ \t]+driver")
JOB_RE = re.compile(rf"(?:(?i:\b(?:{_JOBS}))[ \t\n]+|(?i:\b(?:{_MORE_JOBS}))[ \t]+){_TITLE}(?P<v>{_VALUE})(?=[ \t]*(?:$|[).;:,\n]|\()|[ \t](?i:at|on|from)\b|[ \t]+[#+]?\d"
                    rf"|[ \t]+(?i:dea|npi|bleep|pager|pgr|fax|tel|ph|ext)\b)")  # "Secretary Lane ext 2845" (names11)
# a role before the name of whoever holds it, then where or what: "MD IY AT BEDSIDE", "RT FOOT PAGED DR."
BEDSIDE_RE = re.compile(rf"(?i:\b(?:md|rn|np|rt|pa)|(?<=\b[Rr]:)[ \t]*(?i:md))[ \t]+(?P<v>{_N}(?:,[ \t]*{_N})?)"
                        r"[ \t]+(?i:at[ \t]+bedside|paged|at\b)")
# the last cell of a time-stamped row: "2/19 11:46 | PSV | ... | SPO2 91% | DG", "17:21  caller: drowsy - KW"
_STAMP = r"(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?[ \t]+)?(?:\d{1,2}:\d{2}|[012]\d[0-5]\d)\b"
ROW_RE = re.compile(rf"(?m)^[ \t]*(?P<stamp>{_STAMP})?(?P<row>[^\n]*?)(?:[ \t]\|[ \t]*\n?|[ \t]+[-–][ \t]+)"
                    r"(?P<i>[A-Za-z]{2,3})[ \t]*$")
_STAMP_OPENS = re.compile(rf"[ \t]*{_STAMP}")  # the line before a row opens with a time stamp
# clinical values that end rows and never sign them
_ROW_VALUES = frozenset("""
ra nc nrb fm tm vm bvm ok na nl wnl nad yes no on off am pm hr bp rr prn po iv im sq sc pr od os ou ed er or
icu ccu pacu gi pt ot slp rt md rn np pa cta neg pos abn nml dc d/c tbd n/a wdl see due new old low med
""".split())
_ROLE_ABBREVIATIONS = frozenset("ga mac mc ed er icu gi id pt ot rt na tbd n/a none local general amhp pc ems".split())


def _person(value: str, lexicon: Lexicon, *, slot: str, cased: bool) -> bool:
    """Is ``value``, standing in a person's slot, a person? ``slot`` "title": after an officer's or a
    judge's title; "strong": only people stand there (a role field, a copy); "weak": a clinical word
    may too ("by CT", "call pharmacy", "assessed by Northern blot"); "job": after a job ("pediatrician
    HF at"), strong for initials and logins, weak for words ("physician age"). ``cased``: the line mixes capitals
    and lower case, so a word in lower case is no name."""
    judge = judge_for(lexicon)
    words = [w for w in re.split(r"[ \t,]+", value) if w]
    low = [w.lower().rstrip(".") for w in words]
    if not words or any(len(w) > 1 and (w in NOT_A_NAME or w in SETTINGS or w in DESCRIPTIVE or w in _NOT_STAFF) for w in low):
        return False

    def listed(word: str) -> bool:
        return word.capitalize() in lexicon.last or word.capitalize() in lexicon.first

    def name_like(word: str) -> bool:
        return len(word.rstrip(".")) == 1 or judge.status(word) != "safe" or listed(word)

    if len(words) == 1:
        word = words[0]
        if LOGIN_RE.fullmatch(word):
            return _login_letters_ok(word, lexicon)
        if re.fullmatch(r"[A-Za-z]{2,3}", word) and not _cased_word(word):
            # initials: a clinical abbreviation is none ("by CT", "Anesthesia: MAC")
            if low[0] in _ROW_VALUES or low[0] in _ROLE_ABBREVIATIONS:
                return False
            if cased and word.islower():
                return False  # "physician age": initials are capitals where case tells
            return slot in ("strong", "title") or judge.status(word) != "safe"
        slot = "weak" if slot == "job" else slot
        if slot == "weak" and cased and word.islower():
            return False  # "obtained by paramedics": lower case where case tells
        if judge.status(word) != "safe":
            return True
        if slot == "title" and _cased_word(word):
            return True  # a capitalised word after an officer's or a judge's title ("Officer Pain")
        # a listed surname that is also a word ("Hope", "Case"): in a role's field, or capitalised
        return listed(word) and (slot != "weak" or word[0].isupper() or not cased)
    slot = "weak" if slot == "job" else slot
    if "," in value and slot != "weak":
        return True  # "Last, First" in a person's slot
    if slot == "weak":  # every word a name's: "reviewed by Arlo Pennington", not "by Northern blot analysis"
        return not (cased and any(w.islower() for w in words)) and all(name_like(w) for w in words)
    return any(name_like(w) for w in words if len(w.rstrip(".")) > 1)


_CREDENTIAL_NEXT_RE = re.compile(r",?[ \t]*(?i:md|m\.d\.|do|np|rn|pa-c|pa|phd|dnp|crna|lpn|rd|aprn|fnp|lcsw|pharmd)(?![\w\-])")


def _cased_line(text: str, at: int) -> bool:
    line = line_at(text, at)
    return any(c.isupper() for c in line) and any(c.islower() for c in line)


def _code_after_comma(value: str, text: str, start: int) -> bool:
    """"Beck, NQFP": capitals after the comma of a name that is not in capitals are a place's code."""
    before, after = value[:value.index(",")], value[value.index(",") + 1:].strip()
    return after.isupper() and len(after) <= 5 and not before.isupper()


# words that end a name in a slot ("Rocio Foot PA-C", "Sato badge", "Patel via CritiCall") or open it
# as a role ("informed by AMHP Obinna Eze")
_TRAILING = frozenset("md do np rn pa pa-c phd dnp crna lpn rd rt slp ccc-slp pharmd esq aprn fnp lcsw licsw msw bsn msn cnm".split())
_LINKS = frozenset("via badge at on in for back after again rm room bed mrn dob cell mobile bleep pager pgr dea npi fax tel".split())
_LEADING = frozenset("""amhp pc officer deputy bf gf fiance fiancee dtr sister-in-law brother-in-law mother-in-law father-in-law son-in-law
daughter-in-law""".split())
# who stands in a slot without being named ("called to home by caregiver", "interpreter via phone line")
_NOT_STAFF = frozenset("caregiver phone line telephone video staff security police family team service services".split())


def _trimmed(text: str, start: int, value: str) -> tuple[int, str]:
    """(start, value) without leading role words and trailing credentials or link words."""
    words = list(re.finditer(r"\S+", value))
    links = [i for i, w in enumerate(words) if w.group().lower() in _LINKS]
    words = words[:links[0]] if links else words
    while words and words[-1].group().lower().strip(",.") in _TRAILING and not _cased_word(words[-1].group()):
        words.pop()
    while words and words[0].group().lower() in _LEADING:
        words.pop(0)
    if not words:
        return start, ""
    return start + words[0].start(), value[words[0].start():words[-1].end()].rstrip(",")


def _without_trailing_words(value: str, lexicon: Lexicon) -> str:
    """A name without the ordinary words after it (a verb: "Tuan Bishop consulted")."""
    judge = judge_for(lexicon)
    words = value.split(" ")
    while len(words) > 1 and judge.status(words[-1]) == "safe" and not lexicon.known(words[-1]) \
            and words[-1].capitalize() not in lexicon.last:
        words.pop()
    return " ".join(words)


def _cased_word(word: str) -> bool:
    """A capitalised short word ("Ma", "Do", "Hu") is a name or a word, not initials."""
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def _login_letters_ok(token: str, lexicon: Lexicon) -> bool:
    low = token.lower()
    letters = re.match(r"[a-z]+", low).group()
    return low not in code_shapes("en").words and judge_for(lexicon).status(letters) != "safe"


def _surname_shaped(letters: str, lexicon: Lexicon) -> bool:
    """An initial or two, then a listed surname or its first 6+ letters (systems cut logins to 8)."""
    for cut in (1, 2):
        rest = letters[cut:].capitalize()
        if len(rest) >= 4 and (rest in lexicon.last or (len(rest) >= 6 and _opens_surname(rest, lexicon))):
            return True
    return False


def _opens_surname(prefix: str, lexicon: Lexicon) -> bool:
    return prefix in _surname_prefixes(lexicon)


@lru_cache(maxsize=4)
def _surname_prefixes(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(s[:n] for s in lexicon.last for n in (6, 7))


def _logins(text: str, lexicon: Lexicon) -> Spans:
    spans = []
    for m in LOGIN_RE.finditer(text):
        token = m.group()
        line = line_at(text, m.start())  # a login holds no line break
        if token.isupper() and any(c.islower() for c in line):
            continue  # "SPO2", "PCO2" in a mixed-case note: capitals and digits are a measurement's name
        if not token.islower() and not token.isupper() and not _cased_word(token[:-len(m.group("digits"))]):
            continue
        slot = _LOGIN_SLOT_RE.search(text, max(0, m.start() - 30), m.start()) is not None
        shaped = _surname_shaped(m.group("letters").lower(), lexicon)
        if not _login_letters_ok(token, lexicon) and not (slot and shaped):
            continue  # "by shunter1", "by flamb9": a word's letters, but an initial and a surname in a login's slot
        if slot or shaped:
            spans.append((m.start(), m.end(), "NAME"))
    shapes = code_shapes("en").words
    for m in LOGIN_PAIR_RE.finditer(text):
        if m.group("a").lower() not in shapes and m.group("b").lower() not in shapes:
            spans += [(m.start("a"), m.end("a"), "NAME"), (m.start("b"), m.end("b"), "NAME")]
    return spans


def _signed_rows(text: str, lexicon: Lexicon) -> Spans:
    """Initials closing time-stamped rows, read as a column: a cell that is an ordinary word signs only
    in capitals where the line has both cases, or in a column of three or more different signers (a
    column of one repeated word, "0800 - ate", is a value)."""
    judge = judge_for(lexicon)
    found = []
    for m in ROW_RE.finditer(text):
        value = m.group("i")
        previous = text[text.rfind("\n", 0, max(m.start() - 1, 0)) + 1:m.start()]
        stamped = m.group("stamp") or _STAMP_OPENS.match(previous)
        if stamped and value.lower() not in _ROW_VALUES and not (_cased_word(value) and value.lower() in lexicon.core):
            found.append(m)
    signers = {m.group("i").lower() for m in found}

    def signs(m: re.Match) -> bool:
        value = m.group("i")
        if judge.status(value) != "safe":
            return True
        if len(found) < 2:
            return False  # one row ending in a word: no column of signatures
        return value.isupper() if _cased_line(text, m.start("i")) else len(signers) >= 3

    return [(m.start("i"), m.end("i"), "NAME") for m in found if signs(m)]


_WEAK_ROLE = re.compile(r"(?i)anesth|referral|signed")
_DOCTOR_BEFORE = re.compile(r"(?i)\b(?:dr\.?|doctor)[ \t]+$")


def _slots(text: str, lexicon: Lexicon) -> Spans:
    spans = []
    for rule, slot in ((ROLE_FIELD_RE, "strong"), (TITLE_RE, "title"), (BY_RE, "weak"), (CALL_RE, "weak"),
                       (WITH_RE, "weak"), (CC_RE, "strong"), (BEDSIDE_RE, "weak"), (JOB_RE, "job")):
        for m in rule.finditer(text):
            strength = slot
            if rule is ROLE_FIELD_RE and _WEAK_ROLE.match(m.group("role")):
                strength = "weak"
            if _CREDENTIAL_NEXT_RE.match(text, m.end("v")):
                strength = "strong"  # "signed by pita hand, do on ...": a credential says it is a person
            start, value = _trimmed(text, m.start("v"), m.group("v"))
            if rule is JOB_RE and not _CREDENTIAL_NEXT_RE.match(text, start + len(value)):
                value = _without_trailing_words(value, lexicon)  # "DIETITIAN TUAN BISHOP CONSULTED."
            titled = _DOCTOR_BEFORE.search(text[m.start():m.start("v")])
            if "," in value and (titled or _code_after_comma(value, text, start)):
                value = value[:value.index(",")]  # "cc: Dr Lester, SBCA": a place or a credential follows
            if value and _person(value, lexicon, slot=strength, cased=_cased_line(text, start)):
                spans.append((start, start + len(value), "NAME"))
    for rule, slot in ((HANDOFF_RE, "strong"), (FROM_TO_RE, "weak")):
        for m in rule.finditer(text):
            for group in ("v", "w"):
                if _person(m.group(group), lexicon, slot=slot, cased=_cased_line(text, m.start(group))):
                    spans.append((m.start(group), m.end(group), "NAME"))
    return spans


def _writer_logins(text: str, lexicon: Lexicon) -> Spans:
    judge = judge_for(lexicon)
    spans = []
    for m in WRITER_LOGIN_RE.finditer(text):
        login = m.group("login")
        if login.isalpha() and (judge.status(login) == "safe" or login in _NOT_STAFF):
            continue  # "printed by pharmacy", "entered by staff"
        spans.append((m.start("login"), m.end("login"), "NAME"))
    return spans


@recognizer("staff", "NAME", languages=("en",))
def find_staff(text: str, lexicon: Lexicon) -> Spans:
    return _logins(text, lexicon) + _signed_rows(text, lexicon) + _slots(text, lexicon) + _writer_logins(text, lexicon)

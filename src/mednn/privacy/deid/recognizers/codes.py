"""The allow-list for numbers: a digit-bearing token that is not a known-safe clinical number
form is an identifier (ID), whatever label (if any) stands before it and in any casing.

Known safe (never marked here):
* plain numbers of up to 4 digits, decimals, and pairs of them: lab values, scores, vitals and
  ratios ("7.4", "120/80", "5/5", "10:30", "1990-1995"); 5-digit numbers and ZIP+4 are left to the
  ZIP recognizer, 4-digit years and dates to the date recognizers, phone forms to the phone one;
* plain numbers of 4 to 6 digits unless labelled like an identifier ("#44712", "No. 4471",
  "Ref: 448812" where the label is not a word seen before measurements: "Platelets: 150000");
* numbers glued to units, times and ordinals ("1000mg", "24-hour", "34-year-old", "3rd",
  "95yo", "2pm", "q4h", "1980s");
* mixed words of the shipped safe list (``code-shapes-en.txt``, learnt from PHI-free text:
  "hba1c", "covid-19", "t2dm", "25(oh)d") and short mixed words (at most 3 digits) whose shape
  several safe words share ("AA9": "o2", "b12", "t4"), or whose letter runs are all safe words or
  units ("interleukin-2", "thallium-201").
Everything else with at least 4 digits, or mixing letters and digits, is an ID: record and
account numbers of any format ("HX-88213", "k7730-22", "ab12cd34"), plates and serials without a
cue ("7ABC123", "SN 4471-22X"), card-style groups ("4471 2231 8812 0045").
"""

from __future__ import annotations

import re
from functools import lru_cache

from ....data.wordlists import US_STATE_CODES
from ....data.wordlists.code_shapes import (CODE_TOKEN_RE, CodeShapes, code_prefix, code_shape, code_shapes,
                                             collapsed_shape, digit_count, has_letters)
from ..spans import KEEP
from ..vocabulary import Lexicon
from . import recognizer
from .year_guards import among_times

UNITS = frozenset((
    "mg mcg ug µg g gm gms gr grams kg kgs lb lbs oz ml mls l dl cc mm cm m km in ft inch inches mmhg cmh2o "
    "meq mmol umol nmol pmol mol iu u units unit mu miu kcal cal kj j hr hrs h min mins sec secs s ms d "
    "day days wk wks w week weeks mo mos month months yr yrs y yo yf ym year years old kda da nm um bp kb mb "
    "gb gy cgy mci mbq bq hz khz mhz t f c fr ga x fold pm am a p th st nd rd mph k l/min ml/min mg/dl "
    "mg/kg g/dl meq/l mmol/l ng/ml pg/ml u/l iu/l mg/m2 mcg/kg mg/day puffs puff tabs tab caps cap drops "
    "gtt gtts lpm bpm rpm cpm sec mmh2o lead leads gauge french mins hour hours minute minutes second "
    "seconds times percent pct ppm ppb ms mv uv w kw v cmm microl mm2 mm3 cm2 cm3 m2 m3 mumol").split())
# a number glued to (or hyphenated with) units or words: "1000mg", "2.5cm", "34-year-old", "1980s"
# one number, then words or units, each with at most one digit of its own ("mm3", "m2")
_NUMBER_FIRST = re.compile(r"(?P<n>\d+)(?:[.,]\d+)?[\-/]?[a-zµ]+\d?(?:[\-/.](?:[a-zµ]+\d?|\d{1,3}))*")
# values, pairs of values, times and references ("22(3):417-21"); 4-digit years are dates
_PLAIN_SAFE = re.compile(r"\d{1,4}(?:\.\d+)?(?:[\-/:]\d{1,4}(?:\.\d+)?)?|\d+\.\d+|\d{1,2}:\d{2}(?::\d{2})?"
                         r"|\d{1,4}\(\d{1,5}\):\d{1,5}(?:-\d{1,5})?")
_ZIP = re.compile(r"\d{5}(?:-\d{4})?")
_LABEL = re.compile(r"(?:#|\b(?i:no|nbr|num|number)\.?[ \t]*[:#]?|\b(?P<word>[A-Za-z][A-Za-z.]*)[ \t]*[:=])[ \t]*$")
# digits in groups of 4 ("4471 2231 8812 0045") and a letter prefix before a number ("KXM 4471")
_GROUPS = re.compile(r"(?<![\w\-./])\d{4}(?:[ \-]\d{4}){2,}(?![\w\-]|\.\d)")

_PREFIXED = re.compile(r"(?<![\w\-./])(?P<p>[A-Za-z]{2,4})[ ](?!(?:19|20)\d\d\b)\d{4,6}(?![\w\-./])")
# two short pieces of a plate or a postcode-like code ("YS37 IUO", "7CX 695")
# (a lookahead, so that "tag 7CX 695" tries "7CX 695" after "tag 7CX"); never before a year ("Q1 2019")
_PAIR = re.compile(r"(?<![\w\-./])(?=([A-Za-z0-9]{2,4})[ ](?!(?:19|20)\d\d\b)([A-Za-z0-9]{2,4})(?![\w\-./]))")
_RUNS = re.compile(r"[a-zµ]+|\d+")
_SPLIT = re.compile(r"[\-/.:()+_]")
# codes that name no person: ICD-10 diagnoses ("E11.9", "S72.001A"), trial registrations
# ("NCT01234567"), gene variants ("rs1234567"), drug products after "NDC"
# chromosome bands ("11q23", "1q21-23", "Xp22.3") and DNA markers ("D4S125", "DXS165")
# and the things every note has: tumour stages ("pT3N1aM0", "cT2 cN1 cM0"), pregnancies ("G4P3013"), Glasgow coma
# scale parts ("E3V5M6"), gestational ages in weeks and days ("29w1d"), chemotherapy cycle and day
# ("C10D15"), products and sizes
# ("500x14" ventilator volume x rate, "2.5x3.1x4cm", "x1000"; numbers11: a factor has at most five digits,
# so "24X9192923", an accession number in a line list, is no product; numbers13: whole factors have at most
# six digits together and a multiplier of four digits or more is round, "x1000": a device's serial written
# with an X, "SN 12X09572", "E13-X17907", is no product -- none of the PHI-free texts has either shape)
_NOT_PERSONAL = re.compile(r"[a-tv-z]\d{2}(?:\.[0-9a-z]{1,4})?|nct\d{8}|rs\d{3,10}|d(?:\d{1,2}|x|y)s\d{1,5}"
                           r"|[cpyr]?t[0-4x](?:is|[a-d])?n[0-3x][a-c]?m[01x][a-c]?|g\d{1,2}p\d{1,4}(?:-\d{1,2})*"
                           # (numbers13) and each category written apart with its prefix, "cT2 cN1 cM0", "ypT2 ypN1",
                           # "pT2b pN0 cM0 R0" (AJCC's notation; MEDDOCAN's cases write "pT3 G3 N0 M0", "pT1a, Nx, Mx")
                           r"|[yra]?[cp]?(?:t(?:[0-4x]|is)[a-d]?|n[0-3x][a-c]?|m[01x][a-c]?)|r[0-2]"
                           r"|\d{1,2}w[0-6]d|c\d{1,2}d\d{1,2}"
                           r"|x(?:\d{1,3}|[1-9]0{3,})(?:\.\d+)?|e[1-4]v[1-5t]m[1-6]"
                           r"|(?!(?:[^\d.]*\d){7}[^.]*$)\d{1,5}(?:\.\d+)?(?:x\d{1,5}(?:\.\d+)?){1,2}(?:mm|cm|m)?"
                           r"|(?:\d{1,2}|x|y)[pq]\d{1,2}(?:\.\d{1,2})?(?:-[pq]?\d{1,2}(?:\.\d{1,2})?)?")
# (and the words of a call: "cb 50524" is the number to call back, the phone recognizer's)
_LABEL_WORDS = frozenset("ssn ss mrn mr acct fin csn dea npi job doc dict ref id no nbr num lic reg ohip ramq phn hcn "
                         "cb pg pgr ph tel ext bpr".split())
# a study's protocol number names the study, not a person ("Protocol HSR-2022-414", "IRB # 2019-0412");
# a subject's own study id stays an ID ("study id 4471-22")
# a vaccine's lot number names a batch of thousands of doses, and a GS1 "(01)" number a product model
# ("TDAP LOT 4344E", "flu Fluzone HD lot UT1601CA", "UDI (01)00538862683220"): neither names a person;
# an implanted device's lot and the serial after "(21)" are device identifiers and stay (numbers6)
_VACCINE_LOT = (r"(?i:\b(?:vaccines?|vaccinations?|immuni[sz]ations?|flu|influenza|tdap|dtap|td|tetanus|mmr|hpv|"
                r"covid(?:-19)?|pneumo\w*|prevnar|shingrix|zoster|hep[ \t]*[ab]|bcg)\b[^\n;]{0,25}\blot"
                # (numbers10) and a medicine's, after its dose: "Clarithromycin 500 mg, batch lot 7K221", "50 mL
                # syringe. Batch 2311-07"
                r"|\d[ \t]*(?:mg|mcg|micrograms?|g|ml|units?|iu)\b[^\n;]{0,25}\b(?:lot|batch(?:[ \t]+lot)?))")
_PROTOCOL_BEFORE = re.compile(rf"(?i:\b(?:protocol|irb))(?:[ \t]+(?i:no\.?|number|#))?[ \t]*[:#]?[ \t]*$"
                              rf"|{_VACCINE_LOT}(?:[ \t]+(?i:no\.?|number|#))?[ \t]*[:#]?[ \t]*$|\(01\)[ \t]*$")
# a sequence variant in HGVS notation names a mutation, not a person: "c.5946delT", "p.Ser1982fs",
# "c.68-2A>G", "p.(Arg97Gly)" (since 2026-12-07, numbers6)
_HGVS = re.compile(r"(?i:[cgmnor]\.[\-*]?\d[\w>*+\-_]*|p\.\(?[a-z]{1,3}\d+[\w*=?]*\)?)")
# a sample's number: letters, three digits, a point and three more ("TB121.705", "RB069.312"); no
# value has letters glued before it and a three-digit integer part
_SAMPLE = re.compile(r"[a-z]{1,3}\d{3}\.\d{3}")
_NDC_BEFORE = re.compile(r"(?i:\bndc)[ \t]*[:#]?[ \t]*$")
# a billing or assessment item code is one or two letters and four digits, a letter after them at most:
# HCPCS Level II ("J1885 ketorolac", "G0439"), MDS 3.0 items ("G0110A bed mobility", "GG0170C", "D0300
# PHQ-9"), vaccine lots ("W5035A"); too short to number a person, so only a label makes one an id ("ID:
# K1234"); and a number after the name of a code system is a code ("CPT 99214", "DRG 291") (numbers7)
_ITEM_CODE = re.compile(r"[A-Za-z]{1,2}\d{4}[A-Za-z]?")
_CODE_SYSTEMS = frozenset("cpt hcpcs drg icd loinc snomed ndc rxnorm mds ms-drg apc".split())


@lru_cache(maxsize=4)
def _safe_letters(lexicon: Lexicon) -> frozenset[str]:
    """Letter runs that are ordinary words (3 letters or more) of the lexicon, or units of 2 letters
    or more (a single letter is a unit only after its number: "5 m", not "K-123-456")."""
    return frozenset(w for w in lexicon.safe | lexicon.name_words if len(w) >= 3) | {u for u in UNITS if len(u) > 1}


def _labelled(text: str, start: int, shapes: CodeShapes, lexicon: Lexicon) -> bool:
    """A plain number after "#", "No." or a label that is no measurement ("Ref: 448812")."""
    m = _LABEL.search(text[max(0, start - 30):start])
    if m is None:
        return False
    word = (m.group("word") or "").lower().rstrip(".")
    return not word or not (word in shapes.contexts or word in lexicon.core or word in UNITS)


_NUMBERED = re.compile(r"\b(?i:no|nbr|num|number)\.?[ \t]*[:#]?[ \t]*$")


def _numbered(text: str, start: int) -> bool:
    """A number after "No." (no word label: "Room: 12345" may be anything; "Event #12345" numbers
    an event)."""
    return _NUMBERED.search(text, max(0, start - 12), start) is not None


_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]*[:=]?[ \t]*$")
_WORD_AFTER = re.compile(r"[ \t]*([A-Za-z%µ/]+)")


def _measured(text: str, start: int, length: int, shapes: CodeShapes, lexicon: Lexicon) -> bool:
    """A number after a word seen before measurements, or before a unit or a counted noun."""
    before = _WORD_BEFORE.search(text[max(0, start - 30):start])
    if before and (before.group(1).lower() in shapes.contexts or before.group(1).lower() in lexicon.core):
        return True
    after = _WORD_AFTER.match(text, start + length)
    word = after.group(1).lower() if after else ""
    # a ratio's slash is glued to its number ("200/mm3"); a slash after a space separates fields
    # ("Roe, Ann / 5548-360 / ins ...")
    glued = after is not None and after.start(1) == start + length
    return word in UNITS or word.startswith("%") or (word.startswith("/") and glued) or (word.endswith("s") and word in lexicon.safe and len(word) > 3)


# two hyphenated numbers that no range, year span or page span reads as (since 2026-12-07): the
# second smaller than the first ("5679-921", "7059-38") or either opening with a zero
# ("0789-87", "3805-050"): record and dictation numbers, whoever wrote them
_NOT_A_RANGE = re.compile(r"(?P<a>\d{4})-(?P<b>\d{2,3})")


def _not_a_range(token: str) -> bool:
    a, b = token.split("-")
    if 1900 <= int(a) <= 2099 and len(b) == 2:
        return False  # "1990-95", "2019-03": a span of years or a month
    return int(b) < int(a[-len(b):]) or a[0] == "0" or b[0] == "0"


def _unit_after(text: str, end: int) -> bool:
    after = _WORD_AFTER.match(text, end)
    return after is not None and after.group(1).lower().rstrip(".") in UNITS


def _plain_is_code(token: str, text: str, start: int, shapes: CodeShapes, lexicon: Lexicon) -> bool:
    digits = digit_count(token)
    if len(token) == 5 and token.isdigit() and _numbered(text, start):
        return True  # "APC no. 77472", "cert number 60418": a ZIP code is never numbered
    if _ZIP.fullmatch(token) or digits < 4:
        return False  # ZIP codes are the ZIP recognizer's (with its town or state); short numbers are values
    if token.isdigit() and len(token) <= 6:
        # 4 digits are counts and years unless labelled; 6 are a count only after a measurement word
        # or before a unit ("platelets 150000", "100000 cells" is not: a count names its noun)
        return _labelled(text, start, shapes, lexicon) or (len(token) == 6 and not _measured(text, start, len(token), shapes, lexicon))
    if _NOT_A_RANGE.fullmatch(token) and _not_a_range(token) and not _measured(text, start, len(token), shapes, lexicon):
        return True
    separators = set(_SPLIT.findall(token))
    if max(len(r) for r in _RUNS.findall(token)) <= 3 and (
            separators - {"-"} or digits < 6):
        # small numbers in a list, a range of vitals, a reference or a version ("110-130/60-70",
        # "6/11/16/18", "3.4.19"); only hyphens between them is an id form ("654-68-34")
        return False
    return _PLAIN_SAFE.fullmatch(token) is None


def _quantity(low: str, safe: frozenset[str]) -> bool:
    """A number with its unit or noun ("1000mg", "200/mm3", "34-year-old", "95yo"); a single-letter
    unit only after a number of at most 3 digits ("37c", not "74006f"), decades and clock times aside."""
    m = _NUMBER_FIRST.fullmatch(low)
    if m is None:
        return False
    letters = [r for r in _RUNS.findall(low) if not r.isdigit()]
    number = m.group("n")
    if len(number) > 3 and len(letters[0]) == 1:
        # only decades ("1990s"), clock times ("1600h"), grams and units ("3200g" a birth weight,
        # "5000u" of heparin, "1000u/hr") keep a single letter after 4 or 5 digits
        if letters[0] in ("g", "u") and len(number) <= 5 and all(r in safe or r in UNITS for r in letters[1:]):
            return True
        return len(number) == 4 and ((letters[0] == "s" and number.endswith("0")) or (letters[0] == "h" and int(number) <= 2400))
    return all(r in safe or r in UNITS for r in letters)


def _part_safe(part: str, shapes: CodeShapes, safe: frozenset[str]) -> bool:
    """One piece of a token between ``- / . : ( ) + _`` (lower case)."""
    if part.isdigit():
        return len(part) <= 3
    if part.isalpha() or part in shapes.words or _NOT_PERSONAL.fullmatch(part):
        return True
    runs = _RUNS.findall(part)
    if _quantity(part, safe):
        return True  # a quantity with its unit ("1000mg", "mm3" after "200/")
    if digit_count(part) > 3:
        return False
    if all(r in safe or r.isdigit() for r in runs):
        return True  # a word with a small number ("interleukin2")
    return code_shape(part) in shapes.shapes or collapsed_shape(part) in shapes.shapes


# (numbers12) a scanner reads letters as the digits they resemble: "PR0FE5SIONAL", "C0NSULTANT", "REP0RT"; a word of
# five letters or more with at most a third of its characters such digits, which reads as a safe word once they are
# letters again, is the word (a code keeps its digits: "HX88213" reads as no word)
_OCR_LETTERS = (str.maketrans("0158", "olsb"), str.maketrans("0158", "oisb"))  # a one is an l or an i


def _scanned_word(low: str, lexicon: Lexicon) -> bool:
    if not low.isalnum() or len(low) < 5 or not all(c in "0158" for c in low if c.isdigit()) \
            or 3 * digit_count(low) > len(low) or not low[0].isalpha():
        return False
    return any(low.translate(letters) in lexicon.safe for letters in _OCR_LETTERS)


def _mixed_is_code(token: str, shapes: CodeShapes, lexicon: Lexicon) -> bool:
    low = token.lower()
    if low in shapes.words or _NOT_PERSONAL.fullmatch(low) or _HGVS.fullmatch(token) or _scanned_word(low, lexicon):
        return False
    if _SAMPLE.fullmatch(low):
        return True
    safe = _safe_letters(lexicon)
    if _quantity(low, safe):
        return False  # a quantity with its unit or noun ("200/mm3", "34-year-old")
    parts = [p for p in _SPLIT.split(low) if p]
    mixed = [p for p in parts if has_letters(p) and digit_count(p) and p not in shapes.words and not _NOT_PERSONAL.fullmatch(p)]
    if len(mixed) >= 3:
        return True  # three pieces that each mix letters and digits: a member number ("3WK5-NG2-AD15")
    if len(parts) >= 4 and digit_count(token) >= 9:
        return True  # (numbers10) a licence in four groups or more: "PIN G949-355-38-618-2", "T405-082-69-072-6"
    code = not all(_part_safe(p, shapes, safe) for p in parts) or (
        # many digits in small groups behind letters that are no word: "AB-123-456"
        digit_count(token) >= 6 and any(p.isalpha() and p not in safe for p in parts))
    if code and digit_count(token) > 3:
        return code_prefix(token) not in shapes.prefixes  # a drug compound series seen in PHI-free text
    return code


def _codes(text: str, shapes: CodeShapes, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    spans = []
    for m in CODE_TOKEN_RE.finditer(text):
        token = m.group()
        if not any(c.isdigit() for c in token) or _NDC_BEFORE.search(text[max(0, m.start() - 8):m.start()]) \
                or _PROTOCOL_BEFORE.search(text[max(0, m.start() - 45):m.start()]):
            continue
        # (and item codes billed together, "E0431/E1390" for a concentrator and its cylinders; numbers8)
        if all(_ITEM_CODE.fullmatch(piece) for piece in token.split("/")) and not _labelled(text, m.start(), shapes, lexicon):
            continue
        if has_letters(token):
            code = _mixed_is_code(token, shapes, lexicon)
        else:
            code = _plain_is_code(token, text, m.start(), shapes, lexicon)
        if code:
            spans.append((m.start(), m.end(), "ID"))
    return spans


def _odd_piece(piece: str, shapes: CodeShapes, safe: frozenset[str], lexicon: Lexicon) -> bool | None:
    """True: a mixed piece no safe word has; None: a neutral piece (a number, an unknown acronym)."""
    low = piece.lower()
    if low in safe or low in UNITS or low in lexicon.core or low in shapes.words or _NOT_PERSONAL.fullmatch(low):
        return False
    if has_letters(piece) and digit_count(piece):
        return not _quantity(low, safe)
    return None


def _pairs(text: str, shapes: CodeShapes, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """Two short pieces, one of them mixed letters and digits no safe word has, the other a number
    or letters that are no word: a plate or a code written with a space."""
    safe = _safe_letters(lexicon)
    spans = []
    for m in _PAIR.finditer(text):
        odd = [_odd_piece(p, shapes, safe, lexicon) for p in m.groups()]
        first, second = m.groups()
        if False not in odd and True in odd and digit_count(first + second) >= 2:
            spans.append((m.start(), m.start() + len(first) + 1 + len(second), "ID"))
    return spans


def _clock_among_clocks(text: str, m: re.Match) -> bool:
    """"TRANSPORT 03:38 AT DEST 1752": four digits that read as a time beside other times of the line."""
    number = m.group()[len(m.group("p")) + 1:]
    return len(number) == 4 and int(number[:2]) < 24 and int(number[2:]) < 60 and among_times(text, m.start(), m.end())


# a code after the name of its code system is a billing or a diagnosis code, never a person's number,
# whatever else would read it as one ("CPT 99214", "CPT 36558" read as a register's number; "HCPCS
# E0431", "MS-DRG 291", "ICD-10: E11.65", "LOINC 2345-7") (since 2026-12-07, numbers8); a bare "ICD" is
# also the implanted defibrillator, so ICD codes need their revision
CODE_SYSTEM_RE = re.compile(
    r"\b(?:(?i:cpt|hcpcs)(?:[ \t]+(?i:code))?[ \t]*[:#]?[ \t]*(?P<cpt>\d{5}|\d{4}[A-Za-z]|[A-Za-z]\d{4})"
    r"|(?i:ms-drg|drg)[ \t]*[:#]?[ \t]*(?P<drg>\d{3})"
    r"|(?i:icd-?(?:9|10|11)(?:-?(?:cm|pcs))?)(?:[ \t]+(?i:code))?[ \t]*[:#]?[ \t]*(?P<icd>[A-Za-z]\d{2}(?:\.\w{1,4})?|\d{3}(?:\.\d{1,2})?)"
    r"|(?i:loinc)[ \t]*[:#]?[ \t]*(?P<loinc>\d{1,7}-\d))(?![\w\-])")


@recognizer("code-systems", "ID", languages=("en",))
def find_code_system_codes(text: str, lexicon: Lexicon):
    return [(m.start(g), m.end(g), KEEP) for m in CODE_SYSTEM_RE.finditer(text) for g in ("cpt", "drg", "icd", "loinc") if m.group(g)]


@recognizer("codes", "ID", languages=("en",))
def find_codes(text: str, lexicon: Lexicon):
    shapes = code_shapes(lexicon.language)
    spans = _codes(text, shapes, lexicon)
    spans += [(m.start(), m.end(), "ID") for m in _GROUPS.finditer(text)] + _pairs(text, shapes, lexicon)
    safe = _safe_letters(lexicon)
    # "SSN 3948", "DEA 4471": a label before its number names the number, and the SSN recognizer
    # types it; only a prefix that is no label is part of the code ("KXM 4471")
    # a measurement before its unit is no code ("BW 1131 g")
    return spans + [(m.start(), m.end(), "ID") for m in _PREFIXED.finditer(text)
                    if m.group("p").lower() not in _LABEL_WORDS and m.group("p").lower() not in _CODE_SYSTEMS
                    and not _unit_after(text, m.end())
                    and not _clock_among_clocks(text, m)
                    and m.group("p").upper() not in US_STATE_CODES and m.group("p").lower() not in safe and m.group("p").lower() not in shapes.contexts
                    and m.group("p").lower() not in lexicon.core and m.group("p").lower() not in shapes.prefixes]

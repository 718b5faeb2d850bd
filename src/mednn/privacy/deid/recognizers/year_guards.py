"""Four-digit numbers and two-digit groups that are no person's year: a time of day among times, a value
after its measurement word, a statute's, a guideline's or a citation's year, a credential's expiry, a car's
model year. Split from ``dates.py`` (numbers12), which asks :func:`not_a_year` before it removes a year."""

from __future__ import annotations

import re

from ..spans import KEEP
from ..vocabulary import Lexicon
from . import recognizer


# the words a value follows: "EF 55", "bed 12" (a history line's two digits after them are no year)
MEASURE_WORDS = frozenset("ef bmi a1c hba1c lvef gcs bp hr rr temp wt weight ht height age score stage grade class "
                          "level mmse moca ldl hdl tsh inr cr gfr egfr k na hgb plt wbc sat sats pap ppd dose doses count value "
                          "reading volume size rate pressure glucose sugar bs bg sbp dbp map spo2 fio2 peep psa cea "
                          "x times day days pod hd weeks wks months years yrs "
                          # (numbers10) a scale's value and a place's number: "Glasgow coma scale 14", "bed 12; room 4b"
                          "scale bed room bay ward cot chair floor".split())


# a time of day is "at 2000", "@ 1930", "between 1900 and 2000", "2000-0800"; "until 2019" and
# "since 2015" are years (a note says "until 2200" for a time: it loses a time, not an identifier)
_TIME_BEFORE = re.compile(r"(?i:\b(?:at|around|to|between|and|from)|@|-)[ \t]*(?i:~|approx\.?|approximately|about)?[ \t]*$")


MODEL_YEAR_RE = re.compile(r"[ \t]+(?i:toyota|honda|ford|subaru|chevrolet|chevy|nissan|hyundai|kia|volkswagen|vw|jeep|"
                           r"dodge|chrysler|buick|cadillac|lexus|acura|mazda|audi|volvo|tesla|bmw|mercedes|gmc|ram)\b")


# "to" makes a time only as the end of a span of times ("0700 to 2000", "from 1900 to 2030"); after a
# verb it ends a period of years ("consent renewed to 2031", "valid to 2027") (since numbers7)
_TO_BEFORE = re.compile(r"(?i:\bto)[ \t]*$")
_TIME_EARLIER = re.compile(r"\d[^\n\d]{0,8}(?i:\bto)[ \t]*$")  # "0700 to 2000", "750 to 2000 gm": a span of values


def military_time(text: str, start: int, value: str) -> bool:
    """"at 2000", "since 1930": a time of day in 24-hour notation rather than a year."""
    before = text[max(0, start - 10):start]
    if int(value[2:]) >= 60 or _TIME_BEFORE.search(before) is None:
        return False
    return not _TO_BEFORE.search(before) or _TIME_EARLIER.search(text, max(0, start - 30), start) is not None


_DATE_BEFORE = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}(?:/\d{2,4})?[ \t]+$")
# a clock time among clock times ("Dispatched 1953 Enroute 14:57", "ON SCENE 2025 TRANSPORT 22:38 AT
# DEST 1943"): another time on the line close by, written with a colon or as 4 digits no year has
_CLOCK = re.compile(r"(?<![\d/.:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d/])|(?<![\d/.:\-])(?:0\d|1[0-8]|2[1-3])[0-5]\d(?![\d/.:])")


def among_times(text: str, start: int, end: int) -> bool:
    if re.match(r" \d", text[end:end + 2]) or re.search(r"\d $", text[max(0, start - 2):start]):
        return False  # a group of a longer number ("PHN SVXB 1603 1437"), not a time
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    near = text[max(line_start, start - 30):start] + " " + text[end:min(line_end, end + 30)]
    return _CLOCK.search(near) is not None


# a value after a laboratory or measurement word ("f/u lactate 2000", "wt 1950", "EBL 2000") and the
# year of a statute ("Mental Health Act 1983", "the Children Act of 1989"), which dates a law
_LAB_WORDS = MEASURE_WORDS | frozenset(
    "lactate lactic troponin trop bnp ferritin crp esr ldh ck cpk lipase amylase albumin bili bilirubin ast alt "
    "ammonia calcium ca phos magnesium potassium sodium chloride bicarb co2 bun creatinine hct anc cd4 trough "
    "vanc vancomycin tacro tacrolimus lithium digoxin kcal cal calories intake output uop ebl cells lbs "
    # (numbers12) the counts of a rhythm recording: "VE 2001 (couplets 1), SVE 322", "PVCs 1450", "beats 1980"
    "ve ves sve sves pvc pvcs pac pacs vpb vpbs vebs ectopics ectopy beats couplets runs".split())
_VALUE_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z0-9]*)[ \t:=]*$")
_STATUTE_BEFORE = re.compile(r"(?i:\bact(?:[ \t]+of|,)?)[ \t]*$")
# the edition year of a guideline names the guideline, not a person (since 2026-12-07, numbers7): after
# the body that issues it ("per ACR 2020", "per ACC/AHA 2017", "GOLD 2024 group E", "WHO 2009", "KDIGO
# 2012", "Fleischner 2017") or before the word for it ("ASMBS 2022 criteria", "the 2019 guidelines")
_GUIDELINE_BODIES = (r"acr|acc|aha|acc/aha|aha/acc|esc|esc/esh|esh|eular|acr/eular|gold|gina|who|nice|sign|bts|kdigo|ada|"
                     r"easd|idsa|ats|ats/idsa|ers|nccn|ajcc|uicc|figo|uspstf|acog|aap|asmbs|ifso|aasld|easl|acg|aga|"
                     r"nih|cdc|ilae|aan|rcog|rcp|sccm|esicm|ers/ats|bsg|bsr|ashp|ascp|asco|esmo|"
                     r"fleischner|lugano|sepsis-3|tnm|bi-rads|li-rads|ti-rads|pi-rads|dsm|ctcae|nyha|jnc|"
                     # (since numbers8) the Alzheimer's research framework, the surgical endoscopy society's
                     # safe cholecystectomy programme, neurosurgery, thoracic surgery, sleep medicine
                     r"nia-aa|sages|aans|sts|aasm|ispad|iwg")
# (numbers10) and with the guideline's own number between, bracketed or not: "Per NICE NG136 (2019)", "SIGN 158
# 2019"; or the body between the year and the word: "per 2018 ACG guideline"
_GUIDELINE_BEFORE = re.compile(rf"(?i:\b(?:{_GUIDELINE_BODIES}))(?:[ \t]+(?:[A-Za-z]{{1,4}}\d{{1,4}}[A-Za-z]?|\d{{3,4}}))?[ \t]*"
                               r"(?:guidelines?|criteria)?[ \t]*\(?[ \t]*$")
_GUIDELINE_AFTER = re.compile(rf"[ \t]*(?:(?i:{_GUIDELINE_BODIES})[ \t]+|[A-Z]{{2,6}}[ \t]+)?"
                              r"(?i:guidelines?|guidance|criteria|classification|recommendations?|consensus|"
                              r"staging|definitions?|update|edition|revision|revised|statement|framework|checklist)\b")


# (numbers10) the year a clinician's registration or a card expires dates the credential, not a person's care:
# "DEA reg AB1234563 (exp 2027)", "GMC licence 7012345, expires 2028"
_CREDENTIAL_EXPIRY = re.compile(r"(?i:\b(?:dea|reg|registration|licen[cs]e|lic|npi|gmc|nmc|ahpra|certificate|cert|"
                                r"practising|practicing)\b[^\n]{0,30}\b(?:exp|expiry|expires|expiring)\.?)[ \t:]*$")


# (numbers11) a citation's year: a bracket opened by a body's or a registry's acronym, the year closing it
# ("(CPIC 2022)", "(ESC 2021)", "(ISRCTN registered 2023)"), or after a document's version ("SOP v6 (limits 2022)")
_CITATION_BEFORE = re.compile(r"(?:\((?!(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|dob|lmp|edd|dod|exp)[A-Z]*\b)"
                              r"(?P<acronym>[A-Z]{3,8})(?:[ \t]+(?i:registered|published|updated|revised|issued|adopted))?|\b(?i:v(?:er(?:sion)?)?)\.?[ \t]*\d+(?:\.\d+)*[ \t]*\([^()\n]{0,30}?)[ \t]+$")


def _citation(text: str, m: re.Match, lexicon: Lexicon) -> bool:
    """A body's acronym is no clinical word: "(TKR 2015)", "(CABG 2019)" date the patient's operation."""
    cited = _CITATION_BEFORE.search(text, max(0, m.start("v") - 50), m.start("v"))
    return cited is not None and text.startswith(")", m.end("v")) \
        and (not cited.group("acronym") or cited.group("acronym").lower() not in lexicon.safe)


def not_a_year(text: str, m: re.Match, lexicon: Lexicon) -> bool:
    start, value = m.start("v"), m.group("v")
    before = text[max(0, start - 30):start]
    if before.rsplit("\n", 1)[-1].strip() == "" and "\n" in before:
        before = ""  # a year opening its line has no word before it
    word = _VALUE_WORD_BEFORE.search(before)
    if word and word.group(1).lower() in _LAB_WORDS or _STATUTE_BEFORE.search(before):
        return True
    if _GUIDELINE_BEFORE.search(before) or _GUIDELINE_AFTER.match(text, m.end("v")) \
            or _CREDENTIAL_EXPIRY.search(text, max(0, start - 60), start) \
            or _citation(text, m, lexicon):
        return True
    return int(value[2:]) < 60 and (_DATE_BEFORE.search(before) is not None or among_times(text, start, m.end("v")))


# (numbers12) a document's own year: its revision or edition in brackets after the document's noun and its number
# ("per Policy IC-07 (rev 2023)", "(form SEC-3, rev 2024)") or the year alone in brackets after the noun ("the
# Trust's Access Policy (2022)", "SOP (2021)"); it dates a policy or a form, not a person. Without a document's noun
# the year stays: "THR 2010 (rev 2019)" is a revision operation, "chair (issued 1996)" is issued to a person
_DOCUMENT = (r"(?i:\b(?:policy|policies|procedure|protocol|guidelines?|guidance|pathway|sop|form|leaflet|standard|"
             r"framework|handbook|manual|charter|regulations?))")
_REVISION = r"(?i:rev(?:ision|ised)?|ver(?:sion)?|ed(?:ition)?|edn)\.?[ \t]*"
_DOCUMENT_YEAR_RE = re.compile(
    rf"(?:{_DOCUMENT}(?:[ \t]+[A-Za-z0-9][\w.\-/]*\d[\w.\-/]*)?[ \t]*\([ \t]*(?:{_REVISION})?"
    rf"|\([ \t]*{_DOCUMENT}[^()\n]{{0,30}}?[ \t,;]{_REVISION})"
    r"(?P<v>(?:19|20)\d\d)(?=[ \t]*\))")


@recognizer("document-year", "DATE", languages=("en",))
def find_document_years(text: str, lexicon: Lexicon):
    return [(m.start("v"), m.end("v"), KEEP) for m in _DOCUMENT_YEAR_RE.finditer(text)]

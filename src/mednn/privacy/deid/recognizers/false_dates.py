"""Fractions that read as a month/day but are no dates (since 2026-12-07, numbers10), marked KEEP so
that no recognizer takes them:

* a British count of days, weeks or months: "3/7" is three days, "2/52" two weeks, "6/12" six months
  ("hx: 3/7 productive cough", "symptoms 5/7 dysuria", "3/7 ago", "amoxicillin 500 mg tds 5/7", "over
  the past 2/52"). It is a count where the words around it say a duration: "ago" or "history" after it,
  a complaint after it or its word before it ("symptoms", "hx:"), a dose's frequency before it ("tds",
  "bd", "od"), "x", "over the past", "lasting" before it. A date is announced by its own words ("on 3/7",
  "seen 3/7") and is never "ago".
* a score out of a number of questions, items or criteria ("Maddocks questions 3/5", "criteria 4/5 met",
  "3/5 correct"), a tissue match ("HLA typing 10/10 match", "9/10 matched donor"), an assessment item's score
  after its code ("G0110A bed mobility: 3/3"), and the EEG's 10-20 system ("Video-EEG 10-20 + T1/T2").
* (numbers11) a fraction after a scale's noun or the Aldrete score ("Sleepiness Scale (3/7)", "power grading
  4/5"), after a numbered place ("bloods bed 2/5"), a virus's types ("HIV 1/2"), and a count in a complaint
  field ("Complaint: insomnia, night sweats 3/12").
* (numbers12) a forward interval in months or weeks after "next" or "review" ("Next: 6/12", "Review 2/12").

Add a context: a word in one of the lists below and a case in tests/unit/privacy/test_deid_numbers10.py.
"""

from __future__ import annotations

import re

from ..spans import KEEP
from ..vocabulary import Lexicon
from . import recognizer
from .dates import DATE_CUES

# N/7 days (up to a month of them), N/52 weeks, N/12 months; a date's day of 52 does not exist
COUNT_RE = re.compile(r"(?<![\w/.:+\-])(?P<v>(?:[12]\d|30|0?[1-9])/7|(?:[1-4]\d|5[01]|0?[1-9])/52|(?:1[01]|0?[1-9])/12)"
                      r"(?![\w/%\"”]|[.,]\d|:\d)")
# a course's or a complaint's words: a duration before its complaint ("2/7 fever, cough") or its history
_COMPLAINTS = (r"fevers?|febrile|cough\w*|pain\w*|ache\w*|dysuria|vomit\w*|d&v|n&v|diarrh\w*|headaches?|sob|"
               r"breathless\w*|dyspn\w*|rash\w*|productive|worsening|increasing|sore\w*|wheez\w*|nause\w*|malaise|"
               r"letharg\w*|coryza\w*|symptoms?|sx|hx|history|frequency|urgency|ha?ematuria|bleed\w*|discharge|"
               r"itch\w*|swelling|swollen|tired\w*|fatigue|dizz\w*|palpitations?|constipat\w*|reduced|poor|off")
_AFTER = re.compile(rf"[ \t]*(?:\([^)\n]{{0,20}}\)[ \t]*)?(?i:ago\b|previously\b|earlier\b|duration\b|(?:of[ \t]+)?(?:{_COMPLAINTS})\b)")
# before it: the complaint or history word ("symptoms 5/7", "hx: 3/7"), a frequency of a dose ("tds 5/7",
# "bd 3/7"), "x 5/7", a period's words ("over the past 2/52", "for the last 3/7", "lasting 2/7")
_BEFORE = re.compile(
    r"(?i:\b(?:symptoms?|sx|hx|history|hpi|duration|lasting|course|od|bd|bid|tds|tid|qds|qid|mane|nocte|daily|"
    r"stat|prn|x|past|(?:over|for|in|within)(?:[ \t]+the)?[ \t]+(?:last|past|next)|within|further|another|"
    r"(?:a|one|two|three|four|five)[ \t]+more))[ \t]*[:=\-]?[ \t]*$")
_ANNOUNCED = re.compile(rf"(?i:\b(?:{DATE_CUES})(?:[ \t]+[A-Za-z]+)?[ \t:]*)$")
# a score out of questions, items or criteria, or a tissue match: "Maddocks questions 3/5", "HLA 10/10 match"
SCORE_RE = re.compile(r"(?<![\w/.:+\-])(?P<x>\d{1,2})/(?P<n>\d{1,2})(?![\w/%\"”]|[.,]\d|:\d)")
_SCORE_BEFORE = re.compile(r"(?i:\b(?:questions?|items?|criteria|domains?|answers?|tasks?|trials?|hla(?:[ \t]+typing)?|"
                           r"typing|antigens?|alleles?|loci))[ \t]*[:=]?[ \t]*(?i:(?:of|is|was|were|met)[ \t]*)?$")
_SCORE_AFTER = re.compile(r"[ \t]*(?i:(?:antigen|allele|hla)[ \t]+)?(?i:match(?:ed|es|ing)?|mis-?match(?:ed|es)?|correct|"
                          r"questions?|items?|criteria|answered)\b")

# an assessment item's score after its code and name: "G0110A bed mobility: 3/3  GG0170C lying to sitting: 02"
_ITEM_BEFORE = re.compile(r"\b[A-Za-z]{1,2}\d{4}[A-Za-z]?\b[^\n\d]{1,40}:[ \t]*$")
# (numbers11) a fraction after a scale named by its noun or a recovery score ("Sleepiness Scale (3/7)", "power
# grading 4/5", "Aldrete 9/10"), after a numbered place ("bloods bed 2/5", "bays 1/3": two beds, not a day), the
# types of a virus ("HIV 1/2", "HSV 1/2")
_NAMED_BEFORE = re.compile(r"(?i:\b(?:scale|grading|graded|index|aldrete|beds?|bays?|rooms?|cubicles?))[ \t]*[:=(]?[ \t]*$")
VIRUS_TYPES_RE = re.compile(r"(?i:\b(?:hiv|hsv|htlv)[ \t\-]?)(?P<v>1/2)(?![\w/])")
# a count in a complaint's field is its duration ("Complaint: insomnia, night sweats 3/12.", "PC: SOB 2/7")
_COMPLAINT_FIELD = re.compile(r"(?im:^[ \t]*(?:presenting[ \t]+|chief[ \t]+)?(?:complaints?|pc|hpc|c/o|cc)[ \t]*:)")

# the EEG's international 10-20 system of electrode placement: "Video-EEG 10-20 + T1/T2", "10-20 montage"
EEG_SYSTEM_RE = re.compile(r"(?i:\b(?:eeg|electrodes?|montage|placement)[ \t:]*)(?P<v>10-20)(?![\w\-/])"
                           r"|(?P<w>(?<![\w\-/])10-20)(?=[ \t]+(?i:system|montage|placement|electrodes?)\b)")


# (numbers12) a forward interval in months or weeks after the word for the next contact: "Next: 6/12", "Next: remote
# 3/12", "Review 2/12 with <surgeon>", "review 6/52" (six months, two months, six weeks: a day of month 12 or 52
# after "next" would be written with its cue, "next appt 6/12", which stays a date); days stay dates ("Review 1/7")
_INTERVAL_BEFORE = re.compile(r"(?i:\b(?:next|review|recall|rv|r/v)\b)[ \t]*:?[ \t]*(?:(?i:remote|clinic|in)[ \t]+)?$")


def _duration(text: str, m: re.Match) -> bool:
    line_start = text.rfind("\n", 0, m.start()) + 1
    before = text[max(line_start, m.start() - 40):m.start()]
    after = text[m.end():m.end() + 30]
    if _ANNOUNCED.search(before):
        return False  # "seen 3/7", "on 3/7 ago-" : a date's own word says what it is
    if not m.group("v").endswith("/7") and _INTERVAL_BEFORE.search(before):
        return True
    return _BEFORE.search(before) is not None or _AFTER.match(after) is not None \
        or _COMPLAINT_FIELD.match(text, line_start) is not None


@recognizer("not-dates", "DATE", languages=("en",))
def find_counts_and_scores(text: str, lexicon: Lexicon):
    spans = [(m.start("v"), m.end("v"), KEEP) for m in COUNT_RE.finditer(text) if _duration(text, m)]
    for m in SCORE_RE.finditer(text):
        if int(m.group("x")) > int(m.group("n")) or int(m.group("n")) == 0:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _SCORE_BEFORE.search(text, max(line_start, m.start() - 30), m.start()) or _SCORE_AFTER.match(text, m.end()) \
                or _ITEM_BEFORE.search(text, max(line_start, m.start() - 50), m.start()) \
                or _NAMED_BEFORE.search(text, max(line_start, m.start() - 30), m.start()):
            spans.append((m.start(), m.end(), KEEP))
    spans += [(m.start("v"), m.end("v"), KEEP) for m in VIRUS_TYPES_RE.finditer(text)]
    return spans + [(m.start(g), m.end(g), KEEP) for m in EEG_SYSTEM_RE.finditer(text) for g in ("v", "w") if m.group(g)]

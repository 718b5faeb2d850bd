"""Dates: full dates, month and year, month and day, with a cue a bare ``m/d``."""

from __future__ import annotations

import re

from ..dates import DATE_PATTERNS, parse_date
from ..vocabulary import Lexicon
from . import recognizer


@recognizer("date", "DATE")
def find_date(text: str, lexicon: Lexicon):
    spans = []
    for pattern, kind in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if parse_date(m, kind) is False:
                continue
            group = "m" if kind == "md_num" else 0
            spans.append((m.start(group), m.end(), "DATE"))
    return spans


# month/day without a year ("7/22", "10/3"): everywhere, except where a ratio is meant: a
# strength (5/5), a murmur grade (2/6), a pain score (4/10), culture bottles (2/2), a half
# normal saline (1/2 NS), ventilator settings (CPAP 5/5), a fraction of a tablet
MONTH_DAY_RE = re.compile(r"(?<![\w/.:+\-])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])(?![\w/%]|\.\d|:\d)")
_RATIO_BEFORE = re.compile(
    r"\b(?i:strength|motor|power|grip|pain|score|murmur|sem|hsm|grade|cx|bcx|bottles?|culture[sd]?|peep|cpap|bipap|"
    r"ps|vent|settings?|ratio|x|reflex(?:es)?|dtrs?|pulses?|rass|gcs|cam|apgar|pupils?|ue|le|ues|les|"
    r"ext(?:remit(?:y|ies))?|arms?|legs?|bilat(?:erally)?|[rl]|rt|lt|g|p|tabs?|tablets?|strips?|ratio|about|of)"
    r"[ \t:=]*(?:is|was|of|at)?[ \t:]*$")
_RATIO_AFTER = re.compile(
    r"^[ \t]*(?i:strength|motor|power|grip|murmur|sem|hsm|systolic|diastolic|holosystolic|bottles?|cultures?|"
    r"ns|normal|tabs?|tablets?|pulses?|reflexes|dtrs?|bilat(?:erally)?|ue|le|ues|les|ext\b|extremit|"
    r"upper|lower|arms?|legs?|pain|scale|of|dose|strength|cup|inch|in\s+\d|with\s+\d|sets?|positive|negative|"
    r"pos|neg|gpc|gnr|sputum|urine|blood|ratio|score|x\s*\d|times|hours?|hrs?|days|weeks)")
# month-day with a hyphen ("admitted 10-23") only after a word that announces a date
MONTH_DAY_HYPHEN_RE = re.compile(
    r"(?i:\b(?:on|since|dated|date|admitted|admit|admission|discharged|d/c'?d|seen|set\s+for|scheduled\s+for|until|"
    r"till|due|last|echo|cath|cxr|ct|mri|surgery|procedure|done|performed|started|stopped|through|thru)"
    r"[ \t:]+)(?P<v>(?:1[0-2]|0?[1-9])-(?:3[01]|[12]\d|0?[1-9]))(?![\w/\-%]|\.\d)")
# years: "'92", "in 95", "since 2003", "2014"
APOSTROPHE_YEAR_RE = re.compile(r"(?<![\w'’])['’]\d{2}(?![\w'’])")
# a two-digit year ends its phrase ("CABG IN 91, CVA '95"): "in 10 patients" is a count
TWO_DIGIT_YEAR_RE = re.compile(
    r"(?i:\b(?:in|since|circa|ca\.|during|until|til|till|year|yr|summer|winter|spring|fall|autumn)[ \t]+)"
    r"(?P<v>\d{2})(?=[ \t]*(?:[,;.)]|$|\n|(?i:and|at|w/|with|s/p|when|while|after|before|by)\b))")
YEAR_RE = re.compile(r"(?<![\w/.:\-#])(?P<v>(?:19[2-9]\d|20[0-4]\d))(?![\w/%]|\.\d|[ \t]*(?i:mg|mcg|ml|cc|units?|u\b|kcal|cal|meq|mmol|g\b|kg|x\b|hrs?|hours?|min))")
_TIME_BEFORE = re.compile(r"(?i:\b(?:at|until|till|til|by|before|after|around|to|between|and)|@|-)[ \t]*$")
MONTH_ALONE_RE = re.compile(
    r"(?i:\b(?:last|in|since|early|late|mid|next|this|of|during|until|by|through|past)[ \t]+)"
    r"(?P<v>January|February|March|April|June|July|August|September|October|November|December|"
    r"JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|May|MAY)\b(?![ \t]+\d)")
LOWER_MONTH_DAY_RE = re.compile(
    r"\b(?P<v>(?:january|february|march|april|june|july|august|september|october|november|december|"
    r"jan|feb|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?[ \t]+(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?)\b(?![ \t]*(?:mg|ml|%|:))")


def _military_time(text: str, start: int, value: str) -> bool:
    """"at 2000", "since 1930": a time of day in 24-hour notation rather than a year."""
    return int(value[2:]) < 60 and _TIME_BEFORE.search(text[max(0, start - 10):start]) is not None


@recognizer("date-context", "DATE", languages=("en",))
def find_dates_in_context(text: str, lexicon: Lexicon):
    spans = []
    for m in MONTH_DAY_RE.finditer(text):
        before, after = text[max(0, m.start() - 25):m.start()], text[m.end():m.end() + 20]
        if _RATIO_BEFORE.search(before) or _RATIO_AFTER.match(after):
            continue
        spans.append((m.start(), m.end(), "DATE"))
    for rule in (MONTH_DAY_HYPHEN_RE, TWO_DIGIT_YEAR_RE, MONTH_ALONE_RE, LOWER_MONTH_DAY_RE):
        spans += [(m.start("v"), m.end("v"), "DATE") for m in rule.finditer(text)]
    spans += [(m.start(), m.end(), "DATE") for m in APOSTROPHE_YEAR_RE.finditer(text)]
    spans += [(m.start("v"), m.end("v"), "DATE") for m in YEAR_RE.finditer(text)
              if not _military_time(text, m.start(), m.group("v"))]
    return spans

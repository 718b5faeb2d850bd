"""Dates: full dates, month and year, month and day, with a cue a bare ``m/d``."""

from __future__ import annotations

import re

from ....data.wordlists.code_shapes import code_shapes
from ..dates import DATE_PATTERNS, parse_date
from ..spans import KEEP
from ..vocabulary import Lexicon
from . import recognizer
from .year_guards import MEASURE_WORDS, MODEL_YEAR_RE, among_times, military_time, not_a_year


@recognizer("date", "DATE")
def find_date(text: str, lexicon: Lexicon):
    spans = []
    for pattern, kind in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if parse_date(m, kind) is False:
                continue
            if (kind == "md" and m.group("mon").lower() in ("may", "mar") and m.group()[-1].isdigit()
                    and COUNT_AFTER_RE.match(text, m.end()) and not _DAY_RANGE_AFTER.match(text, m.end())):
                continue  # "PT MAY 2 MORE DOSES", "PER MAR 5 MG": a modal or the medication record, then a count
                # ("May. 9" with its period and "MAY 31ST" with its ordinal are dates: a modal takes neither)
            group = "m" if kind == "md_num" else 0
            spans.append((m.start(group), m.end(), "DATE"))
    return spans


# (numbers10) a range of days after the month is no count: "To be seen Mar 25-27", "from May 22-24" (a count
# takes its unit or its noun after it: "may 2-3 tabs", "MAR 1-2 doses")
_DAY_RANGE_AFTER = re.compile(r"[-–](?P<b>3[01]|[12]\d|0?[1-9])\b(?![ \t]*(?:[/:%.,]\d|(?i:mg|mcg|ml|cc|l|units?|tabs?|"
                              r"tablets?|doses?|times|more|x|hours?|hrs?|days?|weeks?|wks?|months?|mins?|minutes|puffs?|"
                              r"drops?|liters?)\b))")


# month/day without a year ("7/22", "10/3"): everywhere, except where a ratio is meant: a
# strength (5/5), a murmur grade (2/6), a pain score (4/10), culture bottles (2/2), a half
# normal saline (1/2 NS), ventilator settings (CPAP 5/5), a fraction of a tablet
MONTH_DAY_RE = re.compile(r"(?<![\w/.:+\-])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])(?![\w/%\"”]|\.\d|:\d)")
# the same day first, as most of the world writes it ("OPU 23/4", "Repeat CBC 27/3", "LMP 30/7"): a first
# number over 12 can only be a day; the groups keep the ratio names (m over d) so that the checks below
# read a score the same way ("GCS 14/15" has no month); "24/7" is round the clock (since 2026-12-07, numbers7)
DAY_MONTH_RE = re.compile(r"(?<![\w/.:+\-])(?!24/0?7(?!/))(?P<m>3[01]|2\d|1[3-9])/(?P<d>1[0-2]|0?[1-9])(?![\w/%\"”]|\.\d|:\d)")
_RATIO_BEFORE = re.compile(
    r"\b(?i:strength|motor|power|grip|pain|score|murmur|sem|hsm|grade|cx|bcx|bottles?|culture[sd]?|peep|cpap|bipap|"
    r"ps|vent|settings?|ratio|x|nippv|niv|nimv|ipap|epap|bilevel|avaps|pressures?|reflex(?:es)?|dtrs?|pulses?|rass|gcs|cam|apgar|pupils?|ue|le|ues|les|cog|moca|mmse|slums|"
    r"ext(?:remit(?:y|ies))?|arms?|legs?|bilat(?:erally)?|(?<!&)(?:[rl]|g|p)|rt|lt|tabs?|tablets?|strips?|ratio|about|of|"
    # scales read as "n out of N" (since 2026-12-07, numbers5): Apgar at 1 and 5 minutes, the Epworth
    # sleepiness scale (/24), intra-ocular pressures right/left ("IOP (Tonopen): 10/12")
    r"apgars?|epworth|ess|iop|tonopen|(?:iop|tonometry|tonopen)[ \t]*\([^)\n]{0,20}\)|"
    # (since numbers8) a printout's counter, "n of N": "Page 2/6", "LABEL 2/6  PRINTED ...", "sheet 1/3"
    # (numbers12) and its abbreviation with a period, not after an initial: a fax header's "FROM: <number>  P. 1/2"
    r"page|pg|(?<![A-Za-z]\.[ \t])pp?\.|label|sheet)"
    # (since numbers7: "Apgars were 8/9", a monofilament test out of its sites, "Monofilament 6/10 R")
    r"[ \t:=]*(?i:is|was|were|are|of|at)?[ \t:]*$|(?i:\bmonofilament|\bsites?)[ \t:=]*$")
_RATIO_AFTER = re.compile(
    r"^[ \t]*(?i:strength|motor|power|grip|murmur|sem|hsm|systolic|diastolic|holosystolic|bottles?|cultures?|"
    r"ns|normal|tabs?|tablets?|pulses?|reflexes|dtrs?|bilat(?:erally)?|ue|le|ues|les|ext\b|extremit|"
    r"upper|lower|arms?|legs?|pain|scale|of|dose|strength|cup|inch|in\s+\d|with\s+\d|sets?|positive|negative|"
    r"pos|neg|gpc|gnr|sputum|urine|blood|ratio|score|x\s*\d|times|hours?|hrs?|days|weeks|"
    r"elsewhere|throughout|globally|symmetric)")
# words that announce a date ("admitted 10-23", "last HD 4-28", "CT head 9-11", "seen at SRH 6-22")
DATE_CUES = (r"on|since|dated|date|admitted|admit|admission|discharged|d/c'?d|seen|set\s+for|scheduled\s+for|until|"
             r"till|due|last|echo|cath|cxr|ct|cta|mri|us|xr|x-ray|ekg|ecg|eeg|egd|scan|imaging|surgery|procedure|done|"
             r"performed|started|stopped|through|thru|today|tomorrow|yesterday|tonight|visit|appt|appointment|f/u|"
             r"follow-?up|rtc|return|birthday|bday|dob|lmp|edd|edc|transferred|transfer|xfer|drawn|collected|resulted|"
             r"mvc|accident|agrees\s+to|agreed\s+to|note|resolved\s+by")
# month-day with a hyphen after such a word, up to three words later ("LAST HD 4-28", "BIRTHDAY
# TODAY (10-1)", "TRANSFERRED FROM U VERMONT 1-9"), unless a count, a dose or a range follows it
# ("last 2-3 days", "on 2-4 L") or a measurement names it ("ICP 8-14")
MONTH_DAY_HYPHEN_RE = re.compile(
    rf"(?i:\b(?:{DATE_CUES})(?:[ \t]+[A-Za-z][A-Za-z.'’]*){{0,3}}[ \t:]*\(?[ \t]*)"
    r"(?P<v>(?:1[0-2]|0?[1-9])-(?:3[01]|[12]\d|0?[1-9]))(?![\w/\-%]|\.\d)")
_RANGE_AFTER = re.compile(
    r"[ \t]*(?i:x\b|times|days?|d\b|weeks?|wks?|months?|mos?|years?|yrs?|hours?|hrs?|h\b|min(?:ute)?s?|mg|mcg|g\b|ml|cc|"
    r"l\b|lpm|liters?|units?|u\b|meq|mmol|%|cm|mm|in\b|inches|lbs?|kg|beats|breaths|bpm|per[ \t]+(?:day|d|week|wk|month|hour|hr|shift|min)|/|episodes?|stools?|"
    r"tabs?|tablets?|puffs?|drinks?|beers?|packs?|ppd|servings?|nodules?|lesions?|level|levels|point)")
_MEASURE_BEFORE = re.compile(
    r"(?i:\b(?:icp|cpp|rr|hr|bs|bg|fsbg|peep|map|cvp|sbp|dbp|bp|temp|t|sats?|spo2|fio2|ps|tv|vt|rate|gtt|o2|uop|"
    r"pain|gcs|rass|cpot|score|level|grade|stage|ph|pco2|po2|k|na|mg|glucose|range|between|about|approx|~)[ \t:]*)$")
# lab and registration styles, a month abbreviation joined to digits by a hyphen or nothing:
# "22FEB2024", "03-Sep-2014", "16-Dec", "Sep-04-25", "JAN-22-04" (any casing: the digits make it a date)
_MON = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)"
_YEAR = r"(?:\d{4}|\d{2})"
LAB_DATE_RE = re.compile(
    rf"(?<![\w\-/.])(?P<v>(?:3[01]|[12]\d|0?[1-9])(?:-{_MON}(?:-{_YEAR})?|{_MON}{_YEAR}?)"
    rf"|{_MON}-(?:3[01]|[12]\d|0?[1-9])(?:-{_YEAR})?)(?![\w\-/])")
# a day of the month by its ordinal ending a clause: "will visit on the 14th.", "BY THE 3RD AT NOON"
# (not "on the 2nd postoperative day", "on the 2nd and 5th days"); a preposition after it ("seen on the
# 3rd in clinic") says so as well as a clause end
ORDINAL_DAY_RE = re.compile(
    r"(?i:\b(?:on|by|until|till|since|before|after|from)[ \t]+(?:the[ \t]+)?)(?P<v>(?:3[01]|[12]\d|0?[1-9])(?i:st|nd|rd|th))\b"
    r"(?=[ \t]*(?:[.,;:!?)]|$|(?i:at|for|to|when|if|or|but|in|with|w/|then|via)\b(?![ \t]+\d{1,2}(?i:st|nd|rd|th)\b)))", re.M)
# "the 14th" with no month ends its clause, or stands before a time or a field gap, only as a
# day of the month ("Next HUS the 24th.", "DOS the 20th   MRN", "disconnect the 20th at 1400",
# "Born the 22nd at St X"); an ordinal that counts something names it ("the 5th day", "the 95th
# percentile", "the 3rd, 4th and 5th ribs", "the 2nd and 5th days") (since 2026-12-07, numbers5)
THE_ORDINAL_DAY_RE = re.compile(
    r"(?i:\bthe[ \t]+)(?P<v>(?:3[01]|[12]\d|0?[1-9])(?i:st|nd|rd|th))\b"
    r"(?=[ \t]*(?:[.;:!?)\]]|,(?![ \t]*(?:\d|and|or))|$)|[ \t]{2,}|\t|[ \t]+\(|[ \t]+(?:\d{3,4}\b|\d{1,2}:\d\d)"
    # (since 2026-12-07, numbers8) a field's bar or a dash after it ("| the 20th |", "FU THE 9TH - VFC
    # phone", "period the 1st - JUN 10"; not "the 3rd - 5th ribs"), a time after its comma ("(the 9th, 16:42)")
    r"|[ \t]*[|\-–](?![ \t]*\d{1,2}(?i:st|nd|rd|th)\b)|,[ \t]*\d{1,2}:\d\d"
    r"|[ \t]+(?i:at|for|to|from|with|when|if|but|by|via|per|w/|then|until)\b(?![ \t]+\d{1,2}(?i:st|nd|rd|th)\b))", re.M)
# since 2026-12-07 (numbers7), the day of the month by its ordinal where no count can stand:
# a range of days ("between the 7th and the 11th.", "from the 8th to the 12th of March"), a letter or a
# call dated by it ("your letter of 27th."), and "the 18th of january" in any casing ("of" and an
# ordinal make "may" and "march" months)
_ORD_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?i:st|nd|rd|th)"
_FULL_MONTH = r"(?i:january|february|march|april|may|june|july|august|september|october|november|december)"
ORDINAL_RANGE_RE = re.compile(
    rf"(?i:\b(?:between|from)[ \t]+the[ \t]+)(?P<v>{_ORD_DAY})(?i:[ \t]+(?:and|to|till|until|through)[ \t]+(?:the[ \t]+)?)"
    rf"(?P<w>{_ORD_DAY})\b(?=[ \t]*(?:[.,;:!?)]|$|(?i:of)[ \t]+{_FULL_MONTH}\b))", re.M)
LETTER_ORDINAL_RE = re.compile(
    rf"(?i:\b(?:letter|lettre|e-?mail|message|note|call|visit|appointment|referral|fax|correspondence)[ \t]+(?:of|dated)"
    rf"[ \t]+(?:the[ \t]+)?)(?P<v>{_ORD_DAY})\b(?=[ \t]*(?:[.,;:!?)]|$))", re.M)
# (numbers10) a birth day by its ordinal: "Born the 1st in Clinton", "born on the 22nd at home"
BORN_THE_RE = re.compile(r"(?i:\bborn(?:[ \t]+on)?[ \t]+the[ \t]+)(?P<v>(?:3[01]|[12]\d|0?[1-9])(?i:st|nd|rd|th))\b")
ORDINAL_OF_MONTH_RE = re.compile(rf"\b(?P<v>{_ORD_DAY}[ \t]+(?i:of)[ \t]+{_FULL_MONTH})\b")
# "22 mar", "23 aug", "9 apr." in a note typed in lower case: a day before a month's short name; "may",
# "mar" and "dec" (decreased) are words too, so a clause end, a time or a year must follow them
_SHORT_MONTH = r"(?:jan|feb|apr|jun|jul|aug|sept?|oct|nov|january|february|april|june|july|august|september|october|november|december)"
LOWER_DAY_MONTH_RE = re.compile(
    rf"(?<![\w/.\-])(?P<v>(?:3[01]|[12]\d|0?[1-9])[ \t]+(?:{_SHORT_MONTH}\b|(?:may|mar|march|dec)\b"
    r"(?=[ \t]*(?:[.,;:)]|$|\n|[ \t]{2}|[012]?\d:\d\d|(?:19|20)\d\d\b)))"
    # (since numbers8) with its year in one span: "printed 6 december 2010" was two overlapping dates, and
    # the longer ("december 2010") left the day behind
    r"(?:,?[ \t]+(?:19|20)\d{2}\b)?)(?![ \t]*(?:mg|ml|%))", re.M)
# a range of days before its month, in any casing ("Recheck 28-30 Sep", "dob 15-17 mar", "fiducials placed
# 16-18 nov", "4-6 Oct 2024"): the range makes "mar" and "dec" months, not a record or a decrease; "may" needs
# a clause end or a year after it (since 2026-12-07, numbers8)
DAY_RANGE_MONTH_RE = re.compile(
    rf"(?<![\w/.\-])(?P<v>(?:3[01]|[12]\d|0?[1-9])[ \t]*[-–][ \t]*(?:3[01]|[12]\d|0?[1-9])[ \t]+"
    rf"(?:(?i:{_SHORT_MONTH}|mar|march|dec)\b|(?i:may)\b(?=[ \t]*(?:[.,;:)]|$|(?:19|20)\d\d\b)))"
    r"(?:,?[ \t]+(?:19|20)\d{2}\b)?)(?![ \t]*(?i:mg|ml|%))", re.M)
# a date written with dots, month first ("Telephone encounter 11.15.26", "Consent signed 12.1.26") or
# (since 2026-12-07, numbers7) day first when the day is over 12 ("DOB: 24.9.23", "NS1 positive (31.3.25)"),
# never a version, a section or an enzyme number ("v 3.4.19", "EC 3.1.26", "Table 2.1.10")
DOT_DATE_RE = re.compile(r"(?<![\w.\-])(?P<v>(?:(?:1[0-2]|0?[1-9])\.(?:3[01]|[12]\d|0?[1-9])|(?:3[01]|2\d|1[3-9])\.(?:1[0-2]|0?[1-9]))\.(?:(?:19|20)\d{2}|\d{2}))(?![\w\-]|\.\d|[ \t]*(?i:cm|mm|m|kg|g|mg|ml|%|x)\b)")
_NOT_A_DOT_DATE = re.compile(r"(?i:\b(?:v|ver|version|release|rev|revision|build|ec|section|sect|table|tab|figure|fig|"
                             r"chapter|ch|step|item|icd|code|grade|stage|class|type|model|no|number|#))\.?[ \t]*$")
# years: "'92", "in 95", "since 2003", "2014"
APOSTROPHE_YEAR_RE = re.compile(r"(?<![\w'’])['’]\d{2}(?![\w'’])")
# a history list dates its items by two-digit years ("PSH: appy 23; R hip 05 at X", "OB hx: C/S in 95,
# SVD 05.", "PMH: CABG 96, DM2"): on a line opened by a history header, two digits right after a word
# and ending the item; a measurement word before them makes a value ("PMH: EF 55;", "BMI 42,")
HISTORY_LINE_RE = re.compile(
    r"^[ \t]*(?i:psh|pmh|pshx|pmhx|past[ \t]+(?:surgical|medical|ob|obstetric)[ \t]+(?:history|hx)|"
    r"(?:surgical|medical|ob|obstetric|gyn|ob/gyn|procedure)[ \t]+(?:history|hx)|hx)[ \t]*[:\-][^\n]*", re.M)
# the same inside a phrase of history ("h/o CABG in 1978, Whipple 92)", "s/p CABG 96,", "prior biopsy 93.",
# "last colonoscopy 15.")
HISTORY_PHRASE_RE = re.compile(r"(?i:\b(?:h/o|s/p|hx[ \t]+of|history[ \t]+of|prior|previous|remote|last))(?![\w/])[^.;\n()]{1,80}")
# a history given as a field may wrap once: "Past history: appendicectomy 1986,\nTIA in 76 (seen at X)"
# (since 2026-12-07, numbers6)
HISTORY_FIELD_RE = re.compile(r"(?i:\b(?:history|hx))[ \t]*:[^.;()\n]{1,80}(?:\n[^.;()\n]{1,60})?")
HISTORY_YEAR_RE = re.compile(r"(?<=[A-Za-z])[ \t]+(?P<v>\d{2})(?=[ \t]*(?:[,;.)]|$)|[ \t]+(?i:at|in|for|w/|with)\b)", re.M)
_HISTORY_WORD = re.compile(r"([A-Za-z][A-Za-z0-9]*)[ \t]*$")
# a two-digit year ends its phrase ("CABG IN 91, CVA '95"): "in 10 patients" is a count
# (since 2026-12-07, numbers5: a
# diagnosis dated by its year, "DM2 dx 08,", a line wrapped after the cue, "first noted in\n23.", and
# "in 06 for": a count never opens with a zero, so "for" may follow it)
TWO_DIGIT_YEAR_RE = re.compile(
    r"(?i:\b(?:in|since|circa|ca\.|during|until|til|till|year|yr|summer|winter|spring|fall|autumn|dx|dx'd|diagnosed)(?:[ \t]+|[ \t]*\n[ \t]*))"
    r"(?P<v>\d{2})(?![.,]\d)(?=[ \t]*(?:[,;.)]|$|\n|(?i:and|at|w/|with|s/p|when|while|after|before|by)\b)|(?<=0\d)[ \t]+(?i:for)\b)")
# (since numbers7) "was at ACH in 98 for similar", "C/S in 95 for arrest of dilation", "hospital in 94
# for the same thing": after a stay or a procedure in the same clause, "in NN for" dates it ("improved
# in 12 for the first week" is a count)
STAY_YEAR_RE = re.compile(
    r"(?i:\b(?:was|were|been|seen|admitted|hospitali[sz]ed|hospital|clinic|c/s|c-section|surgery|repair)\b)"
    r"[^.;\n]{0,40}?(?:\n[ \t]*)?(?i:\bin)(?:[ \t]+|[ \t]*\n[ \t]*)(?P<v>\d{2})[ \t]+(?i:for)\b"
    r"(?![ \t]+(?i:whom|which|each|all|both|every|a[ \t]+total)\b)")
# ... but a result reports counts: "present in 31 and splenomegaly in 29 cases", "ipsilaterally in 34,
# bilaterally in 10, and contralaterally in 2", "in 38, 49, 60, and 98 specimens", "in 14.8%" (since
# 2026-12-07, phifree5). A two-digit number after "in" is a count when another number follows it in a
# list ("in 21 and 11 children"), or when its sentence holds another "in N" that can only be a count:
# a decimal, a percentage, a number before "of" or a plural noun of people or things, three digits or
# five, four that are no year, a single digit; "a stroke in 95 and an MI in 02" holds none: two years
_COUNT_NOUNS = (r"patients|cases|children|infants|neonates|newborns|adults|subjects|participants|persons|people|"
                r"individuals|women|men|boys|girls|families|members|volunteers|controls|survivors|eyes|ears|hips|knees|"
                r"limbs|feet|hands|teeth|kidneys|hearts|livers|lungs|specimens|samples|isolates|strains|cultures|"
                r"biopsies|lesions|tumou?rs|nodules|animals|rats|mice|dogs|rabbits|pigs|episodes|instances|procedures|"
                r"operations|studies|trials|centers|centres|sites|hospitals|pregnancies|deliveries|births|deaths|"
                r"series|groups|pairs|patient|case|child|subject")
_LIST_AFTER = re.compile(r"[ \t]*(?:,[ \t]*(?i:and[ \t]+)?|[ \t](?i:and|or)[ \t]+)\d")
_SURE_COUNT = re.compile(
    rf"(?i:\bin[ \t]+(?:\d+[.,]\d+|\d{{3}}|\d{{5,}}|(?!19|20)\d{{4}}|[1-9])(?![\d.,/:\-]\d|\d)(?![ \t]*(?:[ap]\.?m\b|h\b|hours?\b))"
    rf"|\bin[ \t]+\d+(?=[ \t]*(?:%|percent\b|per[ \t]cent\b|of\b|(?:[a-z\-]+[ \t]+)?(?:{_COUNT_NOUNS})\b)))")
_SENTENCE_END = re.compile(r"[.;!?](?=[ \t\n]+[A-Z(]|$)|\n")


def _counted(text: str, m: re.Match) -> bool:
    """The two digits after "in" are one of the counts a result lists (see above)."""
    if _LIST_AFTER.match(text, m.end("v")):
        return True
    # a newline ends a sentence too: the search for its start begins at the line's start, not the note's
    start = 0
    for end_mark in _SENTENCE_END.finditer(text, max(text.rfind("\n", 0, m.start("v")), 0), m.start("v")):
        start = end_mark.end()
    after = _SENTENCE_END.search(text, m.end("v"))
    end = after.start() if after else len(text)
    sentence = text[start:m.start("v")] + " " * (m.end("v") - m.start("v")) + text[m.end("v"):end]
    return _SURE_COUNT.search(sentence) is not None
YEAR_RE = re.compile(r"(?<![\w/.:\-#])(?P<v>(?:19[2-9]\d|20[0-4]\d))(?![\w/%]|\.\d|-\d{3}|[ \t]*(?i:mg|mcg|ml|cc|units?|u\b|kcal|cal|meq|mmol|g\b|kg|x\b|hrs?|hours?|min))")
MONTH_ALONE_RE = re.compile(
    r"(?i:\b(?:last|in|since|early|late|mid|next|this|of|during|until|by|through|past)[ \t]+)"
    r"(?P<v>January|February|March|April|June|July|August|September|October|November|December|"
    r"JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|May|MAY)\b(?![ \t]+\d)")
# (with its year when one follows: "date of service: jan 31, 2019", "seen october 2022"; since
# 2026-12-07, numbers6: the whole date is one span, as it is in any other casing)
_LOWER_YEAR = r"(?:,?[ \t]+(?:19|20)\d{2}\b)?"
LOWER_MONTH_DAY_RE = re.compile(
    r"\b(?P<v>(?:january|february|march|april|june|july|august|september|october|november|december|"
    r"jan|feb|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?[ \t]+(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
    rf"(?![ \t]*(?:mg|ml|%|:\d)){_LOWER_YEAR})")
LOWER_MONTH_YEAR_RE = re.compile(
    r"\b(?P<v>(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?,?[ \t]+(?:of[ \t]+)?(?:19|20)\d{2})\b(?![\-/.]\d)")

# "may" and "mar" are words in lower case (a modal, the medication record) but a day number after them
# makes a date ("echo may 19 with", "meeting set for may 16th", "held on mar 21"): a verb, not a number,
# follows "may"; a count or a range after it ("may 2 more doses", "mar 5-10 mg") stays
_COUNT_AFTER = (r"[ \t]*(?:[-–][ \t]*\d|[/:%]|\.\d|(?i:mg|mcg|ml|cc|l|units?|tabs?|tablets?|doses?|times|more|x|hours?|hrs?|days?|"
                r"weeks?|wks?|months?|mins?|minutes|puffs?|drops?|liters?|of|or|to)\b)")
COUNT_AFTER_RE = re.compile(_COUNT_AFTER)
# (a period after the month or an ordinal after the day says date: "mar. 11 - transport", "may 31st:")
LOWER_MAY_MAR_RE = re.compile(rf"\b(?P<v>(?:may|mar)(?:\.[ \t]+(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
                              rf"|[ \t]+(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b"
                              rf"|[ \t]+(?:3[01]|[12]\d|0?[1-9])\b(?!{_COUNT_AFTER})){_LOWER_YEAR})")

# a car's model year ("drives a 2009 Toyota Camry") dates the car, not the person


# a span of years (a study period, "between 1985 and 1989", "1974-1983", "1956 through 1985"):
# HIPAA Safe Harbor lets a year alone stay; a single year is still removed, as the nursing-note
# corpus annotates it, but a period of whole years is left
_Y = r"(?:19[2-9]\d|20[0-4]\d)"
YEAR_RANGE_RE = re.compile(
    rf"(?i:\b(?:between|from)[ \t]+(?P<a>{_Y})[ \t]+(?:and|to|through|until)[ \t]+(?P<b>{_Y})\b"
    rf"|(?<![\w/.\-])(?P<c>{_Y})[ \t]*(?:-|–|to|through)[ \t]*(?P<d>{_Y})(?![\w/\-]))")


def _second_score(before: str, denominator: str) -> bool:
    """"strength 4/5 r arm, 5/5 l arm", "4+/5 abd, 5/5 elsewhere", "pain 6/10 -> 2/10": a score
    after one out of the same scale (5, 4, 6 or 10) on the same line."""
    if denominator.lstrip("0") not in ("4", "5", "6", "10"):
        return False
    line = before.rsplit("\n", 1)[-1]
    return re.search(rf"(?<![\d/])\d{{1,2}}[+\-]?/0?{denominator.lstrip('0')}(?![\d/])", line) is not None


# a result gives a percentage and then its counts, in brackets: "36% (5/14)", "(91%, 10/11 v 48%, 21/44)";
# not "Sat 95%, 10/11 seen" (since 2026-12-07, phifree5)
_PERCENT_BEFORE = re.compile(r"\d[ \t]*%[ \t]*\([ \t]*$|\([ \t]*\d+(?:\.\d+)?[ \t]*%[ \t]*,[ \t]*$")
_ANNOUNCED = re.compile(rf"(?i:\b(?:{DATE_CUES})(?:[ \t]+[A-Za-z]+)?[ \t:]*)$")
# a pain score out of 10 after a complaint on the same line: "C/O CP RADIATING TO L ARM, 7/10"
_COMPLAINT = re.compile(r"(?i:\b(?:pain|painful|c/o|cp|ha|h/a|headache|ache|aching|radiat\w*|sharp|dull|throbbing|burning|"
                        r"cramp\w*|tender\w*|sore\w*|discomfort|rates?|rated|scale|nrs|vas)\b)")


def _pain_score(text: str, m: re.Match) -> bool:
    if m.group("d").lstrip("0") != "10":
        return False
    line_start = text.rfind("\n", 0, m.start()) + 1
    return _COMPLAINT.search(text[max(line_start, m.start() - 60):m.start()]) is not None


# a whole number before a proper fraction makes a mixed number: a gestational age in weeks and
# days ("GA 26 3/7 wk", "CGA now 30 1/7."), "1 1/2 tabs"; a date is never written after a bare number
# (numbers11) one space apart: a row's counter ("#514  9/17") or the last cell of a column ("Bay 4     11/22",
# "#382\t2/16") before a column gap is no whole number
_WHOLE_BEFORE = re.compile(r"(?<![\w/.:\-#])\d{1,3} $")


def _mixed_number(before: str, m: re.Match) -> bool:
    return int(m.group("m")) < int(m.group("d")) and _WHOLE_BEFORE.search(before) is not None


def _history_years(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    contexts = code_shapes(lexicon.language).contexts
    spans = []
    scopes = [m for rule in (HISTORY_LINE_RE, HISTORY_PHRASE_RE, HISTORY_FIELD_RE) for m in rule.finditer(text)]
    for line in scopes:
        for m in HISTORY_YEAR_RE.finditer(text, line.start(), line.end()):
            word = _HISTORY_WORD.search(text, line.start(), m.start())
            before = word.group(1).lower() if word else ""
            if not word or before in MEASURE_WORDS or (before in contexts and before != "in"):
                continue  # a value after its measurement; "in 95" is a year in a history
            spans.append((m.start("v"), m.end("v"), "DATE"))
    return spans


# since 2026-12-07 (numbers6, from the kinds of set 5's misses and false dates, each a fact of how
# notes are written, checked on sets 1-4, MEDDOCAN dev and the PHI-free texts):
# a score never exceeds its scale: a bottle count is out of a few bottles, a strength out of 5, a
# murmur out of 6, a pain score out of 10 ("BCx 5/21 4/4 bottles" is the culture's date)
_SCALE_MAX = {"strength": 5, "motor": 5, "power": 5, "grip": 5, "reflex": 5, "reflexes": 5, "dtr": 5, "dtrs": 5,
              "pulse": 5, "pulses": 5, "murmur": 6, "sem": 6, "hsm": 6, "grade": 6, "pain": 10, "cx": 8, "bcx": 8,
              "bottle": 8, "bottles": 8, "culture": 8, "cultures": 8, "cultured": 8, "gcs": 15, "rass": 5, "cam": 4, "epworth": 24, "ess": 24, "moca": 30, "mmse": 30, "slums": 30}
_CUE_WORD = re.compile(r"([A-Za-z]+)[ \t:=]*(?:(?i:is|was|of|at)[ \t:]*)?$")


_BOTTLES = frozenset("cx bcx bottle bottles culture cultures cultured".split())


def _beyond_scale(before: str, m: re.Match) -> bool:
    """Beyond the scale of the cue word before it, or (bottles) more positive than drawn ("BCX 8/5");
    a pair of scores may fall ("Apgars 7/6", "IOP 16/14"), so only bottles are held to their count."""
    word = _CUE_WORD.search(before)
    cue = word.group(1).lower() if word else ""
    top = _SCALE_MAX.get(cue)
    return top is not None and (int(m.group("d")) > top or (cue in _BOTTLES and int(m.group("m")) > int(m.group("d"))))


# a score after the scale named with its maximum: "PC-PTSD-5: 4/5", "GAD-7 5/7", "MoCA-30 26/30"
_SCALE_NAMED = re.compile(r"[A-Za-z][A-Za-z\-]*-?(?P<top>\d{1,2})[ \t]*[:=]?[ \t]*$")


def _named_scale(before: str, m: re.Match) -> bool:
    named = _SCALE_NAMED.search(before)
    return named is not None and named.group("top") == m.group("d").lstrip("0") and int(m.group("m")) <= int(m.group("d"))


# a school year is a class, not a date: "E: yr 11 at the local high school", "Year 10 pupil" (numbers10)
_SCHOOL_YEAR = re.compile(r"(?i:y(?:ea)?r)[ \t]+\d{1,2}\b[^\n.;]{0,30}?(?i:\b(?:school|college|pupil|student|class|form|gcses?))")


# a relative's line in a family history gives the age at diagnosis, not its year ("Maternal aunt:
# Ayse Hope - breast ca dx 41"); the patient's own "DM2 dx 08" stays a year
_FAMILY_LINE = re.compile(
    r"^[ \t\-*•]*(?i:(?:maternal|paternal|mat\.?|pat\.?)[ \t]+)?(?i:mother|father|mom|dad|sister|brother|sibling|"
    r"half[ \-](?:sister|brother)|aunt|uncle|grandmother|grandfather|grandma|grandpa|cousin|first[ \t]+cousin|niece|"
    r"nephew|daughter|son|child|mgm|mgf|pgm|pgf)\b|(?i:\bfamily[ \t]+(?:history|hx)\b|\bfhx?\b)", re.M)


def _age_at_diagnosis(text: str, m: re.Match) -> bool:
    if not re.search(r"(?i:dx|dx'd|diagnosed)[ \t]*$", text[max(0, m.start("v") - 12):m.start("v")]):
        return False
    line_start = text.rfind("\n", 0, m.start()) + 1
    return _FAMILY_LINE.search(text, line_start, m.start()) is not None and not m.group("v").startswith("0")


# a period of years in a person's life ("served 1971-1979", "smoked from 1980 to 2005", "lived in
# Ohio 1990-2000") dates that person; a study's period stays a period (see YEAR_RANGE_RE)
_LIFE_PERIOD_BEFORE = re.compile(
    r"(?i:\b(?:served|serving|deployed|stationed|enlisted|worked|employed|lived|resided|married|smoked|"
    r"incarcerated|homeless|active[ \t]+duty|"
    # (since 2026-12-07, numbers7) an exposure and a course of a drug at its dose ("noise exposure
    # (factory, 1979-1999)", "semaglutide (Ozempic 1 mg, 2017-2019)"): the person's own history
    r"exposure|exposed)\b|\d[ \t]*(?i:mg|mcg|µg|units?|iu|ml)\b)[^\n.;]{0,25}$")
# a period opened by a two-digit year ("factory, '83-2003") is a person's: a study writes both years whole
APOSTROPHE_RANGE_RE = re.compile(rf"(?<![\w'’])['’]\d{{2}}[ \t]*[-–][ \t]*(?P<v>{_Y})(?![\w/\-])")


# a counter that labels a course ("Visit 30/12", "Session 14/10", "Cycle 13/6"), unlike "next visit 20/12"
_COUNTER_BEFORE = re.compile(r"(?:^|[^\w \t]|[ \t]{2})[ \t]*(?i:visit|session|cycle|fraction|treatment|tx|week|wk|day|dose)"
                             r"[ \t]*(?:#|no\.?)?[ \t:]*$")
# a spread or a unit beside it makes a pair of values ("31% +/- 18/9", "by 14/5 mm Hg", "± 13/4")
_SPREAD_BEFORE = re.compile(r"(?:\+/-|±)[ \t]*$")
_UNIT_AFTER = re.compile(r"[ \t]*(?i:mm|mmhg|cm|kg|mg|ml|%)")
# a visual acuity in Snellen feet ("VA OD 20/10", "vision 20/12 both eyes")
_ACUITY_BEFORE = re.compile(r"(?i:\b(?:va|vision|visual|acuity|snellen|od|os|ou|cc|sc|eyes?|re|le|bcva|ucva))\b[^\n]{0,12}$")


# (since 2026-12-07, numbers9) a visual acuity in metric Snellen, 6 metres over the line read ("Visual
# acuity 6/6 R, 6/9 L", "VA 6/12 both eyes"), as the UK, Europe and Australia write it
_SNELLEN_BEFORE = re.compile(r"(?i:\b(?:va|vision|visual|acuity|acuities|snellen|bcva|ucva))\b[^\n.;]{0,20}$")
_METRIC_LINES = frozenset(("5", "6", "9", "12", "18", "24"))


def _metric_acuity(before: str, m: re.Match) -> bool:
    return m.group("m").lstrip("0") == "6" and m.group("d").lstrip("0") in _METRIC_LINES \
        and _SNELLEN_BEFORE.search(before) is not None


# (numbers9) a score in a list of scores: beside another on its line that no date can be, a score out of
# a scale over 31 or with more than 12 points ("MMSE 24/30, MoCA 21/30, clock drawing 3/5", "MMT 4/5.
# Berg 29/56"), after its scale's name; points never exceed their scale, so a blood pressure ("BP
# 120/80") is no such neighbour, and a strength ("levodopa 25/100") or a phone ("571/651-3726") has more digits
_FRACTION = re.compile(r"(?<=[A-Za-z])[\w\-]*[ \t]*[:=]?[ \t]*(?<![\d/.\-])(?P<x>\d{1,2})/(?P<n>\d{2})(?![\d/\-]|\.\d)")


# (numbers11) a neighbour before it counts in its own sentence only ("Entresto 49/51 (with food). Review 8/3."),
# a week count is no score ("revisit 11/5; GP 6/52 check"); ``same_scale``: only a sibling out of the same
# number, which outweighs a date's word ("ESS today 6/24 (was 16/24)")
_SENTENCE_BREAK = re.compile(r"[.;](?=[ \t])")


def _in_score_list(text: str, m: re.Match, same_scale: bool = False) -> bool:
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    start = max(line_start, m.start() - 40)
    start = max([start, *(b.end() for b in _SENTENCE_BREAK.finditer(text, start, m.start()))])
    for near in (*_FRACTION.finditer(text, start, m.start()), *_FRACTION.finditer(text, m.end(), min(line_end, m.end() + 40))):
        x, n = int(near.group("x")), int(near.group("n"))
        if same_scale and (n != int(m.group("d")) or n <= 12 or (x <= 12 and n <= 31)):
            continue
        if x <= n and (n > 31 or x > 12) and n != 52:
            return True
    return False


# a list prints a person as "SURNAME,GIVEN M" and the next column after a gap of spaces: the middle
# initial is no ratio's letter ("kobayashi,minh p        05/26  temple", unlike "grip R 5/5") (numbers8)
_NAME_INITIAL_COLUMN = re.compile(r"[A-Za-z][A-Za-z'’\-]+,[ \t]?[A-Za-z][A-Za-z'’\-]+[ \t]+[A-Za-z][ \t]{2,}$")


# (numbers10) "of" before a month/day reads "n of N" unless an event or a period owns it: "Denial of 1/2",
# "week of 11/23", "your letter of 3/14", "the night of 7/4"
_EVENT_OF = re.compile(r"(?i:\b(?:week|weekend|month|letter|denial|decision|appeal|visit|appointment|admission|"
                       r"discharge|meeting|session|call|e-?mail|fax|night|morning|evening|afternoon|shift|"
                       r"referral|review|result|results|report)[ \t]+of)[ \t]*$")


def _day_first_date(m: re.Match, before: str, after: str) -> bool:
    """"OPU 23/4": a day over 12 before a month, unless an acuity (20/10), a course's counter, a spread,
    a unit or a ratio's word says it is a pair of values."""
    return not ((m.group("m") == "20" and _ACUITY_BEFORE.search(before)) or _COUNTER_BEFORE.search(before)
                or _SPREAD_BEFORE.search(before) or _UNIT_AFTER.match(after) or _RATIO_BEFORE.search(before)
                or _RATIO_AFTER.match(after) or _PERCENT_BEFORE.search(before))


# a flowsheet row or a log line opens with its date and time: "8/11 1244 | PSV", "9/22 2044 from ..."
_TIME_AFTER = re.compile(r"[ \t]+(?:[01]\d|2[0-3]):?[0-5]\d(?![\d/.:]|[ \t]*(?i:mg|ml|units?|kcal|cc|g\b|%))")


@recognizer("date-context", "DATE", languages=("en",))
def find_dates_in_context(text: str, lexicon: Lexicon):
    spans = []
    for m in (*MONTH_DAY_RE.finditer(text), *DAY_MONTH_RE.finditer(text)):
        before, after = text[max(0, m.start() - 25):m.start()], text[m.end():m.end() + 20]
        if int(m.group("m")) > 12:  # day first: never a score (it exceeds any scale)
            spans += [(m.start(), m.end(), "DATE")] if _day_first_date(m, before, after) else []
            continue
        announced = _ANNOUNCED.search(before) is not None  # "CT HEAD 02/26 NEG": a study's date, not 2/2 bottles neg
        # a time after it dates a row, whatever the line above ended with ("| RT\n8/11 1244 |")
        timed = _TIME_AFTER.match(after) is not None and not _RATIO_BEFORE.search(before.rsplit("\n", 1)[-1])
        ratio_before = _RATIO_BEFORE.search(before) and not _beyond_scale(before, m) \
            and not _NAME_INITIAL_COLUMN.search(text, max(0, m.start() - 60), m.start()) and not _EVENT_OF.search(before)
        if not timed and (ratio_before or (_RATIO_AFTER.match(after) and not announced) or _PERCENT_BEFORE.search(before)
                          or _second_score(before, m.group("d")) or _pain_score(text, m) or _mixed_number(before, m)
                          or _named_scale(before, m) or _metric_acuity(before, m)
                          or (not announced and _in_score_list(text, m)) or _in_score_list(text, m, same_scale=True)):
            continue
        spans.append((m.start(), m.end(), "DATE"))
    for m in MONTH_DAY_HYPHEN_RE.finditer(text):
        if _RANGE_AFTER.match(text, m.end("v")) or _MEASURE_BEFORE.search(text[max(0, m.start("v") - 12):m.start("v")]):
            continue
        spans.append((m.start("v"), m.end("v"), "DATE"))
    spans += [(m.start("v"), m.end("v"), "DATE") for rule in (TWO_DIGIT_YEAR_RE, STAY_YEAR_RE) for m in rule.finditer(text)
              if not _counted(text, m) and not _age_at_diagnosis(text, m) and not _SCHOOL_YEAR.match(text, m.start())]
    for rule in (MONTH_ALONE_RE, LOWER_MONTH_DAY_RE, LOWER_MAY_MAR_RE, LOWER_MONTH_YEAR_RE, LAB_DATE_RE, ORDINAL_DAY_RE,
                 THE_ORDINAL_DAY_RE, LETTER_ORDINAL_RE, ORDINAL_OF_MONTH_RE, LOWER_DAY_MONTH_RE, DAY_RANGE_MONTH_RE,
                 BORN_THE_RE):
        spans += [(m.start("v"), m.end("v"), "DATE") for m in rule.finditer(text)]
    spans += [(m.start(g), m.end(g), "DATE") for m in ORDINAL_RANGE_RE.finditer(text) for g in ("v", "w")]
    spans += [(m.start(), m.end(), "DATE") for m in APOSTROPHE_YEAR_RE.finditer(text)]
    spans += [(m.start("v"), m.end("v"), "DATE") for m in DOT_DATE_RE.finditer(text)
              if not _NOT_A_DOT_DATE.search(text[max(0, m.start() - 12):m.start()])]
    spans += _history_years(text, lexicon)
    periods = set()
    for m in YEAR_RANGE_RE.finditer(text):
        life = _LIFE_PERIOD_BEFORE.search(text, max(0, m.start() - 40), m.start()) is not None
        for g in (g for g in "abcd" if m.group(g)):
            periods.add(m.span(g))
            spans += [(m.start(g), m.end(g), "DATE")] if life else []
    spans += [(m.start("v"), m.end("v"), "DATE") for m in APOSTROPHE_RANGE_RE.finditer(text)]
    spans += [(m.start("v"), m.end("v"), "DATE") for m in YEAR_RE.finditer(text)
              if not military_time(text, m.start(), m.group("v")) and not MODEL_YEAR_RE.match(text, m.end())
              and m.span("v") not in periods and not not_a_year(text, m, lexicon)]
    return spans


# a product's label: a lot (batch) number and its expiry date name a batch of thousands of doses and the day
# it goes off, not a person ("Flu shot L deltoid, Lot UJ447AB, exp 06/2027", "adrenaline autoinjector x2,
# Lot 22K19 exp 08/27", "(Lot 4471B exp 03/2027)") (since 2026-12-07, numbers8); a lot alone stays what the
# other rules make of it (an inserted line's lot is a device identifier), and "exp" alone may be "expired"
_EXPIRY_DATE = (rf"\d{{1,4}}(?:[/\-.]\d{{1,4}}){{1,2}}|{_MON}[a-z]*\.?[ \t\-]+(?:\d{{1,2}},?[ \t]+)?\d{{2,4}}")
PRODUCT_LOT_RE = re.compile(
    r"\b(?i:lot|batch)(?:[ \t]*(?i:no\.?|number|#))?[ \t]*[:#]?[ \t]*(?P<lot>(?=[A-Za-z0-9\-]*\d)[A-Za-z0-9][A-Za-z0-9\-]{1,19})"
    r"[ \t]*[,;]?[ \t]*(?i:exp(?:iry|ires|iration|\.)?(?:[ \t]+date)?|use[ \t]+by|best[ \t]+before)[ \t]*[:.]?[ \t]*"
    rf"(?P<date>{_EXPIRY_DATE})(?![\w/\-])")


@recognizer("product-expiry", "DATE", languages=("en",))
def find_product_labels(text: str, lexicon: Lexicon):
    return [(m.start(g), m.end(g), KEEP) for m in PRODUCT_LOT_RE.finditer(text) for g in ("lot", "date")]

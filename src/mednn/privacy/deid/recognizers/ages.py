"""Ages over 89 (Safe Harbor C), in digits or in words, whoever's age it is: the patient's, a relative's.

The writers of notes put an age in many shapes; the recognizers here read them by the *context* that makes a
number an age: a unit glued or spaced ("93yo", "93 y/o", "93Y"), the sex beside it ("93F", "F/93", "93/m"), an
age word or a life event before it ("aged 93", "alive at 93", "died at the age of 93"), a person as the
subject ("she is 96"), a column or a bracket a form prints it in. Add a new context as a pattern or a small
function here; a table's age column is read with the other columns in ``numbers.py``.
"""

from __future__ import annotations

import re

from ..vocabulary import Lexicon
from . import recognizer
from .year_guards import MEASURE_WORDS

_AGE_NUM = r"(?<![\d.])(?P<n>\d{2,3})(?![\d+])"
_NOT_TEMPERATURE = (r"(?<!\b(?i:t)[ \t])(?<!\b(?i:t):[ \t])(?<!\b(?i:temp)[ \t])(?<!\b(?i:temp):[ \t])"
                    r"(?<!\b(?i:tmax)[ \t])(?<!\b(?i:tmax):[ \t])(?<!\b(?i:fever)[ \t])(?<!\b(?i:t))")
_NO_DEGREE = r"(?![ \t]*(?:\(|°|(?i:ahrenheit)))"
# a date of birth and its date (no bracket, at most one line break) before the age in brackets
_DOB_BEFORE = (r"(?i:\b(?:dob|d\.o\.b\.?|date[ \t]+of[ \t]+birth|birth[ \t]*date|born)(?![\w])[ \t:]*)"
               r"[\w ,./\-:]{1,30}?[ \t]*\n?[ \t]*")
# the age inside the bracket: the number (or the words) and an optional unit, then the bracket closes
_AGE_UNIT_CLOSE = r"[ \t]*{}[ \t]*(?i:years?|yrs?|y/?o|y)?\.?[ \t]*\)"
AGE_PATTERNS = [
    re.compile(rf"{_AGE_NUM}\s*-?\s*(?:years?|yrs?|y)\.?\s*-?\s*(?:old|of\s+age)\b", re.I),
    # (and the sex glued after it, "93yoF", "93 YOM"; "93-y-o" since 2026-12-07, numbers8)
    # (the lead, 2026-12-08: a unit cut short or misread, "93 y.o", "93 yr/o", "93 y/0", "93 y." at a clause's end)
    re.compile(rf"{_AGE_NUM}\s*-?\s*(?:y/o|yo|y\.o\.?|y-o|yr\.?\s*old|yoa|yr/o|y/0|y\.(?=[ \t]*(?:[,;)]|$)))"
               r"(?:[mf](?![A-Za-z]))?(?![A-Za-z])", re.I | re.M),
    re.compile(rf"\b(?:age[ds]?|aged)\s*(?:of\s*)?[:=\-]?\s*{_AGE_NUM}", re.I),
    # a header's "Age/Sex: 98/F", "AGE/SEX 94/M" (since 2026-12-07, numbers7)
    re.compile(rf"\b(?:age[ \t]*/[ \t]*(?:sex|gender)|sex[ \t]*/[ \t]*age)[ \t]*[:=]?[ \t]*(?:[MF][ \t]*/[ \t]*)?{_AGE_NUM}", re.I),
    # "93F", "93 M"; a temperature in Fahrenheit is no age ("T 99 F", "Temp: 101 F"), nor an isotope
    # in capitals ("TECHNETIUM-99M", "TC 99M SESTAMIBI")
    re.compile(rf"(?<!-)(?<!\b(?i:tc)[ \t]){_NOT_TEMPERATURE}{_AGE_NUM}\s?(?:M|F|yM|yF|y\.o\.\s?[MF])\b{_NO_DEGREE}"),
    # the same in a note typed in lower case, "93f", "93 f" (only f: "100 m" is a distance)
    re.compile(rf"{_NOT_TEMPERATURE}{_AGE_NUM}[ ]?f\b{_NO_DEGREE}"),
    # (numbers11) "95m" before the number a ward list prints next ("bed 3: <name> 95m 46032154"); the age with
    # its unit before the sex, as a printout's header line reads ("97 yr   Female   Race: ...")
    re.compile(rf"{_AGE_NUM}m(?=[ \t]+\d[\d\-/]{{4,}}\d(?![\w\-/]))"),
    re.compile(rf"{_AGE_NUM}[ \t]*(?i:years?|yrs?|y)\.?[ \t,]+(?:(?i:female|male|woman|man)|[MF])\b"),
    # a header's age with a bare unit letter: "Patient: Jane Roe, 95Y", "AGE 102 Y"
    re.compile(rf"{_AGE_NUM}\s?[Yy](?![\w/.\-])"),
    re.compile(r"\b(?:in\s+(?:his|her|their)\s+(?:late\s+|early\s+|mid-?\s*)?)(?P<n>(?:9|1[0-2])\d)'?s\b", re.I),
    # a person's age as the complement of "is / will be / turned" (since 2026-12-07, numbers5): "PT IS
    # 102 AND SHARP", "I'll be 91 next month", "mom turned 95"; a measurement after the number is
    # no age ("pt is 95% on RA", "he is 100 kg")
    re.compile(rf"(?i:\b(?:pt|patient|she|he|i|mom|mother|dad|father|grandmother|grandfather|grandma|grandpa)"
               rf"(?:['’]s|['’]ll[ \t]+be|['’]m|[ \t]+(?:is|was|am|will[ \t]+be|turns|turned|turning|just[ \t]+turned))"
               # (since numbers8) "she is now 96", "pt is nearly 100"
               rf"(?:[ \t]+(?:now|nearly|almost|just))?)"
               rf"[ \t]+{_AGE_NUM}(?![ \t]*(?:[%/°.,]\d|%|/|°|(?i:mg|kg|kgs|lbs?|pounds|kilos|percent|cm|inches|in\b|"
               rf"degrees|bpm|mmhg|over|min|mins|minutes|hours?|hrs?|days?|weeks?|months?|beats|points|on\b)))"),
    # the age after a name and a comma, before the person: "Pt Jasper H. Hale, 94 man"
    re.compile(rf",[ \t]*{_AGE_NUM}[ \t]*(?:-?[ \t]*(?:years?|yrs?)[ \t\-]*old[ \t]+)?"
               r"(?:woman|man|female|male|lady|gentleman|gent|widow|widower)\b(?![ \t]+(?:and|or|to)\b)", re.I),
    # (since 2026-12-07, numbers8) a birthday by its ordinal ("celebrated her 100th birthday"), an age
    # turned with no subject ("turned 100 last week"; not "turned 90 degrees"), the sex before the age
    # in capitals as "F/92" is written ("M/93 with sepsis"), the sex after the age and a comma ("93, F,")
    re.compile(rf"{_AGE_NUM}(?i:st|nd|rd|th)[ \t]+(?i:birthday|bday)\b"),
    re.compile(rf"\b(?i:turned|turns|turning)[ \t]+{_AGE_NUM}(?![ \t]*(?:[%/°.,]\d|%|/|°|(?i:degrees|deg|mg|kg|lbs?|"
               r"percent|cm|mm|bpm|mmhg|points|units|ml|times)\b))"),
    re.compile(rf"(?<![\w/])[MF][ \t]*/[ \t]*{_AGE_NUM}(?![\d/]|[ \t]*(?i:kg|lbs?|mg|cm|mm|%))"),
    re.compile(rf"{_AGE_NUM},[ \t]*(?:[MF]\b|(?i:male|female)\b)(?![\-/]|[ \t]*\d)"),
    # the age set off by commas after a person's name, as a heading or a referral introduces a patient
    # (since 2026-12-07, numbers8): "Deceased PADRAIG G. BUSH, 99, of 5435 Mill Terrace", "Re: Xu, Kaveh,
    # 96. Metastatic ...", "CARMEN SIDDIQUI, 95 YRS, LIVES ALONE", "marieke, 98, retired welder": a word
    # before the comma (a name; a count after a number is a list of values: "HR 88, 96, 102"), and the
    # number ends its clause or takes "yrs" ("Outpatients, 110 Church Lane" is an address, "range, 100,000"
    # a count)
    # (numbers10: and the sex letter after it in a note in lower case, "pt lewis,hyun g, 93 m, mrn ...")
    re.compile(rf"(?<=[A-Za-z.'’]),[ \t]*{_AGE_NUM}(?![.,]\d)(?=[ \t]*(?:[mfMF][ \t]*(?=[,;)]))?(?:[,;)]|\.|$|(?i:years?|yrs?)\b))", re.M),
    # (since 2026-12-07, numbers9) the age a form prints in brackets after the date of birth ("DOB
    # 9/5/1929 (96)", "Date of birth: 6th of January (92 yrs)"), an age in brackets with its unit
    # ("Ms Roe (92 yrs)"), and the age at an event a form asks for ("Age at death: 94")
    re.compile(rf"{_DOB_BEFORE}\({_AGE_UNIT_CLOSE.format(_AGE_NUM)}"),
    re.compile(rf"\([ \t]*{_AGE_NUM}[ \t]*(?i:years?|yrs?)\.?[ \t]*\)"),
    re.compile(rf"(?i:\bage[ \t]+at[ \t]+(?:death|diagnosis|dx|onset|admission|presentation|referral|surgery|"
               rf"interview|assessment|exam(?:ination)?|enrol(?:l)?ment|consent)[ \t]*[:=\-]?[ \t]*){_AGE_NUM}"),
]

# "AMBULATED 100 M": metres after a walk in a note typed in capitals, not a man of 100
_DISTANCE_BEFORE = re.compile(r"(?i:\b(?:walk\w*|ambulat\w*|distance|gait|ran|run|jog\w*|swam|swim\w*|6mwt?)\b)[^\n]{0,15}$")


# (numbers10) an estimated age after a person in a triage or a casualty list: "ROE,ADA C ~95 RR 32", "UNKNOWN
# MALE ~93 # FEMUR"; the word before is a name, an initial or the sex, never a measurement ("SATS ~95")
TILDE_AGE_RE = re.compile(r"(?P<w>[A-Za-z][A-Za-z'’\-]*)[ \t]+~[ \t]?(?P<n>\d{2,3})(?=[ \t]+[A-Z#(]|[ \t]*[,;|)]|[ \t]*$)", re.M)


def _tilde_ages(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    if "~" not in text:
        return []  # the rule opens at every word: skip the notes that have no tilde at all
    spans = []
    for m in TILDE_AGE_RE.finditer(text):
        word = m.group("w").lower()
        if 90 <= int(m.group("n")) <= 130 and (len(word) == 1 or word in ("male", "female", "man", "woman")
                                               or word not in lexicon.safe):
            spans.append((m.start("n"), m.end("n"), "AGE"))
    return spans


# (numbers12) a list of patients prints each as a bed or a room, the name, the age in brackets: "Bed 24: <name>
# (91) - Dr X's pt", "bed 19: <name> (97) -", "Rm 4 - <SURNAME, Given> (93)"; or the name opens the line ("<name>
# (94), Dr ..."). The words in front are a name, not a measurement ("Bed 3: sats (95)", "Glucose (102)"): after a
# bed the word before the bracket is no clinical word, at a line's start none of them is any safe word; a role
# before the name ("Confirmed by: <name> (98)") makes the number a code, not an age
_LIST_PLACE = r"(?i:bed|bay|room|rm|cubicle|cot|side[ \t]+room|trolley|chair|pt|patient)"
LISTED_AGE_RE = re.compile(
    rf"^[ \t]*(?:[-*•][ \t]*|\d{{1,3}}[.)][ \t]+)?(?:(?P<place>{_LIST_PLACE}[ \t]*#?[ \t]*[A-Za-z]?\d{{1,3}}[A-Za-z]?)[ \t]*[:\-.)][ \t]*)?"
    r"(?P<who>[A-Za-z][A-Za-z.'’\-]*(?:,?[ \t]+[A-Za-z][A-Za-z.'’\-]*){0,3})[ \t]*\([ \t]*" + _AGE_NUM + r"[ \t]*\)", re.M)


def _listed_ages(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    spans = []
    for m in LISTED_AGE_RE.finditer(text):
        words = [w.strip(".,").lower() for w in m.group("who").split()]
        if not 90 <= int(m.group("n")) <= 130:
            continue
        if m.group("place") and words[-1] not in lexicon.core and words[-1] not in MEASURE_WORDS \
                or not m.group("place") and not any(w in lexicon.safe for w in words):
            spans.append((m.start("n"), m.end("n"), "AGE"))
    return spans


@recognizer("age", "AGE", languages=("en",))
def find_age(text: str, lexicon: Lexicon):
    return [(m.start("n"), m.end("n"), "AGE") for pattern in AGE_PATTERNS for m in pattern.finditer(text)
            if 90 <= int(m.group("n")) <= 130
            and not (text[m.end("n"):m.end("n") + 2].strip()[:1] in ("M", "m")
                     and _DISTANCE_BEFORE.search(text, max(0, m.start() - 30), m.start("n")))] + _tilde_ages(text, lexicon) \
        + _listed_ages(text, lexicon)


_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_NINETY_PLUS = (rf"(?:ninety(?:[- ]{_UNITS})?|(?:(?:one|a)\s+)?hundred(?:\s+and)?(?:[- ](?:{_UNITS}|ten|eleven|twelve|"
                rf"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?)")
# an age over 89 written out: "ninety-three year old", "aged one hundred and one", "turned ninety-three",
# glued to its "yo" ("Pt was ninety-nineyo": the whole number, not "ninety" leaving "-nine"; numbers8)
AGE_WORDS_RE = re.compile(
    rf"(?i:\b(?P<a>{_NINETY_PLUS})(?=[- ]*(?:years?|yrs?|y/?o|year-old)\b)"
    rf"|\b(?:aged?|age[ \t]*/[ \t]*sex|turned|turns|is|was|be)(?:[ \t]+|[ \t]*[:=][ \t]*)(?P<b>{_NINETY_PLUS})(?:\b|(?=y/?o\b))(?![- ]+(?:minutes?|mins?|hours?|days?|weeks?|"
    r"months?|percent|mg|ml|units?|times|cc|beats|breaths|pounds|lbs|kg|miles|feet|meters)))")
# (numbers10) a person described by the age they are "of": "a lady of ninety-four", "A man of 93", "gentleman
# of one hundred" -- in words or digits, the noun a person
_PERSON_OF = (r"(?i:\b(?:lady|man|woman|gentleman|gent|widow|widower|person|patient|chap|fellow|gran|granny|grandad)"
              r"[ \t]+of[ \t]+)")
AGE_PERSON_OF_RE = re.compile(rf"{_PERSON_OF}(?:(?P<w>(?i:{_NINETY_PLUS}))\b|{_AGE_NUM}(?![ \t]*(?:[%/.,]\d|%|(?i:kg|lbs?|mg|cm)\b)))")
# spelt out before a person after a comma: "Pt Pilar T. Bishop, ninety eight woman"; set off by commas
# after a name, as the digits are ("Deceased bin Yusof, one hundred and two, of ..."); before the sex
# letter as "93F" is, opening a bracket, a field or a line ("pt P.M. (ninety-one F)", "Age: NINETY-FOUR M";
# not "five hundred M G") (since 2026-12-07, numbers8)
AGE_WORDS_PERSON_RE = re.compile(rf"(?i:,[ \t]*(?P<c>{_NINETY_PLUS})(?:[- ]+years?[- ]+old)?[ \t]+"
                                 r"(?:woman|man|female|male|lady|gentleman|widow|widower)\b)"
                                 rf"|(?<=[A-Za-z.'’]),[ \t]*(?P<d>(?i:{_NINETY_PLUS}))(?=[ \t]*(?:[,;)]|\.|$|(?i:years?|yrs?)\b))"
                                 rf"|(?:^|(?<=[(,:;|/]))[ \t]*(?P<e>(?i:{_NINETY_PLUS}))[ ]?(?:[MF]|f)\b(?![\w\-'’])", re.M)
# in brackets after a date of birth, as the digits are: "D.O.B. 9/5/1929 (ninety-six)" (numbers9)
AGE_WORDS_DOB_RE = re.compile(rf"{_DOB_BEFORE}\({_AGE_UNIT_CLOSE.format('(?P<f>(?i:' + _NINETY_PLUS + '))')}")
# a person over 89 by the word for it
AGE_NOUN_RE = re.compile(r"(?i:\b(?:nonagenarian|centenarian|supercentenarian)s?\b)")


@recognizer("age-words", "AGE", languages=("en",))
def find_age_in_words(text: str, lexicon: Lexicon):
    spans = []
    for m in AGE_WORDS_RE.finditer(text):
        group = "a" if m.group("a") else "b"
        spans.append((m.start(group), m.end(group), "AGE"))
    for m in AGE_WORDS_PERSON_RE.finditer(text):
        group = next(g for g in "cde" if m.group(g))
        spans.append((m.start(group), m.end(group), "AGE"))
    spans += [(m.start("f"), m.end("f"), "AGE") for m in AGE_WORDS_DOB_RE.finditer(text)]
    spans += [(m.start(g), m.end(g), "AGE") for m in AGE_PERSON_OF_RE.finditer(text) for g in ("w", "n")
              if m.group(g) and (g == "w" or 90 <= int(m.group("n")) <= 130)]
    return spans + [(m.start(), m.end(), "AGE") for m in AGE_NOUN_RE.finditer(text)]


# (numbers13) The general age reader: contexts that make any number 90-130 an age, whoever's age it is, each a
# family of writing seen in more than one writer or in real text rather than one writer's template.
# What follows the number must not make it a measurement: a unit, a percentage, a decimal, a duration.
_NO_MEASURE = (r"(?![ \t]*(?:[%/°]|[.,]\d|(?i:mg|mcg|kg|kgs|g|lbs?|pounds|kilos|percent|cm|mm|ml|l|bpm|mmhg|degrees?|deg|"
               r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?|units?|times|points|"
               r"metres|meters|miles|feet|ft|yards|beats|breaths)\b))")
# 1. a life event before the age, the patient's or a relative's: "mother alive at 92", "father died at 91 of old
#    age", "passed away at the age of 95", "Mother died age 93", "lived to 101" (MTS-Dialog's family histories
#    write "Father died at 48 of colon cancer", "died at the age of 91 years old"); the event and the age are
#    joined by "at", "to", "aged" or "age", never a bare number ("died 100 days after")
AGE_LIFE_EVENT_RE = re.compile(
    r"(?i:\b(?:alive|living|died|dies|dying|death|deceased|passed(?:[ \t]+away)?|expired|lived|survived)[ \t]+"
    r"(?:(?:at|to|until)[ \t]+(?:(?:the[ \t]+)?age[ \t]+(?:of[ \t]+)?)?|aged?[ \t]+(?:of[ \t]+)?))"
    + _AGE_NUM + _NO_MEASURE)
# 2. the sex joined to the age by a slash or a hyphen, in either order and in any casing, as lists of patients
#    print it without a label ("Bed 4 - <name>, 94/M, CAP", "<name>, 102/m, post-op", "F/93", "m/97", "93-F";
#    with the label, "Age/Sex: 97/F", sets 6, 10, 11): a lower-case "m" after a hyphen is metres ("100-m walk")
#    and a capital one ends the phrase ("93-F, fall"; "100-M WALK"), and a number after a measurement word is a
#    value ("HR 100/m")
AGE_SEX_JOINED_RE = re.compile(
    r"(?<![\w/.\-])(?:" + _AGE_NUM + r"[ \t]*(?:/[ \t]*[MFmf](?![\w/\-])|-[ \t]*[MFf](?=[ \t]*(?:[,;:)|]|$)))"
    r"|(?P<s>[MFmf])[ \t]*[/\-][ \t]*(?P<m>\d{2,3})(?![\w/\-]|[.,]\d)" + _NO_MEASURE + ")", re.M)
# 3. a word for years, however a scanner or a typist spelt it, between the number and "old": "94-ycar-old",
#    "94 yeer old", "94-yr-old" (set 11's scanned referral; the spelt units are the other patterns')
AGE_ANY_YEAR_OLD_RE = re.compile(_AGE_NUM + r"[ \t]*-?[ \t]*(?i:y[a-z]{0,4})\.?[ \t]*-?[ \t]*(?i:old)\b")

# 3b. (the lead, 2026-12-08) the age in a note that mixes English with another language: that language's word for
#    age before the number or for years after it ("edad: 93", "93 años", "92 jaar", "umri 94", "91 saal", "95 taon",
#    "umur 96 tahun", "idade 97", "age 93" is the English rule's); facts of the languages, not of a writer
_FOREIGN_AGE_WORD = r"(?:edad|âge|alter|umri|umur|usia|idade|età|ouderdom|leeftijd|umar|umr|umra|vayas|edat)"
_FOREIGN_YEARS = r"(?:años|anos|ans|jaar|jahre|saal|taon|tahun|anni|anys|varsh|miaka)"
AGE_FOREIGN_RE = re.compile(
    r"(?i:\b" + _FOREIGN_AGE_WORD + r"[ \t]*[:=\-]?[ \t]*)" + _AGE_NUM + _NO_MEASURE
    + r"|(?i:\bmiaka[ \t]+)" + _AGE_NUM.replace("P<n>", "P<k>")
    + r"|" + _AGE_NUM.replace("P<n>", "P<j>") + r"[ \t]*(?i:" + _FOREIGN_YEARS + r")\b")
# 3c. (the lead, 2026-12-08) the sex in a word after the age, closing its phrase ("Mrs Roe 93 female, fall", "93 male
#    with CAP"; not "93 male patients", a count), or the sex letter before it opening a field ("pt Roe, F 93, CAP")
AGE_SEX_WORD_RE = re.compile(
    _AGE_NUM.replace("P<n>", "P<i>") + r"[ \t]+(?i:female|male)(?=[ \t]*(?:[,;:.)|]|$)|[ \t]+(?i:with|w/|who|pt|presents|"
    r"presenting|admitted|c/o|from)\b)"
    r"|(?:^|(?<=[,(|;:]))[ \t]*(?P<s2>[MF])[ \t]+(?P<h>\d{2,3})(?=[ \t]*(?:[,;)|]|$))", re.M)
# 4. the age label with its decoration before the value, as forms print it: a unit in brackets or in words, a dash,
#    dot leaders ("Age (yrs): 93", "Age in years: 94", "Age - 95", "AGE....... 96"), and the Latin label of British
#    letters ("aet. 93", "aetat 91"); the statistics of abstracts ("age (r = -0.54", "age (+/- 3 years)") are no
#    such decoration
AGE_LABEL_DECORATED_RE = re.compile(
    r"(?i:\b(?:age[ \t]*(?:\([ \t]*(?:yrs?|years?|y)[ \t]*\)|in[ \t]+years|\.{2,}|[ \t]+[-–—]+)|aet(?:at)?\.?))"
    r"[ \t]*[:=]?[ \t]*" + _AGE_NUM + _NO_MEASURE)
# 5. the number with its unit of years and nothing else, "pt 93 yrs, fell", "92yrs": an age unless the words around
#    make it a duration or a range ("for 95 years", "39 to 91 years", "100 years ago", "over 100 years")
AGE_WITH_UNIT_RE = re.compile(_AGE_NUM + r"(?:[ \t]*(?i:yrs?|years?)|[ \t]*-[ \t]*(?i:yrs?))\.?(?![\w/\-])")
_DURATION_BEFORE = re.compile(r"(?i:\b(?:to|and|or|than|over|for|past|last|within|after|about|around|approximately|"
                              r"nearly|almost|every|per|of|by|since|in|x|next|first|some|spanning|lasting|mean|median|"
                              r"range|aged?|ages|between|from)|[\-–~<>≥≤])[ \t]*$")
_DURATION_AFTER = re.compile(r"(?i:[ \t]*(?:ago|later|earlier|before|after|since|prior|post|from|follow|of|in|and|to|or|"
                             r"old|experience|history|service|survival|duration|period|span)\b|[ \t]*[-–])")


def _age_with_unit(text: str) -> list[tuple[int, int, str]]:
    return [(m.start("n"), m.end("n"), "AGE") for m in AGE_WITH_UNIT_RE.finditer(text)
            if 90 <= int(m.group("n")) <= 130 and not _DURATION_BEFORE.search(text, max(0, m.start() - 20), m.start())
            and not _DURATION_AFTER.match(text, m.end())]


def _measured(text: str, start: int) -> bool:
    """Whether the word before ``start`` (on its line) names a measurement: "HR 100/m", "wt 95-F"."""
    words = re.findall(r"[A-Za-z0-9]+", text[max(0, start - 20):start].rsplit("\n", 1)[-1])
    return bool(words) and words[-1].lower() in MEASURE_WORDS


@recognizer("age-context", "AGE", languages=("en",))
def find_age_in_context(text: str, lexicon: Lexicon):
    spans = []
    for pattern in (AGE_LIFE_EVENT_RE, AGE_SEX_JOINED_RE, AGE_ANY_YEAR_OLD_RE, AGE_LABEL_DECORATED_RE, AGE_FOREIGN_RE,
                    AGE_SEX_WORD_RE):
        for m in pattern.finditer(text):
            group = next(g for g in _NUMBER_GROUPS if m.groupdict().get(g))  # the pattern's branch that matched
            if 90 <= int(m.group(group)) <= 130 and not _measured(text, m.start()):
                spans.append((m.start(group), m.end(group), "AGE"))
    return spans + _age_with_unit(text)


# the groups that hold the number in the patterns above, one per branch ("m": the sex before it, "n": the rest)
_NUMBER_GROUPS = ("m", "n", "i", "h", "j", "k")

"""English names: the last word on what the recognizers proposed as a person (the English
counterpart of :mod:`.spanish_refine`).

A recognizer reads a word by its own rule; some shapes are never a person whatever rule found
them, in any casing:
* a credential or a record label alone ("BSN", "cwocn", "MRN", "Lic"), a kin or role word alone
  ("Mom's cell", "Mother's MRN", "Witness 1:", "CAREGIVER");
* a bedside test by its eponym, read from what follows it: a result ("Hawkins +, Neer +", "Marcus
  Gunn neg", "Nitrazine negative"), its own noun ("Koplik spots", "Huber needle"), or a measuring device
  named in brackets after what it measures ("IOP (Tonopen): 13/22");
* a device after its size ("20g 3/4\" Huber", "14 Fr Coude"), a lab or an order before a value or a
  frequency ("BILI 8.2", "OFFLOAD Q2H"), a word of four letters or more without a vowel ("NPDR");
* a stage by its Roman numeral before a clinical word ("Tanner I. Tonsils 2+");
* a clock position ("tunneling at 12 o'clock") and a US state after a preposition ("travel to Florida":
  Safe Harbor does not list states);
* what names a finding, a method or a product, never a person (people6, 2026-12-07): an eponymous sign or
  test read by its result or its own noun ("Nikolsky negative", "Lachman's positive", "Schatzki ring",
  "Gottron papules", "Reinke's edema", "Broca-type"), a scale or method by the value after it ("Schober 5 cm",
  "LVEDP 18 mmHg", "Boston Naming 42/60", "Rentrop 2 collaterals") or alone in brackets after a measured value
  ("CO 4.1 (Fick)", "TBSA 28% (Lund-Browder)"), a record label before its number ("Hosp No. E1312826", "Med Rec
  No 4471"), a section header opening its line whose value is a number or a measurement ("Enroute: HR 72",
  "Parkland: 4 mL x 82 kg") or a clinical word in lower case ("Cysto: bladder ..."), a short unlisted
  abbreviation before a code ("Img: P679241"), a drug given as prophylaxis or a vaccine by its lot ("Valcyte
  ppx", "Fluzone HD lot UT4902CA"), a kind of thing named after someone ("McDonald-type"), a word before a kin
  word ("foster mom"), an abbreviation in brackets with its period ("(mat.)") and a kin word's verb ("mother
  cooks for her").
The refiner also adds the first name joined by "and" to a found name in the same casing ("for Holly and
London"), which the allow-list lets through when the name is also a word.
A title before the word keeps it ("Dr. Hawkins +" does not occur; "Dr. Hawkins" is a person).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..patterns import US_STATE_NAMES
from ..vocabulary import Lexicon
from ..words import WORD_RE, casing, line_at
from . import refiner
from .form_fields import lettered_item_label, organisation_field, role_label
from .machine_fields import machine_non_person
from .people import maybe_name
from .slots import in_header_row
from .tokens import COLUMN_GAP, after_column_gap, judge_for

# credentials and record labels: "Haruto Chukwu, BSN, RN", "WOC RN", "Mother's MRN"
CREDENTIALS = frozenset("""
md do np rn lpn lvn cna bsn msn msw lmsw lcsw licsw ccm chpn cnm cwocn wocn woc cwon aprn fnp dnp crna rrt rd rdn ld
rph pharmd phd dpt otr slp pa pa-c mrn npi lic dea mx tx enc
""".split())
# kin and role words: who someone is, never their name
KIN_AND_ROLES = frozenset("""
mom mommy mum dad daddy mother father parent parents grandma grandpa grandmother grandfather mgm mgf pgm pgf hcpoa dpoa
sister brother son daughter wife husband spouse partner witness caregiver guardian chart coordinator
neighbour neighbor roommate landlord landlady stepmom stepdad stepmother stepfather godmother godfather
baby infant newborn twin crew
""".split())
# what follows a bedside test named after a person: its result or its own noun
_TEST_AFTER = re.compile(r"(?:[ \t]+[A-Za-z]+(?=[ \t]*(?:\+|(?i:neg|pos)\b)))?(?:[ \t]*(?:\+(?![ \t]*\d)|-(?=[ \t]*(?:[,.;)\n]|$)))|[ \t]+(?i:neg|pos|spots?|"
                         r"needle|pupil|maneuvers?|manoeuvres?)\b)")
_DEVICE_IN_BRACKETS = (re.compile(r"\b[A-Z]{2,5}[ \t]*\($"), re.compile(r"\)[ \t]*:"))
# "20g 3/4\" Huber", "14 Fr Coude", "7.5 Shiley": a size just before
_SIZE_BEFORE = re.compile(r"\d[ \t]*(?i:g|ga|gauge|fr|french)\b(?:[ \t]+[\d/.]+[\"”']?)?[ \t]*$|\d(?:\.\d)?[\"”][ \t]*$")
_STAGE = re.compile(r"[ \t]+(?:I|II|III|IV|V)\.?[ \t]+(?P<next>[A-Za-z]+)")
# a lab or an order, not a person, before a value or a frequency: "BILI 8.2", "OFFLOAD Q2H"
_VALUE_AFTER = re.compile(r"[ \t]+(?:\d+\.\d+(?![.\d])|(?i:q\d+h(?:r|rs)?|qd|bid|tid|qid|qhs|prn)\b)")
_CLOCK = re.compile(r"(?i:o['’]clock)")
_STATE_BEFORE = re.compile(r"(?i:\b(?:to|in|from|of|near|visit(?:ing)?|moved\s+to|back\s+to)[ \t]+)$")
_STATES = frozenset(s.lower() for s in US_STATE_NAMES)


# a finding named after a person, by its result or its own noun ("Nikolsky negative", "Schatzki ring",
# "Reinke's edema", "Broca-type aphasia"); a person is never "positive" without a cue before ("pt Jo positive")
_FINDING_AFTER = re.compile(
    r"(?:-[A-Za-z]+)?(?:['’][sS])?(?:[ \t]+(?i:negative|positive|equivocal|ring|rings|papules?|edema|oedema|nodes|"
    r"nodules?|sign|signs|tests?|classification|criteria|formula|collaterals?|maneuvers?|manoeuvres?|(?:lifetime[ \t]+)?risk)\b|-(?i:type|like)\b)")
_LIKENESS = re.compile(r"-(?i:type|like)$")
# a word that qualifies a kin word, not a name: "foster mom Amara", "host parents" ("Maria's mom" has the 's);
# never "family": "the Okafor family", "Okafor Family Pharmacy" name people and places
_KIN_AFTER = re.compile(r"[ \t]+(?i:mom|mum|dad|mother|father|parents?|carer)\b")
_PERSON_BEFORE = re.compile(r"(?i:\b(?:pt|patient|mr|mrs|ms|son|daughter|wife|husband|mother|father|sister|brother)"
                            r"\.?[ \t]+)$")
# a scale or a method by its value: "Schober 5 cm", "LVEDP 18 mmHg", "Rentrop 2 collaterals"; never a time
# ("saw Jo 2 weeks ago")
_MEASURE_AFTER = re.compile(r"[ \t]+\d+(?:\.\d+)?[ \t]*(?:%|(?i:cm|mm|mmhg|ml|kg|mg|mcg|bpm)\b|(?i:collaterals?)\b)")
# a score out of a maximum that no date reads as: "Boston Naming 42/60", "MoCA 19/30" (never "912/817-7064")
_SCORE_AFTER = re.compile(r"[ \t]+(?P<a>\d{1,3})/(?P<b>\d{1,3})(?![\d/\-]|\.\d)")
# a method alone in brackets after a measured value: "CO 4.1 (Fick)", "TBSA 28% (Lund-Browder)"
_VALUE_BRACKET = (re.compile(r"(?:\d\.\d+|\d[ \t]*%)[ \t]*\($"), re.compile(r"[ \t]*\)"))
# a record label before its number: "Hosp No. E1312826", "Med Rec No 4471" (a person's pager is "Smith #4455")
_NUMBER_LABEL_AFTER = re.compile(r"[ \t]*(?i:no|nr|number)\b\.?[ \t]*[:.]?[ \t]*[A-Za-z]{0,4}[ \t-]?\d")
# "Med Rec # 28683135": after "Med", a word before a number sign is the record's label (elsewhere a name
# before "#" is a person's pager or record number: "Kelley, Erin R  #491-62-07", "call RP #56614")
_MEDICAL_BEFORE = re.compile(r"(?i:\bmed(?:ical)?\.?[ \t]+)$")
_NUMBER_SIGN_AFTER = re.compile(r"[ \t]*#[ \t]*[A-Za-z]{0,4}[ \t-]?\d")
# a short unlisted abbreviation before a code with digits: "Img: DP-2207-9820", "Img: P679241"
_CODE_AFTER = re.compile(r"[ \t]*:[ \t]*[A-Za-z_]{0,6}[-_]?\d")
# a section header's value that is a number or a measurement: "Enroute: HR 72", "Parkland: 4 mL x 82 kg"
_HEADER_VALUE = re.compile(r":[ \t]*(?:\d|[A-Za-z]{1,5}[ \t]+\d)")
# ... or, in a note written in mixed case, a clinical word of five letters or more in lower case: "Cysto:
# bladder trabeculation", "Rec: vancomycin AUC 400-600" (a speaker's turn opens with a capital or a short
# word: "Darwish: How's the breathing", "Ho: any swelling?")
_HEADER_LOWER_VALUE = re.compile(r":[ \t]*(?P<value>[a-z]{5,})\b")
# a drug given as prophylaxis, a vaccine recorded by its lot: "Valcyte ppx", "Fluzone HD lot UT4902CA"
_PRODUCT_AFTER = re.compile(r"[ \t]+(?i:ppx|prophylaxis|(?:[A-Za-z]{1,3}[ \t]+)?lot[ \t]*#?[ \t]*[A-Za-z]*\d)")

# a drug by how it is dispensed and taken (names11, 2026-12-07): after its form ("Tab. Glycomet", "INJ. CLEXANE",
# "cap amoxil", the prescription shorthand of Indian and British charts) or before a dose and a frequency
# ("Dolo 650 SOS", "Seretide 250 mcg BD", "Glycomet 500 bd"); a person is never given by the tablet
_DOSE_FORM_BEFORE = re.compile(r"(?i:\b(?:tabs?|caps?|inj|syp|syr|susp|oint|supp|neb|gtt)\.?[ \t]+)$")
_DOSE_AFTER = re.compile(r"[ \t]+\d+(?:\.\d+)?(?:/\d+)?[ \t]*(?i:mg|mcg|g|ml|iu|units?)?[ \t]+"
                         r"(?i:od|bd|tds|qds|sos|hs|stat|prn|bid|tid|qid|qhs|qd|mane|nocte|daily|weekly)\b")
# a device or a product by its model's version or its serial number (names11, 2026-12-07): "Spectra Optia v11.3",
# "RAPIDPOINT 500   V3.5", "(FIRMWARE 4.2.7)", "Biotronik Enitra 8  SN 175660-611", "AIRSENSE 11  SN 2760KJ6231";
# a person's number after their name is a record, a pager or a phone ("346.210.4518"), never a short dotted
# version or a serial; a word after a column's gap opens the next cell, and the serial after it is that cell's
# ("Operator: Name  kit S/N 7395-M39518": names12, 2026-12-07)
_VERSION_AFTER = re.compile(r"(?:[ \t]+\d{1,4})?[ \t]+(?:[Vv]\.?[ \t]?\d{1,3}(?:\.\d{1,3})+|\d{1,2}\.\d{1,2}\.\d{1,2})(?![\d.]*\d)")
_SERIAL_AFTER = re.compile(r"(?:[ \t](?:\d{1,3}|[A-Za-z]{2,4}))?[ \t]+(?i:sn|s/n|serial(?:[ \t]+no)?)[ \t]*[:#.]?[ \t]*"
                           r"(?=[A-Za-z0-9\-]*\d)[A-Za-z0-9][A-Za-z0-9\-]{4,}\b")

# a section's short label opening its line, whose value is a list of tests or an order (names11, 2026-12-07):
# "Inv: CBC, LFT", "Adv: Tab. ...", "IMP: AKI"; a speaker's turn opens with a word ("Jo: How are you?")
_SECTION_CODE_VALUE = re.compile(r"[ \t]*:[ \t]*(?:[A-Z]{2,}[A-Z0-9/\-]*(?=[ \t]*[,;(]|[ \t]+[A-Z0-9]{2,})|(?i:tabs?|caps?|inj)\.)")


def _section_label(text: str, start: int, end: int, words: list[str], judge) -> bool:
    return (len(words) == 1 and len(words[0]) <= 4 and not text[text.rfind("\n", 0, start) + 1:start].strip()
            and judge.status(text[start:end]) == "unknown" and not judge.listed_first_name(text[start:end])
            and _SECTION_CODE_VALUE.match(text, end) is not None)

# a clinical word cut short, alone in a table's cell: "Pharm" under "Role", "Cardio" in a ward column (names11,
# 2026-12-07): an unknown word of four letters or more that opens a clinical word, with a column's gap (or the
# line's end) on both sides; a surname is no clinical word's first letters ("Quek", "Nwosu", "Osei")
_CELL_AFTER = re.compile(r"[ ]{2}|\t|[ \t]*$", re.M)
# ... or anywhere before the value it labels: a number, a date or "by" ("Disch 8/22/2026", "Disch Oct 9", "Seq 00",
# "OPER 15", "Ident by wife"; names13, 2026-12-08): an abbreviation labels what follows it, a name seldom does
# (4 of the 416 gold name words of sets 4-12 that open a clinical word stand before a number or "by")
_PERSON_SLOT_BEFORE = re.compile(r"\b(?P<w>[A-Za-z]+)\.?[ \t]+$")
_PERSON_CUES = frozenset("with by to from per dr cc and".split())
_LABELLED_VALUE_AFTER = re.compile(r"[ \t]+(?:\d|(?i:by)\b|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]+\d)")

# a field's label after a column's gap, before its colon: "Referring: Kavya    Sonographer: ...", "Name: X    Mbr ID:"
# ... or before the code it labels ("Employee: Name  Emp ID FIN0672", "Name: NAME    NRIC S1234567A")
_LABEL_AFTER_GAP = re.compile(r"[ \t]*(?:(?i:id|no|nr|#)\.?[ \t]*)?:|(?:[ \t]+(?i:id|no|nr|#)\.?)?[ \t]+[A-Za-z]{0,4}-?\d[\w\-]{4,}")


# ... on a line of fields: an earlier label's colon stands before it ("10:10 am  Selin: hey" is a chat's speaker)
_EARLIER_FIELD = re.compile(r"[A-Za-z][ \t]*:")


def _field_label(text: str, start: int, end: int, words: list[str]) -> bool:
    return len(words) == 1 and after_column_gap(text, start) \
        and _LABEL_AFTER_GAP.match(text, end) is not None \
        and _EARLIER_FIELD.search(text, text.rfind("\n", 0, start) + 1, start) is not None


@lru_cache(maxsize=4)
def _clinical_words(core: frozenset) -> tuple[str, ...]:
    return tuple(sorted(core))


def _person_cue_before(text: str, start: int) -> bool:
    """A person's cue or a kin word just before ("booked with Isla 18/02", "Baby Hemi 7 weeks")."""
    m = _PERSON_SLOT_BEFORE.search(text, max(0, start - 16), start)
    return m is not None and (m.group("w").lower() in _PERSON_CUES or m.group("w").lower() in KIN_AND_ROLES)


def _cut_clinical_word(text: str, start: int, end: int, judge) -> bool:
    word = text[start:end]
    if len(word) < 3 or not word.isalpha() or judge.status(word) != "unknown" or judge.listed_first_name(word):
        return False
    in_cell = len(word) >= 4 and after_column_gap(text, start) and _CELL_AFTER.match(text, end)
    if not in_cell and (not _LABELLED_VALUE_AFTER.match(text, end)
                        or _person_cue_before(text, start)):
        return False
    words, low = _clinical_words(judge.core), word.lower()
    i = bisect.bisect_right(words, low)
    return i < len(words) and words[i].startswith(low) and (in_cell or len(words[i]) >= len(low) + 2)


def dispensed_or_made(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a drug by its dose form or its dose, or a device by its version or serial."""
    return bool(_DOSE_FORM_BEFORE.search(text, max(0, start - 8), start) or _DOSE_AFTER.match(text, end)
                or _VERSION_AFTER.match(text, end) or _SERIAL_AFTER.match(text, end))


# a kin word's verb in the present: "mother cooks for her", "WIFE WORKS AT NIGHT"
_KIN_BEFORE = re.compile(r"(?i:\b(?:mother|mom|mum|father|dad|wife|husband|spouse|partner|son|daughter|sister|brother|"
                         r"neighbou?r|caregiver|friend)[ \t]+)$")
_VERB_OBJECT_AFTER = re.compile(r"[ \t]+(?i:for|to|with|at|on|in|her|him|them|his|the|a|an|all|most|every|nights?|days?)\b")


def _kin_verb(text: str, start: int, end: int, word: str, judge) -> bool:
    low = word.lower()
    return (low.endswith("s") and low[:-1] in judge.core and not judge.listed_first_name(word)
            and _KIN_BEFORE.search(text, max(0, start - 14), start) is not None
            and _VERB_OBJECT_AFTER.match(text, end) is not None)


def names_a_thing(text: str, start: int, end: int, words: list[str], judge=None) -> bool:
    """Whether what stands around ``text[start:end]`` says it names a finding, a method or a product
    (or is a kin word's verb)."""
    if judge is not None and len(words) == 1 and _kin_verb(text, start, end, words[0], judge):
        return True
    if _LIKENESS.search(text, start, end):
        return True  # "Ronald McDonald-type housing": a kind of thing, named after someone
    if _FINDING_AFTER.match(text, end) and not _PERSON_BEFORE.search(text, max(0, start - 12), start):
        return True
    if len(words) > 2:
        return False
    score = _SCORE_AFTER.match(text, end)
    if _MEASURE_AFTER.match(text, end) or (score and (int(score.group("b")) > 31 or min(
            int(score.group("a")), int(score.group("b"))) > 12)):
        return True
    if _VALUE_BRACKET[0].search(text, max(0, start - 12), start) and _VALUE_BRACKET[1].match(text, end):
        return True
    # one word, or one after a stray initial ("T  HOSP" of "CHURCH,ARJUN T  HOSP NO. 422-76-85")
    if all(len(w) == 1 for w in words[:-1]) and (_NUMBER_LABEL_AFTER.match(text, end) or _PRODUCT_AFTER.match(text, end)):
        return True
    if len(words) != 1:
        return False
    if judge is not None and _KIN_AFTER.match(text, end) and (not judge.listed_first_name(words[0]) or (
            text[start:end].islower() and casing(line_at(text, start)) == "mixed")):
        return True
    if len(words[0]) <= 4 and text[start - 1:start] == "(" and text[end:end + 2] == ".)":
        return True  # an abbreviation alone in brackets with its period: "First cousin (mat.):"
    if _NUMBER_SIGN_AFTER.match(text, end) and _MEDICAL_BEFORE.search(text, max(0, start - 10), start):
        return True
    if judge is not None and len(words[0]) <= 4 and judge.status(words[0]) == "unknown" and _CODE_AFTER.match(text, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False
    lower_value = _HEADER_LOWER_VALUE.match(text, end)
    return _HEADER_VALUE.match(text, end) is not None or (
        lower_value is not None and judge is not None and lower_value.group("value") in judge.lexicon.core
        and casing(line_at(text, start)) == "mixed" and casing(text) == "mixed")


# a title before the word, in any casing ("DR. HAWKINS", "dr hawkins")
_TITLE_BEFORE = re.compile(r"(?i:\b(?:dr|drs|doctor|prof|professor|mr|mrs|ms|miss|mx)\.?[ \t]+)$")


def has_title(text: str, start: int) -> bool:
    return _TITLE_BEFORE.search(text, max(0, start - 14), start) is not None


def _words(text: str, start: int, end: int) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(text[start:end])]


# street types without a vowel are an address's, never read as acronyms here
_STREET_ABBREVIATIONS = frozenset("blvd hwy pkwy cswy xing trl crk frwy fwy plz sq jct".split())


def _vowelless(word: str, written: str = "") -> bool:
    # three letters in title case too ("Pls see", "Hrs", "Wks"); never capitals, a person's initials ("MJK")
    return ((len(word) >= 4 or len(word) == 3 and written[:1].isupper() and written[1:].islower())
            and word.isascii() and word.isalpha() and not any(c in "aeiouy" for c in word)
            and word not in _STREET_ABBREVIATIONS)


# a form or a report by what was done to it, ending its clause: "Datix done.", "incident form raised;" (a person
# does something to something: "Okafor raised concerns") (names12, 2026-12-07)
_DONE_TO_IT_AFTER = re.compile(r"[ \t]+(?i:done|raised|completed|submitted|filed|logged|faxed|uploaded|scanned|"
                               r"actioned)[ \t]*(?:[.;,]|$)", re.M)


def not_a_person(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether the NAME candidate ``text[start:end]`` is one of the shapes above."""
    words = _words(text, start, end)
    if not words:
        return False  # a name in a script without Latin letters ("דוד לוי") is read elsewhere
    if all(_label(w) for w in words):
        return not has_title(text, start)
    if _CLOCK.fullmatch(text[start:end]):
        return True
    if has_title(text, start):
        return False
    if _TEST_AFTER.match(text, end) or names_a_thing(text, start, end, words, judge_for(lexicon)) \
            or dispensed_or_made(text, start, end) or _section_label(text, start, end, words, judge_for(lexicon)) \
            or _cut_clinical_word(text, start, end, judge_for(lexicon)) or in_header_row(text, start) \
            or _field_label(text, start, end, words) or organisation_field(text, start) \
            or lettered_item_label(text, start, end) or role_label(text, start, end, words, judge_for(lexicon)) \
            or machine_non_person(text, start):
        return True
    if len(words) == 1 and _VALUE_AFTER.match(text, end):
        return True
    if len(words) == 1 and _DONE_TO_IT_AFTER.match(text, end) and judge_for(lexicon).status(words[0]) != "name":
        return True
    if len(words) == 1 and _vowelless(words[0], text[start:end]) and not re.search(r"\|[ \t]*$", text[max(0, start - 4):start]):
        return True  # no vowel, no name: an acronym ("NPDR", "rnfl", "NGTD"); never a table's cell (a hospital code)
    if _DEVICE_IN_BRACKETS[0].search(text[max(0, start - 10):start]) and _DEVICE_IN_BRACKETS[1].match(text, end):
        return True
    if _SIZE_BEFORE.search(text[max(0, start - 16):start]):
        return True
    first = WORD_RE.search(text, start, end)  # a tagged span may open on a digit or a bracket ("(J. Obi")
    stage = _STAGE.match(text, first.end()) if first else None
    if stage and judge_for(lexicon).status(stage.group("next")) == "safe" \
            and stage.group("next").capitalize() not in lexicon.last:
        return True
    if " ".join(words) in _STATES and _STATE_BEFORE.search(text[max(0, start - 20):start]):
        return True
    return False


# a column's gap inside a candidate (tokens.COLUMN_GAP): what follows it is the next column ("O. Abubakar<TAB>Comex
# 12", "Njeri Omondi   CHA")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The candidate without credentials or kin words at its ends ("Chukwu, BSN" -> "Chukwu") and without
    what stands after a column's gap (names11, 2026-12-07)."""
    gap = COLUMN_GAP.search(text, start, end)
    if gap and WORD_RE.search(text, start, gap.start()):
        end = gap.start()
    words = list(WORD_RE.finditer(text, start, end))
    if not words:
        return start, end
    kept = list(words)
    while kept and _label(kept[-1].group()):
        kept.pop()
    while kept and _label(kept[0].group()):
        kept.pop(0)
    if not kept:
        return start, start
    new_start = start if kept[0] is words[0] else kept[0].start()
    new_end = end if kept[-1] is words[-1] else kept[-1].end()
    return new_start, new_end


def _label(word: str) -> bool:
    low = word.lower()
    low = low[:-2] if low.endswith(("'s", "’s")) else low
    return low in CREDENTIALS or low in KIN_AND_ROLES


# two people joined by "and" or "&": "enclosed for Tane and Kenneth", "niece teixeira, stormy and ivy"
_AND_BEFORE = re.compile(rf"(?P<word>{WORD_RE.pattern})[ \t]+(?i:and|&)[ \t]+$")
_AND_AFTER = re.compile(rf"[ \t]+(?i:and|&)[ \t]+(?P<word>{WORD_RE.pattern})(?=[ \t]*(?:[.,;:)]|$))", re.M)
# ... a given name and a surname after "and", in one casing, after a found name of any casing ("Children Zawadi and
# aiyana slater", "CHILDREN RUSTY LEE AND XIU GLOVER SCREENED") (names10, 2026-12-07)
_AND_PAIR_AFTER = re.compile(rf"[ \t]+(?i:and|&)[ \t]+(?P<a>{WORD_RE.pattern})[ \t]+(?P<b>{WORD_RE.pattern})")
_NOT_JOINED = frozenset("the a an his her their our my your this that both all other others family wife husband son "
                        "daughter mother father sister brother children kids friends friend staff team me him them us "
                        "i he she they we it".split())


def _shape(word: str) -> str:
    return "upper" if word.isupper() else "lower" if word.islower() else "title" if word[:1].isupper() else "other"


def joined_names(text: str, names: list, lexicon: Lexicon) -> list:
    """The first name joined by "and" to a found one-word name, written in the same casing: a person
    whom the allow-list lets through because the name is also a word ("Holly and London", "imran and lane")."""
    judge = judge_for(lexicon)
    found = {(s, e) for s, e, _ in names}
    out = []
    for start, end, _ in names:
        name = text[start:end]
        if not WORD_RE.fullmatch(name) or has_title(text, start):
            continue
        for m in (_AND_BEFORE.search(text, max(0, start - 30), start), _AND_AFTER.match(text, end)):
            if m is None:
                continue
            word = m.group("word")
            span = (m.start("word"), m.end("word"))
            if span in found or word.lower() in _NOT_JOINED or _shape(word) != _shape(name) or len(word) < 3:
                continue
            if judge.listed_first_name(word) or judge.status(word) in ("name", "unknown"):
                out.append((*span, "NAME"))
    for start, end, _ in names:
        m = _AND_PAIR_AFTER.match(text, end)
        if m is None or len(WORD_RE.findall(text[start:end])) > 3 or (m.start("a"), m.end("b")) in found:
            continue
        a, b = m.group("a"), m.group("b")
        if _shape(a) == _shape(b) and not ({a.lower(), b.lower()} & _NOT_JOINED) and len(a) > 1 and len(b) > 1 \
                and (judge.listed_first_name(a) or judge.status(a) in ("name", "unknown")) and maybe_name(b, judge):
            out.append((m.start("a"), m.end("b"), "NAME"))
    return out


# the word after a lone kin word: "Baby Frost", "Baby HADDOCK RORY" (a newborn by the family's surname); in a line
# of mixed case it is capitalised ("Baby born at 0412" names no one), in capitals it is no safe word (names12)
_NEXT_WORD = re.compile(rf"[ ](?P<word>{WORD_RE.pattern})")


def _named_after_kin(text: str, start: int, end: int, lexicon: Lexicon) -> tuple[int, int, str] | None:
    if not (WORD_RE.fullmatch(text, start, end) and _label(text[start:end])):
        return None
    m = _NEXT_WORD.match(text, end)
    if m is None or _label(m.group("word")):
        return None
    word, judge = m.group("word"), judge_for(lexicon)
    mixed = casing(line_at(text, start)) == "mixed"
    if mixed and word[0].isupper() and not word.isupper() and (word in lexicon.last or word in lexicon.first) \
            or judge.status(word) in ("name", "unknown", "nameword") and (word[0].isupper() or not mixed):
        return (m.start("word"), m.end("word"), "NAME")
    return None


@refiner("en")
def refine_names(text: str, candidates: list, lexicon: Lexicon) -> list:
    out, dropped = [], set()
    for start, end, kind in candidates:
        if kind == "NAME":
            after_kin = _named_after_kin(text, start, end, lexicon)
            if after_kin:
                out.append(after_kin)
            start, end = _trimmed(text, start, end)
            if end <= start:
                continue
            if not_a_person(text, start, end, lexicon):
                dropped.update(WORD_RE.findall(text[start:end]))
                continue
        out.append((start, end, kind))
    # the recognizers copy a found name's words wherever else they stand ("Tonsils" of "Tanner I. Tonsils"):
    # a lone copy of a word of a refused candidate goes too, unless a title stands before it
    out = [c for c in out if c[2] != "NAME" or text[c[0]:c[1]] not in dropped or has_title(text, c[0])]
    return out + joined_names(text, [c for c in out if c[2] == "NAME"], lexicon)

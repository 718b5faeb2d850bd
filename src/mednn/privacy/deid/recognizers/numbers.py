"""Numbers that identify a person: social security numbers, record / account / plan /
licence / device numbers (ages over 89 are ``ages.py``'s)."""

from __future__ import annotations

import re

from ....data.wordlists import US_STATE_CODES
from ..spans import KEEP
from ..vocabulary import Lexicon
from . import recognizer
from .hl7 import hl7_fields
from .ages import _NINETY_PLUS

# a full number, or one masked to its last four digits ("xxx-xx-1234", "***-**-1234")
SSN_RE = re.compile(r"(?<![\d\-])\d{3}-\d{2}-\d{4}(?![\d\-])|(?<!\d)\d{3} \d{2} \d{4}(?!\d)"
                    r"|(?<![\w\-*])(?:[xX]{3}|\*{3})-(?:[xX]{2}|\*{2})-\d{4}(?![\d\-])")
SSN_CUE_RE = re.compile(r"\b(?i:ssn|social\s+security(?:\s+(?:number|no\.?|#))?|ss#)\s*[:#]?\s*(?P<v>\d{9}|\d{3}[- ]\d{2}[- ]\d{4})\b")
# the national numbers that play the SSN's part (since 2026-12-07, numbers7): Canada's social insurance
# number, three groups of three ("SIN 202 929 020", "Social Insurance No. 046-454-286"), and an SSN
# printed with the spacing an OCR'd form gives it ("Social Security No.: 396 91  3054")
SIN_RE = re.compile(r"(?:\b(?i:sin)|\b(?i:social\s+insurance(?:\s+(?:number|no\.?|#))?))\s*[:#]?\s*"
                    r"(?P<v>\d{3}[ \-]?\d{3}[ \-]?\d{3})(?![\w\-]|[ \-]\d)")
SSN_SPACED_RE = re.compile(r"\b(?i:ssn|social\s+security(?:\s+(?:number|no\.?|#))?|ss#)\.?\s*[:#]?\s*"
                           r"(?P<v>\d{3}[ \t]{1,3}\d{2}[ \t]{1,3}\d{4})(?!\d)")
# the United Kingdom's National Insurance number: two letters, three pairs of digits and a letter A-D
# ("NI number: YX 70 09 31 D", "NINO AB123456C"), its letters in any casing when the pairs are spaced
NINO_RE = re.compile(r"(?<![\w\-])(?P<v>[A-CEGHJ-PR-TW-Z]{2}\d{6}[A-D]|(?i:[a-ceghj-pr-tw-z]{2}[ ]\d{2}[ ]\d{2}[ ]\d{2}[ ][a-d]))(?![\w\-])")
# (since 2026-12-07, numbers9) the same shape after the label that names it takes any two letters: a
# surrogate or a mistyped number keeps the shape, not the issuing rules ("NI no: DJ 99 33 29 A",
# "National ID: DF 09 92 11 A", "SSN UJ 89 33 51 B")
NINO_CUE_RE = re.compile(r"\b(?i:ni|nino|national[ \t]+insurance|national[ \t]+id|ssn)\.?(?i:[ \t]+(?:no\.?|number|#))?"
                         r"[ \t]*[:#]?[ \t]*(?P<v>(?i:[a-z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[a-d]))(?![\w\-])")
# a partial SSN: its last four digits after the SSN word, however the writer words it ("SSN on
# file 5189", "last 4 of ssn 6077", "SSN ending in 4471", "ss# xxxx 4471", "SSN 3948")
SSN_LAST4_RE = re.compile(
    r"\b(?i:ssn|social\s+security(?:\s+(?:number|no\.?|#))?|ss#)(?i:[ \t]*[:#]?[ \t]*(?:on[ \t]+file|ending(?:[ \t]+in)?|"
    r"last[ \t]+(?:4|four)(?:[ \t]+digits)?|is|was|x{3}-?x{2}-?|\*{3}-?\*{2}-?|x{5}|\*{5})?)[ \t]*[:#]?[ \t]*(?P<v>\d{4})(?![\d\-/:.]\d|\d)")
LAST4_OF_SSN_RE = re.compile(r"(?i:\blast[ \t]+(?:4|four)(?:[ \t]+digits)?[ \t]+of[ \t]+(?:the[ \t]+)?(?:ssn|social(?:[ \t]+security)?))"
                             r"[ \t]*[:#]?[ \t]*(?P<v>\d{4})(?!\d)")
ID_CUE_RE = re.compile(
    r"\b(?i:mrn|mr\s?#|med(?:ical)?\s+rec(?:ord)?s?(?:\s+(?:number|num|no\.?|#))?|record\s+(?:number|no\.?|#)|"
    r"acct|account(?:\s+(?:number|num|no\.?|#))?|patient\s+(?:id|identifier|number|no\.?|#)|pt\s+id|"
    r"member\s+(?:id|number|#)|subscriber\s+(?:id|#)|encounter(?:\s+(?:number|no\.?|#|id))?|csn|fin|"
    r"visit\s+(?:number|id|#)|policy(?:\s+(?:number|no\.?|#))?|insurance\s+(?:id|number|#)|"
    r"health\s+plan(?:\s+(?:number|id|#))?|chart(?:\s+(?:number|no\.?|#))?|case\s+(?:number|no\.?|#)|"
    r"specimen(?:\s+(?:id|number|#))?|acc(?:ession)?(?:\s+(?:number|no\.?|#))?|medicare(?:\s+(?:number|no\.?|#|id))?|medicaid(?:\s+(?:number|no\.?|#|id))?|(?:cgm\s+)?transmitter|license(?:\s+(?:number|no\.?|#))?|"
    r"certificate(?:\s+(?:number|no\.?|#))?|device\s+(?:id|serial)|serial(?:\s+(?:number|no\.?|#))?|s/n|"
    r"unit\s+(?:number|no\.?)|hospital\s+(?:number|no\.?)|nhs\s+(?:number|no\.?)|job|dea|npi|licen[cs]e|"
    r"sample(?:\s+(?:id|number|no\.?|#))?|biobank(?:\s+(?:id|sample))?|kit|claim|order|requisition|req|id|"
    # since 2026-12-07 (hosp4): what a dictation, a transcription or a wristband is numbered by
    r"dictation|dict|transcription|doc(?:ument)?(?:\s+(?:id|no\.?|#))?|conf(?:irmation)?|barcode|wristband|mr(?=\s+\d)|"
    # (probe14i) a bill by its own name ("Invoice # 44881", "Invoice no. INV-2023-0041877")
    r"invoice|"
    # since 2026-12-07 (numbers6): a driver's licence by its short names ("DL# O14-735-433", "Driver Lic
    # R25-478-598"; not "mg/dL"), a professional registration ("CPSA reg. 03206", "GMC registration
    # no 7012345") and a bank's sample number ("DNA bank # RB069.312")
    r"(?<!/)dl|lic|reg(?:istration)?(?=[ \t]*[.#:]|[ \t]+(?:no|number)\b)|bank(?=[ \t]*[#:]))"
    r"\.?\s*(?:(?i:number|num|no\.?|#))?\s*[:=#.]?\s*(?:(?i:is|was)\s+)?"
    r"(?P<v>(?=[A-Za-z0-9\-]*\d)[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])|\.(?=\d{3}\b)){3,})"
)
# a letter's reference after its dictation line ("Dictated JM, typed J.M.. Ref 1274-0126", "Dictated but
# not read. Ref 7017-8638"): the transcription's number (since 2026-12-07, numbers7)
DICTATION_REF_RE = re.compile(
    r"(?i:\b(?:dictated|typed|transcribed|dictation|dict\.?)\b[^\n]{0,40}?\bref(?:erence)?\.?(?:[ \t]+(?:no\.?|number|#))?)"
    r"[ \t]*[:#]?[ \t]*(?P<v>(?=[A-Za-z0-9\-/]*\d{4})[A-Za-z0-9][A-Za-z0-9\-/]{3,}[A-Za-z0-9])")
# an insurance policy is numbered by many digits; a hospital's policy by a few ("policy RT-22")
_POLICY_BEFORE = re.compile(r"(?i:\bpolicy)\W*$")
# long digit runs or letter prefix + digits without a cue (lab values rarely have 7+ digits)
# ("m0169934" in a note in lower case: one letter only, so that "rs1800795", a gene variant, stays)
ID_BARE_RE = re.compile(r"(?<![\w\-./])(?:[A-Z]{1,4}-?\d{6,}|[a-z]\d{6,}|\d{7,})(?![\w\-]|\.\d)")




# (probe14i) a national number after the label that names it, printed with the dots, dashes or spaces its country
# uses: Chile's RUT ("12.345.678-5"), Brazil's CPF ("123.456.789-09"), France's NIR ("1 85 03 75 123 456 78"), and the
# labels of Argentina, Spain, Mexico, Poland, the Netherlands, Nigeria, Ireland and Singapore; seven digits or more
NATIONAL_NUMBER_RE = re.compile(
    r"\b(?i:rut|run|cpf|cnpj|nir|n[°º][ \t]*s[ée]cu(?:rit[ée][ \t]+sociale)?|cuil|cuit|dni|nie|pesel|bsn|nin|ppsn?|nric|curp|"
    r"aadhaar|aadhar|philhealth|nhif|shif|nik|ktp)(?:[ \t]+(?i:no\.?|nr\.?|number|#))?\.?[ \t]*[:#]?[ \t]*"
    r"(?P<v>\d{1,3}(?:[ .\-]\d{2,4}){1,6}(?:[\-][\dkK])?)(?![\w\-/]|[.,]\d)")


@recognizer("national-number", "SSN", languages=("en",))
def find_national_number(text: str, lexicon: Lexicon):
    """English notes only: Spanish text has its own id rules, which type these numbers as ids (MEDDOCAN's scheme)."""
    return [(m.start("v"), m.end("v"), "SSN") for m in NATIONAL_NUMBER_RE.finditer(text)
            if sum(c.isdigit() for c in m.group("v")) >= 7]


@recognizer("ssn", "SSN")
def find_ssn(text: str, lexicon: Lexicon):
    spans = [(m.start(), m.end(), "SSN") for m in SSN_RE.finditer(text)]
    spans += [(m.start("v"), m.end("v"), "SSN") for rule in (SSN_LAST4_RE, LAST4_OF_SSN_RE) for m in rule.finditer(text)]
    spans += [(m.start("v"), m.end("v"), "SSN") for rule in (SIN_RE, SSN_SPACED_RE, NINO_RE, NINO_CUE_RE) for m in rule.finditer(text)]
    return spans + [(m.start("v"), m.end("v"), "SSN") for m in SSN_CUE_RE.finditer(text)]


# a number written in spaced groups after the label that names it (since 2026-12-07, numbers5):
# "Driver lic 705 018 943", "Workers comp claim # DHA 9519 2326 96", "policy 1234 5678 90";
# three groups or more, eight digits or more, an optional letter prefix
ID_SPACED_RE = re.compile(
    # (and Canada's provincial health cards by their names: OHIP, RAMQ, PHN, HCN; since numbers6)
    r"\b(?P<label>(?i:claim|lic|licen[cs]e|policy|member|subscriber|plan|account|acct|medicare|medicaid|mbi|insurance|ins|"
    r"card|permit|passport|certificate|id|ohip|ramq|phn|hcn|"
    # (since 2026-12-07, numbers7) a record number printed in groups after its label, as hospitals print
    # it ("MRN: 358 461 62", "Hosp# 325 497 18", "UR 426 709 45", "Chart #949 348 50", "Reg no: 694 136
    # 33", "medical record number 026 848 79", "Ref: 825 332 74")
    r"mrn|mr|hosp|hospital|ur|urn|chart|record|reg|registration|unit|ref|nhs|chi|ihi|uhid|"
    # (numbers10) a service member's number: "Service no 943 605 730", "Svc# 603 59 247"
    r"service|svc|edipi))"
    # (probe14i: or a table's bar between the label's cell and the value's, "Account Number | 9920 1184 33")
    r"(?:\.|[ \t]+(?i:no\.?|number|#|id))?[ \t]*[:#|]?[ \t]*"
    # (or two groups and a check digit, as Australian Medicare cards: "Medicare card 4327 66138 9")
    # (or a letter code and two groups of four: "Health card # UNXJ 1067 7611")
    r"(?P<v>(?:(?!(?i:card|plan|no|id|num|ssn|sin|mrn|nhs|dob|fax|tel|ph|phone|cell|mob|mobile|pager|bleep|ext)\b)[A-Za-z]{1,4}[ \t])?(?:\d{2,6}(?:[ \t]\d{2,6}){2,4}|\d{3,6}[ \t]\d{4,6}[ \t]\d)"
    r"|(?!(?i:card|plan|no|id|num|ssn|sin|mrn|nhs|dob|fax|tel|ph|phone|cell|mob|mobile|pager|bleep|ext)\b)[A-Za-z]{2,4}[ \t]\d{4}[ \t]\d{4})(?![\w\-/]|[.,]\d)")
# a number printed with the state that issued it, as driver's licences are: "123 556 810 (KY)",
# "D1234567 (OH)", "(oh)" in a note in lower case (seven digits or more, not a phone's shape: a count
# is never followed by a state)
STATE_ISSUED_RE = re.compile(
    rf"(?<![\w\-./])(?P<v>(?=[A-Za-z0-9 \-]*\d)[A-Za-z]{{0,2}}\d[\d \-]{{4,14}}\d)[ \t]*\((?i:{'|'.join(US_STATE_CODES)})\)")
_PHONE_SHAPE = re.compile(r"(?:\d{3}[ \-])?\d{3}[ \-]\d{4}")
# a trial's registration number names a study, not a person ("NCT01234567")
_TRIAL_RE = re.compile(r"(?i:nct)\d{8}")
# a national card number by its printed shape, with no label: the Australian Medicare card, four
# digits, five and the one-digit issue number ("96M  3535 14864 7") (since 2026-12-07, numbers6)
MEDICARE_AU_RE = re.compile(r"(?<![\w\-./ ]\d)(?<![\w\-./])\d{4} \d{5} \d(?![\w\-/]|[.,]\d| \d)")
# a GS1 "(01)" number is a product's model (a UDI's device identifier), not the device's serial
_PRODUCT_BEFORE = re.compile(r"\(01\)[ \t]*$")


_CARD_NAMES = frozenset("ohip ramq phn hcn mbi".split())

# (numbers11) shapes and places of a number that say it is a record's, read from set 10 as layouts:
# a register number with its year after a slash ("Folder 6813/19", "UR 7814/20": four digits or more before it,
# more than a blood pressure or a score has); the number a ward list prints after the age and sex ("82m 538499");
# a licence in brackets after a clinician, its body's acronym first ("(KMPDC A2881)", "(CPSO # 36234)"; a lab's
# acronym is a clinical word: "(WBC 12000)"; a year is a citation's: "(CPIC 2022)"); nine digits in three groups after a label in capitals ("TFN 324
# 234 300", as tax and insurance numbers are printed)
RECORD_YEAR_RE = re.compile(r"(?<![\w/.\-])\d{4,6}/\d{2}(?![\w/\-]|\.\d|[ \t]*(?i:mg|mcg|ml|units?|%))")
AFTER_AGE_SEX_RE = re.compile(r"(?<![\w.])\d{2,3}[ \t]?[mfMF][ \t]+(?P<v>\d{5,8})(?![\w\-/]|[.,]\d)")
BRACKET_LICENCE_RE = re.compile(r"\((?P<label>[A-Za-z]{3,6})[ \t]*(?:#|(?i:no\.?))?[ \t]*(?P<v>(?!(?:19|20)\d\d\b)[A-Za-z]?\d{4,8})[ \t]*\)")
GROUPED_NINE_RE = re.compile(r"(?<![\w\-])(?P<label>[A-Z]{2,5})[ \t]*[:#]?[ \t]*(?P<v>\d{3} \d{3} \d{3})(?![\w\-/]|[.,]\d| \d)")
_PHONE_LABELS = frozenset("tel ph phone cell mob mobile pager bleep ext fax".split())


# (numbers13) labels and values of the same families as above, read by their structure:
# - a register number of three digits or more with its year after a slash, behind any id label ("Reg no 760/26 |",
#   "MRN 4471/23"): the labelled form of "Folder 6813/19" (set 10); a date never has three digits before its slash
LABELLED_RECORD_YEAR_RE = re.compile(ID_CUE_RE.pattern.split("(?P<v>")[0] + r"(?P<v>\d{3,6}/\d{2}(?![\w/\-]|[.,]\d))")
# - a code that mixes letters and digits after "code" or "booking", as harm-reduction services and donor banks
#   number their clients ("reg, code JATR88", "Donor code SPB9037446", sets 8 and 12) and airlines a journey
#   ("booking DP6Z71", "Booking No. A682822", sets 5, 7, 12); a code system's name before "code" makes it a
#   code that names no person ("CPT code 99214", "ICD code E119", "door code 4471")
LABELLED_CODE_RE = re.compile(
    r"\b(?i:(?P<label>code|booking)(?:[ \t]+(?:ref(?:erence)?|no\.?|number|#))?)[ \t]*[:#.]?[ \t]*"
    r"(?P<v>(?=[A-Za-z0-9]*[A-Za-z])(?=(?:[A-Za-z]*\d){2})[A-Za-z0-9]{5,12}|\d{6,12})(?![\w\-]|[.,]\d)")
_CODE_SYSTEMS = frozenset("cpt icd hcpcs billing diagnosis dx procedure zip post postal area country colour color door access "
                          "promo discount drug ndc loinc snomed reason status error charge event product item lot batch fault "
                          "alarm cost revenue tariff sort bank swift iban ward room key lock".split())


def _labelled_codes(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for m in LABELLED_CODE_RE.finditer(text):
        before = re.findall(r"[A-Za-z]+", text[max(0, m.start() - 20):m.start()])
        if not (m.group("label").lower() == "code" and before and before[-1].lower() in _CODE_SYSTEMS):
            spans.append((m.start("v"), m.end("v"), "ID"))
    return spans


def _labelled_numbers(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    spans = [(m.start(), m.end(), "ID") for m in RECORD_YEAR_RE.finditer(text)]
    spans += [(m.start("v"), m.end("v"), "ID") for m in LABELLED_RECORD_YEAR_RE.finditer(text)] + _labelled_codes(text)
    spans += [(m.start("v"), m.end("v"), "ID") for m in AFTER_AGE_SEX_RE.finditer(text)]
    return spans + [(m.start("v"), m.end("v"), "ID") for rule in (BRACKET_LICENCE_RE, GROUPED_NINE_RE) for m in rule.finditer(text)
                    if m.group("label").lower() not in lexicon.safe and m.group("label").lower() not in _PHONE_LABELS]


@recognizer("id", "ID")
def find_id(text: str, lexicon: Lexicon):
    # (numbers12) a cue glued to a value that opens with a letter is the start of a word ("CONF" of a scanned
    # "CONFIDENT1ALITY"); glued to digits it is a label ("MRN12345")
    spans = [(m.start("v"), m.end("v"), "ID") for m in ID_CUE_RE.finditer(text)
             if (sum(c.isdigit() for c in m.group("v")) >= 4 or not _POLICY_BEFORE.search(text, m.start(), m.start("v")))
             and not (text[m.start("v") - 1].isalpha() and m.group("v")[0].isalpha())]
    spaced = [m for m in ID_SPACED_RE.finditer(text) if sum(c.isdigit() for c in m.group("v")) >= 8]
    spans += [(m.start("v"), m.end("v"), "ID") for m in DICTATION_REF_RE.finditer(text)]
    spans += [(m.start("v"), m.end("v"), "ID") for m in spaced]
    # a card's acronym before its number names the card, not a person ("OHIP 1553 811 924")
    spans += [(m.start("label"), m.end("label"), KEEP) for m in spaced if m.group("label").lower() in _CARD_NAMES]
    spans += [(m.start(), m.end(), "ID") for m in MEDICARE_AU_RE.finditer(text)]
    spans += _labelled_numbers(text, lexicon) if lexicon.language == "en" else []
    spans += [(m.start("v"), m.end("v"), "ID") for m in STATE_ISSUED_RE.finditer(text)
              if sum(c.isdigit() for c in m.group("v")) >= 7 and not _PHONE_SHAPE.fullmatch(m.group("v"))]
    return spans + [(m.start(), m.end(), "ID") for m in ID_BARE_RE.finditer(text) if not _TRIAL_RE.fullmatch(m.group())
                    and not _PRODUCT_BEFORE.search(text, max(0, m.start() - 6), m.start())]


# an HL7 v2 message numbers the patient in fixed fields (since 2026-12-07, numbers7): PID-2, -3 and -4
# (patient ids, each repetition's first component: "PID|1||480 852 29^^^MR~9065-846^^^HP"), PID-18 (the
# account), PID-19 (the SSN), PID-20 (the driver's licence) and PV1-19 (the visit number)
_HL7_FIELDS = {"PID": {2: "ID", 3: "ID", 4: "ID", 18: "ID", 19: "SSN", 20: "ID"}, "PV1": {19: "ID"}}


@recognizer("hl7-fields", "ID", "SSN")
def find_hl7_fields(text: str, lexicon: Lexicon):
    spans = []
    for seg, number, field, start in hl7_fields(text, _HL7_FIELDS, any_case=True):
        kind = _HL7_FIELDS[seg].get(number)
        for repetition in field.split("~") if kind else ():
            value = repetition.split("^")[0]
            if any(c.isdigit() for c in value):
                spans.append((start, start + len(value), kind))
            start += len(repetition) + 1
    return spans


# a biometric template's number a few words after the word for it (since 2026-12-07, numbers7): "voiceprint
# enrolled (CB72-DDUS-143)", "biometric palm scan RP47-AMFZ-125 verified", "identity confirmed by
# fingerprint scan (template MJ63-GSHX-463)", "enrolled with facial template BG88-AEKE-893": a code of
# letters and digits in pieces (or six digits or more), on the same line, within five words
BIOMETRIC_NEAR_RE = re.compile(
    r"(?i:\b(?:voice[ \t]*print|finger[ \t]*print|palm[ \t]*(?:print|scan|vein)|iris|retina(?:l)?|facial|face|biometric)"
    r"(?:[ \t]+(?:scan|template|recognition|id|print|signature|enrolled|enrol?ment|captured|verified|on[ \t]+file|record)){0,2})"
    r"(?:[ \t]+[a-z]+){0,3}?[ \t]*[(:#=]?[ \t]*(?i:(?:template|id|no\.?|number|#)[ \t]*[:#]?[ \t]*)?"
    r"(?P<v>(?=[A-Za-z0-9\-_]*\d)(?:[A-Za-z0-9]{2,}(?:[\-_][A-Za-z0-9]{2,}){1,4}|\d{6,}|(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{6,}))"
    r"(?![\w\-])")


@recognizer("biometric-near", "BIOMETRIC")
def find_biometric_near(text: str, lexicon: Lexicon):
    return [(m.start("v"), m.end("v"), "BIOMETRIC") for m in BIOMETRIC_NEAR_RE.finditer(text)
            if not _UNIT_AFTER_CODE.match(text, m.end("v"))]


_UNIT_AFTER_CODE = re.compile(r"[ \t]*(?i:mm|cm|mg|ml|%|x\b)")




# a photograph's file name ("IMG_20190629_2009.jpg", "DSC36090.JPG", "photo_9901683.png"), and a
# media id after a word for a photo ("Wound photographs MEDIA13188191 and ...", "photo (DSC25186)")
IMAGE_FILE_RE = re.compile(r"(?<![\w\-./])[A-Za-z0-9_\-]*\d[A-Za-z0-9_\-]*\.(?i:jpe?g|png|gif|tiff?|heic|bmp|webp)\b")
PHOTO_CUE_RE = re.compile(r"\b(?i:photo(?:graph)?s?|pictures?|images?|img|media)\b[^\n]{0,50}")
# a media id, or (since 2026-12-07, numbers6) a code of letters and digits in pieces with 4 digits or
# more, the first of letters then digits, after a word for a photo ("Photo # PH744-V19", "Img: PH960-P19",
# "photo id ph365-b21"; not "images with a 10-12-cm field")
MEDIA_ID_RE = re.compile(r"(?<![\w\-./])(?:[A-Za-z]{2,8}[_\-]?\d{5,}"
                         r"|(?=(?:[A-Za-z_\-]*\d){4})[A-Za-z]{1,4}\d{2,}(?:[_\-][A-Za-z0-9]+)+)(?![\w\-]|\.\d)")


@recognizer("photo-id", "ID", languages=("en",))
def find_photo_ids(text: str, lexicon: Lexicon):
    spans = [(m.start(), m.end(), "ID") for m in IMAGE_FILE_RE.finditer(text)]
    for cue in PHOTO_CUE_RE.finditer(text):
        spans += [(cue.start() + m.start(), cue.start() + m.end(), "ID") for m in MEDIA_ID_RE.finditer(cue.group())]
        # the ids may come first: "DSC36090.JPG and PH-439921 are in the media tab"
        line_start = max(text.rfind("\n", 0, cue.start()) + 1, cue.start() - 60)
        spans += [(m.start(), m.end(), "ID") for m in MEDIA_ID_RE.finditer(text, line_start, cue.start())]
    return spans


# a table exported as text (CSV, tab- or pipe-separated) says what each value is in its header: an id
# column ("mrn", "hospital_no", "patient id") holds record numbers in any shape ("244 580 92"), an "age"
# column ages, in digits or words ("98", "ninety-six"), "ssn" / "sin" social numbers (since 2026-12-07,
# numbers7; pipes since numbers8: "Scr# | Initials | Screen date | Age | Eligible"); a header is a line
# of three or more separators (two for pipes, which prose never has) whose fields are words with no
# digit, and a row is a line with as many fields
_ID_COLUMN = re.compile(r"(?i:(?:^|[_ .\-])(?:mrn|id|no|nbr|num|number|nhs|chi|ur|urn|account|acct|chart|record|"
                        r"medicare|medicaid|policy|member|subscriber|hosp|hospital|uhid|ihi))$|(?i:^(?:mrn|nhs|chi|ur|urn|uhid)[_ .\-])")
_SSN_COLUMN = re.compile(r"(?i:^(?:ssn|sin|social[_ .\-]?(?:security|insurance)(?:[_ .\-]?(?:number|no))?)$)")
_AGE_COLUMN = re.compile(r"(?i:^age(?:[_ .\-]?(?:years?|yrs?|at[_ .\-]?\w+))?$)")
_HEADER_FIELD = re.compile(r"[A-Za-z][A-Za-z _.\-/#]{0,40}")
_FIELD = {",": re.compile(r'"(?:[^"\n]|"")*"|[^,\n]*'), "\t": re.compile(r'[^\t\n]*'), "|": re.compile(r'[^|\n]*')}
_AGE_VALUE = re.compile(rf"(?i:{_NINETY_PLUS})")


def _fields(text: str, start: int, end: int, sep: str) -> list[tuple[int, int]]:
    """(start, end) of each field of one line, quotes stripped."""
    spans, pos = [], start
    while pos <= end:
        m = _FIELD[sep].match(text, pos, end)
        a, b = m.span()
        if b - a >= 2 and text[a] == '"' and text[b - 1] == '"':
            a, b = a + 1, b - 1
        spans.append((a, b))
        pos = m.end() + 1
    return spans


def _column_type(name: str) -> str | None:
    name = name.strip()
    if _SSN_COLUMN.search(name):
        return "SSN"
    if _AGE_COLUMN.search(name):
        return "AGE"
    return "ID" if _ID_COLUMN.search(name) else None


def _is_age(value: str) -> bool:
    """An age over 89 as a table writes it: "98", "101", "ninety-six"."""
    return (value.isdigit() and 90 <= int(value) <= 130) or _AGE_VALUE.fullmatch(value) is not None


def _separator(text: str, start: int, end: int) -> str | None:
    if text.count(",", start, end) >= 3:
        return ","
    if text.count("\t", start, end) >= 3:
        return "\t"
    return "|" if text.count("|", start, end) >= 2 else None


def _table_lines(text: str) -> list[tuple[int, int]]:
    """Each line's (start, end), a pipe table's outer bars ("| a | b |") and blanks left out."""
    lines = []
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.span()
        line = m.group()
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            start += line.index("|") + 1
            end = m.start() + line.rindex("|")
        lines.append((start, end))
    return lines


def _column_values(text: str, lines: list[tuple[int, int]], i: int, sep: str, kinds: list) -> list[tuple[int, int, str]]:
    """The typed values of the rows below the header at line ``i``."""
    spans = []
    for row_start, row_end in lines[i + 1:]:
        row = _fields(text, row_start, row_end, sep)
        if len(row) != len(kinds):
            break
        for (a, b), kind in zip(row, kinds):
            value = text[a:b].strip()
            if not kind or not (_is_age(value) if kind == "AGE" else any(c.isdigit() for c in value)):
                continue
            a += len(text[a:b]) - len(text[a:b].lstrip())
            spans.append((a, a + len(value), kind))
    return spans


@recognizer("table-columns", "ID", "SSN", "AGE")
def find_in_table_columns(text: str, lexicon: Lexicon):
    spans: list[tuple[int, int, str]] = []
    lines = _table_lines(text)
    for i, (start, end) in enumerate(lines):
        sep = _separator(text, start, end)
        if sep is None or (i and text.count(sep, *lines[i - 1]) == text.count(sep, start, end)):
            continue  # not a header, or a row of a table whose header came before
        header = [text[a:b] for a, b in _fields(text, start, end, sep)]
        if not all(_HEADER_FIELD.fullmatch(h.strip()) for h in header):
            continue
        kinds = [_column_type(h) for h in header]
        if any(kinds):
            spans += _column_values(text, lines, i, sep, kinds)
    return spans + _row_ages(text, lines)


# a list of patients without a header, one per row, gives the age after the record number: "2. bui,samira
# d | J642065 | 95 | ref Joy", "HU,TREMAINE V | 071542281 | NINETY-FIVE | REF ..." (since 2026-12-07,
# numbers8): a field that is only an age over 89, after a field that is a record number (five digits or
# more, a letter prefix at most, no date's shape) -- a vital sign's table gives a time or a date first
_RECORD_FIELD = re.compile(r"(?:[A-Za-z]{1,4}[ \-:#]?)?\d[\d\-/ ]{3,14}\d[A-Za-z]?")
_DATE_SHAPE = re.compile(r"\d{1,2}[/\-.]\d{1,2}[/\-.](?:\d{2}|\d{4})|\d{4}[/\-.]\d{1,2}[/\-.]\d{1,2}|\d{1,2}:\d{2}.*")


def _row_ages(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    spans, header = [], None
    for start, end in lines:
        if text.count("|", start, end) < 2:
            header = None
            continue
        row = _fields(text, start, end, "|")
        names = [text[a:b].strip() for a, b in row]
        if header is None:
            # (numbers11) a table's header line names its columns: a balance or a quantity ("... | DEA | BAL |")
            # is no age, whatever record number stands left of it
            header = names if all(_HEADER_FIELD.fullmatch(h) for h in names if h) and any(names) else []
            if header:
                continue
        for k, ((a0, b0), (a, b)) in enumerate(zip(row, row[1:])):
            before, value = text[a0:b0].strip(), text[a:b].strip()
            if header and len(header) == len(row) and not _AGE_COLUMN.fullmatch(header[k + 1]):
                continue
            if _is_age(value) and _RECORD_FIELD.fullmatch(before) and not _DATE_SHAPE.fullmatch(before) \
                    and sum(c.isdigit() for c in before) >= 5:
                a += len(text[a:b]) - len(text[a:b].lstrip())
                spans.append((a, a + len(value), "AGE"))
    return spans

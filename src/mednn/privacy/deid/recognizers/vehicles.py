"""Vehicle identifiers (VINs, licence plates) and biometric identifiers (voiceprint,
fingerprint, retina or iris scan ids): Safe Harbor items L and P."""

from __future__ import annotations

import re

from ..vocabulary import Lexicon
from . import recognizer

# a VIN: 17 characters of digits and capitals without I, O, Q, with at least 2 digits and 2 letters
VIN_RE = re.compile(r"(?<![A-Za-z0-9])(?=(?:[A-HJ-NPR-Z]*\d){2})(?=(?:\d*[A-HJ-NPR-Z]){2})[A-HJ-NPR-Z0-9]{17}(?![A-Za-z0-9])")
PLATE_RE = re.compile(
    r"\b(?i:(?:licen[cs]e|lic\.?)\s+plate(?:\s+(?:number|no\.?|#))?|(?:plate|tag)\s+(?:number|no\.?|#)|"
    r"(?:car|vehicle|auto|truck|van|motorcycle)(?:['’]s)?\s+(?:\(\s*)?(?:plate|tag)s?|"
    r"(?:vehicle|car)\s+registration(?:\s+plate)?(?:\s+(?:number|no\.?|#))?)(?![A-Za-z])(?:\s*[:#]\s*|\s+)(?:(?i:is|was|reads?)\s+)?"
    # "304-cxs" in a note in lower case, "93-6300K"
    r"(?P<v>(?=[A-Za-z0-9\- ]{0,12}\d)[A-Za-z0-9]{2,8}(?:-[A-Za-z0-9]{1,5}|[ ][A-Z0-9]{1,4})?)(?![\w\-])"
)
VIN_CUE_RE = re.compile(r"\b(?i:vin|vehicle\s+identification\s+(?:number|no\.?|#)?)(?![A-Za-z])(?:\s*[:#]\s*|\s+)(?P<v>[A-Za-z0-9]{11,17})\b")
BIOMETRIC_RE = re.compile(
    r"\b(?i:voice\s*print|voiceprint|finger\s*print|fingerprint|retina(?:l)?\s+scan|iris\s+scan|palm\s*print|"
    r"biometric|face\s+(?:template|print))(?:\s+(?i:id|identifier|template|sample|record|no\.?|number|#))*"
    r"\s*[:#=]?\s*(?:(?i:on\s+file\s+as|stored\s+as|is|was)\s+)?(?P<v>(?=[A-Za-z0-9\-_]*\d)[A-Za-z0-9][A-Za-z0-9\-_]{3,})"
)


# a plate by its shape beside a word for a vehicle, in any casing and spacing (since 2026-12-07):
# "plate 042 KST", "plate per PD GD64KS", "PT'S CAR (714 DYY)", "sister driving (fh13xt)",
# "placard issued for plate DSM 3314": letters and digits both, 5 to 8 of them, one space or hyphen
# (trial 10) after the issuing state or province's two letters: "plate IL 7XK-392", "plate tx hjk 4421",
# "plate OH-HJK 4421" (trial 11)
# (places9) or two letters and four or five digits, as many European and older plates are written: "car reg VM 14556",
# "VEHICLE IN LOT: MU 03178", "PARKING PERMIT PLATE CM 43281"
_PLATE_SHAPE = (r"(?P<p>[A-Za-z]{2}[ \t]?\d{4,5}(?![\w\-])|"
                r"(?:[A-Za-z]{2}[ \t]+|[A-Za-z]{2}-(?=[A-Za-z0-9]{2,4}[ \-]))?(?=[A-Za-z0-9 \-]*\d)(?=[A-Za-z0-9 \-]*[A-Za-z])"
                # (numbers10: a scanned form may double the space, "CAR REG (PARKING PERMIT): ACA  777")
                r"(?:[A-Za-z0-9]{5,8}|[A-Za-z0-9]{2,4}(?:[ \-]|[ ]{2})[A-Za-z0-9]{2,4}))(?![\w\-])")
PLATE_NEAR_RE = re.compile(
    rf"(?i:\b(?:plates?|tags?)(?![A-Za-z])(?:[ \t]+(?:per[ \t]+\w+|reads?|is|was|number|no\.?|#))?[ \t]*[:#]?[ \t]*"
    rf"|\b(?:car|vehicle|truck|van|auto|suv|motorcycle|driving|drove|drives)[ \t]*\([ \t]*(?:(?:plate|tag)[ \t]*[:#]?[ \t]*)?"
    # (places7) "reg" for registration, as Britain, Ireland and Australia write it: "car reg KKG 261", "vehicle
    # reg VEB 716", "Car reg (parking permit): HHY 896", "vehicle rego 1ABC 234"
    rf"|\b(?:car|vehicle|van|truck|motorcycle)[ \t]+(?:reg|rego|regn)\.?(?:[ \t]+(?:no\.?|number|#))?"
    rf"(?:[ \t]*\([^)\n]{{1,30}}\))?[ \t]*[:#]?[ \t]*)"
    rf"{_PLATE_SHAPE}")

# (places6) a plate right after a vehicle word or after a short phrase that a colon ends, in any casing:
# "FOUND IN VEHICLE 967 UXD BY", "Vehicle at property: 084 ZDX", "vehicle left at scene: 826 FFF", "VEHICLE
# IMPOUNDED: 443 YNG", "Vehicle: IL 7XK-392" (not "CAR PLATE WMT 1813 PER EMS": the phrase has no colon; "van" is also a surname's part)
PLATE_AFTER_VEHICLE_RE = re.compile(
    rf"(?i:\b(?:vehicle|car|truck|suv|motorcycle)(?:(?:[ \t]+[A-Za-z'’]+){{0,4}}[ \t]*:)?[ \t]+){_PLATE_SHAPE}"
    # (places9) "van" only before a plate in capitals with its digits ("Driver: Hemi, van ST 91881"): "van" also
    # begins a surname ("van Rijn")
    rf"|(?i:\bvan[ \t]+)(?P<vp>[A-Z]{{2}}[ \t]?\d{{4,5}}|[A-Z]{{3}}[ \-]?\d{{3,4}})(?![\w\-])")
_UNITS = {"mg", "ml", "cm", "mm", "am", "pm", "hr", "hrs", "kg", "lbs", "min", "mph", "kph", "kmh", "km", "mi", "yo",
          "yrs", "sec", "secs", "mins", "ft", "m",
          # (places8) doses and rates a strict plate's shape also has ("reg 500 mcg", "(120 bpm)")
          "mcg", "meq", "gm", "gms", "tab", "tabs", "cap", "caps", "amp", "wks", "day", "kcal", "cal", "mls", "bpm",
          "ug", "ng", "mol", "lb", "lbs", "yds", "psi", "hrs", "mmhg", "cmh", "iu", "pts", "pct"}

_FUNCTION_WORDS = {"at", "to", "on", "in", "of", "by", "is", "was", "per", "for", "and", "the", "from", "with", "via", "x",
                   # (places8) the cue itself is no part of the plate: "car (reg JR64 XYZ)" is "JR64 XYZ"
                   "reg", "rego", "regn", "no", "nr", "num",
                   # and a number's label is no plate's letters ("Registration: SSN 416 48 7606")
                   "ssn", "mrn", "nhs", "npi", "dea", "dob", "acc", "mbi", "fin", "har", "ref", "job", "tel", "fax", "ext"}

# (places8) a plate by its strict shape where a writer puts a vehicle's plate, in any casing (sets 6 and 7: "client
# drives to clinic (vuf 409)", "Transport: FME-0418 (hospital car driver Y)", "advised to stop driving. Reg RSA 248",
# "hit by car (reg 5ISY302)"): three letters and three or four digits either way round ("CYW 960", "919 BFA",
# "FME-0418"), a digit, three letters, three digits (California: "6KAP949"), a British plate ("HX67 YTE"), a VIN
# (numbers11) and with a letter after the digits, as Kenya and older British plates end ("KJX 208C", "XMR-61F"),
# or a region's two letters before two groups of digits ("CA 113-302"); (numbers13) a state's two letters, its
# district's digits, a series of letters and four digits, as India prints plates ("TN 47 VL 7377", "KA 46 FY 2017",
# sets 10 and 12), four letters before the digits ("LNWH 410") and two letters after them ("TDR-826FW", Nigeria's)
_STRICT_PLATE = (r"(?P<p>(?<![\w\-])(?:[A-Za-z]{2}[ \-]?\d{1,2}[ \-]?[A-Za-z]{1,3}[ \-]?\d{4}|[A-Za-z]{3,4}[ \-]?\d{3,4}|[A-Za-z]{3}[ \-]?\d{2,3}[A-Za-z]{1,2}|[A-Za-z]{2}[ ]\d{3}-\d{3}|\d{3,4}[ \-]?[A-Za-z]{3}|\d[A-Za-z]{3}\d{3}|"
                 r"[A-Za-z]{2}\d{2}[ ]?[A-Za-z]{3}|(?=(?:[A-Za-z]*\d){2})(?=(?:\d*[A-Za-z]){2})(?i:[a-hj-npr-z0-9]{17}))(?![\w\-]|[ \t]+\d))")
# after a registration word alone ("Reg RSA 248", "(reg WSG 643)", "rego: 1ABC234"), before the driver in brackets
# ("CYW 960 (taxi driver Aiko)"), and alone in brackets in a line about a vehicle or driving ("drives to clinic (vuf 409)")
PLATE_BY_POSITION_RE = re.compile(
    # (numbers11) "Registration(s): <VIN>, SXY446": the word's plural and the list's next item
    rf"(?i:\b(?:reg|rego|regn|registration)(?:s|\(s\))?\.?(?:[ \t]+(?:no\.?|number|#))?[ \t]*[:#]?[ \t]*)"
    rf"(?:[A-Za-z0-9]{{5,17}}[ \t]*,[ \t]*)?{_STRICT_PLATE}"
    rf"|{_STRICT_PLATE.replace('<p>', '<d>')}(?=[ \t]*\([^)\n]{{0,30}}?(?i:\b(?:driver|taxi|cab|chauffeur)\b))"
    rf"|\([ \t]*{_STRICT_PLATE.replace('<p>', '<b>')}[ \t]*\)")
# (numbers10) after the word for a vehicle's role, a plate in its strict shape: "Parking: 852-YGD is the client's
# car", "VRN KDR 598", "was the driver of 625-EDZ when", "Transferred by EVU 952 to", "Casevac HYP 710 to Role 2", "aircraft 007-JRM";
# and an aircraft's registration after its word, a nationality mark, a hyphen and letters ("aircraft G-LNLC")
PLATE_BY_ROLE_RE = re.compile(
    # (numbers13) and after the vehicle itself, whatever kind: "Ambulance AHH 7037", "van LNWH 410", "hearse", "taxi"
    rf"(?i:\b(?:parking|parked|casevac|medevac|vrn|(?:driver|owner)[ \t]+of|(?:transferred|transported|conveyed|evacuated)"
    rf"[ \t]+(?:by|in|via)|ambulance|bus|minibus|coach|taxi|cab|hearse|lorry|ute|van|vehicle|car|truck|"
    rf"aircraft|helicopter|heli|airframe)(?:[ \t]+(?:no\.?|number|#))?[ \t]*[:#]?[ \t]*)"
    rf"(?:{_STRICT_PLATE.replace('<p>', '<r>')}|(?<=[ \t:#])(?P<a>[A-Za-z]{{1,2}}-[A-Za-z]{{3,4}})(?![\w\-]))")
_VEHICLE_LINE = re.compile(r"(?i:\b(?:driv(?:e|es|ing|er|ers)|drove|car|cars|taxi|cab|van|vehicle|truck|ute|suv|motorbike|"
                           r"motorcycle|scooter|parking|parked|transport)\b)")


def _plates_by_position(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    spans = []
    for m in PLATE_BY_POSITION_RE.finditer(text):
        g = next(g for g in ("p", "d", "b") if m.group(g))
        if g == "b":
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            if not _VEHICLE_LINE.search(text, line_start, line_end if line_end >= 0 else len(text)):
                continue  # "(ABC 123)" in a line that names no vehicle
            if "".join(c for c in m.group(g) if c.isalpha()).lower() in lexicon.core:
                continue  # "drove in; labs (CRP 112)": a clinical acronym and its value
        if _plate_ok(m.group(g)):
            spans.append((m.start(g), m.end(g), "VEHICLE"))
    return spans


def _plate_ok(value: str) -> bool:
    """Not a time, a dose or a size ("plate 10 mg", "tag 2 cm"): letters that are no unit."""
    letters = "".join(c for c in value if c.isalpha()).lower()
    # (numbers13: four capitals without a vowel are a plate's letters, "van LNWH 410", no word)
    if not any(c.isdigit() for c in value) or any(p.isalpha() and len(p) > 3 and not (len(p) == 4 and p.isupper()
                                                                                      and not set(p) & set("AEIOUY"))
                                                  for p in re.split(r"[ \-]", value)):
        return False  # a word, not a plate ("plate fixation", "(plate 7CX 695)" reads past "plate")
    if any(p.lower() in _FUNCTION_WORDS for p in re.split(r"[ \-]", value)):
        return False  # "vehicle at 40 mph": a preposition, not a plate's letters
    # a unit follows its number ("plate 10 mg"); letters before the digits are a plate's ("plate CM 43281")
    return len(letters) >= 2 and (letters not in _UNITS or (value[0].isalpha() and value[-1].isdigit()))


# (numbers10) a rota or a log prints its vehicles in a column: a header naming it ("Driver  Vehicle  Pick-up
# Patient") and rows with as many cells, split the same way (two spaces or more, a tab, a bar)
_CELL_SPLIT = re.compile(r"[ \t]*\|[ \t]*|\t+|[ \t]{2,}")
_HEADER_WORDS = re.compile(r"[A-Za-z][A-Za-z#/.()'’_\-]*(?:[ ][A-Za-z#/.()'’_\-]+){0,2}")
_VEHICLE_COLUMN = re.compile(r"(?i:(?:vehicle|car|van)(?:[ _](?:reg(?:istration)?|rego|plate|no\.?|id))?|plates?|"
                             r"(?:licen[cs]e[ _])?plate(?:[ _](?:no\.?|number|#))?|reg(?:istration)?(?:[ _](?:no\.?|number))?|"
                             r"rego|vrn|tag)")
_COLUMN_WORD = re.compile(r"(?i:vehicle|car|van|plate|reg|vrn|tag)")
_PLATE_CELL = re.compile(r"(?=[A-Za-z0-9 \-]*\d)(?=[A-Za-z0-9 \-]*[A-Za-z])[A-Za-z0-9]{2,8}(?:[ \-][A-Za-z0-9]{1,5})?")


def _cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a line split by bars, tabs or gaps of two spaces or more."""
    cells, pos = [], len(line) - len(line.lstrip())
    body_end = len(line.rstrip())
    for gap in _CELL_SPLIT.finditer(line, pos, body_end):
        if gap.start() > pos:
            cells.append((pos, gap.start()))
        pos = gap.end()
    if pos < body_end:
        cells.append((pos, body_end))
    return cells


def _vehicle_columns(text: str) -> list[tuple[int, int, str]]:
    spans, offset, lines = [], 0, text.split("\n")
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    for i, header in enumerate(lines):
        if not _COLUMN_WORD.search(header):
            continue  # most lines name no vehicle: skip splitting them
        cells = _cells(header)
        if len(cells) < 3 or not all(_HEADER_WORDS.fullmatch(header[a:b]) for a, b in cells):
            continue
        wanted = [k for k, (a, b) in enumerate(cells) if _VEHICLE_COLUMN.fullmatch(header[a:b].strip())]
        for j in range(i + 1, len(lines)):
            row = _cells(lines[j])
            if len(row) != len(cells) or not wanted:
                break  # the table ends at a line that is no row of it
            for k in wanted:
                a, b = row[k]
                if _PLATE_CELL.fullmatch(lines[j][a:b]) and _plate_ok(lines[j][a:b]):
                    spans.append((starts[j] + a, starts[j] + b, "VEHICLE"))
    return spans


# (probe14i) a plate after the word other countries' forms label it with: "Kennzeichen: B-MD 1234", "Matrícula: 1234 BCD",
# "Immatriculation : AB-123-CD", "Targa: AB 123 CD", "Number plate XYZ 987", "Rego: ABC-123", "chassis no." is a VIN's;
# one to three groups of letters and digits, digits and letters both, four to ten characters ("plaque" and "placa"
# are no labels here: a lesion's and a platelet's words, "plaquetas 206.000", "placa de 2 cm")
PLATE_LABEL_RE = re.compile(
    r"\b(?i:kennzeichen|kfz[ \-.]*kennzeichen|matr[ií]cula|immatriculation|targa|kenteken|rekisteritunnus|"
    r"number[ \t]+plate|numberplate|rego|chapa|patente)(?![A-Za-z])(?:[ \t]+(?i:no\.?|nr\.?|n[º°o]\.?|number|#))?[ \t]*[:#.]?[ \t]*"
    r"(?P<v>(?=[A-Za-z0-9 \-]*\d)(?=[A-Za-z0-9 \-]*[A-Za-z])[A-Za-z0-9]{1,4}(?:[ \-][A-Za-z0-9]{1,4}){0,2})(?![\w\-])")
CHASSIS_RE = re.compile(r"\b(?i:chassis)(?:[ \t]+(?i:no\.?|number|#))?[ \t]*[:#.]?[ \t]*(?P<v>[A-Za-z0-9]{11,17})\b")


def _labelled_plates(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for m in PLATE_LABEL_RE.finditer(text):
        value = m.group("v")
        if 4 <= sum(c.isalnum() for c in value) <= 10 and value.lower() not in _UNITS:
            spans.append((m.start("v"), m.end("v"), "VEHICLE"))
    return spans + [(m.start("v"), m.end("v"), "VEHICLE") for m in CHASSIS_RE.finditer(text)
                    if any(c.isdigit() for c in m.group("v"))]


@recognizer("vehicle", "VEHICLE")
def find_vehicle(text: str, lexicon: Lexicon):
    spans = [(m.start(), m.end(), "VEHICLE") for m in VIN_RE.finditer(text)]
    spans += [(m.start("v"), m.end("v"), "VEHICLE") for m in VIN_CUE_RE.finditer(text)]
    spans += [(m.start("p"), m.end("p"), "VEHICLE") for rule in (PLATE_NEAR_RE, PLATE_AFTER_VEHICLE_RE)
              for m in rule.finditer(text) if m.group("p") and _plate_ok(m.group("p"))]
    spans += [(m.start("vp"), m.end("vp"), "VEHICLE") for m in PLATE_AFTER_VEHICLE_RE.finditer(text)
              if m.group("vp") and _plate_ok(m.group("vp"))]
    spans += _plates_by_position(text, lexicon) + _vehicle_columns(text) + _labelled_plates(text)
    spans += [(m.start(g), m.end(g), "VEHICLE") for m in PLATE_BY_ROLE_RE.finditer(text) for g in ("r", "a")
              if m.group(g) and (g == "a" or _plate_ok(m.group(g)))]
    return spans + [(m.start("v"), m.end("v"), "VEHICLE") for m in PLATE_RE.finditer(text)]


@recognizer("biometric", "BIOMETRIC")
def find_biometric(text: str, lexicon: Lexicon):
    return [(m.start("v"), m.end("v"), "BIOMETRIC") for m in BIOMETRIC_RE.finditer(text)]

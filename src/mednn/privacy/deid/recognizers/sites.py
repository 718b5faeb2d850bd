"""Hospitals, units and wards named where a note says where care happens (places10 pass, 2026-12-07).

Earlier rules read a hospital's code or a named unit after "from / at / to", a field's colon or a
clinician's title. Writers also name the site:

1. as the value of a label with or without its colon, at a line's start, after "//", a bar or a wide
   gap: "Ward Hartigan Unit", "clinic FMH dsn ...", "// site MVH bed 7", "Site 017 (Kells Wing)",
   "Clinic: Kells Wing, tel ...", "regd: The Marsh Surgery";
2. after a verb of attending, registering, handing over or flying to: "agreed to attend WDH crisis
   team", "He attended Hartigan Unit the same day", "Registered with TMH.", "Heli to RVMC", "seen in
   the MVH today", "presented to the urgences of CRI";
3. in brackets after the referrer: "referred by Deniz Hart (WDH)";
4. after a person and a comma that end a signature or a reporter's line, a code in a hospital's shape
   (ending in H, MC, HC or HS): "-- Radek Nowak, HGH", "Reporter: Jide Aquino, TMH, Dunmarrow";
5. alone on its line as a letterhead: "Department of Cellular Pathology\\nHartigan Unit\\n";
6. (places11) a field of a header row: among a note's first three lines, a code set apart by the row's
   layout, a line's start, a wide gap or a spaced dash before it (a slash in a title joins alternatives:
   "HOME OXYGEN ORDER / DME") and a wide gap, a spaced dash or
   the line's end after it ("SELF CHECK-IN LOG  KVMC  5/16/2019", "KVMC   IPC lead ...", "handover  gph
   recovery bay 3"): a header's fields are the note's who, where and when;
7. (places11) after a department in a field that names where a patient is sent, behind a slash at the line's
   end: "Referred to: Eye Casualty / KRH" (as "To: Dr X / OBMC" names a clinician's hospital);
8. (places11) after an arrow that ends a row or a clause: where a patient goes ("# FEMUR -> KVH", "→ wrmc,").

The value is a code (two to five letters, no word, no clinical acronym, no credential, no care setting)
or a unit, ward or wing named after someone or a place (never a kind of ward: "Stroke Unit", "the
unit"). "Our Lady of X" names a hospital in any casing wherever it stands.
"""

from __future__ import annotations

import re

from ..spans import KEEP
from ..words import LETTERS, casing, line_at
from .table_rows import header_cells, under_column_names
from .institutions import SERVICE_ROOMS, TIMED_ROW, WARD_WORDS, NOT_A_CODE, CLINICAL_SHAPE

_CODE = r"(?P<code>[A-Z]{2,5}|[a-z]{2,5})(?![\w\-/&])"
_NAME_WORD = rf"[{LETTERS}'’\-]{{3,}}"
_UNIT = rf"(?P<unit>(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})[ \t]+(?P<head>(?i:unit|ward|wing)))(?![\w\-])"
# a British practice ("The Marsh Surgery") and a ward by its name and number ("MERCY 4")
_SURGERY = rf"(?P<surgery>(?i:the[ \t]+)?(?P<words>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})[ \t]+(?i:surgery))(?![\w\-])"
_WARD_NUMBER = rf"(?P<ward>(?P<wardname>{_NAME_WORD})[ \t]+\d{{1,2}}[A-Za-z]?)(?![\w:/%]|\.\d)"
_VALUE = rf"(?:{_UNIT}|{_SURGERY}|{_WARD_NUMBER}|{_CODE})"

# 1. a label naming the site, with or without its colon, an optional site number and bracket
LABEL_RE = re.compile(
    r"(?:(?:^|\n|//|\||[ \t]{2}|\.[ \t]+)[ \t]*"
    r"(?P<label>(?i:clinic|site|ward|unit|hospital|facility|base|regd|registered|practice))\b[ \t]*:?[ \t]*\(?"
    r"|\b(?i:site)[ \t]+\d{1,4}[ \t]*\()[ \t]*" + _VALUE)
# 2. a verb of attending, registering, handing over, flying to, or the emergency department "of" a hospital
VERB_RE = re.compile(
    r"(?i:\b(?:attend(?:ed|s|ing)?|registered[ \t]+with|handed[ \t]+(?:over[ \t]+)?to|"
    r"(?:heli|helicopter(?:ed)?|airlifted|flown|medevac(?:ed|'d)?|evacuated|retrieved|conveyed)[ \t]+to|"
    r"seen[ \t]+(?:in|at)[ \t]+the|(?:urgences|emergencies|emergency[ \t]+department|casualty)[ \t]+of)[ \t]+)"
    + _VALUE)
# 3. a code or a unit in brackets after the referrer's name
REFERRER_RE = re.compile(
    rf"(?i:\b(?:referred|referral|ref)[ \t]+(?:by|from)[ \t]+)(?:[{LETTERS}.'’\-]+[ \t]+){{0,3}}[{LETTERS}.'’\-]+"
    rf"[ \t]*\([ \t]*{_VALUE}[ \t]*\)")
# 4. a signature's or a reporter's line: a person, a comma, the code, perhaps a town, the line's end; here a
# credential stands as often ("-- Ana Ruiz, CHPN", "-- Li Wu, CAQSM"), so the code must read as a hospital's
# or a health centre's or service's initials ("TMH", "KBMC", "FHC", "PHS"; not "MPH", "DrPH")
SIGNATURE_RE = re.compile(
    r"(?m:^[ \t]*(?:-{2,}|—|(?i:reporter|reported[ \t]+by|cc(?:[ \t]+gp)?|gp|to|from|signed|referrer|by)[ \t]*:?)[ \t]*"
    rf"(?:[{LETTERS}.'’\-]+(?:,(?=[{LETTERS}])[{LETTERS}.'’\-]+)?[ \t]+){{0,4}}[{LETTERS}.'’\-]+,[ \t]*"
    + rf"(?P<code>(?:[A-Z]{{1,4}}(?:H|MC|HC|HS)|[a-z]{{1,4}}(?:h|mc|hc|hs))(?<!PH)(?<!ph))"
    rf"(?=[ \t]*(?:$|,[ \t]*[{LETTERS}][{LETTERS}'’\- ]*$)))")
# 5. a unit alone on its line
ALONE_UNIT_RE = re.compile(rf"(?m:^[ \t]*{_UNIT}[ \t]*$)")
# 6. a code as a field of a header row (the line's start, a wide gap or a spaced dash on each side)
HEADER_FIELD_RE = re.compile(
    # (places12) a tab sets a field apart as a wide gap does ("Clinic list\t<code>\t<date>"), but not in a row of
    # column names ("MRN\tDOB\tWARD"): there every cell is a heading
    r"(?m:(?:^|[ \t]{2}|\t|[ \t][-–][ \t]+)[ \t]*(?P<code>[A-Z]{2,5}|[a-z]{2,5})(?=[ \t]{2}|\t|[ \t]+[-–][ \t]|[ \t]*$))")
# 7. a code behind a department's slash in a field that names where a patient goes
SENT_TO_RE = re.compile(
    r"(?im:\b(?:referred[ \t]+to|refer(?:ral)?[ \t]+to|sent[ \t]+to|destination|to)[ \t]*:[^\n/|:,]{2,40}?(?:[ \t]/|,)[ \t]*"
    # (places12) or behind its comma ("To: Eye Centre, <code>   Priority: ..."), the field ending at a wide gap
    r"(?P<code>[A-Z]{2,5}|[a-z]{2,5})(?:[ \t]*$|(?=[ \t]{2})))")
# 8. a code after an arrow at the end of a row or a clause
ARROW_RE = re.compile(r"(?:->|→|=>)[ \t]*(?P<code>[A-Z]{2,5}|[a-z]{2,5})(?=[ \t]*(?:$|\n|[,;(]))")
OUR_LADY_RE = re.compile(
    rf"\b(?i:our[ \t]+lady(?:['’]s)?[ \t]+of[ \t]+(?:the[ \t]+)?)[{LETTERS}'’\-]{{3,}}"
    r"(?:[ \t]+(?i:cottage|general|district|community|memorial|regional|university|children's|medical|health|"
    r"hospital|centre|center|clinic|infirmary|hospice)\b)*")

# credentials and grades that follow a name after a comma ("-- Ana Ruiz, RGN"); anatomical sites after "site"
_NOT_A_SITE = NOT_A_CODE | frozenset("""
bn coy bde regt sqn plt
rn rgn rmn rnld rpn hca slt spr acp enp odp dsn cma ccp fy fyi ct st sho reg cns np pa md do dr gp emt
ruq luq rlq llq rue lue rle lle bue ble iv im sc po pr ng
""".split())


# a code before the people or the group it describes is a condition, not a site ("seen in the PMS patients")
_GROUP_AFTER = re.compile(r"[ \t]+(?i:patients?|pts|group|groups|cohort|cases?|population|subjects?|arm|women|men|"
                          r"children|mice|rats)\b")


def _code_site(code: str, text: str, start: int, judge, settings: frozenset[str]) -> bool:
    low = code.lower()
    if low in _NOT_A_SITE or low in settings or judge.status(code) in ("safe", "nameword"):
        return False
    if _GROUP_AFTER.match(text, start + len(code)):
        return False
    return not code.islower() or casing(line_at(text, start)) == "lower"


def _unit_named(m: re.Match, text: str, judge, excluded: frozenset[str], weak: bool) -> bool:
    """A unit named after someone or a place: no kind of ward, no service room, no clinical word (after a
    ``weak`` cue, a line alone, a name in one casing needs a word that is no dictionary word)."""
    words = m.group("name").split()
    low = [w.lower() for w in words]
    if any(w in WARD_WORDS or w in excluded or w in SERVICE_ROOMS or CLINICAL_SHAPE.fullmatch(w) for w in low) \
            or all(w in judge.core for w in low):
        return False
    if casing(line_at(text, m.start("unit"))) == "mixed":
        return all(w[0].isupper() for w in words)
    return not weak or any(judge.status(w) != "safe" for w in words)


def named_sites(text: str, judge, settings: frozenset[str], excluded: frozenset[str]) -> list[tuple[int, int, str]]:
    """Rules 1 to 8 of the module docstring, and "Our Lady of X"."""
    spans = [(m.start(), m.end(), "LOCATION") for m in OUR_LADY_RE.finditer(text)]
    for rule in (LABEL_RE, VERB_RE, REFERRER_RE, SIGNATURE_RE, ALONE_UNIT_RE, HEADER_FIELD_RE, SENT_TO_RE,
                 ARROW_RE):
        for m in rule.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if rule is HEADER_FIELD_RE and (text.count("\n", 0, m.start("code")) >= 3
                                            or TIMED_ROW.match(text, line_start)
                                            or under_column_names(text, line_start)
                                            or header_cells(line_at(text, m.start("code")))):
                continue  # below a note's header a code set apart is a heading or a column's value; in a
                # time-stamped log row, the writer's initials ("17:21  caller: drowsy - KW"); under a table's
                # header row, a column's value (initials under "Attendant")
            found = len(spans)
            if m.groupdict().get("unit"):
                if _unit_named(m, text, judge, excluded, weak=rule is ALONE_UNIT_RE):
                    spans.append((m.start("unit"), m.end("unit"), "LOCATION"))
            elif m.groupdict().get("surgery"):
                words = [w.lower() for w in m.group("words").split()]
                if not any(w in excluded or CLINICAL_SHAPE.fullmatch(w) for w in words) \
                        and not all(w in judge.core for w in words):
                    spans.append((m.start("surgery"), m.end("surgery"), "LOCATION"))
            elif m.groupdict().get("ward"):
                name = m.group("wardname")
                if name.lower() not in excluded and judge.status(name) != "safe":
                    spans.append((m.start("ward"), m.end("ward"), "LOCATION"))
            elif m.groupdict().get("code") and _code_site(m.group("code"), text, m.start("code"), judge, settings):
                spans.append((m.start("code"), m.end("code"), "LOCATION"))
            if len(spans) > found and m.groupdict().get("label"):
                spans.append((m.start("label"), m.end("label"), KEEP))  # "Ward Lark Ward": the label is no name
    return spans

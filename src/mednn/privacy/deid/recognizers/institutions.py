"""Institutions by their position in a note, whatever a writer calls them (called from
:func:`.hospitals.find_hospitals`; not a recognizer of its own).

A writer the rules were not made on names hospitals by codes of its own ("RRH", "SBMC", "kh"),
so no list of codes carries over; where the code stands does:

* **before a department or care setting**: "RRH EMERGENCY DEPT", "SBMC  Dept of Surgery", "MRH
  Pharmacy", "TVH CCU", "ARH Outpatient Rehab": a department belongs to an institution;
* **beside a clinician**: "Dr Rivers (EHH)", "Referring physician: Little, Emily (MFP)", "cc: Dr
  Lester, SBCA": a clinician's affiliation;
* **after a field or a hand-off**: "From: TVH", "To: SBBH", "Agency: OHH", "Handoff to WP",
  "going to PNR", "Prior admission to RMC";
* **alone on a line of a note's header**: a letterhead ("GCA" above "Neurology Clinic"), or ending
  a title line after a dash ("ED TRIAGE - RRH").

A code is an acronym of 2 to 5 letters (in a note written in lower case, lower-case letters) that
is not safe vocabulary (clinical acronyms such as ICU, GI, PACU are), not a care setting and not a
credential. Names are found the same way by their head word, in any casing:

* a hospital, hospice, agency or urgent care **opening a line** ("Bayard Hospital  Dept of Surgery",
  "cold spring community hospital"), with at least one word before the head that is not clinical;
* a **ward by its building**: a word before "Tower / Wing / Pavilion / Building / Unit" after "to /
  then / on / at" ("admission to Rich Tower 6", "PACU, THEN WINTER UNIT 2").
"""

from __future__ import annotations

import re

from ..words import LETTERS, casing

# what an institution owns: a department, a service, a care setting written after its code
_DEPARTMENT = (r"emergency|emergnecy|dept|department|pharmacy|outpatient|inpatient|rehab|radiology|imaging|"
               r"laborator(?:y|ies)|lab|pathology|surgery|surgical|l&d|labor|ccu|micu|sicu|icu|nicu|picu|"
               r"tele|telemetry|step-?down|main\s+ed|ed|pacu|intake|behavioral|cardiology|oncology|"
               r"dialysis|clinic|campus|ward|floor|[a-z]+\s+clinic")
_CODE = rf"(?P<code>[A-Z]{{2,5}}|[a-z]{{2,5}})"
# 1. a code before a department: at a line start, after two spaces, "- ", or a field's colon
BEFORE_DEPARTMENT_RE = re.compile(
    rf"(?:^|\n|[ \t]{{2,}}|[-–:][ \t]+){_CODE}(?:[ \t]+[-–][ \t]+(?i:adult|child|pediatric|geriatric)\b|"
    rf"[ \t]+(?i:{_DEPARTMENT})(?![\w\-]))")
# 2. a clinician's affiliation: "Dr Rivers (EHH)", "cc: Dr Lester, SBCA", "physician: Little, Emily  (MFP)"
_CLINICIAN = rf"(?i:\bdr\b\.?|\bdoctor\b|physician[ \t]*:)[ \t]*[{LETTERS}'’\-]+(?:,?[ \t]+[{LETTERS}'’\-]+)?"
AFFILIATION_RE = re.compile(
    rf"{_CLINICIAN}(?:[ \t]*\([ \t]*{_CODE}[ \t]*\)|,[ \t]*{_CODE.replace('code', 'code2')}(?=[ \t]*(?:$|\n|;)))")
# 3. after a field that names a place, or a hand-off
FIELD_RE = re.compile(
    rf"(?i:\b(?:from|to|agency|facility|hospital|site|institution|location)[ \t]*:[ \t]*|"
    rf"\b(?:handoff|hand-off|going|admission|admitted|transfer|transferred|accepted|referred)[ \t]+to[ \t]+)"
    rf"{_CODE}(?![\w\-/&])")
# 4. alone on a line among a note's first lines, or ending a title line after a dash ("ED TRIAGE - RRH")
ALONE_RE = re.compile(rf"(?:(?:^|\n)[ \t]*|[ \t][-–][ \t]+){_CODE}[ \t]*(?=\n)")
# credentials, organisations and settings that stand where a code would
NOT_A_CODE = frozenset("""
facc facs facp facog faan phd mph msn dnp fnp aprn anp crnp lpn lcsw lmsw cna ma pgy rd rph pharmd dds dmd
od dpm psyd edd mba jd esq cdc fda nih usa uk us who cms nhs va vna snf ltac ltach alf ecf nh ip pt ot
als hiv aids copd chf cad ckd esrd pna uti dvt pe mi sob cp ha abd ams lol loc etoh
am pm and the for with via see per re cc bcc dob mrn ssn fax tel tele ext ph
""".split())

STRONG = (r"hospital|medical[ \t]+cent(?:er|re)|health[ \t]+cent(?:er|re)|hospice(?:[ \t]+(?:&|and)[ \t]+palliative[ \t]+care)?|"
          r"home[ \t]+care|home[ \t]+health|urgent[ \t]+care|visiting[ \t]+nurse(?:s)?(?:[ \t]+association)?|vna|"
          r"behavioral[ \t]+health|pediatrics|nursing[ \t]+(?:home|&[ \t]+rehab|and[ \t]+rehab)")
# 5. a named institution opening a line (words, then the head, then the line goes on or ends)
LINE_START_RE = re.compile(
    rf"(?:^|\n|[ \t][-–][ \t]+|(?i:agency|from|to)[ \t]*:[ \t]*)(?P<name>(?:[{LETTERS}'’.\-]+[ \t]+){{1,3}}?)(?P<head>(?i:{STRONG}))"
    rf"(?=[ \t]*(?:$|\n|[ \t]{{2}}|[ \t]+[-–][ \t]|[ \t]+(?i:{_DEPARTMENT}|pharmacy|dept)\b|,|\())")
# 6. a ward by its building after a move: "to Rich Tower 6", "THEN WINTER UNIT 2", "then Abernathy Unit."
WARD_BUILDING_RE = re.compile(
    rf"(?i:\b(?:to|then|on|at|in|from)[ \t]+)(?P<ward>(?P<name>[{LETTERS}'’\-]{{3,}})[ \t]+"
    rf"(?P<head>(?i:tower|wing|pavilion|building|unit|pod))(?:[ \t]+\d{{1,2}}(?:[ \t]*[A-Za-z](?![\w]))?)?)(?![\w\-])")
# a heading after a head word: "Hospital Course", "HOSPITAL STAY", "hospital day 3"
_NOT_A_NAME_AFTER = re.compile(r"[ \t]*(?i:course|stay|day|admission|acquired|based|bed|policy|follow|records?)\b")
_WARD_WORDS = frozenset("""
north south east west main new old upper lower central intensive care critical step down stepdown burn trauma
cardiac medical surgical dialysis telemetry observation oncology the this that same another different other
each every storage housing family care nursing rehab psych psychiatric behavioral maternity neonatal pediatric
stroke transplant neuro ortho cancer heart renal kidney liver lung respiratory coronary special isolation geriatric
acute chronic memory recovery holding short long day night labor labour delivery postpartum antepartum mother baby
newborn infant progressive intermediate medicine surgery cardiology oncology hospital clinic research teaching
detox dementia eating disorders sleep pain wound spine brain vascular hematology transitional palliative hospice
his her their our your its a an one two three four five six seven eight nine ten first second third
""".split())


def _code_ok(code: str, text: str, start: int, judge, settings: frozenset[str], generic: frozenset[str]) -> bool:
    low = code.lower()
    if low in NOT_A_CODE or low in settings or low in generic or judge.status(code) == "safe":
        return False
    if code.islower():  # lower-case letters are a code only in a line written in lower case
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        return casing(text[line_start:line_end if line_end >= 0 else len(text)]) == "lower"
    return True


def _header(text: str, start: int, lines: int = 3) -> bool:
    return text.count("\n", 0, start) < lines


def institution_codes(text: str, judge, settings: frozenset[str], generic: frozenset[str]) -> list[tuple[int, int, str]]:
    """Codes of institutions by position (rules 1 to 4 of the module docstring)."""
    spans = []
    for rule in (BEFORE_DEPARTMENT_RE, AFFILIATION_RE, FIELD_RE, ALONE_RE):
        for m in rule.finditer(text):
            group = "code" if m.group("code") else "code2"
            code = m.group(group)
            if rule is ALONE_RE and not _header(text, m.start(group)):
                continue  # an acronym alone deep in a note is a heading more often than a letterhead
            if _code_ok(code, text, m.start(group), judge, settings, generic):
                spans.append((m.start(group), m.end(group), "LOCATION"))
    return spans


def _specific(words: list[str], generic: frozenset[str], descriptive: frozenset[str]) -> bool:
    """No article or preposition ("ADMITTED TO HOSPITAL"), and one word that is not a mere kind
    of place ("Community", "General"): "Bayard", "Cold Spring"."""
    return (not any(w.lower() in generic and w.lower() not in descriptive for w in words)
            and any(w.lower() not in descriptive for w in words))


def institution_names(text: str, generic: frozenset[str], descriptive: frozenset[str],
                      not_a_ward: frozenset[str]) -> list[tuple[int, int, str]]:
    """Institutions opening a line and wards by building (rules 5 and 6 of the module docstring)."""
    spans = []
    for m in LINE_START_RE.finditer(text):
        words = m.group("name").split()
        if not words or _NOT_A_NAME_AFTER.match(text, m.end("head")):
            continue
        mixed = casing(text[m.start("name"):m.end("head")]) == "mixed"
        if mixed and not (all(w[0].isupper() for w in words) and m.group("head")[0].isupper()):
            continue  # "Patient was seen in hospital", "Advised home care": a sentence, not a name
        if not mixed and not (_header(text, m.start()) or m.group().lstrip()[:1] in ":-–" or ":" in m.group()):
            continue  # a line in one case has no capitals to say so: only a letterhead or a field
        if _specific(words, generic, descriptive):
            spans.append((m.start("name"), m.end("head"), "LOCATION"))
    for m in WARD_BUILDING_RE.finditer(text):
        name = m.group("name")
        low = name.lower()
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.start())
        mixed = casing(text[line_start:line_end if line_end >= 0 else len(text)]) == "mixed"
        if low in _WARD_WORDS or low in generic or low in not_a_ward:
            continue  # "to the intensive care unit", "on Burn Unit", "in east wing"
        if mixed and not (name[0].isupper() and m.group("head")[0].isupper()):
            continue  # "moved to storage unit": a capitalised building and head, or a note in one case
        spans.append((m.start("ward"), m.end("ward"), "LOCATION"))
    return spans

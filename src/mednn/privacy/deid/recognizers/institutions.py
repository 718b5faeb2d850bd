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

Since the places5 pass (2026-12-07, from the misses of set 4, a writer no rule had been made on):
the **kinds** an institution names itself by (``KIND_HEADS``: a specialty institute, a heart or care
centre, skilled nursing, "Health and Rehabilitation", dental, sleep and maternal-fetal practices,
midwifery, a respiratory and equipment supplier); **codes by position** after a clinician's slash or
comma before a wide gap or a fax, as a header's last field after a bar or a wide gap, opening a header
line before a dash; rules 7 to 11 below: a **health system** by its code ("UC Health"), a **ward named
after "the"** ("the Moss unit", "the Mahoe Ward"), the **town just after an institution** (in
brackets, after a list item's comma, after "in", after "Rehab of"), **counties and parishes** by name,
and "u of X" in a line in lower case.

Rule 12, **an institution's acronym** (since the places6 pass), lives in :mod:`.acronyms`: the engine runs
it over every recognizer's candidates.
"""

from __future__ import annotations

import re

from ..vocabulary import is_common
from ..words import LETTERS, WORD_RE, casing, line_at

# kinds of institution a name ends in, beside "hospital" and "clinic" (places5 pass, 2026-12-07): a
# specialty institute, a heart or care centre, a care home, skilled nursing, "Health and
# Rehabilitation", dental and sleep practices, maternal-fetal medicine, midwifery, a respiratory and
# equipment supplier. Each is how a practice or a facility names itself, not a clinical phrase:
# "referred to sleep medicine" or "needs skilled nursing" have no name before the kind and stay.
KIND_HEADS = (r"(?:cancer|eye|heart|vascular|spine|kidney|diabetes|rehabilitation|rehab|neuroscience|orthopa?edic|"
              r"children'?s|women'?s|research)\s+institute|heart\s+cent(?:er|re)|care\s+cent(?:er|re)|care\s+home|"
              r"skilled\s+nursing|(?:health|nursing)\s+(?:and|&)\s+rehab(?:ilitation)?|rehab(?:ilitation)?\s+institute|"
              r"endodontics|orthodontics|periodontics|prosthodontics|dentistry|"
              r"dental\s+(?:care|group|associates|cent(?:er|re)|arts)|sleep\s+medicine|maternal[\s-]+fetal\s+medicine|"
              r"women'?s\s+care|midwifery|respiratory\s*(?:&|and)\s*(?:dme|medical\s+equipment)|"
              # (places6) a school names a child's place: "Hope High School - Health Office"
              r"(?:high|middle|elementary|primary|junior\s+high)\s+school|"
              # (places8) a group practice and a medical supplier: "Quarrow Group Practice", "Fenmore Medical Supply"
              r"group\s+practice|medical\s+suppl(?:y|ies)|"
              # a practice or a rehab named after its town: "Bright Smiles Dental of Yellow Pine"
              r"(?:dental|rehab)(?=[ \t]+of[ \t]+[A-Za-z])")

# what an institution owns: a department, a service, a care setting written after its code
_DEPARTMENT = (r"emergency|emergnecy|dept|department|pharmacy|outpatient|inpatient|rehab|radiology|imaging|"
               r"laborator(?:y|ies)|lab|pathology|surgery|surgical|l&d|labor|ccu|micu|sicu|icu|nicu|picu|"
               r"tele|telemetry|step-?down|main\s+ed|ed|pacu|intake|behavioral|cardiology|oncology|"
               r"dialysis|clinic|campus|ward|floor|infusion|[a-z]+\s+clinic|"
               # (places11) a laboratory by its kind: "KRH Core Lab", "MVH blood sciences laboratory"
               r"(?:[a-z]+\s+){1,2}lab(?:oratory)?|"
               # (places6) a ward by its floor and wing or tower: "SKMC 7 Tower", "pv 5 west"
               r"\d{1,2}[ \t]*(?:west|east|north|south|tower|wing)")
_CODE = rf"(?P<code>[A-Z]{{2,5}}|[a-z]{{2,5}})"
# 1. a code before a department: at a line start, after two spaces, "- ", or a field's colon
BEFORE_DEPARTMENT_RE = re.compile(
    rf"(?:^|\n|[ \t]{{2,}}|[-–:][ \t]+){_CODE}(?:[ \t]+[-–][ \t]+(?i:adult|child|pediatric|geriatric)\b|"
    rf"[ \t]+(?i:{_DEPARTMENT})(?![\w\-]))")
# 2. a clinician's affiliation: "Dr Rivers (EHH)", "cc: Dr Lester, SBCA", "physician: Little, Emily  (MFP)"
_CLINICIAN = rf"(?i:\bdr\b\.?|\bdoctor\b|physician[ \t]*:)[ \t]*[{LETTERS}'’\-]+(?:,?[ \t]+[{LETTERS}'’\-]+)?"
# (and since the places5 pass, after a slash or a comma when a wide gap or a fax number ends the field:
# "To: Dr. Abdullah / OBMC   Fax: ...", "CC: DR. FOX, UHA  FAX 270-...")
AFFILIATION_RE = re.compile(
    rf"{_CLINICIAN}(?:[ \t]*\([ \t]*{_CODE}[ \t]*\)|(?:,|[ \t]*/)[ \t]*{_CODE.replace('code', 'code2')}"
    r"(?=[ \t]*(?:$|\n|;)|[ \t]{2,}|[ \t]+(?i:fax|tel|ph|phone|pager|pgr)\b))")
# 3. after a field that names a place, or a hand-off
FIELD_RE = re.compile(
    rf"(?i:\b(?:from|to|agency|facility|hospital|site|institution|location)[ \t]*:[ \t]*|"
    rf"\b(?:handoff|hand-off|going|admission|admitted|transfer|transferred|accepted|referred)[ \t]+to[ \t]+)"
    rf"{_CODE}(?![\w\-/&])")
# (places12) an agency label qualified by a word that is no kind of care names that body's agency ("DOT agency:",
# "Federal agency:", "reporting agency:"); "Agency:", "Home health agency:", "Hospice agency:" name a care agency
_QUALIFIED_AGENCY = re.compile(r"\b(?!(?i:health|care|homecare|hospice|nursing|nurse|nurses|vna|home|"
                               r"staffing|referring|placement|provider)\b)[A-Za-z]+ (?i:agency)[ \t]*:[ \t]*$")
# 4. alone on a line among a note's first lines, or ending a title line after a dash ("ED TRIAGE - RRH")
# (and since the places5 pass, the last field of a header line after a bar or a wide gap: "Marsh, Wei |
# H-823-841 | OBMC", "OB TRIAGE NOTE  UHA")
ALONE_RE = re.compile(rf"(?:(?:^|\n)[ \t]*|[ \t][-–|][ \t]+|[^\W\d_][ \t]{{2,}}){_CODE}[ \t]*(?=\n)"
                      # or opening a header line before a dash and a title: "KVH  -  Ophthalmology"
                      # (places12: up to six letters there, "<6-letter code> - ART clinic"; a spaced dash no longer
                      # joins it to the clinic's name)
                      rf"|(?:^|\n)[ \t]*(?P<code2>[A-Z]{{2,6}}|[a-z]{{2,6}})[ \t]+[-–][ \t]+(?=[A-Za-z])")
# credentials, organisations and settings that stand where a code would
NOT_A_CODE = frozenset("""
facc facs facp facog faan phd mph msn dnp fnp aprn anp crnp lpn lcsw lmsw cna ma pgy rd rph pharmd dds dmd
od dpm psyd edd mba jd esq cdc fda nih usa uk us who cms nhs va vna snf ltac ltach alf ecf nh ip pt ot
als hiv aids copd chf cad ckd esrd pna uti dvt pe mi sob cp ha abd ams lol loc etoh
am pm and the for with via see per re cc bcc dob mrn ssn fax tel tele ext ph
frcp frcs frcsed frcr frca frcpath frcpsych frcog frcem frcpch mrcp mrcs mrcgp mrcog mrcpsych mrcpch fracp fracs
franzcog franzcr fanzca facem facrrm fracgp mbbs mbchb frcpc frcsc ccfp fccp
""".split()) | frozenset("""
omfs oms maxfax orl msk srh hpb ugi lgi obgyn neph onc uro ipc epu egau dsu sdec opat ambu gum
""".split())  # (places8) British, Australasian and Canadian credentials ("Dr Liv Powell, FRCP"); (places11) the
# acronyms of specialties and services that name a clinic as a hospital's code would ("OMFS trauma clinic")

STRONG = (r"hospital|medical[ \t]+cent(?:er|re)|health[ \t]+cent(?:er|re)|hospice(?:[ \t]+(?:&|and)[ \t]+palliative[ \t]+care)?|"
          r"home[ \t]+care|home[ \t]+health|urgent[ \t]+care|visiting[ \t]+nurse(?:s)?(?:[ \t]+association)?|vna|"
          r"behavioral[ \t]+health|pediatrics|nursing[ \t]+(?:home|&[ \t]+rehab|and[ \t]+rehab)|dialysis|"
          r"(?:renal|kidney|retina|eye|sleep)[ \t]+(?:associates|consultants)|"
          # (places11) "Furness Infirmary", "Jubilee Mission Medical College" (never "clinic" here: a line opening
          # with "<specialty> clinic" names a service, "CARDIAC DEVICE CLINIC - <hospital>")
          r"infirmary|medical[ \t]+college|"
          # (places12) a polyclinic is an institution's kind, not a service's clinic ("Tampines Polyclinic")
          r"polyclinic|" + KIND_HEADS)
# 5. a named institution opening a line (words, then the head, then the line goes on or ends)
LINE_START_RE = re.compile(
    # (places12) or a field of a header row after a wide gap or a tab ("*** ALERT ***   <name> Community Hospital")
    rf"(?:^|\n|[ \t][-–][ \t]+|[ ]{{3,}}|\t|(?i:agency|from|to)[ \t]*:[ \t]*)"
    rf"(?P<name>(?:[{LETTERS}'’.\-]+[ \t]+){{1,3}}?)(?P<head>(?i:{STRONG}))"
    rf"(?=[ \t]*(?:$|\n|[ \t]{{2}}|\t|[ \t]+[-–][ \t]|[ \t]+(?i:{_DEPARTMENT}|pharmacy|dept)\b|,|\()"
    # (places11) or a unit or department the institution names by its service: "... Infirmary Apheresis Unit"
    rf"|[ \t]+(?:[{LETTERS}]+[ \t]+){{1,2}}(?i:unit|department|dept|service|suite|centre|center)\b)")
# 6. a ward by its building after a move: "to Rich Tower 6", "THEN WINTER UNIT 2", "then Abernathy Unit."
WARD_BUILDING_RE = re.compile(
    rf"(?i:\b(?:to|then|on|at|in|from)[ \t]+)(?P<ward>(?P<name>[{LETTERS}'’\-]{{3,}})[ \t]+"
    rf"(?P<head>(?i:tower|wing|pavilion|building|unit|pod))(?:[ \t]+\d{{1,2}}(?:[ \t]*[A-Za-z](?![\w]))?)?)(?![\w\-])")
# a heading after a head word: "Hospital Course", "HOSPITAL STAY", "hospital day 3"
_NOT_A_NAME_AFTER = re.compile(r"[ \t]*(?i:course|stay|day|admission|acquired|based|bed|policy|follow|records?)\b")
WARD_WORDS = frozenset("""
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
        return casing(line_at(text, start)) == "lower"
    return True


def _header(text: str, start: int, lines: int = 3) -> bool:
    return text.count("\n", 0, start) < lines


# (places7) a row of a log that opens with a time ("17:21  caller: drowsy - KW", "2024-06-01 0932 | fed | DG")
# ends with the initials of who wrote it, not with a hospital's code
TIMED_ROW = re.compile(r"[ \t]*(?:[\[(]?\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{2,4})?[ \t,T]+)?[\[(]?(?:[01]?\d|2[0-3]):?[0-5]\d\b")


def _last_cell_of_timed_row(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return re.match(r"[ \t]*(?:\n|$)", text[end:]) is not None and TIMED_ROW.match(text, line_start) is not None


def institution_codes(text: str, judge, settings: frozenset[str], generic: frozenset[str]) -> list[tuple[int, int, str]]:
    """Codes of institutions by position (rules 1 to 4 of the module docstring)."""
    spans = []
    for rule in (BEFORE_DEPARTMENT_RE, AFFILIATION_RE, FIELD_RE, ALONE_RE):
        for m in rule.finditer(text):
            group = "code" if m.group("code") else "code2"
            code = m.group(group)
            if rule is ALONE_RE and not _header(text, m.start(group)):
                continue  # an acronym alone deep in a note is a heading more often than a letterhead
            if rule in (ALONE_RE, FIELD_RE) and _last_cell_of_timed_row(text, m.start(group), m.end(group)):
                continue
            if rule is FIELD_RE and _QUALIFIED_AGENCY.search(text, max(0, m.start() - 40), m.start(group)):
                continue  # (places12) "DOT agency: FTA": a body's own agency, not a care agency
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
        if not words or _NOT_A_NAME_AFTER.match(text, m.end("head")) or words[0].lower() in NOT_A_CODE:
            continue  # (places11) "OMFS TRAUMA CLINIC": a specialty's clinic, not an institution's name
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
        if low in WARD_WORDS or low in generic or low in not_a_ward:
            continue  # "to the intensive care unit", "on Burn Unit", "in east wing"
        if mixed and not (name[0].isupper() and m.group("head")[0].isupper()):
            continue  # "moved to storage unit": a capitalised building and head, or a note in one case
        spans.append((m.start("ward"), m.end("ward"), "LOCATION"))
    return spans


# -- places5 pass (2026-12-07): health systems, wards named after someone, the town of an institution ----
# 7. a health system by its code: "UC Health", "UW HEALTH", "ub health" (a line in lower case), not
# "good health", "US health care", "mental health"
HEALTH_SYSTEM_RE = re.compile(r"(?<![\w\-/&])(?P<code>[A-Z]{2,4}|[a-z]{2})[ \t]+(?i:health)(?![\w\-])"
                              r"(?![ \t]+(?i:care|insurance|plan|policy|status|record|history|maintenance|literacy|"
                              r"problems?|issues?|concerns?|questions?|education|screening|promotion|visit|aide)\b)")
_NOT_A_SYSTEM = frozenset("up oh ok".split())
_NOT_A_LOWER_SYSTEM = frozenset("um uh us".split())  # "um", "us" as words; "UM Health", "US HEALTH" are systems
# 8. a ward named after someone or something after "the": "(rm 553, the Mahoe Ward)", "Unit: the Moss
# unit", "going to the gallagher unit", "the fox pavilion"; not "the intensive care unit", "the Burn Unit"
WARD_THE_RE = re.compile(
    rf"(?i:\bthe[ \t]+)(?P<ward>(?P<name>[{LETTERS}'’\-]{{2,}}(?:[ \t]+[{LETTERS}'’\-]{{2,}})?)[ \t]+"
    rf"(?P<head>(?i:unit|ward|pavilion|wing|tower|building)))(?![\w\-])")
# 9. the town of an institution just after its name: "Prior admit TCH (Providence Forge)", "Brightwater
# Rehab, Franklin County - accepted", "born at X Women's Hospital in Tuckahoe on DOL 1"
_TOWN_WORDS = rf"[{LETTERS}][{LETTERS}'’.\-]*(?:[ \t]+[{LETTERS}][{LETTERS}'’.\-]*){{0,2}}"
TOWN_AFTER_RE = re.compile(rf"[ \t]*\([ \t]*(?P<b>{_TOWN_WORDS})[ \t]*\)"
                           rf"|,[ \t]*(?P<c>{_TOWN_WORDS})(?=[ \t]+[-–][ \t]|[ \t]*\.?[ \t]*(?:$|\n))"
                           rf"|[ \t]+(?i:in)[ \t]+(?P<i>{_TOWN_WORDS})(?=[ \t]*(?:$|\n|[.,;(]|[ \t]+(?i:on|at|for|with|and)\b))"
                           rf"|[ \t]+(?i:of)[ \t]+(?P<o>{_TOWN_WORDS})(?=[ \t]*(?:$|\n|[.,;(]|[ \t][-–][ \t]))")
_COUNTY = re.compile(r"(?i:.*\b(?:county|co\.?|parish|township|twp\.?))$")


def health_systems(text: str, judge, settings: frozenset[str]) -> list[tuple[int, int, str]]:
    """Rule 7: a 2-4 letter code before "Health" that is no word, or a university's ("U" first)."""
    spans = []
    for m in HEALTH_SYSTEM_RE.finditer(text):
        code = m.group("code")
        low = code.lower()
        university = code[0] == "U" and len(code) <= 3  # "US HEALTH" is no ultrasound
        if low in _NOT_A_SYSTEM or (code.islower() and low in _NOT_A_LOWER_SYSTEM) or (low in settings and not university) or (
                low in NOT_A_CODE and low not in _NOT_A_LOWER_SYSTEM):
            continue
        if code.islower() and not _code_ok(code, text, m.start(), judge, settings, frozenset()):
            continue
        if judge.status(code) != "safe" or (code[0] in "Uu" and len(code) <= 3):
            spans.append((m.start(), m.end(), "LOCATION"))
    return spans


def _ward_named(m: re.Match, text: str, judge, excluded: frozenset[str]) -> bool:
    words = m.group("name").split()
    if any(w.lower() in excluded or w.lower() in WARD_WORDS for w in words):
        return False
    head = m.group("head")
    mixed = casing(line_at(text, m.start())) == "mixed"
    if mixed and not all(w[0].isupper() for w in words):
        return False  # "the storage unit", "the new wing" in a sentence: no capitals, no name
    if any(judge.status(w) != "safe" for w in words):
        return True  # a surname or an unknown word: "Moss", "gallagher", "xu"
    # a dictionary word names a ward when written as a name ("the Mahoe Ward") or before "pavilion"
    return head.lower() == "pavilion" or (mixed and head[0].isupper() and not any(is_common(w) for w in words))


# 8b. (places7) a ward named after someone or something without "the", as British, Irish and Australasian
# hospitals name theirs: "To: Nightingale Ward", "Facility: Rowan Ward", "LABORATORY REQUISITION   Kestrel
# Ward", "NIGHTINGALE WARD": one or two words and "Ward" (never "Medical Ward", "Ward 7A", "to ward")
WARD_NAMED_RE = re.compile(
    rf"(?<![\w'’\-])(?P<ward>(?P<name>[{LETTERS}'’\-]{{3,}}(?:[ \t]+[{LETTERS}'’\-]{{3,}})?)[ \t]+(?P<head>(?i:ward)))"
    r"(?![\w\-]|[ \t]+\d)")
_PERSON_CUE = re.compile(r"(?i:\b(?:re|patient|pt|name|dear|mr|mrs|ms|miss|mx|dr|sr|nurse|rn)\b\.?:?[ \t]*)$")
_NOT_A_WARD_NAME = frozenset("children's womens women's mens men's general private day side single open main this that "
                             "each every any other same another back from into onto mother father grandmother grandfather "
                             "sister brother son daughter wife husband partner aunt uncle fob mob friend".split())


def wards_after_the(text: str, judge, excluded: frozenset[str]) -> list[tuple[int, int, str]]:
    """Rules 8 and 8b."""
    spans = [(m.start("ward"), m.end("ward"), "LOCATION") for m in WARD_THE_RE.finditer(text)
             if _ward_named(m, text, judge, excluded)]
    for m in WARD_NAMED_RE.finditer(text):
        words = m.group("name").split()
        if any(w.lower() in _NOT_A_WARD_NAME or w.lower() in _NOT_A_COUNTY_NAME for w in words):
            continue
        if _PERSON_CUE.search(text, max(0, m.start() - 12), m.start()) or words[0].capitalize() in judge.lexicon.first:
            continue  # "Re: Ashley Ward", "BRANDON WARD": a person whose surname is Ward
        if _ward_named(m, text, judge, excluded):
            spans.append((m.start("ward"), m.end("ward"), "LOCATION"))
    return spans


def towns_after_institutions(text: str, found: list[tuple[int, int, str]], judge, stop: frozenset[str],
                             place_shaped: re.Pattern | None = None) -> list[tuple[int, int, str]]:
    """Rule 9: the town in brackets, after a comma ending a list item or after "in", just after an
    institution found by the other rules, when it reads as a place: a county, capitalised words in a
    mixed-case note, or a word that is not safe vocabulary in a note in one case; (places10) or words
    ``place_shaped`` calls a town's ("Mount Kerrigan", "rose valley", "BUNYIP CREEK") in any casing."""
    spans = []
    for _, end, kind in found:
        m = TOWN_AFTER_RE.match(text, end) if kind == "LOCATION" else None
        if m is None:
            continue
        g = next(g for g in ("b", "c", "i", "o") if m.group(g))
        town = m.group(g)
        words = [w.group() for w in WORD_RE.finditer(town)]
        if not words or words[0].lower() in stop or any(w.lower() in stop for w in words[-1:]):
            continue
        mixed = casing(line_at(text, m.start(g))) == "mixed"
        if _COUNTY.match(town) or (place_shaped is not None and place_shaped.fullmatch(town.rstrip("."))):
            ok = True
        elif mixed:
            ok = all(w[0].isupper() and not w.isupper() for w in words) and not any(is_common(w) for w in words)
        else:  # a word that is not clinical vocabulary ("IN TUCKAHOE ON DOL 1"; not "in stable condition")
            ok = any(judge.status(w) != "safe" or w.lower() not in judge.core for w in words) and not any(
                is_common(w) for w in words)
        if ok:
            spans.append((m.start(g), m.end(g), "LOCATION"))
    return spans


# 10. a county or a parish by its name, in any casing: "near Apache County", "LIVES IN MORA COUNTY",
# "(beltrami co)", "Brightwater Rehab, Door county - reviewing"; not "the county", "a neighboring county"
COUNTY_RE = re.compile(rf"(?<![\w\-])(?P<name>[{LETTERS}][{LETTERS}'’\-]+(?:[ \t]+[{LETTERS}][{LETTERS}'’\-]+)?)[ \t]+"
                       r"(?P<kind>(?i:county|parish|co\.?(?=[ \t]*(?:$|\n|[),;]|[ \t][-–][ \t]))))(?![\w\-])")
_NOT_A_COUNTY_NAME = frozenset("""
home neighboring neighbouring adjacent nearby surrounding local rural urban suburban same another other every each
which what whose this that these those their his her our your its my per by any one two several many the a an of in
from to at near for with and or outside inside within across whole entire large small our county state city
""".split())
_TRADES = frozenset("""freight chemical chemicals manufacturing insurance trucking construction products supply supplies
steel mining oil gas electric lumber paper motor motors trading shipping transport packing printing""".split())
# 11. a university in lower case: "cc: dr. attakai, u of ironwood", "prior admit u of copper gap",
# "university of bayou sorrel medical center"
LOWER_UNIVERSITY_OF_RE = re.compile(rf"\b(?P<v>(?:u|univ\.?|university)[ \t]+of[ \t]+(?P<place>[a-z][a-z'\-]+"
                                    r"(?:[ \t](?!(?:fax|tel|phone|ph|for|re|and|on|in|at|to|from|the)\b)[a-z][a-z'\-]+)?))")
_YOU_BEFORE = re.compile(r"(?i:\b(?:thank|thanks|can|could|will|would|if|do|did|see|love|tell|ask|are)[ \t]+)$")


def counties(text: str, judge) -> list[tuple[int, int, str]]:
    """Rule 10: the name before "County", "Parish" or "Co." (a county's name is PHI: smaller than a state)."""
    spans = []
    for m in COUNTY_RE.finditer(text):
        words = []
        name = re.split(r"[ \t]{2,}", m.group("name"))[-1]  # "COUNTY JAIL MEDICAL  Calloway County": a gap ends it
        for w in reversed(name.split()):  # the name is the words next to "county"
            if w.lower() in _NOT_A_COUNTY_NAME:
                break  # "REFERRAL TO COUNTY", "a neighboring county"
            words.insert(0, w)
        if not words or (len(m.group("kind")) <= 3 and any(w.lower() in _TRADES for w in words)):
            continue  # "regional freight co.": a company
        start = m.start("name") + len(m.group("name")) - len(name) + name.index(words[0])
        mixed = casing(line_at(text, m.start())) == "mixed"
        if mixed and not all(w[0].isupper() for w in words):
            continue  # "the next county", "a rural co." in a sentence
        if m.group("kind").lower().startswith("co") and len(m.group("kind")) <= 3 and (
                mixed or not any(judge.status(w) != "safe" for w in words)):
            continue  # "Sigma Chemical Co.": a company in prose; "(beltrami co)" in a note in one case
        spans.append((start, m.end("kind"), "LOCATION"))
    return spans


_NUMBER_BEFORE = re.compile(r"\d[ \t]*$")
_NAME_END = re.compile(r"[ \t]*(?:$|\n|[(),;.]|[ \t]{2})")  # "u of copper gap (lusk)": the name ends there


def lower_universities(text: str, generic: frozenset[str], judge) -> list[tuple[int, int, str]]:
    """Rule 11, in a line written in lower case; not "2.3 u of homologous blood" (units), and a second
    word only when it is no ordinary word ("university of michigan over the past")."""
    spans = []
    for m in LOWER_UNIVERSITY_OF_RE.finditer(text):
        words = m.group("place").split()
        if (casing(line_at(text, m.start())) != "lower" or words[0] in generic
                or _YOU_BEFORE.search(text, max(0, m.start() - 12), m.start())
                or (m.group("v")[:2] == "u " and _NUMBER_BEFORE.search(text, max(0, m.start() - 8), m.start()))):
            continue
        whole = len(words) == 1 or judge.status(words[1]) != "safe" or _NAME_END.match(text, m.end("v")) is not None
        end = m.end("v") if whole else m.start("place") + len(words[0])
        spans.append((m.start("v"), end, "LOCATION"))
    return spans


# -- places8 pass (2026-12-07): a general hospital by its code -------------------------------------
# 13. "General Hospital" is written "GH" after the initials of its town or name in every English-speaking
# country ("MGH", "SFGH", "TKGH (ref)", "ADM 10/10/96  TQGH  ATT: X", "suite 3, dvgh"): one to three letters and
# "GH", in capitals anywhere or in a line in lower case, when it is no word ("HIGH", "THIGH", "COUGH"), no name
# ("SINGH", "PUGH") and no growth hormone ("HGH", "rhGH")
GENERAL_HOSPITAL_CODE_RE = re.compile(r"(?<![\w\-/])(?P<code>[A-Z]{1,3}GH|[a-z]{1,3}gh)(?![\w\-/])")
_GROWTH_HORMONE = frozenset("hgh rhgh rbgh".split())


def general_hospital_codes(text: str, judge) -> list[tuple[int, int, str]]:
    """Rule 13."""
    spans = []
    for m in GENERAL_HOSPITAL_CODE_RE.finditer(text):
        code = m.group("code")
        if code.lower() in _GROWTH_HORMONE or judge.status(code) in ("safe", "nameword", "name"):
            continue
        if code.islower() and casing(line_at(text, m.start())) != "lower":
            continue
        spans.append((m.start(), m.end(), "LOCATION"))
    return spans


# 14. (places8) a unit or a wing named after someone or a place where a site is named: after "site", a field's
# colon, "at / to / from", a comma or a dash ("site Mallee Springs Unit", "To: Redwater Unit (renal unit)",
# "CUSTODIAN OF RECORDS, PUNE UNIT", "at Marsh End Unit", "site abramowitz wing" in lower case); never a kind of
# ward ("Acute Stroke Unit", "Renal Unit"), a specialty ("Endoscopy Unit", "Bariatric Unit") or clinical words
NAMED_UNIT_RE = re.compile(
    rf"(?:(?i:\b(?:site|location|to|at|from)[ \t]*:?[ \t]+)|,[ \t]+|[ \t][-–][ \t]+)"
    r"(?!(?i:then|and|or|the|to|at|from|on|in|into|onto|with|via|our|his|her|their|this|that|each|every)\b)"
    rf"(?P<ward>(?P<name>[{LETTERS}'’\-]{{3,}}(?:[ \t]+[{LETTERS}'’\-]{{3,}})?)[ \t]+(?P<head>(?i:wing|unit)))(?![\w\-]|[ \t]+\d)")
CLINICAL_SHAPE = re.compile(r"[a-z]+(?:al|ic|ar|ary|ive|ous|ology|iatric|ics|ing|ed)")


def named_units(text: str, judge, excluded: frozenset[str]) -> list[tuple[int, int, str]]:
    """Rule 14."""
    spans = []
    for m in NAMED_UNIT_RE.finditer(text):
        words = m.group("name").split()
        low = [w.lower() for w in words]
        if any(w in WARD_WORDS or w in excluded or CLINICAL_SHAPE.fullmatch(w) for w in low) \
                or all(w in judge.core for w in low):
            continue
        if casing(line_at(text, m.start("ward"))) == "mixed":
            capitalised = all(w[0].isupper() for w in words) and m.group("head")[0].isupper()
            unknown = m.group("ward").islower() and any(judge.status(w) not in ("safe", "nameword") for w in words)
            if not (capitalised or unknown):
                continue  # "to storage unit" in a sentence; "fairview unit" is no word
        spans.append((m.start("ward"), m.end("ward"), "LOCATION"))
    return spans


# 15. (places9) a unit, ward or suite named after someone or a place where a location is a field of its own: a
# table's cell ("| Tiago Unit | ready |"), a calendar's location ("LOCATION:Nowak Unit"), a visit ("visited Khoury
# Unit 2-3pm"), a bed's unit after a wide gap ("7309130  marrowdale unit, bed 12"); not a service's unit ("| Stroke
# Unit |", "| Theatre Suite |")
FIELD_UNIT_RE = re.compile(
    rf"(?:\|[ \t]*|(?i:\blocation[ \t]*:)[ \t]*|(?i:\bvisited)[ \t]+|(?P<gap>[ \t]{{2,}}))"
    rf"(?P<ward>(?P<name>[{LETTERS}'’\-]{{3,}}(?:[ \t]+[{LETTERS}'’\-]{{3,}})?)[ \t]+(?i:unit|ward|suite))(?![\w\-])"
    r"(?P<bed>,?[ \t]*(?i:bed)\b)?")
SERVICE_ROOMS = frozenset("theatre theatres theater respite quiet bariatric endoscopy procedure treatment admission "
                           "admissions assessment ambulatory outpatient inpatient escalation overflow bridging".split())


def units_in_fields(text: str, judge, excluded: frozenset[str]) -> list[tuple[int, int, str]]:
    """Rule 15."""
    spans = []
    for m in FIELD_UNIT_RE.finditer(text):
        if m.group("gap") and not m.group("bed"):
            continue  # a wide gap is a field's edge only before the bed it names
        words = m.group("name").split()
        low = [w.lower() for w in words]
        if any(w in WARD_WORDS or w in excluded or w in SERVICE_ROOMS or CLINICAL_SHAPE.fullmatch(w) for w in low) \
                or all(w in judge.core for w in low):
            continue
        if casing(line_at(text, m.start("ward"))) == "mixed" and not all(w[0].isupper() for w in words):
            continue  # "| storage unit |" in a sentence-cased table
        spans.append((m.start("ward"), m.end("ward"), "LOCATION"))
    return spans

"""Hospitals, wards, towns and other places smaller than a state, in any casing: a place name
before a hospital word ("Lowell General Hospital", "TYLER MEDICAL CENTER"), "St. X's",
"University of X", "U Mass", and a short hospital code after "from / at / transferred to"
("from SMH").
"""

from __future__ import annotations

import re

from ..vocabulary import COMMON_WORDS, Lexicon, is_common
from ..patterns import LO, UP
from ..words import LETTERS, WORD_RE, casing, line_at
from . import recognizer
from .institutions import (WARD_WORDS, KIND_HEADS, NOT_A_CODE, counties, general_hospital_codes, health_systems, institution_codes,
                           institution_names, lower_universities, named_units, towns_after_institutions, units_in_fields,
                           wards_after_the)
from .service_titles import service_title
from .sites import named_sites
from .tokens import eponym, judge_for

STRONG_HEADS = (r"hospitals?|medical\s+cent(?:er|re)|med\.?\s+ctr|health\s+cent(?:er|re)|(?:poly)?clinic|infirmary|"
                r"nursing\s+home|rehab(?:ilitation)?\s+(?:cent(?:er|re)|hospital|facility)|skilled\s+nursing\s+facility|"
                r"snf|healthcare|health\s+system|medical\s+group|cancer\s+cent(?:er|re)|heart\s+institute|"
                r"assisted\s+living(?:\s+facility)?|nursing\s+(?:and|&)\s+rehab(?:ilitation)?(?:\s+cent(?:er|re))?|"
                r"senior\s+living|retirement\s+(?:home|community)|kidney\s+cent(?:er|re)|dialysis\s+cent(?:er|re)|"
                # since 2026-12-07 (hosp4): kinds of care a writer names an institution by
                r"hospice|behavioral\s+health|urgent\s+care|home\s+care|visiting\s+nurses?\s+association|pediatrics|"
                # (places6) a veterans' hospital, and how Australian, NZ and Canadian services name themselves
                r"vamc|va\s+medical\s+cent(?:er|re)|(?:district\s+)?health\s+service|aboriginal\s+medical\s+service|"
                r"family\s+health\s+team|"
                # since the places5 pass: the kinds of institution (institutes, dental and sleep practices, care homes)
                + KIND_HEADS)
# (places5 pass) and the residences a patient returns to or is placed in: "Sunrise Terrace", "Golden Years
# Lodge", "Lakeview Villa", "Maple Crest Living": named only after a place preposition or opening a list item
WEAK_HEADS = (r"medical|memorial|union|general|regional|manor|house|center|centre|hosp|terrace|lodge|villa|living|gardens|"
              # (places13) a family practice named as its kind ("<name> Family Health", as "Family Health Team")
              r"family\s+health|children['’]s")  # (places6) "seen at Harkness Children's", "from wood children's"
RESIDENCES = frozenset("terrace lodge villa living gardens".split())
_TO_AT_FROM = re.compile(r"(?i:\b(?:to|at|from)[ \t]+)$")
# (places6) the value of a field that names a place: "Facility: Driftwood VA Medical Center"
# (places8) and the fields a pharmacy, a supplier or a practice is named in, a site named without a colon in a header
# ("Pharmacy: holy cross hospital", "Supplier: Quill Medical Supply", "site Fenmore Unit"), and the addressee of a
# records request ("To: Records Dept, Quarrow Medical Centre", "TO: CUSTODIAN OF RECORDS, FENMORE UNIT")
# (places13) "Facility" is such a label without its colon too, as "site" ("ABSTRACT   Facility <name> Regional")
_PLACE_FIELD = re.compile(r"(?i:\b(?:(?:facility|hospital|site|institution|agency|location|pharmacy|supplier|vendor|practice)"
                          r"[ \t]*:|site|facility|(?:records[ \t]+(?:dept|department)|custodian[ \t]+of[ \t]+records)[ \t]*,)[ \t]*)$")
HEAD_RE = re.compile(rf"(?i:\b(?:{STRONG_HEADS})\b|\b(?P<weak>{WEAK_HEADS})\b)")
# words that end a hospital's name going backwards ("transferred from [Lowell General]")
BOUNDARY = frozenset("""
outside the this that a an our his her their its another other previous prior any each to from at in of and or
admit admitted readmitted
by for with same different referring transferring accepting receiving was is were dispo
on onto into about via than as between within without under over after before during per
consult consults consulted
two three four five six seven eight nine ten twelve several many multiple both few various numerous some all most
""".split())
# descriptive words: part of a name, but not specific on their own ("the community hospital")
DESCRIPTIVE = frozenset("""
community general county state local city regional memorial childrens children's teaching va veterans
psychiatric rehab rehabilitation acute chronic private public nursing new old home main united university
medical surgical day night mental health care skilled long term short heart cancer eye women's womens women
army navy naval military district field psych specialty orthopedic orthopaedic pediatric maternity tertiary
quaternary academic affiliated small large big rural urban nearby outside sister satellite referral
independent daily supported residential group healthy everyday
cardiology neurology oncology pulmonary pulmonology urology nephrology dermatology rheumatology endocrinology
gastroenterology hematology surgery surgical pediatrics pediatric orthopedics psychiatry radiology podiatry
otolaryngology ophthalmology gynecology gynaecology obstetrics allergy immunology hepatology audiology infectious
geriatrics thoracic vascular neurosurgery anesthesia anaesthesia pain wound opat anticoagulation
""".split())
# care settings that a patient comes from or goes to, never a hospital's code ("FROM ED", "from nh")
SETTINGS = frozenset("""
ed er or pacu icu micu sicu ccu cvicu csru nicu picu tsicu nsicu cvu hd ir ct mri us cath ep lab nh snf osh
ltac ltach ecf alf ltc vna ems home rehab floor clinic ward unit pcu tcu sdu imcu tele opd pcp md np ob gyn
am pm him her them us bed pt ot st the his a an icu's holding step pacs renal cards neuro gi onc heme surg
med ortho uro ent pulm id endo derm eye sw slp rt nsg case pharm xray cxr echo dept
scene work school jail prison church outside street office triage waiting lobby nursing car
lcs lis peg ngt ogt gt jt gravity suction
ip dr drs po
rn rns lpn cna emt medic crna pa
dest ws mfr mfg approx apprx
hdu itu amu mau sau cdu eau gp gps ooh
""".split())
# (places8) the last line: British wards by their kind (high dependency, intensive therapy, acute medical, surgical
# assessment, clinical decision units) and the general practitioner ("needs tx to HDU", "copy to GP Dr X")
# (places6 pass) the two lines before it: whom care is handed to ("TRANSFERRED CARE TO RN SUZUKI"), and EMS and
# device words a place cue stands before ("AT DEST 19:39", "PRINTED FROM WS 10.30.37.187", "RETURNED TO
# MFR", "AT APPROX 2034"): a destination, a workstation, a manufacturer, a time; never a hospital's code
# "CAN U CALL ME", "thank u so much": "u" for "you" in a message, not a university
_YOU_BEFORE = re.compile(r"(?i:\b(?:can|could|will|would|if|do|did|thank|thanks|see|love|tell|ask|are|when|have|let|"
                         r"did|should|may|might|help|need|want)[ \t]+)$")
# the line says the patient or the records came from or went to somewhere
TRANSFER_RE = re.compile(r"(?i:\b(?:admit(?:ted)?|transfer(?:red)?|trans|xfer(?:red)?|records?|recs|chart|faxed|sent|"
                         r"seen|followed|stents?|outside|osh|d/c'?d|discharged|came|arrived|bib[a]?)\b)")
PLACE_PREPOSITION = re.compile(r"(?i:\b(?:at|from|to|in)[ \t]+)$")
# a list item's bullet before a name that is not clinical words ("- Golden Years Lodge, ..."; not "- Wound clinic")
BULLET = re.compile(r"(?:^|\n)[ \t]*[-*•][ \t]*$")
GENERIC = BOUNDARY | DESCRIPTIVE
# (places11) never the herb or the eponymous conditions named after a saint ("St John's wort stopped", "St
# Anthony's fire", "St Vitus's dance")
SAINT_RE = re.compile(rf"\b(?i:st|saint)\.?[ \t]+[{LETTERS}]+['’](?i:s)\b(?![ \t]+(?i:wort|fire|dance)\b)"
                      rf"(?:[ \t]+(?i:{STRONG_HEADS}))?")
# a hospital or a town named "Mount X" after a place cue, in any casing: "followed at Mt Auburn",
# "tx back to mt auburn", "PER MT AUBURN RECORDS"
MOUNT_RE = re.compile(rf"\b(?i:at|to|from|per|in|near)[ \t]+(?P<v>(?i:mt|mount)\.?[ \t]+(?P<place>[{LETTERS}]{{3,}}))\b")
UNIVERSITY_RE = re.compile(
    rf"\b(?:(?i:university|univ)\.?|U)[ \t]+(?i:of[ \t]+)?(?P<place>[{LETTERS}]+(?:[ \t]+[{LETTERS}]+)?)"
    rf"(?:[ \t]+(?i:{STRONG_HEADS}|{WEAK_HEADS}))?")
CODE_CUE_RE = re.compile(
    r"(?i:\b(?:from|at|to|osh|transferred\s+(?:from|to)|transfer\s+(?:from|to)|records\s+from|recs\s+from|"
    r"admitted\s+to|sent\s+to|seen\s+at|followed\s+at|discharged\s+to|d/c'?d\s+to|via|"
    # (probe14p) the short forms of a transfer in notes of many countries: "tx to RPAH", "trf to RNSH", "d/c to
    # UCH", "referred from AIIMS", "ex KEM" (Australian and British "came from")
    r"(?P<moved>tx|trf|txf|xfer|transf|d/c|referred|ref'?d)\s+(?:to|from)|(?P<ex>ex)|"
    r"(?:prior|recent|previous|last)\s+admit(?:ted|ssion)?(?:\s+(?:to|at))?)[ \t]+)"
    rf"(?P<code>[{UP}]{{2,5}}|[a-z]{{2,5}})(?![\w\-/])")
# whose records a line quotes: "PER MGH RECORDS", "per lgh notes", "per Baystate d/c summary"
RECORDS_OF_RE = re.compile(rf"(?i:\bper[ \t]+)(?P<code>[{UP}]{{2,5}}|[a-z]{{2,5}}|[{UP}][{LO}]{{3,}})"
                           r"(?=[ \t]+(?i:records?|recs|chart|notes?|d/c[ \t]+summary|discharge[ \t]+summary)\b)")
NOT_RECORDS_OF = frozenset("rn rns md mds np pa team prior last their our your my nurse dr drs pt's ems vna".split())
# a town whose name starts with a place word or ends with a landform, after "from / in / to / near / at
# the", in any casing: "FLYING IN FROM NEW HAVEN", "LIVES WITH SON IN NORTH JUNE", "lives in St.
# Johnsbury", "moved from Haverhill to Turners Falls", "performed at the Jamaica Plain imaging center"
PLACE_PREFIX = r"north|south|east|west|new|saint|st\.|port|fort|mount|mt\.|lake|glen|san|santa|upper|lower|great|little"
PLACE_SUFFIX = r"falls|junction|springs|heights|harbou?r|plains?|village|beach|hills|crossing|landing|bluffs?"
# (places8) and the landforms that end the towns of every dev set's writers (sets 1 to 6 hold "Kettle Creek",
# "Council Grove", "Tawa Flat", "Marrow Point", "Cedar Hollow", "Sturgeon Bay", "Moose Fork", "Grace City"): a
# second word that is such a landform after a place cue or alone in brackets ("Tupou Medical Supply (Quarry Hill)")
TOWN_SUFFIX = (PLACE_SUFFIX + r"|creek|ridge|hill|point|flats?|grove|gap|bay|lake|hollow|park|bend|mesa|forge|mills|"
               r"river|commons|fork|narrows|cove|valley|brook|city|"
               # (places10) and the English, Australian and New Zealand ones ("Wattle Downs", "Elm Vale")
               r"downs|vale|wells|heath")
# (places10) the landforms that also end clinical or everyday phrases ("trigger point", "anion gap", "recent falls",
# "car park", "sick bay"): before these only, words that are all common vocabulary are no town ("Hope Cove" is one)
_CLINICAL_LANDFORMS = frozenset("falls gap point fork junction hill hills park bay lake bend city village flats flat "
                                "plain plains wells".split())
# (places10) "rugby U15 vs Stony Point": the other team's town after "vs"
_TOWN_CUE = r"(?:(?i:\b(?:from|in|to|near|at[ \t]+the|vs\.?|versus))[ \t]+|\([ \t]*)"
TOWN_SHAPE_RE = re.compile(
    rf"{_TOWN_CUE}(?:(?P<prefix>(?i:{PLACE_PREFIX}))(?!\w)[ \t]*(?<=[ \t.])(?P<rest>[{LETTERS}]{{3,}})\b"
    rf"|(?P<named>[{UP}][{LETTERS}'\-]+(?:[ \t]+[{UP}][{LETTERS}'\-]+)?)[ \t]+(?P<suffix>(?i:{TOWN_SUFFIX}))\b)")
# the same in a line in lower case: "moved from lynn to turners falls", "lives in jamaica plain"
LOWER_TOWN_SHAPE_RE = re.compile(
    rf"(?:\b(?:from|in|to|near|at[ \t]+the|vs\.?|versus)[ \t]+|\([ \t]*)(?P<named>[a-z][a-z'\-]+(?:[ \t]+[a-z][a-z'\-]+)?)[ \t]+"
    rf"(?P<suffix>{TOWN_SUFFIX})\b")
# (places10) a town's whole name by its shape: "Mount X", "North X", "X Creek", "X Valley"
PLACE_SHAPED_RE = re.compile(rf"(?i:(?:{PLACE_PREFIX})[ \t]*[{LETTERS}'\-]{{3,}}|[{LETTERS}'\-]+(?:[ \t]+[{LETTERS}'\-]+)?"
                             rf"[ \t]+(?:{TOWN_SUFFIX}))")
# (places10) after a comma, ending its line or sentence, in any casing: "M: fall from horse, Copper Ridge"
COMMA_TOWN_SHAPE_RE = re.compile(
    rf",[ \t]*(?P<named>[{LETTERS}][{LETTERS}'\-]+(?:[ \t]+[{LETTERS}][{LETTERS}'\-]+)?)[ \t]+(?P<suffix>(?i:{TOWN_SUFFIX}))"
    r"(?=[ \t]*(?:$|\n|\.(?:\s|$)))")
# "ureterocolonic junction", "epithelial-stromal junction": an anatomical adjective, not a town
_ADJECTIVE = re.compile(r".*-.*|.*(?:al|ic|ar|ary|ous|eal|ine|ed|ing)")
# "in east wing", "from new onset", "to south side": a part of a building or a clinical phrase
NOT_A_TOWN_REST = frozenset("""wing side end entrance lobby building campus tower unit floor onset york jersey hampshire mexico
zealand england guinea wales ireland asia asian asians africa african africans america american americans europe
european europeans korea korean carolina dakota delhi""".split())
# a ward named by a building and its floor, whatever the word: "Tower 4 West", "GRAY 21" after a
# bed or a stay ("during her stay on Gray 13", "re: bed, pt to Tower 9 West")
WARD_WING_RE = re.compile(rf"\b(?P<ward>[{UP}][{LETTERS}]{{2,}}[ \t]+\d{{1,2}}[ \t]+(?i:west|east|north|south)|"
                          rf"[{UP}][{LO}]{{2,}}[ \t]+\d{{1,2}}[ \t]+(?:West|East|North|South))\b")
# the same in a line written in one case, and a ward after the service in a header: "service: surgery, chapman 6"
WARD_WING_ANY_RE = re.compile(rf"\b(?P<ward>[{LETTERS}]{{3,}}[ \t]+\d{{1,2}}[ \t]+(?i:west|east|north|south))\b"
                              rf"|(?i:\bservice[ \t]*:[ \t]*[a-z /&]{{3,30}},[ \t]*)(?P<svc>[{LETTERS}]{{3,}}[ \t]+\d{{1,2}}"
                              rf"(?:[ \t]+(?i:west|east|north|south))?)(?=[ \t]*(?:$|\n|[,;]))")
# a university hospital in a line in lower case: "to the ed at u conn", "records from u mass"
LOWER_UNIVERSITY_RE = re.compile(rf"\b(?:at|from|to)[ \t]+(?P<v>u[ \t]+[a-z]{{3,}})\b")
WARD_STAY_RE = re.compile(rf"(?i:\b(?:stay\s+on|pt\s+to|patient\s+to|bed\s+(?:on|to)|transferred\s+to|moved\s+to|"
                          rf"transfer\s+to|admitted\s+to|back\s+to)[ \t]+)(?P<ward>[{LETTERS}]{{3,}}[ \t]+\d{{1,2}})(?![\w:/%]|\.\d)")
NOT_A_WARD = frozenset("""
level grade stage day days week weeks type class step phase room rm bed beds floor unit number dose page chapter
table figure bay cycle lead leads year years hour hours min minutes times units point points score version
route rte hwy highway interstate exit mile
""".split())
# "university hospitals", "UNIVERSITY MEDICAL STUDENTS": what follows is the kind, not a place
NOT_A_UNIVERSITY_NAME = frozenset("""
hospital hospitals medical health center centre centers college colleges school schools press campus faculty department
dept clinic clinics student students graduate graduates professor professors program programs setting settings level
""".split())
UP_TO = re.compile(r"(?i:\bup[ \t]+to[ \t]+)$")
# a ward or a building with its floor: "transferred to Finard 4", "ON ELLISON 12"
WARD_RE = re.compile(rf"(?i:\b(?:to|on|from|in)[ \t]+)(?P<ward>[{LETTERS}]{{3,}})[ \t]+\d{{1,2}}(?![\w.:/%])")
# a ward named before the word "unit" or "ward", or in brackets after "floor": "performed in the Huhn 9
# unit", "HUHN 9 WARD", "c/o to floor (amble 10)"
WARD_UNIT_RE = re.compile(rf"\b(?P<ward>[{LETTERS}]{{3,}})[ \t]+\d{{1,2}}(?=[ \t]+(?i:unit|ward|pod)\b)"
                          rf"|(?i:\bfloor[ \t]*\([ \t]*)(?P<inner>[{LETTERS}]{{3,}})[ \t]+\d{{1,2}}(?=[ \t]*\))")
# a capitalised place after "from / in / near" in a mixed-case sentence: "Pt from Flagstaff"
# (places12: a word stuck to capitals is a formula, not a town: "in NaCl 0.9%")
FROM_PLACE_RE = re.compile(rf"\b(?:from|in|near)[ \t]+(?P<place>[{UP}][{LO}]+(?:[ \t]+[{UP}][{LO}]+)?)(?!\w)")
# where one lives that is not a town: "lives in an apartment", "lives in assisted living"
LIVING = frozenset("""
apartment apt condo condominium trailer shelter facility building housing community town city country
state area place room basement car tent streets street hotel motel group assisted senior independent
elderly low income section same different another own w with and her his their its my your our close near
""".split())
TOWN_CUE_RE = re.compile(
    r"(?i:\b(?:(?:pt|patient|she|he)\s+(?:is\s+)?(?:originally\s+)?from|lives\s+in|living\s+in|resides\s+in|resident\s+of|native\s+of|moved\s+(?:to|from)|home\s+in|"
    # (places5 pass) "parents live in", "lives out in", "flying in from", "pt located at home in"
    r"live\s+in|lives?\s+out\s+in|located\s+at\s+home\s+in|(?:flying|flew|flown|driving|drove)\s+(?:in\s+|up\s+|down\s+)?from|"
    r"born\s+in|from\s+the\s+town\s+of|grew\s+up\s+in|house\s+in|called\s+from|(?:biba|bib|bibems|arrived|"
    r"transported|driven)\s+from|(?:yo|y/o|years?\s+old),\s+from|"
    r"lives\s+(?:w/|with)\s+(?:her\s+|his\s+)?(?:son|daughter|husband|wife|sister|brother|mother|father|partner)"
    r"(?:\s+[A-Za-z'’\-]+){0,2}\s+in|(?:sister|brother|son|daughter|niece|nephew)(?:\s+[A-Za-z'’\-]+){1,2}\s+from|"
    # (places6) "lives alone in", "LIVES W/ GUARDIAN IN", "lives w/ aunt wu, tallulah in", "resettled via agency
    # in", "40 km from", "12 miles outside": where one lives, with whomever, and a distance from a town
    r"lives\s+alone\s+in|lives\s+(?:w/|with)\s+(?:[^\n.;:]|(?<=\b\w)\.){1,40}?\s+in|resettled\s+(?:via\s+[a-z]+\s+)?in|"
    r"(?:route|rte|hwy|highway|interstate)\s*\d{1,3}\s+near|"
    r"\d+\s*(?:km|kms|mi|miles|kilomet(?:er|re)s)\s+(?:from|outside(?:\s+of)?|(?:north|south|east|west)\s+of))"
    r"(?:[ \t]+|[ \t]*\n[ \t]*))")


def _proper(text: str, start: int, token: str) -> bool:
    """Capitalised inside a sentence and not an ordinary capitalised word ("Flagstaff")."""
    before = text[max(0, start - 3):start].rstrip(" \t")
    return (token[0].isupper() and not token.isupper() and not is_common(token)
            and bool(before) and before[-1] not in ".!?:\n")


# after a hospital's name: the end of a line or a clause, a date, or a list's separator
_NAME_ENDS = re.compile(r"[ \t]*(?:$|\n|[,;:.)(]|\d|(?i:hospital|medical|health|center|centre)\b)")
# (places13) or, after a weak head, a spaced dash before the title's next field ("<name> FAMILY HEALTH - RESUSCITATION
# RECORD"; a strong head's title "CLOZAPINE CLINIC - <hospital>" names a service)
_DASH_AFTER = re.compile(r"[ \t]+[-–][ \t]")
# (places13) a name in capitals and small letters before a title in capitals ("<name> Hospital MORTUARY REGISTER")
_CAPITALS_AFTER = re.compile(r"[ \t]+[A-Z]{3,}\b")
# (places13) where a field begins: a line's start, a wide gap, a spaced dash, a bracket or a comma
_FIELD_START = re.compile(r"(?:^|\n|[ \t]{2}|[ \t][-–]|[(,])[ \t]*$")
# (places13) the weak heads a hospital's short name ends in ("<town> General", "Tri-County Regional")
_SHORT_NAME_HEADS = frozenset("general regional memorial".split())
# (and the weak heads a title's dash may end: a ward's "<kind> MEDICAL - <date>" names a service)
_DASH_HEADS = _SHORT_NAME_HEADS | {"family health"}
# (places8) or, after a strong head, a wide gap before the next field ("Kidney Medical Center   Date 12/10"; not "COUNTY
# JAIL MEDICAL  Calloway County ...": "medical" alone is a weak head)
_FIELD_GAP = re.compile(r"[ \t]{2}")


def _named_after_town(text: str, head: re.Match, words: list[str], judge) -> bool:
    """"Lebanon Medical Center", "Reading Regional;", "FLORENCE MEMORIAL 22FEB2024": a hospital
    named after its town, the name written capitalised like the head word, which ends a clause
    ("General surgery", "Regional anesthesia", "Brief Hospital Course" go on)."""
    head_word = head.group()
    ends = _NAME_ENDS.match(text, head.end()) or (not head.group("weak") and _FIELD_GAP.match(text, head.end())) \
        or ((head.group("weak") or "").lower() in _DASH_HEADS and _DASH_AFTER.match(text, head.end())
            and any(w.lower() not in judge.core for w in words))
    # (places13) a name that is a whole field: after a line's start, a gap, a dash, a bracket or a comma, and
    # before a wide gap ("CLINIC - <town> General   Monitoring ..."), or in capitals and small letters before a title
    # in capitals (a letterhead's "<town> Hospital MORTUARY REGISTER")
    start = head.start() - len(" ".join(words)) - 1
    whole_field = _FIELD_START.search(text, max(0, start - 3), max(0, start)) is not None
    if not ends and whole_field and (head.group("weak") or "").lower() in _SHORT_NAME_HEADS | {""}:
        ends = _FIELD_GAP.match(text, head.end()) or (
            not head_word.isupper() and _CAPITALS_AFTER.match(text, head.end())
            and any(w.lower() not in judge.core for w in words))
    # (places13) a word hyphened to another is one name, whatever its parts ("Tri-County Regional")
    joined = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)+", text[max(0, start):head.start()])
    words = [w for w in words if not any(w in j.split("-") for j in joined)] + joined
    if any(w.lower() in GENERIC for w in words) or not ends:
        return False
    if casing(line_at(text, head.start())) == "lower":  # no capitals to go by: words that are not clinical
        return all(w.islower() and w.lower() not in judge.core for w in words)
    capitalised = head_word[0].isupper() and all(w[0].isupper() for w in words)
    return capitalised and head_word.isupper() == all(w.isupper() for w in words)


# (places12) what a town's council or a charity names after "Children's" ("Rotherham Children's Services", "X
# Children's Social Care", "the children's team"): the possessive heads a department, not a hospital's short name
_CHILDRENS_DEPARTMENT = re.compile(r"[ \t]+(?i:services?|social|team|department|dept|directorate|division|board|panel|"
                                   r"commissioner|society|charity|fund|safeguarding)\b")


def _hospital_phrases(text: str, judge, spans: list) -> None:
    for head in HEAD_RE.finditer(text):
        if (head.group("weak") or "").lower().startswith("children") and _CHILDRENS_DEPARTMENT.match(text, head.end()):
            continue
        words = list(WORD_RE.finditer(text[max(0, head.start() - 50):head.start()]))
        offset = max(0, head.start() - 50)
        kept = []
        for w in reversed(words):
            gap = text[offset + w.end(): head.start() if not kept else offset + kept[-1].start()]
            # (places6) "Cairo Kidney & Transplant Center", "Tuba Flats Ear Nose & Throat Clinic": "&" joins a name;
            # a wide gap ends it ("COUNTY JAIL MEDICAL  Vance County Detention Center": two fields)
            # "Walk-In Urgent Care": a word hyphened to another is part of the name, whatever the word
            compound = (w.group()[0].isupper() and w.group().lower() not in ("of", "the", "and", "to", "a", "an")
                        and (gap == "-" or text[max(0, offset + w.start() - 1):offset + w.start()] == "-"))
            # (places8) a tab is no gap inside a name: it separates an export's cells ("name\tmrn\tdob\tclinic")
            # (places13) a dash with a space on both sides separates a title's fields ("MV <ship> - MEDICAL CENTRE
            # DAILY LOG", "<clinic> - PRE-EMPLOYMENT MEDICAL"): never inside a name
            if not re.fullmatch(r" |-| -|- |['’]s +| +& +", gap) or (
                    w.group().lower() in BOUNDARY and not compound) or len(kept) == 5:
                break
            kept.append(w)
        while kept and kept[-1].group().lower() in DESCRIPTIVE:
            kept.pop()  # "Community Roanoke ..." never starts with a descriptive word
        # "AT SOUTH COVE COMMUNITY HEALTH CENTER": after "at" capitalised words (or a note in one case) stay whole
        listed = bool(kept) and BULLET.search(text, max(0, offset + kept[-1].start() - 8), offset + kept[-1].start()) is not None \
            and any(w.group().lower() not in judge.core for w in kept)
        at_place = kept and (listed or PLACE_PREPOSITION.search(text[max(0, offset + kept[-1].start() - 8):offset + kept[-1].start()])) \
            and (kept[-1].group()[0].isupper() or casing(text[max(0, head.start() - 60):head.end()]) != "mixed")
        while not at_place and len(kept) > 1 and (kept[-1].group().lower() in judge.core
                                                  or kept[-1].group()[0].islower() != kept[0].group()[0].islower()):
            kept.pop()  # "Recent admit Florence Regional", "RECENT ADMIT MIDLAND MEMORIAL": the note's words before it
        if not kept:
            continue
        specific = [w.group() for w in kept if judge.status(w.group()) != "safe" or _proper(text, offset + w.start(), w.group())]
        # "at Brown Memorial", "AT CONCORD UNION", "stents at tupelo general hospital": a place
        # preposition before words that are not generic makes them a name
        first = offset + kept[-1].start()
        after_town = _named_after_town(text, head, [w.group() for w in kept], judge)
        named = (listed or PLACE_PREPOSITION.search(text, max(0, first - 8), first) is not None or after_town
                 or _PLACE_FIELD.search(text, max(0, first - 26), first) is not None)
        one_case = casing(text[max(0, head.start() - 60):head.end()]) != "mixed"
        if head.group("weak") and head.group("weak").lower() in RESIDENCES:
            # a residence is where one goes to, is at or comes from, a list item or a letterhead
            # ("persons living in", "in assisted living" are not); the whole line says the casing
            one_case = casing(line_at(text, head.start())) != "mixed"
            named = listed or after_town or _TO_AT_FROM.search(text, max(0, first - 8), first) is not None
        if named and (not head.group("weak") or one_case or all(w.group()[0].isupper() for w in kept)):
            specific = specific or [w.group() for w in kept]
        elif head.group("weak") and head.group("weak").lower() in RESIDENCES:
            continue  # "older persons living in the community": a residence only where it is named
        elif not specific or (head.group("weak") and not any(judge.status(t) != "safe" for t in specific)):
            continue
        elif (head.group("weak") or "").lower() == "medical" and _noun_after(text, head):
            continue  # (places13) "RELIEF CAMP MEDICAL REGISTER": a weak head before a noun is its adjective
        spans.append((offset + kept[-1].start(), head.end(), "LOCATION"))


def _noun_after(text: str, head: re.Match) -> bool:
    """A word in the head's casing right after it on its line, itself no head ("MEDICAL REGISTER", "Medical
    Examination"; not "Medical Center"). Only "medical" is read so: "<name> Memorial Apheresis Unit" is a hospital's
    unit."""
    after = re.match(r"[ \t](?P<w>[A-Za-z]{3,})\b", text[head.end():head.end() + 30])
    if after is None or HEAD_RE.match(after.group("w")):
        return False
    word, head_word = after.group("w"), head.group()
    return word.isupper() == head_word.isupper() and word[0].isupper() == head_word[0].isupper()


_NOT_A_TOWN = NOT_A_TOWN_REST | GENERIC | SETTINGS  # built once, not on every match


def _clinical_named(words: list[str], lexicon: Lexicon, suffix: str = "falls") -> bool:
    """"mechanical falls", "ANION GAP", "trigger point", "tuning fork": a generic or adjective-shaped word, or
    only clinical words before a landform that ends clinical phrases (not "Cedar Falls": a dictionary word
    outside the clinical vocabulary is no adjective; not "Hope Cove": no clinical phrase ends in "cove")."""
    low = [w.lower() for w in words]
    return any(w in GENERIC or w in SETTINGS or (_ADJECTIVE.fullmatch(w) and (w in lexicon.core or w not in lexicon.safe))
               for w in low) or (suffix.lower() in _CLINICAL_LANDFORMS and all(w in lexicon.core for w in low))


def _town_shapes(text: str, lexicon: Lexicon, spans: list) -> None:
    """A town named "North X", "Saint X", "X Falls" after a place preposition (see TOWN_SHAPE_RE)."""
    for m in TOWN_SHAPE_RE.finditer(text):
        if m.group("prefix"):
            rest = m.group("rest")
            low = rest.lower()
            if low in _NOT_A_TOWN or low in lexicon.core or is_common(rest):
                continue  # "from new onset", "in east wing", "TO MOUNT ADEQUATE", "IN GREAT PAIN"
            spans.append((m.start("prefix"), m.end("rest"), "LOCATION"))
        elif casing(m.group("named")) != "lower":
            # (places8) a name in capitals has no capitals to tell it: "IN ANION GAP" is clinical words
            if m.group("named").isupper() and _clinical_named(m.group("named").split(), lexicon, m.group("suffix")):
                continue
            spans.append((m.start("named"), m.end("suffix"), "LOCATION"))
    for m in LOWER_TOWN_SHAPE_RE.finditer(text):
        words = m.group("named").split()
        # "at risk for recent falls", "in mechanical falls": clinical words; "turners falls", "quarry hill" are not
        if casing(line_at(text, m.start())) == "lower" and not _clinical_named(words, lexicon, m.group("suffix")):
            spans.append((m.start("named"), m.end("suffix"), "LOCATION"))
    for m in COMMA_TOWN_SHAPE_RE.finditer(text):
        words = m.group("named").split()
        if casing(line_at(text, m.start())) == "mixed" and not all(w[0].isupper() for w in words + [m.group("suffix")]):
            continue  # "..., at risk of recent falls." in a sentence
        if not _clinical_named(words, lexicon, m.group("suffix")):
            spans.append((m.start("named"), m.end("suffix"), "LOCATION"))


_OFFICES = frozenset("hr it qa pals dpo hse legal mdt".split())


def _codes(text: str, judge, spans: list) -> None:
    """A hospital's code after "from / at / to": "ADMITTED 7/22 FROM SAH", "records faxed from PMH"."""
    for m in CODE_CUE_RE.finditer(text):
        code = m.group("code")
        if code.lower() in GENERIC or code.lower() in SETTINGS or UP_TO.search(text, 0, m.start("code")):
            continue  # "tdap up to date": an idiom, not a transfer to a hospital's code
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        mode = casing(text[line_start:line_end if line_end >= 0 else len(text)])
        # in a transfer, an abbreviation that is not a care setting is the other hospital, even
        # when it reads as a clinical one
        transfer = (TRANSFER_RE.search(text[line_start:m.start("code")]) or m.group("moved")) \
            and (code.isupper() or mode == "lower")
        if m.group("ex") and (not code.isupper() or judge.status(code) in ("safe", "nameword")):
            continue  # "ex IVDU", "ex smoker": a former habit, not the hospital the patient came from
        if m.group("moved") and code.lower() in _OFFICES:
            continue  # "access referred to HR": an office of the same body, not another hospital
        if m.group().lower().split()[0] in ("to", "from") and mode == "mixed" and not transfer:
            continue  # "death from CHD", "due to PTCA": an acronym after a bare preposition in prose
        if code.islower() and mode == "mixed":
            continue  # (places13) a line with capitals writes a code in capitals: "ubo at sipon" is a phrase's word
        if len(code) >= 4 and judge.status(code) == "safe":
            continue  # "DUE TO VOID", "OOB TO CHAIR": a word, not a code, even on a transfer's line
        if (judge.status(code) not in ("safe", "nameword") or transfer) and code not in COMMON_WORDS:
            # (places13) a public body's acronym the allow-list knows is no hospital's, even on a transfer's line
            # ("Faxed to PHU <fax>", "sent to DVLA")
            spans.append((m.start("code"), m.end("code"), "LOCATION"))
    for m in RECORDS_OF_RE.finditer(text):
        code = m.group("code")
        if code.lower() not in GENERIC | SETTINGS | NOT_RECORDS_OF and (code.isupper() or judge.status(code) != "safe"):
            spans.append((m.start("code"), m.end("code"), "LOCATION"))


# (places6) an institution's code before its policy ("RE: HIGH PEAKS. BPG POLICY RT-22", "per TMH policy"), and a
# pharmacy named in a "Pharmacy:" field ("Pharmacy: Prairie Family Pharmacy, 555-0143"); a chain is named by
# one brand word ("Pharmacy: Walmart pharmacy", "CVS Pharmacy") and identifies no place: two words at least
POLICY_RE = re.compile(rf"(?<![\w\-/])(?P<code>[{UP}]{{2,5}}|[a-z]{{2,5}})[ \t]*\n?[ \t]*(?i:policy|policies)\b")
# (places13) a name may hold its road's number ("Pharmacy: Route 9 Drug", "Highway 12 Pharmacy")
_ROAD_NUMBER = r"(?:(?<=(?i:route)[ \t])|(?<=(?i:hwy|rte)[ \t]))\d{1,4}"
PHARMACY_FIELD_RE = re.compile(
    rf"(?i:\bpharmacy[ \t]*:[ \t]*)(?P<v>[{LETTERS}][{LETTERS}'’.\-]*[ \t]+"
    rf"(?:(?:[{LETTERS}][{LETTERS}'’.\-]*|{_ROAD_NUMBER})[ \t]+){{1,3}}(?i:pharmacy|drugs?|apothecary|chemists?))\b")


# (places6) a British ward named after a person or a place, where a ward stands: "infusion on Price Ward",
# "(LISTER WARD)", "(Aneurin Bevan Ward)", a letterhead line "Mark Ward"; not "Female Ward", "Labour Ward"
NAMED_WARD_RE = re.compile(rf"(?:(?i:\b(?:on|at|to|from))[ \t]+|\([ \t]*|(?:^|\n)[ \t]*)"
                           rf"(?P<ward>(?P<name>(?:[{UP}][{LETTERS}'’\-]+[ \t]+){{1,2}})(?:Ward|WARD))(?![\w\-])")
_NOT_A_WARD_NAME = frozenset("""female male labour labor private side open day night general isolation elderly admissions
assessment discharge medical surgical children's childrens women's womens men's mens maternity escalation
""".split())


def _named_wards(text: str, spans: list) -> None:
    for m in NAMED_WARD_RE.finditer(text):
        words = m.group("name").split()
        if any(w.lower() in WARD_WORDS or w.lower() in _NOT_A_WARD_NAME or w.lower() in GENERIC or w.lower() in SETTINGS
               or _ADJECTIVE.fullmatch(w.lower()) for w in words):
            continue
        if casing(line_at(text, m.start("ward"))) == "mixed" and not all(w[0].isupper() and not w.isupper() for w in words):
            continue  # in a mixed-case note a ward's name is written as a name ("Price Ward")
        spans.append((m.start("ward"), m.end("ward"), "LOCATION"))


def _policies_and_pharmacies(text: str, judge, spans: list) -> None:
    for m in POLICY_RE.finditer(text):
        code = m.group("code")
        low = code.lower()
        if low in GENERIC or low in SETTINGS or low in NOT_A_CODE or judge.status(code) == "safe":
            continue  # "per ICU policy", "hospital policy"; (places12) a service's or a body's: "per GUM policy"
        if code.islower() and casing(line_at(text, m.start())) != "lower":
            continue
        spans.append((m.start("code"), m.end("code"), "LOCATION"))
    spans += [(m.start("v"), m.end("v"), "LOCATION") for m in PHARMACY_FIELD_RE.finditer(text)]


# (places11) a chain's shop or a bank's branch is named by its town: "Opticians - Hexham branch", "our Lydney
# branch" (not "right bundle branch": clinical words; a word outside the vocabulary says it is a town)
BRANCH_TOWN_RE = re.compile(
    r"(?:[-–][ \t]+|\b(?i:our|the|at)[ \t]+)(?P<town>(?:[A-Za-z][A-Za-z'’\-]*[ \t]+){0,2}[A-Za-z][A-Za-z'’\-]*)"
    r"[ \t]+(?i:branch)\b(?![ \t]*(?i:of)\b)")
# (places12) and a service's site or campus after its name and a dash: "Clinica del Valle - <town> site", "X Health
# - <town> campus" (only after the dash: "the injection site", "at the surgical site" have no name before them)
SITE_TOWN_RE = re.compile(r"[-–][ \t]+(?P<town>(?:[A-Za-z][A-Za-z'’\-]*[ \t]+){0,2}[A-Za-z][A-Za-z'’\-]*)[ \t]+"
                          r"(?i:site|campus)\b")


def _branch_towns(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    spans = []
    for m in [*BRANCH_TOWN_RE.finditer(text), *SITE_TOWN_RE.finditer(text)]:
        words = m.group("town").split()
        if words[0].lower() in BOUNDARY or not any(w.lower() not in lexicon.safe for w in words):
            continue
        if casing(line_at(text, m.start())) == "mixed" and not all(w[0].isupper() for w in words):
            continue
        spans.append((m.start("town"), m.end("town"), "LOCATION"))
    return spans


def _mount_is_a_place(m: re.Match, lexicon: Lexicon) -> bool:
    """"Mt Auburn", "Mount Holyoke", "MOUNT GREYLOCK"; not "to mount adequate defenses"."""
    place = m.group("place")
    return (m.group("v")[:2].lower() == "mt" or place.istitle() or
            (place.isupper() and place.lower() not in lexicon.safe))


@recognizer("hospital", "LOCATION", languages=("en",))
def find_hospitals(text: str, lexicon: Lexicon):
    judge = judge_for(lexicon)
    spans: list[tuple[int, int, str]] = []
    _hospital_phrases(text, judge, spans)
    spans += [(m.start(), m.end(), "LOCATION") for m in SAINT_RE.finditer(text)]
    spans += [(m.start("v"), m.end("v"), "LOCATION") for m in MOUNT_RE.finditer(text)
              if m.group("place").lower() not in GENERIC
              and _mount_is_a_place(m, lexicon)]
    for m in UNIVERSITY_RE.finditer(text):
        if m.group().startswith("U") and not m.group().startswith(("Univ", "UNIV")) and (
                m.group("place").lower() in GENERIC or text[max(0, m.start() - 1):m.start()] == "/"):
            continue  # "F/U CR": a follow-up, not a university
        if _YOU_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            continue
        if (not m.group("place")[0].isupper() or all(w.lower() in GENERIC for w in m.group("place").split())
                or m.group("place").split()[0].lower() in NOT_A_UNIVERSITY_NAME):
            continue  # "U bolus followed", "Erasmus University in excluding"
        spans.append((m.start(), m.end(), "LOCATION"))
    _codes(text, judge, spans)
    _policies_and_pharmacies(text, judge, spans)
    _named_wards(text, spans)
    spans += institution_codes(text, judge, SETTINGS, GENERIC)
    spans += general_hospital_codes(text, judge)
    spans += institution_names(text, GENERIC, DESCRIPTIVE, NOT_A_WARD)
    spans += health_systems(text, judge, SETTINGS)
    spans += wards_after_the(text, judge, GENERIC | SETTINGS | NOT_A_WARD)
    spans += named_units(text, judge, GENERIC | SETTINGS | NOT_A_WARD)
    spans += units_in_fields(text, judge, GENERIC | SETTINGS | NOT_A_WARD)
    spans += counties(text, judge) + lower_universities(text, GENERIC | SETTINGS, judge)
    for rule in (WARD_WING_RE, WARD_STAY_RE):
        spans += [(m.start("ward"), m.end("ward"), "LOCATION") for m in rule.finditer(text)
                  if m.group("ward").split()[0].lower() not in NOT_A_WARD | SETTINGS]
    for m in WARD_WING_ANY_RE.finditer(text):
        g = "ward" if m.group("ward") else "svc"
        one_case = g == "svc" or casing(line_at(text, m.start())) != "mixed"  # after "Service:" in any casing
        if one_case and m.group(g).split()[0].lower() not in NOT_A_WARD | SETTINGS | GENERIC:
            spans.append((m.start(g), m.end(g), "LOCATION"))
    for m in LOWER_UNIVERSITY_RE.finditer(text):
        if casing(line_at(text, m.start())) == "lower" and m.group("v").split()[1] not in GENERIC | SETTINGS:
            spans.append((m.start("v"), m.end("v"), "LOCATION"))
    for m in WARD_RE.finditer(text):
        if m.group("ward").lower() in NOT_A_WARD:
            continue  # (places6) "MVC vs tree on Route 98": a road's number, not a ward
        if judge.status(m.group("ward")) != "safe" or _proper(text, m.start("ward"), m.group("ward")):
            spans.append((m.start("ward"), m.end(), "LOCATION"))
    for m in WARD_UNIT_RE.finditer(text):
        g = "ward" if m.group("ward") else "inner"
        if m.group(g).lower() not in NOT_A_WARD | SETTINGS | GENERIC and (g == "inner" or judge.status(m.group(g)) != "safe"):
            spans.append((m.start(g), m.end(), "LOCATION"))
    for m in FROM_PLACE_RE.finditer(text):
        word = m.group("place")
        if re.match(r"[ \t]*\d|[0-9+]", text[m.end("place"):m.end("place") + 2]) or any(is_common(w) for w in word.split()):
            continue  # "in Table 9", "from Grades 1", "in Ca2+", "in Japanese patients"
        if _proper(text, m.start("place"), word) and word.lower() not in GENERIC and not eponym(text, m.start("place"), m.end("place")):
            spans.append((m.start("place"), m.end("place"), "LOCATION"))
    _town_shapes(text, lexicon, spans)
    for m in TOWN_CUE_RE.finditer(text):
        words = []
        for w in WORD_RE.finditer(text, m.end()):
            if not words and w.start() != m.end():
                break  # "born in 1950. She ...": the town must follow the cue
            if words and (len(words) == 3 or not re.fullmatch(r"[ \t]+", text[words[-1].end():w.start()])):
                break
            low = w.group().lower()
            named = w.group().istitle() and casing(line_at(text, w.start())) == "mixed" and not is_common(w.group())
            if (low in GENERIC and not named) or low in LIVING or low in SETTINGS or len(low) < 2:
                break  # (a capitalised "Ten Sleep", "Two Rivers" in a mixed-case note is a name)
            # "lives in concord": right after the cue any word that is not a kind of home is a town
            if words and judge.status(w.group()) == "safe" and not w.group()[0].isupper():
                break
            words.append(w)
        if words:
            spans.append((words[0].start(), words[-1].end(), "LOCATION"))
    spans += named_sites(text, judge, SETTINGS, GENERIC | SETTINGS | NOT_A_WARD)
    spans += towns_after_institutions(text, spans, judge, GENERIC | SETTINGS | LIVING, PLACE_SHAPED_RE)
    spans += _branch_towns(text, lexicon)
    return [span for span in spans if not service_title(text, span, lexicon)]

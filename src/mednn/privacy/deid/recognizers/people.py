"""Person names by their context, in any casing: relatives after "husband / wife / daughter",
clinicians after a title ("Dr", "DR.", "dr") or before a credential ("KATE RN", "Smith, MD"),
a clinician's single initial ("D/W DR K"), a name before "(wife)", and the patient's own line in a
header or a hand-off list ("HOMER  5/28/1999  MR# 87M01130", "1) rania bland 787-A 90yo  MRN: ...",
"Decedent: CROSS,JING U"), a surname glued to the given name by a comma anywhere ("BURNS,PAT"), the person
opening a time-stamped log row ("13:45 angel hunter, 77 Quarry Ave"), a quoted nickname ('goes by "Red"').

These rules accept words the allow-list lets through (a dictionary word or an ambiguous first
name such as "Joy" or "Bill") because the context says they are a person; ordinary words that
follow such cues ("WIFE IN TO VISIT", "DR AWARE", "SON AT BEDSIDE") stay.
"""

from __future__ import annotations

import re

from ..context import speaker_labels
from ..vocabulary import PLACEHOLDERS, ROLE_BEFORE_CREDENTIAL, Lexicon
from ..words import LETTERS, MEDICAL_WORD, WORD_RE, casing, line_at, stems
from . import recognizer
from .hospitals import SETTINGS
from .parentage import parentage
from .tokens import eponym_or_organisation, judge_for

# kin as notes in mixed languages name them: grandparents ("abuela", "lola", "ouma", "bibi", "nani", "dadi", "nonna",
# "yiayia"), aunts and uncles ("tita", "tía", "auntie"), "mum"; "tia" without its accent is the transient ischaemic
# attack, "dada" a Spanish participle ("dada su edad"), "oma"/"opa" too short to trust (probe14n, 2026-12-08)
KIN_ABROAD = (r"abuel[ao]|abuelit[ao]|lola|lolo|ouma|oupa|bibi|babu|nani|nana|nanna|dadi|nonna|nonno|yiayia|"
              r"tita|tito|tía|tío|auntie|aunty|mum|mummy")
RELATIVES = (rf"{KIN_ABROAD}|husband|wife|spouse|son|daughter|dtr|dau|mother|mom|father|dad|brother|bro|sister|sis|niece|"
             r"nephew|grandson|granddaughter|grandmother|grandma|grandfather|grandpa|aunt|uncle|cousin|friend|"
             r"neighbou?r|boyfriend|girlfriend|partner|fianc[eé]e?|(?:step-?|half-)?(?:son|daughter|brother|sister|father|mother|parent)|"
             r"parent|carer|sibling|children|"
             r"(?:son|daughter|brother|sister|mother|father)[- ]in[- ]law|hcp|health\s+care\s+proxy|proxy|poa|hcpoa|dpoa|"
             r"guardian|caregiver|companion|roommate")
# the kin word, then its name after a comma, a colon, a bracket, a dash or "is" ("daughter is Pearl",
# "sister - holly marsh", "WIFE - KHALID"); the blanks before "is" belong to the separator, not before it
RELATIVE_RE = re.compile(rf"(?i:\b(?:{RELATIVES})\b)(?:['’]s)?[ \t]*(?:[,:(][ \t]*|[-–—][ \t]+|(?i:named|is|was)[ \t]+)?(?=[{LETTERS}])")
# "MS" and "MR" in capitals are multiple sclerosis and mitral regurgitation unless a period follows;
# a title written out takes no period ("doctor." ends a sentence: "No, doctor. I had a natural birth")
TITLE_RE = re.compile(rf"(?:(?i:\b(?:dr|drs|prof)\b)\.?|(?i:\b(?:doctor|professor)\b)|\b(?:Mr|Mrs|Ms|Miss|Mx|MRS|MISS)\b\.?|"
                      rf"\b(?:MR|MS|mr|ms|mrs)\.)[ \t]*(?=[{LETTERS}])")
CLINICIAN_CUE_RE = re.compile(
    r"(?i:\b(?:per|d/w|s/w|spoke\s+(?:with|to)|discussed\s+with|paged|called|notified|informed|attending|resident|"
    r"fellow|intern|pcp|np|pa|rn|nurse|covering|cover(?:ed)?\s+by|seen\s+by|by|asking\s+for|asked\s+for|"
    r"calling\s+(?:out\s+)?for)\b)\.?[ \t]*:?[ \t]*"
    rf"(?=[{LETTERS}])")
CREDENTIAL_AFTER_RE = re.compile(r"(?<![A-Za-z])[ \t]*,?[ \t]*(?:RN|R\.N\.|MD|M\.D\.|NP|PA-C|PA|LPN|CNA|RRT|DO|PhD|rn|md|np|"
                                 r"(?i:pgy-?\d|licsw|lcsw|rph|pharmd|dpt"
                                 # the degrees and registers of British, Irish and Commonwealth clinicians: "Ahmadi
                                 # BVSc MRCVS", "poppy li mb chb frcs", "BILL STERLING NMC PIN" (names10, 2026-12-07)
                                 r"|mbbs|mb[ \t]?chb|mbbch|frcs|frcp|frcpath|frcr|mrcp|mrcs|mrcgp|mrcog|frcog|fracp|fracs|"
                                 r"bvsc|bvms|mrcvs|rgn|rmn|rsci?n|nmc[ \t]+pin|gmc[ \t]+(?:no|number|#)?[ \t]*\d|hcpc"
                                 # a colleague reached at their bleep or pager: "Koa Ahmadi bleep 677"
                                 r"|(?:bleep|pager)[ \t]*#?[ \t]*\d{3}))\b")
# the people a note names by their job or by what they did, read as a kin word is: "DIETITIAN LYNCH CONSULTED",
# "adjuster dolores bond", "Witness 1: Trinity Rivers", "pronounced by RN G. Brown", "prefers to be called Joy"
ROLE_CUE_RE = re.compile(
    r"(?i:\b(?:chaplain|dietitian|nutritionist|coordinator|adjuster|supervisor|reviewer|examiner|witness(?:[ \t]*\d)?|"
    r"scribed\s+by|pronounced\s+by(?:[ \t]+(?:rn|md|np|dr\.?))?|call[ \t]*back|prefers\s+to\s+be\s+called|"
    r"goes\s+by|"
    # a newborn is named by the family's surname: "Baby Boy Wood (Irina)", "BABY GIRL SPARROW", "Twin A Hoang"
    r"baby[ \t]+(?:boy|girl)|twin[ \t]+[abc])\b"
    # a nickname in quotes: 'PT LIKES "FOLAKE"', 'prefers "Bud"'
    r"|\b(?:likes|prefers|goes\s+by)[ \t]+[\"“])[ \t]*:?[ \t]*"
    rf"(?=[{LETTERS}])")
# jobs and reports before a person, read as a title is (a listed or an unknown name, never an ordinary word before a
# clause's end as after a kin word: "reporter gene is", "the late increase in"): "Medic TANE MASON", "First aider
# heather wren", "Patroller J Jaber", "dsn JUNE PARKS", "caller gave name as terry", "the late GRANT HILL" ("c/o" is
# "complains of" as often as "care of": not a cue) (names10, 2026-12-07)
JOB_CUE_RE = re.compile(
    r"(?i:\b(?:medic|patroller|first[ \t]+aider|claimant|dsn|assessor|reporter(?=[ \t]*:)|probation[ \t]+officer|"
    r"party[ \t]+member|gave[ \t]+(?:(?:his|her|their)[ \t]+)?name[ \t]+as|name[ \t]+given[ \t]+as|the[ \t]+late)\b)"
    rf"[ \t]*:?[ \t]*(?=[{LETTERS}])")
# a doctor's grade or a ward job written before the name, as British, Irish and Commonwealth notes write them: "FY1
# Mbeki", "SHO Lindqvist", "Reg. Castellano", "RMO Fitzgerald", "HCA Precious", "ODP Mwale", "fy2 lim"; in capitals
# only where the letters are also a word or a unit ("ho", "mo" months, "reg" regular) (probe14n, 2026-12-08)
GRADE_CUE_RE = re.compile(
    r"(?<![\w/\-])(?:(?i:fy[12]|sho|spr|str|registrar)|Reg|REG|HO|MO|RMO|CMO|HCA|HCSW|ODP|SLT|CNA|SN)\.?(?![\w/\-])"
    rf"[ \t]*:?[ \t]*(?=[{LETTERS}])")
# a form's label for the person to reach or to write to: "NOK: Lim", "N.O.K - Tevita", "EC: Siosaia", "Attn: Lim",
# "FAO Dr Kaur"; "EC" (enteric-coated) only in capitals before a colon (probe14n, 2026-12-08)
CONTACT_LABEL_RE = re.compile(
    r"(?<![\w/\-])(?:(?i:nok|n\.o\.k\.?|attn|fao|f\.a\.o\.?)(?![\w/\-])[ \t]*[:\-]?|EC[ \t]*:)[ \t]*"
    rf"(?=[{LETTERS}])")
# "lives with yin (wife)", "per kerry (day rn)", "CALLED JO (CHARGE RN)": the word before is a name
BEFORE_RELATION_RE = re.compile(
    rf"[ \t]*\((?i:{RELATIVES}|hcp|(?:(?:day|night|eve|evening|charge|primary|float|covering|resource|triage)[ \t]+)?"
    r"(?:rn|np|md|pa|lpn)|charge|charge[ \t]+nurse|triage|primary[ \t]+nurse|float|resource|covering|"
    # a colleague by their department: "per ravi appiah (pharmacy)"
    r"pharmacy|pharmacist|social[ \t]+work|case[ \t]+management|nutrition|dietary|lab|radiology|rt|pt|ot|slp|"
    # ... or by their grade or job (names11, 2026-12-07): "P. KULKARNI (JR)  /  N. MENON (UNIT CHIEF)", "Ade (HCA)"
    r"hca|hcsw|jr|sr|sho|fy[12]|reg|registrar|consultant|resident|intern|attending|unit[ \t]+chief|hod|scrub|anaes|"
    r"anaesthetist|surgeon|midwife|physio|porter)\)")
# a person by their age in brackets, as household and contact lists give them: "Achieng (6y), Mutua (5y)",
# "twins Ama (3 yrs) and Esi (3 yrs)" (names11, 2026-12-07)
AGE_AFTER_RE = re.compile(r"[ \t]*\((?:(?i:age)[ \t]*)?\d{1,2}[ \t]*(?i:y|yo|yrs?|years?|m|mo|mos|months?|w|wks?|weeks?)\)")
# a clinician's initials as the value of a role field: "Triage RN: BE   ESI 2", "primary rn: jk"
INITIALS_FIELD_RE = re.compile(
    # ... and the fields of a double check: "Checked by: MP / LK", "Countersigned: KT", "2nd checker: AB" (probe14n)
    r"(?i:\b(?:rn|nurse|md|np|pa|lpn|attending|resident|provider|clinician|signed|initials|checked(?:[ \t]+by)?|"
    r"(?:2nd[ \t]+|second[ \t]+)?checker|counter-?signed(?:[ \t]+by)?|co-?signed(?:[ \t]+by)?|witness(?:ed)?(?:[ \t]+by)?)"
    r"[ \t]*:[ \t]*)"
    r"(?P<v>[A-Za-z]{2,3})(?=[ \t]*(?:$|\n|[ \t]{2,}|[,;)/]))"
    # a trial subject's initials in brackets: "Subject 463-5440 (initials M.S.)" (names10, 2026-12-07)
    r"|\((?i:initials)[ \t]+(?P<i>[A-Z]{2,3}|(?:[A-Za-z]\.){2,3})(?=[ \t]*\))"
    # a technologist's initials or name, with or without the colon: "Tech: VKK.", "Tech JUU"
    r"|(?i:\b(?:tech|technologist|sonographer)\b[ \t]*:?[ \t]*)(?P<t>[A-Za-z]{2,3}|[A-Z][a-z]+|[a-z]{4,}|[A-Z]{4,})(?=[ \t]*(?:$|[.,;)])|[ \t]{2})"
    # the typist's initials that open a signature line: "/DMG  Roe, Jane MD"
    r"|^/(?P<s>[A-Za-z]{2,12})(?=[ \t]{2,}[A-Za-z])"
    # a sign-off alone on its line: "-O", "- jk", "AV RN", "lb rn"
    r"|^[ \t]*-[ \t]?(?P<o>[A-Za-z]{1,3})[ \t]*$|^[ \t]*-?[ \t]?(?P<r>(?!(?i:am|pm|day|eve|noc|icu|ed|er|or)\b)"
    r"(?:[A-Za-z]{2,3}|(?:[A-Za-z]\.){2,3}))[ \t]+(?i:rn|lpn)[ \t]*$",
    re.M)
def _initials_field(text: str, m: re.Match, lexicon: Lexicon) -> list:
    """The initials or the name a role field, a technologist or a signature line holds."""
    group = next(g for g in ("v", "t", "s", "o", "r", "i") if m.group(g))
    value = m.group(group)
    if len(value) > 3 and value.lower() in lexicon.safe and not lexicon.known(value):
        return []  # "Tech: Portable.", "/Addendum  see below"
    if group == "o" and len(value) > 1 and value.lower() in lexicon.core:
        return []  # "- no", "-ok": a list's item, not a sign-off
    if group == "v" and value.lower() in _ANSWERS:
        return []  # "Checked: OK", "Witnessed: yes": the field's answer, not a signer
    if value.isupper() or casing(line_at(text, m.start())) == "lower" or (group != "v" and value[:1].isupper()) or group == "i":
        found = [(m.start(group), m.end(group), "NAME")]
        # the second signer's initials after a slash, in the same casing: "Checked by: MP / LK"
        second = _SECOND_INITIALS_RE.match(text, m.end(group)) if group == "v" else None
        if second and second.group("w").isupper() == value.isupper():
            found.append((second.start("w"), second.end("w"), "NAME"))
        return found
    return []


_ANSWERS = frozenset("yes no ok nil na nad due tbc tba all done nr nk".split())
_SECOND_INITIALS_RE = re.compile(r"[ \t]*/[ \t]*(?P<w>[A-Za-z]{2,3})(?=[ \t]*(?:$|[,;)]|[ \t]{2}))", re.M)


# a clinician reached at a number: "CALLED HER PCP GREEN AT (936) 525-2596", "dr sibal @ 617-555-0101"
AT_NUMBER_RE = re.compile(
    rf"(?i:\b(?:pcp|dr|doctor|np|pa|nurse|provider|physician|oncologist|cardiologist|surgeon|therapist)\b)\.?[ \t]+"
    rf"(?P<name>[{LETTERS}]{{2,}}(?:[ \t]+[{LETTERS}]{{2,}})?)[ \t]+(?i:at|@)[ \t]+(?:1-)?\(?\d{{3}}\)?[ .\-/]?\d{{3}}[ .\-]\d{{4}}")
# "Pt silva well known to ED", "PATIENT WOLF IS WELL KNOWN TO US": the patient named before it
KNOWN_TO_RE = re.compile(rf"(?i:\b(?:pt|patient)[ \t]+)(?P<name>[{LETTERS}]{{2,}}(?:[ \t]+[{LETTERS}]{{2,}})?)[ \t]+"
                         r"(?i:(?:is[ \t]+)?well[ \t]+known[ \t]+to|is[ \t]+known[ \t]+to)\b")
# "Bhat, Banjeet 103F from home", "CARTER, NICHOLAS 67M": "Last, First" before an age and a sex
LAST_FIRST_AGE_RE = re.compile(
    rf"(?m)(?:^|(?<=[.!?;]\s))[ \t]*(?P<name>[{LETTERS}]+(?:[-'’][{LETTERS}]+)?,[ \t]*[{LETTERS}]+)[ \t]+"
    r"\d{1,3}[ \t]*(?:[FMfm]\b|(?i:yo|y/o|yr|year))")
# a letter's salutation: "Dear Christian," "DEAR ANAY:" (the words up to the comma are the addressee)
SALUTATION_RE = re.compile(
    rf"(?m)^[ \t]*(?i:dear)[ \t]+(?P<name>[{LETTERS}][{LETTERS}'’\-]*(?:[ \t]+[{LETTERS}][{LETTERS}'’\-.]*){{0,2}})[ \t]*[,:]")
NOT_ADDRESSEE = frozenset("""
sir sirs madam madame colleague colleagues doctor doctors dr drs mr mrs ms miss mx prof professor team all friend friends
patient patients family families parent parents provider providers physician physicians nurse nurses reader readers
editor editors reviewer reviewers committee member members whom it concern customer client clients
""".split())
# kin whose name follows the word itself ("son taro"), unlike "caregiver support", "proxy form"
FAMILY_RE = re.compile(rf"(?i:{KIN_ABROAD}|husband|wife|spouse|son|daughter|dtr|dau|mother|mom|father|dad|brother|sister|niece|nephew|"
                       r"neighbou?r|poa|hcp|grandson|granddaughter|grandmother|grandfather|aunt|uncle|cousin|fianc|step)")
# a kin word that ends a hard-wrapped line, its name opening the next ("... cardiac rehab. Wife\nSummer updated"):
# the line is a wrapped paragraph (40 characters or more), not a short list item
WRAPPED_KIN_RE = re.compile(rf"(?m)^(?P<line>[^\n]{{34,}}?[ \t])(?P<kin>{FAMILY_RE.pattern})[ \t]*\n[ \t]*(?=[{LETTERS}])")
# a relative's name that is also a word ends its clause: "her son taro.", "daughter ye tonight"
_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;:)]|$|\n|(?i:called|will|is|was|visited|visiting|tonight|today|here|at|in|and|"
                         r"aware|updated|calls|calling|came|present|arrived|consulted|writes|enrolled|"
                         r"on[ \t]+(?:the[ \t]+)?phone|from[ \t]+home)\b)")
# a listed first name that is also a function word ends its clause, never "son will call"
_KIN_NAME_END = re.compile(r"[ \t]*(?:[.,;:)]|$|\n|(?i:at|in)\b)")
_NOT_A_NAME_FORM = re.compile(r"(?i:.*(?:ed|ing|ful|ous|ive|ly|al|ent|ant|ic|able|less|est|s))$")
# a patient as the subject at the start of a line or sentence: "KONDO IS A 53 YO F", "sandy was asking"
SUBJECT_RE = re.compile(
    rf"(?:^|(?<=[.!?;:]\s)|(?<=\n))[ \t]*(?P<name>[{LETTERS}]+(?:[ \t]+[{LETTERS}]+)?)[ \t]+"
    r"(?:(?P<strong>(?i:is\s+an?\s+(?:\d{1,3}(?:yo|y/o|yrs?)?|(?:one\s+hundred|ninety|eighty|seventy|sixty|fifty|forty|thirty|twenty)\b)|was\s+asking|is\s+asking|was\s+crying|was\s+tearful|is\s+tearful|"
    r"lives\s+(?:at|in|with|alone)))|"
    r"(?i:states|stated|reports|reported|denies|denied|c/o|complains|"
    r"was\s+seen|was\s+admitted|is\s+admitted|presents|presented|lives|tolerated|refuses|refused|remains|arrived|"
    r"was\s+very|is\s+very|shared\s+that|tearful|called\s+back|seen\s+walking|ok\s+to|doing\s+well))\b", re.M)
# the patient named after "pt" before what they did: "PT CASSIE WAS VERY TEARFUL", "Pt Jo Lind arrived via EMS"
PT_SUBJECT_RE = re.compile(
    rf"(?i:\b(?:pt|patient)[ \t]+)(?P<name>[{LETTERS}]{{2,}}(?:[ \t]+[{LETTERS}]{{2,}})?)[ \t]+"
    r"(?i:arrived|remains|was\s+very|is\s+very|was\s+asking|is\s+asking|was\s+tearful|was\s+crying|states|stated|"
    r"reports|reported|denies|denied|c/o|complains|presents|presented|lives|refuses|refused|agrees|declines|walked|"
    r"ambulated|ambulates)\b")
# who else is "a 53 yo" or "was asking": the patient described, never by name
DESCRIBED = frozenset("""
pt pts patient patients she he who this that the our your his her their mr mrs ms miss dr gentleman gentlemen
man woman lady male female boy girl baby infant child toddler teen teenager adolescent son daughter wife husband
mother father family pleasant elderly young old frail obese veteran resident nobody everyone someone nurse
alive healthy well deceased living unknown died dead sick ill fine ok okay unable diabetic hypertensive
alcoholic too also only both still now then there here again yes no none same other
sister brother mom dad grandparent grandparents grandmother grandfather grandma grandpa aunt uncle cousin
niece nephew grandson granddaughter parents parent children kids sibling siblings stepfather stepmother
""".split())
# "Roux, Joséphine was counselled ...": a patient as "Last, First" opening a line or a sentence
LAST_FIRST_SUBJECT_RE = re.compile(
    rf"(?:^|(?<=[.!?;]\s))[ \t]*(?P<name>[{LETTERS}]+(?:[-'’][{LETTERS}]+)?,[ \t]*[{LETTERS}]+)[ \t]+"
    r"(?i:was|is|has|had|will|would|presented|presents|reports|states|denies|agrees|agreed|lives)\b", re.M)
# "Kyle's number changed": a listed first name in the possessive opening a sentence
POSSESSIVE_RE = re.compile(rf"(?:^|(?<=[.!?;]\s))[ \t]*(?P<name>[{LETTERS}]{{2,}})['’]s\b", re.M)
# "Last, First" after a header cue: "PATIENT: CARTER, JAMES", "Name: smith, john"
HEADER_RE = re.compile(rf"(?i:\b(?:patient|pt|name|re|patient\s+name)[ \t]*:[ \t]*)"
                       rf"(?P<name>[{LETTERS}]+(?:[-'’][{LETTERS}]+)?,[ \t]*[{LETTERS}]+)")
# words after a cue that are not a name, whatever the casing
STOP = frozenset("""
a an the in at on to of for by with and or but is was are were be been has had have here there this that it
he she they we me him us them you who whom which what when where why how called calls call visited visiting visit visits aware
updated update present will may can could would should to also not no yes very as re about via over bedside
phone notified informed upset concerned agrees agreed requests requested wants want wanted feels felt brought
came come left lives living lived does did do spoke speaks says said reports reported states stated asked asks
both all any some each other another team today tonight tomorrow yesterday now later first last next prior
home room unit floor service services office clinic hospital md rn np pa pt pts patient family staff
""".split())


# words after "dr" that are not a name: "dr aware", "dr made aware", "dr on call"
AFTER_TITLE = frozenset("""
made make order orders ordered paged page pages back note notes wrote writes saw sees see seen came come
rounds rounded rounding following follows follow consulted consult consults recommends recommended recs
plan plans office offices team teams service services note's said says told tells stated states
ok okay okd gave given give wants wanted would will may might should could did does do note
reviewed reviews review aware called calls notified informed updated signed agrees agreed
""".split())


def _tokens_after(text: str, pos: int, limit: int = 3) -> list[re.Match]:
    """Up to ``limit`` words from ``pos`` on, in one line, joined by spaces, a hyphen or initials."""
    out = []
    while len(out) < limit:
        m = WORD_RE.match(text, pos)
        if m is None:
            break
        out.append(m)
        # one blank: two or more are a field's or a column's end ("Witness 1: Trinity Rivers   Witness 2:")
        gap = re.match(r"\.?[ \t](?![ \t])|\.[ \t]+|-", text[m.end():m.end() + 3])
        if gap is None:
            break
        pos = m.end() + len(gap.group())
    return out


def _is_personal(token: str, judge, *, strong: bool) -> bool:
    """Whether a word after a person cue is a name: listed, unknown, or (after a strong cue) an
    ambiguous first name or any word not in the stop list (after a title: "Dr. Brown")."""
    low = token.lower().rstrip("'’s") if token.lower().endswith(("'s", "’s")) else token.lower()
    if low in STOP:
        return False
    status = judge.status(token)
    if status in ("name", "nameword") or (status == "unknown" and len(token) >= 2):
        return True
    return strong and judge.listed_first_name(token)


def _header_name(value: str, judge) -> bool:
    """"RE: ANDERSON, Ann" is a name; "RE: BED, PT" (ordinary words, a stop word) is not."""
    words = [w.group() for w in WORD_RE.finditer(value)]
    if any((w.lower() in STOP or w.lower() in DESCRIBED) and not _listed(w, judge) for w in words):
        return False
    return not all(judge.status(w) == "safe" and not _listed(w, judge) for w in words)


def _listed(token: str, judge) -> bool:
    return judge.status(token) in ("name", "nameword") or judge.listed_first_name(token)


def _take(text: str, pos: int, judge, spans: list, *, first_strong: bool, title: bool = False,
          initial: bool = False, relative: bool = False, labelled: bool = False, given: bool = False) -> None:
    words = _tokens_after(text, pos)
    if not words:
        return
    first = words[0].group()
    if re.fullmatch(r"(?:II|III|IV|VI|VII|VIII|IX)", first):
        return  # "children: II. Acute ...": a part's number, not an initial
    if first_strong and not title and len(first) == 1 and len(words) > 1 and (
            text[words[0].end():words[0].end() + 1] == "." or first.isupper() == words[1].group()[:1].isupper()):
        # an initial before a surname after a person cue: "pronounced by RN G. Brown", "wife - J. KIM"; with or
        # without its period when both are in one casing: "Patroller J Jaber", "wife - j kim" (names10, 2026-12-07)
        surname = words[1].group()
        if (_is_personal(surname, judge, strong=True) or surname.capitalize() in judge.lexicon.last
                or maybe_name(surname, judge)) \
                and surname.lower() not in DESCRIBED and surname.lower() not in STOP:
            spans.append((words[0].start(), words[1].end(), "NAME"))
        return
    if not first_strong and not labelled and first.isupper() and len(first) <= 3 and judge.status(first) == "unknown":
        return  # "PER OSH", "PCP PH": an unlisted acronym after a weak cue, not a person
    if not first_strong and casing(line_at(text, pos)) == "mixed" and first.islower() and not _listed(first, judge):
        return  # "eliminated by monotherapy": a lower-case word after a weak cue must be a listed name
    if not first_strong and first.isupper() and len(first) > 1 and casing(line_at(text, pos)) == "mixed":
        return  # "accompanied by EMS": an acronym in a mixed-case sentence is not a name
    if first in PLACEHOLDERS:
        return  # "Dr. X", "Mr. XYZ": the writer's placeholder for a name, not an initial
    if initial and len(first) == 1 and first.isalpha():
        # a single initial after a title: "D/W DR K", "Dr. M."
        spans.append((words[0].start(), words[0].end(), "NAME"))
        return
    one_case = casing(line_at(text, pos)) != "mixed"
    if relative and first.lower() in STOP and judge.listed_first_name(first) and _KIN_NAME_END.match(text, words[0].end()):
        spans.append((words[0].start(), words[0].end(), "NAME"))  # "grandson will at 689 ...", "(FATHER WILL)"
        return
    if relative and len(first) >= 2 and judge.status(first) == "safe" and first.lower() not in STOP \
            and first.lower() not in DESCRIBED and not _NOT_A_NAME_FORM.match(first) and _CLAUSE_END.match(text, words[0].end()):
        spans.append((words[0].start(), words[0].end(), "NAME"))  # "her son taro."
        return
    if len(first) < 2 or not (_is_personal(first, judge, strong=first_strong)
                              or relative and first.lower() not in DESCRIBED and first.lower() not in STOP
                              and maybe_name(first, judge)
                              or (title and first.lower() not in STOP and first.lower() not in AFTER_TITLE
                                  and (one_case or not first.islower()))):
        return
    end = words[0].end()
    # "dr. lisa cuddy": after a title and a listed first name, a listed surname goes on the name even
    # when it is a dictionary word
    given = (title and judge.listed_first_name(first)
             or given and (judge.listed_first_name(first) or judge.status(first) in ("name", "unknown")))
    for w in words[1:]:
        token = w.group()
        low = token.lower()
        surname = given and low not in AFTER_TITLE and (token.capitalize() in judge.lexicon.last or (
            low not in judge.core and not low.endswith(("ed", "ing"))))  # "cuddy": a word, but no clinical one
        if low in _FIELD_WORDS:
            break  # "Casualty Harpreet Saleh DOB 08/27/1958": the next field's label
        if len(token) == 1 or (token.lower() not in STOP and (surname or judge.status(token) in ("name", "nameword", "unknown"))):
            end = w.end()
        else:
            break
    if not title and eponym_or_organisation(text, words[0].start(), end):
        return  # "by Cox proportional hazards", "with Bell palsy"
    spans.append((words[0].start(), end, "NAME"))


_DEGREES = frozenset("md do rn np pa phd mb chb bch mbbs mbbch bm bs bvsc bvms frcs frcp mrcp mrcs mrcgp mrcvs rgn rmn".split())
_FIELD_WORDS = frozenset("dob mrn nhs chi dea npi gmc nmc cert badge tel mob ph fax pager bleep".split())


def _before(text: str, start: int, judge, spans: list, *, strong: bool = False) -> None:
    """The words just before a credential or a "(wife)": "KATE RN", "Smith, MD", "april (wife)"."""
    words = list(WORD_RE.finditer(text[max(0, start - 40):start]))
    offset = max(0, start - 40)
    kept = []
    for w in reversed(words):
        between = text[offset + w.end():start if not kept else offset + kept[-1].start()]
        if not re.fullmatch(r"[ \t]*,?[ \t]*|\.[ \t]*", between) or len(kept) == 2:
            break
        token = w.group()
        if token.lower() in _DEGREES:
            break  # "Huang MB ChB FRCS": a degree before another is no name
        adjacent = strong and not kept and token.lower() not in STOP and token.lower() not in DESCRIBED
        if not (len(token) == 1 or adjacent or _is_personal(token, judge, strong=True) or maybe_name(token, judge)):
            break
        if not strong and token.lower() in ROLE_BEFORE_CREDENTIAL:
            break  # "see MD note", "SEE WOUND RN NOTE", "night RN": a kind of clinician, not a name
        if not strong and token.islower() and casing(line_at(text, start)) == "mixed" and not _listed(token, judge):
            break  # "conce rn" in a mixed-case text: a broken word, not "kate rn"
        kept.append(w)
    if kept and any(len(w.group()) > 1 for w in kept):
        spans.append((offset + kept[-1].start(), offset + kept[0].end(), "NAME"))


# the patient's line of a header or of a hand-off list (people6, 2026-12-07): the name opens the line (after
# a list's "3)"), then a date of birth or an age (after a room: "787-A"), then a record number on the same
# line: "HOMER  5/28/1999  MR# 87M01130", "1) rania bland 787-A 90yo  MRN: K317455", "cough, betty 516-b  95 yr old"
_AGE_FORM = (r"(?:\d{1,3}[ \t]*(?:(?i:yo\b|y/o\b|y\.o\.|yrs?\b|yr[ \t]+old|-?years?-old|year[ \t]+old)|[MFmf]\b)|"
             r"(?i:age)[ \t]*:?[ \t]*\d{1,3}\b|(?i:[a-z]+(?:-[a-z]+)?-year-old))")
_DATE_FORM = r"(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}-[A-Za-z]{3}-\d{4})"
_RECORD_ON_LINE = (r"[^\n]*?(?:(?i:mrn|mr[ \t]*#|cr[ \t]*#|med[ \t]+rec|unit[ \t]+no|hosp[ \t]+no|nhi|ssn|ss#)|\d{5,}|"
                   r"\d{3}-\d{2}-\d{2,4}|[A-Za-z]\d{5,})")
PATIENT_LINE_RE = re.compile(
    rf"(?m)^[ \t]*(?P<item>\d{{1,2}}[).][ \t]*)?(?P<name>[{LETTERS}][{LETTERS}'’\-]*(?:,[ \t]*[{LETTERS}][{LETTERS}'’\-]*"
    rf"(?:[ \t]+[{LETTERS}]\b)?|(?:[ \t][{LETTERS}][{LETTERS}'’\-]*){{0,2}}))"
    rf"(?:[ \t]{{2,}}{_DATE_FORM}|[ \t]+(?P<room>\d{{2,4}}-?[A-Za-z]?[ \t]+)?{_AGE_FORM}){_RECORD_ON_LINE}")
# "LAST,FIRST M" written without a space after the comma and with a middle initial, the registration
# systems' form, in any casing: "Decedent: CROSS,JING U   age: 101", "Recipient: PARKER,AMA Y  MR# 31X03066"
LAST_COMMA_FIRST_RE = re.compile(
    rf"(?:^|(?<=:)|(?<=[ \t]{{2}}))[ \t]*(?P<name>(?:[{LETTERS}]{{2,}}[ \t])?[{LETTERS}][{LETTERS}'’\-]+,"
    rf"[{LETTERS}]{{2,}}[ \t][{LETTERS}])(?=[ \t]*$|[ \t]{{2,}}|[ \t]*\d)", re.M)
# "BURNS,PAT", "female, smirnov,halyna", "Screened by NKOSI,KIRSTY": a surname glued to the given name by a
# comma without a space is how registration systems print a person, wherever the print is pasted; running text
# puts a space after its commas (names10, 2026-12-07: 1,267 such pairs on sets 4-9, every one a person; one in
# the PHI-free dialogues, "products,sir", two ordinary words)
GLUED_LAST_FIRST_RE = re.compile(
    rf"(?<![\w'’\-.,/@])(?P<name>[{LETTERS}][{LETTERS}'’\-]+,[{LETTERS}][{LETTERS}'’\-]+(?:[ \t][{LETTERS}](?![\w'’\-]))?)"
    rf"(?![\w'’\-]|[.,][{LETTERS}\d]|@)")
# a nickname in quotes after what introduces one, whatever the word ('goes by "Red"', "known as 'Smudge'", 'aka
# "BUD"'): the quotes say the word is what the person is called (names10, 2026-12-07)
# "known as", "aka" and "prefers" also introduce drugs and things ('known as "Ecstasy"'): a name's word there only
NICKNAME_RE = re.compile(rf"(?i:\b(?:(?P<person>goes[ \t]+by|nicknamed?|calls[ \t]+(?:him|her|them)sel(?:f|ves)|"
                         rf"(?:likes|prefers)[ \t]+to[ \t]+be[ \t]+called)|known[ \t]+as|a\.?k\.?a\.?|prefers))[ \t]+[\"“'‘]"
                         rf"(?P<name>[{LETTERS}][{LETTERS}'’\-]*(?:[ \t][{LETTERS}][{LETTERS}'’\-]*)?)[\"”'’]")
# a row of a log that opens with its time stamp, then the person it is about or who wrote it, then a comma, a bracket
# or a colon: a district nurse's visits ("13:45 angel hunter, 773 Quarry Avenue - leg ulcer"), a tele-ICU or a
# medic's log ("01:29 v.hunter: called bedside rn", "22:10 JOAO ARSLAN (scaffolder"), a first-aid post's book
# ("20:10 lupe ben-ami wristband W617811") (names10, 2026-12-07); "08:00 plan:", "17:21 caller:" are no one
_LOG_HANDLE = r"[a-z][a-z0-9]*(?:[._][a-z0-9]+)+|[a-z]{3,}\d{1,3}"
TIMED_ROW_RE = re.compile(
    rf"(?m)^[ \t]*\[?(?:\d{{1,2}}[./\-]\d{{1,2}}[./\-]\d{{2,4}}[ \t]+)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?\]?[ \t]+"
    rf"(?:(?P<handle>{_LOG_HANDLE})(?=[ \t]*:)|(?P<name>[{LETTERS}][{LETTERS}'’\-]*(?:[ \t]+(?:[{LETTERS}]\.?|[{LETTERS}][{LETTERS}'’\-]+)){{0,2}})"
    r"(?=[ \t]*[,(:]|[ \t]+[A-Za-z]+[ \t]+[A-Za-z]{0,2}\d{4,}))"
    # ... or a column's gap, the name written with single spaces: "21:15  OKSANA LINDQVIST  iris template" (names11)
    rf"|(?m:^[ \t]*\[?(?:\d{{1,2}}[./\-]\d{{1,2}}[./\-]\d{{2,4}}[ \t]+)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?\]?[ \t]+)"
    rf"(?P<gapped>[{LETTERS}][{LETTERS}'’\-]*(?:[ ](?:[{LETTERS}]\.?|[{LETTERS}][{LETTERS}'’\-]+)){{0,2}})(?=(?:[ ]{{2,}}|\t)\S)")
# a patient described by age right after the name, at the start of a line: "Ifeoma Chase, 22yo, dental hygienist"
NAME_AGE_RE = re.compile(rf"(?m)^[ \t]*(?P<name>[{LETTERS}]{{2,}}(?:[ \t]+[{LETTERS}]{{2,}})?),[ \t]*\d{{1,3}}[ \t]*"
                         r"(?i:yo\b|y/o\b|y\.o\.|yrs?\b|-?year-old)")


# the patient's line of a note's header (names8, 2026-12-07): on the lines just under the title, a name opens the
# line (after a date), then a record number (after two spaces, in brackets, after a bar) or an age with sex:
# "AROHA LITTLE (0652879)  age 36", "folake price   105-04-431   Milton Infirmary", "yiannis  W552776197",
# "11.11.26  WILL,MILES C  A676488338", "Sekou Golden | E3121972 |", "nomvula reddy 96f, urge ...", "marieke, 98, retired"
# a ZIP code after a town and a date after a title are no record number
_ID_FORM = r"(?!\d{5}(?:-\d{4})?\b|\d{1,2}[/\-.]\d{1,2}[/\-.](?:\d{4}|\d{2})\b|\d{4}-\d{2}-\d{2}\b)[A-Za-z]{0,3}\d[\d\-/]{4,}[A-Za-z]?\b"
# a person before their record number in brackets, wherever the line stands: "K+ 6.9 - Marsh R (25165509) acc ...",
# "Hb 52 - IBEKWE, Ifeoma (RX224367)" (names11, 2026-12-07); the words must be a name's (maybe_name)
RECORD_AFTER_RE = re.compile(rf"[ \t]*\((?:(?i:mrn|nhs|nhi|id|hosp[ \t]*no)\.?[ \t:#]*)?{_ID_FORM}\)")
_HEADER_DATE = r"(?:\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}|\d{1,2}-[A-Za-z]{3}-\d{2,4}|\d{4}-\d{2}-\d{2})[ \t]{2,}"
HEADER_PATIENT_RE = re.compile(
    rf"[ \t]*(?:{_HEADER_DATE})?(?P<name>[{LETTERS}][{LETTERS}'’\-]*(?:,[ \t]*[{LETTERS}]{{2,}}(?:[ \t]+[{LETTERS}]\b)?"
    rf"|(?:[ \t]+(?:[{LETTERS}]\.|[{LETTERS}][{LETTERS}'’\-]*)){{0,2}}))"
    rf"(?:[ \t]*\((?:(?i:mbr|mrn|nhi|nhs|id|hosp[ \t]*no)\.?[ \t:#]*)?{_ID_FORM}\)|[ \t]{{2,}}{_ID_FORM}|[ \t]*\|[ \t]*{_ID_FORM}"
    rf"|[ \t]+\d{{1,3}}[MFmf]\b[ \t]*,|,[ \t]*\d{{1,3}},)")
# ... or the record number first, the name after a gap of two spaces: "Svc no. 204 37 9666  MALIK,HONOR  Unit 3",
# "MRN 0048812  ada quist  Ward 4" (names10, 2026-12-07)
NUMBER_THEN_NAME_RE = re.compile(
    rf"[ \t]*[A-Za-z .]{{0,16}}?(?i:no|number|nr|mrn|nhs|id|#)\.?[ \t:#]*(?=[\w\-/ ]*\d)[\w\-/]+(?:[ ][\w\-/]+){{0,3}}[ \t]{{2,}}"
    rf"(?P<name>[{LETTERS}][{LETTERS}'’\-]*(?:,[ \t]*[{LETTERS}]{{2,}}(?:[ \t]+[{LETTERS}]\b)?|(?:[ \t]+[{LETTERS}][{LETTERS}'’\-]*){{0,2}}))"
    r"(?=[ \t]{2,}|[ \t]*$)")
_HEADER_LINES = 4  # the title and the three lines under it


def _header_patient(text: str, judge) -> list:
    out, start = [], 0
    for number, line in enumerate(text.split("\n")[:_HEADER_LINES]):
        m = (HEADER_PATIENT_RE.match(line) or NUMBER_THEN_NAME_RE.match(line)) if number else None
        if m:
            words = [w.group() for w in WORD_RE.finditer(m.group("name"))]
            if not any(w.lower() in STOP or w.lower() in DESCRIBED or w.lower() in SETTINGS for w in words if len(w) > 1) \
                    and not all(judge.status(w) == "safe" and not judge.listed_first_name(w)
                                and w.capitalize() not in judge.lexicon.last for w in words if len(w) > 1):
                out.append((start + m.start("name"), start + m.end("name"), "NAME"))
        start += len(line) + 1
    return out


def _patient_lines(text: str, judge) -> list:
    """The patient's name on a header or hand-off line, a "LAST,FIRST M" field and "Name, 22yo"."""
    out = []
    for rule in (PATIENT_LINE_RE, LAST_COMMA_FIRST_RE, NAME_AGE_RE):
        for m in rule.finditer(text):
            words = [w.group() for w in WORD_RE.finditer(m.group("name"))]
            if any(w.lower() in STOP or w.lower() in DESCRIBED for w in words if len(w) > 1):
                continue
            # "Discharge  5/28/1999  MRN ...": clinical words alone are a title, not a name; a numbered list
            # item with a room and an age is a patient whatever the words ("5) lung 757-b 92yo  MRN ...")
            hand_off = rule is PATIENT_LINE_RE and m.group("item") and m.group("room")
            if not hand_off and all(w.lower() in judge.core and not judge.listed_first_name(w) for w in words if len(w) > 1):
                continue
            out.append((m.start("name"), m.end("name"), "NAME"))
    for m in NICKNAME_RE.finditer(text):
        words = m.group("name").split()
        if not any(w.lower() in STOP or w.lower() in DESCRIBED for w in words) \
                and (m.group("person") or all(maybe_name(w, judge) for w in words)):
            out.append((m.start("name"), m.end("name"), "NAME"))
    for m in TIMED_ROW_RE.finditer(text):
        if m.group("handle"):
            out.append((m.start("handle"), m.end("handle"), "NAME"))
        elif (group := "name" if m.group("name") else "gapped") and _row_person(m.group(group), judge):
            out.append((m.start(group), m.end(group), "NAME"))
    for m in GLUED_LAST_FIRST_RE.finditer(text):
        if _glued_person(m.group("name"), judge):
            out.append((m.start("name"), m.end("name"), "NAME"))
    return out


# the endings of a verb's or an adjective's forms: such a word is never read as a name by inflection alone
_WORD_FORM = re.compile(r"(?i:.*(?:ed|ing|ly|ful|ous|ive|able|ible|less|ness|ment|est|ies))$")


def maybe_name(word: str, judge) -> bool:
    """A listed name, no dictionary word, or a word that is safe only as the inflection of a dictionary word
    ("Nils", "Lars", "Ifeoma" read as plurals and endings of "nil", "lar", ...): in a person's slot it is a
    name (names10, 2026-12-07)."""
    status = judge.status(word)
    if judge.listed_first_name(word) or status in ("name", "nameword", "unknown"):
        return True
    low = word.lower()
    return (status == "safe" and word.isalpha() and low not in judge.safe and low not in judge.core
            and not _WORD_FORM.match(low) and not any(s in judge.core for s in stems(low))  # "picks", "drives"
            and (any(s in judge.safe for s in stems(low)) or MEDICAL_WORD.fullmatch(low) is not None))


def _row_person(name: str, judge) -> bool:
    """Every word a listed name or no dictionary word, and not all of them clinical ("hcf call", "Dressing")."""
    words = [w for w in WORD_RE.findall(name) if len(w) > 1]
    if not words or any(w.lower() in STOP or w.lower() in DESCRIBED for w in words):
        return False
    return all(maybe_name(w, judge) for w in words) \
        and not all(w.lower() in judge.core and not judge.listed_first_name(w) for w in words)


def _glued_person(name: str, judge) -> bool:
    """"BURNS,PAT" and "DOCTOR,YONG" are people, "NAUSEA,VOMITING" and "products,sir" are not: both parts
    in one casing, no function word, and the given name a listed first name or no dictionary word."""
    last, rest = name.split(",", 1)
    given = rest.split()[0]
    if len({"upper" if w.isupper() else "lower" if w.islower() else "title" for w in (last, given)}) > 1:
        return False
    if given.lower() in STOP or given.lower() in DESCRIBED:
        return False
    if maybe_name(given, judge):
        return True  # "NURSE,EOIN V", "DOCTOR,YONG": a surname may be a role's word
    if last.lower() in STOP or last.lower() in DESCRIBED:
        return False
    # "MALIK,HONOR": a surname no dictionary holds before a given name that is no clinical word
    return maybe_name(last, judge) and judge.status(last) != "safe" and given.lower() not in judge.core


@recognizer("people", "NAME", languages=("en",))
def find_people(text: str, lexicon: Lexicon):
    judge = judge_for(lexicon)
    spans: list[tuple[int, int, str]] = []
    labels = speaker_labels(text)  # "Nurse: Okay, I ...": a turn of a conversation, not a name after a cue
    for m in RELATIVE_RE.finditer(text):
        if m.start() in labels:
            continue
        family = FAMILY_RE.match(m.group()) is not None
        if family and m.group().lower().startswith(("poa", "hcp")):
            # a proxy is named as kin are ("POA Bishop."), but a proxy's papers are not ("POA paperwork.")
            after = WORD_RE.match(text, m.end())
            family = after is not None and (after.group().lower() not in judge.lexicon.core
                                            or judge.listed_first_name(after.group()))
        _take(text, m.end(), judge, spans, first_strong=True, relative=family, given=True)
    for m in WRAPPED_KIN_RE.finditer(text):
        if re.fullmatch(r"(?i:[a-z]+)", m.group("kin")) and m.group("kin").lower() not in ("poa", "hcp"):
            _take(text, m.end(), judge, spans, first_strong=True, relative=True, given=True)
    for m in ROLE_CUE_RE.finditer(text):
        _take(text, m.end(), judge, spans, first_strong=True, relative=True, given=True)
    for m in (*JOB_CUE_RE.finditer(text), *GRADE_CUE_RE.finditer(text), *CONTACT_LABEL_RE.finditer(text)):
        _take(text, m.end(), judge, spans, first_strong=True, given=True)
    for m in TITLE_RE.finditer(text):
        doctor = m.group().strip().lower().startswith(("dr", "doc", "prof"))
        _take(text, m.end(), judge, spans, first_strong=True, title=True, initial=doctor)
    for m in CLINICIAN_CUE_RE.finditer(text):
        if m.start() in labels:
            continue
        _take(text, m.end(), judge, spans, first_strong=False, labelled=":" in m.group())
    for m in SUBJECT_RE.finditer(text):
        words = [w.group() for w in WORD_RE.finditer(m.group("name"))]
        if m.group("strong"):
            ok = not any(w.lower() in DESCRIBED or w.lower() in STOP for w in words)
        else:
            ok = all(_is_personal(w, judge, strong=True) or maybe_name(w, judge) for w in words)
        if ok:
            spans.append((m.start("name"), m.end("name"), "NAME"))
    for m in LAST_FIRST_SUBJECT_RE.finditer(text):
        words = [w.group() for w in WORD_RE.finditer(m.group("name"))]
        if all(w[0].isupper() for w in words) and any(_is_personal(w, judge, strong=True) for w in words):
            spans.append((m.start("name"), m.end("name"), "NAME"))
    for m in POSSESSIVE_RE.finditer(text):
        word = m.group("name")
        if word[0].isupper() and not word.isupper() and (judge.listed_first_name(word) or judge.status(word) == "name"):
            spans.append((m.start("name"), m.end("name"), "NAME"))
    spans += [(m.start("name"), m.end("name"), "NAME") for m in HEADER_RE.finditer(text)
              if m.start() not in labels and _header_name(m.group("name"), judge)]
    # initials are written in capitals (or in a note typed all in lower case), never "Nurse: No, I"
    for m in PT_SUBJECT_RE.finditer(text):
        words = [w.group() for w in WORD_RE.finditer(m.group("name"))]
        if all(w.lower() not in STOP and w.lower() not in DESCRIBED and _is_personal(w, judge, strong=True) for w in words):
            spans.append((m.start("name"), m.end("name"), "NAME"))
    for rule in (AT_NUMBER_RE, KNOWN_TO_RE, LAST_FIRST_AGE_RE):
        for m in rule.finditer(text):
            words = [w.group().lower() for w in WORD_RE.finditer(m.group("name"))]
            if not any(w in STOP or w in DESCRIBED or w in AFTER_TITLE for w in words):
                spans.append((m.start("name"), m.end("name"), "NAME"))
    spans += _patient_lines(text, judge) + _header_patient(text, judge) + parentage(text, judge)
    spans += [span for m in INITIALS_FIELD_RE.finditer(text) if m.start() not in labels
              for span in _initials_field(text, m, lexicon)]
    for m in SALUTATION_RE.finditer(text):
        words = [w for w in WORD_RE.finditer(m.group("name"))]
        while words and words[0].group().lower().rstrip(".") in NOT_ADDRESSEE:
            words = words[1:]
        if words and not any(w.group().lower() in NOT_ADDRESSEE or w.group().lower() in STOP for w in words):
            spans.append((m.start("name") + words[0].start(), m.start("name") + words[-1].end(), "NAME"))
    for rule, strong in ((CREDENTIAL_AFTER_RE, False), (BEFORE_RELATION_RE, True), (AGE_AFTER_RE, False)):
        for m in rule.finditer(text):
            _before(text, m.start(), judge, spans, strong=strong)
    for m in RECORD_AFTER_RE.finditer(text):
        # a surname and its initial ("Marsh R (2516...)"): the initial goes on the name found before it
        initial = re.search(r"(?<=[A-Za-z])[ \t][A-Za-z]\.?$", text[max(0, m.start() - 4):m.start()])
        found = len(spans)
        _before(text, m.start() - (len(initial.group()) if initial else 0), judge, spans)
        if initial and len(spans) > found:
            spans[-1] = (spans[-1][0], m.start(), "NAME")
    return [s for s in spans if text[s[0]:s[1]] not in PLACEHOLDERS]

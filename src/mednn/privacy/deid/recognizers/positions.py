"""Names known by where they stand, in any casing: a signature line "/RYAN  IWU, IFEOMA MD  09/11/2020",
a possessive before a phone ("FARHAN'S CELL 207-..."), a lone name that starts a request ("ROLANDO
ASKING FOR UPDATE", "julio asking for update"), the one who signed a consent ("CONSENT SIGNED BY
ROLANDO"), and a nurse practitioner or assistant before "covering" ("NP JUNE COVERING NIGHTS").
"""

from __future__ import annotations

import re

from ..vocabulary import FUNCTION_WORDS, ROLE_BEFORE_CREDENTIAL, Lexicon
from ..words import LETTERS
from . import recognizer
from .hospitals import DESCRIPTIVE, SETTINGS
from .tokens import judge_for

_W = rf"[{LETTERS}][{LETTERS}'’\-]+"
# "/PYG  Evers, Kiki MD  08/01/2020": who typed it, then "Last, First" before a degree
SIGNATURE_RE = re.compile(rf"(?m)^/(?P<who>{_W})[ \t]{{2,}}(?P<last>{_W}),[ \t]+(?P<first>{_W})[ \t]+"
                          r"(?i:MD|DO|NP|PA|RN|PA-C|PhD)\b")
# "FARHAN'S CELL 207-895-6076", "mette's cell 1-207-689-4822": a person's phone, the number after it
PHONE_OWNER_RE = re.compile(rf"\b(?P<n>{_W})['’][sS][ \t]+(?i:cell|mobile|phone|home\s+phone|work\s+phone|number|#)"
                            r"[ \t]*(?:[:#]|is|no\.?)?[ \t]*(?=[+(\dxX])")
# "ROLANDO ASKING FOR UPDATE": a lone word at a line's or a sentence's start, then a request
REQUEST_RE = re.compile(rf"(?:^|(?<=\n)|(?<=[.!?][ \t]))[ \t]*(?P<n>{_W})[ \t]+(?i:asking|calling|called)[ \t]+"
                        r"(?i:for|about|re:?)[ \t]+(?i:an?[ \t]+)?(?i:update|updates|news|results)\b")
SIGNED_BY_RE = re.compile(rf"(?i:\b(?:consent|form|paperwork|proxy)[ \t]+signed[ \t]+by[ \t]+)(?P<n>{_W})(?=[ \t]*[.,;\n]|$)")
COVERING_RE = re.compile(rf"\b(?:NP|PA|np|pa)[ \t]+(?P<n>{_W})[ \t]+(?i:covering|is[ \t]+covering|on[ \t]+call)\b")
# "KUMIKO (pt's wife)", "ROSE CAMARA (FRIEND FROM CHURCH)": one or two words before a bracketed relation
RELATION_AFTER_RE = re.compile(rf"(?<![\w'’\-])(?P<n>{_W}(?:[ \t]+{_W})?)[ \t]*\((?:(?i:pt|patient|her|his)['’]?s?[ \t]+)?"
                               r"(?i:wife|husband|son|daughter|friend|sister|brother|mother|father|partner|niece|nephew|"
                               r"neighbou?r|fianc[eé]e?|girlfriend|boyfriend|cousin|aunt|uncle|grand(?:son|daughter|mother|father))\b")
# a name word or an initial ("jane s. tran", "C. GUL")
_N = rf"(?:[{LETTERS}]\.|{_W})"
# "DO" ends its line or clause, or it is the verb: "Yours sincerely,\nPlease do not hesitate"
_DEGREE = (r"(?:(?i:md|np|rn|lpn|pa-c|pa|phd|dnp|cnm|mbbs|aprn|fnp|crna|licsw|lcsw|dpt|rph|pharmd|ccc-slp|slp|rrt|pgy-?\d)\b"
           r"|(?i:m\.d\.)(?!\w)|(?i:do)\b(?=[ \t]*(?:$|[,.;\n]|\d)))")
# the patient in a header field, whatever the casing: "patient: benjamin rose   mrn: ...", "PT: DUNG ANG | DOB",
# "Name: da costa, julia    Unit No", "patient: crystal walls, 95y"
HEADER_NAME_RE = re.compile(
    rf"(?im)(?:^|[ \t]{{2,}}|\|[ \t]*)(?:patient|pt|name|patient[ \t]+name|participant|client|resident|member|insured|subscriber|policy[ \t]?holder"
    r"|guarantor|beneficiary|surname|last[ \t]+name|family[ \t]+name|first[ \t]+names?|forenames?|given[ \t]+names?"
    r"|first[ \t]+name[ \t]*\(s\)|forename[ \t]*\(s\)"
    # (names8) the person a form is about or who informs it: death forms, assessments, safeguarding referrals
    r"|child|examinee|deceased|decedent|informant)[ \t]*:[ \t]*"
    rf"(?P<n>{_N}(?:[ \t]+{_N}){{0,3}}(?:,[ \t]*{_N}(?:[ \t]+{_N})?)?)"
    r"(?=[ \t]*(?:$|;|(?P<field>[ \t]{2}|\||,[ \t]*\d|\()))")
# who signed or dictated, or whom the visit is with, then a degree or the clause's end:
# "dictated by: c. gul, md", "ELECTRONICALLY SIGNED HALL, EDWARD 11/08", "yours sincerely,\n\nhope mans, md",
# "appt made 10/31 with i. lawal."
SIGNER_RE = re.compile(
    rf"(?i:\b(?:dictated|(?:electronically[ \t]+)?signed)(?:[ \t]+by)?[ \t]*:?[ \t]+|"
    rf"\b(?:appt|appointment)[ \t]+(?:made|scheduled|booked)\b[^.\n]{{0,20}}?\bwith[ \t]+|"
    rf"(?:sincerely|regards|respectfully),?[ \t]*\n(?:[ \t]*\n)?[ \t]*)"
    rf"(?P<n>{_N}(?:[ \t]+{_N}){{0,3}}(?:,[ \t]*(?!{_DEGREE}){_N}(?:[ \t]+{_N})?)?)"
    rf"(?=,?[ \t]+(?P<field>{_DEGREE})|[ \t]*(?:[.;\n]|$)|[ \t]+\d)")
# a name alone before its degree at a line's start, or after a time stamp: "l. bishop, md", "9:05 am   roger to, lpn"
NAME_DEGREE_LINE_RE = re.compile(
    rf"(?im)(?:^|\d{{1,2}}:\d{{2}}(?:[ \t]*[ap]m)?[ \t]{{2,}})[ \t]*(?P<n>{_N}(?:[ \t]+{_N}){{0,3}}),[ \t]*(?P<field>{_DEGREE})")
# a chat log's or a transcript's speaker: "[00:32] sparrow: ok give 250 bolus", "[..] charge rn candy: fyi",
# "Ho: Any swelling?" (a label that opens two lines or more); role words are no one ("Doctor:", "Pt:")
SPEAKER_RE = re.compile(
    rf"(?m)^[ \t]*(?P<stamp>\[(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?|\.\.\.?)\][ \t]*)?"
    rf"(?:(?i:(?:charge|primary|day|night)[ \t]+)?(?i:rn|np|md|pa|lpn|dr\.?)[ \t]+)?"
    rf"(?P<n>{_N}(?:[ \t]+{_N}){{0,2}})[ \t]*:(?=[ \t]+\S)")
# initials where only a clinician stands: "Signed HKK/PBM", "Printed by ASO from ws ...", "d/w KGB and Dr. Patel",
# "SVE 4/80/-3 by LLP;", "-- HDR  05/03", "-- MDS" (a sign-off)
_INI = r"[A-Za-z]{2,3}"
INITIALS_SLOT_RE = re.compile(
    # ... and a letter's reference, the author's initials over the typist's: "Dictated JT/mr", "typed PG/mc" (names11)
    rf"\b(?i:signed|dictated|typed|transcribed)[ \t]+(?P<a>{_INI})[ \t]*/[ \t]*(?P<b>{_INI})(?![\w/])"
    rf"|\b(?i:printed[ \t]+by)[ \t]+(?P<p>{_INI})[ \t]+(?i:from|on|at)\b"
    rf"|\b(?i:d/w|discussed[ \t]+w(?:ith|/)|reviewed[ \t]+w(?:ith|/)|spoke[ \t]+w(?:ith|/))[ \t]+(?P<w>{_INI})[ \t]+(?i:and)[ \t]+"
    rf"(?i:dr|doctor)\b"
    rf"|\b(?i:by)[ \t]+(?P<y>[A-Z]{{3}}|[a-z]{{3}})(?=[ \t]*;)"
    rf"|(?m:^[ \t]*--[ \t]*(?P<o>{_INI})(?=[ \t]*$|[ \t]{{2,}}\d))")
# a name before one or more credentials on a signature line, in any casing: "bilal brown, bsn, rn",
# "CM: summer d'angelo lcsw  622-850-3254", "BILL LONG LMSW  891-5224", "-- holly babic rn, chpn"
_CREDENTIAL = (r"(?:md|do|np|rn|lpn|bsn|msn|msw|lmsw|lcsw|licsw|ccm|chpn|cnm|cwocn|aprn|fnp|dnp|crna|pa-c|rd|ld|rdn|"
               r"rph|pharmd|ot|otr|pt|dpt|slp|ccc-slp|rrt|rt|emt(?:-[bpi])?|m\.div\.?|phd)")
SIGNATURE_LINE_RE = re.compile(
    rf"(?im)(?:^|(?<=:)|(?<=--))[ \t]*(?P<n>{_N}(?:[ \t]+(?!{_CREDENTIAL}(?![\w\-])){_N}){{1,3}}),?[ \t]+{_CREDENTIAL}(?![\w\-])"
    rf"(?=(?:,?[ \t]*{_CREDENTIAL}(?![\w\-]))*[ \t]*(?:$|[ \t]{{2}}|\(?\+?\d|(?i:ext|x|pager|at|since)\b))")
# who may own a phone or sign without being named: "WIFE'S CELL", "signed by pt", "HUSBAND ASKING"
NOT_A_NAME = frozenset("""
pt pt's patient patients wife husband son daughter mother father sister brother family friend friends
spouse partner niece nephew aunt uncle cousin grandson granddaughter hcp proxy guardian nurse doctor
dr md np pa rn team resident fellow attending surgeon cardiologist pcp caller he she they someone
home work office main unit floor clinic the his her their my your our its also now still already currently will not
""".split()) | frozenset(w.lower() for w in FUNCTION_WORDS)


# "Discussed with padraig fifita who agrees.", "attending sunita runningwater;": a colleague conferred with,
# written in lower case, two words ending the clause
CONFERRED_RE = re.compile(r"\b(?i:discussed[ \t]+with|d/w|spoke[ \t]+(?:with|to)|attending|review(?:ed)?\b[^\n;]{0,24}?\bw/)"
                          r"[ \t]+(?P<n>[a-z][a-z'’\-]+[ \t]+[a-z][a-z'’\-]+)(?=[ \t]*(?:[;,.\n]|$|[ \t]+who\b))")


def _conferred(text: str, lexicon: Lexicon) -> list:
    """Two lower-case words after a colleague's cue: every word a listed name or outside clinical vocabulary,
    one of them a listed name or unknown ("discussed with renal team;" names no one)."""
    judge, spans = judge_for(lexicon), []
    for m in CONFERRED_RE.finditer(text):
        words = m.group("n").split()
        listed = [judge.listed_first_name(w) or w.capitalize() in lexicon.last for w in words]
        if not _personal(m.group("n"), lexicon, strict=False) or any(judge.status(w) == "safe" and not ok
                                                                       for w, ok in zip(words, listed)):
            continue
        if any(listed) or any(judge.status(w) == "unknown" for w in words):
            spans.append((m.start("n"), m.end("n"), "NAME"))
    return spans


@recognizer("name_positions", "NAME", languages=("en",))
def find_name_positions(text: str, lexicon: Lexicon):
    spans = []
    for m in SIGNATURE_RE.finditer(text):
        spans += [(m.start(g), m.end(g), "NAME") for g in ("last", "first") if m.group(g).lower() not in lexicon.core]
        if len(m.group("who")) >= 4:  # "/PYG": a typist's initials are not a name; "/Senna" is
            spans.append((m.start("who"), m.end("who"), "NAME"))
    for rule in (PHONE_OWNER_RE, REQUEST_RE, SIGNED_BY_RE, COVERING_RE):
        for m in rule.finditer(text):
            word = m.group("n")
            if word.lower() not in NOT_A_NAME and word.lower() not in SETTINGS:
                spans.append((m.start("n"), m.end("n"), "NAME"))
    judge = judge_for(lexicon)
    for rule in (HEADER_NAME_RE, SIGNER_RE, NAME_DEGREE_LINE_RE):
        for m in rule.finditer(text):
            # a gap of two spaces or more ends a form's field: "SURNAME: GOODMAN      FIRST NAME(S): SELAM"
            value = re.split(r"[ \t]{2,}", m.group("n"))[0]
            field = m.group("field") or value != m.group("n")
            # "patient: crystal walls, 95y": words of the dictionary, but a field or a degree follows
            if _personal(value, lexicon, strict=rule is not NAME_DEGREE_LINE_RE and not field):
                spans.append((m.start("n"), m.start("n") + len(value), "NAME"))
    spans += _speakers(text, lexicon) + _initial_slots(text, lexicon) + _conferred(text, lexicon)
    for m in SIGNATURE_LINE_RE.finditer(text):
        words = [w.rstrip(".").lower() for w in m.group("n").split()]
        listed = any(judge.listed_first_name(w) or w.capitalize() in lexicon.last for w in words)
        if _personal(m.group("n"), lexicon, strict=not listed) and not any(w in ROLE_BEFORE_CREDENTIAL for w in words):
            spans.append((m.start("n"), m.end("n"), "NAME"))
    for m in RELATION_AFTER_RE.finditer(text):
        words = m.group("n").split()
        while words and (words[0].lower() in NOT_A_NAME | SETTINGS or judge.status(words[0]) == "safe"):
            words = words[1:]  # "AND ROSE CAMARA (FRIEND": the name is what follows a function word
        if words and not any(w.lower() in NOT_A_NAME or judge.status(w) == "safe" for w in words):
            spans.append((m.end("n") - len(" ".join(words)), m.end("n"), "NAME"))
    return spans


def _personal(value: str, lexicon: Lexicon, *, strict: bool) -> bool:
    """Words a position says are a person's: no function or role word ("pt: alert and oriented",
    "signed by the patient"); in a header field, one of them a listed name or not clinical vocabulary."""
    words = [w.rstrip(".").lower() for w in re.split(r"[ \t,]+", value) if w]
    if not words or any(len(w) > 1 and (w in NOT_A_NAME or w in SETTINGS or w in DESCRIPTIVE or w in _NOT_PERSONAL) for w in words):
        return False
    return not strict or any(lexicon.known(w) or w not in lexicon.core for w in words if len(w) > 1)


# what stands where a name may: "pt: stable", "signed by: me", "dictated by: resident"
_NOT_PERSONAL = frozenset("""
and or with without to of in on at by for me resident intern student scribe provider staff stable
alert awake comfortable resting sleeping oriented unknown none n/a na same above below see note
""".split())


def _speakers(text: str, lexicon: Lexicon) -> list:
    """Speaker labels that are people: after a chat log's time stamp, or a label that opens two or
    more lines of the text; never a role ("Doctor:") or a heading of safe words ("Plan:")."""
    judge = judge_for(lexicon)
    found = list(SPEAKER_RE.finditer(text))
    opens = {}
    for m in found:
        key = m.group("n").lower()
        opens[key] = opens.get(key, 0) + 1
    spans = []
    for m in found:
        value = m.group("n")
        words = [w.rstrip(".") for w in value.split()]
        initial = len(words) > 1 and len(words[0]) == 1  # "[23:14] m. will:": an initial makes the word a surname
        if not initial and any(w.lower() in NOT_A_NAME or w.lower() in _NOT_PERSONAL or w.lower() in SETTINGS for w in words):
            continue
        named = any(len(w) > 1 and (judge.status(w) in ("name", "nameword", "unknown") or judge.listed_first_name(w))
                    for w in words)
        repeated = opens[value.lower()] >= 2 and _TRANSCRIPT_ROLE_RE.search(text) is not None
        listed = any(judge.listed_first_name(w) or w.capitalize() in lexicon.last for w in words)
        # after a chat log's time stamp a label is a person unless it is clinical vocabulary ("[..] note:")
        clinical = all(len(w) == 1 or w.lower() in judge.core for w in words) and not listed
        if (m.group("stamp") and (named or listed or initial or not clinical)) or (repeated and (named or listed)):
            spans.append((m.start("n"), m.end("n"), "NAME"))
    return spans


def _initial_slots(text: str, lexicon: Lexicon) -> list:
    """Initials in a slot only a clinician fills; never a role or a time ("by pt;", "-- am")."""
    spans = []
    for m in INITIALS_SLOT_RE.finditer(text):
        for group in ("a", "b", "p", "w", "y", "o"):
            value = m.group(group)
            if value is None or value.lower() in NOT_A_NAME or value.lower() in _NOT_INITIALS:
                continue
            if group == "y" and judge_for(lexicon).status(value) == "safe":
                continue  # "confirmed by MRI;": an ordinary abbreviation after "by"
            spans.append((m.start(group), m.end(group), "NAME"))
    return spans


# a transcript: some turn is labelled by a role ("PT: yes, my grandson ...")
_TRANSCRIPT_ROLE_RE = re.compile(r"(?im)^[ \t]*(?:pt|patient|doctor|dr|nurse|rn|caller|parent|mother|father|wife|husband)[ \t]*:")
_NOT_INITIALS = frozenset("am pm day eve noc icu ed er or pt md rn np pa do all and the see".split())

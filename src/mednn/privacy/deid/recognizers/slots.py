"""Names in the structured slots of exported records, in any casing (since 2026-12-07, names7):

* a user handle in a chat export: the speaker of a log line ("2024-06-01 <dkoc77> ok"), a mention
  ("@dawn.koc can u", "Rivka Nowak (@rnowak89):") and who exported it ("exported 2019-08-09 by odonnellr");
* the cells of a CSV export's person columns: a header cell naming a person ("patient_name",
  "clinician", "entered_by", "next_of_kin") marks every cell below it, whatever it holds
  ("HO,BABAJIDE V", "smonk", "dean.swan");
* the person fields of an HL7 v2 message, by the standard's field numbers: PID-5 patient name
  ("|SOW^KOFI^P|"), NK1-2 next of kin, PV1-7/8/9/17 attending, referring, consulting and admitting
  doctor ("|2969657509^ARCHER^GURPREET|"), ORC-10/11/12, OBR-16/28, OBX-16 responsible observer ...;
* initials in a slot only a person fills: "transcribed by MM", "typed E.G.", "Witness: T.A.",
  "Collected by: K.P.", "signed a.p.";
* lists of people after a label ("Crew: A. Roe (reg. 123) / B. Poe", "Facilitators: Menon, Noa");
* letters and e-mails: whom they greet ("Hi Farhan,"), who signs after a closing ("Cheers\nTom Nowak"),
  a person before their role ("seen with kahu prosser, midwife").

A word of the safe vocabulary is taken only where the slot leaves no doubt (a CSV person column, an HL7
name field, a chat speaker); elsewhere it must look like a name's. Add a slot: a regex and a few lines in
the family's function, a case in tests/unit/privacy/test_deid_name_slots.py in every casing.
"""

from __future__ import annotations

import re

from ..vocabulary import Lexicon
from . import recognizer
from .hl7 import hl7_fields
from .positions import NOT_A_NAME
from .table_rows import HEADER_CELL, header_cells, pipe_cells, row_cells
from .tokens import judge_for

# a login name: letters, then letters, digits, dots, underscores or hyphens (never a trailing dot)
_HANDLE = r"[A-Za-z][A-Za-z0-9._\-]{0,30}[A-Za-z0-9]"
# "@dawn.koc" (not an e-mail: no word character before the "@"), "(@rnowak89)"
MENTION_RE = re.compile(rf"(?<![\w.@])@(?P<h>{_HANDLE})(?![\w@]|\.[A-Za-z])")
# an IRC-style log line: an optional time stamp, then "<handle>" and the message
LOG_SPEAKER_RE = re.compile(rf"(?m)^[ \t]*(?:[\[(]?[\d:/.\- ]{{4,22}}(?:[ap]m)?[\])]?[ \t]+)?<(?P<h>{_HANDLE})>(?=[ \t]+\S)")
# who exported, uploaded, typed or signed a record, by login: "exported 2019-08-09 by odonnellr",
# "transcribed 1540 by nasrin.jonesparry", "uploaded by: jsmith2" (a word of the vocabulary is not taken:
# "reviewed by pharmacy")
EXPORTED_BY_RE = re.compile(
    rf"\b(?i:exported|uploaded|downloaded|printed|logged|generated|created|modified|edited|transcribed|typed|entered"
    rf"|signed|verified|updated|approved|documented|charted|scanned)\b[^\n]{{0,24}}?\b(?i:by)[ \t]*:?[ \t]+"
    rf"(?P<h>{_HANDLE})(?=[ \t]*(?:$|[\n.,;)]|[ \t]{{2}}))")
# a login in brackets: labelled ("(login adamsy)", "(user: jsmith2)"), or right after a person in a "by" slot
# ("Transcribed by: B.A. (albuqubi)", "transcribed by: abebe hunter (ahunter8)")
LOGIN_LABEL_RE = re.compile(rf"\((?i:login|log-in|user(?:[ \t]?(?:name|id))?|uid|handle|account)[ \t]*[:=]?[ \t]*(?P<h>{_HANDLE})\)")
HANDLE_AFTER_NAME_RE = re.compile(rf"\b(?i:by)[ \t]*:?[ \t]+(?:[A-Za-z][A-Za-z'’\-]*\.?[ \t]+){{1,4}}\((?P<h>[a-z][a-z0-9._]{{2,30}}[a-z0-9])\)")
# HTML or markup tags are not speakers
_TAGS = frozenset("b i u p a br hr em div span strong small sup sub li ul ol tr td th table html body head title pre code".split())


def _handles(text: str, lexicon: Lexicon) -> list:
    judge = judge_for(lexicon)
    spans = []
    for rule in (MENTION_RE, LOG_SPEAKER_RE, EXPORTED_BY_RE, LOGIN_LABEL_RE, HANDLE_AFTER_NAME_RE):
        for m in rule.finditer(text):
            handle = m.group("h")
            lower = handle.lower()
            if lower in _TAGS or lower in NOT_A_NAME or lower in _NOT_HANDLES:
                continue
            # "@bedtime", "by pharmacy", "(metoprolol)": a plain word of the vocabulary is no login
            if rule not in (LOG_SPEAKER_RE, LOGIN_LABEL_RE) and handle.isalpha() and judge.status(handle) == "safe":
                continue
            spans.append((m.start("h"), m.end("h"), "NAME"))
    return spans


_NOT_HANDLES = frozenset("me system admin administrator user unknown root bot auto automatic interface".split())

# ---- CSV exports -------------------------------------------------------------------------------------

_HEADER_LINE_RE = re.compile(r"(?m)^(?P<h>[A-Za-z][A-Za-z0-9_ ]*(?:(?P<sep>[,\t])[ \t]*[A-Za-z][A-Za-z0-9_ ]*){3,})[ \t]*$")
# a header cell that names a person ...
_PERSON_COLUMN = re.compile(
    r"\b(?:name|names|surname|forename|patient|client|member|resident|clinician|provider|physician|doctor|"
    r"nurse|author|user|username|login|staff|attending|surgeon|consultant|referrer|referring|gp|pcp|signer|"
    # "Collected" alone heads a date's or a place's column ("see batch"); "Collected by" is read by "by" (names11)
    r"signed|entered|recorded|reviewed|ordered|ordering|verified|kin|nok|guardian|caregiver|carer|participant|donor|"
    r"witness|therapist|midwife|initials|by|driver|escort|assessor|medic|"
    # jobs that only a person holds (names11, 2026-12-07): "Dive  Date  Patient  Table  Attendant  Notes"
    r"attendant|operator|prescriber|pharmacist|technologist|radiographer|sonographer|anaesthetist|anesthetist|"
    r"scrub|vaccinator|phlebotomist|interpreter|chaperone|anaes|anaesth|anesth)\b")
# ... unless it holds a number, a date, a contact or a place of that person
_NOT_PERSON_COLUMN = re.compile(
    r"\b(?:id|ids|no|num|number|mrn|nhs|npi|phone|tel|telephone|mobile|fax|email|e mail|date|dob|time|zip|postcode|"
    r"address|city|state|country|clinic|hospital|practice|site|facility|ward|unit|type|code|status|count|age|"
    r"sex|gender|dx|note|notes|reason|relationship|relation|role|specialty|department|dept)\b")
_EMPTY_CELL = frozenset("unknown n/a na none nil self - -- ? null nan".split())


def _cells(line: str, sep: str):
    """(start, end) of each cell of a CSV line, quotes excluded; "" doubled inside quotes is kept."""
    cells, i, n = [], 0, len(line)
    while i <= n:
        if i < n and line[i] == '"':
            j = i + 1
            while j < n and not (line[j] == '"' and (j + 1 >= n or line[j + 1] != '"')):
                j += 2 if line[j] == '"' else 1
            cells.append((i + 1, min(j, n)))
            k = line.find(sep, j)
            i = n + 1 if k < 0 else k + 1
        else:
            k = line.find(sep, i)
            cells.append((i, n if k < 0 else k))
            i = n + 1 if k < 0 else k + 1
    return cells


def _csv_people(text: str) -> list:
    spans = []
    for header in _HEADER_LINE_RE.finditer(text):
        sep = header.group("sep")
        names = [c.strip().lower().replace("_", " ") for c in header.group("h").split(sep)]
        wanted = {i for i, c in enumerate(names) if _PERSON_COLUMN.search(c) and not _NOT_PERSON_COLUMN.search(c)}
        if not wanted:
            continue
        offset = header.end() + 1
        for line in text[offset:].split("\n"):
            if not line.strip() or line.count(sep) < len(names) - 1:
                break  # the table ends at a blank line or a line that is not a row of it
            cells = _cells(line, sep)
            if len(cells) != len(names):
                offset += len(line) + 1
                continue  # a row whose cells do not line up with the header: say nothing of it
            for i in wanted:
                start, end = cells[i]
                value = line[start:end].strip()
                if re.search(r"[A-Za-z]{2}", value) and value.lower() not in _EMPTY_CELL:
                    lead = len(line[start:end]) - len(line[start:end].lstrip())
                    spans.append((offset + start + lead, offset + start + lead + len(value), "NAME"))
            offset += len(line) + 1
    return spans


# ---- tables in text: pipe ("|") and column-aligned tables -------------------------------------------------
# (since 2026-12-07, names8) reports, bed states, screening logs and immunisation records print tables as text:
# "Ward | Bed | Patient | Status", "Scr# | Initials | Screen date", or columns aligned by spaces ("Vaccine   Lot
# Site   Given by"). As in a CSV export, a header cell naming a person marks every cell below it.
_GAP = re.compile(r"[ \t]{2,}")
_NO_ONE = frozenset("self patient pt staff nurse family team unknown pending vacant empty closed blocked".split())


def _person_columns(cells: list[str]) -> set[int]:
    """Indices of the cells that name a person's column; empty unless every cell is a header word."""
    names = [c.strip().lower().replace("_", " ") for c in cells]
    if len(names) < 3 or not all(HEADER_CELL.fullmatch(c) for c in names):
        return set()
    return {i for i, c in enumerate(names) if _PERSON_COLUMN.search(c) and not _NOT_PERSON_COLUMN.search(c)}


def in_header_row(text: str, position: int) -> bool:
    """Whether ``position`` stands in a table's header row: three cells or more of one to three words without
    digits, one of them a field's word ("Name", "Date", "DOB", "Qty", ...), and a row of as many cells or more
    under it ("Case  Name  DOB  Ward", "Date | Patient | Qty in | Qty out"; names11, 2026-12-07)."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    end = len(text) if end < 0 else end
    cells = header_cells(text[start:end])
    if not cells:
        return False
    names = [c.lower().replace("_", " ") for c in cells]
    if not any(_PERSON_COLUMN.search(c) or _NOT_PERSON_COLUMN.search(c) for c in names):
        return False
    following = text[end + 1:text.find("\n", end + 1) if text.find("\n", end + 1) >= 0 else len(text)]
    return len(row_cells(following)) >= len(cells) - 1 and bool(re.search(r"\d", following))


def _cell_span(line_start: int, line: str, start: int, end: int):
    """The NAME span of a person cell line[start:end], if it holds a name's letters."""
    value = line[start:end].strip()
    if len(re.findall(r"[A-Za-z]", value)) < 2 or value.lower() in _EMPTY_CELL or value.lower() in _NO_ONE:
        return None
    lead = len(line[start:end]) - len(line[start:end].lstrip())
    return (line_start + start + lead, line_start + start + lead + len(value), "NAME")


def _pipe_tables(text: str) -> list:
    spans, lines, offset = [], text.split("\n"), 0
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    i = 0
    while i < len(lines):
        cells = pipe_cells(lines[i])
        wanted = _person_columns([lines[i][a:b] for a, b in cells]) if cells else set()
        i += 1
        if not wanted:
            continue
        width = len(cells)
        while i < len(lines):
            row = pipe_cells(lines[i])
            if row is None:
                break  # the table ends at a line that is no row of it
            if len(row) == width and not re.fullmatch(r"[\s|:\-]*", lines[i]):
                spans += [s for s in (_cell_span(starts[i], lines[i], *row[k]) for k in wanted) if s]
            i += 1
    return spans


def _aligned_tables(text: str) -> list:
    """Columns aligned by spaces: a row's cells start where the header's do, each after a space."""
    spans, lines, offset, starts = [], text.split("\n"), 0, []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    for i, header in enumerate(lines):
        if "|" in header or "," in header or len(_GAP.findall(header.strip())) < 2:
            continue
        columns = [m.start() for m in re.finditer(r"(?:^|(?<=[ \t]{2}))[ \t]*\S", header)]
        columns = [c + len(header[c:]) - len(header[c:].lstrip()) for c in columns]
        cells = [header[a:b] for a, b in zip(columns, columns[1:] + [len(header)])]
        wanted = _person_columns(cells)
        if not wanted or columns[0] != len(header) - len(header.lstrip()):
            continue
        if _gap_rows(lines, starts, i, len(cells), wanted, spans):
            continue
        for j in range(i + 1, len(lines)):
            row = lines[j]
            if not row.strip() or not all(c < len(row) and row[c] not in " \t" and (c == columns[0] or row[c - 2:c] == "  ")
                                          for c in columns[:max(wanted) + 1]):
                break  # a blank line or a line whose words do not start under the header's
            for k in wanted:
                end = columns[k + 1] if k + 1 < len(columns) else len(row)
                gap = _GAP.search(row, columns[k], end)
                span = _cell_span(starts[j], row, columns[k], gap.start() if gap else end)
                if span:
                    spans.append(span)
    return spans


def _gap_rows(lines: list[str], starts: list[int], header: int, width: int, wanted: set[int], spans: list) -> bool:
    """Rows typed with two spaces between cells but not under the header's ("DRIVER  VEHICLE  PICK-UP  PATIENT"
    over "AMELIA TRAORE  988-AKV  07:40  LITTLE, LACHLAN  435 NETTLE DR"): two or more rows of as many cells as
    the header are its rows (names10, 2026-12-07). False, adding nothing, when the lines under it are no such rows."""
    rows = []
    for j in range(header + 1, len(lines)):
        line = lines[j]
        lead = len(line) - len(line.lstrip())
        cells = [(lead + m.start(), lead + m.end()) for m in re.finditer(r"\S+(?:[ \t]\S+)*", line.strip())]
        if len(cells) != width:
            break
        rows.append((j, cells))
    if len(rows) < 2:
        return False
    for j, cells in rows:
        spans += [span for k in wanted if (span := _cell_span(starts[j], lines[j], *cells[k]))]
    return True


# ---- HL7 v2 ------------------------------------------------------------------------------------------

# segment -> fields (1-based, as the standard numbers them) holding a person's name: XPN (family^given^...)
# or XCN (id^family^given^...); OBX-15 (producer) holds a login in some exports
_XPN_FIELDS = {"PID": {5, 6, 9}, "NK1": {2, 30}, "IN1": {16}, "GT1": {3}, "MRG": {7}}
_XCN_FIELDS = {"PV1": {7, 8, 9, 17, 52}, "PD1": {4}, "ORC": {10, 11, 12}, "OBR": {16, 28, 32, 33, 34, 35},
               "OBX": {16}, "EVN": {5}, "TXA": {5, 9, 10, 11, 22}, "ROL": {4}, "PRD": {2}}
_PERSON_SEGMENTS = frozenset(_XPN_FIELDS) | frozenset(_XCN_FIELDS)
_NAME_PART = re.compile(r"[A-Za-z][A-Za-z'’\- .]*[A-Za-z]|[A-Za-z]")
_LOGIN_RE = re.compile(r"[a-z][a-z0-9._]{2,30}[a-z0-9]")


def _hl7_people(text: str) -> list:
    spans = []
    for seg, number, field, start in hl7_fields(text, _PERSON_SEGMENTS):
        if number in _XPN_FIELDS.get(seg, ()):
            spans += _components(field, start, first=0)
        elif number in _XCN_FIELDS.get(seg, ()):
            spans += _components(field, start, first=1)
        elif seg == "OBX" and number == 15 and _LOGIN_RE.fullmatch(field):
            spans.append((start, start + len(field), "NAME"))
    return spans


def _components(field: str, start: int, *, first: int) -> list:
    """The family, given and middle name components of each repetition ("~") of an XPN or XCN field;
    in an XCN a lone component without "^" is the person's login or name."""
    spans = []
    for repetition in field.split("~"):
        parts = repetition.split("^")
        shift = 1 if first == 1 and len(parts) == 1 else 0  # a lone XCN component: the person's login or name
        offset = start
        for index, part in enumerate(parts, start=shift):
            for sub in part.split("&"):  # "&" and "^" are one character each: the offset steps past either
                # family and given name; a middle name but not a middle initial (gold standards differ on those)
                if first <= index <= first + 2 - (len(sub.strip()) < 2) and _NAME_PART.fullmatch(sub.strip() or "-"):
                    lead = len(sub) - len(sub.lstrip())
                    spans.append((offset + lead, offset + lead + len(sub.strip()), "NAME"))
                offset += len(sub) + 1
        start += len(repetition) + 1
    return spans


# ---- initials in a person's slot ------------------------------------------------------------------------

# initials end their clause: "checked by VAD coordinator" is a role, not a person's initials
_INITIALS = (r"(?:(?:[A-Za-z]\.[ \t]?){1,3}(?![A-Za-z])|[A-Z]{2,3}\b|[A-Z][a-z]\b)"
             r"(?=[ \t]*(?:$|[.,;:)(\n]|[ \t]{2}|[ \t]+(?i:on|at|and|in)\b|[ \t]+\d))")
INITIALS_SLOT_RE = re.compile(
    rf"\b(?:(?i:transcribed|typed|scribed)(?:[ \t]+(?i:by))?|(?i:collected|witnessed|checked|verified|countersigned|entered"
    rf"|recorded)[ \t]+(?i:by))[ \t]*:?[ \t]+(?P<i>{_INITIALS})"
    rf"|\b(?i:witness|scribe|typist|transcriptionist)[ \t]*:[ \t]*(?P<w>{_INITIALS})"
    rf"|\b(?i:dictated|signed)[ \t]*:?[ \t]+(?P<d>(?:[A-Za-z]\.[ \t]?){{1,3}}(?![A-Za-z])|[A-Z]{{2,3}}(?=,|[ \t]*$|[ \t]*\n))"
    # a sign-off field of a dispensing or compounding record, or a signature label: "Prepared: PKB   Checked: N.S."
    rf"|\b(?i:prepared|checked|released|dispensed|compounded|sig|signature)[ \t]*:[ \t]*(?P<f>{_INITIALS})"
    # "Prepared 2025-08-21 BY APL": capitals after "by" ending the line sign it (not "by MRI", a safe word)
    rf"|\b(?i:by)[ \t]+(?P<b>[A-Z]{{3}})(?=[ \t]*(?:$|\n))")
# teams and services a note is seen "by" ("reviewed by OPD"), never a signer's initials
_TEAMS = frozenset("opd mdt slt icu itu hdu ccu nicu picu ent pcp ems cns amu sau aau ane msk ots pts gps eds".split())
_NOT_INITIALS = frozenset("am pm pt md rn np pa do me us it in on at by to an as is or the and see per via for".split())


def _initial_slots(text: str, lexicon: Lexicon) -> list:
    spans = []
    for m in INITIALS_SLOT_RE.finditer(text):
        group = next(g for g in ("i", "w", "d", "f", "b") if m.group(g) is not None)
        value = m.group(group).rstrip(" \t")
        if value.replace(".", "").replace(" ", "").lower() in _NOT_INITIALS:
            continue
        if group == "b" and (value.lower() in _TEAMS or judge_for(lexicon).status(value) == "safe"):
            continue
        spans.append((m.start(group), m.start(group) + len(value), "NAME"))
    return spans


# ---- lists of people after a label ------------------------------------------------------------------------

# "Crew: AVYA HAUGEN (REG. U1368470) / OISIN ADLER   UNIT 12", "Facilitators: Menon, Noa": a label only
# people follow, then names split by "/", "&", ";", "," or "and"; a bracket after a name (a registration,
# a role) and whatever stands after two spaces are not part of it
PEOPLE_LIST_RE = re.compile(
    # "PARTICIPANTS:" heads a study's population in an abstract, not a list of people; a list is short and ends
    # at a line's end, a field gap or the next label
    r"(?im)\b(?:crew|paramedics|attendants|facilitators|co-?facilitators|attendees|present|team[ \t]+members"
    r"|staff[ \t]+present|escorts?|witnesses"
    # who came to a group, who is on an outreach round, who signed a chart (names10, 2026-12-07)
    r"|attended|in[ \t]+attendance|outreach|signatures|signed[ \t]+by)[ \t]*:[ \t]*(?P<l>[^\n:]{1,160}?)(?=[ \t]{2,}|[ \t]*$|[ \t]*(?<!\w)[\w ]{1,20}:)")
_ROLE_WORDS = frozenset("rn np md do pa emt emt-p emt-b acp pcp poa hcp paramedic paramedics tech technician nurse student "
                        "driver crew lead dr doctor mr mrs ms miss mx and".split())
# words of a licence, a vehicle or a line, never of a name ("State lic. 219566", "plate GWB-7351")
_ITEM_STOP = frozenset("lic licence license reg registration no number badge unit vehicle plate car phone line via pager "
                       "bleep ext tel interpreter chaplain agent proxy surrogate family staff team pt patient".split())


def _people_lists(text: str, lexicon: Lexicon) -> list:
    judge = judge_for(lexicon)
    spans = []
    for m in PEOPLE_LIST_RE.finditer(text):
        base = m.start("l")
        # a bracket ends the name before it ("(reg. U1368470)", "(814.661.3403)"): read it as a separator
        value = re.sub(r"\([^)\n]*\)?", lambda b: "/" + " " * (len(b.group()) - 1), m.group("l"))
        for item in re.finditer(r"[^/&;,]+", value):
            for part in re.split(r"(?i)[ \t]+and[ \t]+", item.group()):
                words = [w for w in re.findall(rf"[A-Za-z][A-Za-z'’\-]*\.?", part)]
                names = [w for w in words if w.rstrip(".").lower() not in _ROLE_WORDS]
                low = [w.rstrip(".").lower() for w in names]
                if not names or len(names) > 4 or any(len(w) > 1 and (w in NOT_A_NAME or w in _ITEM_STOP) for w in low):
                    continue
                # a list of roles or things ("Present: family, chaplain", "interpreter via phone line", "plate GWB-7351")
                # is no one: the words that look like a name's (an initial, a word outside the vocabulary, a listed
                # first name) must be at least as many as the others
                named = sum(1 for w, v in zip(names, low) if re.fullmatch(r"[A-Za-z]\.?", w) or judge.status(v) != "safe"
                            or judge.listed_first_name(v))
                if named == 0 or named < len(names) - named:
                    continue
                first = part.find(names[0])
                last = part.rfind(names[-1]) + len(names[-1])
                offset = base + item.start() + item.group().find(part)
                spans.append((offset + first, offset + last, "NAME"))
    return spans


# ---- letters and e-mails: whom they greet, who signs them, a person and their role -------------------------

_NAME_WORD = r"(?:[A-Za-z][A-Za-z'’\-]+|[A-Za-z]\.?)"
# "Hi Ngaio,", "hello farhan -", "DEAR MARISOL:" at a line's start
GREETING_RE = re.compile(rf"(?im)^[ \t]*(?:hi|hello|hey|dear|morning|good[ \t]+(?:morning|afternoon|evening))[ \t]+"
                         rf"(?P<n>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})[ \t]*(?=[,!:\-–]|$)")
# "Cheers\nNgaio\nHospitalist", "Many thanks,\n\nTom": the line after a closing is who wrote
SIGN_OFF_RE = re.compile(  # a look-ahead: "Thanks\n\nCheers\nNgaio" holds two closings, each tried
    rf"(?im)^(?=[ \t]*(?:cheers|thanks|many[ \t]+thanks|thanks[ \t]+again|thank[ \t]+you|best|best[ \t]+wishes|all[ \t]+the[ \t]+best"
    rf"|kind[ \t]+regards|warm[ \t]+regards|yours[ \t]+faithfully|yours[ \t]+truly|with[ \t]+thanks)[ \t]*[,.!]?[ \t]*\n(?:[ \t]*\n)?"
    rf"[ \t]*(?P<n>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}})[ \t]*(?:\n|$|,))")
# "seen with kahu prosser, midwife", "Please contact LI,JOKO M, Patient Liaison": a name, then its role
_APPOSED_ROLES = (r"midwife|podiatrist|physiotherapist|physio|audiologist|dietitian|dietician|pharmacist|counsell?or|social[ \t]+worker"
                  r"|patient[ \t]+liaison|liaison[ \t]+officer|case[ \t]+manager|health[ \t]+visitor|district[ \t]+nurse|practice[ \t]+nurse"
                  r"|nurse[ \t]+practitioner|care[ \t]+coordinator|chaplain|interpreter|sonographer|radiographer|psychologist"
                  r"|psychiatrist|occupational[ \t]+therapist|speech[ \t]+therapist|registrar|hospitalist|key[ \t]+worker")
APPOSITION_RE = re.compile(
    rf"\b(?i:with|contact|per|by|see|saw|from|cc:?)[ \t]+(?P<n>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}}"
    rf"(?:,[ \t]*{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)?),[ \t]*(?i:the[ \t]+|our[ \t]+)?(?i:{_APPOSED_ROLES})\b")
_NOT_ADDRESSEE = frozenset("all everyone everybody team colleague colleagues sir madam sirs there folks guys both "
                           "doc doctor doctors nurse nurses again so much you".split())


def _letter_people(text: str, lexicon: Lexicon) -> list:
    judge = judge_for(lexicon)
    spans = []
    for rule in (GREETING_RE, SIGN_OFF_RE, APPOSITION_RE):
        for m in rule.finditer(text):
            raw = [w for w in re.split(r"[ \t,]+", m.group("n")) if w]
            words = [w.rstrip(".").lower() for w in raw]
            if not words or any(len(w) > 1 and (w in NOT_A_NAME or w in _NOT_ADDRESSEE or w in _ROLE_WORDS) for w in words):
                continue
            # a closing or a greeting may stand before a team or a heading ("Best\nCardiology team"): some word
            # must look like a name's (not safe vocabulary, or a listed name, or an initial)
            if "i" in words or not any(re.fullmatch(r"[A-Za-z]\.", r) or (len(w) > 1 and judge.status(w) != "safe")
                                       or judge.listed_first_name(w) or w.capitalize() in lexicon.last
                                       for r, w in zip(raw, words)):
                continue
            spans.append((m.start("n"), m.end("n"), "NAME"))
    return spans


@recognizer("name_slots", "NAME", languages=("en",))
def find_name_slots(text: str, lexicon: Lexicon):
    return (_handles(text, lexicon) + _csv_people(text) + _pipe_tables(text) + _aligned_tables(text)
            + _hl7_people(text) + _initial_slots(text, lexicon)
            + _people_lists(text, lexicon) + _letter_people(text, lexicon))

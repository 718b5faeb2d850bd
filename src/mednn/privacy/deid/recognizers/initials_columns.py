"""Staff initials read from a table's layout (names13, 2026-12-08), whatever the table's headers say.

Records that log events row by row (a monitor's alarm log, a ward whiteboard, a dispensing sheet, a
decontamination trace) end or fill one column with the initials of whoever acted on the row ("ACK JS",
"| AT", "cyc 37652  CM  PASS"). No header need name the column (headers are cut short, OCR-garbled or
missing), so the column itself is read: in a block of consecutive rows, the cells at one position
(the same bar-separated or gap-separated cell, counted from the start or from the end, or the row's
last word) are initials when

* at least three rows hold two or three capitals there and nothing else,
* the values differ from row to row (at least three distinct, and most of them distinct: a column of
  one repeated code such as "PO" or "GREEN" is a status, not people), and
* most values are no clinical abbreviation or code the safe vocabulary holds ("IV", "SC", "BD", "ICU",
  a state such as "MA"), so a route, frequency or ward column stays.

A cell that is one of the column's values and also a clinical or function word is still a person there: a column
of initials does not change its meaning row by row ("NA", "IN", "AT" in a column of "OE", "BO", "OO").
The patient written by initials after "pt" ("| pt GH | E5857...", "pt KK, 45") is read here too.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..vocabulary import FUNCTION_WORDS, Lexicon
from . import recognizer
from .tokens import judge_for

_INITIALS = re.compile(r"[A-Z]{2,3}")
_GAP = re.compile(r"[ \t]{2,}|\t")
_NUMBER = re.compile(r"(?<![A-Za-z\d])\d")
_HL7_SEGMENT = re.compile(r"[A-Z][A-Z0-9]{2}\|")
_LAST_WORD = re.compile(r"(?<=[ \t])(?P<w>[A-Z]{2,3})[ \t]*$")
# US states and territories, Canadian provinces: a column of them is an address's, not people's
_STATES = frozenset("""AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM
NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AB BC MB NB NL NS NT NU ON PE QC SK YT""".split())
# the codes that fill a table's other short columns: routes, frequencies, results and flags, sexes, units,
# blood groups, yes / no (two-letter capitals are nearly all some clinical abbreviation, so the safe
# vocabulary cannot tell initials from codes; these columns' closed sets can)
_CODES = frozenset("""PO IV IM SC SQ SL PR NG OG PEG IO ID IT TOP INH NEB PV TD OD BD BID TID QID TDS QDS QD QHS HS AC PC
PRN STAT QAM QPM NOCTE MANE POS NEG NA ND NR NT NK ABN NML LOW HI HH LL YES NO NIL MG ML IU MCG KG CM MM MMOL
AB FM MF MM FF OK OUT IN ON OFF AM PM DAY EVE NOC ICU CCU HDU ED ER OR MAU AMU SDU NICU PICU RR ECG CXR CT MRI US XR
RT LT BIL UNK TBC TBA NFA DNA DNR FC NIV CPAP BIPAP RA NC NRB HFNC FIO""".split())
_FUNCTION = frozenset(w.lower() for w in FUNCTION_WORDS)
# the patient by initials after "pt" before a cell's end, a comma, a bracket or a number
_PT_INITIALS = re.compile(r"\b(?:pt|Pt|PT|patient|Patient|PATIENT)[ \t]+(?P<i>[A-Z]{2,3})(?=[ \t]*(?:\||,|\(|$)|[ \t]+\d)",
                          re.M)


def _cells(line: str, offset: int) -> dict[tuple, tuple[int, int, str]]:
    """The candidate cells of one row by their column key: (kind, index from start), (kind, index from end),
    and the row's last word (in a row of three cells or more)."""
    found: dict[tuple, tuple[int, int, str]] = {}
    if _HL7_SEGMENT.match(line) or not _NUMBER.search(line):
        # an HL7 segment's fields are read by their numbers (:mod:`.slots`); a header row has no number of its
        # own ("SPO2", "CON5" are words)
        return found
    if "|" in line:
        parts, pos = [], 0
        for piece in line.split("|"):
            parts.append((pos, piece))
            pos += len(piece) + 1
        kind = "bar"
    else:
        parts, pos = [], 0
        for m in _GAP.finditer(line):
            parts.append((pos, line[pos:m.start()]))
            pos = m.end()
        parts.append((pos, line[pos:]))
        kind = "gap"
    if len(parts) >= 3:
        for index, (start, piece) in enumerate(parts):
            value = piece.strip()
            if _INITIALS.fullmatch(value):
                begin = offset + start + piece.index(value)
                cell = (begin, begin + len(value), value)
                found[(kind, index)] = cell
                found[(kind, index - len(parts))] = cell
    last = _LAST_WORD.search(line)
    if last and len(parts) >= 3:
        found[("last",)] = (offset + last.start("w"), offset + last.end("w"), last.group("w"))
    return found


def _known(value: str, judge) -> bool:
    return value in _STATES or value in _CODES or value.lower() in _FUNCTION


def _column_initials(text: str, judge) -> list:
    spans, block = [], []
    pos = 0
    for line in text.split("\n") + [""]:
        if line.strip():
            block.append(_cells(line, pos))
        else:
            spans += _read_block(block, judge)
            block = []
        pos += len(line) + 1
    return spans


def _read_block(rows: list[dict], judge) -> list:
    if len(rows) < 3:
        return []
    columns: dict[tuple, list] = defaultdict(list)
    for row in rows:
        for key, cell in row.items():
            columns[key].append(cell)
    spans = set()
    for cells in columns.values():
        values = [value for _, _, value in cells]
        distinct = set(values)
        if len(cells) < 3 or len(distinct) < 3 or len(distinct) < 0.6 * len(values):
            continue
        if sum(_known(v, judge) for v in values) * 2 >= len(values):
            continue  # routes, frequencies, wards, states
        spans.update((start, end, "NAME") for start, end, _ in cells)
    return sorted(spans)


def _patient_initials(text: str, judge) -> list:
    spans = []
    for m in _PT_INITIALS.finditer(text):
        value = m.group("i")
        if value.lower() in _FUNCTION or value in ("ID", "DOB", "MRN", "ED", "OR", "ICU"):
            continue  # "PT IS 66YO", "Patient ID 604-39-37"
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        if sum(c.isupper() for c in line) > sum(c.islower() for c in line) and judge.status(value) == "safe":
            continue  # a line in capitals: "PT WAS 81", "CALLED PT AT 206-..." say nothing of initials
        spans.append((m.start("i"), m.end("i"), "NAME"))
    return spans


@recognizer("initials_columns", "NAME", languages=("en",))
def find_initials_columns(text: str, lexicon: Lexicon):
    judge = judge_for(lexicon)
    return _column_initials(text, judge) + _patient_initials(text, judge)

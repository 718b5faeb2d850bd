"""A note's title that names its clinic by the service ("FALLS CLINIC ASSESSMENT", "memory clinic - <hospital>"):
the service is no place. Shared by the hospital and practice recognizers, which drop such a LOCATION span (moved out
of hospitals.py by the places13 pass, when that module neared 600 lines).
"""

from __future__ import annotations

import re

from ..vocabulary import Lexicon
from .institutions import NOT_A_CODE

# (places8) a note's title that names the clinic by its service opens a line ("FALLS CLINIC ASSESSMENT", "memory
# clinic - <hospital>", "TRAVEL CLINIC  7/19/2019", "BARIATRIC SURGERY CLINIC - PRE-OP EVAL": sets 6 and 7): the
# service is no place; a clinic named by a word that is no clinical word ("Quarrow Clinic") or by its street or
# its health kind ("Summer Street Clinic", "Long Health Clinic") stays a name
_SERVICE_TITLE = re.compile(r"(?P<words>(?:[A-Za-z'’\-]+[ \t]+){1,3})(?i:clinic)")
_NOT_A_SERVICE = frozenset("health street road community city town village family general".split())
# "bariatric", "sports med", "peds ortho"; not "abubakar", "atlantic"
_SPECIALTY_WORD = re.compile(r"[a-z]+(?:iatric|iatrics|ology|ological|ologic)|med|meds|rehab|ortho|neuro|psych|onc|cardio|derm|"
                             r"gyn|peds|paeds|gi|ent|id|uro|pulm|endo|rheum|renal|vasc|obs|ob")


def service_title(text: str, span: tuple[int, int, str], lexicon: Lexicon) -> bool:
    """A LOCATION span that opens a line (or follows a title's dash) and is only clinical words before "clinic"."""
    start, end, kind = span
    line_start = text.rfind("\n", 0, start) + 1
    # (places13) or a title's field after its institution and a spaced dash ("<hospital> - TRANSPLANT CLINIC")
    after_dash = re.search(r"\S[ \t]+[-–][ \t]+$", text[line_start:start]) is not None
    # (places12) the title's first words may stand before the span ("PAEDIATRIC [GROWTH CLINIC]")
    if kind == "LOCATION" and not after_dash and re.fullmatch(r"[A-Za-z'’\- \t]*", text[line_start:start]):
        start = line_start
    m = _SERVICE_TITLE.fullmatch(text, start, end)
    if kind != "LOCATION" or m is None or (start and text[start - 1] != "\n" and not after_dash):
        return False
    words = [w.lower() for w in m.group("words").split()]
    # (places11) a specialty's acronym is a service word too ("OMFS TRAUMA CLINIC")
    return not any(w in _NOT_A_SERVICE for w in words) and all(
        w in lexicon.core or _SPECIALTY_WORD.fullmatch(w) or w in NOT_A_CODE for w in words)

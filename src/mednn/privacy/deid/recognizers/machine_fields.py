"""Person names in the fields of machine formats pasted into notes, read by what the format says a field holds
(names12, 2026-12-07), whatever the casing of the note around them:
* a DICOM header dump: an element of value representation ``PN`` (person name) holds a person, its parts
  separated by ``^`` ("(0008,0090) PN [FAMILY^GIVEN]  # ReferringPhysicianName"); no other element does;
* an X12 (EDI) claim: an ``NM1`` segment whose entity type qualifier is ``1`` (a person, ``2`` an organisation)
  holds the last, first and middle names in its elements 3-5 ("NM1*IL*1*FAMILY*GIVEN****MI*...~").
A field that the format says holds no person holds no name (:func:`machine_non_person`, read by
:mod:`.names_refine`): a DICOM element of a coded or machine representation (``CS``, ``SH``, ``AE``, ``UI`` ...)
or naming the machine ("# Manufacturer", "# StationName"), a DICOM application title ("AE_TITLE=..."), and an
X12 segment that carries no name or address (the interchange header ``ISA``, ``GS``, ``REF``, ``CLM`` ...: only
``NM1``, ``N3``, ``N4`` and ``PER`` do). HL7 v2 person fields are read by :mod:`.slots`.
"""

from __future__ import annotations

import re

from ..vocabulary import Lexicon
from . import recognizer

_DICOM_PERSON = re.compile(r"\(\s*[0-9A-Fa-f]{4}\s*,\s*[0-9A-Fa-f]{4}\s*\)[ \t]+PN[ \t]+\[(?P<value>[^\]\n]+)\]")
# the element separator is the character after the segment's name; a segment ends at "~" or the line's end
_X12_PERSON = re.compile(r"(?m)(?<![A-Za-z0-9])NM1(?P<sep>[*|^:])[A-Za-z0-9]{1,3}(?P=sep)1(?P=sep)"
                         r"(?P<value>[^~\n]*)")
_NAME_PART = re.compile(r"[^\s^=*|:~][^^=*|:~]*[^\s^=*|:~]|[^\s^=*|:~]")


def _parts(value: str, offset: int, separator: str, count: int) -> list[tuple[int, int, str]]:
    spans, start = [], offset
    for part in value.split(separator)[:count]:
        m = _NAME_PART.search(part)
        if m and re.search(r"[A-Za-z]", m.group()):
            spans.append((start + m.start(), start + m.end(), "NAME"))
        start += len(part) + 1
    return spans


@recognizer("machine_fields", "NAME", languages=("en", "es"))
def find_machine_person_fields(text: str, lexicon: Lexicon):
    spans = []
    for m in _DICOM_PERSON.finditer(text):
        spans += _parts(m.group("value"), m.start("value"), "^", 5)
    for m in _X12_PERSON.finditer(text):
        spans += _parts(m.group("value"), m.start("value"), m.group("sep"), 3)
    return spans


_DICOM_ELEMENT = re.compile(r"(?m)^[ \t]*\(\s*[0-9A-Fa-f]{4}\s*,\s*[0-9A-Fa-f]{4}\s*\)[ \t]+(?P<vr>[A-Z]{2})[ \t]+\[[^\]\n]*\]"
                            r"(?P<rest>[^\n]*)")
_MACHINE_VR = frozenset("CS SH AE UI DA TM DT AS DS IS US UL SS SL FL FD OB OW UN AT".split())
_MACHINE_KEYWORD = re.compile(r"#[ \t]*(?:Manufacturer|Model|Software|Modality|Station|Device|Protocol|BodyPart)", re.I)
_AE_TITLE = re.compile(r"\bAE_?TITLE[ \t]*[=:][ \t]*$", re.I)
_X12_SEGMENT = re.compile(r"(?m)(?:^|~)[ \t]*(?P<id>[A-Z][A-Z0-9]{1,2})\*[^~\n]*")
_X12_NAMED = frozenset(("NM1", "N3", "N4", "PER", "N1", "N2"))


def machine_non_person(text: str, start: int) -> bool:
    """Whether ``start`` lies in a field of a machine format that holds no person (see the module's docstring)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    element = _DICOM_ELEMENT.match(text, line_start, line_end)
    if element and element.start() <= start < element.end("rest"):
        return element.group("vr") != "PN" and (element.group("vr") in _MACHINE_VR
                                                or _MACHINE_KEYWORD.search(element.group("rest")) is not None)
    if _AE_TITLE.search(text, line_start, start):
        return True
    if "ISA*" not in text:
        return False
    for segment in _X12_SEGMENT.finditer(text, line_start, line_end):
        if segment.start() <= start < segment.end():
            return segment.group("id") not in _X12_NAMED
    return False


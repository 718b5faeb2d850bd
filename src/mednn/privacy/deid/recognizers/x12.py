"""ASC X12 segments (an 837 claim: ``ISA*00*...~GS*HC*...~NM1*IL*1*ROE*ADA~``) with their elements' offsets
in the text, for the recognizers that read a transaction's fixed elements by position, as ``hl7.py`` reads
HL7 v2 fields. Two readings: :func:`x12_segments` follows an interchange from its ``ISA`` header with the
separator the header declares (the places of a claim, :mod:`.machine_places`); :func:`x12_elements` reads any
``*``-separated segment at a line's start or after ``~``, header or not (the control numbers and codes that are
no ids, :mod:`.not_ids`)."""

from __future__ import annotations

import re
from typing import Iterator

# a segment: its two- or three-letter id at a line's start or after the segment terminator "~", then "*"
_SEGMENT_RE = re.compile(r"(?:^|(?<=~))[ \t]*(?P<seg>[A-Z][A-Z0-9]{1,2})\*(?P<rest>[^~\n]*)", re.M)


def x12_elements(text: str) -> Iterator[tuple[str, int, str, int]]:
    """(segment, number, element, start) of each element of each segment, numbered from 1 as the
    implementation guides number them (ISA13 is the interchange control number)."""
    if "*" not in text or "~" not in text:
        return
    for m in _SEGMENT_RE.finditer(text):
        start = m.start("rest")
        for number, element in enumerate(m.group("rest").split("*"), start=1):
            yield m.group("seg"), number, element, start
            start += len(element) + 1


_ISA_RE = re.compile(r"(?i:ISA)(?P<sep>[*|^:])")


def x12_segments(text: str) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """(segment id in upper case, (start, end) of each element after the id) of each segment of each X12
    interchange in ``text``; nothing when ``text`` holds no ISA header."""
    for isa in _ISA_RE.finditer(text):
        sep = isa.group("sep")
        at = isa.start()
        end = len(text)
        while at < end:
            stop = min((i for i in (text.find("~", at), text.find("\n", at)) if i >= 0), default=end)
            parts, pos = [], at
            for piece in text[at:stop].split(sep):
                parts.append((pos, pos + len(piece)))
                pos += len(piece) + 1
            seg = text[parts[0][0]:parts[0][1]].strip().upper()
            if seg == "ISA" and at != isa.start():
                return  # the next interchange: its own ISA match reads it
            if not re.fullmatch(r"[A-Z][A-Z0-9]{1,2}", seg) and seg:
                return  # the transaction has ended (prose after the claim)
            yield seg, [(a + len(text[a:b]) - len(text[a:b].lstrip()), b - len(text[a:b]) + len(text[a:b].rstrip()))
                        for a, b in parts[1:]]
            at = stop + 1
            while at < end and text[at] in "~\r\n":
                at += 1

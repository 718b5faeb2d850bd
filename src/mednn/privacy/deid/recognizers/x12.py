"""The elements of ASC X12 segments (an 837 claim: ``ISA*00*...~GS*HC*...~NM1*IL*1*ROE*ADA~``) with their
offsets in the text, for the recognizers that read a transaction's fixed elements by position (numbers12),
as ``hl7.py`` reads HL7 v2 fields."""

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

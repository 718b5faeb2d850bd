"""The fields of HL7 v2 segments with their offsets in the text, for the recognizers that read a
message's fixed fields (slots: the person fields; numbers: the patient's ids)."""

from __future__ import annotations

import re
from typing import Collection, Iterator

_SEGMENT_RE = re.compile(r"(?m)^(?P<seg>[A-Za-z][A-Za-z0-9]{2})\|(?P<rest>[^\n]*)")


def hl7_fields(text: str, segments: Collection[str], *, any_case: bool = False) -> Iterator[tuple[str, int, str, int]]:
    """(segment, number, field, start) of each field of each segment named in ``segments`` (upper
    case; ``any_case`` also reads "pid|..."), numbered from 1 as the standard numbers them."""
    for m in _SEGMENT_RE.finditer(text):
        seg = m.group("seg").upper() if any_case else m.group("seg")
        if seg not in segments:
            continue
        start = m.start("rest")
        for number, field in enumerate(m.group("rest").split("|"), start=1):
            yield seg, number, field, start
            start += len(field) + 1

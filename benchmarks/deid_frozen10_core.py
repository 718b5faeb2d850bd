"""Set 10 core: how a note carries its PHI spans while it is written, and the note-wide hands.

A generator writes a note as ordinary f-strings in which every identifier is wrapped by ``P(type, text)``
(an invisible marker pair); ``finish`` strips the markers, applies the note's hand (capitals, lower case,
OCR line breaks) piece by piece, and returns the text with exact character offsets. Standard library only;
nothing here imports mednn.
"""

from __future__ import annotations

import re

TYPES = ("PATIENT", "CLINICIAN", "RELATIVE", "HOSPITAL", "LOCATION", "ADDRESS", "ZIP", "DATE", "YEAR", "AGE",
         "PHONE", "FAX", "EMAIL", "URL", "IP", "SSN", "ID_MRN", "ID_ACCOUNT", "ID_HEALTHPLAN", "ID_LICENSE",
         "ID_DEA", "ID_NPI", "ID_DEVICE", "ID_BIOBANK", "ID_ACCESSION", "ID_DICTATION", "ID_PHOTO", "VEHICLE",
         "BIOMETRIC")

_OPEN, _MID, _CLOSE = "\x01", "\x02", "\x03"
_MARK = re.compile("\x01([A-Z_]+)\x02([^\x01\x02\x03]*)\x03")


def P(kind: str, text: str) -> str:
    """Wrap one identifier; the type must be one of TYPES (checked here, so a typo fails at once)."""
    if kind not in TYPES:
        raise ValueError(f"unknown PHI type {kind!r}")
    if not text or text != text.strip():
        raise ValueError(f"empty or padded {kind} span {text!r}")
    return f"{_OPEN}{kind}{_MID}{text}{_CLOSE}"


def _hand(piece: str, hand: str, rng=None) -> str:
    if hand == "ocr" and rng is not None:
        # a fax read back by OCR: lines broken at odd spaces, a few doubled spaces; identifiers stay whole
        return "".join(("\n" if rng.random() < 0.07 else "  " if rng.random() < 0.05 else " ") if ch == " " else ch
                       for ch in piece)
    if hand == "upper":
        return piece.upper()
    if hand == "lower":
        return piece.lower()
    return piece


def finish(raw: str, hand: str = "mixed", rng=None) -> tuple[str, list[tuple[str, int, int, str]]]:
    """Strip the markers, apply the hand, return (text, [(type, start, end, span_text)])."""
    out: list[str] = []
    spans: list[tuple[str, int, int, str]] = []
    pos = 0
    last = 0
    for m in _MARK.finditer(raw):
        plain = _hand(raw[last:m.start()], hand, rng)
        out.append(plain)
        pos += len(plain)
        value = _hand(m.group(2), "mixed" if hand == "ocr" else hand)
        spans.append((m.group(1), pos, pos + len(value), value))
        out.append(value)
        pos += len(value)
        last = m.end()
    tail = _hand(raw[last:], hand, rng)
    out.append(tail)
    text = "".join(out)
    if any(c in text for c in (_OPEN, _MID, _CLOSE)):
        raise ValueError("nested or broken PHI marker in a note")
    return text, spans


def pick(rng, seq):
    return seq[rng.randrange(len(seq))]


def chance(rng, p: float) -> bool:
    return rng.random() < p


def table(rows: list[list[str]], sep: str = " | ", pad: bool = False) -> str:
    """Rows joined by a separator; ``pad`` aligns columns by their visible width (markers do not count)."""
    if not pad:
        return "\n".join(sep.join(r) for r in rows) + "\n"
    def vis(c):
        return len(_MARK.sub(lambda m: m.group(2), c))
    widths = [max(vis(r[i]) for r in rows if i < len(r)) for i in range(max(len(r) for r in rows))]
    lines = []
    for r in rows:
        cells = [c + " " * (widths[i] - vis(c)) for i, c in enumerate(r)]
        lines.append(sep.join(cells).rstrip())
    return "\n".join(lines) + "\n"

"""Note builder of the eighth frozen English de-identification set: text pieces with PHI spans.

A note is written piece by piece; a PHI piece is recorded as a span (type, start, end) into the
final text, so offsets are right by construction. Casing (normal / ALL CAPS / lower case as typed on
a phone) is applied per piece while writing, which keeps offsets exact for any character.
Layout helpers make two-column PDF text whose lines interleave and notes pasted twice.
"""

from __future__ import annotations

LABELS = (
    "DATE CLINICIAN HOSPITAL PATIENT PHONE LOCATION RELATIVE ADDRESS ID_MRN YEAR ZIP FAX AGE "
    "ID_ACCESSION ID_DEVICE VEHICLE ID_PHOTO EMAIL ID_DICTATION ID_LICENSE BIOMETRIC SSN ID_BIOBANK "
    "URL ID_HEALTHPLAN ID_NPI ID_ACCOUNT IP ID_DEA"
).split()


class Doc:
    """Pieces of one note. ``t`` writes plain text, ``p`` writes a PHI piece, ``ln`` a line."""

    def __init__(self, casing: str = "normal"):
        self.casing = casing
        self.pieces: list[tuple[str | None, str]] = []

    def _case(self, text: str) -> str:
        if self.casing == "upper":
            return text.upper()
        if self.casing == "lower":
            return text.lower()
        return text

    def t(self, *texts: str) -> "Doc":
        for text in texts:
            if text:
                self.pieces.append((None, self._case(text)))
        return self

    def p(self, label: str, text: str) -> "Doc":
        if label not in LABELS:
            raise ValueError(f"unknown label {label}")
        text = self._case(text)
        if text.strip() != text or not text:
            raise ValueError(f"PHI piece with outer blanks for {label}")
        self.pieces.append((label, text))
        return self

    def ln(self, *parts) -> "Doc":
        """One line from parts: a str is plain text, a (label, text) pair is PHI."""
        for part in parts:
            if isinstance(part, tuple):
                self.p(*part)
            else:
                self.t(part)
        self.pieces.append((None, "\n"))
        return self

    def extend(self, other: "Doc") -> "Doc":
        self.pieces.extend(other.pieces)
        return self

    def lines(self) -> list[list[tuple[str | None, str]]]:
        """The pieces split at newlines (PHI pieces never hold a newline)."""
        out: list[list] = [[]]
        for label, text in self.pieces:
            if label is None and "\n" in text:
                chunks = text.split("\n")
                for i, chunk in enumerate(chunks):
                    if chunk:
                        out[-1].append((None, chunk))
                    if i < len(chunks) - 1:
                        out.append([])
            else:
                out[-1].append((label, text))
        if not out[-1]:
            out.pop()
        return out

    def render(self) -> tuple[str, list[tuple[str, int, int, str]]]:
        text_parts, spans, pos = [], [], 0
        for label, text in self.pieces:
            if label is not None:
                spans.append((label, pos, pos + len(text), text))
            text_parts.append(text)
            pos += len(text)
        return "".join(text_parts), spans


def two_columns(left: Doc, right: Doc, width: int = 44, gap: str = "   ") -> Doc:
    """Interleave two column docs line by line, as text pulled from a two-column PDF."""
    out = Doc()
    lrows, rrows = left.lines(), right.lines()
    for i in range(max(len(lrows), len(rrows))):
        lrow = lrows[i] if i < len(lrows) else []
        used = sum(len(t) for _, t in lrow)
        out.pieces.extend(lrow)
        if i < len(rrows) and rrows[i]:
            out.pieces.append((None, " " * max(1, width - used) + gap))
            out.pieces.extend(rrows[i])
        out.pieces.append((None, "\n"))
    return out


def pasted_twice(doc: Doc, joiner: str = "\n\n") -> Doc:
    """The same note pasted twice into one record (copy-forward), both copies annotated."""
    out = Doc()
    out.pieces = list(doc.pieces) + [(None, joiner)] + list(doc.pieces)
    return out


def hard_wrap(doc: Doc, width: int = 68) -> Doc:
    """Re-wrap long lines at a space outside PHI, as a fax or an old export breaks them."""
    out, col = Doc(), 0
    for label, text in doc.pieces:
        if label is not None:
            out.pieces.append((label, text))
            col += len(text)
            continue
        chunks = text.split(" ")
        buf = []
        for i, chunk in enumerate(chunks):
            if i > 0:
                if col + 1 + len(chunk.split("\n")[0]) > width and col > 0:
                    buf.append("\n")
                    col = 0
                else:
                    buf.append(" ")
                    col += 1
            buf.append(chunk)
            col = len(chunk) - chunk.rfind("\n") - 1 if "\n" in chunk else col + len(chunk)
        out.pieces.append((None, "".join(buf)))
    return out

"""What counts as a removed value found again: the search the verifier runs over a written
header (:mod:`.verify`) and the header cleaning runs over copies before writing (:mod:`.header`),
one piece of code so that the two agree. Values only, never logged.
"""

from __future__ import annotations

import re

# code value, coding scheme designator and version, code meaning, long / URN code values
CODE_PARTS = frozenset({0x00080100, 0x00080102, 0x00080103, 0x00080104, 0x00080119, 0x00080120})
_DIGITS = re.compile(r"\d")
# a decimal number ("5.000000", "-11.2", "1.5E-3") measures something: never an id or a date
_DECIMAL = re.compile(r"[-+]?\d*\.\d+(?:E[-+]?\d+)?")
# the de-identifier's own dummy words: never a sign of a leak
_OWN_WORDS = frozenset({"REMOVED", "ANONYMOUS", "19000101", "000000", "19000101000000", "000D"})


def needles(removed: set[str]) -> tuple[re.Pattern | None, frozenset[str]]:
    """``(pattern, whole values)`` to search for, both upper case.

    Name components (``"PN:..."``, >= 3 letters) and identifiers or dates (>= 5 digits) are
    searched as substrings of every value; other removed text (>= 4 characters) as a whole
    value, so that a removed description that is also a kept word ("CHEST") is no leak.
    Decimal numbers are not looked for: a removed "5.000000" is no leak in a kept slice thickness.
    """
    substrings, whole = set(), set()
    for value in removed:
        name = value.startswith("PN:")
        text = value[3:].strip().upper() if name else value.strip().upper()
        if text in _OWN_WORDS or len(text) < 3 or _DECIMAL.fullmatch(text):
            continue
        if len(_DIGITS.findall(text)) >= 5 or (name and text.replace(" ", "").isalpha()):
            substrings.add(text)
        elif len(text) >= 4 and any(c.isalpha() for c in text):  # a short number ("2048") identifies nobody
            whole.add(text)
    if not substrings:
        return None, frozenset(whole)
    # whole words only: a removed name "MARY" is no leak in "PRIMARY"
    alternatives = "|".join(re.escape(s) for s in sorted(substrings, key=len, reverse=True))
    return re.compile(r"(?<![A-Z0-9_])(?:" + alternatives + r")(?![A-Z0-9_])"), frozenset(whole)


def _texts(elem) -> list[str]:
    value = elem.value
    if value is None:
        return []
    if isinstance(value, (bytes, bytearray)):
        return [bytes(value).decode("latin-1", "replace")] if elem.VR in ("UN", "OB") and len(value) < 65536 else []
    values = list(value) if type(value).__name__ == "MultiValue" else [value]
    return [str(v) for v in values]


def removed_copies(elem, pattern: re.Pattern | None, whole: frozenset[str]) -> int:
    """How many values of ``elem`` hold a removed value (``pattern`` and ``whole`` from
    :func:`needles`): the one test of a leak, for the verifier and for the header cleaning that
    cleans copies before verification (:func:`mednn.privacy.dicom.header.clean_header`)."""
    if elem.VR == "SQ":
        return 0
    # a coded entry (code value, scheme, meaning) repeats vocabulary, which may equal a removed
    # description ("CT BRAIN"): only names and identifiers are looked for there
    vocabulary = elem.VR == "CS" or int(elem.tag) in CODE_PARTS
    found = 0
    for text in _texts(elem):
        upper = text.strip().upper()
        found += (upper in whole and not vocabulary) or bool(pattern is not None and pattern.search(upper))
    return found

"""Vehicle identifiers (VINs, licence plates) and biometric identifiers (voiceprint,
fingerprint, retina or iris scan ids): Safe Harbor items L and P."""

from __future__ import annotations

import re

from ..vocabulary import Lexicon
from . import recognizer

# a VIN: 17 characters of digits and capitals without I, O, Q, with at least 2 digits and 2 letters
VIN_RE = re.compile(r"(?<![A-Za-z0-9])(?=(?:[A-HJ-NPR-Z]*\d){2})(?=(?:\d*[A-HJ-NPR-Z]){2})[A-HJ-NPR-Z0-9]{17}(?![A-Za-z0-9])")
PLATE_RE = re.compile(
    r"\b(?i:(?:licen[cs]e|lic\.?)\s+plate(?:\s+(?:number|no\.?|#))?|(?:plate|tag)\s+(?:number|no\.?|#)|"
    r"(?:car|vehicle|auto|truck|van|motorcycle)(?:['’]s)?\s+(?:\(\s*)?(?:plate|tag)s?|"
    r"(?:vehicle|car)\s+registration(?:\s+plate)?(?:\s+(?:number|no\.?|#))?)(?![A-Za-z])(?:\s*[:#]\s*|\s+)(?:(?i:is|was|reads?)\s+)?"
    # "304-cxs" in a note in lower case, "93-6300K"
    r"(?P<v>(?=[A-Za-z0-9\- ]{0,12}\d)[A-Za-z0-9]{2,8}(?:-[A-Za-z0-9]{1,5}|[ ][A-Z0-9]{1,4})?)(?![\w\-])"
)
VIN_CUE_RE = re.compile(r"\b(?i:vin|vehicle\s+identification\s+(?:number|no\.?|#)?)(?![A-Za-z])(?:\s*[:#]\s*|\s+)(?P<v>[A-Za-z0-9]{11,17})\b")
BIOMETRIC_RE = re.compile(
    r"\b(?i:voice\s*print|voiceprint|finger\s*print|fingerprint|retina(?:l)?\s+scan|iris\s+scan|palm\s*print|"
    r"biometric|face\s+(?:template|print))(?:\s+(?i:id|identifier|template|sample|record|no\.?|number|#))*"
    r"\s*[:#=]?\s*(?:(?i:on\s+file\s+as|stored\s+as|is|was)\s+)?(?P<v>(?=[A-Za-z0-9\-_]*\d)[A-Za-z0-9][A-Za-z0-9\-_]{3,})"
)


@recognizer("vehicle", "VEHICLE")
def find_vehicle(text: str, lexicon: Lexicon):
    spans = [(m.start(), m.end(), "VEHICLE") for m in VIN_RE.finditer(text)]
    spans += [(m.start("v"), m.end("v"), "VEHICLE") for m in VIN_CUE_RE.finditer(text)]
    return spans + [(m.start("v"), m.end("v"), "VEHICLE") for m in PLATE_RE.finditer(text)]


@recognizer("biometric", "BIOMETRIC")
def find_biometric(text: str, lexicon: Lexicon):
    return [(m.start("v"), m.end("v"), "BIOMETRIC") for m in BIOMETRIC_RE.finditer(text)]

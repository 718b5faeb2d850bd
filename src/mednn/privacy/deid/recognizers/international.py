"""Identifiers written the way other countries write them, in notes otherwise in English or
Spanish (trial 6: a Canadian postcode, a UK plate, a French street address and a name in Hebrew
script passed through): postcodes of Canada and the UK, current UK number plates, French phone
numbers (trial 7), street
addresses whose street type comes first (rue, avenue, chemin, calle, via, rua ...), and words in
a script the de-identifier cannot read.

The last is the allow-list stance of the engine: a word is kept only when it is known to be
safe, and no word in Hebrew, Arabic, Cyrillic, Devanagari, Thai, Chinese, Japanese or Korean
script is (in such notes it is mostly a name). Greek letters stay: they are clinical
vocabulary ("β-blocker", "TNF-α").
"""

from __future__ import annotations

import re

from ..vocabulary import Lexicon
from . import recognizer

# Canada: A9A 9A9 (no D, F, I, O, Q, U; no W or Z first)
# (in any casing with its space or hyphen, trial 7: "h2x 3k8" in a note typed in lower case)
CANADA_POSTCODE_RE = re.compile(r"(?<![\w\-])(?:[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ \-]?\d[ABCEGHJ-NPRSTV-Z]\d"
                                r"|(?i:[abceghj-nprstvxy]\d[abceghj-nprstv-z][ \-]\d[abceghj-nprstv-z]\d))(?![\w\-])")
# (places6) a Glasgow Coma Scale written as one word ("GCS 14 (E4V4M6)") has a Canadian postcode's shape
GCS_RE = re.compile(r"(?i:e[1-4]v[1-5t]m[1-6])")
# and so has a TNM stage written as one word ("T2N0M0", trial 10 on MEDDOCAN): a postcode with its space stays
TNM_RE = re.compile(r"(?i:t[0-4]n[0-3]m[01])")
# UK: an outward code (SW1A, M1, B33, EC2V) and an inward code (9AA) after one space
UK_POSTCODE_RE = re.compile(r"(?<![\w\-])[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}(?![\w\-])")
# UK plates since 2001: two letters, two digits, three letters ("KX21 ODF")
UK_PLATE_RE = re.compile(r"(?<![\w\-])[A-Z]{2}\d{2} ?[A-Z]{3}(?![\w\-])")
# ("via", "route" and "bd" are left out: "2 via NG tube", "10 route PO", "1 bd" twice daily)
# French numbers: ten digits in pairs from 0X, or +33 and nine ("04 78 62 19 55", "+33 1 45 67 89 10")
FRENCH_PHONE_RE = re.compile(r"(?<![\w+.\-])(?:0[1-9]|\+33[ .\-]?[1-9])(?:[ .\-]\d{2}){4}(?![\w\-]|\.\d)")
_STREET_TYPES = r"rue|avenue|av\.|avda\.|boulevard|boul\.|chemin|allée|allee|impasse|quai|calle|avenida|paseo|carrer|viale|piazza|rua|travessa"
_LINKS = r"(?:de\s+la|de\s+l['’]|des|du|de|del|della|dos|das|do|da|di)"
_NAME_WORD = r"[A-ZÀ-ÖØ-Ý][\w'’\-]*"
STREET_FIRST_RE = re.compile(
    rf"(?<![\w\-])\d{{1,5}}(?:\s*(?:bis|ter|[A-Za-z]))?,?\s+(?i:{_STREET_TYPES})\s+(?:(?i:{_LINKS})\s*)?"
    rf"{_NAME_WORD}(?:\s+(?:(?i:{_LINKS})\s*)?{_NAME_WORD}){{0,3}}")
# letters of scripts the engine has no vocabulary for (Greek is left out: clinical symbols)
_FOREIGN = ("\u0400-\u052f"   # Cyrillic
            "\u0590-\u05ff"   # Hebrew
            "\u0600-\u06ff\u0750-\u077f"  # Arabic
            "\u0900-\u097f"   # Devanagari
            "\u0e00-\u0e7f"   # Thai
            "\u3040-\u30ff"   # Japanese kana
            "\u3400-\u4dbf\u4e00-\u9fff"  # CJK ideographs
            "\uac00-\ud7af")  # Hangul
FOREIGN_SCRIPT_RE = re.compile(rf"[{_FOREIGN}]+(?:[ \t'’\-]+[{_FOREIGN}]+)*")


@recognizer("international", "ZIP", "VEHICLE", "PHONE", "ADDRESS", "NAME")
def find_international(text: str, lexicon: Lexicon):
    spans = [(m.start(), m.end(), "ZIP") for pattern in (CANADA_POSTCODE_RE, UK_POSTCODE_RE)
             for m in pattern.finditer(text) if not (GCS_RE.fullmatch(m.group()) or TNM_RE.fullmatch(m.group()))]
    spans += [(m.start(), m.end(), "VEHICLE") for m in UK_PLATE_RE.finditer(text)]
    spans += [(m.start(), m.end(), "PHONE") for m in FRENCH_PHONE_RE.finditer(text)]
    spans += [(m.start(), m.end(), "ADDRESS") for m in STREET_FIRST_RE.finditer(text)]
    return spans + [(m.start(), m.end(), "NAME") for m in FOREIGN_SCRIPT_RE.finditer(text)]

"""Digit-bearing tokens and their shapes: what the de-identifier's code recognizer
(:mod:`mednn.privacy.deid.recognizers.codes`) reads, and what :mod:`.generate_code_shapes`
learns from PHI-free text into ``code-shapes-<lang>.txt``.

A token is a run of letters and digits joined by ``- . / _ + :`` or a bracketed group
("IL-6", "C5-C6", "25(OH)D", "120/80", "HX-88213"); its shape writes every letter as ``A`` and
every digit as ``9`` and keeps the punctuation ("IL-6" -> ``AA-9``), so casing never matters.

The shipped file holds three kinds of lines, each ``kind<TAB>value``:
* ``word``: a lower-case digit-bearing word seen in PHI-free text ("hba1c", "covid-19");
* ``shape``: the shape of short mixed letter/digit words (at most 3 digits) shared by several
  different safe words ("AA9" from "o2", "t4", "b12"...), exactly or with runs collapsed ("A-9"
  from "il-6", "icam-1", "hiv-1"...);
* ``prefix``: the leading letters of codes of 4 digits or more that PHI-free text uses (drug
  compound series such as "cgs" in "CGS 19755", "u" in "U-74006F");
* ``context``: a lower-case word that stands before a plain number in PHI-free text
  ("platelets", "weight"): a labelled number after it is a measurement.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from . import HERE

CODE_TOKEN_RE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z0-9]+(?:[\-./_+:][A-Za-z0-9]+|\([A-Za-z0-9]{1,4}\)[A-Za-z0-9]*)*(?![A-Za-z0-9])")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")


def code_shape(token: str) -> str:
    """``"IL-6"`` -> ``"AA-9"``: letters to A, digits to 9, punctuation kept (any casing)."""
    return _DIGIT.sub("9", _LETTER.sub("A", token))


def collapsed_shape(token: str) -> str:
    """``"ICAM-1"`` -> ``"A-9"``: :func:`code_shape` with each run of letters or digits written once."""
    return re.sub(r"9+", "9", re.sub(r"A+", "A", code_shape(token)))


def code_prefix(token: str) -> str:
    """The leading letters of a code, lower case: ``"CGS 19755"``, ``"U-74006F"`` -> ``"cgs"``, ``"u"``."""
    m = re.match(r"[^\W\d_]+", token)
    return m.group().lower() if m else ""


def digit_count(token: str) -> int:
    return sum(c.isdigit() for c in token)


def has_letters(token: str) -> bool:
    return any(c.isalpha() for c in token)


class CodeShapes(NamedTuple):
    words: frozenset[str]     # lower-case digit-bearing words known to be safe
    shapes: frozenset[str]    # safe shapes of short mixed words
    contexts: frozenset[str]  # lower-case words that stand before measurements
    prefixes: frozenset[str] = frozenset()  # leading letters of safe codes of 4+ digits


@lru_cache(maxsize=4)
def code_shapes(language: str = "en") -> CodeShapes:
    """The shipped safe digit-bearing words, shapes and contexts of ``language`` (empty if none)."""
    path = HERE / f"code-shapes-{language}.txt"
    kinds: dict[str, set[str]] = {"word": set(), "shape": set(), "context": set(), "prefix": set()}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#") and "\t" in line:
                kind, value = line.split("\t", 1)
                if kind in kinds:
                    kinds[kind].add(value)
    return CodeShapes(frozenset(kinds["word"]), frozenset(kinds["shape"]), frozenset(kinds["context"]),
                      frozenset(kinds["prefix"]))

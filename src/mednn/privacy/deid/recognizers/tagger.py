"""The neural token tagger (:mod:`mednn.privacy.deid.tagger`) as one more recognizer: its spans
join the rules' candidates and go through the same overlap resolution. Not registered by
default: ``Deidentifier(tagger=True)`` (the shipped weights) or ``tagger="path.safetensors"``
adds it. The weights load on the first text, once per process and file."""

from __future__ import annotations

import re
from pathlib import Path

from ....errors import ConfigError
from ..tagger import WEIGHTS
from ..tagger.features import TAG_TYPES
from . import Recognizer

def weights_path(tagger: bool | str | Path) -> Path:
    """The weights file ``tagger`` names (True: the shipped English one); it must exist."""
    path = WEIGHTS if tagger is True else Path(tagger)
    if not path.is_file():
        raise ConfigError(f"De-identification tagger weights {path} not found; fix: pass tagger=True for the "
                          "shipped weights or the path of a file written by python -m mednn.privacy.deid.tagger.train")
    return path


WORD_RE = re.compile(r"[^\W\d_]+")


def allowed(spans, text: str, lexicon) -> list[tuple[int, int, str]]:
    """The tagger's spans less those the allow-list knows are safe: every word of the span is
    safe vocabulary and none a listed name ("formalin", "hematology", "receiving facility"), or
    the span is a bare number of one or two digits. The network reads shapes and context; the
    allow-list keeps it from removing the clinical words a new writer puts in a name's place."""
    kept = []
    for start, end, kind in spans:
        piece = text[start:end]
        words = WORD_RE.findall(piece)
        if piece.isdigit() and len(piece) <= 2:
            continue
        if words and not any(c.isdigit() for c in piece) and all(
                w.lower() in lexicon.safe and not lexicon.known(w) for w in words):
            continue
        kept.append((start, end, kind))
    return kept


def tagger_recognizer(tagger: bool | str | Path) -> Recognizer:
    """A recognizer running the tagger of ``weights_path(tagger)``."""
    path = weights_path(tagger)

    def find(text: str, lexicon) -> list[tuple[int, int, str]]:
        from ..tagger.model import loaded

        return allowed(loaded(path).find(text), text, lexicon)

    return Recognizer("tagger", TAG_TYPES, find, ("en",))

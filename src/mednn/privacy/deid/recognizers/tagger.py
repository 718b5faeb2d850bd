"""The neural token tagger (:mod:`mednn.privacy.deid.tagger`) as one more recognizer: its spans
join the rules' candidates and go through the same overlap resolution. Not registered by
default: ``Deidentifier(tagger=True)`` (the shipped weights) or ``tagger="path.safetensors"``
adds it. The weights load on the first text, once per process and file."""

from __future__ import annotations

from pathlib import Path

from ....errors import ConfigError
from ..tagger import WEIGHTS
from ..tagger.features import TAG_TYPES
from . import Recognizer

_LOADED: dict[Path, object] = {}


def weights_path(tagger: bool | str | Path) -> Path:
    """The weights file ``tagger`` names (True: the shipped English one); it must exist."""
    path = WEIGHTS if tagger is True else Path(tagger)
    if not path.is_file():
        raise ConfigError(f"De-identification tagger weights {path} not found; fix: pass tagger=True for the "
                          "shipped weights or the path of a file written by python -m mednn.privacy.deid.tagger.train")
    return path


def tagger_recognizer(tagger: bool | str | Path) -> Recognizer:
    """A recognizer running the tagger of ``weights_path(tagger)``."""
    path = weights_path(tagger)

    def find(text: str, lexicon) -> list[tuple[int, int, str]]:
        model = _LOADED.get(path)
        if model is None:
            from ..tagger.model import TokenTagger

            model = _LOADED[path] = TokenTagger.load(path)
        return model.find(text)

    return Recognizer("tagger", TAG_TYPES, find, ("en",))

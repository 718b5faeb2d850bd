"""Recognizers of protected health information, one module per family, each registered by
decorator (as Presidio's recognizer registry): a function ``(text, lexicon) -> spans``.

Add a recognizer: write ``@recognizer("name", "TYPE", ...)`` above a function in a module here
(or a new module listed in :data:`MODULES`); the engine runs every registered recognizer whose
types are wanted and resolves overlaps (:func:`mednn.privacy.deid.spans.resolve`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Iterable

from ....registry import Registry
from ..vocabulary import Lexicon

Found = Iterable[tuple[int, int, str]]
MODULES = ("contact", "numbers", "ages", "places", "dates", "false_dates", "not_ids", "names", "vehicles", "codes", "tokens", "people", "hospitals", "practices", "positions", "name_shapes", "staff", "names_refine", "international", "address_lines", "slots", "spanish", "spanish_refine", "machine_fields", "initials_columns")


@dataclass(frozen=True)
class Recognizer:
    name: str
    types: tuple[str, ...]
    find: Callable[[str, Lexicon], Found]
    languages: tuple[str, ...] = ("en", "es")  # the languages whose text it reads


RECOGNIZERS: Registry[Recognizer] = Registry("PHI recognizer")


def recognizer(name: str, *types: str, languages: tuple[str, ...] = ("en", "es")) -> Callable:
    """Register ``find(text, lexicon)`` as the recognizer ``name`` of ``types`` for ``languages``."""

    def decorator(find: Callable[[str, Lexicon], Found]) -> Callable[[str, Lexicon], Found]:
        RECOGNIZERS.register(name)(Recognizer(name, types, find, tuple(languages)))
        return find

    return decorator


# language -> refine(text, candidates, lexicon) -> candidates: a language's last word on what the
# recognizers found (Spanish: eponyms, drug brands and inflected words are not names)
REFINERS: dict[str, Callable[[str, list, Lexicon], list]] = {}


def refiner(language: str) -> Callable:
    """Register ``refine(text, candidates, lexicon)`` for ``language`` (one per language)."""

    def decorator(refine: Callable[[str, list, Lexicon], list]) -> Callable[[str, list, Lexicon], list]:
        REFINERS[language] = refine
        return refine

    return decorator


def all_recognizers() -> list[Recognizer]:
    """Every registered recognizer (the modules of this package are imported on first use)."""
    for module in MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return [RECOGNIZERS.get(name) for name in RECOGNIZERS.names()]

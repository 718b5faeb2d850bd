"""The tagger as a second opinion on the rules' own spans: a NAME or LOCATION span that a rule
proposed without a cue is dropped when the network gives every token of it a PHI probability under
a veto level ("Aspirin Clinic" read by the allow-list as an unknown word, which the tagger reads
as a drug in a sentence). Spans of the cue rules (titles, labels, signatures, hospital phrases)
are never vetoed: the rules and the tagger miss the same things, but they err in different places.
docs/deid.md, "Neural token tagger"."""

from __future__ import annotations

import bisect
from typing import Mapping, Sequence

import numpy as np

# recognizers that propose a word for what it is not (an unknown capitalised word) rather than for a cue
# beside it: only their spans are open to the veto ("cue-less" scope)
CUELESS = frozenset({"allow-list"})
VETOED_TYPES = frozenset({"NAME", "LOCATION"})
SCOPES = ("cue-less", "all")
VETO_LEVEL = 0.01  # a weights file may store its own ("veto" in its info)


def span_phi(offsets: Sequence[tuple[int, int]], probabilities: np.ndarray, start: int, end: int) -> float | None:
    """The highest PHI probability (1 - P(outside)) of the tokens overlapping ``[start, end)``;
    None when no token does (a span of blanks or punctuation the tokenizer skipped)."""
    first = max(bisect.bisect_right(offsets, (start, float("inf"))) - 1, 0)
    best = None
    for i in range(first, len(offsets)):
        s, e = offsets[i]
        if s >= end:
            break
        if e > start:
            phi = 1.0 - float(probabilities[i, 0])
            best = phi if best is None else max(best, phi)
    return best


def vetoed(by_rule: Mapping[str, Sequence[tuple[int, int, str]]], offsets, probabilities, level: float,
           scope: str = "cue-less") -> list[tuple[int, int, str]]:
    """The rules' candidates (``recognizer name -> spans``) less the NAME / LOCATION spans the
    tagger scores under ``level`` on every token. ``scope`` "cue-less": only a span no recognizer
    outside :data:`CUELESS` overlaps with a NAME / LOCATION span of its own; "all": every one.

    >>> import numpy as np
    >>> offsets = [(0, 7), (8, 14)]                          # "Aspirin Clinic"
    >>> probabilities = np.array([[0.999, 0.001], [0.2, 0.8]])
    >>> vetoed({"allow-list": [(0, 7, "NAME")], "date": []}, offsets, probabilities, 0.01)
    []
    """
    if scope not in SCOPES:
        raise ValueError(f"The 'scope' parameter of vetoed must be one of {', '.join(SCOPES)}; got {scope!r}")
    cued = [(s, e) for name, spans in by_rule.items() if name not in CUELESS
            for s, e, kind in spans if kind in VETOED_TYPES]
    kept = []
    for name, spans in by_rule.items():
        for start, end, kind in spans:
            open_to_veto = kind in VETOED_TYPES and (
                scope == "all" or (name in CUELESS and not any(s < end and start < e for s, e in cued)))
            if open_to_veto:
                phi = span_phi(offsets, probabilities, start, end)
                if phi is not None and phi < level:
                    continue
            kept.append((start, end, kind))
    return kept


class SecondOpinion:
    """``(text, recognizer name -> spans) -> candidates`` with the cue-less NAME / LOCATION spans
    the tagger of ``path`` scores under its veto level dropped (the weights load on the first text).

    >>> from mednn.privacy.deid.tagger import WEIGHTS
    >>> SecondOpinion(WEIGHTS)("Take Aspirin daily.", {"allow-list": [(5, 12, "NAME")]})  # doctest: +SKIP
    []
    """

    def __init__(self, path, level: float | None = None, scope: str = "cue-less"):
        self.path, self.level, self.scope = path, level, scope
        self._model = None

    def __call__(self, text: str, by_rule: Mapping[str, Sequence[tuple[int, int, str]]]) -> list[tuple[int, int, str]]:
        if not any(kind in VETOED_TYPES for spans in by_rule.values() for _, _, kind in spans):
            return [span for spans in by_rule.values() for span in spans]  # nothing to ask about: no network run
        if self._model is None:
            from .model import loaded

            self._model = loaded(self.path)  # the tagger recognizer's copy when both run
        level = self.level if self.level is not None else float(self._model.info.get("veto", VETO_LEVEL))
        offsets, probabilities = self._model.probabilities(text)
        return vetoed(by_rule, offsets, probabilities, level, self.scope)

"""Clinical text: each note's length in words and its vocabulary coverage — the share of its
words that the training notes use often (in at least :data:`MIN_NOTES` notes). A site writing
short notes, another language or other abbreviations moves these columns.

The training vocabulary is stored hashed (:func:`~.sketch.category_key` of each word) and only
words found in several notes are kept, so a name or an identifier from one patient's notes is
not in it. A training note's coverage is measured without its own words' help (a word counts
when at least :data:`MIN_NOTES` *other* notes use it), so training and site coverage are
measured alike.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import numpy as np

from .base import SHIFT_COLUMNS, ProfileColumns
from .sketch import category_key

MIN_NOTES = 3  # notes a word must appear in to be part of the training vocabulary
MAX_WORDS = 20_000  # the most widespread words kept
_WORD = re.compile(r"[^\W\d_]{2,}")  # letters only: numbers, dates and ids are never words
_KEY = "vocabulary"


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _texts(dataset) -> list[str]:
    from ...featurizers.text import texts_of

    return texts_of(dataset)


def _training(notes: list[list[str]]) -> tuple[np.ndarray, dict[str, Any]]:
    """Coverage of each training note (leave-one-out) and the hashed vocabulary."""
    spread = Counter()
    for words in notes:
        spread.update(set(words))
    kept = {w for w, k in spread.most_common(MAX_WORDS) if k >= MIN_NOTES}
    coverage = np.full(len(notes), np.nan)
    for i, words in enumerate(notes):
        if words:
            # a word this note uses is known to the *other* notes when they use it MIN_NOTES times
            coverage[i] = sum(w in kept and spread[w] - 1 >= MIN_NOTES for w in words) / len(words)
    keys = sorted(category_key(_KEY, w) for w in kept)
    return coverage, {"vocabulary": keys, "vocabulary_size": len(keys), "min_notes": MIN_NOTES}


def _site(notes: list[list[str]], context: dict[str, Any]) -> np.ndarray:
    known = set(context.get("vocabulary") or ())
    distinct = {w for words in notes for w in words}
    hashed = {w: category_key(_KEY, w) in known for w in distinct}
    return np.array([sum(hashed[w] for w in words) / len(words) if words else np.nan for words in notes])


@SHIFT_COLUMNS.register("text")
def text_columns(dataset, featurizer, profile: dict[str, Any] | None = None) -> ProfileColumns:
    notes = [_words(t) for t in _texts(dataset)]
    lengths = np.array([len(w) for w in notes], dtype=np.float64)
    if profile is None:
        coverage, context = _training(notes)
    else:
        context = {}
        coverage = _site(notes, profile.get("context") or {})
    columns = {"note length (words)": lengths, "vocabulary coverage": coverage}
    # an empty note has no coverage: it is counted by the length column (zeros), not as missing here;
    # every site note fully covered is no shift
    options = {"vocabulary coverage": {"skip": ["missing", "constant"]}}
    return ProfileColumns(columns=columns, n_profiled=len(notes), context=context, options=options)

"""Identifiers in the notes of a run trained without ``privacy.deid`` (trial 5, item 1).

A text run stores its featurizer's vocabulary (TF-IDF n-grams, WordPiece / BPE tokens) in
``featurizer.json``: trained on raw notes, it would hold the patients' names, record numbers and
phone fragments. Without ``privacy.deid`` a training run therefore

- **screens** the notes (up to :data:`MAX_WORDS` words; beyond, a seeded sample of whole notes)
  with the text de-identifier (:mod:`.deid`) and, when its clear
  identifier types (:func:`.levels.clear_identifier`: phones, SSNs, e-mails, URLs, ids, full
  names, full dates ...) are found often enough, adds an ``identifiers_in_notes`` finding naming
  the text column(s) and the count per type (never a value) with the fix ``privacy.deid: true``.
  The span finder also removes 3-4 words per 1,000 of text free of identifiers (drug eponyms,
  capitalised words), so the finding needs both :data:`MIN_SPANS` spans and :data:`MIN_RATE`
  per 1,000 words: a corpus of abstracts is no corpus of patients' notes;
  An ``ID`` counts as clear only behind an identifier label ("MRN:", "acct #", ...) or as a
  long bare number: the allow-list for numbers also marks unlabelled codes, and papers are full
  of them (compound codes like "LY294002", cell lines, mutations: trial 6 found 151 of 800
  Hallmarks of Cancer abstracts flagged for them, 0.3 clear identifiers per 1,000 words without);
- **withholds** from every featurizer vocabulary each word the de-identifier marks (any type)
  in at least half of its occurrences in the notes (a name, a record number, a phone fragment;
  not "patients" or "cancer", which a false removal marks once in hundreds) — in notes the
  screen flags, every such word; otherwise only those in fewer than :data:`SHARED_BY` notes:
  a word marked in many notes of a corpus that holds no patients' identifiers is its
  vocabulary ("Akt" in 52 and "Bax" in 21 of the 800 abstracts), and the featurizer's own
  ``min_df`` keeps words of a single note out anyway:
  :func:`without_words` takes those words out of the texts the featurizer is *fitted* on (never
  out of what the model reads), so no n-gram or token is learned from them. The words live in
  memory for the fit only and are never written.

>>> screen = screen_notes(["Seen by Dr. Jane Smith, call 555-123-4567."], Deidentifier().fit())  # doctest: +SKIP
>>> without_words(["Dr Smith saw her"], frozenset({"smith"}))
['Dr   saw her']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from .deid.recognizers.numbers import ID_BARE_RE, ID_CUE_RE
from .levels import clear_identifier

MIN_SPANS = 5    # clear identifier spans in the notes before the finding is given
MIN_RATE = 1.0   # ... and per 1,000 words of notes
SHARED_BY = 5    # an unflagged corpus keeps marked words that stand in this many notes or more
MAX_WORDS = 200_000  # words screened: beyond, a seeded sample of whole notes (the finder reads
                     # ~10,000 words per CPU-second: 1,000 abstracts took 90 s on the loaded 2-core box)
_WORD = re.compile(r"\w+")


@dataclass
class NoteScreen:
    """What the de-identifier marked in a set of notes: counts only, and the marked words
    (lower-cased) for the featurizer fit, which are never written."""

    n_texts: int = 0
    n_words: int = 0
    n_total: int = 0  # notes in the data (n_texts of them screened: a sample beyond MAX_WORDS words)
    texts_with: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # clear identifier spans per type
    withheld: frozenset[str] = frozenset()

    @property
    def n_spans(self) -> int:
        return sum(self.counts.values())

    @property
    def rate(self) -> float:
        """Clear identifier spans per 1,000 words."""
        return 1000.0 * self.n_spans / max(self.n_words, 1)

    @property
    def flagged(self) -> bool:
        return self.n_spans >= MIN_SPANS and self.rate >= MIN_RATE


def screen_notes(texts: Iterable[str], finder) -> NoteScreen:
    """Run ``finder`` (a fitted :class:`~.deid.Deidentifier`) over ``texts``."""
    out = NoteScreen()
    counts: dict[str, int] = {}
    marked: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    notes_with: Counter[str] = Counter()
    for text in texts:
        text = text if isinstance(text, str) else ""
        out.n_texts += 1
        out.n_words += len(text.split())
        words = [w.lower() for w in _WORD.findall(text)]
        seen.update(words)
        notes_with.update(set(words))
        labelled = [(m.start("v"), m.end("v")) for m in ID_CUE_RE.finditer(text)]
        found = False
        for span in finder.find(text):
            piece = text[span.start:span.end]
            marked.update(w.lower() for w in _WORD.findall(piece))
            if _clear(piece, span, labelled):
                counts[span.type] = counts.get(span.type, 0) + 1
                found = True
        out.texts_with += found
    out.counts = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    out.withheld = frozenset(w for w, n in marked.items()
                             if 2 * n >= seen[w] and (out.flagged or notes_with[w] < SHARED_BY))
    return out


def _clear(piece: str, span, labelled: list[tuple[int, int]]) -> bool:
    """Whether a found span is a clear identifier; an ID only behind a label or as a long bare number."""
    if span.type != "ID":
        return clear_identifier(piece, span.type)
    return (any(s < span.end and span.start < e for s, e in labelled)
            or ID_BARE_RE.fullmatch(piece) is not None)


def without_words(texts: Iterable[str], words: frozenset[str]) -> list[str]:
    """``texts`` with every whole word in ``words`` (compared lower-cased) blanked out."""
    if not words:
        return list(texts)

    def blank(match: re.Match) -> str:
        word = match.group()
        return " " * len(word) if word.lower() in words else word

    return [_WORD.sub(blank, t) if isinstance(t, str) else t for t in texts]


def screen_finding(screen: NoteScreen, columns: list[str]):
    """The ``identifiers_in_notes`` finding for a flagged screen (None otherwise)."""
    from ..findings import Finding

    if not screen.flagged:
        return None
    by_type = ", ".join(f"{t} {n:,}" for t, n in screen.counts.items())
    named = ", ".join(f"'{c}'" for c in columns) or "the notes"
    sample = (f" (a sample of {screen.n_texts:,} of {screen.n_total:,} notes was screened: words of the others "
              "may still enter the vocabulary)" if screen.n_total > screen.n_texts else "")
    return Finding(
        "identifiers_in_notes", "warning",
        f"text column {named} holds identifiers in {screen.texts_with:,} of {screen.n_texts:,} notes ({by_type}; "
        f"{screen.rate:.1f} per 1,000 words){sample}; their words were kept out of the featurizer's vocabulary, but the "
        "model still reads them; fix: set privacy.deid: true (the notes are de-identified before training)",
        count=screen.texts_with, columns=tuple(columns))


def screen_run_notes(dataset) -> None:
    """For a text dataset a run trains on without ``privacy.deid``: adds the
    ``identifiers_in_notes`` finding to ``dataset.findings`` when flagged, and keeps the marked
    words on the dataset object (``fit_withheld_``, an attribute no writer reads) for
    :func:`fit_view`."""
    from ..data.base import add_finding
    from .deid import Deidentifier

    if getattr(dataset, "modality", None) != "text" or not isinstance(dataset.inputs, list):
        return
    texts = _bounded_sample(dataset.inputs)
    screen = screen_notes(texts, Deidentifier().fit())
    screen.n_total = len(dataset.inputs)
    columns = (dataset.notes or {}).get("text_columns") if isinstance(dataset.notes, dict) else None
    finding = screen_finding(screen, [str(c) for c in columns or ()])
    if finding is not None:
        add_finding(dataset.findings, finding)
    dataset.fit_withheld_ = screen.withheld


def _bounded_sample(texts: list) -> list:
    """All of ``texts`` up to :data:`MAX_WORDS` words; beyond, whole notes in a seeded random
    order until the budget is spent (the same notes for the same data)."""
    import numpy as np

    lengths = [len(t.split()) if isinstance(t, str) else 0 for t in texts]
    if sum(lengths) <= MAX_WORDS:
        return texts
    order = np.random.default_rng(0).permutation(len(texts))
    kept, words = [], 0
    for i in order:
        if words >= MAX_WORDS:
            break
        kept.append(int(i))
        words += lengths[i]
    return [texts[i] for i in sorted(kept)]


def fit_view(dataset, train):
    """``train`` as a featurizer is fitted on: its texts without the words
    :func:`screen_run_notes` found marked in ``dataset`` (``train`` itself when none)."""
    from dataclasses import replace

    words = getattr(dataset, "fit_withheld_", None)
    if not words or not isinstance(getattr(train, "inputs", None), list):
        return train
    return replace(train, inputs=without_words(train.inputs, words))

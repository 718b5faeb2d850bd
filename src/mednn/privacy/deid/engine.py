"""The de-identifier: runs every registered recognizer on a text, resolves overlapping
findings, and replaces what it found (:class:`Deidentifier`)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterable, Sequence

from ...data.wordlists import name_lists, vocabulary
from ...errors import ConfigError, DataError, NotFittedError
from .dateshift import patient_date_offset, project_key
from .neighbours import name_neighbours
from .recognizers import REFINERS, all_recognizers
from .recognizers.acronyms import institution_acronyms
from .replace import PLACEHOLDER_RE, replace_spans
from .spans import TYPES, Span, hyphen_joined, resolve
from .vocabulary import CLINICAL_HOMOGRAPHS, Lexicon

LANGUAGES = ("en", "es")


class Deidentifier:
    """Find and replace protected health information in clinical text.

    Parameters
    ----------
    types: identifier types to remove (default: all of :data:`TYPES`).
    date_shift: replace dates by ``[DATE yyyy-mm-dd]`` shifted by a per-patient offset instead of
        ``[DATE]`` (needs ``patient_ids`` in :meth:`transform`; dates without a patient or
        without a year still become ``[DATE]``).
    max_shift_days: offsets are drawn from ``[-max_shift_days, max_shift_days]`` (never 0).
    secret: key of the offsets (at least 16 characters). Default: the ``MEDNN_DEID_SECRET``
        environment variable. ``date_shift=True`` without one is a ConfigError at :meth:`fit`
        (a public key would let anyone with the patient ids undo the shift;
        :func:`mednn.privacy.deid.dateshift.require_secret`); unused without ``date_shift``.
    use_name_lists: also find names without a cue by the shipped list of common names.
    extra_names: names to always remove (e.g. the site's staff list), matched as whole words.
    language: ``"en"`` or ``"es"``: the safe vocabulary and the cue words to read.
    tagger: also run the neural token tagger and union its spans with the rules' (True: the
        shipped English weights; a path: a file its trainer wrote). docs/deid.md, "Neural token tagger".
    second_opinion: also ask the tagger about the rules' own cue-less NAME / LOCATION spans and drop
        those it scores as clearly not PHI (True: the shipped weights; a path: a file its trainer
        wrote). docs/deid.md, "The tagger as a second opinion".

    >>> Deidentifier().fit().find("MRN: 12345678")
    [Span(start=5, end=13, type='ID')]
    """

    def __init__(self, types: Sequence[str] | None = None, date_shift: bool = False, max_shift_days: int = 365,
                 secret: str | None = None, use_name_lists: bool = True,
                 extra_names: Sequence[str] = (), language: str = "en", tagger: bool | str = False,
                 second_opinion: bool | str = False):
        self.types = types
        self.date_shift = date_shift
        self.max_shift_days = max_shift_days
        self.secret = secret
        self.use_name_lists = use_name_lists
        self.extra_names = extra_names
        self.language = language
        self.tagger = tagger
        self.second_opinion = second_opinion

    # -- sklearn contract ----------------------------------------------------------------------
    def fit(self, texts: Iterable[str] | None = None, y: Any = None) -> "Deidentifier":
        """Validate the options and load the word lists (nothing is learnt from ``texts``; ``y``
        is ignored, in scikit-learn's place for targets)."""
        types = TYPES if self.types is None else tuple(str(t).upper() for t in self.types)
        unknown = [t for t in types if t not in TYPES]
        if unknown:
            raise ConfigError(f"Unknown de-identification type(s) {', '.join(unknown)}; expected some of {', '.join(TYPES)}")
        if int(self.max_shift_days) < 1:
            raise ConfigError(f"max_shift_days must be >= 1; got {self.max_shift_days}")
        if self.language not in LANGUAGES:
            raise ConfigError(f"Unknown de-identification language {self.language!r}; expected one of {', '.join(LANGUAGES)}")
        self.types_ = frozenset(types)
        names = name_lists() if self.use_name_lists else (frozenset(),) * 3
        extra = [n.strip() for n in self.extra_names if n and n.strip()]
        pattern = (re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(extra, key=len, reverse=True)) + r")\b")
                   if extra else None)
        words = vocabulary(self.language)
        first, last, ambiguous = names
        # listed names that clinicians write as clinical words are ambiguous: names only beside another
        # name, a title or a cue ("Aline intact" is an arterial line; issue 20, trial 10)
        ambiguous = ambiguous | CLINICAL_HOMOGRAPHS
        self.lexicon_ = Lexicon(first, last, ambiguous, safe=words.safe, core=words.core, name_words=words.name_words,
                               extra=pattern, language=self.language)
        self.recognizers_ = [r for r in all_recognizers() if self.language in r.languages
                             and (self.types_ & set(r.types) or ("FAX" in r.types and "PHONE" in self.types_))]
        if self.tagger:
            self.recognizers_.append(_tagger(self.tagger, self.language))
        self.second_opinion_ = _second_opinion(self.second_opinion, self.language) if self.second_opinion else None
        # keep only a derived key: the offsets are recomputed per patient, never stored
        self._key = project_key(self.secret, purpose="Deidentifier(date_shift=True)") if self.date_shift else None
        return self

    @property
    def first_names_(self) -> frozenset[str]:
        return self._fitted().lexicon_.first

    @property
    def last_names_(self) -> frozenset[str]:
        return self._fitted().lexicon_.last

    @property
    def ambiguous_names_(self) -> frozenset[str]:
        return self._fitted().lexicon_.ambiguous

    def _fitted(self) -> "Deidentifier":
        if "lexicon_" not in self.__dict__:
            raise NotFittedError("Deidentifier is used before fit(); call Deidentifier(...).fit() first")
        return self

    def fit_transform(self, texts: Sequence[str], patient_ids: Sequence[Any] | None = None) -> list[str]:
        return self.fit(texts).transform(texts, patient_ids)

    # -- finding -------------------------------------------------------------------------------
    def find(self, text: str) -> list[Span]:
        """Spans ``(start, end, type)`` of protected information in ``text``: sorted, disjoint,
        offsets into ``text`` itself; never the found strings."""
        self._fitted()
        text = _lf_line_ends(text)
        if self.second_opinion_ is None:
            return self.resolve_candidates(text, [span for r in self.recognizers_ for span in r.find(text, self.lexicon_)])
        by_rule: dict[str, list] = {}
        for r in self.recognizers_:
            by_rule.setdefault(r.name, []).extend(r.find(text, self.lexicon_))
        return self.resolve_candidates(text, self.second_opinion_(text, by_rule))

    def resolve_candidates(self, text: str, candidates: list) -> list[Span]:
        """:meth:`find` from the recognizers' raw ``candidates`` on: the spans joined across
        them, then overlap resolution (a benchmark adds a tagger's spans at several thresholds
        to the rules' candidates computed once)."""
        protected = [(m.start(), m.end()) for m in PLACEHOLDER_RE.finditer(text)]
        candidates = list(candidates)
        candidates += hyphen_joined(text, candidates)
        candidates += institution_acronyms(text, candidates, self.lexicon_)  # "(CWRMC)", "per CWRMC policy"
        if self.language in REFINERS:  # a language's own last word (recognizers/spanish_refine.py)
            candidates = REFINERS[self.language](text, candidates, self.lexicon_)
        candidates += name_neighbours(text, candidates, self.lexicon_)  # "JOHN SMITH", "grace fitzgerald"
        return resolve(candidates, self.types_, protected, text)

    def find_all(self, texts: Sequence[str]) -> list[list[Span]]:
        """:meth:`find` for each text."""
        return [self.find(t) for t in _checked_texts(texts)]

    # -- replacing -----------------------------------------------------------------------------
    def transform(self, texts: Sequence[str], patient_ids: Sequence[Any] | None = None) -> list[str]:
        """De-identified copies of ``texts`` (``patient_ids`` keys the date shift)."""
        return self.transform_with_report(texts, patient_ids)[0]

    def transform_with_report(self, texts: Sequence[str], patient_ids: Sequence[Any] | None = None
                              ) -> tuple[list[str], dict[str, Any]]:
        """Like :meth:`transform`, plus counts per type (never the strings found)."""
        out, spans, report = self.transform_with_spans(texts, patient_ids)
        return out, report

    def transform_with_spans(self, texts: Sequence[str], patient_ids: Sequence[Any] | None = None
                             ) -> tuple[list[str], list[list[Span]], dict[str, Any]]:
        """De-identified texts, the spans found in each original text, and counts per type."""
        self._fitted()
        texts = _checked_texts(texts)
        if patient_ids is not None and len(patient_ids) != len(texts):
            raise DataError(f"patient_ids has {len(patient_ids)} entries for {len(texts)} texts; fix: pass one per text")
        counts: Counter[str] = Counter()
        out, found, changed = [], [], 0
        for i, text in enumerate(texts):
            spans = self.find(text)
            counts.update(s.type for s in spans)
            new = replace_spans(text, spans, self._offset(None if patient_ids is None else patient_ids[i]))
            changed += new != text
            out.append(new)
            found.append(spans)
        report = {"n_texts": len(texts), "n_texts_changed": changed,
                  "counts": {t: counts.get(t, 0) for t in TYPES if t in self.types_},
                  "date_shift": bool(self.date_shift)}
        return out, found, report

    def _offset(self, patient_id: Any) -> int | None:
        if not self.date_shift or is_missing(patient_id):
            return None
        return patient_date_offset(patient_id, self._key, self.max_shift_days)


def _tagger(tagger: bool | str, language: str):
    from .recognizers.tagger import tagger_recognizer

    if language != "en":
        raise ConfigError(f"The de-identification tagger reads English only; got language {language!r}; "
                          "fix: drop tagger or set language='en'")
    return tagger_recognizer(tagger)


def _second_opinion(weights: bool | str, language: str):
    from .recognizers.tagger import weights_path
    from .tagger.second_opinion import SecondOpinion

    if language != "en":
        raise ConfigError(f"The de-identification tagger reads English only; got language {language!r}; "
                          "fix: drop second_opinion or set language='en'")
    return SecondOpinion(weights_path(weights))


def _lf_line_ends(text: str) -> str:
    """``text`` with CRLF read as blank + LF and a lone CR as LF: the same length, so offsets
    stay those of ``text``, and rules that end a value at a line's end (``$``, ``[^\\n]``)
    read Windows and old Mac notes as they read LF ones (trial 17)."""
    return text.replace("\r\n", " \n").replace("\r", "\n") if "\r" in text else text


def is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value) == ""


def _checked_texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise DataError("Deidentifier expects a list of texts; got a single string; fix: pass [text]")
    texts = list(texts)
    bad = [i for i, t in enumerate(texts) if not isinstance(t, str)]
    if bad:
        shown = ", ".join(map(str, bad[:10])) + (f" and {len(bad) - 10} more" if len(bad) > 10 else "")
        raise DataError(f"Texts at positions {shown} are not strings; fix: drop or fill them before de-identification")
    return texts

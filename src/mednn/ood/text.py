"""``text_knn``: is a note unlike the training notes, in its words as well as in the network's eyes?

The embedding k-nearest-neighbour distance (and, for multiclass runs, the energy of the logits)
of :mod:`.embedding` sees what the network learnt; a network trained on five kinds of abstracts
maps a doctor-patient dialogue close to one of them, and a network trained on short note
sections has no embedding that tells an abstract apart. The text itself says more, whatever the
featurizer (TF-IDF, WordPiece, BPE, a pretrained tokenizer or encoder). Four more components:

- ``unknown_words``: how many of the text's words are unknown to the training texts, beyond what
  a training text would have: ``(k - n p) / sqrt(n p (1 - p))`` for ``k`` unknown of ``n`` words,
  where ``p`` is the share of training words unknown to the *other* training texts (leave one
  text out). A binomial z rather than a share: one unknown word of two says little, 60 of 300
  a great deal.
- ``word_surprise``: the same for the words' rarity, ``(S - n m) / (s sqrt(n))`` for the sum ``S``
  of ``-log p(word)`` under the training word frequencies (add-one smoothing), with ``m`` and
  ``s`` the mean and spread of a training word's surprise under the other texts' frequencies: a
  dialogue's "okay", "yeah", "doctor" are rare in abstracts, an abstract's "randomized" and
  "expression" in clinic notes.
- ``length``: how far the text's length (log of its word count + 1) lies from the training
  texts' median, either way.
- ``form`` (``text_form=True``, the default since 2026-12-07): how many of the text's eleven form
  statistics (:mod:`.text_form`: lines, lines opening with a repeated label such as a speaker's,
  questions, first- and second-person pronouns, sentence length, contractions, digits, capitals,
  punctuation) lie outside their robust training range: a dialogue about the same visits as the
  training note sections, in the same medical words, is told apart by how it is written.

Words are runs of two or more letters, lower-cased; a text without one counts as one unknown
word. They are hashed into ``2**20`` buckets (scikit-learn's ``HashingVectorizer``, MurmurHash3),
and a bucket is known when at least ``min_texts`` (2) training texts have it, as TF-IDF's
``min_df``: the run keeps bucket counts, never a word, and a word of a single note (a name) leaves
no trace. The statistics come from the same training texts as the embedding reference (all of
them, or the run's subsample of ``reference_size``). Each component is calibrated on validation
like every other (:class:`~.base.OODScorer`) and the score is their sum. A run saved before
``form`` existed loads without it (its calibration has no such component).
"""

from __future__ import annotations

import numpy as np

from ..errors import ConfigError, ModelError, problem
from .base import OOD_SCORERS, OODInputs, out_of_range, robust_range
from .embedding import EmbeddingKNNScorer
from .text_form import FORM_STATISTICS, form_statistics

BUCKETS = 2 ** 20
WORD_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"  # words of two or more letters: numbers and ids do not count
TEXT_COMPONENTS = ("unknown_words", "word_surprise", "length")


def word_counts(texts: list[str]):
    """Per text, its words' counts per hashed bucket (a scipy CSR matrix, texts x BUCKETS)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    hasher = HashingVectorizer(n_features=BUCKETS, token_pattern=WORD_PATTERN, lowercase=True,
                               alternate_sign=False, norm=None, dtype=np.float64)
    return hasher.transform(texts).tocsr()


def _row_sums(matrix, values: np.ndarray) -> np.ndarray:
    """Per row of a CSR matrix, the sum of ``values`` (one per stored entry) times the entries."""
    weighted = matrix.copy()
    weighted.data = matrix.data * values
    return np.asarray(weighted.sum(axis=1)).ravel()


@OOD_SCORERS.register("text_knn")
class TextKNNScorer(EmbeddingKNNScorer):
    """The embedding's k-nearest-neighbour distance (+ energy) and what the text itself shows:
    more unknown or rarer words than a training text has, an unusual length.

    >>> train = [f"patient {w} with chest pain and fever, seen today" for w in ("one", "two", "three")] * 20
    >>> rng = np.random.default_rng(0)
    >>> x = lambda t: OODInputs(embedding=rng.normal(size=(len(t), 4)), texts=t)
    >>> s = TextKNNScorer(neighbours=3).fit(x(train), x(train[::2]))
    >>> bool(s.predict(x(["lorem ipsum dolor sit amet, consectetur adipiscing elit"]))[0])
    True
    """

    name = "text_knn"
    learnt = ("reference_", "known_", "log_prob_", "unseen_log_prob_", "unknown_rate_", "surprise_mean_",
              "surprise_sd_", "median_length_", "form_low_", "form_high_")

    def __init__(self, fpr: float = 0.05, neighbours: int = 10, reference_size: int = 5000,
                 normalize: bool = False, energy: bool | str = "auto", task_kind: str | None = None, seed: int = 0,
                 min_texts: int = 2, text_form: bool = True):
        super().__init__(fpr, neighbours, reference_size, normalize, energy, task_kind, seed)
        self.min_texts = min_texts
        self.text_form = text_form

    @property
    def needs(self) -> tuple[str, ...]:  # type: ignore[override]
        return (*super().needs, "texts")

    @property
    def components(self) -> tuple[str, ...]:  # type: ignore[override]
        return (*super().components, *TEXT_COMPONENTS, *(("form",) if self.text_form else ()))

    @property
    def floors(self) -> tuple[float, ...]:  # type: ignore[override]
        # z-scores (unknown words, surprise), log words; form: a count, 0 for most validation texts
        return (*super().floors, 0.5, 0.1, 0.1, *((0.5,) if self.text_form else ()))

    def _check_params(self) -> None:
        super()._check_params()
        if isinstance(self.min_texts, bool) or not isinstance(self.min_texts, int) or not 1 <= self.min_texts <= 100:
            raise ConfigError(problem("The 'min_texts' parameter of TextKNNScorer must be an integer from 1 to 100",
                                      got=self.min_texts, fix="use 2 (the default), as TF-IDF's min_df"))
        if not isinstance(self.text_form, bool):
            raise ConfigError(problem("The 'text_form' parameter of TextKNNScorer must be true or false",
                                      got=self.text_form, fix="set evaluate.ood.text_form"))

    def _fit_reference(self, train: OODInputs) -> None:
        super()._fit_reference(train)
        counts = word_counts(list(train.texts))
        totals = np.asarray(counts.sum(axis=0)).ravel()
        texts_with = np.bincount(counts.indices, minlength=BUCKETS)
        self.known_ = np.flatnonzero(texts_with >= self.min_texts).astype(np.int32)
        denominator = totals.sum() + BUCKETS  # add-one smoothing over every bucket
        self.log_prob_ = np.log((totals[self.known_] + 1.0) / denominator).astype(np.float32)
        self.unseen_log_prob_ = float(-np.log(denominator))
        # each training word against the other texts (leave its text out): unknown to them, surprise
        own_total = np.repeat(np.asarray(counts.sum(axis=1)).ravel(), np.diff(counts.indptr))
        rest = totals[counts.indices] - counts.data
        known = texts_with[counts.indices] - 1 >= self.min_texts
        surprise = -np.log(np.where(known, rest + 1.0, 1.0) / (totals.sum() - own_total + BUCKETS))
        weight = counts.data / max(counts.data.sum(), 1.0)
        self.unknown_rate_ = float(np.clip((weight * ~known).sum(), 1e-3, 1 - 1e-3))
        self.surprise_mean_ = float((weight * surprise).sum())
        self.surprise_sd_ = float(max(np.sqrt((weight * (surprise - self.surprise_mean_) ** 2).sum()), 1e-3))
        self.median_length_ = float(np.median(np.log1p(np.asarray(counts.sum(axis=1)).ravel())))
        self.form_low_, self.form_high_ = robust_range(form_statistics(list(train.texts)))

    def text_statistics(self, texts: list[str]) -> np.ndarray:
        """(n, 3): the unknown-word and surprise z-scores and the length's distance from the median."""
        counts = word_counts(list(texts))
        n_words = np.asarray(counts.sum(axis=1)).ravel()
        position = np.minimum(np.searchsorted(self.known_, counts.indices), max(len(self.known_) - 1, 0))
        hit = self.known_[position] == counts.indices if len(self.known_) else np.zeros(counts.nnz, dtype=bool)
        surprise = np.where(hit, -self.log_prob_[position].astype(np.float64) if len(self.known_) else 0.0,
                            -self.unseen_log_prob_)
        empty = n_words == 0  # no word at all: one unknown word
        n = np.where(empty, 1.0, n_words)
        unknown = np.where(empty, 1.0, _row_sums(counts, (~hit).astype(np.float64)))
        total_surprise = np.where(empty, -self.unseen_log_prob_, _row_sums(counts, surprise))
        p = self.unknown_rate_
        return np.column_stack([(unknown - n * p) / np.sqrt(n * p * (1 - p)),
                                (total_surprise - n * self.surprise_mean_) / (self.surprise_sd_ * np.sqrt(n)),
                                np.abs(np.log1p(n_words) - self.median_length_)])

    def _components(self, x: OODInputs) -> np.ndarray:
        if x.texts is None:
            raise ModelError("the text_knn scorer needs the records' texts")
        parts = [super()._components(x), self.text_statistics(x.texts)]
        if self.text_form:
            parts.append(out_of_range(form_statistics(list(x.texts)), self.form_low_, self.form_high_)[:, None])
        return np.column_stack(parts)

    def load_state_dict(self, state: dict) -> TextKNNScorer:
        """As the base class; a run saved before the ``form`` component existed loads without it."""
        learnt = state.get("learnt") if isinstance(state, dict) else None
        if isinstance(learnt, dict) and "form_low_" not in learnt:
            self.text_form = False
            unused = np.zeros(len(FORM_STATISTICS))
            state = {**state, "learnt": {**learnt, "form_low_": unused, "form_high_": unused}}
        return super().load_state_dict(state)

    def _check_reference(self) -> None:
        super()._check_reference()
        self.known_ = np.asarray(self.known_, dtype=np.int32).reshape(-1)
        self.log_prob_ = np.asarray(self.log_prob_, dtype=np.float32).reshape(-1)
        if len(self.known_) != len(self.log_prob_) or np.any(np.diff(self.known_) <= 0):
            raise ValueError("vocabulary buckets")
        if len(self.known_) and (self.known_[0] < 0 or self.known_[-1] >= BUCKETS):
            raise ValueError("vocabulary buckets out of range")
        for key in ("unseen_log_prob_", "unknown_rate_", "surprise_mean_", "surprise_sd_", "median_length_"):
            setattr(self, key, float(getattr(self, key)))
        if not (0 < self.unknown_rate_ < 1 and self.surprise_sd_ > 0):
            raise ValueError("word statistics")
        self.form_low_ = np.asarray(self.form_low_, dtype=np.float64).reshape(-1)
        self.form_high_ = np.asarray(self.form_high_, dtype=np.float64).reshape(-1)
        if self.form_low_.shape != (len(FORM_STATISTICS),) or self.form_high_.shape != self.form_low_.shape:
            raise ValueError("form ranges")
        if not (np.isfinite(self.form_low_).all() and np.isfinite(self.form_high_).all()):
            raise ValueError("form ranges not finite")

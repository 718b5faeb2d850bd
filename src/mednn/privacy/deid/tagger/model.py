"""The trained tagger as one object: :class:`TokenTagger` loads a safetensors file (weights,
vocabulary and hyper-parameters in its metadata; no pickle, nothing executed; read with NumPy,
torch is not needed) and returns the spans it tags in a text, never the text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from ....errors import ConfigError
from .features import TAGS, decode, encode
from .inference import logits, softmax

FORMAT = "mednn-deid-tagger/1"


class TokenTagger:
    """Spans of PHI tagged by a trained network.

    >>> from mednn.privacy.deid.tagger import WEIGHTS
    >>> TokenTagger.load(WEIGHTS).find("Seen by Dr. Maple Quist today.")  # doctest: +SKIP
    [(12, 23, 'NAME')]
    """

    def __init__(self, params: dict, vocabulary: dict[str, int], info: dict[str, Any]):
        self.params = params
        self.vocabulary = vocabulary
        self.info = info
        self._last: tuple[str, tuple] | None = None  # the last text read and its probabilities

    @classmethod
    def load(cls, path: str | Path) -> "TokenTagger":
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"De-identification tagger weights {path} not found; fix: reinstall mednn or "
                              "retrain them (docs/deid.md, 'Neural token tagger')")
        from safetensors import safe_open

        with safe_open(str(path), framework="numpy") as handle:
            meta = handle.metadata() or {}
            if meta.get("format") != FORMAT:
                raise ConfigError(f"{path} is not a mednn de-identification tagger (format {meta.get('format')!r}, "
                                  f"expected {FORMAT!r}); fix: point the tagger at a file written by its trainer")
            params = {k: handle.get_tensor(k).astype(np.float32) for k in handle.keys()}
        words = json.loads(meta["vocabulary"])
        return cls(params, {w: i + 2 for i, w in enumerate(words)}, json.loads(meta.get("info", "{}")))

    @property
    def threshold(self) -> float:
        """A token is PHI when its probability of being outside every span is at most
        ``1 - threshold`` (chosen by leave-one-writer-out, stored in the weights file)."""
        return float(self.info.get("threshold", 0.99))

    def probabilities(self, text: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        """Token offsets of ``text`` and the network's tag probabilities, one row per token; the
        last text's are kept, so the tagger recognizer and the second opinion
        (:mod:`.second_opinion`) reading one note run the network once."""
        if self._last is not None and self._last[0] == text:
            return self._last[1]
        offsets, words, shapes, chars = encode(text, self.vocabulary)
        if not offsets:
            result = offsets, np.zeros((0, len(TAGS)), dtype=np.float32)
        else:
            with _one_blas_thread():
                result = offsets, softmax(logits(self.params, words, shapes, chars))
        self._last = (text, result)
        return result

    def find(self, text: str, threshold: float | None = None) -> list[tuple[int, int, str]]:
        """``(start, end, type)`` of every span the network tags in ``text``."""
        offsets, probabilities = self.probabilities(text)
        return spans_at(offsets, probabilities, text, self.threshold if threshold is None else threshold)


_LOADED: dict[Path, TokenTagger] = {}


def loaded(path: str | Path) -> TokenTagger:
    """The tagger of ``path``, read once per process and file (the tagger recognizer and the
    second opinion share it)."""
    path = Path(path)
    if path not in _LOADED:
        _LOADED[path] = TokenTagger.load(path)
    return _LOADED[path]


_CONTROLLER: list = []


def _one_blas_thread():
    """BLAS on one thread for one note: its products are small, and idle BLAS threads spin on a
    shared CPU (measured 40 CPU-ms per note with OpenBLAS's default threads, 3.8 with one)."""
    if not _CONTROLLER:
        from threadpoolctl import ThreadpoolController

        _CONTROLLER.append(ThreadpoolController())
    return _CONTROLLER[0].limit(limits=1, user_api="blas")


def spans_at(offsets, probabilities, text: str, threshold: float | Mapping[str, float]) -> list[tuple[int, int, str]]:
    """Spans of the tokens whose PHI probability (1 - P(outside)) reaches ``threshold``, each
    tagged with its most probable B/I tag. ``threshold`` may be one number or one per type
    (``{"NAME": 0.999, "ID": 0.99}``): a token's own is that of its most probable type, and a
    type the mapping lacks is never tagged."""
    if not offsets:
        return []
    phi = 1 - probabilities[:, 0]
    best = probabilities[:, 1:].argmax(-1) + 1
    if isinstance(threshold, Mapping):
        by_tag = [2.0] + [threshold.get(tag.split("-", 1)[1], 2.0) for tag in TAGS[1:]]  # 2: above any probability
        tags = [int(b) if p >= by_tag[b] else 0 for p, b in zip(phi.tolist(), best.tolist())]
    else:
        tags = [int(b) if p >= threshold else 0 for p, b in zip(phi.tolist(), best.tolist())]
    return decode(offsets, tags, text)

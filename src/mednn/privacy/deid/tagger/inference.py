"""The tagger's forward pass in NumPy, the same numbers as :class:`.network.TaggerNetwork`
without torch: a note is far too small for torch's thread pool, whose idle threads spin on a
shared CPU (measured: 12 CPU-ms per note with 2 torch threads, 3.8 with one), and de-identifying
text should not need torch loaded at all."""

from __future__ import annotations

import numpy as np

DILATIONS = (1, 2, 4, 1)  # as network.DILATIONS (that module imports torch)


def _conv_same(h: np.ndarray, weight: np.ndarray, bias: np.ndarray, dilation: int) -> np.ndarray:
    """A 'same' 1-D convolution of kernel 3 along axis -2 of ``h`` ([..., T, C_in]) as one matrix
    product of the three shifted copies; ``weight`` is torch's ``[C_out, C_in, 3]``."""
    t, d = h.shape[-2], dilation
    pad = [(0, 0)] * (h.ndim - 2) + [(d, d), (0, 0)]
    padded = np.pad(h, pad)
    shifted = np.concatenate([padded[..., :t, :], padded[..., d:d + t, :], padded[..., 2 * d:2 * d + t, :]], axis=-1)
    return shifted @ weight.transpose(0, 2, 1).reshape(weight.shape[0], -1).T + bias


def logits(params: dict[str, np.ndarray], words: list[int], shapes: list[int], chars: list[tuple[int, ...]]) -> np.ndarray:
    """``[T, tags]`` scores of one note's tokens."""
    char_vectors = params["chars.weight"][np.asarray(chars, dtype=np.int64)]  # [T, C, dim]
    char_features = np.maximum(_conv_same(char_vectors, params["char_conv.weight"], params["char_conv.bias"], 1), 0)
    x = np.concatenate([params["words.weight"][words], params["shapes.weight"][shapes], char_features.max(axis=1)], axis=-1)
    h = x @ params["project.weight"].T + params["project.bias"]
    for i, d in enumerate(DILATIONS):
        h = h + np.maximum(_conv_same(h, params[f"convs.{i}.weight"], params[f"convs.{i}.bias"], d), 0)
    return h @ params["out.weight"].T + params["out.bias"]


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)

"""Probabilities -> decision: the one rule every stage shares.

:class:`mednn.predictor.Predictor` decides with it, and so do the training loop's monitor and
the evaluation tables, so a threshold means the same thing in a validation curve, in
``metrics.json``, in ``predictions.csv`` and in a served response.

- binary: ``prob`` of the positive class, shape (n,); positive where ``prob >= threshold``
  (0.5 when no threshold was chosen);
- multiclass: (n, k) probabilities; the most probable class;
- multilabel: (n, L); each label at its own threshold (a list) or one shared one;
- regression: the values themselves.
"""

from __future__ import annotations

from typing import Any

import numpy as np

DEFAULT_THRESHOLD = 0.5


def decide(kind: str, prob: Any, threshold: Any = None) -> np.ndarray:
    """Class indices (binary / multiclass), 0/1 per label (multilabel) or values (regression).

    >>> decide("binary", np.array([0.2, 0.7]), threshold=0.6).tolist()
    [0, 1]
    """
    prob = np.asarray(prob)
    if kind == "binary":
        t = DEFAULT_THRESHOLD if threshold is None else float(threshold)
        return (prob.reshape(-1) >= t).astype(np.int64)
    if kind == "multiclass":
        return prob.argmax(axis=1).astype(np.int64)
    if kind == "multilabel":
        t = np.asarray(DEFAULT_THRESHOLD if threshold is None else threshold, dtype=np.float64)
        return (prob >= t).astype(np.int64)
    return prob

"""Scaffold folds: calibration molecules that are "a new scaffold, same domain" (opt-in,
``evaluate.ood.molecule_calibration: scaffold_folds``).

A scaffold split (mednn's default for molecules) gives validation and test molecules whose
Bemis-Murcko scaffolds training never had, and deals them out as whole scaffold sets: one split's
test can hold a chemical family that validation has nothing like (BBBP, seed 1: all 99 acyclic
molecules went to test, 58 of them flagged). A threshold that counts molecules as independent
then promises too much.

The scaffold-fold calibration adds training molecules scored the way a new scaffold is scored:
the training scaffold sets small enough to have landed in validation or test (at most half of
validation, the split's own rule for "big" sets) are dealt into ``FOLDS`` folds, and each fold is
scored by a reference fitted on the rest of training (cross-fitting). Those scores join
validation's for the component scaling; the threshold (:func:`grouped_threshold`) is then chosen
with the scaffold set as the unit: the smallest score at which a split of validation's size, drawn
as whole sets from the calibration's sets, flags more than ``fpr`` in at most ``1 - confidence``
of draws. Measured over eight ID sets and three seeds (``benchmarks/ood_molecule_calibration.py``,
docs/benchmarks.md 2026-12-07) it exceeded 5% on test as often as validation alone (4 of 24 runs)
and flagged fewer foreign molecules, so it is not the default.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .base import CALIBRATION_PARAMS

FOLDS = 5


def scaffold_folds(scaffolds: list[str], largest: float, seed: int, folds: int = FOLDS) -> list[np.ndarray]:
    """The training molecules held out per fold: the scaffold sets of at most ``largest`` molecules,
    shuffled with ``seed``, each put into the fold that holds fewest so far.

    >>> [f.tolist() for f in scaffold_folds(["a", "a", "b", "c", "c", "c", "d"], 2, seed=0, folds=2)]
    [[2, 6], [0, 1]]
    """
    sets: dict[str, list[int]] = {}
    for i, s in enumerate(scaffolds):
        sets.setdefault(s, []).append(i)
    small = [members for members in sets.values() if len(members) <= largest]
    order = np.random.default_rng(seed).permutation(len(small))
    out: list[list[int]] = [[] for _ in range(folds)]
    for k in order:
        min(out, key=len).extend(small[k])
    return [np.sort(np.asarray(f, dtype=np.int64)) for f in out if f]


def cross_fitted_components(scorer: Any, train: Any, facts: Any, folds: list[np.ndarray]) -> np.ndarray:
    """The raw components of each fold's molecules under a copy of ``scorer`` whose reference is
    the rest of ``train`` (``facts``: the training molecules' :class:`MoleculeFacts`)."""
    everyone = np.arange(len(facts))
    rows = []
    for fold in folds:
        rest = np.setdiff1d(everyone, fold)
        params = scorer.get_params()
        clone = type(scorer)(**{k: v for k, v in params.items() if k not in CALIBRATION_PARAMS})
        clone.set_params(**{k: params[k] for k in CALIBRATION_PARAMS})
        clone.reference_from(train.take(rest), facts.take(rest))
        rows.append(clone.components_of(train.take(fold), facts.take(fold)))
    return np.vstack(rows) if rows else np.zeros((0, len(scorer.components)))


def grouped_threshold(scores: np.ndarray, groups: list[str], size: int, fpr: float, confidence: float,
                      seed: int, draws: int = 2000) -> float:
    """The smallest calibration score t such that a split of ``size`` molecules made of whole
    scaffold sets, drawn from the calibration's sets (a cluster bootstrap: sets drawn with
    replacement until ``size`` molecules), flags more than ``fpr`` of its molecules (score > t) in at
    most ``1 - confidence`` of ``draws``: the training-conditional threshold of
    :func:`mednn.ood.base.threshold_rank` with the scaffold set, not the molecule, as the unit that
    a scaffold split deals out.

    >>> rng = np.random.default_rng(0)
    >>> scores = rng.normal(size=600)
    >>> groups = [str(i // 3) for i in range(600)]
    >>> 1.6 < grouped_threshold(scores, groups, 300, 0.05, 0.9, seed=0) < 2.3
    True
    """
    scores = np.asarray(scores, dtype=np.float64)
    names, inverse = np.unique(np.asarray(groups, dtype=object).astype(str), return_inverse=True)
    n_groups = len(names)
    sizes = np.bincount(inverse, minlength=n_groups).astype(np.float64)
    rng = np.random.default_rng(seed)
    # enough sets per draw to reach `size` molecules even when the small ones come up
    per_draw = int(np.ceil(size / max(sizes.min(), 1.0))) if n_groups else 0
    picks = rng.integers(0, n_groups, size=(draws, max(per_draw, 1)))
    reached = np.cumsum(sizes[picks], axis=1) - sizes[picks] < size  # a set counts while the split is short
    counts = np.zeros((draws, n_groups))
    np.add.at(counts, (np.repeat(np.arange(draws), picks.shape[1])[reached.ravel()], picks.ravel()[reached.ravel()]),
              1.0)
    candidates = np.unique(scores[scores >= np.quantile(scores, 1 - 2 * fpr)])
    order = np.argsort(scores)
    # flagged[g, c]: molecules of set g scoring above candidate c
    above = (scores[order][:, None] > candidates[None, :])
    flagged = np.zeros((n_groups, len(candidates)))
    np.add.at(flagged, inverse[order], above.astype(np.float64))
    rates = (counts @ flagged) / (counts @ sizes)[:, None]
    ok = np.mean(rates > fpr, axis=0) <= 1 - confidence
    return float(candidates[np.argmax(ok)]) if ok.any() else float(scores.max())

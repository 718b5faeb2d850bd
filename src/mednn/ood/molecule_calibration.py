"""Scaffold folds: calibration molecules that are "a new scaffold, same domain".

A scaffold split (mednn's default for molecules) gives validation and test molecules whose
Bemis-Murcko scaffolds training never had, and it deals them out as whole scaffold sets: one
split's test can hold a chemical family that validation has nothing like (BBBP, seed 1: 13% of
test flagged at a 5% threshold). Validation alone is then a small sample of scaffold *sets*, and a
threshold chosen on it promises little about the next set.

The scaffold-fold calibration adds training molecules scored the way a new scaffold is scored:
the training scaffold sets small enough to have landed in validation or test (at most half of
validation, as the split's own rule for "big" sets) are dealt into ``FOLDS`` folds; each fold is
scored by a reference fitted on the rest of training (cross-fitting). Those scores join the
validation scores for the component scaling and the threshold: several times more records, from
many more scaffold sets. Their reference holds 4/5 of training, so they lie a little further from
it than a new molecule from the full reference: the threshold errs towards flagging fewer in-domain
molecules. Used when no validation molecule's scaffold occurs in training (a scaffold split);
after a random split validation already looks like test and is used alone.
"""

from __future__ import annotations

from typing import Any

import numpy as np

FOLDS = 5


def scaffold_grouped(train_scaffolds: list[str], val_scaffolds: list[str]) -> bool:
    """True when no validation scaffold occurs in training (the splits were cut by scaffold)."""
    return bool(val_scaffolds) and not set(val_scaffolds) & set(train_scaffolds)


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
        clone = type(scorer)(**{k: v for k, v in params.items() if k not in ("fpr", "confidence")})
        clone.set_params(fpr=params["fpr"], confidence=params["confidence"])
        clone.reference_from(train.take(rest), facts.take(rest))
        rows.append(clone.components_of(train.take(fold), facts.take(fold)))
    return np.vstack(rows) if rows else np.zeros((0, len(scorer.components)))

"""Stereoisomers a molecule featurizer cannot tell apart.

ECFP without ``use_chirality`` (the default), MACCS keys and RDKit 2D descriptors encode no
stereochemistry, so L- and D-alanine, or a drug and its enantiomer, become one input and get one
prediction (trial 12: mols_new.csv rows 67 / 68, identical predictions and no word). The check
asks the featurizer itself: the distinct stereo forms of one flat structure are featurized and
compared, so a stereo-aware featurizer (``molgraph``'s CIP labels, ECFP with chirality) is never
named. One finding per command, with counts and records, never a SMILES (the features are
unchanged: this only says what they cannot see).

>>> stereo_blind_finding(["C[C@H](N)C(=O)O", "C[C@@H](N)C(=O)O", "CCO"], ecfp, ["row-2", "row-3", "row-4"])  # doctest: +SKIP
Finding(id='stereoisomers_alike', ...)
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..errors import plural
from ..findings import Finding, row_references

_STEREO_MARKS = ("@", "/", "\\")  # a SMILES without them has no stereochemistry to lose


def stereo_groups(smiles: Sequence[str]) -> list[list[int]]:
    """Positions of molecules that share one structure but differ in stereochemistry (at least two
    distinct stereo forms per group); molecules without stereo marks are compared only to those."""
    from rdkit import Chem, rdBase

    flat: dict[str, dict[str, list[int]]] = {}
    for i, s in enumerate(smiles):
        if not any(mark in s for mark in _STEREO_MARKS):
            continue
        with rdBase.BlockLogs():
            mol = Chem.MolFromSmiles(s)
        if mol is not None:
            flat.setdefault(Chem.MolToSmiles(mol, isomericSmiles=False), {}).setdefault(s, []).append(i)
    if not flat:
        return []
    for i, s in enumerate(smiles):  # the unmarked form of a marked structure (racemate or unspecified)
        if not any(mark in s for mark in _STEREO_MARKS) and s in flat:
            flat[s].setdefault(s, []).append(i)
    return [sorted(i for rows in forms.values() for i in rows) for forms in flat.values() if len(forms) > 1]


def stereo_blind_finding(smiles: Sequence[str], featurizer: Any, ids: Sequence[Any],
                         name: str | None = None) -> Finding | None:
    """``stereoisomers_alike`` (warning) when ``featurizer`` (``name``: as the config names it)
    gives identical inputs to distinct stereo forms of one structure (:func:`stereo_groups`); None
    when there are none or it tells them apart (or is no vector featurizer: graphs carry CIP labels)."""
    transform = getattr(featurizer, "transform_array", None)
    if transform is None:
        return None
    smiles = [str(s) for s in smiles]
    alike: list[list[int]] = []
    for group in stereo_groups(smiles):
        forms = list(dict.fromkeys(smiles[i] for i in group))
        vectors = np.asarray(transform(forms))
        _, same = np.unique(vectors.reshape(len(forms), -1), axis=0, return_inverse=True)
        same = np.asarray(same).reshape(-1)
        shared = {forms[k] for k in range(len(forms)) if (same == same[k]).sum() > 1}
        if shared:
            alike.append([i for i in group if smiles[i] in shared])
    if not alike:
        return None
    rows = sorted(i for group in alike for i in group)
    return Finding(
        "stereoisomers_alike", "warning",
        f"{plural(len(alike), 'group')} of stereoisomers ({plural(len(rows), 'molecule')}: {row_references(ids, rows)}): "
        f"they differ only in stereochemistry, which the featurizer ({name or type(featurizer).__name__}) does not "
        "encode, so each group gets one prediction; fix: to tell them apart, train with featurize.use_chirality: true "
        "(ecfp) or featurize: molgraph", count=len(alike), rows=tuple(rows))

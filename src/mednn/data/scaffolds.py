"""Bemis-Murcko scaffolds of molecules: what the scaffold split groups by and what it checks.

RDKit is imported on first use. :func:`scaffolds` gives a dataset's scaffolds (the groups the
molecule readers stored, else computed); :func:`scaffold_overlap` counts scaffolds shared by
splits. The splitter itself, ``scaffold``, is registered in :mod:`mednn.data.splits`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._optional import require
from .base import Dataset


def bemis_murcko_scaffold(smiles: str) -> str:
    """The Bemis-Murcko scaffold (ring systems and linkers) as canonical SMILES; "" if acyclic."""
    Chem = require("rdkit.Chem", extra="molecules")
    from rdkit.Chem.Scaffolds import MurckoScaffold

    mol = Chem.MolFromSmiles(smiles)
    if mol is None:
        return ""
    return MurckoScaffold.MurckoScaffoldSmiles(mol=mol, includeChirality=False)


def scaffolds(dataset: Dataset) -> np.ndarray:
    """The scaffold of every molecule of ``dataset`` (its groups when the reader stored them)."""
    if dataset.groups is not None and dataset.notes.get("groups") == "scaffold":
        return np.asarray(dataset.groups, dtype=object)
    return np.array([bemis_murcko_scaffold(s) for s in dataset.inputs], dtype=object)


def scaffold_overlap(dataset: Dataset, splits: dict[str, np.ndarray]) -> dict[str, Any]:
    """How many scaffolds (and molecules) each pair of splits shares; 0 for a scaffold split.

    Acyclic molecules share the empty scaffold "" and are counted like any other scaffold.
    """
    scaffold = scaffolds(dataset)
    sets = {k: set(scaffold[np.asarray(v, dtype=np.int64)]) for k, v in splits.items()}
    names = [k for k in ("train", "val", "test") if k in sets] + [k for k in sets if k not in ("train", "val", "test")]
    out: dict[str, Any] = {"n_scaffolds": {k: len(sets[k]) for k in names}, "shared": {}}
    for a_i, a in enumerate(names):
        for b in names[a_i + 1:]:
            shared = sets[a] & sets[b]
            in_b = int(np.isin(scaffold[np.asarray(splits[b], dtype=np.int64)], list(shared)).sum()) if shared else 0
            out["shared"][f"{a}-{b}"] = {"scaffolds": len(shared), f"molecules_in_{b}": in_b}
    return out

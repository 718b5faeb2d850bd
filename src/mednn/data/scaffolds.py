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


def scaffold_leakage_findings(leakage: dict[str, Any], split_method: str | None) -> list:
    """``split_leakage`` of molecules, whose groups are scaffolds, not patients: scaffolds shared
    between splits (a warning whose fix is ``split.method: scaffold``; an info line when the config
    chose a random split, the protocol of random-split benchmarks such as ESOL), and identical
    molecules in two splits."""
    from ..findings import Finding

    shared = {pair: n for pair, n in (leakage.get("shared_groups") or {}).items() if n}
    found = []
    if shared and split_method in ("random", "stratified"):  # chosen on purpose: one info line
        counts = ", ".join(f"{n} {pair.replace('-', ' and ')}" for pair, n in shared.items())
        found.append(Finding("split_leakage", "info", f"scaffolds (Bemis-Murcko) are shared between splits ({counts}), "
                             f"as the config's split.method: {split_method} allows: a random split is the protocol of "
                             "random-split benchmarks (e.g. MoleculeNet ESOL, FreeSolv), so scores compare with theirs "
                             "but are optimistic for new chemistry; split.method: scaffold measures molecules of unseen "
                             "scaffolds", count=sum(shared.values())))
        shared = {}
    for pair, n in shared.items():
        found.append(Finding("split_leakage", "warning", f"{n} scaffold{'' if n == 1 else 's'} (Bemis-Murcko) "
                             f"appear{'s' if n == 1 else ''} in both the {pair.replace('-', ' and the ')} split (scores are optimistic for new "
                             "chemistry); fix: set split.method: scaffold so that no scaffold is in two splits", count=n))
    for pair, n in (leakage.get("duplicate_rows") or {}).items():
        if n:
            a, b = pair.split("-")
            found.append(Finding("split_leakage", "warning", f"{n} {b} molecule{'' if n == 1 else 's'} "
                                 f"{'is' if n == 1 else 'are'} identical to a {a} molecule (the {b} score is "
                                 "optimistic); fix: keep one copy (data.duplicates) or set split.method: scaffold, "
                                 "which keeps identical molecules in one split", count=n))
    return found

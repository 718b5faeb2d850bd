"""Molecules: eight RDKit descriptors (weight, logP, polar surface, hydrogen-bond donors and
acceptors, rings, rotatable bonds, heavy atoms) as numeric columns, and the Bemis-Murcko
scaffold as a categorical one, stored hashed: a site's unseen scaffolds are its novel chemistry.
Novel scaffolds are what a scaffold split tests on purpose, so they are at most a note; a site
of much heavier or more polar molecules than training is a warning.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..._optional import require
from .base import SHIFT_COLUMNS, ProfileColumns, evenly_spaced

MAX_MOLECULES = 20_000  # molecules profiled (evenly spaced)
# RDKit property name -> the column's name
DESCRIPTORS = {
    "exactmw": "molecular weight", "CrippenClogP": "logP (Crippen)", "tpsa": "polar surface area (TPSA)",
    "NumHBD": "hydrogen-bond donors", "NumHBA": "hydrogen-bond acceptors", "NumRings": "rings",
    "NumRotatableBonds": "rotatable bonds", "NumHeavyAtoms": "heavy atoms",
}
SCAFFOLD = "scaffold (Bemis-Murcko)"


def _descriptors(smiles: list[str]) -> np.ndarray:
    """(n, 8) descriptor values; a SMILES RDKit cannot parse is a row of NaN (missing)."""
    Chem = require("rdkit.Chem", extra="molecules")
    from rdkit import rdBase
    from rdkit.Chem import rdMolDescriptors

    properties = rdMolDescriptors.Properties(list(DESCRIPTORS))
    out = np.full((len(smiles), len(DESCRIPTORS)), np.nan)
    with rdBase.BlockLogs():
        for i, s in enumerate(smiles):
            mol = Chem.MolFromSmiles(s)
            if mol is not None:
                out[i] = np.asarray(properties.ComputeProperties(mol), dtype=np.float64)
    return out


@SHIFT_COLUMNS.register("molecules")
def molecule_columns(dataset, featurizer, profile: dict[str, Any] | None = None) -> ProfileColumns:
    from ...data.scaffolds import scaffolds
    from ...featurizers.molecule_base import smiles_of

    rows = evenly_spaced(len(dataset), MAX_MOLECULES)
    part = dataset.subset(rows) if len(rows) < len(dataset) else dataset
    values = _descriptors(smiles_of(part))
    columns: dict[str, np.ndarray] = {name: values[:, j] for j, name in enumerate(DESCRIPTORS.values())}
    from rdkit import rdBase

    with rdBase.BlockLogs():  # RDKit's messages would quote the SMILES
        columns[SCAFFOLD] = np.array([str(s) for s in scaffolds(part)], dtype=object)
    options = {SCAFFOLD: {"max_severity": "info"}}  # novel scaffolds are expected (and tested by a scaffold split)
    return ProfileColumns(columns=columns, n_profiled=len(part), options=options)

"""A scaffold split where one scaffold set is huge (FreeSolv: half of its molecules are acyclic and
share the empty scaffold) still gives every split molecules, and still shares no scaffold."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("rdkit")

from mednn.data.base import Dataset, Task  # noqa: E402
from mednn.data.molecules import bemis_murcko_scaffold, scaffold_split  # noqa: E402
from mednn.data.splits import split_indices  # noqa: E402


def _freesolv_like() -> Dataset:
    """50 acyclic molecules (scaffold ""), 30 on benzene, 20 on 20 other ring systems."""
    acyclic = ["C" * k + "O" for k in range(1, 26)] + ["C" * k + "N" for k in range(1, 26)]
    benzene = [f"c1ccccc1{'C' * k}{tail}" for k in range(1, 16) for tail in ("O", "N")]
    rings = [f"C1{'C' * k}C1" for k in range(1, 11)] + [f"C1{'C' * k}N1" for k in range(2, 12)]
    smiles = acyclic + benzene + rings
    groups = np.array([bemis_murcko_scaffold(s) for s in smiles], dtype=object)
    assert (groups == "").sum() == 50 and (groups == "c1ccccc1").sum() == 30 and len(set(groups)) == 22
    return Dataset(inputs=smiles, targets=np.arange(len(smiles)) % 2, task=Task("binary", ("0", "1")),
                   ids=np.arange(1, len(smiles) + 1), groups=groups, modality="molecules",
                   notes={"groups": "scaffold"})


@pytest.mark.parametrize("seed", range(8))
def test_a_scaffold_set_that_fits_neither_train_nor_val_leaves_no_split_empty(seed):
    ds = _freesolv_like()
    parts = scaffold_split(ds, 0.15, 0.2, seed)  # train 65, val 15: benzene then "" overflowed to test
    assert all(len(v) for v in parts.values()), {k: len(v) for k, v in parts.items()}
    assert sorted(np.concatenate(list(parts.values())).tolist()) == list(range(len(ds)))
    sets = {k: set(ds.groups[v]) for k, v in parts.items()}
    assert not sets["train"] & sets["val"] and not sets["train"] & sets["test"] and not sets["val"] & sets["test"]
    assert len(parts["train"]) <= 65 and len(parts["val"]) <= 15
    # through split_indices too (what split.method: auto runs for molecules): no DataError
    assert all(len(v) for v in split_indices(ds, "scaffold", 0.15, 0.2, seed=seed).values())

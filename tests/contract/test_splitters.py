"""Every registered split method partitions the samples: disjoint, complete, reproducible from
its seed, with no patient (group) or scaffold in two splits where the method promises it."""

from __future__ import annotations

import numpy as np
import pytest

from mednn.data.base import Dataset, Task
from mednn.data.splits import SPLITTERS, split_indices

pytest.importorskip("rdkit")


# 24 ring systems (distinct Bemis-Murcko scaffolds), each with two side chains
SMILES = [f"{chain}{ring}" for k in range(2, 10)
          for ring in (f"C1{'C' * k}1", f"c1ccc(cc1)C1{'C' * k}1", f"C1{'C' * k}C1c1ccncc1")
          for chain in ("", "CC")]


def _dataset(method: str) -> Dataset:
    n = len(SMILES)
    rng = np.random.default_rng(0)
    ids = np.array([f"s{i}" for i in range(n)], dtype=object)
    split = np.array(["train"] * (n - 20) + ["val"] * 10 + ["test"] * 10, dtype=object) if method == "file" else None
    groups = np.array([f"p{i // 3}" for i in range(n)], dtype=object) if method == "group" else None
    return Dataset(inputs=list(SMILES), targets=rng.integers(0, 2, n), task=Task("binary", ("no", "yes")), ids=ids,
                   groups=groups, split=split, modality="molecules")


@pytest.mark.parametrize("method", sorted(SPLITTERS.names()))
def test_split_is_a_reproducible_partition(method):
    dataset = _dataset(method)
    a = split_indices(dataset, method=method, val_fraction=0.2, test_fraction=0.2, seed=3)
    b = split_indices(dataset, method=method, val_fraction=0.2, test_fraction=0.2, seed=3)
    parts = [np.asarray(a[s]) for s in ("train", "val", "test")]
    assert all(len(p) for p in parts)
    joined = np.concatenate(parts)
    assert sorted(joined.tolist()) == list(range(len(dataset)))  # disjoint and complete
    assert all(np.array_equal(a[s], b[s]) for s in ("train", "val", "test"))
    if method == "group":
        owner = {}
        for s, p in zip(("train", "val", "test"), parts):
            for g in dataset.groups[p]:
                assert owner.setdefault(g, s) == s  # no patient in two splits
    if method == "scaffold":
        from mednn.data.scaffolds import scaffolds

        keys = scaffolds(dataset)
        sets = [set(keys[p]) for p in parts]
        assert not (sets[0] & sets[1] or sets[0] & sets[2] or sets[1] & sets[2])

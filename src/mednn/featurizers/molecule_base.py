"""What every molecule featurizer shares: SMILES in, RDKit parsing, the caches, the vector base.

Featurising is the slow part (RDKit parsing and descriptors), so per-molecule results are kept
in an in-memory cache keyed by SMILES and, with ``cache_dir``, in ``.npz`` files (no pickle)
named by the sha256 of the SMILES list and the featurizer's parameters.
:class:`VectorFeaturizer` is the base of the fingerprint and descriptor featurizers
(:mod:`.molecules`); the graph featurizer is in :mod:`.molecule_graphs`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from .._optional import require
from ..errors import DataError
from .base import Featurizer

FEATURE_VERSION = 2  # bump when a featurizer's output changes, so disk caches are not reused
_MEMORY_LIMIT = 200_000  # molecules per in-memory cache before it is cleared


def smiles_of(data: Any) -> list[str]:
    """The SMILES strings of a Dataset (its inputs) or of a list / array of strings."""
    inputs = getattr(data, "inputs", data)
    if isinstance(inputs, str):
        raise DataError("Expected a list of SMILES, got one string; fix: pass [smiles]")
    return [str(s) for s in inputs]


def parse(smiles: str):
    """An RDKit Mol from a (canonical) SMILES, or DataError naming it."""
    Chem = require("rdkit.Chem", extra="molecules")
    from rdkit import rdBase

    with rdBase.BlockLogs():
        mol = Chem.MolFromSmiles(smiles)
    if mol is None:
        raise DataError(
            f"RDKit cannot parse the SMILES {smiles!r}; fix: read molecules with data.format: smiles "
            "so invalid ones are reported and skipped"
        )
    return mol


class _Cache:
    """Per-molecule results in memory, keyed by (kind, SMILES); cleared when it grows too big."""

    def __init__(self) -> None:
        self.store: dict[tuple[str, str], Any] = {}

    def get_many(self, kind: str, smiles: list[str], compute) -> list[Any]:
        out = []
        for s in smiles:
            key = (kind, s)
            value = self.store.get(key)
            if value is None:
                value = compute(s)
                if len(self.store) >= _MEMORY_LIMIT:
                    self.store.clear()
                self.store[key] = value
            out.append(value)
        return out


_CACHE = _Cache()


def _disk_key(smiles: list[str], params: dict[str, Any], kind: str) -> str:
    h = hashlib.sha256()
    h.update(json.dumps({"kind": kind, "params": params, "version": FEATURE_VERSION}, sort_keys=True).encode())
    for s in smiles:
        h.update(s.encode())
        h.update(b"\n")
    return h.hexdigest()


def _cached_arrays(cache_dir: str | None, smiles: list[str], params: dict, kind: str, compute) -> dict[str, np.ndarray]:
    """``compute() -> dict of arrays``, read from / written to ``cache_dir`` when one is set."""
    if cache_dir is None:
        return compute()
    directory = Path(cache_dir)
    path = directory / f"{kind}-{_disk_key(smiles, params, kind)}.npz"
    if path.is_file():
        with np.load(path, allow_pickle=False) as data:
            return {k: data[k] for k in data.files}
    arrays = compute()
    directory.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.partial.npz")
    np.savez(tmp, **arrays)
    tmp.replace(path)  # atomic: a concurrent reader never sees half a file
    return arrays


class VectorFeaturizer(Featurizer):
    """A featurizer giving one float32 vector per molecule: ``transform`` -> tensor (n, d)."""

    cache_dir: str | None = None

    def _vectors(self, smiles: list[str]) -> np.ndarray:
        raise NotImplementedError

    @property
    def n_features(self) -> int:
        raise NotImplementedError

    @property
    def input_shape(self) -> tuple[int, ...]:
        return (self.n_features,)

    def transform_array(self, data: Any) -> np.ndarray:
        self.check_fitted()
        smiles = smiles_of(data)
        if not smiles:
            return np.zeros((0, self.n_features), dtype=np.float32)
        arrays = _cached_arrays(
            self.cache_dir, smiles, self.params(), type(self).__name__,
            lambda: {"x": self._vectors(smiles)},
        )
        return arrays["x"]

    def transform(self, data: Any):
        import torch

        return torch.from_numpy(np.ascontiguousarray(self.transform_array(data), dtype=np.float32))

    def _fit(self, train) -> None:
        pass

    def _state(self) -> dict[str, Any]:
        return {}

    def _load(self, state: dict[str, Any]) -> None:
        pass

    # federated statistics: fingerprints learn nothing from the rows
    def summary(self, train, query: dict[str, Any] | None = None) -> dict[str, Any]:
        return {}

    def merge(self, summaries: list[dict[str, Any]], ask=None) -> "VectorFeaturizer":
        return self.load_state_dict({})

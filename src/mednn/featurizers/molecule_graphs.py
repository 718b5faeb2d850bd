"""Molecular graphs for message passing: the ``molgraph`` featurizer.

Atom and bond features (one-hot blocks with an "other" slot) as a :class:`MolGraphs` Batchable
that builds batched directed-bond graphs for :mod:`mednn.models.molecules`, with optional
molecule-level ``extra`` features from a fingerprint / descriptor featurizer.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .base import FEATURIZERS, Featurizer
from .molecule_base import _CACHE, FEATURE_VERSION, VectorFeaturizer, _cached_arrays, parse, smiles_of

ELEMENTS = tuple(range(1, 37)) + (53,)  # H..Kr and I: the elements of drug-like molecules
DEGREES = (0, 1, 2, 3, 4, 5)
FORMAL_CHARGES = (-2, -1, 0, 1, 2)
# CIP labels, not RDKit's chiral tags: a tag (CW / CCW) is relative to the order of the atom's
# bonds, so it flips when the same molecule is written in another atom order
CHIRALITY = ("none", "R", "S")  # + other: a stereocentre without a CIP label
NUM_HS = (0, 1, 2, 3, 4)
HYBRIDISATIONS = ("S", "SP", "SP2", "SP2D", "SP3", "SP3D", "SP3D2")
BOND_TYPES = ("SINGLE", "DOUBLE", "TRIPLE", "AROMATIC")
BOND_STEREO = (0, 1, 2, 3, 4, 5)

# one-hot blocks (each with a final "other" slot), then aromatic and mass / 100
_ATOM_BLOCKS = (ELEMENTS, DEGREES, FORMAL_CHARGES, CHIRALITY, NUM_HS, HYBRIDISATIONS)
ATOM_FDIM = sum(len(b) + 1 for b in _ATOM_BLOCKS) + 2
BOND_FDIM = len(BOND_TYPES) + 1 + 2 + len(BOND_STEREO) + 1


def _one_hot_columns(values: list, choices: tuple) -> np.ndarray:
    lookup = {c: k for k, c in enumerate(choices)}
    return np.array([lookup.get(v, len(choices)) for v in values], dtype=np.int64)


def _chirality(atom) -> str:
    if atom.HasProp("_CIPCode"):
        return atom.GetProp("_CIPCode")
    return "none" if int(atom.GetChiralTag()) == 0 else "unlabelled"


def atom_bond_features(mol) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Atom features (n_atoms, ATOM_FDIM), bond features per directed edge (2 n_bonds,
    BOND_FDIM) and the edges (2, 2 n_bonds) as [source; target] atom indices.

    Bond b gives edges 2b (begin -> end) and 2b + 1 (end -> begin), so the reverse of edge e
    is ``e ^ 1``.
    """
    atoms = list(mol.GetAtoms())
    n = len(atoms)
    x = np.zeros((n, ATOM_FDIM), dtype=np.float32)
    columns = [
        [a.GetAtomicNum() for a in atoms],
        [a.GetTotalDegree() for a in atoms],
        [a.GetFormalCharge() for a in atoms],
        [_chirality(a) for a in atoms],
        [a.GetTotalNumHs() for a in atoms],
        [str(a.GetHybridization()) for a in atoms],
    ]
    offset = 0
    rows = np.arange(n)
    for values, choices in zip(columns, _ATOM_BLOCKS):
        x[rows, offset + _one_hot_columns(values, choices)] = 1.0
        offset += len(choices) + 1
    x[:, offset] = [a.GetIsAromatic() for a in atoms]
    x[:, offset + 1] = [a.GetMass() * 0.01 for a in atoms]

    bonds = list(mol.GetBonds())
    m = len(bonds)
    e = np.zeros((2 * m, BOND_FDIM), dtype=np.float32)
    edges = np.zeros((2, 2 * m), dtype=np.int64)
    if m:
        b_rows = np.arange(m)
        one = np.zeros((m, BOND_FDIM), dtype=np.float32)
        # layout: bond type one-hot (+ other), conjugated, in ring, stereo one-hot (+ other)
        one[b_rows, _one_hot_columns([str(b.GetBondType()) for b in bonds], BOND_TYPES)] = 1.0
        base = len(BOND_TYPES) + 1
        one[:, base] = [b.GetIsConjugated() for b in bonds]
        one[:, base + 1] = [b.IsInRing() for b in bonds]
        stereo = _one_hot_columns([int(b.GetStereo()) for b in bonds], BOND_STEREO)
        one[b_rows, base + 2 + stereo] = 1.0
        e[0::2] = one
        e[1::2] = one
        begin = np.array([b.GetBeginAtomIdx() for b in bonds], dtype=np.int64)
        end = np.array([b.GetEndAtomIdx() for b in bonds], dtype=np.int64)
        edges[0, 0::2], edges[1, 0::2] = begin, end
        edges[0, 1::2], edges[1, 1::2] = end, begin
    return x, e, edges


class MolGraphs:
    """Molecular graphs of a split, stored flat (CSR-like); ``batch(index)`` assembles a batch.

    A batch is a dict of tensors: ``atom_features`` (A, ATOM_FDIM), ``bond_features``
    (E, BOND_FDIM) per directed edge, ``edge_index`` (2, E) [source; target] atom indices,
    ``reverse_edge`` (E,), ``atom_molecule`` (A,) the molecule of each atom, ``n_atoms`` (B,),
    and ``extra`` (B, D) molecule-level features when the featurizer has them.
    """

    def __init__(self, atom_features: np.ndarray, atom_offsets: np.ndarray, bond_features: np.ndarray,
                 edges: np.ndarray, edge_offsets: np.ndarray, extra: np.ndarray | None = None):
        self.atom_features = atom_features
        self.atom_offsets = atom_offsets
        self.bond_features = bond_features
        self.edges = edges  # local atom indices within each molecule
        self.edge_offsets = edge_offsets
        self.extra = extra

    def __len__(self) -> int:
        return len(self.atom_offsets) - 1

    @staticmethod
    def _ranges(offsets: np.ndarray, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Flat positions of the rows of molecules ``index`` and each molecule's row count."""
        starts = offsets[index]
        counts = offsets[index + 1] - starts
        total = int(counts.sum())
        # position k of molecule j's block is starts[j] + (k - first k of block j)
        block_first = np.cumsum(counts) - counts
        positions = np.arange(total, dtype=np.int64) - np.repeat(block_first - starts, counts)
        return positions, counts

    def batch(self, index: np.ndarray) -> dict[str, Any]:
        import torch

        index = np.asarray(index, dtype=np.int64)
        atom_pos, n_atoms = self._ranges(self.atom_offsets, index)
        edge_pos, n_edges = self._ranges(self.edge_offsets, index)
        # shift each molecule's local atom indices by where its atoms start in the batch
        shift = np.repeat(np.cumsum(n_atoms) - n_atoms, n_edges)
        edges = self.edges[:, edge_pos] + shift[None, :]
        out = {
            "atom_features": torch.from_numpy(self.atom_features[atom_pos]),
            "bond_features": torch.from_numpy(self.bond_features[edge_pos]),
            "edge_index": torch.from_numpy(edges),
            "reverse_edge": torch.from_numpy(np.arange(len(edge_pos), dtype=np.int64) ^ 1),
            "atom_molecule": torch.from_numpy(np.repeat(np.arange(len(index), dtype=np.int64), n_atoms)),
            "n_atoms": torch.from_numpy(n_atoms.astype(np.int64)),
        }
        if self.extra is not None:
            out["extra"] = torch.from_numpy(np.ascontiguousarray(self.extra[index]))
        return out


def _graph_arrays(smiles: list[str]) -> dict[str, np.ndarray]:
    graphs = _CACHE.get_many(f"molgraph:{FEATURE_VERSION}", smiles, lambda s: atom_bond_features(parse(s)))
    atom_counts = np.array([g[0].shape[0] for g in graphs], dtype=np.int64)
    edge_counts = np.array([g[1].shape[0] for g in graphs], dtype=np.int64)
    return {
        "atom_features": np.concatenate([g[0] for g in graphs]) if graphs else np.zeros((0, ATOM_FDIM), np.float32),
        "atom_offsets": np.concatenate([[0], np.cumsum(atom_counts)]).astype(np.int64),
        "bond_features": np.concatenate([g[1] for g in graphs]) if graphs else np.zeros((0, BOND_FDIM), np.float32),
        "edges": np.concatenate([g[2] for g in graphs], axis=1) if graphs else np.zeros((2, 0), np.int64),
        "edge_offsets": np.concatenate([[0], np.cumsum(edge_counts)]).astype(np.int64),
    }


@FEATURIZERS.register("molgraph")
class MolGraphFeaturizer(Featurizer):
    """Molecular graphs for message passing (see :class:`MolGraphs`), with optional
    molecule-level ``extra`` features from a vector featurizer (e.g. ``extra: rdkit2d``) that
    is fitted on the training split.

    ``input_shape`` is ``(ATOM_FDIM, BOND_FDIM, extra_dim)``.
    """

    def __init__(self, extra: str | None = None, extra_options: dict | None = None,
                 cache_dir: str | None = None):
        self.extra = extra
        self.extra_options = dict(extra_options or {})
        self.cache_dir = cache_dir
        self.extra_featurizer_ = None
        if extra is not None:
            cls = FEATURIZERS.get(extra)
            if not issubclass(cls, VectorFeaturizer):
                raise ValueError(f"extra must name a fingerprint / descriptor featurizer; got {extra!r}")
            kwargs = dict(self.extra_options)
            if cache_dir is not None:
                kwargs.setdefault("cache_dir", cache_dir)
            self.extra_featurizer_ = cls(**kwargs)

    def params(self) -> dict[str, Any]:
        return {"extra": self.extra, "extra_options": self.extra_options, "cache_dir": self.cache_dir}

    @property
    def input_shape(self) -> tuple[int, ...]:
        extra = self.extra_featurizer_.n_features if self.extra_featurizer_ is not None else 0
        return (ATOM_FDIM, BOND_FDIM, extra)

    def _fit(self, train) -> None:
        if self.extra_featurizer_ is not None:
            self.extra_featurizer_.fit(train)

    def transform(self, data: Any) -> MolGraphs:
        self.check_fitted()
        smiles = smiles_of(data)
        arrays = _cached_arrays(self.cache_dir, smiles, {"version": FEATURE_VERSION}, "molgraph",
                                lambda: _graph_arrays(smiles))
        extra = None
        if self.extra_featurizer_ is not None:
            extra = np.ascontiguousarray(self.extra_featurizer_.transform_array(smiles), dtype=np.float32)
        return MolGraphs(arrays["atom_features"], arrays["atom_offsets"], arrays["bond_features"],
                         arrays["edges"], arrays["edge_offsets"], extra)

    def _state(self) -> dict[str, Any]:
        return {"extra": self.extra_featurizer_.state_dict() if self.extra_featurizer_ is not None else None}

    def _load(self, state: dict[str, Any]) -> None:
        if self.extra_featurizer_ is not None:
            self.extra_featurizer_.load_state_dict(state["extra"])

    # federated statistics: the extra featurizer's (graphs learn nothing from the rows)
    def summary(self, train, query: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.extra_featurizer_.summary(train, query) if self.extra_featurizer_ is not None else {}

    def merge(self, summaries: list[dict[str, Any]], ask=None) -> "MolGraphFeaturizer":
        if self.extra_featurizer_ is not None:
            self.extra_featurizer_.merge(summaries, ask)
        self.fitted_ = True
        return self

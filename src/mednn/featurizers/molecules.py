"""Molecule featurizers: fingerprints, descriptors and graphs for message passing.

Registered names: ``ecfp`` (Morgan bits or counts), ``maccs`` (166 MACCS keys),
``rdkit2d`` (RDKit 2D descriptors, NaN/inf-safe, clipped and scaled with training
statistics), ``ecfp+rdkit2d`` and ``combined`` (several of these side by side), and
``molgraph`` (atom and bond features as a :class:`MolGraphs` Batchable that builds batched
directed-bond graphs for :mod:`mednn.models.molecules`). Each takes a Dataset whose inputs are
canonical SMILES (or a plain list of SMILES).

Featurising is the slow part (RDKit parsing and descriptors), so per-molecule results are kept
in an in-memory cache keyed by SMILES and, with ``cache_dir``, in ``.npz`` files (no pickle)
named by the sha256 of the SMILES list and the featurizer's parameters.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from .._optional import require
from ..errors import ConfigError, DataError
from .base import FEATURIZERS, Featurizer

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


# --------------------------------------------------------------------------- fingerprints
class _VectorFeaturizer(Featurizer):
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

    def merge(self, summaries: list[dict[str, Any]], ask=None) -> "_VectorFeaturizer":
        return self.load_state_dict({})


@FEATURIZERS.register("ecfp")
class ECFPFeaturizer(_VectorFeaturizer):
    """Morgan / ECFP fingerprints: ``radius`` 2 and ``n_bits`` 2048 is ECFP4; counts optional.

    >>> ECFPFeaturizer(radius=2, n_bits=1024).fit(train).transform(test).shape  # doctest: +SKIP
    torch.Size([n_test, 1024])
    """

    def __init__(self, radius: int = 2, n_bits: int = 2048, use_counts: bool = False,
                 use_chirality: bool = False, cache_dir: str | None = None):
        if int(radius) < 0 or int(n_bits) < 1:
            raise ValueError(f"radius must be >= 0 and n_bits >= 1; got {radius}, {n_bits}")
        self.radius = int(radius)
        self.n_bits = int(n_bits)
        self.use_counts = bool(use_counts)
        self.use_chirality = bool(use_chirality)
        self.cache_dir = cache_dir

    def params(self) -> dict[str, Any]:
        return {"radius": self.radius, "n_bits": self.n_bits, "use_counts": self.use_counts,
                "use_chirality": self.use_chirality, "cache_dir": self.cache_dir}

    @property
    def n_features(self) -> int:
        return self.n_bits

    def _generator(self):
        from rdkit.Chem import rdFingerprintGenerator

        return rdFingerprintGenerator.GetMorganGenerator(
            radius=self.radius, fpSize=self.n_bits, includeChirality=self.use_chirality
        )

    def _vectors(self, smiles: list[str]) -> np.ndarray:
        gen = self._generator()
        kind = f"ecfp:{self.radius}:{self.n_bits}:{self.use_counts}:{self.use_chirality}"

        def one(s: str) -> np.ndarray:
            mol = parse(s)
            fp = gen.GetCountFingerprintAsNumPy(mol) if self.use_counts else gen.GetFingerprintAsNumPy(mol)
            return fp.astype(np.uint16 if self.use_counts else np.uint8)

        return np.stack(_CACHE.get_many(kind, smiles, one)).astype(np.float32)

    def bit_atoms(self, smiles: str) -> dict[int, list[list[int]]]:
        """For each set bit, the atom sets (one per environment) that switch it on.

        Used to map bit attributions back to atoms: radius 0 is the centre atom, radius r the
        atoms of the bonds within r of it.
        """
        Chem = require("rdkit.Chem", extra="molecules")
        from rdkit.Chem import rdFingerprintGenerator

        mol = parse(smiles)
        extra = rdFingerprintGenerator.AdditionalOutput()
        extra.AllocateBitInfoMap()
        self._generator().GetCountFingerprint(mol, additionalOutput=extra)  # folded to n_bits
        out: dict[int, list[list[int]]] = {}
        for bit, environments in extra.GetBitInfoMap().items():
            for centre, radius in environments:
                if radius == 0:
                    atoms = {centre}
                else:
                    bonds = Chem.FindAtomEnvironmentOfRadiusN(mol, radius, centre)
                    atoms = {centre}
                    for b in bonds:
                        bond = mol.GetBondWithIdx(b)
                        atoms.update((bond.GetBeginAtomIdx(), bond.GetEndAtomIdx()))
                out.setdefault(int(bit), []).append(sorted(atoms))
        return out


@FEATURIZERS.register("maccs")
class MACCSFeaturizer(_VectorFeaturizer):
    """The 166 MACCS structural keys (RDKit returns 167 bits; bit 0 is always off)."""

    def __init__(self, cache_dir: str | None = None):
        self.cache_dir = cache_dir

    def params(self) -> dict[str, Any]:
        return {"cache_dir": self.cache_dir}

    @property
    def n_features(self) -> int:
        return 167

    def _vectors(self, smiles: list[str]) -> np.ndarray:
        from rdkit.Chem import MACCSkeys

        from rdkit import DataStructs

        def one(s: str) -> np.ndarray:
            out = np.zeros(167, dtype=np.uint8)
            DataStructs.ConvertToNumpyArray(MACCSkeys.GenMACCSKeys(parse(s)), out)
            return out

        return np.stack(_CACHE.get_many("maccs", smiles, one)).astype(np.float32)


def descriptor_names(descriptors: str | list[str]) -> list[str]:
    """Names of an RDKit descriptor set: "all" (Descriptors.descList), "fast" (rdMolDescriptors
    Properties, computed in C++ about ten times faster), or an explicit list of names."""
    if isinstance(descriptors, (list, tuple)):
        valid = set(descriptor_names("all")) | set(descriptor_names("fast"))
        unknown = [d for d in descriptors if d not in valid]
        if unknown:
            raise ConfigError(
                f"Unknown RDKit descriptor {unknown[0]!r} in featurize.descriptors; "
                "fix: use names from rdkit.Chem.Descriptors.descList, or 'all' / 'fast'"
            )
        return list(descriptors)
    if descriptors == "all":
        from rdkit.Chem import Descriptors

        return [name for name, _ in Descriptors.descList]
    if descriptors == "fast":
        from rdkit.Chem import rdMolDescriptors

        return list(rdMolDescriptors.Properties.GetAvailableProperties())
    raise ConfigError(
        f"featurize.descriptors must be 'all', 'fast' or a list of names; got {descriptors!r}"
    )


def _descriptor_function(names: list[str]):
    from rdkit.Chem import Descriptors, rdMolDescriptors

    table = dict(Descriptors.descList)
    fast = set(rdMolDescriptors.Properties.GetAvailableProperties())
    fast_names = [n for n in names if n in fast and n not in table]
    props = rdMolDescriptors.Properties(fast_names) if fast_names else None

    def compute(mol) -> np.ndarray:
        values = dict(zip(fast_names, props.ComputeProperties(mol))) if props is not None else {}
        out = np.empty(len(names), dtype=np.float64)
        for k, name in enumerate(names):
            if name in values:
                out[k] = values[name]
                continue
            try:
                out[k] = float(table[name](mol))
            except Exception:  # a descriptor that fails on a molecule is missing, not fatal
                out[k] = np.nan
        return out

    return compute


@FEATURIZERS.register("rdkit2d")
class RDKit2DFeaturizer(_VectorFeaturizer):
    """RDKit 2D descriptors: inf -> missing, missing -> train median, values clipped to the train
    ``[q, 1-q]`` quantiles (some descriptors, e.g. Ipc, span 30 orders of magnitude), then
    standardised with the train mean and standard deviation."""

    def __init__(self, descriptors: str | list[str] = "all", clip_quantile: float = 0.005,
                 cache_dir: str | None = None):
        if not 0 <= float(clip_quantile) < 0.5:
            raise ValueError(f"clip_quantile must be in [0, 0.5); got {clip_quantile}")
        self.descriptors = list(descriptors) if isinstance(descriptors, (list, tuple)) else descriptors
        self.clip_quantile = float(clip_quantile)
        self.cache_dir = cache_dir

    def params(self) -> dict[str, Any]:
        return {"descriptors": self.descriptors, "clip_quantile": self.clip_quantile,
                "cache_dir": self.cache_dir}

    @property
    def feature_names_(self) -> list[str]:
        return descriptor_names(self.descriptors)

    @property
    def n_features(self) -> int:
        return len(self.feature_names_)

    def raw(self, data: Any) -> np.ndarray:
        """Unscaled descriptor values (n, d), inf replaced by NaN."""
        smiles = smiles_of(data)
        names = self.feature_names_
        if not smiles:
            return np.zeros((0, len(names)))
        from rdkit import rdBase

        compute = _descriptor_function(names)
        kind = "rdkit2d:" + hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]

        def all_rows() -> dict[str, np.ndarray]:
            # RDKit warns on some molecules (e.g. lone H atoms) while computing descriptors
            with rdBase.BlockLogs():
                rows = _CACHE.get_many(kind, smiles, lambda s: compute(parse(s)))
            return {"x": np.stack(rows)}

        params = {"descriptors": names}
        x = _cached_arrays(self.cache_dir, smiles, params, "rdkit2d-raw", all_rows)["x"].astype(np.float64)
        x[~np.isfinite(x)] = np.nan
        return x

    def _fit(self, train) -> None:
        x = self.raw(train)
        if len(x) == 0:
            raise DataError("rdkit2d: the training split has no molecules to fit the scaling on")
        with np.errstate(all="ignore"):
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns: handled below
                median = np.nanmedian(x, axis=0)
                low = np.nanquantile(x, self.clip_quantile, axis=0)
                high = np.nanquantile(x, 1 - self.clip_quantile, axis=0)
        median = np.where(np.isnan(median), 0.0, median)
        low = np.where(np.isnan(low), 0.0, low)
        high = np.where(np.isnan(high), 0.0, high)
        filled = np.clip(np.where(np.isnan(x), median, x), low, high)
        std = filled.std(axis=0)
        self.median_ = median
        self.low_, self.high_ = low, high
        self.mean_ = filled.mean(axis=0)
        self.scale_ = np.where(std > 1e-12, std, 1.0)  # constant columns map to 0

    def transform_array(self, data: Any) -> np.ndarray:
        self.check_fitted()
        x = self.raw(data)
        x = np.clip(np.where(np.isnan(x), self.median_, x), self.low_, self.high_)
        return ((x - self.mean_) / self.scale_).astype(np.float32)

    def _state(self) -> dict[str, Any]:
        return {"median": self.median_, "low": self.low_, "high": self.high_,
                "mean": self.mean_, "scale": self.scale_}

    def _load(self, state: dict[str, Any]) -> None:
        d = len(self.feature_names_)
        for key in ("median", "low", "high", "mean", "scale"):
            value = np.asarray(state[key], dtype=np.float64)
            if value.shape != (d,):
                raise DataError(
                    f"rdkit2d state '{key}' has {value.size} values for {d} descriptors; "
                    "fix: load the state with the descriptors it was fitted with"
                )
            setattr(self, f"{key}_", value)

    # federated statistics: pooled medians, clip quantiles and moments from the sites' counts
    def summary(self, train, query: dict[str, Any] | None = None) -> dict[str, Any]:
        from .federated import descriptor_summary

        return descriptor_summary(self.raw(train), query)

    def merge(self, summaries: list[dict[str, Any]], ask=None) -> "RDKit2DFeaturizer":
        from .federated import descriptor_merge

        return self.load_state_dict(descriptor_merge(summaries, ask, self.clip_quantile))


@FEATURIZERS.register("combined")
class CombinedFeaturizer(_VectorFeaturizer):
    """Several vector featurizers side by side, e.g. ``parts: [ecfp, rdkit2d]``.

    ``options`` holds each part's arguments: ``{"ecfp": {"radius": 3}}``.
    """

    default_parts: tuple[str, ...] = ("ecfp", "rdkit2d")

    def __init__(self, parts: list[str] | None = None, options: dict[str, dict] | None = None,
                 cache_dir: str | None = None):
        self.parts = list(parts) if parts is not None else list(self.default_parts)
        self.options = {k: dict(v) for k, v in (options or {}).items()}
        self.cache_dir = cache_dir
        if not self.parts:
            raise ValueError("parts must name at least one featurizer")
        unknown = [k for k in self.options if k not in self.parts]
        if unknown:
            raise ValueError(f"options name {unknown[0]!r}, which is not in parts {self.parts}")
        self.featurizers_ = []
        for name in self.parts:
            cls = FEATURIZERS.get(name)
            if not issubclass(cls, _VectorFeaturizer) or issubclass(cls, CombinedFeaturizer):
                raise ValueError(f"part {name!r} is not a fingerprint / descriptor featurizer")
            kwargs = dict(self.options.get(name, {}))
            if cache_dir is not None:
                kwargs.setdefault("cache_dir", cache_dir)
            self.featurizers_.append(cls(**kwargs))

    def params(self) -> dict[str, Any]:
        return {"parts": self.parts, "options": self.options, "cache_dir": self.cache_dir}

    @property
    def n_features(self) -> int:
        return sum(f.n_features for f in self.featurizers_)

    def offsets(self) -> dict[str, tuple[int, int]]:
        """Column range of each part in the combined vector."""
        out, start = {}, 0
        for name, f in zip(self.parts, self.featurizers_):
            out[name] = (start, start + f.n_features)
            start += f.n_features
        return out

    def _fit(self, train) -> None:
        for f in self.featurizers_:
            f.fit(train)

    def transform_array(self, data: Any) -> np.ndarray:
        self.check_fitted()
        return np.concatenate([f.transform_array(data) for f in self.featurizers_], axis=1)

    def _state(self) -> dict[str, Any]:
        return {name: f.state_dict() for name, f in zip(self.parts, self.featurizers_)}

    def _load(self, state: dict[str, Any]) -> None:
        for name, f in zip(self.parts, self.featurizers_):
            f.load_state_dict(state[name])

    # federated statistics: each part's, keyed by its name
    def summary(self, train, query: dict[str, Any] | None = None) -> dict[str, Any]:
        if query is None:
            return {name: f.summary(train) for name, f in zip(self.parts, self.featurizers_)}
        return {query["part"]: self.featurizers_[self.parts.index(query["part"])].summary(train, query["query"])}

    def merge(self, summaries: list[dict[str, Any]], ask=None) -> "CombinedFeaturizer":
        for name, f in zip(self.parts, self.featurizers_):
            f.merge([s[name] for s in summaries],
                    lambda q, name=name: [a[name] for a in ask({"part": name, "query": q})])
        self.fitted_ = True
        return self


@FEATURIZERS.register("ecfp+rdkit2d")
class ECFPDescriptorFeaturizer(CombinedFeaturizer):
    """ECFP bits followed by scaled RDKit 2D descriptors (``combined`` with those two parts)."""

    default_parts = ("ecfp", "rdkit2d")


# --------------------------------------------------------------------------- molecular graphs
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
            if not issubclass(cls, _VectorFeaturizer):
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

"""Molecule featurizers: fingerprints, descriptors and graphs for message passing.

Registered names: ``ecfp`` (Morgan bits or counts), ``maccs`` (166 MACCS keys),
``rdkit2d`` (RDKit 2D descriptors, NaN/inf-safe, clipped and scaled with training
statistics), ``ecfp+rdkit2d`` and ``combined`` (several of these side by side), and
``molgraph`` (atom and bond features as a :class:`MolGraphs` Batchable that builds batched
directed-bond graphs for :mod:`mednn.models.molecules`). Each takes a Dataset whose inputs are
canonical SMILES (or a plain list of SMILES).

Featurising is the slow part: results are cached per molecule (:mod:`.molecule_base`). This
module holds the fingerprints and descriptors and registers the graph featurizer
(:mod:`.molecule_graphs`).
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np

from .._optional import require
from ..errors import ConfigError, DataError
from . import molecule_graphs  # noqa: F401  (registers "molgraph")
from .base import FEATURIZERS
from .molecule_base import _CACHE, FEATURE_VERSION, VectorFeaturizer, _cached_arrays, parse, smiles_of  # noqa: F401
from .molecule_graphs import (ATOM_FDIM, BOND_FDIM, MolGraphFeaturizer, MolGraphs,  # noqa: F401  (public here too)
                              atom_bond_features)

_VectorFeaturizer = VectorFeaturizer  # the name before the split


# --------------------------------------------------------------------------- fingerprints
@FEATURIZERS.register("ecfp")
class ECFPFeaturizer(VectorFeaturizer):
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
class MACCSFeaturizer(VectorFeaturizer):
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
class RDKit2DFeaturizer(VectorFeaturizer):
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
class CombinedFeaturizer(VectorFeaturizer):
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
            if not issubclass(cls, VectorFeaturizer) or issubclass(cls, CombinedFeaturizer):
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



"""``molecule_domain``: is a molecule inside the model's applicability domain?

The network's embedding alone (``embedding_knn``) ranks small, simple molecules (solvents,
industrial chemicals) as *closer* to a drug training set than the set's own scaffold-split test
molecules: what the network learnt to separate is not what makes a molecule foreign. This scorer
adds what cheminformatics calls the applicability domain (Sahigara et al., Molecules 2012;
Tropsha, Mol. Inform. 2010; OECD QSAR principle 3), computed on the molecule itself with RDKit,
as components summed by the base class after calibration on validation:

- ``knn_distance`` (part ``embedding``): the network's own embedding, as ``embedding_knn``
  (with its ``energy`` component for multiclass runs);
- ``tanimoto_distance`` (``tanimoto``): 1 - the mean Tanimoto similarity of the ``similar``
  most similar training molecules on ECFP4 bits (2048; structural similarity to training);
- ``count_tanimoto_distance`` (``counts``) and ``atom_pair_distance`` (``atom_pairs``): the same
  with the count Tanimoto (sum of minima / sum of maxima) on ECFP4 counts and on atom-pair counts
  (pairs of atoms with their topological distance: size and shape as well as groups);
- ``descriptor_distance`` (``descriptors``): the distance to the ``neighbours``-th nearest
  training molecule in a standardised physico-chemical space (:data:`DESCRIPTORS`) -- a local
  density (Sahigara et al., J. Cheminform. 2013);
- ``descriptor_mahalanobis`` (``mahalanobis``): the Mahalanobis distance from the training mean
  in the same space (Ledoit-Wolf covariance; the leverage / Hotelling T^2 of the field);
- ``descriptor_isolation`` (``isolation_forest``): an isolation forest (:mod:`mednn.ood.forest`)
  on 93 robustly scaled descriptors (:data:`DESCRIPTORS`, the molecular quantum numbers and the
  VSA bins): a combination of counts no training molecule has; plus how far the 15 descriptors
  lie past their robust training range, in spans of it (a forest cannot extrapolate: alone it
  gives a C200 chain the score of the largest training molecule);
- ``unseen_elements`` (``elements``): the elements of the molecule never seen in training (a
  tin, platinum or boron atom in a model trained on C, H, N, O, S, halogens); each adds 2 to
  the score (its floor scale is 0.5), so one alone is flagged at the usual thresholds;
- ``unseen_environments`` (``environments``): the share of heavy atoms whose radius-1
  environment (an unfolded Morgan identifier) never occurs in training;
- ``unseen_ring_systems`` (``ring_systems``): the share of the molecule's ring systems never
  seen in training (hashed);
- ``unseen_substructures`` (``substructures``): the share of its ECFP4 bits no training molecule
  sets; ``properties_out_of_range`` (``property_ranges``): how many of the 15 descriptors lie
  outside their robust training range (each adds 2, as ``table_ranges``' columns).

What each molecule is (fingerprints, descriptors, ...) is computed once, in
:mod:`mednn.ood.molecule_facts`; ``molecule_calibration: scaffold_folds`` adds cross-fitted
training scaffold folds to the calibration (:mod:`mednn.ood.molecule_calibration`; the default is
validation alone).

The default, :data:`DEFAULT_PARTS`, was chosen across eight in-distribution and nine foreign
sets, leave one out (``benchmarks/ood_molecule_variants.py``, docs/benchmarks.md).

The reference keeps, of up to ``reference_size`` training molecules, fingerprints (packed bits,
counts as compressed rows), standardised descriptors, the element set, environment identifiers,
ring-system hashes and the forest's node arrays: numbers and hashes, never SMILES, saved in
``ood.safetensors`` with the embeddings. It needs the records' SMILES
(:attr:`OODInputs.smiles`), which predict, evaluate and serve pass with the features.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import ConfigError, ModelError, problem
from .base import OOD_SCORERS, OODInputs, mahalanobis, out_of_range, robust_range
from .embedding import QUERY_CHUNK, EmbeddingKNNScorer
from .forest import FIELDS as FOREST_FIELDS
from .forest import IsolationForestArrays
from .molecule_calibration import cross_fitted_components, grouped_threshold, scaffold_folds
from .molecule_facts import (BROAD_SIZE, COUNT_GENERATORS, DESCRIPTORS, FINGERPRINT_BITS,  # noqa: F401 - re-exported
                             CountFingerprints, MoleculeFacts)

PARTS = ("embedding", "tanimoto", "counts", "atom_pairs", "descriptors", "mahalanobis", "isolation_forest",
         "elements", "environments", "ring_systems", "substructures", "property_ranges")
# chosen across 8 ID sets x 9 foreign sets, leave one out (benchmarks/ood_molecule_variants.py, docs/benchmarks.md)
DEFAULT_PARTS = ("tanimoto", "atom_pairs", "isolation_forest", "elements")
PREVIOUS_DEFAULT_PARTS = ("tanimoto", "descriptors", "elements", "environments")  # the default until 2026-12-07
# scaffold_folds: training scaffold folds join validation, thresholded by scaffold set
# (mednn.ood.molecule_calibration; measured no better than validation alone: docs/benchmarks.md)
CALIBRATIONS = ("validation", "scaffold_folds")
COMPONENT_OF = {"tanimoto": "tanimoto_distance", "counts": "count_tanimoto_distance",
                "atom_pairs": "atom_pair_distance", "descriptors": "descriptor_distance",
                "mahalanobis": "descriptor_mahalanobis", "isolation_forest": "descriptor_isolation",
                "elements": "unseen_elements",
                "environments": "unseen_environments", "ring_systems": "unseen_ring_systems",
                "substructures": "unseen_substructures", "property_ranges": "properties_out_of_range"}
# an unseen element (or a property out of its training range) adds 2; 10% of atoms in unseen
# environments (of ring systems unseen, of ECFP4 bits unseen) add 2
FLOOR_OF = {"unseen_elements": 0.5, "unseen_environments": 0.05, "unseen_ring_systems": 0.05,
            "unseen_substructures": 0.05, "properties_out_of_range": 0.5}
RANGE_QUANTILE, RANGE_MARGIN = 0.005, 0.25  # as table_ranges: 0.5-99.5% widened by a quarter of the span
COUNT_FIELDS = ("indptr", "bits", "counts")
COUNT_DTYPES = {"indptr": np.int64, "bits": np.int16, "counts": np.uint8}


def _unique(ids: list[np.ndarray]) -> np.ndarray:
    return np.unique(np.concatenate(ids)).astype(np.int64) if ids else np.zeros(0, dtype=np.int64)


def _unseen_share(ids: list[np.ndarray], seen: np.ndarray) -> np.ndarray:
    """Per molecule the share of its identifiers (atom environments, ring systems) never seen in training."""
    return np.array([[np.mean(~np.isin(i, seen)) if len(i) else 0.0] for i in ids])


def smiles_records(x: OODInputs) -> list[str]:
    if x.smiles is None:
        raise ModelError("the molecule scorer needs the records' SMILES (OODInputs.smiles); pass records= "
                         "to Predictor.assess / ood_inputs")
    return [str(s) for s in x.smiles]


def tanimoto_distance(query: np.ndarray, reference: np.ndarray, similar: int,
                      reference_count: np.ndarray | None = None) -> np.ndarray:
    """1 - the mean Tanimoto similarity of the ``similar`` most similar reference rows (packed bits,
    or already unpacked as float32 0/1 columns with their bit counts in ``reference_count``)."""
    ref = reference if reference.dtype == np.float32 else np.unpackbits(reference, axis=1).astype(np.float32)
    ref_count = ref.sum(axis=1) if reference_count is None else reference_count
    k = min(similar, len(ref))
    out = np.empty(len(query))
    for start in range(0, len(query), QUERY_CHUNK):
        q = np.unpackbits(query[start:start + QUERY_CHUNK], axis=1).astype(np.float32)
        common = q @ ref.T
        union = q.sum(axis=1)[:, None] + ref_count[None, :] - common
        similarity = np.where(union > 0, common / np.maximum(union, 1.0), 1.0)
        top = -np.partition(-similarity, k - 1, axis=1)[:, :k]
        out[start:start + len(q)] = 1.0 - top.mean(axis=1)
    return out


def unseen_bits(query: np.ndarray, seen: np.ndarray) -> np.ndarray:
    """Per molecule the share of its ECFP4 bits (packed) that no reference molecule sets: substructures
    of radius up to 2 new to training (a molecule with no bit counts as 0)."""
    new = np.unpackbits(query & ~seen[None, :], axis=1).sum(axis=1)
    total = np.unpackbits(query, axis=1).sum(axis=1)
    return np.where(total > 0, new / np.maximum(total, 1), 0.0)


def property_ranges(descriptors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each descriptor's robust training range: the 0.5-99.5% quantiles widened by a quarter of their span."""
    if not len(descriptors):
        return np.full(len(DESCRIPTORS), -np.inf), np.full(len(DESCRIPTORS), np.inf)
    return robust_range(descriptors, RANGE_QUANTILE, RANGE_MARGIN)


def kth_distance(query: np.ndarray, reference: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(reference))
    ref_sq = (reference ** 2).sum(axis=1)
    out = np.empty(len(query))
    for start in range(0, len(query), QUERY_CHUNK):
        q = query[start:start + QUERY_CHUNK]
        squared = (q ** 2).sum(axis=1)[:, None] + ref_sq[None, :] - 2.0 * (q @ reference.T)
        out[start:start + len(q)] = np.partition(squared, k - 1, axis=1)[:, k - 1]
    return np.sqrt(np.maximum(out, 0.0))


@OOD_SCORERS.register("molecule_domain")
class MoleculeDomainScorer(EmbeddingKNNScorer):
    """The network's embedding kNN + the molecule's applicability domain (see the module).

    >>> drugs = ["CC(=O)Nc1ccc(O)cc1", "CN1CCC[C@H]1c1cccnc1", "CC(C)Cc1ccc(C(C)C(=O)O)cc1"] * 20
    >>> s = MoleculeDomainScorer(molecule_parts=["descriptors", "elements"]).fit(OODInputs(smiles=drugs),
    ...                                                                  OODInputs(smiles=drugs))
    >>> s.unseen_elements(["C[Sn](C)(C)c1ccccc1"])
    [['Sn']]
    """

    name = "molecule_domain"

    def __init__(self, fpr: float = 0.05, neighbours: int = 10, reference_size: int = 5000,
                 normalize: bool = False, energy: bool | str = "auto", task_kind: str | None = None, seed: int = 0,
                 molecule_parts: tuple[str, ...] | list[str] | None = None, similar: int = 5,
                 molecule_calibration: str = "validation"):
        super().__init__(fpr, neighbours, reference_size, normalize, energy, task_kind, seed)
        self.molecule_parts = molecule_parts
        self.similar = similar
        self.molecule_calibration = molecule_calibration

    @property
    def parts(self) -> tuple[str, ...]:
        """``molecule_parts``, or :data:`DEFAULT_PARTS` when None."""
        return DEFAULT_PARTS if self.molecule_parts is None else tuple(self.molecule_parts)

    @property
    def uses_embedding(self) -> bool:
        return "embedding" in self.parts

    @property
    def needs(self) -> tuple[str, ...]:  # type: ignore[override]
        network = super().needs if self.uses_embedding else ()
        return (*network, "smiles")

    @property
    def components(self) -> tuple[str, ...]:  # type: ignore[override]
        network = super().components if self.uses_embedding else ()
        return (*network, *(COMPONENT_OF[p] for p in PARTS if p in self.parts and p != "embedding"))

    @property
    def floors(self) -> tuple[float, ...]:  # type: ignore[override]
        return tuple(FLOOR_OF.get(name, 1e-9) for name in self.components)

    learnt = ("reference_", "fingerprints_", "descriptor_mean_", "descriptor_scale_", "descriptor_reference_",
              "descriptor_precision_", "elements_", "environments_", *(f"{name}_{field}_" for name in COUNT_GENERATORS
                                                                        for field in COUNT_FIELDS), "ring_systems_",
              "broad_median_", "broad_spread_", *(f"forest_{field}_" for field in FOREST_FIELDS), "n_cross_fitted_",
              "descriptor_low_", "descriptor_high_")

    def _check_params(self) -> None:
        super()._check_params()
        parts = self.molecule_parts
        if parts is not None and (isinstance(parts, str) or not isinstance(parts, (list, tuple)) or not parts or any(
                p not in PARTS for p in parts) or len(set(parts)) != len(parts)):
            raise ConfigError(problem("The 'molecule_parts' parameter of MoleculeDomainScorer must be a list of "
                                      f"distinct parts of {', '.join(PARTS)}", got=parts,
                                      fix="set evaluate.ood.molecule_parts"))
        if isinstance(self.similar, bool) or not isinstance(self.similar, int) or not 1 <= self.similar <= 100:
            raise ConfigError(problem("The 'similar' parameter of MoleculeDomainScorer must be an integer from 1 "
                                      "to 100", got=self.similar))
        if self.molecule_calibration not in CALIBRATIONS:
            raise ConfigError(problem("The 'molecule_calibration' parameter of MoleculeDomainScorer must be one of "
                                      f"{', '.join(CALIBRATIONS)}", got=self.molecule_calibration,
                                      fix="set evaluate.ood.molecule_calibration"))

    def _fit_reference(self, train: OODInputs) -> None:
        smiles = smiles_records(train)
        keep = np.arange(len(smiles))
        if len(smiles) > self.reference_size:  # the same subsample as the embeddings' (own generator)
            keep = np.sort(np.random.default_rng(self.seed).choice(len(smiles), self.reference_size, replace=False))
        kept = train.take(keep)
        facts = MoleculeFacts([smiles[i] for i in keep], self.parts,
                              scaffolds=self.molecule_calibration != "validation")
        self.reference_from(kept, facts)
        self._fitting = (kept, facts)  # for the scaffold folds of the calibration; dropped by it

    def reference_from(self, train: OODInputs, facts: MoleculeFacts) -> None:
        """The reference of the training molecules whose ``facts`` are given (all of them kept)."""
        if self.uses_embedding:
            EmbeddingKNNScorer._fit_reference(self, train)
        else:
            self.reference_ = np.zeros((1, 1), dtype=np.float32)
        self.fingerprints_ = facts.bits
        self.descriptor_mean_ = facts.descriptors.mean(axis=0) if len(facts) else np.zeros(len(DESCRIPTORS))
        self.descriptor_scale_ = np.maximum(facts.descriptors.std(axis=0), 1e-6) if len(facts) \
            else np.ones(len(DESCRIPTORS))
        self.descriptor_reference_ = (facts.descriptors - self.descriptor_mean_) / self.descriptor_scale_
        from sklearn.covariance import LedoitWolf

        self.descriptor_precision_ = LedoitWolf().fit(self.descriptor_reference_).precision_ \
            if len(facts) > 1 and "mahalanobis" in self.parts else np.eye(len(DESCRIPTORS))
        self.descriptor_low_, self.descriptor_high_ = property_ranges(facts.descriptors)
        self.elements_ = np.unique(np.concatenate(facts.elements)) if len(facts) else np.zeros(0, dtype=np.int64)
        self.environments_ = _unique(facts.environments)
        self.ring_systems_ = _unique(facts.ring_systems)
        self._fit_forest(facts.broad)
        for name in COUNT_GENERATORS:  # parts not summed keep empty arrays (one schema for every run)
            fingerprints = facts.counts.get(name) or CountFingerprints.of(np.zeros((0, FINGERPRINT_BITS)))
            for field in COUNT_FIELDS:
                # stored compact: bits < 2048 fit int16, counts <= COUNT_CAP fit uint8
                setattr(self, f"{name}_{field}_", getattr(fingerprints, field).astype(COUNT_DTYPES[field]))
        self.n_cross_fitted_ = 0
        self._cache = {}

    def _calibration_components(self, train: OODInputs, val: OODInputs) -> np.ndarray:
        """Validation's components and, with ``molecule_calibration: scaffold_folds``, those of the
        training scaffold folds, each scored by a reference of the other folds
        (:mod:`mednn.ood.molecule_calibration`)."""
        kept, facts = self.__dict__.pop("_fitting")
        folds_wanted = self.molecule_calibration == "scaffold_folds"
        val_facts = MoleculeFacts(smiles_records(val), self.parts, scaffolds=folds_wanted)
        raw = self.components_of(val, val_facts)
        if not folds_wanted:
            return raw
        folds = scaffold_folds(facts.scaffolds, largest=len(val) / 2, seed=self.seed)
        held = cross_fitted_components(self, kept, facts, folds)
        self.n_cross_fitted_ = int(len(held))
        self._groups = (len(val), [*val_facts.scaffolds, *(facts.scaffolds[i] for f in folds for i in f)])
        return np.vstack([raw, held])

    def _threshold(self, scores: np.ndarray) -> tuple[float, str | None]:
        """With scaffold folds and a confidence: the scaffold-set bootstrap threshold for a split of
        validation's size (:func:`~mednn.ood.molecule_calibration.grouped_threshold`); else the base's."""
        groups = self.__dict__.pop("_groups", None)
        if groups is None or self.confidence is None:
            return super()._threshold(scores)
        size, scaffolds = groups
        return grouped_threshold(scores, scaffolds, size, self.fpr, self.confidence, seed=self.seed), None

    def _components(self, x: OODInputs) -> np.ndarray:
        return self.components_of(x, MoleculeFacts(smiles_records(x), self.parts))

    def components_of(self, x: OODInputs, facts: MoleculeFacts) -> np.ndarray:
        """The raw components of the molecules whose ``facts`` are given (``x``: their other inputs)."""
        columns = [EmbeddingKNNScorer._components(self, x)] if self.uses_embedding else []
        if "tanimoto" in self.parts:
            reference, count = self._unpacked()
            columns.append(tanimoto_distance(facts.bits, reference, self.similar, count)[:, None])
        for name in (p for p in COUNT_GENERATORS if p in self.parts):
            columns.append(facts.counts[name].distance(self._counts(name), self.similar)[:, None])
        standard = (facts.descriptors - self.descriptor_mean_) / self.descriptor_scale_
        if "descriptors" in self.parts:
            columns.append(kth_distance(standard, self.descriptor_reference_, self.neighbours)[:, None])
        if "mahalanobis" in self.parts:
            columns.append(mahalanobis(standard, self.descriptor_precision_)[:, None])
        if "isolation_forest" in self.parts:
            isolation = self._forest().score(self._robust(facts.broad)) + self._beyond_range(facts.descriptors)
            columns.append(isolation[:, None])
        if "elements" in self.parts:
            columns.append(np.array([[len(np.setdiff1d(e, self.elements_))] for e in facts.elements], dtype=np.float64))
        if "environments" in self.parts:
            columns.append(_unseen_share(facts.environments, self.environments_))
        if "ring_systems" in self.parts:
            columns.append(_unseen_share(facts.ring_systems, self.ring_systems_))
        if "substructures" in self.parts:
            columns.append(unseen_bits(facts.bits, self._seen_bits())[:, None])
        if "property_ranges" in self.parts:
            columns.append(out_of_range(facts.descriptors, self.descriptor_low_, self.descriptor_high_)[:, None])
        return np.concatenate(columns, axis=1).astype(np.float64)

    def _check_reference(self) -> None:
        self._cache = {}
        if self.uses_embedding:
            super()._check_reference()
        self.fingerprints_ = np.asarray(self.fingerprints_, dtype=np.uint8)
        if self.fingerprints_.ndim != 2 or self.fingerprints_.shape[1] != FINGERPRINT_BITS // 8:
            raise ValueError("fingerprint shape")
        d = len(DESCRIPTORS)
        reference = np.asarray(self.descriptor_reference_, dtype=np.float64)
        if np.shape(self.descriptor_mean_) != (d,) or np.shape(self.descriptor_scale_) != (d,) or \
                reference.ndim != 2 or reference.shape[1] != d or len(reference) != len(self.fingerprints_):
            raise ValueError("descriptor shape")
        self.descriptor_reference_ = reference
        self.descriptor_low_, self.descriptor_high_ = (np.asarray(a, dtype=np.float64).reshape(-1)
                                                       for a in (self.descriptor_low_, self.descriptor_high_))
        if self.descriptor_low_.shape != (d,) or self.descriptor_high_.shape != (d,):
            raise ValueError("descriptor range shape")
        self.descriptor_precision_ = np.asarray(self.descriptor_precision_, dtype=np.float64)
        if self.descriptor_precision_.shape != (d, d):
            raise ValueError("descriptor precision shape")
        self.elements_ = np.asarray(self.elements_, dtype=np.int64).reshape(-1)
        self.environments_ = np.asarray(self.environments_, dtype=np.int64).reshape(-1)
        self.ring_systems_ = np.asarray(self.ring_systems_, dtype=np.int64).reshape(-1)
        self.broad_median_, self.broad_spread_ = (np.asarray(a, dtype=np.float64).reshape(-1)
                                                  for a in (self.broad_median_, self.broad_spread_))
        if self.broad_median_.shape != (BROAD_SIZE,) or self.broad_spread_.shape != (BROAD_SIZE,) or \
                not (self.broad_spread_ > 0).all():
            raise ValueError("broad descriptor scale shape")
        forest = self._forest()  # raises ValueError when inconsistent
        if "isolation_forest" in self.parts and np.any(forest.feature[forest.left >= 0] >= BROAD_SIZE):
            raise ValueError("isolation forest features")
        for name in COUNT_GENERATORS:
            fingerprints = self._counts(name)  # raises ValueError when inconsistent
            if name in self.parts and len(fingerprints) != len(self.fingerprints_):
                raise ValueError(f"{name} rows")

    def load_state_dict(self, state: dict[str, Any]) -> MoleculeDomainScorer:
        """As the base class; a run saved before the count, forest and ring-system parts existed
        loads with them empty (it does not sum them) and, with the default parts, sums the default
        of its day."""
        learnt = state.get("learnt") if isinstance(state, dict) else None
        if isinstance(learnt, dict) and "forest_offsets_" not in learnt and self.molecule_parts is None:
            self.molecule_parts = list(PREVIOUS_DEFAULT_PARTS)  # what its default summed when it was fitted
        if isinstance(learnt, dict):
            empty = CountFingerprints.of(np.zeros((0, FINGERPRINT_BITS), dtype=np.int64))
            for name in COUNT_GENERATORS:
                for field in COUNT_FIELDS:
                    learnt.setdefault(f"{name}_{field}_", getattr(empty, field))
            learnt.setdefault("ring_systems_", np.zeros(0, dtype=np.int64))
            learnt.setdefault("n_cross_fitted_", 0)  # calibrated on validation alone
            learnt.setdefault("descriptor_low_", np.full(len(DESCRIPTORS), -np.inf))  # not summed then
            learnt.setdefault("descriptor_high_", np.full(len(DESCRIPTORS), np.inf))
            learnt.setdefault("broad_median_", np.zeros(BROAD_SIZE))
            learnt.setdefault("broad_spread_", np.ones(BROAD_SIZE))
            for field, value in zip(FOREST_FIELDS, ([0, 1], [-1], [-1], [-2], [-2.0], [0.0], [0.0])):
                learnt.setdefault(f"forest_{field}_", np.asarray(value))
        super().load_state_dict(state)
        return self

    def _fit_forest(self, broad: np.ndarray) -> None:
        """The robust scale (median, interquartile range) of the broad descriptors and an isolation
        forest on them, grown with the scorer's own seed; a one-leaf forest when not summed."""
        if "isolation_forest" not in self.parts or len(broad) < 2:
            self.broad_median_, self.broad_spread_ = np.zeros(BROAD_SIZE), np.ones(BROAD_SIZE)
            forest = IsolationForestArrays([0, 1], [-1], [-1], [-2], [-2.0], [0.0], [0.0])
        else:
            self.broad_median_ = np.median(broad, axis=0)
            spread = np.subtract(*np.percentile(broad, [75, 25], axis=0))
            self.broad_spread_ = np.where(spread > 0, spread, np.maximum(broad.std(axis=0), 1e-6))
            forest = IsolationForestArrays.grow(self._robust(broad), seed=self.seed)
        for field, value in forest.arrays().items():
            setattr(self, f"forest_{field}_", value)

    def _beyond_range(self, descriptors: np.ndarray) -> np.ndarray:
        """How far each molecule lies past the robust training range of the 15 descriptors, in
        spans of that range (at least 1), summed: 0 inside it. The forest's splits lie between
        training values, so alone it scores a C200 alkane (weight 2,800, 197 rotatable bonds) as
        the largest training molecule (trial 8: C200 and C62 passed as in-domain)."""
        low, high = self.descriptor_low_, self.descriptor_high_
        span = np.maximum(high - low, 1.0)
        values = np.nan_to_num(np.asarray(descriptors, dtype=np.float64))
        return ((np.maximum(values - high, 0.0) + np.maximum(low - values, 0.0)) / span).sum(axis=1)

    def _robust(self, broad: np.ndarray) -> np.ndarray:
        # clipped: a few counts (VSA areas of a peptide) have tails far beyond the training spread
        return np.clip((broad - self.broad_median_) / self.broad_spread_, -20.0, 20.0)

    def _forest(self) -> IsolationForestArrays:
        return IsolationForestArrays(*(getattr(self, f"forest_{field}_") for field in FOREST_FIELDS))

    def _counts(self, name: str) -> CountFingerprints:
        # kept (with its unrolled columns, built on first use) until the reference changes
        cache = self.__dict__.setdefault("_cache", {})
        if name not in cache:
            cache[name] = CountFingerprints(*(getattr(self, f"{name}_{field}_") for field in COUNT_FIELDS))
        return cache[name]

    def _seen_bits(self) -> np.ndarray:
        """The ECFP4 bits any reference molecule sets (packed)."""
        cache = self.__dict__.setdefault("_cache", {})
        if "seen" not in cache:
            cache["seen"] = np.bitwise_or.reduce(self.fingerprints_, axis=0) if len(self.fingerprints_) \
                else np.zeros(FINGERPRINT_BITS // 8, dtype=np.uint8)
        return cache["seen"]

    def _unpacked(self) -> tuple[np.ndarray, np.ndarray]:
        """The reference's ECFP4 bits as float32 0/1 columns and their counts per molecule, unpacked once."""
        cache = self.__dict__.setdefault("_cache", {})
        if "bits" not in cache:
            bits = np.unpackbits(self.fingerprints_, axis=1).astype(np.float32)
            cache["bits"] = bits, bits.sum(axis=1)
        return cache["bits"]

    def promise(self) -> str:
        """As the base class's, naming the cross-fitted training molecules the threshold also saw."""
        text = super().promise()
        folds = int(getattr(self, "n_cross_fitted_", 0))
        if not folds:
            return text
        n_val = self.n_calibration_ - folds
        return (text.replace("records like the validation set", "molecules like the validation set or a new "
                             "scaffold of the training set")
                .replace(f"on {self.n_calibration_} validation records",
                         f"on {n_val} validation molecules and {folds} training molecules scored against the "
                         "other scaffold folds"))

    def unseen_elements(self, smiles: list[str]) -> list[list[str]]:
        """The element symbols of each molecule never seen in training (for messages and tests)."""
        from rdkit.Chem import GetPeriodicTable

        self.check_fitted()
        table = GetPeriodicTable()
        return [[table.GetElementSymbol(int(z)) for z in np.setdiff1d(e, self.elements_)]
                for e in MoleculeFacts(smiles, ()).elements]


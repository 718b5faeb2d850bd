"""What the molecule scorer (``molecule_domain``, :mod:`mednn.ood.molecules`) reads from each
molecule, computed once per molecule with RDKit: ECFP4 bits, descriptors, elements, atom
environments, count fingerprints (ECFP4, atom pairs), ring-system hashes and, for the
scaffold-fold calibration (:mod:`mednn.ood.molecule_calibration`), the Bemis-Murcko scaffold.

:class:`MoleculeFacts` holds them for many molecules as arrays that :meth:`MoleculeFacts.take`
slices, so that the reference of each scaffold fold is cut from one computation. A new
per-molecule fact goes here; how it becomes a score goes in :mod:`mednn.ood.molecules`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

FINGERPRINT_BITS = 2048
DESCRIPTORS = ("mol_weight", "logp", "tpsa", "h_donors", "h_acceptors", "rotatable_bonds", "rings",
               "aromatic_rings", "heavy_atoms", "fraction_sp3", "formal_charges", "heteroatoms", "halogens",
               "nitrogens", "oxygens")
BROAD_SIZE = 15 + 42 + 36  # DESCRIPTORS + the molecular quantum numbers + the VSA bins
COUNT_CAP = 32  # counts above it count as 32 in the Tanimoto (a bit set 32 times is rare outside polymers)


def _descriptors(mol: Any) -> list[float]:
    from rdkit.Chem import Descriptors, rdMolDescriptors

    symbols = [a.GetSymbol() for a in mol.GetAtoms()]
    return [Descriptors.MolWt(mol), rdMolDescriptors.CalcCrippenDescriptors(mol)[0], rdMolDescriptors.CalcTPSA(mol),
            rdMolDescriptors.CalcNumHBD(mol), rdMolDescriptors.CalcNumHBA(mol),
            rdMolDescriptors.CalcNumRotatableBonds(mol), rdMolDescriptors.CalcNumRings(mol),
            rdMolDescriptors.CalcNumAromaticRings(mol), mol.GetNumHeavyAtoms(), rdMolDescriptors.CalcFractionCSP3(mol),
            sum(abs(a.GetFormalCharge()) for a in mol.GetAtoms()), rdMolDescriptors.CalcNumHeteroatoms(mol),
            sum(s in ("F", "Cl", "Br", "I") for s in symbols), symbols.count("N"), symbols.count("O")]


def _broad_descriptors(mol: Any) -> list[float]:
    """The 42 molecular quantum numbers (counts of atoms, bonds, polar groups, ring sizes; Nguyen et
    al., ChemMedChem 2009) and the 36 VSA bins (surface area by logP, refractivity and charge):
    cheap (RDKit's ~210 descriptors take ~10 ms a molecule, far more for peptides)."""
    from rdkit.Chem import rdMolDescriptors

    return [*rdMolDescriptors.MQNs_(mol), *rdMolDescriptors.SlogP_VSA_(mol), *rdMolDescriptors.SMR_VSA_(mol),
            *rdMolDescriptors.PEOE_VSA_(mol)]


def _morgan_counts():
    from rdkit.Chem import rdFingerprintGenerator

    return rdFingerprintGenerator.GetMorganGenerator(radius=2, fpSize=FINGERPRINT_BITS)


def _atom_pair_counts():
    from rdkit.Chem import rdFingerprintGenerator

    return rdFingerprintGenerator.GetAtomPairGenerator(fpSize=FINGERPRINT_BITS)


# part -> the RDKit generator of its count fingerprint (ECFP4 counts; atom pairs: every pair of
# atoms with their topological distance, which sees size and shape as well as groups)
COUNT_GENERATORS = {"counts": _morgan_counts, "atom_pairs": _atom_pair_counts}


class MoleculeFacts:
    """What the scorer reads from each molecule, for the ``parts`` it sums (all when None): ECFP4
    bits (packed), descriptors, atomic numbers, the radius-1 environment identifier of each heavy
    atom, Morgan (radius 2) and atom-pair counts (:class:`CountFingerprints`), the hashed ring
    systems and, with ``scaffolds``, each molecule's Bemis-Murcko scaffold (canonical SMILES, used
    while fitting only: never stored)."""

    def __init__(self, smiles: list[str], parts: tuple[str, ...] | None = None, scaffolds: bool = False):
        from rdkit.Chem import rdFingerprintGenerator
        from rdkit.Chem.Scaffolds import MurckoScaffold

        from ..featurizers.molecule_base import parse

        wants = (lambda *names: parts is None or any(n in parts for n in names))  # noqa: E731
        morgan = rdFingerprintGenerator.GetMorganGenerator(radius=2, fpSize=FINGERPRINT_BITS)
        environments = rdFingerprintGenerator.GetMorganGenerator(radius=1)
        counters = {name: generator() for name, generator in COUNT_GENERATORS.items() if wants(name)}
        counts: dict[str, list[np.ndarray]] = {name: [] for name in counters}
        bits, descriptors, broad, self.elements, self.environments, self.ring_systems = [], [], [], [], [], []
        self.scaffolds: list[str] = []
        for s in smiles:
            mol = parse(s)
            if wants("tanimoto", "substructures"):
                bits.append(morgan.GetFingerprintAsNumPy(mol).astype(np.uint8))
            if wants("descriptors", "mahalanobis", "isolation_forest", "property_ranges"):
                descriptors.append(_descriptors(mol))  # once: the forest's broad set starts with them
            self.elements.append(np.array([a.GetAtomicNum() for a in mol.GetAtoms()], dtype=np.int64))
            if wants("environments"):
                extra = rdFingerprintGenerator.AdditionalOutput()
                extra.AllocateAtomToBits()
                environments.GetSparseCountFingerprint(mol, additionalOutput=extra)
                # per atom its identifiers by radius: [radius 0, radius 1] (radius 0 alone when isolated)
                self.environments.append(np.array([ids[-1] for ids in extra.GetAtomToBits()], dtype=np.int64))
            for name, generator in counters.items():
                counts[name].append(generator.GetCountFingerprintAsNumPy(mol))
            if wants("ring_systems"):
                self.ring_systems.append(ring_system_hashes(mol))
            if wants("isolation_forest"):
                broad.append([*descriptors[-1], *_broad_descriptors(mol)])
            if scaffolds:
                self.scaffolds.append(MurckoScaffold.MurckoScaffoldSmiles(mol=mol, includeChirality=False))
        n = len(smiles)
        self.bits = np.packbits(np.array(bits, dtype=np.uint8).reshape(n, -1), axis=1) \
            if wants("tanimoto", "substructures") else np.zeros((n, FINGERPRINT_BITS // 8), dtype=np.uint8)
        self.descriptors = np.nan_to_num(np.array(descriptors, dtype=np.float64).reshape(n, -1)) \
            if descriptors or n == 0 else np.zeros((n, len(DESCRIPTORS)))
        self.broad = np.nan_to_num(np.array(broad, dtype=np.float64).reshape(n, -1)) \
            if wants("isolation_forest") else np.zeros((n, BROAD_SIZE))
        self.counts = {name: CountFingerprints.of(np.array(c).reshape(n, FINGERPRINT_BITS))
                       for name, c in counts.items()}

    def __len__(self) -> int:
        return len(self.elements)

    def take(self, index: np.ndarray) -> MoleculeFacts:
        """The facts of the molecules at ``index`` (no RDKit call)."""
        index = np.asarray(index, dtype=np.int64)
        out = MoleculeFacts.__new__(MoleculeFacts)
        for name in ("bits", "descriptors", "broad"):
            setattr(out, name, getattr(self, name)[index])
        for name in ("elements", "environments", "ring_systems", "scaffolds"):
            values = getattr(self, name)
            setattr(out, name, [values[i] for i in index] if values else [])
        out.counts = {name: c.take(index) for name, c in self.counts.items()}
        return out


class CountFingerprints:
    """Folded count fingerprints of many molecules as compressed rows (``indptr``, ``bits``,
    ``counts`` arrays: what a run stores), and their count-Tanimoto similarity
    sum(min(a, b)) / sum(max(a, b)) computed as one sparse product: each count is unrolled into
    ``COUNT_CAP`` 0/1 columns (column ``bit * COUNT_CAP + t`` set when the count exceeds t), whose
    dot product is sum(min(a, b))."""

    def __init__(self, indptr: np.ndarray, bits: np.ndarray, counts: np.ndarray):
        self.indptr = np.asarray(indptr, dtype=np.int64).reshape(-1)
        self.bits = np.asarray(bits, dtype=np.int64).reshape(-1)
        self.counts = np.asarray(counts, dtype=np.int64).reshape(-1)
        if len(self.indptr) < 1 or self.indptr[0] != 0 or self.indptr[-1] != len(self.bits) or \
                len(self.bits) != len(self.counts) or np.any(np.diff(self.indptr) < 0) or \
                (len(self.bits) and not (0 <= self.bits.min() and self.bits.max() < FINGERPRINT_BITS)):
            raise ValueError("count fingerprint shape")
        self._reference: tuple[Any, np.ndarray] | None = None

    @classmethod
    def of(cls, dense: np.ndarray) -> CountFingerprints:
        rows, bits = np.nonzero(dense)
        indptr = np.r_[0, np.cumsum(np.bincount(rows, minlength=len(dense)))]
        return cls(indptr, bits, np.minimum(dense[rows, bits], COUNT_CAP))

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def take(self, index: np.ndarray) -> CountFingerprints:
        lengths = np.diff(self.indptr)[index]
        entries = np.concatenate([np.arange(self.indptr[i], self.indptr[i + 1]) for i in index]) \
            if len(index) else np.zeros(0, dtype=np.int64)
        return CountFingerprints(np.r_[0, np.cumsum(lengths)], self.bits[entries], self.counts[entries])

    def unrolled(self):
        from scipy.sparse import csr_matrix

        c = np.minimum(self.counts, COUNT_CAP)
        rows = np.repeat(np.repeat(np.arange(len(self)), np.diff(self.indptr)), c)
        offsets = np.arange(c.sum()) - np.repeat(np.cumsum(c) - c, c)
        columns = np.repeat(self.bits, c) * COUNT_CAP + offsets
        return csr_matrix((np.ones(int(c.sum()), dtype=np.float32), (rows, columns)),
                          shape=(len(self), FINGERPRINT_BITS * COUNT_CAP))

    def as_reference(self) -> tuple[Any, np.ndarray]:
        """The unrolled columns (one per reference molecule) and their totals, built once: a
        scorer that serves one molecule at a time does not unroll its whole reference each call."""
        if self._reference is None:
            ref = self.unrolled().T.tocsr()  # csr @ csr: scipy would convert a csc operand on every call
            self._reference = ref, np.asarray(ref.sum(axis=0)).ravel()
        return self._reference

    def distance(self, reference: CountFingerprints, similar: int, chunk: int = 1024) -> np.ndarray:
        """1 - the mean count-Tanimoto similarity of the ``similar`` most similar reference rows."""
        ref, ref_total = reference.as_reference()
        k = min(similar, len(reference))
        query = self.unrolled()
        out = np.empty(len(self))
        for start in range(0, len(self), chunk):
            q = query[start:start + chunk]
            common = (q @ ref).toarray()
            union = np.asarray(q.sum(axis=1)).ravel()[:, None] + ref_total[None, :] - common
            similarity = np.where(union > 0, common / np.maximum(union, 1.0), 1.0)
            out[start:start + q.shape[0]] = 1.0 - (-np.partition(-similarity, k - 1, axis=1)[:, :k]).mean(axis=1)
        return out


def ring_system_hashes(mol: Any) -> np.ndarray:
    """A 63-bit hash of each ring system of ``mol`` (rings sharing a bond merged; the system's
    canonical SMILES hashed with BLAKE2b, so that no structure is stored)."""
    import hashlib

    from rdkit import Chem

    systems: list[set[int]] = []
    for ring in mol.GetRingInfo().AtomRings():
        ring = set(ring)
        for system in [s for s in systems if len(s & ring) >= 2]:
            ring |= system
            systems.remove(system)
        systems.append(ring)
    return np.array([int.from_bytes(hashlib.blake2b(Chem.MolFragmentToSmiles(mol, sorted(s)).encode(),
                                                     digest_size=8).digest(), "little") >> 1 for s in systems],
                    dtype=np.int64)

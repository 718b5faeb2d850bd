"""Molecule featurizers: fingerprints against RDKit, descriptor scaling, graphs, state, cache."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("rdkit")

import torch  # noqa: E402
from rdkit import Chem, DataStructs  # noqa: E402
from rdkit.Chem import AllChem, Descriptors, MACCSkeys  # noqa: E402

from mednn.errors import NotFittedError  # noqa: E402
from mednn.featurizers import build_featurizer  # noqa: E402
from mednn.featurizers.base import FEATURIZERS, Batchable  # noqa: E402
from mednn.featurizers.molecules import (  # noqa: E402
    ATOM_FDIM,
    BOND_FDIM,
    ECFPFeaturizer,
    MolGraphFeaturizer,
    RDKit2DFeaturizer,
)
from mednn.runs import join_arrays, split_arrays  # noqa: E402

TRAIN = ["CC(=O)Oc1ccccc1C(=O)O", "CCO", "c1ccncc1", "CC(C)Cc1ccc(C(C)C(=O)O)cc1", "OCC(O)CO", "[H]"]
TEST = ["CCN(CC)CC", "c1ccc2ccccc2c1", "C"]


def test_ecfp_bits_and_counts_match_rdkit():
    f = ECFPFeaturizer(radius=2, n_bits=512).fit(TRAIN)
    x = f.transform(TEST)
    assert x.dtype == torch.float32 and x.shape == (3, 512) and f.input_shape == (512,)
    for row, s in zip(x, TEST):
        fp = AllChem.GetMorganFingerprintAsBitVect(Chem.MolFromSmiles(s), 2, nBits=512)
        expected = np.zeros(512)
        DataStructs.ConvertToNumpyArray(fp, expected)
        np.testing.assert_array_equal(row.numpy(), expected)
    counts = ECFPFeaturizer(radius=1, n_bits=256, use_counts=True).fit(TRAIN).transform(["CCCCCC"])
    assert counts.max() > 1  # several identical CH2 environments
    assert (counts > 0).sum() == (ECFPFeaturizer(radius=1, n_bits=256).fit(TRAIN).transform(["CCCCCC"]) > 0).sum()


def test_maccs_matches_rdkit():
    x = build_featurizer("maccs").fit(TRAIN).transform(TEST)
    expected = np.zeros(167)
    DataStructs.ConvertToNumpyArray(MACCSkeys.GenMACCSKeys(Chem.MolFromSmiles(TEST[1])), expected)
    np.testing.assert_array_equal(x[1].numpy(), expected)


def test_rdkit2d_scaled_with_train_statistics_and_finite():
    f = RDKit2DFeaturizer(descriptors=["MolWt", "NumHDonors", "TPSA"], clip_quantile=0.0).fit(TRAIN)
    raw = np.array([[Descriptors.MolWt(m), Descriptors.NumHDonors(m), Descriptors.TPSA(m)]
                    for m in map(Chem.MolFromSmiles, TRAIN)])
    mean, std = raw.mean(0), raw.std(0)
    x_train = f.transform(TRAIN).numpy()
    np.testing.assert_allclose(x_train, (raw - mean) / std, rtol=1e-4, atol=1e-5)
    # test values outside the training range are clipped to it
    x_test = f.transform(["C" * 40]).numpy()
    assert x_test[0, 0] == pytest.approx(((raw[:, 0].max()) - mean[0]) / std[0], rel=1e-5)


def test_rdkit2d_all_descriptors_nan_and_inf_safe(monkeypatch):
    f = RDKit2DFeaturizer(descriptors="fast").fit(TRAIN)
    raw = f.raw(TRAIN)
    raw[0, 0], raw[1, 1] = np.nan, np.inf
    monkeypatch.setattr(f, "raw", lambda data: raw.copy())
    f.fit(TRAIN)
    x = f.transform(TRAIN).numpy()
    assert np.isfinite(x).all()
    assert np.isfinite(RDKit2DFeaturizer().fit(TRAIN).transform(TEST).numpy()).all()


def test_state_round_trip_through_json_and_arrays():
    for name, params in [("rdkit2d", {"descriptors": "fast"}), ("ecfp+rdkit2d", {"options": {"ecfp": {"n_bits": 64}, "rdkit2d": {"descriptors": "fast"}}}),
                         ("molgraph", {"extra": "rdkit2d", "extra_options": {"descriptors": "fast"}}),
                         ("ecfp", {"n_bits": 128, "use_counts": True})]:
        f = build_featurizer(name, params).fit(TRAIN)
        json_state, arrays = split_arrays(f.state_dict())
        state = join_arrays(json.loads(json.dumps(json_state)), arrays)
        g = build_featurizer(name, json.loads(json.dumps(f.params()))).load_state_dict(state)
        a, b = f.transform(TEST), g.transform(TEST)
        if isinstance(a, torch.Tensor):
            torch.testing.assert_close(a, b)
        else:
            for key, value in a.batch(np.arange(3)).items():
                torch.testing.assert_close(value, b.batch(np.arange(3))[key])


def test_use_before_fit_raises():
    for name in ("ecfp", "rdkit2d", "maccs", "molgraph", "ecfp+rdkit2d"):
        with pytest.raises(NotFittedError):
            FEATURIZERS.get(name)().transform(TEST)


def test_molgraph_batch_shapes_and_edges():
    f = MolGraphFeaturizer().fit(TRAIN)
    graphs = f.transform(TRAIN)
    assert isinstance(graphs, Batchable) and len(graphs) == len(TRAIN)
    assert f.input_shape == (ATOM_FDIM, BOND_FDIM, 0)
    index = np.array([3, 0, 5])
    b = graphs.batch(index)
    mols = [Chem.MolFromSmiles(TRAIN[i]) for i in index]
    n_atoms = [m.GetNumAtoms() for m in mols]
    n_edges = sum(2 * m.GetNumBonds() for m in mols)
    assert b["atom_features"].shape == (sum(n_atoms), ATOM_FDIM)
    assert b["bond_features"].shape == (n_edges, BOND_FDIM) and b["edge_index"].shape == (2, n_edges)
    assert b["n_atoms"].tolist() == n_atoms
    assert b["atom_molecule"].tolist() == [0] * n_atoms[0] + [1] * n_atoms[1] + [2] * n_atoms[2]
    src, dst = b["edge_index"]
    rev = b["reverse_edge"]
    assert torch.equal(src[rev], dst) and torch.equal(dst[rev], src)
    # every edge stays within its molecule
    assert torch.equal(b["atom_molecule"][src], b["atom_molecule"][dst])
    # molecule 1 (aspirin) is the second block: its bonds match RDKit's, shifted by n_atoms[0]
    aspirin = mols[1]
    first = n_atoms[0]
    pairs = {(bd.GetBeginAtomIdx() + first, bd.GetEndAtomIdx() + first) for bd in aspirin.GetBonds()}
    got = {(int(s), int(d)) for s, d in zip(src, dst) if first <= s < first + n_atoms[1]}
    assert got == pairs | {(d, s) for s, d in pairs}
    # one-hot blocks: element (carbon) and aromatic flag of the ring atoms of aspirin
    x = b["atom_features"][first:first + n_atoms[1]]
    carbon = [a.GetIdx() for a in aspirin.GetAtoms() if a.GetSymbol() == "C"]
    assert (x[carbon, 5] == 1).all()  # element block starts at H (column 0): C is column 5
    aromatic_col = ATOM_FDIM - 2
    assert x[:, aromatic_col].tolist() == [float(a.GetIsAromatic()) for a in aspirin.GetAtoms()]
    # single atom molecule ([H] standardises to [H]; 1 atom, no bonds) is fine
    lone = graphs.batch(np.array([5]))
    assert lone["edge_index"].shape == (2, 0) and lone["n_atoms"].tolist() == [1]


def test_molgraph_extra_features_and_disk_cache(tmp_path):
    f = MolGraphFeaturizer(extra="ecfp", extra_options={"n_bits": 32}, cache_dir=str(tmp_path)).fit(TRAIN)
    assert f.input_shape == (ATOM_FDIM, BOND_FDIM, 32)
    first = f.transform(TEST)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert any(n.startswith("molgraph-") for n in files) and all(n.endswith(".npz") for n in files)
    second = f.transform(TEST)  # read back from the .npz files
    for key, value in first.batch(np.arange(3)).items():
        torch.testing.assert_close(value, second.batch(np.arange(3))[key])
    np.testing.assert_array_equal(
        first.batch(np.array([1]))["extra"].numpy()[0], ECFPFeaturizer(n_bits=32).fit(TRAIN).transform([TEST[1]])[0].numpy()
    )

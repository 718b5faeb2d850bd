"""The D-MPNN: an explicit per-bond oracle, atom-order invariance, hparam validation."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("rdkit")

import torch  # noqa: E402
from rdkit import Chem  # noqa: E402

from mednn.data.base import Task  # noqa: E402
from mednn.errors import ConfigError  # noqa: E402
from mednn.featurizers.molecules import MolGraphFeaturizer, atom_bond_features  # noqa: E402
from mednn.models import build_model  # noqa: E402
from mednn.models.molecules import build_dmpnn  # noqa: E402

SMILES = ["CC(=O)Oc1ccccc1C(=O)O", "CN1CCC[C@H]1c1cccnc1", "OCC(O)CO", "C"]
BINARY = Task("binary", ("0", "1"))


def _model(aggregation="mean", depth=3, extra=0, seed=0):
    torch.manual_seed(seed)
    f = MolGraphFeaturizer().fit(SMILES)
    shape = (f.input_shape[0], f.input_shape[1], extra)
    return build_dmpnn(task=Task("regression", ("a", "b")), input_shape=shape, hidden_size=16,
                       depth=depth, aggregation=aggregation, ffn_hidden=8).eval(), f


def _oracle(model, smiles: str, aggregation: str) -> torch.Tensor:
    """Message passing written bond by bond from the D-MPNN equations (no scatter ops)."""
    enc = model.encoder
    x, e, edges = atom_bond_features(Chem.MolFromSmiles(smiles))
    x, e = torch.from_numpy(x), torch.from_numpy(e)
    edge_list = [(int(s), int(t)) for s, t in edges.T]
    h0 = {vw: enc.W_i(torch.cat([x[vw[0]], e[k]])) for k, vw in enumerate(edge_list)}
    h = {vw: torch.relu(h0[vw]) for vw in edge_list}
    for _ in range(enc.depth - 1):
        new = {}
        for v, w in edge_list:
            m = sum((h[(k, u)] for (k, u) in edge_list if u == v and k != w), torch.zeros(16))
            new[(v, w)] = torch.relu(h0[(v, w)] + enc.W_h(m))
        h = new
    atoms = []
    for v in range(x.shape[0]):
        m = sum((h[(k, u)] for (k, u) in edge_list if u == v), torch.zeros(16))
        atoms.append(torch.relu(enc.W_o(torch.cat([x[v], m]))))
    z = torch.stack(atoms).sum(0)
    if aggregation == "mean":
        z = z / len(atoms)
    elif aggregation == "norm":
        z = z / 100
    return model.head(z.unsqueeze(0))[0]


@pytest.mark.parametrize("aggregation", ["sum", "mean", "norm"])
def test_batched_message_passing_matches_bond_by_bond_oracle(aggregation):
    model, f = _model(aggregation)
    graphs = f.transform(SMILES)
    with torch.no_grad():
        out = model(graphs.batch(np.arange(len(SMILES))))
        for i, s in enumerate(SMILES):
            torch.testing.assert_close(out[i], _oracle(model, s, aggregation), rtol=1e-4, atol=1e-5)


def test_prediction_invariant_to_atom_order():
    model, f = _model("sum")
    rng = np.random.default_rng(0)
    for s in SMILES[:3]:
        mol = Chem.MolFromSmiles(s)
        order = rng.permutation(mol.GetNumAtoms()).tolist()
        shuffled = Chem.MolToSmiles(Chem.RenumberAtoms(mol, order), canonical=False)
        assert shuffled != s or mol.GetNumAtoms() < 3
        with torch.no_grad():
            a = model(f.transform([s]).batch(np.array([0])))
            b = model(f.transform([shuffled]).batch(np.array([0])))
        torch.testing.assert_close(a, b, rtol=1e-4, atol=1e-5)


def test_molecule_predictions_do_not_depend_on_the_batch():
    model, f = _model("mean")
    graphs = f.transform(SMILES)
    with torch.no_grad():
        together = model(graphs.batch(np.array([2, 0, 1])))
        alone = torch.cat([model(graphs.batch(np.array([i]))) for i in (2, 0, 1)])
    torch.testing.assert_close(together, alone, rtol=1e-5, atol=1e-6)


def test_extra_features_reach_the_head():
    model, f = _model(extra=3)
    batch = f.transform(SMILES).batch(np.arange(2))
    batch["extra"] = torch.zeros(2, 3)
    with torch.no_grad():
        a = model(batch)
        batch["extra"] = torch.ones(2, 3)
        b = model(batch)
    assert not torch.allclose(a, b)


def test_bad_hparams_are_config_errors():
    with pytest.raises(ConfigError, match="aggregation"):
        build_model("dmpnn", task=BINARY, input_shape=(72, 14, 0), aggregation="max")
    with pytest.raises(ConfigError, match="molgraph"):
        build_model("dmpnn", task=BINARY, input_shape=(2048,))
    with pytest.raises(ConfigError, match="model.depht"):
        build_model("dmpnn", task=BINARY, input_shape=(72, 14, 0), depht=3)

"""Atom attributions for molecule models: hand-computable oracles and the rendered section."""

from __future__ import annotations

import base64

import numpy as np
import pytest

pytest.importorskip("rdkit")

import torch  # noqa: E402
from rdkit import Chem  # noqa: E402

from mednn.config import ExplainConfig  # noqa: E402
from mednn.data.base import Dataset, Task  # noqa: E402
from mednn.explain.base import ExplainContext, explain  # noqa: E402
from mednn.explain.molecules import (  # noqa: E402
    fingerprint_atom_attributions,
    graph_atom_attributions,
)
from mednn.featurizers import build_featurizer  # noqa: E402
from mednn.featurizers.molecules import ECFPFeaturizer  # noqa: E402
from mednn.models import build_model, load_model_modules  # noqa: E402

load_model_modules()

SMILES = ["CC(=O)Oc1ccccc1C(=O)O", "CCN(CC)CC", "c1ccncc1", "OCC(O)CO", "CC(=O)Nc1ccc(O)cc1", "CCO"]


class LinearGraph(torch.nn.Module):
    """output = sum over atoms of w.x_v + sum over directed bonds of u.e_vw (hand-checkable)."""

    def __init__(self, atom_dim, bond_dim):
        super().__init__()
        g = torch.Generator().manual_seed(0)
        self.w = torch.nn.Parameter(torch.randn(atom_dim, generator=g))
        self.u = torch.nn.Parameter(torch.randn(bond_dim, generator=g))

    def forward(self, b):
        n = b["n_atoms"].shape[0]
        atoms = torch.zeros(n).index_add(0, b["atom_molecule"], b["atom_features"] @ self.w)
        edge_mol = b["atom_molecule"][b["edge_index"][0]]
        bonds = torch.zeros(n).index_add(0, edge_mol, b["bond_features"] @ self.u)
        return (atoms + bonds).unsqueeze(1)


def test_graph_attributions_equal_hand_computed_contributions():
    f = build_featurizer("molgraph").fit(SMILES)
    graphs = f.transform(SMILES)
    model = LinearGraph(*f.input_shape[:2])
    index = np.array([4, 0, 2])
    weights = graph_atom_attributions(model, graphs, index, np.zeros(3, dtype=int))
    for i, w in zip(index, weights):
        b = graphs.batch(np.array([i]))
        with torch.no_grad():
            expected = (b["atom_features"] @ model.w).clone()
            per_edge = b["bond_features"] @ model.u
            for k, (s, t) in enumerate(b["edge_index"].T.tolist()):
                expected[s] += per_edge[k] / 2
                expected[t] += per_edge[k] / 2
        np.testing.assert_allclose(w, expected.numpy(), rtol=1e-5, atol=1e-6)
        # gradient x input of a linear model is complete: attributions sum to the output
        np.testing.assert_allclose(w.sum(), model(b).item(), rtol=1e-5)


def test_fingerprint_attributions_land_on_the_atoms_of_the_bit():
    ecfp = ECFPFeaturizer(radius=1, n_bits=1024).fit(SMILES)
    x = ecfp.transform(SMILES)
    smiles = "CC(=O)Nc1ccc(O)cc1"  # paracetamol
    i = SMILES.index(smiles)
    bit_atoms = ecfp.bit_atoms(smiles)
    # a bit with one radius-1 environment: the weight sits on that environment only
    bit, envs = next((b, e) for b, e in sorted(bit_atoms.items()) if len(e) == 1 and len(e[0]) > 1)
    model = torch.nn.Linear(1024, 1, bias=False)
    with torch.no_grad():
        model.weight.zero_()
        model.weight[0, bit] = 3.0
    (w,) = fingerprint_atom_attributions(model, x, np.array([i]), np.array([0]), ecfp, 0, [smiles])
    expected = np.zeros(Chem.MolFromSmiles(smiles).GetNumAtoms())
    expected[envs[0]] = 3.0 / len(envs[0])
    np.testing.assert_allclose(w, expected)


@pytest.mark.parametrize("model_name,featurizer_name,task", [
    ("dmpnn", "molgraph", Task("binary", ("0", "1"))),
    ("mlp", "ecfp+rdkit2d", Task("multilabel", ("a", "b"))),
    ("dmpnn", "molgraph", Task("regression", ("logS",))),
])
def test_explainer_section_has_one_png_per_sample(model_name, featurizer_name, task):
    params = {"options": {"rdkit2d": {"descriptors": "fast"}}} if featurizer_name == "ecfp+rdkit2d" else {}
    f = build_featurizer(featurizer_name, params).fit(SMILES)
    features = f.transform(SMILES)
    hp = {"hidden_size": 16, "ffn_hidden": 8} if model_name == "dmpnn" else {"hidden_sizes": [8]}
    torch.manual_seed(0)
    model = build_model(model_name, task=task, input_shape=f.input_shape, **hp).eval()
    n = len(SMILES)
    rng = np.random.default_rng(0)
    if task.kind == "binary":
        targets, prob = np.arange(n) % 2, rng.random(n)
        predicted = (prob >= 0.5).astype(int)
    elif task.kind == "multilabel":
        targets = (rng.random((n, 2)) > 0.5).astype(np.float32)
        targets[0, 1] = np.nan
        prob = rng.random((n, 2))
        predicted = (prob >= 0.5).astype(int)
    else:
        targets, prob = rng.normal(size=(n, 1)).astype(np.float32), rng.normal(size=(n, 1))
        predicted = prob
    ds = Dataset(inputs=SMILES, targets=targets, task=task, ids=np.arange(1, n + 1), modality="molecules")
    ctx = ExplainContext(model=model, featurizer=f, dataset=ds, features=features, probabilities=prob,
                         predicted=predicted, task=task, config=ExplainConfig(n_samples=4))
    sections = explain(ctx, "molecules")
    assert len(sections) == 1 and sections[0]["title"] == "Atom attributions"
    images = [f["png"] for f in sections[0]["figures"]]
    assert len(images) == 4
    assert all(base64.b64decode(img)[:8] == b"\x89PNG\r\n\x1a\n" for img in images)
    if task.kind == "binary":
        assert "error" in sections[0]["figures"][0]["caption"]  # errors come first


def test_explainer_says_when_features_cannot_be_mapped_to_atoms():
    f = build_featurizer("maccs").fit(SMILES)
    task = Task("binary", ("0", "1"))
    model = build_model("mlp", task=task, input_shape=f.input_shape).eval()
    ds = Dataset(inputs=SMILES, targets=np.arange(6) % 2, task=task, ids=np.arange(6), modality="molecules")
    ctx = ExplainContext(model=model, featurizer=f, dataset=ds, features=f.transform(SMILES),
                         probabilities=np.full(6, 0.6), predicted=np.ones(6, int), task=task,
                         config=ExplainConfig(n_samples=2))
    (section,) = explain(ctx, "molecules")
    assert "neither" in section["notes"][0] and "figures" not in section

"""Contract for every registered molecule model: forward shape, no NaN, every parameter gets a
gradient, and it overfits 16 molecules. Models come from the registry: each builder defined in
``mednn.models.molecules`` (on molgraph features) plus the seed's ``mlp`` on ECFP bits."""

from __future__ import annotations


import numpy as np
import pytest

pytest.importorskip("rdkit")

import torch  # noqa: E402

from mednn.data.base import Task  # noqa: E402
from mednn.featurizers import build_featurizer  # noqa: E402
from mednn.models import MODELS, build_model, load_model_modules  # noqa: E402

load_model_modules()

SMILES = [
    "CC(=O)Oc1ccccc1C(=O)O", "CC(C)Cc1ccc(C(C)C(=O)O)cc1", "CN1C=NC2=C1C(=O)N(C(=O)N2C)C",
    "CC(=O)Nc1ccc(O)cc1", "OC(=O)c1ccccc1O", "c1ccc2ccccc2c1", "CCO", "CCN(CC)CC",
    "c1ccncc1", "O=C(O)c1cccnc1", "C1CCCCC1", "c1ccc(cc1)C1CCNCC1", "c1ccc2[nH]ccc2c1",
    "CN1CCC[C@H]1c1cccnc1", "Clc1ccc(cc1)C(c1ccccc1)N1CCNCC1", "OCC(O)CO",
]
MOLECULE_MODELS = [
    (name, "molgraph") for name in MODELS.names() if MODELS.get(name).__module__ == "mednn.models.molecules"
] + [("mlp", "ecfp")]
SMALL = {"dmpnn": {"hidden_size": 32, "ffn_hidden": 32}, "mlp": {"hidden_sizes": [64]}}
TASKS = [
    Task("binary", ("0", "1")),
    Task("multiclass", ("a", "b", "c")),
    Task("multilabel", ("x", "y")),
    Task("regression", ("logS",)),
]


def _setup(model_name, featurizer_name, task, seed=0):
    torch.manual_seed(seed)
    featurizer = build_featurizer(featurizer_name).fit(SMILES)
    features = featurizer.transform(SMILES)
    model = build_model(model_name, task=task, input_shape=featurizer.input_shape, **SMALL.get(model_name, {}))
    return model, features


def _batch(features, index):
    index = np.asarray(index)
    return features[torch.as_tensor(index)] if isinstance(features, torch.Tensor) else features.batch(index)


def test_the_molecule_models_are_found():
    assert ("dmpnn", "molgraph") in MOLECULE_MODELS


@pytest.mark.parametrize("model_name,featurizer_name", MOLECULE_MODELS)
@pytest.mark.parametrize("task", TASKS, ids=lambda t: t.kind)
def test_forward_shape_finite_and_every_parameter_gets_a_gradient(model_name, featurizer_name, task):
    model, features = _setup(model_name, featurizer_name, task)
    model.train()
    out = model(_batch(features, np.arange(8)))
    assert out.shape == (8, task.n_outputs)
    assert torch.isfinite(out).all()
    out.pow(2).sum().backward()
    for name, p in model.named_parameters():
        assert p.grad is not None, f"{model_name}: {name} gets no gradient"
        assert torch.isfinite(p.grad).all() and p.grad.abs().sum() > 0, f"{model_name}: {name} has a zero gradient"


@pytest.mark.parametrize("model_name,featurizer_name", MOLECULE_MODELS)
def test_overfits_sixteen_molecules(model_name, featurizer_name):
    task = Task("binary", ("0", "1"))
    model, features = _setup(model_name, featurizer_name, task)
    y = torch.tensor([i % 2 for i in range(len(SMILES))], dtype=torch.float32)
    batch = _batch(features, np.arange(len(SMILES)))
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    model.train()
    first = None
    for _ in range(300):
        loss = torch.nn.functional.binary_cross_entropy_with_logits(model(batch)[:, 0], y)
        first = loss.item() if first is None else first
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        final = torch.nn.functional.binary_cross_entropy_with_logits(model(batch)[:, 0], y).item()
    assert first > 0.5 and final < 0.05, (first, final)

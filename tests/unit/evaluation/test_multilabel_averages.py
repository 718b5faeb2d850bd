"""Multilabel averages of evaluate() against scikit-learn on the same calls: micro, macro and
per-sample F1, per-label F1 / AUROC / support, with labels missing (NaN) in some rows."""

import numpy as np
import pytest
from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score

from mednn.data.base import Task
from mednn.evaluation import evaluate


def _data(seed=0, n=400, prevalence=(0.5, 0.3, 0.1, 0.04)):
    rng = np.random.default_rng(seed)
    y = (rng.random((n, len(prevalence))) < prevalence).astype(float)
    prob = np.clip(0.35 * y + 0.7 * rng.random(y.shape), 0, 1)
    return y, prob, np.array([0.5, 0.4, 0.6, 0.3])


def test_averages_match_scikit_learn():
    y, prob, cut = _data()
    names = ("a", "b", "c", "d")
    out = evaluate(Task("multilabel", names), y, prob, threshold=cut, n_bootstrap=100)
    pred = (prob >= cut).astype(int)
    assert out["f1_micro"]["value"] == pytest.approx(f1_score(y, pred, average="micro"))
    assert out["precision_micro"]["value"] == pytest.approx(precision_score(y, pred, average="micro"))
    assert out["recall_micro"]["value"] == pytest.approx(recall_score(y, pred, average="micro"))
    assert out["f1_macro"]["value"] == pytest.approx(f1_score(y, pred, average="macro"))
    assert out["f1_samples"]["value"] == pytest.approx(f1_score(y, pred, average="samples", zero_division=1.0))
    for j, name in enumerate(names):
        entry = out["per_label"][name]
        assert entry["f1"]["value"] == pytest.approx(f1_score(y[:, j], pred[:, j]))
        assert entry["auroc"]["value"] == pytest.approx(roc_auc_score(y[:, j], prob[:, j]))
        assert entry["support"] == int(y[:, j].sum()) and entry["n"] == len(y)
        assert "f1_macro" not in entry  # one label's two-class mean is not a per-label figure
    for key in ("f1_micro", "f1_macro", "f1_samples"):
        low, high = out[key]["ci95"]
        assert low < out[key]["value"] < high
    # micro pools the labels: it is pulled towards the frequent labels, macro is not
    assert out["f1_micro"]["value"] != pytest.approx(out["f1_macro"]["value"], abs=1e-3)


def test_missing_labels_count_nowhere():
    y, prob, cut = _data(seed=1)
    y[::7, 1] = np.nan
    y[::5, 3] = np.nan
    out = evaluate(Task("multilabel", ("a", "b", "c", "d")), y, prob, threshold=cut, n_bootstrap=0)
    pred = (prob >= cut).astype(int)
    present = ~np.isnan(y)
    tp = ((y == 1) & (pred == 1) & present).sum()
    fp = ((y == 0) & (pred == 1) & present).sum()
    fn = ((y == 1) & (pred == 0) & present).sum()
    assert out["f1_micro"]["value"] == pytest.approx(2 * tp / (2 * tp + fp + fn))
    per_label = [f1_score(y[present[:, j], j], pred[present[:, j], j]) for j in range(4)]
    assert out["f1_macro"]["value"] == pytest.approx(np.mean(per_label))
    assert out["per_label"]["b"]["n"] == int(present[:, 1].sum())


def test_a_label_without_positives_is_left_out_of_macro_as_scikit_learns_nan():
    y, prob, cut = _data(seed=2)
    y[:, 2] = 0
    prob[:, 2] = 0.0  # no positive, no call: F1 is 0/0
    with pytest.warns(UserWarning, match="per_label.c"):
        out = evaluate(Task("multilabel", ("a", "b", "c", "d")), y, prob, threshold=cut, n_bootstrap=0)
    pred = (prob >= cut).astype(int)
    assert out["per_label"]["c"]["f1"]["value"] is None and out["per_label"]["c"]["support"] == 0
    assert out["f1_macro"]["value"] == pytest.approx(f1_score(y, pred, average="macro", zero_division=np.nan))
    assert out["f1_micro"]["value"] == pytest.approx(f1_score(y, pred, average="micro"))


def test_f1_threshold_maximises_validation_f1_per_label():
    from mednn.evaluation.thresholds import ThresholdSelector

    y, prob, _ = _data(seed=3)
    cut = ThresholdSelector("f1").fit(prob, y).threshold_
    for j in range(y.shape[1]):
        candidates = np.unique(prob[:, j])
        best = max(f1_score(y[:, j], prob[:, j] >= c) for c in candidates)
        assert f1_score(y[:, j], prob[:, j] >= cut[j]) == pytest.approx(best)
    youden = ThresholdSelector("youden").fit(prob, y).threshold_
    rare = 3  # Youden's J calls a rare label far more often than F1 does
    assert (prob[:, rare] >= cut[rare]).sum() < (prob[:, rare] >= youden[rare]).sum()


def test_exact_match_accuracy_beside_per_label_accuracy_each_named_for_what_it_is():
    """Trial 6 (#9): a multilabel report's "Accuracy 0.861" was per-label (Hamming) accuracy, read
    by a clinician as 86% of abstracts right; their subset accuracy was 0.306."""
    from sklearn.metrics import accuracy_score, hamming_loss

    from mednn.evaluation.metrics import metric_label, metric_short

    y, prob, cut = _data(seed=2)
    out = evaluate(Task("multilabel", ("a", "b", "c", "d")), y, prob, threshold=cut, n_bootstrap=100)
    pred = (prob >= cut).astype(int)
    assert out["subset_accuracy"]["value"] == pytest.approx(accuracy_score(y, pred))  # exact match
    assert out["accuracy"]["value"] == pytest.approx(1 - hamming_loss(y, pred))
    assert out["subset_accuracy"]["value"] < out["accuracy"]["value"] - 0.1
    low, high = out["subset_accuracy"]["ci95"]
    assert low < out["subset_accuracy"]["value"] < high
    # a missing label is unknown: the sample is exact when every known label is right
    y[0, :] = pred[0, :]
    y[0, 1] = np.nan
    y[1, :] = np.nan
    out = evaluate(Task("multilabel", ("a", "b", "c", "d")), y, prob, threshold=cut, n_bootstrap=0)
    known = ~np.isnan(y)
    rows = known.any(axis=1)
    exact = [(y[i, known[i]] == pred[i, known[i]]).all() for i in np.flatnonzero(rows)]
    assert out["subset_accuracy"]["value"] == pytest.approx(np.mean(exact))
    assert "Hamming" in metric_label("accuracy", "multilabel") and "Hamming" in metric_short("accuracy", "multilabel")
    assert "Per-label" in metric_short("balanced_accuracy", "multilabel")
    assert metric_short("accuracy", "binary") == "Accuracy" and "Exact-match" in metric_label("subset_accuracy",
                                                                                             "multilabel")

"""A macro average defined for only some classes / labels is never a clean number (trial 12,
item 1): over one of them it is undefined, with the count in its reason; over k of n it
carries ``averaged_over`` and every view prints "over k of n labels"."""

import warnings

import numpy as np
import pytest

from mednn.data.base import Task
from mednn.evaluation import evaluate
from mednn.reports.view import fmt_metric


def _all_called_positive(n=60, labels=4, negative_calls=(0,), seed=0):
    """Every label called positive for every sample except one negative call per label in
    ``negative_calls``: NPV is defined only for those labels."""
    rng = np.random.default_rng(seed)
    y = (rng.random((n, labels)) < 0.3).astype(float)
    prob = 0.6 + 0.3 * rng.random((n, labels))
    for j in negative_calls:
        y[0, j], prob[0, j] = 0.0, 0.1
    return Task("multilabel", tuple(f"l{j}" for j in range(labels))), y, prob


def _evaluate(task, y, prob, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return evaluate(task, y, prob, threshold=0.5, n_bootstrap=40, **kw)


def test_a_multilabel_macro_average_over_one_label_is_undefined_with_the_count():
    task, y, prob = _all_called_positive(negative_calls=(0,))
    out = _evaluate(task, y, prob)
    assert out["per_label"]["l0"]["npv"]["value"] == 1.0  # one negative call, right
    npv = out["npv"]
    assert npv["value"] is None and npv["ci95"] is None
    assert "only 1 of 4 labels" in npv["reason"]
    assert fmt_metric(npv, "95% CI").startswith("undefined (it rests on only 1 of 4 labels")


def test_a_macro_average_over_some_labels_says_how_many():
    task, y, prob = _all_called_positive(negative_calls=(0, 1))
    out = _evaluate(task, y, prob)
    values = [out["per_label"][f"l{j}"]["npv"]["value"] for j in (0, 1)]
    assert out["npv"]["value"] == pytest.approx(np.mean(values))
    assert out["npv"]["averaged_over"] == {"n": 2, "of": 4, "unit": "labels"}
    assert fmt_metric(out["npv"], "95% CI").endswith(", over 2 of 4 labels")
    # averages over every label carry no note
    assert "averaged_over" not in out["sensitivity"] and "averaged_over" not in out["f1_macro"]


def test_the_same_rule_holds_for_multiclass_classes():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 3, 80)  # class 'd' never occurs
    prob = rng.dirichlet([1, 1, 1, 1], 80)
    out = _evaluate(Task("multiclass", ("a", "b", "c", "d")), y, prob)
    assert out["sensitivity"]["averaged_over"] == {"n": 3, "of": 4, "unit": "classes"}
    assert "averaged_over" not in out["accuracy"]  # not an average over classes
    one = _evaluate(Task("multiclass", ("a", "b", "c")), np.zeros(30, int), rng.dirichlet([1, 1, 1], 30))
    assert one["sensitivity"]["value"] is None


def test_a_tiny_metric_keeps_three_decimals_as_the_terminal_prints_it():
    assert fmt_metric({"value": 0.00088, "ci95": [0.0, 0.0027]}, "95% CI") == "0.001 (95% CI 0.000 to 0.003)"


def _one_class_labels(n=48, seed=1):
    """Label a has both values; b, c, d are negative for every sample (trial 13, item 4)."""
    rng = np.random.default_rng(seed)
    y = np.zeros((n, 4))
    y[:, 0] = rng.integers(0, 2, n)
    return Task("multilabel", ("a", "b", "c", "d")), y, rng.random((n, 4))


def test_each_multilabel_macro_average_rests_on_the_labels_where_that_metric_is_defined():
    task, y, prob = _one_class_labels()
    out = _evaluate(task, y, prob)
    # AUROC needs both values: only label a, so undefined with the count in its reason
    assert out["auroc"]["value"] is None and "only 1 of 4 labels" in out["auroc"]["reason"]
    # accuracy, Brier, ECE and specificity are defined on a one-class label: averaged over all 4
    for metric in ("accuracy", "brier", "ece", "specificity"):
        per_label = [out["per_label"][name][metric]["value"] for name in task.class_names]
        assert None not in per_label, metric
        assert out[metric]["value"] == pytest.approx(np.mean(per_label)), metric
        assert "averaged_over" not in out[metric] and "reason" not in out[metric], metric


def test_f1_and_macro_f1_of_a_multilabel_split_never_disagree():
    task, y, prob = _one_class_labels()
    y[:, 1] = 1.0  # label b is positive for every sample: F1 is defined on a and b, AUROC on a only
    out = _evaluate(task, y, prob)
    assert out["f1"]["value"] == out["f1_macro"]["value"] is not None
    assert out["f1"].get("averaged_over") == out["f1_macro"].get("averaged_over") == {"n": 2, "of": 4, "unit": "labels"}

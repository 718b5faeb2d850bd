"""Multilabel labels the threshold rule cannot tune on (trial 12, item 3): a label ranking below
chance on validation keeps evaluate.fixed_threshold and is named; a rare label is warned about
per label, at the thresholds a binary class is held to."""

from types import SimpleNamespace

import numpy as np

from mednn.data.base import Task
from mednn.data.rare_labels import rare_label_findings
from mednn.evaluation.skill import below_chance_label_findings
from mednn.evaluation.thresholds import threshold_rule

EV = SimpleNamespace(threshold="youden", target_sensitivity=0.9, fixed_threshold=0.5)


def test_an_inverted_label_keeps_the_fixed_threshold_and_is_named():
    rng = np.random.default_rng(0)
    y = (rng.random((80, 2)) < 0.4).astype(float)
    prob = np.column_stack([0.3 + 0.4 * y[:, 0], 0.7 - 0.4 * y[:, 1]]) + 0.05 * rng.random((80, 2))
    rule = threshold_rule(EV, "multilabel", y, prob, ["good", "flipped"])
    assert rule["value"][1] == 0.5 and 0.3 < rule["value"][0] < 0.75
    assert list(rule["below_chance_labels"]) == ["flipped"] and rule["below_chance_labels"]["flipped"] < 0.05
    (finding,) = below_chance_label_findings(rule, ["good", "flipped"])
    assert finding.id == "label_below_chance" and "label 'flipped'" in finding.message and "0.5" in finding.message
    fixed = threshold_rule(SimpleNamespace(**{**vars(EV), "threshold": "fixed"}), "multilabel", y, prob, ["a", "b"])
    assert "below_chance_labels" not in fixed  # nothing was to be tuned


def test_every_label_without_a_tunable_cut_keeps_the_one_fixed_threshold():
    """A label with one class on validation and one ranking below chance fall back alike, to
    evaluate.fixed_threshold, as ThresholdSelector does for one class (it was 0.5 for the first)."""
    rng = np.random.default_rng(1)
    y = (rng.random((60, 3)) < 0.4).astype(float)
    y[:, 2] = 0  # one class only on validation
    prob = np.column_stack([0.3 + 0.4 * y[:, 0], 0.7 - 0.4 * y[:, 1], rng.random(60)])
    for method in ("youden", "fixed"):
        rule = threshold_rule(SimpleNamespace(**{**vars(EV), "threshold": method, "fixed_threshold": 0.3}),
                              "multilabel", y, prob, ["good", "flipped", "one_class"])
        assert rule["value"][1:] == [0.3, 0.3] and rule["fixed_labels"] == ["one_class"]
        assert "(0.3)" in rule["note"]


class _Part:
    def __init__(self, y, names=("common", "rare")):
        self.task = Task("multilabel", tuple(names))
        self.targets = np.asarray(y, dtype=float)

    def __len__(self):
        return len(self.targets)


def test_a_rare_label_is_named_with_its_counts_per_split():
    def part(n, rare_positives):
        y = np.zeros((n, 2))
        y[: n // 2, 0] = 1
        y[:rare_positives, 1] = 1
        y[-1, 1] = np.nan  # a missing cell counts nowhere
        return _Part(y)

    parts = {"train": part(200, 30), "val": part(40, 7), "test": part(40, 12)}
    (finding,) = rare_label_findings(parts, 20, 10)
    assert finding.id == "class_too_small" and finding.count == 7
    assert "label 'rare' has few positives: 30 in training, 7 in validation, 12 in test (fewer than 10 in " \
           "validation)" in finding.message
    assert rare_label_findings({"train": part(200, 30), "val": part(40, 12), "test": part(40, 12)}, 20, 10) == []


def test_several_rare_labels_are_one_finding_listing_them_as_small_classes_are():
    """One finding per rare label (up to 8, then one more) where a split's small classes share one
    (quality._too_small): the rare labels now share one finding too, fewest first."""
    names = [f"lab{j}" for j in range(11)]
    val_positives = [3, 2, 5, 0, 4, 6, 7, 8, 1, 9, 30]  # lab0..lab9 rare on validation, lab10 not

    def part(n, positives):
        y = np.zeros((n, len(names)))
        for j, k in enumerate(positives):
            y[:k, j] = 1
        return _Part(y, names)

    train = [30] * 11
    train[3] = 0  # lab3: no positive in training
    parts = {"train": part(200, train), "val": part(60, val_positives), "test": part(60, [20] * 11)}
    (finding,) = rare_label_findings(parts, 20, 10)
    assert finding.id == "class_too_small" and finding.count == 10
    assert finding.message.startswith("10 labels have few positives or negatives in a split")
    assert "'lab3' (positives: 0 in training, 0 in validation, 20 in test)" in finding.message
    assert finding.message.index("'lab3'") < finding.message.index("'lab6'") and "'lab7'" not in finding.message and " and 2 more" in finding.message
    assert "'lab3' cannot be learned" in finding.message and "lab10" not in finding.message
    assert set(finding.columns) == {f"lab{j}" for j in range(10)}


def test_an_auroc_under_half_within_chance_or_on_few_positives_is_tuned_and_not_named():
    """Trial 13, item 6: 0.483 on 36 validation rows, or a label with one validation positive,
    is not 'below chance' (its interval reaches 0.5, or class_too_small covers it)."""
    rng = np.random.default_rng(5)
    y = np.zeros((36, 2))
    y[:12, 0] = 1
    y[0, 1] = 1  # one positive
    prob = rng.random((36, 2))
    prob[:, 0] = 0.5 + 0.1 * rng.normal(size=36) - 0.01 * y[:, 0]  # AUROC a little under 0.5
    prob[0, 1] = 0.01  # the one positive is ranked (almost) last
    rule = threshold_rule(EV, "multilabel", y, prob, ["noisy", "single"])
    from sklearn.metrics import roc_auc_score
    assert roc_auc_score(y[:, 0], prob[:, 0]) < 0.5 and roc_auc_score(y[:, 1], prob[:, 1]) < 0.1
    assert "below_chance_labels" not in rule and below_chance_label_findings(rule, ["noisy", "single"]) == []
    assert rule["value"][0] != 0.5  # tuned as any other label


def test_the_below_chance_finding_gives_the_upper_bound():
    rng = np.random.default_rng(0)
    y = (rng.random((80, 1)) < 0.4).astype(float)
    prob = 0.7 - 0.4 * y + 0.05 * rng.random((80, 1))
    rule = threshold_rule(EV, "multilabel", y, prob, ["flipped"])
    (finding,) = below_chance_label_findings(rule, ["flipped"])
    assert rule["below_chance_upper"]["flipped"] < 0.5
    assert f"95% CI upper bound {rule['below_chance_upper']['flipped']:.3f}" in finding.message

"""Multilabel labels the threshold rule cannot tune on (trial 12, item 3): a label ranking below
chance on validation keeps evaluate.fixed_threshold and is named; a rare label is warned about
per label, at the thresholds a binary class is held to."""

from types import SimpleNamespace

import numpy as np

from mednn.data.base import Task
from mednn.data.rare_labels import rare_label_findings


class _Part:
    def __init__(self, y):
        self.task = Task("multilabel", ("common", "rare"))
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
    assert "label 'rare' has few positives: 30 in training, 7 in validation, 12 in test" in finding.message
    assert rare_label_findings({"train": part(200, 30), "val": part(40, 12), "test": part(40, 12)}, 20, 10) == []

"""``class_too_small`` for the labels of a multilabel split: a label whose positives (or
negatives) are few in a split, at the thresholds a binary class is held to.

A multilabel label is a binary problem of its own: its threshold is chosen on its validation
positives and its test metrics rest on its test positives. Trial 12 met a label with 7
validation and 9 test positives that only "Metrics undefined" hinted at, where a binary run
with the same counts warned. One finding per rare label, naming the label and its counts per
split (label names are the config's column names; no value of the data).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..findings import Finding

# the most labels named one finding each; the rest share one
MAX_NAMED = 8
_SPLIT_WORDS = {"train": "training", "val": "validation", "test": "test"}


def label_counts(part: Any) -> dict[str, tuple[int, int]]:
    """label -> (positives, negatives) of a multilabel dataset (missing cells count nowhere)."""
    y = np.asarray(part.targets, dtype=np.float64).reshape(len(part), -1)
    return {name: (int(np.sum(y[:, j] == 1)), int(np.sum(y[:, j] == 0)))
            for j, name in enumerate(part.task.class_names)}


def rare_label_findings(parts: dict[str, Any], few_train: int, few_eval: int) -> list[Finding]:
    """One ``class_too_small`` warning per label with fewer than ``few_train`` positives (or
    negatives) in training or fewer than ``few_eval`` in validation / test; beyond
    :data:`MAX_NAMED` labels, one more finding counts the rest. ``parts``: split name ->
    dataset of that split (a multilabel task; others give no finding here)."""
    if not parts or next(iter(parts.values())).task.kind != "multilabel":
        return []
    counts = {split: label_counts(part) for split, part in parts.items() if split in _SPLIT_WORDS}
    limits = {split: few_train if split == "train" else few_eval for split in counts}
    names = list(next(iter(parts.values())).task.class_names)
    rare = []
    for name in names:
        for side, index in (("positives", 0), ("negatives", 1)):
            per_split = {split: counts[split][name][index] for split in counts}
            if any(n < limits[split] for split, n in per_split.items()):
                rare.append((name, side, per_split))
                break
    found = [_finding(name, side, per_split, limits) for name, side, per_split in rare[:MAX_NAMED]]
    if len(rare) > MAX_NAMED:
        found.append(Finding("class_too_small", "warning", f"{len(rare) - MAX_NAMED} more labels have few positives "
                             "or negatives in a split (counts per label in data.json's class counts)",
                             count=len(rare) - MAX_NAMED))
    return found


def _finding(name: str, side: str, per_split: dict[str, int], limits: dict[str, int]) -> Finding:
    listed = ", ".join(f"{n} in {_SPLIT_WORDS[split]}" for split, n in per_split.items())
    bars = ", ".join(f"{limits[split]} in {_SPLIT_WORDS[split]}" for split, n in per_split.items() if n < limits[split])
    # none in training: the label cannot be learned (once the split's bare warning, trial 13)
    unlearned = (f" and cannot be learned (no {side} in training; it is kept in the outputs)"
                 if per_split.get("train") == 0 else "")
    return Finding("class_too_small", "warning",
                   f"label '{name}' has few {side}: {listed} (fewer than {bars}){unlearned}; its threshold (chosen on "
                   "validation) and its test metrics rest on them, so read their intervals: more data, or a larger "
                   "split.val_fraction / split.test_fraction", count=min(per_split.values()))

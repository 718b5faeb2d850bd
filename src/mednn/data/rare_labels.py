"""``class_too_small`` for the labels of a multilabel split: a label whose positives (or
negatives) are few in a split, at the thresholds a binary class is held to.

A multilabel label is a binary problem of its own: its threshold is chosen on its validation
positives and its test metrics rest on its test positives. Trial 12 met a label with 7
validation and 9 test positives that only "Metrics undefined" hinted at, where a binary run
with the same counts warned. One finding names the rare labels and their counts per split, as
one names a split's small classes (label names are the config's column names; no value of the
data).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..findings import Finding

# the most classes or labels one finding names; the rest are counted
MAX_NAMED = 8
_SPLIT_WORDS = {"train": "training", "val": "validation", "test": "test"}


def label_counts(part: Any) -> dict[str, tuple[int, int]]:
    """label -> (positives, negatives) of a multilabel dataset (missing cells count nowhere)."""
    y = np.asarray(part.targets, dtype=np.float64).reshape(len(part), -1)
    return {name: (int(np.sum(y[:, j] == 1)), int(np.sum(y[:, j] == 0)))
            for j, name in enumerate(part.task.class_names)}


def rare_label_findings(parts: dict[str, Any], few_train: int, few_eval: int) -> list[Finding]:
    """One ``class_too_small`` warning for the labels with fewer than ``few_train`` positives (or
    negatives) in training or fewer than ``few_eval`` in validation / test, as a binary or
    multiclass split's small classes get one (:func:`listed`): one label is named with its counts
    per split; several are listed, fewest first, :data:`MAX_NAMED` named and the rest counted.
    ``parts``: split name -> dataset of that split (a multilabel task; others give no finding here)."""
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
    if not rare:
        return []
    advice = ("{its} (chosen on validation) and {its_metrics} test metrics rest on them, so read their intervals: "
              "more data, or a larger split.val_fraction / split.test_fraction")
    if len(rare) == 1:
        (name, side, per_split), = rare
        return [Finding("class_too_small", "warning",
                        f"label '{name}' has few {side}: {_per_split(per_split)} (fewer than {_bars(per_split, limits)})"
                        f"{_unlearned(side, per_split)}; {advice.format(its='its threshold', its_metrics='its')}",
                        count=min(per_split.values()), columns=(name,))]
    rare.sort(key=lambda entry: min(entry[2].values()))
    unlearned = [name for name, _, per_split in rare if per_split.get("train") == 0]
    cannot = (f"; {listed([(n, '') for n in unlearned])} cannot be learned (a single class in training; kept in "
              "the outputs)" if unlearned else "")
    bars = ", ".join(f"{limits[split]} in {_SPLIT_WORDS[split]}" for split in limits)
    return [Finding("class_too_small", "warning",
                    f"{len(rare)} labels have few positives or negatives in a split (fewer than {bars}): "
                    f"{listed([(name, f'{side}: {_per_split(per_split)}') for name, side, per_split in rare])}"
                    f"{cannot}; {advice.format(its='their thresholds', its_metrics='their')}",
                    count=len(rare), columns=tuple(name for name, _, _ in rare))]


def listed(named: list[tuple[str, str]], limit: int = MAX_NAMED) -> str:
    """``'a' (7), 'b' (9) and 3 more``: the classes or labels a ``class_too_small`` finding names,
    each with what it has in parentheses (nothing when empty), :data:`MAX_NAMED` at most."""
    shown = ", ".join(f"'{name}'" + (f" ({what})" if what else "") for name, what in named[:limit])
    return shown + (f" and {len(named) - limit} more" if len(named) > limit else "")


def _per_split(per_split: dict[str, int]) -> str:
    return ", ".join(f"{n} in {_SPLIT_WORDS[split]}" for split, n in per_split.items())


def _bars(per_split: dict[str, int], limits: dict[str, int]) -> str:
    return ", ".join(f"{limits[split]} in {_SPLIT_WORDS[split]}" for split, n in per_split.items() if n < limits[split])


def _unlearned(side: str, per_split: dict[str, int]) -> str:
    # none in training: the label cannot be learned (once the split's bare warning, trial 13)
    return (f" and cannot be learned (no {side} in training; it is kept in the outputs)"
            if per_split.get("train") == 0 else "")

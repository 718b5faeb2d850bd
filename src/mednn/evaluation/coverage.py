"""What each macro average of a split rests on: how many of the task's classes or labels.

A macro average is the mean of a metric over a set of classes (multiclass) or labels
(multilabel) fixed once on the data: those where the metric is defined (a class present, a
label with both values, a PPV with at least one positive call ...). One rule holds for every
macro average: over fewer than two of them it is that one class's value under another name,
so ``evaluate()`` reports it undefined, the reason giving the count ("it rests on only 1 of
11 labels"); over k of n (2 <= k < n) the value stands, with ``"averaged_over": {"n": k,
"of": n, "unit": "labels"}`` beside it, and every view prints "over k of n labels".
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..data.base import Task
from . import _kernels as K

# the per-class rate behind a macro average that has no per-class value of its own
_RATE_OF = {"balanced_accuracy": "sensitivity", "f1_macro": "f1"}
MIN_CLASSES = 2


# what a label needs for each multilabel metric to be defined on it (its own per-label value):
# both values for the ranking metrics, a positive for sensitivity / F1, a negative for
# specificity, a positive (negative) call for PPV (NPV), any sample for accuracy / Brier / ECE
_LABEL_NEEDS = {"auroc": "both", "auprc": "both", "balanced_accuracy": "both", "sensitivity": "positives",
                "f1": "positives", "f1_macro": "positives", "specificity": "negatives", "ppv": "ppv",
                "npv": "npv", "accuracy": "any", "brier": "any", "ece": "any"}


def label_sets(y: np.ndarray, pred: np.ndarray) -> dict[str, np.ndarray]:
    """metric -> (L,) bool: the labels of a multilabel split on which that metric is defined
    (among the samples that have the label), so each macro average rests on its own labels: a
    label with one value still counts for accuracy, Brier and ECE, not for AUROC. ``both``
    (labels with both values) is the set of any metric not named here."""
    needs: dict[str, list[bool]] = {"both": [], "positives": [], "negatives": [], "any": [], "ppv": [], "npv": []}
    for j in range(y.shape[1]):
        present = ~np.isnan(y[:, j])
        of_label = K.classes_with_values(y[present, j].astype(np.int64), pred[present, j], 2)
        called = np.bincount(pred[present, j].astype(np.int64), minlength=2)[:2] > 0
        needs["both"].append(bool(of_label["present"].all()))
        needs["positives"].append(bool(of_label["present"][1]))
        needs["negatives"].append(bool(of_label["present"][0]))
        needs["any"].append(bool(present.any()))
        needs["ppv"].append(bool(called[1]))
        needs["npv"].append(bool(called[0]))
    masks = {key: np.array(value, dtype=bool) for key, value in needs.items()}
    return {"both": masks["both"], **{metric: masks[need] for metric, need in _LABEL_NEEDS.items()}}


def macro_sets(task: Task, y: np.ndarray, pred: np.ndarray, metrics: list[str],
               per_class: list[str]) -> dict[str, np.ndarray]:
    """metric -> (C,) bool: the classes / labels each top-level macro average of a multiclass or
    multilabel split averages over (``metrics``: the registered classification metrics,
    ``per_class``: those also given per class). Binary and regression tasks have none here (a
    binary macro average over its two classes is undefined as soon as one is missing)."""
    if task.kind == "multilabel":
        sets = label_sets(y, pred)
        return {name: sets.get(name, sets["both"]) for name in [*metrics, "f1_macro"]}
    if task.kind != "multiclass":
        return {}
    classes = K.classes_with_values(y, pred, len(task.class_names))
    return {name: classes.get(_RATE_OF.get(name, name), classes["present"])
            for name in metrics if name in per_class or name in _RATE_OF}


def coverage_note(metric: str, classes: np.ndarray | None, kind: str, value: Any) -> dict[str, Any]:
    """What the metrics.json entry of a top-level macro average adds: ``averaged_over`` when it
    rests on fewer than all the classes / labels, or the ``reason`` it is undefined when it
    rests on exactly one label (elsewhere the metric's own reason says why: a multiclass reason
    names the one class present)."""
    if classes is None:
        return {}
    k, n = int(classes.sum()), len(classes)
    unit = "labels" if kind == "multilabel" else "classes"
    if value is None:
        if k == 1 and n >= MIN_CLASSES and kind == "multilabel":  # multiclass: undefined_reason names the class
            return {"reason": f"it rests on only 1 of {n} labels; a macro average over one label is that "
                              "label's own value (see the per-label values)"}
        return {}
    return {"averaged_over": {"n": k, "of": n, "unit": unit}} if k < n else {}


def coverage_text(entry: Any) -> str:
    """"over 9 of 11 labels" for an entry with ``averaged_over``, else ""."""
    over = entry.get("averaged_over") if isinstance(entry, dict) else None
    if not isinstance(over, dict) or not all(isinstance(over.get(k), int) for k in ("n", "of")):
        return ""
    return f"over {over['n']} of {over['of']} {over.get('unit', 'classes')}"

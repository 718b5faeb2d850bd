"""Why a metric is undefined on some data: the ``reason`` beside a ``null`` value.

``evaluate()`` reports a metric the data cannot give a meaning as ``{"value": None, "ci95":
None, "reason": ...}`` rather than a 0 or a 1 the model did not earn (an AUPRC of 1.0 on a
file of patients who all have the disease, its specificity). Each metric has its own reason: on
that file the NPV (of the samples called healthy, how many are) is still a number. The reason
names the classes present, by the class names of the task (never a value from the data).
"""

from __future__ import annotations

import numpy as np

from ..data.base import Task
from ..errors import plural

# metrics that compare the classes: undefined when only one class (or label value) is present
_NEED_BOTH = ("auroc", "auprc", "balanced_accuracy", "f1_macro")
# the rates whose denominator is the positive class (sensitivity, and F1 through it) / the others
_NEEDS_POSITIVES, _NEEDS_NEGATIVES = ("sensitivity", "f1"), ("specificity",)
# averages over the classes of a multiclass task (every per-class metric's top-level value)
_MACRO_ALWAYS = ("balanced_accuracy", "f1_macro")


def undefined_reason(key: tuple[str, ...], task: Task, y: np.ndarray) -> str:
    """A sentence saying why the metric at ``key`` (``("auprc",)``, ``("per_class", name,
    "ppv")``, ``("per_label", name, "auroc")``, ``("per_target", name, "r2")``) is undefined.

    >>> undefined_reason(("auroc",), Task("binary", ("healthy", "sick")), np.array([1, 1, 1]))
    "only class 'sick' is present in these data; auroc needs samples of both classes"
    >>> undefined_reason(("specificity",), Task("binary", ("healthy", "sick")), np.array([1, 1, 1]))
    "no sample of class 'healthy' in these data; specificity needs samples of it"
    """
    metric = key[-1]
    y = np.asarray(y)
    if len(y) == 0:
        return "there are no samples"
    if task.kind == "regression":
        return "the true values are constant or fewer than 2" if metric == "r2" else "there are no samples"
    if task.kind == "multilabel":
        return _multilabel_reason(key, task, y)
    present = [task.class_names[k] for k in np.unique(y.astype(int))]
    if len(key) == 3:  # per class: this class against the others
        name = key[1]
        if name not in present and metric in _NEED_BOTH + _NEEDS_POSITIVES:
            return f"no sample of class '{name}' in these data; {metric} needs samples of it"
        if len(present) == 1 and metric in _NEED_BOTH + _NEEDS_NEGATIVES:
            return f"every sample is of class '{name}'; {metric} needs samples of other classes too"
        return _zero_denominator(metric)
    if len(present) == 1 and (metric in _NEED_BOTH or (task.kind == "multiclass" and metric != "accuracy")):
        needs = "both classes" if task.kind == "binary" else "more than one class"
        return f"only class '{present[0]}' is present in these data; {metric} needs samples of {needs}"
    if metric in _MACRO_ALWAYS or task.kind == "multiclass":
        return (f"fewer than two of the classes present have a {metric.split('_')[0]} (a zero denominator); "
                f"its macro average needs two")
    if task.kind == "binary" and len(present) == 1 and metric in _NEEDS_POSITIVES + _NEEDS_NEGATIVES:
        missing = task.class_names[1] if metric in _NEEDS_POSITIVES else task.class_names[0]
        return f"no sample of class '{missing}' in these data; {metric} needs samples of it"
    return _zero_denominator(metric)


def _multilabel_reason(key: tuple[str, ...], task: Task, y: np.ndarray) -> str:
    metric = key[-1]
    column = y[:, list(task.class_names).index(key[1])] if len(key) == 3 else y
    present = np.unique(column[~np.isnan(column)]).astype(int)
    if present.size == 0:
        return "the label is missing for every sample"
    if present.size == 1 and metric in _NEED_BOTH + _NEEDS_POSITIVES + _NEEDS_NEGATIVES:
        value = "positive" if present[0] == 1 else "negative"
        where = f"label '{key[1]}'" if len(key) == 3 else "every label"
        return f"{where} is {value} for every sample with the label; {metric} needs both values"
    return _zero_denominator(metric)


def _zero_denominator(metric: str) -> str:
    if metric == "ppv":
        return "no sample was called positive: a zero denominator"
    if metric == "npv":
        return "no sample was called negative: a zero denominator"
    if metric == "f1":
        return "no sample of the class and none called it: a zero denominator"
    return "a zero denominator on these data"


UNDEFINED_HEAD = "Metrics undefined on these data (one class present or a zero denominator), reported as null: "


def undefined_list(keys: list[tuple[str, ...]]) -> str:
    """The undefined metrics at ``keys`` as the console names them: the overall ones (up to 8),
    then per-class ones counted by metric (a class name is a label value: never listed).

    >>> undefined_list([("ppv",), ("per_class", "a", "npv"), ("per_class", "b", "npv")])
    'ppv, npv of 2 classes'
    """
    overall: list[str] = []
    per_class: dict[str, int] = {}
    for key in keys:
        if len(key) > 2 and key[0] == "per_class":
            per_class[key[-1]] = per_class.get(key[-1], 0) + 1
        else:
            overall.append(".".join(key))
    parts = overall[:8] + [f"{metric} of {plural(n, 'class')}" for metric, n in per_class.items()]
    more = f" and {len(overall) - 8} more" if len(overall) > 8 else ""
    return f"{', '.join(parts)}{more}" if parts else ""


def undefined_keys(result: dict, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The keys of the metrics without a value in an ``evaluate()`` result, in its order."""
    if set(result) >= {"value", "ci95"}:
        return [prefix] if result["value"] is None else []
    return [key for name, child in result.items() if isinstance(child, dict)
            for key in undefined_keys(child, (*prefix, str(name)))]

"""Why a metric is undefined on some data: the ``reason`` beside a ``null`` value.

``evaluate()`` reports a metric the data cannot give a meaning as ``{"value": None, "ci95":
None, "reason": ...}`` rather than a 0 or a 1 the model did not earn (an AUPRC of 1.0 on a
file of patients who all have the disease, an NPV of 0.0 on it). The reason names the classes
present, by the class names of the task (never a value from the data).
"""

from __future__ import annotations

import numpy as np

from ..data.base import Task

# metrics that compare the classes: undefined when only one class (or label value) is present
_NEED_BOTH = ("auroc", "auprc", "ppv", "npv", "specificity", "balanced_accuracy", "f1", "f1_macro",
              "sensitivity", "ece", "brier", "accuracy")


def undefined_reason(key: tuple[str, ...], task: Task, y: np.ndarray) -> str:
    """A sentence saying why the metric at ``key`` (``("auprc",)``, ``("per_class", name,
    "ppv")``, ``("per_label", name, "auroc")``, ``("per_target", name, "r2")``) is undefined.

    >>> undefined_reason(("npv",), Task("binary", ("healthy", "sick")), np.array([1, 1, 1]))
    "only class 'sick' is present in these data; npv needs samples of both classes"
    """
    metric = key[-1]
    y = np.asarray(y)
    if len(y) == 0:
        return "there are no samples"
    if task.kind == "regression":
        return "the true values are constant or fewer than 2" if metric == "r2" else "there are no samples"
    if task.kind == "multilabel":
        column = y[:, list(task.class_names).index(key[1])] if len(key) == 3 else y
        present = np.unique(column[~np.isnan(column)]).astype(int)
        if present.size == 0:
            return "the label is missing for every sample"
        if present.size == 1:
            value = "positive" if present[0] == 1 else "negative"
            where = f"label '{key[1]}'" if len(key) == 3 else "every label"
            return f"{where} is {value} for every sample with the label; {metric} needs both values"
        return _zero_denominator(metric)
    present = [task.class_names[k] for k in np.unique(y.astype(int))]
    if len(key) == 3:  # per class: this class against the others
        name = key[1]
        if name not in present:
            return f"no sample of class '{name}' in these data; {metric} needs samples of it"
        if len(present) == 1:
            return f"every sample is of class '{name}'; {metric} needs samples of other classes too"
        return _zero_denominator(metric)
    if len(present) == 1 and metric in _NEED_BOTH:
        needs = "both classes" if task.kind == "binary" else "more than one class"
        return f"only class '{present[0]}' is present in these data; {metric} needs samples of {needs}"
    return _zero_denominator(metric)


def _zero_denominator(metric: str) -> str:
    if metric == "ppv":
        return "no sample was called positive (a zero denominator)"
    if metric == "npv":
        return "no sample was called negative (a zero denominator)"
    return "a zero denominator on these data"

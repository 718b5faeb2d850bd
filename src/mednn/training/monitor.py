"""The training loop's validation metrics: the per-epoch history column and the early-stopping
monitor, both read from the one metric registry (:data:`mednn.evaluation.metrics.METRICS`).

The registry says what a metric computes and whether higher is better; probabilities become
decisions through :func:`mednn.evaluation.decision.decide` (0.5 / the most probable class: the
threshold is chosen after training), so a validation curve and ``metrics.json`` mean the same
thing. Multi-label: the mean over labels of the metric on each label's present rows.
"""

from __future__ import annotations

import warnings

import numpy as np

from ..errors import ConfigError
from ..evaluation.decision import decide
from ..evaluation.metrics import METRICS, UndefinedMetricWarning

LOSS = "loss"
# the history's validation column when no monitor asks for another
_DEFAULT_COLUMN = {"binary": "auroc", "multilabel": "auroc", "multiclass": "accuracy", "regression": "rmse"}


def default_monitor(task) -> str:
    return LOSS


def default_val_metric(task) -> str:
    return _DEFAULT_COLUMN[task.kind]


def monitor_names(task) -> list[str]:
    """What ``train.early_stopping.monitor`` may name for ``task`` (with or without ``val_``)."""
    return [LOSS] + [name for name in METRICS.names() if _applies(METRICS.get(name), task)]


def _applies(spec, task) -> bool:
    return (spec.input == "values") == (task.kind == "regression")


def resolve_monitor(setting: str, task) -> tuple[str, bool]:
    """``(metric name, higher is better)`` of an early-stopping monitor setting.

    >>> resolve_monitor("val_auroc", Task("binary", ("no", "yes")))  # doctest: +SKIP
    ('auroc', True)
    """
    name = default_monitor(task) if setting == "auto" else setting.removeprefix("val_")
    if name == LOSS:
        return name, False
    if name not in METRICS or not _applies(METRICS.get(name), task):
        raise ConfigError(
            f"train.early_stopping.monitor {setting!r} is not known for a {task.kind} task; "
            f"valid: {', '.join(monitor_names(task))} (optionally with the prefix val_)"
        )
    return name, METRICS.get(name).greater_is_better


def monitor_value(name: str, task, y: np.ndarray, prob: np.ndarray) -> float:
    """A registered metric on validation targets (in the loss's space) and probabilities.

    NaN where the metric is undefined on these data (e.g. AUROC with one class present) or
    the outputs are not finite; never raises for the data.
    """
    spec = METRICS.get(name)
    prob = np.asarray(prob)
    if not np.all(np.isfinite(prob)):
        return float("nan")
    with warnings.catch_warnings():
        # a validation split may lack a class in some epochs' sense; the history shows NaN
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        if task.kind == "regression":
            return float(spec.function(y, prob.reshape(y.shape)))
        pred = decide(task.kind, prob) if spec.input == "labels" else prob
        if task.kind != "multilabel":
            return float(spec.function(y.astype(np.int64), pred))
        # a multilabel macro F1 is the mean of the labels' own F1 (their positive class), as
        # evaluate() computes it, not the mean of each label's two-class macro F1
        per_label = METRICS.get("f1").function if name == "f1_macro" else spec.function
        values = []
        for j in range(y.shape[1]):
            present = ~np.isnan(y[:, j])
            if present.any():
                values.append(per_label(y[present, j].astype(np.int64), pred[present, j]))
        return float(np.nanmean(values)) if values and not np.all(np.isnan(values)) else float("nan")

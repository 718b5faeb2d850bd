"""Evaluation: metric functions, bootstrap CIs, calibration, thresholds, subgroup tables.

- ``metrics.py``: pure functions ``metric(y_true, y_pred_or_score) -> float`` (NaN + an
  :class:`UndefinedMetricWarning` where undefined) and the ``METRICS`` registry;
- ``bootstrap.py``: ``bootstrap_ci(metric, *arrays)``, a seeded percentile bootstrap;
- ``calibration.py``: :class:`TemperatureScaler`, ``reliability_curve``;
- ``thresholds.py``: :class:`ThresholdSelector` (Youden, target sensitivity, fixed);
- ``base.py``: ``evaluate()`` (one split of metrics.json), ``curves()``, ``subgroup_table()``.

A new metric: write its function in ``metrics.py`` with ``@_register(...)`` (direction,
bootstrap, how the tables compute it, report label); ``evaluate()``, the training monitor and
the report read that one entry (a quantity the kernels lack goes into ``_kernels.py``).
Only NumPy is imported here; SciPy / scikit-learn load inside the functions that use them.
"""

from .base import curves, evaluate, json_safe, subgroup_table
from .bootstrap import bootstrap_ci, bootstrap_indices, percentile_interval
from .calibration import TemperatureScaler, reliability_curve
from .metrics import (
    COLUMN_LABELS,
    METRICS,
    MetricSpec,
    metric_label,
    metric_short,
    metric_names,
    UndefinedMetricWarning,
    accuracy,
    auprc,
    auroc,
    balanced_accuracy,
    brier,
    confusion_matrix,
    ece,
    f1,
    f1_macro,
    mae,
    npv,
    ppv,
    r2,
    rmse,
    sensitivity,
    specificity,
)
from .thresholds import ThresholdSelector

__all__ = [
    "METRICS",
    "MetricSpec",
    "TemperatureScaler",
    "ThresholdSelector",
    "UndefinedMetricWarning",
    "accuracy",
    "auprc",
    "auroc",
    "balanced_accuracy",
    "bootstrap_ci",
    "bootstrap_indices",
    "brier",
    "confusion_matrix",
    "curves",
    "ece",
    "evaluate",
    "f1",
    "f1_macro",
    "json_safe",
    "mae",
    "metric_label",
    "metric_short",
    "COLUMN_LABELS",
    "metric_names",
    "npv",
    "percentile_interval",
    "ppv",
    "r2",
    "reliability_curve",
    "rmse",
    "sensitivity",
    "specificity",
    "subgroup_table",
]

"""One registry entry per metric: evaluation, the training monitor and the report read it."""

from __future__ import annotations

import numpy as np
import pytest

from mednn.data.base import Task
from mednn.evaluation import evaluate
from mednn.evaluation import metrics as M
from mednn.evaluation.decision import decide
from mednn.training.monitor import monitor_value, resolve_monitor

BINARY = Task("binary", ("benign", "malignant"))
MULTICLASS = Task("multiclass", ("a", "b", "c"))


@pytest.fixture
def youden():
    """Youden's J registered the way a new metric is: one function and its ``@_register`` entry."""

    def register(bootstrap: bool):
        @M._register("youden_j", "labels", 1.0, table=lambda s: s.summary("sensitivity") + s.summary("specificity") - 1,
                     label="Youden's J for {positive}", macro_label="Youden's J, macro average", short="J",
                     bootstrap=bootstrap)
        def youden_j(y_true, y_pred):
            return M.sensitivity(y_true, y_pred) + M.specificity(y_true, y_pred) - 1

        return youden_j

    yield register
    M.METRICS._entries.pop("youden_j", None)
    if "youden_j" in M._ORDER:
        M._ORDER.remove("youden_j")


def _binary(n=200, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    y[:2] = [0, 1]
    return y, np.clip(0.35 * y + 0.65 * rng.random(n), 0, 1)


def test_a_metric_registered_once_reaches_evaluation_monitor_and_report(youden):
    youden(bootstrap=True)
    y, prob = _binary()
    out = evaluate(BINARY, y, prob, threshold=0.4, n_bootstrap=50)
    pred = decide("binary", prob, 0.4)
    expected = M.sensitivity(y, pred) + M.specificity(y, pred) - 1
    assert out["youden_j"]["value"] == pytest.approx(expected)
    assert out["youden_j"]["ci95"] is not None
    assert list(out)[:12] == M.metric_names("labels", "scores")[:12]  # the registered order is kept
    # early stopping can monitor it, in the direction the entry declares
    assert resolve_monitor("val_youden_j", BINARY) == ("youden_j", True)
    at_half = M.sensitivity(y, decide("binary", prob)) + M.specificity(y, decide("binary", prob)) - 1
    assert monitor_value("youden_j", BINARY, y.astype(np.float32), prob) == pytest.approx(at_half)
    assert M.metric_label("youden_j", "binary", list(BINARY.class_names)) == "Youden's J for malignant"
    assert M.metric_label("youden_j", "multiclass", ["a", "b", "c"]) == "Youden's J, macro average"


def test_a_metric_that_is_not_bootstrapped_has_no_interval(youden):
    youden(bootstrap=False)
    y, prob = _binary()
    out = evaluate(BINARY, y, prob, n_bootstrap=50)
    assert out["youden_j"]["ci95"] is None and out["auroc"]["ci95"] is not None


def test_every_entry_declares_what_the_stages_read():
    for name in M.METRICS.names():
        spec = M.METRICS.get(name)
        assert spec.label and spec.macro_label and spec.short, name
        assert isinstance(spec.greater_is_better, bool) and callable(spec.table), name
        # the direction agrees with the ideal value: a perfect score is the best one
        assert spec.ideal == (1.0 if spec.greater_is_better else 0.0), name
    assert M.metric_names("values") == ["rmse", "mae", "r2"]


def test_monitor_directions_come_from_the_registry():
    assert resolve_monitor("auto", BINARY) == ("loss", False)
    assert resolve_monitor("val_auroc", BINARY) == ("auroc", True)
    assert resolve_monitor("brier", BINARY) == ("brier", False)
    assert resolve_monitor("val_rmse", Task("regression", ("value",))) == ("rmse", False)


@pytest.mark.parametrize("name", ["auroc", "auprc", "accuracy", "balanced_accuracy", "f1_macro", "brier"])
def test_the_monitor_agrees_with_evaluate_at_the_default_decision(name):
    y, prob = _binary(seed=3)
    out = evaluate(BINARY, y, prob, n_bootstrap=0)
    assert monitor_value(name, BINARY, y.astype(np.float32), prob) == pytest.approx(out[name]["value"])
    rng = np.random.default_rng(4)
    ym, pm = rng.integers(0, 3, 90), rng.dirichlet(np.ones(3), 90)
    out = evaluate(MULTICLASS, ym, pm, n_bootstrap=0)
    assert monitor_value(name, MULTICLASS, ym, pm) == pytest.approx(out[name]["value"])


def test_the_monitor_returns_nan_where_a_metric_is_undefined():
    # one class in the validation split: AUROC is undefined, the history shows NaN, nothing raises
    assert np.isnan(monitor_value("auroc", BINARY, np.ones(5, np.float32), np.linspace(0.1, 0.9, 5)))
    multilabel = Task("multilabel", ("x", "y"))
    y = np.array([[1, np.nan], [0, np.nan], [1, np.nan]], dtype=np.float32)
    prob = np.array([[0.9, 0.2], [0.1, 0.3], [0.8, 0.4]])
    assert monitor_value("auroc", multilabel, y, prob) == pytest.approx(1.0)  # label y has no rows


def test_a_monitor_that_does_not_fit_the_task_is_refused_with_the_valid_names():
    from mednn.errors import ConfigError

    with pytest.raises(ConfigError, match=r"'val_auroc' is not known for a regression task; valid: loss, mae, r2"):
        resolve_monitor("val_auroc", Task("regression", ("value",)))
    with pytest.raises(ConfigError, match="valid: loss, accuracy, auprc, auroc"):
        resolve_monitor("val_auc", BINARY)

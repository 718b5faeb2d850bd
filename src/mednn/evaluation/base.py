"""``evaluate()``: every metric of one split with bootstrap CIs, in the layout of metrics.json.

Also ``curves()`` (ROC / PR points for the report) and ``subgroup_table()`` (metrics per
value of a metadata column such as sex, age band or site).

All metrics of a split are computed by one function of the resample weights (a "table",
one per task kind, see ``_kernels.py``): called with a row of ones it gives the values,
called with the (1000, n) resample counts it gives every metric on every resample at once.
Which metrics a table holds, in which order, per class or not, bootstrapped or not, comes
from the registry (:data:`~mednn.evaluation.metrics.METRICS`): a new metric is registered
there (and documented in docs/run-directory.md), not added here.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..data.base import Task
from ..errors import DataError, plural, problem
from . import _kernels as K
from .bootstrap import ResampleUnits, bootstrap_indices, check_bootstrap, contain_point, percentile_interval
from .intervals import collapsed_interval, sparse_resamples_reason, too_few_reason
from .coverage import MIN_CLASSES, coverage_note, label_sets, macro_sets
from .undefined import UNDEFINED_HEAD, undefined_list, undefined_reason
from .decision import decide
from .metrics import METRICS, ClassStats, UndefinedMetricWarning, calibration_inputs, confusion_matrix, metric_names

ECE_BINS = 15
CURVE_POINTS = 200
# Resamples are processed in chunks of about this many (resample, sample) cells: big enough
# for NumPy to run at full speed, small enough for the temporaries to stay in cache.
_CHUNK_CELLS = 1 << 20

Key = tuple[str, ...]
Table = dict[Key, np.ndarray]


# read from the registry at each call, in its order, so a metric registered later is included
def _classification_keys() -> list[str]:
    return metric_names("labels", "scores")


def _per_class_keys() -> list[str]:
    return [name for name in _classification_keys() if METRICS.get(name).per_class]


def _regression_keys() -> list[str]:
    return metric_names("values")


@dataclass
class _Inputs:
    """Validated arrays of one split; ``pred`` = predicted class / 0-1 call / value."""

    task: Task
    y: np.ndarray
    prob: np.ndarray
    pred: np.ndarray
    threshold: np.ndarray | None
    plans: dict[Any, Any] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.y)

    def plan(self, key: Any, build: Callable[[], Any]) -> Any:
        """A kernel prepared once (sort orders, bins) and reused on every resample chunk."""
        if key not in self.plans:
            self.plans[key] = build()
        return self.plans[key]


# --------------------------------------------------------------------------- evaluate


def evaluate(
    task: Task,
    y_true: np.ndarray,
    probabilities: np.ndarray,
    *,
    threshold: float | np.ndarray | None = None,
    n_bootstrap: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    groups: np.ndarray | None = None,
) -> dict[str, Any]:
    """Metrics of one split as metrics.json stores them (JSON-safe: NaN becomes None).

    Shapes: binary y (n,) 0/1 and P(positive) (n,); multiclass y (n,) class index and
    probabilities (n, C); multilabel y (n, L) 0/1 with NaN = missing and probabilities
    (n, L); regression y and predictions (n,) or (n, T). ``threshold`` (binary: a number;
    multilabel: a number or one per label; default 0.5) turns probabilities into calls,
    ``score >= threshold`` being positive; multiclass calls are the top class and
    regression has none, so both ignore it. Each metric is ``{"value", "ci95"}`` with a
    percentile bootstrap interval at ``confidence`` (the key stays "ci95") widened to contain
    the value, ``ci95`` None when ``n_bootstrap`` is 0; a proportion whose bootstrap interval
    collapses to a point gets its Wilson interval and ``"ci_method": "wilson"``, and a split
    too small for any interval gets ``ci95`` None and a ``ci_reason`` (see ``intervals.py``). A metric the data leave undefined
    (AUPRC or NPV with one class present, ...) has value None and a ``reason``, never a 0 or
    1 it did not earn. ``groups`` (one patient id per sample) makes the bootstrap resample
    patients instead of rows; the result's ``bootstrap`` entry records the unit
    (``"patient"`` or ``"row"``), their number, the resamples and the interval method.

    >>> task = Task("binary", ("benign", "malignant"))
    >>> out = evaluate(task, np.array([0, 0, 1, 1]), np.array([0.1, 0.6, 0.4, 0.9]), n_bootstrap=0)
    >>> out["auroc"], out["confusion_matrix"], out["bootstrap"]["unit"]
    ({'value': 0.75, 'ci95': None}, [[1, 1], [1, 1]], 'row')
    """
    check_bootstrap(n_bootstrap, confidence, allow_zero=True)
    inputs = _prepare(task, y_true, probabilities, threshold)
    units = ResampleUnits.of(groups, inputs.n)
    table = _TABLES[task.kind]
    point = table(K.ones(inputs.n), inputs)
    _warn_undefined(point)
    keys = list(point)
    bounds, defined = None, None
    if n_bootstrap and inputs.n:
        by_key = _resampled(table, inputs, n_bootstrap, seed, units)
        resampled = np.stack([by_key[key] for key in keys], axis=1)
        defined = (~np.isnan(resampled)).sum(axis=0)
        bounds = contain_point(percentile_interval(resampled, confidence), np.array([point[key][0] for key in keys]))
    too_few = too_few_reason(units.n_units, units.unit) if n_bootstrap else None
    sets = macro_sets(task, inputs.y, inputs.pred, _classification_keys(), _per_class_keys())
    result: dict[str, Any] = {}
    for j, key in enumerate(keys):
        value = _finite(point[key][0])
        node_value: dict[str, Any] = {"value": value, "ci95": None}
        sparse = None if defined is None else sparse_resamples_reason(int(defined[j]), n_bootstrap)
        if value is not None and (too_few or sparse) and _bootstrapped(key[-1]):
            node_value["ci_reason"] = too_few or sparse
        elif (bounds is not None and value is not None and not np.isnan(bounds[:, j]).any()
                and _bootstrapped(key[-1])):
            node_value["ci95"] = [float(bounds[0, j]), float(bounds[1, j])]
            node_value.update(collapsed_interval(key, node_value["ci95"], inputs, confidence) or {})
        if value is None:
            node_value["reason"] = undefined_reason(key, inputs.task, inputs.y)
        if len(key) == 1:
            node_value.update(coverage_note(key[0], sets.get(key[0]), task.kind, value))
        node = result
        for part in key[:-1]:
            node = node.setdefault(part, {})
        node[key[-1]] = node_value
    _add_confusion_matrices(result, inputs)
    result["bootstrap"] = units.describe(n_bootstrap, confidence)
    return result


def _resampled(table: Callable[[np.ndarray, _Inputs], Table], inputs: _Inputs, n_bootstrap: int,
               seed: int, units: ResampleUnits) -> dict[Key, np.ndarray]:
    """Every metric of the table on every resample, shape (n_bootstrap,) per key."""
    parts: dict[Key, list[np.ndarray]] = {}
    rows = max(1, _CHUNK_CELLS // inputs.n)
    for block in bootstrap_indices(units.n_units, n_bootstrap, seed):
        for start in range(0, len(block), rows):
            weights = units.weights(block[start:start + rows], inputs.n)
            for key, values in table(weights, inputs).items():
                parts.setdefault(key, []).append(values)
    return {key: np.concatenate(values) for key, values in parts.items()}


def _warn_undefined(point: Table) -> None:
    """One line naming the undefined metrics (:func:`.undefined.undefined_list`)."""
    listed = undefined_list([key for key, values in point.items() if np.isnan(values[0])])
    if listed:
        warnings.warn(UNDEFINED_HEAD + listed, UndefinedMetricWarning, stacklevel=3)


def _finite(value: float) -> float | None:
    value = float(value)
    return value if np.isfinite(value) else None


def _add_confusion_matrices(result: dict[str, Any], inputs: _Inputs) -> None:
    kind, names = inputs.task.kind, inputs.task.class_names
    if kind in ("binary", "multiclass"):
        result["confusion_matrix"] = confusion_matrix(inputs.y, inputs.pred, len(names)).tolist()
    elif kind == "multilabel":
        for j, name in enumerate(names):
            present = ~np.isnan(inputs.y[:, j])
            matrix = confusion_matrix(inputs.y[present, j].astype(np.int64), inputs.pred[present, j], 2)
            entry = result["per_label"][name]
            entry["confusion_matrix"] = matrix.tolist()
            for count in ("support", "n"):  # counts, not estimates: plain integers
                entry[count] = int(round(entry[count]["value"] or 0))


# --------------------------------------------------------------------------- tables per task


class _BinaryPlan:
    """The kernels of one binary problem (the positive class is 1), prepared once."""

    def __init__(self, y: np.ndarray, prob: np.ndarray, pred: np.ndarray):
        self.ranking = K.Ranking(y == 1, prob)
        self.confusion = K.Confusion(y, pred, 2)
        self.calibration = K.CalibrationError(prob, (y == 1).astype(np.float64), ECE_BINS)
        self.loss = (prob - y) ** 2
        self.classes = K.classes_with_values(y, pred, 2)

    def __call__(self, weights: np.ndarray) -> dict[str, np.ndarray]:
        """Every registered classification metric, one value per row of ``weights``."""
        auroc, auprc = self.ranking(weights)
        # ranking metrics are computed for the positive class only: the negative's column is NaN
        missing = np.full_like(auroc, np.nan)
        stats = ClassStats(K.class_rates(self.confusion(weights)),
                           {"auroc": np.stack([missing, auroc], axis=1), "auprc": np.stack([missing, auprc], axis=1)},
                           K.weighted_mean(weights, self.loss), self.calibration(weights), positive=1,
                           classes=self.classes)
        return {key: METRICS.get(key).table(stats) for key in _classification_keys()}


def _binary_table(weights: np.ndarray, inputs: _Inputs) -> Table:
    metrics = inputs.plan("binary", lambda: _BinaryPlan(inputs.y, inputs.prob, inputs.pred))(weights)
    table: Table = {(key,): metrics[key] for key in _classification_keys()}
    positive = inputs.task.class_names[1]
    table.update({("per_class", positive, key): metrics[key] for key in _per_class_keys()})
    return table


def _multiclass_table(weights: np.ndarray, inputs: _Inputs) -> Table:
    y, prob, pred = inputs.y, inputs.prob, inputs.pred
    names = inputs.task.class_names
    rankings = inputs.plan("rankings", lambda: [K.Ranking(y == k, prob[:, k]) for k in range(len(names))])
    ranked = [ranking(weights) for ranking in rankings]
    confusion = inputs.plan("confusion", lambda: K.Confusion(y, pred, len(names)))
    calibration = inputs.plan("calibration", lambda: K.CalibrationError(*calibration_inputs(y, prob), ECE_BINS))
    loss = inputs.plan("loss", lambda: ((prob - np.eye(len(names))[y]) ** 2).sum(axis=1))
    classes = inputs.plan("classes", lambda: K.classes_with_values(y, pred, len(names)))
    ranking = {"auroc": np.stack([a for a, _ in ranked], axis=1), "auprc": np.stack([p for _, p in ranked], axis=1)}
    stats = ClassStats(K.class_rates(confusion(weights)), ranking, K.weighted_mean(weights, loss),
                       calibration(weights), positive=None, classes=classes)
    table: Table = {(key,): METRICS.get(key).table(stats) for key in _classification_keys()}
    for k, name in enumerate(names):
        table.update({("per_class", name, key): stats.per_class(key)[:, k] for key in _per_class_keys()})
    return table


class _LabelCounts:
    """Counts pooled over the labels of a multilabel split, for the averages scikit-learn
    calls micro and samples. A missing label (NaN) counts nowhere."""

    def __init__(self, y: np.ndarray, pred: np.ndarray):
        present = ~np.isnan(y)
        actual = present & (y == 1)
        called = present & (pred == 1)
        self.present = present.astype(np.float64)
        self.actual = actual.astype(np.float64)
        self.true_pos = (actual & called).astype(np.float64)
        self.false_pos = (called & ~actual).astype(np.float64)
        self.false_neg = (actual & ~called).astype(np.float64)
        # per-sample F1 of the called label set against the true one; a sample with neither
        # true nor called labels is right (1.0), as scikit-learn's zero_division=1
        both = self.actual.sum(axis=1) + called.sum(axis=1)
        self.sample_f1 = np.where(both > 0, 2 * self.true_pos.sum(axis=1) / np.maximum(both, 1), 1.0)
        # exact match (subset accuracy): every known label of the sample called right; a sample
        # whose labels are all missing counts nowhere
        self.labelled = present.any(axis=1).astype(np.float64)
        self.exact = (present.any(axis=1) & ~(actual != called).any(axis=1)).astype(np.float64)

    def __call__(self, weights: np.ndarray) -> dict[str, np.ndarray]:
        def total(indicator: np.ndarray) -> np.ndarray:  # (R, L) weighted counts per label
            return np.einsum("ij,jk->ik", weights, indicator)

        tp, fp, fn = total(self.true_pos), total(self.false_pos), total(self.false_neg)
        tp_all, fp_all, fn_all = tp.sum(axis=1), fp.sum(axis=1), fn.sum(axis=1)
        return {
            "f1_micro": K.divide(2 * tp_all, 2 * tp_all + fp_all + fn_all),
            "precision_micro": K.divide(tp_all, tp_all + fp_all),
            "recall_micro": K.divide(tp_all, tp_all + fn_all),
            "f1_samples": K.weighted_mean(weights, self.sample_f1),
            "subset_accuracy": K.divide(weights @ self.exact, weights @ self.labelled),
            "support": total(self.actual),
            "n": total(self.present),
        }


# Multilabel-only keys (not registered metrics: a binary or multiclass task has no micro or
# per-sample average of its own) -> whether evaluate() gives them a bootstrap CI. Counts have none.
MULTILABEL_AVERAGES = ("subset_accuracy", "f1_micro", "precision_micro", "recall_micro", "f1_samples")
_UNREGISTERED_BOOTSTRAP = {**dict.fromkeys(MULTILABEL_AVERAGES, True), "support": False, "n": False}
# per-label values that would only repeat a binary average of that one label's two classes
_NOT_PER_LABEL = ("f1_macro",)


def _bootstrapped(name: str) -> bool:
    return _UNREGISTERED_BOOTSTRAP[name] if name in _UNREGISTERED_BOOTSTRAP else METRICS.get(name).bootstrap


def _multilabel_table(weights: np.ndarray, inputs: _Inputs) -> Table:
    """Per label: every binary metric at that label's threshold, its support (positives) and n.
    Averages: ``f1_macro`` is the unweighted mean of the labels' F1 (scikit-learn's macro,
    labels whose F1 is undefined left out); ``f1_micro`` / ``precision_micro`` /
    ``recall_micro`` pool true / false positives and false negatives over all labels;
    ``f1_samples`` is the mean per-sample F1 of the called label set (example-based F1);
    ``subset_accuracy`` the share of samples with every known label right (exact match); every
    other metric is the mean over the labels on which that metric is defined (AUROC: both
    values; accuracy, Brier, ECE: any sample; PPV / NPV: a nonzero denominator). Each set of labels is fixed on the data (:func:`label_sets`), so the
    point estimate and every resample average over the same labels."""
    per_label: dict[str, dict[str, np.ndarray]] = {}
    counts = inputs.plan("counts", lambda: _LabelCounts(inputs.y, inputs.pred))(weights)
    for j, name in enumerate(inputs.task.class_names):
        present = ~np.isnan(inputs.y[:, j])  # a missing label leaves only that label's metrics
        w = weights if present.all() else np.take(weights, np.flatnonzero(present), axis=1)
        plan = inputs.plan(("label", j), lambda: _BinaryPlan(inputs.y[present, j].astype(np.int64),
                                                              inputs.prob[present, j], inputs.pred[present, j]))
        per_label[name] = {**plan(w), "support": counts["support"][:, j], "n": counts["n"][:, j]}
    sets = inputs.plan("label_sets", lambda: label_sets(inputs.y, inputs.pred))
    least = min(MIN_CLASSES, len(per_label))  # an average over one label is that label's value
    table: Table = {}
    keys = _classification_keys()
    for key in keys:
        stacked = np.stack([m[key] for m in per_label.values()], axis=1)
        table[(key,)] = K.class_mean(stacked, sets.get(key, sets["both"]), min_classes=least)
    table[("f1_macro",)] = K.class_mean(np.stack([m["f1"] for m in per_label.values()], axis=1),
                                        sets["f1_macro"], min_classes=least)
    table.update({(key,): counts[key] for key in MULTILABEL_AVERAGES})
    label_keys = [k for k in keys if k not in _NOT_PER_LABEL] + ["support", "n"]
    for name, metrics in per_label.items():
        table.update({("per_label", name, key): metrics[key] for key in label_keys})
    return table


def _regression_table(weights: np.ndarray, inputs: _Inputs) -> Table:
    names = inputs.task.class_names
    per_target = []
    for t in range(len(names)):
        present = ~np.isnan(inputs.y[:, t])
        w = weights if present.all() else np.take(weights, np.flatnonzero(present), axis=1)
        per_target.append(K.regression(w, inputs.y[present, t], inputs.pred[present, t]))
    # Several targets: the top-level values are means over targets (per_target has each one).
    keys = _regression_keys()
    values = {key: [METRICS.get(key).table(kernels) for kernels in per_target] for key in keys}
    table: Table = {(key,): K.nanmean(np.stack(values[key], axis=1)) for key in keys}
    if len(names) > 1:
        for t, name in enumerate(names):
            table.update({("per_target", name, key): values[key][t] for key in keys})
    return table


_TABLES: dict[str, Callable[[np.ndarray, _Inputs], Table]] = {
    "binary": _binary_table,
    "multiclass": _multiclass_table,
    "multilabel": _multilabel_table,
    "regression": _regression_table,
}


# --------------------------------------------------------------------------- input checks


def _prepare(task: Task, y_true: Any, probabilities: Any, threshold: Any) -> _Inputs:
    kind, names = task.kind, task.class_names
    y = np.asarray(y_true)
    prob = np.asarray(probabilities, dtype=np.float64)
    if len(y) != len(prob):
        raise DataError(problem("evaluate(): targets and predictions differ in length",
                                got=f"{len(y)} and {len(prob)} samples"))
    if kind == "regression":
        y = y.astype(np.float64)
        y, prob = (y[:, None], prob[:, None]) if y.ndim == 1 else (y, prob)
        if y.shape != prob.shape or y.ndim != 2 or y.shape[1] != len(names):
            raise DataError(problem(f"evaluate(): a regression task with {plural(len(names), 'target')} needs targets and "
                                    f"predictions of shape (n, {len(names)})",
                                    got=f"shapes {np.shape(y_true)} and {np.shape(probabilities)}"))
        _check_finite(prob, "predictions")
        return _Inputs(task, y, prob, prob, None)

    if kind == "binary" and prob.ndim == 2 and prob.shape[1] in (1, 2):
        prob = prob[:, -1]  # (n, 1) = P(positive); (n, 2) = both classes, the positive last
    expected = {"binary": "(n,)", "multiclass": f"(n, {len(names)})", "multilabel": f"(n, {len(names)})"}[kind]
    width = 1 if kind == "binary" else len(names)
    if (kind == "binary" and prob.ndim != 1) or (kind != "binary" and prob.shape[1:] != (width,)):
        raise DataError(problem(f"evaluate(): probabilities of a {kind} task must have shape {expected}",
                                got=f"shape {np.shape(probabilities)}"))
    _check_finite(prob, "probabilities")
    if prob.size and (prob.min() < 0.0 or prob.max() > 1.0):
        raise DataError(problem("evaluate(): probabilities must lie in [0, 1]",
                                fix="apply sigmoid / softmax to the logits (or TemperatureScaler.transform) first"))

    if kind == "multilabel":
        y = y.astype(np.float64)
        if y.shape != prob.shape:
            raise DataError(problem(f"evaluate(): multilabel targets must have shape {expected}",
                                    got=f"shape {np.shape(y_true)}"))
        if not np.all(np.isnan(y) | (y == 0) | (y == 1)):
            raise DataError(problem("evaluate(): multilabel targets must be 0, 1 or NaN (missing)"))
        cut = _thresholds(threshold, len(names))
        return _Inputs(task, y, prob, decide(kind, prob, cut), cut)

    if y.ndim != 1 or (y.size and (y.min() < 0 or y.max() >= len(names) or np.any(y != np.round(y)))):
        raise DataError(problem(f"evaluate(): {kind} targets must be class indices 0..{len(names) - 1} of shape (n,)",
                                got=f"shape {y.shape}"))
    y = y.astype(np.int64)
    if kind == "binary":
        cut = _thresholds(threshold, 1)
        return _Inputs(task, y, prob, decide(kind, prob, cut[0]), cut)
    return _Inputs(task, y, prob, decide(kind, prob) if prob.size else np.zeros(0, np.int64), None)


def _thresholds(threshold: Any, width: int) -> np.ndarray:
    if threshold is None:
        return np.full(width, 0.5)
    cut = np.asarray(threshold, dtype=np.float64)
    if cut.ndim == 0:
        cut = np.full(width, float(cut))
    if cut.shape != (width,) or not np.all(np.isfinite(cut)):
        raise DataError(problem("evaluate(): the decision threshold must be a finite number"
                                + (f" or one per label ({width})" if width > 1 else ""),
                                got=f"shape {np.shape(threshold)}"))
    return cut


def _check_finite(values: np.ndarray, what: str) -> None:
    if not np.all(np.isfinite(values)):
        raise DataError(problem(f"evaluate(): the {what} contain NaN or infinite values",
                                fix="check the model's outputs (a diverged training run gives NaN)"))


# --------------------------------------------------------------------------- curves


def _binary_problems(inputs: _Inputs) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(name, 0/1 target, score) for each one-vs-rest problem of a classification task."""
    names, kind = inputs.task.class_names, inputs.task.kind
    if kind == "binary":
        return [(names[1], inputs.y, inputs.prob)]
    if kind == "multiclass":
        return [(name, (inputs.y == k).astype(np.int64), inputs.prob[:, k]) for k, name in enumerate(names)]
    problems = []
    for j, name in enumerate(names):
        present = ~np.isnan(inputs.y[:, j])
        problems.append((name, inputs.y[present, j].astype(np.int64), inputs.prob[present, j]))
    return problems


def _thin(x: np.ndarray, y: np.ndarray, max_points: int) -> tuple[list[float], list[float]]:
    """At most ``max_points`` points of a curve, evenly spaced along it, ends kept."""
    if len(x) > max_points:
        keep = np.unique(np.linspace(0, len(x) - 1, max_points).round().astype(np.int64))
        x, y = x[keep], y[keep]
    return [float(v) for v in x], [float(v) for v in y]


def curves(task: Task, y_true: np.ndarray, probabilities: np.ndarray, *,
           max_points: int = CURVE_POINTS) -> dict[str, dict[str, dict[str, Any]]]:
    """ROC and precision-recall points per class (binary: the positive class; multilabel:
    per label, missing labels left out), at most ``max_points`` each, JSON-safe.

    Returns ``{"roc": {name: {"fpr", "tpr", "auroc"}}, "pr": {name: {"recall", "precision",
    "auprc", "prevalence"}}}``; a class with only one of positives / negatives present has
    no entry. Regression has no curves (both dicts empty).

    >>> task = Task("binary", ("no", "yes"))
    >>> curves(task, np.array([0, 1, 0, 1]), np.array([0.2, 0.8, 0.3, 0.7]))["roc"]["yes"]["auroc"]
    1.0
    """
    from sklearn.metrics import precision_recall_curve, roc_curve

    inputs = _prepare(task, y_true, probabilities, None)
    out: dict[str, dict[str, dict[str, Any]]] = {"roc": {}, "pr": {}}
    if task.kind == "regression":
        return out
    for name, target, score in _binary_problems(inputs):
        n_pos = int(target.sum())
        if n_pos == 0 or n_pos == len(target):
            continue
        auroc, auprc = K.Ranking(target == 1, score)(K.ones(len(target)))
        fpr, tpr, _ = roc_curve(target, score)
        precision, recall, _ = precision_recall_curve(target, score)
        fpr_l, tpr_l = _thin(fpr, tpr, max_points)
        recall_l, precision_l = _thin(recall, precision, max_points)
        out["roc"][name] = {"fpr": fpr_l, "tpr": tpr_l, "auroc": float(auroc[0])}
        out["pr"][name] = {"recall": recall_l, "precision": precision_l, "auprc": float(auprc[0]),
                           "prevalence": n_pos / len(target)}
    return out


# --------------------------------------------------------------------------- subgroups


def subgroup_table(
    task: Task,
    y_true: np.ndarray,
    probabilities: np.ndarray,
    groups: Mapping[str, np.ndarray],
    threshold: float | np.ndarray | None = None,
    *,
    n_bootstrap: int = 0,
    confidence: float = 0.95,
    seed: int = 0,
    patients: np.ndarray | None = None,
) -> list[dict[str, Any]]:
    """One row per value of each metadata column (e.g. ``{"sex": ..., "site": ...}``).

    Classification rows: ``group``, ``value``, ``n``, ``prevalence`` (binary: fraction
    positive; multiclass / multilabel: per class), ``auroc``, ``sensitivity``,
    ``specificity`` as ``{"value", "ci95"}`` (macro for multiclass / multilabel; CIs only
    when ``n_bootstrap`` > 0, resampling ``patients`` when given, as the whole split does).
    Regression rows carry ``rmse``, ``mae``, ``r2`` instead. A
    missing group value (None / NaN) forms the group "missing". Metrics undefined in a small
    subgroup are null without a warning.

    >>> task = Task("binary", ("no", "yes"))
    >>> rows = subgroup_table(task, np.array([0, 1, 0, 1]), np.array([0.2, 0.8, 0.6, 0.7]),
    ...                       {"sex": np.array(["F", "F", "M", "M"])}, 0.5)
    >>> [(r["value"], r["n"], r["specificity"]["value"]) for r in rows]
    [('F', 2, 1.0), ('M', 2, 0.0)]
    """
    inputs = _prepare(task, y_true, probabilities, threshold)
    keys = _regression_keys() if task.kind == "regression" else ("auroc", "sensitivity", "specificity")
    rows = []
    for column, values in groups.items():
        labels = _group_labels(column, values, inputs.n)
        for value in sorted(set(labels)):
            mask = labels == value
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UndefinedMetricWarning)
                result = evaluate(task, np.asarray(y_true)[mask], np.asarray(probabilities)[mask],
                                  threshold=threshold, n_bootstrap=n_bootstrap, confidence=confidence, seed=seed,
                                  groups=None if patients is None else np.asarray(patients)[mask])
            row: dict[str, Any] = {"group": column, "value": value, "n": int(mask.sum()),
                                   "prevalence": _prevalence(inputs, mask)}
            row.update({key: result[key] for key in keys})
            rows.append(row)
    return rows


def _group_labels(column: str, values: Any, n: int) -> np.ndarray:
    values = np.asarray(values, dtype=object)
    if values.shape != (n,):
        raise DataError(problem(f"Subgroup column '{column}' does not match the predictions",
                                got=f"shape {values.shape}", expected=f"({n},)"))
    missing = np.array([v is None or (isinstance(v, float) and np.isnan(v)) for v in values], dtype=bool)
    labels = np.array([str(v) for v in values], dtype=object)
    labels[missing] = "missing"
    return labels


def _prevalence(inputs: _Inputs, mask: np.ndarray) -> float | dict[str, float | None] | None:
    kind, names = inputs.task.kind, inputs.task.class_names
    y = inputs.y[mask]
    if kind == "binary":
        return _finite(y.mean()) if len(y) else None
    if kind == "multiclass":
        counts = np.bincount(y, minlength=len(names))
        return {name: (float(c / len(y)) if len(y) else None) for name, c in zip(names, counts)}
    if kind == "multilabel":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a label missing in the whole subgroup
            return {name: _finite(np.nanmean(y[:, j])) for j, name in enumerate(names)}
    return None


# --------------------------------------------------------------------------- JSON


def json_safe(value: Any) -> Any:
    """A copy of nested dicts / lists / arrays / NumPy scalars with NaN and inf as None.

    >>> json_safe({"a": np.array([1.0, np.nan]), "b": np.int64(3)})
    {'a': [1.0, None], 'b': 3}
    """
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [json_safe(v) for v in (value.tolist() if isinstance(value, np.ndarray) else value)]
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer, int)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return float(value) if np.isfinite(value) else None
    return value

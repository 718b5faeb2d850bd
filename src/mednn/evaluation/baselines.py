"""Reference baselines: the simple models every network has to beat, fitted beside it in each run.

``evaluate.baselines: auto`` (the default) fits, on the run's own split, the baselines the
modality's spec names (:mod:`mednn.modalities`) on its raw features
(:mod:`mednn.evaluation.baseline_features`):

- tables: ``linear`` (L2 logistic regression; ridge for regression) and ``lightgbm``
  (gradient-boosted trees, early stopping on validation), both on the raw table columns
  one-hot encoded and imputed with training statistics;
- text: ``linear`` on TF-IDF word 1-2 grams;
- molecules: ``random_forest`` on ECFP4 (RDKit Morgan radius 2, 2048 bits);
- images: ``linear`` on pixels downsampled to 16 x 16 (8 x 8 x 8 for volumes).

Fairness rules: features and models are fitted on the training split only; the validation split
chooses the regularisation (``C`` from :data:`C_GRID` by validation log-loss, ridge ``alpha``
from :data:`ALPHA_GRID` by validation RMSE) and LightGBM's number of trees, and the decision threshold with the run's
own rule (``evaluate.threshold``); the test split is evaluated with :func:`mednn.evaluation.evaluate`
and the run's ``evaluate.bootstrap`` / ``confidence`` / ``seed``. Multilabel and multi-target
tasks get one model per label (one-vs-rest), fitted on the rows where that label is present.

The comparison uses one primary metric per task (:data:`PRIMARY_METRIC`), by one rule: compare
the models' decisions where no threshold is chosen, their ranking where one is. Binary and
multilabel calls depend on a threshold each model picks on validation, so the primary metric is
threshold-free: AUROC (the macro AUROC over labels). A multiclass call is the top class, with no
threshold, so the primary metric is the macro F1 of those calls (every class counts equally,
rare ones too); macro AUROC would compare 40 easy one-against-the-rest rankings and miss a
network whose calls are far better. Regression: RMSE. A multiclass verdict carries accuracy and
macro AUROC beside it (``comparison["beside"]``, each with its paired interval), and every
verdict's text names its metric. The difference network - baseline and its percentile interval
come from the SAME bootstrap resamples for both models (:func:`paired_difference`; patients,
when the test split has patient ids), so a shared hard test set moves both and cancels out of
the difference.

Add a baseline: a function ``(task, features, targets, *, seed, threads) -> (probabilities
per split, params)`` registered with ``@BASELINES.register("name")``, and its label below; a
modality uses it by default when its spec lists it.
"""

from __future__ import annotations

import time
import warnings
from typing import Any

import numpy as np

from ..data.base import Task
from ..errors import ConfigError, MissingExtraError
from ..registry import Registry
from .baseline_features import baseline_features  # noqa: F401  (importable from here too)

BASELINES: Registry = Registry("baseline")

PRIMARY_METRIC: dict[str, str] = {"binary": "auroc", "multiclass": "f1_macro", "multilabel": "auroc",
                                  "regression": "rmse"}
# compared beside the primary metric (multiclass: no threshold is involved in any of them)
BESIDE_METRICS: dict[str, tuple[str, ...]] = {"multiclass": ("accuracy", "auroc")}
HIGHER_IS_BETTER: dict[str, bool] = {"auroc": True, "rmse": False, "f1_macro": True, "accuracy": True}
METRIC_WORDS: dict[tuple[str, str], str] = {("auroc", "binary"): "AUROC", ("auroc", "multiclass"): "macro AUROC",
                                            ("auroc", "multilabel"): "macro AUROC", ("f1_macro", "multiclass"): "macro F1",
                                            ("accuracy", "multiclass"): "accuracy", ("rmse", "regression"): "RMSE"}


def metric_words(metric: str, kind: str) -> str:
    """How a verdict names its metric: ``("f1_macro", "multiclass")`` -> "macro F1"."""
    return METRIC_WORDS.get((metric, kind), metric.replace("_", " "))
C_GRID: tuple[float, ...] = (0.001, 0.01, 0.1, 1.0, 10.0, 100.0)  # ascending: each fit warm-starts the next
SELECTION_ROWS = 10_000  # C is chosen on at most this many training rows, then refitted on all
LOGISTIC_ITERATIONS, LOGISTIC_TOLERANCE = 300, 1e-3  # a reference model, not a converged optimum
ALPHA_GRID: tuple[float, ...] = (0.01, 0.1, 1.0, 10.0, 100.0, 1000.0)
FOREST_TREES = 300
# one forest per label: many-label sets share a budget of trees (toxcast, 617 labels: 20 trees
# per label, about 5 minutes on 2 cores, instead of 300 per label and well over an hour)
FOREST_TREE_BUDGET, FOREST_MIN_TREES = 3000, 20
LIGHTGBM_ROUNDS, LIGHTGBM_PATIENCE = 2000, 50

_MODEL_LABELS = {"lightgbm": "LightGBM", "random_forest": "random forest"}


def baseline_label(name: str, kind: str) -> str:
    """Plain words for a baseline: ``("linear", "binary")`` -> "logistic regression"."""
    if name == "linear":
        return "ridge regression" if kind == "regression" else "logistic regression"
    return _MODEL_LABELS.get(name, name.replace("_", " "))


def baseline_names(setting: str | list[str], modality: str) -> list[str]:
    """The baselines ``evaluate.baselines`` asks for on ``modality`` (``auto``, ``none`` or names)."""
    if setting == "none":
        return []
    if setting == "auto":
        from ..modalities import modality_spec

        return list(modality_spec(modality).baselines)
    for name in setting:
        BASELINES.get(name)
    return list(dict.fromkeys(setting))


# --------------------------------------------------------------------------- entry point


def reference_baselines(cfg, task: Task, modality: str, splits, network_test_prob: np.ndarray, *,
                        log=None) -> dict[str, Any] | None:
    """Fit the configured baselines on ``splits`` and compare each with the network on the test split.

    ``splits`` has ``train`` / ``val`` / ``test`` Datasets (the run's split); ``network_test_prob``
    is the network's calibrated test output as metrics.json's ``test`` block was computed from.
    Returns None when ``evaluate.baselines`` is ``none``, else the ``baselines`` block of
    metrics.json: ``primary_metric``, ``higher_is_better``, ``network`` (its primary value),
    ``models`` (per baseline: ``name``, ``label``, ``features``, ``params``, ``seconds``,
    ``threshold``, ``test`` as metrics.json's ``test``, and ``comparison``) and ``skipped``
    (baselines that could not be fitted, with the reason).

    >>> block = reference_baselines(cfg, task, "tabular", splits, probs["test"])  # doctest: +SKIP
    >>> block["models"][0]["comparison"]["text"]  # doctest: +SKIP
    'the network is not better than logistic regression on these data'
    """
    from .base import json_safe

    names = baseline_names(cfg.evaluate.baselines, modality)
    if not names:
        return None
    ev = cfg.evaluate
    metric = PRIMARY_METRIC[task.kind]
    out: dict[str, Any] = {
        "primary_metric": metric,
        "primary_label": metric_words(metric, task.kind),
        "higher_is_better": HIGHER_IS_BETTER[metric],
        "network": None,
        "n_resamples": ev.bootstrap,
        "confidence": ev.confidence,
        "seed": cfg.seed,
        "models": [],
        "skipped": [],
    }
    targets = {s: np.asarray(part.targets) for s, part in splits.items()}
    t0 = time.perf_counter()
    try:
        features, feature_text = baseline_features(modality, splits)
    except Exception as exc:  # noqa: BLE001 - no baseline features must not cost the trained network
        reason = _why_no_features(exc)
        out["skipped"] = [{"name": n, "label": baseline_label(n, task.kind), "reason": reason} for n in names]
        return json_safe(out)
    out["feature_seconds"] = round(time.perf_counter() - t0, 3)
    threads = _threads(cfg)
    for name in names:
        label = baseline_label(name, task.kind)
        start = time.perf_counter()
        fitted = _fit_baseline(name, task, features, targets, seed=cfg.seed, threads=threads)
        if isinstance(fitted, str):
            out["skipped"].append({"name": name, "label": label, "reason": fitted})
            continue
        probs, params = fitted
        seconds = time.perf_counter() - start
        threshold, test, comparison = _compared(cfg, task, metric, label, targets, probs, network_test_prob,
                                                groups=_patients(splits))
        out["network"] = comparison["network"]
        out["models"].append({"name": name, "label": label, "features": feature_text, "params": params,
                              "seconds": round(seconds, 3), "threshold": threshold, "test": test,
                              "comparison": comparison})
        if log is not None:
            log(f"baseline {label}: test {metric_words(metric, task.kind)} {_short(comparison['baseline'])} "
                f"(network {_short(comparison['network'])}); {comparison['text']}")
    return json_safe(out)


def _why_no_features(exc: Exception) -> str:
    """Why the baselines' features could not be computed (a type, never a library's message)."""
    if isinstance(exc, MissingExtraError):
        return str(exc)
    if isinstance(exc, ImportError):
        return f"the package {exc.name} needed for the features is not installed; fix: pip install 'mednn[all]'"
    return f"the baseline features could not be computed ({type(exc).__name__})"


def _fit_baseline(name: str, task: Task, features, targets, *, seed: int, threads: int):
    """``(probabilities per split, params)`` of one baseline, or the reason it was skipped (a str)."""
    try:
        from threadpoolctl import threadpool_limits

        # the BLAS threads of NumPy / SciPy follow the run's thread count, as torch's did
        with warnings.catch_warnings(), threadpool_limits(limits=threads):
            warnings.simplefilter("ignore")  # convergence / feature-name chatter of the libraries
            return BASELINES.get(name)(task, features, targets, seed=seed, threads=threads)
    except ConfigError:
        raise
    except MissingExtraError as exc:
        return str(exc)
    except ImportError as exc:
        return f"the package {exc.name} is not installed; fix: pip install 'mednn[all]'"
    except Exception as exc:  # noqa: BLE001 - a failed reference model must not cost the trained network
        warnings.warn(f"baseline {name!r} could not be fitted ({type(exc).__name__}); it is left out",
                      RuntimeWarning, stacklevel=3)
        return f"fitting failed ({type(exc).__name__})"  # only the type: messages may quote label values


def _patients(splits) -> np.ndarray | None:
    from ..data.patients import patient_groups

    return patient_groups(splits.test)


def _compared(cfg, task: Task, metric: str, label: str, targets, probs, network_test_prob, *, groups=None):
    """A fitted baseline's threshold (the run's rule on validation), test metrics, and its paired
    comparison with the network on the test split (resampling patients when ``groups`` are given)."""
    from .base import evaluate

    ev = cfg.evaluate
    threshold = choose_threshold(ev, task, targets["val"], probs["val"])
    value = threshold.get("value") if threshold else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # undefined metrics are null, as in the network's block
        test = evaluate(task, targets["test"], probs["test"], threshold=value, n_bootstrap=ev.bootstrap,
                        confidence=ev.confidence, seed=cfg.seed, groups=groups)
        comparison = paired_difference(task, targets["test"], network_test_prob, probs["test"], metric=metric,
                                       n_bootstrap=ev.bootstrap, confidence=ev.confidence, seed=cfg.seed,
                                       beside=BESIDE_METRICS.get(task.kind, ()), groups=groups)
    comparison["verdict"] = verdict(comparison, HIGHER_IS_BETTER[metric])
    comparison["text"] = verdict_text(comparison["verdict"], label, metric=metric_words(metric, task.kind),
                                      beside={metric_words(m, task.kind): c for m, c in
                                              comparison.get("beside", {}).items()}, own=comparison)
    return threshold, test, comparison


def _short(value: Any) -> str:
    return "n/a" if value is None or not np.isfinite(value) else f"{value:.3f}"


def _threads(cfg) -> int:
    if cfg.train.threads:
        return int(cfg.train.threads)
    try:
        import torch

        return max(1, int(torch.get_num_threads()))  # what the run's network was given
    except ImportError:  # pragma: no cover - torch is a core dependency
        return 1


# --------------------------------------------------------------------------- threshold, comparison


def choose_threshold(ev, task: Task, y_val: np.ndarray, prob_val: np.ndarray) -> dict[str, Any] | None:
    """The run's threshold rule (``evaluate.threshold``) applied to a model's validation scores."""
    from .thresholds import threshold_rule

    return threshold_rule(ev, task.kind, y_val, prob_val, task.class_names)


def paired_difference(task: Task, y_true: np.ndarray, prob_network: np.ndarray, prob_baseline: np.ndarray, *,
                      metric: str, n_bootstrap: int = 1000, confidence: float = 0.95, seed: int = 0,
                      beside: tuple[str, ...] = (), groups: np.ndarray | None = None) -> dict[str, Any]:
    """``metric`` of both models and the difference network - baseline, with a paired bootstrap interval.

    Both models are scored on the same resamples (``bootstrap_indices(n, n_bootstrap, seed)``,
    the resamples of the run's own test CIs; of patients when ``groups`` are given), and the
    interval is the percentile interval of the per-resample differences, widened to contain the
    difference on all the data; resamples where either value is undefined are dropped. Each
    metric of ``beside`` gets the same comparison in ``out["beside"][name]``.

    >>> task = Task("binary", ("no", "yes"))
    >>> y, p = np.array([0, 1, 0, 1]), np.array([0.2, 0.8, 0.4, 0.6])
    >>> paired_difference(task, y, p, p, metric="auroc", n_bootstrap=50)["ci95"]
    [0.0, 0.0]
    """
    from . import _kernels as K
    from .base import _CHUNK_CELLS, _TABLES, _prepare
    from .bootstrap import ResampleUnits, bootstrap_indices

    table = _TABLES[task.kind]
    network = _prepare(task, y_true, prob_network, None)
    baseline = _prepare(task, y_true, prob_baseline, None)
    keys = [(m,) for m in (metric, *beside)]
    n = network.n
    a, b = table(K.ones(n), network), table(K.ones(n), baseline)
    outs = {key: {"metric": key[0], "network": _finite(a[key][0]), "baseline": _finite(b[key][0]),
                  "difference": _finite(a[key][0] - b[key][0]), "ci95": None, "n_resamples": 0} for key in keys}
    if n_bootstrap and n:
        units = ResampleUnits.of(groups, n)
        differences: dict[tuple[str, ...], list[np.ndarray]] = {key: [] for key in keys}
        rows = max(1, _CHUNK_CELLS // n)
        for block in bootstrap_indices(units.n_units, n_bootstrap, seed):
            for start in range(0, len(block), rows):
                weights = units.weights(block[start:start + rows], n)
                on_network, on_baseline = table(weights, network), table(weights, baseline)
                for key in keys:
                    differences[key].append(on_network[key] - on_baseline[key])
        for key in keys:
            _interval(outs[key], np.concatenate(differences[key]), confidence)
    out = outs[keys[0]]
    if beside:
        out["beside"] = {key[0]: outs[key] for key in keys[1:]}
    return out


def _interval(out: dict[str, Any], values: np.ndarray, confidence: float) -> None:
    from .bootstrap import contain_point, percentile_interval
    from .intervals import sparse_resamples_reason

    used = int(np.isfinite(values).sum())
    out["n_resamples"] = used
    # the rule of the metrics' own intervals: a difference defined on a minority of the resamples
    # (those that happened to draw every rare class) gets no interval, so no verdict, either
    reason = sparse_resamples_reason(used, len(values)) if used else None
    if reason:
        out["ci_reason"] = reason
    elif used:
        point = np.nan if out["difference"] is None else out["difference"]
        low, high = contain_point(percentile_interval(values, confidence), point)
        out["ci95"] = [float(low), float(high)]


def _finite(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def verdict(comparison: dict[str, Any], higher_is_better: bool) -> str:
    """``better`` / ``not better`` / ``worse`` (the network against the baseline) from the paired
    interval of the difference; ``not compared`` without an interval."""
    ci = comparison.get("ci95")
    if not ci:
        return "not compared"
    low, high = ci
    gain_low, gain_high = (low, high) if higher_is_better else (-high, -low)
    if gain_low > 0:
        return "better"
    if gain_high < 0:
        return "worse"
    return "not better"


def verdict_text(word: str, label: str, *, metric: str | None = None,
                 beside: dict[str, dict[str, Any]] | None = None, own: dict[str, Any] | None = None) -> str:
    """The verdict in plain words, naming its metric, with its own difference (``own``) and the
    metrics compared beside it: "by macro F1 the network is better than logistic regression on
    these data (macro F1 +0.180, interval +0.120 to +0.240; accuracy +0.061, interval +0.021 to
    +0.098; macro AUROC -0.004, ...)"."""
    by = f"by {metric} " if metric else ""
    if word == "not compared":
        text = (f"the network and {label} could not be compared{' by ' + metric if metric else ''} (no bootstrap "
                "interval: evaluate.bootstrap is 0, or the metric is undefined on the test set or on most of its "
                "resamples)")
    else:
        phrase = {"better": "is better than", "not better": "is not better than", "worse": "is worse than"}[word]
        text = f"{by}the network {phrase} {label} on these data"
    parts = [f"{name} {_signed(c.get('difference'))}" + (f", interval {_signed(c['ci95'][0])} to "
                                                         f"{_signed(c['ci95'][1])}" if c.get("ci95") else "")
             for name, c in ({**({metric: own} if own and metric and word != "not compared" else {}),
                              **(beside or {})}).items()]
    return text + (f"; {'; '.join(parts)}" if parts and word == "not compared" else
                   f" ({'; '.join(parts)})" if parts else "")


def _signed(value: Any) -> str:
    return "n/a" if value is None or not np.isfinite(value) else f"{value:+.3f}"


# --------------------------------------------------------------------------- models


def _columns(task: Task, y: np.ndarray) -> np.ndarray:
    """Binary / multilabel / regression targets as float columns (n, k) with NaN = missing."""
    y = np.asarray(y, dtype=np.float64)
    return y.reshape(len(y), -1)


def _full_proba(classes: np.ndarray, proba: np.ndarray, n_classes: int) -> np.ndarray:
    """Class probabilities of a model that saw only some classes, widened to every class."""
    out = np.zeros((proba.shape[0], n_classes))
    out[:, np.asarray(classes, dtype=np.int64)] = proba
    return out


def _log_loss(y: np.ndarray, prob: np.ndarray) -> float:
    """Validation log-loss for choosing ``C`` (lower is better). A proper scoring rule: AUROC ties
    (often 1.0 on an easy validation split) would pick the strongest regularisation, whose
    probabilities sit near the prevalence and whose calls are poor."""
    prob = np.clip(np.asarray(prob, dtype=np.float64), 1e-12, 1.0)
    y = np.asarray(y, dtype=np.int64)
    if prob.ndim == 1:
        return float(-np.mean(np.where(y == 1, np.log(prob), np.log(np.clip(1 - prob, 1e-12, 1.0)))))
    return float(-np.mean(np.log(prob[np.arange(len(y)), y])))


def _one_vs_rest(task: Task, features, targets, fit_column) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Fit ``fit_column(x_train, y_train, x_val, y_val) -> (val, test, params)`` per label / target
    on the rows where it is present; a label with one class in training predicts its rate."""
    y = {s: _columns(task, targets[s]) for s in ("train", "val")}
    classification = task.kind != "regression"
    probs = {s: np.zeros((features[s].shape[0], y["train"].shape[1])) for s in ("val", "test")}
    params: list[Any] = []
    for j in range(y["train"].shape[1]):
        tr = ~np.isnan(y["train"][:, j])
        va = ~np.isnan(y["val"][:, j])
        ytr = y["train"][tr, j]
        if tr.sum() == 0 or (classification and len(np.unique(ytr)) < 2):
            constant = float(ytr.mean()) if tr.sum() else 0.0
            for s in probs:
                probs[s][:, j] = constant
            params.append({"constant": constant})
            continue
        val, test, p = fit_column(_rows(features["train"], tr), ytr, _rows(features["val"], va), y["val"][va, j],
                                  features["val"], features["test"], j)
        probs["val"][:, j], probs["test"][:, j] = val, test
        params.append(p)
    if task.kind == "binary":
        probs = {s: v[:, 0] for s, v in probs.items()}
    return probs, (params[0] if len(params) == 1 else {"per_label" if classification else "per_target": params})


def _rows(x, mask: np.ndarray):
    return x[np.flatnonzero(mask)]


def _selection_rows(n: int, seed: int) -> np.ndarray | None:
    """Training rows on which ``C`` is chosen: all of them up to :data:`SELECTION_ROWS`, else a
    seeded random subset (the chosen ``C`` is then refitted on every training row once)."""
    if n <= SELECTION_ROWS:
        return None
    return np.sort(np.random.default_rng(seed).choice(n, SELECTION_ROWS, replace=False))


def _choose_logistic(x_train, y_train, x_val, score, *, seed: int, classes: int | None = None):
    """Fit logistic regression along :data:`C_GRID` (ascending, each fit warm-started from the last,
    on at most SELECTION_ROWS training rows) and return the model with the best validation score
    refitted on every training row, and its ``C``."""
    import copy

    from sklearn.linear_model import LogisticRegression

    sub = _selection_rows(x_train.shape[0], seed)
    x_sel, y_sel = (x_train, y_train) if sub is None else (x_train[sub], y_train[sub])
    model = LogisticRegression(C=C_GRID[0], max_iter=LOGISTIC_ITERATIONS, tol=LOGISTIC_TOLERANCE, warm_start=True,
                               random_state=seed)
    best = None
    for C in C_GRID:
        model.set_params(C=C)
        model.fit(x_sel, y_sel)
        value = score(model, x_val)
        if best is None or value > best[0]:
            best = (value, C, copy.deepcopy(model))
    _, C, chosen = best
    if sub is not None and len(np.unique(y_train)) == len(chosen.classes_):
        chosen.fit(x_train, y_train)  # warm-started from the subset's solution
    return chosen, C


@BASELINES.register("linear")
def linear_baseline(task: Task, features, targets, *, seed: int = 0, threads: int = 1):
    """L2 logistic regression (classification) or ridge regression, regularisation chosen on validation."""
    from sklearn.linear_model import Ridge

    if task.kind == "multiclass":
        n_classes = len(task.class_names)
        y_val = np.asarray(targets["val"])

        def multiclass_score(model, x_val):
            return -_log_loss(y_val, _full_proba(model.classes_, model.predict_proba(x_val), n_classes))

        model, C = _choose_logistic(features["train"], np.asarray(targets["train"]), features["val"],
                                    multiclass_score, seed=seed)
        return ({s: _full_proba(model.classes_, model.predict_proba(features[s]), n_classes) for s in ("val", "test")},
                {"C": C})

    regression = task.kind == "regression"

    def fit_column(x_train, y_train, x_val, y_val, all_val, all_test, j):
        scorable = len(y_val) > 1 and (regression or len(np.unique(y_val)) == 2)
        if not regression:
            def binary_score(model, x):
                return -_log_loss(y_val, model.predict_proba(x)[:, 1]) if scorable else 0.0

            model, C = _choose_logistic(x_train, y_train.astype(int), x_val, binary_score, seed=seed + j)
            return model.predict_proba(all_val)[:, 1], model.predict_proba(all_test)[:, 1], {"C": C}
        best = None
        for alpha in (ALPHA_GRID if scorable else (1.0,)):
            model = Ridge(alpha=alpha).fit(x_train, y_train)
            score = -float(np.sqrt(np.mean((model.predict(x_val) - y_val) ** 2))) if scorable else 0.0
            if best is None or score > best[0]:
                best = (score, alpha, model)
        _, alpha, model = best
        return model.predict(all_val), model.predict(all_test), {"alpha": alpha}

    return _one_vs_rest(task, features, targets, fit_column)


@BASELINES.register("lightgbm")
def lightgbm_baseline(task: Task, features, targets, *, seed: int = 0, threads: int = 1):
    """LightGBM with early stopping on the validation split (up to 2000 trees, learning rate 0.05)."""
    from .._optional import require

    lgb = require("lightgbm", extra="baselines")
    common = dict(n_estimators=LIGHTGBM_ROUNDS, learning_rate=0.05, num_leaves=31, subsample=0.8, subsample_freq=1,
                  colsample_bytree=0.8, random_state=seed, n_jobs=threads, verbose=-1)

    def fit(model, x_train, y_train, x_val, y_val):
        kwargs = {}
        if len(y_val):
            kwargs = {"eval_set": [(x_val, y_val)],
                      "callbacks": [lgb.early_stopping(LIGHTGBM_PATIENCE, verbose=False)]}
        model.fit(_float(x_train), y_train, **kwargs)
        return model

    def trees(model) -> int:
        return int(model.best_iteration_ or model.n_estimators)

    if task.kind == "multiclass":
        n_classes = len(task.class_names)
        y_train = np.asarray(targets["train"])
        seen = np.isin(targets["val"], np.unique(y_train))  # LightGBM cannot score a class it never saw
        model = fit(lgb.LGBMClassifier(**common), features["train"], y_train,
                    _float(_rows(features["val"], seen)), np.asarray(targets["val"])[seen])
        probs = {s: _full_proba(model.classes_, model.predict_proba(_float(features[s])), n_classes)
                 for s in ("val", "test")}
        return probs, {"trees": trees(model)}

    regression = task.kind == "regression"

    def fit_column(x_train, y_train, x_val, y_val, all_val, all_test, j):
        if regression:
            model = fit(lgb.LGBMRegressor(**{**common, "random_state": seed + j}), x_train, y_train,
                        _float(x_val), y_val)
            return model.predict(_float(all_val)), model.predict(_float(all_test)), {"trees": trees(model)}
        model = fit(lgb.LGBMClassifier(**{**common, "random_state": seed + j}), x_train, y_train.astype(int),
                    _float(x_val), y_val.astype(int))
        return (model.predict_proba(_float(all_val))[:, 1], model.predict_proba(_float(all_test))[:, 1],
                {"trees": trees(model)})

    return _one_vs_rest(task, features, targets, fit_column)


def _float(x):
    """LightGBM wants float32/64 matrices; sparse ones stay sparse."""
    if hasattr(x, "tocsr"):
        return x.tocsr().astype(np.float64)
    return np.asarray(x, dtype=np.float64)


@BASELINES.register("random_forest")
def random_forest_baseline(task: Task, features, targets, *, seed: int = 0, threads: int = 1):
    """A random forest (300 trees, sqrt(features) per split; fewer per label when there are more than
    10 labels, see :data:`FOREST_TREE_BUDGET`); validation is used only for the threshold."""
    from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor

    n_columns = 1 if task.kind == "multiclass" else _columns(task, targets["train"]).shape[1]
    trees = int(np.clip(FOREST_TREE_BUDGET // n_columns, FOREST_MIN_TREES, FOREST_TREES))
    common = dict(n_estimators=trees, max_features="sqrt", n_jobs=threads)
    if task.kind == "multiclass":
        model = RandomForestClassifier(random_state=seed, **common).fit(features["train"], targets["train"])
        n_classes = len(task.class_names)
        return ({s: _full_proba(model.classes_, model.predict_proba(features[s]), n_classes) for s in ("val", "test")},
                {"trees": trees})
    regression = task.kind == "regression"

    def fit_column(x_train, y_train, x_val, y_val, all_val, all_test, j):
        if regression:
            model = RandomForestRegressor(random_state=seed + j, **common).fit(x_train, y_train)
            return model.predict(all_val), model.predict(all_test), {"trees": trees}
        model = RandomForestClassifier(random_state=seed + j, **common).fit(x_train, y_train.astype(int))
        return model.predict_proba(all_val)[:, 1], model.predict_proba(all_test)[:, 1], {"trees": trees}

    return _one_vs_rest(task, features, targets, fit_column)

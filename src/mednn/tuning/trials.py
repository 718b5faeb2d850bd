"""One trial of ``mednn tune``: the metric trials are scored on (:func:`tuning_metric`), the
validation folds (:func:`validation_folds`), the training callback that reports each epoch to
Optuna and prunes (:class:`TrialPruning`) and the objective that trains and scores every fold
through the run's own steps (:class:`Objective`).
"""

from __future__ import annotations

import json
import math
import time
from typing import Any

import numpy as np

from ..config import RunConfig
from ..errors import ConfigError, MednnError, problem
from .space import Param, apply_overrides, trial_overrides

SMALL_DATA = 1000  # below this many train + validation rows, trials are scored by k-fold CV
N_FOLDS = 5


def tuning_metric(cfg: RunConfig, task, metric: str | None = None) -> tuple[str, bool, str | None]:
    """What trials are scored on: ``(metric, higher is better, the history column pruning reads)``.

    ``metric`` is any registered metric for the task (``val_`` prefix allowed); by default the
    per-epoch history's validation column (AUROC; accuracy for multi-class; RMSE). Pruning reads
    the metric's own history column when the history has one (the default column, or the
    early-stopping monitor); otherwise the default column as a stand-in when it points the same
    way; otherwise there is no pruning (only the budget stops a trial).

    >>> tuning_metric(cfg, Task("multilabel", ("a", "b")), "f1_macro")  # doctest: +SKIP
    ('f1_macro', True, 'auroc')
    """
    from ..evaluation.metrics import METRICS
    from ..training.monitor import default_val_metric, monitor_names, resolve_monitor

    default = default_val_metric(task)
    name = default if metric is None else str(metric).removeprefix("val_")
    valid = [m for m in monitor_names(task) if m != "loss"]
    if name not in valid:
        raise ConfigError(problem(f"--metric {metric!r} is not a metric of a {task.kind} task",
                                  expected=", ".join(valid), fix=f"e.g. --metric {default}"))
    higher = METRICS.get(name).greater_is_better
    monitor, _ = resolve_monitor(cfg.train.early_stopping.monitor, task)
    if name in (default, monitor):
        column = name
    elif METRICS.get(default).greater_is_better == higher:
        column = default
    else:
        column = None
    return name, higher, column


# --------------------------------------------------------------------------- validation folds

def validation_folds(pool, n_train: int, *, seed: int, small_data: int = SMALL_DATA,
                     n_folds: int = N_FOLDS) -> tuple[list[tuple[np.ndarray, np.ndarray]], str]:
    """Index pairs (fit, score) into ``pool`` (the train rows, then the validation rows) and a
    description. Small data: k-fold over the pool (stratified by class, grouped by patient /
    scaffold where the data has groups); otherwise the config's own train / validation split."""
    n = len(pool)
    if n >= small_data:
        return [(np.arange(n_train), np.arange(n_train, n))], "the config's validation split"
    from sklearn.model_selection import GroupKFold, KFold, StratifiedGroupKFold, StratifiedKFold

    kind = pool.task.kind
    y = np.asarray(pool.targets)
    classes = kind in ("binary", "multiclass")
    k = n_folds
    if classes:
        k = max(2, min(k, int(np.bincount(y.astype(int)).min(initial=n) or 2)))
    groups = None if pool.groups is None else np.asarray(pool.groups).astype(str)
    if groups is not None:
        k = max(2, min(k, len(np.unique(groups))))
        splitter = (StratifiedGroupKFold(k, shuffle=True, random_state=seed) if classes
                    else GroupKFold(k))
        parts = splitter.split(np.zeros(n), y if classes else None, groups)
        how = f"{k}-fold cross-validation over train + validation, grouped"
    elif classes:
        parts = StratifiedKFold(k, shuffle=True, random_state=seed).split(np.zeros(n), y)
        how = f"{k}-fold cross-validation over train + validation, stratified"
    else:
        parts = KFold(k, shuffle=True, random_state=seed).split(np.zeros(n))
        how = f"{k}-fold cross-validation over train + validation"
    return [(np.sort(a), np.sort(b)) for a, b in parts], how


# --------------------------------------------------------------------------- one trial

def _pruning_base():
    from ..training.callbacks import Callback

    return Callback


class TrialPruning(_pruning_base()):
    """The training callback of a trial: after every epoch it reports the first network's
    validation ``metric`` column to Optuna and ends training (``stopped_by: pruned``) when the
    trial should be pruned (``metric`` None: no pruning) or the study's ``deadline`` has passed.
    The objective then raises ``optuna.TrialPruned`` (:meth:`raise_if_pruned`)."""

    def __init__(self, trial, metric: str | None, deadline: float, *, report: bool):
        self.trial, self.metric, self.deadline, self.report = trial, metric, deadline, report
        self.last_epoch = 0
        self.pruned: str | None = None  # why, once the trial is pruned

    def on_epoch_end(self, state) -> None:
        if time.monotonic() > self.deadline:
            self.trial.set_user_attr("stopped", "budget spent")
            self._prune(state, "the tuning budget is spent")
            return
        epoch = state.epoch
        if epoch <= self.last_epoch:  # a later ensemble member starts: only the first is reported
            self.report = False
        self.last_epoch = epoch
        value = None if self.metric is None else state.history[-1].get(f"val_{self.metric}")
        if self.report and value is not None and math.isfinite(value):
            self.trial.report(float(value), epoch)
            if self.trial.should_prune():
                self._prune(state, f"pruned at epoch {epoch}")

    def _prune(self, state, why: str) -> None:
        self.pruned = self.pruned or why
        state.request_stop("pruned")

    def raise_if_pruned(self) -> None:
        if self.pruned is not None:
            import optuna

            raise optuna.TrialPruned(self.pruned)


def _seed(seed: int):
    from ..training.seeding import seed_everything

    return seed_everything(seed)


class Objective:
    """Scores one trial: the mean validation metric over the folds. Featurized folds are cached
    per featurizer setting (a table's features do not change between trials)."""

    def __init__(self, cfg: RunConfig, pool, folds, space: list[Param], *, model: str, metric: str,
                 deadline: float, device, log, prune_on: str | None = None):
        self.cfg, self.pool, self.folds, self.space = cfg, pool, folds, space
        self.model, self.metric, self.deadline, self.device, self.log = model, metric, deadline, device, log
        self.prune_on = prune_on
        self._cache: dict[tuple[int, str], tuple[Any, dict[str, Any]]] = {}

    def __call__(self, trial) -> float:
        values = {p.key: p.suggest(trial) for p in self.space}
        cfg = apply_overrides(self.cfg, trial_overrides(values))
        scores = []
        try:
            for k, (fit_index, score_index) in enumerate(self.folds):
                pruning = TrialPruning(trial, self.prune_on, self.deadline, report=k == 0)
                scores.append(self._score_fold(cfg, k, fit_index, score_index, pruning))
        except MednnError as exc:  # one line, kept for the summary (the trial is marked failed)
            trial.set_user_attr("error", str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            raise
        finite = [s for s in scores if math.isfinite(s)]
        if not finite:
            message = f"the validation {self.metric} is undefined on every fold"
            trial.set_user_attr("error", message)
            raise ConfigError(f"trial {trial.number}: {message}")
        trial.set_user_attr("fold_values", [None if not math.isfinite(s) else round(s, 6) for s in scores])
        return float(np.mean(finite))

    def _features(self, cfg: RunConfig, k: int, fit_index, score_index):
        from ..pipeline import make_featurizer

        featurizer = make_featurizer(cfg, self.pool)
        key = (k, json.dumps({"name": featurizer.name, **featurizer.params()}, sort_keys=True, default=str))
        if key not in self._cache:
            if len(self._cache) >= 4 * len(self.folds):
                self._cache.pop(next(iter(self._cache)))
            fit_part, score_part = self.pool.subset(fit_index), self.pool.subset(score_index)
            featurizer.fit(fit_part)
            self._cache[key] = (featurizer, {"train": featurizer.transform(fit_part),
                                             "val": featurizer.transform(score_part)})
        return self._cache[key]

    def _score_fold(self, cfg: RunConfig, k: int, fit_index, score_index, pruning: TrialPruning) -> float:
        """Train the trial's network (its ensemble members) on one fold through the run's own
        steps (:func:`mednn.pipeline.prepare_splits`, :func:`mednn.pipeline.train`), with the
        pruning callback; the fold's validation metric. Nothing is written (no checkpoints)."""
        from ..pipeline import Splits, prepare_splits, train

        parts = Splits(self.pool.subset(fit_index), self.pool.subset(score_index), None)  # no test split
        featurizer, features = self._features(cfg, k, fit_index, score_index)
        prepared = prepare_splits(cfg, self.pool, parts, featurizer=featurizer, features=features, model=self.model,
                                  device=self.device, generator=_seed(cfg.seed))
        trained = train(prepared, callbacks=[pruning])
        pruning.raise_if_pruned()
        return trained.score(self.metric)

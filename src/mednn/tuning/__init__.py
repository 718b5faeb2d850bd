"""Hyperparameter tuning within a time budget: what ``mednn tune`` runs (Optuna).

A study searches the declared space of the config's model and featurizer (``MODEL_SPACES``,
``FEATURIZER_SPACES``) and of training (``train_space``) with Optuna's TPE sampler; its first
trial is the config's own settings (``config_values``: for ``model: auto`` the recipe chosen
across datasets). Trials are scored on a validation metric (``tuning_metric``; ``--metric``).
A trial is pruned when its per-epoch validation metric falls below the median of earlier
trials at the same epoch. Only the training and validation rows of the config's own split are used: the
test rows are dropped as soon as the file is split, never featurized, predicted or scored, so
the run trained afterwards reports a test set that no choice has seen. Small data (under 1,000 train + validation rows) is scored
by k-fold cross-validation over train + validation (grouped by patient or scaffold when the
data has groups).

The study lives in ``DIR/study.db`` (SQLite); running the same command again continues it
(``--trials`` and ``--budget`` count the whole study). The best configuration is written to
``DIR/best.yaml`` and trained as a normal run in ``DIR/run``, whose ``tuning.json`` holds the
trial table and the optimisation history.

Modules: :mod:`.space` (what is searched; add a model's search space to ``MODEL_SPACES``),
:mod:`.trials` (scoring one trial: metric, folds, the pruning callback, the objective) and
:mod:`.study` (the study, ``best.yaml``, ``tuning.json`` and the final run). A trial trains each
fold through :func:`mednn.pipeline.prepare_splits` and :func:`mednn.pipeline.train` with the
:class:`TrialPruning` callback, as ``mednn train`` trains a run.

>>> best = tune(load_config("configs/pima.yaml"), "tune/pima", budget="15m")  # doctest: +SKIP
"""

from __future__ import annotations

from .space import (FEATURIZER_SPACES, MODEL_SPACES, Param, apply_overrides, config_values, search_space,
                    train_space, trial_overrides)
from .study import (BEST_FILE, RUN_DIR, STUDY_FILE, STUDY_NAME, TUNING_FILE, StudyResult, best_config,
                    parse_budget, run_study, tune, tuning_summary, write_best_yaml)
from .trials import N_FOLDS, SMALL_DATA, Objective, TrialPruning, tuning_metric, validation_folds

__all__ = [
    "BEST_FILE", "FEATURIZER_SPACES", "MODEL_SPACES", "N_FOLDS", "Objective", "Param", "RUN_DIR", "SMALL_DATA",
    "STUDY_FILE", "STUDY_NAME", "StudyResult", "TUNING_FILE", "TrialPruning", "apply_overrides", "best_config",
    "config_values", "parse_budget", "run_study", "search_space", "train_space", "trial_overrides", "tune",
    "tuning_metric", "tuning_summary", "validation_folds", "write_best_yaml",
]

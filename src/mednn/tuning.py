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

Add a model's search space to ``MODEL_SPACES`` (names are ``model.*`` hparams, or the
combined keys that :func:`trial_overrides` turns into hparams).

>>> best = tune(load_config("configs/pima.yaml"), "tune/pima", budget="15m")  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .config import RunConfig, dump_config, parse_duration, validate_config
from .errors import ConfigError, MednnError, problem

SMALL_DATA = 1000  # below this many train + validation rows, trials are scored by k-fold CV
N_FOLDS = 5
STUDY_NAME = "mednn-tune"
STUDY_FILE = "study.db"
BEST_FILE = "best.yaml"
RUN_DIR = "run"
TUNING_FILE = "tuning.json"



@dataclass(frozen=True)
class Param:
    """One searched setting: ``key`` is a dotted config key (or a combined key such as
    ``model.width``); ``kind`` float / int / categorical."""

    key: str
    kind: str
    low: float | None = None
    high: float | None = None
    log: bool = False
    choices: tuple = ()

    def suggest(self, trial) -> Any:
        if self.kind == "float":
            return trial.suggest_float(self.key, self.low, self.high, log=self.log)
        if self.kind == "int":
            return trial.suggest_int(self.key, int(self.low), int(self.high), log=self.log)
        return trial.suggest_categorical(self.key, list(self.choices))

    def describe(self) -> dict[str, Any]:
        if self.kind == "categorical":
            return {"key": self.key, "choices": list(self.choices)}
        return {"key": self.key, "low": self.low, "high": self.high, "log": self.log}


def _dropout(high: float = 0.5, low: float = 0.0) -> Param:
    return Param("model.dropout", "float", low, high)


# model name -> its searched hparams. `model.width` + `model.depth` + `model.shape` become
# hidden_sizes (constant: [64, 64]; halving: [64, 32], the shape of the table recipe),
# `model.base_channels` becomes the CNN's channels (see trial_overrides).
MODEL_SPACES: dict[str, list[Param]] = {
    "mlp": [Param("model.width", "categorical", choices=(8, 16, 32, 64, 128, 256)),
            Param("model.depth", "int", 1, 3), Param("model.shape", "categorical", choices=("constant", "halving")),
            _dropout()],
    "small_cnn": [Param("model.base_channels", "categorical", choices=(16, 32)), _dropout()],
    "resnet18": [_dropout()], "resnet34": [_dropout()], "resnet50": [_dropout()], "densenet121": [_dropout()],
    "textcnn": [Param("model.embedding_dim", "categorical", choices=(64, 128, 256)),
                Param("model.num_filters", "categorical", choices=(50, 100, 200)), _dropout(0.6, 0.1)],
    "transformer": [Param("model.width", "categorical", choices=(64, 128, 256)), _dropout()],
    "dmpnn": [Param("model.hidden_size", "categorical", choices=(150, 300, 600)),
              Param("model.depth", "int", 2, 6), Param("model.ffn_layers", "int", 1, 3), _dropout(0.4)],
}

# featurizer name -> its searched options (the table and image featurizers have none worth searching).
# `featurize.char_ngram_range` "none" / "3-5" becomes the TF-IDF's char_ngrams (None / [3, 5]).
FEATURIZER_SPACES: dict[str, list[Param]] = {
    "tfidf": [Param("featurize.max_features", "categorical", choices=(5000, 20000, 50000)),
              Param("featurize.min_df", "categorical", choices=(1, 2, 5)),
              Param("featurize.ngram_max", "categorical", choices=(1, 2)),
              Param("featurize.char_ngram_range", "categorical", choices=("none", "3-5"))],
    "ecfp": [Param("featurize.radius", "int", 1, 3), Param("featurize.n_bits", "categorical", choices=(1024, 2048)),
             Param("featurize.use_counts", "categorical", choices=(False, True))],
    "wordpiece": [Param("featurize.vocab_size", "categorical", choices=(4000, 8000, 16000))],
    "bpe": [Param("featurize.vocab_size", "categorical", choices=(4000, 8000, 16000))],
}


def train_space(cfg: RunConfig) -> list[Param]:
    """Learning rate, weight decay, batch size, epochs (the config's ``train.epochs`` is the
    upper bound) and ensemble size."""
    lr = (1e-3, 0.3) if cfg.train.optimizer == "sgd" else (1e-4, 3e-2)
    epochs = cfg.train.epochs
    return [
        Param("train.lr", "float", *lr, log=True),
        Param("train.weight_decay", "float", 1e-6, 1e-2, log=True),
        Param("train.batch_size", "categorical", choices=(16, 32, 64, 128, 256)),
        Param("train.epochs", "int", max(1, epochs // 4), epochs),
        Param("train.ensemble", "categorical", choices=(1, 3)),
    ]


def search_space(cfg: RunConfig, model: str, featurizer: str) -> list[Param]:
    """The declared space for this config: training, the model's and the featurizer's."""
    return train_space(cfg) + MODEL_SPACES.get(model, []) + FEATURIZER_SPACES.get(featurizer, [])


def trial_overrides(values: dict[str, Any]) -> dict[str, Any]:
    """Sampled values -> dotted config keys (combined keys resolved into the model's hparams)."""
    out = dict(values)
    if "model.width" in out:
        width, depth = int(out.pop("model.width")), int(out.pop("model.depth", 1))
        halving = out.pop("model.shape", "constant") == "halving"
        out["model.hidden_sizes"] = [max(4, width >> i) if halving else width for i in range(depth)]
    if "model.base_channels" in out:
        c = int(out.pop("model.base_channels"))
        out["model.channels"] = [c, 2 * c, 4 * c]
    if "featurize.ngram_max" in out:
        out["featurize.ngram_range"] = [1, int(out.pop("featurize.ngram_max"))]
    if "featurize.char_ngram_range" in out:
        text = str(out.pop("featurize.char_ngram_range"))
        out["featurize.char_ngrams"] = None if text == "none" else [int(n) for n in text.split("-")]
    return out


def config_values(cfg: RunConfig, space: list[Param], featurizer_params: dict[str, Any]) -> dict[str, Any]:
    """The point of ``space`` that is ``cfg`` itself (numbers clipped into their range): the
    study's first trial, so that a short budget still compares the config's own settings
    (``model: auto``: the recipe chosen across datasets) with what the search finds. A value the
    space cannot hold (a width that is not a choice) and a model hparam the config leaves to the
    model's default are left out, so the sampler draws them. ``featurizer_params``: the
    featurizer's effective options (its defaults included).

    >>> config_values(cfg, search_space(cfg, "mlp", "tabular"), {})["model.shape"]  # doctest: +SKIP
    'halving'
    """
    tree = cfg.to_dict()
    known: dict[str, Any] = {f"train.{k}": v for k, v in tree["train"].items()}
    known.update({f"model.{k}": v for k, v in cfg.model.hparams.items()})
    known.update({f"featurize.{k}": v for k, v in featurizer_params.items()})
    sizes = cfg.model.hparams.get("hidden_sizes")
    if isinstance(sizes, list) and sizes:
        width, depth = int(sizes[0]), len(sizes)
        known.update({"model.width": width, "model.depth": depth})
        for shape in ("constant", "halving"):
            if trial_overrides({"model.width": width, "model.depth": depth, "model.shape": shape})[
                    "model.hidden_sizes"] == list(sizes):
                known["model.shape"] = shape
                break
    channels = cfg.model.hparams.get("channels")
    if isinstance(channels, list) and channels:
        known["model.base_channels"] = channels[0]
    if "featurize.ngram_range" in known:
        known["featurize.ngram_max"] = list(known["featurize.ngram_range"])[-1]
    if "featurize.char_ngrams" in known:
        grams = known["featurize.char_ngrams"]
        known["featurize.char_ngram_range"] = "none" if not grams else "-".join(str(int(n)) for n in grams)
    values = {}
    for param in space:
        value = known.get(param.key)
        if value is None or isinstance(value, (list, dict)):
            continue
        if param.kind == "categorical":
            if value in param.choices:
                values[param.key] = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            value = min(max(value, param.low), param.high)
            values[param.key] = int(round(value)) if param.kind == "int" else float(value)
    return values


def apply_overrides(cfg: RunConfig, overrides: dict[str, Any]) -> RunConfig:
    """A new validated config: ``cfg`` with dotted keys replaced."""
    tree = cfg.to_dict()
    for dotted, value in overrides.items():
        node = tree
        *parents, last = dotted.split(".")
        for k in parents:
            node = node.setdefault(k, {})
        node[last] = value
    return validate_config(tree, "tuned config")


def parse_budget(text: str | float | int) -> float:
    """``"90s"``, ``"15m"``, ``"1h"`` (or a number of seconds) -> seconds.

    >>> parse_budget("15m")
    900.0
    """
    try:
        return parse_duration(text)
    except ValueError:
        raise ConfigError(problem("--budget is not a positive duration", got=repr(str(text)),
                                  expected="a number followed by s, m or h", fix="e.g. --budget 90s, 15m or 1h")) from None


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
    from .evaluation.metrics import METRICS
    from .training.monitor import default_val_metric, monitor_names, resolve_monitor

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
    from .training.callbacks import Callback

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
    from .training.seeding import seed_everything

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
        from .pipeline import make_featurizer

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
        from .pipeline import Splits, prepare_splits, train

        parts = Splits(self.pool.subset(fit_index), self.pool.subset(score_index), None)  # no test split
        featurizer, features = self._features(cfg, k, fit_index, score_index)
        prepared = prepare_splits(cfg, self.pool, parts, featurizer=featurizer, features=features, model=self.model,
                                  device=self.device, generator=_seed(cfg.seed))
        trained = train(prepared, callbacks=[pruning])
        pruning.raise_if_pruned()
        return trained.score(self.metric)


# --------------------------------------------------------------------------- the study

def _config_key(cfg: RunConfig, space: list[Param], protocol: str) -> str:
    """What a study is tied to: the config (minus what does not change the search) and space."""
    tree = cfg.to_dict()
    for section in ("explain", "report", "evaluate"):
        tree.pop(section, None)
    tree.get("train", {}).pop("progress", None)
    text = json.dumps({"config": tree, "space": [p.describe() for p in space], "protocol": protocol},
                      sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _finished(study) -> list:
    from optuna.trial import TrialState

    return [t for t in study.get_trials(deepcopy=False) if t.state in (TrialState.COMPLETE, TrialState.PRUNED)]


def _seconds(t) -> float:
    if t.datetime_start is None or t.datetime_complete is None:
        return 0.0
    return (t.datetime_complete - t.datetime_start).total_seconds()


@dataclass
class StudyResult:
    study: Any
    metric: str
    direction: str
    protocol: str
    space: list[Param]
    budget_seconds: float
    trials: int | None
    row_ids: np.ndarray | None = None  # the ids of the train + validation rows the trials used
    pruned_on: str | None = None  # the history column pruning read (None: no pruning)


def run_study(cfg: RunConfig, out: str | Path, *, budget: str | float = "15m", trials: int | None = None,
              reporter=None, small_data: int = SMALL_DATA, metric: str | None = None) -> StudyResult:
    """Run (or continue) the study of ``cfg`` in ``out/study.db`` until it holds ``trials``
    finished trials or its finished trials have used ``budget``; the test split is not read.
    ``metric``: what trials are scored on (see :func:`tuning_metric`). ``model: auto`` takes its
    recipe first (as ``mednn train`` does), so the trials search around what the run trains.

    >>> result = run_study(load_config(None, ["data.path=breast-cancer"]), "tune/bc", budget="90s")  # doctest: +SKIP
    """
    from ._optional import require
    from .pipeline import check_before_reading, model_name, read_and_split
    from .recipes import apply_auto_recipe
    from .training.seeding import choose_device

    optuna = require("optuna", extra="tune")
    budget_seconds = parse_budget(budget)
    if trials is not None and trials < 1:
        raise ConfigError(problem("--trials must be at least 1", got=trials, fix="e.g. --trials 20"))
    if cfg.privacy.dp or cfg.privacy.federated.site_column:
        raise ConfigError("mednn tune does not tune DP-SGD or federated runs: every trial would train on the "
                          "same patients again, which no privacy budget accounts for; fix: tune without privacy.dp "
                          "and privacy.federated, then train the best config with them")
    cfg = apply_auto_recipe(cfg)
    check_before_reading(cfg)
    log = _log(reporter)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)

    # the very split the final run makes (pipeline.read_and_split); only its train and validation
    # rows go further: the test rows are dropped here, before anything is fitted or predicted
    dataset, splits, index = read_and_split(cfg)
    pool = dataset.subset(np.concatenate([index["train"], index["val"]]))
    n_train = len(index["train"])
    row_ids = np.asarray(pool.ids).copy()
    del dataset, splits, index
    task = pool.task
    folds, protocol = validation_folds(pool, n_train, seed=cfg.seed, small_data=small_data)
    name = model_name(cfg, pool.modality)
    from .featurizers import DEFAULTS

    featurizer = cfg.featurize.name if cfg.featurize.name != "auto" else DEFAULTS.get(pool.modality, "tabular")
    space = search_space(cfg, name, featurizer)
    metric, higher, prune_on = tuning_metric(cfg, task, metric)
    direction = "maximize" if higher else "minimize"
    base = apply_overrides(cfg, {"train.checkpoint_every": 0, "train.progress": False})

    optuna.logging.set_verbosity(optuna.logging.ERROR)  # failures are logged here, in one line
    storage = optuna.storages.RDBStorage(f"sqlite:///{(out / STUDY_FILE).resolve()}")
    study = optuna.create_study(study_name=STUDY_NAME, storage=storage, load_if_exists=True, direction=direction)
    key = _config_key(base, space, f"{protocol}; {metric}")
    known = study.user_attrs.get("config_sha256")
    if known is None:
        study.set_user_attr("config_sha256", key)
        study.set_user_attr("metric", metric)
        study.set_user_attr("protocol", protocol)
    elif known != key:
        raise ConfigError(problem(f"{out / STUDY_FILE} holds a study of a different config or search space",
                                  fix="pass a new --out, or delete that study to start again"))
    if study.direction.name.lower() != direction:
        raise ConfigError(problem(f"{out / STUDY_FILE} optimises in the other direction", fix="pass a new --out"))
    _fail_interrupted(study)

    done = _finished(study)
    used = sum(_seconds(t) for t in done)
    left_trials = None if trials is None else trials - len(done)
    left_seconds = budget_seconds - used
    if done:
        log(f"continuing the study in {out / STUDY_FILE}: {len(done)} trials finished, {used:.0f}s of the "
            f"{budget_seconds:.0f}s budget used")
    if not study.trials:  # a new study starts from the config's own settings (see config_values)
        from .pipeline import make_featurizer

        start = config_values(base, space, make_featurizer(base, pool).params())
        study.enqueue_trial(start, user_attrs={"start": "the config's own settings"})
        log(f"trial 0 is the config's own settings ({len(start)} of the {len(space)} searched values)")
    if (left_trials is None or left_trials > 0) and left_seconds > 0:
        # seeded by the number of trials so far: a continued study does not repeat its first draws
        study.sampler = optuna.samplers.TPESampler(seed=cfg.seed + len(study.trials), multivariate=True)
        study.pruner = optuna.pruners.MedianPruner(n_startup_trials=5, n_warmup_steps=3)
        log(f"tuning {name} ({featurizer} features) on {len(pool)} train + validation rows by {protocol}; "
            f"metric: validation {metric} ({direction}); the test split is not read")
        objective = Objective(base, pool, folds, space, model=name, metric=metric,
                              deadline=time.monotonic() + left_seconds, device=choose_device(cfg.train.device),
                              log=log, prune_on=prune_on)
        study.optimize(objective, n_trials=left_trials, timeout=left_seconds, catch=(MednnError,),
                       callbacks=[_TrialLog(log, metric)], gc_after_trial=False, show_progress_bar=False)
    return StudyResult(study=study, metric=metric, direction=direction, protocol=protocol, space=space,
                       budget_seconds=budget_seconds, trials=trials, row_ids=row_ids, pruned_on=prune_on)


def _fail_interrupted(study) -> None:
    """Trials left RUNNING by a killed process are marked FAIL (one tuning process per study)."""
    from optuna.trial import TrialState

    for t in study.get_trials(deepcopy=False, states=(TrialState.RUNNING,)):
        study._storage.set_trial_state_values(t._trial_id, state=TrialState.FAIL)


class _TrialLog:
    """One line per trial; stops a study whose first trials all fail (the same error each time)."""

    def __init__(self, log, metric: str):
        self.log, self.metric = log, metric

    def __call__(self, study, trial) -> None:
        from optuna.trial import TrialState

        seconds = _seconds(trial)
        if trial.state == TrialState.COMPLETE:
            self.log(f"trial {trial.number}: validation {self.metric} {trial.value:.4f} ({seconds:.1f}s; "
                     f"best {study.best_value:.4f} in trial {study.best_trial.number})")
        elif trial.state == TrialState.PRUNED:
            self.log(f"trial {trial.number}: stopped early ({trial.user_attrs.get('stopped', 'pruned')}, "
                     f"{seconds:.1f}s)")
        else:
            self.log(f"trial {trial.number}: failed ({seconds:.1f}s): {trial.user_attrs.get('error', 'error')}")
        states = [t.state for t in study.get_trials(deepcopy=False)]
        if len(states) >= 3 and all(s == TrialState.FAIL for s in states):
            study.stop()


def _log(reporter):
    """``reporter.log`` (see :mod:`mednn.cli.console`), or nothing for a silent run."""
    return reporter.log if reporter is not None else (lambda text: None)


# --------------------------------------------------------------------------- best config + run

def best_config(cfg: RunConfig, result: StudyResult) -> RunConfig:
    """``cfg`` (with its ``model: auto`` recipe, as the trials had it) and the best trial's values;
    a ConfigError when no trial finished."""
    from optuna.trial import TrialState

    from .recipes import apply_auto_recipe

    complete = [t for t in result.study.get_trials(deepcopy=False) if t.state == TrialState.COMPLETE]
    if not complete:
        failed = [t for t in result.study.get_trials(deepcopy=False) if t.state == TrialState.FAIL]
        reason = failed[-1].user_attrs.get("error") if failed else None
        reason = reason or "the budget ended before a trial finished"
        raise ConfigError(problem("No tuning trial finished", got=reason,
                                  fix="raise --budget, or fix the config so that `mednn train` runs"))
    return apply_overrides(apply_auto_recipe(cfg), trial_overrides(result.study.best_trial.params))


def tuning_summary(result: StudyResult) -> dict[str, Any]:
    """``tuning.json``: the protocol, the search space, the trial table and the optimisation history."""
    study = result.study
    higher = result.direction == "maximize"
    rows, history, best = [], [], None
    for t in study.get_trials(deepcopy=False):
        rows.append({"number": t.number, "params": t.params, "value": t.value, "state": t.state.name,
                     "seconds": round(_seconds(t), 3), "fold_values": t.user_attrs.get("fold_values"),
                     "epochs_reported": len(t.intermediate_values), "error": t.user_attrs.get("error"),
                     "stopped": t.user_attrs.get("stopped")})
        if t.value is not None and t.state.name == "COMPLETE":
            if best is None or (t.value > best if higher else t.value < best):
                best = t.value
            history.append({"number": t.number, "value": t.value, "best_so_far": best})
    best_trial = study.best_trial if any(r["state"] == "COMPLETE" for r in rows) else None
    return {
        "metric": f"val_{result.metric}",
        "direction": result.direction,
        "validation": result.protocol,
        "test_split_read": False,
        "sampler": "TPE (optuna)",
        "pruner": ("none: only the budget stops a trial" if result.pruned_on is None else
                   f"median of earlier trials' validation {result.pruned_on} at the same epoch (5 startup "
                   "trials, 3 warm-up epochs)"),
        "budget_seconds": result.budget_seconds,
        "trials_requested": result.trials,
        "seconds_in_trials": round(sum(r["seconds"] for r in rows), 3),
        "search_space": [p.describe() for p in result.space],
        "best": None if best_trial is None else {"number": best_trial.number, "value": best_trial.value,
                                                  "params": best_trial.params},
        "trials": rows,
        "history": history,
    }


def write_best_yaml(cfg: RunConfig, result: StudyResult, path: Path) -> Path:
    from .runs import write_text_atomic

    best = result.study.best_trial
    header = (f"# written by mednn tune: trial {best.number} of {len(result.study.trials)}, validation "
              f"{result.metric} {best.value:.4f} by {result.protocol}\n")
    return write_text_atomic(path, header + dump_config(cfg))


def tune(cfg: RunConfig, out: str | Path | None = None, *, budget: str | float = "15m", trials: int | None = None,
         reporter=None, metric: str | None = None) -> Path:
    """Tune ``cfg`` within ``budget`` (trials scored on ``metric``, see :func:`tuning_metric`),
    write ``out/best.yaml`` and train it as the run ``out/run`` (with ``tuning.json``); return
    the run's path."""
    from .pipeline import run as train_run
    from .runs import refresh_manifest_entry, write_text_atomic

    out = Path(out) if out is not None else Path("runs") / f"{cfg.name}-tune"
    result = run_study(cfg, out, budget=budget, trials=trials, reporter=reporter, metric=metric)
    best = best_config(cfg, result)
    write_best_yaml(best, result, out / BEST_FILE)
    _log(reporter)(f"best config written to {out / BEST_FILE}; training it as a normal run")
    final = out / RUN_DIR
    train_run(best, final, overwrite=True, reporter=reporter)
    # tuning.json joins the finished run and its manifest (as `mednn report` does for report.html)
    write_text_atomic(final / TUNING_FILE, json.dumps(_clean(tuning_summary(result)), indent=2) + "\n")
    refresh_manifest_entry(final, TUNING_FILE)
    # the model card (and the report that shows it) now say how the hyperparameters were tuned
    from .reports.model_card import MODEL_CARD, build_model_card
    from .runs import REGENERABLE, dumps

    write_text_atomic(final / MODEL_CARD, dumps(build_model_card(final)) + "\n")
    refresh_manifest_entry(final, MODEL_CARD)
    if best.report.enabled:
        from .reports.html import write_report

        write_report(final)
        refresh_manifest_entry(final, REGENERABLE)
    return final


def _clean(obj: Any) -> Any:
    from .runs import _clean_nan

    return _clean_nan(obj)

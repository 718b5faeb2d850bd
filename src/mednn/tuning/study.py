"""The study of ``mednn tune``: an Optuna study in ``DIR/study.db`` that runs (or continues)
trials within a time budget (:func:`run_study`), the best config (:func:`best_config`,
``best.yaml``), the trial table (:func:`tuning_summary`, ``tuning.json``) and :func:`tune`,
which trains the best config as a normal run.
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

from ..config import RunConfig, dump_config, parse_duration
from ..errors import ConfigError, MednnError, problem
from .space import Param, apply_overrides, config_values, search_space, trial_overrides
from .trials import SMALL_DATA, Objective, tuning_metric, validation_folds

STUDY_NAME = "mednn-tune"
STUDY_FILE = "study.db"
BEST_FILE = "best.yaml"
RUN_DIR = "run"
TUNING_FILE = "tuning.json"


MAX_BUDGET_SECONDS = 30 * 86_400
MAX_TRIALS = 100_000


def parse_budget(text: str | float | int) -> float:
    """``"90s"``, ``"15m"``, ``"1h"`` (or a number of seconds) -> seconds.

    >>> parse_budget("15m")
    900.0
    """
    try:
        seconds = parse_duration(text)
    except ValueError:
        seconds = math.nan
    if not seconds <= MAX_BUDGET_SECONDS:  # NaN included
        raise ConfigError(problem("--budget is not a positive duration of at most 30 days", got=repr(str(text)),
                                  expected="a number followed by s, m or h", fix="e.g. --budget 90s, 15m or 1h"))
    return seconds


def _config_key(cfg: RunConfig, space: list[Param], protocol: str) -> str:
    """What a study is tied to: the config (minus what does not change the search) and space."""
    tree = cfg.to_dict()
    for section in ("explain", "report", "evaluate"):
        tree.pop(section, None)
    tree.get("train", {}).pop("progress", None)
    if tree.get("train", {}).get("budget") is None:  # no train.budget: keys of studies made before it existed
        tree["train"].pop("budget", None)
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
    from .._optional import require
    from ..featurizers import default_featurizer
    from ..pipeline import model_name
    from ..training.seeding import choose_device

    optuna = require("optuna", extra="tune")
    budget_seconds = parse_budget(budget)
    _refuse(cfg, trials)
    cfg, pool, n_train = _trial_rows(cfg, Path(out))
    out, log = Path(out), _log(reporter)
    row_ids = np.asarray(pool.ids).copy()
    folds, protocol = validation_folds(pool, n_train, seed=cfg.seed, small_data=small_data)
    name = model_name(cfg, pool.modality)
    featurizer = cfg.featurize.name if cfg.featurize.name != "auto" else default_featurizer(pool.modality)
    space = search_space(cfg, name, featurizer)
    metric, higher, prune_on = tuning_metric(cfg, pool.task, metric)
    direction = "maximize" if higher else "minimize"
    base = apply_overrides(cfg, {"train.checkpoint_every": 0, "train.progress": False})
    study = _open_study(optuna, out, _config_key(base, space, f"{protocol}; {metric}"), metric=metric,
                        protocol=protocol, direction=direction)
    done = _finished(study)
    used = sum(_seconds(t) for t in done)
    left_trials = None if trials is None else trials - len(done)
    left_seconds = budget_seconds - used
    if done:
        log(f"continuing the study in {out / STUDY_FILE}: {len(done)} trials finished, {used:.0f}s of the "
            f"{budget_seconds:.0f}s budget used")
    if not study.trials:  # a new study starts from the config's own settings (see config_values)
        from ..pipeline import make_featurizer

        start = config_values(base, space, make_featurizer(base, pool).params())
        from .choice import START

        study.enqueue_trial(start, user_attrs={"start": START})
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


def _refuse(cfg: RunConfig, trials: int | None) -> None:
    if trials is not None and not 1 <= trials <= MAX_TRIALS:
        raise ConfigError(problem(f"--trials must be from 1 to {MAX_TRIALS:,}", got=trials, fix="e.g. --trials 20"))
    if cfg.privacy.dp or cfg.privacy.federated.site_column:
        raise ConfigError("mednn tune does not tune DP-SGD or federated runs: every trial would train on the "
                          "same patients again, which no privacy budget accounts for; fix: tune without privacy.dp "
                          "and privacy.federated, then train the best config with them")


def _trial_rows(cfg: RunConfig, out: Path):
    """``(cfg with its auto recipe, the train + validation rows, how many of them are train)``.

    The very split the final run makes (:func:`mednn.pipeline.read_and_split`); only its train
    and validation rows go further: the test rows are dropped here, before anything is fitted
    or predicted."""
    from ..pipeline import check_before_reading, read_and_split
    from ..recipes import apply_auto_recipe

    cfg = apply_auto_recipe(cfg)
    check_before_reading(cfg)
    out.mkdir(parents=True, exist_ok=True)
    dataset, _, index = read_and_split(cfg)
    pool = dataset.subset(np.concatenate([index["train"], index["val"]]))
    return cfg, pool, len(index["train"])


def _open_study(optuna, out: Path, key: str, *, metric: str, protocol: str, direction: str):
    """The study in ``out/study.db`` (new, or continued when it is of the same config and space)."""
    optuna.logging.set_verbosity(optuna.logging.ERROR)  # failures are logged here, in one line
    storage = optuna.storages.RDBStorage(f"sqlite:///{(out / STUDY_FILE).resolve()}")
    study = optuna.create_study(study_name=STUDY_NAME, storage=storage, load_if_exists=True, direction=direction)
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
    return study


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

    from ..recipes import apply_auto_recipe

    complete = [t for t in result.study.get_trials(deepcopy=False) if t.state == TrialState.COMPLETE]
    if not complete:
        failed = [t for t in result.study.get_trials(deepcopy=False) if t.state == TrialState.FAIL]
        reason = failed[-1].user_attrs.get("error") if failed else None
        reason = reason or "the budget ended before a trial finished"
        raise ConfigError(problem("No tuning trial finished", got=reason,
                                  fix="raise --budget, or fix the config so that `mednn train` runs"))
    return apply_overrides(apply_auto_recipe(cfg), trial_overrides(chosen_trial(result).trial.params))


def chosen_trial(result: StudyResult):
    """The trial whose settings the run trains (:func:`mednn.tuning.choice.choose_trial`): the
    best one only when it beats the config's own settings beyond the folds' spread."""
    from .choice import choose_trial

    return choose_trial(result.study, higher=result.direction == "maximize", metric=result.metric)


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
        "chosen": None if best_trial is None else chosen_trial(result).describe(),
        "trials": rows,
        "history": history,
    }


def write_best_yaml(cfg: RunConfig, result: StudyResult, path: Path) -> Path:
    from ..runs import write_text_atomic

    chosen = chosen_trial(result)
    best = chosen.trial
    header = (f"# written by mednn tune: trial {best.number} of {len(result.study.trials)}, validation "
              f"{result.metric} {best.value:.4f} by {result.protocol}\n# {chosen.line}\n")
    return write_text_atomic(path, header + dump_config(cfg))


def tune(cfg: RunConfig, out: str | Path | None = None, *, budget: str | float = "15m", trials: int | None = None,
         reporter=None, metric: str | None = None) -> Path:
    """Tune ``cfg`` within ``budget`` (trials scored on ``metric``, see :func:`tuning_metric`),
    write ``out/best.yaml`` and train it as the run ``out/run`` (with ``tuning.json``); return
    the run's path."""
    from ..pipeline import run as train_run
    from ..runs import attach_tuning

    out = Path(out) if out is not None else Path("runs") / f"{cfg.name}-tune"
    result = run_study(cfg, out, budget=budget, trials=trials, reporter=reporter, metric=metric)
    best = best_config(cfg, result)
    _log(reporter)(chosen_trial(result).line)
    write_best_yaml(best, result, out / BEST_FILE)
    _log(reporter)(f"best config written to {out / BEST_FILE}; training it as a normal run")
    final = out / RUN_DIR
    train_run(best, final, overwrite=True, reporter=reporter)
    # tuning.json joins the finished run through the run's own update (manifest, model card and report follow)
    attach_tuning(final, tuning_summary(result))
    return final


def _clean(obj: Any) -> Any:
    from ..runs import _clean_nan

    return _clean_nan(obj)

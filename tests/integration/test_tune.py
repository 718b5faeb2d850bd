"""mednn tune: a short study on the built-in breast-cancer records, resuming, and the rule that
tuning never reads the test split."""

import json

import numpy as np
import pytest

pytest.importorskip("optuna")

from mednn.config import load_config  # noqa: E402
from mednn.errors import ConfigError  # noqa: E402
from mednn.runs import MANIFEST, load_run, sha256_file  # noqa: E402
from mednn.tuning import (  # noqa: E402
    BEST_FILE, RUN_DIR, TUNING_FILE, TrialPruning, parse_budget, run_study, trial_overrides, tune, tuning_metric,
    validation_folds,
)

FAST = ["data.path=breast-cancer", "train.epochs=3", "train.progress=false", "evaluate.bootstrap=20",
        "explain.enabled=false", "report.enabled=false"]


def _cfg(*extra):
    return load_config(None, FAST + list(extra))


def test_three_trial_study_writes_best_yaml_and_a_run_with_its_trial_table(tmp_path):
    run = tune(_cfg(), tmp_path / "t", budget="5m", trials=3)
    assert run == tmp_path / "t" / RUN_DIR
    summary = json.loads((run / TUNING_FILE).read_text())
    assert [t["number"] for t in summary["trials"]] == [0, 1, 2]
    assert {t["state"] for t in summary["trials"]} <= {"COMPLETE", "PRUNED", "FAIL"}
    assert summary["test_split_read"] is False
    assert summary["validation"].startswith("5-fold")  # 455 train + val rows: small data
    assert summary["history"] and summary["history"][-1]["best_so_far"] == summary["best"]["value"]
    for row in summary["trials"]:
        assert set(row) >= {"number", "params", "value", "state", "seconds"}
    # tuning.json is listed in the manifest with its hash, and the run still loads
    manifest = json.loads((run / MANIFEST).read_text())
    assert manifest["files"][TUNING_FILE] == sha256_file(run / TUNING_FILE)
    loaded = load_run(run)
    # the best YAML is a valid config, and it is the one the run was trained with
    best = load_config(tmp_path / "t" / BEST_FILE)
    params = summary["chosen"]["params"]  # the best trial only when it beats trial 0 beyond the folds' spread
    assert summary["chosen"]["number"] in (0, summary["best"]["number"])
    assert best.train.lr == pytest.approx(params["train.lr"])
    assert best.train.epochs == params["train.epochs"] <= 3
    assert best.model.hidden_sizes == trial_overrides(params)["model.hidden_sizes"]
    assert len(best.model.hidden_sizes) == params["model.depth"] and best.model.hidden_sizes[0] == params["model.width"]
    assert loaded.model_info["hparams"]["hidden_sizes"] == best.model.hidden_sizes
    assert loaded.config.train.lr == pytest.approx(best.train.lr)
    # the run's report shows the trial table and the optimisation history
    from mednn.reports.html import build_report

    page = build_report(load_run(run, model=False))
    assert 'id="tuning"' in page and "Optimisation history" in page
    assert page.count("<tr>") >= 3 + 1 and "the test set was not read while tuning" in page


def test_study_continues_when_run_again_and_refuses_another_config(tmp_path):
    first = run_study(_cfg(), tmp_path, budget="5m", trials=2)
    assert len(first.study.trials) == 2
    params_before = [t.params for t in first.study.trials]
    again = run_study(_cfg(), tmp_path, budget="5m", trials=3)
    assert len(again.study.trials) == 3
    assert [t.params for t in again.study.trials[:2]] == params_before
    assert again.study.trials[2].params != params_before[0]  # the sampler did not restart its draws
    with pytest.raises(ConfigError, match="different config"):
        run_study(_cfg("model.activation=tanh"), tmp_path, budget="5m", trials=4)


def test_a_trial_left_running_by_a_killed_process_is_marked_failed(tmp_path):
    import optuna
    from optuna.trial import TrialState

    run_study(_cfg(), tmp_path, budget="5m", trials=1)
    storage = optuna.storages.RDBStorage(f"sqlite:///{tmp_path / 'study.db'}")
    study = optuna.load_study(study_name="mednn-tune", storage=storage)
    study.ask()  # what a kill in the middle of a trial leaves behind
    result = run_study(_cfg(), tmp_path, budget="5m", trials=2)
    states = [t.state for t in result.study.trials]
    assert states[1] == TrialState.FAIL and states[2] in (TrialState.COMPLETE, TrialState.PRUNED)


def test_tuning_never_featurizes_or_reads_the_test_split(tmp_path, monkeypatch):
    from mednn.data.readers import read_dataset
    from mednn.data.splits import split_indices
    from mednn.featurizers.tabular import TabularFeaturizer

    cfg = _cfg()
    dataset = read_dataset(cfg.data)
    index = split_indices(dataset, cfg.split.method, cfg.split.val_fraction, cfg.split.test_fraction, cfg.seed)
    test_ids = set(dataset.ids[index["test"]].tolist())
    trainval_ids = set(dataset.ids[np.concatenate([index["train"], index["val"]])].tolist())
    seen: set = set()
    fit, transform = TabularFeaturizer.fit, TabularFeaturizer.transform

    def spy_fit(self, data):
        seen.update(data.ids.tolist())
        return fit(self, data)

    def spy_transform(self, data):
        seen.update(data.ids.tolist())
        return transform(self, data)

    monkeypatch.setattr(TabularFeaturizer, "fit", spy_fit)
    monkeypatch.setattr(TabularFeaturizer, "transform", spy_transform)
    result = run_study(cfg, tmp_path, budget="5m", trials=2)
    assert set(result.row_ids.tolist()) == trainval_ids  # what a caller checks its own split against
    assert seen == trainval_ids  # every train + validation row is used in some fold ...
    assert not seen & test_ids  # ... and no test row ever reaches the featurizer (hence the model)


def test_large_data_uses_the_configs_validation_split_and_small_grouped_data_keeps_groups_apart():
    from mednn.data.base import Dataset, Task

    n = 60
    pool = Dataset(inputs=np.zeros((n, 2)), targets=np.arange(n) % 2, task=Task("binary", ("no", "yes")),
                   ids=np.arange(n), groups=np.repeat(np.arange(20), 3))
    folds, how = validation_folds(pool, 45, seed=0, small_data=50)
    assert how == "the config's validation split"
    assert [len(f) for f in folds[0]] == [45, 15]
    folds, how = validation_folds(pool, 45, seed=0)
    assert "grouped" in how and len(folds) == 5
    for fit_index, score_index in folds:
        assert not set(pool.groups[fit_index]) & set(pool.groups[score_index])
    assert sorted(np.concatenate([s for _, s in folds]).tolist()) == list(range(n))


class _FakeTrial:
    def __init__(self, prune_at=None):
        self.reports, self.attrs, self.prune_at = [], {}, prune_at

    def report(self, value, step):
        self.reports.append((step, value))

    def should_prune(self):
        return self.prune_at is not None and self.reports[-1][0] >= self.prune_at

    def set_user_attr(self, key, value):
        self.attrs[key] = value


def _fit_breast_cancer(callbacks, *extra):
    """A run's prepared train/validation rows trained through mednn.pipeline.train (no test split)."""
    from mednn.pipeline import Splits, prepare_splits, read_and_split, train
    from mednn.training.seeding import seed_everything

    cfg = _cfg("train.checkpoint_every=0", "train.early_stopping.enabled=false", *extra)
    dataset, splits, _ = read_and_split(cfg)
    prepared = prepare_splits(cfg, dataset, Splits(splits.train, splits.val, None), generator=seed_everything(0))
    return train(prepared, callbacks=callbacks)


def test_the_pruning_callback_reports_each_epoch_and_stops_the_trial():
    import time

    import optuna

    trial = _FakeTrial(prune_at=2)
    pruning = TrialPruning(trial, "auroc", time.monotonic() + 60, report=True)
    trained = _fit_breast_cancer([pruning], "train.epochs=6")
    result = trained.results[0]
    assert result.epochs_run == 2 and result.stopped_by == "pruned" and trained.stopped_by == "pruned"
    assert [step for step, _ in trial.reports] == [1, 2]
    assert [value for _, value in trial.reports] == [row["val_auroc"] for row in result.history]
    with pytest.raises(optuna.TrialPruned, match="pruned at epoch 2"):
        pruning.raise_if_pruned()


def test_the_pruning_callback_reports_only_the_first_member_and_stops_at_the_deadline():
    import math
    import time
    import types

    import optuna

    trial = _FakeTrial()
    pruning = TrialPruning(trial, "auroc", time.monotonic() + 60, report=True)
    trained = _fit_breast_cancer([pruning], "train.epochs=3", "train.ensemble=2")
    assert len(trained.results) == 2 and trained.stopped_by is None
    assert [step for step, _ in trial.reports] == [1, 2, 3]  # the second member's epochs are not reported again
    pruning.raise_if_pruned()  # not pruned: nothing raised
    # an undefined value is not reported
    state = types.SimpleNamespace(epoch=1, history=[{"val_auroc": math.nan}], request_stop=lambda why: None)
    TrialPruning(trial, "auroc", time.monotonic() + 60, report=True).on_epoch_end(state)
    assert len(trial.reports) == 3
    late = TrialPruning(_FakeTrial(), "auroc", time.monotonic() - 1, report=True)
    trained = _fit_breast_cancer([late], "train.epochs=5", "train.ensemble=2")
    assert [r.epochs_run for r in trained.results] == [1]  # no second member after a pruned first
    assert late.trial.attrs["stopped"] == "budget spent" and late.trial.reports == []
    with pytest.raises(optuna.TrialPruned, match="budget is spent"):
        late.raise_if_pruned()


@pytest.mark.parametrize("text, seconds", [("90s", 90), ("15m", 900), ("1h", 3600), ("1.5h", 5400), (" 2m ", 120)])
def test_budget_strings(text, seconds):
    assert parse_budget(text) == seconds


@pytest.mark.parametrize("text", ["15", "15x", "m", "-5m", "0s", "15 minutes", ""])
def test_bad_budget_strings_are_one_line_config_errors(text):
    with pytest.raises(ConfigError) as info:
        parse_budget(text)
    assert "\n" not in str(info.value) and "--budget" in str(info.value)


def test_trials_train_through_the_runs_trainer_with_the_pruning_callback(tmp_path, monkeypatch):
    """Every fold of a trial is trained by mednn.trainer.train_members from a Prepared (as a run
    is), with the pruning callback and no test split."""
    from mednn import trainer

    calls = []
    real = trainer.train_members

    def spy(prepared, callbacks=()):
        calls.append((prepared, list(callbacks)))
        return real(prepared, callbacks)

    monkeypatch.setattr(trainer, "train_members", spy)
    run_study(_cfg(), tmp_path, budget="5m", trials=1)
    assert len(calls) == 5  # one per fold
    for prepared, callbacks in calls:
        assert prepared.model_name == "mlp" and prepared.splits.test is None and "test" not in prepared.features
        assert prepared.cfg.train.checkpoint_every == 0 and prepared.out is None
        assert [type(c) for c in callbacks] == [TrialPruning]


def test_trial_overrides_build_tapering_networks_and_character_ngrams():
    halving = trial_overrides({"model.width": 64, "model.depth": 2, "model.shape": "halving", "train.lr": 0.01})
    assert halving == {"model.hidden_sizes": [64, 32], "train.lr": 0.01}  # the table recipe's shape is reachable
    sizes = trial_overrides({"model.width": 8, "model.depth": 3, "model.shape": "halving"})["model.hidden_sizes"]
    assert sizes == [8, 4, 4]  # never below 4 units
    sizes = trial_overrides({"model.width": 16, "model.depth": 2, "model.shape": "constant"})["model.hidden_sizes"]
    assert sizes == [16, 16]
    assert trial_overrides({"featurize.char_ngram_range": "none"}) == {"featurize.char_ngrams": None}
    assert trial_overrides({"featurize.char_ngram_range": "3-5"}) == {"featurize.char_ngrams": [3, 5]}


def test_tuning_metric_defaults_to_the_history_column_and_refuses_other_tasks_metrics():
    from mednn.data.base import Task

    cfg = _cfg()
    binary, multilabel = Task("binary", ("no", "yes")), Task("multilabel", ("a", "b"))
    assert tuning_metric(cfg, binary) == ("auroc", True, "auroc")
    assert tuning_metric(cfg, multilabel, "val_f1_macro") == ("f1_macro", True, "auroc")  # auroc prunes, F1 scores
    assert tuning_metric(cfg, Task("regression", ("y",)), "mae") == ("mae", False, "rmse")
    with pytest.raises(ConfigError) as info:
        tuning_metric(cfg, binary, "rmse")
    assert "--metric" in str(info.value) and "\n" not in str(info.value)


def test_text_trials_featurize_as_the_best_config_will_and_score_the_chosen_metric(tmp_path, monkeypatch):
    """``model: auto`` on text: the trials start from the text recipe (character n-grams), each
    trial's TF-IDF has the character n-grams its parameters say, and the best config keeps them."""
    import pandas as pd

    from mednn.featurizers.text import TfidfFeaturizer
    from mednn.tuning import best_config

    rng = np.random.default_rng(0)
    words = {0: "fever cough chest", 1: "rash itch skin"}
    labels = rng.integers(0, 2, 120)
    filler = ["patient", "note", "seen", "today", "ward", "clinic", "review", "history"]
    texts = [f"{words[int(y)]} {' '.join(rng.choice(filler, 4))} {words[int(rng.integers(0, 2))]} visit{i}"
             for i, y in enumerate(labels)]  # unique notes (the reader would merge duplicates)
    pd.DataFrame({"text": texts, "label": labels}).to_csv(tmp_path / "notes.csv", index=False)
    cfg = load_config(None, [f"data.path={tmp_path / 'notes.csv'}", "data.format=text", "data.text_columns=text",
                             "data.label=label", "train.epochs=2", "train.progress=false"])
    fitted = []
    real_fit = TfidfFeaturizer.fit

    def spy_fit(self, data):
        fitted.append(None if self.char_ngrams is None else list(self.char_ngrams))
        return real_fit(self, data)

    monkeypatch.setattr(TfidfFeaturizer, "fit", spy_fit)
    result = run_study(cfg, tmp_path / "t", budget="5m", trials=2, metric="f1_macro", small_data=10)
    assert result.metric == "f1_macro" and result.pruned_on == "auroc"
    wanted = [trial_overrides({"featurize.char_ngram_range": t.params["featurize.char_ngram_range"]})[
        "featurize.char_ngrams"] for t in result.study.trials]
    # one train/validation split (small_data=10): one fit per featurizer setting (trials sharing one reuse it)
    assert 1 <= len(fitted) <= len(wanted) and {str(f) for f in fitted} == {str(w) for w in wanted}
    best = best_config(cfg, result)
    assert best.featurize.options["char_ngrams"] == trial_overrides(result.study.best_trial.params)[
        "featurize.char_ngrams"]
    assert best.model.hidden_sizes == trial_overrides(result.study.best_trial.params)["model.hidden_sizes"]


def test_the_first_trial_is_the_configs_own_settings_so_a_short_budget_keeps_the_default(tmp_path):
    result = run_study(_cfg(), tmp_path, budget="5m", trials=1)
    first = result.study.trials[0]
    # model: auto on a table: the recipe ([64, 32], dropout 0.2, weight decay 1e-4) at the config's lr / epochs
    assert first.params == {"train.lr": pytest.approx(1e-3), "train.weight_decay": pytest.approx(1e-4),
                            "train.batch_size": 64, "train.epochs": 3, "train.ensemble": 1, "model.width": 64,
                            "model.depth": 2, "model.shape": "halving", "model.dropout": pytest.approx(0.2)}
    assert first.user_attrs["start"] == "the config's own settings"


def test_config_values_clip_into_the_space_and_leave_out_what_it_cannot_hold():
    from mednn.tuning import Param, config_values

    cfg = _cfg("train.weight_decay=0", "train.batch_size=100", "model.hidden_sizes=[50,7]")
    space = [Param("train.weight_decay", "float", 1e-6, 1e-2, log=True),
             Param("train.batch_size", "categorical", choices=(16, 64)),
             Param("model.width", "categorical", choices=(32, 64)), Param("model.depth", "int", 1, 3),
             Param("model.shape", "categorical", choices=("constant", "halving")),
             Param("featurize.char_ngram_range", "categorical", choices=("none", "3-5")),
             Param("featurize.ngram_max", "categorical", choices=(1, 2))]
    values = config_values(cfg, space, {"char_ngrams": [3, 5], "ngram_range": [1, 2]})
    # 0 is below the log range; 100 and width 50 are not choices; [50, 7] is neither shape
    assert values == {"train.weight_decay": 1e-6, "model.depth": 2, "featurize.char_ngram_range": "3-5",
                      "featurize.ngram_max": 2}
    assert config_values(cfg, space, {"char_ngrams": None})["featurize.char_ngram_range"] == "none"

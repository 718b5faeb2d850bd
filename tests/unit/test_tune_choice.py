"""mednn tune trains the best trial only when it beats the config's own settings (trial 0) beyond
the spread of the folds (trial 8 #12: 0.7194 against 0.7165 with folds 0.67-0.78 was trained)."""

from __future__ import annotations

import pytest

optuna = pytest.importorskip("optuna")

from mednn.tuning.choice import START, choose_trial  # noqa: E402


def _study(own_folds, other_folds, *, direction="maximize"):
    from optuna.distributions import FloatDistribution
    from optuna.trial import create_trial

    study = optuna.create_study(direction=direction)
    dist = {"train.lr": FloatDistribution(1e-4, 1e-1, log=True)}
    for lr, folds, attrs in ((1e-3, own_folds, {"start": START}), (3e-2, other_folds, {})):
        study.add_trial(create_trial(value=sum(f for f in folds) / len(folds), params={"train.lr": lr},
                                     distributions=dist, user_attrs={**attrs, "fold_values": folds}))
    return study


def test_a_best_trial_within_the_folds_spread_keeps_the_configs_own_settings():
    study = _study([0.70, 0.78, 0.67, 0.73, 0.70], [0.72, 0.76, 0.69, 0.75, 0.68])  # ilpd-like: +0.004, noisy
    choice = choose_trial(study, higher=True, metric="auroc")
    assert study.best_trial.number == 1 and choice.trial.number == 0 and choice.kept_own
    assert "not distinguishable" in choice.line and "keeping the config's own settings" in choice.line
    assert choice.describe()["paired_difference"]["folds"] == 5


def test_a_best_trial_better_on_every_fold_is_trained():
    study = _study([0.70, 0.78, 0.67, 0.73, 0.70], [0.75, 0.82, 0.73, 0.78, 0.74])
    choice = choose_trial(study, higher=True, metric="auroc")
    assert choice.trial.number == 1 and not choice.kept_own and "beyond the folds' spread" in choice.line
    # a loss: lower is better, the same rule with the sign turned
    study = _study([0.50, 0.52, 0.49, 0.51, 0.50], [0.40, 0.43, 0.41, 0.40, 0.42], direction="minimize")
    assert choose_trial(study, higher=False, metric="loss").trial.number == 1


def test_one_validation_split_trains_the_best_and_says_it_was_not_compared():
    study = _study([0.70], [0.72])
    choice = choose_trial(study, higher=True, metric="auroc")
    assert choice.trial.number == 1 and "no fold spread" in choice.line

"""The threshold's calibration (mednn.ood.base): the conformal rank holds the false-positive rate
on average over validation draws, the training-conditional ("PAC") rank holds it with the stated
confidence for one draw; the promise is stated in words, old runs keep their meaning."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import binom

from mednn.errors import ConfigError
from mednn.ood.base import OODInputs, promise, threshold_at, threshold_rank
from mednn.ood.run import build_scorer, scorer_from_state
from mednn.ood.tabular import TableRangeScorer


def _fpr_over_draws(n: int, confidence, draws: int = 4000) -> np.ndarray:
    """The population false-positive rate of the threshold over validation draws: with uniform
    scores the threshold t is exceeded by 1 - t of the population."""
    rng = np.random.default_rng(0)
    rank = threshold_rank(n, 0.05, confidence)
    return 1 - np.sort(rng.uniform(size=(draws, n)), axis=1)[:, rank - 1]


@pytest.mark.parametrize("n", [60, 200, 600])
def test_the_conformal_rank_holds_the_rate_on_average_only(n):
    fpr = _fpr_over_draws(n, None)
    assert fpr.mean() <= 0.05 + 3 * fpr.std() / np.sqrt(len(fpr))
    assert (fpr > 0.05).mean() > 0.3  # one draw in three or more flags more than 5%


@pytest.mark.parametrize("n", [60, 200, 600])
def test_the_pac_rank_holds_the_rate_with_the_stated_confidence(n):
    fpr = _fpr_over_draws(n, 0.9)
    over = (fpr > 0.05).mean()
    assert over <= 0.1 + 3 * np.sqrt(0.1 * 0.9 / len(fpr))
    assert over > 0.03  # the smallest such rank: not needlessly strict
    rank = threshold_rank(n, 0.05, 0.9)
    assert binom.sf(rank - 1, n, 0.95) <= 0.1 < binom.sf(rank - 2, n, 0.95)


def test_a_validation_split_too_small_for_the_confidence_says_so_and_states_the_weaker_promise():
    threshold, note = threshold_at(np.arange(30.0), 0.05, 0.9)  # 45 records are needed for 90%
    assert threshold == 29.0 and "too few" in note and "90% confidence" in note
    assert "with only 79% confidence" in promise(0.05, 0.9, 30, note)  # 1 - 0.95^30
    assert threshold_at(np.arange(100.0), 0.05, None) == (95.0, None)


def _table(rng, n):
    return OODInputs(features=rng.normal(size=(n, 4)))


def test_a_scorer_states_its_promise_and_an_old_run_keeps_the_average_one():
    rng = np.random.default_rng(0)
    scorer = TableRangeScorer().fit(_table(rng, 400), _table(rng, 300))
    assert scorer.get_params()["confidence"] == 0.9
    assert scorer.describe()["promise"].startswith("at most 5% of records like the validation set are flagged, "
                                                   "with 90% confidence")
    average = build_scorer("table_ranges", fpr=0.05, confidence=None).fit(_table(rng, 400), _table(rng, 300))
    assert average.promise().startswith("on average")
    state = scorer.state_dict()
    state["params"].pop("confidence")  # a run saved before the setting existed
    assert scorer_from_state(state).confidence is None and scorer_from_state(state).threshold_ == scorer.threshold_


def test_a_stricter_confidence_never_lowers_the_threshold():
    rng = np.random.default_rng(1)
    train, val = _table(rng, 400), _table(rng, 300)
    thresholds = [build_scorer("table_ranges", confidence=c).fit(train, val).threshold_ for c in (None, 0.9, 0.99)]
    assert thresholds == sorted(thresholds) and thresholds[0] < thresholds[2]


def test_settings_of_the_calibration_out_of_range_are_refused_by_name():
    rng = np.random.default_rng(2)
    with pytest.raises(ConfigError, match="'confidence'"):
        TableRangeScorer().set_params(confidence=1.0).fit(_table(rng, 50), _table(rng, 50))
    with pytest.raises(ConfigError, match="no setting 'confidance'"):
        TableRangeScorer().set_params(confidance=0.9)

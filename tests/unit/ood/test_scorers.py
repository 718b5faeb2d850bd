"""The out-of-distribution scorers (mednn.ood) on generated data: the flag rate on
in-distribution records is the target false-positive rate, clearly shifted records are flagged,
the state survives a round trip through safetensors, and fitting consumes no global RNG."""

from __future__ import annotations

import numpy as np
import pytest

from mednn.errors import ConfigError, ModelError, NotFittedError
from mednn.ood.base import OODInputs, threshold_at
from mednn.ood.embedding import EmbeddingKNNScorer, energy
from mednn.ood.run import binomial_p_value, build_scorer, ood_finding, scorer_from_state
from mednn.ood.tabular import TableRangeScorer


def _table(rng, n, shift=0.0):
    x = rng.normal(size=(n, 5))
    x[:, 1] = rng.integers(0, 2, n)  # a one-hot like column
    x[:, 0] += shift
    return OODInputs(features=x)


def _clusters(rng, n, centers):
    which = rng.integers(0, len(centers), n)
    return OODInputs(embedding=centers[which] + 0.3 * rng.normal(size=(n, centers.shape[1])))


SCORERS = {
    "table_ranges": lambda rng, n: _table(rng, n),
    "embedding_knn": lambda rng, n: _clusters(rng, n, np.eye(8) * 3),
}


@pytest.mark.parametrize("name", sorted(SCORERS))
def test_the_flag_rate_on_in_distribution_records_is_the_target(name):
    rng = np.random.default_rng(0)
    make = SCORERS[name]
    # the conformal threshold (confidence None): 5% on average; test_calibration.py checks the default
    scorer = build_scorer(name, fpr=0.05, confidence=None).fit(make(rng, 2000), make(rng, 1000))
    assert 0.03 <= scorer.val_flag_rate_ <= 0.06
    rate = scorer.predict(make(rng, 4000)).mean()
    # 4,000 new in-distribution records: 5% +- 3.5 standard errors
    assert abs(rate - 0.05) < 3.5 * np.sqrt(0.05 * 0.95 / 4000), rate


def test_a_table_far_outside_the_training_ranges_is_flagged():
    rng = np.random.default_rng(1)
    scorer = TableRangeScorer().fit(_table(rng, 500), _table(rng, 200))
    shifted = _table(rng, 100, shift=8.0)
    assert scorer.predict(shifted).all()
    parts = scorer.component_scores(shifted)
    assert (parts["columns_out_of_range"] > 1).all()  # the one shifted column is out of its range
    assert scorer.out_of_range_columns(shifted)[0] == 100 and scorer.out_of_range_columns(shifted)[2:].sum() < 10


def test_a_value_in_a_gap_of_the_training_values_is_flagged_though_inside_the_range():
    # glucose in mg/dL with a few zeros for "missing": 5.5 (mmol/L) lies inside [0, 200] but where
    # training had no value
    rng = np.random.default_rng(2)

    def glucose(n):
        g = rng.normal(120, 30, n).clip(45, 199)
        g[rng.random(n) < 0.01] = 0
        return OODInputs(features=np.column_stack([g, rng.normal(size=n)]))

    scorer = TableRangeScorer().fit(glucose(800), glucose(300))
    site = glucose(200).features.copy()
    site[:, 0] = rng.normal(6.5, 1.5, 200).clip(3, 11)
    assert scorer.predict(OODInputs(features=site)).mean() > 0.9


def test_a_column_constant_in_training_is_out_of_range_at_any_other_value():
    rng = np.random.default_rng(3)
    x = np.column_stack([rng.normal(size=300), np.zeros(300)])
    scorer = TableRangeScorer().fit(OODInputs(features=x[:200]), OODInputs(features=x[200:]))
    other = x[:5].copy()
    other[:, 1] = 1.0
    assert scorer.predict(OODInputs(features=other)).all()


def test_noise_embeddings_are_flagged_and_energy_is_an_optional_second_component():
    rng = np.random.default_rng(4)
    centers = np.eye(8) * 3
    train, val = _clusters(rng, 600, centers), _clusters(rng, 300, centers)
    noise = OODInputs(embedding=rng.normal(size=(50, 8)) * 3)
    assert EmbeddingKNNScorer().fit(train, val).predict(noise).mean() > 0.9
    for part in (train, val, noise):
        part.logits = part.embedding[:, :3] * 2
    scorer = EmbeddingKNNScorer(energy=True).fit(train, val)
    assert scorer.components == ("knn_distance", "energy") and scorer.needs == ("embedding", "logits")
    parts = scorer.component_scores(noise)
    assert np.allclose(parts["knn_distance"] + parts["energy"], scorer.score(noise))


@pytest.mark.parametrize("kind,expected", [("multiclass", True), ("binary", False), ("multilabel", False),
                                            ("regression", False), (None, False)])
def test_energy_auto_is_used_for_multiclass_runs_only(kind, expected):
    assert EmbeddingKNNScorer(task_kind=kind).uses_energy is expected
    assert EmbeddingKNNScorer(energy=False, task_kind="multiclass").uses_energy is False
    with pytest.raises(ConfigError, match="regression"):
        EmbeddingKNNScorer(energy=True, task_kind="regression").fit(
            OODInputs(embedding=np.ones((20, 2))), OODInputs(embedding=np.ones((20, 2))))


def test_energy_is_minus_log_sum_exp_and_binary_logits_are_two_classes():
    z = np.array([[1.0, 2.0, 3.0]])
    assert energy(z, "multiclass")[0] == pytest.approx(-np.log(np.exp(z).sum()))
    assert energy(np.array([[2.0]]), "binary")[0] == pytest.approx(-np.log(1 + np.exp(2.0)))


def test_the_reference_is_a_bounded_subsample_drawn_without_the_global_rng():
    import torch

    rng = np.random.default_rng(5)
    state_np, state_torch = np.random.get_state()[1].copy(), torch.get_rng_state().clone()
    scorer = EmbeddingKNNScorer(reference_size=100, seed=7).fit(
        OODInputs(embedding=rng.normal(size=(1000, 4))), OODInputs(embedding=rng.normal(size=(200, 4))))
    assert scorer.reference_.shape == (100, 4) and scorer.reference_.dtype == np.float32
    assert (np.random.get_state()[1] == state_np).all() and torch.equal(torch.get_rng_state(), state_torch)


@pytest.mark.parametrize("name", sorted(SCORERS))
def test_the_state_round_trips_through_safetensors_without_pickle(name, tmp_path):
    from safetensors.numpy import load_file, save_file

    from mednn.runs import join_arrays, split_arrays

    rng = np.random.default_rng(6)
    make = SCORERS[name]
    scorer = build_scorer(name, fpr=0.1).fit(make(rng, 300), make(rng, 100))
    json_state, arrays = split_arrays(scorer.state_dict())
    assert arrays and all(isinstance(v, np.ndarray) for v in arrays.values())
    import json

    text = json.dumps(json_state)  # numbers and names only: every array went to safetensors
    save_file(arrays, str(tmp_path / "ood.safetensors"))
    loaded = scorer_from_state(join_arrays(json.loads(text), load_file(str(tmp_path / "ood.safetensors"))))
    new = make(rng, 50)
    assert np.allclose(loaded.score(new), scorer.score(new)) and loaded.threshold_ == scorer.threshold_
    assert loaded.get_params() == scorer.get_params()


def test_a_state_that_does_not_fit_is_one_clear_error():
    rng = np.random.default_rng(7)
    state = TableRangeScorer().fit(_table(rng, 100), _table(rng, 50)).state_dict()
    state["learnt"]["mean_"] = np.zeros(3)
    with pytest.raises(ModelError, match="not valid"):
        scorer_from_state(state)
    with pytest.raises(ModelError):
        scorer_from_state({"name": "table_ranges"})


def test_settings_out_of_range_are_refused_by_name():
    rng = np.random.default_rng(8)
    with pytest.raises(ConfigError, match="'fpr'"):
        TableRangeScorer(fpr=0.7).fit(_table(rng, 50), _table(rng, 20))
    with pytest.raises(ConfigError, match="'neighbours'"):
        EmbeddingKNNScorer(neighbours=0).fit(OODInputs(embedding=np.ones((5, 2))), OODInputs(embedding=np.ones((5, 2))))
    with pytest.raises(NotFittedError):
        EmbeddingKNNScorer().score(OODInputs(embedding=np.ones((5, 2))))
    with pytest.raises(ModelError, match="width"):
        EmbeddingKNNScorer().fit(OODInputs(embedding=np.ones((20, 2))), OODInputs(embedding=np.ones((20, 2)))).score(
            OODInputs(embedding=np.ones((2, 3))))


def test_a_validation_split_too_small_for_the_rate_says_so():
    threshold, note = threshold_at(np.arange(10.0), 0.05)
    assert threshold == 9.0 and "too few" in note
    assert threshold_at(np.arange(100.0), 0.05) == (95.0, None)


def test_the_finding_counts_records_flagged_beyond_chance_only():
    assert ood_finding(np.r_[np.ones(5), np.zeros(95)], 0.05, "new.csv") is None
    finding = ood_finding(np.r_[np.ones(30), np.zeros(70)], 0.05, "new.csv")
    assert finding.id == "out_of_distribution" and finding.count == 30 and "30 of 100" in finding.message
    assert binomial_p_value(30, 100, 0.05) < 1e-10 and binomial_p_value(0, 100, 0.05) == 1.0


def test_the_finding_says_p_below_a_floor_never_p_equals_zero():
    # 300 of 300 flagged at a 5% rate: the binomial tail underflows to 0.0 in a float
    finding = ood_finding(np.ones(300), 0.05, "new.csv")
    assert "p < 0.001" in finding.message and "p = 0" not in finding.message
    finding = ood_finding(np.r_[np.ones(12), np.zeros(88)], 0.05, "new.csv")  # p about 0.0043
    assert "p = 0.0043" in finding.message


def test_with_patients_known_the_binomial_test_counts_patients_not_their_repeated_records():
    # trial 16: near-identical recordings of one patient are flagged together; 4 patients of 30
    # with 3 records each flagged are 12 of 60 records (p < 0.001 as independent records) but
    # only 4 of 30 patients (p about 0.06): no evidence beyond chance at the 0.01 level
    from mednn.ood.run import flagged_units

    patients = np.r_[np.repeat(np.arange(15), 3), np.arange(15, 30)].astype(str)  # 60 records, 30 patients
    flags = np.zeros(60, dtype=bool)
    flags[:12] = True  # patients 0-3, every record
    records = ood_finding(flags, 0.05, "the test split")
    assert records is not None and "12 of 60 records" in records.message
    assert "counts records as independent" in records.message
    assert ood_finding(flags, 0.05, "the test split", patients) is None
    flags[13] = True  # one of patient 4's three records: not most of them
    assert flagged_units(flags, patients) == ("patient", 30, 4)
    flags[:30] = True  # patients 0-9
    finding = ood_finding(flags, 0.05, "the test split", patients)
    assert "10 of 30 patients" in finding.message and "30 of 60 records" in finding.message
    assert finding.count == 30
    assert flagged_units(flags, np.arange(60).astype(str))[0] == "record"  # no repeats: records

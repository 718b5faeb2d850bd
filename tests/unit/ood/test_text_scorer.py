"""The text scorer (``text_knn``) measures the input as well as the network's embedding: fitted on
clinical sentences (with an embedding that tells nothing apart), it flags lorem ipsum, other
languages and texts with no words, flags about its false-positive rate of new clinical
sentences, keeps only numbers (hashed word buckets, never a word) and survives the run's
JSON + safetensors round trip."""

from __future__ import annotations

import numpy as np
import pytest

from mednn.errors import ConfigError, ModelError
from mednn.ood.base import OODInputs
from mednn.ood.text import BUCKETS, TEXT_COMPONENTS, TextKNNScorer

FINDINGS = ["fever", "productive cough", "chest pain", "shortness of breath", "abdominal pain", "nausea",
            "a swollen ankle", "headache", "dizziness", "a rash on the forearm", "back pain", "wheezing"]
HISTORY = ["hypertension", "type 2 diabetes", "asthma", "atrial fibrillation", "chronic kidney disease",
           "no significant history"]
PLANS = ["chest x-ray ordered", "started on antibiotics", "follow up in two weeks", "ibuprofen as needed",
         "referred to cardiology", "labs drawn, results pending", "advised rest and fluids"]


def clinical_notes(n: int, seed: int) -> list[str]:
    """Generated clinic sentences: a complaint, a history, a plan, of varying length."""
    rng = np.random.default_rng(seed)
    notes = []
    for i in range(n):
        complaint = " and ".join(rng.choice(FINDINGS, rng.integers(1, 3), replace=False))
        days = int(rng.integers(1, 15))
        parts = [f"Patient {['presents', 'reports', 'complains of'][i % 3]} {complaint} for {days} days.",
                 f"History of {rng.choice(HISTORY)}.", f"Plan: {rng.choice(PLANS)}."]
        notes.append(" ".join(parts[: int(rng.integers(1, 4))]))
    return notes


FOREIGN = {
    "lorem": ["Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.",
              "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea.",
              "Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat."],
    "other languages": ["El paciente presenta fiebre y tos productiva desde hace tres días.",
                        "Der Patient klagt seit drei Tagen über Fieber und Husten mit Auswurf.",
                        "Ο ασθενής παρουσιάζει πυρετό και βήχα εδώ και τρεις ημέρες.",
                        "患者发烧咳嗽三天，伴有胸痛。"],
    "no words": ["", "   ", "...", "12/03/2024 14:05", "#### ---- ####"],
}


def _inputs(texts: list[str], seed: int = 0) -> OODInputs:
    # an embedding that tells nothing apart: what is flagged is flagged for its words
    rng = np.random.default_rng(seed)
    return OODInputs(embedding=rng.normal(size=(len(texts), 8)), texts=list(texts))


@pytest.fixture(scope="module")
def scorer() -> TextKNNScorer:
    return TextKNNScorer().fit(_inputs(clinical_notes(400, 0), 0), _inputs(clinical_notes(200, 1), 1))


@pytest.mark.parametrize("kind", sorted(FOREIGN))
def test_texts_unlike_the_clinical_sentences_are_flagged(scorer, kind):
    assert scorer.predict(_inputs(FOREIGN[kind], 2)).all(), kind


def test_new_clinical_sentences_are_flagged_at_about_the_target_rate(scorer):
    new = _inputs(clinical_notes(400, 3), 3)
    assert scorer.predict(new).mean() <= 0.10
    assert scorer.components == ("knn_distance", *TEXT_COMPONENTS, "form")  # binary-like run: no energy
    parts = scorer.component_scores(_inputs(FOREIGN["lorem"], 4))
    assert (parts["unknown_words"] > 1).all() and (parts["word_surprise"] > 1).all()


def test_the_word_components_grow_with_the_share_of_unknown_words(scorer):
    base = ("Patient reports fever and productive cough for 3 days. History of asthma. "
            "Plan: follow up in two weeks.")
    lorem = FOREIGN["lorem"][0]
    texts = [base, base + " " + lorem[:40], base + " " + lorem]
    unknown = scorer.component_scores(_inputs(texts))["unknown_words"]
    assert unknown[0] < unknown[1] < unknown[2]


def test_the_state_is_numbers_and_round_trips_through_the_run_files(scorer, tmp_path):
    from safetensors.numpy import load_file, save_file

    from mednn.ood.run import scorer_from_state
    from mednn.runs.schema_ood import OODRecord

    record, arrays = OODRecord.from_state(scorer.state_dict())
    assert {"known_", "log_prob_", "reference_"} <= set(arrays)
    assert all(a.dtype != object for a in arrays.values())
    assert arrays["known_"].max() < BUCKETS and record.learnt["unknown_rate_"] > 0
    save_file(arrays, str(tmp_path / "ood.safetensors"))
    again = scorer_from_state(OODRecord.model_validate_json(record.model_dump_json()).state(
        load_file(str(tmp_path / "ood.safetensors"))))
    texts = clinical_notes(20, 5) + [t for v in FOREIGN.values() for t in v]
    np.testing.assert_allclose(again.score(_inputs(texts, 5)), scorer.score(_inputs(texts, 5)))
    assert again.threshold_ == scorer.threshold_ and type(again) is TextKNNScorer


def test_no_training_word_is_kept_and_single_note_words_leave_no_trace():
    train = clinical_notes(100, 0) + ["Seen with Mrs Quenbykowski today."]
    scorer = TextKNNScorer(neighbours=3).fit(_inputs(train), _inputs(clinical_notes(50, 1), 1))
    state = scorer.state_dict()
    assert not [v for v in state["learnt"].values() if isinstance(v, str)]
    once = TextKNNScorer(neighbours=3, min_texts=1).fit(_inputs(train), _inputs(clinical_notes(50, 1), 1))
    assert len(once.known_) > len(scorer.known_)  # the name (and "mrs", "seen") counted only with min_texts 1


def test_a_damaged_state_is_refused_and_bad_settings_are_named(scorer):
    from mednn.ood.run import scorer_from_state

    state = scorer.state_dict()
    state["learnt"] = {**state["learnt"], "known_": state["learnt"]["known_"][::-1].copy()}
    with pytest.raises(ModelError, match="not valid"):
        scorer_from_state(state)
    with pytest.raises(ConfigError, match="min_texts"):
        TextKNNScorer(min_texts=0).fit(_inputs(["a b"]), _inputs(["a b"]))
    with pytest.raises(ModelError, match="texts"):
        scorer.score(OODInputs(embedding=np.zeros((2, 8))))


def test_rows_keep_their_texts_when_taken():
    x = OODInputs(embedding=np.arange(6.0).reshape(3, 2), texts=["a", "b", "c"])
    assert x.take(np.array([2, 0])).texts == ["c", "a"]
    assert x.take(np.array([True, False, True])).texts == ["a", "c"]
    assert len(OODInputs(texts=["a", "b"])) == 2

"""The form of a text (``text_knn``'s ``form`` component, :mod:`mednn.ood.text_form`): a visit told
as a dialogue, in exactly the words of the training notes, is flagged for how it is written;
new notes are not; no speaker's name is looked for; runs saved before the component load
without it."""

from __future__ import annotations

import numpy as np
import pytest

from mednn.errors import ConfigError
from mednn.ood.base import OODInputs
from mednn.ood.text import TextKNNScorer
from mednn.ood.base import out_of_range, robust_range
from mednn.ood.text_form import FORM_STATISTICS, form_statistics

COMPLAINTS = ["fever", "cough", "chest pain", "back pain", "a rash", "headache", "nausea", "wheezing"]
HISTORY = ["asthma", "diabetes", "hypertension", "no allergies", "a knee surgery"]
PLANS = ["rest and fluids", "an x-ray", "antibiotics", "a follow up visit", "blood tests"]


def _visit(rng: np.random.Generator) -> dict:
    return {"complaint": rng.choice(COMPLAINTS), "days": int(rng.integers(2, 15)), "history": rng.choice(HISTORY),
            "plan": rng.choice(PLANS), "parts": int(rng.integers(2, 5))}


def notes(n: int, seed: int) -> list[str]:
    """Note sections: third person, statements, one paragraph. The speech words of the dialogues
    (yes, did, you, have, had, any, okay, says, asked) occur in them as reported speech."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        v = _visit(rng)
        sentences = [f"The patient had {v['complaint']} for {v['days']} days.",
                     f"When asked did you have any {v['history']}, the mother says yes.",
                     f"The nurse says okay, we plan {v['plan']}.",
                     f"The patient did not have {rng.choice(COMPLAINTS)}."]
        out.append(" ".join(sentences[: v["parts"]]))
    return out


def dialogues(n: int, seed: int, speakers: tuple[str, str] = ("Nurse", "Mother"), one_line: bool = False) -> list[str]:
    """The same visits spoken: the same words, lines opening with the speakers' labels, questions,
    "I" and "you"; ``one_line``: without labels and line breaks."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        v = _visit(rng)
        turns = [("a", f"Did you have any {v['complaint']}?"), ("b", f"Yes, I had {v['complaint']} for {v['days']} days."),
                 ("a", f"Did you have {v['history']}?"), ("b", "Yes."), ("a", f"Okay, we plan {v['plan']}.")]
        turns = turns[: v["parts"] + 1]
        if one_line:
            out.append(" ".join(text for _, text in turns))
        else:
            out.append("\n".join(f"{speakers[0] if who == 'a' else speakers[1]}: {text}" for who, text in turns))
    return out


def _inputs(texts: list[str], seed: int = 0) -> OODInputs:
    # an embedding that tells nothing apart: what is flagged is flagged for the text itself
    return OODInputs(embedding=np.random.default_rng(seed).normal(size=(len(texts), 8)), texts=list(texts))


@pytest.fixture(scope="module")
def fitted() -> dict[bool, TextKNNScorer]:
    train, val = _inputs(notes(400, 0), 0), _inputs(notes(200, 1), 1)
    return {form: TextKNNScorer(text_form=form).fit(train, val) for form in (True, False)}


def test_dialogues_in_the_notes_own_words_are_flagged_for_their_form(fitted):
    spoken = _inputs(dialogues(100, 5), 5)
    # every word of the dialogues is known to the training notes: the word components see little
    assert np.median(fitted[True].component_scores(spoken)["unknown_words"]) < 1
    assert fitted[True].predict(spoken).mean() >= 0.9
    assert fitted[False].predict(spoken).mean() <= 0.5  # without the form component most pass
    assert np.median(fitted[True].component_scores(spoken)["form"]) > 2


def test_without_labels_and_line_breaks_a_dialogue_still_reads_as_speech(fitted):
    flat = _inputs(dialogues(100, 6, one_line=True), 6)
    assert fitted[True].predict(flat).mean() >= 0.8  # questions, "I" and "you" per word


def test_new_notes_are_flagged_at_about_the_target_rate(fitted):
    new = _inputs(notes(400, 3), 3)
    assert fitted[True].predict(new).mean() <= 0.10
    assert np.mean(fitted[True].component_scores(new)["form"] > 0) <= 0.10


def test_no_speaker_name_is_looked_for(fitted):
    named = form_statistics(dialogues(20, 7, speakers=("Doctor", "Patient")))
    other = form_statistics(dialogues(20, 7, speakers=("Interpreter", "Grand Father")))
    layout = [FORM_STATISTICS.index(k) for k in ("lines", "repeated_line_labels", "line_labels", "questions")]
    np.testing.assert_allclose(named[:, layout], other[:, layout])  # the rest counts the labels' words too
    assert fitted[True].predict(_inputs(dialogues(20, 7, speakers=("Interpreter", "Grand Father")))).all()
    repeated = FORM_STATISTICS.index("repeated_line_labels")
    assert (named[:, repeated] > 0.5).all()
    # a review of systems opens each line with a different label: labelled lines, none repeated
    review = form_statistics(["HEENT: normal.\nLungs: clear.\nHeart: regular rhythm.", ""])
    assert review[0, FORM_STATISTICS.index("line_labels")] == 1.0 and review[0, repeated] == 0.0
    assert (review[1] == 0).all()  # an empty text: zeros, no error


def test_out_of_range_counts_statistics_beyond_the_widened_training_quantiles():
    x = np.random.default_rng(0).uniform(size=(1000, 3))
    low, high = robust_range(x)
    assert np.all(low < 0.0) and np.all(high > 1.0)  # widened by a quarter of the span
    assert out_of_range(np.array([[0.5, 0.5, 0.5], [2.0, 0.5, -1.0]]), low, high).tolist() == [0.0, 2.0]


def test_a_run_saved_before_the_form_component_loads_without_it(fitted):
    from mednn.ood.run import scorer_from_state

    old = TextKNNScorer(text_form=False).fit(_inputs(notes(200, 0), 0), _inputs(notes(100, 1), 1))
    state = old.state_dict()
    state["learnt"] = {k: v for k, v in state["learnt"].items() if not k.startswith("form_")}
    state["params"] = {k: v for k, v in state["params"].items() if k != "text_form"}
    again = scorer_from_state(state)
    assert again.text_form is False and "form" not in again.components
    texts = _inputs(notes(20, 9) + dialogues(20, 9), 9)
    np.testing.assert_allclose(again.score(texts), old.score(texts))
    with pytest.raises(ConfigError, match="text_form"):
        TextKNNScorer(text_form="yes").fit(_inputs(["a b"]), _inputs(["a b"]))


def test_damaged_form_ranges_are_refused(fitted):
    from mednn.errors import ModelError
    from mednn.ood.run import scorer_from_state

    state = fitted[True].state_dict()
    state["learnt"] = {**state["learnt"], "form_low_": np.full(len(FORM_STATISTICS), np.nan)}
    with pytest.raises(ModelError, match="not valid"):
        scorer_from_state(state)
    state["learnt"] = {**state["learnt"], "form_low_": np.zeros(3)}
    with pytest.raises(ModelError, match="not valid"):
        scorer_from_state(state)

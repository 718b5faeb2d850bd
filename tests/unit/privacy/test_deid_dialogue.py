"""De-identification of transcribed conversations (MTS-Dialog style "Doctor: ... / Patient: ..."):
a speaker label is not a cue for a name, while "Patient: <name>" in a header still is."""

from __future__ import annotations

import random

import pytest


# what patients and relatives open a turn with: interjections, pronouns and contractions
OPENERS = ["Okay", "Nope", "Yeah, I", "Yes, I", "No, I", "I'm", "I've", "I'd", "Oh, yeah", "Um, my", "Well, I",
           "Nah", "What", "About", "It's", "Sounds", "Can", "Sure", "Hi", "Great"]
RESTS = ["think so.", "have had it for about three months.", "not really sure.", "that sounds good to me.",
         "been taking the pills every morning.", "rather wait until next week."]
QUESTIONS = ["How are you feeling today?", "Any allergies?", "Do you smoke?", "When did the pain start?",
             "Have you had any surgeries in the past?", "Anything else?"]
ROLES = ["Patient", "Guest_family", "Nurse"]


def _dialogue(rng: random.Random, one_line: bool) -> str:
    turns = []
    for _ in range(rng.randint(2, 6)):
        turns.append(f"Doctor: {rng.choice(QUESTIONS)}")
        turns.append(f"{rng.choice(ROLES)}: {rng.choice(OPENERS)} {rng.choice(RESTS)}")
    return (" " if one_line else "\n").join(turns)


@pytest.mark.parametrize("one_line", [False, True])
def test_speaker_turns_are_not_names(deid, one_line):
    rng = random.Random(3 + one_line)
    texts = [_dialogue(rng, one_line) for _ in range(60)]
    found = [(text[s:e], kind) for text in texts for s, e, kind in deid.find(text)]
    assert found == []


def test_names_inside_a_conversation_are_still_found(deid):
    text = ("Doctor: Hello, I am Doctor Quellinby. Who is with you today?\n"
            "Patient: Okay, this is my wife, Zorvathia.\n"
            "Guest_family: Hi. I'm worried about him.")
    found = {text[s:e] for s, e, kind in deid.find(text) if kind == "NAME"}
    assert found == {"Quellinby", "Zorvathia"}


@pytest.mark.parametrize("text, name", [
    ("Patient: Zorvath Quellinby\nDOB: 01/02/1950\nMRN: 00482913", "Zorvath Quellinby"),
    ("Patient: Zorvath Quellinby\nPhysician: Amy Ward, attending\nReason: chest pain", "Zorvath Quellinby"),
    ("Nurse: Zelinda Qorvath\nPatient: Farhan Okonkwo\n", "Farhan Okonkwo"),
    ("PATIENT: QUELLINBY, ZORVATH\nDate: 03/14/2021", "QUELLINBY, ZORVATH"),
])
def test_patient_label_in_a_header_still_marks_a_name(deid, text, name):
    found = {text[s:e] for s, e, kind in deid.find(text) if kind == "NAME"}
    assert name in found


def test_contractions_are_ordinary_words(deid):
    text = "Seen with her son. He said I'm fine, I've eaten, I'd rather go home, how'd it go. O'Neill reports pain."
    found = {text[s:e] for s, e, kind in deid.find(text) if kind == "NAME"}
    assert found == {"O'Neill"}


def test_a_spoken_doctor_before_a_sentence_is_not_a_title(deid):
    text = "Doctor: Any C section?\nPatient: No, doctor. I had a natural birth.\nDoctor: Doctor Quellinby saw you?"
    found = {text[s:e] for s, e, kind in deid.find(text) if kind == "NAME"}
    assert found == {"Quellinby"}

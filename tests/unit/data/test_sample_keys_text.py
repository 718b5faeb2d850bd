"""A note re-wrapped or re-spaced is still a training note for the training-samples check
(trial 7: 60 training abstracts with one space turned into a line break were not matched)."""

from mednn.data.sample_keys import sample_keys, samples_seen


def test_rewrapped_training_notes_are_matched_and_new_notes_are_not():
    notes = [f"Patient {i} seen for chest pain and\nshortness of breath, stable on day {i}." for i in range(40)]
    stored = sample_keys(notes, notes[:0], salt="ab")
    rewrapped = [n.replace("\n", " ").replace(" seen", "\n  seen") for n in notes]
    seen = samples_seen(stored, rewrapped)
    assert seen["matched"] == 40 and seen["shared"]
    new = [f"Visitor {i} reports a rash on the left arm since week {i}." for i in range(40)]
    assert not samples_seen(stored, new)["shared"]


def test_smiles_keep_their_case():
    from mednn.data.sample_keys import fingerprints

    assert fingerprints(["c1ccccc1O ", "C1CCCCC1O"]) == ["c1ccccc1O", "C1CCCCC1O"]  # phenol is not cyclohexanol

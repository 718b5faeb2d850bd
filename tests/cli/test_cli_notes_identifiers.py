"""A text run trained without privacy.deid (trial 5, item 1): the notes' identifiers are named
in a finding (column and counts, never a value) and no featurizer vocabulary stores a word the
de-identifier marks; notes free of identifiers (abstract-like text) give no finding."""

import json

import numpy as np
import pandas as pd
import pytest

FAST = ["--set", "train.epochs=2", "--set", "evaluate.bootstrap=10", "--set", "train.progress=false",
        "--set", "explain.enabled=false", "--set", "report.enabled=false", "--set", "train.threads=1"]
FIRST = ["Zebulon", "Ottoline", "Thaddeus", "Philippa", "Barnabus", "Wilhelmina"]
LAST = ["Quackenbush", "Fairweather", "Brocklehurst", "Haverford", "Pemberton", "Featherstone"]
BODY = {"cardiac": ["chest pain on exertion relieved by rest", "palpitations and shortness of breath"],
        "injury": ["ankle sprain after a fall on ice", "wrist fracture after a fall from a ladder"]}


def _notes(path, with_identifiers: bool, n=60, seed=0):
    rng = np.random.default_rng(seed)
    rows, planted = [], set()
    for i in range(n):
        label = "cardiac" if i % 2 else "injury"
        body = BODY[label][int(rng.integers(2))]
        if with_identifiers:  # every patient has three notes: their name is in several texts
            first, last = FIRST[i % 6], LAST[(i // 6) % 6]
            mrn, phone = f"{77100000 + i // 3}", f"617-555-{1000 + i // 3:04d}"
            planted |= {first.lower(), last.lower(), mrn, f"{1000 + i // 3:04d}"}
            text = (f"Patient {first} {last}, MRN: {mrn}, phone {phone}. Seen by Dr. {FIRST[(i + 1) % 6]} "
                    f"{LAST[(i + 2) % 6]}. The patient reports {body}. Plan: review in two weeks.")
        else:
            text = f"Patients with {body} were studied; outcomes improved with early treatment in this cohort."
        rows.append({"note": text, "label": label})
    pd.DataFrame(rows).to_csv(path, index=False)
    return planted


def _vocabulary(run) -> set[str]:
    """Every vocabulary entry of featurizer.json, each split into its words (## and Ġ stripped)."""
    state = json.loads((run / "featurizer.json").read_text())
    words: set[str] = set()

    def walk(o, key=""):
        if isinstance(o, dict):
            if key == "vocabulary" or key == "vocab":
                for token in o:
                    words.update(token.replace("##", " ").replace("\u0120", " ").lower().split())
            for k, v in o.items():
                walk(v, k)
        elif isinstance(o, list):
            for v in o:
                walk(v, key)
        elif isinstance(o, str) and key == "tokenizer":
            walk(json.loads(o), key)

    walk(state)
    assert words, "no vocabulary found in featurizer.json"
    return words


@pytest.mark.parametrize("featurizer", ["tfidf", "wordpiece", "bpe"])
def test_identifiers_in_notes_are_named_and_kept_out_of_the_vocabulary(cli, tmp_path, featurizer):
    planted = _notes(tmp_path / "notes.csv", with_identifiers=True)
    extra = ["--set", "featurize.min_df=1", "--set", "featurize.char_ngrams=[3,5]"] if featurizer == "tfidf" else \
        ["--set", "featurize.min_frequency=1", "--set", "featurize.vocab_size=400", "--set", "model.name=textcnn"]
    with pytest.warns(UserWarning, match=r"\[identifiers_in_notes\] text column 'note'") as said:
        code, out, err = cli("train", "--data", tmp_path / "notes.csv", "--set", "data.format=text",
                             "--set", "data.text_columns=note", "--set", "data.label=label",
                             "--set", f"featurize.name={featurizer}", *extra, "--out", tmp_path / "run", *FAST)
    out += "".join(str(w.message) for w in said)
    assert code == 0, err
    found = [f for f in json.loads((tmp_path / "run" / "data.json").read_text())["findings"]
             if f["id"] == "identifiers_in_notes"]
    assert len(found) == 1 and found[0]["columns"] == ["note"] and "privacy.deid: true" in found[0]["message"]
    assert "NAME" in found[0]["message"] and "PHONE" in found[0]["message"] and "ID" in found[0]["message"]
    for word in planted:  # never a value in the message, the console or the vocabulary
        assert word not in found[0]["message"].lower() and word not in (out + err).lower()
    vocabulary = _vocabulary(tmp_path / "run")
    assert not planted & vocabulary, sorted(planted & vocabulary)
    assert {"chest", "fall"} <= vocabulary or featurizer != "tfidf"  # the clinical words are kept
    if featurizer == "tfidf":  # character n-grams: none comes from a name alone
        state = json.loads((tmp_path / "run" / "featurizer.json").read_text())
        grams = {g.strip() for g in state["state"]["vectorizers"][1]["vocabulary"] if len(g.strip()) == 5}
        names = {w for w in planted if w.isalpha()}
        other = " ".join(w for w in " ".join(pd.read_csv(tmp_path / "notes.csv")["note"]).lower().split()
                         if w.strip(".,:") not in names)
        assert grams and not {g for g in grams if any(g in n for n in names) and g not in other}
    # the text OOD scorer's word statistics (hashed buckets) know no name either
    from safetensors.numpy import load_file

    from mednn.ood.text import word_counts

    known = set(load_file(tmp_path / "run" / "ood.safetensors")["known_"].tolist())
    names = sorted(w for w in planted if w.isalpha())
    assert known and not known & set(word_counts(names).indices.tolist())
    assert set(word_counts(["chest pain"]).indices.tolist()) <= known
    # the run still scores new notes (with identifiers or not) the same way
    pd.DataFrame({"note": ["Patient Zebulon Quackenbush reports chest pain on exertion.",
                           "Wrist fracture after a fall."]}).to_csv(tmp_path / "new.csv", index=False)
    code, _, err = cli("predict", tmp_path / "run", tmp_path / "new.csv", "--out", tmp_path / "p.csv")
    assert code == 0, err
    assert len(pd.read_csv(tmp_path / "p.csv")) == 2


def test_notes_without_identifiers_give_no_finding(cli, tmp_path):
    _notes(tmp_path / "abstracts.csv", with_identifiers=False)
    code, out, err = cli("train", "--data", tmp_path / "abstracts.csv", "--set", "data.format=text",
                         "--set", "data.text_columns=note", "--set", "data.label=label",
                         "--set", "featurize.name=tfidf", "--out", tmp_path / "run", *FAST)
    assert code == 0, err
    ids = [f["id"] for f in json.loads((tmp_path / "run" / "data.json").read_text())["findings"]]
    assert "identifiers_in_notes" not in ids and "identifiers_in_notes" not in out + err

"""The neural token tagger of the de-identifier: tokens and BIO tags map back to exact offsets,
the trainer is deterministic from its seed on a tiny generated corpus, the shipped weights load
offline and find planted names in context in every casing, and errors never echo note text."""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest

from mednn.errors import ConfigError
from mednn.privacy.deid import Deidentifier
from mednn.privacy.deid.tagger import WEIGHTS
from mednn.privacy.deid.tagger.features import TAGS, bio_tags, decode, gold_type, tokens, vocabulary_of
from mednn.privacy.deid.tagger.model import TokenTagger, spans_at
from mednn.privacy.deid.tagger.train import _recase, _surrogate_pools, main as train_main, read_notes, refill

FIRST = ["Orla", "Tamsin", "Bexley", "Corwin", "Idris", "Marisol", "Dagny", "Evander"]
LAST = ["Quennell", "Ashdown", "Vantreight", "Mowbray", "Kettering", "Pellow", "Strachan", "Yelverton"]
TEMPLATES = [
    "Pt seen by Dr. {c} today. Wife {r} at bedside.\nPlan: continue lasix.",
    "Patient {p} admitted overnight, afebrile.\nSpoke with daughter {r} re: plan.",
    "{p} tolerated PT well. Discussed with {c}, MD.",
]


def _note(rng: random.Random) -> tuple[str, list[tuple[int, int, str]]]:
    """A note with names planted in context, and their gold spans."""
    template = rng.choice(TEMPLATES)
    text, spans = "", []
    for part in template.replace("}", "{").split("{"):
        if part in ("p", "c", "r"):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            spans.append((len(text), len(text) + len(name), {"p": "PATIENT", "c": "CLINICIAN", "r": "RELATIVE"}[part]))
            text += name
        else:
            text += part
    return text, spans


def _write_corpus(folder, n: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for i in range(n):
        text, spans = _note(rng)
        (folder / f"note{i:03d}.txt").write_text(text, encoding="utf-8")
        ann = "".join(f"T{j}\t{k} {s} {e}\t{text[s:e]}\n" for j, (s, e, k) in enumerate(spans))
        (folder / f"note{i:03d}.ann").write_text(ann, encoding="utf-8")


def test_tokens_tags_and_decoding_keep_exact_offsets():
    text = "Seen by Dr. Orla Quennell on 3/4.\nMRN 00123-A"
    spans = [(12, 25, "CLINICIAN"), (29, 32, "DATE"), (38, 45, "ID_MRN")]
    offsets = tokens(text)
    assert all(text[s:e].strip() == text[s:e] and text[s:e] for s, e in offsets)
    tags = bio_tags(offsets, spans)
    assert [TAGS[t] for t in tags].count("B-NAME") == 1
    assert decode(offsets, tags, text) == [(12, 25, "NAME"), (29, 32, "DATE"), (38, 45, "ID")]
    assert gold_type("ID_DEA") == "ID" and gold_type("HOSPITAL") == "LOCATION" and gold_type("PROFESSION") is None


def test_decode_does_not_join_spans_across_a_line_break():
    text = "Orla\nQuennell"
    offsets = tokens(text)
    tags = [TAGS.index("B-NAME"), TAGS.index("I-NAME")]
    assert decode(offsets, tags, text) == [(0, 4, "NAME"), (5, 13, "NAME")]


def test_vocabulary_leaves_phi_words_unknown():
    docs = [("Dr. Orla saw pt. " * 3, [(4, 8, "CLINICIAN"), (21, 25, "CLINICIAN"), (38, 42, "CLINICIAN")])]
    vocabulary = vocabulary_of(docs)
    assert "orla" not in vocabulary and "saw" in vocabulary


def test_recase_keeps_every_offset():
    text = "Straße Weiß, Dr. Ødegaard"
    for how in ("upper", "lower"):
        changed = _recase(text, how)
        assert len(changed) == len(text) and tokens(changed) == tokens(text)


def test_training_is_deterministic_and_learns_a_tiny_corpus(tmp_path):
    _write_corpus(tmp_path / "notes", 120)
    first, second = tmp_path / "a.safetensors", tmp_path / "b.safetensors"
    for out in (first, second):
        assert train_main([str(tmp_path / "notes"), "--out", str(out), "--seed", "3", "--epochs", "10"]) == 0
    # the same weights and metadata (safetensors may order its JSON header differently)
    a, b = TokenTagger.load(first), TokenTagger.load(second)
    assert a.params.keys() == b.params.keys() and all((a.params[k] == b.params[k]).all() for k in a.params)
    assert a.vocabulary == b.vocabulary and a.info == b.info
    tagger = TokenTagger.load(first)
    assert tagger.info == {"notes": 120, "seed": 3, "epochs": 10, "threshold": 0.99, "word_dropout": 0.1, "refill": 0,
                           "writers": ["notes"]}
    docs = read_notes([tmp_path / "notes"])[:20]
    gold = [(s, e) for _, spans in docs for s, e, _ in spans]
    found = sum(any(s < fe and fs < e for fs, fe, _ in tagger.find(text, threshold=0.5)) for text, spans in docs
                for s, e, _ in spans)
    assert found >= 0.8 * len(gold)  # the planted names of its own training notes


def test_refill_puts_other_writers_surrogates_at_exact_offsets():
    docs = [("Seen by Dr. Orla Quennell on 3/4. Wife Dagny at bedside.", [(12, 25, "CLINICIAN"), (29, 32, "DATE"),
                                                                           (39, 44, "RELATIVE")]),
            ("SPOKE WITH SON COLUMBINE PRAXTER 12/31/2040", [(15, 32, "RELATIVE"), (33, 43, "DATE")])]
    pools = _surrogate_pools([0, 1], docs)
    assert pools[0] == {"NAME": ["COLUMBINE PRAXTER"], "DATE": ["12/31/2040"]}  # the other writer's only
    rng = random.Random(0)
    for _ in range(20):
        text, spans = refill(*docs[0], pools[0], rng)
        assert [k for _, _, k in spans] == ["CLINICIAN", "DATE", "RELATIVE"]
        pieces = [text[s:e] for s, e, _ in spans]
        assert [p.lower() for p in pieces] == ["columbine praxter", "12/31/2040", "columbine praxter"]
        assert text.startswith("Seen by Dr. ") and text.endswith(" at bedside.")
    # a type the other writers never wrote stays as it is
    text, spans = refill("Call 555-0143 now", [(5, 13, "PHONE")], pools[0], rng)
    assert text == "Call 555-0143 now" and spans == [(5, 13, "PHONE")]
    # a span inside an earlier one goes with it; the offsets after them still hold
    text, spans = refill("At 1 Elm St 02134 on 3/4", [(3, 17, "ADDRESS"), (12, 17, "ZIP"), (21, 24, "DATE")], pools[0], rng)
    assert [k for _, _, k in spans] == ["ADDRESS", "DATE"] and text[spans[1][0]:spans[1][1]] == "12/31/2040"


def test_refill_jitter_rewrites_blanks_in_and_around_spans_only():
    docs = [("Name: Orla Quennell\nDOB: 3/4/1999 seen by Dr. Idris Pellow today.",
             [(6, 19, "PATIENT"), (25, 33, "DATE"), (46, 58, "CLINICIAN")]),
            ("SPOKE WITH SON COLUMBINE PRAXTER 12/31/2040", [(15, 32, "RELATIVE"), (33, 43, "DATE")])]
    pools = _surrogate_pools([0, 1], docs)
    rng, layouts = random.Random(0), set()
    for _ in range(40):
        text, spans = refill(*docs[0], pools[0], rng, jitter=1.0)
        pieces = [text[s:e] for s, e, _ in spans]
        # the surrogates' words and the note's own words stay; only the blanks between them move
        assert [p.lower().split() for p in pieces] == [["columbine", "praxter"], ["12/31/2040"], ["columbine", "praxter"]]
        assert re.sub(r":(?=\S)", ": ", re.sub(r"\s+", " ", text)).lower() == \
            "name: columbine praxter dob: 12/31/2040 seen by dr. columbine praxter today."  # "DOB:12/31/2040" too
        layouts |= {blank for p in pieces for blank in re.findall(r"\s+", p)}
        layouts |= set(re.findall(r"\s+", text[spans[1][1]:spans[2][0]]))
    assert {"\n", "\t", "  "} <= layouts  # line breaks, tabs and double spaces inside and around spans
    # without jitter the re-filled note keeps the note's layout exactly (the stream it always drew)
    plain = refill(*docs[0], pools[0], random.Random(5))
    assert refill(*docs[0], pools[0], random.Random(5), jitter=0.0) == plain
    assert plain[0].startswith("Name: ") and "\nDOB: " in plain[0]


@pytest.mark.parametrize("options", [["--refill", "1", "--word-dropout", "0.3"],
                                     ["--refill", "1", "--jitter", "0.5"]])
def test_training_with_refilled_copies_is_deterministic(tmp_path, options):
    _write_corpus(tmp_path / "a", 30, seed=1)
    _write_corpus(tmp_path / "b", 30, seed=2)
    outs = [tmp_path / "x.safetensors", tmp_path / "y.safetensors"]
    for out in outs:
        assert train_main([str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(out), "--seed", "1", "--epochs", "2",
                           *options]) == 0
    a, b = (TokenTagger.load(out) for out in outs)
    assert all((a.params[k] == b.params[k]).all() for k in a.params)
    assert a.info["refill"] == 1
    assert a.info["word_dropout"] == (0.3 if "--word-dropout" in options else 0.1)
    assert a.info.get("jitter") == (0.5 if "--jitter" in options else None)


def test_spans_at_takes_one_threshold_per_type():
    text = "Dr Orla MRN 88812"
    offsets = tokens(text)
    rows = np.zeros((len(offsets), len(TAGS)), dtype=np.float32)
    rows[0, 0] = 1.0
    rows[1, 0], rows[1, TAGS.index("B-NAME")] = 0.02, 0.98  # PHI 0.98, a name
    rows[2, 0] = 1.0
    rows[3, 0], rows[3, TAGS.index("B-ID")] = 0.005, 0.995  # PHI 0.995, an id
    assert spans_at(offsets, rows, text, 0.99) == [(12, 17, "ID")]
    assert spans_at(offsets, rows, text, {"NAME": 0.95, "ID": 0.999}) == [(3, 7, "NAME")]
    assert spans_at(offsets, rows, text, {"NAME": 0.95, "ID": 0.99}) == [(3, 7, "NAME"), (12, 17, "ID")]
    assert spans_at(offsets, rows, text, {"ID": 0.5}) == [(12, 17, "ID")]  # a type left out is never tagged


def test_training_without_notes_is_one_clear_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    with pytest.raises(SystemExit) as raised:
        train_main([str(tmp_path / "empty"), "--out", str(tmp_path / "w.safetensors")])
    assert raised.value.code == 2
    assert "no .txt notes" in capsys.readouterr().err


def test_shipped_weights_are_small_and_load_offline():
    assert WEIGHTS.is_file() and WEIGHTS.stat().st_size <= 2_000_000
    tagger = TokenTagger.load(WEIGHTS)
    assert tagger.info["notes"] > 1000  # trained on the generated writers' notes


def test_shipped_weights_are_the_ones_the_docs_describe():
    """docs/deid.md states the shipped file's writers, notes and threshold in one sentence; a
    retrained or re-stamped file that does not match it fails here, not silently in a user's run."""
    docs = (Path(__file__).resolve().parents[3] / "docs" / "deid.md").read_text(encoding="utf-8")
    stated = re.search(r"shipped weights:\s+writers\s+(\d+)-(\d+),\s+([\d,]+)\s+notes,\s+threshold\s+(\d[\d.]*\d)", docs)
    assert stated, "docs/deid.md lost the sentence 'shipped weights: writers A-B, N notes, threshold T'"
    first, last, notes, threshold = stated.groups()
    info = TokenTagger.load(WEIGHTS).info
    assert info.get("writers") == [str(w) for w in range(int(first), int(last) + 1)]
    assert info["notes"] == int(notes.replace(",", ""))
    assert info["threshold"] == float(threshold)


@pytest.mark.parametrize("case", ["as written", "upper", "lower"])
def test_shipped_tagger_finds_planted_names_in_context_in_every_casing(case):
    deid = Deidentifier(tagger=True).fit()
    template = "Pt seen this am by Dr. {0}. Spoke with pt's wife {1} at bedside, questions answered."
    names = ("Bexley Vantreight", "Marisol Pellow")
    text = template.format(*names)
    text = text if case == "as written" else _recase(text, case)
    found = deid.find(text)
    for name in names:
        start = text.lower().index(name.lower())
        assert any(s < start + len(name) and start < e and t == "NAME" for s, e, t in found), (case, name)


def test_tagger_spans_are_unioned_with_the_rules():
    text = "Seen by Dr. Jane Smith on 01/02/2023, call 555-123-4567. Husband Corwin Mowbray visited."
    rules = Deidentifier().fit().find(text)
    both = Deidentifier(tagger=True).fit().find(text)
    for s, e, _ in rules:
        assert any(bs <= s and e <= be for bs, be, _ in both)


def test_missing_weights_and_other_language_are_clear_errors_without_text(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        Deidentifier(tagger=str(tmp_path / "absent.safetensors")).fit()
    with pytest.raises(ConfigError, match="English only"):
        Deidentifier(tagger=True, language="es").fit()
    bogus = tmp_path / "bogus.safetensors"
    from safetensors.torch import save_file
    import torch

    save_file({"x": torch.zeros(1)}, str(bogus), metadata={"format": "other"})
    with pytest.raises(ConfigError, match="not a mednn de-identification tagger") as raised:
        TokenTagger.load(bogus)
    assert "Orla" not in str(raised.value)

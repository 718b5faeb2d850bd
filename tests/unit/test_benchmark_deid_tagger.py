"""benchmarks/deid_tagger.py scores every threshold of a tagger from the rules' candidates computed
once: what it scores must be what ``Deidentifier.find`` returns, rules alone and with the tagger
(it once resolved the candidates itself and missed the engine's later steps, e.g. a name's
other casings found elsewhere in the note)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from mednn.privacy.deid import Deidentifier
from mednn.privacy.deid.tagger import WEIGHTS
from mednn.privacy.deid.tagger.model import TokenTagger

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
TEXTS = [
    "Pt John Smith seen on ward 4. JOHN SMITH's wife called; spoke with Grace Fitzgerald (daughter).",
    "seen by dr maple quist today. grace fitzgerald at bedside, tom o'neill to call back 555-201-7733.",
    "Discharged to St. Brigid-Hallam Hospital, Kettering, on 03/14/2024. MRN 00482913.",
    "Spoke with Ms. Orla Ashdown-Pellow re: transfer. ORLA ASHDOWN-PELLOW agrees with plan.",
]


def _load():
    saved = list(sys.path)
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("deid_tagger", BENCHMARKS / "deid_tagger.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path[:] = saved


def test_sweep_scores_what_the_deidentifier_finds():
    bench = _load()
    deid, rows, probabilities, _ = bench._rules_and_taggers(TEXTS, {"shipped": str(WEIGHTS)})
    rules = Deidentifier().fit()
    assert bench._union(deid, rows, None, None) == [[tuple(s) for s in rules.find(t)] for t in TEXTS]
    with_tagger = Deidentifier(tagger=str(WEIGHTS)).fit()
    threshold = TokenTagger.load(WEIGHTS).threshold
    assert bench._union(deid, rows, probabilities["shipped"], threshold) == [
        [tuple(s) for s in with_tagger.find(t)] for t in TEXTS]


def test_decision_benchmark_rescores_only_changed_notes_to_the_full_score(tmp_path):
    """deid_tagger_decision.py rescores a union only on the notes the tagger changes (per-note
    counts): its recall and PPV must be deid_corpus.score's, at one threshold and one per type."""
    notes = [(TEXTS[0], [(3, 13, "PATIENT"), (30, 40, "PATIENT"), (67, 83, "RELATIVE")]),
             (TEXTS[1], [(11, 22, "CLINICIAN"), (30, 46, "RELATIVE"), (59, 70, "RELATIVE"), (84, 96, "PHONE")]),
             (TEXTS[2], [(14, 40, "HOSPITAL"), (42, 51, "CITY"), (56, 66, "DATE"), (72, 80, "ID_MRN")])]
    for i, (text, spans) in enumerate(notes):
        (tmp_path / f"n{i}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"n{i}.ann").write_text("".join(f"T{j}\t{k} {s} {e}\t{text[s:e]}\n"
                                                    for j, (s, e, k) in enumerate(spans)), encoding="utf-8")
    saved = list(sys.path)
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("deid_tagger_decision", BENCHMARKS / "deid_tagger_decision.py")
        decision = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(decision)
    finally:
        sys.path[:] = saved
    decision.DEV_SETS = {99: str(tmp_path)}
    writer = decision.Writer(99, {"shipped": str(WEIGHTS)})
    for threshold in (0.5, 0.99, {"NAME": 0.5, "ID": 0.9}, 2.0):
        quick, full = writer.quick("shipped", threshold), writer.full(writer.union("shipped", threshold))
        assert (quick["recall"], quick["ppv"]) == (full["recall"], full["ppv"]), threshold
    assert writer.union("shipped", 2.0) == writer.rules  # nothing reaches 2: the rules alone

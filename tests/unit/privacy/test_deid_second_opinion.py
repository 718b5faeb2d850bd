"""The tagger as a second opinion on the rules' spans (issue 20, tagger11): a cue-less NAME /
LOCATION span the network scores under the veto level is dropped; a span a cue rule also proposes,
a span of another type, and a span the network doubts are kept; the engine runs it only when asked."""

from __future__ import annotations

import numpy as np
import pytest

from mednn.errors import ConfigError
from mednn.privacy.deid import Deidentifier
from mednn.privacy.deid.tagger import WEIGHTS
from mednn.privacy.deid.tagger.second_opinion import SecondOpinion, span_phi, vetoed

# "Aspirin Clinic Smith 2020": four tokens, P(outside) per token in column 0
OFFSETS = [(0, 7), (8, 14), (15, 20), (21, 25)]
PROBABILITIES = np.array([[0.999, 0.001], [0.995, 0.005], [0.2, 0.8], [0.999, 0.001]])


def test_span_phi_is_the_highest_token_phi_of_the_span():
    assert span_phi(OFFSETS, PROBABILITIES, 0, 7) == pytest.approx(0.001)
    assert span_phi(OFFSETS, PROBABILITIES, 0, 20) == pytest.approx(0.8)
    assert span_phi(OFFSETS, PROBABILITIES, 10, 16) == pytest.approx(0.8)  # partial tokens count
    assert span_phi(OFFSETS, PROBABILITIES, 7, 8) is None  # the blank between two tokens


def test_a_cueless_span_the_tagger_scores_as_clearly_not_phi_is_dropped():
    by_rule = {"allow-list": [(0, 7, "NAME"), (8, 14, "LOCATION"), (15, 20, "NAME")], "date": [(21, 25, "DATE")]}
    kept = vetoed(by_rule, OFFSETS, PROBABILITIES, 0.01)
    assert kept == [(15, 20, "NAME"), (21, 25, "DATE")]  # the doubted name and the date stay
    assert vetoed(by_rule, OFFSETS, PROBABILITIES, 0.003) == [(8, 14, "LOCATION"), (15, 20, "NAME"), (21, 25, "DATE")]


def test_a_span_a_cue_rule_also_proposes_is_never_vetoed_in_the_cueless_scope():
    by_rule = {"allow-list": [(0, 7, "NAME")], "name": [(0, 14, "NAME")]}
    assert vetoed(by_rule, OFFSETS, PROBABILITIES, 0.01) == [(0, 7, "NAME"), (0, 14, "NAME")]
    # every rule's span is open to the veto in the "all" scope (tried, not the default)
    assert vetoed(by_rule, OFFSETS, PROBABILITIES, 0.01, scope="all") == []
    with pytest.raises(ValueError, match="scope"):
        vetoed(by_rule, OFFSETS, PROBABILITIES, 0.01, scope="some")


class _Fixed:
    """A stand-in network: every token clearly outside PHI."""

    info = {"veto": 0.05}

    def probabilities(self, text):
        from mednn.privacy.deid.tagger.features import tokens

        offsets = tokens(text)
        return offsets, np.tile([0.999, 0.001], (len(offsets), 1))


def test_second_opinion_reads_the_level_stored_in_the_weights_and_skips_texts_without_names():
    opinion = SecondOpinion(WEIGHTS)
    opinion._model = _Fixed()
    assert opinion("Zorvex daily.", {"allow-list": [(0, 6, "NAME")]}) == []
    assert opinion("On 01/02/2020.", {"date": [(3, 13, "DATE")]}) == [(3, 13, "DATE")]
    unloaded = SecondOpinion(WEIGHTS)
    assert unloaded("On 01/02/2020.", {"date": [(3, 13, "DATE")]}) == [(3, 13, "DATE")] and unloaded._model is None


def test_the_engine_drops_a_cueless_rule_span_only_with_the_second_opinion():
    # the rules' allow-list reads an unknown capitalised word as a name; with the stand-in network's
    # verdict (clearly not PHI) the second opinion drops it: the rules alone keep it
    text = "Patient tolerated Zorvexamine well overnight."
    rules = Deidentifier().fit()
    by_rule = {r.name: list(r.find(text, rules.lexicon_)) for r in rules.recognizers_}
    cueless = [s for s in by_rule.get("allow-list", []) if s[2] in ("NAME", "LOCATION")]
    assert cueless, "the allow-list no longer proposes the unknown word: pick another planted word"
    assert any(s < cueless[0][1] and cueless[0][0] < e for s, e, _ in rules.find(text))
    deid = Deidentifier(second_opinion=True).fit()
    deid.second_opinion_._model = _Fixed()
    assert not any(s < cueless[0][1] and cueless[0][0] < e for s, e, _ in deid.find(text))


def test_second_opinion_is_english_only_and_needs_its_weights(tmp_path):
    with pytest.raises(ConfigError, match="English only"):
        Deidentifier(second_opinion=True, language="es").fit()
    with pytest.raises(ConfigError, match="not found"):
        Deidentifier(second_opinion=str(tmp_path / "absent.safetensors")).fit()


def test_shipped_veto_level_is_the_one_the_docs_describe():
    import re
    from pathlib import Path

    from mednn.privacy.deid.tagger.model import TokenTagger

    docs = (Path(__file__).resolve().parents[3] / "docs" / "deid.md").read_text(encoding="utf-8")
    stated = re.search(r"shipped weights:\s+writers[^.]*?threshold\s+[\d.]*\d,\s+veto level\s+(\d[\d.]*\d)", docs)
    assert stated, "docs/deid.md lost 'shipped weights: writers A-B, N notes, threshold T, veto level V'"
    assert TokenTagger.load(WEIGHTS).info.get("veto") == float(stated.group(1))

"""The second frozen English de-identification set (benchmarks/deid_make_frozen2.py) is written in
a format benchmarks/deid_corpus.py reads, its gold offsets index the text, and it is the same
set every time for one seed (its sha256 is quoted in docs/deid.md). Only the format is checked:
the de-identifier is never run on this set here.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from mednn.data.brat import read_ann

pytest.importorskip("faker", reason="the generator's surrogates need the 'bench' extra (faker)")
BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def generator():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        yield importlib.import_module("deid_make_frozen2")
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_gold_spans_index_the_text_and_score_perfectly_as_predictions(generator, tmp_path):
    summary = generator.main(["--out", str(tmp_path), "--per-style", "4", "--seed", "3", "--check"])
    assert summary["notes"] == 22 and summary["check"]["recall_overlap"] == 1.0 and summary["check"]["ppv"] == 1.0
    for ann in (tmp_path / "frozen2").glob("*.ann"):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        for annotation in read_ann(ann):
            assert text[annotation.start:annotation.end] == annotation.text


def test_same_seed_same_set_and_a_written_set_is_never_overwritten(generator, tmp_path):
    first = generator.main(["--out", str(tmp_path / "a"), "--per-style", "3", "--seed", "5"])
    second = generator.main(["--out", str(tmp_path / "b"), "--per-style", "3", "--seed", "5"])
    other = generator.main(["--out", str(tmp_path / "c"), "--per-style", "3", "--seed", "6"])
    assert first["sha256"] == second["sha256"] != other["sha256"]
    with pytest.raises(SystemExit):
        generator.main(["--out", str(tmp_path / "a"), "--per-style", "3", "--seed", "5"])

"""The frozen set 4 generator (benchmarks/deid_make_frozen4.py) on a tiny generation: the same seed
gives byte-identical files, another seed different ones, every .ann line is well-formed BRAT whose
text is the .txt slice, only the issue's label names occur, and the manifest agrees with the files."""

from __future__ import annotations

import hashlib
import importlib
import json
import sys
from pathlib import Path

import pytest

from mednn.data.brat import read_brat
from tests.brat_sets import well_formed_spans

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def maker():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        yield importlib.import_module("deid_make_frozen4")
    finally:
        sys.path.remove(str(BENCHMARKS))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_other_seed_other_notes(maker, tmp_path):
    assert maker.main(["--out", str(tmp_path / "a"), "--per-style", "2", "--seed", "7"]) == 0
    assert maker.main(["--out", str(tmp_path / "b"), "--per-style", "2", "--seed", "7"]) == 0
    assert maker.main(["--out", str(tmp_path / "c"), "--per-style", "2", "--seed", "8"]) == 0
    a, b, c = (_files(tmp_path / k) for k in "abc")
    assert a == b
    assert a.keys() == c.keys() and a != c
    assert not list(tmp_path.glob("*.partial"))


def test_every_span_is_the_text_slice_with_a_known_label(maker, tmp_path):
    out = tmp_path / "set"
    maker.main(["--out", str(out), "--per-style", "2", "--seed", "11"])
    labels = set(maker.LABELS)
    notes = sorted(out.glob("*.txt"))
    assert len(notes) == 2 * len(maker.STYLES) == 40
    spans = well_formed_spans(out, labels)
    assert all(spans.values()), "a note has no PHI span"


def test_manifest_counts_hash_and_self_check_agree_with_the_files(maker, tmp_path):
    out = tmp_path / "set"
    maker.main(["--out", str(out), "--per-style", "3", "--seed", "5"])
    manifest = json.loads((out / "frozen4_manifest.json").read_text(encoding="utf-8"))
    counted: dict[str, int] = {}
    for _, _, annotations in read_brat(out):
        for annotation in annotations:
            counted[annotation.type] = counted.get(annotation.type, 0) + 1
    assert {k: v for k, v in manifest["per_type"].items() if v} == counted
    assert set(manifest["per_type"]) == set(maker.LABELS)
    assert manifest["notes"] == 60 and manifest["spans"] == sum(counted.values())
    assert manifest["self_check"] == {"spans_checked": manifest["spans"], "text_equals_slice_mismatches": 0}
    h = hashlib.sha256()
    for p in sorted(out.iterdir()):
        if p.suffix in (".txt", ".ann"):
            h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    assert manifest["sha256"] == h.hexdigest() and manifest["seed"] == 5


def test_refuses_an_existing_folder_and_a_bad_count(maker, tmp_path, capsys):
    (tmp_path / "full").mkdir()
    assert maker.main(["--out", str(tmp_path / "full"), "--per-style", "1"]) == 2
    assert maker.main(["--out", str(tmp_path / "new"), "--per-style", "0"]) == 2
    assert not (tmp_path / "new").exists()
    assert "already exists" in capsys.readouterr().err


def test_casings_and_typos_keep_offsets(maker):
    import random

    text = "Pt Ngozi Okafor seen today with her husband Grant at the clinic"
    spans = [("PATIENT", 3, 15), ("RELATIVE", 44, 49)]
    for mode in ("upper", "lower", "mixed", "normal"):
        out = maker.add_typos(maker.recase(text, mode, random.Random(0)), spans, random.Random(1), rate=0.5)
        assert len(out) == len(text)
        assert out[3:15].lower() == "ngozi okafor" and out[44:49].lower() == "grant"

"""The frozen9 set generator (benchmarks/deid_make_frozen9.py): deterministic, valid BRAT offsets,
the documented label set, and a manifest whose self-check and hash match the files."""

from __future__ import annotations

import hashlib
import importlib
import json
import sys
from pathlib import Path

import pytest

from mednn.data.brat import read_ann
from tests.brat_sets import well_formed_spans

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def make():
    sys.path.insert(0, str(BENCH))
    try:
        yield importlib.import_module("deid_make_frozen9")
    finally:
        sys.path.remove(str(BENCH))


def test_same_seed_gives_identical_files_and_another_seed_differs(make, tmp_path):
    first = make.generate(tmp_path / "a", per_style=1, seed=7)
    second = make.generate(tmp_path / "b", per_style=1, seed=7)
    other = make.generate(tmp_path / "c", per_style=1, seed=8)
    assert first["sha256"] == second["sha256"]
    assert first["sha256"] != other["sha256"]
    for path in sorted((tmp_path / "a").glob("*.txt")):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()


def test_every_span_matches_its_text_slice_and_uses_a_known_label(make, tmp_path):
    manifest = make.generate(tmp_path, per_style=1, seed=3)
    notes = well_formed_spans(tmp_path, set(make.LABELS))
    seen = {annotation.type for annotations in notes.values() for annotation in annotations}
    assert manifest["self_check"] == {"spans_checked": manifest["spans"], "mismatched": 0, "ok": True}
    assert len(seen) >= 20


def test_manifest_counts_and_hash_agree_with_the_files(make, tmp_path):
    manifest = make.generate(tmp_path, per_style=2, seed=11)
    on_disk = json.loads((tmp_path / "frozen9_manifest.json").read_text())
    assert on_disk == manifest
    txts = sorted(tmp_path.glob("*.txt"))
    assert manifest["notes"] == len(txts) == 2 * len(make.WRITERS)
    assert set(manifest["per_style"]) == set(make.WRITERS)
    counted = sum(len(read_ann(p.with_suffix(".ann"))) for p in txts)
    assert manifest["spans"] == counted == sum(manifest["per_type"].values())
    digest = hashlib.sha256()
    for path in sorted(list(txts) + [p.with_suffix(".ann") for p in txts]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    assert manifest["sha256"] == digest.hexdigest()


def test_surrogate_lists_are_large_and_varied():
    sys.path.insert(0, str(BENCH))
    try:
        names = importlib.import_module("deid_frozen9_names")
    finally:
        sys.path.remove(str(BENCH))
    assert len(names.FIRST) >= 300 and len(names.LAST) >= 300
    for word in ("Hope", "Grant", "Stone", "Ivy", "Will", "Sue"):
        assert word in names.FIRST or word in names.LAST
    assert any(n.startswith("van der ") for n in names.LAST)
    assert any(n.startswith("O'") for n in names.LAST)


def test_cli_refuses_a_bad_count_with_exit_2(make, tmp_path, capsys):
    assert make.main(["--out", str(tmp_path / "x"), "--per-style", "0"]) == 2
    assert "--per-style" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()

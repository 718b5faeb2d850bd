"""The seventh frozen de-identification set generator: deterministic, exact offsets, BRAT format."""

import importlib
import json
import sys
from pathlib import Path

import pytest

from mednn.data.brat import read_ann
from tests.brat_sets import well_formed_spans

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def gen():
    sys.path.insert(0, str(BENCH))
    try:
        yield importlib.import_module("deid_make_frozen7")
    finally:
        sys.path.remove(str(BENCH))


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(Path(folder).iterdir())}


def test_same_seed_gives_identical_files_and_other_seed_differs(gen, tmp_path):
    a = gen.write_set(tmp_path / "a", 1, 7)
    b = gen.write_set(tmp_path / "b", 1, 7)
    c = gen.write_set(tmp_path / "c", 1, 8)
    assert a["sha256"] == b["sha256"]
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert a["sha256"] != c["sha256"]


def test_every_span_is_a_trimmed_slice_with_a_known_type(gen, tmp_path):
    m = gen.write_set(tmp_path, 1, 11)
    txts = sorted(tmp_path.glob("*.txt"))
    assert len(txts) == m["notes"] == len(gen.STYLES) == sum(m["per_style"].values())
    notes = well_formed_spans(tmp_path, gen.TYPES)
    assert all(notes.values()), "a note has no PHI"
    seen = {annotation.type for annotations in notes.values() for annotation in annotations}
    total = sum(map(len, notes.values()))
    assert total == m["spans"] == sum(m["per_type"].values())
    assert m["self_check"]["spans_checked"] == total
    assert len(seen) >= 20  # one note per kind already reaches most types


def test_manifest_is_written_and_self_check_catches_a_moved_span(gen, tmp_path):
    gen.write_set(tmp_path, 1, 3)
    manifest = json.loads((tmp_path / "frozen7_manifest.json").read_text())
    assert manifest["seed"] == 3 and manifest["set"] == "frozen7"
    ann = sorted(tmp_path.glob("*.ann"))[0]
    first = read_ann(ann)[0]
    ann.write_text(f"{first.id}\t{first.type} {first.start + 1} {first.end + 1}\t{first.text}\n")
    with pytest.raises(SystemExit, match="does not equal"):
        gen.self_check(tmp_path)


def test_notes_are_ascii_so_casing_keeps_offsets(gen):
    import random

    for name in sorted(gen.STYLES):
        text, spans, region = gen.make_note(name, random.Random(name))
        assert text.isascii() and region in set(gen.REGIONS)
        assert all(0 <= a < b <= len(text) for _t, a, b in spans)


def test_surrogate_lists_are_large_and_varied():
    sys.path.insert(0, str(BENCH))
    try:
        names = importlib.import_module("deid_frozen7_names")
    finally:
        sys.path.remove(str(BENCH))
    assert len(set(names.FIRST)) >= 300
    assert len(set(names.SURNAMES) | set(names.MULTI_SURNAMES)) >= 300
    for word in ("Hope", "Grant", "Ward", "Bishop", "Joy", "Faith", "Ivy"):
        assert word in names.FIRST or word in names.SURNAMES
    assert any(s.startswith(("van der", "de la", "bin ", "O'", "Mc", "Fitz")) for s in names.MULTI_SURNAMES)


def test_cli_refuses_a_zero_per_style(gen, tmp_path, capsys):
    assert gen.main(["--out", str(tmp_path / "x"), "--per-style", "0"]) == 2
    assert "--per-style" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_cli_refuses_a_non_empty_folder_and_writes_into_an_empty_one(gen, tmp_path, capsys):
    (tmp_path / "old.txt").write_text("stale")
    assert gen.main(["--out", str(tmp_path), "--per-style", "1"]) == 2
    assert "not empty" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.txt"]
    assert gen.main(["--out", str(tmp_path / "new"), "--per-style", "1", "--seed", "5"]) == 0
    assert (tmp_path / "new" / "frozen7_manifest.json").exists()

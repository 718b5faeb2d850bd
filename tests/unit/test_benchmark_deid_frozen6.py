"""The sixth frozen de-identification set's generator: deterministic, exact BRAT offsets, whole output.

Generates one note per kind (34 notes) into tmp_path; never reads the held-out set itself.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import deid_make_frozen6 as maker  # noqa: E402
from deid_frozen6_names import FIRST_NAMES, MULTI_SURNAMES, SURNAMES  # noqa: E402

ANN_LINE = re.compile(r"^T(\d+)\t([A-Z_]+) (\d+) (\d+)\t(.+)$")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    out = tmp_path_factory.mktemp("f6") / "set"
    manifest = maker.write_set(out, per_style=1, seed=7)
    return out, manifest


def test_same_seed_gives_the_same_files_and_another_seed_does_not(tiny, tmp_path):
    out, manifest = tiny
    again = maker.write_set(tmp_path / "again", per_style=1, seed=7)
    other = maker.write_set(tmp_path / "other", per_style=1, seed=8)
    assert again["sha256"] == manifest["sha256"] == maker.digest(out)
    assert other["sha256"] != manifest["sha256"]
    for txt in sorted(out.glob("*.txt")):
        assert (tmp_path / "again" / txt.name).read_bytes() == txt.read_bytes()


def test_every_ann_line_points_at_its_own_text_without_overlap(tiny):
    out, manifest = tiny
    seen_types, n_spans = set(), 0
    for ann in sorted(out.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        last_end, numbers = -1, []
        for line in ann.read_text(encoding="utf-8").splitlines():
            match = ANN_LINE.match(line)
            assert match, f"{ann.name}: not BRAT: {line!r}"
            number, kind, start, end, piece = match.groups()
            start, end = int(start), int(end)
            assert kind in maker.TYPES
            assert text[start:end] == piece and piece == piece.strip()
            assert start >= last_end, f"{ann.name}: overlapping spans at {start}"
            last_end, numbers = end, numbers + [int(number)]
            seen_types.add(kind)
            n_spans += 1
        assert numbers == list(range(1, len(numbers) + 1))
    assert n_spans == manifest["spans"] == sum(manifest["per_type"].values())
    assert manifest["self_check"] == {"spans_checked": n_spans, "mismatches": 0, "ok": True}
    assert len(seen_types) >= 20


def test_manifest_counts_every_kind_once_per_style(tiny):
    out, manifest = tiny
    on_disk = json.loads((out / "frozen6_manifest.json").read_text())
    assert on_disk == manifest
    assert manifest["notes"] == len(maker.STYLES) == len(list(out.glob("*.txt"))) == len(list(out.glob("*.ann")))
    assert set(manifest["per_style"]) == set(maker.STYLES) and set(manifest["per_style"].values()) == {1}
    assert manifest["seed"] == 7


def test_span_check_finds_overlaps_padding_and_unknown_types():
    text = "Seen by Hope Grant on 3/4."
    assert maker.check_spans(text, [("CLINICIAN", 8, 18), ("DATE", 22, 25)]) == []
    problems = maker.check_spans(text, [("CLINICIAN", 7, 18), ("DATE", 15, 25), ("NAME", 0, 4)])
    assert any("bad span" in p for p in problems) and any("overlap" in p for p in problems)
    assert any("unknown type NAME" in p for p in problems)


def test_cli_refuses_a_used_folder_and_a_zero_count_with_exit_2(tiny, tmp_path, capsys):
    out, _ = tiny
    assert maker.main(["--out", str(out), "--per-style", "1"]) == 2
    assert "not empty" in capsys.readouterr().err
    assert maker.main(["--out", str(tmp_path / "x"), "--per-style", "0"]) == 2
    assert not (tmp_path / "x").exists()


def test_hand_written_name_lists_are_large_and_hold_word_names_and_particles():
    assert len(set(FIRST_NAMES)) >= 300 and len(set(SURNAMES)) >= 300
    for word in ["Hope", "Grace", "Will", "Bill", "Sue", "Pat", "Guy", "Dawn", "Ivy"]:
        assert word in FIRST_NAMES
    for word in ["Payne", "Bishop", "Temple", "Moss", "Marsh", "Sterling", "Cash"]:
        assert word in SURNAMES
    for particle in ["van der ", "de la ", "bin ", "O'", "Mc", "Fitz"]:
        assert any(particle in name for name in MULTI_SURNAMES)

"""The frozen held-out English set 3 generator: deterministic bytes, BRAT offsets that match the
text, the exact label set, check digits that hold, and one-line refusals of bad arguments."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

pytest.importorskip("faker")

from mednn.data.brat import read_ann  # noqa: E402
from tests.brat_sets import well_formed_spans  # noqa: E402

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
import deid_frozen3_surrogates as sur  # noqa: E402
import deid_make_frozen3 as frozen3  # noqa: E402



@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    out = tmp_path_factory.mktemp("f3") / "set"
    return out, frozen3.generate(out, per_style=2, seed=5)


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tiny, tmp_path):
    out, manifest = tiny
    again = frozen3.generate(tmp_path / "again", per_style=2, seed=5)
    other = frozen3.generate(tmp_path / "other", per_style=2, seed=6)
    assert again["sha256"] == manifest["sha256"]
    for path in sorted(out.glob("*.txt")):
        assert path.read_bytes() == (tmp_path / "again" / path.name).read_bytes()
    assert other["sha256"] != manifest["sha256"]


def test_manifest_counts_match_the_files(tiny):
    out, manifest = tiny
    on_disk = json.loads((out / frozen3.MANIFEST).read_text(encoding="utf-8"))
    assert on_disk == manifest
    assert manifest["notes"] == 2 * len(frozen3.STYLES) == len(list(out.glob("*.txt")))
    assert manifest["self_check"] == {"spans_checked": manifest["spans"], "mismatches": 0,
                                      "first_mismatches": [], "ok": True}
    assert sorted(manifest["per_type"]) == sorted(frozen3.LABELS) and len(frozen3.LABELS) == 29
    assert sum(s["spans"] for s in manifest["per_style"].values()) == manifest["spans"]


def test_every_span_is_a_trimmed_slice_and_spans_do_not_overlap(tiny):
    out, manifest = tiny
    for txt in sorted(out.glob("*.txt")):
        assert "\r" not in txt.read_bytes().decode("utf-8")
    notes = well_formed_spans(out, frozen3.LABELS)
    assert sum(map(len, notes.values())) == manifest["spans"]


def test_npi_and_dea_numbers_carry_valid_check_digits():
    rng = random.Random(0)
    for _ in range(200):
        npi = sur.npi(rng)[0][0]
        digits = [int(c) for c in "80840" + npi]
        total = sum(d if i % 2 == 0 else (2 * d - 9 if 2 * d > 9 else 2 * d) for i, d in enumerate(reversed(digits)))
        assert len(npi) == 10 and total % 10 == 0
        person = sur.person(rng)
        dea = sur.dea(rng, person)[0][0]
        d = [int(c) for c in dea[2:]]
        assert dea[1] == person.last[0].upper() and (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


def test_a_state_or_weekday_alone_is_never_annotated(tiny):
    out, _ = tiny
    for ann in out.glob("*.ann"):
        for annotation in read_ann(ann):
            assert annotation.text.lower() not in {"monday", "tuesday", "wed", "ohio", "texas", "medicare", "kentucky"}


@pytest.mark.parametrize("argv_tail", [["--per-style", "0"], ["--per-style", "2", "--seed", "1"]])
def test_bad_arguments_get_one_line_and_exit_2(tmp_path, capsys, argv_tail):
    out = tmp_path / "busy"
    out.mkdir()
    (out / "keep.txt").write_text("x", encoding="utf-8")
    assert frozen3.main(["--out", str(out), *argv_tail]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--" in err
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]

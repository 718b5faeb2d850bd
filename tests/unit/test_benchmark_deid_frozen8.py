"""The frozen8 de-identification set generator: deterministic, exact BRAT offsets, one label set."""

import importlib
import json
import sys
from pathlib import Path

import pytest

from tests.brat_sets import well_formed_spans

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def gen():
    sys.path.insert(0, str(BENCH))
    try:
        yield importlib.import_module("deid_make_frozen8")
    finally:
        sys.path.remove(str(BENCH))


@pytest.fixture(scope="module")
def tiny(gen, tmp_path_factory):
    out = tmp_path_factory.mktemp("frozen8_a")
    return out, gen.generate(out, per_style=1, seed=7)


def test_same_seed_same_files_and_hash_other_seed_differs(gen, tiny, tmp_path):
    out, manifest = tiny
    again = gen.generate(tmp_path / "b", per_style=1, seed=7)
    assert again["sha256"] == manifest["sha256"]
    for txt in sorted(out.glob("*.txt")):
        assert (tmp_path / "b" / txt.name).read_bytes() == txt.read_bytes()
    assert gen.generate(tmp_path / "c", per_style=1, seed=8)["sha256"] != manifest["sha256"]


def test_every_span_is_the_text_slice_inside_the_note_and_spans_do_not_overlap(gen, tiny):
    out, manifest = tiny
    n_spans = sum(map(len, well_formed_spans(out, set(gen.LABELS), numbered=False).values()))
    assert n_spans == manifest["spans"] == sum(manifest["per_type"].values())
    assert manifest["self_check"] == {"spans_checked": n_spans, "mismatches": 0, "ok": True}


def test_manifest_names_every_note_kind_and_label_and_is_written(gen, tiny):
    out, manifest = tiny
    on_disk = json.loads((out / "frozen8_manifest.json").read_text(encoding="utf-8"))
    assert on_disk == manifest
    assert manifest["notes"] == len(gen.STYLES) == len(list(out.glob("*.txt"))) >= 40
    assert set(manifest["per_type"]) == set(gen.LABELS) and len(gen.LABELS) == 29
    assert set(manifest["per_style"]) == set(gen.STYLES)
    assert sum(manifest["per_locale"].values()) == manifest["notes"] and len(manifest["per_locale"]) >= 5
    assert sorted(p.stem for p in out.glob("*.txt")) == sorted(p.stem for p in out.glob("*.ann"))


def test_a_medium_run_reaches_every_label(gen, tmp_path):
    manifest = gen.generate(tmp_path, per_style=3, seed=11)
    assert all(n > 0 for n in manifest["per_type"].values()), manifest["per_type"]


def test_surrogate_lists_are_large_and_the_generator_never_reads_the_engine(gen):
    names = importlib.import_module("deid_frozen8_names")
    assert len(names.FIRST_NAMES) >= 300 and len(names.SURNAMES) >= 300
    for path in BENCH.glob("deid_*frozen8*.py"):
        source = path.read_text(encoding="utf-8")
        assert "mednn" not in source.replace("mednn's", "") and "faker" not in source.lower(), path.name
        assert len(source.splitlines()) <= 600, path.name


def test_cli_refuses_a_non_positive_count_with_exit_2(gen, tmp_path, capsys):
    assert gen.main(["--out", str(tmp_path / "x"), "--per-style", "0"]) == 2
    assert "--per-style" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()

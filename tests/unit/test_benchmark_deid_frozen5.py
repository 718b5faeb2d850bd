"""The fifth frozen de-identification set generator: deterministic, exact offsets, BRAT format.

The generator lives in benchmarks/ (not in mednn); these tests load it from its file and only
generate small sets in a temporary folder (plus one full regeneration to prove the frozen set's
checksum can still be reproduced).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from tests.brat_sets import well_formed_spans

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
FROZEN_SHA256 = "db534632bc610f04c0599103ee3f02a0b90a6ae9b5400e0f888c65dc640ae9b3"


def _load(name: str):
    # benchmarks/ holds scripts named like packages (medmnist.py): put it on the path only while loading
    saved = list(sys.path)
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = saved
    return module


@pytest.fixture(scope="module")
def make():
    return _load("deid_make_frozen5")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_gives_identical_files_and_other_seed_differs(make, tmp_path):
    first = make.generate(tmp_path / "a", 1, seed=11)
    second = make.generate(tmp_path / "b", 1, seed=11)
    other = make.generate(tmp_path / "c", 1, seed=12)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert first["sha256"] == second["sha256"] != other["sha256"]
    assert first["notes"] == len(make.STYLES)


def test_every_span_matches_its_text_and_uses_the_label_set(make, tmp_path):
    manifest = make.generate(tmp_path / "set", 2, seed=5)
    folder = tmp_path / "set"
    total = sum(map(len, well_formed_spans(folder, make.TYPES).values()))
    for txt in sorted(folder.glob("*.txt")):
        assert re.fullmatch(r"[a-z_]+_\d{3}", txt.stem) and txt.stem.rsplit("_", 1)[0] in make.STYLES
    assert manifest["spans"] == total == manifest["self_check"]["spans_checked"]
    assert manifest["self_check"]["mismatches"] == 0
    assert sum(manifest["per_type"].values()) == total
    assert sum(s["spans"] for s in manifest["per_style"].values()) == total


def test_manifest_on_disk_and_refusal_of_a_non_empty_folder(make, tmp_path, capsys):
    out = tmp_path / "set"
    assert make.main(["--out", str(out), "--per-style", "1", "--seed", "3"]) == 0
    manifest = json.loads((out / "frozen5_manifest.json").read_text(encoding="utf-8"))
    assert {"notes", "spans", "per_type", "per_style", "seed", "sha256", "self_check"} <= set(manifest)
    assert manifest["seed"] == 3 and list(manifest["per_type"]) == make.TYPES
    before = _files(out)
    assert make.main(["--out", str(out), "--per-style", "1", "--seed", "4"]) == 2
    assert "not empty" in capsys.readouterr().err
    assert _files(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".frozen5_")]


def test_frozen_set_is_reproducible_with_at_least_60_spans_per_type(make, tmp_path):
    manifest = make.generate(tmp_path / "frozen", 14, seed=20261209)
    assert manifest["sha256"] == FROZEN_SHA256
    assert manifest["notes"] == 518
    assert min(manifest["per_type"].values()) >= 60


def test_identifier_surrogates_carry_valid_check_digits():
    ids = _load("deid_frozen5_ids")
    surrogates = _load("deid_frozen5_surrogates")
    import random

    for seed in range(30):
        g = surrogates.Gen(random.Random(seed))
        digits = [int(d) for d in ids.nhs_number(g).replace(" ", "")]
        assert (11 - sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11) % 11 == digits[9]
        npi = re.search(r"\x02(\d{10})\x03", ids.npi(g)).group(1)
        luhn = [int(d) for d in "80840" + npi]
        total = sum(d if i % 2 == 0 else sum(divmod(2 * d, 10)) for i, d in enumerate(reversed(luhn)))
        assert total % 10 == 0
        dea = re.search(r"\x02([A-Z]{2})(\d{7})\x03", ids.dea(g, "Okafor"))
        d = [int(x) for x in dea.group(2)]
        assert dea.group(1)[1] == "O"
        assert (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


def test_own_name_lists_are_large_and_varied():
    names = _load("deid_frozen5_names")
    assert len(set(names.FIRST_NAMES)) >= 300 and len(set(names.all_surnames())) >= 300
    surnames = set(names.all_surnames())
    assert {"Hope", "Payne", "Blood", "Nurse", "Cough", "London", "Florence"} <= surnames
    assert any(s.startswith(("da ", "bin ", "ben ", "Mac ", "ap ")) for s in surnames)
    assert any("-" in s for s in surnames)

"""Dataset shift: the training profile of each modality and a site checked against it.

Sites are generated with a known shift (a column 90% missing, one written as 0, values out of
range, unseen categories, brighter images, short notes) and without one: each shift must be
found, by check and column, with counts, and never with a value of the data; the same
distribution must raise nothing.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from mednn.data.base import Dataset, Task
from mednn.evaluation.shift import check_shift, training_profile
from mednn.evaluation.shift.sketch import distance, merged_bins

PLANTED = "Patientname"  # a category text that must never reach a profile or a message
ODD_VALUE = 987.654  # a value that must never be echoed


def _table(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "age": rng.normal(60, 10, n).round(1), "chol": rng.normal(220, 40, n).round(),
        "bp": rng.normal(130, 15, n).round(), "sex": rng.choice(["F", "M"], n),
        "ward": rng.choice(["cardio", "renal", PLANTED], n),
    })


def _dataset(frame_or_inputs, modality="tabular", n=None):
    n = len(frame_or_inputs) if n is None else n
    return Dataset(inputs=frame_or_inputs, targets=np.zeros(n, dtype=np.int64), task=Task("binary", ("no", "yes")),
                   ids=np.arange(n), modality=modality)


@pytest.fixture(scope="module")
def table_profile():
    from mednn.featurizers.tabular import TabularFeaturizer

    train = _dataset(_table(600, 0))
    featurizer = TabularFeaturizer().fit(train)
    return training_profile(train, featurizer, "tabular"), featurizer


def _by_check(result) -> dict[str, list]:
    out: dict[str, list] = {}
    for row in result.rows:
        out.setdefault(row.check, []).append(row)
    return out


def test_the_profile_holds_statistics_and_hashed_categories_never_a_category(table_profile):
    profile, _ = table_profile
    text = json.dumps(profile)
    assert PLANTED not in text and "cardio" not in text
    assert profile["split"] == "train" and profile["n"] == 600
    ward = profile["columns"]["ward"]
    assert ward["kind"] == "categorical" and ward["n_categories"] == 3 and len(ward["shares"]) == 3
    assert all(len(key) == 12 for key in ward["shares"])
    age = profile["columns"]["age"]
    assert age["kind"] == "numeric" and age["missing"] == 0.0 and len(age["bin_shares"]) == len(age["bin_edges"]) + 1
    assert age["range"][0] < 40 < 80 < age["range"][1]
    assert sum(age["bin_shares"]) == pytest.approx(1.0)


def test_a_site_like_training_raises_nothing(table_profile):
    profile, featurizer = table_profile
    for n, seed in ((400, 1), (40, 2)):  # a small site is not called shifted for its noise
        result = check_shift(profile, _dataset(_table(n, seed)), featurizer)
        assert result.rows == [] and result.findings == [], [f.line() for f in result.findings]
        assert result.summary["checked"] and result.summary["columns"] == 5


def test_a_shifted_site_is_named_by_check_and_column_with_counts_and_no_values(table_profile):
    profile, featurizer = table_profile
    site = _table(200, 3)
    site.loc[:179, "chol"] = np.nan  # 90% missing (a few % would be normal)
    site["bp"] = 0.0  # missing written as 0
    site.loc[:59, "age"] = ODD_VALUE  # out of the training range
    site.loc[:29, "ward"] = "icu-" + site.loc[:29, "ward"].astype(str)  # categories training never saw
    result = check_shift(profile, _dataset(site), featurizer)
    checks = _by_check(result)
    assert [(r.column, r.count, r.n, r.severity) for r in checks["missing"]] == [("chol", 180, 200, "warning")]
    assert [(r.column, r.count, r.severity) for r in checks["all_zero"]] == [("bp", 200, "warning")]
    [age] = checks["out_of_range"]  # the 60 planted, and the odd one the site has anyway
    assert (age.column, age.severity) == ("age", "warning") and 60 <= age.count <= 64
    assert [(r.column, r.count, r.severity) for r in checks["unseen_categories"]] == [("ward", 30, "warning")]
    assert "bp" not in {r.column for r in checks.get("distance", [])}  # all-zero is said once, not three times
    lines = [f.line() for f in result.findings]
    assert all(f.id == "dataset_shift" and f.severity == "warning" for f in result.findings)
    by_column = {c: f for f in result.findings for c in f.columns}
    assert "180 of 200 rows, 90%" in by_column["chol"].message
    assert "written as 0" in by_column["bp"].message and "200 of 200" in by_column["bp"].message
    assert "3 unseen categories" in by_column["ward"].message
    text = json.dumps(result.summary) + "\n".join(lines)
    for value in (PLANTED, "icu-", "987", "cardio"):
        assert value not in text


def test_missing_share_thresholds(table_profile):
    profile, featurizer = table_profile
    for missing, expected in ((0.04, None), (0.15, "info"), (0.70, "warning")):
        site = _table(200, 4)
        site.loc[:int(missing * 200) - 1, "chol"] = np.nan
        rows = [r for r in check_shift(profile, _dataset(site), featurizer).rows if r.check == "missing"]
        assert [r.severity for r in rows] == ([expected] if expected else [])


def test_a_distribution_moved_inside_the_range_is_a_distance(table_profile):
    profile, featurizer = table_profile
    site = _table(300, 5)
    site["age"] = np.random.default_rng(5).normal(72, 4, 300).round(1)  # older, inside the training range
    rows = {r.check: r for r in check_shift(profile, _dataset(site), featurizer).rows if r.column == "age"}
    assert rows["distance"].severity == "warning" and rows["distance"].site > 0.25


def test_no_profile_is_said_once():
    result = check_shift(None, _dataset(_table(20, 0)), None)
    assert [f.id for f in result.findings] == ["dataset_shift"] and "not checked" in result.findings[0].message
    assert result.summary == {"checked": False}


def test_profiling_consumes_no_random_state(table_profile):
    import random

    import torch

    from mednn.featurizers.tabular import TabularFeaturizer

    train = _dataset(_table(300, 6))
    featurizer = TabularFeaturizer().fit(train)
    states = (np.random.get_state()[1].copy(), random.getstate(), torch.get_rng_state().clone())
    training_profile(train, featurizer, "tabular")
    assert (np.random.get_state()[1] == states[0]).all() and random.getstate() == states[1]
    assert torch.equal(torch.get_rng_state(), states[2])


def _images(n: int, seed: int, brightness: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 120, (n, 1, 16, 16)).astype(np.int16) + brightness
    x[: n // 2, :, 4:12, 4:12] += 100
    return np.clip(x, 0, 255).astype(np.uint8)


def test_images_with_shifted_intensities_are_found():
    from mednn.featurizers.images import ImageFeaturizer

    train = _dataset(_images(120, 0), "images")
    featurizer = ImageFeaturizer().fit(train)
    profile = training_profile(train, featurizer, "images")
    assert profile["context"]["channels"] == 1 and profile["context"]["shape"] == [16, 16]
    same = check_shift(profile, _dataset(_images(60, 1), "images"), featurizer)
    assert same.findings == [], [f.line() for f in same.findings]
    brighter = check_shift(profile, _dataset(_images(60, 2, brightness=90), "images"), featurizer)
    flagged = {(r.column, r.check) for r in brighter.rows if r.severity == "warning"}
    assert ("image brightness", "out_of_range") in flagged and ("pixel intensity", "distance") in flagged
    black = check_shift(profile, _dataset(np.zeros((30, 1, 16, 16), np.uint8), "images"), featurizer)
    assert {("image brightness", "all_zero"), ("pixel intensity", "all_zero")} <= {(r.column, r.check)
                                                                                   for r in black.rows}


NOTE = ("patient admitted with chest pain and shortness of breath, troponin raised, started on aspirin and "
        "heparin, echo shows reduced ejection fraction, plan angiography tomorrow and review by cardiology")


def _notes(n: int, seed: int, words=(15, 30), vocabulary: list[str] | None = None) -> list[str]:
    rng = np.random.default_rng(seed)
    pool = vocabulary or NOTE.replace(",", "").split()
    return [" ".join(rng.choice(pool, int(rng.integers(*words)))) for _ in range(n)]


def test_short_notes_and_another_vocabulary_are_found():
    from mednn.featurizers.text import TfidfFeaturizer

    train = _dataset(_notes(200, 0) + [f"{PLANTED} seen once"], "text")
    featurizer = TfidfFeaturizer().fit(train)
    profile = training_profile(train, featurizer, "text")
    assert PLANTED.lower() not in json.dumps(profile).lower()
    assert profile["context"]["vocabulary_size"] == len(set(NOTE.replace(",", "").split()))  # once-seen words: out
    assert check_shift(profile, _dataset(_notes(80, 1), "text"), featurizer).findings == []
    short = check_shift(profile, _dataset(_notes(80, 2, words=(2, 6)), "text"), featurizer)
    assert ("note length (words)", "out_of_range") in {(r.column, r.check) for r in short.rows}
    other = _notes(80, 3, vocabulary="patient vu aux urgences pour douleur thoracique et dyspnée".split())
    coverage = [r for r in check_shift(profile, _dataset(other, "text"), featurizer).rows
                if r.column == "vocabulary coverage"]
    assert coverage and all(r.severity == "warning" for r in coverage)


def test_novel_scaffolds_are_a_note_and_heavier_molecules_a_warning():
    pytest.importorskip("rdkit")
    from mednn.featurizers.molecules import ECFPFeaturizer

    rings = ["c1ccccc1", "C1CCCCC1", "c1ccncc1", "C1CCNCC1"]
    train = _dataset([f"{ring}{'C' * k}O" for ring in rings for k in range(1, 11)] * 2, "molecules")
    featurizer = ECFPFeaturizer().fit(train)
    profile = training_profile(train, featurizer, "molecules")
    assert "c1ccccc1" not in json.dumps(profile)  # scaffolds are stored hashed
    site = _dataset([f"c1ccc2ccccc2c1{'C' * k}{'c3ccccc3' * 2}" for k in range(1, 31)], "molecules")
    rows = check_shift(profile, site, featurizer).rows
    scaffold = [r for r in rows if r.column.startswith("scaffold")]
    assert scaffold and all(r.severity == "info" for r in scaffold)  # novel chemistry is expected, capped
    assert any(r.column == "molecular weight" and r.severity == "warning" for r in rows)


def test_distance_is_small_for_the_same_distribution_and_merges_sparse_bins():
    rng = np.random.default_rng(0)
    shares = np.full(20, 0.05)
    counts = np.bincount(rng.integers(0, 20, 1000), minlength=20)
    psi, p = distance(shares, 5000, counts)
    assert psi < 0.05 and p > 0.001
    assert all(len(group) == 4 for group in merged_bins(shares, 25))  # 25 values: 5 expected per merged bin
    shifted = np.zeros(20)
    shifted[:5] = 200
    psi, p = distance(shares, 5000, shifted)
    assert psi > 1 and p < 1e-10


def test_a_light_last_bin_joins_the_one_before():
    groups = merged_bins(np.array([0.5, 0.45, 0.05]), 10)  # the site expects 5, 4.5 and 0.5 values
    assert groups == [[0], [1, 2]]
    assert sorted(i for g in merged_bins(np.full(20, 0.05), 7) for i in g) == list(range(20))


@pytest.mark.parametrize("n, renamed", [(100, 9), (1110, 100), (1000, 25)])
def test_an_unseen_category_in_a_few_percent_of_rows_is_a_warning_with_its_count(table_profile, n, renamed):
    """One renamed category ('never-smoked' for 'never smoked') in 9% of 100 rows, 100 of 1,110
    or 25 of 1,000 rows is a warning line, not a silent note: each of these rows gets an all-zero
    one-hot block the model never saw."""
    profile, featurizer = table_profile
    site = _table(n, 7)
    site.loc[:renamed - 1, "ward"] = "cardio-new"
    result = check_shift(profile, _dataset(site), featurizer)
    [row] = _by_check(result)["unseen_categories"]
    assert (row.column, row.count, row.severity) == ("ward", renamed, "warning")
    [finding] = [f for f in result.findings if "ward" in f.columns]
    assert finding.severity == "warning" and f"{renamed} of {n} rows" in finding.message


def test_an_unseen_category_in_four_rows_is_not_flagged(table_profile):
    profile, featurizer = table_profile
    site = _table(1000, 8)
    site.loc[:3, "ward"] = "cardio-new"
    assert "unseen_categories" not in _by_check(check_shift(profile, _dataset(site), featurizer))


def test_a_renamed_category_of_a_meta_column_is_unseen_at_the_site():
    """Trial 4, item 7: data.meta_columns (the subgroups) are profiled too; a site writing gender
    F/M where training wrote Female/Male is a dataset_shift naming the column, counts only."""
    from mednn.featurizers.tabular import TabularFeaturizer

    def with_meta(frame, gender):
        dataset = _dataset(frame)
        dataset.meta = {"gender": np.asarray(gender, dtype=object)}
        return dataset

    rng = np.random.default_rng(7)
    train = with_meta(_table(600, 0), rng.choice(["Female", "Male"], 600))
    featurizer = TabularFeaturizer().fit(train)
    profile = training_profile(train, featurizer, "tabular")
    assert profile["columns"]["gender"]["kind"] == "categorical"
    same = check_shift(profile, with_meta(_table(300, 1), rng.choice(["Female", "Male"], 300)), featurizer)
    assert "gender" not in {r.column for r in same.rows}
    renamed = check_shift(profile, with_meta(_table(300, 2), rng.choice(["F", "M"], 300)), featurizer)
    [row] = [r for r in renamed.rows if r.column == "gender" and r.check == "unseen_categories"]
    assert (row.count, row.n, row.severity) == (300, 300, "warning")
    [finding] = [f for f in renamed.findings if "gender" in f.columns and "unseen" in f.message]
    assert finding.id == "dataset_shift" and "'F'" not in finding.message and "Female" not in finding.message


def test_a_profile_without_the_meta_columns_says_they_were_not_checked(table_profile):
    profile, featurizer = table_profile  # profiled without meta columns, as runs trained before them
    site = _dataset(_table(100, 4))
    site.meta = {"gender": np.array(["F", "M"] * 50, dtype=object)}
    result = check_shift(profile, site, featurizer)
    [said] = [f for f in result.findings if "gender" in f.columns]
    assert said.severity == "info" and "not checked" in said.message and "'F'" not in said.message

"""Splits: class ratios, patient-level separation, determinism, and the errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mednn.data.base import Dataset, Task
from mednn.data.splits import SPLITTERS, leakage_report, resolve_split_method, split_indices
from mednn.errors import DataError


def make(targets, task=None, groups=None, split=None, inputs=None):
    targets = np.asarray(targets)
    n = len(targets)
    if task is None:
        task = Task("binary", ("neg", "pos"))
    if inputs is None:
        inputs = pd.DataFrame({"x": np.arange(n, dtype=float)})
    return Dataset(
        inputs=inputs,
        targets=targets,
        task=task,
        ids=np.array([f"row-{i}" for i in range(n)], dtype=object),
        groups=None if groups is None else np.asarray(groups, dtype=object),
        split=None if split is None else np.asarray(split, dtype=object),
        notes={"label_columns": ["y"]},
    )


def check_partition(parts, n):
    joined = np.concatenate([parts["train"], parts["val"], parts["test"]])
    assert len(joined) == n and len(np.unique(joined)) == n


def test_stratified_keeps_class_ratios():
    rng = np.random.default_rng(1)
    targets = rng.permutation(np.array([0] * 700 + [1] * 300))
    parts = split_indices(make(targets), "stratified", 0.15, 0.2, seed=3)
    check_partition(parts, 1000)
    assert (len(parts["train"]), len(parts["val"]), len(parts["test"])) == (650, 150, 200)
    for name, size in (("val", 150), ("test", 200)):
        assert abs(targets[parts[name]].sum() - 0.3 * size) <= 1


def test_stratified_multiclass_with_a_rare_class_keeps_it_in_train():
    targets = np.array([0] * 50 + [1] * 40 + [2])
    task = Task("multiclass", ("a", "b", "c"))
    parts = split_indices(make(targets, task), "stratified", 0.15, 0.2, seed=0)
    check_partition(parts, 91)
    assert 2 in targets[parts["train"]]


def test_same_seed_same_indices_other_seed_differs():
    targets = np.tile([0, 1, 1, 0, 0], 40)
    ds = make(targets, groups=[f"p{i // 2}" for i in range(200)])
    for method in ("stratified", "random", "group"):
        a = split_indices(ds, method, 0.15, 0.2, seed=7)
        b = split_indices(ds, method, 0.15, 0.2, seed=7)
        c = split_indices(ds, method, 0.15, 0.2, seed=8)
        for name in a:
            np.testing.assert_array_equal(a[name], b[name])
        assert any(not np.array_equal(a[k], c[k]) for k in a), method


@pytest.mark.parametrize("seed", range(8))
def test_group_split_never_shares_a_patient(seed):
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 6, size=80)  # 80 patients with 1..5 samples each
    groups = np.repeat([f"P{i}" for i in range(80)], sizes)
    targets = np.repeat(rng.integers(0, 2, size=80), sizes)
    ds = make(targets, groups=groups)
    parts = split_indices(ds, "group", 0.15, 0.2, seed=seed)
    check_partition(parts, len(groups))
    sets = {k: set(groups[v]) for k, v in parts.items()}
    assert not (sets["train"] & sets["val"]) and not (sets["train"] & sets["test"]) and not (sets["val"] & sets["test"])
    report = leakage_report(ds, parts)
    assert report["shared_groups"] == {"train-val": 0, "train-test": 0, "val-test": 0}
    # sizes and class balance follow the fractions (within a few samples)
    n = len(groups)
    assert abs(len(parts["test"]) - 0.2 * n) <= 6 and abs(len(parts["val"]) - 0.15 * n) <= 6
    rate = targets.mean()
    assert abs(targets[parts["test"]].mean() - rate) < 0.1


@pytest.mark.parametrize("seed", range(4))
def test_group_split_spreads_patients_with_several_rows_over_the_splits(seed):
    # trial 15: 90 of 300 patients with a second visit; the greedy cut gave training 88 of them
    # (test 2, validation 0), so the test set measured only patients seen once
    sizes = np.array([2] * 90 + [1] * 210)
    groups = np.repeat([f"P{i}" for i in range(300)], sizes)
    targets = np.repeat(np.random.default_rng(seed).integers(0, 2, size=300), sizes)
    parts = split_indices(make(targets, groups=groups), "group", 0.15, 0.2, seed=seed)
    repeated = {s: int((np.unique(groups[idx], return_counts=True)[1] > 1).sum()) for s, idx in parts.items()}
    assert sum(repeated.values()) == 90
    assert 9 <= repeated["test"] <= 27 and 6 <= repeated["val"] <= 21, repeated  # 18 and 13.5 expected
    assert abs(len(parts["test"]) - 0.2 * len(groups)) <= 6


def test_auto_resolution():
    targets = np.array([0, 1] * 20)
    assert resolve_split_method(make(targets)) == "stratified"
    assert resolve_split_method(make(targets, groups=[str(i) for i in range(40)])) == "group"
    assert resolve_split_method(make(targets, split=["train"] * 40)) == "file"
    regression = make(np.zeros((40, 1), dtype=np.float32), Task("regression", ("y",)))
    assert resolve_split_method(regression) == "random"
    assert resolve_split_method(make(targets), "random") == "random"


def test_file_split_uses_the_column_and_carves_val_from_train():
    targets = np.array([0, 1] * 50)
    split = np.array(["train"] * 80 + ["test"] * 20)
    parts = split_indices(make(targets, split=split), "file", 0.15, 0.2, seed=0)
    np.testing.assert_array_equal(parts["test"], np.arange(80, 100))
    assert len(parts["val"]) == 15 and set(parts["val"]) <= set(range(80))
    check_partition(parts, 100)
    assert targets[parts["val"]].sum() in (7, 8)


def test_file_split_carves_by_patient_when_groups_exist():
    targets = np.array([0, 1] * 50)
    groups = np.array([f"p{i // 4}" for i in range(100)])
    split = np.array(["train"] * 80 + ["test"] * 20)
    parts = split_indices(make(targets, groups=groups, split=split), "file", 0.15, 0.2, seed=0)
    assert not set(groups[parts["val"]]) & set(groups[parts["train"]])


def test_single_class_in_training_split_is_an_error():
    targets = np.array([0] * 30 + [1] * 10)
    split = np.array(["train"] * 30 + ["val"] * 5 + ["test"] * 5)
    with pytest.raises(DataError, match="Label 'y' has a single class in the training split"):
        split_indices(make(targets, split=split), "file", 0.15, 0.2, seed=0)


def test_too_few_samples_or_groups():
    with pytest.raises(DataError, match="too few"):
        split_indices(make(np.array([0, 1, 0])), "stratified", 0.15, 0.2, seed=0)
    with pytest.raises(DataError, match="3 patients"):
        split_indices(make(np.array([0, 1] * 10), groups=["a", "b", "c"] * 6 + ["a", "b"]), "group", 0.15, 0.2, 0)
    with pytest.raises(DataError, match="patient_column"):
        split_indices(make(np.array([0, 1] * 10)), "group", 0.15, 0.2, 0)
    with pytest.raises(DataError, match="split_column"):
        split_indices(make(np.array([0, 1] * 10)), "file", 0.15, 0.2, 0)


def test_multilabel_and_regression_split():
    rng = np.random.default_rng(0)
    multi = rng.integers(0, 2, size=(60, 2)).astype(np.float32)
    multi[::7, 1] = np.nan
    parts = split_indices(make(multi, Task("multilabel", ("a", "b"))), "stratified", 0.15, 0.2, 0)
    check_partition(parts, 60)
    regression = make(rng.normal(size=(60, 1)).astype(np.float32), Task("regression", ("y",)))
    check_partition(split_indices(regression, "auto", 0.15, 0.2, 0), 60)


def test_leakage_report_counts_duplicate_rows_and_shared_groups():
    inputs = pd.DataFrame({"x": [1.0, 2.0, 3.0, 1.0, 5.0, 2.0], "c": ["a", "b", "c", "a", "e", "b"]})
    ds = make(np.array([0, 1, 0, 1, 0, 1]), groups=["p1", "p2", "p3", "p1", "p4", "p5"], inputs=inputs)
    parts = {"train": np.array([0, 1]), "val": np.array([2, 3]), "test": np.array([4, 5])}
    report = leakage_report(ds, parts)
    assert report["duplicate_rows"] == {"train-val": 1, "train-test": 1, "val-test": 0}
    assert report["shared_groups"] == {"train-val": 1, "train-test": 0, "val-test": 0}
    assert report["clean"] is False
    arrays = make(np.array([0, 1, 0, 1]), inputs=np.array([[1, 2], [3, 4], [1, 2], [5, 6]]))
    small = {"train": np.array([0, 1]), "val": np.array([2]), "test": np.array([3])}
    assert leakage_report(arrays, small)["duplicate_rows"]["train-val"] == 1


def test_splitter_registry_accepts_new_methods():
    @SPLITTERS.register("every-third-test")
    def _split(dataset, val_fraction, test_fraction, seed):
        idx = np.arange(len(dataset))
        return {"train": idx[idx % 3 == 0], "val": idx[idx % 3 == 1], "test": idx[idx % 3 == 2]}

    try:
        parts = split_indices(make(np.array([0, 1] * 15)), "every-third-test", 0.15, 0.2, 0)
        np.testing.assert_array_equal(parts["test"], np.arange(2, 30, 3))
    finally:
        SPLITTERS._entries.pop("every-third-test")
    with pytest.raises(Exception, match="did you mean 'random'"):
        split_indices(make(np.array([0, 1] * 10)), "randm", 0.15, 0.2, 0)

import numpy as np
import pandas as pd

from mednn.data.base import Dataset, Task
from mednn.data.quality import duplicate_report, inspect_dataset


def _dataset(frame, y, groups=None):
    return Dataset(inputs=frame, targets=np.asarray(y), task=Task("binary", ("no", "yes")),
                   ids=np.array([f"r{i}" for i in range(len(y))], dtype=object),
                   groups=None if groups is None else np.asarray(groups, dtype=object))


def test_duplicates_and_conflicting_labels():
    frame = pd.DataFrame({"a": [1, 1, 2, 2, 3, 4], "b": [0, 0, 5, 5, 6, 7]})
    y = [0, 0, 0, 1, 1, 0]  # rows 0/1 agree, rows 2/3 disagree
    report = duplicate_report(_dataset(frame, y))
    assert report == {"duplicate_samples": 2, "duplicate_groups": 2, "groups_with_conflicting_labels": 1}


def test_findings_name_imbalance_leakage_and_duplicates_without_values():
    rng = np.random.default_rng(0)
    n = 200
    frame = pd.DataFrame({"age": rng.integers(20, 90, n).astype(float), "marker": rng.normal(size=n)})
    frame.loc[150, :] = frame.loc[10, :]  # an exact copy, later in the test split
    y = (np.arange(n) % 10 == 0).astype(int)  # 10% positives
    groups = [f"p{i // 2}" for i in range(n)]
    # rows 120 / 121 belong to patient p60: one in train, one in val
    splits = {"train": np.arange(0, 121), "val": np.arange(121, 140), "test": np.arange(140, 200)}
    report = inspect_dataset(_dataset(frame, y, groups), splits)
    ids = [f.id for f in report["findings"]]
    assert "class_imbalance" in ids and "split_leakage" in ids and "duplicate_samples" in ids
    text = " ".join(f.message for f in report["findings"])
    assert "imbalanced" in text and "'yes'" in text
    assert report["leakage"]["shared_groups"]["train-val"] == 1 and "patients appear" in text
    assert report["leakage"]["duplicate_rows"]["train-test"] == 1
    marker_value = f"{frame.loc[10, 'marker']:.3f}"
    assert marker_value not in text  # counts and names only


def test_a_class_with_few_validation_or_test_samples_is_flagged():
    # trial3 item 11: the threshold rested on 5 validation deaths and the metrics on 6 test deaths
    rng = np.random.default_rng(1)
    n = 200
    frame = pd.DataFrame({"age": rng.normal(60, 10, n), "marker": rng.normal(size=n)})
    y = np.zeros(n, dtype=int)
    y[:40] = 1  # 40 'yes' in train
    y[140:145] = 1  # 5 in val
    y[170:176] = 1  # 6 in test
    splits = {"train": np.arange(0, 140), "val": np.arange(140, 170), "test": np.arange(170, 200)}
    small = [f for f in inspect_dataset(_dataset(frame, y), splits)["findings"] if f.id == "class_too_small"]
    assert [(f.count, f.severity) for f in small] == [(5, "warning"), (6, "warning")]
    assert "5 val samples" in small[0].message and "threshold" in small[0].message
    assert "6 test samples" in small[1].message
    y[140:155] = 1  # 15 in val, and 12 in test: nothing to say
    y[170:182] = 1
    assert not [f for f in inspect_dataset(_dataset(frame, y), splits)["findings"] if f.id == "class_too_small"]


def test_several_small_classes_are_one_finding_per_split():
    # trial 7: a 20-class note set printed 41 class_too_small lines
    rng = np.random.default_rng(2)
    n = 300
    frame = pd.DataFrame({"age": rng.normal(60, 10, n), "marker": rng.normal(size=n)})
    y = np.zeros(n, dtype=int)
    y[200:300] = np.tile([1, 2, 3, 4], 25)  # val and test: 12-13 of each rare class
    y[:200:50] = [1, 2, 3, 4]  # one of each rare class in train
    dataset = Dataset(inputs=frame, targets=y, task=Task("multiclass", ("a", "b", "c", "d", "e")),
                      ids=np.array([f"r{i}" for i in range(n)], dtype=object))
    splits = {"train": np.arange(0, 200), "val": np.arange(200, 250), "test": np.arange(250, 300)}
    small = [f for f in inspect_dataset(dataset, splits)["findings"] if f.id == "class_too_small"]
    assert len(small) == 3 and small[0].count == 4  # one line per split, not one per class and split
    assert "4 classes have fewer than" in small[0].message and "'b' (1)" in small[0].message


def test_several_small_test_classes_are_their_metrics_not_its():
    # trial 15: "2 classes have fewer than 10 test samples: ...; its test metrics rest on them"
    n = 300
    frame = pd.DataFrame({"age": np.random.default_rng(3).normal(60, 10, n)})
    y = np.tile([0, 1, 2], 100)
    y[250:] = 0
    y[250:258] = [1, 2, 1, 2, 1, 2, 1, 2]  # test: 'b' and 'c' have 4 samples each
    dataset = Dataset(inputs=frame, targets=y, task=Task("multiclass", ("a", "b", "c")),
                      ids=np.array([f"r{i}" for i in range(n)], dtype=object))
    splits = {"train": np.arange(0, 200), "val": np.arange(200, 250), "test": np.arange(250, 300)}
    (small,) = [f for f in inspect_dataset(dataset, splits)["findings"]
                if f.id == "class_too_small" and "test samples" in f.message]
    assert "2 classes have fewer than" in small.message and "; their test metrics rest on them" in small.message


def test_a_rare_class_is_never_said_to_be_zero_percent():
    """Trial 8: 2 of 779 training notes read "'LABS' is 0% of the training split"."""
    n = 779
    frame = pd.DataFrame({"a": np.arange(n, dtype=float)})
    y = (np.arange(n) < 2).astype(int)
    report = inspect_dataset(_dataset(frame, y), {"train": np.arange(n), "val": np.arange(0), "test": np.arange(0)})
    [finding] = [f for f in report["findings"] if f.id == "class_imbalance"]
    assert "'yes' is 0.3% of the training split" in finding.message

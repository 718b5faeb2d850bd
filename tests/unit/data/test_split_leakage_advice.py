"""split_leakage says the right fix when data.patient_column is already set (trial5 #10): identical
rows across splits are then different patients' rows (or one patient under two ids), and a
patient in two splits comes from the file's own split column. Also: a skipped ARFF line is a line (#13)."""

import numpy as np
import pandas as pd

from mednn.data.base import Dataset, Task
from mednn.data.quality import inspect_dataset

SPLITS = {"train": np.arange(0, 60), "val": np.arange(60, 80), "test": np.arange(80, 100)}


def _leak_messages(groups=None, split=None) -> list[str]:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"a": rng.normal(size=100), "b": rng.normal(size=100)})
    frame.iloc[90] = frame.iloc[5]  # a test row identical to a train row
    dataset = Dataset(inputs=frame, targets=np.arange(100) % 2, task=Task("binary", ("no", "yes")),
                      ids=np.array([f"row-{i}" for i in range(100)], dtype=object),
                      groups=None if groups is None else np.asarray(groups, dtype=object), split=split)
    return [f.message for f in inspect_dataset(dataset, SPLITS)["findings"] if f.id == "split_leakage"]


def test_without_patients_the_fix_is_the_patient_column():
    [message] = _leak_messages()
    assert "set data.patient_column" in message


def test_with_patients_identical_rows_are_other_patients_not_a_missing_patient_column():
    [message] = _leak_messages(groups=[f"p{i}" for i in range(100)])
    assert "set data.patient_column" not in message and "different patients" in message


def test_a_patient_in_two_splits_of_the_files_split_column_points_at_that_column():
    groups = [f"p{i}" for i in range(100)]
    groups[85] = "p3"  # patient p3: a train row and a test row
    split = np.array(["train"] * 60 + ["val"] * 20 + ["test"] * 20, dtype=object)
    messages = _leak_messages(groups=groups, split=split)
    shared = [m for m in messages if "patients appear" in m]
    assert len(shared) == 1 and "data.split_column" in shared[0] and "set data.patient_column" not in shared[0]


def test_one_skipped_arff_line_is_named_as_a_line_and_inspect_names_no_run_directory():
    frame = pd.DataFrame({"a": np.arange(40.0)})
    dataset = Dataset(inputs=frame, targets=np.arange(40) % 2, task=Task("binary", ("no", "yes")),
                      ids=np.array([f"row-{i}" for i in range(40)], dtype=object))
    dataset.notes["skipped"] = [{"row": 515, "reason": "26 fields, expected 25"}]
    splits = {"train": np.arange(30), "val": np.arange(30, 35), "test": np.arange(35, 40)}
    [inspected] = [f for f in inspect_dataset(dataset, splits)["findings"] if f.id == "skipped_inputs"]
    assert "1 data line could not be read and was skipped (line 515)" in inspected.message
    assert "files" not in inspected.message and "run directory" not in inspected.message
    [in_run] = [f for f in inspect_dataset(dataset, splits, in_run=True)["findings"] if f.id == "skipped_inputs"]
    assert "run directory" in in_run.message

"""Zeros written for missing values are a training finding (trial5 #7): insulin 0 in half the Pima
rows passed silently. Counts that start at 0 and 0/1 flags are not flagged."""

import numpy as np
import pandas as pd

from mednn.data.base import Dataset, Task
from mednn.data.quality import inspect_dataset, zeros_far_below


def _table(n: int = 300, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    insulin = rng.integers(14, 600, n).astype(float)
    insulin[: n // 2] = 0  # half the rows: "not measured" written as 0
    bmi = rng.normal(32, 6, n).clip(18, 60).round(1)
    bmi[:4] = 0
    return pd.DataFrame({"insulin": insulin, "bmi": bmi, "pregnancies": rng.poisson(3, n).astype(float),
                         "smoker": rng.integers(0, 2, n).astype(float), "marker": rng.normal(size=n)})


def test_zeros_far_below_the_other_values_are_counted_and_counts_are_not():
    frame = _table()
    assert zeros_far_below(frame["insulin"].to_numpy()) == 150
    assert zeros_far_below(frame["bmi"].to_numpy()) == 4
    for name in ("pregnancies", "smoker", "marker"):  # a count from 0, a 0/1 flag, negative values
        assert zeros_far_below(frame[name].to_numpy()) == 0, name


def test_the_training_findings_name_the_columns_with_counts_and_the_key():
    frame = _table()
    y = np.arange(len(frame)) % 2
    dataset = Dataset(inputs=frame, targets=y, task=Task("binary", ("no", "yes")),
                      ids=np.array([f"r{i}" for i in range(len(y))], dtype=object))
    report = inspect_dataset(dataset, {"train": np.arange(200), "val": np.arange(200, 250),
                                       "test": np.arange(250, 300)})
    found = [f for f in report["findings"] if f.id == "zeros_as_missing"]
    assert len(found) == 1 and found[0].columns == ("insulin",) and found[0].count == 150
    assert "'insulin' (150 rows, 50%)" in found[0].message and "'pregnancies'" in found[0].message
    assert "data.missing_values" in found[0].message
    # a BMI cannot be 0: its zeros are named once, by impossible_values, as "0 probably means missing"
    (impossible,) = [f for f in report["findings"] if f.id == "impossible_values"]
    assert impossible.columns == ("bmi",) and impossible.count == 4 and "0 probably means missing" in impossible.message


def test_a_few_plausible_zeros_are_a_note_not_a_warning():
    """breast-cancer Wisconsin: 13 cells of zero concavity (2%) pass the gap test, but a cell with
    no concavity is possible: below 5% of rows in every flagged column the finding is a note."""
    from sklearn.datasets import load_breast_cancer

    frame = load_breast_cancer(as_frame=True).frame
    y = frame.pop("target").to_numpy()
    dataset = Dataset(inputs=frame, targets=y, task=Task("binary", ("0", "1")),
                      ids=np.array([f"r{i}" for i in range(len(y))], dtype=object))
    n = len(y)
    report = inspect_dataset(dataset, {"train": np.arange(n - 100), "val": np.arange(n - 100, n - 50),
                                       "test": np.arange(n - 50, n)})
    found = [f for f in report["findings"] if f.id == "zeros_as_missing"]
    assert len(found) == 1 and found[0].severity == "info" and "'mean concavity' (13 rows, 2%)" in found[0].message
    assert [f for f in _findings_of_table() if f.id == "zeros_as_missing"][0].severity == "warning"


def _findings_of_table():
    frame = _table()
    y = np.arange(len(frame)) % 2
    dataset = Dataset(inputs=frame, targets=y, task=Task("binary", ("no", "yes")),
                      ids=np.array([f"r{i}" for i in range(len(y))], dtype=object))
    return inspect_dataset(dataset, {"train": np.arange(200), "val": np.arange(200, 250),
                                     "test": np.arange(250, 300)})["findings"]

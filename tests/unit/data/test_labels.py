"""The shared label rules (mednn.data.labels): positive class by name, coding against a run."""

from __future__ import annotations

import numpy as np
import pytest

from mednn.data.base import Dataset, Task
from mednn.data.labels import class_targets, positive_by_name, recode_to_task
from mednn.errors import DataError


@pytest.mark.parametrize("pair, positive", [
    (("healthy", "disease"), "disease"), (("negative", "positive"), "positive"),
    (("benign", "malignant"), "malignant"), (("no", "yes"), "yes"), (("false", "true"), "true"),
    (("normal", "pneumonia"), "pneumonia"), (("alive", "dead"), "dead"), (("red", "blue"), None),
    (("ckd", "notckd"), "ckd"), (("diabetic", "non-diabetic"), "diabetic"), (("event", "no_event"), "event"),
    (("not sure", "sure"), "sure"), (("nonsmoker", "smoker"), "smoker"), (("note", "te"), None),
    (("low", "high"), "high"), (("low risk", "high risk"), "high risk"), (("low", "normal"), "low"),
])
def test_positive_by_name(pair, positive):
    assert positive_by_name(list(pair)) == positive
    assert positive_by_name(list(pair[::-1])) == positive


def test_class_targets_numbers_take_the_larger_value_and_text_sorts():
    notes: dict = {}
    task, y = class_targets(["2", "1", "2"], column="c", source="f", kind=None, class_names=None,
                            positive_class=None, notes=notes)
    assert task.class_names == ("1", "2") and y.tolist() == [1, 0, 1] and "larger" in notes["positive_class"]
    task, _ = class_targets(["b", "a"], column="c", source="f", kind=None, class_names=None,
                            positive_class=None, notes={})
    assert task.class_names == ("a", "b")


def _ds(names, targets):
    return Dataset(inputs=np.zeros((len(targets), 1)), targets=np.array(targets), task=Task("binary", names),
                   ids=np.arange(len(targets)), source="x")


def test_recode_to_task_reorders_and_refuses_unknown_classes():
    run = Task("binary", ("healthy", "disease"))
    ds = recode_to_task(_ds(("disease", "healthy"), [0, 1, 1]), run)
    assert ds.task == run and ds.targets.tolist() == [1, 0, 0]
    with pytest.raises(DataError, match="2 sample"):
        recode_to_task(_ds(("healthy", "other"), [1, 1, 0]), run)


def test_a_numeric_label_with_fractions_is_read_as_regression(tmp_path):
    import pandas as pd

    from mednn.config import DataConfig
    from mednn.data.readers import read_dataset

    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"a": rng.normal(size=60), "total_updrs": np.linspace(5, 40, 60).round(2)})
    frame.to_csv(tmp_path / "t.csv", index=False)
    ds = read_dataset(DataConfig(path=str(tmp_path / "t.csv"), label="total_updrs"))
    assert ds.task.kind == "regression" and ds.targets.dtype.kind == "f"
    np.testing.assert_allclose(ds.targets.ravel(), frame["total_updrs"].to_numpy())
    assert "regression" in ds.notes["task_inferred"]


@pytest.mark.parametrize("values", [["0", "1", "2", "3"] * 5, ["0.0", "1.0", "2.0"] * 5])
def test_whole_numbers_stay_ambiguous(values):
    with pytest.raises(DataError, match="cannot tell the task"):
        class_targets(values, column="grade", source="f", kind=None, class_names=None, positive_class=None, notes={})


def test_unique_whole_numbers_are_still_refused_as_class_names():
    with pytest.raises(DataError, match="like an identifier"):
        class_targets([str(10_000_000 + 7 * i) for i in range(100)], column="outcome", source="f", kind=None,
                      class_names=None, positive_class=None, notes={})

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

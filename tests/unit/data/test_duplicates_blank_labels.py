"""Multi-task labels: a blank is unknown, not a conflict (trial 6, defect 6). Identical inputs
whose labels agree wherever both are known are copies: drop_conflicting keeps one, with the
labels any copy knows."""

import numpy as np

from mednn.data.base import Task
from mednn.data.duplicates import resolve_duplicates

NAN = np.nan


def _resolve(targets, policy="drop_conflicting", kind="multilabel"):
    targets = np.array(targets, dtype=np.float32)
    return resolve_duplicates(["CCO", "CCO", "CCN"], targets, Task(kind, ("a", "b")), policy=policy,
                              rows=np.arange(3), what="molecules", source="x.csv", modality="molecules")


def test_a_blank_is_not_a_conflict_and_the_known_values_are_merged():
    out = _resolve([[1, NAN], [1, 0], [0, 1]])
    assert [f.id for f in out.findings] == ["duplicates_removed"]
    assert out.notes["duplicate_label_conflicts"] == 0
    assert out.keep.tolist() == [0, 2]
    assert out.targets.tolist() == [[1, 0], [0, 1]]  # row 0's blank filled from its copy


def test_keep_first_also_takes_the_known_values():
    out = _resolve([[NAN, 1], [0, NAN], [0, 1]], policy="keep_first")
    assert out.keep.tolist() == [0, 2] and out.targets.tolist() == [[0, 1], [0, 1]]


def test_known_values_that_disagree_still_conflict():
    out = _resolve([[1, NAN], [0, 0], [0, 1]])
    assert out.notes["duplicate_label_conflicts"] == 1
    assert out.keep.tolist() == [2]


def test_multi_target_regression_blanks_are_unknown_too():
    out = _resolve([[1.5, NAN], [NAN, 2.0], [0, 1]], kind="regression")
    assert out.notes["duplicate_label_conflicts"] == 0 and out.targets.tolist()[0] == [1.5, 2.0]


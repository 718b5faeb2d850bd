"""A class of one row named nearly as another is a typo finding (trial5 #12), and the label screen
runs on the other classes instead of saying it needs 2 classes with 2+ samples when they exist."""

import numpy as np
import pandas as pd

from mednn.data.base import Dataset, Task
from mednn.data.label_issues import label_issues
from mednn.data.label_typos import label_typo_findings, near_name


def test_near_names_are_typos_case_and_spaces_and_numbers_are_not():
    assert near_name("daed", "dead") and near_name("Dead ", "dead") and near_name("alvie", "alive")
    assert near_name("diabetic", "diabetc") and not near_name("dead", "alive")
    assert not near_name("1", "2") and near_name("cat", "bat ")  # one edit of a 3-letter word


def _dataset(labels: list[str], ids=None) -> Dataset:
    names = tuple(sorted(set(labels)))
    y = np.array([names.index(v) for v in labels])
    return Dataset(inputs=pd.DataFrame({"a": np.arange(len(y), dtype=float)}), targets=y,
                   task=Task("multiclass" if len(names) > 2 else "binary", names),
                   ids=np.array(ids or [f"row-{i + 2}" for i in range(len(y))], dtype=object))


def test_a_one_row_class_near_a_big_one_is_named_with_its_row_and_the_label_map():
    labels = ["dead"] * 40 + ["alive"] * 60
    labels[7] = "daed"
    [finding] = label_typo_findings(_dataset(labels))
    assert finding.id == "label_typo" and finding.count == 1
    assert "'daed'" in finding.message and "'dead'" in finding.message and "row-9" in finding.message
    assert "data.label_map: {'alive': 'alive', 'daed': 'dead', 'dead': 'dead'}" in finding.message


def test_classes_of_their_own_and_id_column_values_are_not_listed():
    assert label_typo_findings(_dataset(["a1x"] * 50 + ["b2y"] * 50 + ["c3z"])) == []  # not near a name
    labels = ["dead"] * 40 + ["alive"] * 59 + ["daed"]
    [finding] = label_typo_findings(_dataset(labels, ids=[f"MRN{i:05d}" for i in range(100)]))
    assert "MRN" not in finding.message


def test_the_label_screen_runs_without_a_class_of_one_sample():
    rng = np.random.default_rng(0)
    x = np.vstack([rng.normal(-2, 1, (60, 3)), rng.normal(2, 1, (60, 3)), rng.normal(0, 1, (1, 3))])
    y = np.array([0] * 60 + [1] * 60 + [2])
    found = label_issues(x, y, ("alive", "dead", "daed"), ids=np.array([f"row-{i}" for i in range(121)]))
    assert found["n_suspect"] is not None and found["n_checked"] == 120
    assert "'daed'" in found["note"] and "needs at least 2 classes" not in found["note"]


def test_a_small_real_class_one_letter_from_another_is_no_typo():
    """MTS-Dialog: 5 GYNHX (gynaecological history) notes beside 282 GENHX are a real class."""
    from mednn.data.base import Dataset, Task
    from mednn.data.label_typos import label_typo_findings

    names = ("GENHX", "GYNHX", "CC")
    y = np.array([0] * 282 + [1] * 5 + [2] * 77)
    dataset = Dataset(inputs=[f"note {i}" for i in range(len(y))], targets=y, task=Task("multiclass", names),
                      ids=np.array([f"r{i}" for i in range(len(y))], dtype=object))
    assert label_typo_findings(dataset) == []


def test_two_typos_give_one_finding_with_one_label_map_that_fixes_both():
    """Trial 8: 'Healthy' and 'diabetis' gave two warnings, each with a full data.label_map fixing
    only its own typo (applying one kept the other); with an id column the rows went unnamed."""
    labels = ["diabetes"] * 60 + ["healthy"] * 100
    labels[4], labels[9] = "Healthy", "diabetis"
    [finding] = label_typo_findings(_dataset(labels, ids=[f"P{i:04d}" for i in range(160)]))
    assert finding.count == 2 and "'Healthy'" in finding.message and "'diabetis'" in finding.message
    assert ("data.label_map: {'Healthy': 'healthy', 'diabetes': 'diabetes', 'diabetis': 'diabetes', "
            "'healthy': 'healthy'}") in finding.message
    assert "#5" in finding.message and "#10" in finding.message and "P00" not in finding.message
    assert finding.message.count("fix:") == 1


def test_many_rare_classes_named_alike_are_no_typos():
    """27 one-row classes each one letter from a class of 31 rows are a label of rare classes
    (class_too_small counts them), not 27 typos (found by tests/hostile/test_columns.py)."""
    from mednn.data.label_typos import MAX_TYPO_CLASSES

    assert MAX_TYPO_CLASSES == 3
    classes = [f"grp{chr(97 + i // 26)}{chr(97 + i % 26)}x" for i in range(30)]
    labels = [classes[i] if i < 30 else classes[i % 3] for i in range(120)]
    assert label_typo_findings(_dataset(labels)) == []
    assert [f.id for f in label_typo_findings(_dataset(["dead"] * 40 + ["alive"] * 40 + ["daed"]))] == ["label_typo"]

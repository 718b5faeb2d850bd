"""Identical inputs are never handled silently: data.duplicates decides what is kept (notes,
tables, molecules), every removed row is in one finding with removed: true, and kept rows plus
removed rows equal the rows read."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mednn.config import DataConfig
from mednn.findings import FindingWarning
from mednn.data.duplicates import resolve_duplicates
from mednn.data.readers import read_dataset
from mednn.errors import ConfigError, DataError

# notes filed twice: same label (a copy) or two specialties (a conflict), like MTSamples
NOTES = [("knee arthroscopy, torn meniscus", "Orthopedic"),      # 0  conflict with 3
         ("chest pain, troponin negative", "Cardiology"),        # 1  copy of 4
         ("laparoscopic cholecystectomy", "Surgery"),            # 2
         ("knee arthroscopy, torn meniscus", "Surgery"),         # 3
         ("chest pain, troponin negative", "Cardiology"),        # 4
         ("colonoscopy with biopsy", "Gastroenterology"),        # 5
         ("knee arthroscopy, torn meniscus", "Orthopedic"),      # 6  conflict group (3 rows)
         ("atrial fibrillation, rate control", "Cardiology"),    # 7
         ("hip replacement", "Orthopedic"),                      # 8
         ("hernia repair", "Surgery")]                           # 9


def _notes(tmp_path):
    path = tmp_path / "notes.csv"
    pd.DataFrame([{"id": f"n{i}", "text": t, "specialty": s} for i, (t, s) in enumerate(NOTES)]).to_csv(path, index=False)
    return path


def _read_notes(path, **keys):
    return read_dataset(DataConfig(format="text", path=str(path), label="specialty", id_column="id", **keys))


def _removed_rows(findings):
    rows = [r for f in findings if f.removed for r in f.rows]
    assert len(rows) == len(set(rows)), "a removed row is counted in two findings"
    return set(rows)


def _kept_rows(ds):
    return {int(i[1:]) for i in ds.ids}


@pytest.mark.parametrize("policy", ["drop_conflicting", "keep_first", "merge_labels", "keep_all"])
def test_kept_plus_removed_rows_equal_the_rows_read(tmp_path, policy):
    with pytest.warns(FindingWarning, match=r"\[conflicting_duplicates\]"):
        ds = _read_notes(_notes(tmp_path), duplicates=policy)
    kept, removed = _kept_rows(ds), _removed_rows(ds.findings)
    assert kept | removed == set(range(len(NOTES))) and not kept & removed
    conflict = [f for f in ds.findings if f.id == "conflicting_duplicates"]
    assert len(conflict) == 1 and "knee" not in conflict[0].message  # counts, never a text


def test_drop_conflicting_is_the_default_for_notes(tmp_path):
    with pytest.warns(FindingWarning):
        ds = _read_notes(_notes(tmp_path))
    assert _kept_rows(ds) == {1, 2, 5, 7, 8, 9}
    conflict = next(f for f in ds.findings if f.id == "conflicting_duplicates")
    assert conflict.removed and conflict.rows == (0, 3, 6) and conflict.count == 3
    assert "merge_labels" in conflict.message
    copies = next(f for f in ds.findings if f.id == "duplicates_removed")
    assert copies.rows == (4,) and copies.severity == "info"
    assert ds.notes["duplicates_removed"] == 4 and ds.notes["duplicate_label_conflicts"] == 1


def test_keep_first_keeps_the_first_label(tmp_path):
    with pytest.warns(FindingWarning):
        ds = _read_notes(_notes(tmp_path), duplicates="keep_first")
    first = list(ds.ids).index("n0")
    assert ds.task.class_names[ds.targets[first]] == "Orthopedic" and len(ds) == 7


def test_merge_labels_makes_a_multilabel_target(tmp_path):
    with pytest.warns(FindingWarning):
        ds = _read_notes(_notes(tmp_path), duplicates="merge_labels")
    assert ds.task.kind == "multilabel" and len(ds) == 7
    knee = ds.targets[list(ds.ids).index("n0")]
    names = list(ds.task.class_names)
    assert knee[names.index("Orthopedic")] == 1 and knee[names.index("Surgery")] == 1 and knee.sum() == 2


def test_merge_labels_refuses_a_binary_target_with_the_key(tmp_path):
    path = tmp_path / "b.csv"
    pd.DataFrame({"text": ["same note"] * 2 + ["other note"], "y": [0, 1, 0]}).to_csv(path, index=False)
    with pytest.raises(ConfigError, match="data.duplicates: drop_conflicting or keep_first"):
        read_dataset(DataConfig(format="text", path=str(path), label="y", duplicates="merge_labels"))


def test_refuse_names_the_rows(tmp_path):
    with pytest.raises(DataError, match=r"rows 5, 6, 8"):  # file rows (header = row 1) of the repeats
        _read_notes(_notes(tmp_path), duplicates="refuse")


def test_table_rows_with_conflicting_labels_are_kept_by_default_and_reported(tmp_path):
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"age": rng.integers(20, 90, 30), "sex": rng.choice(["F", "M"], 30),
                          "y": rng.integers(0, 2, 30)})
    frame.loc[10] = [frame.loc[2, "age"], frame.loc[2, "sex"], 1 - frame.loc[2, "y"]]
    path = tmp_path / "t.csv"
    frame.to_csv(path, index=False)
    with pytest.warns(FindingWarning, match="conflicting_duplicates"):
        ds = read_dataset(DataConfig(format="csv", path=str(path), label="y"))
    assert len(ds) == 30
    conflict = next(f for f in ds.findings if f.id == "conflicting_duplicates")
    assert not conflict.removed and {2, 10} <= set(conflict.rows)
    with pytest.warns(FindingWarning):
        dropped = read_dataset(DataConfig(format="csv", path=str(path), label="y", duplicates="drop_conflicting"))
    assert len(dropped) + len(_removed_rows(dropped.findings)) == 30


def test_molecules_with_the_same_structure_and_different_labels(tmp_path):
    pytest.importorskip("rdkit")
    path = tmp_path / "m.csv"
    path.write_text("smiles,active\nCC(=O)O,1\nOC(C)=O,0\nCCN,0\nCCCO,1\nc1ccccc1,0\n")  # one structure twice
    with pytest.warns(FindingWarning, match="conflicting_duplicates"):
        ds = read_dataset(DataConfig(path=str(path), label="active"))
    assert len(ds) == 5 and next(f for f in ds.findings if f.id == "conflicting_duplicates").rows == (0, 1)
    with pytest.warns(FindingWarning):
        dropped = read_dataset(DataConfig(path=str(path), label="active", duplicates="drop_conflicting"))
    assert len(dropped) == 3 and _removed_rows(dropped.findings) == {0, 1}


def test_resolve_duplicates_on_multilabel_and_regression():
    from mednn.data.base import Task

    task = Task("multilabel", ("a", "b"))
    y = np.array([[1, 0], [0, 1], [1, np.nan]], dtype=np.float32)
    with pytest.warns(FindingWarning):
        out = resolve_duplicates(["x", "x", "y"], y, task, policy="merge_labels", rows=np.arange(3), what="notes",
                                 source="s", modality="text")
    assert out.targets.tolist()[0] == [1, 1] and out.keep.tolist() == [0, 2]
    reg = Task("regression", ("v",))
    with pytest.raises(ConfigError, match="regression"):
        resolve_duplicates(["x", "x"], np.array([[1.0], [2.0]]), reg, policy="merge_labels", rows=np.arange(2),
                           what="notes", source="s", modality="text")


def test_dropping_conflicting_duplicates_names_the_class_that_lost_most():
    # trial 15: 123 conflicting notes removed, a fifth of two small classes among them; the finding gave no class
    from mednn.data.base import Task
    from mednn.data.duplicates import resolve_duplicates

    keys = ["a", "a", "b", "b", "c", "d", "e", "f", "g", "h"]
    targets = np.array([0, 2, 0, 2, 0, 0, 0, 1, 1, 2])  # class 'rare' (2): 3 rows, 2 of them removed
    out = resolve_duplicates(keys, targets, Task("multiclass", ("common", "other", "rare")), policy="drop_conflicting",
                             rows=np.arange(10), what="notes", source="x.csv", modality="text")
    (finding,) = [f for f in out.findings if f.id == "conflicting_duplicates"]
    assert "class 'rare' lost most: 2 of 3 rows (67%)" in finding.message and finding.count == 4

"""The 'text' reader: text columns joined, label layouts, duplicates dropped, bad inputs named by row."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mednn.config import DataConfig
from mednn.data.readers import read_dataset
from mednn.errors import ConfigError, DataError


def _read(path, **keys):
    return read_dataset(DataConfig(format="text", path=str(path), **keys))


def test_csv_multiclass_two_text_columns_and_duplicates(tmp_path):
    p = tmp_path / "abstracts.csv"
    p.write_text(
        "title,abstract,label,pid\n"
        "Heart,Atrial fibrillation in adults,2,a\n"
        "Tumour,\"Breast cancer, stage II\",1,b\n"
        "Heart,Atrial fibrillation in adults,2,c\n"   # exact duplicate text: dropped
        "Gut,Crohn disease flare,10,d\n",
        encoding="utf-8",
    )
    ds = _read(p, text_columns=["title", "abstract"], separator=" | ", label="label", patient_column="pid")
    assert ds.inputs == ["Heart | Atrial fibrillation in adults", "Tumour | Breast cancer, stage II", "Gut | Crohn disease flare"]
    assert ds.task.kind == "multiclass"
    assert ds.task.class_names == ("1", "2", "10")  # numeric labels in numeric order
    assert ds.targets.tolist() == [1, 0, 2]
    assert ds.notes["duplicates_removed"] == 1
    assert list(ds.groups) == ["a", "b", "d"]
    assert list(ds.ids) == ["row-2", "row-3", "row-5"]  # file rows, header = row 1, as for tables
    assert ds.modality == "text"


def test_tsv_delimited_multilabel(tmp_path):
    p = tmp_path / "notes.tsv"
    p.write_text("note\tcodes\nchest pain\tI20;R07\ncough\tR05\nboth\tR05; I20\n", encoding="utf-8")
    ds = _read(p, text_columns="note", label="codes", label_delimiter=";", task="multilabel")
    assert ds.task.class_names == ("I20", "R05", "R07")
    np.testing.assert_array_equal(ds.targets, [[1, 0, 1], [0, 1, 0], [1, 1, 0]])
    assert ds.targets.dtype == np.float32


def test_jsonl_list_labels_and_several_label_columns(tmp_path):
    p = tmp_path / "notes.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in [
        {"text": "a b", "codes": ["x", "y"], "x": 1, "y": ""},
        {"text": "c d", "codes": ["y"], "x": 0, "y": 1},
    ]) + "\n", encoding="utf-8")
    ds = _read(p, label="codes", task="multilabel")
    np.testing.assert_array_equal(ds.targets, [[1, 1], [0, 1]])
    ds2 = _read(p, label=["x", "y"], task="multilabel")
    assert np.isnan(ds2.targets[0, 1]) and ds2.targets[1].tolist() == [0, 1]


def test_binary_positive_class(tmp_path):
    p = tmp_path / "b.csv"
    p.write_text("text,y\nfoo,yes\nbar,no\n", encoding="utf-8")
    ds = _read(p, label="y", positive_class="no")
    assert ds.task.kind == "binary" and ds.task.class_names == ("yes", "no")
    assert ds.targets.tolist() == [0, 1]


def test_empty_text_names_rows_not_text(tmp_path):
    p = tmp_path / "e.csv"
    p.write_text("text,label\nSecret Smith note,a\n  ,b\nok,a\n,b\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"rows 3, 5 have an empty text") as err:
        _read(p, label="label")
    assert "Smith" not in str(err.value)


def test_missing_label_names_rows(tmp_path):
    p = tmp_path / "m.csv"
    p.write_text("text,label\nJohn Smith note,\nother,b\nthird,a\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"row 2 has no label") as err:
        _read(p, label="label")
    assert "Smith" not in str(err.value)


def test_undecodable_bytes_name_rows(tmp_path):
    p = tmp_path / "u.csv"
    p.write_bytes(b"text,label\nfine,a\nbad \xff\xfe byte,b\nfine too,a\n")
    # trial 16: one row was "rows 3 hold bytes"; the count and the verb agree now
    with pytest.raises(DataError, match=r"row 3 holds bytes that are not valid utf-8"):
        _read(p, label="label")
    two = tmp_path / "two.csv"
    two.write_bytes(b"text,label\nbad \xff,a\nfine,b\nbad \xfe,a\n")
    with pytest.raises(DataError, match=r"rows 2, 4 hold bytes that are not valid utf-8"):
        _read(two, label="label")
    ds = _read(p, label="label", encoding="latin-1")
    assert len(ds) == 3


def test_missing_column_and_label_config(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("body,label\nx,a\ny,b\n", encoding="utf-8")
    with pytest.raises(DataError, match="'text' not found; valid columns: body, label"):
        _read(p, label="label")
    with pytest.raises(ConfigError, match="data.label"):
        _read(p, text_columns="body")
    with pytest.raises(ConfigError, match="Unknown key 'data.text_column'"):
        _read(p, text_column="body", label="label")
    with pytest.raises(ConfigError, match="multilabel"):
        _read(p, text_columns="body", label="label", task="multilabel")


def test_bad_jsonl_line(tmp_path):
    p = tmp_path / "b.jsonl"
    p.write_text('{"text": "a", "y": "1"}\nnot json\n', encoding="utf-8")
    with pytest.raises(DataError, match="lines 2 are not JSON objects"):
        _read(p, label="y")


def test_an_excel_semicolon_export_of_notes_is_named_as_such(tmp_path):
    # trial 15: a BOM and ';' (Excel's CSV where the decimal mark is a comma) was "the first row reads
    # as data ... the file needs a header line"; a BOM with commas reads as it is
    p = tmp_path / "x.csv"
    p.write_bytes("\ufefftext;label\r\nJane Roe has a cough;a\r\nno complaints;b\r\n".encode("utf-8"))
    with pytest.raises(DataError, match=r"line 1 is separated by ';', not ','") as err:
        _read(p, label="label")
    assert "Roe" not in str(err.value) and "header line" not in str(err.value)
    p.write_bytes("\ufefftext,label\r\nJane Roe has a cough,a\r\nno complaints,b\r\n".encode("utf-8"))
    assert len(_read(p, label="label")) == 2

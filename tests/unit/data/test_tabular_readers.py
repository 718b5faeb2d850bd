"""Table readers (csv / tsv / parquet): columns, task handling, and one DataError per bad input."""

from __future__ import annotations

import gzip

import numpy as np
import pandas as pd
import pytest

from mednn.config import DataConfig
from mednn.data.readers import read_dataset, reader_for
from mednn.data.tabular import load_table
from mednn.errors import ConfigError, DataError


def write(tmp_path, text: str, name: str = "t.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read(path, **keys):
    return read_dataset(DataConfig(path=str(path), **keys))


CSV = "age,sex,site,outcome\n61,F,a,yes\n45,M,b,no\n70,F,a,yes\n52,M,c,no\n"


# ---------------------------------------------------------------- columns and formats


def test_csv_binary_inferred_with_ids_and_notes(tmp_path):
    ds = read(write(tmp_path, CSV), label="outcome")
    assert ds.task.kind == "binary"
    assert ds.task.class_names == ("no", "yes")  # sorted, 'yes' reads as positive
    assert ds.targets.tolist() == [1, 0, 1, 0]
    assert ds.ids.tolist() == ["row-2", "row-3", "row-4", "row-5"]  # file rows, header is row 1
    assert list(ds.inputs.columns) == ["age", "sex", "site"]
    assert ds.feature_names == ["age", "sex", "site"]
    assert "binary" in ds.notes["task_inferred"]
    assert "'yes'" in ds.notes["positive_class"]
    assert ds.notes["categorical_columns"] == ["sex", "site"]


def test_numeric_binary_label_positive_is_one_or_the_configured_class(tmp_path):
    path = write(tmp_path, "x,y\n1.5,0\n2.5,1\n3.5,1\n")
    ds = read(path, label="y")
    assert ds.task.class_names == ("0", "1")
    assert ds.targets.tolist() == [0, 1, 1]
    flipped = read(path, label="y", positive_class="0")
    assert flipped.task.class_names == ("1", "0")
    assert flipped.targets.tolist() == [1, 0, 0]
    assert "data.positive_class" in flipped.notes["positive_class"]


def test_text_label_with_many_values_is_multiclass_in_sorted_order(tmp_path):
    path = write(tmp_path, "x,grade\n1,mild\n2,severe\n3,moderate\n4,mild\n")
    ds = read(path, label="grade")
    assert ds.task.kind == "multiclass"
    assert ds.task.class_names == ("mild", "moderate", "severe")
    assert ds.targets.tolist() == [0, 2, 1, 0]
    assert "multiclass" in ds.notes["task_inferred"]


def test_explicit_task_is_not_recorded_as_inferred(tmp_path):
    path = write(tmp_path, "x,y\n1,0\n2,1\n3,2\n")
    ds = read(path, label="y", task="multiclass")
    assert ds.task.class_names == ("0", "1", "2")
    assert "task_inferred" not in ds.notes


def test_regression_single_and_several_targets(tmp_path):
    path = write(tmp_path, "x,a,b\n1,0.5,2\n2,1.5,\n3,2.25,7\n")
    ds = read(path, label="a", task="regression")
    assert ds.targets.dtype == np.float32 and ds.targets.shape == (3, 1)
    np.testing.assert_allclose(ds.targets[:, 0], [0.5, 1.5, 2.25])
    multi = read(path, label=["a", "b"], task="regression")
    assert multi.task.class_names == ("a", "b")
    assert np.isnan(multi.targets[1, 1]) and multi.label_mask().sum() == 5


def test_multilabel_inferred_with_missing_cells(tmp_path):
    path = write(tmp_path, "x,effusion,edema\n1,1,0\n2,,1\n3,0,\n4,1,1\n")
    ds = read(path, label=["effusion", "edema"])
    assert ds.task.kind == "multilabel"
    assert ds.targets.shape == (4, 2) and ds.targets.dtype == np.float32
    assert np.isnan(ds.targets[1, 0]) and np.isnan(ds.targets[2, 1])
    assert ds.class_counts() == {"effusion": 2, "edema": 2}
    assert "multilabel" in ds.notes["task_inferred"]


def test_csv_tsv_gzip_and_parquet_give_the_same_dataset(tmp_path):
    frame = pd.read_csv(write(tmp_path, CSV))
    paths = [tmp_path / "t.csv"]
    tsv = tmp_path / "t.tsv"
    frame.to_csv(tsv, sep="\t", index=False)
    gz = tmp_path / "t.csv.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write(CSV)
    pq = tmp_path / "t.parquet"
    frame.to_parquet(pq, index=False)
    paths += [tsv, gz, pq]
    formats = [reader_for(DataConfig(path=str(p))).name for p in paths]
    assert formats == ["csv", "tsv", "csv", "parquet"]
    reference = read(paths[0], label="outcome")
    for path in paths[1:]:
        ds = read(path, label="outcome")
        assert ds.task == reference.task
        np.testing.assert_array_equal(ds.targets, reference.targets)
        pd.testing.assert_frame_equal(ds.inputs, reference.inputs, check_dtype=False)
    assert read(pq, label="outcome").ids[0] == "row-1"  # no header line in a Parquet file


def test_headerless_file_with_and_without_column_names(tmp_path):
    path = write(tmp_path, "1.0,2.0,0\n3.0,4.0,1\n5.0,6.0,1\n")
    named = read(path, label="y", header=False, column_names=["a", "b", "y"])
    assert list(named.inputs.columns) == ["a", "b"]
    assert named.ids.tolist() == ["row-1", "row-2", "row-3"]
    generated = read(path, label="column_3", header=False)
    assert list(generated.inputs.columns) == ["column_1", "column_2"]
    with pytest.raises(DataError, match="column_names lists 2 names"):
        read(path, label="y", header=False, column_names=["a", "y"])


def test_question_mark_markers_become_missing_and_are_counted(tmp_path):
    path = write(tmp_path, "age,bp,y\n61,?,1\n45, ?,0\n?,120,1\n52,130,0\n")
    ds = read(path, label="y")
    assert ds.inputs["bp"].isna().sum() == 2 and ds.inputs["age"].isna().sum() == 1
    assert pd.api.types.is_numeric_dtype(ds.inputs["bp"])
    assert ds.notes["missing_counts"] == {"age": 1, "bp": 2}
    assert ds.notes["missing_policy"] == "impute"


def test_lower_case_and_excel_not_available_markers_are_missing_by_default(tmp_path):
    """trial 14: a hospital export writing "n/a" (and Excel's "#N/A") made a numeric column text."""
    path = write(tmp_path, "age,bp,y\n61,n/a,1\n45,#N/A,0\n70,120,1\n52,130,0\n")
    ds = read(path, label="y")
    assert pd.api.types.is_numeric_dtype(ds.inputs["bp"]) and ds.inputs["bp"].isna().sum() == 2


def test_missing_error_policy_names_column_count_and_rows(tmp_path):
    path = write(tmp_path, "age,bp,y\n61,?,1\n45,NA,0\n50,120,1\n52,130,0\n")
    with pytest.raises(DataError) as info:
        read(path, label="y", missing="error")
    message = str(info.value)
    assert "column 'bp' has 2 missing values" in message
    assert "rows 2, 3" in message and "data.missing: impute" in message


def test_blank_lines_keep_file_row_numbers(tmp_path):
    path = write(tmp_path, "x,y\n1,0\n\n2,1\n3,\n")
    with pytest.raises(DataError, match=r"row 5\b"):
        read(path, label="y")
    ok = read(write(tmp_path, "x,y\n1,0\n\n2,1\n", "b.csv"), label="y")
    assert ok.ids.tolist() == ["row-2", "row-4"]


def test_id_patient_meta_split_and_drop_columns_are_not_features(tmp_path):
    text = (
        "pid,patient,age,sex,site,note,fold,y\n"
        "a1,P1,61,F,s1,x,train,1\na2,P1,45,M,s1,x,train,0\na3,P2,70,F,s2,x,val,1\n"
        "a4,P3,52,M,s2,x,test,0\na5,P3,33,F,s1,x,test,1\n"
    )
    ds = read(
        write(tmp_path, text),
        label="y",
        id_column="pid",
        patient_column="patient",
        meta_columns=["sex", "site"],
        split_column="fold",
        drop_columns=["note"],
    )
    assert list(ds.inputs.columns) == ["age"]
    assert ds.ids.tolist() == ["a1", "a2", "a3", "a4", "a5"]
    assert ds.groups.tolist() == ["P1", "P1", "P2", "P3", "P3"]
    assert ds.meta["sex"].tolist() == ["F", "M", "F", "M", "F"]
    assert ds.split.tolist() == ["train", "train", "val", "test", "test"]
    assert ds.notes["n_groups"] == 3


def test_feature_columns_select_and_always_exclude_the_label(tmp_path):
    ds = read(write(tmp_path, CSV), label="outcome", feature_columns=["age", "outcome"])
    assert list(ds.inputs.columns) == ["age"]
    assert ds.notes["excluded_from_features"] == ["outcome"]


def test_numeric_patient_ids_become_text(tmp_path):
    ds = read(write(tmp_path, "patient,x,y\n7,1,0\n7,2,1\n8,3,1\n"), label="y", patient_column="patient")
    assert ds.groups.tolist() == ["7", "7", "8"]


def test_explicit_categorical_columns_are_text_categories(tmp_path):
    ds = read(write(tmp_path, "site,x,y\n1,0.5,0\n2,0.1,1\n1,0.3,1\n"), label="y", categorical_columns=["site"])
    assert ds.inputs["site"].tolist() == ["1", "2", "1"]
    assert ds.notes["categorical_columns"] == ["site"]


def test_load_table_for_prediction_keeps_file_rows(tmp_path):
    frame = load_table(write(tmp_path, "age,bp\n61,?\n45,120\n"))
    assert frame.index.tolist() == [2, 3]
    assert frame["bp"].isna().tolist() == [True, False]


# ---------------------------------------------------------------- bad inputs


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        read(tmp_path / "nope.csv", label="y")


@pytest.mark.parametrize("text", ["", "\n\n", "a,b,y\n"])
def test_empty_file_or_header_only(tmp_path, text):
    with pytest.raises(DataError, match=r"t\.csv"):
        read(write(tmp_path, text), label="y")


def test_unknown_label_column_suggests_close_names(tmp_path):
    with pytest.raises(DataError) as info:
        read(write(tmp_path, CSV), label="outcom")
    assert "'outcom'" in str(info.value) and "did you mean 'outcome'" in str(info.value)


def test_label_not_set_lists_columns(tmp_path):
    with pytest.raises(DataError, match="data.label is not set.*outcome"):
        read(write(tmp_path, CSV))


def test_missing_label_values_list_rows_without_values(tmp_path):
    path = write(tmp_path, "x,y\n1,yes\n2,\n3,no\n4,NA\n")
    with pytest.raises(DataError) as info:
        read(path, label="y")
    assert "label column 'y' has 2 missing values (rows 3, 5)" in str(info.value)


def test_float_label_without_task_is_regression_and_says_so(tmp_path):
    # as scikit-learn's type_of_target: numbers with fractions are continuous, not class codes
    path = write(tmp_path, "x,y\n" + "".join(f"{i},{i * 0.37:.2f}\n" for i in range(20)))
    ds = read(path, label="y")
    assert ds.task.kind == "regression" and "set data.task to change" in ds.notes["task_inferred"]


def test_whole_number_label_without_task_asks_for_data_task(tmp_path):
    path = write(tmp_path, "x,y\n" + "".join(f"{i},{i % 4}\n" for i in range(20)))
    with pytest.raises(DataError, match="data.task"):
        read(path, label="y")


def test_positive_class_not_among_labels(tmp_path):
    with pytest.raises(DataError, match="positive_class 'maybe'.*2 classes"):
        read(write(tmp_path, CSV), label="outcome", positive_class="maybe")


def test_binary_task_with_three_classes(tmp_path):
    with pytest.raises(DataError, match="exactly 2 classes"):
        read(write(tmp_path, "x,y\n1,a\n2,b\n3,c\n"), label="y", task="binary")


def test_single_class_label(tmp_path):
    with pytest.raises(DataError, match="single value"):
        read(write(tmp_path, "x,y\n1,a\n2,a\n"), label="y")


def test_infinite_feature_is_always_an_error(tmp_path):
    with pytest.raises(DataError, match=r"column 'x' has 1 infinite value \(row 3\)"):
        read(write(tmp_path, "x,y\n1,0\ninf,1\n2,1\n"), label="y")


def test_feature_column_not_found(tmp_path):
    with pytest.raises(DataError, match=r"'ag'.*data\.feature_columns.*did you mean 'age'"):
        read(write(tmp_path, CSV), label="outcome", feature_columns=["ag"])


@pytest.mark.parametrize("key", ["id_column", "patient_column"])
def test_other_missing_columns_are_named(tmp_path, key):
    with pytest.raises(DataError, match=f"data.{key}"):
        read(write(tmp_path, CSV), label="outcome", **{key: "nothing"})


def test_duplicated_ids_are_an_error(tmp_path):
    path = write(tmp_path, "pid,x,y\nA,1,0\nB,2,1\nA,3,1\n")
    with pytest.raises(DataError, match=r"id column 'pid' has 1 repeated id \(row 4\).*patient_column"):
        read(path, label="y", id_column="pid")


def test_stray_text_in_numeric_column_names_rows_not_the_value(tmp_path):
    path = write(tmp_path, "x,y\n1,0\n2,1\nSECRET-NAME,1\n4,0\n")
    with pytest.raises(DataError) as info:
        read(path, label="y")
    assert "column 'x'" in str(info.value) and "row 4" in str(info.value)
    assert "SECRET" not in str(info.value)


def test_non_numeric_regression_label(tmp_path):
    with pytest.raises(DataError, match="regression label 'y' has 1 non-numeric value"):
        read(write(tmp_path, "x,y\n1,2.5\n2,high\n"), label="y", task="regression")


def test_multilabel_value_other_than_zero_one(tmp_path):
    with pytest.raises(DataError, match="multilabel column 'b'.*row 3"):
        read(write(tmp_path, "x,a,b\n1,1,0\n2,0,2\n"), label=["a", "b"], task="multilabel")


def test_bad_split_values(tmp_path):
    with pytest.raises(DataError, match="split column 'fold'"):
        read(write(tmp_path, "x,fold,y\n1,train,0\n2,holdout,1\n"), label="y", split_column="fold")


def test_single_column_hint_for_semicolons(tmp_path):
    with pytest.raises(DataError, match="data.delimiter: ';'"):
        read(write(tmp_path, "x;y\n1;0\n2;1\n"), label="y")


def test_unknown_format_key_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="data.sheet"):
        read(write(tmp_path, CSV), label="outcome", sheet="x")
    pq = tmp_path / "t.parquet"
    pd.read_csv(tmp_path / "t.csv").to_parquet(pq)
    with pytest.raises(ConfigError, match="data.delimiter"):
        read(pq, label="outcome", delimiter=";")


def test_corrupt_parquet(tmp_path):
    path = tmp_path / "bad.parquet"
    path.write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(DataError, match="Parquet"):
        read(path, label="y")


def test_free_text_or_identifier_column_is_not_one_hot_encoded(tmp_path):
    rows = "".join(f"{i},patient name {i},{i % 2}\n" for i in range(30))
    path = write(tmp_path, "x,name,y\n" + rows)
    with pytest.raises(DataError) as info:
        read(path, label="y")
    assert "column 'name' has 30 distinct values" in str(info.value) and "patient name" not in str(info.value)
    assert list(read(path, label="y", drop_columns=["name"]).inputs.columns) == ["x"]


def test_a_repeated_patient_id_column_points_to_patient_column(tmp_path):
    # trial 14: 420 visits of 380 patients; the refusal named drop_columns and id_column (which then
    # refused the repeated ids) but not the key for repeated patients
    rows = "".join(f"P{i % 25:03d}x,{i},{i % 2}\n" for i in range(30))
    path = write(tmp_path, "pid,x,y\n" + rows)
    with pytest.raises(DataError, match=r"10 rows share a value with another row: if it names patients, "
                                        r"set data.patient_column: pid") as info:
        read(path, label="y")
    assert "P001x" not in str(info.value)
    assert list(read(path, label="y", patient_column="pid").inputs.columns) == ["x"]


def test_a_file_written_with_another_delimiter_is_read_as_written(tmp_path):
    # a .csv to score with a run trained on a .tsv (and the server's records, written as CSV)
    path = tmp_path / "new.tsv"
    path.write_text("a,b,y\n1,2,0\n3,4,1\n")
    with pytest.warns(UserWarning, match="delimiter ','"):
        frame = load_table(path, format="tsv")
    assert list(frame.columns) == ["a", "b", "y"] and len(frame) == 2
    assert list(load_table(path, format="tsv", delimiter="\t").columns) == ["a,b,y"]  # an explicit choice stands
    with pytest.warns(UserWarning, match="not the csv default"):
        assert list(load_table(path.write_text("a\tb\n1\t2\n") and path, format="csv").columns) == ["a", "b"]
    semicolons = tmp_path / "eu.csv"
    semicolons.write_text("a;b\n1,5;2\n")  # ';' files may hold decimal commas: refused, not guessed
    with pytest.raises(DataError, match="line 1 is separated by ';', not ','; fix: set data.delimiter: ';'"):
        load_table(semicolons, format="csv")


@pytest.mark.parametrize("rows", [
    "1;2,5;x\n3;4,25;y\n",      # every row two fields more than the header: pandas made them an index
    "1;2,5;x\n3;4;y\n5,5;6,5;z\n",  # decimal commas in some cells only: a ragged parse
])
def test_an_excel_export_with_a_bom_and_semicolons_names_its_delimiter(tmp_path, rows):
    # trial 14: a European Excel export (BOM, ';', decimal commas) scored with a ',' run was a
    # TypeError traceback, or pandas' 'Expected 2 fields in line 3' naming no delimiter
    path = tmp_path / "site.csv"
    path.write_bytes(("\ufeffa;b;name\n" + rows).encode("utf-8"))
    with pytest.raises(DataError, match="line 1 is separated by ';'.*fix: set data.delimiter: ';' "
                                        "and, for decimal commas, data.decimal: ','"):
        load_table(path, format="csv")
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 8)  # binary bytes hold ';' too: refused as no text, not for its delimiter
    with pytest.raises(DataError, match="not a text table"):
        load_table(junk, format="csv")
    frame = load_table(path, format="csv", delimiter=";", decimal=",")
    assert list(frame.columns) == ["a", "b", "name"] and frame["b"].tolist()[:1] == [2.5]


def test_a_number_too_large_for_float32_names_its_row(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("a,y\n1,0\n1e200,1\n2,0\n3,1\n")
    with pytest.raises(DataError, match="column 'a' has 1 value too large.*\\(row 3\\); fix:") as info:
        read_dataset(DataConfig(format="csv", path=str(path), label="y"))
    assert "1e200" not in str(info.value)

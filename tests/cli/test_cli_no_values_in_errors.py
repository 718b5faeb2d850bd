"""Error messages name files, rows, columns and keys, never a patient's values.

Each test plants distinctive values in a file, provokes an error, and checks that none of
them reaches stderr (a label value, the first row of a file without a header).
"""

from pathlib import Path

import numpy as np
import pandas as pd

from .conftest import FAST
from .test_cli_errors import assert_one_line_error

PLANTED = ["63.125", "187.75", "4411.5", "zqxdisease", "zqxhealthy", "Okafor"]


def _assert_no_planted_value(err: str) -> None:
    for value in PLANTED:
        assert value not in err, (value, err)


def _headerless(tmp_path) -> Path:
    """A table written without its header: the first patient's row would read as column names."""
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"age": rng.normal(60, 9, 40).round(1), "chol": rng.normal(200, 30, 40).round(1),
                          "trestbps": rng.normal(130, 15, 40).round(1), "outcome": rng.integers(0, 2, 40)})
    frame.iloc[0, :3] = [63.125, 187.75, 4411.5]
    path = tmp_path / "no_header.csv"
    frame.to_csv(path, index=False, header=False)
    return path


def test_headerless_file_without_label_names_no_value(cli, tmp_path):
    code, out, err = cli("train", "--data", _headerless(tmp_path), "--out", tmp_path / "run", *FAST)
    assert_one_line_error(code, out, err, "no_header.csv", "data.header: false")
    _assert_no_planted_value(err)


def test_headerless_file_with_a_named_label_names_no_value(cli, tmp_path):
    code, out, err = cli("train", "--data", _headerless(tmp_path), "--out", tmp_path / "run", *FAST,
                         "--set", "data.label=outcome")
    assert_one_line_error(code, out, err, "'outcome'", "data.header: false")
    _assert_no_planted_value(err)


def test_columns_of_a_data_like_header_are_named_by_position(cli, tmp_path):
    # a numeric "header" and a feature with an infinite value: the column is named by position
    lines = ["63.125,187.75,y"] + [f"{i},{'inf' if i == 3 else i * 2},{i % 2}" for i in range(30)]
    (tmp_path / "t.csv").write_text("\n".join(lines) + "\n")
    code, out, err = cli("train", "--data", tmp_path / "t.csv", "--out", tmp_path / "run", *FAST,
                         "--set", "data.label=y")
    assert_one_line_error(code, out, err, "column 2", "infinite")
    _assert_no_planted_value(err)


def test_positive_class_error_does_not_list_the_labels(cli, tmp_path):
    frame = pd.DataFrame({"x": range(40), "outcome": ["zqxdisease", "zqxhealthy"] * 20})
    frame.to_csv(tmp_path / "t.csv", index=False)
    code, out, err = cli("train", "--data", tmp_path / "t.csv", "--out", tmp_path / "run", *FAST,
                         "--set", "data.label=outcome", "--set", "data.positive_class=sick")
    assert_one_line_error(code, out, err, "positive_class", "'outcome'", "2 classes")
    _assert_no_planted_value(err)


def test_notes_positive_class_and_missing_column_errors_list_no_values(cli, tmp_path):
    notes = pd.DataFrame({"note": [f"Mr. Okafor seen on visit {i}" for i in range(20)],
                          "dx": ["zqxdisease", "zqxhealthy"] * 10})
    notes.to_csv(tmp_path / "notes.csv", index=False)
    base = ["train", "--data", tmp_path / "notes.csv", "--out", tmp_path / "run", *FAST,
            "--set", "data.format=text", "--set", "data.label=dx"]
    code, out, err = cli(*base, "--set", "data.text_columns=note", "--set", "data.positive_class=sick")
    assert_one_line_error(code, out, err, "positive_class", "2 classes")
    _assert_no_planted_value(err)
    # a notes file without a header: its first note would be a "column name"
    notes.to_csv(tmp_path / "notes.csv", index=False, header=False)
    code, out, err = cli(*base, "--set", "data.text_columns=note")
    assert_one_line_error(code, out, err, "'note'", "not found")
    _assert_no_planted_value(err)

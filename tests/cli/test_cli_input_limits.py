"""Hostile input files: refused with one line naming the file and line, before pandas parses them,
and values a float32 network cannot hold are refused naming the column (never the value)."""

import gzip

import pandas as pd
import pytest

from mednn.cli.main import main
from mednn.data.limits import MAX_FIELDS, MAX_LINE_BYTES, check_delimited_file
from mednn.errors import DataError

from .conftest import FAST
from .test_cli_errors import assert_one_line_error


@pytest.fixture
def no_pandas_csv(monkeypatch):
    """pandas' CSV parser must not be reached: it would hold the whole line in memory."""

    def refuse(*args, **kwargs):
        raise AssertionError("pandas.read_csv was called on a file the guard should have refused")

    monkeypatch.setattr(pd, "read_csv", refuse)


def test_30_mb_single_line_csv_is_refused_before_parsing(cli, tmp_path, no_pandas_csv):
    path = tmp_path / "one_line.csv"
    path.write_bytes(b"x,y," + b"1," * 15_000_000)  # 30 MB, no line break
    code, out, err = cli("train", "--data", path, "--out", tmp_path / "run", *FAST, "--set", "data.label=y")
    assert_one_line_error(code, out, err, "one_line.csv", "line 1")
    assert not (tmp_path / "run").exists()


def test_line_with_too_many_fields_is_refused(cli, tmp_path, no_pandas_csv):
    path = tmp_path / "wide.csv"
    path.write_text("x,y\n1,0\n" + ",".join(["1"] * (MAX_FIELDS + 10)) + "\n2,1\n")  # 200 KB line
    code, out, err = cli("train", "--data", path, "--out", tmp_path / "run", *FAST, "--set", "data.label=y")
    assert_one_line_error(code, out, err, "wide.csv", "line 3", "fields")


def test_notes_file_with_a_giant_line_is_refused(cli, tmp_path, no_pandas_csv):
    path = tmp_path / "notes.csv"
    path.write_text("text,label\nshort note,a\n\"" + "x" * (MAX_LINE_BYTES + 1) + "\",b\n")
    code, out, err = cli("train", "--data", path, "--out", tmp_path / "run", *FAST,
                         "--set", "data.format=text", "--set", "data.label=label")
    assert_one_line_error(code, out, err, "notes.csv", "line 3")
    code, out, err = cli("deid", path, "--out", tmp_path / "clean.csv")
    assert_one_line_error(code, out, err, "notes.csv", "line 3")


def test_guard_counts_lines_across_chunks_and_in_archives(tmp_path):
    ordinary = b"a,b\n" + b"1,2\n" * 400_000  # 1.6 MB: several chunks, every line short
    crowded = b"," * (MAX_FIELDS + 5)  # fewer bytes than the line limit, too many fields
    path = tmp_path / "t.csv"
    path.write_bytes(ordinary)
    check_delimited_file(path)
    path.write_bytes(ordinary + crowded + b"\n")
    with pytest.raises(DataError, match="line 400002 has more than"):
        check_delimited_file(path)
    check_delimited_file(path, "\t")  # the same bytes hold no tab: only the line length counts
    packed = tmp_path / "t.csv.gz"
    packed.write_bytes(gzip.compress(ordinary + b"y" * (MAX_LINE_BYTES + 1)))
    with pytest.raises(DataError, match="line 400002 is longer"):
        check_delimited_file(packed)
    crlf = tmp_path / "crlf.csv"
    crlf.write_bytes(b"a,b\r\n" * 10 + b"z" * (MAX_LINE_BYTES + 1))
    with pytest.raises(DataError, match="line 11 is longer"):
        check_delimited_file(crlf)


@pytest.fixture(scope="module")
def tabular_run(tmp_path_factory):
    """A run trained on a small patient table with numeric columns 'age' and 'marker'."""
    import numpy as np

    folder = tmp_path_factory.mktemp("run")
    rng = np.random.default_rng(0)
    n = 160
    age = rng.normal(60, 10, n).round(1)
    marker = rng.normal(0, 1, n)
    outcome = np.where(0.08 * (age - 60) + 1.5 * marker + rng.normal(0, 0.7, n) > 0, "disease", "healthy")
    csv = folder / "patients.csv"
    pd.DataFrame({"record": [f"r{i:04d}" for i in range(n)], "age": age, "marker": marker,
                  "outcome": outcome}).to_csv(csv, index=False)
    run = folder / "run"
    code = main(["train", "--data", str(csv), "--out", str(run), *FAST, "--quiet",
                 "--set", "data.label=outcome", "--set", "data.positive_class=disease",
                 "--set", "data.id_column=record", "--set", "data.task=binary"])
    assert code == 0
    return run, csv


@pytest.mark.parametrize("planted", ["1e300", "-1e300", "3.5e38"])
def test_values_beyond_float32_are_refused_naming_the_column(cli, tmp_path, tabular_run, planted):
    run, csv = tabular_run
    new = pd.read_csv(csv).drop(columns=["outcome"]).head(5).astype({"marker": object})
    new.loc[2, "marker"] = planted
    new.to_csv(tmp_path / "new.csv", index=False)
    code, out, err = cli("predict", run, tmp_path / "new.csv", "--out", tmp_path / "pred.csv")
    assert_one_line_error(code, out, err, "'marker'", "32-bit")
    assert "e+300" not in err and "e300" not in err and "e+38" not in err
    assert not (tmp_path / "pred.csv").exists()

"""`mednn predict --out` replaces only a predictions file mednn wrote; `evaluate --bootstrap` is
capped as the config caps it. Refusals are one line and exit 2, and leave every file as it was."""

from __future__ import annotations

import pytest

from tests.cli.conftest import breast_cancer_run


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    return breast_cancer_run(tmp_path_factory, "train.epochs=2", "evaluate.bootstrap=0")


@pytest.fixture
def new_rows(tmp_path):
    from sklearn.datasets import load_breast_cancer

    path = tmp_path / "new.csv"
    load_breast_cancer(as_frame=True).frame.head(5).to_csv(path, index=False)
    return path


def test_an_unrelated_file_is_never_replaced_even_with_overwrite(cli, run_dir, new_rows, tmp_path):
    """Issue 22: mednn never replaces a file it did not make; --overwrite (kept for older scripts)
    does not change that, and says so."""
    other = tmp_path / "other.csv"
    other.write_text("patient,weight\n1,70\n")
    code, _, err = cli("predict", run_dir, new_rows, "--out", other)
    assert code == 2 and "not a predictions file" in err and "never replaces" in err
    assert other.read_text() == "patient,weight\n1,70\n"
    with pytest.warns(UserWarning, match="--overwrite is ignored"):
        code, out, err = cli("predict", run_dir, new_rows, "--out", other, "--overwrite")
    assert code == 2 and "not a predictions file" in err
    assert other.read_text() == "patient,weight\n1,70\n"


def test_a_predictions_file_of_mednn_is_replaced(cli, run_dir, new_rows, tmp_path):
    out = tmp_path / "p.csv"
    assert cli("predict", run_dir, new_rows, "--out", out)[0] == 0
    first = out.read_text()
    assert cli("predict", run_dir, new_rows, "--out", out)[0] == 0
    assert out.read_text() == first
    code, _, err = cli("predict", run_dir, new_rows, "--out", new_rows)  # an output is never an input
    assert code == 2 and "is the input" in err


def test_a_blank_row_is_listed_by_predict_and_evaluate_never_dropped_silently(cli, run_dir, tmp_path):
    """A row of only commas (or an empty line) was dropped without a word: now each is listed,
    by file row, beside the predictions and in the evaluation, with one console line."""
    import json

    import pandas as pd
    from sklearn.datasets import load_breast_cancer

    frame = load_breast_cancer(as_frame=True).frame.head(6)
    frame["diagnosis"] = frame.pop("target").map({0: "malignant", 1: "benign"})
    lines = frame.to_csv(index=False).splitlines()
    blank = "," * (len(lines[0].split(",")) - 1)
    path = tmp_path / "blank.csv"
    path.write_text("\n".join(lines[:3] + [blank, ""] + lines[3:]) + "\n")  # file rows 4 and 5 are blank
    with pytest.warns(UserWarning) as shown:
        code, _, err = cli("predict", run_dir, path, "--out", tmp_path / "p.csv")
    assert code == 0, err
    err = " ".join(str(w.message) for w in shown)
    assert list(pd.read_csv(tmp_path / "p.csv")["id"]) == ["row-2", "row-3", "row-6", "row-7", "row-8", "row-9"]
    listed = pd.read_csv(tmp_path / "p.skipped.csv")
    assert list(listed["id"]) == ["row-4", "row-5"] and "rows 4, 5" in err and "p.skipped.csv" in err
    code, _, err = cli("evaluate", run_dir, "--data", path, "--out", tmp_path / "e.json")
    assert code == 0, err
    evaluation = json.loads((tmp_path / "e.json").read_text())
    assert evaluation["n"] == 6 and [s["id"] for s in evaluation["skipped"]] == ["row-4", "row-5"]


def test_evaluate_bootstrap_is_capped_as_the_config_caps_it(cli, run_dir, new_rows, tmp_path):
    code, _, err = cli("evaluate", run_dir, "--data", new_rows, "--bootstrap", "1000000000",
                       "--out", tmp_path / "e.json")
    assert code == 2 and "--bootstrap" in err and "100000" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "e.json").exists()

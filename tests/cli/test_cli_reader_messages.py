"""Messages a new user met (trial 3): each names what is wrong and a fix the reader can apply,
with the right grammar, and never a patient's value."""

import numpy as np
import pandas as pd
import pytest

from mednn.data.columns import close_names
from mednn.errors import DataError

from .conftest import FAST


def _frame(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    age = rng.normal(60, 9, n).round(1)
    marker = rng.normal(0, 1, n).round(3)
    return pd.DataFrame({"age": age, "marker": marker,
                         "outcome": np.where(marker + rng.normal(0, 0.6, n) > 0, "disease", "healthy")})


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    from mednn.cli.main import main

    root = tmp_path_factory.mktemp("messages")
    _frame(200, 0).to_csv(root / "train.csv", index=False)
    assert main(["train", "--data", str(root / "train.csv"), "--set", "data.label=outcome", *FAST,
                 "--set", "train.epochs=3", "--set", "explain.enabled=false", "--set", "report.enabled=false",
                 "--out", str(root / "run"), "--quiet"]) == 0
    return root / "run"


def test_an_image_sent_to_a_table_run_is_called_not_a_table(cli, run, tmp_path):
    image = tmp_path / "scan.csv"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    code, _, err = cli("predict", run, image, "--out", tmp_path / "p.csv")
    assert code == 2 and "not a text table" in err and "PNG image" in err and "utf-8" not in err


def test_random_bytes_are_not_a_text_table_for_train_predict_and_evaluate(cli, run, tmp_path):
    """Trial 4, NEW d: bytes 0-255 parsed as CSV gave the tokenizer's 'Expected 1 fields in line 3'."""
    noise = tmp_path / "h_binary.csv"
    noise.write_bytes(bytes(range(256)) * 20)
    for args in (("predict", run, noise, "--out", tmp_path / "p.csv"),
                 ("evaluate", run, "--data", noise, "--out", tmp_path / "e.json"),
                 ("train", "--data", noise, "--set", "data.label=outcome", "--out", tmp_path / "r", "--quiet")):
        code, _, err = cli(*args)
        lines = [line for line in err.splitlines() if line.strip()]
        assert code == 2 and len(lines) == 1 and "not a text table: it looks like binary data" in lines[0], err
        assert "Traceback" not in err and "tokenizing" not in err
    assert not (tmp_path / "p.csv").exists() and not (tmp_path / "e.json").exists() and not (tmp_path / "r").exists()


def test_labels_outside_the_classes_are_named_by_row(cli, run, tmp_path):
    site = _frame(30, 1)
    site.loc[[3, 7], "outcome"] = "unsure"  # file rows 5 and 9 (the header is row 1)
    site.to_csv(tmp_path / "site.csv", index=False)
    code, _, err = cli("evaluate", run, "--data", tmp_path / "site.csv", "--out", tmp_path / "e.json")
    assert code == 2 and "2 rows whose label" in err and "rows 5, 9" in err and "row(s)" not in err


def test_decimal_commas_are_named_and_data_decimal_reads_them(cli, run, tmp_path):
    site = _frame(30, 2)
    text = site.drop(columns="outcome").to_csv(index=False, sep=";").replace(".", ",")
    (tmp_path / "site.csv").write_text(text)
    code, _, err = cli("predict", run, tmp_path / "site.csv", "--out", tmp_path / "p.csv",
                       "--set", "data.delimiter=;")
    assert code == 2 and "decimal comma" in err and "data.decimal: ','" in err
    code, _, err = cli("predict", run, tmp_path / "site.csv", "--out", tmp_path / "p.csv",
                       "--set", "data.delimiter=;", "--set", "data.decimal=,")
    assert code == 0, err


def test_evaluate_lists_the_columns_it_ignores(cli, run, tmp_path):
    site = _frame(40, 3)
    site["ward"] = "B"
    site.to_csv(tmp_path / "site.csv", index=False)
    with pytest.warns(UserWarning, match=r"1 column of .* is not a model input and was ignored: ward"):
        code, _, err = cli("evaluate", run, "--data", tmp_path / "site.csv", "--out", tmp_path / "e.json")
    assert code == 0, err


def test_did_you_mean_needs_a_close_name():
    assert "did you mean" not in close_names("age", ["change", "marker", "outcome"])
    assert "'Outcome'" in close_names("outcom", ["Outcome", "marker"])
    assert "'marker'" in close_names("markr", ["marker", "age"])


def test_a_served_refusal_never_asks_the_client_to_set_a_config_key():
    from mednn.serving.app import client_detail

    detail = client_detail(DataError("the request: 1 unreadable file(s): image 0: not an image; fix: repair or "
                                     "remove them, or set data.on_unreadable: skip"))
    assert "data.on_unreadable" not in detail and "image 0: not an image" in detail and "fix:" in detail
    assert client_detail(DataError("record 0: lacks 'age'; fix: send every feature column")).endswith(
        "send every feature column")


def test_row_lists_and_counts_agree_in_number():
    from mednn.data.text import _rows_have

    assert _rows_have([4], 1) == "row 5 has" and _rows_have([4, 8], 1) == "rows 5, 9 have"

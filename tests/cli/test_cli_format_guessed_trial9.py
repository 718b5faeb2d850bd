"""Trial 9 (#4): `inspect` showed format_guessed for a header-less .data table, `train` of the same
config recorded and printed nothing (it resolved the format before reading and lost the finding)."""

import json

import numpy as np
import pandas as pd

FAST = ["--set", "train.epochs=2", "--set", "evaluate.bootstrap=10", "--set", "train.progress=false",
        "--set", "explain.enabled=false", "--set", "report.enabled=false", "--set", "train.threads=1",
        "--set", "model.hidden_sizes=[4]"]


def _table(n=90):
    rng = np.random.default_rng(5)
    x = rng.normal(0, 1, (n, 3)).round(3)
    return pd.DataFrame({"a": x[:, 0], "b": x[:, 1], "c": x[:, 2], "y": (x[:, 0] > 0).astype(int)})


def _findings(run):
    return [f["id"] for f in json.loads((run / "data.json").read_text())["findings"]]


def test_train_records_and_prints_the_format_it_guessed(cli, tmp_path):
    _table().to_csv(tmp_path / "t.data", index=False, header=False)
    code, _, err = cli("train", "--data", tmp_path / "t.data", "--set", "data.label=column_4",
                       "--out", tmp_path / "run", *FAST)
    assert code == 0, err
    assert _findings(tmp_path / "run").count("format_guessed") == 1
    assert "[format_guessed]" in err and "without a header line" in err


def test_a_csv_is_no_guess(cli, tmp_path):
    _table().to_csv(tmp_path / "t.csv", index=False)
    code, _, err = cli("train", "--data", tmp_path / "t.csv", "--set", "data.label=y", "--out", tmp_path / "run", *FAST)
    assert code == 0, err
    assert "format_guessed" not in _findings(tmp_path / "run") and "format_guessed" not in err

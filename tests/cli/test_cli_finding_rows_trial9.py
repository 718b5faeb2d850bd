"""Trial 9 (#3): findings whose message names rows (impossible_values, label_typo) had `rows` []:
it holds the records' 0-based positions in the data as read (docs/findings.md)."""

import json

import numpy as np
import pandas as pd


def _table(path, n=120):
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"age": rng.normal(60, 10, n).round(1), "marker": rng.normal(0, 1, n),
                          "outcome": rng.choice(["dead", "alive"], n)})
    frame.loc[7, "age"] = 670.0  # no patient is 670 years old
    frame.loc[12, "outcome"] = "daed"  # a one-row typo class
    frame.to_csv(path, index=False)
    return path


def test_inspect_findings_give_the_rows_their_messages_name(cli, tmp_path):
    data = _table(tmp_path / "hf.csv")
    code, out, err = cli("inspect", "--data", data, "--set", "data.label=outcome", "--no-label-issues",
                         "--out", tmp_path / "f.json")
    assert code == 0, err
    findings = {f["id"]: f for f in json.loads((tmp_path / "f.json").read_text())["findings"]}
    assert findings["impossible_values"]["rows"] == [7] and "row-9" in findings["impossible_values"]["message"]
    assert findings["label_typo"]["rows"] == [12] and "row-14" in findings["label_typo"]["message"]
    assert "670" not in out + err


def test_a_clean_table_has_neither_finding(cli, tmp_path):
    data = _table(tmp_path / "hf.csv")
    frame = pd.read_csv(data)
    frame.loc[7, "age"], frame.loc[12, "outcome"] = 61.0, "dead"
    frame.to_csv(data, index=False)
    code, _, err = cli("inspect", "--data", data, "--set", "data.label=outcome", "--no-label-issues",
                       "--out", tmp_path / "f.json")
    assert code == 0, err
    ids = {f["id"] for f in json.loads((tmp_path / "f.json").read_text())["findings"]}
    assert not ids & {"impossible_values", "label_typo"}

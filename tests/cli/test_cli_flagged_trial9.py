"""Trial 9 (#1): predict / evaluate counted records with values no patient can have as "flagged as
unlike the training data" while the scorer had flagged none of them (out_of_distribution False,
ood.n_flagged 0). The flagged line names exactly the scorer's records; impossible values have
their own line, count and rows."""

import json
import re
import warnings

import pandas as pd
import pytest

FAST = ["--set", "train.epochs=3", "--set", "train.lr=0.02", "--set", "evaluate.bootstrap=20",
        "--set", "train.progress=false", "--set", "explain.enabled=false", "--set", "report.enabled=false",
        "--set", "train.threads=1"]
IMPOSSIBLE = [3, 11, 20]  # positions in the scored file given an age of 150


@pytest.fixture
def scored(cli, patients_csv, tmp_path):
    code, _, err = cli("train", "--data", patients_csv, "--set", "data.label=outcome",
                       "--set", "data.drop_columns=[record,patient]", "--set", "model.hidden_sizes=[8]",
                       "--out", tmp_path / "run", *FAST)
    assert code == 0, err
    frame = pd.read_csv(patients_csv).head(30)
    frame.loc[IMPOSSIBLE, "age"] = 150.0  # training ages ~35-85: impossible, not far outside by the range rule
    frame.to_csv(tmp_path / "new.csv", index=False)
    return tmp_path


def _lines(cli, *args):
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        code, out, err = cli(*args)
    assert code == 0, err
    return [str(w.message) for w in shown] + (out + err).splitlines()


def test_predict_flags_exactly_the_scorers_records_and_names_impossible_values_apart(cli, scored):
    shown = _lines(cli, "predict", scored / "run", scored / "new.csv", "--out", scored / "p.csv")
    ood = pd.read_csv(scored / "p.csv")["out_of_distribution"].to_numpy()
    flagged = [f"row-{i + 2}" for i in ood.nonzero()[0]]  # row-N = file line N
    lines = [line for line in shown if "unlike the training data" in line]
    if not flagged:
        assert lines == [], shown
    else:
        assert len(lines) == 1 and re.search(rf"\b{len(flagged)} of 30 records", lines[0]), lines
        named = re.search(r"flagged: ([^;)]*)", lines[0]).group(1)
        assert named.removesuffix(", ...").split(", ") == flagged[:5], (named, flagged)
    impossible = [line for line in shown if line.startswith("[impossible_values]")]
    assert len(impossible) == 1 and "3 of 30 records" in impossible[0], shown
    assert "row-5, row-13, row-22" in impossible[0] and "age (3 records)" in impossible[0]
    assert not any("150" in line for line in impossible)


def test_evaluate_findings_count_the_scorers_flags_and_the_impossible_records_apart(cli, scored):
    frame = pd.read_csv(scored / "new.csv")
    _lines(cli, "evaluate", scored / "run", "--data", scored / "new.csv", "--out", scored / "e.json")
    result = json.loads((scored / "e.json").read_text())
    findings = {f["id"]: f for f in result["findings"]}
    n_flagged = result["ood"]["n_flagged"]
    if n_flagged:
        assert findings["out_of_distribution"]["count"] == n_flagged
        assert len(findings["out_of_distribution"]["rows"]) == n_flagged
    else:
        assert "out_of_distribution" not in findings
    assert findings["impossible_values"]["count"] == 3 and findings["impossible_values"]["rows"] == IMPOSSIBLE
    assert findings["impossible_values"]["columns"] == ["age"] and len(frame) == 30


def test_an_ordinary_file_gets_neither_line(cli, scored, patients_csv):
    pd.read_csv(patients_csv).head(30).to_csv(scored / "ok.csv", index=False)
    shown = _lines(cli, "predict", scored / "run", scored / "ok.csv", "--out", scored / "q.csv")
    assert not any("impossible_values" in line or "far outside" in line for line in shown), shown

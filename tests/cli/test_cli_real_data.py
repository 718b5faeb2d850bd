"""The CLI on data nobody wrote a config for: reader keys for a finished run (--set data.*), a
header line in rows to score, repeated measures shown by inspect, bad reader keys as one line."""

from __future__ import annotations

import csv
import json
import re
import warnings

import numpy as np
import pandas as pd
import pytest

from mednn.findings import FindingWarning

FAST = ["--set", "train.epochs=5", "--set", "evaluate.bootstrap=20", "--set", "train.progress=false",
        "--set", "explain.enabled=false", "--set", "report.enabled=false", "--set", "train.threads=1",
        "--set", "evaluate.baselines=none", "--set", "model.hidden_sizes=[4]"]
COLUMNS = ["glucose", "bmi", "age", "outcome"]


def _table(n, seed):
    rng = np.random.default_rng(seed)
    glucose, bmi = rng.normal(120, 30, n).round(), rng.normal(32, 6, n).round(1)
    risk = 0.04 * (glucose - 120) + 0.1 * (bmi - 32) + rng.normal(0, 1, n)
    return pd.DataFrame({"glucose": glucose, "bmi": bmi, "age": rng.integers(21, 80, n),
                         "outcome": (risk > 0).astype(int)})


def test_scoring_a_site_file_with_reader_keys(cli, tmp_path):
    _table(160, 0).to_csv(tmp_path / "train.csv", header=False, index=False)
    config = tmp_path / "run.yaml"
    config.write_text(f"data: {{format: csv, path: {tmp_path / 'train.csv'}, header: false, column_names: {COLUMNS}, "
                      "label: outcome, task: binary, positive_class: 1}\n")
    code, _, err = cli("train", config, "--out", tmp_path / "run", *FAST)
    assert code == 0, err

    # rows to score written WITH a header line, although training had none: recognised, not a data row
    _table(6, 1).drop(columns="outcome").to_csv(tmp_path / "new.csv", index=False)
    with pytest.warns(UserWarning, match="first line reads as column names"):
        code, _, err = cli("predict", tmp_path / "run", tmp_path / "new.csv", "--out", tmp_path / "p.csv")
    assert code == 0, err
    assert len(list(csv.DictReader(open(tmp_path / "p.csv")))) == 6

    # a site that writes missing glucose as '-' and separates with ';'
    site = _table(40, 2)
    site["glucose"] = site["glucose"].astype(object)
    site.loc[:4, "glucose"] = "-"
    site.to_csv(tmp_path / "site.csv", header=False, index=False, sep=";")
    code, _, err = cli("evaluate", tmp_path / "run", "--data", tmp_path / "site.csv", "--out", tmp_path / "e.json")
    assert code == 2 and len(err.strip().splitlines()) == 1
    code, _, err = cli("evaluate", tmp_path / "run", "--data", tmp_path / "site.csv", "--out", tmp_path / "e.json",
                       "--set", "data.delimiter=;", "--set", "data.missing_values=['-']")
    assert code == 0, err
    result = json.loads((tmp_path / "e.json").read_text())
    assert result["n"] == 40 and result["metrics"]["bootstrap"]["unit"] == "row"

    # model keys are not reader keys: one line, exit 2
    for bad in ("model.hidden_sizes=[8]", "data.task=multiclass"):
        code, _, err = cli("predict", tmp_path / "run", tmp_path / "new.csv", "--out", tmp_path / "q.csv",
                           "--set", bad)
        assert code == 2 and len(err.strip().splitlines()) == 1 and "reader key" in err, err
        assert not (tmp_path / "q.csv").exists()


def test_inspect_shows_repeated_measures_and_patient_from_fixes_it(cli, tmp_path):
    rng = np.random.default_rng(0)
    rows = [{"name": f"phon_R01_S{p:02d}_{k}", "jitter": rng.normal(p % 2, 1), "hnr": rng.normal(0, 1),
             "shimmer": rng.normal(0, 1), "status": p % 2} for p in range(1, 25) for k in range(1, 7)]
    pd.DataFrame(rows).to_csv(tmp_path / "voice.csv", index=False)
    args = ["inspect", "--data", tmp_path / "voice.csv", "--set", "data.label=status", "--set", "data.id_column=name",
            "--no-label-issues"]
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        code, out, err = cli(*args)
    assert code == 0, err
    assert "[repeated_measures]" in out and "data.patient_from: {column: name" in out
    lines = [str(w.message) for w in shown if issubclass(w.category, FindingWarning)] + out.splitlines()
    assert sum("[repeated_measures]" in line for line in lines) == 1  # said once: inspect's list entry
    code, out, err = cli(*args, "--set", "data.patient_from={column: name, pattern: '^(.*)_\\d+$'}")
    assert code == 0, err
    assert "[repeated_measures]" not in out and "split_leakage" not in out
    assert "patients)" in out  # the split is counted in patients too
    code, _, err = cli(*args, "--set", "data.patient_from={column: name, pattern: '(a+)+'}")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "data.patient_from.pattern" in err


def _recordings(tmp_path, n_subjects: int):
    rng = np.random.default_rng(4)
    rows = [{"rec": f"subj{p:02d}_{k}", "jitter": rng.normal(p % 3, 1), "hnr": rng.normal(0, 1),
             "score": 10 + 3 * (p % 3) + rng.normal(0, 1)} for p in range(n_subjects) for k in range(12)]
    path = tmp_path / f"voice{n_subjects}.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


PATIENT_FROM = ["--set", "data.label=score", "--set", "data.task=regression",
                "--set", "data.patient_from={column: rec, pattern: '^(.*)_\\d+$'}"]


def test_few_patients_are_counted_as_samples_and_patients_and_warned_about(cli, tmp_path):
    """20 subjects of 12 recordings: the report counts the calibration set in samples and
    patients, names the column the patients came from, and warns that so few patients make
    the validation and test intervals unreliable."""
    out = tmp_path / "run"
    code, stdout, err = cli("train", "--data", _recordings(tmp_path, 20), *PATIENT_FROM, *FAST,
                            "--set", "report.enabled=true", "--set", "explain.enabled=true",
                            "--set", "explain.n_samples=2", "--out", out)
    assert code == 0, err
    data = json.loads((out / "data.json").read_text())
    val, test = data["splits"]["val"], data["splits"]["test"]
    assert val["n_patients"] < 10 and val["n"] == 12 * val["n_patients"]
    few = [f for f in data["findings"] if f["id"] == "few_patients"]
    assert sorted(f["count"] for f in few) == sorted([val["n_patients"], test["n_patients"]])
    assert "[few_patients]" in stdout + err
    report = (out / "report.html").read_text().replace("&#39;", "'")
    assert f"fitted on {val['n']} validation samples from {val['n_patients']} patients" in report
    assert "grouped by the patient id taken from column 'rec' by data.patient_from (20 patients)" in report
    assert f"for {min(2, test['n'])} test records" in report
    for wrong in (r"\d validation patients", "column 'group'", "a interval", r"\d test patients"):
        assert not re.search(wrong, report), wrong
    assert "column 'group'" not in (out / "model_card.json").read_text()


def test_enough_patients_raise_no_few_patients_warning(cli, tmp_path):
    code, stdout, err = cli("inspect", "--data", _recordings(tmp_path, 120), *PATIENT_FROM, "--no-label-issues")
    assert code == 0, err
    assert "patients)" in stdout and "few_patients" not in stdout + err

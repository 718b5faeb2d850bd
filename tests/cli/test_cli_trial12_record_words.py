"""A patient-grouped run's report counts records as records and patients as patients (trial 12,
item 6): 494 test records of 151 patients were "63 test patients", the set-size table's "Test
patients" and the CI text's "resampling of the test set"; the model card listed no subgroup
characteristic for 8 subgroups. Walked through the CLI on a generated table, both ways: a table
without patients keeps "patients"."""

import json
import re
from html import unescape

import numpy as np
import pandas as pd
import pytest

from mednn.cli.main import main

FAST = ["--set", "train.epochs=20", "--set", "train.lr=0.02", "--set", "evaluate.bootstrap=30",
        "--set", "train.progress=false", "--set", "explain.enabled=false", "--set", "report.enabled=false",
        "--set", "train.threads=1", "--set", "evaluate.baselines=none", "--set", "data.label=outcome",
        "--set", "data.meta_columns=[sex]", "--set", "evaluate.subgroups=[sex]"]


def _frame(rows_per_patient: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = 360
    marker = rng.normal(0, 1, n)
    return pd.DataFrame({
        "patient": [f"p{i // rows_per_patient:03d}" for i in range(n)],
        "marker": marker.round(3), "age": rng.normal(60, 10, n).round(1),
        "sex": rng.choice(["F", "M"], n),
        "outcome": np.where(marker + rng.normal(0, 0.8, n) > 0, "disease", "healthy"),
    })


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _train(tmp_path, frame, *extra):
    frame.to_csv(tmp_path / "data.csv", index=False)
    assert main(["train", "--data", str(tmp_path / "data.csv"), "--out", str(tmp_path / "run"), *FAST, *extra]) == 0
    assert main(["report", str(tmp_path / "run")]) == 0
    return tmp_path / "run"


def test_a_patient_grouped_run_says_records_where_it_counts_records(tmp_path):
    run = _train(tmp_path, _frame(3), "--set", "data.patient_column=patient")
    assert json.loads((run / "metrics.json").read_text())["bootstrap"]["unit"] == "patient"
    html = (run / "report.html").read_text()
    text = _text(html)
    assert "<th>Test records</th>" in html and "<th>Test patients</th>" not in html
    assert "share of records with the class" in text and "share of patients with the class" not in text
    assert "bootstrap resampling of the test set's patients" in text
    card = json.loads((run / "model_card.json").read_text())
    subgroups = next(i["value"] for i in card["items"] if i["topic"] == "Subgroups")
    assert subgroups["characteristics"] == ["sex"] and subgroups["subgroups"] == 2
    intervals = next(i["value"] for i in card["items"] if i["topic"] == "Performance with confidence intervals")
    assert intervals["confidence_intervals"]["unit"] == "patient"


def test_a_table_of_one_row_per_patient_keeps_patients(tmp_path):
    run = _train(tmp_path, _frame(1).drop(columns="patient"))
    html = (run / "report.html").read_text()
    text = _text(html)
    assert "share of patients with the class" in text and "<th>Test patients</th>" in html
    assert "bootstrap resampling of the test set's patients" in text

"""An integer column named as the person (subject#, patient_nbr) with several rows per value is
not silently a feature (trial 10, #7): training refuses it naming the column and
data.patient_column; with the patient column set the run splits by person."""

import json

import numpy as np
import pandas as pd


def _telemonitoring(tmp_path):
    rng = np.random.default_rng(5)
    rows = [{"subject#": s, "age": 50 + s, "jitter": rng.normal(s % 3, 1), "hnr": rng.normal(0, 1),
             "updrs": 20 + 2 * (s % 3) + rng.normal(0, 1)} for s in range(1, 21) for _ in range(8)]
    path = tmp_path / "tele.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


FAST = ["--set", "train.epochs=2", "--set", "evaluate.bootstrap=0", "--set", "train.progress=false",
        "--set", "explain.enabled=false", "--set", "report.enabled=false", "--set", "train.threads=1",
        "--set", "evaluate.baselines=none", "--set", "model.hidden_sizes=[4]", "--set", "data.label=updrs",
        "--set", "data.task=regression"]


def test_train_refuses_the_person_number_as_a_feature_and_runs_by_patient(cli, tmp_path):
    path = _telemonitoring(tmp_path)
    code, _, err = cli("train", "--data", path, *FAST, "--out", tmp_path / "run")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "'subject#'" in err and "set it as data.patient_column," in err
    assert not (tmp_path / "run").exists()
    code, _, err = cli("train", "--data", path, *FAST, "--set", "data.patient_column=subject#", "--out", tmp_path / "r2")
    assert code == 0, err
    data = json.loads((tmp_path / "r2" / "data.json").read_text())
    assert "subject#" not in data["feature_names"] and data["splits"]["test"]["n_patients"] >= 1

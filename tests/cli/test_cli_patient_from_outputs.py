"""A run with ``data.patient_from`` (trial 16, item 9): `mednn predict` carried only `row-N` ids
and no patient, so a user joined the predictions back by line number; `mednn evaluate` applied
the pattern to a site's ids without saying how many patients it found there."""

import json

import numpy as np
import pandas as pd

FAST = ["--set", "train.epochs=3", "--set", "evaluate.bootstrap=20", "--set", "train.progress=false",
        "--set", "explain.enabled=false", "--set", "report.enabled=false", "--set", "train.threads=1",
        "--set", "model.hidden_sizes=[8]"]
PATIENT_FROM = ["--set", "data.label=status", "--set", "data.patient_from={column: rec, pattern: '^(.*)_\\d+$'}"]


def _recordings(path, prefix: str, n_subjects: int, seed: int):
    rng = np.random.default_rng(seed)
    rows = [{"rec": f"{prefix}{p:02d}_{k}", "jitter": rng.normal(p % 2, 1), "hnr": rng.normal(0, 1),
             "status": p % 2} for p in range(n_subjects) for k in range(3)]
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_predict_carries_the_derived_patient_and_evaluate_counts_the_sites_patients(cli, tmp_path):
    code, _, err = cli("train", "--data", _recordings(tmp_path / "train.csv", "wn_P", 40, 0), *PATIENT_FROM, *FAST,
                       "--out", tmp_path / "run")
    assert code == 0, err
    site = _recordings(tmp_path / "site.csv", "site_P", 12, 1)
    code, _, err = cli("predict", tmp_path / "run", site, "--out", tmp_path / "p.csv")
    assert code == 0, err
    predictions = pd.read_csv(tmp_path / "p.csv")
    assert list(predictions.columns[:2]) == ["id", "patient_id"]
    assert predictions["patient_id"].tolist() == [f"site_P{p:02d}" for p in range(12) for _ in range(3)]
    code, out, err = cli("evaluate", tmp_path / "run", "--data", site, "--out", tmp_path / "e.json")
    assert code == 0, err
    assert json.loads((tmp_path / "e.json").read_text())["patients"]["n"] == 12
    assert "36 samples (binary), 12 patients found by data.patient_from in column 'rec'" in out, out

"""DP-SGD with a patient column: ε is per training record, so the console and the report also
give the bound for a whole patient (group privacy over the patient with the most records)."""

import json

import numpy as np
import pandas as pd
import pytest

from mednn.privacy.dp import group_privacy

from .conftest import FAST


def test_group_privacy_is_k_epsilon_and_grows_delta():
    assert group_privacy(1.0, 1e-6, 1) == {"records_per_patient_max": 1, "epsilon": 1.0, "delta": 1e-6}
    two = group_privacy(1.0, 1e-6, 2)
    assert two["epsilon"] == 2.0 and two["delta"] == pytest.approx(2 * np.e * 1e-6, rel=0.02)
    assert group_privacy(3.0, 1e-5, 168)["delta"] is None  # k·e^((k-1)ε)·δ above 1: no guarantee


def _frame(visits: np.ndarray, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    pid = np.repeat(np.arange(len(visits)), visits)
    marker = rng.normal(0, 1, len(pid))
    return pd.DataFrame({"pid": [f"P{p:04d}" for p in pid], "marker": marker, "age": rng.normal(60, 9, len(pid)),
                         "outcome": np.where(marker + rng.normal(0, 0.6, len(pid)) > 0, "disease", "healthy")})


@pytest.mark.parametrize("with_patients", [True, False])
def test_dp_with_a_patient_column_reports_the_per_patient_bound(cli, tmp_path, with_patients):
    visits = np.full(60, 3)
    visits[:12] = 6  # the largest patients have 6 records: some of them land in the training split
    _frame(visits).to_csv(tmp_path / "t.csv", index=False)
    patient = ["--set", "data.patient_column=pid"] if with_patients else ["--set", "data.drop_columns=[pid]"]
    code, out, err = cli("train", "--data", tmp_path / "t.csv", "--set", "data.label=outcome", *patient, *FAST,
                         "--set", "train.epochs=2", "--set", "privacy.dp=true", "--set", "privacy.noise_multiplier=1.0",
                         "--set", "explain.enabled=false", "--out", tmp_path / "run")
    assert code == 0, err
    privacy = json.loads((tmp_path / "run" / "metrics.json").read_text())["privacy"]
    assert "differential privacy: ε = " in err
    if not with_patients:
        assert "per_patient" not in privacy and "per patient" not in err
        return
    k = privacy["per_patient"]["records_per_patient_max"]
    assert k == 6 and privacy["per_patient"]["epsilon"] == pytest.approx(6 * privacy["epsilon"], rel=1e-5)
    assert f"per patient: ε ≤ " in err and "up to 6 training records of one patient" in err
    html = (tmp_path / "run" / "report.html").read_text()
    assert "Per patient (group privacy)" in html and "up to 6 training records" in html

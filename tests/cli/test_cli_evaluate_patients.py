"""mednn evaluate uses the site's patient column: the bootstrap resamples patients, the
patients are counted, and patients the run was trained on are found (by the run's hashed ids,
never stored as ids) and reported as a split_leakage finding."""

import json

import numpy as np
import pandas as pd
import pytest

from .conftest import FAST


def _patients(first: int, n_patients: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    pid = np.repeat(np.arange(first, first + n_patients), 2)  # two visits each
    n = len(pid)
    marker = rng.normal(0, 1, n)
    return pd.DataFrame({"pid": [f"P{p:05d}" for p in pid], "age": rng.normal(60, 9, n).round(1), "marker": marker,
                         "outcome": np.where(marker + rng.normal(0, 0.6, n) > 0, "disease", "healthy")})


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    from mednn.cli.main import main

    root = tmp_path_factory.mktemp("patients")
    _patients(0, 150, 0).to_csv(root / "train.csv", index=False)
    out = root / "run"
    assert main(["train", "--data", str(root / "train.csv"), "--set", "data.label=outcome",
                 "--set", "data.patient_column=pid", *FAST, "--set", "train.epochs=3", "--set", "explain.enabled=false",
                 "--set", "report.enabled=false", "--out", str(out), "--quiet"]) == 0
    return out


def _evaluate(cli, run, frame, tmp_path, *extra):
    path, out = tmp_path / "site.csv", tmp_path / "site.json"
    frame.to_csv(path, index=False)
    code, stdout, err = cli("evaluate", run, "--data", path, "--out", out, *extra)
    assert code == 0, err
    return json.loads(out.read_text()), stdout + err


def test_the_run_stores_no_patient_id(run):
    text = "\n".join(p.read_text(errors="replace") for p in run.rglob("*.json"))
    assert "P00001" not in text and "P00149" not in text
    assert json.loads((run / "data.json").read_text())["groups"]["train_keys"]["keys"]


def test_a_site_of_new_patients_is_bootstrapped_by_patient_and_not_flagged(cli, run, tmp_path):
    result, shown = _evaluate(cli, run, _patients(5000, 60, 1), tmp_path)
    assert result["bootstrap"]["unit"] == "patient" and "120 samples (binary), 60 patients" in shown
    assert result["patients"]["n"] == 60
    assert not [f for f in result.get("findings", []) if f["id"] == "split_leakage"]


def test_site_patients_seen_in_training_are_found(cli, run, tmp_path):
    site = pd.concat([_patients(0, 40, 2), _patients(5000, 20, 3)])  # 40 of 60 patients were trained on
    result, shown = _evaluate(cli, run, site, tmp_path)
    leak = [f for f in result.get("findings", []) if f["id"] == "split_leakage"]
    assert leak and "P0000" not in leak[0]["message"]
    seen = result["patients"]["seen_in_training"]
    assert 40 * 0.6 <= seen["matched"] <= 40 + 3  # the training split holds about 60% of the patients
    assert "P0000" not in shown


def test_set_patient_column_is_honoured(cli, run, tmp_path):
    site = _patients(5000, 60, 4).rename(columns={"pid": "subject"})
    result, _ = _evaluate(cli, run, site, tmp_path, "--set", "data.patient_column=subject")
    assert result["bootstrap"]["unit"] == "patient" and result["patients"]["n"] == 60


def test_predict_names_each_rows_patient_when_the_file_carries_the_column(cli, run, tmp_path):
    # fix16a: predictions were named by record id only; to group them by patient a user needs the
    # patient column of their own file beside them (the run itself still stores no patient id)
    site = _patients(5000, 3, 5).drop(columns=["outcome"])
    site.to_csv(tmp_path / "new.csv", index=False)
    code, _, err = cli("predict", run, tmp_path / "new.csv", "--out", tmp_path / "pred.csv")
    assert code == 0, err
    pred = pd.read_csv(tmp_path / "pred.csv")
    assert list(pred.columns[:2]) == ["id", "pid"] and list(pred["pid"]) == list(site["pid"])
    # a file without the column is predicted as before, with no patient column
    site.drop(columns=["pid"]).to_csv(tmp_path / "anonymous.csv", index=False)
    code, _, err = cli("predict", run, tmp_path / "anonymous.csv", "--out", tmp_path / "anonymous_pred.csv")
    assert code == 0, err
    assert "pid" not in pd.read_csv(tmp_path / "anonymous_pred.csv").columns

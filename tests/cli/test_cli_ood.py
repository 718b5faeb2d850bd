"""Out-of-distribution flags through the CLI (issue 19): a run fits its scorer on the training
split and thresholds it on validation; `mednn predict`, `mednn evaluate` and `mednn serve` return
``ood_score`` and ``out_of_distribution`` per record; records unlike the training data (values far
outside the ranges, noise or other images, text of another vocabulary) are flagged and counted in
an ``out_of_distribution`` finding; the scorer lives in the run's record (predictor.json's ``ood``,
arrays in ood.safetensors, both in the manifest)."""

from __future__ import annotations

import json
import re
import warnings

import numpy as np
import pandas as pd
import pytest

FAST = ["--set", "train.epochs=20", "--set", "train.lr=0.02", "--set", "evaluate.bootstrap=20",
        "--set", "train.progress=false", "--set", "explain.enabled=false", "--set", "report.enabled=false",
        "--set", "train.threads=1", "--set", "evaluate.baselines=none"]


def _patients(n, seed, shift=0.0):
    rng = np.random.default_rng(seed)
    age = rng.normal(60, 10, n).round(1) + shift * 40
    marker = rng.normal(0, 1, n).round(3) + shift * 10
    sex = rng.choice(["F", "M"], n)
    risk = 0.08 * (age - 60) + 1.5 * marker
    outcome = np.where(risk + rng.normal(0, 0.7, n) > 0, "disease", "healthy")
    return pd.DataFrame({"age": age, "marker": marker, "sex": sex, "outcome": outcome})


@pytest.fixture(scope="module")
def table_run(tmp_path_factory):
    from mednn.cli.main import main

    folder = tmp_path_factory.mktemp("ood_table")
    _patients(400, 0).to_csv(folder / "train.csv", index=False)
    assert main(["train", "--data", str(folder / "train.csv"), "--out", str(folder / "run"),
                 "--set", "data.label=outcome", *FAST]) == 0
    return folder / "run"


def test_the_run_keeps_its_scorer_in_the_record_and_reports_the_rates(table_run):
    from mednn.runs import load_run

    files = sorted(p.name for p in table_run.iterdir())
    assert "ood.safetensors" in files and "ood.json" not in files
    assert "ood.safetensors" in json.loads((table_run / "manifest.json").read_text())["files"]
    assert not [f for f in files if f.endswith((".pkl", ".pickle", ".pt", ".joblib"))]
    state = json.loads((table_run / "predictor.json").read_text())["ood"]
    assert state["method"] == "table_ranges" and state["learnt"]["precision_"] == {"__array__": "precision_"}
    assert state["params"]["fpr"] == 0.05 and state["n_calibration"] > 0
    assert state["params"]["confidence"] == 0.9  # the promise, in words a clinician reads
    assert state["promise"].startswith("at most 5% of records like the validation set are flagged, with 90% confidence")
    record = load_run(table_run, model=False).record
    assert record.ood.threshold == state["threshold"]
    ood = json.loads((table_run / "metrics.json").read_text())["ood"]
    assert {"method", "fpr_target", "threshold", "val_flag_rate", "test_flag_rate"} <= set(ood)
    assert ood["fpr_target"] == 0.05 and ood["val_flag_rate"] <= 0.1 and ood["test_flag_rate"] <= 0.2
    assert ood["confidence"] == 0.9 and ood["promise"] == state["promise"]
    predictions = pd.read_csv(table_run / "predictions.csv")
    assert {"ood_score", "out_of_distribution"} <= set(predictions.columns)
    test = predictions[predictions["split"] == "test"]
    assert test["out_of_distribution"].mean() == pytest.approx(ood["test_flag_rate"])


def test_predict_flags_rows_far_outside_the_training_data_and_counts_them(table_run, tmp_path, cli):
    rows = pd.concat([_patients(40, 1), _patients(20, 2, shift=1.0)]).drop(columns=["outcome"])
    rows.to_csv(tmp_path / "site.csv", index=False)
    with pytest.warns(UserWarning, match=r"\[out_of_distribution\] 2\d of 60 records of site.csv") as warned:
        code, out, err = cli("predict", table_run, tmp_path / "site.csv", "--out", tmp_path / "p.csv")
    assert code == 0, err
    got = pd.read_csv(tmp_path / "p.csv")
    assert {"ood_score", "out_of_distribution", "predicted", "set:90%"} <= set(got.columns)
    assert got["out_of_distribution"].iloc[40:].all() and got["out_of_distribution"].iloc[:40].mean() <= 0.2
    assert got["predicted"].notna().all()  # flagged records keep their prediction
    # ... and their conformal set is marked: its coverage does not apply to them, and applies to the others
    assert (got["coverage_applies"] == ~got["out_of_distribution"]).all()
    assert not got["coverage_applies"].iloc[40:].any() and got["coverage_applies"].iloc[:40].any()
    assert not any(str(rows["age"].iloc[45]) in str(w.message) for w in warned)  # counts, never values


def test_predict_prints_a_few_flagged_records_with_the_finding_id_as_evaluate_does(table_run, tmp_path, cli):
    # trial 10: predict's line for a few flagged records lacked the [out_of_distribution] id (and said
    # "warning" for an info finding) while train and evaluate print "mednn: info: [out_of_distribution] ..."
    from mednn.cli.main import _format_warning
    from mednn.findings import FindingInfo

    rows = pd.concat([_patients(1, 5, shift=1.0), _patients(19, 6)]).drop(columns=["outcome"])
    rows.to_csv(tmp_path / "few.csv", index=False)
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        code, _, err = cli("predict", table_run, tmp_path / "few.csv", "--out", tmp_path / "p.csv")
    assert code == 0, err
    assert pd.read_csv(tmp_path / "p.csv")["out_of_distribution"].iloc[0]
    flagged = [w for w in shown if "unlike the training data" in str(w.message)]
    assert len(flagged) == 1 and flagged[0].category is FindingInfo, [str(w.message) for w in shown]
    line = _format_warning(flagged[0].message, flagged[0].category, "x.py", 1)
    assert re.fullmatch(r"mednn: info: \[out_of_distribution\] \d+ of 20 records of few\.csv flagged .*\n", line), line


def test_evaluate_reports_the_flag_rate_and_the_finding(table_run, tmp_path, cli):
    site = pd.concat([_patients(30, 3), _patients(30, 4, shift=1.0)])
    site.to_csv(tmp_path / "site.csv", index=False)
    with pytest.warns(UserWarning, match=r"\[out_of_distribution\]"):
        code, out, err = cli("evaluate", table_run, "--data", tmp_path / "site.csv", "--out", tmp_path / "e.json")
    assert code == 0, err
    result = json.loads((tmp_path / "e.json").read_text())
    assert result["ood"]["n"] == 60 and result["ood"]["n_flagged"] >= 30 and result["ood"]["fpr_target"] == 0.05
    ood = [f for f in result["findings"] if f["id"] == "out_of_distribution"]  # (beside the shift check's)
    assert len(ood) == 1 and ood[0]["count"] == result["ood"]["n_flagged"]
    assert "90% confidence" in result["ood"]["promise"]
    # the conformal sets' coverage of the flagged records and of the others, apart
    conformal = result["ood"]["conformal"]
    assert conformal["records_without_guarantee"] == result["ood"]["n_flagged"]
    assert conformal["flagged"]["n"] == result["ood"]["n_flagged"]
    assert conformal["not_flagged"]["n"] == 60 - conformal["flagged"]["n"]
    assert conformal["target_coverage"] == 0.9 and 0 <= conformal["not_flagged"]["coverage"] <= 1


def test_a_run_asked_for_the_average_promise_has_the_conformal_threshold(table_run, tmp_path, cli):
    """evaluate.ood.confidence: null -> the conformal (1 - fpr) rank: a threshold no higher than the
    default's on the same network and validation records, and a promise that says "on average"."""
    _patients(400, 0).to_csv(tmp_path / "train.csv", index=False)
    code, _, err = cli("train", "--data", tmp_path / "train.csv", "--out", tmp_path / "run",
                       "--set", "data.label=outcome", "--set", "evaluate.ood.confidence=null", *FAST)
    assert code == 0, err
    average = json.loads((tmp_path / "run" / "predictor.json").read_text())["ood"]
    default = json.loads((table_run / "predictor.json").read_text())["ood"]
    assert average["params"]["confidence"] is None and average["promise"].startswith("on average")
    assert average["threshold"] <= default["threshold"] and average["val_flag_rate"] >= default["val_flag_rate"]


def test_switched_off_a_run_has_no_scorer_and_says_why(tmp_path, cli):
    _patients(200, 0).to_csv(tmp_path / "train.csv", index=False)
    code, _, err = cli("train", "--data", tmp_path / "train.csv", "--out", tmp_path / "run",
                       "--set", "data.label=outcome", "--set", "evaluate.ood=null", *FAST)
    assert code == 0, err
    assert not (tmp_path / "run" / "ood.safetensors").exists()
    assert "ood" not in json.loads((tmp_path / "run" / "predictor.json").read_text())
    assert "switched off" in json.loads((tmp_path / "run" / "metrics.json").read_text())["ood"]["skipped"]
    assert "ood_score" not in pd.read_csv(tmp_path / "run" / "predictions.csv").columns


def _squares(n, rng):
    y = rng.integers(0, 2, n)
    x = rng.integers(0, 60, (n, 16, 16)).astype(np.uint8)
    x[y == 1, 4:12, 4:12] = 220
    return x, y.reshape(-1, 1).astype(np.uint8)


def test_an_image_run_flags_noise_and_another_image_set(tmp_path, cli):
    rng = np.random.default_rng(0)
    arrays = {}
    for split, n in (("train", 160), ("val", 80), ("test", 80)):
        arrays[f"{split}_images"], arrays[f"{split}_labels"] = _squares(n, rng)
    np.savez(tmp_path / "squares.npz", **arrays)
    yy, xx = np.mgrid[0:16, 0:16]
    others = {"noise": rng.integers(0, 256, (30, 16, 16)).astype(np.uint8),
              "rings": np.stack([(127 + 120 * np.sin(np.hypot(yy - 8, xx - 8) / (1 + i % 4))).astype(np.uint8)
                                 for i in range(30)]),
              "black frames": np.zeros((10, 16, 16), np.uint8)}  # the trial's black PNG
    code, _, err = cli("train", "--data", tmp_path / "squares.npz", "--out", tmp_path / "run", "--set",
                       "data.format=medmnist", "--set", "model.name=small_cnn", "--set", "train.epochs=3",
                       *FAST[2:])
    assert code == 0, err
    ood = json.loads((tmp_path / "run" / "metrics.json").read_text())["ood"]
    assert ood["method"] == "image_embedding" and ood["n_reference"] == 160 and ood["test_flag_rate"] <= 0.15
    for name, images in others.items():
        np.savez(tmp_path / f"{name}.npz", images=images)
        code, _, err = cli("predict", tmp_path / "run", tmp_path / f"{name}.npz", "--out", tmp_path / f"{name}.csv")
        assert code == 0, err
        got = pd.read_csv(tmp_path / f"{name}.csv")
        assert got["out_of_distribution"].mean() >= 0.9, name
        assert got["set:90%"].notna().all() and not got.loc[got["out_of_distribution"], "coverage_applies"].any()


def test_a_text_run_flags_text_of_another_vocabulary(tmp_path, cli):
    rng = np.random.default_rng(0)
    words = {"infection": ["fever", "cough", "chills", "pneumonia", "sputum", "crackles", "productive"],
             "injury": ["ankle", "sprain", "fall", "wrist", "fracture", "swelling", "ladder"]}
    rows = []
    for i in range(300):
        label = ["infection", "injury"][i % 2]
        other = words["infection" if i % 3 else "injury"]
        body = " ".join(rng.choice(words[label], 4)) + " " + str(rng.choice(other))
        rows.append({"note": f"patient seen today with {body}; plan follow up", "label": label})
    pd.DataFrame(rows).to_csv(tmp_path / "notes.csv", index=False)
    code, _, err = cli("train", "--data", tmp_path / "notes.csv", "--out", tmp_path / "run",
                       "--set", "data.format=text", "--set", "data.text_columns=note", "--set", "data.label=label",
                       "--set", "featurize.min_df=1", *FAST)
    assert code == 0, err
    letters = np.array(list("qxzjvkwy"))
    foreign = [" ".join("".join(rng.choice(letters, 6)) for _ in range(12)) for _ in range(30)]
    pd.DataFrame({"note": foreign}).to_csv(tmp_path / "foreign.csv", index=False)
    with pytest.warns(UserWarning, match=r"\[out_of_distribution\] (2\d|30) of 30 records"):
        code, _, err = cli("predict", tmp_path / "run", tmp_path / "foreign.csv", "--out", tmp_path / "p.csv")
    assert code == 0, err
    assert pd.read_csv(tmp_path / "p.csv")["out_of_distribution"].mean() >= 0.9


def test_serve_returns_the_flag_and_marks_the_set_of_a_flagged_record(table_run):
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from mednn.serving import make_app

    client = TestClient(make_app(table_run))
    records = [{"age": 61.0, "marker": 0.2, "sex": "F"}, {"age": 420.0, "marker": 35.0, "sex": "M"}]
    body = client.post("/predict", json={"records": records}).json()
    first, second = body["predictions"]
    assert first["out_of_distribution"] is False and "coverage_note" not in first and first["coverage_applies"] is True
    assert second["out_of_distribution"] is True and second["ood_score"] > first["ood_score"]
    assert "set" in second and "coverage" in second["coverage_note"] and second["coverage_applies"] is False


def test_the_report_shows_the_test_flag_rate(table_run):
    from mednn.reports.html import build_report
    from mednn.runs import load_run

    run = load_run(table_run, model=False)
    rate = run.record.metrics.ood["test_flag_rate"]
    html = build_report(run)
    assert f"Out of distribution: {100 * rate:.1f}% of test records" in html


def test_a_scorer_record_out_of_range_is_refused():
    from pydantic import ValidationError

    from mednn.runs import OODRecord

    good = {"method": "table_ranges", "params": {"fpr": 0.05}, "threshold": 1.5, "val_flag_rate": 0.04,
            "n_calibration": 80, "learnt": {}}
    assert OODRecord.model_validate(good).threshold == 1.5
    for bad in ({"params": {"fpr": 0.9}}, {"threshold": float("nan")}, {"val_flag_rate": 2.0}):
        with pytest.raises(ValidationError):
            OODRecord.model_validate({**good, **bad})


def test_an_evaluation_stored_in_the_run_shows_its_flag_rate_in_the_report(table_run, tmp_path, cli):
    import shutil

    from mednn.reports.html import build_report
    from mednn.runs import load_run

    run = tmp_path / "run"
    shutil.copytree(table_run, run)
    pd.concat([_patients(30, 5), _patients(30, 6, shift=1.0)]).to_csv(tmp_path / "far.csv", index=False)
    with pytest.warns(UserWarning, match=r"\[out_of_distribution\]"):
        code, _, err = cli("evaluate", run, "--data", tmp_path / "far.csv", "--site", "far")
    assert code == 0, err
    record = load_run(run, model=False).record
    evaluation = record.evaluations["far"]
    assert evaluation.ood["n"] == 60 and "out_of_distribution" in [f.id for f in evaluation.findings]
    html = build_report(load_run(run, model=False))
    assert f"{100 * evaluation.ood['flag_rate']:.1f}% of records flagged out of distribution" in html

"""The CLI end to end on tables: train, predict, evaluate, report, and every bad input."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from .conftest import FAST


def _train_args(csv, out, *extra):
    return ["train", "--data", csv, "--out", out, *FAST,
            "--set", "data.label=outcome", "--set", "data.positive_class=disease",
            "--set", "data.id_column=record", "--set", "data.patient_column=patient",
            "--set", "data.task=binary", *extra]


def test_train_predict_evaluate_report(cli, patients_csv, tmp_path):
    out = tmp_path / "run"
    code, stdout, err = cli(*_train_args(patients_csv, out, "--set", "data.meta_columns=[sex]"))
    assert code == 0, err
    assert stdout.strip().endswith("report.html")
    for name in ("config.yaml", "model.json", "model.safetensors", "featurizer.json", "data.json",
                 "metrics.json", "history.csv", "predictions.csv", "report.html", "manifest.json"):
        assert (out / name).is_file(), name
    metrics = json.loads((out / "metrics.json").read_text())
    predictor = json.loads((out / "predictor.json").read_text())  # the one copy of task and threshold
    assert predictor["task"]["kind"] == "binary" and predictor["task"]["positive_class"] == "disease"
    auroc = metrics["test"]["auroc"]
    assert auroc["value"] > 0.75 and auroc["ci95"][0] <= auroc["value"] <= auroc["ci95"][1]
    # every subgroup row has its interval, as the report and model card promise (trial 5)
    for row in metrics["subgroups"]:
        entry = row["sensitivity"]
        assert entry["value"] is None or entry["ci95"] is not None, row["value"]
    assert predictor["threshold"]["chosen_on"] == "val"
    manifest = json.loads((out / "manifest.json").read_text())
    assert "report.html" in manifest["files"] and manifest["seed"] == 0
    # patient-level split: no patient in two splits
    data = json.loads((out / "data.json").read_text())
    assert data["split_method"] == "group"
    assert all(v == 0 for v in data["leakage"]["shared_groups"].values())
    history = pd.read_csv(out / "history.csv")
    assert list(history.columns[:3]) == ["epoch", "train_loss", "val_loss"] and "seconds" in history

    new = pd.read_csv(patients_csv).drop(columns=["outcome"]).head(20)
    new_path = tmp_path / "new.csv"
    new.to_csv(new_path, index=False)
    code, stdout, err = cli("predict", out, new_path, "--out", tmp_path / "pred.csv")
    assert code == 0, err
    pred = pd.read_csv(tmp_path / "pred.csv")
    assert len(pred) == 20 and list(pred["id"]) == list(new["record"])
    assert ((pred["p:disease"] + pred["p:healthy"] - 1).abs() < 1e-5).all()

    code, stdout, err = cli("evaluate", out, "--data", patients_csv, "--bootstrap", "20")
    assert code == 0, err
    written = out / "evaluations" / "patients.json"  # stored in the run by the run's own command
    assert stdout.strip().endswith(f"full results: {written}")
    assert not patients_csv.with_suffix(".evaluation.json").exists()  # never beside the data
    result = json.loads(written.read_text())
    auroc = result["metrics"]["auroc"]
    assert auroc["value"] > 0.7
    ci = auroc["ci95"]
    assert f"AUROC {auroc['value']:.3f}" in " ".join(stdout.split()) and f"{ci[0]:.3f} to {ci[1]:.3f}" in stdout
    assert "Sensitivity (disease)" in stdout and "95% CI" in stdout
    # a compact table, then one line per finding (how many records a run flags depends on its split)
    lines = stdout.splitlines()
    table = lines[:next(i for i, line in enumerate(lines) if line.startswith("operating threshold"))]
    assert len(table) < 16
    assert all(line.startswith(("operating threshold", "mednn: ", "dataset shift", "full results"))
               for line in lines[len(table):])

    code, stdout, err = cli("report", out)
    assert code == 0 and 'id="external-validation"' in (out / "report.html").read_text()


def test_same_seed_gives_identical_metrics(cli, patients_csv, tmp_path):
    for name in ("a", "b"):
        code, _, err = cli(*_train_args(patients_csv, tmp_path / name))
        assert code == 0, err
    a = json.loads((tmp_path / "a" / "metrics.json").read_text())
    b = json.loads((tmp_path / "b" / "metrics.json").read_text())
    a["training"].pop("seconds"), b["training"].pop("seconds")
    for m in (a, b):  # wall times of the reference baselines differ too; their results must not
        m["baselines"].pop("feature_seconds")
        for model in m["baselines"]["models"]:
            model.pop("seconds")
    assert a == b


def _assert_clean_failure(code, stdout, err, tmp_path, *words):
    assert code == 2
    lines = [line for line in err.strip().splitlines() if line]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for w in words:
        assert w in lines[0], lines[0]
    # no directory that looks like a finished run, no leftover partial directory
    assert not list(tmp_path.glob("**/manifest.json"))
    assert not list(tmp_path.glob(".*partial*"))


def test_missing_file(cli, tmp_path):
    r = cli("train", "--data", tmp_path / "nope.csv", "--out", tmp_path / "run", *FAST, "--set", "data.label=y")
    _assert_clean_failure(*r, tmp_path, "nope.csv")


def test_empty_file(cli, tmp_path):
    (tmp_path / "empty.csv").write_text("")
    r = cli("train", "--data", tmp_path / "empty.csv", "--out", tmp_path / "run", *FAST, "--set", "data.label=y")
    _assert_clean_failure(*r, tmp_path, "empty")


def test_label_column_that_does_not_exist(cli, patients_csv, tmp_path):
    r = cli("train", "--data", patients_csv, "--out", tmp_path / "run", *FAST, "--set", "data.label=outcom")
    _assert_clean_failure(*r, tmp_path, "outcom", "outcome")


def test_single_class_in_training_split(cli, tmp_path):
    # the file's own split puts only class "a" in train
    frame = pd.DataFrame({"x": range(40), "y": ["a"] * 30 + ["a", "b"] * 5,
                          "split": ["train"] * 30 + ["val", "test"] * 5})
    frame.to_csv(tmp_path / "one.csv", index=False)
    r = cli("train", "--data", tmp_path / "one.csv", "--out", tmp_path / "run", *FAST,
            "--set", "data.label=y", "--set", "data.task=binary", "--set", "data.split_column=split")
    _assert_clean_failure(*r, tmp_path, "single class")


def test_nan_features_refused_when_asked(cli, tmp_path):
    frame = pd.DataFrame({"x": [1.0, None, 3.0, 4.0] * 10, "y": [0, 1] * 20})
    frame.to_csv(tmp_path / "nan.csv", index=False)
    r = cli("train", "--data", tmp_path / "nan.csv", "--out", tmp_path / "run", *FAST,
            "--set", "data.label=y", "--set", "data.missing=error")
    _assert_clean_failure(*r, tmp_path, "'x'", "missing")


def test_infinite_features(cli, tmp_path):
    frame = pd.DataFrame({"x": [1.0, float("inf"), 3.0, 4.0] * 10, "y": [0, 1] * 20})
    frame.to_csv(tmp_path / "inf.csv", index=False)
    r = cli("train", "--data", tmp_path / "inf.csv", "--out", tmp_path / "run", *FAST, "--set", "data.label=y")
    _assert_clean_failure(*r, tmp_path, "'x'")


@pytest.mark.parametrize(
    "override, words",
    [("train.lrate=0.1", ["train.lrate"]), ("train.lr=-1", ["train.lr"]),
     ("train.epochs=many", ["train.epochs"]), ("model.hidden=[3]", ["model.hidden"]),
     ("model.name=mpl", ["mlp"])],
)
def test_bad_config_keys(cli, tmp_path, override, words):
    r = cli("train", "--data", "breast-cancer", "--out", tmp_path / "run", *FAST, "--set", override)
    _assert_clean_failure(*r, tmp_path, *words)


def test_bad_yaml_file(cli, tmp_path):
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("data: [unclosed\n")
    r = cli("train", cfg, "--out", tmp_path / "run")
    _assert_clean_failure(*r, tmp_path, "bad.yaml")


def test_predict_with_mismatched_columns(cli, patients_csv, tmp_path):
    out = tmp_path / "run"
    assert cli(*_train_args(patients_csv, out))[0] == 0
    pd.read_csv(patients_csv).drop(columns=["marker", "outcome"]).to_csv(tmp_path / "bad.csv", index=False)
    code, stdout, err = cli("predict", out, tmp_path / "bad.csv", "--out", tmp_path / "p.csv")
    assert code == 2 and "marker" in err and "Traceback" not in err
    assert not (tmp_path / "p.csv").exists()


def test_predict_refuses_a_directory_that_is_not_a_run(cli, tmp_path):
    code, _, err = cli("predict", tmp_path, tmp_path / "x.csv")
    assert code == 2 and "not a finished mednn run" in err


def test_console_command_exit_code_and_version(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "mednn", "train", "--data", str(tmp_path / "x.csv"),
                           "--set", "data.label=y"], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "mednn", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("mednn ")


def test_inspect_reports_leakage_risk_without_patient_column(cli, patients_csv, tmp_path):
    code, stdout, err = cli("inspect", "--data", patients_csv, "--set", "data.label=outcome",
                            "--set", "data.id_column=record", "--set", "data.task=binary",
                            "--out", tmp_path / "checks.json")
    assert code == 0, err
    assert "train" in stdout and "disease" in stdout
    checks = json.loads((tmp_path / "checks.json").read_text())
    assert checks["n"] == 240 and "findings" in checks
    from mednn.findings import FINDING_IDS, Finding

    for record in checks["findings"]:  # typed records with stable ids, each listed as one entry
        finding = Finding.from_dict(record)
        assert record["id"] in FINDING_IDS and f"  - {finding.severity}: {finding.text()}" in stdout
    # the label screen ran (a noisy outcome: its screening model may be too weak to list anyone)
    screen = checks["label_issues"]
    assert screen["n_checked"] == checks["splits"]["train"]["n"]
    assert screen["n_suspect"] is not None or "too weak" in screen["note"]
    for suspect in screen.get("suspects", []):
        assert suspect["id"].startswith("r") and suspect["given"] in ("disease", "healthy")
    code, stdout, _ = cli("inspect", "--data", patients_csv, "--set", "data.label=outcome",
                          "--set", "data.patient_column=patient", "--set", "data.task=binary",
                          "--set", "data.id_column=record")
    assert code == 0 and "patients appear" not in stdout


def test_resume_without_a_checkpoint_is_a_one_line_error(cli, tmp_path):
    code, _, err = cli("train", "--data", "breast-cancer", "--out", tmp_path / "run", "--resume", "--quiet")
    assert code == 2 and "No checkpoint to resume" in err and "fix: run without --resume" in err
    assert "Traceback" not in err and not (tmp_path / "run").exists()


def test_resume_on_a_finished_run_says_it_is_finished(cli, tmp_path):
    args = ("train", "--data", "breast-cancer", "--out", tmp_path / "run", "--quiet", "--set", "train.epochs=2",
            "--set", "evaluate.bootstrap=0", "--set", "explain.enabled=false")
    assert cli(*args)[0] == 0
    code, _, err = cli(*args, "--resume")
    assert code == 2 and "is finished: --resume continues a run interrupted" in err and "Traceback" not in err

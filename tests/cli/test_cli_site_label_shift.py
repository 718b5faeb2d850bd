"""`mednn evaluate` compares a site's label with the training split (trial4 f: a label rescaled
x2.303 at a site, or a site of controls only, said nothing of the label): class prevalence with
its Wilson interval, or a regression label's range and distribution, as a `dataset_shift`
finding naming the label column, stored under `shift.label` and shown first in the report's
shift table. A regression evaluation carries no empty `class_counts` (trial4 e)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

FAST = ["--set", "train.epochs=5", "--set", "evaluate.bootstrap=20", "--set", "train.progress=false",
        "--set", "explain.enabled=false", "--set", "report.enabled=false", "--set", "train.threads=1",
        "--set", "model.hidden_sizes=[4]"]


def _binary(n: int, seed: int, sick_share: float = 0.3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    sick = rng.random(n) < sick_share
    return pd.DataFrame({"a": (rng.normal(size=n) + sick).round(3), "b": rng.normal(size=n).round(3),
                         "outcome": np.where(sick, "sick", "well")})


def _regression(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({"a": rng.normal(size=n).round(4), "b": rng.normal(size=n).round(4)})
    frame["value"] = (3.0 + frame["a"] - 0.5 * frame["b"] + rng.normal(0, 0.2, n)).round(4)
    return frame


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    from mednn.cli.main import main

    root = tmp_path_factory.mktemp("label_shift")
    _binary(300, 0).to_csv(root / "binary.csv", index=False)
    _regression(300, 0).to_csv(root / "regression.csv", index=False)
    assert main(["train", "--data", str(root / "binary.csv"), "--set", "data.label=outcome",
                 "--set", "data.positive_class=sick", "--out", str(root / "binary_run"), *FAST]) == 0
    assert main(["train", "--data", str(root / "regression.csv"), "--set", "data.label=value",
                 "--set", "data.task=regression", "--out", str(root / "regression_run"), *FAST]) == 0
    return root


def _evaluate(cli, root, run, frame, name):
    frame.to_csv(root / f"{name}.csv", index=False)
    code, out, err = cli("evaluate", root / run, "--data", root / f"{name}.csv", "--out", root / f"{name}.json")
    assert code == 0, err
    return json.loads((root / f"{name}.json").read_text()), out + err


def _label_findings(result):
    return [f for f in result.get("findings", []) if f["id"] == "dataset_shift" and f["message"].startswith("label")]


def test_the_training_profile_keeps_the_label_summary(runs):
    binary = json.loads((runs / "binary_run" / "profile.json").read_text())["label"]
    assert binary["column"] == "outcome" and binary["counts"]["sick"] + binary["counts"]["well"] == binary["n"]
    regression = json.loads((runs / "regression_run" / "profile.json").read_text())["label"]
    assert regression["column"] == "value" and len(regression["targets"]["value"]["quartiles"]) == 3


def test_a_site_of_controls_only_is_a_prevalence_shift_naming_the_label(cli, runs):
    result, printed = _evaluate(cli, runs, "binary_run", _binary(80, 1, sick_share=0.0), "controls")
    found = _label_findings(result)
    assert len(found) == 1 and found[0]["severity"] == "warning" and found[0]["columns"] == ["outcome"]
    assert "label column 'outcome'" in printed and "class 'sick' 0.0% (0 of 80" in printed
    (row,) = result["shift"]["label"]["classes"]  # binary: the positive class
    assert row["class"] == "sick" and row["site"] == 0.0 and row["ci95"][0] == 0.0 < row["ci95"][1] < row["training"]


def test_a_site_with_the_training_prevalence_raises_no_label_finding(cli, runs):
    result, _ = _evaluate(cli, runs, "binary_run", _binary(150, 2), "like")
    assert not _label_findings(result)
    (row,) = result["shift"]["label"]["classes"]
    assert row["severity"] == "ok" and row["ci95"][0] <= row["training"] <= row["ci95"][1]


def test_a_rescaled_regression_label_is_a_shift_of_the_label_column(cli, runs):
    site = _regression(120, 3)
    site["value"] = (site["value"] * 2.303).round(4)  # ln -> log10 style unit change
    result, printed = _evaluate(cli, runs, "regression_run", site, "rescaled")
    found = _label_findings(result)
    assert len(found) == 1 and found[0]["severity"] == "warning" and found[0]["columns"] == ["value"]
    assert "label column 'value'" in printed and "outside the training 0.5-99.5% range" in printed
    (target,) = result["shift"]["label"]["targets"]
    assert target["site"]["median"] > 2 * target["training"]["median"] * 0.9
    assert target["training"]["iqr"][0] < target["training"]["median"] < target["training"]["iqr"][1]


def test_a_regression_site_like_training_raises_no_label_finding(cli, runs):
    result, _ = _evaluate(cli, runs, "regression_run", _regression(120, 4), "same")
    assert not _label_findings(result)
    assert result["shift"]["label"]["targets"][0]["severity"] == "ok"


def test_the_report_shows_the_label_rows_first(cli, runs):
    from mednn.reports.sections.external import shift_table
    from mednn.runs import load_run

    _binary(80, 5, sick_share=0.0).to_csv(runs / "controls_report.csv", index=False)
    code, _, err = cli("evaluate", runs / "binary_run", "--data", runs / "controls_report.csv")
    assert code == 0, err
    evaluation = load_run(runs / "binary_run").record.evaluations["controls_report"]
    table = shift_table(evaluation)
    assert table["rows"][0]["column"] == "outcome (label)" and table["rows"][0]["check"] == "prevalence of 'sick'"
    assert table["rows"][0]["severity"] == "Warning" and "class shares" in table["text"]


def test_a_regression_evaluation_has_no_empty_class_counts(cli, runs):
    # trial4 e: "class_counts": {} in a regression evaluation; data.json's splits say null for regression
    result, _ = _evaluate(cli, runs, "regression_run", _regression(60, 6), "counts")
    assert "class_counts" not in result and result["shift"]["label"]["targets"]
    splits = json.loads((runs / "regression_run" / "data.json").read_text())["splits"]
    assert all(split.get("class_counts") is None for split in splits.values())
    binary, _ = _evaluate(cli, runs, "binary_run", _binary(60, 6), "binary_counts")
    assert sum(binary["class_counts"].values()) == 60


def test_a_run_without_a_label_profile_compares_with_its_training_counts_or_target_scaler(cli, runs, tmp_path):
    # runs trained before the label profile (the trial's runs): classification falls back to
    # data.json's training class counts, regression to the target scaler's mean and SD
    import hashlib
    import shutil

    from mednn.reports.sections.external import label_rows

    for name in ("binary_run", "regression_run"):
        shutil.copytree(runs / name, tmp_path / name)
        profile_path = tmp_path / name / "profile.json"
        profile = json.loads(profile_path.read_text())
        del profile["label"]
        profile_path.write_text(json.dumps(profile))
        manifest_path = tmp_path / name / "manifest.json"  # as the run was written before label profiles
        manifest = json.loads(manifest_path.read_text())
        manifest["files"]["profile.json"] = hashlib.sha256(profile_path.read_bytes()).hexdigest()
        manifest_path.write_text(json.dumps(manifest))
    controls, printed = _evaluate(cli, tmp_path, "binary_run", _binary(80, 7, sick_share=0.0), "old_controls")
    assert _label_findings(controls) and controls["shift"]["label"]["classes"][0]["class"] == "sick"
    site = _regression(120, 8)
    site["value"] = (site["value"] * 2.303).round(4)
    rescaled, printed = _evaluate(cli, tmp_path, "regression_run", site, "old_rescaled")
    (found,) = _label_findings(rescaled)
    assert found["severity"] == "warning" and "target scaler" in found["message"] and found["columns"] == ["value"]
    assert label_rows(rescaled["shift"]["label"])[0]["check"] == "mean (standard deviation)"
    same, _ = _evaluate(cli, tmp_path, "regression_run", _regression(120, 9), "old_same")
    assert not _label_findings(same)


def test_the_report_counts_a_one_row_site_in_the_singular(cli, runs, tmp_path):
    # trial4 d: counts meet nouns through one helper in the report's external section too
    import shutil

    shutil.copytree(runs / "binary_run", tmp_path / "run")
    _binary(1, 10).to_csv(tmp_path / "one.csv", index=False)
    code, _, err = cli("evaluate", tmp_path / "run", "--data", tmp_path / "one.csv")
    assert code == 0, err
    code, _, err = cli("report", tmp_path / "run")
    assert code == 0, err
    page = (tmp_path / "run" / "report.html").read_text()
    assert "1 sample from" in page and "1 samples" not in page

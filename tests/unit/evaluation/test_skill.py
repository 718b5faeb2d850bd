"""A run says when its network has no skill on the test split, and when its conformal sets miss
their target: from the test metrics' own intervals (evaluation.skill), and end to end from
`mednn train` on labels that carry no signal."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from mednn.evaluation.skill import coverage_findings, no_skill_findings


def _m(value, low, high):
    return {"value": value, "ci95": [low, high]}


@pytest.mark.parametrize("auroc, expected", [
    (_m(0.81, 0.74, 0.88), None),
    (_m(0.62, 0.49, 0.74), "not distinguishable from chance"),
    (_m(0.39, 0.21, 0.58), "not distinguishable from chance"),
    (_m(0.30, 0.18, 0.42), "below chance"),
])
def test_auroc_interval_against_chance(auroc, expected):
    found = no_skill_findings("binary", {"auroc": auroc})
    assert (found == []) if expected is None else (expected in found[0].message and found[0].severity == "warning")


@pytest.mark.parametrize("r2, flagged", [(_m(0.41, 0.27, 0.53), False), (_m(-0.59, -1.2, -0.1), True),
                                         (_m(0.05, -0.2, 0.3), False), (_m(-0.02, -0.3, 0.2), True)])
def test_regression_no_better_than_the_mean(r2, flagged):
    assert bool(no_skill_findings("regression", {"r2": r2})) is flagged


def test_coverage_below_target_only_when_its_interval_is():
    assert coverage_findings({"target_coverage": 0.9, "coverage": _m(0.85, 0.787, 0.897)})[0].id == \
        "conformal_undercoverage"
    assert coverage_findings({"target_coverage": 0.9, "coverage": _m(0.88, 0.83, 0.93)}) == []
    assert coverage_findings(None) == [] and coverage_findings({"target_coverage": None}) == []


def test_a_run_on_labels_without_signal_says_so(tmp_path, capsys):
    from mednn.cli.main import main

    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.normal(size=(400, 4)), columns=["a", "b", "c", "d"])
    frame["outcome"] = rng.choice(["sick", "well"], 400)  # independent of every feature
    frame.to_csv(tmp_path / "noise.csv", index=False)
    code = main(["train", "--data", str(tmp_path / "noise.csv"), "--set", "data.label=outcome",
                 "--out", str(tmp_path / "run"), "--set", "train.epochs=5", "--set", "evaluate.bootstrap=200",
                 "--set", "train.progress=false", "--set", "explain.enabled=false", "--set", "train.threads=1"])
    assert code == 0
    findings = json.loads((tmp_path / "run" / "data.json").read_text())["findings"]
    assert "no_skill" in [f["id"] for f in findings]
    assert capsys.readouterr().err.count("[no_skill]") == 1  # one console line, not repeated by the summary


def test_coverage_below_target_by_what_a_small_calibration_gives_by_chance_is_not_a_finding():
    # 45 calibration records: realised coverage falls to about 0.817 one time in 40 (Beta law)
    chance = {"target_coverage": 0.9, "n_calibration": 45, "coverage": _m(0.813, 0.743, 0.866)}
    assert coverage_findings(chance, where="like.csv") == []
    clear = {"target_coverage": 0.9, "n_calibration": 45, "coverage": _m(0.41, 0.33, 0.50)}
    (finding,) = coverage_findings(clear, where="site.csv")
    assert "of site.csv" in finding.message and "45 records" in finding.message


def test_a_coverage_finding_gives_its_value_and_interval_in_one_unit():
    # trial4 c: "covered 82.0% of diab_site2.csv (95% CI 0.790 to 0.847)" mixed a percent and a share
    import re

    from mednn.evaluation.skill import coverage_findings

    conformal = {"target_coverage": 0.9, "n_calibration": 500, "coverage": {"value": 0.82, "ci95": [0.79, 0.847]}}
    (finding,) = coverage_findings(conformal, where="site.csv")
    assert "covered 82.0% of site.csv (95% CI 79.0% to 84.7%)" in finding.message
    assert not re.search(r"\b0\.\d{3}\b", finding.message)  # no share beside the percentages


def test_a_positive_r2_without_an_interval_is_no_finding():
    """fix17a: configs/lipo.yaml with evaluate.bootstrap=0 printed '[no_skill] test R² 0.676 (95% CI
    not computed): the network predicts no better than the mean' (test failed before)."""
    from mednn.evaluation.skill import no_skill_findings

    assert no_skill_findings("regression", {"r2": {"value": 0.676, "ci95": None}}) == []
    assert no_skill_findings("regression", {"r2": {"value": 0.676}}) == []
    assert [f.id for f in no_skill_findings("regression", {"r2": {"value": -0.05, "ci95": None}})] == ["no_skill"]

"""An evaluated site says when the network has no skill there and when the run's conformal
intervals miss their target on it (trial3 item 9: a label rescaled x2.3 gave R² -0.73, silent)."""

import json

import numpy as np
import pandas as pd
import pytest

FAST = ["--set", "train.epochs=40", "--set", "train.lr=0.02", "--set", "evaluate.bootstrap=50",
        "--set", "train.progress=false", "--set", "explain.enabled=false", "--set", "report.enabled=false",
        "--set", "train.threads=1", "--set", "data.label=value", "--set", "data.task=regression"]


def _table(n, seed):
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({"a": rng.normal(size=n).round(4), "b": rng.normal(size=n).round(4)})
    frame["value"] = (3.0 + frame["a"] - 0.5 * frame["b"] + rng.normal(0, 0.2, n)).round(4)
    return frame


@pytest.fixture(scope="module")
def regression_run(tmp_path_factory):
    from mednn.cli.main import main

    root = tmp_path_factory.mktemp("site_skill")
    _table(300, 0).to_csv(root / "train.csv", index=False)
    assert main(["train", "--data", str(root / "train.csv"), "--out", str(root / "run"), *FAST]) == 0
    return root


def _evaluate(cli, root, frame, name):
    frame.to_csv(root / f"{name}.csv", index=False)
    code, out, err = cli("evaluate", root / "run", "--data", root / f"{name}.csv", "--out", root / f"{name}.json")
    assert code == 0, err
    return json.loads((root / f"{name}.json").read_text()), out + err


def test_a_rescaled_label_at_a_site_is_no_skill_and_undercoverage(cli, regression_run):
    site = _table(120, 1)
    site["value"] = (site["value"] * 2.303).round(4)  # ln -> log10 style unit change
    result, printed = _evaluate(cli, regression_run, site, "rescaled")
    assert result["metrics"]["r2"]["value"] <= 0
    assert result["conformal"]["target_coverage"] == 0.9 and result["conformal"]["coverage"]["value"] < 0.5
    ids = [f["id"] for f in result["findings"]]
    assert "no_skill" in ids and "conformal_undercoverage" in ids
    assert "[no_skill]" in printed and "rescaled.csv R²" in printed


def test_a_site_like_training_has_its_coverage_and_no_such_finding(cli, regression_run):
    result, _ = _evaluate(cli, regression_run, _table(120, 2), "same")
    assert result["conformal"]["coverage"]["value"] > 0.75 and "interval_width" in result["conformal"]
    ids = [f["id"] for f in result.get("findings", [])]
    assert "no_skill" not in ids and "conformal_undercoverage" not in ids


def test_one_record_outside_its_interval_is_no_evidence_of_undercoverage(cli, regression_run):
    site = _table(1, 3)
    site["value"] = site["value"] + 50.0  # far outside any interval
    result, _ = _evaluate(cli, regression_run, site, "one")
    assert result["conformal"]["coverage"]["value"] == 0.0
    assert "conformal_undercoverage" not in [f["id"] for f in result.get("findings", [])]

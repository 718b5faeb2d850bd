"""`mednn tune` on the command line: a short study, and one-line errors with exit code 2."""

import json

import pytest

pytest.importorskip("optuna")

FAST = ["--set", "train.epochs=2", "--set", "train.progress=false", "--set", "evaluate.bootstrap=20",
        "--set", "explain.enabled=false", "--set", "report.enabled=false"]


def test_tune_runs_a_short_study_and_prints_the_run(cli, tmp_path):
    code, out, err = cli("tune", "--budget", "2m", "--trials", "2", "--out", tmp_path / "t", *FAST)
    assert code == 0, err
    assert out.strip() == str(tmp_path / "t" / "run")
    assert "the test split is not read" in " ".join(err.split())
    summary = json.loads((tmp_path / "t" / "run" / "tuning.json").read_text())
    assert len(summary["trials"]) == 2
    # the trial trained is said, with why (trial 8 #12), and best.yaml is that trial's
    chosen = summary["chosen"]
    assert chosen["reason"] in " ".join(err.split()) and ("config's own settings" in chosen["reason"])
    header = (tmp_path / "t" / "best.yaml").read_text().splitlines()[0]
    assert header.startswith(f"# written by mednn tune: trial {chosen['number']} of 2")


@pytest.mark.parametrize("args, words", [
    (["--budget", "15 minutes"], "--budget"),
    (["--budget", "0s"], "--budget"),
    (["--trials", "0"], "--trials"),
    (["--set", "train.lr=-1"], "train.lr"),
    (["--set", "privacy.dp=true"], "privacy.dp"),
    (["--metric", "rmse", "--trials", "1"], "--metric"),
])
def test_tune_errors_are_one_line_and_exit_2(cli, tmp_path, args, words):
    code, out, err = cli("tune", "--out", tmp_path / "t", *args)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mednn: error:") and words in lines[0]
    assert "Traceback" not in err


def test_tune_refuses_a_missing_config_file(cli, tmp_path):
    code, _, err = cli("tune", tmp_path / "nope.yaml", "--out", tmp_path / "t")
    assert code == 2 and len(err.strip().splitlines()) == 1

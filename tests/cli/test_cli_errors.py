"""The error contract of the command line: every mistake is ONE line on stderr and exit code 2.

Usage errors (unknown command / option, missing argument, a value of the wrong type) are
raised by click inside typer; they must not escape as tracebacks or print usage blocks.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[2] / "src")


def assert_one_line_error(code: int, stdout: str, err: str, *words: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2, (code, err)
    assert len(lines) == 1, err
    assert lines[0].startswith("mednn: error: "), err
    assert "Traceback" not in err and "Usage:" not in err and "Usage:" not in stdout
    for word in words:  # click spells an argument 'run' or 'RUN' depending on its version
        assert word.lower() in lines[0].lower(), (word, lines[0])


@pytest.mark.parametrize(
    "args, words",
    [
        (["trian"], ["'trian'", "did you mean 'train'"]),
        (["predcit", "run", "x.csv"], ["'predcit'", "did you mean 'predict'"]),
        (["frobnicate"], ["'frobnicate'", "train"]),
        (["train", "--bogus"], ["--bogus"]),
        (["--versio"], ["--versio"]),
        (["evaluate"], ["run"]),  # missing argument
        (["predict", "somewhere"], ["input"]),  # missing second argument
        (["evaluate", "somewhere"], ["--data"]),  # missing required option
        (["train", "--epochs", "abc"], ["--epochs"]),  # bad value
        (["serve", "somewhere", "--port", "eighty"], ["--port"]),
        (["train", "--set"], ["--set"]),  # option without its value
        (["predict", "a", "b", "c"], ["c"]),  # extra argument
    ],
)
def test_usage_errors_are_one_line_and_exit_2(cli, args, words):
    assert_one_line_error(*cli(*args), *words)


def test_bare_command_lists_the_commands(cli):
    code, stdout, err = cli()
    assert code == 0 and "train" in stdout and "predict" in stdout and "Traceback" not in err


def test_help_and_version_still_exit_0(cli):
    code, stdout, _ = cli("train", "--help")
    assert code == 0 and "--epochs" in stdout
    code, stdout, _ = cli("--version")
    assert code == 0 and stdout.startswith("mednn ")


@pytest.mark.parametrize("args", [["trian"], ["train", "--epochs", "abc"], ["evaluate"]])
def test_python_dash_m_keeps_the_contract(args, tmp_path):
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-m", "mednn", *args], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)
    assert_one_line_error(proc.returncode, proc.stdout, proc.stderr)


@pytest.mark.parametrize(
    "override, words",
    [
        ("seed=-1", ["seed"]),
        ("seed=4294967296", ["seed"]),
        ("train.threads=100000", ["train.threads"]),  # a segfault in torch's thread pool before
        ("model.hidden_sizes=[2000000000]", ["model.hidden_sizes"]),  # asked for 240 GB before
        ("train.epochs=0", ["train.epochs"]),
    ],
)
def test_out_of_range_settings_are_one_line_before_training(cli, tmp_path, override, words):
    result = cli("train", "--data", "breast-cancer", "--out", tmp_path / "run", "--quiet", "--set", override)
    assert_one_line_error(*result, *words)
    assert not (tmp_path / "run").exists()

"""docs/external-validation.md's evaluate commands run as written, in order (trial 9, item 12).

The fourth command was refused after the first: both stored the site 'north'. The test reads the
commands from the page, so the page and the CLI cannot drift apart again."""

import re
import shlex
from pathlib import Path

from .conftest import FAST

PAGE = Path(__file__).resolve().parents[2] / "docs" / "external-validation.md"


def _documented_commands():
    block = re.search(r"```\n(mednn evaluate .*?)```", PAGE.read_text(encoding="utf-8"), re.S).group(1)
    return [shlex.split(line.split("#")[0]) for line in block.splitlines() if line.startswith("mednn evaluate")]


def test_the_documented_evaluate_commands_run_in_order(cli, tmp_path, patients_csv, monkeypatch):
    run = tmp_path / "runs" / "heart"
    code, _, err = cli("train", "--data", patients_csv, "--out", run, "--set", "data.label=outcome",
                       "--set", "data.id_column=record", "--set", "explain.enabled=false",
                       "--set", "report.enabled=false", *FAST)
    assert code == 0, err
    (tmp_path / "north.csv").write_text(patients_csv.read_text())
    monkeypatch.chdir(tmp_path)
    commands = _documented_commands()
    assert len(commands) == 4, commands
    for args in commands:
        code, _, err = cli(*args[1:])
        assert code == 0, (args, err[-800:])
    stored = sorted(p.name for p in (run / "evaluations").glob("*.json"))
    assert len(stored) == 3 and (tmp_path / "north.json").is_file(), stored
    code, _, err = cli(*commands[0][1:])  # a site the run holds is refused, never overwritten
    assert code == 2 and "--site" in err

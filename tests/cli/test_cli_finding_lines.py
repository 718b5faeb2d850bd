"""fix12 #4: one formatter for finding lines. `mednn inspect` listed findings with the console
prefix inside its list ("  - mednn: info: [id] ..."); a finding shown as a Python warning, a
summary's line and the console's record of shown lines each built the line themselves."""

import warnings

import numpy as np
import pandas as pd
import pytest

from mednn.cli import main as cli_main
from mednn.cli.console import shown_warnings
from mednn.findings import Finding


@pytest.mark.parametrize("severity", ["info", "warning"])
def test_a_finding_shown_as_a_warning_prints_its_own_line(monkeypatch, severity):
    monkeypatch.setattr(warnings, "formatwarning", warnings.formatwarning)  # restored after the test
    cli_main.main(["--version"])
    finding = Finding("out_of_distribution", severity, "1 of 40 records flagged", count=1)
    shown: set[str] = set()
    with warnings.catch_warnings(record=True) as caught, shown_warnings(shown):
        warnings.simplefilter("always")
        finding.warn()
    assert len(caught) == 1
    w = caught[0]
    assert warnings.formatwarning(w.message, w.category, w.filename, w.lineno) == finding.line() + "\n"
    assert finding.line() == f"mednn: {severity}: [out_of_distribution] 1 of 40 records flagged"


def test_inspect_lists_findings_without_the_console_prefix(cli, tmp_path):
    rng = np.random.default_rng(0)
    n = 200
    label = np.where(np.arange(n) < 8, "rare", "common")  # 4% of rows: class_imbalance / class_too_small
    pd.DataFrame({"a": rng.normal(0, 1, n), "b": rng.normal(0, 1, n), "y": label}).to_csv(tmp_path / "t.csv",
                                                                                         index=False)
    code, stdout, err = cli("inspect", "--data", tmp_path / "t.csv", "--set", "data.label=y")
    assert code == 0, err
    entries = [line for line in stdout.splitlines() if line.startswith("  - ")]
    assert entries and any("[class_" in e for e in entries), stdout
    assert not any("mednn:" in e for e in entries)
    assert all(e.split("  - ", 1)[1].split(": [", 1)[0] in ("info", "warning", "refuse") for e in entries), entries

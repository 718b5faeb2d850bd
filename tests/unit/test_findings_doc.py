"""docs/findings.md documents exactly the finding ids the code knows (FINDING_IDS), each with a
severity, a meaning and what to do."""

from __future__ import annotations

import re
from pathlib import Path

from mednn.findings import FINDING_IDS, SEVERITIES

DOC = Path(__file__).resolve().parents[2] / "docs" / "findings.md"


def _table_rows() -> list[list[str]]:
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| `([a-z_]+)` \|(.*)\|$", line)
        if match and match.group(1) not in ("drop_conflicting", "keep_first", "merge_labels", "keep_all", "refuse",
                                             "auto"):
            rows.append([match.group(1), *[cell.strip() for cell in match.group(2).split(" | ")]])
    return rows


def test_the_table_lists_exactly_the_finding_ids():
    ids = [row[0] for row in _table_rows()]
    assert len(ids) == len(set(ids)), "an id is listed twice"
    assert set(ids) == set(FINDING_IDS)


def test_every_row_has_a_known_severity_a_meaning_and_a_fix():
    for row in _table_rows():
        assert len(row) == 4, row[0]
        severities = {s.strip() for s in row[1].split("/")}
        assert severities <= set(SEVERITIES), row[0]
        assert len(row[2]) > 20 and len(row[3]) > 10, row[0]


def _documented_severity(finding_id: str) -> set[str]:
    row = next(row for row in _table_rows() if row[0] == finding_id)
    return {s.strip() for s in row[1].split("/")}


def test_best_epoch_last_is_emitted_with_its_documented_severity():
    from types import SimpleNamespace

    from mednn.config import RunConfig
    from mednn.pipeline.fitting import training_findings

    cfg = RunConfig()
    cfg.train.early_stopping.enabled = True
    result = SimpleNamespace(epochs_run=5, best_epoch=5, stopped_by="epochs", monitor="val_loss")
    (finding,) = training_findings(cfg, [result])
    assert finding.severity in _documented_severity("best_epoch_last")

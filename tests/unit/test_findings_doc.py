"""docs/findings.md lists every finding id with the meaning FINDING_IDS gives it, and no other
(the report and data.json send readers there)."""

import re
from pathlib import Path

from mednn.findings import FINDING_IDS

DOC = Path(__file__).resolve().parents[2] / "docs" / "findings.md"


def test_the_findings_doc_lists_every_id_with_its_meaning():
    rows = dict(re.findall(r"^\| `([a-z_]+)` \| (.+?) \|$", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE))
    assert rows == FINDING_IDS, "add / correct the row `| id | meaning |` in docs/findings.md"

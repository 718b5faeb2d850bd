"""The guide's `mednn deid` command runs as written (trial 16, item 7): its text section showed
`mednn deid notes.csv --out notes.deid.csv --text-column note --patient-column patient_id`,
which is refused (the patient ids would be copied verbatim) until `--id-columns` is chosen."""

import re
import shlex
from pathlib import Path

import pandas as pd

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide.md"


def _guide_block():
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("## Clinical text", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block, "the guide's text section has no command block"
    return block.group(1)


def test_the_guides_deid_command_runs_as_written(cli, tmp_path, monkeypatch):
    block = _guide_block()
    line = next(line for line in block.splitlines() if line.startswith("mednn deid "))
    args = shlex.split(line.split("#")[0])[1:]
    secret = re.search(r"export MEDNN_DEID_SECRET=", block)
    if "pseudonymise" in args or "--shift-dates" in args:
        assert secret, "the block uses the key but does not show how to set MEDNN_DEID_SECRET"
    monkeypatch.setenv("MEDNN_DEID_SECRET", "a-project-key-for-the-guide")
    monkeypatch.chdir(tmp_path)
    pd.DataFrame({"patient_id": ["P-1001", "P-1001", "P-2002"],
                  "note": ["Seen by Dr. Alice Hart on 03/04/2024 for chest pain.",
                           "Echo normal, call 617-555-0199.", "Cough for two weeks, seen 05/05/2023."],
                  "label": [1, 1, 0]}).to_csv(tmp_path / "notes.csv", index=False)
    code, out, err = cli(*args)
    assert code == 0, err
    written = (tmp_path / args[args.index("--out") + 1]).read_text(encoding="utf-8")
    assert "P-1001" not in written and "Alice" not in written and "617-555-0199" not in written


# trial 18: the guide says the patient column "would be copied verbatim" and is refused until
# --id-columns is chosen; a declared --patient-column of plain codes (P000, P001, several notes
# per patient) was neither refused nor pseudonymised, because only training's identifier rule and
# the de-identifier's find judged it. A declared patient column is now always an identifier column
# (fix18a, privacy/deid/files.py).
import pytest  # noqa: E402


def test_a_declared_patient_column_of_codes_is_pseudonymised(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDNN_DEID_SECRET", "a-project-key-for-the-guide")
    monkeypatch.chdir(tmp_path)
    notes = ["Seen on 03/04/2024 for chest pain.", "Echo normal.", "Cough for two weeks."] * 4
    pd.DataFrame({"patient_id": [f"P{i % 4:03d}" for i in range(12)], "note": notes}).to_csv("notes.csv", index=False)
    code, out, err = cli("deid", "notes.csv", "--out", "notes.deid.csv", "--text-column", "note",
                         "--patient-column", "patient_id", "--id-columns", "pseudonymise")
    assert code == 0, err
    written = pd.read_csv(tmp_path / "notes.deid.csv")
    assert not set(written["patient_id"]) & {"P000", "P001", "P002", "P003"}


def test_the_readmes_deid_command_runs_as_written(cli, tmp_path, monkeypatch):
    """Trial 18: the README's text example (`mednn deid notes.csv --out notes.deid.csv --text-column
    note --spans spans.csv`) runs without a secret and writes both files; spans name 0-based rows."""
    readme = (GUIDE.parents[1] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", readme.split("### Clinical text", 1)[1], re.S).group(1)
    line = next(line for line in block.splitlines() if line.startswith("mednn deid "))
    args = shlex.split(line.split("#")[0])[1:]
    monkeypatch.delenv("MEDNN_DEID_SECRET", raising=False)
    monkeypatch.chdir(tmp_path)
    pd.DataFrame({"note": ["Seen by Dr. Alice Hart on 03/04/2024 for chest pain.", "Cough for two weeks."]}).to_csv(
        tmp_path / "notes.csv", index=False)
    code, out, err = cli(*args)
    assert code == 0, err
    written = (tmp_path / args[args.index("--out") + 1]).read_text(encoding="utf-8")
    assert "Alice" not in written and "03/04/2024" not in written
    spans = pd.read_csv(tmp_path / args[args.index("--spans") + 1])
    assert list(spans.columns) == ["row", "column", "start", "end", "type"] and set(spans["row"]) == {0}

"""The audit log is mednn's own file, chained by hash: a deleted or edited line shows."""

from __future__ import annotations

import json
import stat

import pytest

from mednn.errors import ConfigError, DataError
from mednn.serving.audit import AUDIT_FORMAT, AuditLog, verify_audit_log


def _log(path, n=5):
    log = AuditLog(path)
    for i in range(n):
        log.write({"request": f"r{i}", "status": 200, "ms": 1.5 * i})
    log.close()
    return log


def test_a_new_log_is_owner_readable_and_its_chain_verifies(tmp_path):
    path = tmp_path / "audit.log"
    log = _log(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    lines = path.read_text().splitlines()
    assert json.loads(lines[0])["format"] == AUDIT_FORMAT and len(lines) == 6
    assert verify_audit_log(path) == (6, log.head)


def test_a_restarted_server_continues_the_chain(tmp_path):
    path = tmp_path / "audit.log"
    _log(path, 2)
    log = _log(path, 3)
    assert verify_audit_log(path) == (2 + 1 + 1 + 3, log.head)  # header, 2, restart line, 3


@pytest.mark.parametrize("tamper", ["delete", "edit", "swap", "insert"])
def test_a_deleted_edited_moved_or_inserted_line_breaks_the_chain_at_that_line(tmp_path, tamper):
    path = tmp_path / "audit.log"
    _log(path)
    lines = path.read_text().splitlines()
    if tamper == "delete":
        del lines[3]
    elif tamper == "edit":
        lines[3] = lines[3].replace('"status":200', '"status":201')
    elif tamper == "swap":
        lines[2], lines[3] = lines[3], lines[2]
    else:
        lines.insert(3, lines[3])
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError, match="line [345]"):
        verify_audit_log(path)


def test_a_file_that_is_not_an_audit_log_is_never_appended_to(tmp_path):
    data = tmp_path / "data.csv"
    data.write_text("age,outcome\n61,1\n")
    with pytest.raises(ConfigError, match="not a mednn audit log"):
        AuditLog(data)
    assert data.read_text() == "age,outcome\n61,1\n"
    link = tmp_path / "link.log"
    link.symlink_to(tmp_path / "elsewhere.log")
    with pytest.raises(ConfigError):
        AuditLog(link)
    assert not (tmp_path / "elsewhere.log").exists()

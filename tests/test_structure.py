"""The structure targets of issue 18: no source file over 600 lines, no function over 80, and
every module opens with a docstring that says its job.

A file or function past the limit is listed by path, line and length; split it by job, not by
line count.
"""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "mednn"
MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 80


def offenders(root: Path = SOURCE) -> list[str]:
    """``path: N lines`` for each long file, ``path:line name(): N lines`` for each long function."""
    found = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(root.parent)
        n_lines = len(text.splitlines())
        if n_lines > MAX_FILE_LINES:
            found.append(f"{name}: {n_lines} lines (at most {MAX_FILE_LINES})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{name}:{node.lineno} {node.name}(): {length} lines (at most {MAX_FUNCTION_LINES})")
    return found


def test_the_check_finds_a_long_file_and_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    (tmp_path / "long.py").write_text("def long():\n" + body + "\n" + "\n" * MAX_FILE_LINES)
    (tmp_path / "short.py").write_text("def short():\n    return 1\n")
    found = offenders(tmp_path)
    assert len(found) == 2 and all(f.startswith(f"{tmp_path.name}/long.py") for f in found)


def test_no_source_file_over_600_lines_and_no_function_over_80():
    found = offenders()
    assert not found, "over the structure limits:\n" + "\n".join(found)


def test_every_module_opens_with_a_docstring_saying_its_job():
    bare = [str(path.relative_to(SOURCE.parent)) for path in sorted(SOURCE.rglob("*.py"))
            if not (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").strip()]
    assert not bare, "modules without a docstring:\n" + "\n".join(bare)

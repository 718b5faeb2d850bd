"""The layer test: `lint-imports` checks the contracts in pyproject.toml ([tool.importlinter]).

A stage imports only the stages below it (cli > serving > pipeline > trainer > ... > data >
config > errors), inside functions too; ``training`` never imports ``privacy``; and no two
modules of a package import each other through a cycle. A failure names the import to remove.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("importlinter", reason="the layer test needs import-linter (the test extra)")

ROOT = Path(__file__).resolve().parents[1]
_RUN = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def _lint(src: Path, config: Path) -> subprocess.CompletedProcess:
    # PYTHONPATH: the package in `src` is the one analysed, not an installed mednn
    env = dict(os.environ, PYTHONPATH=str(src))
    return subprocess.run([sys.executable, "-c", _RUN, "--no-cache", str(config)], cwd=src.parent, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_stages_keep_their_layers_and_have_no_import_cycles():
    result = _lint(ROOT / "src", ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


@pytest.mark.parametrize("module,line,broken", [
    # a lower stage importing a higher one, inside a function as mednn's lazy imports are
    ("training/monitor.py", "def _leak():\n    from ..privacy import dp\n", "training"),
    # a cycle between two modules of one package
    ("evaluation/bootstrap.py", "def _cycle():\n    from . import base\n", "No import cycles"),
])
def test_the_check_fails_on_a_violation(tmp_path, module, line, broken):
    shutil.copytree(ROOT / "src" / "mednn", tmp_path / "src" / "mednn",
                    ignore=shutil.ignore_patterns("__pycache__", "*.yaml", "*.json", "*.html"))
    with open(tmp_path / "src" / "mednn" / module, "a", encoding="utf-8") as f:
        f.write("\n\n" + line)
    result = _lint(tmp_path / "src", ROOT / "pyproject.toml")
    assert result.returncode != 0
    assert broken in result.stdout and "BROKEN" in result.stdout

"""The three paths the brief says exist once, kept once: one after-training path, one federated
round loop, one way a report reads a run.

Earlier versions had each written more than once (three copies of calibrate-threshold-evaluate-
write, three federated round loops, a report re-reading run files its own way). The import-linter
layers cannot see these (each copy would sit in an allowed layer), so each is checked here on the
source as text; a failure names the file to route through the one path instead. Each checker is
also run on a copy of the tree with such a copy planted, so a check that cannot fail fails.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "mednn"

# what writes a trained model's run: only mednn.pipeline.finish calls these (runs/ defines them)
AFTER_TRAINING = {"build_record", "build_artifacts", "write_run", "write_training_run"}
# what reads or parses a file: a report is handed a loaded run (mednn.runs.load_run) and reads none
FILE_MODULES = {"json", "yaml", "csv", "pickle", "safetensors", "pathlib", "os"}
FILE_CALLS = {"open", "read_text", "read_bytes", "read_csv", "load", "loads", "safe_load", "safe_open"}


def _modules(root: Path):
    for path in sorted(root.rglob("*.py")):
        yield path.relative_to(root).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _from_runs(node: ast.ImportFrom) -> bool:
    parts = (node.module or "").split(".")
    return "runs" in parts and "federation" not in parts  # federation.run's write_run wraps finish()


def after_training_writers(root: Path = SOURCE) -> list[str]:
    """``path: names`` for each module outside runs/ and pipeline/finishing.py that writes a run."""
    found = []
    for name, tree in _modules(root):
        if name.startswith("runs/") or name == "pipeline/finishing.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and _from_runs(node):
                hit = sorted({a.name for a in node.names} & AFTER_TRAINING)
                if hit:
                    found.append(f"{name}:{node.lineno} imports {', '.join(hit)}")
    return found


def round_loops(root: Path = SOURCE) -> list[str]:
    """``path:Class`` for each step strategy of federated training, and ``path:line`` for each
    call of the aggregation outside the one round loop (federation/coordinator.py)."""
    found = []
    for name, tree in _modules(root):
        if not name.startswith("federation/"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                    getattr(b, "id", getattr(b, "attr", None)) == "StepStrategy" for b in node.bases):
                found.append(f"{name}:{node.name}")
            if isinstance(node, ast.Call) and name not in ("federation/coordinator.py", "federation/aggregation.py"):
                called = getattr(node.func, "attr", getattr(node.func, "id", None))
                if called in ("aggregate", "fedavg"):
                    found.append(f"{name}:{node.lineno} calls {called}")
    return found


def report_file_reads(root: Path = SOURCE) -> list[str]:
    """``path:line what`` for each file a module of reports/ imports a reader for or reads."""
    found = []
    for name, tree in _modules(root):
        if not name.startswith("reports/"):
            continue
        template = {id(n) for f in ast.walk(tree) if name == "reports/html.py"
                    and getattr(f, "name", None) == "_template" for n in ast.walk(f)}
        for node in ast.walk(tree):  # _template reads the packaged page template, not a run's file
            if id(node) in template:
                continue
            if isinstance(node, ast.Import):
                hit = sorted({a.name.split(".")[0] for a in node.names} & FILE_MODULES)
            elif isinstance(node, ast.ImportFrom):
                hit = sorted({(node.module or "").split(".")[0]} & FILE_MODULES)
                if _from_runs(node):
                    hit.append("mednn.runs")  # also a layer crossing (runs imports reports)
            elif isinstance(node, ast.Call):
                called = getattr(node.func, "attr", getattr(node.func, "id", None))
                hit = [called] if called in FILE_CALLS else []
            else:
                continue
            found += [f"{name}:{node.lineno} {h}" for h in hit]
    return sorted(set(found))


def test_one_after_training_path():
    found = after_training_writers()
    assert not found, ("a run written outside mednn.pipeline.finish (call finish(Trained(...)) as "
                       "federation/run.py does):\n" + "\n".join(found))


def test_one_federated_round_loop():
    assert round_loops() == ["federation/coordinator.py:Rounds"], (
        "federated rounds run by Coordinator.rounds() (a StepStrategy of training.loop.fit) only")


def test_a_report_reads_the_run_only_through_its_record():
    found = report_file_reads()
    assert not found, "reports/ reads files itself; take them from the loaded run's record:\n" + "\n".join(found)


@pytest.mark.parametrize("module,code,check", [
    ("tuning/trials.py", "\n\ndef _copy():\n    from ..runs import build_record, write_run\n", after_training_writers),
    ("federation/site.py", "\n\nclass _Loop(StepStrategy):\n    pass\n", round_loops),
    ("federation/run.py", "\n\ndef _loop(a, u, w):\n    return aggregation.aggregate('fedavg', a, u, w)\n",
     round_loops),
    ("reports/summary.py", "\n\ndef _again(path):\n    import json\n    return json.loads(open(path).read())\n",
     report_file_reads),
])
def test_each_check_finds_a_planted_copy(tmp_path, module, code, check):
    copy = tmp_path / "mednn"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.json", "*.gz", "*.txt", "*.html"))
    before = check(copy)
    with open(copy / module, "a", encoding="utf-8") as f:
        f.write(code)
    assert len(check(copy)) > len(before)

"""Values are checked on load, signed or not (issue 22, item 3), probed from the CLI's command
list: every command that reads a run is given a copy whose post-hoc values (threshold,
temperature, conformal quantile) or weights were poisoned and whose manifest was recomputed to
match, so only the values themselves can give it away; and, with ``MEDNN_PUBLIC_KEY`` set
empty or to a key, an unsigned run. Each is refused in one line, exit 2, nothing written."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from .commands import command_paths, invocation
from .harness import copy_run, probe

COMMANDS = command_paths()


def _run_readers() -> list[str]:
    """Commands whose base invocation reads the shared run (found, not listed)."""
    from .commands import _base
    from .conftest import World

    marker = Path("/world/run")
    world = World(Path("/world"), marker, *(Path(f"/world/{f}") for f in ("rows", "labelled", "config", "table",
                                                                         "notes", "keys", "api_keys", "audit")))
    return sorted(name for name, argv in _base(world, Path("/work")).items() if marker in argv)


RUN_READERS = _run_readers()
# commands that use the run's values to score (predict, evaluate) or serve them
SCORING = [name for name in RUN_READERS if name in ("predict", "evaluate", "serve")]

POISON: dict[str, tuple[str, tuple[str, ...], object]] = {
    "threshold NaN": ("predictor.json", ("threshold", "value"), math.nan),
    "threshold -1": ("predictor.json", ("threshold", "value"), -1.0),
    "threshold 2": ("predictor.json", ("threshold", "value"), 2.0),
    "threshold text": ("predictor.json", ("threshold", "value"), "benign"),
    "temperature NaN": ("predictor.json", ("calibration", "temperature"), math.nan),
    "temperature 0": ("predictor.json", ("calibration", "temperature"), 0.0),
    "temperature -1": ("predictor.json", ("calibration", "temperature"), -1.0),
    "temperature inf": ("predictor.json", ("calibration", "temperature"), math.inf),
    "conformal quantile NaN": ("predictor.json", ("conformal", "quantile"), math.nan),
    "conformal quantile -3": ("predictor.json", ("conformal", "quantile"), -3.0),
    "conformal quantile inf": ("predictor.json", ("conformal", "quantile"), math.inf),
    "weights NaN": ("model.safetensors", (), math.nan),
    "weights inf": ("model.safetensors", (), math.inf),
}


def _poison(run: Path, what: str) -> None:
    from mednn.runs.manifest import build_manifest

    name, keys, value = POISON[what]
    if name.endswith(".json"):
        tree = json.loads((run / name).read_text())
        node = tree
        for key in keys[:-1]:
            node = node[key]
        assert keys[-1] in node, f"{name} has no {'.'.join(keys)} to poison"
        node[keys[-1]] = value
        (run / name).write_text(json.dumps(tree))
    else:
        from safetensors.torch import load_file, save_file

        tensors = load_file(run / name)
        first = sorted(tensors)[0]
        tensors[first] = tensors[first].clone().fill_(value)
        save_file(tensors, run / name)
    manifest = json.loads((run / "manifest.json").read_text())
    extra = {k: v for k, v in manifest.items() if k not in ("files", "versions")}
    (run / "manifest.json").write_text(json.dumps(build_manifest(run, extra)))


VALUE_CASES = [(name, what) for name in SCORING for what in POISON]


def test_there_are_commands_that_read_runs():
    assert {"predict", "evaluate", "serve", "verify", "report"} <= set(RUN_READERS)


@pytest.mark.parametrize("name,what", VALUE_CASES, ids=[f"{n}:{w}" for n, w in VALUE_CASES])
def test_poisoned_value_is_refused(name, what, world, case):
    run = copy_run(world.run, case)
    _poison(run, what)
    argv = [run if a == world.run else a for a in invocation(name, world, case)]
    probe([world.root, case], *argv, what=f"{name} with {what}")


SIGNATURE_CASES = [(name, env) for name in RUN_READERS if name != "sign" for env in ("empty", "unsigned run")]


@pytest.mark.parametrize("name,env", SIGNATURE_CASES, ids=[f"{n}:{e}" for n, e in SIGNATURE_CASES])
def test_public_key_is_enforced(name, env, world, case):
    """``MEDNN_PUBLIC_KEY=`` is an error, not "checks off"; set, an unsigned run is refused by
    every command that reads it (report included)."""
    value = "" if env == "empty" else str(world.keys / "mednn-signing.pub")
    result = probe([world.root, case], *invocation(name, world, case), env={"MEDNN_PUBLIC_KEY": value},
                   what=f"{name} with MEDNN_PUBLIC_KEY {env}")
    assert "MEDNN_PUBLIC_KEY" in result.err or "sign" in result.err, result.err

"""explain.budget on a whole run (issue 19): a generated 3D run with a tiny budget records an
``explanations_cut`` finding, says so above its explanations and still writes a valid report;
a budget that is not spent leaves metrics.json and explanations.json as a run without one
(apart from timings)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mednn.cli.main import main

SHAPE = 10


def _volumes(path):
    rng = np.random.default_rng(0)
    arrays = {}
    for split, n in (("train", 24), ("val", 8), ("test", 8)):
        y = np.arange(n) % 2
        x = rng.integers(0, 60, (n, SHAPE, SHAPE, SHAPE)).astype(np.uint8)
        x[y == 1, 3:7, 3:7] = 220
        arrays[f"{split}_images"], arrays[f"{split}_labels"] = x, y.reshape(-1, 1).astype(np.uint8)
    np.savez(path, **arrays)
    return path


def _train(tmp, data, name, *sets):
    out = tmp / name
    args = ["train", "--data", str(data), "--out", str(out), "--set", "model.name=small_cnn",
            "--set", "train.epochs=1", "--set", "evaluate.bootstrap=0", "--set", "train.progress=false",
            "--set", "evaluate.baselines=none", "--set", "explain.n_samples=8",
            "--set", "explain.methods=[gradcam,occlusion]", "--set", "train.threads=1"]
    for value in sets:
        args += ["--set", value]
    assert main(args) == 0
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("explain_budget")
    data = _volumes(tmp / "vol.npz")
    return {"cut": _train(tmp, data, "cut", "explain.budget=0.001s"),
            "plain": _train(tmp, data, "plain"),
            "within": _train(tmp, data, "within", "explain.budget=1h")}


def _findings(run):
    return [f for f in json.loads((run / "data.json").read_text())["findings"] if f["id"] == "explanations_cut"]


def test_a_tiny_budget_records_what_was_cut_and_the_report_says_so(runs):
    from mednn.runs import load_run

    run = runs["cut"]
    (found,) = _findings(run)
    assert found["severity"] == "warning" and found["count"] >= 4
    assert "of 8 test samples explained" in found["message"]
    sections = json.loads((run / "explanations.json").read_text())
    assert sections[0]["title"] == "Explanations cut short"
    assert sections[0]["warnings"] == [found["message"]]
    load_run(run)  # the manifest verifies: the run is whole
    page = (run / "report.html").read_text(encoding="utf-8")
    assert page.rstrip().endswith("</html>")
    assert "Explanations cut short" in page and "explanations_cut" in page
    assert "Explanations cut short" not in (run / "model_card.json").read_text()  # no explanation method


def _without_timings(value):
    if isinstance(value, dict):
        return {k: _without_timings(v) for k, v in value.items()
                if k not in ("seconds", "seconds_per_epoch", "time", "elapsed", "wall_seconds")}
    if isinstance(value, list):
        return [_without_timings(v) for v in value]
    return value


def test_a_budget_that_is_not_spent_changes_neither_metrics_nor_explanations(runs):
    assert not _findings(runs["within"]) and not _findings(runs["plain"])
    for name in ("metrics.json", "explanations.json"):
        plain = _without_timings(json.loads((runs["plain"] / name).read_text()))
        within = _without_timings(json.loads((runs["within"] / name).read_text()))
        assert plain == within, name

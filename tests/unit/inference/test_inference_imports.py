"""Prediction and serving run without training code: nothing under mednn.training is imported
by loading a run, reading records, predicting them, or serving them (checked in a fresh process)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mednn.config import load_config

SRC = Path(__file__).resolve().parents[3] / "src"
SCRIPT = """
import json, sys
import mednn.predictor, mednn.serving
after_import = sorted(m for m in sys.modules if m.startswith("mednn.training"))
from mednn.predictor import Predictor
records = [{"age": 0.5, "dose": -0.2}, {"age": None, "dose": 1.0}]
predictor = Predictor.load(sys.argv[1])
prob = predictor.predict_proba(predictor.read_records(records)).tolist()
status = None
try:
    from fastapi.testclient import TestClient
    from mednn.serving import make_app
    status = TestClient(make_app(sys.argv[1])).post("/predict", json={"records": records}).status_code
except ImportError:
    pass
print(json.dumps({"after_import": after_import, "prob": prob, "status": status,
                  "training": sorted(m for m in sys.modules if m.startswith("mednn.training"))}))
"""


@pytest.mark.parametrize("task", ["binary", "regression"])
def test_loading_predicting_and_serving_import_nothing_from_training(tmp_path, task):
    import numpy as np
    import pandas as pd

    from mednn.pipeline import train

    rng = np.random.default_rng(0)
    age, dose = rng.normal(size=(2, 80))
    target = (age + dose > 0).astype(int) if task == "binary" else 3 * age - dose + 10
    pd.DataFrame({"age": age, "dose": dose, "y": target}).to_csv(tmp_path / "t.csv", index=False)
    run = train(load_config(None, [f"data.path={tmp_path / 't.csv'}", "data.label=y", f"data.task={task}",
                                   "train.epochs=3", "train.progress=false", "explain.enabled=false",
                                   "report.enabled=false", "evaluate.bootstrap=0"]), tmp_path / "run")
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(run)], capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["after_import"] == [] and result["training"] == []
    assert len(result["prob"]) == 2 and result["status"] in (200, None)

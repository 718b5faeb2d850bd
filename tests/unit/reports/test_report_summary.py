"""The terminal summary of `mednn evaluate`: a short table with 3 decimals, class names, the
run's confidence level, a warning on small data, and where the JSON goes by default."""

from __future__ import annotations

import json
from pathlib import Path

from mednn.reports.summary import default_evaluation_path, evaluation_summary


def _run(tmp_path: Path, names=("0", "1"), confidence=0.9) -> Path:
    run = tmp_path / "run"
    run.mkdir()
    (run / "config.yaml").write_text(f"evaluate:\n  confidence: {confidence}\n", encoding="utf-8")
    (run / "model.json").write_text(json.dumps({"task": {"kind": "binary", "class_names": list(names)}}))
    (run / "metrics.json").write_text(json.dumps({"positive_class": names[1]}))
    return run


RESULT = {"task": "binary", "n": 240, "threshold": 0.4123456789,
          "metrics": {"accuracy": {"value": 0.8812345678, "ci95": [0.8412345, 0.9198765]},
                      "auroc": {"value": 0.9312345678, "ci95": [0.9011111, 0.9588888]},
                      "sensitivity": {"value": 0.75, "ci95": None},
                      "specificity": {"value": None, "ci95": None},
                      "per_class": {"0": {"sensitivity": {"value": 0.9, "ci95": None}}},
                      "confusion_matrix": [[1, 2], [3, 4]]}}


def test_summary_is_a_short_table_with_three_decimals(tmp_path):
    text = evaluation_summary(RESULT, _run(tmp_path))
    lines = text.splitlines()
    assert lines[0] == "240 samples (binary)" and lines[1].split() == ["metric", "value", "90%", "CI"]
    assert lines[2].split() == ["AUROC", "0.931", "0.901", "to", "0.959"]  # AUROC first, then accuracy
    assert lines[3].split() == ["Accuracy", "0.881", "0.841", "to", "0.920"]
    assert "Sensitivity (class 1)" in text and "Specificity (class 0)" in text  # never a bare "1"
    assert "not defined" in text and "operating threshold: 0.412" in text
    assert "per_class" not in text and "confusion" not in text and "0.8812" not in text
    assert "warning" not in text


def test_small_evaluation_set_is_flagged(tmp_path):
    result = {**RESULT, "n": 12, "undefined": {"metrics": ["specificity"], "why": "one class present"}}
    text = evaluation_summary(result, _run(tmp_path, names=("benign", "malignant")))
    assert "not defined: specificity (one class present)" in text
    assert "Sensitivity (malignant)" in text and "Specificity (benign)" in text
    assert "warning: only 12 samples" in text


def test_default_output_sits_beside_the_data_not_in_the_run():
    assert default_evaluation_path(Path("site_b/patients.csv")) == Path("site_b/patients.evaluation.json")
    assert default_evaluation_path(Path("scans")) == Path("scans.evaluation.json")

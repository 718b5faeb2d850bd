"""The terminal summary of `mednn evaluate`: a short table with 3 decimals, the metric
registry's names, class names as the report shows them, the run's confidence level, and a
warning on small data."""

from __future__ import annotations

from mednn.reports.summary import evaluation_summary
from mednn.runs import EvaluationRecord

from test_report_html import synthetic_record

RESULT = {"site": "north", "data": "north.csv", "created": "2026-01-01T00:00:00+00:00", "task": "binary",
          "n": 240, "threshold": 0.4123456789,
          "metrics": {"accuracy": {"value": 0.8812345678, "ci95": [0.8412345, 0.9198765]},
                      "auroc": {"value": 0.9312345678, "ci95": [0.9011111, 0.9588888]},
                      "sensitivity": {"value": 0.75, "ci95": None},
                      "specificity": {"value": None, "ci95": None},
                      "brier": {"value": 0.1, "ci95": [0.05, 0.15]},
                      "per_class": {"0": {"sensitivity": {"value": 0.9, "ci95": None}}},
                      "confusion_matrix": [[1, 2], [3, 4]]}}


def _record(names=("0", "1"), confidence=0.9):
    record = synthetic_record("binary", names=list(names))
    bootstrap = record.metrics.bootstrap.model_copy(update={"confidence": confidence})
    return record.model_copy(update={"metrics": record.metrics.model_copy(update={"bootstrap": bootstrap})})


def test_summary_is_a_short_table_with_three_decimals():
    text = evaluation_summary(EvaluationRecord.model_validate(RESULT), _record())
    lines = text.splitlines()
    assert lines[0] == "240 samples (binary)" and lines[1].split() == ["metric", "value", "90%", "CI"]
    assert lines[2].split() == ["AUROC", "0.931", "0.901", "to", "0.959"]  # AUROC first, then accuracy
    assert lines[3].split() == ["Accuracy", "0.881", "0.841", "to", "0.920"]
    assert "Sensitivity (class 1)" in text and "Specificity (class 0)" in text  # never a bare "1"
    assert "Brier (lower is better)" in text  # the registry's short name and direction
    assert "undefined" in text and "operating threshold: 0.412" in text
    assert "per_class" not in text and "confusion" not in text and "0.8812" not in text
    assert "warning" not in text


def test_small_evaluation_set_and_its_findings_are_flagged():
    from mednn.findings import Finding

    result = {**RESULT, "n": 12, "undefined": {"metrics": ["specificity"], "why": "one class present"},
              "findings": [Finding("dataset_shift", "warning", "column 'age' differs", columns=("age",))]}
    text = evaluation_summary(EvaluationRecord.model_validate(result), _record(names=("benign", "malignant")))
    assert "not defined: specificity (one class present)" in text
    assert "Sensitivity (malignant)" in text and "Specificity (benign)" in text
    assert "warning: only 12 samples" in text and "mednn: warning: [dataset_shift] column 'age' differs" in text


def test_run_summary_lists_findings_first_and_never_a_class_name():
    from mednn.reports.summary import run_summary

    text = run_summary(synthetic_record("binary", names=["Jane Doe", "John Roe"]))
    lines = text.splitlines()
    assert lines[0].startswith("mednn: warning: [missing_values]") and lines[1].startswith("mednn: info: [integer_codes]")
    assert lines[2].split() == ["test", "metric", "value", "95%", "CI"]
    assert lines[3].split()[:2] == ["AUROC", "0.991"]
    assert "Sensitivity (the positive class)" in text
    assert "Jane" not in text and "John" not in text


def test_one_sample_and_one_patient_are_singular_and_a_missing_interval_says_why():
    # trial4 d: "1 samples (binary)"; trial4 b: a metric without an interval gave no reason
    reason = "every bootstrap resample gives the same value, and this metric has no interval from its counts"
    metrics = {**RESULT["metrics"], "auroc": {"value": 1.0, "ci95": None, "ci_reason": reason}}
    result = {**RESULT, "n": 1, "patients": {"n": 1}, "metrics": metrics}
    text = evaluation_summary(EvaluationRecord.model_validate(result), _record())
    assert text.splitlines()[0] == "1 sample (binary), 1 patient (intervals resample patients)"
    assert "warning: only 1 sample (fewer than" in text
    assert f"no interval for AUROC: {reason}" in text


def test_run_summary_says_why_a_shown_metric_has_no_interval():
    # trial 15: a perfect 3D run printed 'AUROC 1.000 —' after training and nothing else; evaluate said why
    from mednn.reports.summary import run_summary

    reason = "every bootstrap resample gives the same value, and this metric has no interval from its counts"
    record = synthetic_record("binary", names=["a", "b"])
    test = {**record.metrics.test, "auroc": {"value": 1.0, "ci95": None, "ci_reason": reason}}
    record = record.model_copy(update={"metrics": record.metrics.model_copy(update={"test": test})})
    text = run_summary(record)
    assert f"no interval for AUROC: {reason}" in text
    assert "no interval" not in run_summary(synthetic_record("binary", names=["a", "b"]))

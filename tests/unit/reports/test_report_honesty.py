"""The report and model card say what the numbers are: scaffolds for molecule runs (never
"unseen patients"), patients per split when a patient column is known, missing labels of
multi-task data counted, a best epoch that was the last one said so, an undefined metric shown
as undefined with its reason (never a 0 or 1), and each external site's shift table and
calibration beside the internal test set."""

from __future__ import annotations

import json
import re

from test_report_html import _ci, make_run, report_of, synthetic_record

from mednn.findings import Finding


def _section(html: str, name: str) -> str:
    part = html[html.index(f'<section id="{name}">'):]
    return part[:part.index("</section>")]


def _text(page: str) -> str:
    import html

    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_a_molecule_run_split_by_scaffold_speaks_of_scaffolds(tmp_path):
    record = synthetic_record("binary", names=["inactive", "active"])
    data = record.data.model_dump() | {"modality": "molecules", "split_method": "scaffold",
                                       "groups": {"column": "scaffold", "n_groups": 57}}
    run = make_run(tmp_path, "binary", modality="molecules", data=data)
    html = report_of(run)
    data_text = _text(_section(html, "data"))
    assert "unseen scaffolds" in data_text and "57 scaffolds" in data_text and "unseen patients" not in html
    assert "Scaffolds" in _section(html, "data")  # the per-split count is headed by the unit
    assert "78 scaffolds" in _text(_section(html, "performance"))  # the test split's scaffolds
    card = json.loads((run / "model_card.json").read_text())
    level = next(e for e in card["items"] if e["topic"] == "Level at which partitions are disjoint")
    assert level["value"]["level"].startswith("scaffold level") and "scaffolds_shared_between_splits" in level["value"]


def test_patients_are_counted_per_split_when_a_patient_column_is_known(tmp_path):
    html = report_of(make_run(tmp_path, "binary"))
    data = _section(html, "data")
    assert "<th>Patients</th>" in data and '<td class="num">298</td>' in data  # 300 training rows, 298 patients
    assert "n = 80, 78 patients" in _text(_section(html, "performance"))
    assert "unseen patients" in _text(data)


def test_the_model_card_counts_missing_labels_of_multitask_data(tmp_path):
    record = synthetic_record("multilabel", names=["NR-AR", "SR-p53", "NR-AhR"])
    data = record.data.model_dump() | {"missing_labels": {"cells": 153, "samples_with_any": 140,
                                                         "per_label": {"NR-AR": 120, "SR-p53": 0, "NR-AhR": 33}}}
    run = make_run(tmp_path, "multilabel", data=data)
    card = json.loads((run / "model_card.json").read_text())
    missing = next(e for e in card["items"] if e["topic"] == "Missing data")["value"]
    assert missing["missing_label_cells"] == 153 and missing["labels_with_missing_values"] == 2
    assert missing["samples_with_missing_labels"] == 140
    assert "153 label values are missing across 2 of 3 labels" in _text(_section(report_of(run), "data"))


def test_a_best_epoch_that_was_the_last_is_said(tmp_path):
    record = synthetic_record("binary", names=["benign", "malignant"])
    training = record.training.model_dump() | {"best_epoch": 61, "epochs_run": 61, "stopped_early": False,
                                                  "best_epoch_last": True}
    finding = Finding("best_epoch_last", "info", "the best validation score came at the last of 61 epochs; "
                      "training longer (train.epochs) may help", count=61)
    html = report_of(make_run(tmp_path, "binary", training=training, findings=[finding.to_dict()]))
    assert "[best_epoch_last]" in _section(html, "findings")
    assert "The best epoch was the last of the 61" in _text(html) and "train.epochs" in _text(html)
    early = report_of(make_run(tmp_path / "early", "binary"))  # best 41 of 61, stopped early
    assert "The best epoch was the last" not in early


def test_a_run_without_early_stopping_keeps_the_last_epoch_and_says_so(tmp_path):
    from mednn.config import load_config

    config = load_config(None, ["name=synthetic-binary", "seed=7", "data.path=synthetic.csv", "report.enabled=false",
                                "train.early_stopping.enabled=false"])
    record = synthetic_record("binary", names=["benign", "malignant"])
    training = record.training.model_dump() | {"best_epoch": 61, "epochs_run": 61, "stopped_early": False}
    text = _text(report_of(make_run(tmp_path, "binary", config=config, training=training)))
    assert "No epoch was selected" in text and "epoch 61, were kept" in text
    assert "The weights of the best epoch" not in text
    selected = _text(report_of(make_run(tmp_path / "selected", "binary")))
    assert "The weights of the best epoch" in selected and "No epoch was selected" not in selected


def test_an_undefined_metric_is_shown_as_undefined_with_its_reason(tmp_path):
    record = synthetic_record("binary", names=["benign", "malignant"])
    reason = "only class 'malignant' is present in these data; npv needs samples of both classes"
    test = record.metrics.test | {"npv": {"value": None, "ci95": None, "reason": reason}, "ppv": _ci(0.9)}
    html = report_of(make_run(tmp_path, "binary", metrics=record.metrics.model_dump() | {"test": test}))
    performance = _text(_section(html, "performance"))
    assert "undefined (only class 'malignant' is present in these data)" in performance


PLANTED = "Patientname"


def _shifted_evaluation(site: str):
    from mednn.runs import evaluation_record

    rows = [{"column": "chol", "check": "missing", "statistic": "missing share", "training": 0.02, "site": 0.9,
             "count": 180, "n": 200, "severity": "warning"},
            {"column": "bp", "check": "all_zero", "statistic": "zero share", "training": 0.0, "site": 1.0,
             "count": 200, "n": 200, "severity": "warning"},
            {"column": "age", "check": "distance", "statistic": "population stability index", "training": 0.0,
             "site": 0.14, "count": 200, "n": 200, "severity": "info"}]
    bins = [{"lower": i / 5, "upper": (i + 1) / 5, "count": 40, "mean_confidence": i / 5 + 0.1,
             "observed": min(1.0, i / 5 + 0.25)} for i in range(5)]
    return evaluation_record({
        "task": "binary", "data": f"{site}.csv", "n": 200, "class_counts": {"benign": 150, "malignant": 50},
        "threshold": 0.41, "metrics": {"auroc": _ci(0.8, 0.05), "npv": {"value": None, "ci95": None}},
        "findings": [Finding("dataset_shift", "warning", "missing values: 1 column is more often missing at the "
                             "site than in training: chol (180 of 200 rows, 90%; training 2%)", count=1,
                             columns=("chol",))],
        "shift": {"checked": True, "n": 200, "n_profiled": 200, "training_n": 300, "columns": 3, "rows": rows},
        "calibration": {"what": "predicted probability of the positive class", "n": 200, "n_bins": 5,
                        "ece": 0.15, "bins": bins},
    }, site=site, bootstrap={"n_resamples": 100, "seed": 0, "confidence": 0.95})


def test_each_site_has_its_shift_table_and_calibration_beside_the_internal_test_set(tmp_path):
    from mednn.runs import add_evaluation, load_run, read_manifest

    run = make_run(tmp_path, "binary")
    add_evaluation(run, _shifted_evaluation("north"))
    html = report_of(run)
    section = _section(html, "external-validation")
    text = _text(section)
    assert "Internal test (n = 80)" in text and "north (n = 200)" in text
    assert re.search(r"chol missing values 2\.0% 90\.0% 180 of 200 Warning", text)
    assert re.search(r"bp all values 0 0\.0% 100\.0% 200 of 200 Warning", text)
    assert re.search(r"age distribution \(PSI\) — PSI 0\.14 200 of 200 Note", text)
    assert "expected calibration error 0.150 over 5 bins" in text
    # the 5-bin site ECE is never set against the internal test set's 15-bin table ECE (trial 14)
    assert "internal test set: 0.031" not in text
    assert "the metrics table's ECE uses 15 bins (0.031 on the internal test set)" in text
    assert 'alt="Reliability diagram on north"' in section
    assert PLANTED not in html
    card = json.loads((run / "model_card.json").read_text())
    external = next(e for e in card["items"] if e["topic"] == "Internal and external testing")["value"]["external"]
    assert external["north"]["dataset_shift"]["columns_with_warnings"] == ["chol", "bp"]
    assert external["north"]["dataset_shift"]["notes"] == 1 and external["north"]["calibration_ece"] == 0.15
    assert "evaluations/north.json" in read_manifest(run)["files"]
    stored = load_run(run, model=False).record.evaluations["north"]
    assert stored.shift.rows[0].column == "chol" and stored.calibration.n_bins == 5


def test_a_site_without_a_profile_says_shift_was_not_checked(tmp_path):
    from mednn.runs import add_evaluation

    run = make_run(tmp_path, "binary")
    evaluation = _shifted_evaluation("south").model_copy(update={"shift": None, "calibration": None})
    add_evaluation(run, evaluation)
    assert "Shift was not checked" in _text(_section(report_of(run), "external-validation"))


def _conformal_run(tmp_path, modality: str, **data_changes):
    record = synthetic_record("regression", names=["logS"])
    metrics = record.metrics.model_dump() | {"conformal": {
        "target_coverage": 0.9, "coverage": {"value": 0.86, "ci95": [0.8, 0.92]}, "n_calibration": 60}}
    data = record.data.model_dump() | {"modality": modality, **data_changes}
    return make_run(tmp_path / modality, "regression", modality=modality, data=data, metrics=metrics)


def test_the_conformal_sentence_counts_samples_and_names_what_they_are(tmp_path):
    """"an interval" (not "a interval"); the calibration set in samples (and patients when known),
    never "60 validation patients"; molecules are molecules, not patients."""
    tables = _text(_section(report_of(_conformal_run(tmp_path, "tabular")), "uncertainty"))
    # 60 records of 58 patients: the sets' promise is per record (trial 12, item 6)
    assert "comes with an interval" in tables and "of records like these" in tables
    assert "fitted on 60 validation samples from 58 patients" in tables
    molecules = _text(_section(report_of(_conformal_run(
        tmp_path, "molecules", split_method="scaffold", groups={"column": "scaffold", "n_groups": 57})),
        "uncertainty"))
    assert "of molecules like these" in molecules and "fitted on 60 validation samples)" in molecules
    assert "patient" not in molecules and "a interval" not in tables + molecules


def test_a_molecule_runs_glossary_speaks_of_molecules():
    from mednn.reports.sections.glossary import section

    molecules = " ".join(meaning for _, meaning in section("binary", "molecules"))
    assert "patient" not in molecules and "molecules" in molecules
    assert any("patient" in meaning for _, meaning in section("binary", "tabular"))

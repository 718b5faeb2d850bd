"""The HTML report: built from synthetic run directories of each task kind.

Checks that the report is one self-contained file (every image a data: URI, nothing
external), holds the expected sections, metric names and confidence intervals, marks the
early-stopping epoch, never shows planted patient text, and is written atomically.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import numpy as np
import pytest

from mednn.errors import MednnError
from mednn.reports import build_report
from mednn.reports import html as report_html

PATIENT_TEXT = "Jane Q. Patientname, DOB 1950-02-03, presented with chest pain"
PATIENT_TOKEN = "Patientname"
TINY_PNG_URI = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _ci(value: float, half: float = 0.03) -> dict:
    return {"value": value, "ci95": [round(value - half, 3), round(min(1.0, value + half), 3)]}


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _predictions(kind: str, names: list[str], rng, counts: dict[str, int]):
    """val and test predictions with informative scores (curves look like curves) and a planted column."""
    import pandas as pd

    rows = []
    for split in ("val", "test"):
        n = counts[split]
        for i in range(n):
            rows.append({"id": f"{split}-{i}", "split": split})
        part = rows[-n:]
        if kind in ("binary", "multiclass"):
            y = rng.integers(0, len(names), size=n)
            logits = rng.normal(size=(n, len(names))) + 2.0 * np.eye(len(names))[y]
            p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
            for i, row in enumerate(part):
                row.update({"target": names[y[i]], "predicted": names[int(p[i].argmax())],
                            **{f"p:{c}": round(float(v), 4) for c, v in zip(names, p[i])}, "note": PATIENT_TOKEN})
        elif kind == "multilabel":
            y = (rng.random((n, len(names))) < 0.3).astype(float)
            p = 1 / (1 + np.exp(-(rng.normal(size=y.shape) + 2.5 * (y - 0.5))))
            for i, row in enumerate(part):
                row.update({f"target:{c}": (np.nan if rng.random() < 0.1 else y[i, j]) for j, c in enumerate(names)})
                row.update({f"p:{c}": p[i, j] for j, c in enumerate(names)})
                row.update({f"predicted:{c}": int(p[i, j] > 0.5) for j, c in enumerate(names)})
        else:
            y = rng.normal(130, 15, size=n)
            for i, row in enumerate(part):
                row.update({"target:systolic_bp": y[i], "predicted:systolic_bp": y[i] + rng.normal(2, 6)})
    return pd.DataFrame(rows)


def _metrics(kind: str, names: list[str]) -> dict:
    if kind == "regression":
        test = {"rmse": {"value": 6.3, "ci95": [5.5, 7.1]}, "mae": {"value": 5.1, "ci95": [4.4, 5.9]},
                "r2": {"value": 0.82, "ci95": [0.75, 0.88]}}
        return {"test": test, "val": {"rmse": {"value": 6.0, "ci95": [5.0, 7.0]}}}
    test = {"auroc": {"value": 0.991, "ci95": [0.978, 0.999]}, "accuracy": _ci(0.956),
            "sensitivity": _ci(0.93), "specificity": _ci(0.97), "ece": {"value": 0.031, "ci95": [0.02, 0.05]},
            "per_class": {c: {"sensitivity": _ci(0.9), "ppv": _ci(0.88), "support": 40} for c in names}}
    if kind in ("binary", "multiclass"):
        test["confusion_matrix"] = (np.eye(len(names), dtype=int) * 7 + 1).tolist()
    return {"test": test, "val": {"auroc": _ci(0.97), "accuracy": {"value": None, "ci95": None}}}


EXPLANATIONS = [
    {"title": "Feature importance (SHAP)", "caption": "Most important: feature_3.", "seconds": 1.25,
     "figures": [{"png": TINY_PNG_URI.split(",", 1)[1], "alt": "shap", "caption": "one patient"}],
     "tables": [{"caption": "", "columns": ["rank", "column"], "rows": [[1, "feature_3"], [2, None]]}],
     "warnings": ["SHAP and LIME disagree"]},
    # schema 1 stored HTML: only its text is shown
    {"title": "Remote section", "html": '<p>Kept text.</p><img src="https://example.org/x.png">'},
    # base64 that is not a PNG (an SVG) never reaches an <img>
    {"title": "Not a PNG", "figures": [{"png": "PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+", "alt": "x", "caption": ""}]},
]


def _names(kind: str, n_classes: int) -> list[str]:
    return {"binary": ["benign", "malignant"], "multiclass": [str(i) for i in range(n_classes)],  # digits stay text
            "multilabel": ["NR-AR", "SR-p53", "NR-AhR"]}.get(kind, ["systolic_bp"])


def synthetic_record(kind: str, *, names: list[str], input_shape=(30,), n_test: int = 80, **changes):
    """A RunRecord of each task kind, as a training run would record it."""
    from mednn.config import load_config
    from mednn.findings import Finding
    from mednn.runs import RunRecord

    n_inputs = int(np.prod(input_shape))
    counts = {"train": 300, "val": 60, "test": n_test}
    rng = np.random.default_rng(len(names))
    splits = {}
    for split, n in counts.items():
        splits[split] = {"n": n, "n_patients": n - 2}
        if kind != "regression":
            share = rng.dirichlet(np.ones(len(names)) * 5)
            splits[split]["class_counts"] = {c: int(v) for c, v in zip(names, np.round(share * n))}
    monitor = "val_auroc" if kind != "regression" else "val_rmse"
    value = {"binary": 0.41, "multilabel": [0.4, 0.5, 0.6]}.get(kind)
    fields = {
        "config": load_config(None, [f"name=synthetic-{kind}", "seed=7", "data.path=synthetic.csv",
                                     "report.enabled=false"]),
        "task": {"kind": kind, "class_names": names}, "modality": "images" if len(input_shape) > 1 else "tabular",
        "threshold": {"method": "youden", "value": value, "chosen_on": "val"} if value is not None else None,
        "calibration": ({"method": "temperature", "temperature": 1.21, "val_ece_before": 0.05, "val_ece_after": 0.03}
                        if kind != "regression" else {"method": "none"}),
        "model": {"name": "mlp", "hparams": {"hidden_sizes": [5], "dropout": 0.0}, "input_shape": list(input_shape),
                  "n_parameters": 5 * n_inputs + 5 + 5 * len(names) + len(names)},
        "featurizer": {"name": "tabular", "params": {"missing": "impute"}},
        "data": {"source": "synthetic.csv", "modality": "tabular", "n": 440, "splits": splits,
                 "n_features": n_inputs, "input_shape": list(input_shape),
                 "feature_names": [f"feature_{i}" for i in range(n_inputs)],
                 "missing": {"feature_3": 4, "feature_7": 0}, "groups": {"column": "patient_id", "n_groups": 412},
                 "notes": {"free_text": PATIENT_TEXT, "window": "lung", "dropped_duplicates": 3}, "skipped": 1},
        "findings": [Finding("missing_values", "warning", "column 'feature_3' has 4 missing values (1%)", count=4,
                             columns=("feature_3",)),
                     Finding("integer_codes", "info", "1 numeric column(s) hold only a few whole numbers", count=1)],
        "metrics": {**_metrics(kind, names), "bootstrap": {"n_resamples": 1000, "seed": 0, "confidence": 0.95},
                    "subgroups": [{"column": "sex", "group": "F", "n": 41, "auroc": _ci(0.95, 0.04)},
                                  {"column": "sex", "group": "M", "n": 39, "auroc": _ci(0.91, 0.06)}]},
        "training": {"best_epoch": 41, "epochs_run": 61, "monitor": monitor, "stopped_early": True, "seconds": 3.2,
                     "device": "cpu"},
        "provenance": {"seed": 7, "data_fingerprint": "0" * 64, "created": "2026-01-02T03:04:05+00:00",
                       "versions": {"mednn": "0.1.0"}},
    }
    fields.update(changes)
    return RunRecord.model_validate(fields)


def make_run(root: Path, kind: str, *, n_classes: int = 3, input_shape=(30,), seed: int = 0, bare: bool = False,
             names: list[str] | None = None, n_test: int = 80, **changes) -> Path:
    """A run directory written by mednn's own writer from a synthetic record, with patient text
    planted where a careless report would show it (skipped rows, reader notes, an extra
    predictions column). ``bare``: no predictions, history, explanations or side tables."""
    import torch

    from mednn.runs import RunArtifacts, write_run

    rng = np.random.default_rng(seed)
    names = names or _names(kind, n_classes)
    n_inputs, n_out = int(np.prod(input_shape)), 1 if kind == "binary" else len(names)
    record = synthetic_record(kind, names=names, input_shape=input_shape, n_test=n_test, **changes)
    monitor = record.training.monitor
    history = [{"epoch": e, "train_loss": 1 / e, "val_loss": 1 / e + 0.002 * e, monitor: 1 - 1 / (e + 1),
                "lr": 0.001, "seconds": 0.05} for e in range(1, 62)]
    weights = {"net.0.weight": torch.as_tensor(rng.normal(size=(5, n_inputs)), dtype=torch.float32),
               "net.0.bias": torch.zeros(5), "net.2.weight": torch.as_tensor(rng.normal(size=(n_out, 5)),
                                                                             dtype=torch.float32),
               "net.2.bias": torch.zeros(n_out)}
    artifacts = RunArtifacts(
        weights=weights, featurizer_state={}, history=[] if bare else history,
        predictions=None if bare else _predictions(kind, names, rng, {"val": 60, "test": n_test}),
        explanations=[] if bare else EXPLANATIONS,
        side_tables={} if bare else {"skipped.csv": f'row,reason,text\n5,unparseable value,"{PATIENT_TEXT}"\n'
                                                    f'17,empty label,"{PATIENT_TEXT}"\n'})
    return write_run(root / f"run-{kind}", record, artifacts)


def report_of(run: Path) -> str:
    from mednn.runs import load_run

    return build_report(load_run(run, model=False))


def _attribute_values(html: str, attribute: str) -> list[str]:
    return re.findall(rf'\b{attribute}\s*=\s*"([^"]*)"', html)


def _assert_self_contained(html: str) -> None:
    images = _attribute_values(html, "src")
    assert images, "the report has no images"
    for src in images:
        assert src.startswith("data:image/png;base64,"), src[:40]
    for href in _attribute_values(html, "href"):
        assert href.startswith("#"), href  # in-page links only
    # outside data: URIs (whose base64 may spell anything), no address appears anywhere
    without_images = re.sub(r'data:image/png;base64,[A-Za-z0-9+/=]+', "", html).replace("http-equiv", "")
    # and the browser is told so: no script, nothing loaded from outside the file
    assert ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
            "style-src 'unsafe-inline'") in html
    assert "http" not in without_images.lower() and "//" not in without_images.replace("://", "")
    lowered = html.lower()
    assert "<script" not in lowered and "<link" not in lowered and "@import" not in lowered
    assert lowered.count("<html") == 1 and lowered.count("</html>") == 1


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("runs")
    out = {
        "binary": report_of(make_run(root, "binary")),
        "multiclass": report_of(make_run(root, "multiclass", n_classes=10, input_shape=(1, 8, 8))),
        "multilabel": report_of(make_run(root, "multilabel")),
        "regression": report_of(make_run(root, "regression")),
    }
    return out


@pytest.mark.parametrize("kind", ["binary", "multiclass", "multilabel", "regression"])
def test_report_is_one_self_contained_file(reports, kind):
    html = reports[kind]
    assert html.lstrip().startswith("<!DOCTYPE html>")
    _assert_self_contained(html)
    for section in ("Run summary", "How to read this report", "Data", "Performance on the test set", "Training"):
        assert section in html
    assert "not a medical device" in html
    assert "95% CI" in html
    assert "epoch 41" in html  # the early-stopping / best epoch is named
    assert "stopped early" in html
    assert "Subgroups" in html
    assert "patient_id" in html and "412 patients" in html


@pytest.mark.parametrize("kind", ["binary", "multiclass", "multilabel", "regression"])
def test_report_never_shows_patient_text(reports, kind):
    html = reports[kind]
    assert PATIENT_TOKEN not in html
    assert "chest pain" not in html
    # but skipped rows are still accounted for, as counts per reason
    assert "empty label" in html and "unparseable value" in html


def test_binary_report_metrics_threshold_and_calibration(reports):
    html = reports["binary"]
    assert "Sensitivity (recall of malignant)" in html
    assert "Specificity (recall of benign)" in html
    assert "0.991 (95% CI 0.978 to 0.999)" in html
    assert "undefined" in html  # the validation accuracy with value null
    assert "Operating threshold on the probability of malignant: 0.410" in html
    assert "Youden" in html and "validation set" in html
    assert "T = 1.21" in html
    for title in ("ROC curve", "Precision-recall curve", "Reliability diagram", "Confusion matrix", "Learning curves"):
        assert title in html
    assert "Model visualisation" not in html  # a tabular input is not an image
    assert "Feature importance (SHAP)" in html and "computed in 1.2 s" in html
    assert "Warning:</strong> SHAP and LIME disagree" in html and "<td>not defined</td>" in html
    assert "Remote section" in html and "Kept text." in html and "are not shown" in html
    assert "example.org" not in html
    assert "Not a PNG" in html and "not PNG images and were left out" in html
    assert "PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" not in html


def test_multiclass_report_has_weight_images_and_stays_small(reports):
    html = reports["multiclass"]
    assert "Model visualisation" in html
    assert "first layer&#39;s 5 units" in html or "first layer's 5 units" in html
    assert "one curve per class" in html
    assert len(html.encode("utf-8")) < 2_000_000  # a 10-class report stays small


def test_multilabel_and_regression_sections(reports):
    multilabel = reports["multilabel"]
    assert "one curve per label" in multilabel
    assert "Per label" in multilabel
    assert "Confusion matrix" not in multilabel
    regression = reports["regression"]
    assert "predicted vs true" in regression and "residuals" in regression
    assert "ROC curve" not in regression and "Reliability diagram" not in regression
    assert "Root mean squared error" in regression
    assert "6.300 (95% CI 5.500 to 7.100)" in regression


def test_a_run_without_tables_degrades_gracefully(tmp_path):
    run = make_run(tmp_path, "binary", bare=True)
    html = report_of(run)
    _assert_self_contained(html)
    assert "predictions.csv is missing" in html
    assert "epoch 41" in html


def test_no_figures_left_open(tmp_path):
    import matplotlib.pyplot as plt

    report_of(make_run(tmp_path, "multiclass", input_shape=(1, 8, 8)))
    assert plt.get_fignums() == []


def test_not_a_run_directory_or_a_corrupt_file_is_one_error(tmp_path):
    from mednn.runs import load_run, refresh_manifest_entry

    with pytest.raises(MednnError, match="not a finished mednn run"):
        load_run(tmp_path, model=False)
    with pytest.raises(MednnError, match="not a finished mednn run"):
        load_run(tmp_path / "missing", model=False)
    run = make_run(tmp_path, "binary")
    (run / "metrics.json").write_text("{not json", encoding="utf-8")
    refresh_manifest_entry(run, "metrics.json")  # an editor who also rewrites the manifest
    with pytest.raises(MednnError, match="metrics.json is not valid JSON"):
        load_run(run, model=False)


def test_rebuild_report_writes_report_html_into_the_run_and_elsewhere(tmp_path):
    from mednn.runs import rebuild_report, verify_manifest

    run = make_run(tmp_path, "regression")
    assert not (run / "report.html").exists()  # report.enabled was false
    updated = rebuild_report(run)
    assert updated.path == run / "report.html" and not updated.was_signed
    assert updated.path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    verify_manifest(run, include_regenerable=True)  # the new report is in the manifest
    other = rebuild_report(run, tmp_path / "r.html")
    assert other.path.is_file()


def test_rebuild_report_leaves_the_run_unchanged_when_rendering_fails(tmp_path, monkeypatch):
    from mednn.runs import rebuild_report

    run = make_run(tmp_path, "binary")
    before = {p.name: p.read_bytes() for p in run.iterdir()}
    siblings = sorted(p.name for p in tmp_path.iterdir())

    def broken(context):
        raise RuntimeError("template failed")

    monkeypatch.setattr(report_html, "_render", broken)
    with pytest.raises(RuntimeError):
        rebuild_report(run)
    assert {p.name: p.read_bytes() for p in run.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == siblings  # no partial folder left


def test_rebuild_report_keeps_the_old_run_when_the_swap_fails(tmp_path, monkeypatch):
    import mednn.runs.writer as writer
    from mednn.runs import rebuild_report

    run = make_run(tmp_path, "binary")
    rebuild_report(run)
    before = {p.name: p.read_bytes() for p in run.iterdir()}
    siblings = sorted(p.name for p in tmp_path.iterdir())

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.os, "replace", broken_replace)
    with pytest.raises(MednnError, match="No space left on device"):
        rebuild_report(run)
    assert {p.name: p.read_bytes() for p in run.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == siblings  # the partial folder was removed


def test_only_real_png_bytes_become_images():
    png = TINY_PNG_URI.split(",", 1)[1]
    assert report_html._png_uri(png) == TINY_PNG_URI
    for bad in ("PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+", 'x" onerror="alert(1)', "not base64!", None, 3, ["a"]):
        assert report_html._png_uri(bad) is None


def test_html_of_old_sections_is_reduced_to_its_text():
    paragraphs, dropped = report_html._legacy_text(
        '<p>Kept <b>bold</b></p><script>alert(1)</script><img src=x onerror=alert(1)><svg onload=alert(1)></svg>')
    assert paragraphs == ["Kept bold"] and dropped == 3


def test_template_is_package_data():
    from importlib.resources import files

    assert files("mednn.reports").joinpath("templates", "report.html").is_file()


def test_privacy_caveats_name_a_seeded_noise_only_when_it_was_seeded():
    from mednn.reports.html import _privacy_not_covered

    seeded = " ".join(_privacy_not_covered(True, seeded_noise=True))
    secure = " ".join(_privacy_not_covered(True, seeded_noise=False))
    assert "privacy.noise_seed: seed" in seeded and "could remove the noise" in seeded
    assert "noise_seed" not in secure and "Early stopping" in secure


def test_federated_paragraph_warns_about_single_class_sites():
    from mednn.reports.html import _federated_text

    fed = {"site_column": "hospital", "rounds_run": 5, "best_round": 4, "local_epochs": 1, "processes": True,
           "sites": [{"site": "north", "n_train": 10, "class_counts": {"neg": 6, "pos": 4}},
                     {"site": "east", "n_train": 3, "class_counts": {"neg": 3, "pos": 0}}]}
    text = _federated_text(fed)
    assert "5 rounds of federated averaging across 2 sites" in text and "north 10, east 3" in text
    assert "east (only neg)" in text and "north (only" not in text
    fed["sites"][1]["class_counts"] = {"neg": 2, "pos": 1}
    assert "Warning" not in _federated_text(fed)


def test_numeric_class_codes_are_named_as_classes(tmp_path):
    html = report_of(make_run(tmp_path, "binary", names=["0", "1"]))
    assert "Sensitivity (recall of class 1)" in html and "Specificity (recall of class 0)" in html
    assert "classes: class 0, class 1 (positive class: class 1)" in html
    assert "recall of 0)" not in html and "recall of 1)" not in html


def test_small_test_set_is_flagged(tmp_path):
    big = report_of(make_run(tmp_path / "big", "binary"))
    assert "Small test set" not in big and " *</td>" not in big
    html = report_of(make_run(tmp_path / "small", "binary", n_test=12))
    assert "Small test set: the test set holds 12 samples (fewer than 30)" in html
    assert "0.991 (95% CI 0.978 to 0.999) *" in html and "The test set is small" in html


def test_reliability_bins_follow_the_number_of_predictions():
    assert [report_html.reliability_bin_count(n) for n in (5, 61, 100, 149, 1000)] == [5, 6, 10, 15, 15]


def test_explanation_timing_and_glossary(reports):
    html = reports["binary"]
    assert 'id="glossary"' in html and "Youden&#39;s J" in html and "DeepLIFT" in html
    assert "Youden" not in reports["regression"].split('id="glossary"')[1]  # regression: no classification terms


def test_findings_come_first_warnings_before_notes(reports):
    html = reports["binary"]
    top = html.index('<section id="findings">')
    assert top < html.index('<section id="performance">') and top < html.index('<section id="summary">')
    section = html[top:html.index("</section>", top)]
    assert section.index("Warning") < section.index("Note")
    assert "[missing_values]" in section and "feature_3" in section and "1 warning(s)" in section


def _evaluation(site: str, n: int, auroc: float):
    from mednn.findings import Finding
    from mednn.runs import evaluation_record

    return evaluation_record({
        "task": "binary", "data": f"{site}.csv", "n": n, "class_counts": {"benign": n - 10, "malignant": 10},
        "threshold": 0.41, "metrics": {"auroc": _ci(auroc, 0.05), "accuracy": _ci(0.8), "sensitivity": _ci(0.7)},
        "findings": [Finding("dataset_shift", "warning", "column 'age' differs from the training data",
                             columns=("age",)).to_dict()],
    }, site=site, bootstrap={"n_resamples": 100, "seed": 0, "confidence": 0.95})


def test_external_validation_is_shown_beside_the_internal_test_set_and_fills_the_model_card(tmp_path):
    from mednn.runs import add_evaluation, load_run, verify_manifest

    run = make_run(tmp_path, "binary")
    add_evaluation(run, _evaluation("north", 120, 0.84))
    add_evaluation(run, _evaluation("south", 25, 0.71))
    verify_manifest(run)  # both files and the rewritten model card are in the manifest
    loaded = load_run(run, model=False)
    assert sorted(loaded.record.evaluations) == ["north", "south"]
    html = build_report(loaded)
    section = html[html.index('<section id="external-validation">'):]
    section = section[:section.index("</section>")]
    assert "Internal test (n = 80)" in section and "north (n = 120)" in section and "south (n = 25)" in section
    assert "0.991 (95% CI 0.978 to 0.999)" in section and "0.840 (95% CI 0.790 to 0.890)" in section
    assert "fewer than 30" in section  # the small site is flagged
    assert "external data: north" in html[:html.index('<section id="performance">')]  # its finding on top
    card = json.loads((run / "model_card.json").read_text())
    external = next(e for e in card["items"] if e["topic"] == "Internal and external testing")
    assert external["value"]["external"]["north"]["metrics"]["auroc"]["value"] == 0.84
    assert "evaluations/north.json" in external["source"]


def test_a_metric_registered_later_is_named_by_its_registry_label(tmp_path):
    from mednn.evaluation import metrics as M

    @M._register("youden_j", "labels", 1.0, table=lambda s: s.summary("sensitivity") + s.summary("specificity") - 1,
                 label="Youden's J for {positive}", macro_label="Youden's J, macro average", short="J")
    def youden_j(y_true, y_pred):
        return M.sensitivity(y_true, y_pred) + M.specificity(y_true, y_pred) - 1

    try:
        record = synthetic_record("binary", names=["benign", "malignant"])
        metrics = record.metrics.model_copy(update={"test": {**record.metrics.test, "youden_j": _ci(0.8)}})
        html = report_of(make_run(tmp_path, "binary", metrics=metrics.model_dump()))
        assert "Youden&#39;s J for malignant" in html and "youden j" not in html.lower().replace("youden&#39;s j", "")
    finally:
        M.METRICS._entries.pop("youden_j", None)
        M._ORDER.remove("youden_j")


def test_a_run_cut_short_by_its_time_budget_says_so(tmp_path):
    """Trial 5: a run stopped by train.budget after 3 of 5 epochs read like a finished run."""
    training = {"best_epoch": 3, "epochs_run": 3, "monitor": "val_auroc", "stopped_early": False,
                "stopped_by": "budget", "budget": 60.0, "seconds": 60.2, "device": "cpu"}
    html = report_of(make_run(tmp_path, "binary", training=training))
    assert "cut short by its time budget (train.budget)" in html and "stopped early" not in html


def test_the_notes_say_where_a_perfect_scores_interval_comes_from(tmp_path):
    """Trial 15 / fix17a: an AUROC of 1.000 gets a count-based lower bound (ci_method
    'separation'); the report's notes say where such an interval comes from (no note before)."""
    record = synthetic_record("binary", names=["benign", "malignant"])
    auroc = {"value": 1.0, "ci95": [0.456, 1.0], "ci_method": "separation"}
    metrics = record.metrics.model_copy(update={"test": {**record.metrics.test, "auroc": auroc}})
    html = report_of(make_run(tmp_path / "perfect", "binary", metrics=metrics.model_dump()))
    assert "never 1.000 to 1.000" in html and "sensitivity × specificity" in html
    assert "never 1.000 to 1.000" not in report_of(make_run(tmp_path / "plain", "binary"))

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

from mednn.errors import DataError
from mednn.reports import build_report, write_report
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


def make_run(root: Path, kind: str, *, n_classes: int = 3, input_shape=(30,), seed: int = 0) -> Path:
    """A run directory in the documented layout, with patient text planted where a careless
    report would show it (skipped rows, reader notes, an extra predictions column)."""
    from safetensors.numpy import save_file

    rng = np.random.default_rng(seed)
    run = root / f"run-{kind}"
    run.mkdir()
    if kind == "binary":
        names = ["benign", "malignant"]
    elif kind == "multiclass":
        names = [str(i) for i in range(n_classes)]  # digit class names must stay text
    elif kind == "multilabel":
        names = ["NR-AR", "SR-p53", "NR-AhR"]
    else:
        names = ["systolic_bp"]
    n_inputs = int(np.prod(input_shape))
    (run / "config.yaml").write_text(f"name: synthetic-{kind}\nseed: 7\ndata:\n  path: synthetic.csv\n", encoding="utf-8")
    (run / "model.json").write_text(json.dumps({
        "name": "mlp", "hparams": {"hidden_sizes": [5], "dropout": 0.0},
        "task": {"kind": kind, "class_names": names}, "input_shape": list(input_shape),
        "modality": "images" if len(input_shape) > 1 else "tabular", "mednn_version": "0.1.0",
    }))
    n_out = 1 if kind == "binary" else len(names)
    save_file({
        "net.0.weight": rng.normal(size=(5, n_inputs)).astype(np.float32),
        "net.0.bias": np.zeros(5, np.float32),
        "net.2.weight": rng.normal(size=(n_out, 5)).astype(np.float32),
        "net.2.bias": np.zeros(n_out, np.float32),
    }, str(run / "model.safetensors"))

    counts = {"train": 300, "val": 60, "test": 80}
    splits = {}
    for split, n in counts.items():
        entry = {"n": n}
        if kind != "regression":
            share = rng.dirichlet(np.ones(len(names)) * 5)
            entry["class_counts"] = {c: int(v) for c, v in zip(names, np.round(share * n))}
        splits[split] = entry
    (run / "data.json").write_text(json.dumps({
        "source": "synthetic.csv", "modality": "tabular", "task": {"kind": kind, "class_names": names},
        "splits": splits, "n_features": n_inputs, "feature_names": [f"feature_{i}" for i in range(n_inputs)],
        "missing": {"feature_3": 4, "feature_7": 0}, "groups": {"column": "patient_id", "n_groups": 412},
        "skipped": [{"row": 17, "reason": "empty label", "text": PATIENT_TEXT}, PATIENT_TEXT],
        "notes": {"free_text": PATIENT_TEXT, "window": "lung", "dropped_duplicates": 3},
    }))
    _write_csv(run / "skipped.csv", ["row", "reason", "text"], [[5, "unparseable value", PATIENT_TEXT]])

    # predictions: val and test rows, informative scores so curves look like curves
    header, rows = ["id", "split"], []
    n_rows = {"val": counts["val"], "test": counts["test"]}
    if kind in ("binary", "multiclass"):
        header += ["target", "predicted", *[f"p:{c}" for c in names], "note"]
        for split, n in n_rows.items():
            y = rng.integers(0, len(names), size=n)
            logits = rng.normal(size=(n, len(names))) + 2.0 * np.eye(len(names))[y]
            p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
            for i in range(n):
                rows.append([f"{split}-{i}", split, names[y[i]], names[int(p[i].argmax())],
                             *[f"{v:.4f}" for v in p[i]], PATIENT_TOKEN])
    elif kind == "multilabel":
        header += [f"target:{c}" for c in names] + [f"p:{c}" for c in names] + [f"predicted:{c}" for c in names]
        for split, n in n_rows.items():
            y = (rng.random((n, len(names))) < 0.3).astype(float)
            p = 1 / (1 + np.exp(-(rng.normal(size=y.shape) + 2.5 * (y - 0.5))))
            for i in range(n):
                targets = ["" if rng.random() < 0.1 else int(v) for v in y[i]]  # some labels missing
                rows.append([f"{split}-{i}", split, *targets, *[f"{v:.4f}" for v in p[i]], *[int(v > 0.5) for v in p[i]]])
    else:
        header += ["target:systolic_bp", "predicted:systolic_bp"]
        for split, n in n_rows.items():
            y = rng.normal(130, 15, size=n)
            for i in range(n):
                rows.append([f"{split}-{i}", split, f"{y[i]:.2f}", f"{y[i] + rng.normal(2, 6):.2f}"])
    _write_csv(run / "predictions.csv", header, rows)

    if kind == "regression":
        test = {"rmse": {"value": 6.3, "ci95": [5.5, 7.1]}, "mae": {"value": 5.1, "ci95": [4.4, 5.9]},
                "r2": {"value": 0.82, "ci95": [0.75, 0.88]}}
        val = {"rmse": {"value": 6.0, "ci95": [5.0, 7.0]}}
    else:
        test = {"auroc": {"value": 0.991, "ci95": [0.978, 0.999]}, "accuracy": _ci(0.956),
                "sensitivity": _ci(0.93), "specificity": _ci(0.97), "ece": {"value": 0.031, "ci95": [0.02, 0.05]},
                "per_class": {c: {"sensitivity": _ci(0.9), "ppv": _ci(0.88), "support": 40} for c in names}}
        if kind in ("binary", "multiclass"):
            k = len(names)
            test["confusion_matrix"] = (np.eye(k, dtype=int) * 7 + 1).tolist()
        val = {"auroc": _ci(0.97), "accuracy": {"value": None, "ci95": None}}
    metrics = {
        "task": kind, "class_names": names, "n": {"train": 300, "val": 60, "test": 80},
        "test": test, "val": val,
        "bootstrap": {"n_resamples": 1000, "seed": 0, "confidence": 0.95},
        "training": {"best_epoch": 41, "epochs_run": 61, "monitor": "val_auroc" if kind != "regression" else "val_rmse",
                     "stopped_early": True, "seconds": 3.2},
        "subgroups": [
            {"column": "sex", "group": "F", "n": 41, "auroc": _ci(0.95, 0.04)},
            {"column": "sex", "group": "M", "n": 39, "auroc": _ci(0.91, 0.06)},
        ],
    }
    if kind == "binary":
        metrics["positive_class"] = "malignant"
    if kind != "regression":
        metrics["threshold"] = {"method": "youden", "value": 0.41, "chosen_on": "val"}
        metrics["calibration"] = {"method": "temperature", "temperature": 1.21, "val_ece_before": 0.05,
                                  "val_ece_after": 0.03}
    (run / "metrics.json").write_text(json.dumps(metrics))

    monitor = "val_auroc" if kind != "regression" else "val_rmse"
    epochs = np.arange(1, 62)
    _write_csv(run / "history.csv", ["epoch", "train_loss", "val_loss", monitor, "lr", "seconds"],
               [[e, f"{1 / e:.4f}", f"{1 / e + 0.002 * e:.4f}", f"{1 - 1 / (e + 1):.4f}", 0.001, 0.05] for e in epochs])

    (run / "explanations.json").write_text(json.dumps([
        {"title": "Feature importance (SHAP)", "caption": "Most important: feature_3.", "seconds": 1.25,
         "figures": [{"png": TINY_PNG_URI.split(",", 1)[1], "alt": "shap", "caption": "one patient"}],
         "tables": [{"caption": "", "columns": ["rank", "column"], "rows": [[1, "feature_3"], [2, None]]}],
         "warnings": ["SHAP and LIME disagree"]},
        # schema 1 stored HTML: only its text is shown
        {"title": "Remote section", "html": '<p>Kept text.</p><img src="https://example.org/x.png">'},
        # base64 that is not a PNG (an SVG) never reaches an <img>
        {"title": "Not a PNG", "figures": [{"png": "PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+", "alt": "x", "caption": ""}]},
    ]))
    return run


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
        "binary": build_report(make_run(root, "binary")),
        "multiclass": build_report(make_run(root, "multiclass", n_classes=10, input_shape=(1, 8, 8))),
        "multilabel": build_report(make_run(root, "multilabel")),
        "regression": build_report(make_run(root, "regression")),
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
    assert "patient_id" in html and "412 groups" in html


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
    assert "not defined" in html  # the validation accuracy with value null
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


def test_reading_only_absent_files_degrades_gracefully(tmp_path):
    run = make_run(tmp_path, "binary")
    for name in ("predictions.csv", "history.csv", "data.json", "explanations.json", "skipped.csv", "model.safetensors"):
        (run / name).unlink()
    html = build_report(run)
    _assert_self_contained(html)
    assert "predictions.csv is missing" in html
    assert "epoch 41" in html


def test_no_figures_left_open(tmp_path):
    import matplotlib.pyplot as plt

    build_report(make_run(tmp_path, "multiclass", input_shape=(1, 8, 8)))
    assert plt.get_fignums() == []


def test_not_a_run_directory_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="metrics.json"):
        build_report(tmp_path)
    with pytest.raises(DataError, match="does not exist"):
        build_report(tmp_path / "missing")
    run = make_run(tmp_path, "binary")
    (run / "metrics.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match="metrics.json is not valid JSON"):
        build_report(run)


def test_write_report_writes_report_html(tmp_path):
    run = make_run(tmp_path, "regression")
    path = write_report(run)
    assert path == run / "report.html"
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    other = write_report(run, tmp_path / "out" / "r.html")
    assert other.is_file()


def test_write_report_leaves_no_partial_file_when_rendering_fails(tmp_path, monkeypatch):
    run = make_run(tmp_path, "binary")
    before = sorted(p.name for p in run.iterdir())

    def broken(context):
        raise RuntimeError("template failed")

    monkeypatch.setattr(report_html, "_render", broken)
    with pytest.raises(RuntimeError):
        write_report(run)
    assert sorted(p.name for p in run.iterdir()) == before


def test_write_report_keeps_the_old_report_when_the_rename_fails(tmp_path, monkeypatch):
    run = make_run(tmp_path, "binary")
    (run / "report.html").write_text("old report", encoding="utf-8")
    before = sorted(p.name for p in run.iterdir())

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(report_html.os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_report(run)
    assert (run / "report.html").read_text(encoding="utf-8") == "old report"
    assert sorted(p.name for p in run.iterdir()) == before  # the temporary file was removed


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
    run = make_run(tmp_path, "binary")
    for name in ("metrics.json", "model.json", "data.json"):
        text = (run / name).read_text().replace('"benign"', '"0"').replace('"malignant"', '"1"')
        (run / name).write_text(text)
    html = build_report(run)
    assert "Sensitivity (recall of class 1)" in html and "Specificity (recall of class 0)" in html
    assert "classes: class 0, class 1 (positive class: class 1)" in html
    assert "recall of 0)" not in html and "recall of 1)" not in html


def test_small_test_set_is_flagged(tmp_path):
    run = make_run(tmp_path, "binary")
    big = build_report(run)
    assert "Small test set" not in big and " *</td>" not in big
    metrics = json.loads((run / "metrics.json").read_text())
    metrics["n"]["test"] = 12
    (run / "metrics.json").write_text(json.dumps(metrics))
    html = build_report(run)
    assert "Small test set: the test set holds 12 samples (fewer than 30)" in html
    assert "0.991 (95% CI 0.978 to 0.999) *" in html and "The test set is small" in html


def test_reliability_bins_follow_the_number_of_predictions():
    assert [report_html.reliability_bin_count(n) for n in (5, 61, 100, 149, 1000)] == [5, 6, 10, 15, 15]


def test_explanation_timing_and_glossary(reports):
    html = reports["binary"]
    assert 'id="glossary"' in html and "Youden&#39;s J" in html and "DeepLIFT" in html
    assert "Youden" not in reports["regression"].split('id="glossary"')[1]  # regression: no classification terms

"""The model card: ``model_card.json`` and the report's "Model card" section of a tiny real run.

A 3-epoch breast-cancer run must fill the TRIPOD+AI / CLAIM items a training run knows, each
citing its item number and the run file its value is stored in; the intended use and the limitations are
the user's text when the config gives it and a plain "missing" placeholder otherwise; the card
is part of the manifest (a changed card fails verification) and the report renders the user's
text as text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mednn.config import load_config
from mednn.errors import MednnError
from mednn.reports import build_report
from mednn.reports.model_card import MISSING_INTENDED_USE, MISSING_LIMITATIONS, build_model_card

BASE = ["data.path=breast-cancer", "train.epochs=3", "evaluate.bootstrap=10", "explain.enabled=false"]
INTENDED = "Adults referred for a breast biopsy <b>second opinion</b> & <script>alert(1)</script>"
LIMITS = "Trained on one public data set from a single centre; not validated externally."


def _train(out: Path, extra: list[str]) -> Path:
    from mednn.pipeline import train

    return Path(train(load_config(None, BASE + extra), out))


@pytest.fixture(scope="module")
def plain_run(tmp_path_factory) -> Path:
    return _train(tmp_path_factory.mktemp("card") / "run", [])


@pytest.fixture(scope="module")
def written_run(tmp_path_factory) -> Path:
    return _train(tmp_path_factory.mktemp("card-written") / "run",
                  [f"report.intended_use={INTENDED}", f"report.limitations={LIMITS}", "train.optimizer=sgd",
                   "train.lr=0.01"])


def test_an_sgd_run_states_its_momentum(plain_run, written_run):
    # trial 10: `train.optimizer: sgd` added momentum 0.9 without the run saying so
    sgd = _find(_items(written_run), "CLAIM", "25", "Training procedure")["value"]
    assert sgd["optimizer"] == "sgd" and sgd["momentum"] == 0.9
    adam = _find(_items(plain_run), "CLAIM", "25", "Training procedure")["value"]
    assert adam["optimizer"] != "sgd" and "momentum" not in adam


def _items(run: Path) -> list[dict]:
    card = json.loads((run / "model_card.json").read_text(encoding="utf-8"))
    assert card["schema"] == 1 and set(card["checklists"]) == {"TRIPOD+AI", "CLAIM"}
    return card["items"]


def _find(items: list[dict], checklist: str, item: str, topic: str) -> dict:
    hits = [e for e in items if e["checklist"] == checklist and e["item"] == item and e["topic"] == topic]
    assert len(hits) == 1, (checklist, item, topic, [(e["checklist"], e["item"], e["topic"]) for e in items])
    return hits[0]


def test_card_items_cite_checklist_items_and_run_files(plain_run):
    items = _items(plain_run)
    assert all(set(e) == {"checklist", "item", "topic", "value", "source"} for e in items)
    assert all(e["checklist"] in ("TRIPOD+AI", "CLAIM") and isinstance(e["item"], str) and e["source"] for e in items)
    data = json.loads((plain_run / "data.json").read_text(encoding="utf-8"))
    manifest = json.loads((plain_run / "manifest.json").read_text(encoding="utf-8"))
    metrics = json.loads((plain_run / "metrics.json").read_text(encoding="utf-8"))
    predictor = json.loads((plain_run / "predictor.json").read_text(encoding="utf-8"))

    sources = _find(items, "TRIPOD+AI", "5a", "Data sources")
    assert sources == {**_find(items, "CLAIM", "7", "Data sources"), "checklist": "TRIPOD+AI", "item": "5a"}
    assert sources["value"]["source"] == "breast-cancer" and sources["value"]["n_samples"] == 569
    assert sources["value"]["data_fingerprint"] == manifest["data_fingerprint"]
    assert "manifest.json" in sources["source"]

    counts = _find(items, "CLAIM", "35", "Counts per split and class")["value"]
    for split in ("train", "val", "test"):
        assert counts[split] == {"n": data["splits"][split]["n"], "class_counts": data["splits"][split]["class_counts"]}
    assert sum(counts[s]["n"] for s in ("train", "val", "test")) == 569

    missing = _find(items, "TRIPOD+AI", "11", "Missing data")
    assert missing["value"]["handling"] == "impute" and missing["value"]["columns_with_missing_values"] == 0
    assert _find(items, "CLAIM", "12", "Missing data")["source"] == missing["source"]

    partitions = _find(items, "CLAIM", "19", "Data partitions")["value"]
    assert partitions["method"] == "stratified" and partitions["test_fraction"] == 0.2
    level = _find(items, "CLAIM", "20", "Level at which partitions are disjoint")["value"]["level"]
    assert level.startswith("sample level") and "data.patient_column" in level

    assert _find(items, "CLAIM", "9", "Preprocessing")["value"]["featurizer"] == "tabular"
    model = _find(items, "TRIPOD+AI", "12c", "Model")
    assert model["value"]["architecture"] == "mlp" and model["value"]["hparams"]["hidden_sizes"] == [64, 32]
    assert model["source"] == "model.json"
    chosen = _find(items, "CLAIM", "26", "How the hyperparameters were chosen")
    assert chosen["value"]["how"].startswith("set in the config") and "config.yaml" in chosen["source"]
    training = _find(items, "CLAIM", "25", "Training procedure")["value"]
    assert training["epochs"] == 3 and training["epochs_run"] == 3

    imbalance = _find(items, "TRIPOD+AI", "13", "Class imbalance")["value"]
    assert imbalance["class_weights"] == "none" and imbalance["sampler"] == "shuffle"
    output = _find(items, "TRIPOD+AI", "15", "Model output, threshold and calibration")["value"]
    assert output["threshold"]["method"] == "youden"
    assert output["threshold"]["value"] == pytest.approx(predictor["threshold"]["value"], abs=1e-4)
    assert output["calibration"]["method"] == predictor["calibration"]["method"]
    assert _find(items, "TRIPOD+AI", "15", "Model output, threshold and calibration")["source"] == "predictor.json"
    external = _find(items, "CLAIM", "32", "Internal and external testing")["value"]
    assert external["external"].startswith("none: no external data set")

    performance = _find(items, "TRIPOD+AI", "23a", "Performance with confidence intervals")
    auroc = performance["value"]["metrics"]["auroc"]
    assert auroc["value"] == pytest.approx(metrics["test"]["auroc"]["value"], abs=1e-4)
    assert auroc["ci95"] == pytest.approx(metrics["test"]["auroc"]["ci95"], abs=1e-4)
    assert performance["value"]["confidence_intervals"]["resamples"] == 10
    for item in ("28", "29", "38"):
        _find(items, "CLAIM", item, "Performance with confidence intervals")
    assert "no subgroup analysis" in _find(items, "TRIPOD+AI", "14", "Subgroups")["value"]
    baselines = _find(items, "CLAIM", "28", "Comparison with simple models")["value"]
    assert baselines["metric"] == "auroc" and "logistic regression" in baselines["baselines"]
    conformal = _find(items, "CLAIM", "29", "Conformal prediction sets / intervals")["value"]
    assert conformal["target_coverage"] == 0.9 and 0 <= conformal["test_coverage"]["value"] <= 1
    assert "explain.enabled is false" in _find(items, "CLAIM", "31", "Explainability methods")["value"]
    assert _find(items, "CLAIM", "11", "De-identification")["value"]["deid"] is False
    assert _find(items, "TRIPOD+AI", "12c", "Privacy-preserving training")["value"]["differential_privacy"] is False
    versions = _find(items, "CLAIM", "23", "Software versions")["value"]
    assert versions == {k: str(v) for k, v in manifest["versions"].items()}


def test_missing_intended_use_and_limitations_are_placeholders(plain_run):
    items = _items(plain_run)
    assert _find(items, "TRIPOD+AI", "3b", "Intended use")["value"] == MISSING_INTENDED_USE
    assert _find(items, "CLAIM", "3", "Intended use")["value"] == MISSING_INTENDED_USE
    assert _find(items, "TRIPOD+AI", "26", "Limitations")["value"] == MISSING_LIMITATIONS
    assert MISSING_INTENDED_USE.startswith("MISSING") and "report.intended_use" in MISSING_INTENDED_USE
    html = (plain_run / "report.html").read_text(encoding="utf-8")
    assert 'id="model-card"' in html and 'href="#model-card"' in html
    assert "report.intended_use in the config" in html and "<strong>Missing:</strong> Intended use, Limitations" in html


def test_user_text_is_used_and_rendered_as_text(written_run):
    items = _items(written_run)
    assert _find(items, "TRIPOD+AI", "3b", "Intended use")["value"] == INTENDED
    assert _find(items, "CLAIM", "40", "Limitations")["value"] == LIMITS
    html = (written_run / "report.html").read_text(encoding="utf-8")
    assert "MISSING: the intended use" not in html and "<strong>Missing:</strong>" not in html
    assert "<script>alert(1)</script>" not in html and "<b>second opinion</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and LIMITS in html


def _report(run: Path) -> str:
    from mednn.runs import load_run

    return build_report(load_run(run, model=False))


def test_report_section_shows_items_and_sources(plain_run):
    html = _report(plain_run)
    section = html[html.index('<section id="model-card">'):]
    section = section[:section.index("</section>")]
    for text in ("Data sources", "Missing data", "Level at which partitions are disjoint", "Class imbalance",
                 "Performance with confidence intervals", "Software versions", "data.json", "metrics.json",
                 "<td>5a</td><td>7</td>", "<td>12e, 23a</td><td>28, 29, 38</td>", "TRIPOD+AI (Collins et al."):
        assert text in section, text


def test_card_is_in_the_manifest_and_verified_on_load(plain_run, tmp_path):
    from mednn.runs import load_run, verify_manifest

    manifest = json.loads((plain_run / "manifest.json").read_text(encoding="utf-8"))
    assert "model_card.json" in manifest["files"]
    assert load_run(plain_run) is not None
    copy = tmp_path / "run"
    shutil.copytree(plain_run, copy)
    card = json.loads((copy / "model_card.json").read_text(encoding="utf-8"))
    card["items"][0]["value"] = "edited after training"
    (copy / "model_card.json").write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(MednnError, match="model_card.json"):
        verify_manifest(copy)


def test_the_card_is_built_from_the_record_alone(plain_run, tmp_path):
    """The report's card section and model_card.json come from the same record: deleting the
    file (with its manifest entry) changes neither."""
    from mednn.runs import load_run

    loaded = load_run(plain_run, model=False)
    assert build_model_card(loaded)["items"] == _items(plain_run)
    html = _report(plain_run)
    assert 'id="model-card"' in html and "Counts per split and class" in html


def test_patient_level_partitions_and_tuning_are_named(plain_run):
    from mednn.runs import GroupsRecord, load_run

    loaded = load_run(plain_run, model=False)
    record = loaded.record
    data = record.data.model_copy(update={"groups": GroupsRecord(column="patient_id", n_groups=400)})
    loaded.record = record.model_copy(update={"data": data, "tuning": {"metric": "val_auroc",
                                                                        "trials": [{}, {}, {}]}})
    items = build_model_card(loaded)["items"]
    level = _find(items, "CLAIM", "20", "Level at which partitions are disjoint")["value"]["level"]
    assert level.startswith("patient level") and "'patient_id'" in level and "400 patients" in level
    chosen = _find(items, "TRIPOD+AI", "12c", "How the hyperparameters were chosen")
    assert chosen["value"]["how"].startswith("tuned with Optuna") and chosen["value"]["trials"] == 3
    assert chosen["source"].startswith("tuning.json")


def test_the_report_rounds_card_numbers_once_from_full_precision(plain_run):
    """Trial 6 (#10): model_card.json keeps 4 decimals (0.8635) and the report's card rounded that
    again (0.864) beside the body's 0.863. The section now rounds the full value once."""
    from mednn.reports.model_card import _rounded
    from mednn.reports.view import fmt
    from mednn.runs import load_run

    assert fmt(_rounded(0.86345, 4)) == "0.864" and fmt(0.86345) == "0.863"  # the double rounding
    assert _rounded({"delta": 1e-05, "v": [0.123456]}, 4) == {"delta": 1e-05, "v": [0.1235]}
    loaded = load_run(plain_run, model=False)
    full = json.loads((plain_run / "metrics.json").read_text(encoding="utf-8"))["test"]
    card = build_model_card(loaded, digits=None)
    performance = next(i for i in card["items"] if i["topic"] == "Performance with confidence intervals")
    metrics = performance["value"]["metrics"]
    assert metrics and all(metrics[k]["value"] == full[k]["value"] for k in metrics)  # no rounding at all
    html = _report(plain_run)
    section = html[html.index('<section id="model-card">'):]
    assert f"AUROC: {fmt(full['auroc']['value'])} ({fmt(full['auroc']['ci95'][0])}" in section


def test_the_reports_card_names_a_multilabel_runs_accuracy_per_label():
    """Trial 7: the card's "Performance with confidence intervals" row said plain "Accuracy" for a
    multilabel run whose metric table says per-label (Hamming) accuracy."""
    from mednn.reports.sections.model_card import _card_text

    value = {"metrics": {"accuracy": {"value": 0.721, "ci95": [0.70, 0.74]}}}
    assert "Per-label (Hamming) accuracy: 0.721" in _card_text(value, kind="multilabel")
    assert _card_text(value).startswith("metrics: (Accuracy: 0.721")

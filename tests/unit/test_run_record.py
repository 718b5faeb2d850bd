"""The run schema's contract: a record written and loaded back is the record that was written;
every field is described and docs/run-directory.md is the schema's own text; each value is
stored once; values out of range are refused on load, naming the file and the field; runs of
the earlier layout are still read."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from mednn.config import load_config
from mednn.errors import MednnError, ModelError

ROOT = Path(__file__).resolve().parents[2]
BASE = ["data.path=breast-cancer", "train.epochs=2", "train.threads=1", "train.progress=false",
        "evaluate.bootstrap=10", "explain.enabled=false", "report.enabled=false", "model.hidden_sizes=[4]"]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """A real training run and the record the pipeline handed to the writer."""
    import mednn.runs as runs
    from mednn.pipeline import train

    captured = {}
    original = runs.write_run

    def spy(out, record, artifacts, **kwargs):
        captured["record"] = record
        return original(out, record, artifacts, **kwargs)

    runs.write_run = spy
    try:
        path = train(load_config(None, BASE), tmp_path_factory.mktemp("record") / "run")
    finally:
        runs.write_run = original
    return path, captured["record"]


@pytest.fixture
def copy(written, tmp_path):
    path, _ = written
    shutil.copytree(path, tmp_path / "run")
    return tmp_path / "run"


def test_a_written_record_loads_back_equal(written):
    from mednn.runs import load_run

    path, record = written
    loaded = load_run(path)
    assert loaded.record == record
    # and the model hook still rebuilds the network and featurizer
    assert loaded.model is not None and loaded.featurizer is not None


def test_a_loaded_record_written_again_is_the_same_run(written, tmp_path):
    from safetensors.torch import load_file

    from mednn.runs import RunArtifacts, load_run, write_run

    path, record = written
    run = load_run(path)
    artifacts = RunArtifacts(weights=load_file(str(path / "model.safetensors")),
                             featurizer_state=json.loads((path / "featurizer.json").read_text())["state"])
    again = load_run(write_run(tmp_path / "again", run.record, artifacts), model=False)
    assert again.record == record
    for name in ("config.yaml", "predictor.json", "model.json", "data.json", "metrics.json"):
        assert (tmp_path / "again" / name).read_bytes() == (path / name).read_bytes(), name


def test_the_task_threshold_and_calibration_are_stored_once(written):
    path, record = written
    files = {name: json.loads((path / name).read_text()) for name in ("model.json", "metrics.json", "data.json",
                                                                       "predictor.json", "model_card.json")}
    for name, content in files.items():
        if name in ("predictor.json", "model_card.json"):  # the card is a derived, human-facing copy
            continue
        for key in ("task", "class_names", "positive_class", "threshold", "calibration", "temperature"):
            assert key not in content, (name, key)
    assert files["predictor.json"]["task"]["class_names"] == list(record.task.class_names)
    assert files["predictor.json"]["threshold"]["value"] == record.threshold.value


def test_every_field_is_described_and_the_document_is_the_schemas_own_text():
    from mednn.findings import Finding
    from mednn.runs.schema import RunRecord
    from mednn.runs.schema_doc import BEGIN, END, FINDING_FIELDS, field_rows, schema_markdown

    rows = field_rows(RunRecord)
    undocumented = [field for field, _, text in rows if not text.strip()]
    assert not undocumented, f"fields without a description: {undocumented}"
    assert set(FINDING_FIELDS) == set(Finding.__dataclass_fields__)
    doc = (ROOT / "docs" / "run-directory.md").read_text(encoding="utf-8")
    block = doc.split(BEGIN, 1)[1].split(END, 1)[0].lstrip("\n")
    assert block == schema_markdown(), ("docs/run-directory.md is out of date: run "
                                        "python -m mednn.runs.schema_doc docs/run-directory.md")


def test_the_document_names_only_files_the_schema_knows(written):
    from mednn.runs.schema import ARTIFACT_FILES, FILE_OF

    known = set(FILE_OF.values()) | set(ARTIFACT_FILES)
    doc = (ROOT / "docs" / "run-directory.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([A-Za-z_<>./-]+\.(?:json|yaml|csv|safetensors|html))`", doc))
    assert named - known <= {"mednn-signing.key", "checkpoint.json", "checkpoint.safetensors"}, named - known
    path, _ = written
    present = {p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file()}
    assert present <= known, present - known  # every file a run holds is documented


def _edit(run: Path, name: str, change) -> None:
    from mednn.runs import refresh_manifest_entry

    data = json.loads((run / name).read_text())
    change(data)
    (run / name).write_text(json.dumps(data))
    refresh_manifest_entry(run, name)  # an unsigned run whose editor also rewrote the manifest


@pytest.mark.parametrize("name, change, field", [
    ("predictor.json", lambda d: d["threshold"].update(value=float("nan")), "threshold.value"),
    ("predictor.json", lambda d: d["threshold"].update(value=1.5), "threshold.value"),
    ("predictor.json", lambda d: d["calibration"].update(method="temperature", temperature=0.0),
     "calibration"),
    ("predictor.json", lambda d: d["calibration"].update(method="none", temperature=7.0), "calibration"),
    ("predictor.json", lambda d: d["conformal"].update(quantile=-1.0), "conformal"),
    ("predictor.json", lambda d: d["conformal"].update(quantile=float("inf")), "conformal"),
    ("predictor.json", lambda d: d.update(target_scaler={"mean": [0.0], "std": [0.0]}), "target_scaler"),
    ("predictor.json", lambda d: d["task"].update(positive_class="benign"), "task"),
    ("metrics.json", lambda d: d["bootstrap"].update(confidence=1.5), "bootstrap.confidence"),
])
def test_values_out_of_range_are_refused_on_load_naming_file_and_field(copy, name, change, field):
    from mednn.runs import load_run

    _edit(copy, name, change)
    with pytest.raises(ModelError) as error:
        load_run(copy, model=False)
    message = str(error.value)
    assert name in message and f"'{field}" in message and "\n" not in message


def test_non_finite_weights_and_featurizer_state_are_refused(copy):
    from safetensors.torch import load_file, save_file

    from mednn.runs import load_run, refresh_manifest_entry

    weights = load_file(str(copy / "model.safetensors"))
    first = sorted(weights)[0]
    weights[first][0] = float("nan")
    save_file(weights, str(copy / "model.safetensors"))
    refresh_manifest_entry(copy, "model.safetensors")
    load_run(copy, model=False)  # the record itself is fine
    with pytest.raises(ModelError, match=f"model.safetensors: tensor '{re.escape(first)}'"):
        load_run(copy)


def test_a_non_finite_featurizer_scale_is_refused(copy):
    from mednn.runs import load_run

    def poison(d):
        d["state"]["std"][0] = float("inf")

    text = (copy / "featurizer.json").read_text()
    assert '"std"' in text
    _edit(copy, "featurizer.json", poison)
    with pytest.raises(ModelError, match=r"featurizer.json: 'state.std\[0\]' is not a finite number"):
        load_run(copy)


def test_a_run_of_the_earlier_layout_is_read(copy, written):
    """Task in model.json / data.json / metrics.json, threshold and calibration in metrics.json,
    no predictor.json, string findings: read into the same record."""
    from mednn.runs import build_manifest, load_run

    _, record = written
    predictor = json.loads((copy / "predictor.json").read_text())
    (copy / "predictor.json").unlink()
    model = json.loads((copy / "model.json").read_text())
    model.update(task={"kind": "binary", "class_names": list(record.task.class_names)}, modality="tabular",
                 featurizer="tabular", mednn_version="0.1.0", target_scaler=None)
    (copy / "model.json").write_text(json.dumps(model))
    metrics = json.loads((copy / "metrics.json").read_text())
    metrics.update(task="binary", class_names=list(record.task.class_names), positive_class="malignant",
                   threshold=predictor["threshold"], calibration=predictor["calibration"],
                   n={s: p.n for s, p in record.data.splits.items()})
    (copy / "metrics.json").write_text(json.dumps(metrics))
    data = json.loads((copy / "data.json").read_text())
    data["findings"] = ["classes are imbalanced: 'malignant' is 37% of the training split; consider ..."]
    data["task"] = model["task"]
    (copy / "data.json").write_text(json.dumps(data))
    manifest = json.loads((copy / "manifest.json").read_text())
    (copy / "manifest.json").write_text(json.dumps(build_manifest(copy, extra={
        k: v for k, v in manifest.items() if k not in ("files",)})))
    loaded = load_run(copy)
    assert loaded.record.task == record.task and loaded.record.threshold == record.threshold
    assert loaded.record.calibration == record.calibration
    assert [f.id for f in loaded.record.findings] == ["class_imbalance"]


def test_an_empty_public_key_variable_is_an_error_not_checks_off(copy, monkeypatch):
    from mednn.runs import load_run

    monkeypatch.setenv("MEDNN_PUBLIC_KEY", "")
    with pytest.raises(MednnError, match="MEDNN_PUBLIC_KEY is set but empty"):
        load_run(copy, model=False)

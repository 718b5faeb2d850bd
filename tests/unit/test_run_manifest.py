"""verify_manifest / refresh_manifest_entry / check_model_info on small hand-made run folders."""

import json
import os

import pytest

from mednn.errors import ModelError
from mednn.runs import (MANIFEST, build_manifest, check_model_info, dumps, refresh_manifest_entry,
                        verify_manifest)


@pytest.fixture
def run(tmp_path):
    path = tmp_path / "run"
    (path / "sub").mkdir(parents=True)
    (path / "model.json").write_text('{"name": "mlp"}')
    (path / "sub" / "extra.json").write_text("{}")
    (path / "report.html").write_text("<html></html>")
    (path / MANIFEST).write_text(dumps(build_manifest(path)))
    return path


def _manifest(run, change):
    data = json.loads((run / MANIFEST).read_text())
    change(data)
    (run / MANIFEST).write_text(json.dumps(data))


def test_an_intact_run_verifies_and_returns_its_manifest(run):
    assert set(verify_manifest(run)["files"]) == {"model.json", "sub/extra.json", "report.html"}
    assert verify_manifest(run, include_regenerable=True)


@pytest.mark.parametrize("name", ["../outside.json", "/etc/passwd", "sub/../model.json", "a\\b", "", "signature.json"])
def test_manifest_entries_must_name_files_inside_the_run(run, name):
    _manifest(run, lambda d: d["files"].update({name: "0" * 64}))
    with pytest.raises(ModelError, match="not a file of the run"):
        verify_manifest(run)


@pytest.mark.parametrize("text", ["not json", "[]", '{"files": []}', '{"files": {"model.json": "abc"}}'])
def test_a_broken_manifest_is_a_model_error(run, text):
    (run / MANIFEST).write_text(text)
    with pytest.raises(ModelError, match=str(run / MANIFEST).replace("\\", "\\\\")):
        verify_manifest(run)


def test_an_edit_in_a_subfolder_and_a_missing_file_are_named(run):
    (run / "sub" / "extra.json").write_text('{"x": 1}')
    with pytest.raises(ModelError, match=r"sub/extra\.json changed"):
        verify_manifest(run)
    (run / "sub" / "extra.json").unlink()
    with pytest.raises(ModelError, match=r"missing sub/extra\.json"):
        verify_manifest(run)


def test_a_fifo_in_a_run_is_refused(run):
    os.mkfifo(run / "pipe")
    with pytest.raises(ModelError, match="pipe, which is not a regular file"):
        verify_manifest(run)


def test_refresh_records_only_a_file_of_an_otherwise_intact_run(run):
    (run / "report.html").write_text("<html>new</html>")
    refresh_manifest_entry(run, "report.html")
    verify_manifest(run, include_regenerable=True)
    (run / "model.json").write_text('{"name": "evil"}')
    (run / "report.html").write_text("<html>newer</html>")
    before = (run / MANIFEST).read_text()
    with pytest.raises(ModelError, match="model.json"):
        refresh_manifest_entry(run, "report.html")
    assert (run / MANIFEST).read_text() == before
    with pytest.raises(ModelError, match="cannot be recorded"):
        refresh_manifest_entry(run, "../model.json")


GOOD = {"name": "mlp", "hparams": {"hidden_sizes": [64, 32], "dropout": 0.1, "activation": "relu"},
        "task": {"kind": "binary", "class_names": ["a", "b"]}, "input_shape": [30]}


@pytest.mark.parametrize("change, key", [
    ({"input_shape": [2**31]}, "'input_shape'"),
    ({"input_shape": [1, 2, 3, 4, 5]}, "'input_shape'"),
    ({"input_shape": [-1]}, "'input_shape'"),
    ({"input_shape": "30"}, "'input_shape'"),
    ({"input_shape": [4096, 4096, 4096]}, "'input_shape'"),
    ({"hparams": {"hidden_sizes": [2e9]}}, "'hparams.hidden_sizes'"),
    ({"hparams": {"hidden_sizes": [8] * 1000}}, "'hparams.hidden_sizes'"),
    ({"hparams": {"channels": [16, 10**7]}}, "'hparams.channels'"),
    ({"hparams": {"embedding_dim": float("inf")}}, "'hparams.embedding_dim'"),
    ({"hparams": []}, "not a mednn model description"),
])
def test_model_json_sizes_are_bounded_naming_the_key(change, key):
    check_model_info(GOOD, "model.json")
    with pytest.raises(ModelError, match=key):
        check_model_info({**GOOD, **change}, "model.json")

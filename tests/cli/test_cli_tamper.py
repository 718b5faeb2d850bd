"""A run is tamper-evident: every file a loaded run uses is checked against its manifest,
links and unlisted files are refused, model.json cannot ask for absurd sizes, `mednn report`
never re-hashes an edited run, and a signed run verifies only with its own key."""

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from mednn.config import load_config

BASE = ["data.path=breast-cancer", "explain.enabled=false", "train.epochs=2", "train.threads=1",
        "train.progress=false", "evaluate.bootstrap=0", "model.hidden_sizes=[4]"]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """One tiny breast-cancer run (with its report) and a CSV of new patients to predict."""
    from sklearn.datasets import load_breast_cancer

    from mednn.pipeline import train

    root = tmp_path_factory.mktemp("tamper")
    run = train(load_config(None, BASE), root / "run")
    frame = load_breast_cancer(as_frame=True).frame.drop(columns=["target"]).head(10)
    frame.to_csv(root / "new.csv", index=False)
    return run, root / "new.csv"


@pytest.fixture
def run_copy(trained, tmp_path):
    run, new = trained
    copy = tmp_path / "run"
    shutil.copytree(run, copy)
    return copy, new


def _edit_json(path: Path, change) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data, indent=2))


def test_an_intact_run_predicts(cli, run_copy, tmp_path):
    run, new = run_copy
    code, out, err = cli("predict", run, new, "--out", tmp_path / "p.csv")
    assert code == 0, err
    code, out, err = cli("verify", run)
    assert code == 0 and "match manifest.json" in out and "not signed" in out


def _reverse_classes(d):  # predictor.json: the one copy of the task
    d["task"]["class_names"] = d["task"]["class_names"][::-1]
    d["task"]["positive_class"] = d["task"]["class_names"][1]


def _threshold(d):
    d["threshold"]["value"] = 0.999


EDITS = {
    "predictor.json": lambda p: _edit_json(p, _reverse_classes),
    "model.json": lambda p: _edit_json(p, lambda d: d.update(n_parameters=d["n_parameters"] + 1)),
    "metrics.json": lambda p: _edit_json(p, lambda d: d["test"]["auroc"].update(value=0.999)),
    "featurizer.json": lambda p: p.write_text(p.read_text().replace("0.", "1.", 1)),
    "config.yaml": lambda p: p.write_text(p.read_text() + "\n# edited\n"),
    "data.json": lambda p: _edit_json(p, lambda d: d.update(n=1)),
    "history.csv": lambda p: p.write_text(p.read_text() + "99,0,0,0,0,0\n"),
    "predictions.csv": lambda p: p.write_text(p.read_text()[:-20]),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_predict_refuses_an_edited_run_file_naming_it(cli, run_copy, tmp_path, name):
    run, new = run_copy
    EDITS[name](run / name)
    code, out, err = cli("predict", run, new, "--out", tmp_path / "p.csv")
    assert code == 2
    assert name in err and "sha256" in err and "Traceback" not in err
    assert not (tmp_path / "p.csv").exists()


def test_evaluate_and_report_refuse_an_edited_run_and_the_manifest_is_not_rehashed(cli, run_copy):
    run, new = run_copy
    before = (run / "manifest.json").read_bytes()
    EDITS["model.json"](run / "model.json")
    code, _, err = cli("report", run)
    assert code == 2 and "model.json" in err
    assert (run / "manifest.json").read_bytes() == before
    from mednn.errors import ModelError
    from mednn.runs import REGENERABLE, refresh_manifest_entry

    with pytest.raises(ModelError, match="model.json"):
        refresh_manifest_entry(run, REGENERABLE)
    assert (run / "manifest.json").read_bytes() == before


def test_report_html_stays_regenerable_but_verify_checks_it(cli, run_copy, tmp_path):
    run, new = run_copy
    (run / "report.html").write_text("<html>edited</html>")
    code, _, err = cli("predict", run, new, "--out", tmp_path / "p.csv")
    assert code == 0, err
    code, _, err = cli("verify", run)
    assert code == 2 and "report.html" in err
    code, out, err = cli("report", run)  # rebuilt from the verified files, manifest refreshed
    assert code == 0, err
    code, out, err = cli("verify", run)
    assert code == 0, err
    assert "<html>edited</html>" not in (run / "report.html").read_text()


def test_a_file_the_manifest_does_not_list_is_refused(cli, run_copy, tmp_path):
    run, new = run_copy
    (run / "skipped.csv").write_text("row,reason\n1,planted\n")  # the report would show it
    code, _, err = cli("predict", run, new, "--out", tmp_path / "p.csv")
    assert code == 2 and "skipped.csv" in err and "not listed" in err
    code, _, err = cli("report", run)
    assert code == 2 and "skipped.csv" in err


def test_a_symlink_in_a_run_is_refused_even_with_identical_content(cli, run_copy, tmp_path):
    run, new = run_copy
    outside = tmp_path / "elsewhere.json"
    shutil.copy(run / "model.json", outside)  # same bytes: its sha256 matches the manifest
    (run / "model.json").unlink()
    os.symlink(outside, run / "model.json")
    code, _, err = cli("predict", run, new, "--out", tmp_path / "p.csv")
    assert code == 2 and "model.json" in err and "symbolic link" in err


def test_a_symlinked_folder_in_a_run_is_refused(cli, run_copy, tmp_path):
    run, new = run_copy
    (tmp_path / "outside").mkdir()
    os.symlink(tmp_path / "outside", run / "extra", target_is_directory=True)
    code, _, err = cli("predict", run, new, "--out", tmp_path / "p.csv")
    assert code == 2 and "extra" in err and "symbolic link" in err


def test_weights_that_do_not_fit_model_json_are_an_error_not_a_traceback(run_copy):
    from mednn.errors import ModelError
    from mednn.runs import load_run, refresh_manifest_entry

    run, _ = run_copy
    _edit_json(run / "model.json", lambda d: d["hparams"].update(hidden_sizes=[6]))
    refresh_manifest_entry(run, "model.json")  # an editor who also rewrites the manifest
    with pytest.raises(ModelError, match="model.safetensors does not fit"):
        load_run(run)


@pytest.mark.parametrize("key, value, named", [
    ("hidden_sizes", [10**9], "hparams.hidden_sizes"),
    ("hidden_sizes", [60000, 60000, 60000], "describe a network of"),
    ("input_shape", [10**9], "input_shape"),
    ("input_shape", [4096, 4096, 4096], "input_shape"),
])
def test_model_json_cannot_ask_for_huge_sizes(run_copy, key, value, named):
    """Refused before anything is allocated (the old loader asked for 4 to 160 GB here)."""
    import resource

    from mednn.errors import ModelError
    from mednn.runs import load_run, refresh_manifest_entry

    run, _ = run_copy
    if key == "input_shape":
        _edit_json(run / "model.json", lambda d: d.update(input_shape=value))
    else:
        _edit_json(run / "model.json", lambda d: d["hparams"].update({key: value}))
    refresh_manifest_entry(run, "model.json")
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    # a guard for this test machine: should the check ever regress, fail fast instead of swapping
    resource.setrlimit(resource.RLIMIT_AS, (min(8 << 30, hard) if hard != resource.RLIM_INFINITY else 8 << 30, hard))
    try:
        with pytest.raises(ModelError, match=named.replace(".", r"\.")):
            load_run(run)
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


# --- signing -----------------------------------------------------------------------------------

def test_keygen_sign_verify_and_load_with_a_public_key(cli, run_copy, tmp_path, monkeypatch):
    pytest.importorskip("cryptography")
    from mednn.errors import ModelError
    from mednn.runs import load_run

    run, new = run_copy
    code, out, err = cli("keygen", "--out", tmp_path / "keys")
    assert code == 0, err
    private, public = tmp_path / "keys" / "mednn-signing.key", tmp_path / "keys" / "mednn-signing.pub"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert cli("keygen", "--out", tmp_path / "keys")[0] == 2  # never overwrites a key
    code, out, err = cli("sign", run, "--key", private)
    assert code == 0, err
    signature = json.loads((run / "signature.json").read_text())
    assert signature["algorithm"] == "ed25519" and signature["public_key_fingerprint"].startswith("sha256:")
    assert "signature.json" not in json.loads((run / "manifest.json").read_text())["files"]
    code, out, err = cli("verify", run, "--public-key", public)
    assert code == 0 and "signature valid" in out, err
    assert load_run(run, public_key=public).task.kind == "binary"

    # another key's public half does not verify it
    cli("keygen", "--out", tmp_path / "other")
    code, _, err = cli("verify", run, "--public-key", tmp_path / "other" / "mednn-signing.pub")
    assert code == 2 and "another key" in err
    with pytest.raises(ModelError, match="another key"):
        load_run(run, public_key=tmp_path / "other" / "mednn-signing.pub")
    # the environment variable makes every load (predict, evaluate, serve) check the signature
    monkeypatch.setenv("MEDNN_PUBLIC_KEY", str(tmp_path / "other" / "mednn-signing.pub"))
    code, _, err = cli("predict", run, new, "--out", tmp_path / "p.csv")
    assert code == 2 and "another key" in err
    monkeypatch.delenv("MEDNN_PUBLIC_KEY")


def test_a_rehashed_edit_breaks_the_signature(cli, run_copy, tmp_path):
    pytest.importorskip("cryptography")
    from mednn.errors import ModelError
    from mednn.runs import load_run, refresh_manifest_entry

    run, _ = run_copy
    cli("keygen", "--out", tmp_path / "keys")
    assert cli("sign", run, "--key", tmp_path / "keys" / "mednn-signing.key")[0] == 0
    _edit_json(run / "predictor.json", _reverse_classes)
    refresh_manifest_entry(run, "predictor.json")  # files and manifest agree again ...
    load_run(run)  # ... so only the signature can tell
    with pytest.raises(ModelError, match="does not match the run's manifest"):
        load_run(run, public_key=tmp_path / "keys" / "mednn-signing.pub")
    code, _, err = cli("verify", run, "--public-key", tmp_path / "keys" / "mednn-signing.pub")
    assert code == 2 and "signature" in err


def test_an_unsigned_run_fails_a_signature_check_and_sign_refuses_an_edited_run(cli, run_copy, tmp_path):
    pytest.importorskip("cryptography")
    run, _ = run_copy
    cli("keygen", "--out", tmp_path / "keys")
    code, _, err = cli("verify", run, "--public-key", tmp_path / "keys" / "mednn-signing.pub")
    assert code == 2 and "not signed" in err
    EDITS["metrics.json"](run / "metrics.json")
    code, _, err = cli("sign", run, "--key", tmp_path / "keys" / "mednn-signing.key")
    assert code == 2 and "metrics.json" in err and not (run / "signature.json").exists()


def test_a_private_key_readable_by_others_is_refused(cli, run_copy, tmp_path):
    pytest.importorskip("cryptography")
    run, _ = run_copy
    cli("keygen", "--out", tmp_path / "keys")
    key = tmp_path / "keys" / "mednn-signing.key"
    key.chmod(0o644)
    code, _, err = cli("sign", run, "--key", key)
    assert code == 2 and "chmod 600" in err

"""issue 19: the ids of DICOM images (``dicom-<16 hex>``) were keyed, without MEDNN_DEID_SECRET, by
the public default "mednn-image-ids": anyone holding a predictions file could hash a guessed path
(``SMITH_JOHN/1.dcm``) and find it. Now such a run names its images under a random key of its own,
kept in the run folder (``image_ids.key``, never in predictions or the report): the same ids in the
run and its predict / evaluate, other ids in another run."""

import csv
import hashlib
import hmac
import json

import numpy as np
import pytest

from .conftest import FAST

pydicom = pytest.importorskip("pydicom")

from tests.dicom_files import write_dicom  # noqa: E402

TRAIN = ["--set", "data.format=image_folder", "--set", "data.size=16", "--set", "model.name=small_cnn",
         "--set", "model.channels=[4]", *FAST[:2], "--set", "train.epochs=2", *FAST[4:], "--set", "report.enabled=false"]
SECRET = "project key of 16+ chars"


def _classes(root, n=8):
    rng = np.random.default_rng(0)
    for c, label in enumerate(("normal", "pneumonia")):
        for i in range(n):
            image = rng.integers(0, 40, (16, 16)).astype(np.uint8)
            image[:, (0 if c == 0 else 8):(8 if c == 0 else 16)] += 150
            uid = f"1.2.826.0.1.3680043.2.1125.11.{c}.{i}"
            write_dicom(root / label / f"SMITH_JOHN_{i}.dcm", image, study=uid, series=uid + ".1",
                        instance=uid + ".1.1", patient_id=f"MRN{c}{i:04d}")


def _ids(path):
    return [row["id"] for row in csv.DictReader(open(path))]


def _keyed(key: bytes, relative: str) -> str:
    return "dicom-" + hmac.new(key, relative.encode(), hashlib.sha256).hexdigest()[:16]


def _guesses(root):
    return {p.relative_to(root).as_posix() for p in root.rglob("*.dcm")}


def test_without_a_secret_a_run_keys_its_image_ids_by_its_own_random_key(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("MEDNN_DEID_SECRET", raising=False)
    _classes(tmp_path / "raw")
    code, _, err = cli("train", "--data", tmp_path / "raw", *TRAIN, "--out", tmp_path / "run")
    assert code == 0, err
    run_ids = _ids(tmp_path / "run" / "predictions.csv")
    assert run_ids and all(i.startswith("dicom-") for i in run_ids)
    # a guessed path hashed under the old public key finds nothing
    public = hashlib.sha256(b"mednn-image-ids").digest()
    assert not {_keyed(public, g) for g in _guesses(tmp_path / "raw")} & set(run_ids)
    # the run keeps its key, listed in its manifest, and no other file of the run holds it
    key = (tmp_path / "run" / "image_ids.key").read_text().strip()
    assert len(bytes.fromhex(key)) == 32
    assert "image_ids.key" in json.loads((tmp_path / "run" / "manifest.json").read_text())["files"]
    for path in (tmp_path / "run").rglob("*"):
        if path.is_file() and path.name != "image_ids.key" and path.suffix != ".safetensors":
            assert key not in path.read_text(errors="replace"), path.name
    # with the run's key, the ids are the keyed paths: the user can map them back on their machine
    assert set(run_ids) <= {_keyed(bytes.fromhex(key), g) for g in _guesses(tmp_path / "raw")}
    # predict names the same files as the run did, in another process too (the key is read from the run)
    code, _, err = cli("predict", tmp_path / "run", tmp_path / "raw", "--out", tmp_path / "p.csv")
    assert code == 0, err
    assert set(run_ids) <= set(_ids(tmp_path / "p.csv"))
    # a second run of the same data and seed: the same metrics, other ids (unlinkable across runs)
    code, _, err = cli("train", "--data", tmp_path / "raw", *TRAIN, "--out", tmp_path / "run2")
    assert code == 0, err
    assert not set(_ids(tmp_path / "run2" / "predictions.csv")) & set(run_ids)
    metrics = [json.loads((tmp_path / r / "metrics.json").read_text())["test"] for r in ("run", "run2")]
    assert metrics[0] == metrics[1]


def test_with_the_secret_ids_are_the_secrets_and_no_key_is_written(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDNN_DEID_SECRET", SECRET)
    _classes(tmp_path / "raw")
    code, _, err = cli("train", "--data", tmp_path / "raw", *TRAIN, "--out", tmp_path / "run")
    assert code == 0, err
    assert not (tmp_path / "run" / "image_ids.key").exists()
    by_secret = {_keyed(hashlib.sha256(SECRET.encode()).digest(), g) for g in _guesses(tmp_path / "raw")}
    assert set(_ids(tmp_path / "run" / "predictions.csv")) <= by_secret


def test_a_run_made_before_its_key_still_predicts(cli, tmp_path, monkeypatch):
    """A run without image_ids.key (trained before issue 19) predicts; without the secret its new
    images are named under a key made for that command, never the public default."""
    monkeypatch.delenv("MEDNN_DEID_SECRET", raising=False)
    _classes(tmp_path / "raw")
    code, _, err = cli("train", "--data", tmp_path / "raw", *TRAIN, "--out", tmp_path / "run")
    assert code == 0, err
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    del manifest["files"]["image_ids.key"]
    (tmp_path / "run" / "manifest.json").write_text(json.dumps(manifest, indent=2))
    (tmp_path / "run" / "image_ids.key").unlink()
    code, _, err = cli("predict", tmp_path / "run", tmp_path / "raw", "--out", tmp_path / "p.csv")
    assert code == 0, err
    ids = _ids(tmp_path / "p.csv")
    public = hashlib.sha256(b"mednn-image-ids").digest()
    assert len(ids) == 16 and not {_keyed(public, g) for g in _guesses(tmp_path / "raw")} & set(ids)


def test_a_resumed_run_names_its_images_as_before_the_interruption(tmp_path, monkeypatch):
    """The random key is kept with the checkpoint: without it, a resumed run read its images under
    a new key, so its data no longer matched the checkpoint ("belongs to other data")."""
    from mednn.config import load_config
    from mednn.pipeline import train
    from tests.interrupting import Interrupted, InterruptingReporter

    monkeypatch.delenv("MEDNN_DEID_SECRET", raising=False)
    _classes(tmp_path / "raw")
    cfg = [f"data.path={tmp_path / 'raw'}", "data.format=image_folder", "data.size=16", "model.name=small_cnn",
           "model.channels=[4]", "train.epochs=4", "evaluate.bootstrap=20",
           "explain.enabled=false", "report.enabled=false"]
    with pytest.raises(Interrupted):
        train(load_config(None, cfg), tmp_path / "run", reporter=InterruptingReporter(3))
    saved = json.loads((tmp_path / ".run.checkpoint" / "checkpoint.json").read_text())
    run = train(load_config(None, cfg), tmp_path / "run", resume=True)
    assert (run / "image_ids.key").read_text().strip() == saved["image_id_key"]

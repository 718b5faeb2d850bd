"""The CLI never destroys what it did not write, never writes where it should not, and fails in one line."""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path

import pytest

TINY = ["--data", "breast-cancer", "--epochs", "2", "--quiet", "--set", "evaluate.bootstrap=0",
        "--set", "explain.enabled=false", "--set", "report.enabled=false", "--set", "train.progress=false"]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    from mednn.cli.main import main

    out = tmp_path_factory.mktemp("runs") / "bc"
    assert main(["train", *TINY, "--out", str(out)]) == 0
    return out


@pytest.fixture
def no_training(monkeypatch):
    """Fail loudly if a command starts reading data (the output path must be refused first)."""
    import mednn.pipeline.preparation

    def refuse(*args, **kwargs):
        raise AssertionError("training started before the output path was checked")

    monkeypatch.setattr(mednn.pipeline.preparation, "read_and_split", refuse)  # what prepare() calls


def _one_line(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("mednn: error:") and "Traceback" not in err, err


def test_demo_out_never_deletes_a_folder_that_is_not_a_run(cli, tmp_path, no_training):
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.tex").write_text("years of work")
    code, _, err = cli("demo", "--out", precious, "--quiet")
    assert code == 2 and "not a mednn run" in err
    _one_line(err)
    assert (precious / "chapter1.tex").read_text() == "years of work"


def test_overwrite_replaces_only_a_run_and_is_checked_before_training(cli, tmp_path, trained, no_training):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "data.csv").write_text("a,b\n1,2\n")
    code, _, err = cli("train", *TINY, "--out", folder, "--overwrite")
    assert code == 2 and "not a mednn run" in err and (folder / "data.csv").exists()
    before = (trained / "manifest.json").read_bytes()
    code, _, err = cli("train", *TINY, "--out", trained)
    assert code == 2 and "already exists" in err and "--overwrite" in err
    _one_line(err)
    assert (trained / "manifest.json").read_bytes() == before
    assert not list(trained.parent.glob(".bc.checkpoint*"))  # refused before a checkpoint was written


def test_overwrite_does_replace_an_existing_run(cli, tmp_path):
    out = tmp_path / "bc"
    assert cli("train", *TINY, "--out", out)[0] == 0
    first = (out / "manifest.json").read_text()
    code, _, err = cli("train", *TINY, "--out", out, "--overwrite", "--set", "seed=1")
    assert code == 0, err
    assert (out / "manifest.json").read_text() != first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bc"]  # no partial, old or checkpoint left


def test_a_config_name_cannot_climb_out_of_runs(cli, tmp_path, monkeypatch, no_training):
    work = tmp_path / "project"
    work.mkdir()
    monkeypatch.chdir(work)
    config = work / "escape.yaml"
    config.write_text("name: ../../escaped\ndata:\n  path: breast-cancer\n")
    code, _, err = cli("train", config, "--quiet")
    assert code == 2 and "'name'" in err and "plain folder name" in err
    _one_line(err)
    assert not (tmp_path / "escaped").exists() and not (tmp_path.parent / "escaped").exists()
    assert not (work / "runs").exists()


def test_predict_out_never_overwrites_its_input_nor_writes_into_a_run(cli, tmp_path, trained):
    from sklearn.datasets import load_breast_cancer

    rows = tmp_path / "new.csv"
    load_breast_cancer(as_frame=True).frame.drop(columns=["target"]).head(5).to_csv(rows, index=False)
    original = rows.read_bytes()
    code, _, err = cli("predict", trained, rows, "--out", rows)
    assert code == 2 and "is the input" in err
    _one_line(err)
    assert rows.read_bytes() == original
    manifest = (trained / "manifest.json").read_bytes()
    for inside in ("predictions.csv", "extra.csv"):
        code, _, err = cli("predict", trained, rows, "--out", trained / inside)
        assert code == 2 and "inside the run directory" in err
        _one_line(err)
    code, _, err = cli("evaluate", trained, "--data", rows, "--out", trained / "metrics.json")
    assert code == 2 and "inside the run directory" in err
    assert (trained / "manifest.json").read_bytes() == manifest and not (trained / "extra.csv").exists()
    code, _, err = cli("predict", trained, rows, "--out", tmp_path / "missing" / "p.csv")
    assert code == 2 and "does not exist" in err
    _one_line(err)
    code, out, err = cli("predict", trained, rows, "--out", tmp_path / "p.csv")
    assert code == 0 and (tmp_path / "p.csv").exists(), err


def test_disk_full_during_training_is_one_line_and_leaves_no_run(cli, tmp_path, monkeypatch):
    real = Path.write_text

    def write_text(self, *args, **kwargs):
        if ".partial-" in str(self):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)
    code, _, err = cli("train", *TINY, "--out", tmp_path / "bc", "--set", "train.checkpoint_every=0")
    assert code == 2 and "No space left on device" in err
    _one_line(err)
    assert list(tmp_path.iterdir()) == []


def test_disk_full_while_predicting_is_one_line(cli, tmp_path, trained, monkeypatch):
    import csv

    from sklearn.datasets import load_breast_cancer

    rows = tmp_path / "new.csv"
    load_breast_cancer(as_frame=True).frame.drop(columns=["target"]).head(5).to_csv(rows, index=False)

    class FullDisk:
        def __init__(self, *args, **kwargs):
            pass

        def writerow(self, row):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        writerows = writerow

    monkeypatch.setattr(csv, "writer", FullDisk)
    code, _, err = cli("predict", trained, rows, "--out", tmp_path / "p.csv")
    assert code == 2 and "No space left on device" in err
    _one_line(err)
    assert not (tmp_path / "p.csv").exists()


def test_a_read_only_output_folder_is_refused_before_training(cli, tmp_path, monkeypatch, no_training):
    import tempfile

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    code, _, err = cli("train", *TINY, "--out", tmp_path / "bc")
    assert code == 2 and "Read-only file system" in err
    _one_line(err)


def test_serve_port_in_use_or_out_of_range_is_one_line(cli, trained):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        code, _, err = cli("serve", trained, "--port", port)
    assert code == 2 and "already in use" in err
    _one_line(err)
    for bad in ("70000", "0", "-5"):
        code, _, err = cli("serve", trained, "--port", bad)
        assert code == 2 and "--port" in err, (bad, err)
        assert "Traceback" not in err

"""The commands that change or read a finished run through mednn.runs: `evaluate` stores an
external evaluation inside the run, `report` rebuilds the report (never in place in a signed
run), MEDNN_PUBLIC_KEY makes every command refuse unsigned runs (an empty value is an error),
and `keygen` never replaces a file and leaves nothing behind when it cannot write."""

from __future__ import annotations

import json
import os
import shutil

import numpy as np
import pandas as pd
import pytest

FAST = ["--set", "train.epochs=5", "--set", "evaluate.bootstrap=20", "--set", "train.progress=false",
        "--set", "explain.enabled=false", "--set", "train.threads=1", "--set", "model.hidden_sizes=[4]"]


def _table(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    glucose = rng.normal(120, 30, n).round()
    bmi = rng.normal(32, 6, n).round(1)
    risk = 0.04 * (glucose - 120) + 0.1 * (bmi - 32) + rng.normal(0, 1, n)
    return pd.DataFrame({"glucose": glucose, "bmi": bmi, "outcome": np.where(risk > 0.3, "sick", "well")})


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    from mednn.cli.main import main

    root = tmp_path_factory.mktemp("runcmd")
    _table(200, 0).to_csv(root / "train.csv", index=False)
    _table(60, 1).to_csv(root / "north.csv", index=False)
    assert main(["train", "--data", str(root / "train.csv"), "--set", "data.label=outcome", "--out",
                 str(root / "run"), *FAST]) == 0
    return root


@pytest.fixture
def run(trained, tmp_path):
    shutil.copytree(trained / "run", tmp_path / "run")
    shutil.copy(trained / "north.csv", tmp_path / "north.csv")
    return tmp_path / "run"


def _listing(path):
    return sorted(p.relative_to(path).as_posix() for p in path.rglob("*"))


def test_evaluate_stores_the_evaluation_in_the_run(cli, run, tmp_path):
    code, out, err = cli("evaluate", run, "--data", tmp_path / "north.csv")
    assert code == 0, err
    stored = json.loads((run / "evaluations" / "north.json").read_text())
    assert stored["site"] == "north" and stored["n"] == 60 and stored["bootstrap"]["n_resamples"] == 20
    assert "AUROC" in out and "evaluations/north.json" in out
    assert not (tmp_path / "north.evaluation.json").exists()  # never beside the data
    assert cli("verify", run)[0] == 0  # manifest, model card and report updated with it
    card = json.loads((run / "model_card.json").read_text())
    assert any(e["topic"] == "Internal and external testing" and isinstance(e["value"]["external"], dict)
               for e in card["items"])
    assert 'id="external-validation"' in (run / "report.html").read_text()
    # the same site again is refused before any work; another name is fine
    code, _, err = cli("evaluate", run, "--data", tmp_path / "north.csv")
    assert code == 2 and "already holds an external evaluation named 'north'" in err
    assert cli("evaluate", run, "--data", tmp_path / "north.csv", "--site", "north-2025")[0] == 0
    assert (run / "evaluations" / "north-2025.json").is_file()


def test_evaluate_out_writes_a_new_file_and_leaves_the_run_alone(cli, run, tmp_path):
    before = _listing(run)
    code, _, err = cli("evaluate", run, "--data", tmp_path / "north.csv", "--out", tmp_path / "north.json")
    assert code == 0, err
    assert json.loads((tmp_path / "north.json").read_text())["site"] == "north"
    assert _listing(run) == before
    (tmp_path / "mine.json").write_text("my notes")
    code, _, err = cli("evaluate", run, "--data", tmp_path / "north.csv", "--out", tmp_path / "mine.json")
    assert code == 2 and "already exists" in err and (tmp_path / "mine.json").read_text() == "my notes"
    code, _, err = cli("evaluate", run, "--data", tmp_path / "north.csv", "--site", "../x")
    assert code == 2 and "plain name" in err


@pytest.fixture
def keys(cli, tmp_path):
    pytest.importorskip("cryptography")
    assert cli("keygen", "--out", tmp_path / "keys")[0] == 0
    return tmp_path / "keys" / "mednn-signing.key", tmp_path / "keys" / "mednn-signing.pub"


def test_a_signed_runs_report_is_never_rebuilt_in_place(cli, run, keys, tmp_path):
    private, public = keys
    assert cli("sign", run, "--key", private)[0] == 0
    before = (run / "manifest.json").read_bytes()
    code, _, err = cli("report", run)
    assert code == 2 and "is signed" in err and "--out" in err
    assert (run / "manifest.json").read_bytes() == before
    code, out, err = cli("report", run, "--out", tmp_path / "copy.html")
    assert code == 0 and (tmp_path / "copy.html").read_text().startswith("<!DOCTYPE html>")
    assert cli("verify", run, "--public-key", public)[0] == 0  # still signed and valid
    # an evaluation stored in a signed run says the run must be signed again
    code, _, err = cli("evaluate", run, "--data", tmp_path / "north.csv")
    assert code == 0 and "sign the run again" in err
    code, _, err = cli("verify", run, "--public-key", public)
    assert code == 2 and "signature" in err


def test_the_public_key_variable_makes_every_command_refuse_an_unsigned_run(cli, run, keys, tmp_path,
                                                                            monkeypatch):
    _, public = keys
    monkeypatch.setenv("MEDNN_PUBLIC_KEY", str(public))
    before = _listing(run)
    for args in (("report", run), ("evaluate", run, "--data", tmp_path / "north.csv"), ("verify", run),
                 ("predict", run, tmp_path / "north.csv", "--out", tmp_path / "p.csv")):
        code, _, err = cli(*args)
        assert code == 2 and "not signed" in err and "Traceback" not in err, args
    assert _listing(run) == before and not (tmp_path / "p.csv").exists()
    monkeypatch.setenv("MEDNN_PUBLIC_KEY", "")
    for args in (("report", run), ("verify", run), ("predict", run, tmp_path / "north.csv")):
        code, _, err = cli(*args)
        assert code == 2 and "MEDNN_PUBLIC_KEY is set but empty" in err, args


def test_keygen_never_replaces_a_file_and_leaves_nothing_when_it_cannot_write(cli, tmp_path):
    pytest.importorskip("cryptography")
    (tmp_path / "afile").write_text("not a folder")
    code, _, err = cli("keygen", "--out", tmp_path / "afile")
    assert code == 2 and "is not a folder" in err and "Traceback" not in err
    assert (tmp_path / "afile").read_text() == "not a folder"
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = cli("keygen", "--out", locked / "keys")
        assert code == 2 and "Permission denied" in err and len(err.strip().splitlines()) == 1
        assert not (locked / "keys").exists()
    finally:
        locked.chmod(0o700)


def test_keygen_removes_what_it_wrote_when_the_disk_fills(cli, tmp_path, monkeypatch):
    pytest.importorskip("cryptography")
    import errno

    import mednn.runs.signing as signing

    real = signing._write_new
    calls = []

    def full(path, data, mode):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, data, mode)

    monkeypatch.setattr(signing, "_write_new", full)
    code, _, err = cli("keygen", "--out", tmp_path / "keys")
    assert code == 2 and "No space left on device" in err
    assert not (tmp_path / "keys").exists()

"""Shared, read-only material of the hostile suite: one small finished run, its inputs, keys,
and hostile files with planted patient values. Built once per session (seconds); every case
that changes a run works on its own copy, and every case checks that the shared world is
unchanged."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from .harness import PLANTED, Reached

TINY = ["train.epochs=2", "train.threads=1", "train.progress=false", "evaluate.bootstrap=0",
        "explain.enabled=false", "evaluate.baselines=none", "train.checkpoint_every=0"]


@dataclass
class World:
    root: Path
    run: Path  # a finished run (report included)
    rows: Path  # rows to predict (no label)
    labelled: Path  # labelled rows of the run's format (evaluate)
    config: Path  # a YAML config on `table`
    table: Path  # a small patient table that trains
    notes: Path  # clinical notes (deid)
    keys: Path  # a key folder from `mednn keygen`
    api_keys: Path  # a key file from `mednn serve-keys new`
    audit: Path  # an audit log of mednn serve

    def inputs(self) -> list[Path]:
        return [self.rows, self.labelled, self.config, self.table, self.notes]


def _table(path: Path, n: int = 120, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    marker = rng.normal(0, 1, n)
    frame = pd.DataFrame({
        "age": rng.normal(60, 10, n).round(1), "marker": marker.round(4),
        "sex": rng.choice(["F", "M"], n),
        "outcome": np.where(marker + rng.normal(0, 0.5, n) > 0, "disease", "healthy"),
    })
    frame.to_csv(path, index=False)
    return path


@pytest.fixture(scope="session")
def world(tmp_path_factory) -> World:
    from sklearn.datasets import load_breast_cancer

    from mednn.config import load_config
    from mednn.pipeline import train
    from mednn.runs.signing import generate_key_pair
    from mednn.serving.audit import AuditLog
    from mednn.serving.security import add_key

    root = tmp_path_factory.mktemp("hostile-world")
    run = train(load_config(None, ["data.path=breast-cancer", *TINY]), root / "run")
    frame = load_breast_cancer(as_frame=True).frame
    rows, labelled = root / "rows.csv", root / "labelled.csv"
    frame.drop(columns=["target"]).head(20).to_csv(rows, index=False)
    frame = frame.rename(columns={"target": "diagnosis"})
    frame.assign(diagnosis=frame["diagnosis"].map({0: "malignant", 1: "benign"})).head(60).to_csv(labelled, index=False)
    table = _table(root / "patients.csv")
    config = root / "config.yaml"
    config.write_text(f"name: hostile\ndata:\n  path: {table}\n  label: outcome\n")
    notes = root / "notes.csv"
    notes.write_text(f"id,text\n1,\"{PLANTED[0]} was seen, MRN {PLANTED[1]}\"\n2,Follow-up in clinic\n")
    keys = root / "keys"
    generate_key_pair(keys)
    api_keys = root / "api_keys.json"
    add_key(api_keys, "ci")
    audit = root / "audit.log"
    AuditLog(audit).close()
    return World(root, run, rows, labelled, config, table, notes, keys, api_keys, audit)


@pytest.fixture
def case(tmp_path, monkeypatch, world):
    """A fresh working folder (the current directory) for one case; serving and federated
    processes are replaced by a tripwire, so a hostile value that is accepted fails the case
    instead of starting a server."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("MEDNN_DEID_SECRET", "hostile-suite-secret")
    monkeypatch.delenv("MEDNN_PUBLIC_KEY", raising=False)

    def tripwire(what):
        def reached(*args, **kwargs):
            raise Reached(what)
        return reached

    import mednn.serving

    monkeypatch.setattr(mednn.serving, "serve", tripwire("the server started"))
    from mednn.federation.engines import deployment

    monkeypatch.setattr(deployment, "run_process", tripwire("a Flower process started"))
    monkeypatch.setattr(deployment, "await_port", tripwire("a federated run waited for its SuperLink"))
    monkeypatch.setattr(deployment, "_follow", tripwire("a federated run was submitted"))
    return work


def foreign_file(folder: Path, name: str = "precious.csv") -> Path:
    """A file of the user's that mednn did not make (with a planted value to prove it is never read out)."""
    path = folder / name
    path.write_text(f"patient,weight\n{PLANTED[0]},70\n")
    return path


def foreign_folder(folder: Path, name: str = "thesis") -> Path:
    path = folder / name
    path.mkdir()
    (path / "chapter1.tex").write_text("years of work\n")
    return path


def fresh_copy(path: Path, into: Path) -> Path:
    target = into / path.name
    if path.is_dir():
        shutil.copytree(path, target, symlinks=True)
    else:
        shutil.copy2(path, target)
    return target

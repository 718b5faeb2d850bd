"""An interrupted run resumed from its checkpoint ends exactly as an uninterrupted one."""

from __future__ import annotations

import json

import pytest
import torch

from mednn.config import load_config
from mednn.errors import ConfigError

BASE = ["data.path=breast-cancer", "model.hidden_sizes=[16]", "model.dropout=0.2", "train.epochs=6",
        "train.ema=0.9", "train.schedule=cosine", "train.ensemble=2", "train.early_stopping.patience=6",
        "train.threads=1", "evaluate.bootstrap=20", "explain.enabled=false", "report.enabled=false"]


class Interrupted(Exception):
    pass


class _Interrupting:
    """A reporter whose progress bar raises on its ``epoch_call``-th epoch (counting across members)."""

    def __init__(self, epoch_call: int):
        self.epoch_call, self.calls = epoch_call, 0

    def log(self, text):
        pass

    def progress(self, total):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, row):
        self.calls += 1
        if self.calls == self.epoch_call:
            raise Interrupted


def _weights(run):
    from safetensors.torch import load_file

    return load_file(str(run / "model.safetensors"))


def test_resume_continues_exactly_and_cleans_up(tmp_path, monkeypatch):
    from mednn.pipeline import train

    straight = train(load_config(None, BASE), tmp_path / "straight")
    out = tmp_path / "interrupted"
    reporter = _Interrupting(9)  # member 2, epoch 3: member 1 finished, member 2 checkpointed at epoch 2
    with pytest.raises(Interrupted):
        train(load_config(None, BASE), out, reporter=reporter)
    checkpoint = tmp_path / ".interrupted.checkpoint"
    assert (checkpoint / "checkpoint.json").is_file() and not out.exists()
    meta = json.loads((checkpoint / "checkpoint.json").read_text())
    assert meta["member"] == 1 and meta["fit"]["epoch"] == 2

    resumed = train(load_config(None, BASE), out, resume=True)
    a, b = _weights(straight), _weights(resumed)
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
    assert (straight / "predictions.csv").read_text() == (resumed / "predictions.csv").read_text()
    hist_a = [line.split(",")[:5] for line in (straight / "history.csv").read_text().splitlines()]
    hist_b = [line.split(",")[:5] for line in (resumed / "history.csv").read_text().splitlines()]
    assert hist_a == hist_b  # member, epoch, losses and metric per epoch (the seconds differ)
    assert not checkpoint.exists()


def test_resume_refuses_another_config_or_a_missing_checkpoint(tmp_path, monkeypatch):
    from mednn.pipeline import train

    with pytest.raises(ConfigError, match="No checkpoint to resume"):
        train(load_config(None, BASE), tmp_path / "none", resume=True)
    with pytest.raises(Interrupted):
        train(load_config(None, BASE), tmp_path / "run", reporter=_Interrupting(4))
    with pytest.raises(ConfigError, match="belongs to another config or other data"):
        train(load_config(None, [*BASE, "train.lr=0.02"]), tmp_path / "run", resume=True)
    with pytest.raises(ConfigError, match="needs checkpoints"):
        train(load_config(None, [*BASE, "train.checkpoint_every=0"]), tmp_path / "run", resume=True)
    # a fresh run without --resume replaces the stale checkpoint and removes it when done
    train(load_config(None, BASE), tmp_path / "run")
    assert not (tmp_path / ".run.checkpoint").exists()

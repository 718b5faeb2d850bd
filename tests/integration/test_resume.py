"""An interrupted run resumed from its checkpoint ends exactly as an uninterrupted one."""

from __future__ import annotations

import json

import pytest
import torch

from mednn.config import load_config
from mednn.errors import ConfigError
from tests.interrupting import Interrupted, InterruptingReporter

BASE = ["data.path=breast-cancer", "model.hidden_sizes=[16]", "model.dropout=0.2", "train.epochs=6",
        "train.ema=0.9", "train.schedule=cosine", "train.ensemble=2", "train.early_stopping.patience=6",
        "train.threads=1", "evaluate.bootstrap=20", "explain.enabled=false", "report.enabled=false"]


def _weights(run):
    from safetensors.torch import load_file

    return load_file(str(run / "model.safetensors"))


def test_resume_continues_exactly_and_cleans_up(tmp_path, monkeypatch):
    from mednn.pipeline import train

    straight = train(load_config(None, BASE), tmp_path / "straight")
    out = tmp_path / "interrupted"
    reporter = InterruptingReporter(9)  # member 2, epoch 3: member 1 finished, member 2 checkpointed at epoch 2
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
        train(load_config(None, BASE), tmp_path / "run", reporter=InterruptingReporter(4))
    with pytest.raises(ConfigError, match="belongs to another config or other data"):
        train(load_config(None, [*BASE, "train.lr=0.02"]), tmp_path / "run", resume=True)
    with pytest.raises(ConfigError, match="needs checkpoints"):
        train(load_config(None, [*BASE, "train.checkpoint_every=0"]), tmp_path / "run", resume=True)
    # a fresh run without --resume replaces the stale checkpoint and removes it when done
    train(load_config(None, BASE), tmp_path / "run")
    assert not (tmp_path / ".run.checkpoint").exists()


@pytest.mark.parametrize("tamper", ["tensors", "json"])
def test_a_changed_checkpoint_is_refused(tmp_path, tamper):
    """The checkpoint records the sha256 of its tensors and a digest of the rest: weights swapped
    in, or a changed epoch, history or best score, are refused before anything is resumed."""
    from safetensors.torch import load_file, save_file

    from mednn.pipeline import train

    with pytest.raises(Interrupted):
        train(load_config(None, BASE), tmp_path / "run", reporter=InterruptingReporter(4))
    checkpoint = tmp_path / ".run.checkpoint"
    if tamper == "tensors":
        tensors = load_file(str(checkpoint / "checkpoint.safetensors"))
        first = sorted(tensors)[0]
        tensors[first] = torch.zeros_like(tensors[first])
        save_file(tensors, str(checkpoint / "checkpoint.safetensors"))
    else:
        meta = json.loads((checkpoint / "checkpoint.json").read_text())
        meta["fit"]["epoch"] += 1
        (checkpoint / "checkpoint.json").write_text(json.dumps(meta))
    with pytest.raises(ConfigError, match="does not match the digest it recorded"):
        train(load_config(None, BASE), tmp_path / "run", resume=True)

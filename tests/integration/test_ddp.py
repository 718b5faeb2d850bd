"""Data-parallel training under torchrun: 2 gloo processes on the CPU equal one process with the
same global batch (weights, history and metrics), and resume a one-process run's checkpoint.

Each test starts ``python -m torch.distributed.run --nproc_per_node 2 -m mednn train`` on
127.0.0.1 and a free port (about 15 s each on a loaded 2-core machine).
"""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from mednn.config import load_config
from tests.interrupting import Interrupted, InterruptingReporter

ROOT = Path(__file__).resolve().parents[2]
# 370 training rows in batches of 33: the last global batch (7 rows) splits 4 / 3, so unequal
# shards and the balanced class weights both exercise the loss weighting
BASE = ["name=bc_ddp", "data.path=breast-cancer", "model.hidden_sizes=[8]", "model.dropout=0.0", "train.epochs=4",
        "train.batch_size=33", "train.lr=0.01", "train.class_weights=balanced", "train.threads=1",
        "evaluate.bootstrap=20", "explain.enabled=false", "report.enabled=false", "train.progress=false"]
TOL = 1e-5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _torchrun(tmp_path: Path, overrides: list[str], out: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), OMP_NUM_THREADS="1")
    for key in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT"):
        env.pop(key, None)
    args = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_addr", "127.0.0.1",
            "--master_port", str(_free_port()), "-m", "mednn", "train", "--out", str(out), *extra]
    for item in overrides:
        args += ["--set", item]
    result = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def _weights(run: Path) -> dict[str, torch.Tensor]:
    from safetensors.torch import load_file

    return load_file(str(run / "model.safetensors"))


def _history(run: Path) -> list[dict[str, str]]:
    with open(run / "history.csv", newline="") as f:
        return list(csv.DictReader(f))


def _numbers(node, path=""):
    """Every number of a metrics.json, by its path (timings excluded)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _numbers(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _numbers(value, f"{path}[{i}]")
    elif isinstance(node, (int, float)) and not isinstance(node, bool) and "seconds" not in path:
        yield path, float(node)


def assert_same_run(single: Path, ddp: Path) -> None:
    w1, w2 = _weights(single), _weights(ddp)
    assert sorted(w1) == sorted(w2)  # no "module." prefix from the DDP wrapper
    for key in w1:
        assert torch.allclose(w1[key], w2[key], rtol=0, atol=TOL), key
    h1, h2 = _history(single), _history(ddp)
    assert len(h1) == len(h2)
    for r1, r2 in zip(h1, h2):
        assert r1.keys() == r2.keys()
        for key in set(r1) - {"seconds"}:
            assert float(r1[key]) == pytest.approx(float(r2[key]), rel=TOL, abs=1e-7), (r1["epoch"], key)
    m1, m2 = json.loads((single / "metrics.json").read_text()), json.loads((ddp / "metrics.json").read_text())
    assert m1["training"]["world_size"] == 1 and m2["training"]["world_size"] == 2
    assert json.loads((ddp / "manifest.json").read_text())["world_size"] == 2
    n1, n2 = dict(_numbers(m1)), dict(_numbers(m2))
    n1.pop(".training.world_size"), n2.pop(".training.world_size")
    assert n1.keys() == n2.keys()
    for key in n1:
        assert n1[key] == pytest.approx(n2[key], abs=TOL), key


def test_two_gloo_processes_equal_one_process_with_the_same_global_batch(tmp_path):
    from mednn.pipeline import train

    single = train(load_config(None, BASE), tmp_path / "single")
    result = _torchrun(tmp_path, BASE, tmp_path / "ddp")
    assert_same_run(single, tmp_path / "ddp")
    # only rank 0 prints: the run's path once, its log lines once
    assert result.stdout.count(str(tmp_path / "ddp")) == 1
    assert result.stderr.count("run written to") == 1
    assert not (tmp_path / ".ddp.checkpoint").exists()


_THREADS_AFTER_TRAINING = """
import json, os, sys
from mednn.cli.main import main
code = main(sys.argv[1:])
names = [open(f"/proc/self/task/{t}/comm").read().strip() for t in os.listdir("/proc/self/task")]
# one file per rank: two ranks printing to one stderr pipe can interleave their lines
with open(f"rank{os.environ['RANK']}.json", "w") as f:
    json.dump({"rank": os.environ["RANK"], "code": code, "threads": names}, f)
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="lists threads through /proc (Linux)")
def test_no_gloo_thread_outlives_training_so_exit_cannot_abort(tmp_path):
    """Each rank ends training with its process group destroyed and gloo's threads joined, so
    nothing of gloo is left to free while the interpreter shuts down (where a rank once died
    with "terminate called without an active exception" under load). The group used to stay
    alive because torch.distributed.nn, imported by DDP after the group existed, kept it as a
    default argument."""
    script = tmp_path / "threads_after_training.py"
    script.write_text(_THREADS_AFTER_TRAINING)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), OMP_NUM_THREADS="1")
    for key in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT"):
        env.pop(key, None)
    args = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_addr", "127.0.0.1",
            "--master_port", str(_free_port()), str(script), "train", "--out", str(tmp_path / "run")]
    for item in [o for o in BASE if not o.startswith("train.epochs")] + ["train.epochs=2"]:
        args += ["--set", item]
    result = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    ends = [json.loads((tmp_path / f"rank{r}.json").read_text()) for r in (0, 1) if (tmp_path / f"rank{r}.json").exists()]
    assert sorted(e["rank"] for e in ends) == ["0", "1"] and all(e["code"] == 0 for e in ends)
    for end in ends:
        assert not [name for name in end["threads"] if "gloo" in name], end


def _toy_images(path: Path) -> Path:
    """A MedMNIST-style .npz of three classes of 28x28 images (a bright row band whose height is the class)."""
    rng = np.random.default_rng(0)
    arrays = {}
    for split, n in (("train", 150), ("val", 40), ("test", 40)):
        y = rng.integers(0, 3, n)
        x = rng.integers(0, 80, (n, 28, 28)).astype(np.uint8)
        for i, label in enumerate(y):
            x[i, 4 + 8 * int(label): 8 + 8 * int(label), :] += 40  # rows: a left-right flip keeps the class
        arrays[f"{split}_images"], arrays[f"{split}_labels"] = x, y.reshape(-1, 1).astype(np.uint8)
    np.savez(path, **arrays)
    return path


def test_two_processes_resume_a_checkpoint_exactly_with_augmentation(tmp_path):
    """Images, three classes, class-balanced sampling, augmentation of the global batch, weight
    averaging and a cosine schedule: one process is interrupted, two processes resume it."""
    from mednn.pipeline import train

    overrides = [o for o in BASE if not o.startswith(("data.path", "train.class_weights", "train.lr"))] + [
        f"data.path={_toy_images(tmp_path / 'toy.npz')}", "model.name=mlp", "train.lr=0.001", "train.sampler=balanced",
        "train.augment={flip: true, noise: 0.05}", "train.ema=0.9", "train.schedule=cosine",
        "train.progress=true"]  # the checkpoint is keyed to the config: the same overrides throughout
    straight = train(load_config(None, overrides), tmp_path / "straight")
    with pytest.raises(Interrupted):  # interrupted in epoch 3: the checkpoint holds epoch 2
        train(load_config(None, overrides), tmp_path / "resumed", reporter=InterruptingReporter(3))
    assert (tmp_path / ".resumed.checkpoint").is_dir()
    _torchrun(tmp_path, overrides, tmp_path / "resumed", "--resume")  # rank 0 reads it, rank 1 receives it
    assert_same_run(straight, tmp_path / "resumed")
    assert not (tmp_path / ".resumed.checkpoint").exists()

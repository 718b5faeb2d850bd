"""`mednn federated server` and three `mednn federated site` processes over gRPC on 127.0.0.1:
the run equals today's in-process FedAvg (privacy/federated.py) on the same partition."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("flwr")

import mednn  # noqa: E402

COMMON = ["data.label=target", "data.id_column=rid", "data.meta_columns=[hospital]", "data.positive_class=malignant",
          "model.name=mlp", "model.hidden_sizes=[8]",  # no dropout: the two FedAvg paths must agree exactly
          "train.epochs=3", "train.lr=0.05", "train.threads=1", "train.batch_size=4096", "train.progress=false",
          "evaluate.bootstrap=20", "explain.enabled=false", "report.enabled=false"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _partition(tmp: Path):
    from tests.federated_partition import hospital_partition

    return hospital_partition(tmp, COMMON, seed=1, missing_column="mean texture")[0]


def test_server_and_three_site_processes_equal_todays_fedavg(tmp_path):
    from safetensors.torch import load_file

    from mednn.pipeline import train

    pooled_cfg = _partition(tmp_path)
    config = tmp_path / "shared.yaml"
    config.write_text("name: federated\n")
    sets = [arg for s in (*COMMON, "data.split_column=split") for arg in ("--set", s)]
    env = dict(os.environ, PYTHONPATH=str(Path(mednn.__file__).parents[1]))
    address = f"127.0.0.1:{_free_port()}"
    cli = [sys.executable, "-m", "mednn", "federated"]
    server = subprocess.Popen([*cli, "server", str(config), "--sites", "3", "--address", address, "--wait", "60",
                               "--data", str(tmp_path / "holdout.csv"), "--out", str(tmp_path / "run"), *sets],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sites = [subprocess.Popen([*cli, "site", str(config), "--data", str(tmp_path / f"{name}.csv"),
                               "--server", address, "--wait", "60", *sets],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in ("north", "east", "south")]
    try:
        today = train(pooled_cfg, tmp_path / "today")  # while the processes start
        out, err = server.communicate(timeout=120)
        assert server.returncode == 0, err[-2000:]
        for site in sites:
            _, site_err = site.communicate(timeout=30)
            assert site.returncode == 0, site_err[-2000:]
    finally:
        for proc in (server, *sites):
            if proc.poll() is None:
                proc.kill()
    run = Path(out.strip().splitlines()[-1])
    assert run == tmp_path / "run"
    a, b = load_file(today / "model.safetensors"), load_file(run / "model.safetensors")
    for key in a:
        np.testing.assert_allclose(b[key].numpy(), a[key].numpy(), rtol=1e-4, atol=1e-6)
    metrics = json.loads((run / "metrics.json").read_text())
    fed = metrics["federated"]
    assert [s["site"] for s in fed["sites"]] == ["east", "north", "south"] and fed["processes"] is True
    assert fed["rounds_run"] == 3 and fed["bytes_per_round"]["received"] > 0
    before = json.loads((today / "metrics.json").read_text())
    assert metrics["test"]["auroc"]["value"] == pytest.approx(before["test"]["auroc"]["value"], abs=1e-9)

"""A new modality is one spec plus its stage entries, registered from outside mednn.

This file registers a toy modality, ``signals`` (1-D recordings, e.g. an ECG lead: a reader of
``.npz`` arrays, a check for flat recordings, a standardising featurizer, a small 1-D
convolutional network, the raw values for the linear baseline, a gradient saliency explainer,
a reader of served records), through mednn's public registries only, and runs ``mednn train``,
``mednn predict`` and the server's ``/model`` and ``/predict`` on it end to end in a fresh
process. No file of mednn names the modality: the proof that code outside ``modalities/`` asks
the spec instead of branching on the modality's name.

Run as a script (``python test_new_modality.py train ...``) it registers the modality and then
is the ``mednn`` command (plus ``serve-check RUN RECORDS.json``, which answers one request with
the app ``mednn serve`` runs); the tests below call it so.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve()
LENGTH = 48


def register_signals() -> None:
    """Register the ``signals`` modality and its stage entries in mednn's registries."""
    import torch
    from pydantic import BaseModel, ConfigDict
    from torch import nn

    from mednn.data.base import Dataset, Task
    from mednn.data.readers import READERS, Reader
    from mednn.data.split_checks import SPLIT_CHECKS
    from mednn.evaluation.baseline_features import BASELINE_FEATURES
    from mednn.explain.base import EXPLAINERS, section, table
    from mednn.featurizers import FEATURIZERS, Featurizer
    from mednn.findings import Finding
    from mednn.inference.records import RECORD_READERS, Part, RecordReader
    from mednn.modalities import ModalitySpec, register_modality
    from mednn.models import MODELS

    task = Task("binary", ("flat", "burst"))

    @READERS.register("signals")
    class SignalReader(Reader):
        """``signals`` (n, LENGTH) and, when labelled, ``labels`` (n,) of 0 / 1 in one ``.npz``."""

        name = "signals"
        modality = "signals"

        class Options(BaseModel):
            model_config = ConfigDict(extra="forbid")

        def read(self, cfg, options) -> Dataset:
            return self._read(cfg, labels=True)

        def read_unlabelled(self, cfg, options) -> Dataset:
            return self._read(cfg, labels=False)

        def _read(self, cfg, *, labels: bool) -> Dataset:
            with np.load(cfg.path) as f:
                x = np.asarray(f["signals"], dtype=np.float32)
                y = np.asarray(f["labels"], dtype=np.int64) if labels else np.zeros(len(x), dtype=np.int64)
            ids = np.array([f"rec{i}" for i in range(len(x))], dtype=object)
            return Dataset(inputs=x, targets=y, task=task, ids=ids, modality="signals", source=str(cfg.path))

    @SPLIT_CHECKS.register("flat_recordings")
    def flat_recordings(dataset, splits) -> list:
        flat = int((np.ptp(np.asarray(dataset.inputs), axis=1) == 0).sum())
        return [Finding("few_intensity_levels", "warning", f"{flat} recording(s) hold one value throughout "
                        "(a lead off?)", count=flat)] if flat else []

    @FEATURIZERS.register("signal_standard")
    class SignalStandard(Featurizer):
        """Each position standardised with the training split's mean and spread."""

        name = "signal_standard"

        def _fit(self, train) -> None:
            x = np.asarray(train.inputs, dtype=np.float64)
            self.mean_, self.std_ = x.mean(axis=0), x.std(axis=0) + 1e-6

        @property
        def input_shape(self) -> tuple[int, ...]:
            return (len(self.mean_),)

        def transform(self, dataset):
            self.check_fitted()
            return torch.from_numpy(((np.asarray(dataset.inputs) - self.mean_) / self.std_).astype(np.float32))

        def _state(self) -> dict[str, Any]:
            return {"mean": self.mean_.tolist(), "std": self.std_.tolist()}

        def _load(self, state: dict[str, Any]) -> None:
            self.mean_, self.std_ = np.asarray(state["mean"]), np.asarray(state["std"])

    class SignalConv(nn.Module):
        def __init__(self, n_outputs: int, channels: int):
            super().__init__()
            self.conv = nn.Conv1d(1, channels, kernel_size=5, padding=2)
            self.head = nn.Linear(channels, n_outputs)

        def forward(self, x):
            return self.head(torch.relu(self.conv(x.unsqueeze(1))).amax(dim=2))

    @MODELS.register("signal_cnn")
    def build_signal_cnn(*, task, input_shape: tuple[int, ...], channels: int = 4) -> nn.Module:
        return SignalConv(task.n_outputs, channels)

    @RECORD_READERS.register("signal_records")
    class SignalRecords(RecordReader):
        """A served record: the recording's values under the keys v0, v1, ..."""

        def __init__(self, cfg, featurizer=None):
            super().__init__(cfg, featurizer)
            self.columns = [f"v{i}" for i in range(featurizer.input_shape[0])]
            self.known = frozenset(self.columns)

        def inputs(self) -> dict[str, Any]:
            return {"columns": self.columns}

        def prepare(self, records) -> Part:
            return Part([[float(record[c]) for c in self.columns] for record in records], shareable=True)

        def read(self, rows) -> Dataset:
            return Dataset(inputs=np.asarray(rows, dtype=np.float32), targets=np.zeros(len(rows), dtype=np.int64),
                           task=task, ids=np.arange(len(rows)), modality="signals", source="the request")

    @BASELINE_FEATURES.register("signal_values")
    def signal_values(splits):
        return {name: np.asarray(part.inputs, dtype=np.float64) for name, part in splits.items()}, "the raw values"

    @EXPLAINERS.register("signals")
    def explain_signals(ctx) -> list:
        """Mean |gradient x input| per position over the explained test recordings."""
        index = ctx.sample_indices()
        x = ctx.features[torch.as_tensor(index)].clone().requires_grad_(True)
        with ctx.step("saliency") as step:
            ctx.model(x.to(ctx.device)).sum().backward()
            saliency = (x.grad * x).abs().mean(dim=0).detach().numpy()
        top = np.argsort(-saliency)[:5]
        return [section("Where the network looks", method="saliency", seconds=step.seconds,
                        tables=[table(["position", "mean |gradient x input|"],
                                      [[int(p), float(saliency[p])] for p in top])])]

    register_modality(ModalitySpec(
        name="signals", formats=("signals",), featurizer="signal_standard", model="signal_cnn",
        baselines=("linear",), baseline_features="signal_values", split_checks=("flat_recordings",),
        explainers=("signals",), record_reader="signal_records"))


def _recordings(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Noise; a burst (a short spike at a random position) in the ``burst`` class."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, LENGTH)).astype(np.float32)
    y = np.arange(n) % 2
    for i in np.flatnonzero(y):
        start = rng.integers(0, LENGTH - 4)
        x[i, start:start + 4] += 6.0
    return x, y


def _mednn(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__import__("mednn").__file__).parents[1]),
                                                         os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, str(HERE), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


def test_a_modality_registered_from_outside_trains_predicts_and_serves_end_to_end(tmp_path):
    x, y = _recordings(240, seed=0)
    x[7] = 0.0  # one lead off: the spec's data check reports it
    np.savez(tmp_path / "train.npz", signals=x, labels=y)
    new_x, new_y = _recordings(60, seed=1)
    np.savez(tmp_path / "new.npz", signals=new_x)  # no labels: what `mednn predict` gets
    run = tmp_path / "run"

    trained = _mednn("train", "--data", str(tmp_path / "train.npz"), "--out", str(run), "--set", "data.format=signals",
                     "--set", "train.epochs=40", "--set", "train.progress=false", "--set", "train.threads=1",
                     "--set", "evaluate.bootstrap=20", "--set", "seed=0", cwd=tmp_path)
    assert trained.returncode == 0, trained.stderr[-2000:]
    assert "mednn: warning: [few_intensity_levels] 1 recording(s) hold one value" in trained.stdout + trained.stderr
    predictor = json.loads((run / "predictor.json").read_text())
    model = json.loads((run / "model.json").read_text())
    assert predictor["modality"] == "signals" and model["name"] == "signal_cnn"
    metrics = json.loads((run / "metrics.json").read_text())
    assert metrics["test"]["auroc"]["value"] > 0.9  # the burst is found, not guessed
    assert [b["name"] for b in metrics["baselines"]["models"]] == ["linear"]  # the spec's baseline, fitted
    explained = json.loads((run / "explanations.json").read_text())
    assert [s["method"] for s in explained] == ["saliency"]  # the spec's explainer, run on the test split
    assert "Where the network looks" in (run / "report.html").read_text()

    out = tmp_path / "new.predictions.csv"
    predicted = _mednn("predict", str(run), str(tmp_path / "new.npz"), "--out", str(out), cwd=tmp_path)
    assert predicted.returncode == 0, predicted.stderr[-2000:]
    frame = pd.read_csv(out)
    assert len(frame) == len(new_x) and list(frame["id"][:2]) == ["rec0", "rec1"]
    assert ((frame["p:burst"] > 0.5) == new_y).mean() > 0.9
    assert (frame["predicted"] == np.where(new_y == 1, "burst", "flat")).mean() > 0.9

    records = tmp_path / "records.json"
    records.write_text(json.dumps({"records": [{f"v{j}": float(v) for j, v in enumerate(row)} for row in new_x[:3]]}))
    served = _mednn("serve-check", str(run), str(records), cwd=tmp_path)
    assert served.returncode == 0, served.stderr[-2000:]
    answer = json.loads(served.stdout.splitlines()[-1])
    assert answer["model"]["modality"] == "signals" and answer["model"]["inputs"]["columns"][:2] == ["v0", "v1"]
    served_p = [p["p:burst"] for p in answer["predict"]["predictions"]]
    assert np.allclose(served_p, frame["p:burst"][:3], atol=1e-5)  # served as `mednn predict` predicts


def _serve_check(run: str, records: str) -> None:
    """The app of ``mednn serve RUN`` asked ``GET /model`` and ``POST /predict`` once."""
    from fastapi.testclient import TestClient

    from mednn.serving.app import make_app

    client = TestClient(make_app(run))
    predicted = client.post("/predict", content=Path(records).read_bytes(), headers={"content-type": "application/json"})
    print(json.dumps({"model": client.get("/model").json(), "predict": predicted.json()}))


if __name__ == "__main__":
    register_signals()
    if sys.argv[1] == "serve-check":
        _serve_check(*sys.argv[2:])
        sys.exit(0)
    from mednn.cli.main import main

    sys.exit(main(sys.argv[1:]))

"""The same seed and data give the same run, before and after a change of structure.

One small run per modality (and the paths that train differently: regression, an ensemble, a
federated simulation) is trained through the CLI; the digest of its weights, its metric values and
its predictions is compared with ``tests/data/golden_runs.json``, recorded on the code before a
refactor. On the CPU kind the file was recorded on the comparison is exact (bit-identical weights,
equal floats); on another CPU kind (other vector kernels sum in another order) the metric values
must agree to 1e-6 and the weight digests are not compared.

A change that is *meant* to change the numbers rewrites the file:
``MEDNN_GOLDEN_WRITE=1 pytest tests/integration/test_golden_runs.py`` — and says why in its commit.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mednn.cli.main import main

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden_runs.json"
WRITE = os.environ.get("MEDNN_GOLDEN_WRITE") == "1"
COMMON = ["--set", "train.progress=false", "--set", "train.threads=1", "--set", "explain.enabled=false",
          "--set", "report.enabled=false", "--set", "evaluate.bootstrap=40", "--set", "seed=3"]
# metric leaves that measure the machine, not the model
VOLATILE = ("seconds", "threads", "device", "created", "time", "per_second")


def _table(tmp: Path, regression: bool = False) -> Path:
    rng = np.random.default_rng(0)
    n = 160
    age = rng.normal(60, 10, n).round(1)
    marker = rng.normal(0, 1, n).round(4)
    sex = rng.choice(["F", "M"], n)
    site = rng.choice(["north", "south"], n)
    risk = 0.08 * (age - 60) + 1.5 * marker + (sex == "M") * 0.5
    frame = pd.DataFrame({"age": age, "marker": marker, "sex": sex, "site": site})
    if regression:
        frame["value"] = (risk + rng.normal(0, 0.3, n)).round(4)
    else:
        frame["outcome"] = np.where(risk + rng.normal(0, 0.7, n) > 0, "disease", "healthy")
    path = tmp / "table.csv"
    frame.to_csv(path, index=False)
    return path


def _images(tmp: Path) -> Path:
    rng = np.random.default_rng(0)
    arrays = {}
    for split, n in (("train", 48), ("val", 16), ("test", 16)):
        y = rng.integers(0, 2, n)
        x = rng.integers(0, 60, (n, 16, 16)).astype(np.uint8)
        x[y == 1, 4:12, 4:12] = 220
        arrays[f"{split}_images"], arrays[f"{split}_labels"] = x, y.reshape(-1, 1).astype(np.uint8)
    path = tmp / "squares.npz"
    np.savez(path, **arrays)
    return path


def _notes(tmp: Path) -> Path:
    rng = np.random.default_rng(0)
    sick = ["fever and productive cough", "cough with fever and chills", "pneumonia with fever",
            "fever, cough and crackles"]
    hurt = ["ankle sprain after a fall", "fractured wrist from a fall", "twisted ankle at football",
            "wrist pain after falling"]
    rows = []
    for i in range(80):
        label = ["infection", "injury", "other"][i % 3]
        body = {"infection": sick, "injury": hurt, "other": sick[:2] + hurt[:2]}[label][rng.integers(4)]
        rows.append({"note_id": i, "note": f"patient seen today with {body}; plan follow up", "label": label})
    path = tmp / "notes.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def _molecules(tmp: Path) -> Path:
    rings = ["c1ccccc1", "C1CCCCC1", "c1ccncc1", "C1CCNCC1", "c1ccoc1", "C1CCOC1", "c1ccsc1", "c1cnccn1"]
    rows = [{"smiles": f"{ring}{'C' * k}{tail}", "active": int(tail in "ON")}
            for ring in rings for k in range(1, 6) for tail in ("O", "N", "C", "F")]
    path = tmp / "mols.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


CASES = {
    "table_binary": (lambda t: _table(t), ["--set", "data.label=outcome", "--set", "train.epochs=20",
                                            "--set", "data.meta_columns=[site]"]),
    "table_regression": (lambda t: _table(t, regression=True),
                         ["--set", "data.label=value", "--set", "data.task=regression", "--set", "train.epochs=20"]),
    "table_ensemble": (lambda t: _table(t), ["--set", "data.label=outcome", "--set", "train.epochs=10",
                                              "--set", "train.ensemble=2"]),
    "table_federated": (lambda t: _table(t), ["--set", "data.label=outcome", "--set", "train.epochs=6",
                                               "--set", "privacy.federated.site_column=site",
                                               "--set", "data.meta_columns=[site]"]),
    "images": (_images, ["--set", "data.format=medmnist", "--set", "model.name=small_cnn",
                         "--set", "train.epochs=3"]),
    # the notes repeat a few texts under conflicting labels: the run was recorded when the reader kept
    # each text's first label, which data.duplicates: keep_first keeps doing (the default now drops them)
    "text": (_notes, ["--set", "data.format=text", "--set", "data.text_columns=note", "--set", "data.label=label",
                      "--set", "data.id_column=note_id", "--set", "train.epochs=8", "--set", "data.duplicates=keep_first"]),
    "molecules": (_molecules, ["--set", "data.label=active", "--set", "train.epochs=8"]),
}


def _flatten(value, prefix=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flatten(item, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _flatten(item, f"{prefix}[{i}]")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not any(word in prefix.rsplit(".", 1)[-1] for word in VOLATILE):
            yield prefix, float(value)


def _weights_digest(run: Path) -> str:
    from safetensors.numpy import load_file

    tensors = load_file(str(run / "model.safetensors"))
    digest = hashlib.sha256()
    for key in sorted(tensors):
        digest.update(key.encode())
        digest.update(np.ascontiguousarray(tensors[key]).tobytes())
    return digest.hexdigest()


def _predictions_digest(run: Path) -> str:
    frame = pd.read_csv(run / "predictions.csv", dtype=str, keep_default_na=False)
    columns = [c for c in frame.columns
               if c in ("id", "split", "target", "predicted") or c.split(":")[0] in ("p", "target", "predicted")]
    return hashlib.sha256(frame[columns].to_csv(index=False).encode()).hexdigest()


def _digest(run: Path) -> dict:
    # the run stores each value once: metrics in metrics.json, the operating point in predictor.json
    metrics = json.loads((run / "metrics.json").read_text())
    predictor = json.loads((run / "predictor.json").read_text())
    values = {k: metrics[k] for k in ("test", "val", "baselines", "conformal") if k in metrics}
    values |= {k: predictor[k] for k in ("threshold", "calibration") if k in predictor}
    return {"weights": _weights_digest(run), "predictions": _predictions_digest(run),
            "metrics": dict(_flatten(values))}


def _cpu_kind() -> str:
    import torch

    return f"{torch.__version__}/{torch.backends.cpu.get_cpu_capability()}"


@pytest.fixture(scope="module")
def golden():
    if WRITE:
        state = {"cpu": _cpu_kind(), "runs": {}}
        yield state
        GOLDEN.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n")
    else:
        if not GOLDEN.exists():
            pytest.fail(f"{GOLDEN} is missing; record it with MEDNN_GOLDEN_WRITE=1")
        yield json.loads(GOLDEN.read_text())


@pytest.mark.parametrize("case", sorted(CASES))
def test_same_seed_same_run(case, tmp_path, golden, capsys):
    if case in ("molecules",):
        pytest.importorskip("rdkit")
    make, settings = CASES[case]
    data = make(tmp_path)
    code = main(["train", "--data", str(data), "--out", str(tmp_path / "run"), *COMMON, *settings])
    assert code == 0, capsys.readouterr().err
    got = _digest(tmp_path / "run")
    if WRITE:
        golden["runs"][case] = got
        return
    want = golden["runs"][case]
    same_cpu = golden["cpu"] == _cpu_kind()
    missing = sorted(set(want["metrics"]) - set(got["metrics"]))
    assert not missing, f"metrics no longer written: {missing[:5]}"
    for key, value in want["metrics"].items():
        if same_cpu:
            assert got["metrics"][key] == value or (math.isnan(value) and math.isnan(got["metrics"][key])), key
        else:
            assert got["metrics"][key] == pytest.approx(value, rel=1e-6, abs=1e-9, nan_ok=True), key
    if same_cpu:
        assert got["weights"] == want["weights"], "weights are not bit-identical"
        assert got["predictions"] == want["predictions"], "predictions changed"

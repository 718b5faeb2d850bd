"""Every registered reference baseline, on every task kind, and every registered builder of
baseline features: probabilities of the right shape and range for validation and test, JSON-able
parameters, the same seed giving the same output; features fitted on training rows with one
width for every split. A new baseline or feature builder is tested by registering it."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from mednn.data.base import Dataset, Task
from mednn.evaluation.baseline_features import BASELINE_FEATURES
from mednn.evaluation.baselines import BASELINES
from mednn.modalities import modality_names, modality_spec

TASKS = [Task("binary", ("no", "yes")), Task("multiclass", ("a", "b", "c")), Task("multilabel", ("x", "y")),
         Task("regression", ("value", "other"))]
SIZES = {"train": 48, "val": 16, "test": 16}


def _targets(task: Task, n: int, rng) -> np.ndarray:
    if task.kind == "binary":
        return np.arange(n) % 2
    if task.kind == "multiclass":
        return np.arange(n) % 3
    if task.kind == "multilabel":
        y = rng.integers(0, 2, (n, 2)).astype(np.float32)
        y[:2] = [[0, 1], [1, 0]]
        y[2, 1] = np.nan  # a missing label
        return y
    return rng.normal(size=(n, 2)).astype(np.float32)


def _problem(task: Task, seed: int = 0):
    rng = np.random.default_rng(seed)
    targets = {s: _targets(task, n, rng) for s, n in SIZES.items()}
    features = {s: rng.normal(size=(n, 5)) + np.asarray(targets[s], dtype=np.float64).reshape(n, -1)[:, :1]
                for s, n in SIZES.items()}
    return features, targets


@pytest.mark.parametrize("task", TASKS, ids=[t.kind for t in TASKS])
@pytest.mark.parametrize("name", BASELINES.names())
def test_probabilities_per_split_have_the_tasks_shape_and_range(name, task):
    if name == "lightgbm":
        pytest.importorskip("lightgbm")
    features, targets = _problem(task)
    probs, params = BASELINES.get(name)(task, features, targets, seed=0, threads=1)
    json.dumps(params)
    again, _ = BASELINES.get(name)(task, features, targets, seed=0, threads=1)
    for split in ("val", "test"):
        p = np.asarray(probs[split], dtype=np.float64)
        width = {"binary": None, "multiclass": 3}.get(task.kind, 2)
        assert p.shape == ((SIZES[split],) if width is None else (SIZES[split], width))
        assert np.isfinite(p).all()
        if task.kind != "regression":
            assert (p >= 0).all() and (p <= 1).all()
        if task.kind == "multiclass":
            np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-6)
        np.testing.assert_array_equal(p, np.asarray(again[split], dtype=np.float64))  # seeded


def _splits(modality: str):
    rng = np.random.default_rng(0)
    notes = ["fever and productive cough", "ankle sprain after a fall", "cough with fever and chills",
             "wrist fracture from a fall"]
    smiles = ["CCO", "c1ccccc1O", "CC(=O)N", "C1CCCCC1", "c1ccncc1", "CCN(CC)CC"]
    parts = {}
    for split, n in SIZES.items():
        if modality == "tabular":
            inputs = pd.DataFrame({"age": rng.normal(60, 10, n), "sex": rng.choice(["F", "M"], n)})
        elif modality == "images":
            inputs = rng.integers(0, 255, (n, 1, 20, 20)).astype(np.uint8)
        elif modality == "text":
            inputs = [notes[i % 4] for i in range(n)]
        else:
            inputs = [smiles[i % 6] for i in range(n)]
        parts[split] = Dataset(inputs=inputs, targets=np.arange(n) % 2, task=TASKS[0],
                               ids=np.arange(n).astype(str), modality=modality)
    return SimpleNamespace(**parts, items=parts.items)


def _builders() -> list[tuple[str, str]]:
    """(builder, a modality whose spec uses it); a builder no modality uses fails here."""
    users = {modality_spec(m).baseline_features: m for m in modality_names()}
    return [(name, users.get(name, "")) for name in BASELINE_FEATURES.names()]


@pytest.mark.parametrize("name,modality", _builders())
def test_feature_builders_give_one_width_for_every_split(name, modality):
    assert modality, f"no modality's spec uses the baseline features {name!r}"
    if modality == "molecules":
        pytest.importorskip("rdkit")
    matrices, description = BASELINE_FEATURES.get(name)(_splits(modality))
    assert description and set(matrices) == set(SIZES)
    widths = {matrices[s].shape[1] for s in SIZES}
    assert len(widths) == 1 and widths.pop() > 0
    assert all(matrices[s].shape[0] == n for s, n in SIZES.items())

"""Every registered explainer, run on a tiny model of the modality whose spec names it: it
returns sections that are data (JSON round trip, figures that are PNGs, tables whose rows fit
their columns, no markup), each naming its method and time, and every method the spec lists for
``explain.methods`` produces a section. An explainer no modality names fails here.
"""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd
import pytest
import torch

from mednn.config import ExplainConfig
from mednn.data.base import Dataset, Task
from mednn.explain.base import EXPLAINERS, ExplainContext, explain
from mednn.featurizers import build_featurizer
from mednn.modalities import modality_names, modality_spec
from mednn.models import build_model, load_model_modules
from mednn.registry import import_stage_modules
from mednn.training.losses import to_probabilities

import_stage_modules("explain", modality_names())
load_model_modules()
TASK = Task("binary", ("healthy", "disease"))
NOTES = ["fever and productive cough", "ankle sprain after a fall", "cough with fever and chills",
         "wrist fracture from a fall", "pneumonia with high fever", "twisted ankle at football"]
SMILES = ["CCO", "c1ccccc1O", "CC(=O)Oc1ccccc1C(=O)O", "CCN(CC)CC", "C1CCCCC1", "O=C(O)c1ccccc1"]


def _dataset(modality: str, n: int = 24) -> Dataset:
    rng = np.random.default_rng(0)
    y = np.arange(n) % 2
    if modality == "tabular":
        inputs = pd.DataFrame({"age": rng.normal(60, 10, n) + 5 * y, "marker": rng.normal(size=n),
                               "sex": rng.choice(["F", "M"], n)})
    elif modality == "images":
        inputs = rng.integers(0, 60, (n, 1, 16, 16)).astype(np.uint8)
        inputs[y == 1, :, 4:12, 4:12] = 220
    elif modality == "text":
        inputs = [NOTES[i % len(NOTES)] for i in range(n)]
    else:
        inputs = [SMILES[i % len(SMILES)] for i in range(n)]
    return Dataset(inputs=inputs, targets=y, task=TASK, ids=np.array([f"s{i}" for i in range(n)], dtype=object),
                   modality=modality)


def _owner(explainer: str) -> str:
    owners = [m for m in modality_names() if explainer in modality_spec(m).explainers]
    assert owners, f"no modality's spec names the explainer {explainer!r}"
    return owners[0]


def _context(modality: str) -> ExplainContext:
    spec = modality_spec(modality)
    if modality == "molecules":
        pytest.importorskip("rdkit")
    dataset = _dataset(modality)
    featurizer = build_featurizer(spec.featurizer, {"min_df": 1} if spec.featurizer == "tfidf" else {}).fit(dataset)
    features = featurizer.transform(dataset)
    torch.manual_seed(0)
    model = build_model(spec.model, task=TASK, input_shape=featurizer.input_shape).eval()
    batch = features if isinstance(features, torch.Tensor) else features.batch(np.arange(len(dataset)))
    with torch.no_grad():
        prob = to_probabilities(TASK, model(batch)).numpy()
    return ExplainContext(model=model, featurizer=featurizer, dataset=dataset, features=features,
                          probabilities=prob, predicted=(prob >= 0.5).astype(np.int64), task=TASK,
                          config=ExplainConfig(n_samples=2), seed=0, background=features)


def _check_section(part: dict) -> None:
    assert isinstance(part["title"], str) and part["title"]
    for fig in part.get("figures", []):
        assert base64.b64decode(fig["png"])[:8] == b"\x89PNG\r\n\x1a\n"
    for tab in part.get("tables", []):
        assert all(len(row) == len(tab["columns"]) for row in tab["rows"])
    text = json.dumps(part)
    assert "<script" not in text and "<div" not in text and "<img" not in text  # data, never markup


@pytest.mark.parametrize("name", EXPLAINERS.names())
def test_sections_are_data_with_their_method_and_time(name):
    ctx = _context(_owner(name))
    sections = EXPLAINERS.get(name)(ctx)
    assert sections, f"explainer {name!r} returned no section on a trained-shape model"
    for part in sections:
        _check_section(part)
        assert json.loads(json.dumps(part)) == part
    assert any("seconds" in part for part in sections)


@pytest.mark.parametrize("modality", [m for m in modality_names() if modality_spec(m).explain_methods])
def test_every_method_the_spec_lists_gives_a_section(modality):
    spec = modality_spec(modality)
    for method in spec.explain_methods:
        ctx = _context(modality)
        ctx.config = ExplainConfig(n_samples=2, methods=[method])
        sections = explain(ctx, modality)
        assert sections, f"{modality}: explain.methods [{method}] gave no section"
        for part in sections:
            _check_section(part)

"""Every registered modality (:mod:`mednn.modalities`): each name its spec gives resolves in the
registry of the stage that owns it, ``auto`` means what the spec says, the explain methods match
the explainer's own list, and its record reader describes a served request as JSON. One module
per modality: each module of the package registers the spec of its own name."""

from __future__ import annotations

import importlib
import json
import pkgutil
import typing

import numpy as np
import pandas as pd
import pytest

import mednn.modalities as package
from mednn.config import DataConfig, load_config
from mednn.data.base import Dataset, Task
from mednn.data.duplicates import resolve_policy
from mednn.data.readers import READERS, _load_builtin_readers
from mednn.evaluation.baseline_features import BASELINE_FEATURES
from mednn.evaluation.baselines import BASELINES, baseline_names
from mednn.explain.base import EXPLAINERS
from mednn.data.split_checks import SPLIT_CHECKS
from mednn.featurizers import FEATURIZERS, build_featurizer, default_featurizer, load_featurizer_modules
from mednn.inference.records import RECORD_READERS, record_reader
from mednn.ood.base import OOD_SCORERS
from mednn.ood.run import load_scorers
from mednn.modalities import MODALITIES, ModalitySpec, modality_names, modality_spec
from mednn.models import MODELS, load_model_modules
from mednn.privacy.deid_steps import DEID_STEPS
from mednn.recipes import AUTO_RECIPES, LARGE_DATA_RECIPES, SIZED_RECIPES, model_name
from mednn.registry import import_stage_modules

_load_builtin_readers()
load_scorers()
load_featurizer_modules()
load_model_modules()
import_stage_modules("explain", modality_names())
NAMES = modality_names()


def test_each_module_of_the_package_registers_the_spec_of_its_name():
    modules = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.name != "base")
    assert modules == sorted(NAMES)
    for name in modules:
        spec = getattr(importlib.import_module(f"mednn.modalities.{name}"), name.upper())
        assert isinstance(spec, ModalitySpec) and spec.name == name and MODALITIES.get(name) is spec


@pytest.mark.parametrize("name", NAMES)
def test_every_name_in_the_spec_is_registered_by_its_stage(name):
    spec = modality_spec(name)
    assert all(fmt in READERS for fmt in spec.formats)
    assert spec.featurizer in FEATURIZERS and spec.model in MODELS
    assert spec.baselines and all(b in BASELINES for b in spec.baselines)
    assert spec.baseline_features in BASELINE_FEATURES
    assert spec.explainers and all(e in EXPLAINERS for e in spec.explainers)
    assert all(check in SPLIT_CHECKS for check in spec.split_checks)
    assert spec.recipe is None or any(spec.recipe in r for r in (AUTO_RECIPES, LARGE_DATA_RECIPES, SIZED_RECIPES))
    assert spec.deid is None or spec.deid in DEID_STEPS
    assert spec.ood_scorer is not None and spec.ood_scorer in OOD_SCORERS  # every modality flags unfamiliar inputs
    assert spec.serve_input in ("records", "files")
    assert spec.record_reader is None or spec.record_reader in RECORD_READERS
    assert spec.group_unit and " " not in spec.group_unit
    assert spec.duplicates in typing.get_args(DataConfig.model_fields["duplicates"].annotation)
    assert spec.duplicates != "auto" and isinstance(spec.patient_from, bool)


@pytest.mark.parametrize("name", NAMES)
def test_auto_means_what_the_spec_says(name):
    spec = modality_spec(name)
    cfg = load_config(None, ["data.path=breast-cancer"])
    assert model_name(cfg, name) == spec.model
    assert default_featurizer(name) == spec.featurizer
    assert baseline_names("auto", name) == list(spec.baselines)
    assert resolve_policy("auto", name) == spec.duplicates


@pytest.mark.parametrize("name", NAMES)
def test_explain_methods_are_the_explainers_own(name):
    spec = modality_spec(name)
    own = [m for e in spec.explainers for m in getattr(importlib.import_module(f"mednn.explain.{e}"), "METHODS", ())]
    assert sorted(own) == sorted(spec.explain_methods)


def _fitted_featurizer(name: str):
    rng = np.random.default_rng(0)
    n = 6
    inputs = {"tabular": pd.DataFrame({"age": rng.normal(60, 10, n), "sex": rng.choice(["F", "M"], n)}),
              "images": rng.integers(0, 255, (n, 1, 8, 8)).astype(np.uint8),
              "text": ["fever and cough", "ankle sprain", "cough and fever", "wrist fracture", "fever", "fall"],
              "molecules": ["CCO", "c1ccccc1O", "CC(=O)N", "C1CCCCC1", "c1ccncc1", "CCN(CC)CC"]}[name]
    dataset = Dataset(inputs=inputs, targets=np.arange(n) % 2, task=Task("binary", ("no", "yes")),
                      ids=np.arange(n).astype(str), modality=name)
    params = {"min_df": 1} if modality_spec(name).featurizer == "tfidf" else {}
    return build_featurizer(modality_spec(name).featurizer, params).fit(dataset)


@pytest.mark.parametrize("name", NAMES)
def test_the_record_reader_describes_a_served_request_as_json(name):
    if name == "molecules":
        pytest.importorskip("rdkit")
    spec = modality_spec(name)
    data = DataConfig(path="x", format=spec.formats[0], **({"text_columns": "note"} if name == "text" else {}))
    if spec.record_reader is None:
        pytest.skip(f"{name} runs are not served")
    fields = record_reader(spec.record_reader, data, _fitted_featurizer(name)).inputs()
    assert fields and json.loads(json.dumps(fields)) == fields

"""The scikit-learn contract for every fitted helper of mednn (featurizers have their own file).

``__init__`` stores settings and learns nothing; ``fit(X, y)`` (inputs first, then the targets,
named ``y`` or ``y_true``; a helper fitted on targets alone takes ``fit(y)``) returns self and
sets the learnt attributes (names ending in ``_``); using a helper before ``fit`` raises mednn's
:class:`~mednn.errors.NotFittedError`. The helpers are found by reading the source: every class
that defines ``fit``, and every class that uses learnt state (``transform``, ``predict``,
``inverse``, ...), needs a case here, a featurizer's contract, or a reason in :data:`NOT_HELPERS`,
so a new one is tested without being added by hand to a list that can be forgotten.
Federated aggregation (``federation/aggregation.py``) and the image recipe (``recipes.py``) are
functions of their inputs, with no fitted state, so the scans find nothing there to exempt.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import numpy as np
import pytest
import torch

import mednn
from mednn.errors import NotFittedError
from mednn.evaluation.calibration import TemperatureScaler
from mednn.evaluation.conformal import ConformalPredictor
from mednn.evaluation.thresholds import ThresholdSelector
from mednn.featurizers import Featurizer
from mednn.featurizers.images import ImageBatches
from mednn.ood.base import OODInputs
from mednn.ood.embedding import EmbeddingKNNScorer
from mednn.ood.images import ImageEmbeddingScorer
from mednn.ood.tabular import TableRangeScorer
from mednn.ood.text import TextKNNScorer
from mednn.privacy.deid import Deidentifier
from mednn.training.losses import TargetScaler

RNG = np.random.default_rng(0)
Y = np.array([0, 1] * 20)
SCORE = np.clip(0.6 * Y + RNG.uniform(0, 0.5, 40), 0, 1)
PROB3 = RNG.dirichlet([1, 1, 1], 40)
Y3 = np.arange(40) % 3
VALUES = RNG.normal(size=(40, 1))
ROWS = OODInputs(features=RNG.normal(size=(40, 3)), embedding=RNG.normal(size=(40, 6)))
NOTES = OODInputs(embedding=ROWS.embedding, texts=[f"note {i % 7} with cough and fever" for i in range(40)])
IMAGES = OODInputs(embedding=RNG.normal(size=(40, 6)), images=ImageBatches(
    torch.from_numpy(RNG.integers(0, 256, (40, 1, 8, 8)).astype(np.uint8)), [0.5], [0.5], 255.0),
    layers=[RNG.normal(size=(40, 4)), RNG.normal(size=(40, 5))])  # the network's first feature-map stages

# class name -> (a new helper, the arguments of fit, a use of the fitted helper)
CASES = {
    "ThresholdSelector": (lambda: ThresholdSelector("youden"), (SCORE, Y), lambda h: h.predict(SCORE)),
    "TemperatureScaler": (lambda: TemperatureScaler("multiclass"), (np.log(PROB3), Y3),
                          lambda h: h.transform(np.log(PROB3))),
    "ConformalPredictor": (lambda: ConformalPredictor(0.9, "lac", "multiclass"), (PROB3, Y3),
                           lambda h: h.predict_sets(PROB3)),
    "TargetScaler": (TargetScaler, (VALUES,), lambda h: h.transform(VALUES)),
    "Deidentifier": (Deidentifier, (["seen by Dr. Smith on 2020-01-02"],),
                     lambda h: h.transform(["MRN 12345678"])),
    # out-of-distribution scorers: fit(train, val), the reference from train, the threshold from val
    "TableRangeScorer": (TableRangeScorer, (ROWS, ROWS), lambda h: h.predict(ROWS)),
    "EmbeddingKNNScorer": (EmbeddingKNNScorer, (ROWS, ROWS), lambda h: h.predict(ROWS)),
    "TextKNNScorer": (TextKNNScorer, (NOTES, NOTES), lambda h: h.predict(NOTES)),
    "ImageEmbeddingScorer": (ImageEmbeddingScorer, (IMAGES, IMAGES), lambda h: h.predict(IMAGES)),
}
# classes that define `fit` or use learnt state but are not fitted helpers, and why
NOT_HELPERS = {
    "Featurizer": "the featurizers' base class: every registered featurizer runs tests/contract/test_featurizers.py",
    "OODScorer": "the out-of-distribution scorers' base class: each registered scorer has a case above",
    "Predictor": "the fitted decision function as one object, loaded from a run (Predictor.load): its parts are "
                 "the fitted helpers (featurizer, calibration, threshold, conformal, target scaler), tested here",
    "Trained": "what training returns (the pipeline's step 2): score() evaluates the trained network",
    "IsolationForestArrays": "the stored arrays of a fitted isolation forest inside the molecule scorer (grown by "
                             "IsolationForestArrays.grow, no fit/transform); its scores are checked against "
                             "scikit-learn's in tests/unit/ood/test_molecule_scorer.py",
}
# methods that use what fit learnt
USES = ("transform", "inverse", "predict", "predict_proba", "predict_sets", "decision_function", "score")


def _classes(methods: tuple[str, ...]) -> dict[str, str]:
    """Class name -> its module, for every class of mednn defining one of ``methods``."""
    root = Path(mednn.__file__).parent
    found = {}
    for path in root.rglob("*.py"):
        module = ".".join(("mednn", *path.relative_to(root).with_suffix("").parts)).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    isinstance(item, ast.FunctionDef) and item.name in methods for item in node.body):
                found[node.name] = module
    return found


def test_every_class_with_fit_has_a_case():
    missing = set(_classes(("fit",))) - set(CASES) - set(NOT_HELPERS)
    assert not missing, f"add a case to CASES for the fitted helper(s) {sorted(missing)}"


def test_every_class_using_learnt_state_is_a_tested_helper_or_says_why_not():
    missing = []
    for name, module in _classes(USES).items():
        cls = getattr(importlib.import_module(module), name)
        if name not in CASES and name not in NOT_HELPERS and not issubclass(cls, Featurizer):
            missing.append(f"{module}.{name}")
    assert not missing, f"add a case to CASES (or a reason to NOT_HELPERS) for {sorted(missing)}"


def test_every_exemption_names_a_class_that_exists():
    stale = set(NOT_HELPERS) - set(_classes(("fit", *USES)))
    assert not stale, f"remove the stale exemption(s) {sorted(stale)} from NOT_HELPERS"


@pytest.mark.parametrize("name", sorted(CASES))
def test_fit_takes_the_inputs_then_the_targets(name):
    make, _, _ = CASES[name]
    params = list(inspect.signature(type(make()).fit).parameters.values())[1:]
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    assert 1 <= len(positional) <= 2, f"{name}.fit takes (X) or (X, y); got {[p.name for p in positional]}"
    if len(positional) == 2:
        # (OOD scorers: fit(train, val), the validation records that set the threshold, docs/ood.md)
        assert positional[1].name in ("y", "y_true", "val"), f"{name}.fit's second argument is the targets (y)"


def _learnt(helper) -> set[str]:
    return {k for k in vars(helper) if k.endswith("_") and not k.startswith("_")}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fit_returns_self_and_sets_learnt_attributes_only(name):
    make, args, use = CASES[name]
    helper = make()
    assert not _learnt(helper), f"{name}.__init__ sets learnt attributes"
    assert helper.fit(*args) is helper
    assert _learnt(helper), f"{name}.fit sets no attribute ending in '_'"
    use(helper)


@pytest.mark.parametrize("name", sorted(CASES))
def test_use_before_fit_raises_not_fitted_error(name):
    make, _, use = CASES[name]
    with pytest.raises(NotFittedError):
        use(make())

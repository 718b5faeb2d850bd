"""The scikit-learn contract for every fitted helper of mednn (featurizers have their own file).

``__init__`` stores settings and learns nothing; ``fit(X, y)`` returns self and sets the learnt
attributes (names ending in ``_``); using a helper before ``fit`` raises mednn's
:class:`~mednn.errors.NotFittedError`. The helpers are found by reading the source: every class
that defines ``fit`` needs a case here (or a reason in :data:`NOT_HELPERS`), so a new one is
tested without being added by hand to a list that can be forgotten.
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

import mednn
from mednn.errors import NotFittedError
from mednn.evaluation.calibration import TemperatureScaler
from mednn.evaluation.conformal import ConformalPredictor
from mednn.evaluation.thresholds import ThresholdSelector
from mednn.ood.base import OODInputs
from mednn.ood.embedding import EmbeddingKNNScorer
from mednn.ood.tabular import TableRangeScorer
from mednn.privacy.deid import Deidentifier
from mednn.training.losses import TargetScaler

RNG = np.random.default_rng(0)
Y = np.array([0, 1] * 20)
SCORE = np.clip(0.6 * Y + RNG.uniform(0, 0.5, 40), 0, 1)
PROB3 = RNG.dirichlet([1, 1, 1], 40)
Y3 = np.arange(40) % 3
VALUES = RNG.normal(size=(40, 1))
ROWS = OODInputs(features=RNG.normal(size=(40, 3)), embedding=RNG.normal(size=(40, 6)))

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
}
# classes that define `fit` but are not fitted helpers
NOT_HELPERS = {
    "Featurizer": "the featurizers' base class: every registered featurizer runs tests/contract/test_featurizers.py",
    "OODScorer": "the out-of-distribution scorers' base class: each registered scorer has a case above",
    "MednnSite": "a Flower client: fit(parameters, config) is Flower's training round",
    "MednnServer": "a Flower server: fit(num_rounds, timeout) runs the rounds",
    "InProcessSite": "a Flower client proxy: fit(ins, timeout, group_id) is Flower's message",
}


def _classes_with_fit() -> set[str]:
    found = set()
    for path in Path(mednn.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    isinstance(item, ast.FunctionDef) and item.name == "fit" for item in node.body):
                found.add(node.name)
    return found


def test_every_class_with_fit_has_a_case():
    missing = _classes_with_fit() - set(CASES) - set(NOT_HELPERS)
    assert not missing, f"add a case to CASES for the fitted helper(s) {sorted(missing)}"


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

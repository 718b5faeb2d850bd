"""explain.budget (issue 19): no explanation method starts once the budget is spent; the image
explainer keeps the batches of images it finished; what was cut is one ``explanations_cut``
finding and a section above the explanations, in counts."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from mednn.config import ExplainConfig, load_config
from mednn.data.base import Dataset, Task
from mednn.explain.base import ExplainContext, explain
from mednn.explain.budget import ExplainBudget
from mednn.featurizers.images import ImageFeaturizer
from mednn.findings import FINDING_IDS


class StepsBudget(ExplainBudget):
    """A budget spent after ``steps`` methods have started (a clock a test can trust)."""

    def __init__(self, steps: int):
        super().__init__(60.0)
        self.steps_left = steps

    def spent(self) -> bool:
        return self.steps_left <= 0

    def check(self, step: str) -> None:
        super().check(step)
        self.steps_left -= 1


def _cnn():
    torch.manual_seed(0)
    return nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                         nn.Linear(4, 1))


def _ctx(budget, n=10):
    rng = np.random.default_rng(0)
    task = Task("binary", ("no", "yes"))
    ds = Dataset(inputs=rng.integers(0, 256, (n, 1, 8, 8), dtype=np.uint8), targets=np.arange(n) % 2,
                 task=task, ids=np.array([f"s{i}" for i in range(n)]), modality="images")
    featurizer = ImageFeaturizer().fit(ds)
    features = featurizer.transform(ds)
    model = _cnn().eval()
    with torch.no_grad():
        prob = torch.sigmoid(model(features.all())[:, 0]).numpy()
    return ExplainContext(model=model, featurizer=featurizer, dataset=ds, features=features, probabilities=prob,
                          predicted=(prob >= 0.5).astype(int), task=task,
                          config=ExplainConfig(n_samples=8, methods=["gradcam", "occlusion"]), budget=budget)


def test_a_budget_spent_after_the_first_batch_keeps_its_images_and_says_what_was_cut():
    budget = StepsBudget(2)  # Grad-CAM and occlusion on images 1-4; nothing on 5-8
    sections = explain(_ctx(budget), "images")
    assert [s["title"] for s in sections] == ["Explanations cut short", "Image attributions"]
    assert sections[1]["caption"].startswith("4 test images")
    found = budget.finding()
    assert found.id == "explanations_cut" and found.id in FINDING_IDS
    assert found.count == 4
    assert "images: 4 of 8 test samples explained, stopped before 'Grad-CAM on test images 5-8 of 8'" in found.message
    assert sections[0]["warnings"] == [found.message]


def test_a_cut_inside_the_first_batch_keeps_the_methods_that_finished_on_it():
    budget = StepsBudget(1)  # Grad-CAM on images 1-4, then no occlusion
    sections = explain(_ctx(budget), "images")
    assert [s["title"] for s in sections] == ["Explanations cut short", "Image attributions"]
    assert sections[1]["method"] == "gradcam" and sections[1]["caption"].startswith("4 test images")
    assert not any(n.startswith("Occlusion:") for n in sections[1].get("notes", []))  # it did not run
    found = budget.finding()
    assert found.count == 4
    assert "images: 4 of 8 test samples explained, stopped before 'Occlusion on test images 1-4 of 8" in found.message


def test_a_budget_that_is_not_spent_changes_nothing():
    plain = explain(_ctx(None), "images")
    budget = StepsBudget(100)
    within = explain(_ctx(budget), "images")
    assert budget.finding() is None
    for a, b in zip(plain, within, strict=True):
        a.pop("seconds"), b.pop("seconds")
        assert a == b


def test_the_default_budget_is_a_quarter_of_train_budget_and_none_without_one():
    assert load_config(None, ["train.budget=90s"]).explain.budget_seconds(90.0) == 22.5
    cfg = load_config(None, ["train.budget=90s", "explain.budget=5s"])
    assert cfg.explain.budget_seconds(cfg.train.budget_seconds) == 5.0
    assert ExplainConfig().budget_seconds(None) is None


@pytest.mark.parametrize("value", ["0s", "-3", "soon", "nan"])
def test_an_explain_budget_that_is_no_duration_is_refused_naming_the_key(value):
    from mednn.errors import ConfigError

    with pytest.raises(ConfigError, match="explain.budget"):
        load_config(None, [f"explain.budget={value}"])


def test_the_real_clock_cuts_once_the_budget_is_spent():
    budget = ExplainBudget(1e-9)
    sections = explain(_ctx(budget), "images")
    assert [s["title"] for s in sections] == ["Explanations cut short"]
    assert np.isclose(budget.finding().count, 8)

"""Explanations: the registry of explainers per modality and what they return.

An explainer is registered with ``@EXPLAINERS.register("<modality>")`` on a function
``explain(ctx: ExplainContext) -> list[Section]``. The pipeline calls it after evaluation on
the test split and stores the sections in ``explanations.json`` of the run directory; the
report embeds them. A section's HTML must be self-contained (images as inline base64 PNG) and
must never hold raw patient text (text explainers work on de-identified text only).
Memory stays bounded: explain a sample (``ctx.config.n_samples``), batch attribution steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

import numpy as np

from ..registry import Registry

EXPLAINERS: Registry = Registry("explainer")


class Section(TypedDict):
    title: str
    html: str


@dataclass
class ExplainContext:
    model: Any  # torch.nn.Module in eval mode, on ctx.device
    featurizer: Any  # the fitted featurizer of the run
    dataset: Any  # mednn.data.base.Dataset: the test split
    features: Any  # featurizer.transform(dataset): a tensor or a Batchable
    probabilities: np.ndarray  # calibrated test probabilities / predictions (see predictions.csv)
    predicted: np.ndarray  # predicted class index (binary/multiclass), 0/1 matrix, or values
    task: Any  # mednn.data.base.Task
    config: Any  # mednn.config.ExplainConfig
    seed: int = 0
    device: str = "cpu"
    # training-split features (same type as ``features``) for methods that compare against a
    # reference distribution (SHAP on tables); None = explainers use the test features instead
    background: Any = None

    def sample_indices(self) -> np.ndarray:
        """A seeded sample of test indices, errors first, then the most confident correct ones."""
        n = len(self.dataset)
        k = min(self.config.n_samples, n)
        if k == 0:
            return np.zeros(0, dtype=int)
        targets = self.dataset.targets
        if self.task.kind in ("binary", "multiclass"):
            wrong = np.flatnonzero(self.predicted != targets)
            right = np.flatnonzero(self.predicted == targets)
            conf = self.probabilities if self.probabilities.ndim == 1 else self.probabilities.max(axis=1)
            if self.probabilities.ndim == 1:
                conf = np.abs(conf - 0.5)
            rng = np.random.default_rng(self.seed)
            wrong = rng.permutation(wrong)[: max(1, k // 2)] if len(wrong) else wrong
            right = right[np.argsort(-conf[right], kind="stable")][: k - len(wrong)]
            return np.concatenate([wrong, right]).astype(int)
        return np.random.default_rng(self.seed).choice(n, size=k, replace=False)


def explain(ctx: ExplainContext, modality: str) -> list[Section]:
    """Run the modality's explainer if one is registered (importing ``explain/<modality>.py``)."""
    from ..registry import import_stage_modules

    import_stage_modules("explain", (modality,))
    if modality not in EXPLAINERS:
        return []
    return EXPLAINERS.get(modality)(ctx)

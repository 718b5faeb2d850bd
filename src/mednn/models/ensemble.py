"""A deep ensemble: N networks of one architecture, trained from different seeds, averaged.

``train.ensemble: N`` trains N members one after another (member i uses the run's seed plus
``MEMBER_SEED_STRIDE * i``; member 0 is exactly the single model the run would train) and
wraps them in :class:`Ensemble`, whose output is the average of the members' *probabilities*,
returned in the space of the task's logits so that everything downstream (temperature
scaling, thresholds, explanations, ``predict``) treats it as one network:

- binary / multilabel: ``logit(mean(sigmoid(z_i)))``;
- multiclass: ``log(mean(softmax(z_i)))`` (a valid logit vector: its softmax is the mean);
- regression: the mean prediction.

Averaging independently trained networks lowers the variance of the prediction: on small
sets (BreastMNIST: 546 training images) accuracy at a fixed threshold swings less.

>>> model = Ensemble([net_a, net_b], "binary")  # doctest: +SKIP
"""

from __future__ import annotations

import math

import torch
from torch import nn

MEMBER_SEED_STRIDE = 1000


def member_seed(seed: int, index: int) -> int:
    """The seed of ensemble member ``index`` (0-based) of a run with ``seed``."""
    return seed + MEMBER_SEED_STRIDE * index


class Ensemble(nn.Module):
    """Members' probabilities averaged, returned as logits (see the module docstring)."""

    def __init__(self, members: list[nn.Module], task_kind: str):
        super().__init__()
        if len(members) < 2:
            raise ValueError(f"an ensemble needs at least 2 members; got {len(members)}")
        self.members = nn.ModuleList(members)
        self.task_kind = task_kind

    def forward(self, batch):
        z = torch.stack([m(batch) for m in self.members])  # (members, n, outputs)
        log_n = math.log(len(self.members))
        if self.task_kind == "regression":
            return z.mean(0)
        if self.task_kind == "multiclass":
            return torch.logsumexp(torch.log_softmax(z, dim=-1), dim=0) - log_n
        # log(mean p) - log(mean (1 - p)), with log p = logsigmoid(z), log(1 - p) = logsigmoid(-z)
        return torch.logsumexp(nn.functional.logsigmoid(z), 0) - torch.logsumexp(nn.functional.logsigmoid(-z), 0)


def members_of(model: nn.Module) -> list[nn.Module]:
    """The networks inside ``model``: an ensemble's members, else the model itself.

    Explanations that reach into a network's layers (Grad-CAM's last convolution, a text
    model's token embedding) run on each member and average the maps.
    """
    return list(model.members) if isinstance(model, Ensemble) else [model]

"""The deep ensemble's output: the members' averaged probabilities, in logit space."""

from __future__ import annotations

import pytest
import torch

from mednn.data.base import Task
from mednn.models.ensemble import Ensemble, member_seed, members_of
from mednn.training.losses import to_probabilities


class Fixed(torch.nn.Module):
    """Returns a fixed output (n, k) whatever the batch, plus a scale so gradients flow."""

    def __init__(self, out):
        super().__init__()
        self.out = torch.as_tensor(out, dtype=torch.float32)
        self.scale = torch.nn.Parameter(torch.ones(()))

    def forward(self, batch):
        return self.out * self.scale


OUTPUTS = [[[2.0, -1.0, 0.5], [-3.0, 0.0, 4.0]],
           [[-1.0, 0.5, 0.0], [1.5, -2.0, 30.0]],
           [[0.0, 0.0, -5.0], [20.0, 1.0, -1.0]]]


@pytest.mark.parametrize("kind", ["binary", "multilabel", "multiclass", "regression"])
def test_output_is_the_mean_of_the_members_probabilities(kind):
    names = ("a", "b") if kind == "binary" else ("a", "b", "c")
    task = Task(kind, names)
    outs = [torch.tensor(o)[:, :1] if kind == "binary" else torch.tensor(o) for o in OUTPUTS]
    ensemble = Ensemble([Fixed(o) for o in outs], kind)
    combined = ensemble(None)
    assert combined.shape == outs[0].shape
    expected = torch.stack([to_probabilities(task, o) for o in outs]).mean(0)
    torch.testing.assert_close(to_probabilities(task, combined), expected, atol=1e-6, rtol=1e-5)
    assert torch.isfinite(combined).all()  # saturated members (30, -5) stay finite
    combined.sum().backward()  # differentiable end to end: attributions flow to every member
    assert all(m.scale.grad is not None for m in ensemble.members)


def test_a_single_network_is_not_an_ensemble():
    with pytest.raises(ValueError, match="at least 2 members"):
        Ensemble([Fixed(OUTPUTS[0])], "binary")
    net = Fixed(OUTPUTS[0])
    assert members_of(net) == [net]
    pair = Ensemble([net, Fixed(OUTPUTS[1])], "regression")
    assert members_of(pair)[0] is net and len(members_of(pair)) == 2


def test_member_seeds_do_not_overlap_between_run_seeds():
    # runs with seeds 0, 1, 2 (a benchmark's repeats) must not share members
    seeds = [member_seed(s, i) for s in range(3) for i in range(10)]
    assert len(set(seeds)) == len(seeds)
    assert member_seed(7, 0) == 7  # member 0 is the run's own single model

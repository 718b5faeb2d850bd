"""Our written-out gradient descent matches torch.optim step for step."""

import pytest
import torch

from mednn.config import TrainConfig
from mednn.training.optim import Adam, CosineSchedule, PlateauSchedule, SGD


def _run(make, steps=6):
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(5, 4), torch.nn.ReLU(), torch.nn.Linear(4, 3)).double()
    x = torch.randn(16, 5, dtype=torch.float64)
    y = torch.randint(0, 3, (16,))
    opt = make(model.parameters())
    for _ in range(steps):
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
    return [p.detach().clone() for p in model.parameters()]


@pytest.mark.parametrize(
    "ours, theirs",
    [
        (lambda p: SGD(p, lr=0.1), lambda p: torch.optim.SGD(p, lr=0.1)),
        (lambda p: SGD(p, lr=0.1, momentum=0.9, weight_decay=0.01),
         lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, weight_decay=0.01)),
        (lambda p: Adam(p, lr=0.01), lambda p: torch.optim.Adam(p, lr=0.01)),
        (lambda p: Adam(p, lr=0.01, weight_decay=0.05), lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=0.05)),
        (lambda p: Adam(p, lr=0.01, weight_decay=0.05, decoupled=True),
         lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.05)),
    ],
    ids=["sgd", "sgd-momentum-wd", "adam", "adam-l2", "adamw"],
)
def test_matches_torch_optim(ours, theirs):
    for a, b in zip(_run(ours), _run(theirs)):
        torch.testing.assert_close(a, b, rtol=1e-10, atol=1e-12)


def test_cosine_schedule_matches_torch():
    model = torch.nn.Linear(2, 1)
    ours = SGD(model.parameters(), lr=0.1)
    theirs = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    s1, s2 = CosineSchedule(ours, 10), torch.optim.lr_scheduler.CosineAnnealingLR(theirs, T_max=10)
    for _ in range(10):
        s1.step()
        theirs.step()
        s2.step()
        assert ours.lr == pytest.approx(theirs.param_groups[0]["lr"], abs=1e-12)


def test_plateau_schedule_halves_after_patience():
    opt = SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    sched = PlateauSchedule(opt, higher_is_better=False, patience=2)
    for score in [1.0, 0.9, 0.95, 0.95, 0.95]:
        sched.step(score)
    assert opt.lr == pytest.approx(0.05)


def test_config_choices_build():
    from mednn.training.optim import make_optimizer

    model = torch.nn.Linear(2, 1)
    assert isinstance(make_optimizer(model, TrainConfig(optimizer="sgd")), SGD)
    adamw = make_optimizer(model, TrainConfig(optimizer="adamw", weight_decay=0.1))
    assert isinstance(adamw, Adam) and adamw.decoupled

"""fit's attachment points: the step strategy and the callback events."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from mednn.config import TrainConfig
from mednn.data.base import Task
from mednn.errors import ConfigError
from mednn.models.tabular import build_mlp
from mednn.training.callbacks import Callback, Checkpointing, StepStrategy, WeightAveraging
from mednn.training.loop import MiniBatchEpochs, fit
from mednn.training.seeding import seed_everything

BINARY = Task("binary", ("neg", "pos"))
CPU = torch.device("cpu")


def _data(n=64, seed=0):
    rng = np.random.default_rng(seed)
    x = torch.as_tensor(rng.normal(size=(n, 5)).astype(np.float32))
    return x, (x[:, 0] > 0).float()


class Recorder(Callback):
    def __init__(self, stop_at=None):
        self.events, self.steps, self.stop_at = [], 0, stop_at

    def setup(self, state):
        self.events.append("setup")

    def on_fit_start(self, state):
        self.events.append("fit_start")

    def on_step_end(self, state):
        self.steps += 1

    def on_validation_start(self, state):
        self.events.append("validation_start")

    def on_validation_end(self, state):
        self.events.append("validation_end")

    def on_epoch_end(self, state):
        self.events.append(f"epoch_end {state.epoch}")
        return state.epoch == self.stop_at

    def on_fit_end(self, state):
        self.events.append("fit_end")


def _fit(cfg, callbacks=(), strategy=None, seed=0):
    x, y = _data()
    gen = seed_everything(seed)
    model = build_mlp(task=BINARY, input_shape=(5,), hidden_sizes=[8])
    result = fit(model, x[:48], y[:48], x[48:], y[48:], task=BINARY, cfg=cfg, generator=gen, device=CPU,
                 strategy=strategy, callbacks=callbacks)
    return model, result


def test_events_come_in_order_and_a_callback_can_stop_training():
    rec = Recorder(stop_at=2)
    _, result = _fit(TrainConfig(epochs=5, batch_size=16, early_stopping={"enabled": False}), [rec])
    assert rec.events[:3] == ["setup", "fit_start", "validation_start"]
    assert rec.events[3:7] == ["validation_end", "epoch_end 1", "validation_start", "validation_end"]
    assert "epoch_end 3" not in rec.events and rec.events[-1] == "fit_end"
    assert result.epochs_run == 2 and not result.stopped_early
    assert rec.steps == 2 * 3  # 48 rows in batches of 16, after every optimizer step


def test_a_custom_strategy_owns_the_epoch():
    class Frozen(StepStrategy):
        """Trains nothing: the weights must come out exactly as they went in."""

        def run_epoch(self, state):
            state.step_end()
            return 0.25

    torch.manual_seed(1)
    x, y = _data()
    model = build_mlp(task=BINARY, input_shape=(5,), hidden_sizes=[8])
    before = {k: v.clone() for k, v in model.state_dict().items()}
    rec = Recorder()
    result = fit(model, None, None, x[48:], y[48:], task=BINARY, cfg=TrainConfig(epochs=3),
                 generator=seed_everything(0), device=CPU, strategy=Frozen(), callbacks=[rec])
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())
    assert [row["train_loss"] for row in result.history] == [0.25] * 3 and rec.steps == 3


def test_the_default_strategy_is_plain_mini_batches():
    cfg = TrainConfig(epochs=3, batch_size=16, early_stopping={"enabled": False})
    m1, r1 = _fit(cfg, seed=2)
    m2, r2 = _fit(cfg, strategy=MiniBatchEpochs(), seed=2)
    assert all(torch.equal(a, b) for a, b in zip(m1.state_dict().values(), m2.state_dict().values()))
    assert [r["train_loss"] for r in r1.history] == [r["train_loss"] for r in r2.history]


def test_a_private_strategy_keeps_the_training_loss_out_of_the_history():
    class Private(MiniBatchEpochs):
        private = True

    _, result = _fit(TrainConfig(epochs=2, batch_size=16), strategy=Private())
    assert all(math.isnan(row["train_loss"]) for row in result.history)
    assert all(math.isfinite(row["val_loss"]) for row in result.history)


def test_checkpoints_are_refused_for_a_strategy_that_cannot_resume():
    class Once(MiniBatchEpochs):
        resumable = False

    with pytest.raises(ConfigError, match="checkpoint_every: 0"):
        _fit(TrainConfig(epochs=2), [Checkpointing(save=lambda state: None)], strategy=Once())


def test_weight_averaging_is_a_callback_and_its_state_is_checkpointed():
    cfg = TrainConfig(epochs=4, lr=0.05, batch_size=16, early_stopping={"enabled": False})
    saved = []
    ema = WeightAveraging(0.9)
    averaged, _ = _fit(cfg, [ema, Checkpointing(save=saved.append)])
    plain, _ = _fit(cfg)
    assert any(not torch.equal(a, b) for a, b in zip(averaged.state_dict().values(), plain.state_dict().values()))
    # without early stopping the final model holds the average itself
    for p, s in zip(averaged.parameters(), ema.average.shadow):
        assert torch.equal(p.detach(), s)
    scalars, tensors = saved[-1]
    assert scalars["parts"]["ema"]["steps"] == 4 * 3 and "ema.0" in tensors

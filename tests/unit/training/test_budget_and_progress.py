"""The time budget, the per-epoch progress report and the callbacks that read the validation
score (model selection, early stopping, schedules) as fit attaches them."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
import torch

from mednn.config import TrainConfig
from mednn.data.base import Task
from mednn.errors import NotFittedError
from mednn.models.tabular import build_mlp
from mednn.training.budget import TimeBudget
from mednn.training.callbacks import Callback, Progress
from mednn.training.loop import fit, standard_callbacks
from mednn.training.losses import TargetScaler
from mednn.training.progress import EpochReport, TrainingClock, format_duration
from mednn.training.selection import EarlyStopping, LearningRateSchedule, ModelSelection
from mednn.training.seeding import seed_everything

BINARY = Task("binary", ("neg", "pos"))
CPU = torch.device("cpu")


def _fit(cfg, callbacks=(), n=64):
    rng = np.random.default_rng(0)
    x = torch.as_tensor(rng.normal(size=(n, 5)).astype(np.float32))
    y = (x[:, 0] > 0).float()
    model = build_mlp(task=BINARY, input_shape=(5,), hidden_sizes=[8])
    k = 3 * n // 4
    return fit(model, x[:k], y[:k], x[k:], y[k:], task=BINARY, cfg=cfg, generator=seed_everything(0), device=CPU,
               callbacks=callbacks)


class _SlowEpochs(Callback):
    """Makes every epoch take ``seconds`` (a stand-in for a large data set)."""

    def __init__(self, seconds):
        self.seconds = seconds

    def on_step_end(self, state):
        time.sleep(self.seconds)


def test_the_config_asks_for_its_callbacks_in_the_order_they_must_run():
    cfg = TrainConfig(ema=0.9, schedule="cosine", budget="5m")
    kinds = [type(c).__name__ for c in standard_callbacks(cfg)]
    assert kinds == ["WeightAveraging", "ModelSelection", "EarlyStopping", "LearningRateSchedule", "TimeBudget"]
    mine = ModelSelection()
    assert standard_callbacks(cfg, [mine]).count(mine) == 1  # one of a kind given: none added
    assert [type(c).__name__ for c in standard_callbacks(TrainConfig(early_stopping={"enabled": False}))] == []


def test_a_time_budget_stops_training_on_time_and_keeps_the_best_weights():
    cfg = TrainConfig(epochs=10_000, batch_size=16, budget=0.6, early_stopping={"patience": 10_000})
    t0 = time.perf_counter()
    result = _fit(cfg, [_SlowEpochs(0.02)])
    spent = time.perf_counter() - t0
    assert result.stopped_by == "budget" and not result.stopped_early
    assert 1 < result.epochs_run < 10_000
    longest = max(row["seconds"] for row in result.history)
    # it stops before an epoch that would not fit: at most the budget, plus one epoch slower than the mean
    assert result.seconds <= 0.6 + longest + 0.25, (result.seconds, longest)
    assert spent < 0.6 + 3 * longest + 1.0
    best = min(row["val_loss"] for row in result.history)
    assert result.history[result.best_epoch - 1]["val_loss"] == best


def test_the_budget_needs_no_epoch_when_the_first_already_spent_it():
    budget = TimeBudget(0.01)
    result = _fit(TrainConfig(epochs=50, batch_size=16), [budget, _SlowEpochs(0.005)])
    assert result.epochs_run == 1 and result.stopped_by == "budget" and budget.left() < 0


def test_the_budget_never_claims_the_last_epoch():
    result = _fit(TrainConfig(epochs=3, batch_size=16), [TimeBudget(0.001)])
    assert result.epochs_run == 1 and result.stopped_by == "budget"
    result = _fit(TrainConfig(epochs=1, batch_size=16), [TimeBudget(0.001)])
    assert result.epochs_run == 1 and result.stopped_by is None  # all of train.epochs ran


def test_progress_reports_every_epoch_with_its_eta():
    reports = []
    clock = TrainingClock()
    result = _fit(TrainConfig(epochs=4, batch_size=16, early_stopping={"enabled": False}),
                  [Progress(reports.append, member=1, members=2, clock=clock)])
    assert [r.epoch for r in reports] == [1, 2, 3, 4] and all(r.epochs == 4 for r in reports)
    assert [r.row for r in reports] == result.history
    assert all(r.eta is not None and r.eta >= 0 for r in reports)  # member 2's epochs are still to come
    assert not any(r.at_most for r in reports)  # without early stopping every epoch will run
    assert reports[-1].elapsed >= reports[0].elapsed
    assert reports[0].line().startswith("epoch 1/4 (member 1/2): train loss ")
    assert "val auroc" in reports[0].line() and "elapsed" in reports[0].line()


def test_the_report_line_names_everything_a_person_watching_needs():
    report = EpochReport(epoch=12, epochs=100, train_loss=0.41234, val_loss=0.39, metrics={"auroc": 0.9},
                         elapsed=75.0, eta=130.0, member=2, members=3, at_most=True)
    assert report.line() == ("epoch 12/100 (member 2/3): train loss 0.4123, val loss 0.3900, val auroc 0.9000; "
                             "1m15s elapsed, at most 2m10s left")
    private = EpochReport(epoch=1, epochs=1, train_loss=math.nan, val_loss=0.5, elapsed=3.0)
    assert private.line() == "epoch 1/1: train loss n/a (private), val loss 0.5000; 3s elapsed"
    assert format_duration(3725) == "1h02m"
    # trial 5: a fast epoch printed "0s elapsed, at most 0s left"
    assert format_duration(0.2) == "<1s" and format_duration(0.6) == "1s"


def test_model_selection_and_early_stopping_are_callbacks_with_their_own_state():
    selection, early = ModelSelection(), EarlyStopping(patience=3)
    result = _fit(TrainConfig(epochs=400, lr=0.05, batch_size=8, early_stopping={"enabled": False}),
                  [selection, early])
    assert result.stopped_by == "early_stopping" and result.stopped_early
    assert result.best_epoch == selection.best_epoch == result.epochs_run - 3
    scalars, tensors = selection.state_dict()
    assert scalars["best_epoch"] == result.best_epoch and tensors
    assert early.state_dict()[0]["bad_epochs"] == 3


def test_a_schedule_is_a_callback():
    schedule = LearningRateSchedule("cosine")
    result = _fit(TrainConfig(epochs=3, batch_size=16, early_stopping={"enabled": False}), [schedule])
    assert result.history[0]["lr"] > result.history[-1]["lr"]
    assert schedule.state_dict()[0]["epoch"] == 3


def test_an_unfitted_target_scaler_says_so():
    for use in (lambda s: s.inverse(np.zeros(3)), lambda s: s.transform(np.zeros(3)), lambda s: s.state_dict()):
        with pytest.raises(NotFittedError, match="before fit"):
            use(TargetScaler())
    scaler = TargetScaler().fit(np.array([1.0, 2.0, 3.0]))
    assert TargetScaler.from_state(scaler.state_dict()).inverse(np.zeros((1, 1)))[0, 0] == pytest.approx(2.0)


class _Clock:
    """A timer that reads ``step`` seconds more at every call (the timed steps' cost)."""

    def __init__(self, step):
        self.now, self.step = 100.0, step

    def __call__(self):
        self.now += self.step
        return self.now


def test_the_pace_line_is_the_measured_step_time_times_the_steps_left():
    """The estimate comes from steps timed on this machine (a loaded machine is slower than a
    recipe's reference table): 0.4 s per timed step, 64*3/4 = 48 rows in batches of 8 = 6 steps
    per epoch, 30 epochs x 2 members = 144 s."""
    from mednn.training.callbacks import StepPace

    said = []
    pace = StepPace(said.append, epochs=30, members=2, warmup=1, steps=4, clock=_Clock(1.6))
    _fit(TrainConfig(epochs=2, batch_size=8, early_stopping={"enabled": False}), [pace])
    estimate = pace.estimate
    assert estimate.steps_timed == 4 and estimate.seconds_per_step == pytest.approx(0.4)
    assert estimate.steps_per_epoch == 6 and estimate.total_seconds == pytest.approx(0.4 * 6 * 30 * 2)
    assert said == [estimate.line()]  # said once, not every epoch
    assert said[0].startswith("pace measured on this machine: 0.400s per training step (4 steps timed) -> about 2s "
                              "per epoch of 6 steps, about 2m24s for 30 epochs x 2 members")
    quick = StepPace(said.append, epochs=3, clock=_Clock(0.01))  # a short run: nothing to say
    _fit(TrainConfig(epochs=1, batch_size=8), [quick])
    assert quick.estimate is not None and len(said) == 1


def test_the_pace_line_names_the_key_that_stops_a_long_training():
    from mednn.training.progress import PaceEstimate

    long = PaceEstimate(seconds_per_step=2.0, steps_timed=5, steps_per_epoch=20, epochs=60)
    assert "fix: set train.budget" in long.line()
    assert "train.budget stops it at 5m00s" in PaceEstimate(2.0, 5, 20, 60, budget=300.0).line()


def test_a_budget_cut_run_is_named_first_when_the_network_shows_no_skill():
    """Trial 5: a run stopped by train.budget after 3 of 5 epochs blamed swapped labels or the
    split for its reversed AUROC; the cut is the first suspect and is said."""
    from types import SimpleNamespace

    from mednn.evaluation.skill import no_skill_findings
    from mednn.pipeline.finishing import _budget_note

    cfg = SimpleNamespace(train=SimpleNamespace(epochs=5))
    note = _budget_note(cfg, [SimpleNamespace(stopped_by="budget", epochs_run=3)])
    assert "after 3 of 5 epochs" in note and "train.budget" in note
    assert _budget_note(cfg, [SimpleNamespace(stopped_by="early_stopping", epochs_run=3)]) == ""
    found = no_skill_findings("binary", {"auroc": {"value": 0.30, "ci95": [0.20, 0.40]}}, cut_short=note)
    assert found and found[0].message.endswith("raise train.budget first")
    assert "swapped labels" in found[0].message  # the other suspects stay named

"""``best_epoch_last``: the validation score was still improving at the last epoch, whether or
not early stopping (and so model selection) is on (trial 10: 20 of 20 epochs with the
validation loss still falling gave no finding when early stopping was off)."""

from __future__ import annotations

from types import SimpleNamespace

from mednn.config import RunConfig
from mednn.pipeline.fitting import best_epoch_last, training_findings


def _result(val_losses, higher=False, monitor="val_loss"):
    history = [{"epoch": i + 1, monitor: v} for i, v in enumerate(val_losses)]
    n = len(val_losses)
    # without model selection the loop keeps (and reports) the last epoch
    return SimpleNamespace(history=history, epochs_run=n, best_epoch=n, stopped_by=None, monitor=monitor,
                           higher=higher)


def _cfg(early_stopping: bool) -> RunConfig:
    cfg = RunConfig()
    cfg.train.early_stopping.enabled = early_stopping
    return cfg


def test_a_still_falling_validation_loss_is_a_finding_without_early_stopping():
    (finding,) = training_findings(_cfg(False), [_result([0.9, 0.6, 0.41, 0.408])])
    assert finding.id == "best_epoch_last" and "epoch 4 of 4" in finding.message
    assert "raise train.epochs" in finding.message


def test_a_loss_that_rose_at_the_end_is_not_without_early_stopping():
    assert training_findings(_cfg(False), [_result([0.9, 0.6, 0.41, 0.43])]) == []
    assert not best_epoch_last(_cfg(False), _result([0.5, 0.5]))  # no improvement: a tie is not one
    assert not best_epoch_last(_cfg(False), _result([0.5]))  # one epoch says nothing


def test_one_epoch_cut_by_the_time_budget_is_a_warning():
    # trial 15: train.budget stopped an image run after 1 of 29 epochs; no finding, and the
    # report's verdict called the network overfitting
    cut = SimpleNamespace(history=[{"epoch": 1, "val_loss": 0.64}], epochs_run=1, best_epoch=1, stopped_by="budget",
                          monitor="val_loss", higher=False)
    (finding,) = training_findings(_cfg(True), [cut])
    assert finding.id == "best_epoch_last" and finding.severity == "warning"
    assert "after its first epoch" in finding.message and "raise train.budget" in finding.message
    assert not best_epoch_last(_cfg(True), SimpleNamespace(**{**vars(cut), "stopped_by": "epochs"}))


def test_a_higher_is_better_monitor_is_read_the_right_way():
    rising = _result([0.7, 0.8, 0.85], higher=True, monitor="val_auroc")
    assert best_epoch_last(_cfg(False), rising)
    assert not best_epoch_last(_cfg(False), _result([0.7, 0.8, 0.85], higher=False, monitor="val_auroc"))


def test_nan_scores_are_never_an_improvement():
    assert not best_epoch_last(_cfg(False), _result([0.9, 0.6, float("nan")]))
    assert best_epoch_last(_cfg(False), _result([float("nan"), 0.6, 0.5]))


def test_under_early_stopping_the_kept_epoch_decides():
    kept_earlier = SimpleNamespace(history=[], epochs_run=5, best_epoch=3, stopped_by=None, monitor="val_loss")
    assert not best_epoch_last(_cfg(True), kept_earlier)
    kept_last = SimpleNamespace(history=[], epochs_run=5, best_epoch=5, stopped_by=None, monitor="val_loss")
    assert best_epoch_last(_cfg(True), kept_last)


def _losses(train_losses):
    history = [{"epoch": i + 1, "train_loss": v, "val_loss": v} for i, v in enumerate(train_losses)]
    return SimpleNamespace(history=history, epochs_run=len(history), best_epoch=len(history), stopped_by=None,
                           monitor="val_loss", higher=False)


# trial 10: SGD lr 0.5 + momentum 0.9 on MNIST, test accuracy 0.31 and no word on the console
TRIAL10_POOR_LR = [1.627, 1.509, 1.546, 1.554, 1.484, 1.518, 1.529, 1.527, 1.487, 1.492, 1.478, 1.488, 1.516,
                   1.482, 1.664, 1.702, 1.734, 1.705, 1.710, 1.713]


def test_a_training_loss_that_climbs_back_is_a_learning_rate_warning():
    cfg = RunConfig()
    cfg.train.optimizer, cfg.train.lr = "sgd", 0.5
    found = [f for f in training_findings(cfg, [_losses(TRIAL10_POOR_LR)]) if f.id == "training_loss_rose"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert "1.478 (epoch 11)" in found[0].message and "lower train.lr or train.momentum (0.9)" in found[0].message


def test_converging_or_wobbling_losses_are_not():
    cfg = RunConfig()
    tuned = [1.12, 0.59, 0.51, 0.47, 0.45, 0.43, 0.417, 0.408, 0.40, 0.396, 0.390, 0.386]
    small_table = [0.652, 0.557, 0.527, 0.514, 0.506, 0.472, 0.491, 0.507, 0.481, 0.484, 0.546, 0.514, 0.473,
                   0.505, 0.557]  # Adam lr 0.02 on 240 rows: noisy, one epoch high, not a climb
    still_falling_fast = [0.9, 0.6, 0.4, 0.35]
    for losses in (tuned, small_table, still_falling_fast):
        assert not [f for f in training_findings(cfg, [_losses(losses)]) if f.id == "training_loss_rose"], losses
    assert not [f for f in training_findings(cfg, [_losses([float("nan")] * 6)]) if f.id == "training_loss_rose"]

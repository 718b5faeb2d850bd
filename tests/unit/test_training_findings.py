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

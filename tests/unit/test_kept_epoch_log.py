"""Without model selection (``train.early_stopping.enabled: false``) the console said "best epoch 6
by val_loss" for the last epoch's weights while history.csv's lowest validation loss was at
epoch 4 (trial 11): the kept epoch is named as kept, with the best one beside it."""

from __future__ import annotations

from mednn.training.state import TrainResult


def test_without_model_selection_the_kept_epoch_is_not_called_the_best():
    from mednn.trainer import _kept

    result = TrainResult(history=[{"val_loss": v} for v in (2.30107, 2.3335, 2.30278, 2.30067, 2.30502, 2.30184)],
                         best_epoch=6, epochs_run=6, monitor="val_loss", selected=False)
    line = _kept(result)
    assert "best epoch 6" not in line and "epoch 6" in line and "best val_loss was at epoch 4" in line
    assert "train.early_stopping.enabled is false" in line
    result.selected = True
    assert _kept(result) == "best epoch 6 by val_loss"
    assert result.best_monitored_epoch() == 4

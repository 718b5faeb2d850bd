"""``training_unstable``: a training loss that jumps far above its lowest value on the way, though
it may come back down, is a learning rate too high (issue 19 item 2: breast cancer at train.lr 0.3
spiked from 0.0098 to 0.327, and the network ended no better than logistic regression, with no word)."""

from __future__ import annotations

from types import SimpleNamespace

from mednn.config import RunConfig
from mednn.findings import FINDING_IDS
from mednn.pipeline.fitting import loss_spike, training_findings


def _losses(train_losses):
    history = [{"epoch": i + 1, "train_loss": v, "val_loss": v} for i, v in enumerate(train_losses)]
    return SimpleNamespace(history=history, epochs_run=len(history), best_epoch=1, stopped_by="early_stopping",
                           monitor="val_loss", higher=False)


# configs/breast_cancer.yaml with train.lr=0.3 (seed 0, Adam): the run's history.csv, 34 epochs
BREAST_CANCER_LR_03 = [0.377, 0.104, 0.0668, 0.0852, 0.0438, 0.0303, 0.0258, 0.0271, 0.0229, 0.0339, 0.0237,
                       0.0324, 0.0168, 0.0172, 0.0160, 0.0121, 0.00995, 0.00982, 0.00991, 0.0246, 0.0217, 0.0996,
                       0.133, 0.0577, 0.0644, 0.174, 0.0803, 0.140, 0.327, 0.186, 0.0457, 0.0489, 0.0430, 0.0417]
CHANCE = 0.66  # the breast-cancer training split's loss of predicting without the inputs
# ordinary runs: converging, or noisy on a small table (Adam lr 0.02 on 240 rows), or near zero
TUNED = [1.12, 0.59, 0.51, 0.47, 0.45, 0.43, 0.417, 0.408, 0.40, 0.396, 0.390, 0.386]
SMALL_TABLE = [0.652, 0.557, 0.527, 0.514, 0.506, 0.472, 0.491, 0.507, 0.481, 0.484, 0.546, 0.514, 0.473, 0.505]
NEAR_ZERO = [0.40, 0.05, 0.004, 0.001, 0.012, 0.002, 0.0005, 0.009]  # 12x wobbles, 1.6% of the chance loss


def _unstable(losses, chance=CHANCE, lr=0.3):
    cfg = RunConfig()
    cfg.train.lr = lr
    return [f for f in training_findings(cfg, [_losses(losses)], chance=chance) if f.id == "training_unstable"]


def test_an_early_spike_is_a_warning_with_its_epoch_and_ratio():
    (finding,) = _unstable(BREAST_CANCER_LR_03)
    assert finding.severity == "warning" and "training_unstable" in FINDING_IDS
    assert "at epoch 29 to 0.327, 33x its lowest before (0.00982, epoch 18)" in finding.message
    assert "lower train.lr (0.3)" in finding.message
    # a spike in the first epochs, before the loss settles
    assert loss_spike(_losses([0.69, 0.30, 1.40, 0.50, 0.35, 0.31]), CHANCE)[:2] == (3, 1.40)


def test_ordinary_noisy_runs_are_not():
    for losses in (TUNED, SMALL_TABLE, NEAR_ZERO, [float("nan")] * 6):
        assert not _unstable(losses), losses
    assert not _unstable(NEAR_ZERO, chance=None)  # epoch 1's loss is the scale without a chance loss


def test_a_loss_that_rose_to_the_end_is_said_once():
    climbed = [0.69, 0.20, 0.10, 0.60, 0.62, 0.61, 0.63]  # training_loss_rose says it, with the same fix
    ids = [f.id for f in training_findings(RunConfig(), [_losses(climbed)], chance=CHANCE)]
    assert "training_loss_rose" in ids and "training_unstable" not in ids

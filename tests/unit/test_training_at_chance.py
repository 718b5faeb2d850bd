"""``training_loss_at_chance``: a run whose training loss never falls below the loss of predicting
without the inputs (ln K for K balanced classes; the target variance for regression) learned
nothing (trial 11: MNIST, SGD lr 3.0, loss flat at ln 10, one class predicted, no warning; lr 1.5
was told "training longer may help")."""

from __future__ import annotations

import json
import math
from types import SimpleNamespace

import numpy as np
import pandas as pd

from mednn.config import RunConfig
from mednn.data.base import Task
from mednn.pipeline.fitting import training_findings
from mednn.training.losses import chance_loss


def test_the_chance_loss_is_the_entropy_of_the_weighted_class_frequencies():
    ten = Task("multiclass", tuple("abcdefghij"))
    assert math.isclose(chance_loss(ten, np.arange(1000) % 10), math.log(10))
    binary = Task("binary", ("no", "yes"))
    y = np.array([0] * 90 + [1] * 10)
    p = np.array([0.9, 0.1])
    assert math.isclose(chance_loss(binary, y), float(-(p * np.log(p)).sum()))
    # balanced class weights make the best constant prediction uniform again
    assert math.isclose(chance_loss(binary, y, np.array([100 / 180, 100 / 20])), math.log(2))
    assert math.isclose(chance_loss(Task("regression", ("t",)), np.array([-1.0, 1.0, -1.0, 1.0])), 1.0)
    labels = np.array([[1, 0], [0, np.nan], [1, 1], [0, 0]], dtype=float)
    multi = chance_loss(Task("multilabel", ("x", "y")), labels)
    assert math.isclose(multi, (4 * math.log(2) + 3 * -(1 / 3 * math.log(1 / 3) + 2 / 3 * math.log(2 / 3))) / 7)


def _run(train_losses, val_losses=None):
    val = val_losses or train_losses
    history = [{"epoch": i + 1, "train_loss": t, "val_loss": v} for i, (t, v) in enumerate(zip(train_losses, val))]
    return SimpleNamespace(history=history, epochs_run=len(history), best_epoch=len(history), stopped_by=None,
                           monitor="val_loss", higher=False)


# trial 11, history.csv of lr 1.5 (8 epochs) and lr 3.0 (6 epochs); ln 10 = 2.3026
LR15 = [2.4072, 2.3033, 2.3017, 2.3017, 2.3016, 2.3022, 2.3016, 2.3027]
LR15_VAL = [2.3031, 2.3000, 2.3002, 2.3000, 2.3005, 2.3001, 2.3001, 2.2999]
LR3 = [2.42484, 2.36145, 2.30995, 2.304, 2.30319, 2.30526]


def test_a_loss_flat_at_chance_is_a_learning_rate_warning_and_not_advice_to_train_longer():
    cfg = RunConfig()
    cfg.train.early_stopping.enabled, cfg.train.lr = False, 1.5
    ids = {f.id: f for f in training_findings(cfg, [_run(LR15, LR15_VAL)], chance=math.log(10))}
    assert "best_epoch_last" not in ids  # the validation loss "improved" at epoch 8 by 0.0001
    assert ids["training_loss_at_chance"].severity == "warning"
    assert "train.lr" in ids["training_loss_at_chance"].message and "(2.303)" in ids["training_loss_at_chance"].message
    cfg.train.lr = 3.0
    assert [f.id for f in training_findings(cfg, [_run(LR3)], chance=math.log(10))] == ["training_loss_at_chance"]


def test_a_loss_that_falls_below_chance_is_not():
    cfg = RunConfig()
    cfg.train.early_stopping.enabled = False
    learning = [2.1, 1.2, 0.8, 0.6]
    assert [f.id for f in training_findings(cfg, [_run(learning)], chance=math.log(10))] == ["best_epoch_last"]
    slow_but_real = [0.70, 0.69, 0.68]  # 2% under ln 2 = 0.693
    assert "training_loss_at_chance" not in {f.id for f in training_findings(cfg, [_run(slow_but_real)],
                                                                             chance=math.log(2))}
    assert training_findings(cfg, [_run([float("nan")] * 4)], chance=1.0) == []  # DP-SGD records no training loss
    assert "training_loss_at_chance" not in {f.id for f in training_findings(cfg, [_run(LR3)])}  # chance unknown


# trial 12, runs/hep/history.csv: 139 rows, 79% one class (chance 0.5004), Adam lr 0.001
HEP = [0.886575, 0.832888, 0.790574, 0.771714, 0.704377, 0.649536, 0.682721, 0.620504]
HEP_VAL = [0.876322, 0.827023, 0.785637, 0.749331, 0.718262, 0.691554, 0.668718, 0.650264]


def test_a_loss_still_falling_above_chance_is_told_to_train_longer_not_that_it_learned_nothing():
    cfg = RunConfig()
    ids = {f.id: f for f in training_findings(cfg, [_run(HEP, HEP_VAL)], chance=0.5004)}
    assert "training_loss_at_chance" not in ids
    assert "epoch 8 of 8" in ids["best_epoch_last"].message and "train.epochs" in ids["best_epoch_last"].message


def test_a_flat_loss_above_chance_says_how_far_above_and_not_within_1_percent():
    cfg = RunConfig()
    cfg.train.lr = 1e-9
    stuck = [1.2012, 1.2010, 1.2011, 1.2009]  # a rate far too low: the initial loss, 9% above ln 3
    found = {f.id: f for f in training_findings(cfg, [_run(stuck)], chance=math.log(3))}
    message = found["training_loss_at_chance"].message
    assert "9% above" in message and "within 1%" not in message and "10x higher" in message
    assert "best_epoch_last" not in found


def _blobs(path, n=300):
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, n)
    frame = pd.DataFrame(rng.normal(size=(n, 4)) + y[:, None] * 1.5, columns=list("abcd"))
    frame["grade"] = np.array(["low", "mid", "high"])[y]
    frame.to_csv(path, index=False)


def test_the_cli_warns_when_training_learned_nothing_and_not_when_it_learned(tmp_path, capsys):
    from mednn.cli.main import main

    _blobs(tmp_path / "blobs.csv")
    common = ["--set", "data.label=grade", "--set", "train.epochs=4", "--set", "train.early_stopping.enabled=false",
              "--set", "train.progress=false", "--set", "explain.enabled=false", "--set", "report.enabled=false",
              "--set", "evaluate.bootstrap=20", "--set", "train.threads=1"]
    for lr, expected in (("1e-9", True), ("0.01", False)):
        out = tmp_path / f"lr{lr}"
        assert main(["train", "--data", str(tmp_path / "blobs.csv"), "--out", str(out), "--set", f"train.lr={lr}",
                     *common]) == 0
        err = capsys.readouterr().err
        ids = [f["id"] for f in json.loads((out / "data.json").read_text())["findings"]]
        assert ("training_loss_at_chance" in ids) == expected, (lr, ids)
        assert ("mednn: warning: [training_loss_at_chance]" in err) == expected, lr
        assert "kept the last epoch's weights (epoch 4" in err

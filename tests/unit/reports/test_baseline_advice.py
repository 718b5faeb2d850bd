"""The advice when a simpler model beats the network follows the network's own learning curves:
an underfitting network (trial 10: the seed's 5-unit MLP, still improving at its last epoch and
losing to logistic regression) is told to grow or train longer, never to simplify; an
overfitting one may be told to simplify."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from mednn.reports.sections.baselines import _advice, fit_state


def _run(train_losses, val_losses, *, best_epoch=None, best_epoch_last=False, member=None):
    n = len(train_losses)
    frame = pd.DataFrame({"epoch": [str(e) for e in range(1, n + 1)],
                          "train_loss": [str(v) for v in train_losses], "val_loss": [str(v) for v in val_losses]})
    if member is not None:
        frame["member"] = member
    training = SimpleNamespace(best_epoch=best_epoch or n, best_epoch_last=best_epoch_last)
    return SimpleNamespace(record=SimpleNamespace(training=training), run=SimpleNamespace(history=lambda: frame))


def test_still_improving_at_the_last_epoch_is_underfitting_and_never_simplify():
    run = _run([1.49, 0.81, 0.3755], [0.95, 0.73, 0.4080], best_epoch_last=True)
    assert fit_state(run)[0] == "underfit"
    advice = _advice(run)
    assert "underfits" in advice and "model.hidden_sizes" in advice and "train.epochs" in advice
    assert "simplify" not in advice.lower() and "fewer units" not in advice


def test_no_gap_between_training_and_validation_loss_is_underfitting():
    # the kept epoch is not the last, but the network fits its training data no better than unseen data
    run = _run([0.9, 0.60, 0.59, 0.59], [0.9, 0.62, 0.61, 0.63], best_epoch=3)
    assert fit_state(run)[0] == "underfit"
    assert "simplify" not in _advice(run).lower()


def test_a_large_gap_is_overfitting_and_may_be_simplified():
    run = _run([0.5, 0.1, 0.02, 0.005], [0.4, 0.3, 0.35, 0.5], best_epoch=2)
    word, why = fit_state(run)
    assert word == "overfit" and "training loss 0.1" in why and "validation loss 0.3" in why
    assert "simplify" in _advice(run) and "underfits" not in _advice(run)


def test_without_a_training_loss_no_direction_is_given():
    run = _run(["nan", "nan"], [0.4, 0.3])  # DP-SGD does not record the training loss
    assert fit_state(run) is None
    advice = _advice(run)
    assert "simplify" not in advice.lower() and "underfits" not in advice and "overfits" not in advice


def test_an_ensemble_is_read_from_member_1():
    run = _run([0.5, 0.1, 0.5, 0.45], [0.4, 0.3, 0.5, 0.46], best_epoch=2, member=["1", "1", "2", "2"])
    assert fit_state(run)[0] == "overfit"

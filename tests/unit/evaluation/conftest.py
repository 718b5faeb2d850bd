"""Generated classification / regression data for the evaluation tests."""

from __future__ import annotations

import numpy as np
import pytest


def make_binary(n: int = 400, prevalence: float = 0.5, seed: int = 0, ties: bool = False):
    """y (n,) 0/1 with both classes present, P(positive) (n,) that separates them moderately."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < prevalence).astype(np.int64)
    y[:2] = [0, 1]
    score = 1.0 / (1.0 + np.exp(-(rng.normal(size=n) + 1.2 * y - 0.5)))
    if ties:
        score = np.round(score, 1)  # many tied scores, across both classes
    return y, score


def make_multiclass(n: int = 500, n_classes: int = 4, imbalanced: bool = False, seed: int = 0, ties: bool = False):
    """y (n,) class indices, every class present; probabilities (n, C) that sum to 1."""
    rng = np.random.default_rng(seed)
    weights = np.geomspace(1.0, 0.08, n_classes) if imbalanced else np.ones(n_classes)
    y = rng.choice(n_classes, size=n, p=weights / weights.sum())
    y[:n_classes] = np.arange(n_classes)
    logits = rng.normal(size=(n, n_classes))
    logits[np.arange(n), y] += 1.3
    prob = np.exp(logits)
    prob /= prob.sum(axis=1, keepdims=True)
    if ties:
        prob = np.round(prob, 1)
    return y, prob


def make_regression(n: int = 300, n_targets: int = 1, seed: int = 0):
    rng = np.random.default_rng(seed)
    y = rng.normal(loc=50.0, scale=10.0, size=(n, n_targets))
    pred = y + rng.normal(scale=4.0, size=(n, n_targets))
    return (y[:, 0], pred[:, 0]) if n_targets == 1 else (y, pred)


@pytest.fixture
def binary():
    return make_binary


@pytest.fixture
def multiclass():
    return make_multiclass


@pytest.fixture
def regression():
    return make_regression

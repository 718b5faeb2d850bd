"""Losses per task and the output activations (seed section 3.2).

binary: sigmoid + binary cross-entropy; multiclass: softmax + cross-entropy; multilabel:
per-label sigmoid + BCE with missing labels (NaN) masked out; regression: identity + MSE on
targets standardised with training statistics. Class weights implement the seed's remedy for
imbalance (section 6.1): ``balanced`` gives each class n / (k * n_c).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch
import torch.nn.functional as F

from ..errors import ConfigError
from ..inference.scaler import TargetScaler  # noqa: F401 - re-exported (training fits it)


def class_weight_vector(task, targets: np.ndarray, spec) -> np.ndarray | None:
    """Per-class weights (binary/multiclass) or per-label positive weights (multilabel)."""
    if spec in (None, "none"):
        return None
    if task.kind == "regression":  # weighing classes that do not exist would be silently ignored
        given = "balanced" if spec == "balanced" else "class weights"
        raise ConfigError(f"train.class_weights is {given}, but the task is regression, which has no classes to "
                          "weigh; fix: remove train.class_weights (or set data.task if the label is classes)")
    if task.kind == "multilabel":
        if isinstance(spec, dict):
            return _explicit(task, spec)
        pos = np.nansum(targets == 1, axis=0).astype(float)
        neg = np.nansum(targets == 0, axis=0).astype(float)
        return np.where(pos > 0, neg / np.maximum(pos, 1), 1.0)
    k = len(task.class_names)
    if isinstance(spec, dict):
        return _explicit(task, spec)
    counts = np.bincount(targets.astype(int), minlength=k).astype(float)
    return np.where(counts > 0, len(targets) / (k * np.maximum(counts, 1)), 0.0)


def _explicit(task, spec: dict) -> np.ndarray:
    unknown = sorted(set(spec) - set(task.class_names))
    if unknown:
        raise ConfigError(
            f"train.class_weights names {len(unknown)} class(es) the task does not have (it has "
            f"{len(task.class_names)}); fix: use the class names as the data write them"
        )
    return np.array([float(spec.get(c, 1.0)) for c in task.class_names])


def make_loss(task, weights: np.ndarray | None = None) -> Callable[[torch.Tensor, torch.Tensor], torch.Tensor]:
    """Return ``loss(logits, targets)`` averaged over (present) labels."""
    w = None if weights is None else torch.as_tensor(weights, dtype=torch.float32)

    if task.kind == "multiclass":
        def multiclass(logits, y):
            return F.cross_entropy(logits, y, weight=None if w is None else w.to(logits.device))
        return multiclass

    if task.kind == "binary":
        def binary(logits, y):
            y = y.to(logits.dtype)
            logits = logits.reshape(-1)
            if w is None:
                return F.binary_cross_entropy_with_logits(logits, y)
            sample_w = w.to(logits.device)[y.long()]
            # normalised weighted mean, as cross_entropy does with class weights
            losses = F.binary_cross_entropy_with_logits(logits, y, reduction="none")
            return (losses * sample_w).sum() / sample_w.sum()
        return binary

    if task.kind == "multilabel":
        def multilabel(logits, y):
            mask = ~torch.isnan(y)
            y0 = torch.where(mask, y, torch.zeros_like(y))
            pos_weight = None if w is None else w.to(logits.device)
            losses = F.binary_cross_entropy_with_logits(logits, y0, reduction="none", pos_weight=pos_weight)
            # missing labels contribute nothing, and do not dilute the mean
            return (losses * mask).sum() / mask.sum().clamp(min=1)
        return multilabel

    def regression(pred, y):
        mask = ~torch.isnan(y)
        diff = torch.where(mask, pred - y, torch.zeros_like(pred))
        return (diff**2).sum() / mask.sum().clamp(min=1)
    return regression


def loss_denominator(task, weights: np.ndarray | None = None) -> Callable[[torch.Tensor], torch.Tensor]:
    """Return ``denominator(targets)``: what :func:`make_loss`'s mean over a batch divides by.

    It depends on the targets alone (the sample count, the sum of the samples' class weights,
    or the number of present labels), so the loss of a batch split into shards is recovered
    exactly from the shards' losses: ``sum(loss_r * den_r) / den(batch)``. Data-parallel
    training (:mod:`.distributed`) weights each rank's loss this way.
    """
    w = None if weights is None else torch.as_tensor(weights, dtype=torch.float32)

    def denominator(y: torch.Tensor) -> torch.Tensor:
        if task.kind in ("multiclass", "binary"):
            if w is None:
                return torch.tensor(float(y.shape[0]), device=y.device)
            return w.to(y.device)[y.long()].sum()
        return (~torch.isnan(y)).sum().to(torch.float32)  # multilabel, regression: present labels
    return denominator


def to_probabilities(task, logits: torch.Tensor) -> torch.Tensor:
    """The output layer's activation: sigmoid (binary / multilabel), softmax, or identity."""
    if task.kind == "binary":
        return torch.sigmoid(logits.reshape(-1))
    if task.kind == "multiclass":
        return torch.softmax(logits, dim=1)
    if task.kind == "multilabel":
        return torch.sigmoid(logits)
    return logits


def targets_for_loss(task, targets: np.ndarray, scaler: TargetScaler | None = None) -> torch.Tensor:
    """Targets in the loss's space: class indices (multiclass), 0/1 floats (binary; multilabel
    with NaN for a missing label) or regression targets standardised by ``scaler``."""
    if task.kind == "multiclass":
        return torch.as_tensor(targets, dtype=torch.long)
    if task.kind == "binary":
        return torch.as_tensor(targets, dtype=torch.float32)
    if task.kind == "multilabel":
        return torch.as_tensor(np.asarray(targets, dtype=np.float32))
    return torch.as_tensor(scaler.transform(targets))


def chance_loss(task, targets: np.ndarray, weights: np.ndarray | None = None) -> float | None:
    """The loss :func:`make_loss` gives the best prediction that ignores the inputs (the weighted
    class frequencies; the mean of each label; the mean target): what a network that learned
    nothing from its features ends at. ``targets`` are in the loss's space
    (:func:`targets_for_loss`); None without targets.

    >>> chance_loss(Task("multiclass", tuple("abc")), np.array([0, 1, 2]))  # doctest: +SKIP
    1.0986...  # ln 3
    """
    y = np.asarray(targets, dtype=np.float64)
    if task.kind in ("binary", "multiclass"):
        k = max(len(task.class_names), 2)
        mass = np.bincount(y.astype(np.int64), minlength=k).astype(np.float64)
        if weights is not None:
            mass = mass * np.asarray(weights, dtype=np.float64)[:k]
        if mass.sum() <= 0:
            return None
        p = mass[mass > 0] / mass.sum()
        return float(-(p * np.log(p)).sum())
    present = ~np.isnan(y)
    if not present.any():
        return None
    if task.kind == "regression":  # each target column's own mean
        y2 = y.reshape(len(y), -1)
        mean = np.nanmean(np.where(present.reshape(y2.shape), y2, np.nan), axis=0)
        return float(np.nansum((y2 - mean) ** 2) / present.sum())
    return _multilabel_chance(y, present, weights)


def _multilabel_chance(y: np.ndarray, present: np.ndarray, weights: np.ndarray | None) -> float:
    """Per label, the positive-weighted BCE of its best constant probability; the mean over present labels."""
    n = present.sum(axis=0).astype(np.float64)
    pos = np.nansum(y == 1, axis=0) / np.maximum(n, 1)
    pw = np.ones_like(pos) if weights is None else np.asarray(weights, dtype=np.float64)
    q = np.clip(pw * pos / np.maximum(pw * pos + 1 - pos, 1e-12), 1e-12, 1 - 1e-12)
    per_label = -pw * pos * np.log(q) - (1 - pos) * np.log(1 - q)
    return float((per_label * n).sum() / n.sum())

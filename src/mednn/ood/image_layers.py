"""The feature maps of an image network, stage by stage, for the image scorer's layer ensemble.

Lee et al. ("A simple unified framework for detecting out-of-distribution samples", NeurIPS
2018) score a Mahalanobis distance on several layers of the network, not only on the last one:
early layers see texture and contrast (an ultrasound's speckle against an X-ray's smooth
gradients) that the pooled final embedding, trained to tell two classes apart, has discarded.

Reading "a layer" must need no code per model (every registered network, ensembles, 2D and 3D),
so :class:`StageFeatures` hooks every *leaf* module of a network and, for each forward pass,
groups their outputs in the order they ran by spatial shape: a run of leaves that keep the
same feature-map size is a *stage* (small_cnn's conv blocks, a ResNet's layers, a DenseNet's
dense blocks), and the output of its last leaf (after the block's activation) is the stage's
output. Each stage's output is average-pooled over space per channel: one vector per image
and stage. Stages whose maps are a single voxel (the pooled embedding itself) are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import ModelError
from .base import mahalanobis, shrunk_precision

MAX_FULL_COVARIANCE = 4096  # channels (or embedding width); above, a diagonal covariance (d x d grows as d^2)


class StageFeatures:
    """Forward hooks on the leaves of networks that keep each stage's pooled output.

    ``wrap(forward)`` returns a function that runs ``forward(network)`` with the hooks on
    ``network`` (so it can be given to :func:`~mednn.ood.embedding.final_layer_inputs`, which
    runs one network at a time); :meth:`features` gives, per stage, an (n, channels) array
    (ensemble members' stages of the same index side by side).
    """

    def __init__(self) -> None:
        self.members: list[list[list[np.ndarray]]] = []  # member -> stage -> blocks of records
        self._current: list[tuple[tuple[int, ...], np.ndarray]] = []

    def wrap(self, forward: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def run(network: Any) -> Any:
            from torch import nn

            leaves = [m for m in network.modules() if not list(m.children()) and not isinstance(m, nn.Linear)]
            stages: list[list[np.ndarray]] = []
            self._current = []
            handles = [leaf.register_forward_hook(self._leaf_ran) for leaf in leaves]
            handles.append(network.register_forward_hook(lambda *_: self._network_ran(stages)))
            try:
                result = forward(network)
            finally:
                for handle in handles:
                    handle.remove()
            self.members.append(stages)
            return result
        return run

    def _leaf_ran(self, module: Any, inputs: Any, output: Any) -> None:
        if hasattr(output, "shape") and output.ndim in (4, 5):
            spatial = tuple(output.shape[2:])
            # pooled now: a later in-place operation (a residual sum, an inplace ReLU) must not change it
            pooled = output.detach().float().flatten(2).mean(2).cpu().numpy().astype(np.float64)
            if self._current and self._current[-1][0] == spatial:
                self._current[-1] = (spatial, pooled)  # the stage's latest output
            else:
                self._current.append((spatial, pooled))

    def _network_ran(self, stages: list[list[np.ndarray]]) -> None:
        outputs = [o for spatial, o in self._current if int(np.prod(spatial)) > 1]
        self._current = []
        if stages and len(stages) != len(outputs):
            raise ModelError(f"the network ran {len(outputs)} feature-map stages on one batch and {len(stages)} "
                             "on another: its layers cannot be read")
        if not stages:
            stages.extend([] for _ in outputs)
        for blocks, pooled in zip(stages, outputs):
            blocks.append(pooled)

    def features(self) -> list[np.ndarray]:
        """Per stage, the records' pooled outputs (n, channels), members side by side."""
        if not self.members:
            return []
        counts = {len(stages) for stages in self.members}
        if len(counts) != 1:
            raise ModelError("the ensemble's members have different numbers of feature-map stages")
        out = []
        for index in range(counts.pop()):
            parts = [np.concatenate(stages[index]) for stages in self.members]
            out.append(np.concatenate(parts, axis=1))
        return out


class LayerGaussians:
    """One Gaussian per stage (mean, Ledoit-Wolf precision; diagonal above ``max_full``
    channels), packed into flat arrays for the run's safetensors file, and the score: the mean
    over stages of each stage's Mahalanobis distance divided by its median on the training records
    (one component: stages added as separate components, each scaled to its own 95% quantile,
    flagged more records of a patient-shifted test split for no gain against foreign images;
    docs/benchmarks.md, "OOD images")."""

    def __init__(self, widths: np.ndarray, means: np.ndarray, precisions: np.ndarray, medians: np.ndarray):
        self.widths = np.asarray(widths, dtype=np.int64).reshape(-1)
        self.means = np.asarray(means, dtype=np.float64).reshape(-1)
        self.precisions = np.asarray(precisions, dtype=np.float64).reshape(-1)
        self.medians = np.asarray(medians, dtype=np.float64).reshape(-1)
        if (self.widths < 1).any() or self.means.size != self.widths.sum() or len(self.medians) != len(self.widths) \
                or not (self.medians > 0).all():
            raise ValueError("layer Gaussian shapes")
        self._unpack()

    @classmethod
    def of(cls, stages: list[np.ndarray]) -> LayerGaussians:
        means, precisions, medians = [], [], []
        for x in stages:
            x = np.nan_to_num(np.asarray(x, dtype=np.float64))
            mean, precision = x.mean(axis=0), shrunk_precision(x, MAX_FULL_COVARIANCE)
            if precision.ndim == 1 and len(mean) <= MAX_FULL_COVARIANCE:  # too few rows: a diagonal one
                precision = np.diag(precision)
            means.append(mean)
            precisions.append(precision.reshape(-1))
            medians.append(max(float(np.median(mahalanobis(x - mean, precision))), 1e-9))
        widths = np.asarray([len(m) for m in means], dtype=np.int64)
        empty = np.zeros(0)
        return cls(widths, np.concatenate(means) if means else empty,
                   np.concatenate(precisions) if precisions else empty, np.asarray(medians))

    def _unpack(self) -> None:
        """Each stage's mean and precision: a d x d matrix up to MAX_FULL_COVARIANCE channels, else
        its diagonal (as ``shrunk_precision`` gives them)."""
        self._stages = []
        start_mean = start_precision = 0
        for d in (int(w) for w in self.widths):
            size = d * d if d <= MAX_FULL_COVARIANCE else d
            precision = self.precisions[start_precision:start_precision + size]
            if precision.size != size:
                raise ValueError("layer precision size")
            self._stages.append((self.means[start_mean:start_mean + d],
                                 precision.reshape(d, d) if size == d * d else precision))
            start_mean, start_precision = start_mean + d, start_precision + size
        if start_precision != self.precisions.size:
            raise ValueError("layer precision size")

    def distance(self, stages: list[np.ndarray], n: int) -> np.ndarray:
        """(n,) the mean over stages of the distance over its training median; 0 for every record
        of a network without feature maps (an MLP on flattened images: the embedding speaks for it)."""
        if len(stages) < len(self._stages):
            raise ModelError(f"the network gave {len(stages)} feature-map stages; the scorer was fitted on "
                             f"{len(self._stages)}")
        if not self._stages:
            return np.zeros(n)
        parts = []
        for (mean, precision), median, x in zip(self._stages, self.medians, stages):
            x = np.nan_to_num(np.asarray(x, dtype=np.float64))
            if x.shape[1] != len(mean):
                raise ModelError(f"a feature-map stage has {x.shape[1]} channels; the scorer was fitted on {len(mean)}")
            parts.append(mahalanobis(x - mean, precision) / median)
        return np.mean(parts, axis=0)

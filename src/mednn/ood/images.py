"""``image_knn``: the embedding's nearest-neighbour distance + the image's own intensity statistics.

A network's embedding does not see every foreign image: an all-black, all-white or constant
frame, or pure noise, is normalised, convolved and pooled into a vector that can land among the
training embeddings (issue 19: a blank PNG sent to a PneumoniaMNIST model was not flagged). So
the image scorer keeps :class:`~mednn.ood.embedding.EmbeddingKNNScorer`'s components and adds one
computed from the pixels themselves, as the network receives them (after the featurizer's resize,
its normalisation undone: intensities in [0, 1], 2D and 3D alike):

- ``intensity_out_of_range``: how many of the image's intensity statistics (per channel: mean,
  standard deviation, share of black and of white pixels, share of the most frequent of 256
  levels, histogram entropy, the 5/50/95% quantiles, and the roughness, the mean difference
  between neighbouring pixels over the standard deviation) lie outside their robust training
  range: the 0.5-99.5% training quantiles widened by a quarter of their span on each side, as
  ``table_ranges`` does for columns. A constant frame has a standard deviation, a modal share
  and an entropy no training image had; noise a roughness; an inverted X-ray its quantiles.

The statistics are computed on every image the scorer sees (training reference, validation,
every predicted record); only their ranges are kept, never a pixel. An image turned upside down
has the same statistics as the original: only the embedding can see it (the benchmark reports it).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import ConfigError, ModelError, problem
from .base import OOD_SCORERS, OODInputs
from .embedding import EmbeddingKNNScorer

STATISTICS = ("mean", "std", "black_share", "white_share", "modal_share", "entropy", "q05", "q50", "q95",
              "roughness")
LEVELS = 256  # intensity levels of the histogram (8-bit images: every level its own bin)
ENTROPY_BINS = 32
SATURATED = 0.5 / 255  # within half an 8-bit level of 0 (black) or 1 (white)
CHUNK = 64  # images per block of statistics


def intensity_statistics(records: Any) -> np.ndarray:
    """(n, channels x len(STATISTICS)) intensity statistics of featurized images
    (:class:`~mednn.featurizers.images.ImageBatches` or a streamed cache: anything with
    ``batch(index)``, ``mean`` and ``std`` per channel), 2D or 3D."""
    if not (hasattr(records, "batch") and isinstance(getattr(records, "mean", None), (list, tuple))
            and isinstance(getattr(records, "std", None), (list, tuple)) and len(records.mean) == len(records.std)):
        raise ModelError(f"the image scorer reads featurized images (ImageBatches); got {type(records).__name__}")
    n = len(records)
    mean = np.asarray(records.mean, dtype=np.float64).reshape(1, -1, 1)
    std = np.asarray(records.std, dtype=np.float64).reshape(1, -1, 1)
    blocks = []
    for start in range(0, n, CHUNK):
        batch = records.batch(np.arange(start, min(start + CHUNK, n)))
        x = np.asarray(batch.detach().cpu().numpy() if hasattr(batch, "detach") else batch, dtype=np.float64)
        if x.ndim not in (4, 5) or x.shape[1] != mean.shape[1]:
            raise ModelError(f"the image scorer reads (n, C, H, W) or (n, C, D, H, W) images; got shape {x.shape}")
        blocks.append(_block_statistics(x, mean, std))
    if not blocks:
        return np.zeros((0, mean.shape[1] * len(STATISTICS)))
    return np.concatenate(blocks)


def _block_statistics(x: np.ndarray, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    """The statistics of one block of normalised images ``x`` (channels side by side)."""
    spatial = x.shape[2:]
    flat = x.reshape(x.shape[0], x.shape[1], -1) * std + mean  # intensities in [0, 1] units
    flat = np.nan_to_num(flat, nan=0.0, posinf=1.0, neginf=0.0)
    m, s = flat.mean(axis=2), flat.std(axis=2)
    levels = np.clip(np.rint(flat * (LEVELS - 1)), 0, LEVELS - 1).astype(np.int64)
    rows = levels.shape[0] * levels.shape[1]
    offsets = (np.arange(rows) * LEVELS).reshape(levels.shape[:2] + (1,))
    hist = np.bincount((levels + offsets).ravel(), minlength=rows * LEVELS).reshape(*levels.shape[:2], LEVELS)
    share = hist / flat.shape[2]
    coarse = share.reshape(*share.shape[:2], ENTROPY_BINS, -1).sum(axis=3)
    entropy = -(coarse * np.log2(np.where(coarse > 0, coarse, 1.0))).sum(axis=2)
    q05, q50, q95 = np.quantile(flat, [0.05, 0.5, 0.95], axis=2)
    grid = flat.reshape(*flat.shape[:2], *spatial)
    steps = [np.abs(np.diff(grid, axis=axis)).reshape(*flat.shape[:2], -1).mean(axis=2)
             for axis in range(2, grid.ndim) if grid.shape[axis] > 1]
    roughness = (np.mean(steps, axis=0) if steps else np.zeros_like(m)) / (s + 0.01)
    stats = [m, s, (flat <= SATURATED).mean(axis=2), (flat >= 1 - SATURATED).mean(axis=2), share.max(axis=2),
             entropy, q05, q50, q95, roughness]
    return np.stack(stats, axis=2).reshape(x.shape[0], -1)  # per image: channel 0's statistics, then 1's ...


@OOD_SCORERS.register("image_knn")
class ImageKNNScorer(EmbeddingKNNScorer):
    """``embedding_knn``'s components + how many intensity statistics are out of their training range.

    >>> scorer = ImageKNNScorer()  # doctest: +SKIP
    >>> scorer.fit(OODInputs(embedding=e_train, records=train_images), OODInputs(...))  # doctest: +SKIP
    """

    name = "image_knn"

    def __init__(self, fpr: float = 0.05, neighbours: int = 10, reference_size: int = 5000,
                 normalize: bool = False, energy: bool | str = "auto", task_kind: str | None = None, seed: int = 0,
                 intensity: bool = True, quantile: float = 0.005, margin: float = 0.25):
        super().__init__(fpr, neighbours, reference_size, normalize, energy, task_kind, seed)
        self.intensity = intensity
        self.quantile = quantile
        self.margin = margin

    @property
    def needs(self) -> tuple[str, ...]:  # type: ignore[override]
        return (*super().needs, "records") if self.intensity else super().needs

    @property
    def components(self) -> tuple[str, ...]:  # type: ignore[override]
        return (*super().components, "intensity_out_of_range") if self.intensity else super().components

    @property
    def floors(self) -> tuple[float, ...]:  # type: ignore[override]
        # one statistic out of range scores 2 when validation has (almost) none out of range
        return (*super().floors, 0.5) if self.intensity else super().floors

    @property
    def learnt(self) -> tuple[str, ...]:  # type: ignore[override]
        return ("reference_", "intensity_low_", "intensity_high_") if self.intensity else ("reference_",)

    def _check_params(self) -> None:
        super()._check_params()
        if not isinstance(self.intensity, bool):
            raise ConfigError(problem("The 'intensity' parameter of ImageKNNScorer must be true or false",
                                      got=self.intensity))
        if isinstance(self.quantile, bool) or not isinstance(self.quantile, (int, float)) \
                or not 0 <= self.quantile < 0.5:
            raise ConfigError(problem("The 'quantile' parameter of ImageKNNScorer must be in [0, 0.5)",
                                      got=self.quantile))
        if isinstance(self.margin, bool) or not isinstance(self.margin, (int, float)) or not 0 <= self.margin <= 10:
            raise ConfigError(problem("The 'margin' parameter of ImageKNNScorer must be in [0, 10]", got=self.margin))

    def _fit_reference(self, train: OODInputs) -> None:
        super()._fit_reference(train)
        if self.intensity:
            stats = intensity_statistics(train.records)
            low, high = np.quantile(stats, [self.quantile, 1 - self.quantile], axis=0)
            span = high - low
            self.intensity_low_ = (low - self.margin * span).astype(np.float64)
            self.intensity_high_ = (high + self.margin * span).astype(np.float64)

    def _components(self, x: OODInputs) -> np.ndarray:
        knn = super()._components(x)
        if not self.intensity:
            return knn
        return np.column_stack([knn, self.intensity_out_of_range(x.records).sum(axis=1)])

    def intensity_out_of_range(self, records: Any) -> np.ndarray:
        """(n, statistics) True where an image's statistic lies outside its training range."""
        stats = intensity_statistics(records)
        if stats.shape[1] != len(self.intensity_low_):
            raise ModelError(problem("The images do not have the channels the scorer was fitted on",
                                     got=stats.shape[1] // len(STATISTICS),
                                     expected=str(len(self.intensity_low_) // len(STATISTICS))))
        tolerance = 1e-9 * (1 + np.maximum(np.abs(self.intensity_low_), np.abs(self.intensity_high_)))
        return (stats < self.intensity_low_ - tolerance) | (stats > self.intensity_high_ + tolerance)

    def _check_reference(self) -> None:
        super()._check_reference()
        if self.intensity:
            low, high = np.asarray(self.intensity_low_, dtype=np.float64), np.asarray(self.intensity_high_,
                                                                                       dtype=np.float64)
            if low.ndim != 1 or low.shape != high.shape or len(low) % len(STATISTICS) or not len(low):
                raise ValueError("intensity range shape")
            self.intensity_low_, self.intensity_high_ = low, high

"""``image_embedding``: distances in the network's embedding and early layers + the image's intensity statistics.

Three components, each calibrated on validation as every scorer's (:mod:`.base`):

- ``mahalanobis`` (``distance: mahalanobis``, the default): the Mahalanobis distance of the
  embedding (the input of the network's final linear layer, as ``embedding_knn`` reads it) from
  the training embeddings' mean, with their Ledoit-Wolf shrinkage covariance (Lee et al., "A simple
  unified framework for detecting out-of-distribution samples", NeurIPS 2018, with one Gaussian
  instead of one per class: the same numbers here, and no labels needed). Measured on the same
  trained networks (``benchmarks/ood_image_variants.py``) it flags fewer in-distribution test
  images than the k-th neighbour distance (PneumoniaMNIST: 8.0% against 11.4% of the official
  test split) and separates more foreign sets (a BreastMNIST model against chest X-rays: AUROC
  0.90 against 0.73), and the run keeps a mean and a matrix instead of training embeddings.
  ``distance: knn`` gives ``embedding_knn``'s distance instead.
- ``early_layers`` (``layers``: 2, the default; 0 leaves it out): the Mahalanobis distance on each
  of the network's first ``layers`` feature-map stages (:mod:`.image_layers`), each over its
  training median, averaged. The pooled embedding of a two-class network can drop what tells
  another modality apart (a BreastMNIST model: chest X-rays at AUROC 0.92); its early stages keep
  it (0.99-1.00 over three seeds, docs/benchmarks.md "OOD images").
- ``intensity_out_of_range``: the embedding does not see every foreign image. An all-black,
  all-white or constant frame, or pure noise, is normalised, convolved and pooled into a vector
  that can land among the training embeddings (issue 19: a blank PNG sent to a PneumoniaMNIST
  model was not flagged). So this component counts how many of the image's intensity statistics
  lie outside their robust training range (the 0.5-99.5% training quantiles widened by a quarter
  of their span on each side, as ``table_ranges`` does for columns). Per channel: mean, standard
  deviation, share of black and of white pixels, share of the most frequent of 256 levels,
  histogram entropy, the 5/50/95% quantiles, and the roughness (the mean difference between
  neighbouring pixels over the standard deviation), computed from the pixels as the network
  receives them (after the featurizer's resize, its normalisation undone: intensities in [0, 1],
  2D and 3D alike). A constant frame has a standard deviation, a modal share and an entropy no
  training image had; noise a roughness; an inverted X-ray its quantiles.

Only the statistics' ranges are kept, never a pixel. An image turned upside down has the same
statistics as the original: only the embedding can see it (the benchmark reports how often).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import ConfigError, ModelError, problem
from .base import OOD_SCORERS, OODInputs, as_matrix, mahalanobis, robust_range, shrunk_precision
from .embedding import EmbeddingKNNScorer, energy
from .image_layers import MAX_FULL_COVARIANCE, LayerGaussians

STATISTICS = ("mean", "std", "black_share", "white_share", "modal_share", "entropy", "q05", "q50", "q95",
              "roughness")
LEVELS = 256  # intensity levels of the histogram (8-bit images: every level its own bin)
ENTROPY_BINS = 32
SATURATED = 0.5 / 255  # within half an 8-bit level of 0 (black) or 1 (white)
CHUNK = 64  # images per block of statistics at most
BLOCK_VALUES = 4_000_000  # pixel values per block at most (one image at least)
MAX_LAYERS = 8  # feature-map stages the layer ensemble may read


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
    chunk = CHUNK
    if n:  # large images or volumes: fewer per block (about 32 MB of float64 each)
        chunk = int(np.clip(BLOCK_VALUES // max(1, int(np.prod(records.batch(np.arange(1)).shape))), 1, CHUNK))
    for start in range(0, n, chunk):
        batch = records.batch(np.arange(start, min(start + chunk, n)))
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


@OOD_SCORERS.register("image_embedding")
class ImageEmbeddingScorer(EmbeddingKNNScorer):
    """A distance in the network's embedding + how many intensity statistics are out of range.

    ``distance``: ``"mahalanobis"`` (the default; the embedding's training mean and Ledoit-Wolf
    shrinkage covariance, only these kept) or ``"knn"`` (``embedding_knn``'s k-th neighbour
    distance, the training embeddings kept). ``intensity``: add ``intensity_out_of_range``.

    >>> scorer = ImageEmbeddingScorer()  # doctest: +SKIP
    >>> scorer.fit(OODInputs(embedding=e_train, images=train_images), OODInputs(...))  # doctest: +SKIP
    """

    name = "image_embedding"

    def __init__(self, fpr: float = 0.05, neighbours: int = 10, reference_size: int = 5000,
                 normalize: bool = False, energy: bool | str = "auto", task_kind: str | None = None, seed: int = 0,
                 distance: str = "mahalanobis", intensity: bool = True, quantile: float = 0.005, margin: float = 0.25,
                 layers: int = 2):
        super().__init__(fpr, neighbours, reference_size, normalize, energy, task_kind, seed)
        self.distance = distance
        self.intensity = intensity
        self.layers = layers
        self.quantile = quantile
        self.margin = margin

    @property
    def needs(self) -> tuple[str, ...]:  # type: ignore[override]
        return (*super().needs, *(("layers",) if self.layers else ()), *(("images",) if self.intensity else ()))

    @property
    def components(self) -> tuple[str, ...]:  # type: ignore[override]
        first, *rest = super().components
        names = ("mahalanobis" if self.distance == "mahalanobis" else first, *rest)
        return (*names, *(("early_layers",) if self.layers else ()),
                *(("intensity_out_of_range",) if self.intensity else ()))

    @property
    def floors(self) -> tuple[float, ...]:  # type: ignore[override]
        # one statistic out of range scores 2 when validation has (almost) none out of range
        return (*super().floors, *((1e-9,) if self.layers else ()), *((0.5,) if self.intensity else ()))

    @property
    def learnt(self) -> tuple[str, ...]:  # type: ignore[override]
        reference = ("mean_", "precision_", "n_reference_") if self.distance == "mahalanobis" else ("reference_",)
        layers = ("layer_widths_", "layer_means_", "layer_precisions_", "layer_medians_") if self.layers else ()
        return (*reference, *layers, *(("intensity_low_", "intensity_high_") if self.intensity else ()))

    def _check_params(self) -> None:
        super()._check_params()
        if self.distance not in ("mahalanobis", "knn"):
            raise ConfigError(problem("The 'distance' parameter of ImageEmbeddingScorer must be mahalanobis or knn",
                                      got=self.distance))
        if not isinstance(self.intensity, bool):
            raise ConfigError(problem("The 'intensity' parameter of ImageEmbeddingScorer must be true or false",
                                      got=self.intensity))
        if isinstance(self.layers, bool) or not isinstance(self.layers, int) or not 0 <= self.layers <= MAX_LAYERS:
            raise ConfigError(problem(f"The 'layers' parameter of ImageEmbeddingScorer must be an integer from 0 to "
                                      f"{MAX_LAYERS}", got=self.layers, fix="set evaluate.ood.layers, e.g. 2"))
        for key, high in (("quantile", 0.5), ("margin", 10.0)):
            value = getattr(self, key)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < high:
                raise ConfigError(problem(f"The '{key}' parameter of ImageEmbeddingScorer must be in [0, {high})",
                                          got=value))

    def _fit_reference(self, train: OODInputs) -> None:
        super()._fit_reference(train)  # the (subsampled, prepared) training embeddings: reference_
        if self.distance == "mahalanobis":
            x = self.reference_.astype(np.float64)
            self.mean_, self.precision_ = x.mean(axis=0), shrunk_precision(x, MAX_FULL_COVARIANCE)
            self.n_reference_ = int(len(x))
            del self.reference_  # only the mean and the precision are kept
        if self.layers:
            fitted = LayerGaussians.of(self._stages(train, subsample=True))
            self.layer_widths_, self.layer_means_ = fitted.widths, fitted.means
            self.layer_precisions_, self.layer_medians_ = fitted.precisions, fitted.medians
            self._layer_gaussians = fitted
        if self.intensity:
            stats = intensity_statistics(train.images)
            low, high = robust_range(stats, self.quantile, self.margin)
            self.intensity_low_, self.intensity_high_ = low.astype(np.float64), high.astype(np.float64)

    def _components(self, x: OODInputs) -> np.ndarray:
        if self.distance == "mahalanobis":
            query = self._prepare(as_matrix(x.embedding, "embeddings"))
            if query.shape[1] != len(self.mean_):
                raise ModelError(problem("The records' embeddings do not have the width the scorer was fitted on",
                                         got=query.shape[1], expected=str(len(self.mean_))))
            parts = [mahalanobis(query - self.mean_, self.precision_)]
            if self.uses_energy:
                parts.append(energy(as_matrix(x.logits, "logits"), self.task_kind or "multiclass"))
            distance = np.column_stack(parts)
        else:
            distance = super()._components(x)
        parts = [distance]
        if self.layers:
            parts.append(self._layer_gaussians.distance(self._stages(x), len(distance))[:, None])
        if self.intensity:
            parts.append(self.intensity_out_of_range(x.images).sum(axis=1)[:, None])
        return np.column_stack(parts)

    def _stages(self, x: OODInputs, subsample: bool = False) -> list[np.ndarray]:
        """The first ``layers`` feature-map stages (highest resolution first) of the records; for the
        training records the reference's subsample (as the embedding's)."""
        if x.layers is None:
            raise ModelError("the image scorer reads the network's feature-map stages; its caller passed none")
        stages = [as_matrix(s, "feature-map stages") for s in x.layers[:self.layers]]
        if subsample and stages and len(stages[0]) > self.reference_size:
            keep = np.sort(np.random.default_rng(self.seed).choice(len(stages[0]), self.reference_size, replace=False))
            stages = [s[keep] for s in stages]
        return stages

    def intensity_out_of_range(self, records: Any) -> np.ndarray:
        """(n, statistics) True where an image's statistic lies outside its training range."""
        stats = intensity_statistics(records)
        if stats.shape[1] != len(self.intensity_low_):
            raise ModelError(problem("The images do not have the channels the scorer was fitted on",
                                     got=stats.shape[1] // len(STATISTICS),
                                     expected=str(len(self.intensity_low_) // len(STATISTICS))))
        tolerance = 1e-9 * (1 + np.maximum(np.abs(self.intensity_low_), np.abs(self.intensity_high_)))
        return (stats < self.intensity_low_ - tolerance) | (stats > self.intensity_high_ + tolerance)

    def load_state_dict(self, state: dict[str, Any]) -> ImageEmbeddingScorer:
        """As the base class; a run saved before the layer ensemble (no ``layers`` setting) scores
        as it did when it was fitted: without it."""
        params = state.get("params") if isinstance(state, dict) else None
        if isinstance(params, dict) and "layers" not in params:
            self.layers = 0
        super().load_state_dict(state)
        return self

    def describe(self) -> dict[str, Any]:
        out = super().describe()
        if self.distance == "mahalanobis":
            out["n_reference"] = int(self.n_reference_)
        return out

    def _check_reference(self) -> None:
        if self.distance == "mahalanobis":
            self.mean_ = np.asarray(self.mean_, dtype=np.float64)
            self.precision_ = np.asarray(self.precision_, dtype=np.float64)
            d = len(self.mean_)
            if self.mean_.ndim != 1 or not d or np.shape(self.precision_) not in ((d,), (d, d)):
                raise ValueError("mean / precision shape")
            self.n_reference_ = int(self.n_reference_)
        else:
            super()._check_reference()
        if self.layers:
            self._layer_gaussians = LayerGaussians(self.layer_widths_, self.layer_means_, self.layer_precisions_,
                                                   self.layer_medians_)
            self.layer_widths_, self.layer_means_ = self._layer_gaussians.widths, self._layer_gaussians.means
            self.layer_precisions_ = self._layer_gaussians.precisions
            self.layer_medians_ = self._layer_gaussians.medians
        if self.intensity:
            low = np.asarray(self.intensity_low_, dtype=np.float64)
            high = np.asarray(self.intensity_high_, dtype=np.float64)
            if low.ndim != 1 or low.shape != high.shape or len(low) % len(STATISTICS) or not len(low):
                raise ValueError("intensity range shape")
            self.intensity_low_, self.intensity_high_ = low, high

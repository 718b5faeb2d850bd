"""Batch augmentation of normalised image batches (``train.augment``), 2D and 3D, seeded.

:func:`make_augment` turns ``train.augment`` options into a function ``(x, y) -> x`` applied by
the trainer to each normalised training batch (on its device): flips, rotation / zoom through
one affine resampling, intensity / contrast jitter and Gaussian noise. Add an augmentation as a
key of :class:`AugmentOptions` and a step in ``_Augment._augment``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ConfigError, DataError, problem

class AugmentOptions(BaseModel):
    """``train.augment`` keys. Intensity, contrast and noise act on normalised intensities."""

    model_config = ConfigDict(extra="forbid")

    flip: bool | list[int] = False  # True: last spatial axis (left-right); or spatial axes
    rotate: float = Field(0.0, ge=0, le=180)  # max degrees (each axis in 3D)
    zoom: float = Field(0.0, ge=0, lt=1)  # max relative scale change
    intensity: float = Field(0.0, ge=0)  # max additive shift (in std units)
    contrast: float = Field(0.0, ge=0, lt=1)  # max relative contrast change
    noise: float = Field(0.0, ge=0)  # Gaussian noise standard deviation (in std units)
    probability: float = Field(1.0, gt=0, le=1)  # chance that a sample is augmented at all
    minority_only: bool = False


def make_augment(
    options: dict[str, Any] | None,
    seed: int,
    class_counts: Sequence[int] | None = None,
) -> Callable[[Any, Any], Any] | None:
    """Build ``augment(x, y) -> x`` for normalised image batches, or None if nothing is enabled.

    ``class_counts`` (training counts per class) decides the minority classes for
    ``minority_only``: every class with fewer samples than the largest. Without it the
    counts of each batch are used. For 2-D (multilabel) ``y``, samples with any positive
    label count as minority.

    >>> augment = make_augment({"flip": True, "rotate": 15}, seed=0)
    >>> x = augment(x, y)  # doctest: +SKIP
    """
    try:
        opts = AugmentOptions.model_validate(options or {})
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            valid = ", ".join(AugmentOptions.model_fields)
            raise ConfigError(f"Unknown key 'train.augment.{key}'; valid keys: {valid}") from None
        raise ConfigError(f"Key 'train.augment.{key}': {err['msg']}; got {err.get('input')!r}") from None
    if not (opts.flip or opts.rotate or opts.zoom or opts.intensity or opts.contrast or opts.noise):
        return None
    return _Augment(opts, seed, None if class_counts is None else list(class_counts))


class _Augment:
    def __init__(self, opts: AugmentOptions, seed: int, class_counts: list[int] | None):
        self.opts = opts
        self.seed = seed
        self.class_counts = class_counts
        self._generators: dict[str, Any] = {}

    def state_dict(self) -> dict[str, Any]:
        """The random generators' states, per device (for a checkpoint)."""
        return {key: g.get_state() for key, g in self._generators.items()}

    def load_state_dict(self, states: dict[str, Any]) -> None:
        for key, state in states.items():
            self._generator(key).set_state(state.cpu() if hasattr(state, "cpu") else state)

    def _generator(self, device):
        import torch

        key = str(device)
        if key not in self._generators:
            self._generators[key] = torch.Generator(device=device).manual_seed(self.seed)
        return self._generators[key]

    def __call__(self, x, y=None):
        import torch

        if x.dim() not in (4, 5):
            raise DataError(problem("Augmentation needs image batches", got=f"shape {tuple(x.shape)}",
                                    expected="(n, C, H, W) or (n, C, D, H, W)"))
        g = self._generator(x.device)
        with torch.no_grad():
            chosen = torch.rand(x.shape[0], generator=g, device=x.device) < self.opts.probability
            if self.opts.minority_only and y is not None:
                chosen &= self._minority(y, x.device)
            index = chosen.nonzero().flatten()
            if len(index) == 0:
                return x
            out = x.clone()
            out[index] = self._augment(x[index], g)
            return out

    def _minority(self, y, device):
        import torch

        y = torch.as_tensor(y, device=device)
        if y.dim() == 2:
            return torch.nan_to_num(y, nan=0.0).gt(0).any(dim=1)
        y = y.long().flatten()
        if self.class_counts is not None:
            counts = torch.tensor(self.class_counts, device=device)
        else:
            counts = torch.bincount(y)
        counts = torch.nn.functional.pad(counts, (0, max(0, int(y.max()) + 1 - len(counts))))
        minority = counts < counts.max()
        return minority[y]

    def _augment(self, x, g):
        import torch

        opts = self.opts
        n, spatial = x.shape[0], x.dim() - 2
        if opts.flip:
            axes = [spatial - 1] if opts.flip is True else list(opts.flip)
            for axis in axes:
                if not 0 <= axis < spatial:
                    raise ConfigError(problem("Key 'train.augment.flip' names a missing axis", got=axis,
                                              expected=f"spatial axes 0..{spatial - 1}"))
                flip = (torch.rand(n, generator=g, device=x.device) < 0.5).view(n, *[1] * (x.dim() - 1))
                x = torch.where(flip, x.flip(2 + axis), x)
        if opts.rotate or opts.zoom:
            x = _affine(x, opts.rotate, opts.zoom, g)
        if opts.contrast:
            factor = 1 + (torch.rand(n, generator=g, device=x.device) * 2 - 1) * opts.contrast
            mean = x.mean(dim=tuple(range(1, x.dim())), keepdim=True)
            x = (x - mean) * factor.view(n, *[1] * (x.dim() - 1)).to(x.dtype) + mean
        if opts.intensity:
            shift = (torch.rand(n, generator=g, device=x.device) * 2 - 1) * opts.intensity
            x = x + shift.view(n, *[1] * (x.dim() - 1)).to(x.dtype)
        if opts.noise:
            x = x + torch.randn(x.shape, generator=g, device=x.device, dtype=x.dtype) * opts.noise
        return x


def _affine(x, rotate_degrees: float, zoom: float, g):
    """Random rotation (each axis in 3D) and isotropic zoom through one grid_sample."""
    import math

    import torch

    n, spatial = x.shape[0], x.dim() - 2

    def uniform(limit: float, *shape: int):
        return (torch.rand(n, *shape, generator=g, device=x.device) * 2 - 1) * limit

    scale = 1 + uniform(zoom)
    angles = uniform(math.radians(rotate_degrees), 1 if spatial == 2 else 3)
    return affine_resample(x, angles, scale)


def affine_resample(x, angles, scale):
    """Rotate (radians; (n, 1) in 2D, (n, 3) about each axis in 3D) and zoom (n,) about the centre.

    ``scale`` > 1 zooms in. Edges are padded by repeating the border.
    """
    import torch
    import torch.nn.functional as F

    n, spatial, device = x.shape[0], x.dim() - 2, x.device
    if spatial == 2:
        cos, sin = torch.cos(angles[:, 0]), torch.sin(angles[:, 0])
        matrix = torch.stack([torch.stack([cos, -sin], 1), torch.stack([sin, cos], 1)], 1)
    else:
        matrix = torch.eye(3, device=device).expand(n, 3, 3)
        for axis in range(3):
            cos, sin = torch.cos(angles[:, axis]), torch.sin(angles[:, axis])
            rot = torch.eye(3, device=device).repeat(n, 1, 1)
            i, j = [a for a in range(3) if a != axis]
            rot[:, i, i], rot[:, i, j], rot[:, j, i], rot[:, j, j] = cos, -sin, sin, cos
            matrix = matrix @ rot
    # the grid maps output to input coordinates: zooming in samples a smaller input region
    matrix = matrix / scale.view(n, 1, 1)
    theta = torch.cat([matrix, torch.zeros(n, spatial, 1, device=device)], dim=2).to(x.dtype)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    # border padding repeats the edge (usually background) instead of inventing the mean
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)

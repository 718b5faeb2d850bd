"""The seed's "model visualisation" (section 6.3): first-layer weights drawn as images.

For a network whose input is an image (or a flattened image, as in the seed's 784-5-10 MNIST
MLP), each unit of the first layer has one weight per pixel; reshaped to the image it shows
which pixels push that unit up (positive) or down (negative). For a CNN the first
convolution's kernels are shown instead.

>>> images = first_layer_weight_images(state_dict, (1, 28, 28))  # doctest: +SKIP
>>> png = weight_grid_png(images)  # doctest: +SKIP

The report (``mednn.reports.html``) calls these; a new view of weights or activations goes here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np


def _natural_key(name: str) -> tuple[tuple[int, int, str], ...]:
    # "net.2" < "net.10": numbers compare as numbers, so the order of nn.Sequential layers
    # survives a file format (safetensors) that does not promise to keep insertion order
    parts = re.split(r"(\d+)", name)
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p != "")


def _to_numpy(value: Any) -> np.ndarray:
    if hasattr(value, "detach"):  # a torch.Tensor, without importing torch
        value = value.detach().float().cpu().numpy()
    return np.asarray(value, dtype=np.float32)


def first_layer_weight_images(
    state_dict: Mapping[str, Any], input_shape: Sequence[int]
) -> np.ndarray | None:
    """The first layer's weights as images, or None if the first layer does not see an image.

    ``input_shape`` is the image shape ``(H, W)`` or ``(C, H, W)``. Layers are taken in the
    natural order of their names ("net.0" < "net.2" < "net.10"); the first one that fits wins:

    - a 2-D weight ``(units, C*H*W)`` (a Linear layer on the flattened image): each row is
      reshaped to the image;
    - a 4-D weight ``(kernels, C, kh, kw)`` (a 2-D convolution on the image): its kernels.

    Returns ``(k, H, W)`` when the image has one channel (or no channel axis), else
    ``(k, C, H, W)``.

    >>> sd = {"net.0.weight": np.zeros((5, 64)), "net.0.bias": np.zeros(5)}
    >>> first_layer_weight_images(sd, (1, 8, 8)).shape
    (5, 8, 8)
    """
    shape = tuple(int(s) for s in input_shape)
    if len(shape) not in (2, 3) or any(s <= 0 for s in shape):
        return None
    channels = shape[0] if len(shape) == 3 else 1
    height, width = shape[-2:]
    n_pixels = channels * height * width
    for name in sorted(state_dict, key=_natural_key):
        weight = state_dict[name]
        ndim = len(getattr(weight, "shape", ()))
        if ndim == 2 and int(weight.shape[1]) == n_pixels:
            array = _to_numpy(weight).reshape(-1, channels, height, width)
        elif ndim == 4 and int(weight.shape[1]) == channels:
            array = _to_numpy(weight)
        else:
            continue
        return array[:, 0] if channels == 1 else array
    return None


def weight_grid_png(images: np.ndarray, max_images: int = 64, *, dpi: int = 100, label: str = "unit") -> bytes:
    """Draw weight images as a grid of tiles, PNG bytes.

    One diverging colour map, symmetric around 0 and shared by all tiles (red: the unit is
    pushed up by a bright pixel, blue: pushed down), so tiles compare. ``(k, C, H, W)``
    input draws one row per kernel and one tile per channel. At most ``max_images`` tiles, each
    titled ``"<label> k"`` ("unit" for a dense layer, "filter" for a convolution).
    """
    from ..plotting import figure_png, pyplot

    array = np.asarray(images, dtype=np.float32)
    if array.ndim == 4:
        n_kernels, n_channels = array.shape[:2]
        keep = max(1, max_images // n_channels)
        tiles = array[:keep].reshape(-1, *array.shape[2:])
        labels = [f"{label} {i + 1}, ch {c + 1}" for i in range(min(keep, n_kernels)) for c in range(n_channels)]
        n_cols = n_channels if n_channels > 1 else None
    elif array.ndim == 3:
        tiles = array[:max_images]
        labels = [f"{label} {i + 1}" for i in range(len(tiles))]
        n_cols = None
    else:
        raise ValueError(f"weight images must be (k, H, W) or (k, C, H, W); got shape {array.shape}")
    tiles = tiles[:max_images]
    n = len(tiles)
    if n_cols is None or n_cols > 8:
        n_cols = min(8, max(1, math.ceil(math.sqrt(n))))
    n_rows = max(1, math.ceil(n / n_cols))
    limit = float(np.nanmax(np.abs(tiles))) if tiles.size else 0.0
    limit = limit if np.isfinite(limit) and limit > 0 else 1.0

    plt = pyplot()
    tile_inches = 1.1 if n > 16 else 1.5
    fig, axes = plt.subplots(
        n_rows, n_cols, figsize=(tile_inches * n_cols + 0.9, tile_inches * n_rows + 0.3), squeeze=False
    )
    shown = None
    for index, ax in enumerate(axes.flat):
        ax.set_xticks([])
        ax.set_yticks([])
        if index >= n:
            ax.axis("off")
            continue
        shown = ax.imshow(tiles[index], cmap="RdBu_r", vmin=-limit, vmax=limit, interpolation="nearest")
        ax.set_title(labels[index], fontsize=7)
    if shown is not None:
        fig.colorbar(shown, ax=axes.ravel().tolist(), shrink=0.8, label="weight")
    return figure_png(fig, dpi=dpi)

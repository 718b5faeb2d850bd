"""The seed's "model visualisation" (section 6.3): first-layer weights drawn as images.

For a network whose input is an image (or a flattened image, as in the seed's 784-5-10 MNIST
MLP), each unit of the first layer has one weight per pixel; reshaped to the image it shows
which pixels push that unit up (positive) or down (negative). For a CNN the first
convolution's kernels are shown instead.

>>> images = first_layer_weight_images(state_dict, (1, 28, 28))  # doctest: +SKIP
>>> png = weight_grid_png(images)  # doctest: +SKIP

The report (``mednn.reports.html``) calls these, the table explainer's ``weights`` method
:func:`table_weights_section`; a new view of weights or activations goes here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .base import Section, figure, section
from .tabular_common import EncodedFeature, short_name


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


# --------------------------------------------------------------------------- table networks


def first_linear_weight(model: Any, n_features: int) -> np.ndarray | None:
    """The weight (units, inputs) of the first ``nn.Linear`` that takes ``n_features`` inputs."""
    import torch

    for module in model.modules():
        if isinstance(module, torch.nn.Linear) and module.in_features == n_features:
            return module.weight.detach().float().cpu().numpy()
    return None


def table_weights_section(weight: np.ndarray, features: list[EncodedFeature], n_members: int = 1,
                          max_units: int = 64) -> Section:
    """The ``weights`` section of the table explainer: the first layer as a heatmap."""
    units, inputs = weight.shape
    shown = weight[:max_units]
    names = [f.name for f in features] if inputs <= 40 else None
    png = weight_heatmap_png(shown, names)
    text = (f"The seed's weight view: the first layer's weights, one row per hidden unit "
            f"({units} units" + (f", first {max_units} shown" if units > max_units else "")
            + f") and one column per encoded input ({inputs})"
            + ("" if names is not None else "; names are left off above 40 inputs")
            + ". Red: the input raises the unit's activation, blue: lowers it. Inputs are standardised, "
            "so weights of numeric columns compare; one-hot columns are 0 / 1."
            + (f" These are ensemble member 1's; each of the {n_members} members has its own." if n_members > 1 else ""))
    return section("Tables: first-layer weights", caption=text, method="weights",
                   figures=[figure(png, alt="first layer weight heatmap")])


def weight_heatmap_png(weight: np.ndarray, names: list[str] | None) -> bytes:
    """Heatmap of a (units, inputs) weight matrix, diverging colours symmetric around 0;
    input names on the x axis when given."""
    from ..plotting import figure_png, pyplot

    weight = np.asarray(weight, dtype=np.float64)
    units, inputs = weight.shape
    limit = float(np.abs(weight).max(initial=0.0)) or 1.0
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(min(14.0, 0.22 * inputs + 2.5), min(8.0, 0.22 * units + 1.8)))
    shown = ax.imshow(weight, cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto", interpolation="nearest")
    if names is not None:
        ax.set_xticks(np.arange(inputs), [short_name(n, 24) for n in names], rotation=90, fontsize=7)
    else:
        ax.set_xlabel("input feature (encoded column)", fontsize=8)
    ax.set_yticks(np.arange(units), [str(u + 1) for u in range(units)], fontsize=6 if units > 20 else 7)
    ax.set_ylabel("hidden unit", fontsize=8)
    fig.colorbar(shown, ax=ax, shrink=0.8, label="weight")
    return figure_png(fig)

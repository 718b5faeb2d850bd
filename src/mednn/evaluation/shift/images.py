"""Images: intensities in [0, 1] units (an 8-bit image divided by 255, a 16-bit one by 65535),
profiled as three columns — ``pixel intensity`` (an evenly strided sample of pixels),
``image brightness`` (each image's mean) and ``image contrast`` (each image's standard
deviation) — and the images' size and channels. A site of brighter scans, of another bit depth
rescaled, or of all-black frames moves these columns; a site of another size is a row of its own.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .base import SHIFT_COLUMNS, ProfileColumns, evenly_spaced
from .compare import ShiftRow

MAX_IMAGES = 2000  # images read for brightness and contrast (evenly spaced)
PIXEL_IMAGES = 400  # images the pixel sample comes from
PIXELS_PER_IMAGE = 500
_SCALE = {"uint8": 255.0, "uint16": 65535.0}
_CHUNK = 64


def _images(inputs: Any, rows: np.ndarray) -> np.ndarray:
    """The images at ``rows`` in memory, whatever holds them (array, tensor, disk cache)."""
    if hasattr(inputs, "read") and hasattr(inputs, "row_keys"):  # a disk cache: read these rows only
        return np.asarray(inputs.read(rows))
    if hasattr(inputs, "detach"):
        inputs = inputs.detach().cpu().numpy()
    return np.asarray(inputs[rows] if hasattr(inputs, "__getitem__") else np.asarray(inputs)[rows])


def _scale(inputs: Any, featurizer: Any) -> float:
    scale = getattr(featurizer, "scale_", None)
    if isinstance(scale, (int, float)) and scale > 0:
        return float(scale)
    return _SCALE.get(str(getattr(inputs, "dtype", "")), 1.0)


def _read(inputs: Any, scale: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(brightness per image, contrast per image, pixel sample, images read)."""
    n = len(inputs)
    picked = evenly_spaced(n, MAX_IMAGES)
    for_pixels = set(evenly_spaced(n, PIXEL_IMAGES).tolist())
    brightness, contrast, pixels = [], [], []
    for start in range(0, len(picked), _CHUNK):
        rows = picked[start:start + _CHUNK]
        block = _images(inputs, rows).astype(np.float64).reshape(len(rows), -1) / scale
        brightness.append(block.mean(axis=1))
        contrast.append(block.std(axis=1))
        for i, row in enumerate(rows.tolist()):
            if row in for_pixels:
                step = max(1, block.shape[1] // PIXELS_PER_IMAGE)
                pixels.append(block[i, ::step][:PIXELS_PER_IMAGE])
    empty = np.zeros(0)
    return (np.concatenate(brightness) if brightness else empty, np.concatenate(contrast) if contrast else empty,
            np.concatenate(pixels) if pixels else empty, len(picked))


def _size_rows(context: dict[str, Any], profile: dict[str, Any] | None, n: int) -> list[ShiftRow]:
    """A site whose images have another size or channel count than training (resized or refused)."""
    if profile is None:
        return []
    trained = profile.get("context") or {}
    rows = []
    for key, what in (("channels", "channels"), ("shape", "image size (pixels per axis)")):
        if trained.get(key) is not None and context.get(key) != trained.get(key):
            rows.append(ShiftRow("image size" if key == "shape" else "image channels", "size", what, None, None,
                                 n, n, "info"))
    return rows


@SHIFT_COLUMNS.register("images")
def image_columns(dataset, featurizer, profile: dict[str, Any] | None = None) -> ProfileColumns:
    inputs = dataset.inputs
    shape = tuple(int(s) for s in getattr(inputs, "shape", np.shape(inputs))[1:])
    scale = _scale(inputs, featurizer)
    brightness, contrast, pixels, read = _read(inputs, scale)
    context = {"channels": shape[0] if shape else None, "shape": list(shape[1:]),
               "dtype": str(getattr(inputs, "dtype", "")), "intensity_scale": scale}
    columns = {"pixel intensity": pixels, "image brightness": brightness, "image contrast": contrast}
    return ProfileColumns(columns=columns, n_profiled=read, context=context,
                          rows=_size_rows(context, profile, len(inputs)))

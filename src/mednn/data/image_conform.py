"""Bringing decoded images to a run's form: colour (``data.color``: :func:`with_color`, and
which images to predict differ in colour from the run's, :func:`to_run_colour`), stored type
(:func:`conform_type`, :func:`conform_to_type`) and size (:func:`resize`), and one image or a
set of them to the layout of :mod:`mednn.data.image_layout` (:func:`conform_image`,
:func:`stack_images`). Decoding a file is :mod:`mednn.data.image_decoding`, which keeps these
names importable from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .image_layout import ImageLayout, image_layout
from .image_options import ImageOptions


def with_color(array: np.ndarray, color: str, axis: int = 0) -> np.ndarray:
    """``data.color`` for a decoded DICOM / NIfTI image (C, ...), as pictures get it from PIL:
    ``gray`` turns 3 channels into their luma (ITU-R 601: 0.299 R + 0.587 G + 0.114 B, the
    weights of PIL's "L"), ``rgb`` repeats one channel; ``auto`` keeps what the file holds. A run
    sets it to its own for images to predict, so one colour file no longer turns a grey batch RGB.
    ``axis``: where the channels are (1 for a batch (n, C, ...))."""
    if color == "gray" and array.shape[axis] == 3:
        luma = np.expand_dims(np.tensordot(np.moveaxis(array.astype(np.float64), axis, -1),
                                           np.array([0.299, 0.587, 0.114]), axes=1), axis)
        return luma.astype(array.dtype) if array.dtype.kind == "f" else np.round(luma).astype(array.dtype)
    if color == "rgb" and array.shape[axis] == 1:
        return np.repeat(array, 3, axis=axis)
    return array


# the mean spread between an image's colour channels, as a share of its value range, above which
# it is a colour image: a grey X-ray saved as RGB by a JPEG encoder differs by a level or two, a
# colour cast by tens of levels (issue 19: a magenta picture sent to a grey model)
COLOUR_SPREAD = 0.02


def colourful(array: np.ndarray) -> bool:
    """Whether a decoded image (C, ...) of 3 channels has colour: its channels differ by more than
    :data:`COLOUR_SPREAD` of its value range on average (one channel: never).

    >>> grey = np.full((3, 4, 4), 90, dtype=np.uint8)
    >>> colourful(grey), colourful(grey + np.array([40, 0, 40], dtype=np.uint8).reshape(3, 1, 1))
    (False, True)
    """
    if array.ndim < 3 or array.shape[0] != 3:
        return False
    x = array.astype(np.float32)
    span = float(np.iinfo(array.dtype).max) if array.dtype.kind in "ui" else max(float(np.abs(x).max()), 1e-12)
    return float((x.max(axis=0) - x.min(axis=0)).mean()) > COLOUR_SPREAD * span


def to_run_colour(arrays: list[np.ndarray], color: str, notes: dict[str, Any]) -> list[np.ndarray]:
    """Images to predict decoded as their files hold them, brought to the run's ``color``
    (:func:`with_color`); those with colour that a grey run turns grey are listed by position in
    ``notes["colour_images"]``, the grey ones a colour run makes RGB in ``notes["grey_images"]``:
    the conversion hides it from the run's OOD scorer, so :func:`mednn.inference.ood.assess` flags
    them where the run's training images were all of the other kind."""
    note_colour_mismatch(arrays, color, notes)
    return [with_color(a, color) for a in arrays]


def note_colour_mismatch(images, color: str, notes: dict[str, Any]) -> None:
    """``notes["colour_images"]`` (a grey run's ``color``) or ``notes["grey_images"]`` (a colour
    run's): positions of the images, each (C, ...), of the kind the run was not trained on."""
    key, odd = (("colour_images", colourful) if color == "gray" else
                ("grey_images", lambda a: not colourful(a)) if color == "rgb" else (None, None))
    if key is None:
        return
    found = [i for i, a in enumerate(images) if odd(np.asarray(a))]
    if found:
        notes[key] = found


def conform_type(images: np.ndarray, stored_type: str | None, notes: dict[str, Any]) -> np.ndarray:
    """Images to predict ``(n, C, ...)`` in the type the run's images were stored in, so that its
    featurizer scales them as in training. Each image is mapped on its own, from its own type
    and values, never from the other images read with it (:func:`conform_to_type`)."""
    if stored_type is None or str(images.dtype) == stored_type:
        return images
    out = conform_to_type(images, np.dtype(stored_type), image_axis=True)
    _conformed_note(notes, len(images), [str(images.dtype)], stored_type)
    return out


def conform_to_type(values: np.ndarray, target: np.dtype, image_axis: bool = False) -> np.ndarray:
    """One image (or, with ``image_axis``, a stack of them, each image on its own) in ``target``.

    The integer ranges map onto each other: 8-bit to a 16-bit run x257, 16-bit to an 8-bit run
    /257 (rounded), so a 16-bit export of an 8-bit image reads as the original; any image joins
    a float run as float32 values. Other types (float, other integers) to an integer run: whole
    numbers within its range are kept, others are stretched min-max over that one image (as
    MedMNIST and windowed DICOM were made).
    """
    source = values.dtype
    if target.kind == "f":
        return values.astype(np.float32)
    if source == np.uint8 and target == np.uint16:
        return values.astype(np.uint16) * np.uint16(257)
    if source == np.uint16 and target == np.uint8:
        return ((values.astype(np.uint32) + 128) // 257).astype(np.uint8)
    top = float(np.iinfo(target).max)
    values = values.astype(np.float32)
    axes = tuple(range(1 if image_axis else 0, values.ndim))
    low, high = values.min(axis=axes, keepdims=True), values.max(axis=axes, keepdims=True)
    whole = (values == np.round(values)).all(axis=axes, keepdims=True) & (low >= 0) & (high <= top)
    stretched = (values - low) / np.maximum(high - low, 1e-6) * top
    return np.round(np.where(whole, values, stretched)).astype(target)


def _conformed_note(notes: dict[str, Any], count: int, sources: list[str], stored_type: str) -> None:
    notes["intensity_conformed"] = {"count": int(count), "from": sorted(set(sources)), "to": stored_type,
                                    "why": "the run's images were stored in this type; each image is "
                                           "mapped on its own (16-bit to 8-bit: /257)"}


def conform_image(array: np.ndarray, layout: ImageLayout) -> np.ndarray:
    """One (C, *spatial) image in ``layout``: channels, then type, then size (in that order)."""
    if array.shape[0] == 1 and layout.channels == 3:
        array = np.repeat(array, 3, axis=0)
    dtype = np.dtype(layout.dtype)
    if dtype.kind == "f":
        scale = {np.dtype(np.uint8): 255.0, np.dtype(np.uint16): 65535.0}
        array = array.astype(np.float32) / scale.get(array.dtype, 1.0)
    elif dtype == np.uint16 and array.dtype == np.uint8:
        # 8-bit images join 16-bit ones on the same [0, 1] scale (255 * 257 = 65535)
        array = array.astype(np.uint16) * np.uint16(257)
    if array.shape[1:] != tuple(layout.spatial):
        import torch

        array = resize(torch.from_numpy(np.array(array))[None], layout.spatial)[0].numpy()
    return array


def stack_images(arrays: list[np.ndarray], options: ImageOptions, source: str,
                 notes: dict[str, Any], names: Sequence[str] | None = None) -> np.ndarray:
    """One (n, C, ...) array: common channels (gray -> RGB if mixed), dtype and spatial shape.

    With ``options.stored_type`` (a run reading images to predict) every image is brought to
    that type on its own first, so no image's values depend on the others read with it.
    ``names``: the files' names, for messages about odd ones out."""
    layout = image_layout([(a.shape, a.dtype.name) for a in arrays], options, source, notes, names)
    if options.stored_type is not None:  # a run's images to predict: each to the run's type on its own
        target = np.dtype(options.stored_type)
        changed = [a.dtype.name for a in arrays if a.dtype != target]
        arrays = [a if a.dtype == target else conform_to_type(a, target) for a in arrays]
        layout = ImageLayout(layout.channels, target.name, layout.spatial)
        if changed:
            _conformed_note(notes, len(changed), changed, target.name)
    out = np.empty((len(arrays), layout.channels, *layout.spatial), dtype=layout.dtype)
    for i, a in enumerate(arrays):
        out[i] = conform_image(a, layout)
    return out



_CHUNK = 2048  # images per step when resizing (bounds memory)


def resize(data, size):
    """Resize (n, C, *spatial) images (a torch tensor) to ``size`` in chunks (bilinear / trilinear).

    Integer images are rounded back to their type so the stored copy stays small.
    """
    import torch
    import torch.nn.functional as F

    mode = "bilinear" if len(size) == 2 else "trilinear"
    out = torch.empty((data.shape[0], data.shape[1], *size), dtype=data.dtype)
    shrinking = any(t < s for t, s in zip(size, data.shape[2:]))
    for start in range(0, data.shape[0], _CHUNK):
        chunk = data[start:start + _CHUNK].float()
        # antialias only exists for 2D; it avoids aliasing when shrinking large images
        kwargs = {"antialias": True} if mode == "bilinear" and shrinking else {}
        chunk = F.interpolate(chunk, size=tuple(size), mode=mode, align_corners=False, **kwargs)
        if not data.dtype.is_floating_point:
            info = torch.iinfo(data.dtype)
            chunk = chunk.round_().clamp_(info.min, info.max)
        out[start:start + _CHUNK] = chunk.to(data.dtype)
    return out

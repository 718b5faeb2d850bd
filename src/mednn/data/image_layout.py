"""The one layout (channels, stored type, spatial shape) a set of decoded images is brought to,
the counts the data checks read about them, and the rank check against a run's ``data.size``.
Messages name the odd files out (a volume among 2D images, a colour image among greyscale
ones) when their names are given; counts and file names only, never pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import ConfigError, DataError, problem
from .image_options import ImageOptions, PredictImageOptions

_NAMED = 5  # files named in one message


def _odd_files(flags: list[bool], names: Sequence[str] | None) -> str:
    """``": a.dcm, b.dcm (and 3 more)"`` for the flagged files, or '' without names."""
    if names is None:
        return ""
    odd = [str(n) for n, f in zip(names, flags) if f]
    more = f" (and {len(odd) - _NAMED} more)" if len(odd) > _NAMED else ""
    return ": " + ", ".join(odd[:_NAMED]) + more


@dataclass(frozen=True)
class ImageLayout:
    """What every image of a set is brought to: channels, stored type and spatial shape."""

    channels: int
    dtype: str
    spatial: tuple[int, ...]


def image_layout(metas: list[tuple[tuple[int, ...], str]], options: ImageOptions, source: str,
                 notes: dict[str, Any] | None = None, names: Sequence[str] | None = None) -> ImageLayout:
    """The common layout of images given as ``(shape (C, *spatial), dtype)`` in file order.

    Common channels (gray -> RGB if mixed), dtype (8-bit joins 16-bit, anything joins float)
    and spatial shape (``data.size``, else the most common shape). Only the shapes and types
    are needed, so a disk cache can decide it without holding the images. ``names``: how
    messages name the files (a DICOM by position and pseudonym, never its file name:
    :func:`mednn.data.dicom_privacy.image_reference`), in the same order, to name the odd ones out (a volume among 2D images, a
    colour image among greyscale ones: ``notes["rgb_files"]``).
    """
    from collections import Counter

    notes = {} if notes is None else notes
    notes["source_images"] = source_summary(metas)
    ranks = Counter(len(shape) for shape, _ in metas)
    if len(ranks) > 1:
        rare = min(ranks, key=lambda r: (ranks[r], r))
        which = _odd_files([len(shape) == rare for shape, _ in metas], names)
        raise DataError(f"{source} mixes 2D images and 3D volumes ({ranks[rare]} of {len(metas)} are "
                        f"{'2D images' if rare == 3 else '3D volumes or multi-frame files'}{which}); fix: keep one "
                        "kind per dataset (remove or move those files)")
    check_rank(len(metas[0][0]) - 1, options, source)
    channels = {shape[0] for shape, _ in metas}
    if len(channels) > 1:
        odd = [shape[0] for shape, _ in metas]
        if channels != {1, 3}:
            # on a tie the count no colour setting takes is the odd one (a 4D NIfTI beside one volume)
            rare = min(channels, key=lambda c: (odd.count(c), c in (1, 3)))
            which = _odd_files([c == rare for c in odd], names)
            fix = ("set data.color" if rare in (1, 3) else
                   f"leave out the file(s) with {rare} frames or channels per pixel (a time series or multi-echo file?)")
            raise DataError(f"{source}: images have {sorted(channels)} channels ({odd.count(rare)} with {rare}"
                            f"{which}); fix: {fix}")
        notes["gray_to_rgb"] = True
        if names is not None:
            notes["rgb_files"] = [str(n) for n, c in zip(names, odd) if c == 3][:_NAMED]
    dtypes = {np.dtype(d) for _, d in metas}
    if any(d.kind == "f" for d in dtypes):
        dtype = np.dtype(np.float32)
    elif np.dtype(np.uint16) in dtypes:
        dtype = np.dtype(np.uint16)
    else:
        dtype = np.dtype(metas[0][1])
    shapes = Counter(tuple(shape[1:]) for shape, _ in metas)
    if options.size is not None:
        spatial = len(metas[0][0]) - 1
        target = tuple([int(options.size)] * spatial if isinstance(options.size, int) else options.size)
    else:
        target = shapes.most_common(1)[0][0]
        resized = sum(n for shape, n in shapes.items() if shape != tuple(target))
        if resized:
            notes["resized"] = {"count": resized, "to": list(target),
                                "why": "images differ in size; set data.size to choose the shape"}
    return ImageLayout(max(channels), dtype.name, tuple(int(t) for t in target))


EXTREME_ASPECT = 3.0  # a 2D image whose longer side is over 3x its shorter one


def source_summary(metas: list[tuple[tuple[int, ...], str]]) -> dict[str, Any]:
    """Counts of channels, stored types, distinct sizes and extreme aspect ratios of the images
    as decoded (before they share one layout), for the data checks
    (:mod:`mednn.data.image_checks`). Counts only."""
    from collections import Counter

    channels = Counter(str(shape[0]) for shape, _ in metas)
    dtypes = Counter(str(d) for _, d in metas)
    sizes = Counter(tuple(shape[1:]) for shape, _ in metas)
    extreme = sum(n for size, n in sizes.items()
                  if len(size) == 2 and max(size) > EXTREME_ASPECT * max(min(size), 1))
    return {"channels": dict(channels), "dtypes": dict(dtypes), "distinct_sizes": len(sizes),
            "extreme_aspect": int(extreme), "count": len(metas)}


def check_rank(spatial: int, options: ImageOptions, source: str) -> None:
    """Images of ``spatial`` axes against the axes ``data.size`` names (a run's, to predict)."""
    if options.size is None or isinstance(options.size, int) or len(options.size) == spatial:
        return
    wanted = len(options.size)
    kinds = {2: "2D images", 3: "3D volumes"}
    got, expected = kinds.get(spatial, f"{spatial}-axis images"), kinds.get(wanted, f"{wanted}-axis images")
    if isinstance(options, PredictImageOptions):  # images to predict, with the run's options
        raise DataError(f"{source} holds {got} but the run was trained on {expected} "
                        f"({'x'.join(str(s) for s in options.size)}); fix: send {expected} "
                        f"({'NIfTI files or DICOM series folders' if wanted == 3 else 'PNG / JPEG / DICOM slices'})")
    raise ConfigError(problem(f"Key 'data.size' names {wanted} sides but {source} holds {got}",
                              got=options.size, expected=f"one int or {spatial} ints"))

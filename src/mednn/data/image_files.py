"""Reading a list of image files into one (n, C, ...) array, in memory or through the disk cache.

:func:`load_images` is what the ``image_folder`` / ``image_csv`` readers and images to predict
call: each file decoded (:mod:`mednn.data.image_decoding`), unreadable ones failing the read or
listed as skipped, then brought to one layout; with ``data.cache`` the decoded images go to
the disk cache (:mod:`mednn.data.image_cache`) instead of memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from . import image_decoding
from .image_conform import stack_images, to_run_colour
from .image_decoding import Unreadable, failed_image, image_kind, unreadable_notes
from .image_limits import ImageTooLarge
from .image_options import ImageOptions


def located(exc: ImageTooLarge, i: int, path: Path, name: str, source: str, ids: list[str] | None) -> ImageTooLarge:
    """A too-large DICOM's error, naming the file by position and id (a picture's names itself)."""
    if image_kind(path) in ("picture", "nifti"):
        return exc
    return ImageTooLarge(f"{failed_image(i, path, name, source, ids, '')['path']}: {exc}")


def load_images(paths: list[Path], names: list[str], options: ImageOptions, source: str,
                ids: list[str] | None = None) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """Read every file, then stack them as (n, C, ...) of one dtype and shape.

    Returns (images, kept row positions, notes). Unreadable files fail the read (listing
    them) or, with ``on_unreadable: skip``, are listed in ``notes["skipped"]`` as
    ``{"id", "path", "reason"}`` (names and reasons only, never pixel values).
    """
    if options.cache is not None:  # decoded once into a disk cache, read batch by batch later
        from .image_cache import load_cached_images  # noqa: PLC0415  (sets larger than memory only)

        return load_cached_images(paths, names, options, source, ids=ids)
    from .image_options import PredictImageOptions

    # images to predict: decoded as the file holds them, then brought to the run's colour, so that
    # a colour file sent to a grey run is known (image_conform.to_run_colour)
    run_colour = options.color if isinstance(options, PredictImageOptions) else "auto"
    if run_colour != "auto":
        options = options.model_copy(update={"color": "auto"})
    arrays, kept, failed = [], [], []
    for i, (path, name) in enumerate(zip(paths, names)):
        try:
            if not path.exists():
                raise Unreadable("the file does not exist")
            arrays.append(image_decoding.read_image(path, options))  # one patch point for tests
            kept.append(i)
        except Unreadable as exc:
            failed.append(failed_image(i, path, name, source, ids, str(exc)))
        except ImageTooLarge as exc:
            raise located(exc, i, path, name, source, ids) from None
    arrays, kept = _other_kind_left_out(arrays, kept, failed, paths, names, options, source, ids)
    notes = unreadable_notes(failed, len(arrays), options, source)
    if run_colour != "auto":
        arrays = to_run_colour(arrays, run_colour, notes)
        options = options.model_copy(update={"color": run_colour})
    # how messages name a file: a picture by its path, a DICOM by position and pseudonym (never its name)
    named = [failed_image(i, paths[i], names[i], source, ids, "")["path"] for i in kept]
    return stack_images(arrays, options, source, notes, named), np.array(kept, dtype=np.int64), notes


def _other_kind_left_out(arrays: list, kept: list[int], failed: list, paths, names, options, source: str, ids):
    """Images to predict with a run: files of another kind than the run's (a multi-frame file or
    volume among 2D images) in a batch of the run's kind are failures of their own, named and
    skipped with the rest of ``on_unreadable``, so that one file does not stop the batch. A
    batch of only the other kind is left whole (the rank check says what the run takes)."""
    from .image_options import PredictImageOptions

    if not isinstance(options, PredictImageOptions) or not isinstance(options.size, list):
        return arrays, kept
    axes = len(options.size)
    # a channel count no colour setting brings to the run's: a 4D NIfTI (time points or echoes read
    # as channels) among 3D volumes (trial 14: it stopped the batch with 'fix: set data.color')
    other = [j for j, a in enumerate(arrays) if a.ndim - 1 != axes or a.shape[0] not in (1, 3)]
    if not other or len(other) == len(arrays):
        return arrays, kept
    what = {2: "2D images", 3: "3D volumes"}.get(axes, f"{axes}-axis images")
    for j in other:
        i, frames = kept[j], arrays[j].shape[0]
        got = arrays[j].ndim - 1  # fewer axes than the run's: a picture or slice sent to a 3D run (trial 16)
        shape = "a 2D image (a picture or one slice?)" if got == 2 else f"a {got}-axis image (a volume or multi-frame file?)"
        reason = (f"{shape} but the run takes {what}" if got != axes else
                  f"{frames} frames or channels per voxel (a time series or multi-echo file?) but the run takes {what} "
                  "of one grey or colour value")
        failed.append(failed_image(i, paths[i], names[i], source, ids, reason))
    return [a for j, a in enumerate(arrays) if j not in other], [i for j, i in enumerate(kept) if j not in other]

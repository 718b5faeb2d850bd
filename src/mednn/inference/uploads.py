"""Uploaded image files -> a :class:`~mednn.data.base.Dataset`, decoded in memory.

Each upload is decoded by the image readers' own functions (PNG / JPEG / TIFF / BMP through
Pillow, DICOM through pydicom with the run's windowing, NIfTI reoriented as from a file) from
its bytes, never through a temporary file, then brought to the run's layout (size, colour) as
``mednn predict`` does for a folder. Sizes are checked from each header before decoding
(:mod:`mednn.data.image_limits`), and the pixels decoded for one request are bounded too.
Messages name an image by its position, never by the client's file name.

>>> dataset = read_uploads([("a.png", png_bytes)], run_image_options)  # doctest: +SKIP
"""

from __future__ import annotations

import gzip
import io
from typing import Any

import numpy as np

from ..data.base import Dataset
from ..data.image_limits import MAX_PIXELS, ImageTooLarge
from .requests import RequestRefused, record_name

SOURCE = "the request"
PICTURES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")
SUFFIXES = (*PICTURES, ".dcm", ".dicom", ".nii", ".nii.gz")
# all images of one request together (a 64-megapixel image is 64 million)
MAX_REQUEST_PIXELS = 4 * MAX_PIXELS


def upload_kind(position: int, name: str) -> str:
    """"picture" / "dicom" / "nifti" / "nifti.gz" from an upload's file name (422 otherwise)."""
    lower = str(name or "").lower()
    if lower.endswith(PICTURES):
        return "picture"
    if lower.endswith((".dcm", ".dicom")):
        return "dicom"
    if lower.endswith(".nii.gz"):
        return "nifti.gz"
    if lower.endswith(".nii"):
        return "nifti"
    raise RequestRefused(422, f"{record_name(position, 'image')}: the file name has no known image suffix; "
                              f"fix: name it with one of {', '.join(SUFFIXES)}")


def _nifti(data: bytes, compressed: bool):
    """A lazy NIfTI-1 / NIfTI-2 image over the upload's bytes: only the header is read here;
    the voxels are read (and a .nii.gz decompressed) only up to the size the header declares."""
    import nibabel as nib

    from ..data.image_decoding import Unreadable

    stream = gzip.GzipFile(fileobj=io.BytesIO(data)) if compressed else io.BytesIO(data)
    try:
        head = stream.read(4)
        stream.seek(0)
        size = int.from_bytes(head, "little") if len(head) == 4 else 0
        size = size if size in (348, 540) else int.from_bytes(head, "big")
        cls = nib.Nifti2Image if size == 540 else nib.Nifti1Image
        return cls.from_stream(stream)
    except (nib.filebasedimages.ImageFileError, nib.spatialimages.HeaderDataError, OSError, EOFError,
            ValueError) as exc:
        raise Unreadable(f"not a readable NIfTI file ({type(exc).__name__})") from None


def decode_upload(kind: str, data: bytes, options, name: str) -> np.ndarray:
    """One upload as (C, H, W) or (C, D, H, W), as the image readers read its file."""
    from ..data import image_decoding as images

    if kind == "picture":
        return images.read_picture(io.BytesIO(data), options.color)
    if kind == "dicom":
        return images._dicom_to_array([images._dicom_dataset(io.BytesIO(data))], options)
    return images.nifti_array(_nifti(data, kind == "nifti.gz"), name)


def read_uploads(uploads: list[tuple[str, bytes]], options) -> Dataset:
    """Decode every upload (``options``: the run's image options to predict with) and stack
    them in the run's layout; ids are the uploads' positions. Unreadable uploads follow
    ``data.on_unreadable`` (refused, or skipped and counted); too large ones are refused."""
    from ..data import image_decoding as images
    from ..data.images_to_predict import predict_dataset

    options = options.model_copy(update={"cache": None})
    as_held = options.model_copy(update={"color": "auto"})  # the run's colour after (to_run_colour)
    arrays, kept, failed, pixels = [], [], [], 0
    for i, (name, data) in enumerate(uploads):
        kind = upload_kind(i, name)
        where = record_name(i, "image")
        try:
            array = decode_upload(kind, data, as_held, where)
        except images.Unreadable as exc:
            failed.append({"id": str(i), "path": where, "reason": str(exc)})
            continue
        except ImageTooLarge as exc:
            raise ImageTooLarge(str(exc).replace("the image", where, 1)) from None
        pixels += int(np.prod(array.shape[1:]))
        if pixels > MAX_REQUEST_PIXELS:
            raise ImageTooLarge(f"{SOURCE}: its images hold more than {MAX_REQUEST_PIXELS} pixels together; "
                                "fix: send fewer or smaller images per request")
        arrays.append(array)
        kept.append(i)
    notes: dict[str, Any] = {"format": "uploaded images", "unlabelled": True}
    notes.update(images.unreadable_notes(failed, len(arrays), options, SOURCE))
    if options.color != "auto":  # a colour upload to a grey run is listed, and flagged out of distribution
        arrays = images.to_run_colour(arrays, options.color, notes)
    stacked = images.stack_images(arrays, options, SOURCE, notes)
    return predict_dataset(stacked, np.array(kept, dtype=np.int64), SOURCE, notes, options.stored_type)

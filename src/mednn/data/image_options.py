"""The ``data.*`` keys of the image formats (``image_folder``, ``image_csv``, images to predict).

Kept apart from the readers so that decoding (:mod:`mednn.data.image_decoding`), the disk cache
and the readers share one definition. Add a key here and use it where it applies.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict


class ImageOptions(BaseModel):
    """Format keys shared by ``image_folder`` and ``image_csv`` (``data.<key>``)."""

    model_config = ConfigDict(extra="forbid")

    size: int | list[int] | None = None  # resize every image; None: the most common shape
    color: Literal["auto", "gray", "rgb"] = "auto"
    on_unreadable: Literal["fail", "skip"] = "fail"
    window_center: float | None = None  # DICOM window (Hounsfield units); default from tags
    window_width: float | None = None
    dicom_values: Literal["windowed", "hounsfield"] = "windowed"
    # train on DICOM whose header says BurnedInAnnotation YES (off: such files are refused)
    allow_burned_in: bool = False
    # a folder for a disk cache of the decoded images (mednn.data.image_cache): training
    # streams batches from it instead of holding the set in memory; None keeps it in memory
    cache: str | None = None
    # a folder mixing several DICOM series: refused ("one"), or the series with the most slices
    dicom_series: Literal["one", "most_slices"] = "one"
    # the stored type images are brought to (a run's, when it reads new images): float or 16-bit
    # images to an 8-bit run are mapped to 0-255, each on its own: 16-bit /257, float min-max
    # (mednn.data.image_conform.conform_to_type)
    stored_type: Literal["uint8", "uint16", "float32"] | None = None


class ImageCsvOptions(ImageOptions):
    path_column: str = "path"
    split_column: str | None = None


class PredictImageOptions(ImageCsvOptions):
    """Image options accepted when reading images to predict, whatever the run's format.

    A run fills ``size``, ``color`` and ``stored_type`` from its training images
    (:func:`mednn.data.images_to_predict.options_like`), so images of any type, size and
    orientation come out as the run's were; a study folder is scored through the series with
    the most slices (``dicom_series``).
    """

    dicom_series: Literal["one", "most_slices"] = "most_slices"


# a CSV / TSV manifest of image paths, by its name: what predict, evaluate and the DICOM check read as one
MANIFEST_SUFFIXES = (".csv", ".tsv", ".csv.gz")


def is_manifest(path) -> bool:
    """Whether ``path`` is a file named as a manifest of images (``.csv``, ``.tsv``, ``.csv.gz``)."""
    path = Path(path)
    return path.is_file() and path.name.lower().endswith(MANIFEST_SUFFIXES)


# the fix of an image manifest that is no CSV (a PNG named .csv ...), for train and predict alike
MANIFEST_FIX = "pass a manifest CSV, an image with its own suffix (.png, .dcm ...) or a folder of images"

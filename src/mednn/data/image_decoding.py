"""Image decoding: one file (or DICOM series folder) -> a (C, *spatial) NumPy array, and the
common layout a set of them is brought to.

- pictures (PNG / JPEG / TIFF / BMP) through pillow, gray kept as one channel;
- DICOM through pydicom: modality values (``RescaleSlope`` / ``RescaleIntercept``, Hounsfield
  units for CT), then a window (``window_center`` / ``window_width``, default from the tags) to
  uint8, or the Hounsfield values themselves (``dicom_values: hounsfield``); a series folder's
  slices ordered by position along the slice normal;
- NIfTI through nibabel, reoriented to canonical RAS (any stored dtype -> float32).

Used by the in-memory readers (:mod:`mednn.data.images`), the disk cache
(:mod:`mednn.data.image_cache`) and images to predict. An unreadable file raises
:class:`Unreadable` with the reason (never pixel values); the caller decides to fail or skip.
MONAI's ``ITKReader`` / ``PydicomReader`` / ``NibabelReader`` cover the same formats, but MONAI
reorients and stacks through its ``MetaTensor`` and needs ITK for series; the few steps here
(rescale, window, order, reorient) are what mednn needs and are tested on generated phantoms.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError, problem
from .dicom_privacy import burned_in_reason, image_id, image_reference
from .image_layout import ImageLayout, check_rank, image_layout  # noqa: F401  (image_cache reads it here)
from .image_limits import ImageTooLarge, check_pixels
from .image_options import ImageOptions, PredictImageOptions

PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")
DICOM_SUFFIXES = (".dcm", ".dicom")
NIFTI_SUFFIXES = (".nii", ".nii.gz")


class Unreadable(Exception):
    """One file could not be read; the message says why (never its pixel values)."""



def is_dicom_file(path: Path) -> bool:
    """A DICOM file by its name (.dcm, .dicom) or by the DICM mark after its 128-byte preamble."""
    if path.name.lower().endswith(DICOM_SUFFIXES):
        return True
    try:
        with open(path, "rb") as f:
            f.seek(128)
            return f.read(4) == b"DICM"
    except OSError:
        return False


def image_kind(path: Path) -> str | None:
    """"picture" / "dicom" / "nifti" / "series" (a folder of DICOM slices), or None."""
    name = path.name.lower()
    if path.is_dir():
        return "series"
    if name.endswith(PICTURE_SUFFIXES):
        return "picture"
    if name.endswith(NIFTI_SUFFIXES):
        return "nifti"
    if is_dicom_file(path):
        return "dicom"
    return None


def read_picture(path: str | Path, color: str = "auto") -> np.ndarray:
    """A PNG / JPEG / TIFF / BMP as (C, H, W): uint8, uint16 for 16-bit, float32 for float TIFF.

    ``color="auto"`` keeps gray images (and RGB ones whose channels are equal) as one channel.
    """
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the size is checked here
            image = Image.open(path)
    except Image.DecompressionBombError:
        raise ImageTooLarge(problem(f"{_name(path)} declares more pixels than mednn decodes",
                                    fix="downsample or crop the image first")) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise Unreadable(f"not a readable image ({type(exc).__name__})") from None
    try:
        with image:
            check_pixels(image.size, _name(path))  # from the header, before decoding (one frame is read)
            image.load()
            mode = image.mode
            if mode.startswith("I;16") or mode in ("I", "F"):
                array = np.asarray(image)
                if mode == "F":
                    array = array.astype(np.float32)
                elif mode == "I" and (array.min() < 0 or array.max() > 65535):
                    array = array.astype(np.float32)
                else:
                    array = array.astype(np.uint16)
                array = array[None]
                if color == "rgb":
                    array = np.repeat(array, 3, axis=0)
                return array
            if color == "gray" or (color == "auto" and mode in ("1", "L", "LA")):
                return np.asarray(image.convert("L"))[None]
            array = np.asarray(image.convert("RGB")).transpose(2, 0, 1)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise Unreadable(f"not a readable image ({type(exc).__name__})") from None
    if color == "auto" and (array[0] == array[1]).all() and (array[0] == array[2]).all():
        return np.ascontiguousarray(array[:1])  # gray stored as RGB (common for X-ray JPEGs)
    return np.ascontiguousarray(array)


def _name(path) -> str:
    """A file's name for messages (uploads read from memory have none)."""
    return Path(path).name if isinstance(path, (str, Path)) and str(path) else "the image"


def _dicom_dataset(path: Path):
    import pydicom
    from pydicom.errors import InvalidDicomError

    try:
        return pydicom.dcmread(path)
    except (InvalidDicomError, OSError, EOFError, ValueError, KeyError, TypeError) as exc:
        raise Unreadable(f"not a readable DICOM file ({type(exc).__name__})") from None


def _dicom_pixels(ds) -> np.ndarray:
    if "PixelData" not in ds:
        raise Unreadable("the DICOM file holds no image (no Pixel Data element)")
    declared = [ds.get(k) for k in ("NumberOfFrames", "Rows", "Columns", "SamplesPerPixel")]
    try:
        check_pixels([int(v) if v not in (None, "") else 1 for v in declared], "its header")  # never its file name
    except (TypeError, ValueError):
        raise Unreadable("its image size tags (Rows, Columns, NumberOfFrames) are not numbers") from None
    syntax = getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", None)
    try:
        return ds.pixel_array
    except (RuntimeError, NotImplementedError) as exc:
        name = getattr(syntax, "name", str(syntax))
        if syntax is not None and getattr(syntax, "is_compressed", False):
            raise Unreadable(f"compressed transfer syntax '{name}' is not supported by the installed "
                             "decoders; fix: pip install pylibjpeg pylibjpeg-libjpeg (or gdcm), or "
                             "decompress the files (e.g. dcmdjpeg)") from None
        raise Unreadable(f"cannot decode its pixel data ({type(exc).__name__})") from None
    except (ValueError, AttributeError, TypeError) as exc:
        raise Unreadable(f"its pixel data is truncated or inconsistent ({type(exc).__name__})") from None


def dicom_hounsfield(ds, pixels: np.ndarray | None = None) -> np.ndarray:
    """Modality values (Hounsfield units for CT): ``pixels * RescaleSlope + RescaleIntercept``."""
    pixels = _dicom_pixels(ds) if pixels is None else pixels
    slope = float(ds.get("RescaleSlope", 1) or 1)
    intercept = float(ds.get("RescaleIntercept", 0) or 0)
    return pixels.astype(np.float32) * np.float32(slope) + np.float32(intercept)


def _first(value) -> float | None:
    if value is None:
        return None
    try:
        return float(value[0]) if hasattr(value, "__len__") and not isinstance(value, str) else float(value)
    except (TypeError, ValueError, IndexError):
        return None


def apply_window(values: np.ndarray, center: float | None, width: float | None) -> np.ndarray:
    """Map values to uint8 through a window (centre, width); without one, the value range
    (8-bit images without a window never come here: see ``_already_8bit``)."""
    if center is None or width is None or width <= 0:
        low, high = float(np.min(values)), float(np.max(values))
    else:
        low, high = center - width / 2, center + width / 2
    scaled = (values.astype(np.float32) - low) / max(high - low, 1e-6)
    return np.round(np.clip(scaled, 0.0, 1.0) * 255).astype(np.uint8)


def _already_8bit(ds, values: np.ndarray) -> bool:
    """An 8-bit grey DICOM without a VOI LUT whose modality values are whole numbers in 0-255:
    kept as they are (docs/images.md), so the same pixels give the same tensor as a PNG."""
    bits = int(ds.get("BitsStored", ds.get("BitsAllocated", 16)) or 16)
    if bits > 8 or "VOILUTSequence" in ds or values.size == 0:
        return False
    return bool(values.min() >= 0 and values.max() <= 255 and np.all(values == np.round(values)))


def _dicom_to_array(datasets: list, options: ImageOptions) -> np.ndarray:
    """Slices of one image or series (already ordered) -> (C, H, W) or (C, D, H, W)."""
    # a run's new images: read with the run's stored type, or as images to predict
    new = options.stored_type is not None or isinstance(options, PredictImageOptions)
    refused = burned_in_reason(datasets, options.allow_burned_in, new=new)
    if refused is not None:
        raise Unreadable(refused)
    first = datasets[0]
    photometric = str(first.get("PhotometricInterpretation", "MONOCHROME2")).upper()
    pixels = [_dicom_pixels(ds) for ds in datasets]
    if photometric in ("RGB", "YBR_FULL", "YBR_FULL_422", "YBR_RCT", "YBR_ICT", "PALETTE COLOR"):
        if photometric == "PALETTE COLOR":
            from pydicom.pixels import apply_color_lut

            pixels = [apply_color_lut(p, ds) for p, ds in zip(pixels, datasets)]
        stack = np.stack(pixels)  # (slices, [frames,] H, W, 3)
        stack = stack.reshape(-1, *stack.shape[-3:])  # (D, H, W, 3)
        if stack.dtype != np.uint8:
            stack = apply_window(stack, None, None)
        stack = np.ascontiguousarray(np.moveaxis(stack, -1, 0))  # (3, D, H, W)
        return stack[:, 0] if stack.shape[1] == 1 else stack
    values = np.stack([dicom_hounsfield(ds, p) for ds, p in zip(datasets, pixels)])
    # (slices, H, W) or (1, frames, H, W) for one multi-frame file
    values = values.reshape(-1, *values.shape[-2:])
    if options.dicom_values == "hounsfield":
        out = values.astype(np.float32)  # physical values: MONOCHROME1 only affects display
    else:
        center = options.window_center if options.window_center is not None else _first(first.get("WindowCenter"))
        width = options.window_width if options.window_width is not None else _first(first.get("WindowWidth"))
        if center is None and _already_8bit(first, values):
            out = values.astype(np.uint8)  # as a PNG of the same pixels: no per-image stretch
        else:
            out = apply_window(values, center, width)
        if photometric == "MONOCHROME1":  # low values are displayed white: invert
            out = 255 - out
    return out[None] if out.shape[0] > 1 else out[:1]


def read_dicom(path: str | Path, options: ImageOptions | None = None) -> np.ndarray:
    """One DICOM file -> (C, H, W) (or (1, D, H, W) for multi-frame), windowed uint8 by default."""
    return _dicom_to_array([_dicom_dataset(Path(path))], options or ImageOptions())


def order_slices(datasets: list) -> list:
    """Sort slices by ImagePositionPatient projected on the slice normal (not by file name).

    The normal is the cross product of the row and column directions of
    ImageOrientationPatient; without positions, InstanceNumber orders them. One slice needs no order.
    """
    if len(datasets) == 1:
        return list(datasets)
    try:
        orientation = np.array([float(v) for v in datasets[0].ImageOrientationPatient])
        normal = np.cross(orientation[:3], orientation[3:])
        keys = [float(np.dot(normal, [float(v) for v in ds.ImagePositionPatient])) for ds in datasets]
    except (AttributeError, TypeError, ValueError):
        try:
            keys = [int(ds.InstanceNumber) for ds in datasets]
        except (AttributeError, TypeError, ValueError):
            raise Unreadable("its slices have neither ImagePositionPatient nor InstanceNumber to order them") from None
    if len(set(keys)) != len(keys):
        raise Unreadable("two slices share one position; fix: keep one series per folder")
    return [ds for _, ds in sorted(zip(keys, datasets), key=lambda pair: pair[0])]


def read_dicom_series(folder: str | Path, options: ImageOptions | None = None) -> np.ndarray:
    """A folder of one series' slices -> (1, D, H, W), slices ordered by position.

    A folder that holds several series of one study (its files, or its subfolders' files) is
    read as the series :func:`choose_series` picks when ``options.dicom_series`` is
    ``"most_slices"`` (images to predict); otherwise it is refused as a mix.
    """
    folder = Path(folder)
    options = options or ImageOptions()
    files = dicom_files(folder, depth=2 if options.dicom_series == "most_slices" else 1)
    if not files:
        raise Unreadable("the folder holds no DICOM files")
    datasets = [_dicom_dataset(p) for p in files]
    groups: dict[str, list] = {}
    for ds in datasets:
        groups.setdefault(str(ds.get("SeriesInstanceUID", "")), []).append(ds)
    if len(groups) > 1:
        if options.dicom_series != "most_slices":
            raise Unreadable(f"the folder mixes {len(groups)} series; fix: one series per folder")
        datasets = groups[choose_series({uid: _series_header(g) for uid, g in groups.items()})]
    shapes = {(int(ds.get("Rows", 0)), int(ds.get("Columns", 0))) for ds in datasets}
    if len(shapes) > 1:
        raise Unreadable("its slices differ in size")
    volume = _dicom_to_array(order_slices(datasets), options)
    # a folder of one single-frame slice (a 2D image filed as a series by `mednn deid`) stays 2D
    return volume if volume.ndim == 4 or len(datasets) == 1 else volume[:, None]


def dicom_files(folder: Path, depth: int = 1) -> list[Path]:
    """The DICOM files of ``folder`` (and of its subfolders, down to ``depth`` levels), sorted."""
    found = []
    for p in sorted(folder.iterdir()):
        if p.name.startswith("."):
            continue
        if p.is_file() and is_dicom_file(p):
            found.append(p)
        elif p.is_dir() and depth > 1:
            found += dicom_files(p, depth - 1)
    return found


def _series_header(datasets: list) -> dict[str, Any]:
    first = datasets[0]
    frames = sum(int(ds.get("NumberOfFrames", 1) or 1) for ds in datasets)
    number = first.get("SeriesNumber")
    return {"slices": frames, "series_number": int(number) if str(number or "").strip().isdigit() else None}


def choose_series(series: dict[str, dict[str, Any]]) -> str:
    """The series of a study to score: the one with the most slices (a volume rather than a
    localizer or a single reformatted slice), then the lowest SeriesNumber, then the UID.

    >>> choose_series({"1.2.1": {"slices": 3, "series_number": 1}, "1.2.2": {"slices": 40, "series_number": 2}})
    '1.2.2'
    """
    def key(uid: str):
        info = series[uid]
        number = info.get("series_number")
        return (-int(info["slices"]), number is None, number if number is not None else 0, uid)

    return min(series, key=key)


def read_nifti(path: str | Path) -> np.ndarray:
    """A NIfTI volume reoriented to canonical RAS -> float32 (C, D, H, W) with D = superior axis.

    Axes after reorientation are (x: right, y: anterior, z: superior); they are stored as
    (z, y, x) so that index 0 walks axial slices. A 4th axis becomes channels.
    """
    import nibabel as nib

    try:
        image = nib.load(str(path))
    except (nib.filebasedimages.ImageFileError, OSError, EOFError, ValueError) as exc:
        raise Unreadable(f"not a readable NIfTI file ({type(exc).__name__})") from None
    return nifti_array(image, _name(path))


def nifti_array(image, source: str = "the NIfTI image") -> np.ndarray:
    """A loaded (lazy) NIfTI image -> float32 (C, D, H, W), as :func:`read_nifti` reads files;
    the volume size is checked from the header before any voxel is read."""
    import nibabel as nib

    check_pixels(image.shape, source, volume=True)
    try:
        image = nib.as_closest_canonical(image)
        data = np.asarray(image.dataobj, dtype=np.float32)
    except (nib.filebasedimages.ImageFileError, OSError, EOFError, ValueError) as exc:
        raise Unreadable(f"not a readable NIfTI file ({type(exc).__name__})") from None
    if data.ndim == 2:
        data = data[:, :, None]
    if data.ndim == 3:
        data = data[..., None]
    if data.ndim != 4:
        raise Unreadable(f"a NIfTI image with {data.ndim} axes is not supported (expected 3 or 4)")
    if not np.isfinite(data).all():
        raise Unreadable("it holds NaN or infinite values")
    if data.shape[2] == 1:  # one slice: a 2D image (28x28 or 28x28x1), not a volume
        return _nifti_plane(image, data)
    return np.ascontiguousarray(data.transpose(3, 2, 1, 0))


def _nifti_plane(image, data: np.ndarray) -> np.ndarray:
    """A one-slice NIfTI (x, y, 1, C) as a 2D image (C, H, W) read as its array is stored: first
    axis = rows, as nibabel and converters write a 2D picture; 8- / 16-bit pixels without a scale
    keep their type, so the same pixels as a PNG come out the same."""
    stored = np.dtype(image.get_data_dtype())
    slope, inter = getattr(image.dataobj, "slope", 1.0), getattr(image.dataobj, "inter", 0.0)
    plane = data[:, :, 0, :].transpose(2, 0, 1)
    if stored in (np.uint8, np.uint16) and slope in (1.0, None) and inter in (0.0, None):
        plane = plane.astype(stored)
    return np.ascontiguousarray(plane)


def read_image(path: Path, options: ImageOptions) -> np.ndarray:
    """Any supported image file (or DICOM series folder) as (C, H, W) or (C, D, H, W)."""
    kind = image_kind(path)
    if kind == "picture":
        return read_picture(path, options.color)
    if kind == "dicom":
        array = read_dicom(path, options)
    elif kind == "series":
        array = read_dicom_series(path, options)
    elif kind == "nifti":
        array = read_nifti(path)
    else:
        raise Unreadable("unsupported file type; expected PNG, JPEG, TIFF, BMP, DICOM or NIfTI")
    return with_color(array, options.color)


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


def failed_image(i: int, path: Path, name: str, source: str, ids: list[str] | None, reason: str) -> dict[str, str]:
    """The record of one unreadable file (``{"id", "path", "reason"}``): a DICOM one is named by
    its position and id (:func:`mednn.data.dicom_privacy.image_reference`), never by its name."""
    kind = image_kind(path)
    given = None if ids is None else str(ids[i])
    image = given or image_id(name, kind or "dicom")  # a file of unknown kind may be a DICOM: a pseudonym
    return {"id": image, "path": image_reference(name, kind, i + 1, source, image), "reason": reason}


def unreadable_notes(failed: list[dict[str, str]], n_read: int, options: ImageOptions,
                     source: str) -> dict[str, Any]:
    """Fail on unreadable files (``on_unreadable: fail``), or list them under ``"skipped"``."""
    notes: dict[str, Any] = {}
    if failed and options.on_unreadable == "fail":
        # a reason may carry its own fix (burned-in text: de-identify first): one "fix:" clause
        reasons = [f["reason"].split("; fix: ", 1) for f in failed]
        listed = "; ".join(f"{f['path']}: {r[0]}" for f, r in zip(failed[:3], reasons))
        more = f" (and {len(failed) - 3} more)" if len(failed) > 3 else ""
        fixes = list(dict.fromkeys(r[1] for r in reasons if len(r) > 1)) or ["repair or remove them"]
        raise DataError(f"{source}: {len(failed)} unreadable file(s): {listed}{more}; "
                        f"fix: {'; or '.join(fixes)}; or set data.on_unreadable: skip to leave them out")
    if failed:
        notes["skipped"] = failed
    if not n_read:
        raise DataError(f"{source}: no readable image; fix: check data.path")
    return notes


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


def ignored_files_note(ignored: list[str]) -> dict[str, Any]:
    """What ``data.json`` says of files a folder reader skipped: their count and file types, never their
    names (a file name may carry a patient's name)."""
    return {"count": len(ignored), "types": sorted({Path(p).suffix.lower() or "(none)" for p in ignored}),
            "why": "not an image file type (PNG, JPEG, TIFF, BMP, DICOM, NIfTI)"}

"""Image decoding: one file (or DICOM series folder) -> a (C, *spatial) NumPy array, and what a
reader records of the files it could not read.

- pictures (PNG / JPEG / TIFF / BMP) through pillow, gray kept as one channel;
- DICOM through pydicom: modality values (``RescaleSlope`` / ``RescaleIntercept``, Hounsfield
  units for CT), then a window (``window_center`` / ``window_width``, default from the tags) to
  uint8, or the Hounsfield values themselves (``dicom_values: hounsfield``); a series folder's
  slices ordered by position along the slice normal;
- NIfTI through nibabel, reoriented to canonical RAS (any stored dtype -> float32).

Bringing decoded images to a run's colour, type and size (and a set of them to one array) is
:mod:`mednn.data.image_conform`; its names stay importable from here.

Used by the in-memory readers (:mod:`mednn.data.images`), the disk cache
(:mod:`mednn.data.image_cache`) and images to predict. An unreadable file raises
:class:`Unreadable` with the reason (never pixel values); the caller decides to fail or skip.
MONAI's ``ITKReader`` / ``PydicomReader`` / ``NibabelReader`` cover the same formats, but MONAI
reorients and stacks through its ``MetaTensor`` and needs ITK for series; the few steps here
(rescale, window, order, reorient) are what mednn needs and are tested on generated phantoms.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError, problem
from .dicom_privacy import burned_in_reason, image_id, image_reference
# bringing decoded images to a run's colour, type and size: their own module, importable from here
from .image_conform import (COLOUR_SPREAD, colourful, conform_image, conform_to_type, conform_type,  # noqa: F401
                            note_colour_mismatch, resize, stack_images, to_run_colour, with_color)
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
            frames = getattr(image, "n_frames", 1)
            if frames > 1:  # a multi-page TIFF or an animation is no 2D picture: never its first frame silently
                raise Unreadable(f"a picture of {frames} frames (mednn reads one frame per 2D image; "
                                 "save each frame as its own file)")
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
        positions = True
    except (AttributeError, TypeError, ValueError):
        positions = False  # instance numbers need not be contiguous: no gap is inferred from them
        try:
            keys = [int(ds.InstanceNumber) for ds in datasets]
        except (AttributeError, TypeError, ValueError):
            raise Unreadable("its slices have neither ImagePositionPatient nor InstanceNumber to order them") from None
    if len(set(keys)) != len(keys):
        raise Unreadable("two slices share one position; fix: keep one series per folder")
    ordered = sorted(zip(keys, datasets), key=lambda pair: pair[0])
    if positions:
        _refuse_missing_slices([key for key, _ in ordered])
    return [ds for _, ds in ordered]


def _refuse_missing_slices(positions: list[float]) -> None:
    """A gap between two slices well over the series' usual spacing is a slice lost in export
    (trial 19: such a series was stacked as a shorter volume and scored without a word)."""
    steps = np.diff(positions)
    if len(steps) < 2:
        return
    usual = float(np.median(steps))
    widest = int(np.argmax(steps))
    if steps[widest] > 1.5 * usual:
        raise Unreadable(f"a slice is missing: slices {widest + 1} and {widest + 2} of {len(positions)} (by position) "
                         f"lie {steps[widest]:.3g} mm apart where the series' usual spacing is {usual:.3g} mm; "
                         "fix: export the complete series")


def read_dicom_series(folder: str | Path, options: ImageOptions | None = None) -> np.ndarray:
    """A folder of one series' slices -> (1, D, H, W), slices ordered by position.

    A folder that holds several series of one study (its files, or its subfolders' files) is
    read as the series :func:`choose_series` picks when ``options.dicom_series`` is
    ``"most_slices"`` (images to predict); otherwise it is refused as a mix.
    """
    folder = Path(folder)
    options = options or ImageOptions()
    files = dicom_files(folder, depth=2 if options.dicom_series == "most_slices" else 1)
    if not files and dicom_files(folder, depth=4):  # class/<patient>/<study>/<series>/: a PACS export's tree
        raise Unreadable("its DICOM files lie in subfolders below it (patient / study / series?), but a class "
                         "folder holds one folder per series; fix: `mednn deid DATA --out CLEAN --dicom-layout "
                         "classes` writes CLEAN/<class>/series-<id>/, or move each series folder into its class folder")
    if not files:
        raise Unreadable("the folder holds no DICOM files")
    datasets = [_dicom_dataset(p) for p in files]
    groups: dict[str, list] = {}
    for ds in datasets:
        groups.setdefault(str(ds.get("SeriesInstanceUID", "")), []).append(ds)
    if len(groups) > 1 and options.dicom_series == "most_slices":
        _refuse_mixed_studies(datasets)
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


def _refuse_mixed_studies(datasets: list) -> None:
    """One study's series make one sample (the longest is scored); files of other studies, or a
    file cut short before its UIDs, would be dropped without a word (trial 19)."""
    if any(not str(ds.get("SeriesInstanceUID", "")).strip() for ds in datasets):
        raise Unreadable("a file of the folder has no SeriesInstanceUID (cut short, or not an image); "
                         "fix: repair or remove it, or export the series again")
    studies = {str(ds.get("StudyInstanceUID", "")) for ds in datasets}
    if len(studies) > 1:
        raise Unreadable(f"the folder mixes files of {len(studies)} studies; fix: one study (or series) per folder")


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
    affine = np.asarray(image.affine, dtype=float)
    if not np.isfinite(affine).all() or abs(np.linalg.det(affine[:3, :3])) < 1e-12:
        # a lost geometry (zero or NaN rows of sform/qform): nibabel cannot reorient it (trial 19)
        raise Unreadable("its affine (sform / qform) is degenerate, so its orientation is unknown; "
                         "fix: repair the NIfTI header's orientation (e.g. from the source DICOM)")
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
    # a reason may carry its own fix (burned-in text: de-identify first): one "fix:" clause
    reasons = [f["reason"].split("; fix: ", 1) for f in failed]
    listed = "; ".join(f"{f['path']}: {r[0]}" for f, r in zip(failed[:3], reasons))
    more = f" (and {len(failed) - 3} more)" if len(failed) > 3 else ""
    fixes = list(dict.fromkeys(r[1] for r in reasons if len(r) > 1)) or ["repair or remove them"]
    if failed and options.on_unreadable == "fail":
        raise DataError(f"{source}: {len(failed)} unreadable file(s): {listed}{more}; "
                        f"fix: {'; or '.join(fixes)}; or set data.on_unreadable: skip to leave them out")
    if failed:
        notes["skipped"] = failed
    if not n_read and failed:  # every file skipped: say why (trial 19), not only "check data.path"
        raise DataError(f"{source}: no readable image: {len(failed)} unreadable file(s): {listed}{more}; "
                        f"fix: {'; or '.join(fixes)}")
    if not n_read:
        raise DataError(f"{source}: no readable image; fix: check data.path")
    return notes


def ignored_files_note(ignored: list[str]) -> dict[str, Any]:
    """What ``data.json`` says of files a folder reader skipped: their count and file types, never their
    names (a file name may carry a patient's name)."""
    return {"count": len(ignored), "types": sorted({Path(p).suffix.lower() or "(none)" for p in ignored}),
            "why": "not an image file type (PNG, JPEG, TIFF, BMP, DICOM, NIfTI)"}

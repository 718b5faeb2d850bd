"""Clean burned-in text from DICOM pixel data (the Clean Pixel Data Option, 113101).

All frames are searched at once with :func:`.cine.text_mask` (a cine through its static map,
:func:`.text_boxes.find_text_boxes` on each word); the boxes found are set to the image's
background value in every frame. For ultrasound with a ``SequenceOfUltrasoundRegions``, when the
header says ``BurnedInAnnotation`` YES or text is found, everything outside the regions is
blanked too (the scanner draws names, ids and dates around the image, not inside it). A file
that says YES but where no text can be located is refused: mednn cannot show it is clean.
Pixels are rewritten only when something was blanked (then uncompressed, Explicit VR Little
Endian); otherwise the original encoding is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .cine import text_mask

MAX_PASSES = 3  # blanking can leave a cut glyph at a box's edge: search again until none is found


class CannotClean(Exception):
    """The file cannot be shown to be clean; the message says why (never a value from it)."""


@dataclass
class PixelResult:
    has_pixels: bool = False
    pixels: int = 0  # pixels of one frame
    blanked: int = 0  # pixels of one frame set to the background (the same in every frame)
    text_boxes: int = 0
    outside_regions: bool = False  # ultrasound: everything outside the regions was blanked
    header_burned_in: bool = False  # the input's header said BurnedInAnnotation YES
    mask: np.ndarray | None = field(default=None, repr=False)  # what was blanked (for the verifier; never stored)
    fill: object = None

    def to_dict(self) -> dict:
        return {"pixels_per_frame": self.pixels, "pixels_blanked": self.blanked, "text_boxes": self.text_boxes,
                "outside_ultrasound_regions_blanked": self.outside_regions,
                "header_said_burned_in": self.header_burned_in}


def decode(ds) -> np.ndarray:
    """The pixel array as (frames, rows, columns[, samples]); :class:`CannotClean` if it cannot be decoded."""
    syntax = getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", None)
    try:
        array = np.asarray(ds.pixel_array)
    except Exception:  # noqa: BLE001  (every decoder failure means the same: not verifiable)
        raise CannotClean(f"its pixel data cannot be decoded ({_why_undecodable(ds, syntax)}), "
                          "so burned-in text cannot be looked for") from None
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    samples = int(ds.get("SamplesPerPixel", 1) or 1)
    if frames == 1:
        array = array[None]
    if array.ndim != (4 if samples > 1 else 3):
        raise CannotClean(f"its pixel data has an unexpected shape {array.shape}")
    return array


IMAGE_ATTRIBUTES = ("Rows", "Columns", "BitsAllocated", "SamplesPerPixel", "PhotometricInterpretation")


def _why_undecodable(ds, syntax) -> str:
    """The cause in words (never the decoder's class name): the image attributes the header
    lacks, a compressed syntax no installed decoder reads, or pixel bytes that do not match the header."""
    missing = [name for name in IMAGE_ATTRIBUTES if ds.get(name) in (None, "")]
    if missing:
        return f"the header lacks {', '.join(missing)}"
    name = getattr(syntax, "name", None) or str(syntax or "unknown")
    if getattr(syntax, "is_compressed", False):
        return f"no installed decoder reads its transfer syntax {name}, or its compressed data is damaged"
    return f"its pixel bytes do not match Rows x Columns x BitsAllocated in the header (transfer syntax {name})"


def ultrasound_regions(ds, shape: tuple[int, int]) -> np.ndarray | None:
    """A mask of the ``SequenceOfUltrasoundRegions`` rectangles, or None when there are none."""
    regions = ds.get("SequenceOfUltrasoundRegions")
    if not regions:
        return None
    keep = np.zeros(shape, dtype=bool)
    for item in regions:
        try:
            x0, y0 = int(item.RegionLocationMinX0), int(item.RegionLocationMinY0)
            x1, y1 = int(item.RegionLocationMaxX1), int(item.RegionLocationMaxY1)
        except (AttributeError, TypeError, ValueError):
            continue
        keep[max(0, y0):y1 + 1, max(0, x0):x1 + 1] = True
    return keep if keep.any() else None


def _palette(ds) -> bool:
    return str(ds.get("PhotometricInterpretation", "")).strip().upper() == "PALETTE COLOR"


def display_view(ds, frames: np.ndarray) -> np.ndarray:
    """The frames as they are shown, for the text search: PALETTE COLOR indices through the
    file's colour lookup table (8-bit RGB); other images as decoded. An index is not a
    brightness: the palette's grey band and its darker text can be any two index values."""
    if not _palette(ds):
        return frames
    from pydicom.pixels import apply_color_lut

    try:
        rgb = np.asarray(apply_color_lut(frames, ds))
    except (AttributeError, KeyError, TypeError, ValueError, IndexError):
        raise CannotClean("its PALETTE COLOR lookup table cannot be read, so burned-in text cannot be "
                          "looked for") from None
    return (rgb >> 8).astype(np.uint8) if rgb.dtype.itemsize > 1 and rgb.max() > 255 else rgb.astype(np.uint8)


def background_value(ds, array: np.ndarray, view: np.ndarray | None = None):
    """The value blanked pixels get: the darkest (the brightest for MONOCHROME1); for a palette,
    the index shown darkest."""
    if _palette(ds) and view is not None:
        return array.reshape(-1)[int(np.argmin(view.reshape(-1, view.shape[-1]).astype(np.int32).sum(axis=1)))]
    return array.max() if str(ds.get("PhotometricInterpretation", "")).upper() == "MONOCHROME1" else array.min()


def announced_image(ds) -> str | None:
    """Why ``ds`` should hold pixels (its SOP class is an image storage class, or its header gives
    Rows / Columns), or None for a non-image object (a structured report, a presentation state)."""
    if ds.get("Rows") not in (None, "") or ds.get("Columns") not in (None, ""):
        return "its header gives Rows / Columns"
    sop_class = ds.get("SOPClassUID")
    name = str(getattr(sop_class, "name", "") or "")
    return "its SOP class is an image storage class" if "Image Storage" in name else None


def clean_pixels(ds) -> PixelResult:
    """Blank burned-in text in ``ds`` (in place); see the module's docstring. An image without
    its pixel data (a file cut short before it, trial 13) is :class:`CannotClean`: written, it
    would be a header-only file that looks de-identified and verified."""
    if "PixelData" not in ds:
        why = announced_image(ds)
        if why:
            raise CannotClean(f"its pixel data is missing though {why} (the file is cut short or its "
                              "image was removed)")
        return PixelResult()
    frames = decode(ds)
    result = PixelResult(has_pixels=True, pixels=int(frames.shape[1] * frames.shape[2]))
    burned = str(ds.get("BurnedInAnnotation", "")).strip().upper() == "YES"
    result.header_burned_in = burned
    regions = ultrasound_regions(ds, frames.shape[1:3]) if str(ds.get("Modality", "")).upper() == "US" else None
    view = display_view(ds, frames)
    mask, result.text_boxes = text_mask(view)
    if regions is not None and (burned or mask.any()):
        mask |= ~regions
        result.outside_regions = True
    if burned and not mask.any():
        raise CannotClean("its header says BurnedInAnnotation YES but no text could be located in the pixels")
    if mask.any():
        fill = background_value(ds, frames, view)
        cleaned = frames.copy()
        cleaned[:, mask] = fill
        for _ in range(MAX_PASSES):
            more, found = text_mask(display_view(ds, cleaned), ignore=mask)
            if not (more & ~mask).any():
                break
            mask |= more
            result.text_boxes += found
            cleaned[:, mask] = fill
        _write(ds, cleaned)
        result.mask, result.fill = mask, fill
    result.blanked = int(mask.sum())
    ds.BurnedInAnnotation = "NO"
    return result


def _write(ds, frames: np.ndarray) -> None:
    array = frames[0] if int(ds.get("NumberOfFrames", 1) or 1) == 1 else frames
    photometric = str(ds.get("PhotometricInterpretation", "MONOCHROME2"))
    if photometric.startswith("YBR"):  # decoded to RGB by pydicom
        photometric = "RGB"
    bits = int(ds.get("BitsStored", array.dtype.itemsize * 8))
    ds.set_pixel_data(np.ascontiguousarray(array), photometric, bits, generate_instance_uid=False)

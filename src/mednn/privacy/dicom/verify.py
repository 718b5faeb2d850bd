"""Verify a de-identified DICOM file by reading it back: no attribute the profile removes is
left, no private element (except those asked to be kept), none of the removed values anywhere
in the header (nested sequences, private and file meta elements included), no text line
found in the pixels, and, where the OCR engine is installed (:mod:`.ocr`), none of the removed
values read in them. The result holds counts and tag numbers only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .pixels import CannotClean, decode, display_view, text_mask
from .leaks import needles, removed_copies
from .profile import find_attribute, resolve

@dataclass
class Verification:
    elements: int = 0  # elements read back
    values_searched: int = 0  # removed values looked for
    text_boxes: int = 0  # text lines found in the written pixels
    ocr: str = "off"  # the engine that read the written pixels, "not installed" or "off"
    ocr_frames: int = 0  # frames read
    ocr_lines: int = 0  # text lines read (scanner settings, scales: what is left is not identity)
    ocr_removed_found: int = 0  # removed values read in the written pixels
    problems: list[str] = field(default_factory=list)  # tag numbers and counts, never values

    @property
    def passed(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {"elements_checked": self.elements, "removed_values_searched": self.values_searched,
                "text_boxes_found": self.text_boxes, "ocr": self.ocr, "ocr_frames_read": self.ocr_frames,
                "ocr_lines_read": self.ocr_lines, "ocr_removed_values_found": self.ocr_removed_found,
                "passed": self.passed, "problems": list(self.problems)}


def verify_dataset(ds, removed: set[str], options: frozenset[str], keep_private: frozenset) -> Verification:
    """Check a dataset read back from disk (header only); see the module's docstring."""
    result = Verification()
    pattern, whole = needles(removed)
    result.values_searched = (pattern.pattern.count("|") + 1 if pattern else 0) + len(whole)
    leaks: dict[str, int] = {}
    elements = list(ds.iterall()) + (list(ds.file_meta.iterall()) if getattr(ds, "file_meta", None) else [])
    for elem in elements:
        result.elements += 1
        tag = int(elem.tag)
        if elem.tag.is_private and not keep_private:
            result.problems.append(f"private element ({elem.tag.group:04X},{elem.tag.element:04X}) is present")
            continue
        attribute = find_attribute(tag)
        if attribute is not None and not elem.tag.is_private and resolve(attribute, options) == "X":
            result.problems.append(f"({elem.tag.group:04X},{elem.tag.element:04X}) should have been removed")
        found = removed_copies(elem, pattern, whole)
        if found:
            key = f"({elem.tag.group:04X},{elem.tag.element:04X})"
            leaks[key] = leaks.get(key, 0) + found
    for key, n in sorted(leaks.items()):
        result.problems.append(f"{key} holds {n} removed value(s)")
    return result


def verify_pixels(ds, result: Verification, blanked=None, fill=None, removed: set[str] | None = None,
                  ocr: str = "auto") -> None:
    """Look for text in the written pixels: any line found is a problem; so is a pixel of the
    blanked area (``blanked``, from the cleaning) that is not the fill value in the written file,
    and any ``removed`` value the OCR engine reads in the first (and last) frame. ``ocr``:
    "auto" (read when the engine is installed), "require" (a missing engine is a problem) or "off"."""
    if "PixelData" not in ds:
        return
    try:
        frames = decode(ds)
    except CannotClean as exc:
        result.problems.append(f"written pixels: {exc}")
        return
    if blanked is not None and frames.shape[1:3] == blanked.shape:
        if not (frames[:, blanked] == fill).all():
            result.problems.append("written pixels: the blanked area is not blank")
    try:
        view = display_view(ds, frames)  # a palette's indices as shown
    except CannotClean as exc:
        result.problems.append(f"written pixels: {exc}")
        return
    _, result.text_boxes = text_mask(view, ignore=blanked)
    if result.text_boxes:
        result.problems.append(f"{result.text_boxes} text line(s) still found in the pixels")
    if ocr != "off":
        _read_back(view, result, removed or set(), required=ocr == "require")


def _read_back(frames, result: Verification, removed: set[str], required: bool) -> None:
    from . import ocr

    if not ocr.available():
        result.ocr = "not installed"
        if required:
            result.problems.append(f"the OCR engine ({ocr.ENGINE}) is not installed")
        return
    result.ocr = ocr.engine_name()
    lines: list[str] = []
    for frame in (frames[0], frames[-1]) if len(frames) > 1 else (frames[0],):
        lines += ocr.read_lines(frame)
        result.ocr_frames += 1
    result.ocr_lines = len(lines)
    result.ocr_removed_found = ocr.count_found(lines, removed)
    if result.ocr_removed_found:
        result.problems.append(f"OCR reads {result.ocr_removed_found} removed value(s) in the written pixels")

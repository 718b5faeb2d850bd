"""Find burned-in text in an image by image analysis (no OCR model): boxes around lines of
character-sized, high-contrast strokes.

Burned-in annotations (names, ids, dates, scanner settings) are rendered glyphs: thin strokes
much brighter (or darker) than their surroundings, a few to a few dozen pixels high, standing
in rows with a common height and baseline. The detector
  1. keeps thin bright (and thin dark) structures with a morphological top-hat: anatomy, larger
     than a stroke is wide, goes, glyph strokes stay;
  2. thresholds the top-hat at a high contrast and labels the connected pieces;
  3. keeps the pieces of a character's size, then links pieces that share a row (vertical
     overlap, similar height, a gap under about one character) into lines;
  4. accepts a line of at least three characters (or two and twice as wide as high) whose
     heights and baselines agree, and returns its box, padded.
Speckle grains are small and scattered at random heights, so they rarely form such lines; what
the detector finds and misses on real ultrasound files is measured in
``benchmarks/dicom_deid.py`` (docs/benchmarks.md).
"""

from __future__ import annotations

import numpy as np

Box = tuple[int, int, int, int]  # (top, left, bottom, right), bottom/right exclusive

MIN_HEIGHT, MAX_HEIGHT = 6, 48  # character heights in pixels
STROKE = 7  # the top-hat's square: structures this wide or wider are background
MIN_CONTRAST = 70  # grey levels (of 255) a stroke must stand above its surroundings
GAP = 9  # pixels bridged between glyphs of one line
MAX_BACKGROUND_SPREAD = 30.0  # grey levels (10th to 90th percentile) of the band or black text is drawn on


def to_gray8(frame: np.ndarray) -> np.ndarray:
    """One frame (H, W) or (H, W, C) as 8-bit grey: colour text is bright in one channel at least,
    so the channels' maximum; other bit depths scaled between the 0.1 and 99.9 percentiles."""
    array = np.asarray(frame)
    if array.ndim == 3:
        array = array.max(axis=2)
    if array.dtype == np.uint8:
        return array
    array = array.astype(np.float32)
    low, high = np.percentile(array, [0.1, 99.9])
    if high <= low:
        high = low + 1.0
    return (np.clip((array - low) / (high - low), 0, 1) * 255).astype(np.uint8)


def _stroke_masks(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Thin structures brighter, and darker, than their surroundings (two polarities: between
    bright glyphs the closing used for dark text is bright, so the two are never mixed)."""
    from scipy import ndimage

    g = gray.astype(np.int16)
    bright = g - ndimage.grey_opening(g, size=(STROKE, STROKE))
    dark = ndimage.grey_closing(g, size=(STROKE, STROKE)) - g
    return bright >= MIN_CONTRAST, dark >= MIN_CONTRAST


def _clean_strokes(mask: np.ndarray) -> np.ndarray:
    """Drop pieces that cannot be glyph strokes: taller than a character, or long thin rules."""
    from scipy import ndimage

    labels, n = ndimage.label(mask, structure=np.ones((3, 3), dtype=bool))
    if n == 0:
        return mask
    slices = ndimage.find_objects(labels)
    h = np.array([s[0].stop - s[0].start for s in slices])
    w = np.array([s[1].stop - s[1].start for s in slices])
    area = ndimage.sum_labels(mask, labels, index=np.arange(1, n + 1))
    keep = (h <= MAX_HEIGHT) & (area >= 3) & ~((h <= 3) & (w > 2 * MIN_HEIGHT)) & ~((w <= 3) & (h > MIN_HEIGHT * 3))
    return keep[labels - 1] & (labels > 0)


def _line_boxes(strokes: np.ndarray) -> list[Box]:
    """Join strokes into lines (a horizontal closing bridges the gaps between glyphs and words)."""
    from scipy import ndimage

    joined = ndimage.binary_dilation(strokes, structure=np.ones((1, GAP), dtype=bool))
    labels, n = ndimage.label(joined)
    return [(s[0].start, s[1].start, s[0].stop, s[1].stop) for s in ndimage.find_objects(labels)] if n else []


def _is_text(gray: np.ndarray, strokes: np.ndarray, box: Box, ignore: np.ndarray | None = None) -> bool:
    """A line of glyphs: character height, wider than high, strokes neither sparse nor solid,
    many stroke edges along the line (a glyph row crosses an edge every few pixels), and a
    flat background between the strokes (burned-in text is drawn on a plain band or on black;
    speckle that happens to look like strokes sits on textured tissue)."""
    from scipy import ndimage

    top, left, bottom, right = box
    h, w = bottom - top, right - left - (GAP - 1)
    if not (MIN_HEIGHT <= h <= MAX_HEIGHT) or w < 1.2 * h:
        return False
    patch = strokes[top:bottom, left:right]
    density = float(patch.mean())
    rises = np.count_nonzero(patch[:, 1:] & ~patch[:, :-1], axis=1)
    crossings = float(np.percentile(rises, 75)) / max(w, 1)
    if not (0.08 <= density <= 0.75 and crossings >= 0.06):
        return False
    near = ndimage.binary_dilation(patch, iterations=2)
    if ignore is not None:  # blanked pixels are no evidence of a plain band: judge the rest
        near |= ignore[top:bottom, left:right]
    background = gray[top:bottom, left:right][~near]
    if background.size < 8:
        return True
    # a robust spread (the few anti-aliased glyph edges left near small text do not count)
    low, high = np.percentile(background, [10, 90])
    return float(high - low) <= MAX_BACKGROUND_SPREAD


def find_text_boxes(image: np.ndarray, pad: float = 0.3, ignore: np.ndarray | None = None) -> list[Box]:
    """Boxes around lines of burned-in text in one frame (H, W) or (H, W, C).

    ``ignore``: pixels already blanked (H, W); they are left out of the background a line is
    judged on, so speckle beside a blanked box is not taken for text on a plain band.

    >>> import numpy as np
    >>> find_text_boxes(np.zeros((64, 64), np.uint8))
    []
    """
    gray = to_gray8(image)
    rows, cols = gray.shape
    boxes: list[Box] = []
    for mask in _stroke_masks(gray):
        strokes = _clean_strokes(mask)
        for box in _line_boxes(strokes):
            if not _is_text(gray, strokes, box, ignore):
                continue
            top, left, bottom, right = box
            right -= GAP // 2  # the dilation widened the line by half a gap on each side
            left += GAP // 2
            margin = int(np.ceil(pad * (bottom - top)))
            boxes.append((max(0, top - margin), max(0, left - margin),
                          min(rows, bottom + margin), min(cols, right + margin)))
    return sorted(set(boxes))


def boxes_mask(shape: tuple[int, int], boxes: list[Box]) -> np.ndarray:
    mask = np.zeros(shape, dtype=bool)
    for top, left, bottom, right in boxes:
        mask[top:bottom, left:right] = True
    return mask

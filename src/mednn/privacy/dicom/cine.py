"""Find burned-in text in all the frames of an image at once, through what stays still.

Burned-in text is drawn at the same place in every frame of a cine, while the anatomy under it
(and an ultrasound's speckle) moves. So a cine of :data:`MIN_FRAMES` frames or more is searched
once, not frame by frame:
  1. the **static map**: pixels whose value varies by at most :data:`STATIC_TOLERANCE` grey
     levels across the frames (burned-in text, bands, scales) against pixels that move;
  2. the text detector runs once over the whole cine (:func:`.text_boxes.find_text_boxes` with
     ``moving``): a stroke must stand above the darkest the anatomy around it ever is (or below
     the brightest) and must not move, and the background a line is judged on is what stays
     still, so text over moving anatomy is found and speckle, which moves, never is;
     the words of one line over moving anatomy are blanked as one box (glyph edges there move
     with the anatomy, so a line falls apart into words with glyph pixels in the gaps);
  3. text that changes from frame to frame (a clock, a frame counter) shows as small islands of
     moving pixels in a still band: only those crops are searched frame by frame.
Fewer frames are searched one by one. The result is one mask for all frames (what is blanked
is blanked in every frame). Measured in ``benchmarks/dicom_deid.py`` (docs/benchmarks.md).
"""

from __future__ import annotations

import numpy as np

from .text_boxes import MAX_HEIGHT, MIN_CONTRAST, boxes_mask, find_text_boxes

MIN_FRAMES = 4  # with fewer frames, pixels that stay still by chance are too many to trust the map
# grey levels (of 255) a still pixel may vary across frames: the burned-in text of a cine that
# was once lossy-compressed varies by a few levels (deid-data's RGB_CINE: <= 8), speckle by tens
STATIC_TOLERANCE = 8
MIN_ISLAND = 12  # changing pixels: fewer is noise in a band, not a changing glyph
MAX_MOVING_SHARE = 0.5  # of a changing-text box: more moving pixels than that is anatomy


def gray_frames(frames: np.ndarray) -> np.ndarray:
    """(frames, rows, columns[, samples]) as 8-bit grey (frames, rows, columns): the channels'
    maximum (colour text is bright in one channel at least); other bit depths scaled once for the
    whole cine (between its 0.1 and 99.9 percentiles), so a still pixel keeps one value."""
    array = np.asarray(frames)
    if array.ndim == 4:  # channel by channel: a reduction over the last, short axis is slow
        array = np.stack([array[..., c] for c in range(array.shape[3])]).max(axis=0) if array.shape[3] > 3 else \
            np.maximum(np.maximum(array[..., 0], array[..., -1]), array[..., array.shape[3] // 2])
    if array.dtype == np.uint8:
        return array
    sample = array[:: max(1, len(array) // 8)].astype(np.float32)
    low, high = np.percentile(sample, [0.1, 99.9])
    if high <= low:
        high = low + 1.0
    scaled = (np.asarray(array, dtype=np.float32) - low) * (255.0 / (high - low))
    return np.clip(scaled, 0, 255).astype(np.uint8)


def static_map(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(darkest, brightest, moving, changing)``: the frames' minimum and maximum (H, W), the
    pixels that move (by more than :data:`STATIC_TOLERANCE`), and those that change by a
    glyph's contrast (:data:`.text_boxes.MIN_CONTRAST`: where text drawn in some frames only
    would be)."""
    low, high = gray.min(axis=0), gray.max(axis=0)
    spread = high.astype(np.int16) - low
    return low, high, spread > STATIC_TOLERANCE, spread >= MIN_CONTRAST


def _islands(changing: np.ndarray, moving: np.ndarray) -> list[tuple[slice, slice]]:
    """Crops around small groups of changing pixels in a still surrounding (text that changes
    from frame to frame), widened to hold the rest of its line; large moving areas (anatomy) are
    left out."""
    from scipy import ndimage

    labels, n = ndimage.label(ndimage.binary_dilation(changing, structure=np.ones((3, 3), dtype=bool)))
    if n == 0:
        return []
    sizes = ndimage.sum_labels(changing, labels, index=np.arange(1, n + 1))
    grown, _ = ndimage.label(ndimage.binary_dilation(moving, structure=np.ones((3, 3), dtype=bool)))
    extent = ndimage.find_objects(grown)
    keep = np.zeros(changing.shape, dtype=bool)
    for k, s in enumerate(ndimage.find_objects(labels)):
        # the moving area this group lies in, not only its strongest changes, must be small
        part = grown[s][changing[s]]
        whole = extent[int(part[0]) - 1] if part.size and part[0] > 0 else s
        height, width = whole[0].stop - whole[0].start, whole[1].stop - whole[1].start
        if sizes[k] >= MIN_ISLAND and height <= 2 * MAX_HEIGHT and width <= changing.shape[1] // 2:
            keep[max(0, whole[0].start - MAX_HEIGHT // 2):whole[0].stop + MAX_HEIGHT // 2,
                 max(0, whole[1].start - 2 * MAX_HEIGHT):whole[1].stop + 2 * MAX_HEIGHT] = True
    crops, m = ndimage.label(keep)
    return list(ndimage.find_objects(crops)) if m else []


def _lines_over_moving(boxes: list, moving: np.ndarray) -> list:
    """Whole lines of words drawn over moving anatomy. There a thin glyph (a slash, a 1) and
    the anti-aliased edges of the others blend with the anatomy under them and move with it, so
    they are no strokes: the line falls apart into words, and glyphs lose their lower or upper
    part, with glyph pixels left in the gaps. Words on one line (rows overlapping by half,
    apart by at most a line's height) are joined into one box when what it adds is mostly
    moving; in a still band nothing is added (the gaps are still: no text was lost there)."""
    lines: list[list] = []
    for box in sorted(boxes, key=lambda b: b[1]):
        for line in lines:
            top, left, bottom, right = line[-1]
            overlap = min(bottom, box[2]) - max(top, box[0])
            if box[1] - right <= max(bottom - top, box[2] - box[0]) and \
                    overlap >= 0.5 * min(bottom - top, box[2] - box[0]):
                line.append(box)
                break
        else:
            lines.append([box])
    joined = []
    for line in lines:
        if len(line) < 2:
            continue
        whole = (min(b[0] for b in line), min(b[1] for b in line), max(b[2] for b in line), max(b[3] for b in line))
        rows, cols = slice(whole[0], whole[2]), slice(whole[1], whole[3])
        added = ~boxes_mask(moving.shape, line)[rows, cols]
        if added.any() and moving[rows, cols][added].mean() > MAX_MOVING_SHARE:
            joined.append(whole)
    return joined


def text_mask(frames: np.ndarray, ignore: np.ndarray | None = None) -> tuple[np.ndarray, int]:
    """What to blank in every frame (H, W), and how many text boxes were found.

    ``frames``: (frames, rows, columns[, samples]); ``ignore``: pixels (H, W) already blanked.

    >>> import numpy as np
    >>> text_mask(np.zeros((5, 32, 32), np.uint8))[1]
    0
    """
    gray = gray_frames(frames)
    mask = np.zeros(gray.shape[1:], dtype=bool)
    count = 0
    if len(gray) < MIN_FRAMES:
        for frame in gray:
            boxes = find_text_boxes(frame, ignore=ignore)
            count += len(boxes)
            mask |= boxes_mask(mask.shape, boxes)
        return mask, count
    darkest, brightest, moving, changing = static_map(gray)
    boxes = find_text_boxes(darkest, ignore=ignore, moving=moving, brightest=brightest)
    count += len(boxes)
    mask |= boxes_mask(mask.shape, boxes + _lines_over_moving(boxes, moving))
    for rows, cols in _islands(changing, moving):
        crop_ignore = None if ignore is None else ignore[rows, cols]
        found: set = set()
        for frame in gray[:, rows, cols]:
            found.update(find_text_boxes(frame, ignore=crop_ignore))
        for top, left, bottom, right in found:
            box = (slice(rows.start + top, rows.start + bottom), slice(cols.start + left, cols.start + right))
            if moving[box].mean() <= MAX_MOVING_SHARE:  # drawn on a still band, not speckle
                mask[box] = True
                count += 1
    return mask, count

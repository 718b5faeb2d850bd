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
  4. accepts a line of at least three characters (or two drawn in one colour: their peak
     contrasts agree) whose heights and baselines agree, and returns its box, padded.
Speckle grains are small and scattered at random heights, so they rarely form such lines; what
the detector finds and misses on real ultrasound files is measured in
``benchmarks/dicom_deid.py`` (docs/benchmarks.md).
"""

from __future__ import annotations

import numpy as np

Box = tuple[int, int, int, int]  # (top, left, bottom, right), bottom/right exclusive

MIN_HEIGHT, MAX_HEIGHT = 7, 48  # character heights in pixels
STROKE = 7  # the top-hat's square: structures this wide or wider are background
MIN_CONTRAST = 70  # grey levels (of 255) a stroke must stand above its surroundings
GAP = 9  # pixels bridged between glyphs of one line
MAX_BACKGROUND_SPREAD = 30.0  # grey levels (10th to 90th percentile) of the band or black text is drawn on
MAX_TEXTURE = 20.0  # the same spread around the background's smooth trend, for text over anatomy
WORD_GAP = 0.35  # of the line's height: a wider gap between glyphs separates words
SAME_COLOUR = 0.7  # two glyphs alone: the weaker's peak contrast at least this share of the stronger's
PAD = 2  # pixels around each word's strokes: the anti-aliased edge of the glyphs
ONE_LINE_REACH = 0.9  # glyph heights: farther from every stroke, a word's rectangle holds two texts


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


def _stroke_masks(gray: np.ndarray, moving: np.ndarray | None = None,
                  brightest: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Thin structures brighter, and darker, than their surroundings (two polarities: between
    bright glyphs the closing used for dark text is bright, so the two are never mixed).

    For a cine (:mod:`.cine`), ``gray`` is the frames' minimum, ``brightest`` their maximum and
    ``moving`` the pixels that change: a bright stroke must stand above the darkest the anatomy
    around it ever is, a dark one below the brightest, and neither may move."""
    from scipy import ndimage

    g = gray.astype(np.int16)
    h = g if brightest is None else brightest.astype(np.int16)
    bright = (g - ndimage.grey_opening(g, size=(STROKE, STROKE))) >= MIN_CONTRAST
    dark = (ndimage.grey_closing(h, size=(STROKE, STROKE)) - h) >= MIN_CONTRAST
    if moving is not None:
        bright, dark = _mostly_still(bright, moving), _mostly_still(dark, moving)
    return bright, dark


def _mostly_still(mask: np.ndarray, moving: np.ndarray) -> np.ndarray:
    """The still pixels of ``mask`` and the stroke pixels right beside them: a glyph's core
    stays still while its anti-aliased edge blends with the moving anatomy under it (so the
    edge is taken back, one pixel deep); speckle moves whole."""
    from scipy import ndimage

    core = mask & ~moving
    return core | (mask & ndimage.binary_dilation(core, structure=np.ones((3, 3), dtype=bool)))


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


def _line_boxes(strokes: np.ndarray) -> list[tuple[Box, np.ndarray]]:
    """Join strokes into lines (a horizontal dilation bridges the gaps between glyphs and words);
    each line's tight box (the strokes' extent) and its strokes alone (a neighbouring line's
    strokes inside the same box are not this line's)."""
    from scipy import ndimage

    joined = ndimage.binary_dilation(strokes, structure=np.ones((1, GAP), dtype=bool))
    labels, n = ndimage.label(joined)
    lines = []
    for k, s in enumerate(ndimage.find_objects(labels) if n else [], start=1):
        own = (labels[s] == k) & strokes[s]
        rows, cols = np.nonzero(own.any(axis=1))[0], np.nonzero(own.any(axis=0))[0]
        top, left = s[0].start + rows[0], s[1].start + cols[0]
        box = (int(top), int(left), int(s[0].start + rows[-1] + 1), int(s[1].start + cols[-1] + 1))
        lines.append((box, own[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]))
    return lines


def _background_spread(patch: np.ndarray, background: np.ndarray, height: int) -> float:
    """Spread (10th to 90th percentile) of the background pixels around their smooth trend.

    The trend (a running mean along the line, then each row's mean) is what anatomy under the
    text adds slowly: a gradient or the edge of an organ. What stays is texture: noise (a few grey
    levels) or speckle (tens)."""
    from scipy.ndimage import uniform_filter1d

    values, weight = patch.astype(np.float32), background.astype(np.float32)
    size = max(3, height)
    column = uniform_filter1d((values * weight).sum(axis=0), size, mode="nearest")
    column /= np.maximum(uniform_filter1d(weight.sum(axis=0), size, mode="nearest"), 1e-6)
    residual = values - column[None, :]
    row = (residual * weight).sum(axis=1) / np.maximum(weight.sum(axis=1), 1e-6)
    residual -= row[:, None]
    low, high = np.percentile(residual[background], [10, 90])
    return float(high - low)


def _is_text(gray: np.ndarray, box: Box, own: np.ndarray, ignore: np.ndarray | None = None) -> bool:
    """A line of glyphs: character height, wider than high, at least two glyphs, strokes neither
    sparse nor solid, many stroke edges along the line (a glyph row crosses an edge every few
    pixels), and a background that is plain: flat (a band or black, as scanners draw
    annotations), or, for a line of three glyphs or more, shaded but smooth (text over anatomy:
    a gradient or an organ's edge, little texture). Grains of speckle lined up by chance are one
    or two streaks on textured tissue."""
    from scipy import ndimage

    top, left, bottom, right = box
    h, w = bottom - top, right - left
    if not (MIN_HEIGHT <= h <= MAX_HEIGHT) or w < 1.2 * h:
        return False
    density = float(own.mean())
    rises = np.count_nonzero(own[:, 1:] & ~own[:, :-1], axis=1)
    crossings = float(np.percentile(rises, 75)) / max(w, 1)
    if not (0.08 <= density <= 0.75 and crossings >= 0.06):
        return False
    labels, glyphs = ndimage.label(own, structure=np.ones((3, 3), dtype=bool))
    if glyphs < 2:
        return False
    near = ndimage.binary_dilation(own, iterations=2)
    if ignore is not None:  # blanked (or moving) pixels are no evidence of a plain band: judge the rest
        near |= ignore[top:bottom, left:right]
    background = ~near
    patch = gray[top:bottom, left:right]
    if glyphs == 2 and not _one_colour(patch, labels, background):
        return False
    if background.sum() < 8:
        return True
    low, high = np.percentile(patch[background], [10, 90])
    if high - low <= MAX_BACKGROUND_SPREAD:
        return True
    return glyphs >= 3 and _background_spread(patch, background, h) <= MAX_TEXTURE


def _one_colour(patch: np.ndarray, labels: np.ndarray, background: np.ndarray) -> bool:
    """Whether two glyphs stand out from the background by about the same contrast: a scanner
    draws a label in one colour, so each glyph's strongest pixel is that colour (anti-aliasing
    dims the edges, not every pixel). Two ridges of anatomy that happen to sit side by side
    (a corner of pydicom's MR_small) peak at different levels."""
    level = float(np.median(patch[background] if background.any() else patch))
    peaks = [float(np.abs(patch[labels == k].astype(np.float32) - level).max()) for k in (1, 2)]
    return min(peaks) >= SAME_COLOUR * max(peaks)


def _word_boxes(box: Box, own: np.ndarray, pad: int, shape: tuple[int, int]) -> list[Box]:
    """One box per word of a line (glyphs closer than about a third of the line's height), each
    the word's strokes' extent plus ``pad`` pixels: the gaps between words and the band above
    and below the glyphs are not text and stay. A "word" that is two texts drawn over each other
    (the line search joins them) gets boxes that follow each text (:func:`_column_boxes`)."""
    from scipy import ndimage

    top, left, _, _ = box
    gap = max(3, int(round(WORD_GAP * own.shape[0])))
    labels, n = ndimage.label(ndimage.binary_dilation(own, structure=np.ones((1, gap), dtype=bool)))
    words = []
    for k, s in enumerate(ndimage.find_objects(labels) if n else [], start=1):
        word = (labels[s] == k) & own[s]
        rows, cols = np.nonzero(word.any(axis=1))[0], np.nonzero(word.any(axis=0))[0]
        word = word[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
        t, l = top + s[0].start + int(rows[0]), left + s[1].start + int(cols[0])
        if _one_line(word):
            words.append((max(0, t - pad), max(0, l - pad), min(shape[0], t + word.shape[0] + pad),
                          min(shape[1], l + word.shape[1] + pad)))
        else:
            words.extend(_column_boxes(word, t, l, pad, shape))
    return words


def _column_extents(word: np.ndarray, reach: int) -> tuple[np.ndarray, np.ndarray]:
    """For each column of ``word``, the first and last rows of the strokes within ``reach``
    columns on either side (first > last where there are none)."""
    from scipy import ndimage

    present = word.any(axis=0)
    first = np.where(present, word.argmax(axis=0), word.shape[0])
    last = np.where(present, word.shape[0] - 1 - word[::-1].argmax(axis=0), -1)
    wide = 2 * reach + 1
    return (ndimage.minimum_filter1d(first, wide, mode="constant", cval=word.shape[0]),
            ndimage.maximum_filter1d(last, wide, mode="constant", cval=-1))


def _one_line(word: np.ndarray) -> bool:
    """Whether a word's rectangle holds one line of glyphs: no pixel of it lies farther from a
    stroke than :data:`ONE_LINE_REACH` glyph heights (the band above lower-case letters, the
    inside of an O and the space between glyphs are nearer). Two texts drawn over each other at
    different heights leave a corner farther than that from both. The glyph height is the median
    of the pieces of a character's height (dots, hyphens and the bits of a dark line between
    bright glyphs are smaller)."""
    from scipy import ndimage

    glyphs, count = ndimage.label(word, structure=np.ones((3, 3), dtype=bool))
    heights = [s[0].stop - s[0].start for s in ndimage.find_objects(glyphs)] if count else []
    height = float(np.median([h for h in heights if h >= MIN_HEIGHT] or [word.shape[0]]))
    farthest = float(ndimage.distance_transform_cdt(~word, metric="chessboard").max()) if count else 0.0
    return farthest <= ONE_LINE_REACH * height


def _column_boxes(word: np.ndarray, top: int, left: int, pad: int, shape: tuple[int, int]) -> list[Box]:
    """Boxes that follow the strokes column by column: each column the extent of the strokes
    within ``pad`` columns, plus ``pad`` rows; runs of columns with one extent are one box."""
    low, high = _column_extents(np.pad(word, ((0, 0), (pad, pad))), pad)
    boxes: list[Box] = []
    start = None
    for c in range(len(low) + 1):
        key = (int(low[c]), int(high[c])) if c < len(low) and high[c] >= low[c] else None
        if start is not None and key != start[1]:
            (c0, (t, b)) = start
            # padded columns reach beyond the image's edge: clip (a box may be left empty)
            first, last = max(0, left + c0 - pad), min(shape[1], left + c - pad)
            if last > first:
                boxes.append((max(0, top + t - pad), first, min(shape[0], top + b + 1 + pad), last))
            start = None
        if key is not None and start is None:
            start = (c, key)
    return boxes


def find_text_boxes(image: np.ndarray, pad: int = PAD, ignore: np.ndarray | None = None,
                    moving: np.ndarray | None = None, brightest: np.ndarray | None = None) -> list[Box]:
    """Boxes around the words of burned-in text in one frame (H, W) or (H, W, C).

    ``pad``: pixels added around each word's strokes (the glyphs' anti-aliased edge).
    ``ignore``: pixels (H, W) already blanked; they are left out of the background a line is
    judged on. For a cine (:mod:`.cine`): ``image`` is the frames' minimum, ``brightest`` their
    maximum, ``moving`` the pixels (H, W) that change: never strokes, never background.

    >>> import numpy as np
    >>> find_text_boxes(np.zeros((64, 64), np.uint8))
    []
    """
    gray = to_gray8(image)
    if moving is not None:
        ignore = moving if ignore is None else (ignore | moving)
    boxes: list[Box] = []
    for mask in _stroke_masks(gray, moving, brightest):
        for box, own in _line_boxes(_clean_strokes(mask)):
            if _is_text(gray, box, own, ignore):
                boxes.extend(_word_boxes(box, own, pad, gray.shape))
    return sorted(set(boxes))


def boxes_mask(shape: tuple[int, int], boxes: list[Box]) -> np.ndarray:
    mask = np.zeros(shape, dtype=bool)
    for top, left, bottom, right in boxes:
        mask[top:bottom, left:right] = True
    return mask

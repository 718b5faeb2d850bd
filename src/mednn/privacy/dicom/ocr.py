"""Read the text left in written pixels with an offline OCR engine, and look in it for the
values the header de-identification removed (names, identifiers, dates, institutions).

Engine: RapidOCR (``rapidocr-onnxruntime`` 1.4.4, Apache-2.0): PaddleOCR's PP-OCRv4 text
detector and recogniser (Chinese + English) as ONNX models **shipped inside the wheel**, run on
the CPU by onnxruntime; nothing is downloaded. It is optional (``pip install 'mednn[dicom-ocr]'``
then ``pip install --no-deps rapidocr-onnxruntime==1.4.4``: the wheel's metadata asks for the
GUI build of OpenCV, the extra brings the headless one it works with). Without it the
verification says so in the report (``"ocr": "not installed"``) and ``--dicom-ocr require``
refuses to run. docs/dicom-deid.md says what else was tried and why it failed.

What is read is never logged, stored or returned: only how many removed values were found.
"""

from __future__ import annotations

import calendar
import functools
import re

import numpy as np

ENGINE = "rapidocr-onnxruntime"
MIN_WHOLE = 6  # characters (letters and digits) a removed free-text value needs to be looked for
_CONFUSED_AS_DIGIT = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "Z": "2", "S": "5",
                                    "B": "8", "G": "6"})
_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")
# the engine's text detector scales every image whose shorter side is under 736 px up to 736 (its
# ``limit_type: min`` default): a 256x320 frame was read as 736x920, 8 times its pixels, 79% of the
# de-identification time. At most 2x (512x640) read every item the engine's rule read on 60
# generated frames and 5 cines (149 + 13 needles, none lost) in 62% / 38% of the OCR time; 1x lost a
# cine label (benchmarks/dicom_ocr_upscale.py, docs/benchmarks.md "DICOM de-identification"). None: the engine's own rule.
DETECTOR_SHORT_SIDE = 736
MAX_UPSCALE: float | None = 2.0


@functools.lru_cache(maxsize=1)
def _engine():
    try:
        import logging

        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        return None
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)  # it would log what it read from a CLI run
    # one thread per operator: mednn runs beside a training or other files; the direction
    # classifier is off (burned-in text is upright)
    return RapidOCR(intra_op_num_threads=2, inter_op_num_threads=1, use_cls=False)


def engine_name() -> str:
    """``"rapidocr-onnxruntime <version>"``."""
    from importlib.metadata import version

    return f"{ENGINE} {version(ENGINE)}"


def available() -> bool:
    """Whether the OCR engine is installed (loads it once)."""
    return _engine() is not None


def read_lines(frame: np.ndarray) -> list[str]:
    """The text lines the engine reads in one frame (H, W) or (H, W, 3) (any bit depth), upper case.

    >>> read_lines(np.zeros((64, 64), np.uint8)) if available() else []
    []
    """
    array = np.asarray(frame)
    if array.min() == array.max():  # one value everywhere: nothing to read
        return []
    return [str(text).upper() for _, text, _ in engine_result(array)]


def engine_result(frame: np.ndarray) -> list:
    """The engine's ``(box points, text, score)`` for one frame, fed as :func:`read_lines` feeds it
    (grey or 8-bit frames as 8-bit RGB, scaled by :func:`detector_short_side`)."""
    from .text_boxes import to_gray8

    engine = _engine()
    if engine is None:
        raise RuntimeError(f"{ENGINE} is not installed")
    array = np.asarray(frame)
    if array.ndim == 2 or array.dtype != np.uint8:
        gray = to_gray8(array)
        array = np.stack([gray, gray, gray], axis=-1)
    engine.text_det.limit_side_len = detector_short_side(array.shape)  # set per frame: the engine is shared
    result, _ = engine(np.ascontiguousarray(array[..., ::-1]))  # the engine expects OpenCV's BGR
    return list(result or [])


def detector_short_side(shape: tuple[int, ...]) -> int:
    """The shorter side the text detector scales an image of ``shape`` up to: 736 px, or at most
    :data:`MAX_UPSCALE` times the image's own (an image as large or larger is read as it is).

    >>> detector_short_side((256, 320)) == (736 if MAX_UPSCALE is None else min(736, int(256 * MAX_UPSCALE)))
    True
    """
    if MAX_UPSCALE is None:
        return DETECTOR_SHORT_SIDE
    return max(1, min(DETECTOR_SHORT_SIDE, int(min(shape[:2]) * MAX_UPSCALE)))


def _date_forms(digits: str) -> set[str]:
    """A DICOM date (YYYYMMDD) as it may be drawn: day-month or month-day orders, two- or
    four-digit years, with or without leading zeros, months as digits or English abbreviations
    (separators are dropped before matching)."""
    year, month, day = digits[:4], int(digits[4:6]), int(digits[6:8])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return {digits}
    name = calendar.month_abbr[month].upper()
    forms = {digits}
    for y in (year, year[2:]):
        for m in (f"{month:02d}", str(month), name):
            for d in (f"{day:02d}", str(day)):
                forms |= {m + d + y, d + m + y}
        forms.add(year + f"{month:02d}{day:02d}")
    return {f for f in forms if len(f) >= 5}


def needles(removed: set[str]) -> list[tuple[frozenset[str], bool]]:
    """Each removed value to look for in what was read, as ``(forms, digits)``: identifiers and
    dates (5 digits or more; UIDs left out: a UID is never drawn) as digit forms, names (each
    component of 3 letters or more, separately) and other removed text (6 characters or more)
    as letters and digits; all without spaces or punctuation."""
    found: dict[frozenset[str], bool] = {}
    for value in removed:
        name = value.startswith("PN:")
        text = (value[3:] if name else value).upper()
        squashed = _NOT_ALNUM.sub("", text)
        only_digits = re.sub(r"\D", "", text)
        if name:
            found.update({frozenset({p}): False for p in _NOT_ALNUM.split(text) if len(p) >= 3 and p.isalpha()})
        elif len(only_digits) >= 5 and "." not in text and len(only_digits) <= 20:
            is_date = len(only_digits) in (8, 14) and squashed.isdigit() and only_digits[:2] in ("18", "19", "20")
            found[frozenset(_date_forms(only_digits[:8]) if is_date else {only_digits})] = True
        elif len(squashed) >= MIN_WHOLE and any(c.isalpha() for c in squashed):
            found[frozenset({squashed})] = False
    return sorted(found.items(), key=lambda item: sorted(item[0]))


def _as_digits(text: str) -> str:
    """Tokens that are mostly digits with the letters OCR confuses for digits read as digits
    (``O8/29/I951`` -> ``08291951``); words stay words (``SOLO`` is not ``5010``)."""
    tokens = []
    for token in text.split():
        alnum = _NOT_ALNUM.sub("", token)
        mostly_digits = alnum and sum(c.isdigit() for c in alnum) * 2 >= len(alnum)
        tokens.append(alnum.translate(_CONFUSED_AS_DIGIT) if mostly_digits else alnum)
    return "".join(tokens)


def count_found(lines: list[str], removed: set[str]) -> int:
    """How many removed values appear in the lines read.

    >>> count_found(["DOB: O8/29/1951", "SMITH, MARY"], {"19510829", "PN:SMITH^MARY", "PN:JONES"})
    3
    """
    text = " ".join(lines).upper()
    squashed, digits = _NOT_ALNUM.sub("", text), _as_digits(text)
    # digit forms are looked for in both views: a month's name ("29-AUG-1951") is no digit
    return sum(any(form in squashed or (is_digits and form in digits) for form in forms)
               for forms, is_digits in needles(removed))

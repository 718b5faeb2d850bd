"""DICOM de-identification on real files: the `deid-data` package (MIT; CT headers with fake
PHI and private tags, ultrasounds with burned-in text) and generated images with burned-in text.

    python benchmarks/dicom_deid.py [--deid-data PATH] [--json benchmarks/results/dicom_deid.json]

PATH is the package's ``data`` folder (default: the installed ``deid_data`` package). Measured:
  1. headers: every DICOM file of deid-data (the two cine zips unpacked) through
     ``deidentify_dicom``: elements handled per action, verification, seconds per file;
  2. burned-in text on the 5 ultrasounds: the PHI text items (names, ids, dates, times,
     institutions), located by hand as generous rectangles (below; the glyphs inside are the
     pixels brighter than 110), counted as found when >= 99% of their glyph pixels are blanked
     -- by the text detector alone and by the full pixel step (detector + ultrasound regions);
     and the share of pixels inside the ultrasound regions left unchanged;
  3. generated images: random names / ids / dates of random size and brightness burned into
     textured images; an item is found when >= 99% of its glyph pixels are blanked; pixels
     farther than 4 px from any glyph box must stay unchanged; false alarms on images without text.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402

# PHI text items on the deid-data ultrasounds, by hand: file -> [(what, (top, left, bottom, right))]
US_PHI = {
    "GREYSCALE_IMAGE.dcm": [("name", (0, 0, 24, 180)), ("id", (0, 180, 24, 290)), ("birth date", (0, 385, 24, 522)),
                            ("institution", (0, 550, 24, 692)), ("date", (0, 815, 24, 913)),
                            ("time", (0, 914, 24, 1018))],
    "GREYSCALE_CINE.dcm": [("name", (0, 0, 20, 137)), ("id", (0, 138, 20, 222)), ("birth date", (0, 298, 20, 408)),
                           ("institution", (0, 428, 20, 540)), ("date", (0, 638, 20, 712)), ("time", (0, 714, 20, 795))],
    "RGB_IMAGE.dcm": [("name", (0, 0, 28, 235)), ("id", (26, 0, 54, 145)), ("initials", (0, 400, 28, 440)),
                      ("date and time", (0, 495, 28, 725)), ("number", (0, 770, 28, 890)),
                      ("institution", (26, 495, 54, 780))],
    "RGB_CINE.dcm": [("name", (0, 105, 26, 250)), ("id", (25, 105, 50, 230)), ("age and sex", (0, 398, 26, 457)),
                     ("birth date", (0, 457, 26, 575)), ("institution", (0, 600, 26, 815)),
                     ("date", (0, 830, 26, 955)), ("time", (25, 825, 50, 955))],
    "ultrasound-multiframe.dcm": [],  # scanner settings only: no identity drawn in this file
}


def _frames(ds) -> np.ndarray:
    from mednn.privacy.dicom.pixels import decode

    return decode(ds)


def _glyphs(frame: np.ndarray, rect) -> np.ndarray:
    top, left, bottom, right = rect
    gray = frame.max(axis=-1) if frame.ndim == 3 else frame
    mask = np.zeros(gray.shape, bool)
    mask[top:bottom, left:right] = gray[top:bottom, left:right] > 110
    return mask


def unpack(root: Path, work: Path) -> list[Path]:
    files = sorted(p for p in root.rglob("*.dcm"))
    for archive in sorted(root.rglob("*.zip")):
        with zipfile.ZipFile(archive) as z:
            z.extractall(work / archive.stem)
        files += sorted((work / archive.stem).rglob("*.dcm"))
    return files


def headers(files: list[Path], work: Path) -> tuple[list[dict], dict]:
    from mednn.errors import DataError
    from mednn.privacy.dicom import DicomDeidOptions, deidentify_dicom

    rows, totals = [], {}
    for i, path in enumerate(files):
        start = time.perf_counter()
        try:
            report = deidentify_dicom(path, work / f"out{i}", DicomDeidOptions(secret="benchmark key"))
        except DataError as exc:
            rows.append({"file": f"{path.parent.name}/{path.name}", "elements_in": _count(path), "verified": False,
                         "refused": str(exc)[:120], "seconds": round(time.perf_counter() - start, 2)})
            continue
        seconds = time.perf_counter() - start
        entry = report["files"][0]
        for k, v in entry["actions"].items():
            totals[k] = totals.get(k, 0) + v
        rows.append({"file": f"{path.parent.name}/{path.name}", "elements_in": _count(path),
                     "handled": sum(v for k, v in entry["actions"].items() if k not in ("unlisted_kept",)),
                     "verified": entry["verification"]["passed"],
                     "blanked_%": round(100 * entry["pixels"]["pixels_blanked"] / max(1, entry["pixels"]["pixels_per_frame"]), 2),
                     "seconds": round(seconds, 2)})
    return rows, totals


def _count(path: Path) -> int:
    import pydicom

    ds = pydicom.dcmread(path, stop_before_pixels=True)
    return sum(1 for _ in ds.iterall()) + sum(1 for _ in ds.file_meta.iterall())


def ultrasounds(files: list[Path]) -> list[dict]:
    import pydicom

    from mednn.privacy.dicom.pixels import clean_pixels, text_mask, ultrasound_regions

    rows = []
    for path in files:
        if path.name not in US_PHI:
            continue
        ds = pydicom.dcmread(path)
        before = _frames(ds)
        detected, _ = text_mask(before)
        regions = ultrasound_regions(ds, before.shape[1:3])
        start = time.perf_counter()
        clean_pixels(ds)
        seconds = time.perf_counter() - start
        after = _frames(ds)
        blanked = (after != before).any(axis=tuple(range(3, after.ndim))).any(axis=0) if after.ndim == 4 else (after != before).any(axis=0)
        items = US_PHI[path.name]
        found_detector = found_full = 0
        for _, rect in items:
            glyph = _glyphs(before[0], rect)
            found_detector += detected[glyph].mean() >= 0.99
            found_full += blanked[glyph].mean() >= 0.99
        inside = regions & ~detected
        rows.append({"file": path.name, "frames": len(before), "phi_items": len(items),
                     "found_by_detector": int(found_detector), "found_after_cleaning": int(found_full),
                     "region_pixels_unchanged_%": round(100 * float((~blanked[inside]).mean()), 3),
                     "seconds": round(seconds, 2)})
    return rows


def generated(n: int, seed: int = 0) -> dict:
    from PIL import Image, ImageDraw, ImageFont

    from mednn.privacy.dicom.text_boxes import boxes_mask, find_text_boxes

    rng = np.random.default_rng(seed)
    words = ["DOE^JOHN", "MRN 00482913", "DOB 08/29/1951", "SMITH, MARY", "ST. MARY HOSPITAL", "ACC 7781234",
             "12-MAR-2019 10:42", "Garcia Lopez", "ID:5531-22", "Dr. K. Okafor"]
    found = items = 0
    unchanged, false_alarms = [], 0
    for i in range(n):
        shape = (256, 320)
        yy, xx = np.mgrid[: shape[0], : shape[1]]
        # anatomy-like background up to ~110 grey levels; text drawn at 200-255, as scanners draw it
        blob = rng.uniform(30, 80) * np.exp(-(((yy - rng.uniform(80, 180)) / 40) ** 2 + ((xx - 160) / 70) ** 2))
        base = np.clip(rng.uniform(0, 30) + blob + rng.normal(0, rng.uniform(1, 6), shape), 0, 255).astype(np.uint8)
        if i % 4 == 3:  # a quarter without text: false alarms
            false_alarms += bool(find_text_boxes(base))
            continue
        canvas = Image.fromarray(base)
        draw = ImageDraw.Draw(canvas)
        rects = []
        for _ in range(int(rng.integers(1, 4))):
            size = int(rng.integers(10, 25))
            text = words[int(rng.integers(len(words)))]
            top, left = int(rng.integers(0, shape[0] - size - 4)), int(rng.integers(0, 120))
            draw.text((left, top), text, fill=int(rng.integers(200, 256)), font=ImageFont.load_default(size=size))
            rects.append((top, left, top + size + 6, min(shape[1], left + size * len(text))))
        image = np.asarray(canvas)
        mask = boxes_mask(shape, find_text_boxes(image))
        glyph_all = np.zeros(shape, bool)
        for rect in rects:
            glyph = np.zeros(shape, bool)
            top, left, bottom, right = rect
            glyph[top:bottom, left:right] = image[top:bottom, left:right].astype(int) - base[top:bottom, left:right] > 60
            if glyph.any():
                items += 1
                found += mask[glyph].mean() >= 0.99
                glyph_all |= glyph
        near = np.zeros(shape, bool)  # the text lines' boxes (glyphs and the gaps between them) + 4 px
        for glyph_rect in _line_rects(glyph_all, rects):
            top, left, bottom, right = glyph_rect
            near[max(0, top - 4):bottom + 4, max(0, left - 4):right + 4] = True
        unchanged.append(float((~mask[~near]).mean()))
    return {"images_with_text": n - n // 4, "items": items, "found": int(found), "recall": round(found / max(items, 1), 3),
            "other_pixels_unchanged_%_median": round(100 * float(np.median(unchanged)), 3),
            "other_pixels_unchanged_%_mean": round(100 * float(np.mean(unchanged)), 3),
            "other_pixels_unchanged_%_min": round(100 * float(np.min(unchanged)), 3),
            "images_without_text": n // 4, "false_alarm_images": false_alarms}


def _line_rects(glyphs: np.ndarray, rects: list) -> list:
    out = []
    for top, left, bottom, right in rects:
        rows, cols = np.nonzero(glyphs[top:bottom, left:right])
        if len(rows):
            out.append((top + rows.min(), left + cols.min(), top + rows.max() + 1, left + cols.max() + 1))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deid-data", type=Path, default=None)
    parser.add_argument("--generated", type=int, default=200)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    root = args.deid_data
    if root is None:
        import deid_data

        root = Path(deid_data.__file__).parent / "data"
    import warnings

    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = unpack(root, work)
        header_rows, totals = headers(files, work)
        us_rows = ultrasounds([f for f in files if f.name in US_PHI])
    print_table(header_rows, ["file", "elements_in", "handled", "verified", "blanked_%", "seconds"])
    print("actions over all files:", totals)
    print_table(us_rows, ["file", "frames", "phi_items", "found_by_detector", "found_after_cleaning",
                          "region_pixels_unchanged_%", "seconds"])
    synthetic = generated(args.generated)
    print("generated:", synthetic)
    write_json(args.json, {"machine": machine(), "headers": header_rows, "actions": totals,
                           "ultrasounds": us_rows, "generated": synthetic})


if __name__ == "__main__":
    main()

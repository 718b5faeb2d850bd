"""The OCR read-back's upscaling (issue 20 item 4): what the verification reads in burned-in text,
and its seconds, with the text detector's own rule (every image scaled up to a 736-px shorter
side) against caps on the factor (``mednn.privacy.dicom.ocr.MAX_UPSCALE``).

    python benchmarks/dicom_ocr_upscale.py [--deid-data PATH] [--caps none,2,1] [--generated 40] [--cines 10] [--json OUT]

Read, per setting, as the verification reads (the first, and for a cine the last, frame), the
unblanked images of benchmarks/dicom_deid.py: generated single frames (seeds 0 and 1: names,
ids, dates of 10-24 px on textured 256x320 images; a quarter without text, left out), generated
cines (the still label and the band's words; 160x320) and deid-data's 5 ultrasounds (the values
the header step removes). An item is read when every needle the verification looks for in it
(:func:`mednn.privacy.dicom.ocr.needles`) is found. Then ``deidentify_dicom`` on every deid-data
file, seconds per file, per setting. "lost": items read with the engine's rule, not with the cap.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, print_table, write_json  # noqa: E402
from dicom_deid import (US_PHI, _cine_with_text, _draw, _frames, _removed_values, _textured,  # noqa: E402
                        unpack)

# what the header step would have removed for each drawn word: what the verification looks for
REMOVED = {"DOE^JOHN": "PN:DOE^JOHN", "MRN 00482913": "00482913", "DOB 08/29/1951": "19510829",
           "SMITH, MARY": "PN:SMITH^MARY", "ST. MARY HOSPITAL": "ST. MARY HOSPITAL", "ACC 7781234": "7781234",
           "12-MAR-2019 10:42": "20190312", "Garcia Lopez": "PN:GARCIA^LOPEZ", "ID:5531-22": "5531-22",
           "Dr. K. Okafor": "PN:OKAFOR^K"}


def _cases(n: int, cines: int) -> list[tuple[str, list[np.ndarray], list[str]]]:
    """(name, frames to read, removed values drawn) of the generated images."""
    cases = []
    for seed in (0, 1):
        rng = np.random.default_rng(seed)  # the draws of benchmarks/dicom_deid.py's generated()
        for i in range(n):
            base = _textured(rng)
            if i % 4 == 3:
                continue
            words: list[str] = []
            image, _ = _draw(base, rng, int(rng.integers(1, 4)), words)
            cases.append((f"frame s{seed} #{i}", [image], [REMOVED[w] for w in words]))
    rng = np.random.default_rng(0)
    for i in range(cines):
        words = []
        cine, _ = _cine_with_text(rng, 12, with_text=i % 2 == 0, texts=words)
        if words:
            cases.append((f"cine #{i}", [cine[0], cine[-1]], [REMOVED[w] for w in words]))
    return cases


def _timing_files(cases, folder: Path, n: int) -> list[Path]:
    """The first ``n`` generated frames and cines with text, as ultrasound DICOM files with a fake
    identity (the tests' writer): what ``deidentify_dicom`` is timed on."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.dicom_files import US_STORAGE, write_dicom

    frames = [c for c in cases if c[0].startswith("frame")][:n]
    cines = [c for c in cases if c[0].startswith("cine")][: max(1, n // 2)]
    paths = []
    for k, (name, images, _) in enumerate(frames + cines):
        pixels = np.stack(images) if name.startswith("cine") else images[0]
        uid = f"1.2.826.0.1.3680043.2.1125.9.{k}"
        paths.append(write_dicom(folder / f"{k}.dcm", pixels, study=uid, series=uid + ".1", instance=uid + ".1.1",
                                 sop_class=US_STORAGE, frames=name.startswith("cine")))
    return paths


def _read(frames, values, ocr) -> tuple[list[bool], float]:
    start = time.perf_counter()
    lines = [line for frame in frames for line in ocr.read_lines(frame)]
    seconds = time.perf_counter() - start
    found = []
    for value in values:  # each needle of the value: a name's components count one by one
        for needle in ocr.needles({value}):
            found.append(_needle_found(lines, needle))
    return found, seconds


def _needle_found(lines, needle) -> bool:
    from mednn.privacy.dicom import ocr

    forms, digits = needle
    text = " ".join(lines).upper()
    squashed, as_digits = ocr._NOT_ALNUM.sub("", text), ocr._as_digits(text)
    return any(form in squashed or (digits and form in as_digits) for form in forms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--caps", default="none,2,1")
    parser.add_argument("--generated", type=int, default=40)
    parser.add_argument("--cines", type=int, default=10)
    parser.add_argument("--timing-caps", default=None, help="settings for the per-file timing (default: --caps)")
    parser.add_argument("--timing-files", type=int, default=10, help="generated frames timed (and half as many cines)")
    parser.add_argument("--ultrasounds", action="store_true", help="also read deid-data's ultrasounds (768 and "
                        "600 px short sides: a cap of 2 or more leaves them as they were)")
    parser.add_argument("--deid-data", type=Path, default=None, help="deid-data's data folder (default: the package)")
    parser.add_argument("--timing-only", action="store_true", help="skip the reads, time deidentify_dicom only")
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    import warnings

    import pydicom

    from mednn.errors import DataError
    from mednn.privacy.dicom import DicomDeidOptions, deidentify_dicom, ocr

    warnings.simplefilter("ignore")
    caps = [None if c == "none" else float(c) for c in args.caps.split(",")]
    start = time.perf_counter()
    cases = _cases(args.generated, args.cines)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        root = args.deid_data
        if root is None:
            import deid_data

            root = Path(deid_data.__file__).parent / "data"
        files = unpack(root, work)
        for path in files:
            if args.ultrasounds and path.name in US_PHI:
                frames = _frames(pydicom.dcmread(path))
                removed = sorted(v for v in _removed_values(pydicom.dcmread(path)))
                cases.append((path.name, [frames[0]] + ([frames[-1]] if len(frames) > 1 else []), removed))
        ocr.read_lines(np.zeros((8, 8), np.uint8) + np.eye(8, dtype=np.uint8))  # load the engine
        found = {c: {} for c in caps}
        seconds = {c: {} for c in caps}
        for name, frames, values in cases if not args.timing_only else []:
            for cap in caps:  # settings interleaved: the machine's load falls on each alike
                ocr.MAX_UPSCALE = cap
                found[cap][name], seconds[cap][name] = _read(frames, values, ocr)
        rows = []
        for group in ("frame", "cine", "ultrasound"):
            names = [n for n, _, _ in cases if (n.startswith(group) if group != "ultrasound" else n in US_PHI)]
            for cap in caps:
                hits = [h for n in names for h in found[cap].get(n, [])]
                base = [h for n in names for h in found[caps[0]].get(n, [])]
                rows.append({"images": group, "images_n": len(names), "max_upscale": cap or "engine (736 px)",
                             "needles": len(hits), "read": int(sum(hits)),
                             "lost_vs_first": int(sum(b and not h for b, h in zip(base, hits))),
                             "gained_vs_first": int(sum(h and not b for b, h in zip(base, hits))),
                             "ocr_s_per_image": round(float(np.mean([seconds[cap][n] for n in names])), 3)
                             if names and not args.timing_only else None})
        print_table(rows, list(rows[0]))
        timing = []
        timing_caps = caps if args.timing_caps is None else [
            None if c == "none" else float(c) for c in args.timing_caps.split(",")]
        per_file = {c: [] for c in timing_caps}
        refusals = {c: 0 for c in timing_caps}
        for i, path in enumerate(_timing_files(cases, work / "timing", args.timing_files)):
            for cap in timing_caps:
                ocr.MAX_UPSCALE = cap
                t = time.perf_counter()
                try:
                    deidentify_dicom(path, work / f"out-{i}-{cap}", DicomDeidOptions(secret="benchmark key of 16+ chars"))
                    refused = 0
                except DataError:  # the drawn words are the file's own identity: a missed one is read back
                    refused = 1
                per_file[cap].append(time.perf_counter() - t)
                refusals[cap] += refused
        for cap in timing_caps:
            timing.append({"max_upscale": cap or "engine (736 px)", "files": len(per_file[cap]),
                           "refused_by_the_read_back": refusals[cap],
                           "seconds_per_file_mean": round(float(np.mean(per_file[cap])), 2),
                           "seconds_per_file_median": round(float(np.median(per_file[cap])), 2),
                           "seconds_total": round(float(np.sum(per_file[cap])), 1)})
        print_table(timing, list(timing[0]))
    write_json(args.json, {"machine": machine(), "load_average_at_end": [round(x, 1) for x in os.getloadavg()],
                           "wall_seconds": round(time.perf_counter() - start, 1), "read": rows, "deidentify_dicom": timing,
                           "per_image_lost": {str(c): [n for n in found[c] if any(b and not h for b, h in zip(
                               found[caps[0]][n], found[c][n]))] for c in caps}})


if __name__ == "__main__":
    main()

"""The burned-in text detector on generated frames (seeds 0 and 1), the deid-data ultrasounds
(detector and full pixel step, no OCR) and every pydicom test file with pixels (pixels flagged as
text by ``text_mask`` on the decoded frames), in one JSON: a quick before/after check of a change
to ``mednn.privacy.dicom.text_boxes`` (the full measurement is ``benchmarks/dicom_deid.py``).

    python benchmarks/dicom_text_detector_check.py OUT.json
"""
import sys, json, tempfile
from pathlib import Path
sys.path.insert(0, str(Path.cwd() / "benchmarks"))
import dicom_deid as b
import numpy as np, pydicom
from pydicom.data import get_testdata_file, get_testdata_files
from mednn.privacy.dicom.text_boxes import find_text_boxes
out = {}
out["gen0"] = b.generated(200, seed=0)
out["gen1"] = b.generated(200, seed=1)
import deid_data
root = Path(deid_data.__file__).parent / "data"
with tempfile.TemporaryDirectory() as t:
    files = b.unpack(root, Path(t))
    us = [f for f in files if f.name in b.US_PHI]
    out["us"] = b.ultrasounds(us, with_ocr=False)
# pydicom bundled files: pixels blanked
fa = {}
for name in get_testdata_files("*.dcm"):
    try:
        ds = pydicom.dcmread(name)
        if "PixelData" not in ds: continue
        from mednn.privacy.dicom.pixels import decode, text_mask
        fr = decode(ds)
        m, n = text_mask(fr)
        if m.any(): fa[Path(name).name] = [int(m.sum()), int(m.size)]
    except Exception as e:
        pass
out["pydicom_blanked"] = fa
json.dump(out, open(sys.argv[1], "w"), indent=1, default=str)
print("done")

"""Which output layout ``mednn deid`` uses when none is asked for (``--dicom-layout auto``).

A training folder of class sub-folders (``raw/normal/*.dcm``, ``raw/pneumonia/*.dcm``, or one
DICOM series folder per image below each class) must come out with the same class folders,
or `mednn train --data CLEAN` loses its labels (trial 8). A study export filed under patient
names (``raw/DOE_JOHN/...``) must not keep those names. The class names are kept only when
the tree can be told to be the first: every DICOM file lies one or two levels below a
first-level folder, there are at least two such folders, each holds images of at least two
patients (a class, not a patient), and no folder name holds a part of the name or the id of
a patient whose images it holds. Anything else gets the study layout.
"""

from __future__ import annotations

import re
from pathlib import Path

AUTO = "auto"
# what splits a patient's name or id and a folder's name into words: one pattern for both, so
# that a folder named after a patient is always split the way the patient's name is
_WORD_BREAK = re.compile(r"[\s_.,^-]+")


def _identity(path: Path) -> tuple[str, set[str]]:
    """(the patient key of one file, the name/id parts a folder named after them would hold)."""
    import pydicom

    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True)
    except Exception:  # noqa: BLE001  (an unreadable file fails later, with its reason)
        return f"unreadable:{path}", set()
    name, patient_id = str(ds.get("PatientName", "") or ""), str(ds.get("PatientID", "") or "")
    parts = {p.lower() for p in _WORD_BREAK.split(f"{name} {patient_id}") if len(p) >= 2}
    key = f"{name}|{patient_id}" if (name or patient_id) else f"anonymous:{path}"
    return key, parts


def choose_layout(input: Path, files: list[Path]) -> str:
    """``"classes"`` for a training folder of class sub-folders (see the module), else ``"study"``.

    >>> choose_layout(Path("raw"), [Path("raw/DOE_JOHN/1.dcm"), Path("raw/ROE_JANE/1.dcm")])  # doctest: +SKIP
    'study'
    """
    if not input.is_dir():
        return "study"
    patients: dict[str, set[str]] = {}
    for path in files:
        parts = path.relative_to(input).parts
        if len(parts) not in (2, 3):
            return "study"
        key, identity = _identity(path)
        folder_words = set(_WORD_BREAK.split(parts[0].lower()))
        if folder_words & identity:
            return "study"
        patients.setdefault(parts[0], set()).add(key)
    if len(patients) < 2 or any(len(keys) < 2 for keys in patients.values()):
        return "study"
    return "classes"

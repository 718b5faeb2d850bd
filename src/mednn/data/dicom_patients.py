"""Whose image each DICOM file is: the header's ``PatientID`` as the patient key of an image run.

A folder of DICOM images holds several images of one patient (views, visits, slices exported
one by one). Split by image, one patient's images land in training and test, and the test
score measures recognising the patient. Every DICOM file names its patient in ``PatientID``
(after ``mednn deid``, the keyed pseudonym ``PAT-...``, the same for all of one patient's files),
so the image readers group by it: the split is patient-level and the bootstrap resamples patients,
as ``data.patient_column`` does for a table. The ids are kept as keyed pseudonyms of the
header's value (never the value itself), like the images' ids (:mod:`.dicom_privacy`).

Used only when every image is DICOM, every one has a ``PatientID``, some patient has more than
one image and there are at least :data:`MIN_PATIENTS` patients (an anonymiser that writes one
value into every file makes one "patient"); otherwise the reader's note says why not (counts only).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

KEY_NAME = "DICOM PatientID"
MIN_PATIENTS = 4  # a patient-level split into train, validation and test needs at least this many


def _patient_id(path: Path) -> str | None:
    """The ``PatientID`` of a DICOM file, or of the first DICOM file of a series folder."""
    import pydicom
    from pydicom.errors import InvalidDicomError

    from .image_decoding import is_dicom_file

    if path.is_dir():
        path = next((p for p in sorted(path.iterdir()) if p.is_file() and not p.name.startswith(".")
                     and is_dicom_file(p)), None)
        if path is None:
            return None
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True, specific_tags=["PatientID"], force=True)
    except (InvalidDicomError, OSError, EOFError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
    value = str(ds.get("PatientID", "") or "").strip()
    return value or None


def _pseudonym(value: str) -> str:
    from .dicom_privacy import keyed_hex

    return "patient-" + keyed_hex(value, "patient:")


def dicom_patients(paths: list[Path], kinds: list[str | None]) -> tuple[np.ndarray | None, str | None]:
    """``(groups, note)``: one patient key per image (keyed pseudonyms of ``PatientID``) and the
    reader's note, or ``(None, note or None)`` when the images cannot or need not be grouped.

    >>> dicom_patients([Path("a.png")], ["picture"])
    (None, None)
    """
    if not paths or any(kind not in ("dicom", "series") for kind in kinds):
        return None, None
    ids = [_patient_id(Path(p)) for p in paths]
    missing = sum(i is None for i in ids)
    if missing:
        return None, (f"not grouped by patient: {missing} of {len(ids)} DICOM images have no {KEY_NAME}, so the "
                      "split is by image")
    n_patients = len(set(ids))
    if n_patients == len(ids):
        return None, None  # one image per patient: a split by image is already one by patient
    if n_patients < MIN_PATIENTS:
        return None, (f"not grouped by patient: only {n_patients} distinct {KEY_NAME} value(s) for {len(ids)} images, "
                      f"too few for a patient-level split (an anonymiser may have written one value into every "
                      "file), so the split is by image")
    note = (f"{KEY_NAME}: {n_patients} patients for {len(ids)} images; the split keeps each patient's images "
            "together and the bootstrap resamples patients")
    return np.array([_pseudonym(i) for i in ids], dtype=object), note

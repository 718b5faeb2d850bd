"""DICOM de-identification: the PS3.15 Annex E Basic Application Level Confidentiality
Profile applied to headers (:mod:`.header`, table in :mod:`.profile`), keyed pseudonyms
(:mod:`.keys`), burned-in text blanked in the pixels (:mod:`.pixels`; words found by
:mod:`.text_boxes`, a cine searched once through what stays still by :mod:`.cine`), and every
written file read back and verified (:mod:`.verify`, with an OCR read-back by :mod:`.ocr`);
:mod:`.files` runs a whole study.
Text de-identification lives in :mod:`mednn.privacy.deid`. docs/dicom-deid.md describes the choices.

>>> from mednn.privacy.dicom import deidentify_dicom, DicomDeidOptions
>>> deidentify_dicom("study/", "clean/", DicomDeidOptions(secret="a project key of 16+ chars"))  # doctest: +SKIP
"""

from __future__ import annotations

from .files import DicomDeidOptions, deidentify_dicom, is_dicom_input
from .keys import new_uid, patient_date_offset, project_key

__all__ = ["DicomDeidOptions", "deidentify_dicom", "is_dicom_input", "new_uid", "patient_date_offset",
           "project_key"]

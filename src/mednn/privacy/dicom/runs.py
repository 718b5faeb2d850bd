"""``privacy.deid: true`` for image runs: every DICOM the run reads must already be
de-identified by ``mednn deid`` (its header says ``PatientIdentityRemoved`` YES).

mednn does not de-identify DICOM in memory during training: ``mednn deid`` writes verified
files and a report a privacy officer can check, which an in-memory pass could not show, and
the run then reads only those (docs/dicom-deid.md).
"""

from __future__ import annotations

from pathlib import Path

from ...data.image_decoding import is_dicom_file
from ...data.image_options import is_manifest
from ...errors import DataError
from .files import _walk


def _dicom_files(data_cfg) -> list[Path]:
    path = Path(str(data_cfg.path))
    if path.is_dir():
        return [p for p in _walk(path) if is_dicom_file(p)]
    if is_manifest(path):
        import pandas as pd

        column = getattr(data_cfg, "path_column", None) or (data_cfg.model_extra or {}).get("path_column", "path")
        frame = pd.read_csv(path, sep="\t" if path.name.lower().endswith(".tsv") else ",")
        if column not in frame.columns:
            return []
        found: list[Path] = []
        for value in frame[column].dropna().astype(str):
            target = path.parent / value
            found.extend([p for p in _walk(target) if is_dicom_file(p)] if target.is_dir()
                         else [target] if target.is_file() and is_dicom_file(target) else [])
        return found
    return [path] if path.is_file() and is_dicom_file(path) else []


def require_deidentified(data_cfg) -> int:
    """Raise :class:`DataError` unless every DICOM file of an image run says
    ``PatientIdentityRemoved`` YES; return how many were checked (the ``dicom_files`` step of
    :mod:`mednn.privacy.deid_steps`)."""
    import pydicom
    from pydicom.errors import InvalidDicomError

    files = _dicom_files(data_cfg)
    missing = 0
    for path in files:
        try:
            ds = pydicom.dcmread(path, stop_before_pixels=True)
        except (InvalidDicomError, OSError, EOFError, ValueError, KeyError, TypeError):
            missing += 1
            continue
        if str(ds.get("PatientIdentityRemoved", "")).strip().upper() != "YES":
            missing += 1
    if missing:
        raise DataError(f"privacy.deid is true but {missing} of {len(files)} DICOM file(s) under data.path are not "
                        f"de-identified (PatientIdentityRemoved is not YES); fix: {_fix(data_cfg)}")
    return len(files)


def _fix(data_cfg) -> str:
    """The command that works for this run's data. A folder of class sub-folders must be
    de-identified whole with the classes layout: run per class folder (as this said before trial
    13) each came out as study-*/series-* folders, which training cannot read as images."""
    if Path(str(data_cfg.path)).is_dir():
        return ("run `mednn deid DATA --out CLEAN --dicom-layout classes` on the whole data.path folder (DATA; "
                "its class sub-folders are kept) and set data.path to CLEAN")
    return ("run `mednn deid` on the image folder and point the table's path column at the de-identified copies "
            "(CLEAN/deid_report.json maps each input, by its position in sorted path order, to its output)")

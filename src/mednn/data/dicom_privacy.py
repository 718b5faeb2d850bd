"""What the image readers ask before a DICOM reaches a run: may this file be trained on (text
burned into its pixels?), and what id names it (never a path that may hold a patient's name).

The de-identification itself is :mod:`mednn.privacy.dicom` (``mednn deid``); this module sits
below it, in ``data/``, so the readers can call it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from pathlib import Path

BURNED_IN_FIX = ("fix: de-identify the images first (`mednn deid DATA --out CLEAN`, which blanks the text) "
                 "and train on CLEAN, or set data.allow_burned_in: true if the text holds no identity")
# images a run predicts or evaluates: nothing is trained on them (trial 12: predict said "train on CLEAN")
BURNED_IN_FIX_NEW = ("fix: de-identify the images first (`mednn deid DATA --out CLEAN`, which blanks the text) "
                     "and pass CLEAN in place of DATA, or add --set data.allow_burned_in=true if the text holds no "
                     "identity")


# the report `mednn deid` writes beside a DICOM export (mednn.privacy.dicom.files), read here to
# tell an export whose folders are studies or series from a training folder of classes
DEID_REPORT_NAME = "deid_report.json"
DEID_REPORT_TOOL = "mednn deid (DICOM, PS3.15 Basic Profile)"
_EXPORT_FOLDER = re.compile(r"^(study|series)-[0-9a-f]{10}$")  # `mednn deid`'s pseudonymous folder names


def unlabelled_export_layout(root: Path) -> str | None:
    """``"study"``, ``"series"`` or ``"flat"`` when ``root`` is a ``mednn deid`` DICOM export whose
    folders are pseudonymous studies or series rather than classes (its ``deid_report.json``
    says so, or, without the report, every first-level folder is named ``study-<10 hex>`` /
    ``series-<10 hex>``); None for anything else, a ``--dicom-layout classes`` export included.

    >>> unlabelled_export_layout(Path("no/such/folder")) is None
    True
    """
    report = root / DEID_REPORT_NAME
    if report.is_file() and report.stat().st_size < (64 << 20):
        try:
            data = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict) and data.get("tool") == DEID_REPORT_TOOL:
            layout = data.get("layout")
            return layout if layout in ("study", "series", "flat") else None
    if not root.is_dir():
        return None
    folders = [p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")]
    kinds = {m.group(1) for m in map(_EXPORT_FOLDER.match, folders) if m}
    if folders and len(kinds) == 1 and all(_EXPORT_FOLDER.match(name) for name in folders):
        return kinds.pop()
    return None


def unlabelled_export_problem(root: Path, layout: str) -> str:
    """The one line that refuses to train on a ``mednn deid`` export without classes."""
    held = {"flat": "its files lie in one folder", "series": "its folders are pseudonymous DICOM series",
            "study": "its folders are pseudonymous studies"}[layout]
    return (f"{root} is a `mednn deid` export in {layout} layout: {held}, not classes, so it holds no labels to "
            "train on; fix: de-identify the folder of class sub-folders with `mednn deid DATA --out CLEAN "
            "--dicom-layout classes` (the class folders are kept), or give the labels in a CSV manifest "
            "(data.format: image_csv, a path column relative to the CSV and data.label) and train on that")


def burned_in_reason(datasets: list, allow: bool, *, new: bool = False) -> str | None:
    """Why a DICOM file (or series) is refused, or None: its header says ``BurnedInAnnotation``
    YES (text such as the patient's name drawn into the pixels) and ``data.allow_burned_in`` is off.
    ``new``: images a run predicts or evaluates, whose fix says so (not "train on")."""
    if allow:
        return None
    burned = sum(str(ds.get("BurnedInAnnotation", "")).strip().upper() == "YES" for ds in datasets)
    if not burned:
        return None
    what = "its header" if len(datasets) == 1 else f"{burned} of its {len(datasets)} slices"
    fix = BURNED_IN_FIX_NEW if new else BURNED_IN_FIX
    return f"{what} says BurnedInAnnotation YES (text drawn into the pixels may name the patient); {fix}"


def image_reference(relative_path: str, kind: str | None, position: int, source: str,
                    given_id: str | None = None) -> str:
    """How a message or a run file names one input image: a picture's or NIfTI's path relative
    to the folder given, but a DICOM file or series (or a file of unknown kind, which may be a
    DICOM without its mark) by its position and id, never by its name or the path below the
    folder given (DICOM exports are often filed under the patient's name).

    >>> image_reference("DOE^JOHN/1.dcm", "dicom", 8, "scans").startswith("file #8 of scans (dicom-")
    True
    >>> image_reference("benign/1.png", "picture", 1, "scans")
    'benign/1.png'
    """
    if kind in ("picture", "nifti"):
        return relative_path
    return f"file #{position} of {source} ({given_id or image_id(relative_path, kind or 'dicom')})"


def image_id(relative_path: str, kind: str | None) -> str:
    """The id a run uses for one image: its relative path for pictures and NIfTI, and for a
    DICOM file or series a keyed pseudonym ``dicom-<16 hex>`` of that path (DICOM exports are
    often filed under the patient's name). The key is ``MEDNN_DEID_SECRET`` when set, so the
    ids are stable across runs and, with a secret, cannot be traced back by hashing paths.

    >>> image_id("DOE^JOHN/1.dcm", "dicom").startswith("dicom-")
    True
    >>> image_id("benign/1.png", "picture")
    'benign/1.png'
    """
    if kind not in ("dicom", "series"):
        return relative_path
    return "dicom-" + keyed_hex(relative_path)


def keyed_hex(value: str, purpose: str = "") -> str:
    """16 hex digits of HMAC-SHA256 of ``value`` under the image-id key: ``MEDNN_DEID_SECRET``
    when set (else a public default), prefixed by ``purpose`` (``"patient:"`` for patient keys)."""
    secret = os.environ.get("MEDNN_DEID_SECRET") or "mednn-image-ids"
    key = hashlib.sha256((purpose + secret).encode("utf-8")).digest()
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:16]

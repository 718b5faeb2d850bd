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
import secrets
from contextlib import contextmanager
from contextvars import ContextVar
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
    often filed under the patient's name), under :func:`image_id_key`: never a public key, so
    nobody can hash a guessed path (``SMITH_JOHN/1.dcm``) and find it among the ids.

    >>> image_id("DOE^JOHN/1.dcm", "dicom").startswith("dicom-")
    True
    >>> image_id("benign/1.png", "picture")
    'benign/1.png'
    """
    if kind not in ("dicom", "series"):
        return relative_path
    return "dicom-" + _hmac_hex(image_id_key(), relative_path)


# --- the key of the images' ids ------------------------------------------------------------------
# MEDNN_DEID_SECRET when set (the same ids in every run and command of the project); otherwise a
# random key per run, kept in the run directory (RUN_KEY_FILE) for its predict / evaluate / explain
# calls, never in its predictions or report, so ids are unlinkable across runs. A public default key
# ("mednn-image-ids", before issue 19) let anyone holding the ids test guessed paths.
RUN_KEY_FILE = "image_ids.key"
_RUN_KEY: ContextVar[bytes | None] = ContextVar("mednn_image_id_key", default=None)
_process_key: list[bytes] = []  # made on first use: the key of a command that has no run's key


def _secret_key() -> bytes | None:
    secret = os.environ.get("MEDNN_DEID_SECRET")
    return hashlib.sha256(secret.encode("utf-8")).digest() if secret else None


def image_id_key() -> bytes:
    """The key of the DICOM images' ids in effect: the run's own (inside :func:`image_ids_keyed`,
    as ``predict`` / ``evaluate`` read a run's new images), else the key derived from
    ``MEDNN_DEID_SECRET``, else this process's random key (a command without a run's key:
    ``inspect``, ``predict`` on a run made before issue 19)."""
    key = _RUN_KEY.get() or _secret_key()
    if key is not None:
        return key
    if not _process_key:
        _process_key.append(secrets.token_bytes(32))
    return _process_key[0]


def new_run_key(kept: bytes | None = None) -> bytes | None:
    """The key a new run names its DICOM images under: None with ``MEDNN_DEID_SECRET`` (the
    secret's key, never written into the run), else ``kept`` (``--resume``: the interrupted run's
    key, kept with its checkpoint) or a new random one."""
    if _secret_key() is not None:
        return None
    return kept or secrets.token_bytes(32)


@contextmanager
def image_ids_keyed(key: bytes | None):
    """Name DICOM images under a run's key (None: as outside, the secret or the process's key).

    >>> with image_ids_keyed(bytes(32)):
    ...     image_id("a/1.dcm", "dicom") == image_id("a/1.dcm", "dicom")
    True
    """
    token = _RUN_KEY.set(key)
    try:
        yield
    finally:
        _RUN_KEY.reset(token)


def key_to_store(run_key: bytes | None) -> str | None:
    """The hex key an image run keeps in :data:`RUN_KEY_FILE`: ``run_key`` (:func:`new_run_key`),
    or, for data read outside such a key (a federated coordinator's rows), the key in effect
    unless it was ``MEDNN_DEID_SECRET``'s (a secret is never written into a run)."""
    if run_key is not None:
        return run_key.hex()
    return None if _secret_key() is not None else image_id_key().hex()


def read_key(text: str) -> bytes | None:
    """The key of a run's :data:`RUN_KEY_FILE` text; None when it is not 64 hex digits."""
    try:
        key = bytes.fromhex(text.strip())
    except ValueError:
        return None
    return key if len(key) == 32 else None


def keyed_hex(value: str, purpose: str = "") -> str:
    """16 hex digits of HMAC-SHA256 of ``value`` for ``purpose`` (``"patient:"``): a DICOM
    patient's grouping key, kept in memory only (a run stores no patient key but salted
    few-bit hashes, as for a table's patient column). Its key is ``MEDNN_DEID_SECRET`` when set,
    else a fixed one, so the patient-level split of two runs with one seed is the same (a random
    key would reorder the patients and change the split)."""
    secret = os.environ.get("MEDNN_DEID_SECRET") or "mednn-image-ids"
    return _hmac_hex(hashlib.sha256((purpose + secret).encode("utf-8")).digest(), value)


def _hmac_hex(key: bytes, value: str) -> str:
    """16 hex digits of HMAC-SHA256 of ``value`` under ``key`` (image ids, patient keys)."""
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:16]

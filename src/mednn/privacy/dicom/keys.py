"""Keyed pseudonyms for DICOM de-identification: new UIDs, patient pseudonyms, date offsets.

Everything is keyed by one project secret (``--key``, else the ``MEDNN_DEID_SECRET`` variable,
else a key derived from a seed: reproducible, so *not* secret), so two exports of the same
study with the same key get the same new UIDs and the same date shift, and nobody without the
key can go back. :func:`patient_date_offset` is the same function as the text de-identifier's
per-patient date shift (HMAC-SHA256 of the patient id under SHA-256(secret)), so a patient's
notes and images are shifted by the same number of days.
"""

from __future__ import annotations

import hashlib
import hmac
import os

# a UID under the 2.25 root (ISO/IEC 9834-8: a UUID as one decimal integer) is valid anywhere
UID_ROOT = "2.25."


def project_key(secret: str | None = None, seed: int = 0) -> bytes:
    """The 32-byte key every pseudonym is derived from (never stored)."""
    text = secret or os.environ.get("MEDNN_DEID_SECRET") or f"mednn-deid-seed-{seed}"
    return hashlib.sha256(text.encode("utf-8")).digest()


def key_is_secret(secret: str | None = None) -> bool:
    """False when the key comes from the public default (anyone can recompute the pseudonyms)."""
    return bool(secret or os.environ.get("MEDNN_DEID_SECRET"))


def patient_date_offset(patient_id: object, key: bytes, max_shift_days: int = 365) -> int:
    """A stable, non-zero day offset in ``[-max_shift_days, max_shift_days]`` for one patient.

    >>> k = project_key("example")
    >>> patient_date_offset("MRN123", k) == patient_date_offset("MRN123", k) != 0
    True
    """
    digest = hmac.new(key, str(patient_id).encode("utf-8"), hashlib.sha256).digest()
    span = int(max_shift_days)
    value = int.from_bytes(digest[:8], "big") % (2 * span)
    return value - span if value < span else value - span + 1


def new_uid(uid: str, key: bytes) -> str:
    """The replacement of ``uid``: ``2.25.<128-bit keyed hash>`` (at most 44 characters).

    >>> new_uid("1.2.3", project_key("k")) == new_uid("1.2.3", project_key("k"))
    True
    """
    digest = hmac.new(key, b"dicom-uid\x00" + str(uid).strip().encode("ascii", "replace"), hashlib.sha256).digest()
    return UID_ROOT + str(int.from_bytes(digest[:16], "big"))


def pseudonym(kind: str, value: object, key: bytes, length: int = 12) -> str:
    """A short keyed hex pseudonym, e.g. ``pseudonym("patient", "MRN123", key)`` -> ``"3f0c..."``."""
    message = kind.encode("utf-8") + b"\x00" + str(value).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:length]

"""Keyed pseudonyms for DICOM de-identification: new UIDs, patient pseudonyms, date offsets.

Everything is keyed by one project secret (``DicomDeidOptions(secret=...)``, else the
``MEDNN_DEID_SECRET`` variable; at least 16 characters, else a ConfigError: there is no public
default), so two exports of the same study with the same key get the same new UIDs and the same
date shift, and nobody without the key can go back. The key and :func:`keyed_patient` are the
text de-identifier's own (``mednn.privacy.deid.dateshift``: HMAC-SHA256 of the patient id under
SHA-256(secret)), so a patient's notes and images carry one pseudonym and are shifted by the same
number of days.
"""

from __future__ import annotations

import hashlib
import hmac

# one key and one per-patient offset for notes and images: a patient's dates move together
from ..deid.dateshift import keyed_patient, patient_date_offset, project_key

__all__ = ["UID_ROOT", "keyed_patient", "new_uid", "patient_date_offset", "project_key", "pseudonym"]

# a UID under the 2.25 root (ISO/IEC 9834-8: a UUID as one decimal integer) is valid anywhere
UID_ROOT = "2.25."


def new_uid(uid: str, key: bytes) -> str:
    """The replacement of ``uid``: ``2.25.<128-bit keyed hash>`` (at most 44 characters).

    >>> key = project_key("a project key of 16+ characters")
    >>> new_uid("1.2.3", key) == new_uid("1.2.3", key)
    True
    """
    digest = hmac.new(key, b"dicom-uid\x00" + str(uid).strip().encode("ascii", "replace"), hashlib.sha256).digest()
    return UID_ROOT + str(int.from_bytes(digest[:16], "big"))


def pseudonym(kind: str, value: object, key: bytes, length: int = 12) -> str:
    """A short keyed hex pseudonym of a study, series or instance, e.g. ``pseudonym("study", uid, key)``
    -> ``"3f0c..."`` (a patient's is :func:`keyed_patient`'s, shared with the notes)."""
    message = kind.encode("utf-8") + b"\x00" + str(value).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:length]

"""The keyed patient shared by every de-identifier in mednn (notes, tables and DICOM): one
pseudonym and one date offset per patient, from one keyed hash of (project key, patient id).

A patient's dates are all moved by the same number of days, so that intervals within one
patient's record survive while the real dates do not; the patient id becomes ``PAT-`` and 12
hex digits. Both come from one HMAC-SHA256 of the patient id under the project key
(:func:`keyed_patient`): the same patient gets the same pseudonym and the same offset in every
export made with the same key, in the notes' patient column as in DICOM's PatientID, so a
patient's notes still join their images after de-identification; nobody without the key can
recompute either.

>>> key = project_key("a project secret of 16+ characters")
>>> patient_date_offset("patient-17", key) == patient_date_offset("patient-17", key)
True
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from typing import Any

from ...errors import ConfigError

SECRET_ENVIRONMENT_VARIABLE = "MEDNN_DEID_SECRET"
MIN_SECRET_LENGTH = 16
# a key of 16 spaces, or "aaaaaaaaaaaaaaaa", passes the length check but is guessed first: a
# secret needs at least this many different characters (a generated one has ~20 of 24)
MIN_DISTINCT_CHARACTERS = 8


class CheckedSecret(str):
    """A secret :func:`require_secret` has accepted: handed on (to :func:`project_key`, a
    ``Deidentifier``), it is not checked again, so a command checks its secret once, with one message."""


def require_secret(purpose: str, secret: str | None = None) -> str:
    """The project secret for ``purpose`` (``--shift-dates``, ``--id-columns pseudonymise``,
    ``Deidentifier(date_shift=True)``, DICOM's new UIDs): from ``secret``, else
    ``MEDNN_DEID_SECRET``; a one-line ConfigError when it is missing (offsets and pseudonyms under a
    public key are undone by anyone who has the patient ids) or shorter than
    :data:`MIN_SECRET_LENGTH` characters, blank, or made of fewer than
    :data:`MIN_DISTINCT_CHARACTERS` different characters (guessable). The one place mednn decides whether a
    reversible transform may run: text, tables, DICOM and the Python API all ask it (through
    :func:`project_key`). Never echoes the key. Returns a :class:`CheckedSecret`, which a later
    call takes as it is (one check per command).

    >>> checked = require_secret("--shift-dates", "a project secret of 16+ characters")
    >>> require_secret("--id-columns pseudonymise", checked) is checked
    True
    """
    if isinstance(secret, CheckedSecret):
        return secret
    where = "the secret passed" if secret else f"the key in {SECRET_ENVIRONMENT_VARIABLE}"
    secret = secret or os.environ.get(SECRET_ENVIRONMENT_VARIABLE)
    _check_secret(purpose, secret, where)
    return CheckedSecret(secret)


def _check_secret(purpose: str, secret: str | None, where: str) -> None:
    make = "python -c \"import secrets; print(secrets.token_urlsafe(24))\""
    if not secret:
        raise ConfigError(f"{purpose} needs a secret key: set {SECRET_ENVIRONMENT_VARIABLE} (at least "
                          f"{MIN_SECRET_LENGTH} characters, kept out of the output; the same key gives the same "
                          "result); without it anyone with the patient ids could recompute and undo it; fix: "
                          f"export {SECRET_ENVIRONMENT_VARIABLE}=$({make})")
    if len(secret) < MIN_SECRET_LENGTH:
        raise ConfigError(f"{purpose}: {where} has {len(secret)} characters, fewer than {MIN_SECRET_LENGTH}, "
                          "and could be guessed; fix: export "
                          f"{SECRET_ENVIRONMENT_VARIABLE}=$({make})")
    if not secret.strip() or len(set(secret)) < MIN_DISTINCT_CHARACTERS:
        kind = "is blank (whitespace only)" if not secret.strip() else \
            f"has only {len(set(secret))} different characters, fewer than {MIN_DISTINCT_CHARACTERS},"
        raise ConfigError(f"{purpose}: {where} {kind} and could be guessed; fix: export "
                          f"{SECRET_ENVIRONMENT_VARIABLE}=$({make})")


def project_key(secret: str | None = None, *, purpose: str = "a date shift or keyed pseudonym") -> bytes:
    """The 32-byte key behind every offset, keyed pseudonym and new DICOM UID: SHA-256 of the
    secret that :func:`require_secret` accepts for ``purpose`` (``secret``, else
    ``MEDNN_DEID_SECRET``; at least 16 characters, 8 of them different, else a ConfigError). There is no public
    default: a key anyone can derive lets anyone with a patient id undo the shift."""
    return hashlib.sha256(require_secret(purpose, secret).encode("utf-8")).digest()


# what a patient id becomes, in a table's patient column and in DICOM's PatientName / PatientID
PATIENT_PSEUDONYM_PREFIX = "PAT-"


@dataclass(frozen=True)
class KeyedPatient:
    """A patient as every de-identified output names and dates them (see :func:`keyed_patient`)."""

    pseudonym: str  # "PAT-" + 12 hex digits
    offset_days: int  # added to every date of the patient: in [-max_days, max_days], never 0


def keyed_patient(patient_id: Any, key: bytes, max_days: int = 365) -> KeyedPatient:
    """The pseudonym and date offset of ``patient_id`` under ``key`` (from :func:`project_key`):
    one HMAC-SHA256 of the id (surrounding spaces dropped); its bytes 0-7 give the offset, bytes
    16-21 the pseudonym, so neither tells anything of the other.

    >>> key = project_key("a project secret of 16+ characters")
    >>> keyed_patient("MRN123", key) == keyed_patient(" MRN123", key)
    True
    """
    if int(max_days) < 1:
        raise ConfigError(f"max_shift_days must be >= 1; got {max_days}")
    digest = hmac.new(key, str(patient_id).strip().encode("utf-8"), hashlib.sha256).digest()
    span = int(max_days)
    value = int.from_bytes(digest[:8], "big") % (2 * span)
    return KeyedPatient(pseudonym=PATIENT_PSEUDONYM_PREFIX + digest[16:22].hex(),
                        offset_days=value - span if value < span else value - span + 1)


def patient_date_offset(patient_id: Any, key: bytes, max_days: int = 365) -> int:
    """Days to add to every date of ``patient_id``: :func:`keyed_patient`'s offset."""
    return keyed_patient(patient_id, key, max_days).offset_days

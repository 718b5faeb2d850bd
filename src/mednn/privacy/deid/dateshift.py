"""The per-patient date offset shared by every de-identifier in mednn (notes and DICOM).

A patient's dates are all moved by the same number of days, so that intervals within one
patient's record survive while the real dates do not. The offset is a keyed hash of the
patient id and a project key: the same patient gets the same offset in every export made with
the same key, and nobody without the key can recompute it.

>>> key = project_key("a project secret")
>>> patient_date_offset("patient-17", key) == patient_date_offset("patient-17", key)
True
"""

from __future__ import annotations

import hashlib
import hmac
import os
from typing import Any

from ...errors import ConfigError

SECRET_ENVIRONMENT_VARIABLE = "MEDNN_DEID_SECRET"
MIN_SECRET_LENGTH = 16


def require_secret(purpose: str, secret: str | None = None) -> str:
    """The project key for ``purpose`` (``--shift-dates``, ``--id-columns pseudonymise``): from
    ``secret``, else ``MEDNN_DEID_SECRET``; a one-line ConfigError when it is missing (offsets and
    pseudonyms from the public seed are undone by anyone who has the patient ids) or shorter
    than :data:`MIN_SECRET_LENGTH` characters (guessable). Never echoes the key."""
    secret = secret or os.environ.get(SECRET_ENVIRONMENT_VARIABLE)
    make = "python -c \"import secrets; print(secrets.token_urlsafe(24))\""
    if not secret:
        raise ConfigError(f"{purpose} needs a secret key: set {SECRET_ENVIRONMENT_VARIABLE} (at least "
                          f"{MIN_SECRET_LENGTH} characters, kept out of the output; the same key gives the same "
                          "result); without it anyone with the patient ids could recompute and undo it; fix: "
                          f"export {SECRET_ENVIRONMENT_VARIABLE}=$({make})")
    if len(secret) < MIN_SECRET_LENGTH:
        raise ConfigError(f"{purpose}: the key in {SECRET_ENVIRONMENT_VARIABLE} has {len(secret)} characters, "
                          f"fewer than {MIN_SECRET_LENGTH}, and could be guessed; fix: export "
                          f"{SECRET_ENVIRONMENT_VARIABLE}=$({make})")
    return secret


def project_key(secret: str | None = None, seed: int = 0) -> bytes:
    """The 32-byte key behind every offset: from ``secret``, else ``MEDNN_DEID_SECRET``, else a
    key derived from ``seed`` (reproducible, hence not secret: set one for real data)."""
    secret = secret or os.environ.get(SECRET_ENVIRONMENT_VARIABLE) or f"mednn-deid-seed-{seed}"
    return hashlib.sha256(secret.encode("utf-8")).digest()


def patient_date_offset(patient_id: Any, key: bytes, max_days: int = 365) -> int:
    """Days to add to every date of ``patient_id``: in ``[-max_days, max_days]``, never 0.

    HMAC-SHA256(key, str(patient_id)); ``key`` comes from :func:`project_key`.
    """
    if int(max_days) < 1:
        raise ConfigError(f"max_shift_days must be >= 1; got {max_days}")
    digest = hmac.new(key, str(patient_id).encode("utf-8"), hashlib.sha256).digest()
    span = int(max_days)
    value = int.from_bytes(digest[:8], "big") % (2 * span)
    return value - span if value < span else value - span + 1

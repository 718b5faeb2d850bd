"""Short keyed hashes of the training split's patient ids, so that ``mednn evaluate`` can tell
how many of a site's patients the model was trained on, without the run storing any id.

:func:`training_keys` keeps, for each training patient, a few bits of ``sha256(salt + id)``
(``data.json``: ``groups.train_keys``). The bits are chosen so that about 1 in 64 of all
possible ids share a key with some training patient: a key list cannot be turned back into
ids, and a guessed id that matches is only weak evidence the patient was there. A site whose
patients match far more often than that chance rate shares patients with the training split;
:func:`seen_in_training` counts them and says how many matches chance explains.

>>> keys = training_keys(np.array(["p1", "p2", "p3"]), salt="ab")
>>> seen_in_training(keys, np.array(["p1", "p1", "p9"]))["rows"] >= 2
True
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

import numpy as np

# about this many possible keys per training patient: 1 in 64 of all ids match by chance
_KEYS_PER_PATIENT = 64
_MIN_BITS, _MAX_BITS = 12, 28


def _keys(ids, salt: str, bits: int) -> np.ndarray:
    mask = (1 << bits) - 1
    return np.array([int.from_bytes(hashlib.sha256(f"{salt}\x00{v}".encode()).digest()[:4], "big") & mask
                     for v in ids], dtype=np.int64)


def stored_keys(distinct, salt: str) -> dict[str, Any]:
    """``{"salt", "bits", "keys"}`` of ``distinct`` texts (patient ids, sample fingerprints): enough
    bits for about ``_KEYS_PER_PATIENT`` possible keys each, the sorted distinct keys."""
    bits = int(min(_MAX_BITS, max(_MIN_BITS, math.ceil(math.log2(max(1, len(distinct)) * _KEYS_PER_PATIENT)))))
    return {"salt": salt, "bits": bits, "keys": sorted(int(k) for k in np.unique(_keys(distinct, salt, bits)))}


def key_hits(stored: dict[str, Any], texts) -> tuple[np.ndarray, float]:
    """Per text whether its key is a stored one, and the share of all keys stored (the chance match rate)."""
    keys = set(int(k) for k in stored["keys"])
    bits = int(stored["bits"])
    hit = np.array([k in keys for k in _keys(texts, str(stored["salt"]), bits)], dtype=bool)
    return hit, len(keys) / float(1 << bits)


def training_keys(groups: np.ndarray, *, salt: str) -> dict[str, Any]:
    """``{"salt", "bits", "keys"}``: the sorted distinct keys of the training patients ``groups``."""
    return stored_keys(np.unique(np.asarray(groups).astype(str)), salt)


def seen_in_training(stored: dict[str, Any], groups: np.ndarray) -> dict[str, Any]:
    """How many of a site's patients (``groups``: one id per row) match a training key:
    ``patients`` (distinct site patients), ``matched`` (of them), ``rows`` (their rows),
    ``by_chance`` (matches expected were no patient shared) and ``shared`` (whether the
    matches are beyond chance: more than chance plus four standard deviations and at least 3)."""
    text = np.asarray(groups).astype(str)
    ids, inverse = np.unique(text, return_inverse=True)
    hit, rate = key_hits(stored, ids)
    matched = int(hit.sum())
    by_chance = len(ids) * rate
    shared = matched >= 3 and matched > by_chance + 4 * math.sqrt(max(by_chance * (1 - rate), 1e-9))
    return {"patients": int(len(ids)), "matched": matched, "rows": int(hit[inverse].sum()),
            "by_chance": round(by_chance, 1), "shared": bool(shared)}

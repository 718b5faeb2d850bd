"""Short keyed hashes of the training split's samples, so that ``mednn evaluate`` and ``mednn
predict`` can tell when a "new" file holds the run's own training samples, without the run
storing any value.

A sample's fingerprint is its model input as text: a table row's feature values (column by
column, numbers in one spelling whatever their dtype), a molecule's canonical SMILES, a note's
text with its white space collapsed (a note re-wrapped or re-spaced is the same note; a re-cased one
is not matched: SMILES are case-sensitive and share this path). :func:`sample_keys` keeps a few bits of ``sha256(salt + fingerprint)`` per training sample
(``data.json``: ``sample_keys``), exactly as :mod:`mednn.data.patient_keys` keeps patient ids:
about 1 in 64 of all possible samples share a key with a training sample, so the list cannot be
turned back into rows. It also keeps ``repeat_rate``: the share of the run's own test samples
identical to a training sample (coarse tables repeat honestly: two patients with the same
values). :func:`samples_seen` counts a file's samples that match, and says whether more match
than chance and honest repeats explain.

An image's fingerprint is a digest of its decoded pixel array as the featurizer receives it:
after the run's own reading options (``data.size`` resize, colour, DICOM windowing, stored
type), which images to predict are read with too. So an exact re-export of a training image
(the MedMNIST arrays saved as PNG, or as uncompressed DICOM with the same pixel values) matches;
an image resampled, cropped, re-windowed or re-encoded with a lossy codec (JPEG) does not: this
finds copies, not near-copies.

>>> import pandas as pd
>>> train = pd.DataFrame({"age": [50, 61, 72, 80], "sex": ["F", "M", "F", "M"]})
>>> stored = sample_keys(train, train.iloc[:0], salt="ab")
>>> samples_seen(stored, train.astype({"age": float}))["matched"]
4
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

import numpy as np

from .patient_keys import key_hits, stored_keys


def _cell(value: Any) -> str:
    """One value as text: 61, 61.0 and "61" are one spelling; a missing value is empty."""
    if value is None:
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value).strip()
    return "" if math.isnan(number) else repr(number)


def _image_digests(images: Any) -> list[str]:
    """One text per image of an (n, C, ...) array, or of images kept on disk (read in chunks):
    its dtype, shape and a sha256 of its pixels (the digest, never a pixel, is hashed again)."""
    chunks = images.chunks() if hasattr(images, "chunks") and hasattr(images, "row_keys") else [(0, images)]
    out = []
    for _, chunk in chunks:
        chunk = np.asarray(chunk)
        head = f"{chunk.dtype.str}:{'x'.join(map(str, chunk.shape[1:]))}:"
        out.extend(head + hashlib.sha256(np.ascontiguousarray(one).tobytes()).hexdigest() for one in chunk)
    return out


def fingerprints(inputs: Any) -> list[str] | None:
    """One text per sample (see the module); None for inputs with no stable fingerprint."""
    if hasattr(inputs, "detach"):  # a torch tensor of images
        inputs = inputs.detach().cpu().numpy()
    if hasattr(inputs, "row_keys") or (isinstance(inputs, np.ndarray) and inputs.dtype != object
                                       and inputs.ndim >= 3):
        return _image_digests(inputs)
    if hasattr(inputs, "iloc"):  # a table: column=value, columns in name order
        columns = sorted(map(str, inputs.columns))
        frame = inputs.rename(columns=str)[columns]
        return ["\x1f".join(f"{c}={_cell(v)}" for c, v in zip(columns, row))
                for row in frame.itertuples(index=False, name=None)]
    if isinstance(inputs, (list, tuple)) or (isinstance(inputs, np.ndarray) and inputs.dtype == object):
        if all(isinstance(item, str) for item in inputs):
            return [" ".join(item.split()) for item in inputs]
    return None


def sample_keys(train_inputs: Any, test_inputs: Any, *, salt: str) -> dict[str, Any] | None:
    """``{"salt", "bits", "keys", "repeat_rate"}`` of the training samples, or None (no fingerprint)."""
    train = fingerprints(train_inputs)
    if not train:
        return None
    seen = set(train)
    test = fingerprints(test_inputs) or []
    repeat_rate = sum(t in seen for t in test) / len(test) if test else 0.0
    return {**stored_keys(sorted(seen), salt), "repeat_rate": round(float(repeat_rate), 4)}


def samples_seen(stored: dict[str, Any], inputs: Any) -> dict[str, Any] | None:
    """How many of a file's samples match a training key: ``n``, ``matched``, ``expected``
    (matches that chance and the run's own test repeat rate explain) and ``shared`` (more than
    expected plus four standard deviations, and at least 3). None when ``inputs`` have no fingerprint."""
    texts = fingerprints(inputs)
    if texts is None or not texts:
        return None
    hit, chance = key_hits(stored, texts)
    repeat = float(stored.get("repeat_rate") or 0.0)
    p = min(1.0, repeat + (1 - repeat) * chance)
    n, matched = len(texts), int(hit.sum())
    expected = n * p
    shared = matched >= 3 and matched > expected + 4 * math.sqrt(max(n * p * (1 - p), 1e-9))
    return {"n": n, "matched": matched, "expected": round(expected, 1), "shared": bool(shared)}

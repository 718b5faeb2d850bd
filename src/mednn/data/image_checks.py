"""Data checks for image sets, as :class:`~mednn.findings.Finding` records with counts.

:func:`image_findings` looks at a read and split image dataset: images with very few intensity
levels (``few_intensity_levels``, when at least a tenth of the images have them: binary masks,
posterised exports, a window that clipped almost everything), sets that mix channel counts,
bit depths or DICOM modalities, and images of extreme aspect ratio (``mixed_images``).
Counts and ids only, never pixel values. ``mednn train`` prints them on the console; the data
checks of the run (``data.json``, the report) take the same records. Images identical across
splits are the general data checks' ``split_leakage`` (:mod:`mednn.data.quality`), for every
modality.

Registered as the ``images`` check of :data:`mednn.data.split_checks.SPLIT_CHECKS` (the images
spec names it). Add a check by writing ``_<name>(dataset, splits) -> list[Finding]`` and listing
it in ``CHECKS``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ..findings import Finding
from .base import Dataset
from .split_checks import SPLIT_CHECKS

FEW_LEVELS = 8  # an image with at most this many distinct values is flagged
# masks, posterised exports and a clipping window are properties of an export, so they show in a
# sizeable share of a set; a few sparse images (thin strokes on a blank background, as in
# ordinary 8-bit handwriting: 2.9% of MNIST, 0.1% of sklearn's digits) are natural, not a finding
FEW_LEVELS_SHARE = 0.1
_SAMPLE = 2000  # images looked at for intensity levels (a seeded sample of larger sets)
_DICOM_HEADERS = 500  # DICOM headers read to compare modalities


def distinct_levels(images: np.ndarray) -> np.ndarray:
    """The number of distinct values in each image of an (n, C, ...) array."""
    flat = np.sort(np.asarray(images).reshape(len(images), -1), axis=1)
    return 1 + np.count_nonzero(np.diff(flat, axis=1), axis=1)


def _few_levels(dataset: Dataset, splits: dict[str, np.ndarray]) -> list[Finding]:
    n = len(dataset)
    rows = np.arange(n) if n <= _SAMPLE else np.sort(np.random.default_rng(0).choice(n, _SAMPLE, replace=False))
    levels = np.concatenate([distinct_levels(np.asarray(dataset.inputs[rows[i:i + 256]]))
                             for i in range(0, len(rows), 256)])
    few = int(np.sum(levels <= FEW_LEVELS))
    if not few or few < FEW_LEVELS_SHARE * len(rows):
        return []
    checked = f" of {len(rows)} checked" if len(rows) < n else f" of {n}"
    severity = "warning" if few >= len(rows) / 2 else "info"
    return [Finding("few_intensity_levels", severity,
                    f"{few}{checked} images take at most {FEW_LEVELS} distinct intensity values (median "
                    f"{int(np.median(levels))} per image): masks, posterised exports or a clipping window; "
                    "check how the images were exported", count=few)]


def _mixed(dataset: Dataset, splits: dict[str, np.ndarray]) -> list[Finding]:
    source: dict[str, Any] = dataset.notes.get("source_images") or {}
    out = []
    channels, dtypes = source.get("channels") or {}, source.get("dtypes") or {}
    if len(channels) > 1:
        counts = ", ".join(f"{n} with {c} channel(s)" for c, n in sorted(channels.items()))
        out.append(Finding("mixed_images", "warning", f"images differ in channels ({counts}); all were "
                           f"brought to {max(int(c) for c in channels)}; fix: set data.color",
                           count=int(sum(channels.values()) - max(channels.values()))))
    if len(dtypes) > 1:
        counts = ", ".join(f"{n} {d}" for d, n in sorted(dtypes.items()))
        out.append(Finding("mixed_images", "warning", f"images differ in bit depth ({counts}); they were put "
                           "on one scale, which differs from how each was displayed",
                           count=int(sum(dtypes.values()) - max(dtypes.values()))))
    if source.get("extreme_aspect"):
        n = int(source["extreme_aspect"])
        out.append(Finding("mixed_images", "warning", f"{n} image(s) are over 3 times longer than wide (or "
                           "the reverse) and are squeezed when resized; crop them or set data.size", count=n))
    modalities = _dicom_modalities(dataset)
    if len(modalities) > 1:
        counts = ", ".join(f"{n} {m}" for m, n in sorted(modalities.items()))
        out.append(Finding("mixed_images", "warning", f"DICOM files of several modalities ({counts}); a model "
                           "trained on a mix may learn the modality instead of the finding",
                           count=int(sum(modalities.values()) - max(modalities.values()))))
    return out


def _dicom_modalities(dataset: Dataset) -> dict[str, int]:
    """Counts of the DICOM Modality tag over the set's DICOM files (headers only, a sample)."""
    from .image_decoding import is_dicom_file, dicom_files

    root = Path(dataset.source) if dataset.source else None
    if root is None or not root.is_dir():
        return {}
    counts: dict[str, int] = {}
    for sample_id in [str(i) for i in dataset.ids[:_DICOM_HEADERS]]:
        path = root / sample_id
        first = path if path.is_file() else next(iter(dicom_files(path, depth=2)), None) if path.is_dir() else None
        if first is None or not is_dicom_file(first):
            continue
        modality = _modality(first)
        if modality:
            counts[modality] = counts.get(modality, 0) + 1
    return counts


def _modality(path: Path) -> str | None:
    import pydicom

    try:
        return str(pydicom.dcmread(path, stop_before_pixels=True).get("Modality", "") or "") or None
    except Exception:  # noqa: BLE001  (an unreadable header was reported when the set was read)
        return None


CHECKS = (_few_levels, _mixed)


@SPLIT_CHECKS.register("images")
def image_findings(dataset: Dataset, splits: dict[str, np.ndarray]) -> list[Finding]:
    """The image data checks on an image dataset and its split indices.

    >>> for finding in image_findings(dataset, split_index): print(finding.line())  # doctest: +SKIP
    mednn: warning: [few_intensity_levels] ...
    """
    if len(dataset) == 0:
        return []
    return [finding for check in CHECKS for finding in check(dataset, splits)]

"""The registry of data checks run on a read dataset and its split indices before training;
a modality's spec names the ones that apply to it (``ModalitySpec.split_checks``).

A check is ``check(dataset, splits) -> list[Finding]`` (``splits``: row indices per split),
registered with ``@SPLIT_CHECKS.register("name")`` in the modality's ``data/`` module or one it
imports (images: :mod:`mednn.data.image_checks`). Counts and ids only, never values.

>>> for finding in split_findings(dataset, split_index): print(finding.line())  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from ..findings import Finding
from ..registry import Registry, import_stage_modules

SPLIT_CHECKS: Registry = Registry("data check")


def split_findings(dataset, splits: dict[str, Any]) -> list[Finding]:
    """The findings of the checks ``dataset``'s modality names, on the dataset and its splits."""
    from ..modalities import modality_names, modality_spec

    names = modality_spec(dataset.modality).split_checks
    if not names or len(dataset) == 0:
        return []
    import_stage_modules("data", modality_names())  # each modality's data module registers its checks
    return [finding for name in names for finding in SPLIT_CHECKS.get(name)(dataset, splits)]

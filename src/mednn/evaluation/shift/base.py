"""The training profile of a run, and how each modality turns its samples into profiled columns.

Every modality registers one function in :data:`SHIFT_COLUMNS` under the name its
:class:`~mednn.modalities.ModalitySpec` gives as ``shift_profile`` (the module is
``evaluation/shift/<modality>.py``). The function reads a dataset the way the run's featurizer
does and returns :class:`ProfileColumns`: named columns of numbers (float, NaN = missing) or of
category texts (object, None = missing) — table columns for tables; pixel intensity,
brightness and contrast for images; length and vocabulary coverage for notes; descriptors and
scaffolds for molecules — plus the modality's own facts (image size, the hashed vocabulary).
Called on the training split it builds the profile; called on a site with the stored profile it
returns the same columns for the site, which :mod:`.compare` checks against the profile.

>>> profile = training_profile(splits.train, featurizer, "tabular")  # doctest: +SKIP
>>> sorted(profile["columns"]["age"])[:3]  # doctest: +SKIP
['bin_edges', 'bin_shares', 'constant']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...registry import Registry
from .sketch import HASHING, categorical_profile, numeric_profile

PROFILE_SCHEMA = 1


@dataclass
class ProfileColumns:
    """What a modality profiles: ``columns`` (name -> float array, or object array of texts),
    ``context`` (facts stored with the profile), ``options`` (per column: ``max_severity`` caps
    how much a shift of that column can matter, e.g. novel scaffolds are expected), ``n_profiled``
    (the samples read; an evenly spaced subset for large image or molecule sets) and, at a site,
    ``rows``: the modality's own flagged checks (:class:`~.compare.ShiftRow`, e.g. image size)."""

    columns: dict[str, np.ndarray]
    n_profiled: int
    context: dict[str, Any] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    rows: list[Any] = field(default_factory=list)


Extractor = Callable[[Any, Any, "dict[str, Any] | None"], ProfileColumns]
SHIFT_COLUMNS: Registry[Extractor] = Registry("shift profile")


def extractor(name: str) -> Extractor:
    """The registered column function ``name`` (its modality's module imported on first use)."""
    from ...modalities import modality_names
    from ...registry import import_stage_modules

    import_stage_modules("evaluation.shift", modality_names())
    return SHIFT_COLUMNS.get(name)


def evenly_spaced(n: int, limit: int) -> np.ndarray:
    """At most ``limit`` positions spread evenly over ``range(n)`` (no random draw: profiling
    must not consume the run's random state)."""
    if n <= limit:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, limit).round().astype(np.int64))


def is_categorical(values: np.ndarray) -> bool:
    return np.asarray(values).dtype == object


def meta_columns(dataset, taken) -> dict[str, np.ndarray]:
    """The dataset's meta columns (``data.meta_columns``: the subgroups of the evaluation) not
    among ``taken`` (the modality's profiled columns): numbers as float, anything else as category
    texts, so a site whose ``sex`` reads ``F``/``M`` where training read ``Female``/``Male`` is
    flagged as unseen categories instead of leaving its subgroup rows silently unmatched."""
    import pandas as pd

    from ...data.columns import category_strings

    out: dict[str, np.ndarray] = {}
    for name, values in (getattr(dataset, "meta", None) or {}).items():
        if name in taken:
            continue
        series = pd.Series(np.asarray(values, dtype=object) if np.asarray(values).dtype == object else values)
        if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            out[name] = pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            texts = category_strings(series).tolist()
            out[name] = np.array([t if isinstance(t, str) else None for t in texts], dtype=object)
    return out


def training_profile(train, featurizer, modality: str) -> dict[str, Any] | None:
    """The profile of the training split (``profile.json``), or None when the modality has no
    profile or the split holds no rows (a federated coordinator never sees the sites' rows)."""
    from ...modalities import modality_spec

    name = modality_spec(modality).shift_profile
    if name is None or train is None or len(train) == 0:
        return None
    from .label import label_profile

    found = extractor(name)(train, featurizer, None)
    found.columns.update(meta_columns(train, found.columns))  # subgroup columns: a renamed category is shift too
    columns = {column: (categorical_profile(column, values) if is_categorical(values) else numeric_profile(values))
               for column, values in found.columns.items()}
    return {"version": PROFILE_SCHEMA, "modality": modality, "split": "train", "n": int(len(train)),
            "n_profiled": int(found.n_profiled), "hashing": HASHING, "columns": columns,
            "context": found.context, "options": found.options, "label": label_profile(train)}

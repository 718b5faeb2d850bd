"""What a modality is to mednn: one :class:`ModalitySpec` per modality, in :data:`MODALITIES`.

A spec names, by their registry names, what every stage uses for the modality: the reader
formats (``data.format``), the default featurizer and model (``featurize: auto`` / ``model: auto``)
and the recipe ``model: auto`` brings, the reference baselines and the raw features they fit on
(``evaluate.baselines: auto``), the checks run on the data and its splits, what ``auto`` means
for identical inputs, whether a patient can be derived from a column, the explainers and
their ``explain.methods``, what ``privacy.deid`` does, how a served request is read, and an
out-of-distribution scorer. Code outside ``modalities/`` asks the spec (:func:`modality_spec`)
instead of branching on the modality's name; each stage resolves the names in its own registry,
so this module imports no stage and sits below them all.

>>> modality_spec("text").featurizer
'tfidf'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..registry import Registry

MODALITIES: Registry = Registry("modality")

ServeInput = Literal["records", "files"]


@dataclass(frozen=True)
class ModalitySpec:
    """One modality: the names each stage looks up in its own registry (None / empty: none).

    ``formats``: ``data.format`` names its readers register in
    :data:`mednn.data.readers.READERS` (each reader's ``modality`` is this spec's ``name``).
    ``featurizer`` / ``model``: the registered featurizer and model that ``auto`` means.
    ``recipe``: the key of the settings ``model: auto`` brings in :mod:`mednn.recipes`
    (``AUTO_RECIPES``, ``LARGE_DATA_RECIPES``, ``SIZED_RECIPES``). ``baselines``: the baselines
    ``evaluate.baselines: auto`` fits, on the raw features named ``baseline_features``
    (:data:`mednn.evaluation.baseline_features.BASELINE_FEATURES`). ``split_checks``: the checks
    of :data:`mednn.data.split_checks.SPLIT_CHECKS` run on the data and its splits before
    training. ``explainers``: the registered explainers run on the test split, which accept
    ``explain_methods``. ``deid``: what ``privacy.deid: true`` does to the data
    (:data:`mednn.privacy.steps.DEID_STEPS`). ``serve_input``: how a served request carries
    samples (``records``: JSON records / CSV rows; ``files``: uploaded files), read by the
    ``record_reader`` of :data:`mednn.inference.records.RECORD_READERS` (None: the run cannot be
    served), whose ``inputs()`` the server's ``/model`` shows. ``group_unit``: what the reader's
    groups of samples are (``patient``; molecules: ``scaffold``), as the report names them.
    ``ood_scorer``: the registered out-of-distribution scorer (None: none yet).
    ``duplicates``: what ``data.duplicates: auto`` means for it (a policy of
    :mod:`mednn.data.duplicates`). ``patient_from``: whether its readers take
    ``data.patient_from`` (a patient derived from another column). Federated
    statistics are the featurizer's own (``summary`` / ``merge``), not a field here.
    ``shift_profile``: the columns a run's training profile keeps and an external site is
    checked on (:data:`mednn.evaluation.shift.SHIFT_COLUMNS`; None: no shift check).
    """

    name: str
    formats: tuple[str, ...]
    featurizer: str
    model: str
    baselines: tuple[str, ...]
    baseline_features: str
    explainers: tuple[str, ...]
    explain_methods: tuple[str, ...] = ()
    recipe: str | None = None
    split_checks: tuple[str, ...] = ()
    deid: str | None = None
    serve_input: ServeInput = "records"
    record_reader: str | None = None
    group_unit: str = "patient"
    ood_scorer: str | None = None
    duplicates: str = "keep_all"
    patient_from: bool = False
    shift_profile: str | None = None

    def __post_init__(self) -> None:
        for key in ("formats", "baselines", "explainers"):
            if not getattr(self, key):
                raise ValueError(f"modality {self.name!r}: {key} must name at least one entry")


def register_modality(spec: ModalitySpec) -> ModalitySpec:
    """Register ``spec`` under its name (a modality module calls this once)."""
    return MODALITIES.register(spec.name)(spec)


def load_modalities() -> None:
    """Import every module of this package, so that each modality registers its spec."""
    import importlib
    import pkgutil
    from pathlib import Path

    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if info.name != "base" and not info.name.startswith("_"):
            importlib.import_module(f"{__package__}.{info.name}")


def modality_spec(name: str) -> ModalitySpec:
    """The registered spec of ``name`` (a did-you-mean :class:`~mednn.errors.ConfigError` when unknown)."""
    load_modalities()
    return MODALITIES.get(name)


def modality_names() -> tuple[str, ...]:
    """Every registered modality, sorted."""
    load_modalities()
    return tuple(MODALITIES.names())

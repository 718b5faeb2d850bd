"""What a modality is to mednn: one :class:`ModalitySpec` per modality, in :data:`MODALITIES`.

A spec names, by their registry names, what every stage uses for the modality: the reader
formats (``data.format``), the default featurizer and model (``featurize: auto`` / ``model: auto``),
the reference baselines and the raw features they fit on (``evaluate.baselines: auto``), the
explainers and their ``explain.methods``, what a served record is, the federated statistics,
and an out-of-distribution scorer. Code outside ``modalities/`` asks the spec
(:func:`modality_spec`) instead of branching on the modality's name; each stage resolves the
names in its own registry, so this module imports no stage and sits below them all.

>>> modality_spec("text").featurizer
'tfidf'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..registry import Registry

MODALITIES: Registry = Registry("modality")

ServeInput = Literal["records", "files"]


@dataclass(frozen=True)
class ModalitySpec:
    """One modality: the names each stage looks up in its own registry.

    ``formats``: ``data.format`` names its readers register (each reader's ``modality`` is this
    spec's ``name``). ``featurizer`` / ``model``: the registered featurizer and model that
    ``auto`` means. ``baselines``: the baselines ``evaluate.baselines: auto`` fits, on the raw
    features named ``baseline_features`` (:data:`mednn.evaluation.baseline_features.BASELINE_FEATURES`).
    ``explainers``: the registered explainers run on the test split, which accept
    ``explain_methods``. ``serve_input``: how a served request carries samples (``records``: JSON
    records / CSV rows; ``files``: uploaded files), and ``serve_fields(data_config, featurizer)``
    the fields a record needs (shown by the server's ``/model``). ``statistics``: the featurizer
    whose federated statistics the sites exchange, None when the modality has none yet.
    ``ood_scorer``: the registered out-of-distribution scorer (None: none yet).
    ``shift_profile``: the columns a run's training profile keeps and an external site is
    checked on (:data:`mednn.evaluation.shift.SHIFT_COLUMNS`; None: no shift check).
    ``group_unit``: what the groups a reader derives stand for (``patient``; molecules:
    ``scaffold``), the word the report and model card use for them.
    """

    name: str
    formats: tuple[str, ...]
    featurizer: str
    model: str
    baselines: tuple[str, ...]
    baseline_features: str
    explainers: tuple[str, ...]
    explain_methods: tuple[str, ...] = ()
    serve_input: ServeInput = "records"
    serve_fields: Callable[[Any, Any], dict[str, Any]] = field(default=lambda data, featurizer: {})
    statistics: str | None = None
    ood_scorer: str | None = None
    shift_profile: str | None = None
    group_unit: str = "patient"

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

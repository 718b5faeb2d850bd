"""Featurizers: fitted transforms from a Dataset to model inputs (contract in :mod:`.base`).

One file per modality: ``tabular.py``, ``images.py``, ``text.py``, ``molecules.py``.
"""

from .base import FEATURIZERS, Batchable, Featurizer

__all__ = ["FEATURIZERS", "Batchable", "Featurizer", "build_featurizer", "default_featurizer",
           "load_featurizer_modules"]


def default_featurizer(modality: str) -> str:
    """The featurizer ``featurize: {name: auto}`` means for ``modality`` (its spec's)."""
    from ..modalities import modality_spec

    return modality_spec(modality).featurizer


def load_featurizer_modules() -> None:
    from ..modalities import modality_names
    from ..registry import import_stage_modules

    import_stage_modules("featurizers", modality_names())


def build_featurizer(name: str, params: dict | None = None) -> Featurizer:
    """Construct a registered featurizer from its recorded constructor arguments."""
    import inspect

    from ..errors import ConfigError

    load_featurizer_modules()
    cls = FEATURIZERS.get(name)
    params = dict(params or {})
    sig = inspect.signature(cls)
    if not any(p.kind is p.VAR_KEYWORD for p in sig.parameters.values()):
        unknown = sorted(set(params) - set(sig.parameters))
        if unknown:
            raise ConfigError(
                f"Unknown key 'featurize.{unknown[0]}' for featurizer {name!r}; valid: {', '.join(sig.parameters)}"
            )
    try:
        return cls(**params)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"Cannot build featurizer {name!r}: {exc}") from None

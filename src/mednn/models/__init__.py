"""Models: the registry (:mod:`mednn.models.base`) and one file per modality.

The seed's MLP lives in :mod:`mednn.models.tabular`; image, text and molecule networks in
``models/images.py``, ``models/text.py``, ``models/molecules.py``. Add a model by decorating
its builder with ``@MODELS.register("name")`` in the modality's file.
"""

from .base import MODELS, build_model, check_hparams, default_hparams

__all__ = ["MODELS", "build_model", "check_hparams", "default_hparams", "load_model_modules"]


def load_model_modules() -> None:
    """Import every modality's model file so the registry is complete (lazy: torch loads here)."""
    from ..modalities import modality_names
    from ..registry import import_stage_modules

    import_stage_modules("models", modality_names())

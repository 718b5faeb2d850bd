"""Modalities: one module per modality (``tabular.py``, ``images.py``, ``text.py``,
``molecules.py``), each registering its :class:`~.base.ModalitySpec`.

Add a modality: a module here that calls :func:`~.base.register_modality` (it is found without
being listed), the stage modules its spec names (``data/<name>.py`` registering its readers,
a featurizer, a model or the seed's ``mlp``, an explainer), and its tests; the contract tests
(``tests/contract/``) then run on it.
"""

from .base import MODALITIES, ModalitySpec, load_modalities, modality_names, modality_spec, register_modality

__all__ = ["MODALITIES", "ModalitySpec", "load_modalities", "modality_names", "modality_spec", "register_modality"]

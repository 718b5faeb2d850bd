"""mednn: train, evaluate, explain and privately train neural networks on medical data.

Importing mednn is cheap: torch and the modality libraries load on first use.
Public API: :func:`mednn.train`, :func:`mednn.evaluate`, :func:`mednn.predict`,
:func:`mednn.load_config`, :func:`mednn.load_run`.
"""

from __future__ import annotations

__version__ = "0.1.0"

_LAZY = {
    "train": ("mednn.pipeline", "train"),
    "evaluate": ("mednn.scoring", "evaluate_file"),
    "predict": ("mednn.scoring", "predict_file"),
    "Predictor": ("mednn.predictor", "Predictor"),
    "load_run": ("mednn.runs", "load_run"),
    "load_config": ("mednn.config", "load_config"),
    "RunConfig": ("mednn.config", "RunConfig"),
    "Dataset": ("mednn.data.base", "Dataset"),
    "Task": ("mednn.data.base", "Task"),
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'mednn' has no attribute {name!r}")

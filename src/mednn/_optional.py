"""Lazy optional imports with an install hint: ``rdkit = require("rdkit", extra="molecules")``."""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingExtraError


def require(module: str, *, extra: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(
            f"This feature needs the '{module}' package, which is not installed "
            f"({type(exc).__name__}); fix: pip install 'mednn[{extra}]'"
        ) from None

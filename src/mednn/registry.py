"""Registries by role (models, readers, featurizers, ...), filled by decorators.

>>> MODELS = Registry("model")
>>> @MODELS.register("mlp")
... def build_mlp(**hparams): ...
>>> MODELS.get("mpl")  # doctest: +SKIP
ConfigError: Unknown model 'mpl'; did you mean 'mlp'? valid: mlp

CLI choices come from ``names()``; unknown names get a did-you-mean error.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from .errors import ConfigError

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, role: str):
        self.role = role
        self._entries: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        def decorator(obj: T) -> T:
            if name in self._entries:
                raise ValueError(f"{self.role} {name!r} is registered twice")
            self._entries[name] = obj
            return obj

        return decorator

    def get(self, name: str) -> T:
        try:
            return self._entries[name]
        except KeyError:
            close = difflib.get_close_matches(name, self._entries, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigError(
                f"Unknown {self.role} {name!r}{hint} valid: {', '.join(sorted(self._entries))}"
            ) from None

    def names(self) -> list[str]:
        return sorted(self._entries)

    def __contains__(self, name: str) -> bool:
        return name in self._entries


def import_stage_modules(stage: str, names: Iterable[str]) -> None:
    """Import ``mednn.<stage>.<name>`` for each name (the registered modalities,
    :func:`mednn.modalities.modality_names`) so its decorators fill the stage's registry.

    Loaded on first use, not at ``import mednn`` (torch and friends load here). A modality file
    that does not exist registers nothing; any other import error is a bug and surfaces.
    Optional libraries (rdkit, monai, ...) are imported inside functions, never at module level.
    """
    for name in names:
        module = f"mednn.{stage}.{name}"
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise

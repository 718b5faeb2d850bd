"""The reader registry: one reader class per file format, chosen by ``data.format``.

A reader declares its format-specific config keys as a pydantic ``Options`` model (unknown
keys are refused with the key's name) and implements ``read(cfg, options) -> Dataset``.
``format: auto`` asks each reader's ``sniff(path)`` in registration order. Add a format by
subclassing :class:`Reader` in ``data/<modality>.py`` and decorating it with
``@READERS.register("name")``; import the module in :func:`_load_builtin_readers`.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import ConfigError, DataError
from ..registry import Registry, import_stage_modules
from .base import Dataset

READERS: Registry = Registry("data format")


class Reader:
    name: ClassVar[str] = ""
    modality: ClassVar[str] = "tabular"
    # generic readers (any table) are asked last by `format: auto`, after the specific ones
    # (a CSV with a SMILES column is a molecule file before it is a table)
    generic: ClassVar[bool] = False

    class Options(BaseModel):
        model_config = ConfigDict(extra="forbid")

    @classmethod
    def sniff(cls, path: Path) -> bool:
        """True if this reader recognises ``path`` (used by ``format: auto``)."""
        return False

    def read(self, cfg, options) -> Dataset:  # cfg: mednn.config.DataConfig
        raise NotImplementedError

    def read_unlabelled(self, cfg, options) -> Dataset:
        """Samples without labels, for ``mednn predict``. The default needs the labels too."""
        return self.read(cfg, options)


def _load_builtin_readers() -> None:
    import_stage_modules("data")


def reader_for(cfg) -> Reader:
    _load_builtin_readers()
    fmt = cfg.format
    if fmt == "auto":
        path = Path(cfg.path)
        names = sorted(READERS.names(), key=lambda n: READERS.get(n).generic)
        for name in names:
            if READERS.get(name).sniff(path):
                fmt = name
                break
        else:
            raise DataError(
                f"Cannot tell the format of {cfg.path}; fix: set data.format to one of "
                f"{', '.join(READERS.names())}"
            )
    return READERS.get(fmt)()


def read_dataset(cfg, *, labels: bool = True, task=None) -> Dataset:
    """Read the dataset a :class:`~mednn.config.DataConfig` describes.

    ``labels=False`` reads samples to predict: label columns may be absent, and the targets
    of the returned dataset are placeholders.
    """
    reader = reader_for(cfg)
    try:
        options = reader.Options.model_validate(cfg.options)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            valid = ", ".join(reader.Options.model_fields) or "none"
            raise ConfigError(
                f"Unknown key 'data.{key}' for format {reader.name!r}; valid format keys: {valid}"
            ) from None
        raise ConfigError(f"Key 'data.{key}': {err['msg']}; got {err.get('input')!r}") from None
    return reader.read(cfg, options) if labels else reader.read_unlabelled(cfg, options)

"""Configs shipped inside the package (the demo's), so `mednn demo` works from any folder."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def builtin_config_path(name: str) -> Path:
    return Path(str(resources.files(__name__).joinpath(f"{name}.yaml")))

"""The typed run configuration: data / split / featurize / model / train / evaluate / explain / privacy / report.

Configs are YAML *data* (never code), validated with pydantic. This module reads them: a YAML
file (or a starting tree), ``key=value`` overrides (``--set``), validation, and the resolved
config written back as YAML. The key table (sections, defaults, ranges) is
:mod:`mednn.config_sections`; turning a validation error into one line naming the key is
:mod:`mednn.config_validation`. Import every name from here::

    from mednn.config import RunConfig, DataConfig, load_config

Errors are one-line :class:`~mednn.errors.ConfigError` messages naming the key. YAML is read with
:func:`read_yaml`, which refuses files over :data:`mednn.bounded_yaml.MAX_CONFIG_BYTES` and
documents whose aliases expand past :data:`~mednn.bounded_yaml.MAX_YAML_NODES` nodes (a "billion
laughs" file is a few lines that expand to 10**9).

>>> cfg = load_config(None, overrides=["data.path=breast-cancer", "model.hidden_sizes=[8]"])
>>> cfg.model.hidden_sizes
[8]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .bounded_yaml import YamlTooLarge, dump_yaml, load_yaml_text, read_yaml
from .config_ood import OODConfig
from .config_sections import (
    DUPLICATE_ALIASES, MAX_PATTERN_LENGTH, MAX_SEED, CentralDPConfig, ConformalConfig, DataConfig,
    DistributedConfig, EarlyStoppingConfig, EvaluateConfig, ExplainConfig, FeaturizeConfig, FederatedConfig,
    ModelConfig, PatientFrom, PrivacyConfig, ReportConfig, RunConfig, SplitConfig, TrainConfig, name_only,
    parse_duration,
)
from .config_validation import check_strict, validate_config
from .errors import ConfigError

__all__ = [
    "DUPLICATE_ALIASES", "MAX_PATTERN_LENGTH", "MAX_SEED", "CentralDPConfig", "ConformalConfig", "DataConfig",
    "DistributedConfig", "EarlyStoppingConfig", "EvaluateConfig", "ExplainConfig", "FeaturizeConfig",
    "FederatedConfig", "ModelConfig", "OODConfig", "PatientFrom", "PrivacyConfig", "ReportConfig", "RunConfig",
    "SplitConfig", "TrainConfig", "check_strict", "dump_config", "load_config", "parse_duration",
    "parse_override", "validate_config",
]

# sections a user may write by name alone (``model: auto``): a key set under one expands the name
_NAMED_SECTIONS = ("model", "featurize")


def _set_key(tree: dict[str, Any], dotted: str, value: Any) -> None:
    keys = dotted.split(".")
    node = tree
    for k in keys[:-1]:
        if node is tree and k in _NAMED_SECTIONS and isinstance(node.get(k), str):
            node[k] = name_only(node[k])  # --set model.name=mlp on `model: auto`
        if not isinstance(node.get(k, {}), dict):
            raise ConfigError(f"Cannot set '{dotted}': '{k}' is not a section")
        node = node.setdefault(k, {})
    node[keys[-1]] = value


def parse_override(text: str) -> tuple[str, Any]:
    """``"train.lr=0.01"`` -> ("train.lr", 0.01); the value is read as YAML."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise ConfigError(f"Override {text!r} is not of the form key=value (e.g. train.lr=0.01)")
    try:
        value = load_yaml_text(raw) if raw.strip() else None
    except yaml.YAMLError:
        value = raw
    except YamlTooLarge as exc:
        raise ConfigError(f"Override of '{key.strip()}': {exc}; fix: give a plain value") from None
    return key.strip(), value


def load_config(
    path: str | Path | None,
    overrides: list[str] | None = None,
    base: dict[str, Any] | None = None,
) -> RunConfig:
    """Read a YAML config (or start from ``base``), apply ``key=value`` overrides, validate."""
    tree: dict[str, Any] = dict(base or {})
    source = "config"
    if path is not None:
        path = Path(path)
        source = str(path)
        loaded = read_yaml(path)
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise ConfigError(f"Config file {path} must hold a mapping of sections (data:, model:, ...); fix: pass "
                              f"a YAML config, or a data file as `mednn train --data {path}`")
        tree.update(loaded)
    overridden = []
    for text in overrides or []:
        key, value = parse_override(text)
        _set_key(tree, key, value)
        overridden.append(key)
    return validate_config(tree, source, overridden=overridden)


def dump_config(cfg: RunConfig) -> str:
    return dump_yaml(cfg.to_dict())

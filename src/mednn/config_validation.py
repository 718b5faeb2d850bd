"""A config tree -> a :class:`~mednn.config_sections.RunConfig`, or one line naming the key.

pydantic reports every error of a tree with its location and its own wording; a user needs one
:class:`~mednn.errors.ConfigError` that names the key (``data.label``, never pydantic's
``data.label.str``), where it was written (the file, or ``--set``), what was got, and for a
misspelled key the valid key nearest to it. :func:`check_strict` does the same for the keys a
format's reader takes (``data.options_model``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .config_sections import DataConfig, RunConfig
from .errors import ConfigError, config_key
from .strict_types import near_keys, section_problem, strict_value_problem, unknown_keys


def check_strict(model: type[BaseModel], values: dict[str, Any], prefix: str) -> None:
    """:func:`strict_value_problem` for each known key of ``values`` (a reader's options): one
    ConfigError naming the key."""
    for key, value in values.items():
        field = model.model_fields.get(key)
        why = None if field is None else strict_value_problem(field.annotation, value)
        if why is not None:
            raise ConfigError(f"Key '{prefix}{key}': {why}; got {value!r}")


def validate_config(tree: dict[str, Any], source: str = "config", *, overridden=()) -> RunConfig:
    """The validated config; an error names the key and where it came from (the file, or
    ``--set`` for a key an override set)."""
    try:
        cfg = RunConfig.model_validate(tree)
    except ValidationError as exc:
        unknown = [e for e in exc.errors() if e["type"] == "extra_forbidden"]
        err = (unknown or exc.errors())[0]  # every misspelled key at once: one fix, one rerun (trial 10)
        key = config_key(err["loc"])  # data.label, never pydantic's data.label.str (trial 9)
        if any(key == k or key.startswith(k + ".") for k in overridden):
            source = "--set"
        misses = [(config_key(e["loc"]), _close_key(e["loc"])) for e in unknown]
        if misses:  # with the data keys a format reader would refuse only later
            data = tree.get("data") if isinstance(tree.get("data"), dict) else {}
            raise ConfigError(unknown_keys(source, misses + near_keys(data, DataConfig.model_fields, "data."))) from None
        got = err.get("input")
        got_text = "" if isinstance(got, dict) else f"; got {got!r}"
        if err["type"] == "model_type":  # a section given a scalar: pydantic names its class
            raise ConfigError(f"{source}: {section_problem(key, _section_at(err['loc']), got)}{got_text}") from None
        msg = err["msg"].removeprefix("Value error, ")  # pydantic's wording, not the user's (trial 12)
        where = "" if f"{key}." in msg or f"{key}'" in msg else f"key '{key}': "  # the message names the key
        raise ConfigError(f"{source}: {where}{msg}{got_text}") from None
    cfg._source, cfg._overridden = source, tuple(overridden)
    return cfg


def _section_at(loc: tuple) -> Any:
    """The config section class at ``loc`` (``("train", "early_stopping")``), or None."""
    import typing

    section: Any = RunConfig
    for part in loc:
        field = getattr(section, "model_fields", {}).get(part)
        section = getattr(field, "annotation", None)
        models = [a for a in typing.get_args(section) if isinstance(a, type) and issubclass(a, BaseModel)]
        section = models[0] if models else section  # OODConfig | None -> OODConfig
    return section


def _close_key(loc: tuple) -> str | None:
    """The valid key nearest to an unknown one (``train.learning_rate`` -> ``train.lr``)."""
    import difflib

    section: Any = RunConfig
    for part in loc[:-1]:
        field = getattr(section, "model_fields", {}).get(part)
        section = getattr(field, "annotation", None)
        if not isinstance(section, type) or not issubclass(section, BaseModel):
            return None
    names = list(section.model_fields)
    close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.8)
    if not close:  # abbreviations: learning_rate -> lr, num_epochs -> epochs
        close = [n for n in names if len(n) > 1 and (n in str(loc[-1]) or
                 "".join(w[0] for w in str(loc[-1]).split("_")) == n)][:1]
    return ".".join([*map(str, loc[:-1]), close[0]]) if close else None

"""Reader keys for ``mednn predict`` / ``mednn evaluate``: ``--set data.<key>=<value>``.

A site's file may write missing values as ``-``, use semicolons, carry a header the training file
lacked or name its label column differently: :func:`with_reader_overrides` applies such keys to
the run's stored data config. Keys that would change what the model is (another section, the
task, the classes, the feature columns) are refused with one line: a finished run's model is
fixed; train again to change it.
"""

from __future__ import annotations

from typing import Any

from ..config import DataConfig, parse_override
from ..errors import ConfigError

# data keys that define the model rather than how a file is read
MODEL_DATA_KEYS = frozenset({"task", "class_names", "positive_class", "feature_columns"})


def with_reader_overrides(data: DataConfig, overrides: list[str] | None) -> DataConfig:
    """``data`` with ``key=value`` overrides (``data.missing_values=['-']``) applied and validated.

    >>> with_reader_overrides(DataConfig(path="a.csv"), ["data.delimiter=;"]).options["delimiter"]
    ';'
    """
    if not overrides:
        return data
    tree: dict[str, Any] = data.model_dump()
    for text in overrides:
        key, value = parse_override(text)
        section, _, name = key.partition(".")
        if section != "data" or not name:
            raise ConfigError(f"--set {key}: only reader keys (data.*) can be set for a finished run; its model is "
                              "fixed; fix: train again to change it")
        head = name.split(".")[0]
        if head in MODEL_DATA_KEYS or head == "path":
            why = "the file is the command's argument" if head == "path" else "it defines the model's inputs or classes"
            raise ConfigError(f"--set data.{head}: not a reader key ({why}); fix: remove it"
                              + ("" if head == "path" else ", or train again to change it"))
        node = tree
        parts = name.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ConfigError(f"--set data.{name}: 'data.{part}' is not a section; fix: check the key")
        node[parts[-1]] = value
    try:
        return DataConfig.model_validate(tree)
    except Exception as exc:  # pydantic's ValidationError: one line naming the key
        errors = getattr(exc, "errors", None)
        if errors is None:
            raise
        err = errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        raise ConfigError(f"--set data.{key}: {err['msg']}") from None

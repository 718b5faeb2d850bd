"""YAML files read as data with bounded size: a config (or any YAML mednn reads) larger than
:data:`MAX_CONFIG_BYTES`, or whose aliases expand past :data:`MAX_YAML_NODES` values ("billion
laughs"), or nested past Python's recursion limit, is refused in one line naming the file.

Booleans are those of YAML 1.2's core schema, ``true`` / ``false`` in any casing: PyYAML's
YAML 1.1 reading of unquoted ``yes / no / on / off`` as booleans turned ``class_names: [no,
early]`` into the class ``False`` (trial 12). Those words stay text; a bool field given one is
refused by the config's strict types, naming the key.

Numbers are YAML 1.2's too (plus ``_`` between digits, as Python writes ``1_000``): ``010`` is
ten and ``0o10`` eight, and ``1:20`` is the text "1:20" (PyYAML's YAML 1.1 read ``010`` as the
octal 8 and ``1:20`` as the base-60 number 80, which a user writing a time or a zero-padded
number never meant). :func:`dump_yaml` quotes any text that either YAML version reads as
another type, so a config mednn writes reads back the same here and in other YAML readers.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

MAX_CONFIG_BYTES = 1_000_000
MAX_YAML_NODES = 200_000  # after expanding aliases; a real config has a few hundred


class YamlTooLarge(ValueError):
    pass


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses a document whose aliases expand past MAX_YAML_NODES.

    PyYAML shares the object an alias points to, so loading a "billion laughs" document is
    cheap; the blow-up comes later, when validation or ``dump_config`` walks every reference.
    The expanded size is therefore counted on the composed node graph, before constructing.
    """

    def compose_document(self):
        node = super().compose_document()
        _check_expanded_size(node)
        return node


# YAML 1.2 core booleans and numbers in place of YAML 1.1's (yes / no / on / off; base 60, 0-octal):
# a copy of the safe loader's resolvers without those three, then 1.2's added
_BOOL_TAG, _INT_TAG, _FLOAT_TAG = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_BOOL_TAG, _INT_TAG, _FLOAT_TAG)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_BoundedLoader.add_implicit_resolver(_BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

# YAML 1.2 core numbers: decimal (leading zeros kept decimal), 0o octal, 0x hex; no base 60, no 0b
_INT = re.compile(r"^(?:[-+]?[0-9][0-9_]*|0o[0-7_]+|[-+]?0x[0-9a-fA-F_]+)$")
_FLOAT = re.compile(r"""^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$""", re.X)
_BoundedLoader.add_implicit_resolver(_INT_TAG, _INT, list("-+0123456789"))
_BoundedLoader.add_implicit_resolver(_FLOAT_TAG, _FLOAT, list("-+0123456789."))


def _construct_int(loader, node) -> int:
    text = loader.construct_scalar(node).replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if text[:2].lower() == "0x":
        return sign * int(text[2:], 16)
    if text[:2] == "0o":
        return sign * int(text[2:], 8)
    return sign * int(text, 10)


_BoundedLoader.add_constructor(_INT_TAG, _construct_int)


class _QuotingDumper(yaml.SafeDumper):
    """PyYAML's safe dumper that also quotes text this module's loader reads as a number
    (``09``, ``0o7``): its resolvers are YAML 1.1's and the loader's together."""


for _first, _resolvers in _BoundedLoader.yaml_implicit_resolvers.items():
    for _tag, _regexp in _resolvers:
        _QuotingDumper.add_implicit_resolver(_tag, _regexp, [_first])


def dump_yaml(data: Any) -> str:
    """YAML text of ``data`` (keys in their order) that :func:`load_yaml_text` reads back as it
    was, and YAML 1.1 readers too.

    >>> load_yaml_text(dump_yaml({"class_names": ["09", "1:20", "no"]}))
    {'class_names': ['09', '1:20', 'no']}
    """
    return yaml.dump(data, Dumper=_QuotingDumper, sort_keys=False)


def _check_expanded_size(root) -> None:
    sizes: dict[int, int] = {}  # id(node) -> expanded node count, for nodes already counted
    stack: list[tuple[Any, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = 1
            continue
        children = [c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode) else list(node.value)
        if children_done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[key] > MAX_YAML_NODES:
                raise YamlTooLarge(f"its aliases expand to more than {MAX_YAML_NODES:,} values")
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise YamlTooLarge("an alias refers to a section that contains it")
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)


def load_yaml_text(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_BoundedLoader)  # noqa: S506  (a SafeLoader subclass)
    except RecursionError:
        raise YamlTooLarge("it is nested too deeply") from None


def read_yaml(path: str | Path, *, what: str = "Config file", fix: str = "fix the syntax") -> Any:
    """Read a YAML file as data with bounded size: a ConfigError names the file and the line.

    >>> read_yaml("configs/breast_cancer.yaml")["data"]["path"]  # doctest: +SKIP
    'breast-cancer'
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{what} {path} does not exist; fix: pass the path of a YAML file")
    size = path.stat().st_size
    if size > MAX_CONFIG_BYTES:
        raise ConfigError(
            f"{what} {path} is {size:,} bytes, more than a config holds (limit {MAX_CONFIG_BYTES:,}); "
            "fix: pass the YAML config, not a data file"
        )
    try:
        return load_yaml_text(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f" at line {line + 1}" if line is not None else ""
        raise ConfigError(f"{what} {path} is not valid YAML{where}; {fix}") from None
    except YamlTooLarge as exc:
        raise ConfigError(f"{what} {path} is refused: {exc}; fix: write the values out without aliases") from None

"""One error hierarchy for mednn.

Every error a user can cause is a :class:`MednnError`. The CLI prints its message on one
line and exits with code 2; nothing else reaches the user as a traceback. Messages name the
file / row / column / key and how to fix it, and never quote patient text or pixel values.
Add a new subclass here only when callers need to tell it apart.
"""

from __future__ import annotations

import re


class MednnError(Exception):
    """Base class: a problem the user can fix (bad input, bad config, missing extra)."""

    exit_code = 2


class ConfigError(MednnError):
    """A configuration key is unknown, has the wrong type, or is out of range."""


class DataError(MednnError):
    """An input file is missing, empty, truncated, corrupt, or does not fit the task."""


class ModelError(MednnError):
    """A model cannot be built, loaded, or applied to the given input."""


class MissingExtraError(MednnError):
    """An optional dependency is not installed."""


class NotFittedError(MednnError, ValueError):
    """A fitted helper (featurizer, calibrator, threshold) was used before ``fit``."""


def problem(what: str, *, got: object = None, expected: str | None = None, fix: str | None = None) -> str:
    """Format the house message: what was wrong, what was got, what was expected, the fix.

    >>> problem("Column 'age' has 3 missing values", fix="set data.missing: impute")
    "Column 'age' has 3 missing values; fix: set data.missing: impute"
    """
    parts = [what]
    if expected is not None:
        parts.append(f"expected {expected}")
    if got is not None:
        parts.append(f"got {got}")
    if fix is not None:
        parts.append(f"fix: {fix}")
    return "; ".join(parts)


_IRREGULAR = {"is": "are", "was": "were", "has": "have", "this": "these", "that": "those", "it": "they",
              "differs": "differ", "child": "children", "person": "people", "datum": "data", "index": "indices",
              "analysis": "analyses"}


def plural(n: object, noun: str, many: str | None = None) -> str:
    """A count and its noun, agreeing: the one helper for every message, console line and
    report sentence that puts a number before a noun (``many``: an irregular plural it cannot
    guess). In a phrase the last word is the noun ("test sample" -> "test samples"); a verb
    after it agrees through :func:`plural_noun` ("is" -> "are"). Whole numbers get thousands
    separators.

    >>> plural(1, "sample"), plural(2, "sample"), plural(0, "class"), plural(3, "category")
    ('1 sample', '2 samples', '0 classes', '3 categories')
    >>> plural(1_250, "test sample"), plural(2, "patient", "patients"), plural(1.0, "row")
    ('1,250 test samples', '2 patients', '1 row')
    """
    one = isinstance(n, (int, float)) and not isinstance(n, bool) and n == 1
    number = f"{n:,}" if isinstance(n, int) and not isinstance(n, bool) else (
        f"{int(n):,}" if isinstance(n, float) and n.is_integer() else str(n))
    return f"{number} {noun if one else (many or plural_noun(noun))}"


def plural_noun(noun: str) -> str:
    """The plural of a noun (its last word): sample -> samples, class -> classes, category ->
    categories, is -> are."""
    head, _, last = noun.rpartition(" ")
    if last in _IRREGULAR:
        word = _IRREGULAR[last]
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        word = last + "es"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        word = last[:-1] + "ies"
    else:
        word = last + "s"
    return f"{head} {word}" if head else word


# the parts pydantic adds to an error's location for a union's member ("str", "list[str]",
# "function-after[...]") or a model class: not keys of the config (trial 9: "key 'data.label.str'")
_TYPE_TAG = re.compile(r"str|int|float|bool|bytes|none|[a-z-]+\[.*\]|[A-Z]\w*Config|PatientFrom")


def config_key(loc) -> str:
    """The config key of a pydantic error's location as a user writes it (``data.label``), without
    pydantic's union tags (``data.label.str``); list positions stay (``model.hidden_sizes.1``).

    >>> config_key(("data", "label", "list[str]", 0)), config_key(("train", "epochs"))
    ('data.label.0', 'train.epochs')
    """
    return ".".join(str(p) for p in loc if not (isinstance(p, str) and _TYPE_TAG.fullmatch(p)))

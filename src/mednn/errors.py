"""One error hierarchy for mednn.

Every error a user can cause is a :class:`MednnError`. The CLI prints its message on one
line and exits with code 2; nothing else reaches the user as a traceback. Messages name the
file / row / column / key and how to fix it, and never quote patient text or pixel values.
Add a new subclass here only when callers need to tell it apart.
"""

from __future__ import annotations


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

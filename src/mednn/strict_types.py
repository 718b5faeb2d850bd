"""Strict value rules where YAML and pydantic are loose: ``true`` is no number (pydantic reads
it as 1.0), a number is no bool, and NaN or infinity is no value of any field. Pure functions
of a field's annotation and a value; :mod:`mednn.config` raises the errors."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator


def only_numbers(annotation: Any) -> bool:
    """Whether a field holds a number (int / float, optionally None), never a bool."""
    import types
    import typing

    if annotation in (int, float):
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return bool(args) and all(a in (int, float) for a in args)
    return False


def strict_value_problem(annotation: Any, value: Any) -> str | None:
    """Why ``value`` does not fit a field of type ``annotation`` where pydantic would let it
    through: ``true`` for a number, a number for a bool, NaN or infinity anywhere."""
    import math

    values = value if isinstance(value, (list, tuple)) else [value]
    if any(isinstance(v, bool) for v in values) and takes_numbers(annotation):
        return "must be a number, not true/false"
    if annotation is bool and not isinstance(value, bool):
        return "must be true or false"
    if any(isinstance(v, float) and not math.isfinite(v) for v in values):
        return "must be a finite number"
    return None


def takes_numbers(annotation: Any) -> bool:
    """Whether a field takes numbers (or lists of them) and never a bool."""
    import typing

    if only_numbers(annotation):
        return True
    flat = [a for arg in typing.get_args(annotation) for a in (typing.get_args(arg) or (arg,))]
    return any(a in (int, float) for a in flat) and bool not in flat


class StrictModel(BaseModel):
    """A config section strict where YAML is loose: `true` is no number (pydantic would read it
    as 1.0), and a number is finite (`.nan` passes no range check and `.inf` passes an open upper
    bound); unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_true_for_a_number(cls, value: Any, info) -> Any:
        why = strict_value_problem(cls.model_fields[info.field_name].annotation, value)
        if why is not None:
            raise ValueError(why)
        return value


def near_keys(given: dict[str, Any], fields: Any, prefix: str, cutoff: float = 0.9) -> list[tuple[str, str]]:
    """``(key, valid key)`` for each key of ``given`` that is no field but nearly one
    (``patient_colum``; ``lable``: one letter dropped, added, changed or two swapped); the high
    cutoff leaves out keys of their own that readers take (``path_column`` is not ``patient_column``)."""
    fields = list(fields)
    close = {k: nearest_key(str(k), fields, cutoff, min_edit_length=4) for k in given if k not in fields}
    return [(f"{prefix}{k}", f"{prefix}{c}") for k, c in close.items() if c]


def nearest_key(key: str, fields: list[str], cutoff: float, min_edit_length: int = 0) -> str | None:
    """The valid key nearest to ``key``: difflib's closest above ``cutoff``, else the first one
    edit away (:func:`one_edit_apart`) for a key of at least ``min_edit_length`` letters."""
    import difflib

    close = difflib.get_close_matches(key, fields, n=1, cutoff=cutoff)
    if close:
        return close[0]
    return next((f for f in fields if len(key) >= min_edit_length and one_edit_apart(key, f)), None)


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one letter dropped, added or changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    i = next((i for i in range(len(short)) if short[i] != long[i]), len(short))
    return short[i:] == long[i + 1:]


def unknown_keys(source: str, misses: list[tuple[str, str | None]]) -> str:
    """One line naming every unknown key (with its did-you-mean), so that one edit fixes them all."""
    if len(misses) == 1:
        key, close = misses[0]
        hint = f"did you mean '{close}'? " if close else ""
        return f"{source}: unknown key '{key}'; {hint}fix: remove it or check the spelling"
    listed = ", ".join(f"'{k}'" + (f" (did you mean '{c}'?)" if c else "") for k, c in misses)
    return f"{source}: unknown keys {listed}; fix: remove them or check the spelling"


_WORDS = {"on": True, "yes": True, "true": True, "off": False, "no": False, "false": False}


def section_problem(key: str, section: Any, got: Any) -> str:
    """What a section key given a scalar (``early_stopping: on``) should have been: a mapping of
    the section's own keys, with an example; ``enabled: true / false`` for an on/off word when the
    section has that key. Never a class name (trial 13: "instance of EarlyStoppingConfig")."""
    fields = list(getattr(section, "model_fields", {}))
    word = _WORDS.get(str(got).strip().lower()) if isinstance(got, (str, bool)) else None
    if word is not None and "enabled" in fields:
        example = f"{key.rsplit('.', 1)[-1]}: {{enabled: {str(word).lower()}}}"
    else:
        first = next((f for f in fields if f != "enabled"), None)
        default = getattr(section.model_fields[first], "default", None) if first else None
        shown_default = str(default).lower() if isinstance(default, bool) else default
        example = (f"{key.rsplit('.', 1)[-1]}: {{{first}: {shown_default}}}" if first and default is not None
                   and isinstance(default, (str, int, float)) else "")
    shown = f" ({', '.join(fields[:8])}{', ...' if len(fields) > 8 else ''})" if fields else ""
    return (f"key '{key}' is a section: it takes a mapping of its keys{shown}"
            + (f", e.g. `{example}`" if example else "") + ", not a single value")

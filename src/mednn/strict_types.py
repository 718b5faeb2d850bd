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

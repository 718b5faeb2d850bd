"""What every part of a run record shares: immutable pydantic models that refuse unknown keys,
free-form JSON blocks, numbers in the form they have after a trip through a run file, and the
task kinds and the bootstrap that both the run's metrics and its external evaluations name.
(:mod:`mednn.runs.schema` builds the record from these; :mod:`mednn.runs.schema_ood` and
:mod:`mednn.runs.schema_evaluation` too.)"""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

TaskKind = Literal["binary", "multiclass", "multilabel", "regression"]


def clean_numbers(value: Any) -> Any:
    """NaN and infinities as ``None`` (JSON has no NaN), tuples as lists, NumPy scalars as Python
    numbers: the form a value has after a trip through a run file, so a record written and read
    back equals the one written."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        return {str(k): clean_numbers(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_numbers(v) for v in value]
    if hasattr(value, "item") and callable(value.item) and getattr(value, "ndim", 1) == 0:
        value = value.item()
    if hasattr(value, "tolist") and callable(value.tolist):
        return clean_numbers(value.tolist())
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return value


class _Part(BaseModel):
    """A part of a run record: immutable, unknown keys refused, every field described."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


def _free(description: str, default: Any = None) -> Any:
    """A free-form JSON block (a dict whose layout belongs to the stage that computes it)."""
    return Field(default, description=description)


class BootstrapRecord(_Part):
    """How the confidence intervals were computed (``metrics.json``: ``bootstrap``)."""

    n_resamples: int = Field(ge=0, description="bootstrap resamples of the test (and val) split")
    seed: int = Field(description="the resampling seed (the run's seed)")
    confidence: float = Field(gt=0, lt=1, description="the intervals' confidence level (0.95: 95% CIs)")
    unit: Literal["row", "patient"] = Field("row", description="what the bootstrap resamples: rows, or patients "
                                            "when the data names them (data.patient_column / data.patient_from)")

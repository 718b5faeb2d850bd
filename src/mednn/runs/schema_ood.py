"""The out-of-distribution scorer's part of a run record (issue 19): ``predictor.json``'s ``ood``,
its arrays in ``ood.safetensors``. In a module of its own so that ``schema.py`` stays within its
size; :class:`~mednn.runs.schema.RunRecord` holds it as its ``ood`` field."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field, field_validator

from .parts import _free, _Part, clean_numbers


class OODRecord(_Part):
    """The fitted out-of-distribution scorer (``predictor.json``: ``ood``; its arrays in
    ``ood.safetensors``): fitted on the training split, thresholded on validation (issue 19)."""

    method: str = Field(description="the registered scorer (mednn.ood): table_ranges | image_embedding | text_knn | embedding_knn")
    params: dict[str, Any] = Field(description="the scorer's settings (evaluate.ood: fpr, neighbours, ...)")
    threshold: float = Field(description="a record whose ood_score is above it is flagged out_of_distribution")
    val_flag_rate: float = Field(ge=0, le=1, description="the share of validation records above the threshold")
    n_calibration: int = Field(ge=0, description="validation records the threshold was chosen on")
    note: str | None = Field(None, description="why the threshold is not the conformal quantile (too few "
                             "validation records)")
    promise: str | None = Field(None, description="what the threshold promises about records like the validation "
                                "set, in words (e.g. at most 5% flagged, with 90% confidence)")
    learnt: dict[str, Any] = _free("what the scorer learnt on the training split (ranges, reference "
                                   "embeddings, the components' centre and scale); arrays as "
                                   "{\"__array__\": name} references into ood.safetensors", {})

    @field_validator("threshold")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("the threshold must be finite")
        return value

    @field_validator("params")
    @classmethod
    def _rate(cls, value: dict[str, Any]) -> dict[str, Any]:
        fpr = value.get("fpr")
        if isinstance(fpr, bool) or not isinstance(fpr, (int, float)) or not 0 < fpr <= 0.5:
            raise ValueError("params.fpr must be a false-positive rate in (0, 0.5]")
        return clean_numbers(value)

    @field_validator("learnt", mode="before")
    @classmethod
    def _clean(cls, value: Any) -> Any:
        return clean_numbers(value)

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> "tuple[OODRecord, dict[str, Any]]":
        """The record and the arrays of a scorer's ``state_dict()`` (mednn.ood)."""
        from .files import split_arrays

        learnt = dict(state["learnt"])
        calibration = {k: learnt.pop(k) for k in ("threshold_", "val_flag_rate_", "n_calibration_")}
        learnt_json, arrays = split_arrays(learnt)
        return cls(method=state["name"], params=state["params"], threshold=calibration["threshold_"],
                   val_flag_rate=calibration["val_flag_rate_"], n_calibration=calibration["n_calibration_"],
                   note=state.get("threshold_note"), promise=state.get("promise"), learnt=learnt_json), arrays

    def state(self, arrays: dict[str, Any]) -> dict[str, Any]:
        """The scorer's ``state_dict()`` again, with its arrays read from ``ood.safetensors``."""
        from .files import join_arrays

        learnt = {**join_arrays(dict(self.learnt), arrays), "threshold_": self.threshold,
                  "val_flag_rate_": self.val_flag_rate, "n_calibration_": self.n_calibration}
        return {"name": self.method, "params": dict(self.params), "learnt": learnt, "threshold_note": self.note,
                "promise": self.promise}

"""The external-evaluation side of a run record: the training split's profile (``profile.json``)
that a site is checked against, and each external evaluation (``evaluations/<site>.json``, written
by ``mednn evaluate``) with its shift check and its calibration on the site.

:class:`~mednn.runs.schema.RunRecord` holds these as its ``profile`` and ``evaluations`` fields;
the record's other parts (what the Predictor, training and the test split recorded) stay in
:mod:`mednn.runs.schema`. Every field has a description (``docs/run-directory.md`` is generated
from them).
"""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ..findings import Finding
from .parts import BootstrapRecord, TaskKind, _free, _Part, clean_numbers


class ColumnProfileRecord(_Part):
    """One profiled column of the training split (``profile.json``: ``columns.<name>``):
    aggregate statistics, never a value of a row; categories only as hashed keys."""

    kind: Literal["numeric", "categorical"] = Field(description="numeric | categorical (as the featurizer "
                                                    "treats the column)")
    n: int = Field(ge=0, description="training rows (samples) profiled")
    missing: float = Field(ge=0, le=1, description="share of rows without a value")
    constant: bool = Field(description="every present value is the same")
    zero: float | None = Field(None, ge=0, le=1, description="numeric: share of present values that are 0")
    mean: float | None = Field(None, description="numeric: mean of the present values")
    std: float | None = Field(None, description="numeric: standard deviation of the present values")
    range: list[float] | None = Field(None, description="numeric: [0.5th, 99.5th percentile], the range a site's "
                                      "values are checked against")
    nonnegative: bool | None = Field(None, description="numeric: every training value >= 0 (a new negative is impossible)")
    bin_edges: list[float] | None = Field(None, description="numeric: distinct 5th, 10th, ..., 95th percentiles "
                                          "(the bins of the distribution distance)")
    bin_shares: list[float] | None = Field(None, description="numeric: training share in each bin (one more "
                                           "than bin_edges)")
    n_categories: int | None = Field(None, ge=0, description="categorical: distinct categories")
    shares: dict[str, float] | None = Field(None, description="categorical: share of each category under its "
                                            "hashed key (see hashing)")
    truncated: bool | None = Field(None, description="categorical: more categories than kept (unseen categories "
                                   "are then not counted)")
    seen_once: float | None = Field(None, ge=0, le=1, description="categorical: share of values whose category "
                                    "occurs once (how often a new sample brings an unseen category)")
    note: str | None = Field(None, description="why a statistic is absent (too few values)")

    @model_validator(mode="after")
    def _check(self) -> "ColumnProfileRecord":
        if self.range is not None and (len(self.range) != 2 or not all(math.isfinite(v) for v in self.range)):
            raise ValueError("range must hold two finite numbers")
        if (self.bin_edges is None) != (self.bin_shares is None) or (
                self.bin_edges is not None and len(self.bin_shares) != len(self.bin_edges) + 1):
            raise ValueError("bin_shares must hold one share more than bin_edges")
        shares = list(self.bin_shares or []) + list((self.shares or {}).values())
        if not all(isinstance(v, (int, float)) and 0 <= v <= 1 for v in shares):
            raise ValueError("a share must be from 0 to 1")
        return self


class ProfileRecord(_Part):
    """The training split's profile (``profile.json``): what an external site is checked against
    for dataset shift (``mednn evaluate``). Computed from the training split only."""

    version: int = Field(1, description="the profile layout's version")
    modality: str = Field(description="the modality profiled; its ModalitySpec's shift_profile names the columns")
    split: Literal["train"] = Field("train", description="the split profiled (always train)")
    n: int = Field(ge=0, description="samples in the training split")
    n_profiled: int = Field(ge=0, description="samples read for the profile (an evenly spaced subset of large "
                            "image and molecule sets)")
    hashing: str = Field(description="how category keys (and a text vocabulary) are hashed")
    columns: dict[str, ColumnProfileRecord] = Field(description="per column: tables their feature columns; images "
                                                    "pixel intensity, brightness, contrast; text note length and "
                                                    "vocabulary coverage; molecules descriptors and scaffold")
    context: dict[str, Any] = _free("modality facts: image channels, size, type and intensity scale; the text "
                                    "vocabulary as hashed keys", {})
    options: dict[str, dict[str, Any]] = _free("per column: checks skipped, the highest severity a shift can have", {})
    label: dict[str, Any] | None = _free("the label on the training split (mednn.evaluation.shift.label): column, "
                                         "task, n; classification n_with_label and counts per class; regression "
                                         "per target a numeric sketch with quartiles")

    @field_validator("context", "options", mode="before")
    @classmethod
    def _clean(cls, value: Any) -> Any:
        return clean_numbers(value) if value is not None else {}

    def as_dict(self) -> dict[str, Any]:
        """Plain data, as :func:`mednn.evaluation.shift.check_shift` reads it."""
        return self.model_dump()


class ShiftRowRecord(_Part):
    """One flagged shift check (``evaluations/<site>.json``: ``shift.rows[]``)."""

    column: str = Field(description="the column (or image / text statistic) checked")
    check: str = Field(description="missing | all_zero | constant | zeros | out_of_range | unseen_categories | "
                       "distance | size (docs/external-validation.md)")
    statistic: str = Field(description="what training and site measure")
    training: float | None = Field(None, description="the statistic in training (a share, or null)")
    site: float | None = Field(None, description="the statistic at the site (a share, or the PSI)")
    count: int = Field(ge=0, description="site rows (values) affected")
    n: int = Field(ge=0, description="site rows (values) checked")
    severity: Literal["info", "warning"] = Field(description="from the thresholds below")


class ShiftRecord(_Part):
    """The shift check of an external evaluation (``evaluations/<site>.json``: ``shift``)."""

    checked: bool = Field(description="false when the run has no training profile")
    n: int | None = Field(None, description="site samples")
    n_profiled: int | None = Field(None, description="site samples read for the check")
    training_n: int | None = Field(None, description="training samples behind the profile")
    columns: int | None = Field(None, description="columns compared")
    rows: list[ShiftRowRecord] = Field(default_factory=list, description="the flagged checks (none: no shift found)")
    thresholds: dict[str, dict[str, float]] | None = Field(None, description="per check: the statistic at which "
                                                           "a row is a note (info) and a warning")
    p_value: float | None = Field(None, description="a distance counts only below this chi-square p-value")
    min_values: int | None = Field(None, description="fewer present values: no range or distance check")
    label: dict[str, Any] | None = _free("the label at the site against training (mednn.evaluation.shift.label): "
                                         "classes with training share, site share, Wilson ci95, count, n, severity; "
                                         "or regression targets with median, iqr, range and the flagged checks")


class ReliabilityBinRecord(_Part):
    """One bin of a site's reliability table."""

    lower: float = Field(description="the bin's lower edge")
    upper: float = Field(description="the bin's upper edge")
    count: int = Field(ge=0, description="predictions in the bin")
    mean_confidence: float | None = Field(None, description="mean predicted probability in the bin")
    observed: float | None = Field(None, description="share of the bin's predictions that came true")


class SiteCalibrationRecord(_Part):
    """Calibration on the site (``evaluations/<site>.json``: ``calibration``)."""

    what: str = Field(description="the probability binned (binary: of the positive class; multiclass: of the "
                      "predicted class)")
    n: int = Field(ge=0, description="predictions binned")
    n_bins: int = Field(ge=1, description="equal-width bins (about one per 10 predictions, 5 to 15)")
    ece: float | None = Field(None, description="expected calibration error over these bins")
    bins: list[ReliabilityBinRecord] = Field(description="the reliability table")


class EvaluationRecord(_Part):
    """One external evaluation (``evaluations/<site>.json``, written by ``mednn evaluate``)."""

    site: str = Field(description="the name the evaluation is stored under (--site, default: the data file's "
                      "name)")
    data: str = Field(description="the labelled data that was evaluated")
    created: str = Field(description="when it was evaluated (UTC, ISO 8601)")
    task: TaskKind = Field(description="the run's task kind")
    n: int = Field(ge=0, description="samples evaluated")
    patients: dict[str, Any] | None = _free("the site's patients when its file names them (data.patient_column / "
                                            "data.patient_from): n; seen_in_training {matched, rows, by_chance}: "
                                            "how many the run's training split held (by hashed ids)")
    samples_seen_in_training: dict[str, Any] | None = _free(
        "the file's samples identical to a training sample of the run (by keyed hashes, never values; tables, "
        "molecules, texts): n, matched, expected (by chance or as the run's own test repeats)")
    class_counts: dict[str, int] | None = Field(None, description="samples per class (positives per label)")
    threshold: float | list[float] | None = Field(None, description="the run's threshold the calls were made at")
    bootstrap: BootstrapRecord | None = Field(None, description="the bootstrap behind every ci95")
    metrics: dict[str, Any] = _free("the same layout as metrics.json's test block")
    undefined: dict[str, Any] | None = _free("metrics not defined on these data and why")
    ood: dict[str, Any] | None = _free("out-of-distribution flags on these data: method, fpr_target, threshold, "
                                       "n, n_flagged, flag_rate, p_value, median_score")
    findings: tuple[Finding, ...] = Field(default=(), description="what the evaluation noticed (dataset shift, "
                                          "out-of-distribution records)")
    shift: ShiftRecord | None = Field(None, description="the site checked against the training profile")
    skipped: list[dict[str, Any]] | None = _free("records the reader left out (blank table rows, unreadable files): "
                                                 "id, path, reason")
    invalid_molecules: list[dict[str, Any]] | None = _free("molecules RDKit could not read: row (file row), "
                                                           "smiles, reason")
    calibration: SiteCalibrationRecord | None = Field(None, description="binary / multiclass: the reliability "
                                                      "table on the site")
    conformal: dict[str, Any] | None = _free("the run's conformal sets / intervals on the site: target_coverage, "
                                             "method, n_calibration, coverage {value, ci95}, set_size / "
                                             "interval_width")

    @field_validator("metrics", "undefined", "class_counts", "ood", "conformal", mode="before")
    @classmethod
    def _clean(cls, value: Any) -> Any:
        return clean_numbers(value)

    @field_validator("findings", mode="before")
    @classmethod
    def _findings(cls, value: Any) -> Any:
        return tuple(f if isinstance(f, Finding) else Finding.from_dict(f) for f in value or ())

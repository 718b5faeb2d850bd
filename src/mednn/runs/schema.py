"""The typed schema of a run directory: :class:`RunRecord` and its parts.

One record describes everything a run knows besides its arrays (weights, featurizer arrays,
predictions, history, explanation figures). Each part lives in exactly one file of the run
(``FILE_OF`` says which), so the task, the threshold and the calibration are stored once.
The training profile and the external evaluations (``profile.json``, ``evaluations/<site>.json``)
are described in :mod:`mednn.runs.schema_evaluation`, what every part shares in :mod:`mednn.runs.parts`.
Every field has a description: ``docs/run-directory.md`` is generated from them
(:func:`mednn.runs.schema_doc.schema_markdown`), and a test fails when the two differ.

Values are checked when a record is built or read (finite thresholds, temperatures, conformal quantiles and
scalers, in range), so a run edited by hand is refused on load with one line naming the file and the field.
Add a field by adding it here with its description; the writer (:mod:`mednn.runs.record_io`) and the document pick it up.

>>> TaskRecord(kind="binary", class_names=("benign", "malignant")).positive_class
'malignant'
"""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ..config import RunConfig
from ..findings import Finding
from .parts import BootstrapRecord, TaskKind, _free, _Part, clean_numbers
# the external-evaluation side of the record, re-exported: `from mednn.runs.schema import EvaluationRecord` works
from .schema_evaluation import (ColumnProfileRecord, EvaluationRecord, ProfileRecord,  # noqa: F401
                                ReliabilityBinRecord, ShiftRecord, ShiftRowRecord, SiteCalibrationRecord)
from .schema_ood import OODRecord

# a fitted temperature outside this range is a degenerate fit, not a calibration (as the Predictor fits it)
LOWEST_TEMPERATURE, HIGHEST_TEMPERATURE = 0.05, 20.0
SPLIT_NAMES = ("train", "val", "test")


class TaskRecord(_Part):
    """What the run predicts (``predictor.json``: ``task``)."""

    kind: TaskKind = Field(description="binary | multiclass | multilabel | regression")
    class_names: tuple[str, ...] = Field(description="binary: [negative, positive]; multiclass: one per class "
                                         "(index = label); multilabel: one per label; regression: one per target")
    positive_class: str | None = Field(None, description="binary: the class sensitivity, PPV, AUROC and the "
                                       "threshold refer to (always class_names[1]); null for other tasks")

    @model_validator(mode="before")
    @classmethod
    def _positive(cls, values: Any) -> Any:
        if isinstance(values, dict) and values.get("kind") == "binary" and values.get("positive_class") is None:
            names = list(values.get("class_names") or ())
            if len(names) == 2:
                values = {**values, "positive_class": str(names[1])}
        return values

    @model_validator(mode="after")
    def _check(self) -> "TaskRecord":
        n = len(self.class_names)
        if n == 0 or (self.kind == "binary" and n != 2) or (self.kind == "multiclass" and n < 2):
            raise ValueError(f"a {self.kind} task cannot have {n} class names")
        expected = self.class_names[1] if self.kind == "binary" else None
        if self.positive_class != expected:
            raise ValueError(f"positive_class must be {expected!r} for a {self.kind} task")
        return self

    @classmethod
    def from_task(cls, task: Any) -> "TaskRecord":
        return cls(kind=task.kind, class_names=tuple(str(c) for c in task.class_names))

    def to_task(self):
        from ..data.base import Task

        return Task(kind=self.kind, class_names=tuple(self.class_names))


class ModelRecord(_Part):
    """The network (``model.json``): enough to rebuild it before its weights are loaded."""

    name: str = Field(description="the registered model name (mednn.models)")
    hparams: dict[str, Any] = Field(description="every hyperparameter the builder takes, defaults filled in")
    input_shape: tuple[int, ...] = Field(description="the shape of one featurized sample")
    n_parameters: int = Field(ge=0, description="parameters of the whole model (all ensemble members)")
    ensemble: int = Field(1, ge=1, le=100, description="networks averaged (train.ensemble); their weights are "
                          "under members.<i>. in model.safetensors")


class FeaturizerRecord(_Part):
    """The fitted featurizer's name and settings (``featurizer.json``; its fitted state sits beside them)."""

    name: str = Field(description="the registered featurizer name (mednn.featurizers)")
    params: dict[str, Any] = Field(default_factory=dict, description="the featurizer's settings")


class ThresholdRecord(_Part):
    """The operating threshold (``predictor.json``: ``threshold``)."""

    method: str = Field(description="evaluate.threshold: youden | f1 | sensitivity | fixed")
    value: float | list[float] = Field(description="binary: P(positive) at or above which the positive class is "
                                       "predicted; multilabel: one threshold per label")
    chosen_on: str = Field("val", description="the split the threshold was chosen on")
    target_sensitivity: float | None = Field(None, description="method sensitivity: the sensitivity to reach")
    fixed_labels: list[str] | None = Field(None, description="multilabel: labels with one class on validation, "
                                           "kept at evaluate.fixed_threshold")
    below_chance_labels: dict[str, float] | None = Field(None, description="multilabel: labels whose validation AUROC "
                                                         "is below 0.5 beyond chance (-> that AUROC), kept at "
                                                         "evaluate.fixed_threshold")
    below_chance_upper: dict[str, float] | None = Field(None, description="multilabel: the 95% upper bound "
                                                        "(Hanley-McNeil) of each below-chance label's AUROC")
    note: str | None = Field(None, description="why some thresholds were not chosen on data")

    @field_validator("value")
    @classmethod
    def _probability(cls, value: Any) -> Any:
        for v in value if isinstance(value, list) else [value]:
            if not (isinstance(v, (int, float)) and math.isfinite(v) and 0.0 <= v <= 1.0):
                raise ValueError("a threshold must be a finite probability from 0 to 1")
        return value


class CalibrationRecord(_Part):
    """How probabilities were calibrated (``predictor.json``: ``calibration``)."""

    method: Literal["none", "temperature"] = Field("none", description="none | temperature")
    temperature: float = Field(1.0, description=f"the temperature applied to the logits ({LOWEST_TEMPERATURE} "
                               f"to {HIGHEST_TEMPERATURE}; 1 when method is none)")
    fitted_temperature: float | None = Field(None, description="the temperature the fit found, also when it "
                                             "was not kept")
    val_nll_held_out: dict[str, float | None] | None = Field(None, description="validation NLL of held-out "
                                                             "halves with the fitted temperature and with none")
    val_ece_before: float | None = Field(None, description="validation expected calibration error before")
    val_ece_after: float | None = Field(None, description="validation expected calibration error after")
    note: str | None = Field(None, description="why temperature scaling was not kept")

    @model_validator(mode="after")
    def _check(self) -> "CalibrationRecord":
        t = self.temperature
        if not math.isfinite(t):
            raise ValueError("temperature must be finite")
        if self.method == "temperature" and not LOWEST_TEMPERATURE <= t <= HIGHEST_TEMPERATURE:
            raise ValueError(f"temperature must be from {LOWEST_TEMPERATURE} to {HIGHEST_TEMPERATURE}")
        if self.method == "none" and t != 1.0:
            raise ValueError("temperature must be 1 when method is none")
        for name in ("fitted_temperature", "val_ece_before", "val_ece_after"):
            value = getattr(self, name)
            if value is not None and not math.isfinite(value):
                raise ValueError(f"{name} must be finite")
        return self


class ConformalRecord(_Part):
    """The fitted split-conformal rule (``predictor.json``: ``conformal``)."""

    coverage: float = Field(gt=0, lt=1, description="the promised coverage (evaluate.conformal.coverage)")
    method: str = Field(description="lac | aps (classes); residual intervals for regression")
    kind: TaskKind = Field(description="the task kind the rule was fitted for")
    n_calibration: int = Field(ge=0, description="validation samples the quantile was fitted on")
    quantile: float | None | list[float | None] = Field(description="the conformal quantile (regression: one "
                                                        "per target, in the target's units); null: infinite "
                                                        "(too few validation samples)")

    @model_validator(mode="after")
    def _check(self) -> "ConformalRecord":
        values = self.quantile if isinstance(self.quantile, list) else [self.quantile]
        top = math.inf if self.kind == "regression" else 1.0 + 1e-9  # classification scores are probabilities
        for q in values:
            if q is not None and not (math.isfinite(q) and 0.0 <= q <= top):
                raise ValueError("a conformal quantile must be finite, at least 0"
                                 + ("" if self.kind == "regression" else " and at most 1"))
        return self

    def state(self) -> dict[str, Any]:
        return self.model_dump()


class TargetScalerRecord(_Part):
    """Regression: the standardisation of the targets (``predictor.json``: ``target_scaler``)."""

    mean: list[float] = Field(description="the training targets' means, one per target")
    std: list[float] = Field(description="the training targets' standard deviations (> 0)")

    @model_validator(mode="after")
    def _check(self) -> "TargetScalerRecord":
        if len(self.mean) != len(self.std) or not self.mean:
            raise ValueError("mean and std must have one value per target")
        if not all(math.isfinite(m) for m in self.mean) or not all(math.isfinite(s) and s > 0 for s in self.std):
            raise ValueError("the target scaler's mean must be finite and its std finite and above 0")
        return self


class SplitRecord(_Part):
    """One split's size and balance (``data.json``: ``splits.<name>``)."""

    n: int = Field(ge=0, description="samples in the split")
    class_counts: dict[str, int] | None = Field(None, description="classification: samples per class; "
                                                "multilabel: positives per label; null for regression")
    n_patients: int | None = Field(None, ge=0, description="distinct data.patient_column values in the split "
                                   "(null when no patient column was given)")


class GroupsRecord(_Part):
    """How samples were grouped into patients (``data.json``: ``groups``)."""

    column: str = Field(description="the column (or reader note) that names a sample's patient")
    n_groups: int = Field(ge=0, description="distinct patients in the data")
    train_keys: dict[str, Any] | None = Field(None, description="the training split's patients as short keyed "
                                              "hashes (salt, bits, keys; never an id): mednn evaluate counts a "
                                              "site's patients seen in training (mednn.data.patient_keys)")


class DataRecord(_Part):
    """What the run was trained on (``data.json``): counts, names and checks, never values."""

    source: str | None = Field(description="the data path or built-in data set name")
    modality: str = Field(description="tabular | images | text | molecules")
    n: int = Field(ge=0, description="samples read (after the reader's own exclusions)")
    split_method: str | None = Field(None, description="how the splits were made (split.method, resolved)")
    splits: dict[str, SplitRecord] = Field(description="train / val / test: size, class balance, patients")
    n_features: int | None = Field(None, description="values per featurized sample")
    input_shape: tuple[int, ...] = Field(default=(), description="the shape of one featurized sample")
    feature_names: tuple[str, ...] = Field(default=(), description="input feature names (at most 2000)")
    groups: GroupsRecord | None = Field(None, description="the patient grouping, when one was given")
    sample_keys: dict[str, Any] | None = Field(None, description="the training split's samples (table rows' "
                                               "feature values, canonical molecules, texts, image pixel digests) as short keyed hashes "
                                               "(salt, bits, keys, repeat_rate; never a value): evaluate and "
                                               "predict find a file's training samples (mednn.data.sample_keys)")
    notes: dict[str, Any] = _free("the reader's notes (format, image shape, label coding, counts)", {})
    leakage: dict[str, Any] = _free("patients and identical samples shared between splits (counts)", {})
    duplicate_report: dict[str, Any] = _free("duplicate samples and conflicting labels (counts)", {})
    missing: dict[str, int] | None = Field(None, description="missing values per column")
    skipped: int | None = Field(None, description="inputs the reader could not read (listed in skipped.csv)")
    invalid_molecules: int | None = Field(None, description="SMILES RDKit could not parse (listed in "
                                          "invalid_molecules.csv)")
    duplicates: int | None = Field(None, description="rows removed by the duplicates policy")
    missing_labels: dict[str, Any] | None = _free("missing label cells of a multi-task target: cells, "
                                                  "samples_with_any, per_label (label names are column names)")

    @field_validator("notes", "leakage", "duplicate_report", mode="before")
    @classmethod
    def _clean(cls, value: Any) -> Any:
        return clean_numbers(value) if value is not None else {}


class MetricsRecord(_Part):
    """Test and validation metrics (``metrics.json``), at the run's threshold and calibration."""

    test: dict[str, Any] = _free("test metrics: key -> {value, ci95}; per_class / per_target / per_label "
                                 "tables; confusion_matrix (layout below)")
    val: dict[str, Any] = _free("validation metrics, the same layout (optimistic: val chose the epoch, "
                                "threshold and calibration)")
    bootstrap: BootstrapRecord = Field(description="the bootstrap behind every ci95")
    subgroups: list[dict[str, Any]] | None = _free("test metrics per value of each data.meta_columns column")
    conformal: dict[str, Any] | None = _free("conformal sets / intervals measured on test: target_coverage, "
                                             "method, n_calibration, coverage {value, ci95}, set_size, "
                                             "singleton_fraction, subgroups")
    referral: dict[str, Any] | None = _free("accuracy kept when the most uncertain fraction is referred: "
                                            "{uncertainty, curve: [{referred, n_kept, accuracy_kept}]}")
    uncertainty_note: str | None = Field(None, description="why there are no conformal sets (multilabel)")
    ood: dict[str, Any] | None = _free("out-of-distribution flags (issue 19): method, components, fpr_target, confidence, "
                                       "promise, threshold, val_flag_rate, test_flag_rate, test_n_flagged, test_p_value, test_p_value_unit "
                                       "(record or patient; test_n_patients, test_patients_flagged), "
                                       "n_reference, note; or {skipped: why} when no scorer was fitted (a test split flagged beyond "
                                       "the target is an out_of_distribution finding in data.json)")

    @field_validator("test", "val", "subgroups", "conformal", "referral", "ood", mode="before")
    @classmethod
    def _clean(cls, value: Any) -> Any:
        return clean_numbers(value)


class TrainingRecord(_Part):
    """How training went (``metrics.json``: ``training``)."""

    best_epoch: int | None = Field(description="the epoch (round) whose weights were kept")
    epochs_run: int | None = Field(description="epochs (rounds) run")
    monitor: str | None = Field(description="the validation metric that chose the epoch, e.g. val_auroc")
    stopped_early: bool = Field(description="early stopping ended training before train.epochs")
    stopped_by: str | None = Field(None, description="what ended training before its last epoch: early_stopping, "
                                   "budget (train.budget), pruned (a tuning trial), or null")
    best_epoch_last: bool = Field(False, description="the best validation score came at the last epoch (training "
                                  "longer may help)")
    budget: str | float | None = Field(None, description="train.budget: the time limit of all of training")
    seconds: float = Field(description="training time (all ensemble members)")
    threads: int | None = Field(None, description="CPU threads used")
    device: str = Field(description="cpu, cuda:0, ...")
    world_size: int = Field(1, ge=1, description="processes that trained together (torchrun)")
    ensemble: list[dict[str, Any]] | None = _free("one entry per member: member, seed, best_epoch, epochs_run, "
                                                  "stopped_early, stopped_by, best_epoch_last, seconds")


class ProvenanceRecord(_Part):
    """Where the run came from (``manifest.json``, beside the files' hashes)."""

    seed: int = Field(description="the run's seed")
    data_fingerprint: str = Field(description="sha256 of the sample ids and labels the run was trained on")
    created: str = Field(description="when the run was written (UTC, ISO 8601)")
    seconds_total: float | None = Field(None, description="wall time from start to the written run")
    seconds_per_step: dict[str, float] | None = _free("seconds of each step: prepare, train (what train.budget bounds), evaluate, explain (what explain.budget bounds)")
    world_size: int = Field(1, ge=1, description="processes that trained together")
    versions: dict[str, str] = Field(description="mednn, python, torch, numpy and the other libraries used")


class RunRecord(_Part):
    """Everything a run directory records besides its arrays; see ``docs/run-directory.md``.

    Build one after training and hand it to :func:`mednn.runs.write_run`; read one with
    :func:`mednn.runs.load_run` (``.record``). Reports, the model card, the terminal summary,
    ``serve`` and ``evaluate`` read a run only through this record.
    """

    config: RunConfig = Field(description="the resolved config, every default filled in (config.yaml)")
    task: TaskRecord = Field(description="what is predicted (predictor.json)")
    modality: str = Field(description="the modality the Predictor reads (predictor.json)")
    deid: bool = Field(False, description="text was de-identified before featurizing, also at prediction "
                       "(predictor.json)")
    threshold: ThresholdRecord | None = Field(None, description="binary / multilabel operating threshold "
                                              "(predictor.json)")
    calibration: CalibrationRecord = Field(default_factory=CalibrationRecord,
                                           description="probability calibration (predictor.json)")
    conformal: ConformalRecord | None = Field(None, description="the fitted conformal rule (predictor.json)")
    target_scaler: TargetScalerRecord | None = Field(None, description="regression target scaling "
                                                     "(predictor.json)")
    ood: OODRecord | None = Field(None, description="the out-of-distribution scorer (predictor.json; arrays in "
                                  "ood.safetensors); null: none fitted (metrics.json's ood says why)")
    model: ModelRecord = Field(description="the network (model.json)")
    featurizer: FeaturizerRecord = Field(description="the featurizer's name and settings (featurizer.json)")
    data: DataRecord = Field(description="data summary (data.json)")
    findings: tuple[Finding, ...] = Field(default=(), description="what readers and checks noticed (data.json: "
                                          "findings; ids in docs/findings.md)")
    metrics: MetricsRecord = Field(description="test / validation metrics with CIs (metrics.json)")
    baselines: dict[str, Any] | None = _free("reference models on the same split, threshold rule and bootstrap "
                                             "(metrics.json: baselines)")
    training: TrainingRecord = Field(description="how training went (metrics.json: training)")
    federated: dict[str, Any] | None = _free("federated training: engine, sites, rounds, aggregation "
                                             "(metrics.json: federated)")
    privacy: dict[str, Any] | None = _free("differential privacy: mechanism, epsilon, delta, noise, accountant "
                                           "(metrics.json: privacy)")
    profile: ProfileRecord | None = Field(None, description="the training split's profile, for shift checks "
                                          "(profile.json; null for runs without one)")
    evaluations: dict[str, EvaluationRecord] = Field(default_factory=dict, description="external evaluations "
                                                     "by site (evaluations/<site>.json)")
    tuning: dict[str, Any] | None = _free("how mednn tune chose the settings (tuning.json)")
    provenance: ProvenanceRecord = Field(description="seed, versions, data fingerprint, time (manifest.json)")

    @field_validator("findings", mode="before")
    @classmethod
    def _findings(cls, value: Any) -> Any:
        return tuple(f if isinstance(f, Finding) else Finding.from_dict(f) for f in value or ())

    @field_validator("baselines", "federated", "privacy", "tuning", mode="before")
    @classmethod
    def _clean(cls, value: Any) -> Any:
        return clean_numbers(value)

    @model_validator(mode="after")
    def _consistent(self) -> "RunRecord":
        if self.threshold is not None and isinstance(self.threshold.value, list) \
                and len(self.threshold.value) != len(self.task.class_names):
            raise ValueError("threshold.value must hold one threshold per label")
        if self.conformal is not None and self.conformal.kind != self.task.kind:
            raise ValueError("conformal.kind must be the task's kind")
        return self

    # --- what the stages ask of a run -------------------------------------------------------

    @property
    def temperature(self) -> float:
        return self.calibration.temperature if self.calibration.method == "temperature" else 1.0

    @property
    def threshold_value(self) -> float | list[float] | None:
        return self.threshold.value if self.threshold is not None else None

    @property
    def confidence(self) -> float:
        return self.metrics.bootstrap.confidence

    def with_evaluation(self, evaluation: EvaluationRecord) -> "RunRecord":
        """A copy with ``evaluation`` added (or replacing the one of its site)."""
        return self.model_copy(update={"evaluations": {**self.evaluations, evaluation.site: evaluation}})


# which file of the run holds each part of the record (the writer and the document read this)
FILE_OF: dict[str, str] = {
    "config": "config.yaml", "task": "predictor.json", "modality": "predictor.json", "deid": "predictor.json",
    "threshold": "predictor.json", "calibration": "predictor.json", "conformal": "predictor.json",
    "target_scaler": "predictor.json", "ood": "predictor.json", "model": "model.json", "featurizer": "featurizer.json",
    "data": "data.json", "findings": "data.json", "metrics": "metrics.json", "baselines": "metrics.json",
    "training": "metrics.json", "federated": "metrics.json", "privacy": "metrics.json",
    "profile": "profile.json", "evaluations": "evaluations/<site>.json", "tuning": "tuning.json",
    "provenance": "manifest.json",
}

# the run's other files: arrays and tables written beside the record (by mednn.runs.build.write_run)
ARTIFACT_FILES: dict[str, str] = {
    "model.safetensors": "the weights (an ensemble's under `members.<i>.`); checked finite on load",
    "featurizer.safetensors": "the featurizer's large fitted arrays, when it has any (referenced from "
                              "featurizer.json's `state`)",
    "ood.safetensors": "the out-of-distribution scorer's arrays (referenced from predictor.json's `ood.learnt`), "
                       "when it has any",
    "history.csv": "one row per epoch: `epoch, train_loss, val_loss, val_<monitor>, lr, seconds` (an ensemble: a "
                   "leading `member` column)",
    "predictions.csv": "validation and test predictions (layout below)",
    "explanations.json": "the explanation sections as data, never HTML",
    "skipped.csv": "inputs the reader could not read, with the reason (when any)",
    "image_ids.key": "an image run without MEDNN_DEID_SECRET: the random key of its DICOM images' ids, read by "
                     "predict / evaluate; never in a report or predictions (docs/dicom-deid.md)",
    "invalid_molecules.csv": "SMILES RDKit could not parse, with RDKit's reason (when any)",
    "model_card.json": "the TRIPOD+AI / CLAIM items the run knows, built from the record",
    "report.html": "the self-contained report, built from the record (`mednn report` rebuilds it)",
    "manifest.json": "sha256 of every file (`files`) beside the provenance",
    "signature.json": "optional (`mednn sign`): an Ed25519 signature of the manifest",
}

"""The run configuration's key table: every section (data / split / featurize / model / train /
evaluate / explain / privacy / report), its keys, their defaults and ranges, and the rules that
tie two keys or two sections together.

Every section forbids unknown keys except ``data``, ``featurize`` and ``model``, whose extra keys
belong to the chosen reader / featurizer / model and are validated by them. Every number has a
range, so that a typo (``seed=-1``, ``train.threads=100000``) is a message rather than a crash
deep in numpy or torch. Reading a config file and turning pydantic's errors into one line
naming the key live beside this table (:mod:`mednn.config`, :mod:`mednn.config_validation`);
import these names from :mod:`mednn.config`. Add a key here, with its range.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from .config_ood import OODConfig  # evaluate.ood (issue 19), in its own module
from .errors import ConfigError
from .strict_types import StrictModel

MAX_SEED = 2**32 - 1  # numpy's legacy seeding takes 32 bits


def _label_text(value: Any) -> Any:
    """A label / class name as text: 1, 1.0 and "1" are one class; True -> "True"."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    return value.strip() if isinstance(value, str) else value


_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smh])\s*")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600}


def parse_duration(value: str | float | int) -> float:
    """``"90s"``, ``"5m"``, ``"1.5h"`` or a number of seconds -> seconds; a ValueError (whose
    text says what is expected) for anything else, zero or negative.

    >>> parse_duration("5m")
    300.0
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value)
    else:
        match = _DURATION.fullmatch(str(value))
        if match is None:
            raise ValueError("not a duration; expected a number followed by s, m or h, e.g. 90s, 5m or 1h")
        seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError("a duration must be positive, e.g. 90s, 5m or 1h")
    return seconds


def _duration_or_none(value: Any) -> Any:
    if value is not None:
        parse_duration(value)  # its ValueError names what is expected
    return value


# a time limit as written in a config (train.budget, explain.budget): "90s", "5m", "1h", a number
# of seconds, or null; checked when read, turned into seconds by parse_duration
Duration = Annotated[str | float | None, BeforeValidator(_duration_or_none)]


class _Section(StrictModel):
    """A config section: unknown keys refused, and strict where YAML is loose (StrictModel)."""


# a repeat inside a repeated group ("(a+)+", "(\\w*)*"): exponential backtracking on a long cell
_NESTED_REPEAT = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]")
MAX_PATTERN_LENGTH = 200
# data.duplicates (mednn.data.duplicates): the older molecule spellings are read as the new ones
DUPLICATE_ALIASES = {"keep": "keep_all", "first": "keep_first", "fail": "refuse"}


class PatientFrom(_Section):
    """``data.patient_from``: the patient id is the one group of ``pattern`` matched in ``column``
    (``{column: name, pattern: '^(.*)_\\d+$'}`` takes ``phon_R01_S01`` from ``phon_R01_S01_3``)."""

    column: str
    pattern: str = Field(max_length=MAX_PATTERN_LENGTH)

    @field_validator("pattern")
    @classmethod
    def _one_safe_group(cls, v: str) -> str:
        try:
            compiled = re.compile(v)
        except re.error as exc:
            raise ValueError(f"data.patient_from.pattern is not a regular expression ({exc.msg})") from None
        if compiled.groups != 1:
            raise ValueError("data.patient_from.pattern must hold exactly one group (...) around the patient "
                             r"part, e.g. '^(.*)_\d+$'")
        if _NESTED_REPEAT.search(v):
            raise ValueError("data.patient_from.pattern repeats a group that itself repeats (like '(a+)+'), "
                             "which can take exponential time; write it without the nesting")
        return v


class DataConfig(BaseModel):
    """Where the samples come from. Keys beyond these belong to the chosen format's reader."""

    model_config = ConfigDict(extra="allow")

    format: str = "auto"
    path: str = "breast-cancer"
    task: Literal["binary", "multiclass", "multilabel", "regression"] | None = None
    label: str | list[str] | None = None
    positive_class: str | None = None
    id_column: str | None = None
    patient_column: str | None = None
    # the patient id derived from another column without editing the file (mednn.data.patients)
    patient_from: PatientFrom | None = None
    # identical inputs (notes, molecules, table rows): what to keep (mednn.data.duplicates, docs/findings.md)
    duplicates: Literal["auto", "drop_conflicting", "keep_first", "merge_labels", "keep_all", "refuse"] = "auto"
    meta_columns: list[str] = Field(default_factory=list)
    feature_columns: list[str] | None = None
    # the classes and their order for every format (binary: [negative, positive], so the
    # positive class is class_names[1]); labels outside it are an error, absent classes are fine
    class_names: list[str] | None = None
    # raw label value (as text) -> class name, applied by every reader with a label column at
    # train, predict and evaluate alike, e.g. {"0": healthy, "1": disease, "2": disease}
    label_map: dict[str, str] | None = None

    @field_validator("duplicates", mode="before")
    @classmethod
    def _older_duplicate_words(cls, v: Any) -> Any:
        return DUPLICATE_ALIASES.get(v, v) if isinstance(v, str) else v

    @model_validator(mode="after")
    def _one_patient_key(self) -> "DataConfig":
        if self.patient_column is not None and self.patient_from is not None:
            raise ValueError("data.patient_column and data.patient_from both name the patient; set only one")
        return self

    @field_validator("class_names", mode="before")
    @classmethod
    def _names_as_text(cls, v: Any) -> Any:
        if isinstance(v, (list, tuple)):
            v = [_label_text(x) for x in v]
            if len(set(v)) != len(v):
                raise ValueError("data.class_names repeats a name; give each class one name")
        return v

    @field_validator("label_map", mode="before")
    @classmethod
    def _map_as_text(cls, v: Any) -> Any:
        # YAML reads `0: healthy` with an int key; labels are compared as text ("0", "1.0" -> "1")
        if isinstance(v, dict):
            if not v:
                raise ValueError("data.label_map is empty; map each raw label value to a class name")
            out = {}
            for key, value in v.items():
                if value is None or isinstance(value, (dict, list)):
                    raise ValueError(f"data.label_map maps key {_label_text(key)!r} to no class name")
                out[_label_text(key)] = _label_text(value)
            return out
        return v

    @model_validator(mode="after")
    def _map_into_class_names(self) -> "DataConfig":
        if self.label_map and self.class_names:
            outside = sorted(set(self.label_map.values()) - set(self.class_names))
            if outside:
                raise ValueError(f"data.label_map maps to {', '.join(outside)}, which data.class_names "
                                 "does not list; list every mapped class in data.class_names")
        return self

    @field_validator("positive_class", mode="before")
    @classmethod
    def _class_as_text(cls, v: Any) -> Any:
        # `positive_class: 1` in YAML is an int; class names are compared as text
        return str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v

    @property
    def options(self) -> dict[str, Any]:
        """The format-specific keys (validated by the reader)."""
        return dict(self.model_extra or {})

    @property
    def labels(self) -> list[str]:
        if self.label is None:
            return []
        return [self.label] if isinstance(self.label, str) else list(self.label)


class SplitConfig(_Section):
    method: Literal["auto", "stratified", "random", "group", "file", "scaffold"] = "auto"
    val_fraction: float = Field(0.15, gt=0, lt=1)
    test_fraction: float = Field(0.2, gt=0, lt=1)

    @field_validator("test_fraction")
    @classmethod
    def _fractions_leave_train(cls, v: float, info) -> float:
        if v + info.data.get("val_fraction", 0) >= 0.9:
            raise ValueError("val_fraction + test_fraction must leave at least 10% for training")
        return v


def name_only(value: Any) -> Any:
    """``model: auto`` / ``featurize: ecfp`` as a user writes it: the section's name alone."""
    return {"name": value} if isinstance(value, str) else value


class FeaturizeConfig(BaseModel):
    """Which fitted featurizer turns samples into model inputs; extra keys are its arguments."""

    model_config = ConfigDict(extra="allow")

    name: str = "auto"

    @model_validator(mode="before")
    @classmethod
    def _by_name(cls, value: Any) -> Any:
        return name_only(value)

    @property
    def options(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class ModelConfig(BaseModel):
    """A registered model by name; every other key is one of its keyword hparams."""

    model_config = ConfigDict(extra="allow")

    name: str = "auto"  # auto: the modality's default (tabular/text/molecules: mlp, images: small_cnn)

    @model_validator(mode="before")
    @classmethod
    def _by_name(cls, value: Any) -> Any:
        return name_only(value)

    @property
    def hparams(self) -> dict[str, Any]:
        return dict(self.model_extra or {})

    def __getattr__(self, item: str) -> Any:
        extra = self.__pydantic_extra__ or {}
        if item in extra:
            return extra[item]
        raise AttributeError(item)


class EarlyStoppingConfig(_Section):
    enabled: bool = True
    monitor: str = "auto"
    patience: int = Field(20, ge=1, le=100_000)
    min_delta: float = Field(0.0, ge=0)


class DistributedConfig(_Section):
    """Data-parallel training under ``torchrun`` (mednn.training.distributed, docs/distributed.md).

    Nothing here switches it on: ``torchrun --nproc_per_node N -m mednn train CONFIG`` does.
    """

    backend: Literal["auto", "gloo", "nccl"] = "auto"  # auto: nccl on CUDA, gloo on the CPU
    timeout_s: int = Field(1800, ge=10, le=86_400)  # a collective waiting longer fails the run


class TrainConfig(_Section):
    optimizer: Literal["sgd", "adam", "adamw"] = "adam"
    lr: float = Field(1e-3, gt=0, le=10)
    # sgd only: v = momentum * v + g; w = w - lr * v. 0.9 unless set; 0.0 is plain gradient descent
    momentum: float = Field(0.9, ge=0, lt=1)
    weight_decay: float = Field(0.0, ge=0, le=10)
    batch_size: int = Field(64, ge=1, le=1_000_000)
    epochs: int = Field(100, ge=1, le=100_000)
    class_weights: Literal["none", "balanced"] | dict[str, float] = "none"

    @field_validator("class_weights", mode="before")
    @classmethod
    def _weights_positive(cls, value: Any) -> Any:
        # a weight multiplies a class's loss: zero or negative would train the model away from it
        if isinstance(value, dict):
            bad = [w for w in value.values()
                   if isinstance(w, bool) or not isinstance(w, (int, float)) or not 0 < w <= 1e6]
            if bad:
                raise ValueError(f"every class weight must be a number above 0 and at most 1000000 ({len(bad)} "
                                 "is not)")
        return value
    sampler: Literal["shuffle", "balanced"] = "shuffle"
    schedule: Literal["none", "cosine", "plateau"] = "none"
    # exponential moving average of the weights (e.g. 0.99): validation, model selection and
    # the saved model use the averaged weights, which vary less from epoch to epoch
    ema: float | None = Field(None, gt=0, lt=1)
    # a deep ensemble: train this many networks from different seeds and average their
    # probabilities (mednn.models.ensemble); 1 trains a single network
    ensemble: int = Field(1, ge=1, le=100)
    # write a checkpoint every this many epochs so `mednn train --resume` can continue an
    # interrupted run exactly (0: none; not for DP-SGD or federated runs)
    checkpoint_every: int = Field(1, ge=0, le=100_000)
    early_stopping: EarlyStoppingConfig = Field(default_factory=EarlyStoppingConfig)
    augment: dict[str, Any] = Field(default_factory=dict)
    device: Literal["auto", "cpu", "cuda"] = "auto"
    # autocast for the training step's forward pass and loss: bf16, or fp16 with loss scaling
    # (CUDA only); validation and the saved weights stay fp32 (docs/distributed.md)
    precision: Literal["fp32", "bf16", "fp16"] = "fp32"
    distributed: DistributedConfig = Field(default_factory=DistributedConfig)
    # torch's intra-op threads; far more than the cores crashes torch's thread pool
    threads: int | None = Field(None, ge=1, le=1024)
    progress: bool = True
    # a time limit for the whole training (every ensemble member together), e.g. "90s", "5m",
    # "1h" or a number of seconds; training stops after the last epoch that fits, keeps the
    # best epoch's weights and records stopped_by: budget (mednn.training.budget). null: none
    budget: Duration = None

    @property
    def budget_seconds(self) -> float | None:
        """``budget`` in seconds (None: no budget)."""
        return None if self.budget is None else parse_duration(self.budget)


class ConformalConfig(_Section):
    """Split conformal prediction sets / intervals fitted on the validation split
    (mednn.evaluation.conformal); coverage null switches them off."""

    coverage: float | None = Field(0.9, gt=0, lt=1)
    method: Literal["lac", "aps"] = "lac"


class EvaluateConfig(_Section):
    conformal: ConformalConfig = Field(default_factory=ConformalConfig)
    ood: OODConfig | None = Field(default_factory=OODConfig)
    bootstrap: int = Field(1000, ge=0, le=100_000)
    confidence: float = Field(0.95, gt=0, lt=1)
    threshold: Literal["youden", "f1", "sensitivity", "fixed"] = "youden"
    target_sensitivity: float = Field(0.9, gt=0, le=1)
    fixed_threshold: float = Field(0.5, gt=0, lt=1)
    calibrate: Literal["temperature", "none"] = "temperature"
    subgroups: list[str] = Field(default_factory=list)
    # reference models on the same split, compared on test (mednn.evaluation.baselines): auto, none or names
    baselines: Literal["auto", "none"] | list[str] = "auto"


# explain.budget when it is not set: this share of train.budget (none without a train.budget)
EXPLAIN_SHARE_OF_TRAIN_BUDGET = 0.25


class ExplainConfig(_Section):
    enabled: bool = True
    n_samples: int = Field(8, ge=0, le=10_000)
    methods: list[str] = Field(default_factory=list)
    # a time limit for the explanations, e.g. "20s" (as train.budget); no method starts once it
    # is spent and the run records an explanations_cut finding (mednn.explain.base.ExplainBudget).
    # null: a quarter of train.budget when that is set, none otherwise
    budget: Duration = None

    def budget_seconds(self, train_budget_seconds: float | None = None) -> float | None:
        """``budget`` in seconds; unset, :data:`EXPLAIN_SHARE_OF_TRAIN_BUDGET` of the training's
        budget (``train_budget_seconds``), or None (no limit) when training has none either.

        >>> ExplainConfig().budget_seconds(90.0), ExplainConfig(budget="10s").budget_seconds(90.0)
        (22.5, 10.0)
        """
        if self.budget is not None:
            return parse_duration(self.budget)
        return None if train_budget_seconds is None else EXPLAIN_SHARE_OF_TRAIN_BUDGET * train_budget_seconds


class CentralDPConfig(_Section):
    """Flower's central DP on the rounds (``mednn federated run``): every site's weight update
    is clipped to ``clipping_norm`` and Gaussian noise of ``noise_multiplier * clipping_norm /
    sites`` is added to their unweighted mean (mednn.federation, docs/federated.md)."""

    enabled: bool = False
    noise_multiplier: float = Field(1.0, ge=0, le=1_000)
    clipping_norm: float = Field(1.0, gt=0)


class FederatedConfig(_Section):
    """Federated training (mednn.federation, docs/federated.md): across the sites a meta column
    names (``site_column``, one pooled file) or across sites that keep their own files.

    Each of ``train.epochs`` is one round: every site trains ``local_epochs`` passes over its
    own rows, then the coordinator aggregates the sites' weights. Sites are not trusted: an
    update that is not finite, or whose distance from the round's global weights is beyond
    ``max_update_norm`` or ``max_update_ratio`` times the median of the other sites', is named
    and dropped; a site's row count (its weight in FedAvg) is bounded by the rows declared for
    it (``mednn federated run --sites-file``) or by ``max_rows_ratio`` times the median of the
    others'.
    """

    site_column: str | None = None  # set (a data.meta_columns column) to train federated
    local_epochs: int = Field(1, ge=1, le=10_000)
    processes: bool = True  # every site in its own process (false: in this one, for debugging)
    aggregation: Literal["fedavg", "fedprox", "trimmed_mean", "median", "krum"] = "fedavg"
    mu: float = Field(0.01, ge=0, le=1_000)  # FedProx's proximal weight
    trim_fraction: float = Field(0.2, ge=0, lt=0.5)  # trimmed_mean: cut from each tail
    krum_malicious: int = Field(1, ge=0, le=1_000)  # krum: sites assumed malicious
    weighting: Literal["rows", "equal"] = "rows"  # a site's weight in fedavg / fedprox
    max_rows_ratio: float | None = Field(10.0, gt=1)  # rows beyond this x the others' median are capped
    max_update_ratio: float | None = Field(10.0, gt=1)  # update norm beyond this x the others' median: dropped
    max_update_norm: float | None = Field(None, gt=0)  # an update norm beyond this: dropped
    central_dp: CentralDPConfig = Field(default_factory=CentralDPConfig)  # sites with their own files only


class PrivacyConfig(_Section):
    deid: bool = False
    dp: bool = False
    noise_multiplier: float = Field(1.0, ge=0, le=1_000)
    max_grad_norm: float = Field(1.0, gt=0)
    delta: float = Field(1e-5, gt=0, lt=1)
    # when set, the noise multiplier is solved for before training (noise_multiplier is then ignored)
    target_epsilon: float | None = Field(None, gt=0)
    # where the DP noise's generator gets its seed: "secure" from the operating system's entropy,
    # never stored (the published seed cannot regenerate the noise); "seed" from the run's seed,
    # so a seed reproduces a private run exactly (for tests and audits, not for release)
    noise_seed: Literal["secure", "seed"] = "secure"
    federated: FederatedConfig = Field(default_factory=FederatedConfig)


class ReportConfig(_Section):
    enabled: bool = True
    title: str | None = None
    # written by the user into the model card (model_card.json, the report's "Model card"):
    # who the model is for and where in care it may be used, and what it must not be used for
    intended_use: str | None = Field(None, max_length=5000)
    limitations: str | None = Field(None, max_length=5000)


class RunConfig(_Section):
    name: str = "run"
    seed: int = Field(0, ge=0, le=MAX_SEED)
    data: DataConfig = Field(default_factory=DataConfig)
    split: SplitConfig = Field(default_factory=SplitConfig)
    featurize: FeaturizeConfig = Field(default_factory=FeaturizeConfig)
    model: ModelConfig = Field(default_factory=ModelConfig)
    train: TrainConfig = Field(default_factory=TrainConfig)
    evaluate: EvaluateConfig = Field(default_factory=EvaluateConfig)
    explain: ExplainConfig = Field(default_factory=ExplainConfig)
    privacy: PrivacyConfig = Field(default_factory=PrivacyConfig)
    report: ReportConfig = Field(default_factory=ReportConfig)

    @model_validator(mode="after")
    def _rules_across_sections(self) -> "RunConfig":
        self.check_across_sections()
        return self

    def check_across_sections(self) -> None:
        """Rules that tie two sections together: checked before any data is read, and again by the
        trainer (a config changed with ``model_copy`` after validation is not validated again)."""
        if self.train.ensemble > 1 and self.privacy.dp:
            raise ConfigError("train.ensemble > 1 cannot be combined with privacy.dp: every member would spend "
                              "the privacy budget again; fix: set train.ensemble: 1")
        if self.train.ensemble > 1 and self.privacy.federated.site_column:
            raise ConfigError("train.ensemble > 1 cannot be combined with privacy.federated; "
                              "fix: set train.ensemble: 1")
        site = self.privacy.federated.site_column
        if site and self.privacy.federated.central_dp.enabled:
            raise ConfigError("privacy.federated.central_dp is Flower's central DP for `mednn federated run`, "
                              "not the in-process simulation; fix: unset privacy.federated.site_column or "
                              "central_dp.enabled")
        if site and site not in self.data.meta_columns:
            raise ConfigError(f"privacy.federated.site_column {site!r} is not a data.meta_columns column; "
                              f"fix: add {site!r} to data.meta_columns")
        missing = [c for c in self.evaluate.subgroups if c not in self.data.meta_columns]
        if missing:
            raise ConfigError(f"evaluate.subgroups names {missing[0]!r}, which is not a data.meta_columns column; "
                              f"fix: add {missing[0]!r} to data.meta_columns")

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    # where the keys came from (set by validate_config): a reader's error about a key names it
    _source: str = PrivateAttr("config")
    _overridden: tuple[str, ...] = PrivateAttr(())

    def key_source(self, key: str) -> str:
        """Where ``key`` (dotted) was written: ``--set``, or the config file (``config`` when none)."""
        if any(key == k or key.startswith(k + ".") for k in self._overridden):
            return "--set"
        return self._source

    def __eq__(self, other: object) -> bool:  # where a config was read from is no part of it
        return isinstance(other, RunConfig) and self.__dict__ == other.__dict__

"""The reader registry: one reader class per file format, chosen by ``data.format``.

A reader declares its format-specific config keys as a pydantic ``Options`` model (unknown
keys are refused with the key's name) and implements ``read(cfg, options) -> Dataset``.
``format: auto`` asks each reader's ``sniff(path)`` in registration order. Add a format by
subclassing :class:`Reader` in ``data/<modality>.py`` and decorating it with
``@READERS.register("name")``: :func:`_load_builtin_readers` imports ``data/<modality>.py``
of every registered modality (:mod:`mednn.modalities`), whose spec lists its formats.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import ConfigError, DataError
from ..modalities import modality_names, modality_spec
from ..registry import Registry, import_stage_modules
from .base import Dataset, Task

READERS: Registry = Registry("data format")


class Reader:
    name: ClassVar[str] = ""
    modality: ClassVar[str] = "tabular"
    # generic readers (any table) are asked last by `format: auto`, after the specific ones
    # (a CSV with a SMILES column is a molecule file before it is a table)
    generic: ClassVar[bool] = False

    class Options(BaseModel):
        model_config = ConfigDict(extra="forbid")

    # the keys accepted when reading samples to predict (None: ``Options``); image readers take
    # every image key there, since images to predict may come in another layout than training's
    UnlabelledOptions: ClassVar[type[BaseModel] | None] = None

    @classmethod
    def sniff(cls, path: Path) -> bool:
        """True if this reader recognises ``path`` (used by ``format: auto``)."""
        return False

    @classmethod
    def holds_unlabelled(cls, path: Path) -> bool:
        """True if ``path``, which no reader's ``sniff`` claims, holds samples this reader reads
        to predict (a flat folder of images, one DICOM file): asked by ``format: auto`` without
        labels. The default claims nothing."""
        return False

    def read(self, cfg, options) -> Dataset:  # cfg: mednn.config.DataConfig
        raise NotImplementedError

    def options_for_run(self, options, cfg):
        """``options`` for reading a finished run's new samples (predict, evaluate), given the
        data config the run's featurizer settled (:meth:`Featurizer.reader_settings`). The
        default changes nothing; the table readers skip the screens the training data passed."""
        return options

    def read_unlabelled(self, cfg, options) -> Dataset:
        """Samples without labels, for ``mednn predict``: label columns may be absent and are
        not read; the targets are replaced by placeholders in :func:`read_dataset`.
        The default reads the labelled file (for formats whose labels cannot be absent)."""
        return self.read(cfg, options)


def _load_builtin_readers() -> None:
    import_stage_modules("data", modality_names())


def reader_for(cfg, *, labels: bool = True) -> Reader:
    """The reader of ``data.format``; ``auto`` asks each reader's ``sniff``. To predict
    (``labels=False``), a path no reader claims goes to the first reader whose
    ``holds_unlabelled`` does (the image folder reader: a flat folder, one image / DICOM /
    NIfTI file)."""
    fmt = _resolved(cfg)[0].format  # a .data table, a CSV of notes: by content (mednn.data.sniff)
    if fmt == "auto":
        path = Path(cfg.path)
        names = sorted(READERS.names(), key=lambda n: READERS.get(n).generic)
        for name in names:
            if READERS.get(name).sniff(path):
                fmt = name
                break
        else:
            claims = [n for n in names if not labels and READERS.get(n).holds_unlabelled(path)]
            if claims:
                return READERS.get(claims[0])()
            raise DataError(
                f"Cannot tell the format of {cfg.path}; fix: set data.format to one of "
                f"{', '.join(READERS.names())}"
            )
    return READERS.get(fmt)()


def resolved_data_config(cfg):
    """``data`` as a run should store it: ``format: auto`` replaced by what the file's content
    showed (a ``.data`` table's delimiter and header line, a CSV of notes' text columns), so that
    ``predict`` reads new files the same way without the training file at hand. A config that
    names its format, or a file a reader claims by its extension, comes back unchanged.

    The reader that claimed the file is stored by name too (``format: auto`` would be decided
    again from the training path, which a run read from another folder cannot see).

    >>> resolved_data_config(DataConfig(path="wisconsin.data", label="column_11")).options  # doctest: +SKIP
    {'delimiter': ',', 'header': False}
    """
    return resolve_data_config(cfg)[0]


def resolve_data_config(cfg):
    """(:func:`resolved_data_config`, the ``format_guessed`` finding or None): a caller that reads
    the resolved config passes the finding to :func:`with_guess`, so that the guess reaches the run's
    findings as it does ``inspect``'s (trial 9: train resolved first and lost it)."""
    resolved, guessed = _resolved(cfg)
    if resolved.format == "auto":
        resolved = resolved.model_copy(update={"format": reader_for(resolved).name})
    return resolved, guessed


def _resolved(cfg):
    """``format: auto`` resolved by content where no extension says it (:func:`mednn.data.sniff.resolve_format`)."""
    from .sniff import resolve_format

    _load_builtin_readers()
    return resolve_format(cfg, READERS)


def options_model(reader: Reader, labels: bool = True):
    """The model of the format keys ``reader`` takes for labelled (or unlabelled) records."""
    return reader.Options if labels or reader.UnlabelledOptions is None else reader.UnlabelledOptions


def check_format_keys(cfg, where=None) -> None:
    """Refuse a ``data`` key the format does not take (``data.lable``) before anything is read or
    written; ``where(dotted_key)`` names where the key was written (the config file, ``--set``)."""
    _validated_options(reader_for(cfg), cfg, where=where)


def _validated_options(reader: Reader, cfg, *, labels: bool = True, where=None):
    model = options_model(reader, labels)
    from ..config import check_strict

    check_strict(model, cfg.options, "data.")  # `true` is no number, NaN no size
    try:
        return model.model_validate(cfg.options)
    except ValidationError as exc:
        unknown = [e for e in exc.errors() if e["type"] == "extra_forbidden"]
        if len(unknown) > 1:  # every misspelled key at once: one edit, one rerun (trial 11)
            raise ConfigError(_unknown_options(reader, model, unknown, where)) from None
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        if where is not None:
            raise ConfigError(f"{where('data.' + str(err['loc'][0]))}: {_options_problem(reader, model, err, key, cfg.options)}"
                              ) from None
        raise ConfigError(_options_problem(reader, model, err, key, cfg.options)) from None


def _options_problem(reader: Reader, model, err, key: str, given=()) -> str:
    """The one line of a format key that does not fit (unknown: did-you-mean, or its format).
    ``given``: the format keys set, so that the format suggested reads them all (never a format
    whose reader then refuses another of them: text_columns with delimiter went round in a loop)."""
    if err["type"] != "extra_forbidden":
        return f"Key 'data.{key}': {err['msg']}; got {err.get('input')!r}"
    owners = [n for n in READERS.names() if key in READERS.get(n).Options.model_fields]
    if owners:  # data.text_columns under format csv: the key is right, the format is not
        where = f"Key 'data.{key}' is read by format {' / '.join(repr(o) for o in owners)}, not {reader.name!r}"
        others = [k for k in given if k != key and k in model.model_fields]
        fitting = [o for o in owners if all(k in READERS.get(o).Options.model_fields for k in others)]
        if not fitting:  # another key set is read by this format only: the two cannot go together
            apart = next(k for k in others if not any(k in READERS.get(o).Options.model_fields for o in owners))
            return f"{where}, and none of those reads data.{apart}; fix: remove data.{key} or data.{apart}"
        return f"{where}; fix: set data.format: {fitting[0]} as well (or remove data.{key})"
    close = _nearest_data_key(key, model)
    hint = f"did you mean 'data.{close}'? " if close else ""
    return (f"Unknown key 'data.{key}' for format {reader.name!r}; {hint}fix: remove it or check the "
            f"spelling ({_valid_data_keys(reader, model)})")


def _nearest_data_key(key: str, model) -> str | None:
    from ..config import DataConfig
    from ..strict_types import nearest_key

    return nearest_key(key, [*DataConfig.model_fields, *model.model_fields], cutoff=0.8)


def _valid_data_keys(reader: Reader, model) -> str:
    """Every key ``data`` takes: the data section's own (``label``) and the format's."""
    from ..config import DataConfig

    return (f"valid data keys: {', '.join(DataConfig.model_fields)}; for format {reader.name!r} also: "
            f"{', '.join(model.model_fields) or 'none'}")


def _unknown_options(reader: Reader, model, errors: list, where) -> str:
    """One line naming every unknown data key, each with its nearest valid key."""
    keys = [str(e["loc"][0]) for e in errors]
    listed = ", ".join(f"'data.{k}'" + (f" (did you mean 'data.{c}'?)" if (c := _nearest_data_key(k, model)) else "")
                       for k in keys)
    source = f"{where('data.' + keys[0])}: " if where is not None else ""
    return (f"{source}unknown keys {listed} for format {reader.name!r}; fix: remove them or check the spelling "
            f"({_valid_data_keys(reader, model)})")


def with_guess(dataset: Dataset, guessed) -> Dataset:
    """The format guess as the dataset's first finding, shown as a console line unless ``info``."""
    if guessed is not None:
        from .base import add_finding

        found: list = []
        add_finding(found, guessed)
        dataset.findings[:0] = found
    return dataset


def placeholder_targets(n: int, task: Task | None) -> np.ndarray:
    """Targets of samples without labels: int64 zeros (n,) for binary / multiclass, NaN float32
    (n, outputs) for multilabel / regression (and when the task is unknown)."""
    if task is not None and task.kind in ("binary", "multiclass"):
        return np.zeros(n, dtype=np.int64)
    width = len(task.class_names) if task is not None else 1
    return np.full((n, width), np.nan, dtype=np.float32)


def _screen_meta(dataset: Dataset, options) -> None:
    """Meta columns of every reader are screened as the table's are (issue 22): their values
    become subgroup rows of metrics.json and the report."""
    if dataset.meta:
        from .table_features import screen_meta_columns

        allowed = getattr(options, "allow_identifier_columns", None) or []
        screen_meta_columns(dataset.meta, allowed, dataset.source or "data")


def read_dataset(cfg, *, labels: bool = True, task: Task | None = None) -> Dataset:
    """Read the dataset a :class:`~mednn.config.DataConfig` describes.

    ``labels=False`` reads samples to predict: label columns may be absent (and are never
    read), and the targets are placeholders (:func:`placeholder_targets`). ``task`` (a
    finished run's :class:`Task`) codes the labels present against the run's classes, so a
    file where only one class occurs (a file of controls) reads as the run's binary task; a
    label outside them is a :class:`DataError` naming the column and the number of rows.
    With ``labels=False`` it gives the placeholders' shape and becomes the dataset's task.

    Images to predict are read from whatever the path holds (a flat folder, one file, a
    folder of DICOM series, a NIfTI file, a manifest without labels...) with the run's image
    options, so they come out in the training shape; see
    :func:`mednn.data.images.read_images_to_predict` for the ids.

    >>> run_data = run.config.data  # doctest: +SKIP
    >>> new = read_dataset(run_data.model_copy(update={"path": "new.csv"}), labels=False, task=run.task)  # doctest: +SKIP
    """
    cfg, guessed = _resolved(cfg)
    reader = reader_for(cfg, labels=labels)
    # the modalities whose readers derive patients with data.patient_from (mednn.data.patients)
    if cfg.patient_from is not None and not modality_spec(reader.modality).patient_from:
        raise ConfigError(f"data.patient_from is read from table and notes files, not by the {reader.name!r} reader; "
                          "fix: remove it (and set data.patient_column where the format has one)")
    options = _validated_options(reader, cfg, labels=labels)
    if task is not None:
        update: dict[str, Any] = {"task": task.kind, "positive_class": None}
        if task.kind != "regression":
            update["class_names"] = list(task.class_names)
        cfg = cfg.model_copy(update=update)
        options = reader.options_for_run(options, cfg)
    if labels:
        dataset = reader.read(cfg, options)
        _screen_meta(dataset, options)
        if task is not None:
            from .labels import recode_to_task

            dataset = recode_to_task(dataset, task)
        return with_guess(dataset, guessed)
    dataset = with_guess(reader.read_unlabelled(cfg, options), guessed)
    _screen_meta(dataset, options)
    dataset.targets = placeholder_targets(len(dataset), task)
    dataset.task = task if task is not None else Task("regression", ("unlabelled",))
    dataset.notes["unlabelled"] = True
    return dataset

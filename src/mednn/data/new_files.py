"""How a run reads a file it was not trained on (``mednn predict``, ``evaluate``, ``serve``): the
run's own reader settings (:func:`reader_config`), with the new file's format found by the
readers themselves (a ``.csv`` site file for a run trained on ``.arff``, a folder of PNGs for a
run trained on an ``.npz``, an SDF for a SMILES run) and the run's keys that format does not
take left out. The :class:`~mednn.predictor.Predictor` reads new data through it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def table_format_update(base, reader, path) -> tuple[dict[str, Any], list[str]]:
    """``(update, dropped keys)``: a table file in another table format than the run's (a ``.csv``
    site file for a run trained on ``.arff``) is read by its own format; the run's keys of another
    table format that this one does not take (``on_defective``, ``delimiter`` ...) are left out,
    also when ``--set data.format`` named the format (a misspelt key is still refused by the reader)."""
    from .readers import READERS
    from .table_readers import TableReader, table_format_of

    fmt = table_format_of(path, reader.name)
    tables = [READERS.get(n) for n in READERS.names() if issubclass(READERS.get(n), TableReader)]
    if READERS.get(fmt) not in tables:
        return {}, []
    accepted = READERS.get(fmt).Options.model_fields
    others = {k for cls in tables for k in cls.Options.model_fields}
    drop = [k for k in base.options if k not in accepted and k in others]
    return ({"format": fmt} if fmt != reader.name else {}), drop


def format_of(reader, path) -> str:
    """The format of the run's modality a new file is in, found by the readers themselves: the
    first format of the modality whose reader's ``sniff`` claims it (an ``.npz`` of MedMNIST
    arrays, a folder of IDX files or of class folders, an SDF, a SMILES table); for an image run a
    CSV / TSV manifest (:func:`~mednn.data.image_options.is_manifest`, as ``mednn predict`` reads
    one); the run's own format for anything else (a misnamed file is refused there)."""
    from .image_options import is_manifest
    from .readers import READERS
    from ..modalities import modality_spec

    path = Path(path)
    claimed = [name for name in modality_spec(reader.modality).formats if READERS.get(name).sniff(path)]
    if claimed:
        return claimed[0]
    return "image_csv" if reader.modality == "images" and is_manifest(path) else reader.name


def format_update(base, reader, path) -> tuple[dict[str, Any], list[str]]:
    """``(update, dropped keys)`` for a file in another format of the run's modality than the
    run's own (a manifest or a folder of PNGs for a run trained on an ``.npz``; an SDF for a run
    trained on a SMILES table, whose first line, a molecule's name, would read as a header: trial
    14): read by its own format; the run's keys that format does not take are left out; a
    manifest without ``data.label`` uses its column ``label`` when it has one."""
    from .readers import READERS

    fmt = format_of(reader, path)
    if fmt == reader.name or fmt not in READERS.names():
        return {}, []
    accepted = READERS.get(fmt).Options.model_fields
    update: dict[str, Any] = {"format": fmt}
    if fmt == "image_csv" and not base.labels and has_column(path, "label"):
        update["label"] = "label"
    return update, [k for k in base.options if k not in accepted]


def has_column(path, column: str) -> bool:
    from .limits import header_cells

    return column in header_cells(path, "\t" if str(path).lower().endswith(".tsv") else ",")


def reader_config(base, path: str | Path, fitted_settings: dict[str, Any], labels: bool = True):
    """The run's data config ``base`` made to read ``path``, a file the run was not trained on:
    its format found by the readers (:func:`format_update`, :func:`table_format_update`), the
    keys that format does not take left out, and ``fitted_settings`` (what the featurizer was
    fitted on: a table's columns, an image's shape and type) where the reader takes them."""
    from .readers import READERS, options_model, reader_for

    update: dict[str, Any] = {"path": str(path)}
    drop: list[str] = []
    reader = reader_for(base)
    if reader.name == "builtin":
        # trained on a built-in dataset: new records come as a table of the same columns
        from .builtin import builtin_label

        update.update(format="auto", label=builtin_label(str(base.path)))
    else:
        update["format"] = reader.name  # a label-free manifest is still a manifest, not a table
        changes, drop = table_format_update(base, reader, path)
        # unlabelled images are read whatever the path holds, by one reader for every image format
        if reader.modality == "molecules" or labels and reader.modality == "images":
            changes, drop = format_update(base, reader, path)
            reader = READERS.get(changes.get("format", reader.name))
        update.update(changes)
    # what the featurizer was fitted on: a table's columns, an image's shape and type, where the
    # run's reader takes such keys (a MedMNIST .npz has its own size and no data.size)
    settings = dict(fitted_settings)
    if settings and reader.name != "builtin":
        accepted = options_model(reader, labels).model_fields
        settings = {k: v for k, v in settings.items() if k in accepted or k in type(base).model_fields}
    update.update(settings)
    if not drop:
        return base.model_copy(update=update)
    kept = {k: v for k, v in base.model_copy(update=update).model_dump().items() if k not in drop}
    return type(base).model_validate(kept)

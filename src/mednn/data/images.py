"""Image readers of files on disk: one folder per class (``image_folder``) or a CSV manifest
(``image_csv``), each building an ``images`` :class:`Dataset`.

An image is a PNG / JPEG / TIFF / BMP, a DICOM file or series (a folder per series, windowed
from Hounsfield units) or a NIfTI ``.nii`` / ``.nii.gz`` volume (reoriented to canonical RAS),
decoded by :mod:`mednn.data.image_decoding`. With ``data.cache: <folder>`` they are decoded
once into a disk cache and stay on disk (:mod:`mednn.data.image_cache`).

The other image formats live in :mod:`mednn.data.image_arrays` (MNIST IDX, MedMNIST ``.npz``).
Images to predict (``read_dataset(cfg, labels=False)``, every image reader) are read from
whatever layout the path holds: :mod:`mednn.data.images_to_predict`.

Add a format by subclassing :class:`~mednn.data.readers.Reader` and registering it here or in a
module imported here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError, DataError, problem
from .base import Dataset
from .dicom_privacy import image_id, unlabelled_export_layout, unlabelled_export_problem
from . import image_checks  # noqa: F401  (registers the images data checks)
from .image_arrays import IdxReader, MedMnistReader, single_label_task
from .image_conform import conform_type
from .image_decoding import ignored_files_note, image_kind
from .image_files import load_images
from .image_options import MANIFEST_FIX, ImageCsvOptions, ImageOptions, PredictImageOptions
from .images_to_predict import options_like, read_images_to_predict, visible
from .labels import positive_by_name
from .limits import check_delimited_file, columns_for_message, unreadable_csv
from .readers import READERS, Reader

__all__ = ["ImageFolderReader", "ImageCsvReader", "image_kind", "options_like", "read_images_to_predict"]

_SPLIT_FOLDERS = {"train": "train", "training": "train", "val": "val", "valid": "val",
                  "validation": "val", "test": "test", "testing": "test"}



def _patients(paths: list[Path], kinds: list, notes: dict[str, Any]) -> np.ndarray | None:
    """DICOM images grouped by their header's PatientID (:mod:`.dicom_patients`), noted."""
    from .dicom_patients import dicom_patients

    groups, note = dicom_patients(paths, kinds)
    if note is not None:
        notes["patients"] = note
    return groups


@READERS.register("image_folder")
class ImageFolderReader(Reader):
    """One subfolder per class (``root/<class>/<image>``), optionally under split folders
    (``root/train/<class>/...``, ``root/test/<class>/...``). An entry that is a folder inside a
    class folder is one DICOM series. Class order: ``data.class_names`` or sorted names.
    """

    name = "image_folder"
    modality = "images"
    Options = ImageOptions

    @classmethod
    def sniff(cls, path: Path) -> bool:
        if not path.is_dir():
            return False
        if unlabelled_export_layout(path) is not None:  # a flat `mednn deid` export too: read() says why not
            return True
        subfolders = [p for p in visible(path) if p.is_dir()]
        return bool(subfolders) and not any(p.is_file() and image_kind(p) for p in visible(path))

    @classmethod
    def holds_unlabelled(cls, path: Path) -> bool:
        """Images to predict: one image / DICOM / NIfTI file, or a folder holding any."""
        if path.is_file():
            return image_kind(path) is not None
        if path.is_dir():
            return any(image_kind(p) is not None for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        return False

    def read(self, cfg, options: ImageOptions) -> Dataset:
        root = Path(cfg.path)
        if not root.is_dir():
            raise DataError(problem(f"Image folder {root} does not exist",
                                    fix="set data.path to a folder with one subfolder per class"))
        layout = unlabelled_export_layout(root)
        if layout is not None:  # study folders would be read as classes (issue 19)
            raise DataError(unlabelled_export_problem(root, layout))
        top = [p for p in visible(root) if p.is_dir()]
        if not top:
            raise DataError(problem(f"Image folder {root} has no class subfolders",
                                    fix="put each class's images in a subfolder named after it"))
        split_layout = all(p.name.lower() in _SPLIT_FOLDERS for p in top)
        parts = [(_SPLIT_FOLDERS[p.name.lower()], p) for p in top] if split_layout else [(None, root)]
        entries: list[tuple[str | None, str, Path]] = []
        ignored: list[str] = []
        for split, base in parts:
            for class_dir in (p for p in visible(base) if p.is_dir()):
                for item in visible(class_dir):
                    if image_kind(item) is None:
                        ignored.append(str(item.relative_to(root)))
                        continue
                    entries.append((split, class_dir.name, item))
        found = sorted({c for _, c, _ in entries})
        if cfg.class_names is not None:
            unknown = sorted(set(found) - set(cfg.class_names))
            if unknown:
                raise ConfigError(problem(f"{root} has class folder '{unknown[0]}' not in data.class_names",
                                          fix="add it to data.class_names or remove the folder"))
            names = list(cfg.class_names)
        else:
            names = found
            # "healthy" / "disease" sort the wrong way round: the name decides the positive class
            by_name = positive_by_name(names) if cfg.positive_class is None and cfg.task != "multiclass" else None
            if by_name is not None and by_name == names[0]:
                names = [names[1], names[0]]
        if len(names) < 2:
            raise DataError(problem(f"Image folder {root} has {len(names)} class(es) with images",
                                    expected="at least 2 class subfolders"))
        labels = np.array([names.index(c) for _, c, _ in entries], dtype=np.int64)
        task, targets = single_label_task(labels, source=str(root), task_kind=cfg.task,
                                          class_names=names, positive_class=cfg.positive_class)
        rel = [str(p.relative_to(root).as_posix()) for _, _, p in entries]
        images, kept, notes = load_images([p for _, _, p in entries], rel, options, str(root))
        if options.cache is None:
            images = conform_type(images, options.stored_type, notes)
        if ignored:
            notes["ignored"] = ignored_files_note(ignored)
        if task.kind == "binary":
            notes["positive_class"] = f"'{task.class_names[1]}' (data.class_names / data.positive_class / its name / last sorted)"
        split = np.array([entries[i][0] for i in kept], dtype=object) if split_layout else None
        kinds = [image_kind(entries[i][2]) for i in kept]
        groups = _patients([entries[i][2] for i in kept], kinds, notes)
        return Dataset(inputs=images, targets=targets[kept], task=task,
                       ids=np.array([image_id(rel[i], kind) for i, kind in zip(kept, kinds)], dtype=object),
                       split=split, groups=groups,
                       modality="images", source=str(root), notes=notes)


@READERS.register("image_csv")
class ImageCsvReader(Reader):
    """A CSV manifest: a path column (relative to the CSV's folder) and label column(s)
    (``data.label``), optional ``data.id_column``, ``patient_column``, ``meta_columns`` and
    ``data.split_column``. Paths may point at images, DICOM / NIfTI files or series folders.
    """

    name = "image_csv"
    modality = "images"
    Options = ImageCsvOptions

    def read(self, cfg, options: ImageCsvOptions) -> Dataset:
        import pandas as pd

        from .tabular import SPLIT_NAMES, _format_value, _targets

        path = Path(cfg.path)
        if not path.is_file():
            raise DataError(problem(f"Manifest {path} does not exist", fix="set data.path to the CSV file"))
        check_delimited_file(path)  # a giant line would exhaust memory inside pandas
        try:
            frame = pd.read_csv(path, dtype={options.path_column: str})
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            raise DataError(unreadable_csv(path, exc, "Manifest", fix=MANIFEST_FIX)) from None
        source = str(path)
        columns = [str(c) for c in frame.columns]
        needed = {"data.path_column": [options.path_column], "data.label": cfg.labels,
                  "data.meta_columns": list(cfg.meta_columns)}
        for key, col in (("data.id_column", cfg.id_column), ("data.patient_column", cfg.patient_column),
                         ("data.split_column", options.split_column)):
            if col is not None:
                needed[key] = [col]
        if not cfg.labels:
            raise DataError(problem(f"{source}: data.label is not set",
                                    fix=f"set data.label to the label column(s); {columns_for_message(columns)}"))
        for key, cols in needed.items():
            for col in cols:
                if col not in frame.columns:
                    raise DataError(problem(f"{source} has no column '{col}' (from {key})",
                                            got=columns_for_message(columns)))
        rows = np.arange(len(frame)) + 2  # 1-based file rows after the header
        empty = frame[options.path_column].isna().to_numpy()
        if empty.any():
            raise DataError(problem(f"{source}: path column '{options.path_column}' is empty in "
                                    f"{int(empty.sum())} row(s), first row {int(rows[empty][0])}"))
        notes: dict[str, Any] = {"format": "image_csv"}
        task, targets = _targets(frame, cfg.labels, cfg, rows, source, notes)
        rel = [str(v) for v in frame[options.path_column].tolist()]
        files = [(path.parent / r) if not Path(r).is_absolute() else Path(r) for r in rel]
        if cfg.id_column is not None:
            ids = np.array([_format_value(v) for v in frame[cfg.id_column].tolist()], dtype=object)
            if len(set(ids.tolist())) != len(ids):
                raise DataError(problem(f"{source}: id column '{cfg.id_column}' repeats ids",
                                        fix="make ids unique (repeated patients go in data.patient_column)"))
        else:
            ids = np.array([f"row-{r}" for r in rows], dtype=object)
        images, kept, load_notes = load_images(files, rel, options, source, ids=list(ids))
        notes.update(load_notes)
        if options.cache is None:
            images = conform_type(images, options.stored_type, notes)
        if cfg.patient_column is not None:
            groups = np.array([_format_value(v) for v in frame[cfg.patient_column].tolist()], dtype=object)[kept]
        else:
            groups = _patients([files[i] for i in kept], [image_kind(files[i]) for i in kept], notes)
        split = None
        if options.split_column is not None:
            raw = [SPLIT_NAMES.get(_format_value(v).strip().lower()) if not pd.isna(v) else None
                   for v in frame[options.split_column].tolist()]
            bad = [int(r) for r, v in zip(rows, raw) if v is None]
            if bad:
                raise DataError(problem(f"{source}: split column '{options.split_column}' has values other "
                                        f"than train/val/test in {len(bad)} row(s), first row {bad[0]}"))
            split = np.array(raw, dtype=object)[kept]
        meta = {name: frame[name].to_numpy()[kept] for name in cfg.meta_columns}
        return Dataset(inputs=images, targets=targets[kept], task=task, ids=ids[kept], groups=groups,
                       meta=meta, split=split, modality="images", source=source, notes=notes)


def _read_unlabelled(self, cfg, options) -> Dataset:
    """Images to predict, whatever the path holds: see :func:`read_images_to_predict`."""
    return read_images_to_predict(cfg, options)


for _reader in (IdxReader, MedMnistReader, ImageFolderReader, ImageCsvReader):
    _reader.UnlabelledOptions = PredictImageOptions
    _reader.read_unlabelled = _read_unlabelled

"""Images to predict (no labels): whatever layout the path holds, read with the run's options.

``read_dataset(cfg, labels=False)`` on any image format lands here
(:func:`read_images_to_predict`): a folder (flat or nested), DICOM series folders, one file,
a CSV manifest, an ``.npz`` or IDX files. The run's ``size``, ``color`` and DICOM settings
apply, so the images come out in the training layout.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError, problem
from .base import SPLITS, Dataset, Task
from .dicom_privacy import DEID_REPORT_NAME, image_id
from .image_arrays import _IDX_STEMS, _find_idx_file, channels_first, make_ids, read_idx
from .image_conform import conform_type, resize
from .image_decoding import is_dicom_file, check_rank, dicom_files, ignored_files_note, image_kind
from .image_files import load_images
from .image_options import MANIFEST_FIX, ImageCsvOptions, ImageOptions, is_manifest
from .limits import unreadable_csv


def visible(folder: Path) -> list[Path]:
    """The entries of ``folder`` that are not hidden, sorted by name."""
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def _series_folder(folder: Path, spatial: int | None = None) -> bool:
    """True when ``folder`` directly holds the slices of one DICOM series (one sample).

    ``spatial``: the run's number of spatial axes when its ``data.size`` says (2: DICOM files
    are 2D images, never a series; 3: a folder of DICOM files is a series); else a folder whose
    DICOM files share one SeriesInstanceUID is a series.
    """
    import pydicom

    files = [p for p in visible(folder) if p.is_file() and is_dicom_file(p)]
    if spatial == 2 or not files:
        return False
    if spatial == 3:
        return True
    if len(files) < 2:
        return False
    uids = set()
    for f in files:
        try:
            uids.add(str(pydicom.dcmread(f, stop_before_pixels=True).get("SeriesInstanceUID", "")))
        except Exception:  # an unreadable header: not a series; the file is reported when read
            return False
        if len(uids) > 1:
            return False
    return True


def _series_uids(files: list[Path]) -> list[tuple[str, str]]:
    """(StudyInstanceUID, SeriesInstanceUID) of each DICOM file's header (pixels not read)."""
    import pydicom

    out = []
    for f in files:
        try:
            ds = pydicom.dcmread(f, stop_before_pixels=True)
        except Exception:  # noqa: BLE001  (an unreadable header is reported when the file is read)
            continue
        out.append((str(ds.get("StudyInstanceUID", "")), str(ds.get("SeriesInstanceUID", ""))))
    return out


def _study_folder(folder: Path, spatial: int | None) -> bool:
    """True, for a 3D run, when ``folder`` holds no DICOM file itself but subfolders of DICOM
    files from one study (one series per subfolder): the study is one sample, scored through
    the series with the most slices (:func:`mednn.data.image_decoding.choose_series`)."""
    if spatial != 3 or any(p.is_file() and is_dicom_file(p) for p in visible(folder)):
        return False
    subfolders = [p for p in visible(folder) if p.is_dir()]
    firsts = [next((f for f in visible(d) if f.is_file() and is_dicom_file(f)), None) for d in subfolders]
    if len(subfolders) < 2 or any(f is None for f in firsts):
        return False
    return len({study for study, _ in _series_uids(firsts)}) == 1


def _series_notes(entries: list[Path], rel: list[str], notes: dict[str, Any]) -> None:
    """Which samples were studies of several series, and how many slices the scored one has
    (``rel``: the samples' ids)."""
    chosen = []
    for entry, name in zip(entries, rel):
        if not entry.is_dir():
            continue
        counts: dict[str, int] = {}
        for _, series in _series_uids(dicom_files(entry, depth=2)):
            counts[series] = counts.get(series, 0) + 1
        if len(counts) > 1:
            chosen.append({"id": name, "series": len(counts), "slices_scored": max(counts.values())})
    if chosen:
        notes["series_chosen"] = {"count": len(chosen), "studies": chosen[:20],
                                  "why": "a study with several series is scored through the series with the most "
                                         "slices (then the lowest SeriesNumber)"}


def _collect(folder: Path, root: Path, entries: list[Path], ignored: list[str], spatial: int | None) -> None:
    for item in visible(folder):
        if item.is_dir():
            if _series_folder(item, spatial) or _study_folder(item, spatial):
                entries.append(item)
            else:
                _collect(item, root, entries, ignored, spatial)
        elif image_kind(item) is not None:
            entries.append(item)
        else:
            ignored.append(item.relative_to(root).as_posix())


def _npz_images(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Images of an .npz (MedMNIST splits, an ``images`` / ``x`` array, or its only array)."""
    import zipfile

    try:
        archive = np.load(path, allow_pickle=False)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise DataError(problem(f"{path} is not a readable .npz archive", fix="pass a .npz of images")) from None
    if not isinstance(archive, np.lib.npyio.NpzFile):
        archive_files = {"images": archive}
        keys = ["images"]
    else:
        archive_files = archive
        keys = list(archive.files)
    try:
        split_keys = [f"{s}_images" for s in SPLITS if f"{s}_images" in keys]
        if split_keys:
            arrays = [(k.removesuffix("_images"), archive_files[k]) for k in split_keys]
        else:
            named = [k for k in ("images", "x", "X", "imgs") if k in keys]
            image_keys = named or [k for k in keys if "label" not in k.lower()]
            if len(image_keys) != 1:
                raise DataError(problem(f"{path} holds no single image array",
                                        got=f"keys {', '.join(sorted(keys))}",
                                        expected="train_images / test_images..., or one array named images"))
            arrays = [("image", archive_files[image_keys[0]])]
        images = [channels_first(np.asarray(x), f"{path} '{name}'") for name, x in arrays]
    except (ValueError, OSError, zipfile.BadZipFile, EOFError, zlib.error):
        raise DataError(problem(f"{path}: an image array is corrupt or pickled",
                                fix="re-create the file with numpy.savez")) from None
    finally:
        if isinstance(archive, np.lib.npyio.NpzFile):
            archive.close()
    if len({x.shape[1:] for x in images}) > 1:
        raise DataError(problem(f"Arrays of {path} differ in image shape"))
    ids = np.concatenate([make_ids(name, len(x)) for (name, _), x in zip(arrays, images)])
    return (np.concatenate(images) if len(images) > 1 else images[0]), ids


def _fit_array(images: np.ndarray, options: ImageOptions, source: str, notes: dict[str, Any]) -> np.ndarray:
    """An (n, C, ...) array brought to the run's channels and size."""
    from .image_conform import note_colour_mismatch, with_color

    # hidden from the run's OOD scorer by the conversion below: flagged (image_conform.to_run_colour)
    note_colour_mismatch(images, options.color, notes)
    images = with_color(images, options.color, axis=1)
    if options.size is not None:
        spatial = images.ndim - 2
        check_rank(spatial, options, source)
        target = tuple([int(options.size)] * spatial if isinstance(options.size, int) else options.size)
        if tuple(images.shape[2:]) != target:
            import torch

            images = resize(torch.from_numpy(np.ascontiguousarray(images)), target).numpy()
            notes["resized"] = {"count": int(len(images)), "to": list(target), "why": "data.size of the run"}
    return images


def read_images_to_predict(cfg, options: ImageOptions) -> Dataset:
    """Images to predict, from whatever ``cfg.path`` holds, read with the run's image options.

    ``cfg.path`` may be a folder of images (flat, or nested in any subfolders such as class
    or split folders, whose names are ignored), a folder of DICOM series (each subfolder whose
    DICOM files share one SeriesInstanceUID is one sample), a folder of NIfTI files, a single
    PNG / JPEG / TIFF / BMP, DICOM or NIfTI file, a CSV manifest (``data.path_column``; its
    label columns, if any, are not read), an ``.npz`` of images (MedMNIST split arrays or one
    array) or a folder of IDX image files. The run's ``size``, ``color``, DICOM windowing
    (``window_center`` / ``window_width`` / ``dicom_values``) and ``on_unreadable`` apply, so
    the images come out as in training when the run fixed them (pass ``size`` / ``color`` of
    the training images otherwise).

    ids: the file's path relative to the given folder (``"sub/img.png"``); the file name for a
    single file; for a DICOM file or series folder the keyed pseudonym ``dicom-<16 hex>`` of
    that relative path which runs and evaluations use (:func:`mednn.data.dicom_privacy.image_id`, under
    the run's key when read through its Predictor; docs/dicom-deid.md says how to map it back); for a manifest its ``data.id_column`` when
    the CSV has it, else ``"row-<n>"`` (file row, header = row 1); for arrays
    ``"<split>-<index>"`` as the ``medmnist`` / ``idx`` readers name them. Unreadable files
    follow ``on_unreadable``: ``skip`` lists them in ``notes["skipped"]`` (id, path, reason).
    """
    path = Path(cfg.path)
    notes: dict[str, Any] = {"format": "images to predict", "unlabelled": True}
    # images to predict (uploads to `serve` among them) are never written to the run's cache
    options = options.model_copy(update={"cache": None})
    if not path.exists():
        raise DataError(problem(f"{path} does not exist", fix="pass an image file or a folder of images"))
    if is_manifest(path):
        images, ids = _manifest_to_predict(cfg, options, path, notes)
    else:
        images, ids = _arrays_to_predict(path, options, notes) or _files_to_predict(path, options, notes)
    return predict_dataset(images, ids, str(path), notes, options.stored_type)


def predict_dataset(images: np.ndarray, ids, source: str, notes: dict[str, Any],
                    stored_type: str | None = None) -> Dataset:
    """Unlabelled images (files read from disk, or uploads to ``mednn serve``) as a Dataset,
    brought to the run's stored type (``data.stored_type``)."""
    images = conform_type(images, stored_type, notes)
    return Dataset(inputs=images, targets=np.full((len(images), 1), np.nan, dtype=np.float32),
                   task=Task("regression", ("unlabelled",)), ids=np.asarray(ids, dtype=object),
                   modality="images", source=source, notes=notes)


def _arrays_to_predict(path: Path, options, notes: dict[str, Any]) -> tuple[np.ndarray, np.ndarray] | None:
    """Images of an ``.npz`` or a folder of IDX files, brought to the run's channels and size."""
    if path.is_file() and path.suffix.lower() == ".npz":
        images, ids = _npz_images(path)
        return _fit_array(images, options, str(path), notes), ids
    idx_stems = [_IDX_STEMS[(s, "images")] for s in ("train", "test")]
    if not (path.is_dir() and any(_find_idx_file(path, stems) for stems in idx_stems)):
        return None
    arrays, ids = [], []
    for split, stems in zip(("train", "test"), idx_stems):
        parts = _find_idx_file(path, stems)
        if parts is not None:
            arrays.append(read_idx(parts, "images"))
            ids.append(make_ids(split, len(arrays[-1])))
    return _fit_array(np.concatenate(arrays), options, str(path), notes), np.concatenate(ids)


def _files_to_predict(path: Path, options, notes: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """One image file, one series or study folder, or every image under a folder."""
    spatial = len(options.size) if isinstance(options.size, list) else None
    if path.is_file():
        if image_kind(path) is None:
            raise DataError(problem(f"{path} is not an image file", expected="PNG, JPEG, TIFF, BMP, DICOM, "
                                    "NIfTI, an .npz of images, a CSV manifest or a folder of images"))
        files, rel = [path], [path.name]
    elif ((_series_folder(path, spatial) and not any(p.is_dir() for p in visible(path)))
          or _study_folder(path, spatial)):
        files, rel = [path], [path.name]
    else:
        files, ignored = [], []
        _collect(path, path, files, ignored, spatial)
        ignored = [f for f in ignored if f != DEID_REPORT_NAME]  # mednn deid's own record (trial 16)
        if ignored:
            notes["ignored"] = ignored_files_note(ignored)
        if not files:
            raise DataError(problem(f"{path} holds no image files",
                                    expected="PNG, JPEG, TIFF, BMP, DICOM or NIfTI files, or DICOM series folders"))
        rel = [p.relative_to(path).as_posix() for p in files]
    # DICOM files and series are named as the run and its evaluations name them: a keyed pseudonym
    # of the path relative to the folder given (exports are often filed under the patient's name)
    ids = [image_id(r, image_kind(f)) for r, f in zip(rel, files)]
    if spatial == 3:
        _series_notes(files, ids, notes)
    images, kept, load_notes = load_images(files, rel, options, str(path), ids=ids)
    notes.update(load_notes)
    return images, np.array([ids[i] for i in kept], dtype=object)


def _manifest_to_predict(cfg, options: ImageCsvOptions, path: Path,
                         notes: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    import pandas as pd

    from .tabular import _format_value

    try:
        frame = pd.read_csv(path, sep="\t" if path.suffix.lower() == ".tsv" else ",",
                            dtype={options.path_column: str})
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataError(unreadable_csv(path, exc, "Manifest", fix=MANIFEST_FIX)) from None
    if options.path_column not in frame.columns:
        columns = [str(c) for c in frame.columns]
        raise DataError(problem(f"{path} has no column '{options.path_column}' (from data.path_column)",
                                got=f"columns {', '.join(columns[:12])}",
                                fix="set data.path_column to the column of image paths"))
    if len(frame) == 0:
        raise DataError(f"{path}: the manifest has no rows; fix: list the images to predict")
    rows = np.arange(len(frame)) + 2
    empty = frame[options.path_column].isna().to_numpy()
    if empty.any():
        raise DataError(problem(f"{path}: path column '{options.path_column}' is empty in "
                                f"{int(empty.sum())} row(s), first row {int(rows[empty][0])}"))
    rel = [str(v) for v in frame[options.path_column].tolist()]
    files = [(path.parent / r) if not Path(r).is_absolute() else Path(r) for r in rel]
    if cfg.id_column is not None and cfg.id_column in frame.columns:
        ids = np.array([_format_value(v) for v in frame[cfg.id_column].tolist()], dtype=object)
    else:
        ids = np.array([f"row-{r}" for r in rows], dtype=object)
    images, kept, load_notes = load_images(files, rel, options, str(path), ids=list(ids))
    notes.update(load_notes)
    ignored = [str(c) for c in frame.columns if c != options.path_column and c != cfg.id_column]
    if ignored:
        notes["ignored_columns"] = ignored
    return images, ids[kept]


def options_like(shape, dtype: str | None = None) -> dict[str, Any]:
    """Data keys that make images to predict come out with a training image's shape
    ``(C, *spatial)`` (e.g. the image featurizer's ``source_shape_``) and stored type ``dtype``
    (its ``dtype_``), for runs whose config did not fix ``data.size`` / ``data.color``.

    >>> cfg = run_data.model_copy(update={"path": "new/", **options_like((1, 28, 28))})  # doctest: +SKIP
    >>> options_like((3, 64, 64))
    {'size': [64, 64], 'color': 'rgb'}
    """
    channels, spatial = int(shape[0]), [int(s) for s in shape[1:]]
    out: dict[str, Any] = {"size": spatial}
    if dtype in ("uint8", "uint16", "float32"):
        out["stored_type"] = dtype
    if channels in (1, 3):
        out["color"] = "gray" if channels == 1 else "rgb"
    return out


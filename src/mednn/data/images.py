"""Image readers: one class per format, each building an ``images`` :class:`Dataset`.

Inputs are NumPy arrays of shape (n, C, H, W) for 2D or (n, C, D, H, W) for 3D, kept as
``uint8`` where the source is 8-bit (MNIST, MedMNIST) so that large sets stay small in
memory; the image featurizer normalises them per batch. Formats registered here:

- ``idx``: MNIST IDX files (raw, ``.gz``, or a ``.gz`` split into ``.part00``, ``.part01``...).
- ``medmnist``: MedMNIST ``.npz`` (2D gray / RGB, 3D), with the file's own train/val/test split.
- ``image_folder`` / ``image_csv``: images in one folder per class, or listed in a CSV; an
  image is a PNG / JPEG / TIFF / BMP, a DICOM file or series (a folder per series, windowed
  from Hounsfield units) or a NIfTI ``.nii`` / ``.nii.gz`` volume (reoriented to canonical RAS).
  With ``data.cache: <folder>`` they are decoded once into a disk cache and stay on disk
  (:mod:`mednn.data.image_cache`), for sets larger than memory.

Images to predict (``read_dataset(cfg, labels=False)``, every image reader) are read from
whatever layout the path holds, with the run's image options: :func:`read_images_to_predict`.

Add a format by subclassing :class:`~mednn.data.readers.Reader` here and registering it.
"""

from __future__ import annotations

import gzip
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from ..errors import ConfigError, DataError, problem
from .image_limits import ImageTooLarge, check_pixels
from .base import SPLITS, Dataset, Task
from .dicom_privacy import burned_in_reason, image_id
from .labels import positive_by_name
from .limits import check_delimited_file, columns_for_message
from .readers import READERS, Reader

# ---------------------------------------------------------------------------------------------
# shared helpers


def make_ids(split: str, n: int) -> np.ndarray:
    """Sample ids ``"<split>-00000"``... (0-based row of the sample in its file)."""
    width = max(5, len(str(max(n - 1, 0))))
    return np.array([f"{split}-{i:0{width}d}" for i in range(n)], dtype=object)


def single_label_task(
    labels: np.ndarray,
    *,
    source: str,
    task_kind: str | None,
    class_names: list[str] | None,
    positive_class: str | None,
) -> tuple[Task, np.ndarray]:
    """Task and int64 targets for integer class labels 0..k-1 (binary if k == 2).

    The number of classes comes from ``class_names`` when given, else from the largest label.
    A ``positive_class`` naming class 0 of a binary task swaps the two classes.
    """
    if labels.dtype.kind == "f":
        if not np.all(np.isfinite(labels)) or not np.all(labels == np.round(labels)):
            raise DataError(problem(f"Labels of {source} are not whole class numbers",
                                    expected="integers 0..k-1", fix="store class indices"))
    elif labels.dtype.kind not in "iub":
        raise DataError(problem(f"Labels of {source} are not numeric", got=str(labels.dtype),
                                expected="integer class indices 0..k-1"))
    targets = labels.astype(np.int64)
    if targets.size and targets.min() < 0:
        raise DataError(problem(f"Labels of {source} include negative class numbers",
                                expected="class indices 0..k-1"))
    top = int(targets.max()) if targets.size else 0
    if class_names is not None:
        names = [str(c) for c in class_names]
        if len(set(names)) != len(names):
            raise ConfigError(f"data.class_names of {source} repeats a name; fix: give each class one name")
        if top >= len(names):
            raise ConfigError(problem(
                f"Labels of {source} go up to {top} but data.class_names lists {len(names)} classes",
                fix=f"give {top + 1} class names"))
    else:
        names = [str(i) for i in range(max(top + 1, 2))]
    kind = task_kind or ("binary" if len(names) == 2 else "multiclass")
    if kind not in ("binary", "multiclass"):
        raise ConfigError(problem(f"data.task {kind!r} does not fit the single-label file {source}",
                                  expected="binary or multiclass"))
    if kind == "binary" and len(names) != 2:
        raise ConfigError(problem(f"data.task is binary but {source} has {len(names)} classes",
                                  fix="set data.task: multiclass"))
    if positive_class is not None:
        if kind != "binary" or positive_class not in names:
            raise ConfigError(problem(f"data.positive_class {positive_class!r} is not a class of {source}",
                                      expected=f"one of its {len(names)} classes (binary tasks only)"))
        if positive_class == names[0]:
            names = [names[1], names[0]]
            targets = 1 - targets
    return Task(kind, tuple(names)), targets


# ---------------------------------------------------------------------------------------------
# IDX (MNIST)

_IDX_MAGIC = {"images": 0x00000803, "labels": 0x00000801}
_IDX_STEMS = {
    ("train", "images"): ("train-images-idx3-ubyte", "train-images.idx3-ubyte"),
    ("train", "labels"): ("train-labels-idx1-ubyte", "train-labels.idx1-ubyte"),
    ("test", "images"): ("t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte"),
    ("test", "labels"): ("t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte"),
}
_PART = re.compile(r"\.part(\d+)$")


def _find_idx_file(folder: Path, stems: tuple[str, ...]) -> list[Path] | None:
    """The file (or ordered parts of one file) holding one IDX array, or None if absent."""
    for stem in stems:
        for suffix in ("", ".gz"):
            path = folder / (stem + suffix)
            if path.is_file():
                return [path]
        for suffix in (".gz", ""):
            parts = [p for p in folder.glob(stem + suffix + ".part*") if _PART.search(p.name)]
            if parts:
                parts.sort(key=lambda p: int(_PART.search(p.name).group(1)))
                numbers = [int(_PART.search(p.name).group(1)) for p in parts]
                if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
                    raise DataError(problem(f"Split file {stem}{suffix} in {folder} misses a part",
                                            got=f"parts {numbers}", expected="consecutive part numbers"))
                return parts
    return None


def _read_maybe_gzip(parts: list[Path]) -> bytes:
    """Concatenate the parts and gunzip when the bytes start with the gzip magic."""
    data = b"".join(p.read_bytes() for p in parts)
    name = parts[0].name if len(parts) == 1 else f"{parts[0].name} (+{len(parts) - 1} parts)"
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (EOFError, OSError, zlib.error):
            raise DataError(problem(f"Gzip file {name} in {parts[0].parent} is truncated or corrupt",
                                    fix="download it again (and check all .partNN files are present)")) from None
    return data


def read_idx(parts: list[Path], kind: Literal["images", "labels"]) -> np.ndarray:
    """Read one IDX array: images -> uint8 (n, 1, rows, cols), labels -> uint8 (n,)."""
    data = _read_maybe_gzip(parts)
    path = parts[0] if len(parts) == 1 else parts[0].with_name(_PART.sub("", parts[0].name))
    header = 16 if kind == "images" else 8
    if len(data) < header:
        raise DataError(problem(f"IDX file {path} is truncated: shorter than its {header}-byte header",
                                got=f"{len(data)} bytes"))
    magic = int.from_bytes(data[0:4], "big")
    if magic != _IDX_MAGIC[kind]:
        raise DataError(problem(f"IDX file {path} does not hold {kind}: wrong magic number",
                                got=f"0x{magic:08x}", expected=f"0x{_IDX_MAGIC[kind]:08x}",
                                fix="check the file name matches its content"))
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range((header - 4) // 4)]
    expected = header + int(np.prod(dims))
    if len(data) != expected:
        state = "truncated" if len(data) < expected else "longer than its header says"
        raise DataError(problem(f"IDX file {path} is {state}", got=f"{len(data)} bytes",
                                expected=f"{expected} bytes for shape {tuple(dims)}",
                                fix="download the file again"))
    # np.frombuffer over bytes is read-only; one copy makes it writable for torch.from_numpy
    array = np.frombuffer(data, dtype=np.uint8, offset=header).copy()
    return array.reshape(dims[0], 1, dims[1], dims[2]) if kind == "images" else array


@READERS.register("idx")
class IdxReader(Reader):
    """MNIST IDX files in one folder: train-* and/or t10k-* images and labels.

    >>> ds = IdxReader().read(DataConfig(format="idx", path="mnist"), IdxReader.Options())  # doctest: +SKIP
    >>> ds.inputs.shape, ds.task.kind
    ((70000, 1, 28, 28), 'multiclass')
    """

    name = "idx"
    modality = "images"

    class Options(BaseModel):
        model_config = ConfigDict(extra="forbid")

    @classmethod
    def sniff(cls, path: Path) -> bool:
        return path.is_dir() and any(
            _find_idx_file(path, _IDX_STEMS[(s, "images")]) for s in ("train", "test")
        )

    def read(self, cfg, options) -> Dataset:
        folder = Path(cfg.path)
        if not folder.is_dir():
            raise DataError(problem(f"MNIST folder {folder} does not exist",
                                    fix="set data.path to the folder holding the IDX files"))
        if cfg.task not in (None, "multiclass"):
            raise ConfigError(problem(f"data.task {cfg.task!r} does not fit MNIST digits",
                                      expected="multiclass (or leave it unset)"))
        inputs, targets, ids, splits = [], [], [], []
        for split in ("train", "test"):
            image_file = _find_idx_file(folder, _IDX_STEMS[(split, "images")])
            label_file = _find_idx_file(folder, _IDX_STEMS[(split, "labels")])
            if image_file is None and label_file is None:
                continue
            if image_file is None or label_file is None:
                missing = _IDX_STEMS[(split, "images" if image_file is None else "labels")][0]
                raise DataError(problem(f"{folder} has the {split} "
                                        f"{'labels' if image_file is None else 'images'} but not {missing}(.gz)",
                                        fix="add the missing file"))
            images = read_idx(image_file, "images")
            labels = read_idx(label_file, "labels")
            if len(images) != len(labels):
                raise DataError(problem(f"{split} images and labels in {folder} differ in count",
                                        got=f"{len(images)} images, {len(labels)} labels"))
            if labels.size and labels.max() > 9:
                raise DataError(problem(f"{split} labels in {folder} are not digits",
                                        got=f"{int((labels > 9).sum())} labels above 9", expected="0..9"))
            inputs.append(images)
            targets.append(labels.astype(np.int64))
            ids.append(make_ids(split, len(images)))
            splits.append(np.full(len(images), split, dtype=object))
        if not inputs:
            raise DataError(problem(f"{folder} holds no MNIST IDX files",
                                    expected="train-images-idx3-ubyte(.gz) and train-labels-idx1-ubyte(.gz)"))
        if len({x.shape[1:] for x in inputs}) > 1:
            raise DataError(f"Train and test images in {folder} differ in size")
        return Dataset(
            inputs=np.concatenate(inputs) if len(inputs) > 1 else inputs[0],
            targets=np.concatenate(targets),
            task=Task("multiclass", tuple(str(d) for d in range(10))),
            ids=np.concatenate(ids),
            split=np.concatenate(splits),
            modality="images",
            source=str(folder),
        )


# ---------------------------------------------------------------------------------------------
# MedMNIST .npz


def channels_first(images: np.ndarray, source: str) -> np.ndarray:
    """(N,H,W) -> (N,1,H,W); (N,H,W,3) -> (N,3,H,W); (N,D,H,W) -> (N,1,D,H,W)."""
    if images.ndim == 3:
        return images[:, None]
    if images.ndim == 4 and images.shape[-1] in (3, 4) and images.shape[1] > 4:
        return np.ascontiguousarray(images[..., :3].transpose(0, 3, 1, 2))
    if images.ndim == 4:
        return images[:, None]
    if images.ndim == 5 and images.shape[-1] in (1, 3):
        return np.ascontiguousarray(np.moveaxis(images, -1, 1))
    raise DataError(problem(f"Images in {source} have an unsupported shape", got=images.shape,
                            expected="(N,H,W), (N,H,W,3) or (N,D,H,W)"))


@READERS.register("medmnist")
class MedMnistReader(Reader):
    """A MedMNIST ``.npz``: ``{train,val,test}_{images,labels}``, 2D or 3D, gray or RGB; or
    an ``.npz`` of one unsplit pool (``images`` + ``labels``, or ``x`` + ``y``) that
    ``split`` cuts like a table.

    Labels (N, 1) give a binary (2 classes) or multiclass task; (N, L) a multilabel one.
    """

    name = "medmnist"
    modality = "images"

    class Options(BaseModel):
        model_config = ConfigDict(extra="forbid")

    @classmethod
    def sniff(cls, path: Path) -> bool:
        if path.suffix.lower() != ".npz" or not path.is_file():
            return False
        import zipfile

        try:
            with zipfile.ZipFile(path) as z:
                names = {n.removesuffix(".npy") for n in z.namelist()}
        except (zipfile.BadZipFile, OSError):
            return False
        return "train_images" in names or _pool_keys(names) is not None

    def read(self, cfg, options) -> Dataset:
        import zipfile

        path = Path(cfg.path)
        if not path.is_file():
            raise DataError(problem(f"MedMNIST file {path} does not exist",
                                    fix="set data.path to the .npz file"))
        try:
            archive = np.load(path, allow_pickle=False)
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            raise DataError(problem(f"{path} is not a readable .npz archive",
                                    fix="pass a MedMNIST .npz file (download it again if truncated)")) from None
        if not isinstance(archive, np.lib.npyio.NpzFile):
            raise DataError(problem(f"{path} is a single .npy array, not an .npz archive",
                                    expected="keys train_images, train_labels, ..."))
        with archive:
            keys = set(archive.files)
            images, labels, splits = [], [], []
            for split in SPLITS:
                ikey, lkey = f"{split}_images", f"{split}_labels"
                if ikey not in keys and lkey not in keys:
                    continue
                if ikey not in keys or lkey not in keys:
                    missing = ikey if ikey not in keys else lkey
                    raise DataError(problem(f"{path} lacks the key '{missing}'",
                                            got=f"keys {', '.join(sorted(keys))}"))
                x, y = _image_label_pair(archive, path, ikey, lkey)
                images.append(x)
                labels.append(y)
                splits.append(np.full(len(x), split, dtype=object))
            pool = _pool_keys(keys) if not images else None
            if pool is not None:  # one pool of images + labels: data.split cuts it
                x, y = _image_label_pair(archive, path, *pool)
                images.append(x)
                labels.append(y)
        if not images:
            raise DataError(problem(f"{path} has no MedMNIST arrays",
                                    got=f"keys {', '.join(sorted(keys)) or 'none'}",
                                    expected="train_images, train_labels, val_*, test_*, or one pair "
                                             "images + labels"))
        if len({x.shape[1:] for x in images}) > 1:
            raise DataError(problem(f"Splits of {path} differ in image shape",
                                    got=", ".join(str(x.shape[1:]) for x in images)))
        if len({y.shape[1] for y in labels}) > 1:
            raise DataError(f"Splits of {path} differ in the number of label columns")
        y = np.concatenate(labels)
        split = np.concatenate(splits) if splits else None
        source = str(path)
        if y.shape[1] == 1 and cfg.task != "multilabel":
            task, targets = single_label_task(y[:, 0], source=source, task_kind=cfg.task,
                                              class_names=cfg.class_names,
                                              positive_class=cfg.positive_class)
        else:
            task, targets = _multilabel(y, source, cfg.task, cfg.class_names)
        if split is None:
            ids = make_ids("image", len(y))
        else:
            ids = np.concatenate([make_ids(s, int((split == s).sum())) for s in SPLITS if (split == s).any()])
        return Dataset(
            inputs=np.concatenate(images) if len(images) > 1 else images[0],
            targets=targets,
            task=task,
            ids=ids,
            split=split,
            modality="images",
            source=source,
        )


# an .npz of one pool of images with their labels (no split of its own): (images, labels) keys
POOL_KEYS = (("images", "labels"), ("x", "y"), ("X", "y"), ("imgs", "labels"))


def _image_label_pair(archive, path: Path, ikey: str, lkey: str) -> tuple[np.ndarray, np.ndarray]:
    """One array of uint8 images (channels first) and its labels (n, k) from an .npz archive."""
    import zipfile

    try:
        x, y = archive[ikey], archive[lkey]
    except (ValueError, OSError, zipfile.BadZipFile, EOFError, zlib.error):
        raise DataError(problem(f"{path}: array '{ikey}' or '{lkey}' is corrupt or pickled",
                                fix="re-create the file with numpy.savez")) from None
    if len(x) != len(y):
        raise DataError(problem(f"{path}: '{ikey}' and '{lkey}' differ in length",
                                got=f"{len(x)} images, {len(y)} labels"))
    if x.dtype != np.uint8:
        raise DataError(problem(f"{path}: '{ikey}' is not 8-bit", got=str(x.dtype), expected="uint8 as in MedMNIST",
                                fix="save the images as uint8 (0-255)"))
    return channels_first(x, f"{path} '{ikey}'"), (y.reshape(len(y), 1) if y.ndim == 1 else y.reshape(len(y), -1))


def _pool_keys(keys) -> tuple[str, str] | None:
    """The (images, labels) key pair of an .npz holding one unsplit pool, if it has one."""
    return next(((i, lab) for i, lab in POOL_KEYS if i in keys and lab in keys), None)


def _multilabel(y: np.ndarray, source: str, task_kind: str | None,
                class_names: list[str] | None) -> tuple[Task, np.ndarray]:
    if task_kind not in (None, "multilabel"):
        raise ConfigError(problem(f"data.task {task_kind!r} does not fit {source}, which has "
                                  f"{y.shape[1]} label columns", expected="multilabel"))
    values = np.unique(y[~np.isnan(y)] if y.dtype.kind == "f" else y)
    if not np.isin(values, (0, 1)).all():
        raise DataError(problem(f"Multilabel labels of {source} are not 0/1", expected="0 or 1 per label"))
    names = [str(c) for c in class_names] if class_names is not None else [str(j) for j in range(y.shape[1])]
    if len(names) != y.shape[1]:
        raise ConfigError(problem(f"data.class_names lists {len(names)} names but {source} has "
                                  f"{y.shape[1]} labels", fix=f"give {y.shape[1]} names"))
    return Task("multilabel", tuple(names)), y.astype(np.float32)


# ---------------------------------------------------------------------------------------------
# single images: PNG / JPEG / TIFF (pillow), DICOM (pydicom), NIfTI (nibabel)

PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")
DICOM_SUFFIXES = (".dcm", ".dicom")
NIFTI_SUFFIXES = (".nii", ".nii.gz")


class Unreadable(Exception):
    """One file could not be read; the message says why (never its pixel values)."""


class ImageOptions(BaseModel):
    """Format keys shared by ``image_folder`` and ``image_csv`` (``data.<key>``)."""

    model_config = ConfigDict(extra="forbid")

    size: int | list[int] | None = None  # resize every image; None: the most common shape
    color: Literal["auto", "gray", "rgb"] = "auto"
    on_unreadable: Literal["fail", "skip"] = "fail"
    window_center: float | None = None  # DICOM window (Hounsfield units); default from tags
    window_width: float | None = None
    dicom_values: Literal["windowed", "hounsfield"] = "windowed"
    # train on DICOM whose header says BurnedInAnnotation YES (off: such files are refused)
    allow_burned_in: bool = False
    # a folder for a disk cache of the decoded images (mednn.data.image_cache): training
    # streams batches from it instead of holding the set in memory; None keeps it in memory
    cache: str | None = None


def _is_dicom_file(path: Path) -> bool:
    if path.name.lower().endswith(DICOM_SUFFIXES):
        return True
    try:
        with open(path, "rb") as f:
            f.seek(128)
            return f.read(4) == b"DICM"
    except OSError:
        return False


def image_kind(path: Path) -> str | None:
    """"picture" / "dicom" / "nifti" / "series" (a folder of DICOM slices), or None."""
    name = path.name.lower()
    if path.is_dir():
        return "series"
    if name.endswith(PICTURE_SUFFIXES):
        return "picture"
    if name.endswith(NIFTI_SUFFIXES):
        return "nifti"
    if _is_dicom_file(path):
        return "dicom"
    return None


def read_picture(path: str | Path, color: str = "auto") -> np.ndarray:
    """A PNG / JPEG / TIFF / BMP as (C, H, W): uint8, uint16 for 16-bit, float32 for float TIFF.

    ``color="auto"`` keeps gray images (and RGB ones whose channels are equal) as one channel.
    """
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the size is checked here
            image = Image.open(path)
    except Image.DecompressionBombError:
        raise ImageTooLarge(problem(f"{_name(path)} declares more pixels than mednn decodes",
                                    fix="downsample or crop the image first")) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise Unreadable(f"not a readable image ({type(exc).__name__})") from None
    try:
        with image:
            check_pixels(image.size, _name(path))  # from the header, before decoding (one frame is read)
            image.load()
            mode = image.mode
            if mode.startswith("I;16") or mode in ("I", "F"):
                array = np.asarray(image)
                if mode == "F":
                    array = array.astype(np.float32)
                elif mode == "I" and (array.min() < 0 or array.max() > 65535):
                    array = array.astype(np.float32)
                else:
                    array = array.astype(np.uint16)
                array = array[None]
                if color == "rgb":
                    array = np.repeat(array, 3, axis=0)
                return array
            if color == "gray" or (color == "auto" and mode in ("1", "L", "LA")):
                return np.asarray(image.convert("L"))[None]
            array = np.asarray(image.convert("RGB")).transpose(2, 0, 1)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise Unreadable(f"not a readable image ({type(exc).__name__})") from None
    if color == "auto" and (array[0] == array[1]).all() and (array[0] == array[2]).all():
        return np.ascontiguousarray(array[:1])  # gray stored as RGB (common for X-ray JPEGs)
    return np.ascontiguousarray(array)


def _name(path) -> str:
    """A file's name for messages (uploads read from memory have none)."""
    return Path(path).name if isinstance(path, (str, Path)) and str(path) else "the image"


def _dicom_dataset(path: Path):
    import pydicom
    from pydicom.errors import InvalidDicomError

    try:
        return pydicom.dcmread(path)
    except (InvalidDicomError, OSError, EOFError, ValueError, KeyError, TypeError) as exc:
        raise Unreadable(f"not a readable DICOM file ({type(exc).__name__})") from None


def _dicom_pixels(ds) -> np.ndarray:
    if "PixelData" not in ds:
        raise Unreadable("the DICOM file holds no image (no Pixel Data element)")
    declared = [ds.get(k) for k in ("NumberOfFrames", "Rows", "Columns", "SamplesPerPixel")]
    try:
        check_pixels([int(v) if v not in (None, "") else 1 for v in declared], _name(getattr(ds, "filename", None)))
    except (TypeError, ValueError):
        raise Unreadable("its image size tags (Rows, Columns, NumberOfFrames) are not numbers") from None
    syntax = getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", None)
    try:
        return ds.pixel_array
    except (RuntimeError, NotImplementedError) as exc:
        name = getattr(syntax, "name", str(syntax))
        if syntax is not None and getattr(syntax, "is_compressed", False):
            raise Unreadable(f"compressed transfer syntax '{name}' is not supported by the installed "
                             "decoders; fix: pip install pylibjpeg pylibjpeg-libjpeg (or gdcm), or "
                             "decompress the files (e.g. dcmdjpeg)") from None
        raise Unreadable(f"cannot decode its pixel data ({type(exc).__name__})") from None
    except (ValueError, AttributeError, TypeError) as exc:
        raise Unreadable(f"its pixel data is truncated or inconsistent ({type(exc).__name__})") from None


def dicom_hounsfield(ds, pixels: np.ndarray | None = None) -> np.ndarray:
    """Modality values (Hounsfield units for CT): ``pixels * RescaleSlope + RescaleIntercept``."""
    pixels = _dicom_pixels(ds) if pixels is None else pixels
    slope = float(ds.get("RescaleSlope", 1) or 1)
    intercept = float(ds.get("RescaleIntercept", 0) or 0)
    return pixels.astype(np.float32) * np.float32(slope) + np.float32(intercept)


def _first(value) -> float | None:
    if value is None:
        return None
    try:
        return float(value[0]) if hasattr(value, "__len__") and not isinstance(value, str) else float(value)
    except (TypeError, ValueError, IndexError):
        return None


def apply_window(values: np.ndarray, center: float | None, width: float | None) -> np.ndarray:
    """Map values to uint8 through a window (centre, width); without one, the value range."""
    if center is None or width is None or width <= 0:
        low, high = float(np.min(values)), float(np.max(values))
    else:
        low, high = center - width / 2, center + width / 2
    scaled = (values.astype(np.float32) - low) / max(high - low, 1e-6)
    return np.round(np.clip(scaled, 0.0, 1.0) * 255).astype(np.uint8)


def _dicom_to_array(datasets: list, options: ImageOptions) -> np.ndarray:
    """Slices of one image or series (already ordered) -> (C, H, W) or (C, D, H, W)."""
    refused = burned_in_reason(datasets, options.allow_burned_in)
    if refused is not None:
        raise Unreadable(refused)
    first = datasets[0]
    photometric = str(first.get("PhotometricInterpretation", "MONOCHROME2")).upper()
    pixels = [_dicom_pixels(ds) for ds in datasets]
    if photometric in ("RGB", "YBR_FULL", "YBR_FULL_422", "YBR_RCT", "YBR_ICT", "PALETTE COLOR"):
        if photometric == "PALETTE COLOR":
            from pydicom.pixels import apply_color_lut

            pixels = [apply_color_lut(p, ds) for p, ds in zip(pixels, datasets)]
        stack = np.stack(pixels)  # (slices, [frames,] H, W, 3)
        stack = stack.reshape(-1, *stack.shape[-3:])  # (D, H, W, 3)
        if stack.dtype != np.uint8:
            stack = apply_window(stack, None, None)
        stack = np.ascontiguousarray(np.moveaxis(stack, -1, 0))  # (3, D, H, W)
        return stack[:, 0] if stack.shape[1] == 1 else stack
    values = np.stack([dicom_hounsfield(ds, p) for ds, p in zip(datasets, pixels)])
    # (slices, H, W) or (1, frames, H, W) for one multi-frame file
    values = values.reshape(-1, *values.shape[-2:])
    if options.dicom_values == "hounsfield":
        out = values.astype(np.float32)  # physical values: MONOCHROME1 only affects display
    else:
        center = options.window_center if options.window_center is not None else _first(first.get("WindowCenter"))
        width = options.window_width if options.window_width is not None else _first(first.get("WindowWidth"))
        out = apply_window(values, center, width)
        if photometric == "MONOCHROME1":  # low values are displayed white: invert
            out = 255 - out
    return out[None] if out.shape[0] > 1 else out[:1]


def read_dicom(path: str | Path, options: ImageOptions | None = None) -> np.ndarray:
    """One DICOM file -> (C, H, W) (or (1, D, H, W) for multi-frame), windowed uint8 by default."""
    return _dicom_to_array([_dicom_dataset(Path(path))], options or ImageOptions())


def order_slices(datasets: list) -> list:
    """Sort slices by ImagePositionPatient projected on the slice normal (not by file name).

    The normal is the cross product of the row and column directions of
    ImageOrientationPatient; without positions, InstanceNumber orders them.
    """
    try:
        orientation = np.array([float(v) for v in datasets[0].ImageOrientationPatient])
        normal = np.cross(orientation[:3], orientation[3:])
        keys = [float(np.dot(normal, [float(v) for v in ds.ImagePositionPatient])) for ds in datasets]
    except (AttributeError, TypeError, ValueError):
        try:
            keys = [int(ds.InstanceNumber) for ds in datasets]
        except (AttributeError, TypeError, ValueError):
            raise Unreadable("its slices have neither ImagePositionPatient nor InstanceNumber to order them") from None
    if len(set(keys)) != len(keys):
        raise Unreadable("two slices share one position; fix: keep one series per folder")
    return [ds for _, ds in sorted(zip(keys, datasets), key=lambda pair: pair[0])]


def read_dicom_series(folder: str | Path, options: ImageOptions | None = None) -> np.ndarray:
    """A folder of one series' slices -> (1, D, H, W), slices ordered by position."""
    folder = Path(folder)
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".") and _is_dicom_file(p))
    if not files:
        raise Unreadable("the folder holds no DICOM files")
    datasets = [_dicom_dataset(p) for p in files]
    series = {str(ds.get("SeriesInstanceUID", "")) for ds in datasets}
    if len(series) > 1:
        raise Unreadable(f"the folder mixes {len(series)} series; fix: one series per folder")
    shapes = {(int(ds.get("Rows", 0)), int(ds.get("Columns", 0))) for ds in datasets}
    if len(shapes) > 1:
        raise Unreadable("its slices differ in size")
    volume = _dicom_to_array(order_slices(datasets), options or ImageOptions())
    return volume if volume.ndim == 4 else volume[:, None]


def read_nifti(path: str | Path) -> np.ndarray:
    """A NIfTI volume reoriented to canonical RAS -> float32 (C, D, H, W) with D = superior axis.

    Axes after reorientation are (x: right, y: anterior, z: superior); they are stored as
    (z, y, x) so that index 0 walks axial slices. A 4th axis becomes channels.
    """
    import nibabel as nib

    try:
        image = nib.load(str(path))
    except (nib.filebasedimages.ImageFileError, OSError, EOFError, ValueError) as exc:
        raise Unreadable(f"not a readable NIfTI file ({type(exc).__name__})") from None
    return nifti_array(image, _name(path))


def nifti_array(image, source: str = "the NIfTI image") -> np.ndarray:
    """A loaded (lazy) NIfTI image -> float32 (C, D, H, W), as :func:`read_nifti` reads files;
    the volume size is checked from the header before any voxel is read."""
    import nibabel as nib

    check_pixels(image.shape, source, volume=True)
    try:
        image = nib.as_closest_canonical(image)
        data = np.asarray(image.dataobj, dtype=np.float32)
    except (nib.filebasedimages.ImageFileError, OSError, EOFError, ValueError) as exc:
        raise Unreadable(f"not a readable NIfTI file ({type(exc).__name__})") from None
    if data.ndim == 2:
        data = data[:, :, None]
    if data.ndim == 3:
        data = data[..., None]
    if data.ndim != 4:
        raise Unreadable(f"a NIfTI image with {data.ndim} axes is not supported (expected 3 or 4)")
    if not np.isfinite(data).all():
        raise Unreadable("it holds NaN or infinite values")
    return np.ascontiguousarray(data.transpose(3, 2, 1, 0))


def read_image(path: Path, options: ImageOptions) -> np.ndarray:
    """Any supported image file (or DICOM series folder) as (C, H, W) or (C, D, H, W)."""
    kind = image_kind(path)
    if kind == "picture":
        return read_picture(path, options.color)
    if kind == "dicom":
        return read_dicom(path, options)
    if kind == "series":
        return read_dicom_series(path, options)
    if kind == "nifti":
        return read_nifti(path)
    raise Unreadable("unsupported file type; expected PNG, JPEG, TIFF, BMP, DICOM or NIfTI")


def load_images(paths: list[Path], names: list[str], options: ImageOptions, source: str,
                ids: list[str] | None = None) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """Read every file, then stack them as (n, C, ...) of one dtype and shape.

    Returns (images, kept row positions, notes). Unreadable files fail the read (listing
    them) or, with ``on_unreadable: skip``, are listed in ``notes["skipped"]`` as
    ``{"id", "path", "reason"}`` (names and reasons only, never pixel values).
    """
    if options.cache is not None:  # decoded once into a disk cache, read batch by batch later
        from .image_cache import load_cached_images

        return load_cached_images(paths, names, options, source, ids=ids)
    arrays, kept, failed = [], [], []
    for i, (path, name) in enumerate(zip(paths, names)):
        try:
            if not path.exists():
                raise Unreadable("the file does not exist")
            arrays.append(read_image(path, options))
            kept.append(i)
        except Unreadable as exc:
            failed.append({"id": name if ids is None else str(ids[i]), "path": name, "reason": str(exc)})
    notes = unreadable_notes(failed, len(arrays), options, source)
    return stack_images(arrays, options, source, notes), np.array(kept, dtype=np.int64), notes


def unreadable_notes(failed: list[dict[str, str]], n_read: int, options: ImageOptions,
                     source: str) -> dict[str, Any]:
    """Fail on unreadable files (``on_unreadable: fail``), or list them under ``"skipped"``."""
    notes: dict[str, Any] = {}
    if failed and options.on_unreadable == "fail":
        listed = "; ".join(f"{f['path']}: {f['reason']}" for f in failed[:3])
        more = f" (and {len(failed) - 3} more)" if len(failed) > 3 else ""
        raise DataError(f"{source}: {len(failed)} unreadable file(s): {listed}{more}; "
                        "fix: repair or remove them, or set data.on_unreadable: skip")
    if failed:
        notes["skipped"] = failed
    if not n_read:
        raise DataError(f"{source}: no readable image; fix: check data.path")
    return notes


@dataclass(frozen=True)
class ImageLayout:
    """What every image of a set is brought to: channels, stored type and spatial shape."""

    channels: int
    dtype: str
    spatial: tuple[int, ...]


def image_layout(metas: list[tuple[tuple[int, ...], str]], options: ImageOptions, source: str,
                 notes: dict[str, Any] | None = None) -> ImageLayout:
    """The common layout of images given as ``(shape (C, *spatial), dtype)`` in file order.

    Common channels (gray -> RGB if mixed), dtype (8-bit joins 16-bit, anything joins float)
    and spatial shape (``data.size``, else the most common shape). Only the shapes and types
    are needed, so a disk cache can decide it without holding the images.
    """
    from collections import Counter

    notes = {} if notes is None else notes
    ranks = {len(shape) for shape, _ in metas}
    if len(ranks) > 1:
        raise DataError(f"{source} mixes 2D images and 3D volumes; fix: keep one kind per dataset")
    channels = {shape[0] for shape, _ in metas}
    if len(channels) > 1:
        if channels != {1, 3}:
            raise DataError(f"{source}: images have {sorted(channels)} channels; fix: set data.color")
        notes["gray_to_rgb"] = True
    dtypes = {np.dtype(d) for _, d in metas}
    if any(d.kind == "f" for d in dtypes):
        dtype = np.dtype(np.float32)
    elif np.dtype(np.uint16) in dtypes:
        dtype = np.dtype(np.uint16)
    else:
        dtype = np.dtype(metas[0][1])
    shapes = Counter(tuple(shape[1:]) for shape, _ in metas)
    if options.size is not None:
        spatial = len(metas[0][0]) - 1
        target = tuple([int(options.size)] * spatial if isinstance(options.size, int) else options.size)
        if len(target) != spatial:
            raise ConfigError(problem("Key 'data.size' does not fit the images", got=options.size,
                                      expected=f"one int or {spatial} ints"))
    else:
        target = shapes.most_common(1)[0][0]
        resized = sum(n for shape, n in shapes.items() if shape != tuple(target))
        if resized:
            notes["resized"] = {"count": resized, "to": list(target),
                                "why": "images differ in size; set data.size to choose the shape"}
    return ImageLayout(max(channels), dtype.name, tuple(int(t) for t in target))


def conform_image(array: np.ndarray, layout: ImageLayout) -> np.ndarray:
    """One (C, *spatial) image in ``layout``: channels, then type, then size (in that order)."""
    if array.shape[0] == 1 and layout.channels == 3:
        array = np.repeat(array, 3, axis=0)
    dtype = np.dtype(layout.dtype)
    if dtype.kind == "f":
        scale = {np.dtype(np.uint8): 255.0, np.dtype(np.uint16): 65535.0}
        array = array.astype(np.float32) / scale.get(array.dtype, 1.0)
    elif dtype == np.uint16 and array.dtype == np.uint8:
        # 8-bit images join 16-bit ones on the same [0, 1] scale (255 * 257 = 65535)
        array = array.astype(np.uint16) * np.uint16(257)
    if array.shape[1:] != tuple(layout.spatial):
        import torch

        from ..featurizers.images import resize

        array = resize(torch.from_numpy(np.array(array))[None], layout.spatial)[0].numpy()
    return array


def stack_images(arrays: list[np.ndarray], options: ImageOptions, source: str,
                 notes: dict[str, Any]) -> np.ndarray:
    """One (n, C, ...) array: common channels (gray -> RGB if mixed), dtype and spatial shape."""
    layout = image_layout([(a.shape, a.dtype.name) for a in arrays], options, source, notes)
    out = np.empty((len(arrays), layout.channels, *layout.spatial), dtype=layout.dtype)
    for i, a in enumerate(arrays):
        out[i] = conform_image(a, layout)
    return out


# ---------------------------------------------------------------------------------------------
# image folders and CSV manifests

_SPLIT_FOLDERS = {"train": "train", "training": "train", "val": "val", "valid": "val",
                  "validation": "val", "test": "test", "testing": "test"}


def _visible(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


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
        subfolders = [p for p in _visible(path) if p.is_dir()]
        return bool(subfolders) and not any(p.is_file() and image_kind(p) for p in _visible(path))

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
        top = [p for p in _visible(root) if p.is_dir()]
        if not top:
            raise DataError(problem(f"Image folder {root} has no class subfolders",
                                    fix="put each class's images in a subfolder named after it"))
        split_layout = all(p.name.lower() in _SPLIT_FOLDERS for p in top)
        parts = [(_SPLIT_FOLDERS[p.name.lower()], p) for p in top] if split_layout else [(None, root)]
        entries: list[tuple[str | None, str, Path]] = []
        ignored: list[str] = []
        for split, base in parts:
            for class_dir in (p for p in _visible(base) if p.is_dir()):
                for item in _visible(class_dir):
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
        if ignored:
            notes["ignored"] = {"count": len(ignored), "examples": ignored[:5],
                                "why": "not an image file type (PNG, JPEG, TIFF, BMP, DICOM, NIfTI)"}
        if task.kind == "binary":
            notes["positive_class"] = f"'{task.class_names[1]}' (data.class_names / data.positive_class / its name / last sorted)"
        split = np.array([entries[i][0] for i in kept], dtype=object) if split_layout else None
        return Dataset(inputs=images, targets=targets[kept], task=task,
                       ids=np.array([image_id(rel[i], image_kind(entries[i][2])) for i in kept], dtype=object), split=split,
                       modality="images", source=str(root), notes=notes)


class ImageCsvOptions(ImageOptions):
    path_column: str = "path"
    split_column: str | None = None


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
            raise DataError(problem(f"Manifest {path} is not a readable CSV ({type(exc).__name__})")) from None
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
        groups = None
        if cfg.patient_column is not None:
            groups = np.array([_format_value(v) for v in frame[cfg.patient_column].tolist()], dtype=object)[kept]
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


# ---------------------------------------------------------------------------------------------
# images to predict (no labels): whatever layout the path holds, the run's options


class PredictImageOptions(ImageCsvOptions):
    """Image options accepted when reading images to predict, whatever the run's format."""


def _series_folder(folder: Path, spatial: int | None = None) -> bool:
    """True when ``folder`` directly holds the slices of one DICOM series (one sample).

    ``spatial``: the run's number of spatial axes when its ``data.size`` says (2: DICOM files
    are 2D images, never a series; 3: a folder of DICOM files is a series); else a folder whose
    DICOM files share one SeriesInstanceUID is a series.
    """
    import pydicom

    files = [p for p in _visible(folder) if p.is_file() and _is_dicom_file(p)]
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


def _collect(folder: Path, root: Path, entries: list[Path], ignored: list[str], spatial: int | None) -> None:
    for item in _visible(folder):
        if item.is_dir():
            if _series_folder(item, spatial):
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
    if options.color == "gray" and images.shape[1] == 3:
        weights = np.array([0.299, 0.587, 0.114], dtype=np.float32).reshape(1, 3, *([1] * (images.ndim - 2)))
        gray = (images.astype(np.float32) * weights).sum(axis=1, keepdims=True)
        images = np.round(gray).astype(images.dtype) if images.dtype.kind in "ui" else gray.astype(images.dtype)
    elif options.color == "rgb" and images.shape[1] == 1:
        images = np.repeat(images, 3, axis=1)
    if options.size is not None:
        spatial = images.ndim - 2
        target = tuple([int(options.size)] * spatial if isinstance(options.size, int) else options.size)
        if len(target) != spatial:
            raise ConfigError(problem("Key 'data.size' does not fit the images", got=options.size,
                                      expected=f"one int or {spatial} ints"))
        if tuple(images.shape[2:]) != target:
            import torch

            from ..featurizers.images import resize

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

    ids: the file's path relative to the given folder (``"sub/img.png"``, a series folder's
    relative path); the file name for a single file; for a manifest its ``data.id_column``
    when the CSV has it, else ``"row-<n>"`` (file row, header = row 1); for arrays
    ``"<split>-<index>"`` as the ``medmnist`` / ``idx`` readers name them. Unreadable files
    follow ``on_unreadable``: ``skip`` lists them in ``notes["skipped"]`` (id, path, reason).
    """
    path = Path(cfg.path)
    source = str(path)
    notes: dict[str, Any] = {"format": "images to predict", "unlabelled": True}
    # images to predict (uploads to `serve` among them) are never written to the run's cache
    options = options.model_copy(update={"cache": None})
    spatial = len(options.size) if isinstance(options.size, list) else None
    if not path.exists():
        raise DataError(problem(f"{path} does not exist", fix="pass an image file or a folder of images"))
    if path.is_file() and path.suffix.lower() == ".npz":
        images, ids = _npz_images(path)
        images = _fit_array(images, options, source, notes)
        return _predict_dataset(images, ids, source, notes)
    idx_stems = [_IDX_STEMS[(s, "images")] for s in ("train", "test")]
    if path.is_dir() and any(_find_idx_file(path, stems) for stems in idx_stems):
        arrays, ids = [], []
        for split, stems in zip(("train", "test"), idx_stems):
            parts = _find_idx_file(path, stems)
            if parts is not None:
                arrays.append(read_idx(parts, "images"))
                ids.append(make_ids(split, len(arrays[-1])))
        images = _fit_array(np.concatenate(arrays), options, source, notes)
        return _predict_dataset(images, np.concatenate(ids), source, notes)
    if path.is_file() and path.name.lower().endswith((".csv", ".tsv", ".csv.gz")):
        return _manifest_to_predict(cfg, options, path, notes)
    if path.is_file():
        if image_kind(path) is None:
            raise DataError(problem(f"{path} is not an image file", expected="PNG, JPEG, TIFF, BMP, DICOM, "
                                    "NIfTI, an .npz of images, a CSV manifest or a folder of images"))
        files, rel = [path], [path.name]
    elif _series_folder(path, spatial) and not any(p.is_dir() for p in _visible(path)):
        files, rel = [path], [path.name]
    else:
        files, ignored = [], []
        _collect(path, path, files, ignored, spatial)
        if ignored:
            notes["ignored"] = {"count": len(ignored), "examples": ignored[:5],
                                "why": "not an image file type (PNG, JPEG, TIFF, BMP, DICOM, NIfTI)"}
        if not files:
            raise DataError(problem(f"{path} holds no image files",
                                    expected="PNG, JPEG, TIFF, BMP, DICOM or NIfTI files, or DICOM series folders"))
        rel = [p.relative_to(path).as_posix() for p in files]
    images, kept, load_notes = load_images(files, rel, options, source)
    notes.update(load_notes)
    return _predict_dataset(images, np.array([rel[i] for i in kept], dtype=object), source, notes)


def _manifest_to_predict(cfg, options: ImageCsvOptions, path: Path, notes: dict[str, Any]) -> Dataset:
    import pandas as pd

    from .tabular import _format_value

    try:
        frame = pd.read_csv(path, sep="\t" if path.suffix.lower() == ".tsv" else ",",
                            dtype={options.path_column: str})
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataError(problem(f"Manifest {path} is not a readable CSV ({type(exc).__name__})")) from None
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
    return _predict_dataset(images, ids[kept], str(path), notes)


def _predict_dataset(images: np.ndarray, ids: np.ndarray, source: str, notes: dict[str, Any]) -> Dataset:
    return Dataset(inputs=images, targets=np.full((len(images), 1), np.nan, dtype=np.float32),
                   task=Task("regression", ("unlabelled",)), ids=np.asarray(ids, dtype=object),
                   modality="images", source=source, notes=notes)


def options_like(shape) -> dict[str, Any]:
    """Data keys that make images to predict come out with a training image's shape
    ``(C, *spatial)`` (e.g. the image featurizer's ``source_shape_``), for runs whose config
    did not fix ``data.size`` / ``data.color``.

    >>> cfg = run_data.model_copy(update={"path": "new/", **options_like((1, 28, 28))})  # doctest: +SKIP
    >>> options_like((3, 64, 64))
    {'size': [64, 64], 'color': 'rgb'}
    """
    channels, spatial = int(shape[0]), [int(s) for s in shape[1:]]
    out: dict[str, Any] = {"size": spatial}
    if channels in (1, 3):
        out["color"] = "gray" if channels == 1 else "rgb"
    return out


def _read_unlabelled(self, cfg, options) -> Dataset:
    """Images to predict, whatever the path holds: see :func:`read_images_to_predict`."""
    return read_images_to_predict(cfg, options)


for _reader in (IdxReader, MedMnistReader, ImageFolderReader, ImageCsvReader):
    _reader.UnlabelledOptions = PredictImageOptions
    _reader.read_unlabelled = _read_unlabelled

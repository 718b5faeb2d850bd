"""Image arrays: MNIST IDX files and MedMNIST ``.npz`` archives, each read as one ``images``
:class:`Dataset` (kept ``uint8``, channels first: (n, C, H, W) or (n, C, D, H, W)).

Formats registered here: ``idx`` (raw, ``.gz``, or a ``.gz`` split into ``.part00``...) and
``medmnist`` (2D gray / RGB, 3D; the file's own train/val/test split, or one unsplit pool).
Shared helpers of the image readers (:func:`make_ids`, :func:`single_label_task`,
:func:`channels_first`) live here too.
"""

from __future__ import annotations

import gzip
import re
import zlib
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from ..errors import ConfigError, DataError, problem
from .base import SPLITS, Dataset, Task
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

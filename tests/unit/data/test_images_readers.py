"""Image readers on small files written by the tests (IDX, MedMNIST .npz)."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest

from mednn.config import DataConfig
from mednn.data.readers import read_dataset
from mednn.errors import ConfigError, DataError


def idx_bytes(array: np.ndarray) -> bytes:
    magic = 0x00000803 if array.ndim == 3 else 0x00000801
    header = struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in array.shape)
    return header + array.astype(np.uint8).tobytes()


def write_mnist(folder: Path, n_train=12, n_test=5, *, compress="gz", seed=0, dotted=False):
    rng = np.random.default_rng(seed)
    arrays = {
        "train-images": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "train-labels": rng.integers(0, 10, n_train, dtype=np.uint8),
        "t10k-images": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "t10k-labels": rng.integers(0, 10, n_test, dtype=np.uint8),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for stem, array in arrays.items():
        kind = "idx3-ubyte" if array.ndim == 3 else "idx1-ubyte"
        name = f"{stem}.{kind}" if dotted else f"{stem}-{kind}"
        data = idx_bytes(array)
        if compress == "raw":
            (folder / name).write_bytes(data)
        elif compress == "gz":
            (folder / (name + ".gz")).write_bytes(gzip.compress(data))
        elif compress == "parts":
            blob = gzip.compress(data)
            cut = [0, len(blob) // 3, 2 * len(blob) // 3, len(blob)]
            for i in range(3):
                (folder / f"{name}.gz.part{i:02d}").write_bytes(blob[cut[i]:cut[i + 1]])
    return arrays


@pytest.mark.parametrize("compress", ["gz", "raw", "parts"])
def test_idx_reads_images_labels_and_splits(tmp_path, compress):
    arrays = write_mnist(tmp_path, compress=compress)
    ds = read_dataset(DataConfig(format="idx", path=str(tmp_path)))
    assert ds.inputs.shape == (17, 1, 28, 28) and ds.inputs.dtype == np.uint8
    np.testing.assert_array_equal(ds.inputs[:12, 0], arrays["train-images"])
    np.testing.assert_array_equal(ds.inputs[12:, 0], arrays["t10k-images"])
    np.testing.assert_array_equal(ds.targets, np.concatenate([arrays["train-labels"], arrays["t10k-labels"]]))
    assert ds.targets.dtype == np.int64
    assert ds.task.kind == "multiclass" and ds.task.class_names == tuple("0123456789")
    assert list(ds.split) == ["train"] * 12 + ["test"] * 5
    assert ds.ids[0] == "train-00000" and ds.ids[12] == "test-00000" and len(set(ds.ids)) == 17
    assert ds.modality == "images"
    assert ds.inputs.flags.writeable


def test_idx_dotted_spelling_and_auto_format(tmp_path):
    write_mnist(tmp_path, compress="raw", dotted=True)
    ds = read_dataset(DataConfig(format="auto", path=str(tmp_path)))
    assert len(ds) == 17


def test_idx_truncated_file_names_file_and_sizes(tmp_path):
    write_mnist(tmp_path, compress="raw")
    path = tmp_path / "t10k-images-idx3-ubyte"
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(DataError) as err:
        read_dataset(DataConfig(format="idx", path=str(tmp_path)))
    message = str(err.value)
    assert "t10k-images-idx3-ubyte" in message and "truncated" in message
    assert str(16 + 5 * 784) in message and str(16 + 5 * 784 - 100) in message


def test_idx_truncated_gzip_part(tmp_path):
    write_mnist(tmp_path, compress="parts")
    (tmp_path / "train-images-idx3-ubyte.gz.part02").unlink()
    with pytest.raises(DataError, match="train-images"):
        read_dataset(DataConfig(format="idx", path=str(tmp_path)))


def test_idx_bad_magic(tmp_path):
    write_mnist(tmp_path, compress="raw")
    path = tmp_path / "train-labels-idx1-ubyte"
    data = bytearray(path.read_bytes())
    data[3] = 0x03
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match="magic.*0x00000803.*0x00000801|train-labels"):
        read_dataset(DataConfig(format="idx", path=str(tmp_path)))


def test_idx_count_mismatch_and_bad_labels(tmp_path):
    write_mnist(tmp_path, compress="raw")
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(idx_bytes(np.zeros(4, np.uint8)))
    with pytest.raises(DataError, match="differ in count"):
        read_dataset(DataConfig(format="idx", path=str(tmp_path)))
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(idx_bytes(np.full(5, 11, np.uint8)))
    with pytest.raises(DataError, match="not digits"):
        read_dataset(DataConfig(format="idx", path=str(tmp_path)))


def test_idx_missing_folder_and_half_pair(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        read_dataset(DataConfig(format="idx", path=str(tmp_path / "nope")))
    write_mnist(tmp_path, compress="raw")
    (tmp_path / "train-labels-idx1-ubyte").unlink()
    with pytest.raises(DataError, match="train-labels"):
        read_dataset(DataConfig(format="idx", path=str(tmp_path)))


# --- MedMNIST ----------------------------------------------------------------------------------


def write_npz(path: Path, image_shape, *, n=(6, 3, 4), labels="binary", seed=0, **extra):
    rng = np.random.default_rng(seed)
    arrays = {}
    for split, k in zip(("train", "val", "test"), n):
        arrays[f"{split}_images"] = rng.integers(0, 256, (k, *image_shape), dtype=np.uint8)
        if labels == "binary":
            arrays[f"{split}_labels"] = (np.arange(k) % 2).astype(np.uint8).reshape(k, 1)
        elif labels == "multiclass":
            arrays[f"{split}_labels"] = (np.arange(k) % 4).astype(np.uint8).reshape(k, 1)
        else:
            arrays[f"{split}_labels"] = rng.integers(0, 2, (k, 3), dtype=np.uint8)
    arrays.update(extra)
    np.savez(path, **arrays)
    return arrays


def test_medmnist_2d_gray_binary(tmp_path):
    arrays = write_npz(tmp_path / "x.npz", (28, 28))
    ds = read_dataset(DataConfig(format="auto", path=str(tmp_path / "x.npz")))
    assert ds.inputs.shape == (13, 1, 28, 28)
    np.testing.assert_array_equal(ds.inputs[6:9, 0], arrays["val_images"])
    assert ds.task.kind == "binary" and ds.task.class_names == ("0", "1")
    assert list(ds.split) == ["train"] * 6 + ["val"] * 3 + ["test"] * 4
    assert ds.ids[6] == "val-00000"
    np.testing.assert_array_equal(ds.targets[:6], [0, 1, 0, 1, 0, 1])


def test_medmnist_rgb_is_channels_first(tmp_path):
    arrays = write_npz(tmp_path / "x.npz", (28, 28, 3), labels="multiclass")
    ds = read_dataset(DataConfig(format="medmnist", path=str(tmp_path / "x.npz")))
    assert ds.inputs.shape == (13, 3, 28, 28)
    np.testing.assert_array_equal(ds.inputs[0, 2], arrays["train_images"][0, :, :, 2])
    assert ds.task.kind == "multiclass" and len(ds.task.class_names) == 4


def test_medmnist_3d_and_class_names_and_positive_class(tmp_path):
    arrays = write_npz(tmp_path / "x.npz", (8, 10, 12))
    cfg = DataConfig(format="medmnist", path=str(tmp_path / "x.npz"), class_names=["normal", "hyperplasia"])
    ds = read_dataset(cfg)
    assert ds.inputs.shape == (13, 1, 8, 10, 12)
    np.testing.assert_array_equal(ds.inputs[-1, 0], arrays["test_images"][-1])
    assert ds.task.class_names == ("normal", "hyperplasia")
    flipped = read_dataset(DataConfig(format="medmnist", path=str(tmp_path / "x.npz"),
                                      class_names=["normal", "hyperplasia"], positive_class="normal"))
    assert flipped.task.class_names == ("hyperplasia", "normal")
    np.testing.assert_array_equal(flipped.targets, 1 - ds.targets)


def test_medmnist_multilabel(tmp_path):
    arrays = write_npz(tmp_path / "x.npz", (28, 28), labels="multilabel")
    ds = read_dataset(DataConfig(format="medmnist", path=str(tmp_path / "x.npz")))
    assert ds.task.kind == "multilabel" and ds.targets.shape == (13, 3) and ds.targets.dtype == np.float32
    np.testing.assert_array_equal(ds.targets[:6], arrays["train_labels"])


def test_medmnist_errors(tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"this is not a zip archive")
    with pytest.raises(DataError, match="bad.npz"):
        read_dataset(DataConfig(format="medmnist", path=str(bad)))
    write_npz(tmp_path / "short.npz", (28, 28), val_labels=np.zeros((2, 1), np.uint8))
    with pytest.raises(DataError, match="val_images.*val_labels.*differ"):
        read_dataset(DataConfig(format="medmnist", path=str(tmp_path / "short.npz")))
    np.savez(tmp_path / "half.npz", train_images=np.zeros((2, 4, 4), np.uint8))
    with pytest.raises(DataError, match="train_labels"):
        read_dataset(DataConfig(format="medmnist", path=str(tmp_path / "half.npz")))
    write_npz(tmp_path / "ok.npz", (28, 28))
    with pytest.raises(ConfigError, match="class_names"):
        read_dataset(DataConfig(format="medmnist", path=str(tmp_path / "ok.npz"), class_names=["only"]))
    with pytest.raises(ConfigError, match="data.bogus"):
        read_dataset(DataConfig(format="medmnist", path=str(tmp_path / "ok.npz"), bogus=1))
    with pytest.raises(DataError, match="does not exist"):
        read_dataset(DataConfig(format="medmnist", path=str(tmp_path / "missing.npz")))


@pytest.mark.parametrize("keys", [("images", "labels"), ("x", "y")])
def test_npz_of_one_unsplit_pool_is_read_and_found_by_auto(tmp_path, keys):
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, (12, 8, 8), dtype=np.uint8)
    y = np.array([0, 1, 2] * 4)
    np.savez(tmp_path / "pool.npz", **{keys[0]: x, keys[1]: y})
    ds = read_dataset(DataConfig(format="auto", path=str(tmp_path / "pool.npz")))
    assert ds.split is None  # data.split cuts it, as it cuts a table
    assert ds.task.kind == "multiclass" and ds.inputs.shape == (12, 1, 8, 8)
    assert list(ds.targets) == list(y) and ds.ids[0] == "image-00000"
    np.savez(tmp_path / "float.npz", images=x.astype(np.float32), labels=y)
    with pytest.raises(DataError, match="'images' is not 8-bit.*fix"):
        read_dataset(DataConfig(format="medmnist", path=str(tmp_path / "float.npz")))
    np.savez(tmp_path / "other.npz", pixels=x)
    with pytest.raises(DataError, match="images \\+ labels"):
        read_dataset(DataConfig(format="medmnist", path=str(tmp_path / "other.npz")))

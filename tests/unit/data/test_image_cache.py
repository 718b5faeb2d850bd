"""data.cache: images decoded once into a disk cache, streamed back batch by batch.

Generated PNG / NIfTI files and pydicom's bundled CT slice; every comparison is against the
in-memory reader on the same files, bit for bit.
"""

from __future__ import annotations

import json
import weakref
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from mednn.config import DataConfig, load_config
from mednn.data import image_decoding as image_readers
from mednn.data.image_cache import CachedImages
from mednn.data.quality import duplicate_report
from mednn.data.readers import read_dataset
from mednn.errors import DataError
from mednn.featurizers.images import ImageBatches, ImageFeaturizer, StreamedImageBatches


def write_pngs(root: Path, n: int = 12, seed: int = 0, shapes=((10, 12), (9, 9))) -> list[Path]:
    rng = np.random.default_rng(seed)
    files = []
    for i in range(n):
        cls = "disease" if i % 2 else "healthy"
        path = root / cls / f"{i:03d}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(rng.integers(0, 256, shapes[i % len(shapes)], dtype=np.uint8)).save(path)
        files.append(path)
    return files


def both(root: Path, cache: Path, **keys):
    memory = read_dataset(DataConfig(path=str(root), **keys))
    cached = read_dataset(DataConfig(path=str(root), cache=str(cache), **keys))
    return memory, cached


def test_cached_images_equal_in_memory_bit_for_bit(tmp_path):
    write_pngs(tmp_path / "png", n=14)
    memory, cached = both(tmp_path / "png", tmp_path / "cache", size=8)
    assert isinstance(cached.inputs, CachedImages) and cached.inputs.shape == memory.inputs.shape == (14, 1, 8, 8)
    assert cached.inputs.dtype == memory.inputs.dtype == np.uint8
    np.testing.assert_array_equal(np.asarray(cached.inputs), memory.inputs)
    assert list(cached.ids) == list(memory.ids) and list(cached.targets) == list(memory.targets)
    assert cached.notes["cache"]["decoded"] == 14 and cached.notes["cache"]["reused"] == 0
    # a split of a cached set stays on disk and reads the same rows
    part = cached.subset(np.array([9, 2, 2, 13]))
    assert isinstance(part.inputs, CachedImages)
    np.testing.assert_array_equal(part.inputs.read(), memory.inputs[[9, 2, 2, 13]])
    np.testing.assert_array_equal(part.inputs[1], memory.inputs[2])


def test_mixed_layout_needs_a_second_pass_and_matches(tmp_path):
    """Gray 8-bit first, then an RGB and a 16-bit file, no data.size: the provisional layout of
    the first pass is wrong, the second pass rewrites what the final one lacks."""
    root = tmp_path / "png"
    write_pngs(root, n=6, shapes=((6, 6),))
    rgb = np.random.default_rng(1).integers(0, 256, (6, 6, 3), dtype=np.uint8)
    Image.fromarray(rgb).save(root / "healthy" / "z_rgb.png")
    Image.fromarray(np.full((7, 5), 1000, np.uint16)).save(root / "disease" / "z_16.png")
    memory, cached = both(root, tmp_path / "cache")
    assert memory.inputs.shape == (8, 3, 6, 6) and memory.inputs.dtype == np.uint16
    np.testing.assert_array_equal(np.asarray(cached.inputs), memory.inputs)
    assert {k: v for k, v in cached.notes.items() if k != "cache"} == memory.notes


def test_streamed_batches_equal_in_memory_batches(tmp_path):
    write_pngs(tmp_path / "png", n=20, shapes=((8, 8),))
    memory, cached = both(tmp_path / "png", tmp_path / "cache")
    fm, fc = ImageFeaturizer().fit(memory), ImageFeaturizer().fit(cached)
    assert fm.mean_ == fc.mean_ and fm.std_ == fc.std_
    bm, bc = fm.transform(memory), fc.transform(cached)
    assert isinstance(bm, ImageBatches) and isinstance(bc, StreamedImageBatches)
    assert bc.shape == bm.shape and len(bc) == 20
    index = np.array([19, 3, 3, 0, 7])  # repeated rows: sampling with replacement
    assert torch.equal(bc.batch(index), bm.batch(index))
    assert torch.equal(bc.batch(torch.tensor([5, 6])), bm.batch(torch.tensor([5, 6])))
    mask = np.zeros(20, bool)
    mask[[1, 4]] = True
    assert torch.equal(bc.batch(mask), bm.batch(mask))
    # planned (prefetched) training batches and consecutive prediction ranges
    batches = list(torch.randperm(20, generator=torch.Generator().manual_seed(0)).split(6))
    seen = []
    for k, idx in enumerate(bc.read_ahead(batches)):
        assert torch.equal(bc.batch(idx.numpy()), bm.batch(idx))
        if k + 1 < len(batches):  # the next batch's read is under way while this one trains
            assert bc._pending is not None and np.array_equal(bc._pending[0], batches[k + 1].numpy())
        seen.append(idx)
    assert [s.tolist() for s in seen] == [b.tolist() for b in batches]
    for start in range(0, 20, 8):
        idx = np.arange(start, min(start + 8, 20))
        assert torch.equal(bc.batch(idx), bm.batch(idx))
    assert torch.equal(bc.all(), bm.all())
    bc.close()


def test_featurize_size_resizes_each_streamed_batch_like_the_whole_set(tmp_path):
    write_pngs(tmp_path / "png", n=10, shapes=((12, 12),))
    memory, cached = both(tmp_path / "png", tmp_path / "cache")
    fm, fc = ImageFeaturizer(size=7).fit(memory), ImageFeaturizer(size=7).fit(cached)
    bm, bc = fm.transform(memory), fc.transform(cached)
    assert bc.shape == bm.shape == (10, 1, 7, 7)
    index = np.array([4, 1, 8])
    assert torch.equal(bc.batch(index), bm.batch(index))


def test_nifti_volumes_cached_bit_for_bit(tmp_path):
    nib = pytest.importorskip("nibabel")
    rng = np.random.default_rng(2)
    root = tmp_path / "nii"
    for i in range(6):
        folder = root / ("b" if i % 2 else "a")
        folder.mkdir(parents=True, exist_ok=True)
        shape = (5, 6, 4) if i < 4 else (6, 6, 5)
        nib.save(nib.Nifti1Image(rng.normal(size=shape).astype(np.float32), np.eye(4)), folder / f"{i}.nii.gz")
    memory, cached = both(root, tmp_path / "cache", size=[4, 6, 5])
    assert memory.inputs.dtype == np.float32 and memory.inputs.shape == (6, 1, 4, 6, 5)
    np.testing.assert_array_equal(np.asarray(cached.inputs), memory.inputs)
    fm, fc = ImageFeaturizer().fit(memory), ImageFeaturizer().fit(cached)
    assert fm.mean_ == fc.mean_ and fm.std_ == fc.std_
    assert torch.equal(fc.transform(cached).batch([5, 0]), fm.transform(memory).batch([5, 0]))


def test_dicom_with_window_is_cached_per_window(tmp_path):
    pydicom = pytest.importorskip("pydicom")
    source = Path(pydicom.data.__file__).parent / "test_files" / "CT_small.dcm"
    for cls in ("a", "b"):
        (tmp_path / "dcm" / cls).mkdir(parents=True)
        (tmp_path / "dcm" / cls / "x.dcm").write_bytes(source.read_bytes())
    for center in (40.0, 300.0):
        keys = {"window_center": center, "window_width": 400.0}
        memory, cached = both(tmp_path / "dcm", tmp_path / "cache", **keys)
        np.testing.assert_array_equal(np.asarray(cached.inputs), memory.inputs)
        # one decode per window: the same file twice is one record, another window another store
        assert cached.notes["cache"]["decoded"] == 1
    assert len(list((tmp_path / "cache").iterdir())) == 2


def test_changed_file_is_read_again(tmp_path):
    files = write_pngs(tmp_path / "png", n=8, shapes=((8, 8),))
    cache = tmp_path / "cache"
    read_dataset(DataConfig(path=str(tmp_path / "png"), cache=str(cache)))
    again = read_dataset(DataConfig(path=str(tmp_path / "png"), cache=str(cache)))
    assert again.notes["cache"] == dict(again.notes["cache"], decoded=0, reused=8)
    Image.fromarray(np.full((8, 8), 77, np.uint8)).save(files[3])  # same name, same size, new pixels
    changed = read_dataset(DataConfig(path=str(tmp_path / "png"), cache=str(cache)))
    assert changed.notes["cache"]["decoded"] == 1 and changed.notes["cache"]["reused"] == 7
    fresh = read_dataset(DataConfig(path=str(tmp_path / "png")))
    np.testing.assert_array_equal(np.asarray(changed.inputs), fresh.inputs)
    row = list(changed.ids).index("disease/003.png")
    assert (changed.inputs[row] == 77).all()
    # another data.size is another store: everything decoded again, the first store untouched
    resized = read_dataset(DataConfig(path=str(tmp_path / "png"), cache=str(cache), size=4))
    assert resized.notes["cache"]["decoded"] == 8
    assert resized.notes["cache"]["folder"] != changed.notes["cache"]["folder"]


def test_building_holds_one_image_at_a_time_and_writes_incrementally(tmp_path, monkeypatch):
    write_pngs(tmp_path / "png", n=16, shapes=((8, 8),))
    live: list[weakref.ref] = []
    most = [0]
    sizes: list[int] = []
    real = image_readers.read_image

    def counting(path, options):
        alive = sum(ref() is not None for ref in live)
        most[0] = max(most[0], alive)
        files = list((tmp_path / "cache").rglob("*.images")) if (tmp_path / "cache").exists() else []
        sizes.append(sum(f.stat().st_size for f in files))
        array = real(path, options)
        live.append(weakref.ref(array))
        return array

    monkeypatch.setattr(image_readers, "read_image", counting)
    read_dataset(DataConfig(path=str(tmp_path / "png"), cache=str(tmp_path / "cache")))
    assert most[0] <= 1  # at each decode, at most the previous image is still referenced
    assert sizes == sorted(sizes) and sizes[-1] == 15 * 64  # the file grows image by image
    # the counter can fail: the in-memory reader holds every image until it stacks them
    live.clear()
    most[0] = 0
    read_dataset(DataConfig(path=str(tmp_path / "png")))
    assert most[0] == 15


def test_unreadable_files_follow_on_unreadable_and_are_not_cached(tmp_path):
    write_pngs(tmp_path / "png", n=6, shapes=((8, 8),))
    (tmp_path / "png" / "healthy" / "broken.png").write_bytes(b"not a png")
    with pytest.raises(DataError, match="unreadable file"):
        read_dataset(DataConfig(path=str(tmp_path / "png"), cache=str(tmp_path / "cache")))
    memory, cached = both(tmp_path / "png", tmp_path / "cache", on_unreadable="skip")
    assert cached.notes["skipped"] == memory.notes["skipped"] and len(cached) == len(memory) == 6
    np.testing.assert_array_equal(np.asarray(cached.inputs), memory.inputs)


def test_duplicate_and_leakage_checks_use_the_cache_index(tmp_path):
    files = write_pngs(tmp_path / "png", n=8, shapes=((8, 8),))
    (tmp_path / "png" / "healthy" / "copy.png").write_bytes(files[1].read_bytes())  # a repeated image
    memory, cached = both(tmp_path / "png", tmp_path / "cache")
    assert duplicate_report(cached) == duplicate_report(memory)
    assert duplicate_report(cached)["duplicate_samples"] == 1


def test_truncated_cache_file_is_a_one_line_error(tmp_path):
    write_pngs(tmp_path / "png", n=4, shapes=((8, 8),))
    cached = read_dataset(DataConfig(path=str(tmp_path / "png"), cache=str(tmp_path / "cache")))
    with open(cached.inputs.path, "r+b") as f:
        f.truncate(64)
    fresh = CachedImages(cached.inputs.path, 1, (8, 8), "uint8", cached.inputs.slots, cached.inputs.digests,
                         records=4)
    with pytest.raises(DataError, match="shorter than its index") as err:
        fresh.read()
    assert "\n" not in str(err.value)


def test_training_with_the_cache_gives_the_same_run(tmp_path):
    from mednn.pipeline import train

    rng = np.random.default_rng(3)
    root = tmp_path / "png"
    for i in range(48):
        cls = "disease" if i % 2 else "healthy"
        x = rng.integers(0, 60, (10, 10)).astype(np.uint8)
        if cls == "disease":
            x[3:7, 3:7] = 220
        (root / cls).mkdir(parents=True, exist_ok=True)
        Image.fromarray(x).save(root / cls / f"{i:02d}.png")
    metrics = {}
    for name, extra in (("memory", []), ("cache", [f"data.cache={tmp_path / 'cache'}"])):
        cfg = load_config(None, [f"data.path={root}", "data.size=8", "train.epochs=3", "train.batch_size=8",
                                 "train.progress=false", "evaluate.bootstrap=20", "explain.enabled=false",
                                 "train.augment={flip: true}", "model.channels=[4]", "seed=5", *extra])
        out = train(cfg, tmp_path / f"run_{name}")
        metrics[name] = json.loads((out / "metrics.json").read_text())
        metrics[name].pop("training")  # wall times
        metrics[name].get("baselines", {}).pop("feature_seconds", None)  # the baselines' times
        for model in metrics[name].get("baselines", {}).get("models", []):
            model.pop("seconds", None)
        metrics[name]["predictions"] = (out / "predictions.csv").read_text()
        history = [line.split(",") for line in (out / "history.csv").read_text().splitlines()]
        keep = [j for j, column in enumerate(history[0]) if column != "seconds"]
        metrics[name]["history"] = [[row[j] for j in keep] for row in history]
        notes = json.loads((out / "data.json").read_text())["notes"]
        assert ("cache" in notes) == (name == "cache")
    assert metrics["cache"]["test"] == metrics["memory"]["test"]
    assert metrics["cache"]["predictions"] == metrics["memory"]["predictions"]
    assert metrics["cache"] == metrics["memory"]


def test_the_training_loop_reads_the_next_batch_ahead(tmp_path, monkeypatch):
    from mednn.training.losses import targets_for_loss
    from mednn.training.loop import train_epoch
    from mednn.training.losses import make_loss

    write_pngs(tmp_path / "png", n=16, shapes=((8, 8),))
    cached = read_dataset(DataConfig(path=str(tmp_path / "png"), cache=str(tmp_path / "cache")))
    feats = ImageFeaturizer().fit(cached).transform(cached)
    ahead = []
    real = StreamedImageBatches.batch

    def spying(self, index):
        out = real(self, index)
        ahead.append(None if self._pending is None else self._pending[0].tolist())
        return out

    monkeypatch.setattr(StreamedImageBatches, "batch", spying)
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(64, 1))
    batches = list(torch.arange(16).flip(0).split(5))
    train_epoch(model, feats, targets_for_loss(cached.task, cached.targets), iter(batches),
                loss_fn=make_loss(cached.task, None), optimizer=torch.optim.SGD(model.parameters(), lr=0.1),
                device=torch.device("cpu"))
    # after each batch was handed over, the following one was already being read
    assert ahead == [b.tolist() for b in batches[1:]] + [None]


def test_an_interrupted_build_continues_where_it_stopped(tmp_path, monkeypatch):
    write_pngs(tmp_path / "png", n=10, shapes=((8, 8),))
    real, calls = image_readers.read_image, [0]

    def interrupted(path, options):
        calls[0] += 1
        if calls[0] == 5:
            raise KeyboardInterrupt
        return real(path, options)

    monkeypatch.setattr(image_readers, "read_image", interrupted)
    with pytest.raises(KeyboardInterrupt):
        read_dataset(DataConfig(path=str(tmp_path / "png"), cache=str(tmp_path / "cache")))
    monkeypatch.setattr(image_readers, "read_image", real)
    (records,) = (tmp_path / "cache").rglob("*.images")
    with open(records, "ab") as f:
        f.write(b"\x01" * 100)  # half a record written when the process died
    resumed = read_dataset(DataConfig(path=str(tmp_path / "png"), cache=str(tmp_path / "cache")))
    assert resumed.notes["cache"]["reused"] == 4 and resumed.notes["cache"]["decoded"] == 6
    fresh = read_dataset(DataConfig(path=str(tmp_path / "png")))
    np.testing.assert_array_equal(np.asarray(resumed.inputs), fresh.inputs)
    assert records.stat().st_size == 10 * 64


def test_streamed_batches_never_alias_the_reused_read_buffers(tmp_path):
    nib = pytest.importorskip("nibabel")
    rng = np.random.default_rng(4)
    for i in range(8):
        folder = tmp_path / "nii" / ("b" if i % 2 else "a")
        folder.mkdir(parents=True, exist_ok=True)
        nib.save(nib.Nifti1Image(rng.normal(size=(3, 4, 2)).astype(np.float32), np.eye(4)), folder / f"{i}.nii")
    memory, cached = both(tmp_path / "nii", tmp_path / "cache")
    fm, fc = ImageFeaturizer().fit(memory), ImageFeaturizer().fit(cached)
    bm, bc = fm.transform(memory), fc.transform(cached)
    kept = [(idx, bc.batch(idx)) for idx in ([0, 1], [2, 3], [4, 5], [6, 7], [1, 6])]  # more reads than buffers
    for idx, batch in kept:
        assert torch.equal(batch, bm.batch(idx))


def test_scattered_rows_are_advised_all_at_once_before_they_are_read(tmp_path, monkeypatch):
    import os

    from mednn.data import image_cache

    if not image_cache._FADVISE:
        pytest.skip("no posix_fadvise on this platform")
    write_pngs(tmp_path / "png", n=12, shapes=((9, 9),))
    memory, cached = both(tmp_path / "png", tmp_path / "cache")
    images, expected = cached.inputs, np.asarray(memory.inputs)
    assert np.array_equal(images.slots, np.arange(12))  # one file, records in row order
    calls = []
    real_advise, real_preadv = os.posix_fadvise, image_cache._preadv
    monkeypatch.setattr(os, "posix_fadvise", lambda fd, offset, length, advice: calls.append(
        ("advise", offset, length, advice)) or real_advise(fd, offset, length, advice))
    monkeypatch.setattr(image_cache, "_preadv", lambda fd, buffers, offset: calls.append(
        ("read", offset)) or real_preadv(fd, buffers, offset))
    rows = np.array([7, 2, 3, 10, 0])  # records 0, 2-3, 7, 10: four runs
    assert np.array_equal(images.read(rows), expected[rows])  # advice changes no byte
    size = images.record_bytes
    # every range asked for, with WILLNEED, before the first read; then one read per run, in order
    need = os.POSIX_FADV_WILLNEED
    assert calls == [("advise", 0, size, need), ("advise", 2 * size, 2 * size, need),
                     ("advise", 7 * size, size, need), ("advise", 10 * size, size, need),
                     ("read", 0), ("read", 2 * size), ("read", 7 * size), ("read", 10 * size)]
    calls.clear()
    assert np.array_equal(images.read(np.arange(3, 8)), expected[3:8])
    assert calls == [("read", 3 * size)]  # one consecutive run: one read, nothing to advise

    def refuse(*args):
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(os, "posix_fadvise", refuse)  # advice is only advice: reads work without it
    assert np.array_equal(images.read(rows), expected[rows])


def test_files_already_cached_leave_the_page_cache_after_hashing(tmp_path, monkeypatch):
    import os

    from mednn.data import image_cache

    if not image_cache._FADVISE:
        pytest.skip("no posix_fadvise on this platform")
    files = write_pngs(tmp_path / "png", n=6)
    dropped = []
    real = os.posix_fadvise

    def advise(fd, offset, length, advice):
        if advice == os.POSIX_FADV_DONTNEED:
            dropped.append(os.readlink(f"/proc/self/fd/{fd}") if Path("/proc/self/fd").is_dir() else fd)
        return real(fd, offset, length, advice)

    monkeypatch.setattr(os, "posix_fadvise", advise)
    cfg = DataConfig(path=str(tmp_path / "png"), cache=str(tmp_path / "cache"))
    read_dataset(cfg)
    assert dropped == []  # first run: each file is decoded right after its hash, from the page cache
    Image.fromarray(np.full((10, 12), 7, np.uint8)).save(files[0])  # changed: decoded again, so kept
    again = read_dataset(cfg)
    assert len(dropped) == 5 and again.notes["cache"]["decoded"] == 1
    if isinstance(dropped[0], str):
        assert sorted(dropped) == sorted(str(f.resolve()) for f in files[1:])

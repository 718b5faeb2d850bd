"""Image sets larger than memory: decode each file once into a disk cache, read rows on request.

With ``data.cache: <folder>`` (keys of the ``image_folder`` / ``image_csv`` formats; off by
default) the reader does not stack the decoded images in memory. It streams the files one at a
time: each is hashed, decoded (PNG / JPEG / TIFF, DICOM with the run's windowing, NIfTI),
brought to the run's channels, type and ``data.size``, and appended to a cache file. The
dataset's ``inputs`` is then a :class:`CachedImages` (rows of that file), and the image
featurizer streams normalised batches from it, reading the next batch in a background thread
while the current one trains (:class:`mednn.featurizers.images.StreamedImageBatches`).

Keys. A record is found by the **content hash** of its source file (BLAKE2b of the bytes; for
a DICOM series folder, of its file names and bytes) inside a store chosen by the **decoding
options** (``size``, ``color``, ``window_center``, ``window_width``, ``dicom_values``) and by the
set's common layout (channels, type, spatial shape). A changed file has a new hash, so it is
decoded again; a file moved or listed twice is decoded once; another ``data.size`` or window
uses another store. Every run hashes every file (reading bytes is far cheaper than decoding
them); unreadable files are never cached and follow ``data.on_unreadable`` as without a cache.

Why plain fixed-size records (NumPy-compatible) rather than zarr. The images of one store
share one shape and type, so record ``i`` starts at ``i * record_bytes``: a row is one
``pread`` with no chunk index, no codec and no new dependency, and the file is also a valid
``numpy.memmap(path, dtype, shape=(records, C, *spatial))`` for anyone who wants to look
(``<layout>.json`` gives dtype and shape). zarr's chunking and compression pay off for
partial reads of huge single arrays and for object stores; here every read is whole images,
8-bit medical images compress poorly with the fast codecs, and decompression would take CPU
from training. Batches are read with ``os.preadv`` into ordinary (or, with CUDA, pinned)
memory instead of through a live ``mmap``: mapped pages count toward the process's resident
memory (RSS) and address space (``RLIMIT_AS``) until the kernel drops them, whereas the page
cache behind ``pread`` does not, so the process stays under a memory cap however large the set.
A batch of scattered rows (a shuffled epoch) is first advised to the kernel as a whole
(``POSIX_FADV_WILLNEED`` for each run of consecutive records), so its reads are in flight
together instead of waiting for the disk one by one.

On disk (folders and files are created private to the user: they hold patient images)::

    <data.cache>/v1-<options hash>/decoded.json        content hash -> decoded shape and type
    <data.cache>/v1-<options hash>/<layout>.images     records, appended
    <data.cache>/v1-<options hash>/<layout>.json       layout, record count, content hash -> record

Records of files that changed stay in the file unused; delete the folder to reclaim the space.
An interrupted build keeps what its index names (records are written before the index is
replaced atomically) and the next run continues from there.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError, problem

_OPEN_LOCK = threading.Lock()
_FADVISE = hasattr(os, "posix_fadvise")  # Linux and most Unixes; not macOS or Windows
CACHE_VERSION = 1  # bump when decoding or the record format changes: old stores are ignored
# index saves during a long build (progress kept if interrupted): after this many new records
# and this many seconds, so that a huge archive's index is not rewritten every few seconds
_SAVE_EVERY = 2000
_SAVE_SECONDS = 30.0
_HASH_BLOCK = 1 << 20


def content_key(path: Path) -> str:
    """BLAKE2b (128-bit, hex) of a file's bytes, or of a DICOM series folder's names and bytes."""
    digest = hashlib.blake2b(digest_size=16)
    files = [path] if path.is_file() else sorted(
        p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
    for file in files:
        if path.is_dir():
            digest.update(file.name.encode() + b"\0")
        with open(file, "rb") as f:
            while block := f.read(_HASH_BLOCK):
                digest.update(block)
    return digest.hexdigest()


def _options_key(options) -> str:
    decoding = {"version": CACHE_VERSION, "size": options.size, "color": options.color,
                "window_center": options.window_center, "window_width": options.window_width,
                "dicom_values": options.dicom_values}
    text = json.dumps(decoding, sort_keys=True)
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _layout_name(layout) -> str:
    return f"{layout.dtype}-c{layout.channels}-{'x'.join(str(s) for s in layout.spatial)}"


def _write_json(path: Path, value: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(value, f, separators=(",", ":"))
    os.replace(tmp, path)  # readers see the old index or the new one, never half of one


def _read_json(path: Path, default: Any) -> Any:
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        return default
    except (OSError, ValueError):
        raise DataError(problem(f"Image cache index {path} is unreadable",
                                fix=f"delete the folder {path.parent} (it is rebuilt on the next run)")) from None


class _LayoutStore:
    """The records of one layout: an append-only file and its index."""

    def __init__(self, folder: Path, layout):
        self.layout = layout
        name = _layout_name(layout)
        self.images = folder / f"{name}.images"
        self.index_path = folder / f"{name}.json"
        self.record_bytes = int(np.dtype(layout.dtype).itemsize * layout.channels * np.prod(layout.spatial))
        index = _read_json(self.index_path, None)
        if index is not None and (index.get("dtype") != layout.dtype or index.get("channels") != layout.channels
                                  or tuple(index.get("spatial", ())) != tuple(layout.spatial)):
            raise DataError(problem(f"Image cache index {self.index_path} does not match its name",
                                    fix=f"delete the folder {folder}"))
        self.records = int(index["records"]) if index else 0
        self.entries: dict[str, list[int]] = dict(index["entries"]) if index else {}
        self._file = None
        self._unsaved = 0

    def _open_for_append(self):
        if self._file is None:
            fd = os.open(self.images, os.O_RDWR | os.O_CREAT, 0o600)
            self._file = os.fdopen(fd, "r+b", buffering=0)
            # drop bytes an interrupted build wrote after the last saved index
            self._file.truncate(self.records * self.record_bytes)
            self._file.seek(self.records * self.record_bytes)
        return self._file

    def append(self, key: str, array: np.ndarray) -> None:
        record = np.ascontiguousarray(array, dtype=self.layout.dtype)
        if record.nbytes != self.record_bytes:  # conform_image guarantees the shape; a guard anyway
            raise DataError(f"An image does not fit the cache layout {_layout_name(self.layout)}; "
                            f"fix: delete the cache folder {self.images.parent}")
        view = memoryview(record).cast("B")
        f = self._open_for_append()
        f.write(view)
        digest = int.from_bytes(hashlib.blake2b(view, digest_size=8).digest(), "little", signed=True)
        self.entries[key] = [self.records, digest]
        self.records += 1
        self._unsaved += 1

    def save(self) -> None:
        if self._file is not None:
            self._file.flush()
            os.fsync(self._file.fileno())  # records reach the disk before the index names them
        if self._unsaved or not self.index_path.exists():
            _write_json(self.index_path, {"dtype": self.layout.dtype, "channels": self.layout.channels,
                                          "spatial": list(self.layout.spatial), "records": self.records,
                                          "entries": self.entries})
        self._unsaved = 0

    def close(self) -> None:
        self.save()
        if self._file is not None:
            self._file.close()
            self._file = None


class _Store:
    """One cache store: every layout decoded with one set of decoding options."""

    def __init__(self, root: Path, options):
        self.folder = root / f"v{CACHE_VERSION}-{_options_key(options)}"
        try:
            root.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.folder.mkdir(mode=0o700, exist_ok=True)
        except OSError as exc:
            raise DataError(problem(f"Cannot create the image cache folder {self.folder} ({exc.strerror})",
                                    fix="set data.cache to a writable folder")) from None
        self.decoded_path = self.folder / "decoded.json"
        self.decoded: dict[str, list] = _read_json(self.decoded_path, {})
        self._decoded_changed = False
        self.layouts: dict[Any, _LayoutStore] = {}
        self._new, self._saved_at = 0, time.monotonic()

    @contextlib.contextmanager
    def locked(self):
        """One build at a time per store (other processes wait), and indexes saved on the way out."""
        import fcntl

        fd = os.open(self.folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield self
        finally:
            try:
                self.save()
                for store in self.layouts.values():
                    store.close()
            finally:
                os.close(fd)  # closing releases the lock

    def layout_store(self, layout) -> _LayoutStore:
        if layout not in self.layouts:
            self.layouts[layout] = _LayoutStore(self.folder, layout)
        return self.layouts[layout]

    def remember(self, key: str, array: np.ndarray) -> None:
        self.decoded[key] = [list(array.shape), array.dtype.name]
        self._decoded_changed = True
        self._new += 1
        if self._new >= _SAVE_EVERY and time.monotonic() - self._saved_at >= _SAVE_SECONDS:
            self.save()

    def save(self) -> None:
        """Records and their indexes first, then the decoded shapes: a build stopped in between
        decodes a few files again, but never names a record that is not on disk."""
        for store in self.layouts.values():
            store.save()
        if self._decoded_changed:
            _write_json(self.decoded_path, self.decoded)
            self._decoded_changed = False
        self._new, self._saved_at = 0, time.monotonic()


def load_cached_images(paths: list[Path], names: list[str], options, source: str,
                       ids: list[str] | None = None) -> tuple["CachedImages", np.ndarray, dict[str, Any]]:
    """The disk-cached counterpart of :func:`mednn.data.image_files.load_images`.

    Same contract (images, kept row positions, notes; unreadable files fail or are skipped),
    but the images are a :class:`CachedImages` and at most one decoded image is held in
    memory at a time. Files not in the cache are decoded once in a first pass that writes
    them in a provisional layout (the layout of the images seen so far); if the whole set
    turns out to need another one (e.g. one 16-bit or RGB file among 8-bit gray ones, or
    without ``data.size`` a most common shape that differs from the first file's), the files
    missing from that layout are decoded a second time.

    >>> options = ImageOptions(size=64, cache="cache/")
    >>> images, kept, notes = load_cached_images(files, names, options, "scans/")  # doctest: +SKIP
    >>> images.shape, notes["cache"]["decoded"]
    ((1200, 1, 64, 64), 1200)
    """
    from . import image_decoding as readers
    from .image_decoding import failed_image

    store = _Store(Path(options.cache), options)
    failed: list[dict[str, str]] = []
    keys: list[str | None] = [None] * len(paths)

    def fail(i: int, reason: str) -> None:
        failed.append(failed_image(i, paths[i], names[i], source, ids, reason))

    def decode(i: int) -> np.ndarray | None:
        try:
            array = readers.read_image(paths[i], options)
        except readers.Unreadable as exc:
            fail(i, str(exc))
            return None
        store.remember(keys[i], array)
        return array

    decoded: set[str] = set()  # content keys decoded in this run
    with store.locked():
        _hash_files(paths, keys, store, fail)
        _first_pass(keys, store, decode, decoded, options, source)
        kept = [i for i, key in enumerate(keys) if key is not None]
        notes = readers.unreadable_notes(failed, len(kept), options, source)
        layout = readers.image_layout([(tuple(store.decoded[keys[i]][0]), store.decoded[keys[i]][1]) for i in kept],
                                      options, source, notes,
                                      [failed_image(i, paths[i], names[i], source, ids, "")["path"] for i in kept])
        # pass 2: files decoded before, or in another layout, that this layout lacks
        final = store.layout_store(layout)
        for i in kept:
            if keys[i] not in final.entries:
                array = decode(i)
                if array is None:  # readable before, not now (changed between hash and read)
                    raise DataError(problem(f"{source}: {failed_image(i, paths[i], names[i], source, ids, '')['path']} "
                                            "changed while it was read",
                                            fix="run again once the files are no longer being written"))
                final.append(keys[i], readers.conform_image(array, layout))
                decoded.add(keys[i])
                del array
        slots = np.array([final.entries[keys[i]][0] for i in kept], dtype=np.int64)
        digests = np.array([final.entries[keys[i]][1] for i in kept], dtype=np.int64)
        final.save()
        records = final.records
    notes["cache"] = {"folder": str(store.folder), "file": final.images.name, "decoded": len(decoded),
                      "reused": sum(keys[i] not in decoded for i in kept)}
    images = CachedImages(final.images, layout.channels, layout.spatial, layout.dtype, slots, digests,
                          records=records)
    return images, np.array(kept, dtype=np.int64), notes


def _hash_files(paths: list[Path], keys: list[str | None], store: "_Store", fail) -> None:
    """Each file's content key (None, and listed as failed, when it cannot be read)."""
    for i, path in enumerate(paths):
        if not path.exists():
            fail(i, "the file does not exist")
            continue
        try:
            keys[i] = content_key(path)
        except OSError as exc:
            fail(i, f"cannot read the file ({exc.strerror or type(exc).__name__})")
            continue
        if keys[i] in store.decoded:
            _forget_pages(path)  # read only to be hashed: its bytes need not stay cached


def _first_pass(keys: list[str | None], store: "_Store", decode, decoded: set[str], options, source: str) -> None:
    """Decode what the cache has never seen, writing it in a provisional layout (the layout of
    the images seen so far); a file that cannot be decoded gets key None."""
    from . import image_decoding as readers

    provisional = None
    for i, key in enumerate(keys):
        if key is None or key in store.decoded:
            continue
        array = decode(i)
        if array is None:
            keys[i] = None
            continue
        decoded.add(key)
        if provisional is None:
            known = [(tuple(store.decoded[k][0]), store.decoded[k][1]) for k in keys[:i + 1]
                     if k is not None and k in store.decoded]
            provisional = readers.image_layout(known, options, source)
        target = store.layout_store(provisional)
        if key not in target.entries and _fits(array, provisional):
            target.append(key, readers.conform_image(array, provisional))
        del array  # one decoded image at a time


def _forget_pages(path: Path) -> None:
    """Drop a file's pages from the page cache (``POSIX_FADV_DONTNEED``; clean pages only).

    A run over a cached set reads every source file once, to hash it: for a set larger than
    memory those pages would only push out useful ones (the cache file's) and, under a memory
    cgroup, which charges the page cache to the process's group, keep the group at its limit
    so that every later allocation and read first waits for reclaim. Advice only: ignored
    where unavailable."""
    if not _FADVISE or not path.is_file():
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fits(array: np.ndarray, layout) -> bool:
    """True when ``layout`` can hold the image as the in-memory reader would (no lossy cast):
    otherwise the set's layout cannot be this one and the image waits for the second pass."""
    dtype, stored = array.dtype, np.dtype(layout.dtype)
    return (array.ndim == len(layout.spatial) + 1
            and array.shape[0] in (layout.channels, 1 if layout.channels == 3 else layout.channels)
            and (dtype == stored or stored.kind == "f" or (stored == np.uint16 and dtype == np.uint8)))


class CachedImages:
    """Rows of a cache file behaving like a read-only (n, C, *spatial) array.

    ``len``, ``shape``, ``dtype`` and ``ndim`` work as for the in-memory array; indexing with a
    slice, integer array or boolean mask gives another :class:`CachedImages` (nothing is read:
    the dataset's splits stay on disk); an integer gives one image; ``read(rows)`` reads rows
    into memory, and ``np.asarray`` reads all of them (only for sets that fit).

    >>> images[np.array([5, 2])].read().shape  # doctest: +SKIP
    (2, 1, 224, 224)
    """

    def __init__(self, path: str | Path, channels: int, spatial, dtype: str, slots: np.ndarray,
                 digests: np.ndarray, *, records: int | None = None):
        self.path = Path(path)
        self.record_shape = (int(channels), *(int(s) for s in spatial))
        self.dtype = np.dtype(dtype)
        self.slots = np.asarray(slots, dtype=np.int64)
        self.digests = np.asarray(digests, dtype=np.int64)
        self.record_bytes = int(self.dtype.itemsize * np.prod(self.record_shape))
        self.records = int(records) if records is not None else (int(self.slots.max()) + 1 if len(self.slots) else 0)
        self._fd: int | None = None

    # -- array-like -----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.slots)

    @property
    def shape(self) -> tuple[int, ...]:
        return (len(self.slots), *self.record_shape)

    @property
    def ndim(self) -> int:
        return len(self.record_shape) + 1

    @property
    def nbytes(self) -> int:
        return len(self.slots) * self.record_bytes

    def __getitem__(self, index):
        if isinstance(index, (int, np.integer)):
            return self.read(np.array([index]))[0]
        if isinstance(index, tuple):
            raise TypeError("CachedImages takes one row index (int, slice, integer array or mask)")
        return CachedImages(self.path, self.record_shape[0], self.record_shape[1:], self.dtype.name,
                            self.slots[index], self.digests[index], records=self.records)

    def __array__(self, dtype=None, copy=None):
        out = self.read()
        return out if dtype is None else out.astype(dtype, copy=False)

    def row_keys(self) -> np.ndarray:
        """One int64 per row, equal for equal images (a hash of the record's bytes), read from
        the cache index: the split's duplicate and leakage checks need no pass over the pixels."""
        return self.digests.copy()

    # -- reading --------------------------------------------------------------------------------
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_fd"] = None  # a file descriptor does not cross processes
        return state

    def __del__(self):
        fd = getattr(self, "_fd", None)
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)

    def _descriptor(self) -> int:
        with _OPEN_LOCK:  # the prefetch thread and the trainer may ask first at the same time
            return self._open()

    def _open(self) -> int:
        if self._fd is None:
            try:
                self._fd = os.open(self.path, os.O_RDONLY)
            except OSError as exc:
                raise DataError(problem(f"Image cache file {self.path} cannot be opened ({exc.strerror})",
                                        fix="run again to rebuild it (or check data.cache)")) from None
            size = os.fstat(self._fd).st_size
            if size < self.records * self.record_bytes:
                raise DataError(problem(f"Image cache file {self.path} is shorter than its index says",
                                        fix=f"delete the folder {self.path.parent} and run again"))
        return self._fd

    def read(self, rows=None, out: np.ndarray | None = None) -> np.ndarray:
        """Images at ``rows`` (positions in this object; all when None) as (len(rows), C, ...).

        Consecutive records are read with one ``preadv`` into the output rows, whatever order
        the rows are asked in; ``out`` may be a preallocated (e.g. pinned) buffer.
        """
        slots = self.slots if rows is None else self.slots[np.asarray(rows)]
        if out is None:
            out = np.empty((len(slots), *self.record_shape), dtype=self.dtype)
        elif out.shape != (len(slots), *self.record_shape) or out.dtype != self.dtype or not out.flags.c_contiguous:
            raise ValueError(f"out must be a C-contiguous {self.dtype} array of shape "
                             f"{(len(slots), *self.record_shape)}")
        if len(slots) == 0:
            return out
        unique, inverse = np.unique(slots, return_inverse=True)
        if len(unique) < len(slots):  # a row asked twice (sampling with replacement): read it once
            once = self.read_slots(unique)
            np.take(once, inverse.reshape(-1), axis=0, out=out)
            return out
        order = np.argsort(slots, kind="stable")
        self._read_into(slots, order, out)
        return out

    def read_slots(self, slots: np.ndarray) -> np.ndarray:
        slots = np.asarray(slots, dtype=np.int64)
        out = np.empty((len(slots), *self.record_shape), dtype=self.dtype)
        self._read_into(slots, np.argsort(slots, kind="stable"), out)
        return out

    def _read_into(self, slots: np.ndarray, order: np.ndarray, out: np.ndarray) -> None:
        fd = self._descriptor()
        flat = out.reshape(len(out), -1).view(np.uint8)
        ordered = slots[order]
        # runs of consecutive records: one system call each, at most IOV_MAX buffers per call
        breaks = np.flatnonzero(np.diff(ordered) != 1) + 1
        runs = np.split(np.arange(len(ordered)), breaks)
        if len(runs) > 1:
            self._advise(ordered, runs)
        limit = _iov_max()
        for run in runs:
            for start in range(0, len(run), limit):
                part = run[start:start + limit]
                offset = int(ordered[part[0]]) * self.record_bytes
                buffers = [flat[int(order[j])] for j in part]
                got = _preadv(fd, buffers, offset)
                if got != len(part) * self.record_bytes:
                    raise DataError(problem(f"Image cache file {self.path} is shorter than its index says",
                                            fix=f"delete the folder {self.path.parent} and run again"))

    def _advise(self, ordered: np.ndarray, runs: list[np.ndarray]) -> None:
        """Ask the kernel for every run's bytes at once (``POSIX_FADV_WILLNEED``) before reading
        them in order. A batch of scattered rows is many small reads; issued one after another
        each waits for the disk (or, under a memory cap, for pages the cache dropped), whereas
        advised first they are all in flight together and the ``preadv`` calls then mostly find
        them in the page cache: a 128-row batch from a 6 GiB file on a 2 GiB memory cgroup took
        ~50 ms instead of ~200 ms (benchmarks/images_out_of_core.py). Pages already cached cost
        one cheap call each. Advice only: where it is unavailable or fails, the reads still work."""
        if not _FADVISE:
            return
        fd = self._descriptor()
        for run in runs:
            try:
                os.posix_fadvise(fd, int(ordered[run[0]]) * self.record_bytes, len(run) * self.record_bytes,
                                 os.POSIX_FADV_WILLNEED)
            except OSError:
                return

    def chunks(self, max_bytes: int = 64 << 20, rows: int | None = None):
        """(start, images) chunks in row order, each at most ``max_bytes`` (or ``rows`` rows)."""
        step = rows or max(1, max_bytes // max(self.record_bytes, 1))
        for start in range(0, len(self), step):
            yield start, self.read(np.arange(start, min(start + step, len(self))))


def _iov_max() -> int:
    try:
        return max(1, min(int(os.sysconf("SC_IOV_MAX")), 1024))
    except (ValueError, OSError, AttributeError):
        return 16


def _preadv(fd: int, buffers: list[np.ndarray], offset: int) -> int:
    """Read consecutive bytes at ``offset`` into ``buffers``; the bytes read."""
    if hasattr(os, "preadv"):
        total, views = 0, [memoryview(b) for b in buffers]
        while views:
            got = os.preadv(fd, views, offset + total)
            if got <= 0:
                break
            total += got
            # a short read (signals, huge requests): continue after what arrived
            while views and got >= views[0].nbytes:
                got -= views[0].nbytes
                views.pop(0)
            if views and got:
                views[0] = views[0][got:]
        return total
    total = 0
    for b in buffers:
        data = os.pread(fd, b.nbytes, offset + total)
        b[:len(data)] = np.frombuffer(data, dtype=np.uint8)
        total += len(data)
        if len(data) < b.nbytes:
            break
    return total

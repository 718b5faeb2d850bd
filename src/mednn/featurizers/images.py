"""The image featurizer and batch augmentation.

:class:`ImageFeaturizer` (registered as ``"image"``) fits per-channel intensity statistics on
the training split and keeps the images in memory in their stored integer type (``uint8``
for 8-bit sources): :class:`ImageBatches` normalises one batch at a time, picked by index, so
a 224x224 MedMNIST set never exists as float32 in full. Optional ``size`` resizes once, in
chunks, at transform time. Images read with ``data.cache`` (a
:class:`~mednn.data.image_cache.CachedImages` on disk) become :class:`StreamedImageBatches`
instead: the same batches, bit for bit, read from the cache file while the previous batch
trains, so a set larger than memory trains with the memory of a few batches.

Batch augmentation (``train.augment``) lives in :mod:`mednn.featurizers.image_augment`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..data.image_conform import resize
from ..errors import ConfigError, DataError, problem
from .base import FEATURIZERS, Featurizer
from .image_augment import affine_resample, make_augment  # noqa: F401  (public here too)

# full-range divisor per stored integer type: intensities are normalised from [0, 1]
_SCALE = {"uint8": 255.0, "uint16": 65535.0}
_CHUNK = 2048  # samples per step when computing statistics (bounds memory)


def _as_array(inputs: Any) -> np.ndarray:
    if hasattr(inputs, "detach"):  # a torch tensor
        return inputs.detach().cpu().numpy()
    if _on_disk(inputs):  # kept on disk: read in chunks by whoever needs the pixels
        return inputs
    return np.asarray(inputs)


def _row_index(index: Any) -> np.ndarray:
    index = np.asarray(index.cpu() if hasattr(index, "cpu") else index)
    if index.dtype == bool:
        index = np.flatnonzero(index)
    return index.astype(np.int64, copy=False).reshape(-1)


def _on_disk(x: Any) -> bool:
    """True for images in a disk cache (:class:`mednn.data.image_cache.CachedImages`)."""
    return hasattr(x, "read") and hasattr(x, "row_keys")


class ImageBatches:
    """Images stored as an integer (or float) tensor, normalised per batch on request.

    ``batch(index)`` returns float32 ``(len(index), C, ...)``: ``(x / scale - mean) / std``.
    ``to(device)`` moves the stored images once (e.g. to the GPU) so batches are cut there.

    >>> feats = ImageFeaturizer().fit(train).transform(test)  # doctest: +SKIP
    >>> feats.batch(np.arange(32)).shape
    torch.Size([32, 1, 28, 28])
    """

    def __init__(self, data, mean: Sequence[float], std: Sequence[float], scale: float):
        import torch

        self.data = data
        shape = (1, len(mean)) + (1,) * (data.dim() - 2)
        # fold "/ scale, - mean, / std" into one multiply-add per element
        std_t = torch.tensor(std, dtype=torch.float32)
        self._mul = (1.0 / (scale * std_t)).reshape(shape).to(data.device)
        self._add = (-torch.tensor(mean, dtype=torch.float32) / std_t).reshape(shape).to(data.device)
        self.mean, self.std, self.scale = list(mean), list(std), scale

    def __len__(self) -> int:
        return int(self.data.shape[0])

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(self.data.shape)

    @property
    def device(self):
        return self.data.device

    def to(self, device) -> "ImageBatches":
        return ImageBatches(self.data.to(device), self.mean, self.std, self.scale)

    def batch(self, index) -> Any:
        """Float32 normalised images at ``index`` (NumPy / torch integer or boolean index)."""
        import torch

        index = torch.as_tensor(np.asarray(index) if not hasattr(index, "device") else index,
                                device=self.data.device)
        if index.dtype == torch.bool:
            index = index.nonzero().flatten()
        x = self.data.index_select(0, index.long()).float()
        return x.mul_(self._mul).add_(self._add)

    def all(self) -> Any:
        """Every image, normalised (only for small sets: it materialises float32)."""
        import torch

        return self.batch(torch.arange(len(self), device=self.data.device))


class StreamedImageBatches:
    """Images in a disk cache, normalised per batch exactly as :class:`ImageBatches` does.

    ``batch(index)`` reads the rows from the cache file (``pread``, no memory map) and
    returns float32 ``(x / scale - mean) / std``, resized per batch when ``featurize.size``
    differs from the cached size (pinned when CUDA is available, so the copy to the GPU can
    overlap). ``read_ahead(batches)`` wraps an epoch's index batches: while the trainer works on one
    batch a background thread reads the next one from disk. Reads of
    consecutive ranges (prediction, evaluation) are read ahead the same way without read_ahead.
    ``to(device)`` keeps the images on disk: each batch is moved by the trainer.

    >>> feats = ImageFeaturizer().fit(train).transform(train)  # train read with data.cache  # doctest: +SKIP
    >>> for index in feats.read_ahead(batches): x = feats.batch(index)  # doctest: +SKIP
    """

    def __init__(self, images, mean: Sequence[float], std: Sequence[float], scale: float,
                 size: Sequence[int] | None = None):
        import torch

        self.images = images
        self.mean, self.std, self.scale = list(mean), list(std), scale
        self.size = tuple(size) if size is not None and tuple(size) != tuple(images.shape[2:]) else None
        shape = (1, len(mean)) + (1,) * (images.ndim - 2)
        std_t = torch.tensor(std, dtype=torch.float32)
        self._mul = (1.0 / (scale * std_t)).reshape(shape)  # the same factors as ImageBatches
        self._add = (-torch.tensor(mean, dtype=torch.float32) / std_t).reshape(shape)
        self._pin = torch.cuda.is_available()
        self._executor = None
        self._pending: tuple[np.ndarray, Any] | None = None  # (index, future) read ahead
        self._planned: np.ndarray | None = None  # the plan's batch after the one being read
        self._planning = False  # inside read_ahead(): no guessing at the next batch
        self._buffers: list[np.ndarray | None] = [None, None, None]
        self._turn = 0

    def __len__(self) -> int:
        return len(self.images)

    @property
    def shape(self) -> tuple[int, ...]:
        return (len(self.images), self.images.shape[1], *(self.size or self.images.shape[2:]))

    @property
    def device(self):
        import torch

        return torch.device("cpu")

    def to(self, device) -> "StreamedImageBatches":
        return self

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_executor"], state["_pending"], state["_planned"] = None, None, None  # threads stay here
        state["_buffers"] = [None, None, None]
        return state

    def _read(self, index: np.ndarray, buffer: np.ndarray | None = None):
        """The stored images at ``index`` (the background thread's part: reading, not the math,
        so a batch read ahead costs its stored size, a quarter of the float32 batch for 8-bit)."""
        import torch

        x = torch.from_numpy(self.images.read(index, out=buffer))
        return resize(x, self.size) if self.size is not None else x

    def _buffer(self, n: int) -> np.ndarray:
        """The next of a few reused read buffers: no fresh allocation (and page faults) per batch.
        A buffer is free again once its batch is normalised (a copy), and at most one read is in
        flight while the trainer normalises the previous one, so three never collide."""
        self._turn = (self._turn + 1) % len(self._buffers)
        buffer = self._buffers[self._turn]
        if buffer is None or len(buffer) < n:
            buffer = np.empty((n, *self.images.shape[1:]), dtype=self.images.dtype)
            self._buffers[self._turn] = buffer
        return buffer[:n]

    def _normalise(self, x):
        import torch

        # a copy, never the read buffer (float32 images: .float() would return the buffer itself)
        x = x.float() if x.dtype != torch.float32 else x.clone()
        x = x.mul_(self._mul).add_(self._add)  # as ImageBatches.batch: the same floats
        return x.pin_memory() if self._pin else x

    def _submit(self, index: np.ndarray):
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mednn-prefetch")
        return self._executor.submit(self._read, index, self._buffer(len(index)))

    def batch(self, index) -> Any:
        """Float32 normalised images at ``index`` (NumPy / torch integer or boolean index)."""
        index = _row_index(index)
        pending, self._pending = self._pending, None
        planned, self._planned = self._planned, None
        if pending is not None and not np.array_equal(pending[0], index):
            _drop(pending[1])
            pending = None
        if planned is not None:  # the plan's next batch: read it while this one trains
            self._pending = (planned, self._submit(planned))
        elif not self._planning and len(index) and index[-1] + 1 < len(self) and (np.diff(index) == 1).all():
            # a consecutive range (prediction): the next range of the same length is likely next
            start = int(index[-1]) + 1
            following = np.arange(start, min(start + len(index), len(self)), dtype=np.int64)
            self._pending = (following, self._submit(following))
        if pending is not None:
            return self._normalise(pending[1].result())
        return self._normalise(self._read(index, self._buffer(len(index))))

    def read_ahead(self, batches):
        """Yield ``batches`` unchanged; each ``batch(index)`` of one starts reading the next."""
        upcoming = iter(batches)
        current = next(upcoming, None)
        if current is None:
            return
        self._pending = (_row_index(current), self._submit(_row_index(current)))
        self._planning = True
        try:
            while current is not None:
                following = next(upcoming, None)
                self._planned = None if following is None else _row_index(following)
                yield current
                current = following
                if current is not None and (self._pending is None
                                            or not np.array_equal(self._pending[0], _row_index(current))):
                    # batch() was not called for the last one: start this one's read now
                    if self._pending is not None:
                        _drop(self._pending[1])
                    self._pending = (_row_index(current), self._submit(_row_index(current)))
        finally:
            self._planned, self._planning = None, False

    def all(self) -> Any:
        """Every image, normalised (only for small sets: it materialises float32)."""
        return self.batch(np.arange(len(self)))

    def close(self) -> None:
        """Stop the background reader (it also stops with the process)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        self._pending = None


def _drop(future) -> None:
    """Forget a read ahead that was not needed; wait if it already runs (its buffer is reused)."""
    if not future.cancel():
        future.exception()


@FEATURIZERS.register("image")
class ImageFeaturizer(Featurizer):
    """Per-channel intensity normalisation fitted on the training split; optional resize.

    size: None (keep), an int (every spatial side) or one side per spatial axis.
    mean / std: fixed statistics in [0, 1] intensity units (e.g. 0.5 / 0.5 as in the MedMNIST
    protocol) instead of fitted ones; a single number applies to every channel.
    """

    name = "image"

    def __init__(
        self,
        size: int | Sequence[int] | None = None,
        mean: float | Sequence[float] | None = None,
        std: float | Sequence[float] | None = None,
    ):
        self.size = size
        self.mean = mean
        self.std = std

    def params(self) -> dict[str, Any]:
        return {"size": _jsonable(self.size), "mean": _jsonable(self.mean), "std": _jsonable(self.std)}

    def reader_settings(self, data) -> dict[str, Any]:
        """Images to predict come out in the training shape and stored type (size, colour), also
        for runs without ``data.size``; keys the run's data section sets stay its own."""
        shape = getattr(self, "source_shape_", None)
        if shape is None:
            return {}
        from ..data.images import options_like

        like = options_like(shape, getattr(self, "dtype_", None))
        return {k: v for k, v in like.items() if k not in data.options}

    # -- fit ---------------------------------------------------------------------------------
    def _fit(self, train) -> None:
        x = _as_array(train.inputs)
        if x.ndim not in (4, 5):
            raise DataError(problem(f"Images of {train.source or 'the training split'} have {x.ndim} axes",
                                    expected="(n, C, H, W) or (n, C, D, H, W)"))
        if len(x) == 0:
            raise DataError("The training split has no images; fix: check the data path and split")
        channels = x.shape[1]
        self.dtype_ = str(x.dtype)
        self.scale_ = _SCALE.get(self.dtype_, 1.0)
        self.spatial_ = _target_size(self.size, x.shape[2:])
        if self.mean is not None and self.std is not None:
            self.mean_ = _per_channel(self.mean, channels, "featurize.mean")
            self.std_ = _per_channel(self.std, channels, "featurize.std")
        else:
            mean, std = _channel_stats(x, self.scale_)
            self.mean_ = _per_channel(self.mean, channels, "featurize.mean") if self.mean is not None else mean
            self.std_ = _per_channel(self.std, channels, "featurize.std") if self.std is not None else std
        # a constant channel (e.g. all-black padding) would divide by zero
        self.std_ = [s if s > 1e-8 else 1.0 for s in self.std_]
        self.input_shape_ = (channels, *self.spatial_)
        self.source_shape_ = tuple(int(s) for s in x.shape[1:])
        self.grey_images_ = _grey_images(x)

    @property
    def input_shape(self) -> tuple[int, ...]:
        self.check_fitted()
        return tuple(self.input_shape_)

    # -- transform ---------------------------------------------------------------------------
    def transform(self, dataset) -> ImageBatches | StreamedImageBatches:
        import torch

        self.check_fitted()
        x = _as_array(dataset.inputs)
        if x.ndim != len(self.input_shape_) + 1 or x.shape[1] != self.input_shape_[0]:
            rgb = (dataset.notes or {}).get("rgb_files")  # colour files that turned a grey batch into RGB
            odd = f" (colour files among grey ones: {', '.join(rgb)})" if rgb and x.shape[1] == 3 else ""
            raise DataError(problem(f"Images of {dataset.source or 'the dataset'}{odd} do not fit the fitted featurizer",
                                    got=f"shape {tuple(x.shape[1:])} per image",
                                    expected=f"{self.input_shape_[0]} channels and {len(self.spatial_)} spatial axes"))
        if str(x.dtype) != self.dtype_:
            raise DataError(problem(f"Images of {dataset.source or 'the dataset'} are stored as {x.dtype}",
                                    expected=f"{self.dtype_} as in training",
                                    fix="read them with the same format options"))
        if _on_disk(x):
            if tuple(x.shape[2:]) != tuple(self.spatial_) and self.size is None:
                raise DataError(problem(
                    f"Images of {dataset.source or 'the dataset'} are {'x'.join(map(str, x.shape[2:]))}",
                    expected=f"{'x'.join(map(str, self.spatial_))} as in training",
                    fix="resize them, or train with featurize.size to resize every input"))
            return StreamedImageBatches(x, self.mean_, self.std_, self.scale_, self.spatial_)
        x = np.ascontiguousarray(x)
        # torch cannot share a read-only buffer (np.frombuffer, PIL); copy those once
        data = torch.from_numpy(x if x.flags.writeable else x.copy())
        if tuple(data.shape[2:]) != tuple(self.spatial_):
            if self.size is None:
                # without featurize.size the model was fitted to one image size; resizing other
                # images silently would change what the model sees
                raise DataError(problem(
                    f"Images of {dataset.source or 'the dataset'} are {'x'.join(map(str, data.shape[2:]))}",
                    expected=f"{'x'.join(map(str, self.spatial_))} as in training",
                    fix="resize them, or train with featurize.size to resize every input"))
            data = resize(data, self.spatial_)
        return ImageBatches(data, self.mean_, self.std_, self.scale_)

    def make_augment(self, options: dict[str, Any] | None, seed: int,
                     class_counts: Sequence[int] | None = None) -> Callable[[Any, Any], Any] | None:
        """The training-batch augmentation for ``train.augment`` (see :func:`make_augment`)."""
        return make_augment(options, seed, class_counts)

    # -- state -------------------------------------------------------------------------------
    def _state(self) -> dict[str, Any]:
        return {
            "params": self.params(),
            "dtype": self.dtype_,
            "scale": self.scale_,
            "mean": list(self.mean_),
            "std": list(self.std_),
            "input_shape": list(self.input_shape_),
            "source_shape": list(self.source_shape_),
            "grey_images": getattr(self, "grey_images_", None),
        }

    def _load(self, state: dict[str, Any]) -> None:
        params = state.get("params", {})
        self.size, self.mean, self.std = params.get("size"), params.get("mean"), params.get("std")
        self.dtype_ = state["dtype"]
        self.scale_ = float(state["scale"])
        self.mean_ = [float(v) for v in state["mean"]]
        self.std_ = [float(v) for v in state["std"]]
        self.input_shape_ = tuple(int(v) for v in state["input_shape"])
        self.spatial_ = self.input_shape_[1:]
        self.source_shape_ = tuple(int(v) for v in state.get("source_shape", self.input_shape_))
        grey = state.get("grey_images")  # None: a run fitted before it was counted, or images on disk
        self.grey_images_ = int(grey) if isinstance(grey, int) and not isinstance(grey, bool) else None

    # -- federated statistics (mednn.federation.statistics) ----------------------------------
    def summary(self, train, query: dict[str, Any] | None = None) -> dict[str, Any]:
        """At a site: the images' shape and type and, per channel, a 256-bin histogram of pixel
        levels (8-bit images) or the sum and sum of squares of ``pixel / scale`` (others)."""
        from .federated import image_summary

        x = _as_array(train.inputs)
        if x.ndim not in (4, 5) or len(x) == 0:
            raise DataError(problem(f"Images of {train.source or 'the site'} have {x.ndim} axes or none",
                                    expected="(n, C, H, W) or (n, C, D, H, W)"))
        parts = ((chunk for _, chunk in x.chunks()) if _on_disk(x)
                 else (x[i:i + _CHUNK] for i in range(0, len(x), _CHUNK)))
        return image_summary(parts, x.dtype, x.shape, _SCALE.get(str(x.dtype), 1.0))

    def merge(self, summaries: list[dict[str, Any]], ask=None) -> "ImageFeaturizer":
        """At the coordinator: the per-channel statistics of the sites' pooled pixels."""
        from .federated import image_merge

        shape = summaries[0]["shape"]
        dtype, means, stds = image_merge(summaries, resized=self.size is not None, scale=_SCALE)
        if self.mean is not None:
            means = _per_channel(self.mean, shape[0], "featurize.mean")
        if self.std is not None:
            stds = _per_channel(self.std, shape[0], "featurize.std")
        spatial = _target_size(self.size, shape[1:])
        return self.load_state_dict({
            "params": self.params(), "dtype": dtype, "scale": _SCALE.get(dtype, 1.0), "mean": list(means),
            "std": [s if s > 1e-8 else 1.0 for s in stds], "input_shape": [shape[0], *spatial],
            "source_shape": list(shape)})


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (int, float, str)):
        return value
    return [v for v in value]


def _per_channel(value: float | Sequence[float], channels: int, key: str) -> list[float]:
    values = [float(value)] * channels if isinstance(value, (int, float)) else [float(v) for v in value]
    if len(values) != channels:
        raise ConfigError(problem(f"Key '{key}' gives {len(values)} values for {channels} channels",
                                  fix=f"give one number or {channels}"))
    return values


def _target_size(size: int | Sequence[int] | None, spatial: Sequence[int]) -> tuple[int, ...]:
    if size is None:
        return tuple(int(s) for s in spatial)
    sizes = [int(size)] * len(spatial) if isinstance(size, (int, float)) else [int(s) for s in size]
    if len(sizes) != len(spatial) or min(sizes) < 1:
        raise ConfigError(problem("Key 'featurize.size' does not fit the images",
                                  got=size, expected=f"a positive int or {len(spatial)} positive ints"))
    return tuple(sizes)


def _grey_images(x) -> int | None:
    """How many training images of a colour (3-channel) run are grey (no colour by
    :func:`mednn.data.image_conform.colourful`): with none, a grey image sent to the run is out of
    distribution (:func:`mednn.inference.ood.colour_mismatch`). None for grey runs and images on disk."""
    from ..data.image_conform import colourful

    if x.shape[1] != 3 or _on_disk(x):
        return None
    return int(sum(not colourful(np.asarray(image)) for image in x))


def _channel_stats(x: np.ndarray, scale: float) -> tuple[list[float], list[float]]:
    """Per-channel mean and standard deviation of ``x / scale`` over all training pixels."""
    channels = x.shape[1]
    if x.dtype == np.uint8:
        # exact and light: a 256-bin histogram per channel instead of a float copy of the data
        import warnings

        import torch

        levels = np.arange(256, dtype=np.float64) / scale
        # images on disk are counted chunk by chunk; integer counts add up exactly, so the
        # statistics are the same as from the whole array in memory
        parts = (chunk for _, chunk in x.chunks()) if _on_disk(x) else [x]
        histograms = np.zeros((channels, 256), dtype=np.int64)
        for part in parts:
            for c in range(channels):
                flat = np.ascontiguousarray(part[:, c]).reshape(-1)
                with warnings.catch_warnings():  # a read-only array is fine: bincount only reads
                    warnings.simplefilter("ignore", UserWarning)
                    # torch counts uint8 directly; NumPy would first copy to int64 (8x the memory)
                    histograms[c] += torch.bincount(torch.from_numpy(flat), minlength=256).numpy()
        means, stds = [], []
        for c in range(channels):
            counts = histograms[c].astype(np.float64)
            total = counts.sum()
            mean = float((counts * levels).sum() / total)
            var = float((counts * (levels - mean) ** 2).sum() / total)
            means.append(mean)
            stds.append(var ** 0.5)
        return means, stds
    sums = np.zeros(channels)
    squares = np.zeros(channels)
    count = 0
    # on disk, chunks of at most 32 MB stored (x4 as float64 and squares): the same 2048-row
    # chunks as in memory for small images, so the sums agree bit for bit; for large volumes
    # smaller chunks, whose sums agree with the in-memory ones up to float rounding
    step = _CHUNK if not _on_disk(x) else max(1, min(_CHUNK, (32 << 20) // max(x.record_bytes, 1)))
    for start in range(0, len(x), step):
        rows = x[start:start + step]
        rows = rows.read() if _on_disk(x) else rows
        chunk = rows.astype(np.float64).reshape(-1, channels, int(np.prod(x.shape[2:]))) / scale
        sums += chunk.sum(axis=(0, 2))
        squares += (chunk ** 2).sum(axis=(0, 2))
        count += chunk.shape[0] * chunk.shape[2]
    if not np.isfinite(sums).all():
        raise DataError("Images of the training split hold NaN or infinite values; fix: clean or skip those files")
    means = sums / count
    variance = np.maximum(squares / count - means ** 2, 0.0)
    return means.tolist(), np.sqrt(variance).tolist()

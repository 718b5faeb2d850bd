"""Fitted transforms from a :class:`~mednn.data.base.Dataset` to model inputs.

The scikit-learn contract: ``__init__`` stores arguments, ``fit(train) -> self`` learns state
(attributes ending in ``_``) from the training split only, ``transform(dataset)`` works on
any split, and ``state_dict()`` / ``load_state_dict()`` round-trip the fitted state through
JSON-able values (lists, numbers, strings; large arrays as NumPy arrays that the run stores
in ``featurizer.safetensors``). Using a featurizer before ``fit`` raises NotFittedError.

``transform`` returns either a ``torch.Tensor`` of shape (n, ...) that the trainer batches by
indexing, or an object with ``__len__`` and ``batch(index) -> model input`` (graphs, padded
token ids), see :class:`Batchable`. Register a new one with ``@FEATURIZERS.register(name)``.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

import numpy as np

from ..errors import NotFittedError
from ..registry import Registry

FEATURIZERS: Registry = Registry("featurizer")


@runtime_checkable
class Batchable(Protocol):
    def __len__(self) -> int: ...

    def batch(self, index: np.ndarray) -> Any: ...


class Featurizer:
    """Base class; subclasses implement ``_fit``, ``transform``, ``_state`` / ``_load``."""

    name: str = ""
    # keys of the data section this featurizer also takes (when featurize does not set them)
    data_options: tuple[str, ...] = ()

    def fit(self, train) -> "Featurizer":
        self._fit(train)
        self.fitted_ = True
        return self

    def check_fitted(self) -> None:
        if not getattr(self, "fitted_", False):
            raise NotFittedError(f"{type(self).__name__} is used before fit(); call fit(train) first")

    @property
    def input_shape(self) -> tuple[int, ...]:
        """Shape of one transformed sample, as the model builder receives it."""
        raise NotImplementedError

    def params(self) -> dict[str, Any]:
        """Constructor arguments (recorded so the run rebuilds the featurizer)."""
        return {}

    def reader_settings(self, data) -> dict[str, Any]:
        """Data-config keys that make the reader of new samples (``mednn predict``, served
        records) produce what this featurizer was fitted on, given the run's data config
        ``data``; {} when the run's own settings do (the default)."""
        return {}

    def state_dict(self) -> dict[str, Any]:
        self.check_fitted()
        return self._state()

    def load_state_dict(self, state: dict[str, Any]) -> "Featurizer":
        self._load(state)
        self.fitted_ = True
        return self

    # federated statistics (mednn.federation.statistics; helpers in featurizers/federated.py)
    def summary(self, train, query: dict[str, Any] | None = None) -> dict[str, Any]:
        """At a site: aggregates of its ``train`` rows that :meth:`merge` combines (counts, sums,
        histograms; never a row). ``query`` None asks for the first summary; otherwise it is
        one of the follow-up queries ``merge`` sends through ``ask``. JSON-able values only."""
        from .federated import no_statistics

        raise no_statistics(self.name or type(self).__name__, "its state is not built from aggregates yet")

    def merge(self, summaries: list[dict[str, Any]], ask=None) -> "Featurizer":
        """At the coordinator: fit from the sites' first summaries as :meth:`fit` would on their
        pooled rows; ``ask(query)`` returns every site's ``summary(train, query)`` in the same
        order. Returns self, fitted.

        >>> f.merge([site.summary(rows_a), ...], ask)      # doctest: +SKIP
        """
        from .federated import no_statistics

        raise no_statistics(self.name or type(self).__name__, "its state is not built from aggregates yet")

    # subclass hooks
    def _fit(self, train) -> None:
        raise NotImplementedError

    def transform(self, dataset) -> Any:
        raise NotImplementedError

    def _state(self) -> dict[str, Any]:
        raise NotImplementedError

    def _load(self, state: dict[str, Any]) -> None:
        raise NotImplementedError

"""Federated featurizer statistics: the global featurizer fitted from the sites' aggregates.

No row leaves a site. The coordinator asks every site for its featurizer's
``summary(rows, query)`` and combines them with the featurizer's own ``merge(summaries, ask)``
(:meth:`mednn.featurizers.base.Featurizer.summary`), which asks follow-up queries where the
state needs them (the table featurizer's medians and spreads, the descriptors' quantiles).
The result equals ``fit`` on the pooled rows (to ~1e-10 of a column's spread for medians and
quantiles; exactly for counts, vocabularies and histograms). What each featurizer's summary
discloses is listed in docs/federated.md.

>>> state = federated_fit(featurizer, coordinator.ask_statistics)   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..featurizers.base import Featurizer

Ask = Callable[[dict[str, Any] | None], list[dict[str, Any]]]


def supported(featurizer) -> bool:
    """Whether the featurizer builds its state from aggregates (it overrides ``merge``)."""
    return type(featurizer).merge is not Featurizer.merge


def check(featurizer) -> None:
    """Refuse, before any site works, a featurizer without federated statistics."""
    if not supported(featurizer):
        featurizer.merge([], None)  # raises its one-line error


def federated_fit(featurizer, ask: Ask) -> dict[str, Any]:
    """Fit ``featurizer`` from the sites' summaries; ``ask(query)`` returns every site's
    ``summary(rows, query)`` (``None``: the first). Returns the fitted state."""
    check(featurizer)
    featurizer.merge(ask(None), ask)
    return featurizer.state_dict()

"""One round's aggregation: the sites' updates checked, bounded, then combined.

Sites are not trusted (docs/federated.md, "Threat model"). Before anything is averaged:

- an update with another set of tensors or shapes than the model's, or a value that is not
  finite, is **dropped** and its site named;
- its **norm** (L2 distance of the site's weights from the round's global weights, floating
  tensors only) must be at most ``max_update_norm`` and at most ``max_update_ratio`` times
  the median norm of the other sites in the round, else the site is dropped and named;
- its **row count** (its weight in FedAvg) is the count it gave at ``hello``, capped at the
  rows declared for it (a sites file) or, when none is declared, at ``max_rows_ratio`` times
  the median of the other sites' counts; a site that claims another count in a round than
  at ``hello`` is dropped. ``weighting: equal`` gives every site the same weight.

Then the kept updates are combined by ``privacy.federated.aggregation``:
``fedavg`` / ``fedprox`` (mednn's FedAvg: the row-weighted mean, summed in float64 in the
sites' name order), or Flower's robust strategies on the Message API
(:class:`flwr.serverapp.strategy.FedTrimmedAvg` — coordinate-wise trimmed mean,
:class:`~flwr.serverapp.strategy.FedMedian` — coordinate-wise median,
:class:`~flwr.serverapp.strategy.Krum` — the one update closest to its n - f - 2 nearest
others), called with the sites' reply Messages. Integer buffers (batch-norm step counts) are
never averaged: the first kept site's are taken.

>>> kept, dropped = check_updates(global_arrays, updates, bounds)        # doctest: +SKIP
>>> new = aggregate("median", global_arrays, kept, weights)              # doctest: +SKIP
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import ConfigError

AGGREGATIONS = ("fedavg", "fedprox", "trimmed_mean", "median", "krum")
ROBUST = ("trimmed_mean", "median", "krum")


@dataclass
class Bounds:
    """What a round accepts of a site (``privacy.federated``'s bounds)."""

    max_update_norm: float | None = None
    max_update_ratio: float | None = 10.0
    max_rows_ratio: float | None = 10.0

    @classmethod
    def from_config(cls, fed_cfg) -> "Bounds":
        return cls(fed_cfg.max_update_norm, fed_cfg.max_update_ratio, fed_cfg.max_rows_ratio)


def update_norm(global_arrays: dict[str, np.ndarray], arrays: dict[str, np.ndarray]) -> float:
    """L2 norm of (site weights - global weights) over the floating tensors."""
    total = 0.0
    for key, g in global_arrays.items():
        if np.issubdtype(g.dtype, np.floating):
            d = np.asarray(arrays[key], dtype=np.float64) - g.astype(np.float64)
            total += float(np.dot(d.ravel(), d.ravel()))
    return math.sqrt(total)


def _malformed(global_arrays: dict[str, np.ndarray], arrays: dict[str, np.ndarray]) -> str | None:
    if set(arrays) != set(global_arrays):
        return "an update with other tensors than the model's"
    for key, g in global_arrays.items():
        a = arrays[key]
        if a.shape != g.shape or a.dtype != g.dtype:
            return f"an update whose tensor {key!r} has another shape or type than the model's"
        if np.issubdtype(a.dtype, np.floating) and not np.isfinite(a).all():
            return "a non-finite update (NaN or infinite weights)"
    return None


def check_updates(global_arrays: dict[str, np.ndarray], updates: dict[str, dict[str, np.ndarray]],
                  bounds: Bounds) -> tuple[list[str], dict[str, str]]:
    """(names kept, {name dropped: why}) for one round's updates, named in sorted order."""
    dropped: dict[str, str] = {}
    for name in sorted(updates):
        why = _malformed(global_arrays, updates[name])
        if why is not None:
            dropped[name] = why
    norms = {n: update_norm(global_arrays, updates[n]) for n in sorted(updates) if n not in dropped}
    for name, norm in norms.items():
        if bounds.max_update_norm is not None and norm > bounds.max_update_norm:
            dropped[name] = f"an update of norm {norm:.4g}, beyond max_update_norm {bounds.max_update_norm:g}"
            continue
        others = [v for n, v in norms.items() if n != name]
        if bounds.max_update_ratio is not None and others:
            limit = bounds.max_update_ratio * max(float(np.median(others)), 1e-12)
            if norm > limit:
                dropped[name] = (f"an update of norm {norm:.4g}, beyond {bounds.max_update_ratio:g} x the other "
                                 f"sites' median ({limit:.4g})")
    return [n for n in sorted(updates) if n not in dropped], dropped


def bounded_rows(claimed: dict[str, int], declared: dict[str, int] | None,
                 max_rows_ratio: float | None) -> tuple[dict[str, int], dict[str, str]]:
    """Each site's weight in FedAvg: its claimed rows capped at its declared rows or, without a
    declaration, at ``max_rows_ratio`` x the others' median. Returns (rows, {site: note})."""
    rows, notes = {}, {}
    for name, n in sorted(claimed.items()):
        limit = None
        if declared is not None and name in declared:
            limit = int(declared[name])
        elif max_rows_ratio is not None and len(claimed) > 1:
            others = [v for k, v in claimed.items() if k != name]
            limit = int(max_rows_ratio * max(float(np.median(others)), 1.0))
        rows[name] = n if limit is None else min(n, limit)
        if rows[name] < n:
            notes[name] = f"claimed {n} rows, counted as {rows[name]}"
    return rows, notes


def fedavg(states: list[dict[str, Any]], weights: list[float]) -> dict[str, Any]:
    """Weighted average of state dicts (torch tensors; floating ones averaged in float64 in the
    order given), integer buffers taken from the first."""
    total = float(sum(weights))
    out = {}
    for key, first in states[0].items():
        if first.is_floating_point():
            out[key] = sum(s[key].double() * (w / total) for s, w in zip(states, weights)).to(first.dtype)
        else:
            out[key] = first.clone()
    return out


def aggregate(method: str, global_arrays: dict[str, np.ndarray], updates: list[dict[str, np.ndarray]],
              weights: list[float], *, trim_fraction: float = 0.2, krum_malicious: int = 1) -> dict[str, np.ndarray]:
    """The round's new global weights from the kept updates (in the sites' name order)."""
    import torch

    if method in ("fedavg", "fedprox"):
        states = [{k: torch.from_numpy(np.array(u[k])) for k in global_arrays} for u in updates]
        return {k: v.numpy() for k, v in fedavg(states, weights).items()}
    if method not in ROBUST:
        raise ConfigError(f"Unknown privacy.federated.aggregation {method!r}; valid: {', '.join(AGGREGATIONS)}")
    floating = [k for k, g in global_arrays.items() if np.issubdtype(g.dtype, np.floating)]
    combined = _flower_robust(method, [{k: u[k] for k in floating} for u in updates], weights,
                              trim_fraction=trim_fraction, krum_malicious=krum_malicious)
    return {k: (np.asarray(combined[k], dtype=g.dtype) if k in combined else np.array(updates[0][k]))
            for k, g in global_arrays.items()}


def _flower_robust(method: str, updates: list[dict[str, np.ndarray]], weights: list[float], *,
                   trim_fraction: float, krum_malicious: int) -> dict[str, np.ndarray]:
    """Flower's robust strategy's ``aggregate_train`` on reply Messages holding the updates."""
    from flwr.serverapp.strategy import FedMedian, FedTrimmedAvg, Krum

    n = len(updates)
    if method == "krum" and n < krum_malicious + 3:
        raise ConfigError(f"Krum with privacy.federated.krum_malicious={krum_malicious} needs at least "
                          f"{krum_malicious + 3} sites in a round; {n} remain; fix: lower krum_malicious or use "
                          "aggregation: median")
    strategy = {"trimmed_mean": lambda: FedTrimmedAvg(beta=trim_fraction),
                "median": FedMedian,
                "krum": lambda: Krum(num_malicious_nodes=krum_malicious)}[method]()
    arrays, _ = strategy.aggregate_train(1, flower_replies(updates, weights))
    if arrays is None:
        raise ConfigError(f"Flower's {method} aggregation returned nothing for {n} updates; fix: check the sites")
    return {k: a.numpy() for k, a in arrays.items()}


def flower_replies(updates: list[dict[str, np.ndarray]], weights: list[float]) -> list[Any]:
    """The updates as the reply Messages a Flower (Message API) strategy aggregates: one
    ``ArrayRecord`` and one ``MetricRecord`` with ``num-examples`` each."""
    from flwr.app import Array, ArrayRecord, Message, MetricRecord, RecordDict

    from .messages import task_identity

    replies = []
    with task_identity():
        for i, (update, weight) in enumerate(zip(updates, weights)):
            arrays = ArrayRecord({k: Array(np.asarray(a, order="C")) for k, a in update.items()})
            content = RecordDict({"arrays": arrays, "metrics": MetricRecord({"num-examples": float(weight)})})
            query = Message(RecordDict(), dst_node_id=i + 1, message_type="train")
            query.metadata.__dict__["_message_id"] = f"update-{i}"
            replies.append(Message(content, reply_to=query))
    return replies

"""Federated sites are untrusted (issue 22, item 4), probed from the aggregation registry: one
round of four honest sites and one hostile site, for every aggregation mednn offers, against
every attack below. The hostile site is named and dropped, or its weight capped, and the new
global model stays near the honest sites' mean: no single site can replace it."""

from __future__ import annotations

import numpy as np
import pytest

from mednn.federation.aggregation import AGGREGATIONS, Bounds, aggregate, bounded_rows, check_updates

SHAPES = {"net.0.weight": (8, 5), "net.0.bias": (8,), "net.2.weight": (2, 8), "steps": ()}
HONEST = ["site-a", "site-b", "site-c", "site-d"]


def _global() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    arrays = {k: rng.normal(0, 0.3, s).astype(np.float32) for k, s in SHAPES.items() if k != "steps"}
    arrays["steps"] = np.array(7, dtype=np.int64)
    return arrays


def _honest(global_arrays, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {k: (g + rng.normal(0, 0.01, g.shape)).astype(g.dtype) if np.issubdtype(g.dtype, np.floating) else g.copy()
            for k, g in global_arrays.items()}


def _replace_model(g):  # random weights, as an attacker replacing the model would send
    return {k: (np.random.default_rng(9).normal(0, 5, a.shape).astype(a.dtype)
                if np.issubdtype(a.dtype, np.floating) else a.copy()) for k, a in g.items()}


def _with(g, key, value):
    out = {k: a.copy() for k, a in g.items()}
    out[key] = value
    return out


ATTACKS = {
    "NaN weights": lambda g: _with(g, "net.0.bias", np.full(8, np.nan, dtype=np.float32)),
    "infinite weights": lambda g: _with(g, "net.2.weight", np.full((2, 8), np.inf, dtype=np.float32)),
    "another shape": lambda g: _with(g, "net.0.bias", np.zeros(9, dtype=np.float32)),
    "another dtype": lambda g: _with(g, "net.0.bias", np.zeros(8, dtype=np.float64)),
    "an extra tensor": lambda g: _with(g, "backdoor", np.ones(3, dtype=np.float32)),
    "a missing tensor": lambda g: {k: a for k, a in g.items() if k != "net.2.weight"},
    "a huge update": lambda g: {k: (a * 1e6 if np.issubdtype(a.dtype, np.floating) else a) for k, a in g.items()},
    "random weights": _replace_model,
}
CASES = [(method, attack) for method in AGGREGATIONS for attack in ATTACKS]


def _distance(a, b) -> float:
    return float(np.sqrt(sum(np.sum((a[k].astype(np.float64) - b[k].astype(np.float64)) ** 2)
                             for k in SHAPES if k != "steps")))


@pytest.mark.parametrize("method,attack", CASES, ids=[f"{m}:{a}" for m, a in CASES])
def test_a_hostile_update_is_named_and_dropped(method, attack):
    g = _global()
    updates = {name: _honest(g, seed) for seed, name in enumerate(HONEST, start=1)}
    updates["site-evil"] = ATTACKS[attack](g)
    kept, dropped = check_updates(g, updates, Bounds())
    assert "site-evil" in dropped and dropped["site-evil"], f"{attack} was kept"
    assert kept == HONEST, f"an honest site was dropped: {dropped}"
    rows, _ = bounded_rows({n: 100 for n in kept}, None, 10.0)
    new = aggregate(method, g, [updates[n] for n in kept], [rows[n] for n in kept])
    honest_mean = {k: np.mean([updates[n][k] for n in HONEST], axis=0) for k in SHAPES if k != "steps"}
    assert all(np.isfinite(new[k]).all() for k in new)
    spread = max(_distance(updates[n], honest_mean) for n in HONEST)  # Krum picks one honest site
    assert _distance(new, honest_mean) <= spread + 1e-6, f"{method}: the global model left the honest sites"


@pytest.mark.parametrize("method", AGGREGATIONS)
@pytest.mark.parametrize("declared", [None, {"site-a": 100, "site-b": 100, "site-c": 100, "site-d": 100,
                                             "site-evil": 100}], ids=["ratio cap", "declared rows"])
def test_a_claim_of_a_billion_rows_does_not_replace_the_model(method, declared):
    """The attack of the issue: weights claiming 10^9 rows became the run's model exactly. Here
    the update is within the norm bounds (so only the row count could carry it)."""
    g = _global()
    updates = {name: _honest(g, seed) for seed, name in enumerate(HONEST, start=1)}
    evil = {k: (a + 0.02 if np.issubdtype(a.dtype, np.floating) else a.copy()) for k, a in g.items()}
    updates["site-evil"] = evil
    kept, dropped = check_updates(g, updates, Bounds())
    claimed = {n: 100 for n in HONEST} | {"site-evil": 10**9}
    rows, notes = bounded_rows({n: claimed[n] for n in kept}, declared, 10.0)
    if "site-evil" in kept:
        assert rows["site-evil"] <= 1000 and "site-evil" in notes
    new = aggregate(method, g, [updates[n] for n in kept], [rows[n] for n in kept])
    assert _distance(new, evil) > 0.25 * _distance(g, evil), f"{method}: the hostile site's weights won"


def test_equal_weighting_and_bounds_are_configurable():
    """Bounds come from the config (privacy.federated), and no bound may be NaN or negative."""
    from mednn.config import load_config
    from mednn.errors import ConfigError

    cfg = load_config(None, ["privacy.federated.max_update_norm=5"])
    assert Bounds.from_config(cfg.privacy.federated).max_update_norm == 5
    for key in ("max_update_norm", "max_update_ratio", "max_rows_ratio"):
        for value in (".nan", "-1", "true"):
            with pytest.raises(ConfigError, match=key):
                load_config(None, [f"privacy.federated.{key}={value}"])

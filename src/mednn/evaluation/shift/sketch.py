"""The statistics a training profile keeps per column, and the distances computed from them.

A numeric column keeps its missing share, zero share, whether it is constant, the robust range
(0.5th and 99.5th percentiles) and a quantile sketch: bin edges at the 5th, 10th, ..., 95th
percentiles with the training share in each bin, from which a site's population stability
index (PSI) is computed. A categorical column keeps its missing share and the share of each
category under a hashed key (``sha256("column" + "\\x1f" + category)``, 12 hex digits), never
the category itself. Quantiles are aggregates of at least :data:`MIN_VALUES` values; a column
with fewer keeps no sketch (a quantile of a handful of rows is nearly one row's value).

>>> profile = numeric_profile(np.arange(100.0))
>>> profile["range"], profile["missing"]
([0.495, 98.505], 0.0)
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

import numpy as np

MIN_VALUES = 20  # present values below which a column keeps no quantile sketch (and a site is not compared)
RANGE_QUANTILES = (0.005, 0.995)
BIN_QUANTILES = tuple(round(0.05 * k, 2) for k in range(1, 20))  # ventiles: 20 bins
MAX_CATEGORIES = 2000  # hashed categories kept per column (the most frequent)
HASH_DIGITS = 12
HASHING = f"sha256 of column name + U+001F + category text, first {HASH_DIGITS} hex digits"
MIN_EXPECTED = 5  # bins are merged until a site expects at least this many values in each


def category_key(column: str, text: str) -> str:
    """The hashed key a category is stored under (the category itself never is)."""
    return hashlib.sha256(f"{column}\x1f{text}".encode("utf-8")).hexdigest()[:HASH_DIGITS]


def _bin_counts(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Counts per bin: ``(-inf, e0), [e0, e1), ..., [e_last, inf)``."""
    return np.bincount(np.searchsorted(edges, values, side="right"), minlength=len(edges) + 1)


def numeric_profile(values: np.ndarray) -> dict[str, Any]:
    """The profile of one numeric column (``values``: float, NaN = missing)."""
    values = np.asarray(values, dtype=np.float64)
    n = int(values.size)
    present = values[np.isfinite(values)]
    out: dict[str, Any] = {"kind": "numeric", "n": n, "missing": _share(n - present.size, n),
                           "zero": _share(int((present == 0).sum()), present.size) if present.size else None,
                           "constant": bool(present.size and present.min() == present.max())}
    if present.size < MIN_VALUES:
        return out | {"note": f"fewer than {MIN_VALUES} values: no range or distribution kept"}
    low, high = np.quantile(present, RANGE_QUANTILES)
    edges = np.unique(np.quantile(present, BIN_QUANTILES))
    counts = _bin_counts(present, edges)
    # nonnegative: every training value >= 0 (a count, a duration, a percentage): a negative new
    # value is one no record can have (inference.alerts.far_outside)
    return out | {"mean": float(present.mean()), "std": float(present.std()), "range": [float(low), float(high)],
                  "nonnegative": bool(present.min() >= 0),
                  "bin_edges": edges.tolist(), "bin_shares": (counts / present.size).tolist()}


def categorical_profile(column: str, texts: np.ndarray) -> dict[str, Any]:
    """The profile of one categorical column (``texts``: object array, None / NaN = missing)."""
    texts = np.asarray(texts, dtype=object)
    n = int(texts.size)
    present = [t for t in texts.tolist() if isinstance(t, str)]
    counts = Counter(present)
    keys = Counter()
    for text, k in counts.items():
        keys[category_key(column, text)] += k
    top = keys.most_common(MAX_CATEGORIES)
    total = max(len(present), 1)
    # Good-Turing: the share of values whose category was seen once estimates how often a new sample
    # brings a category not seen yet, so a site's unseen categories are judged against it
    once = sum(1 for k in counts.values() if k == 1)
    return {"kind": "categorical", "n": n, "missing": _share(n - len(present), n), "n_categories": len(counts),
            "constant": len(counts) == 1, "shares": {k: c / total for k, c in top},
            "truncated": len(keys) > MAX_CATEGORIES, "seen_once": _share(once, len(present))}


def _share(part: int, whole: int) -> float:
    return float(part / whole) if whole else 0.0


def merged_bins(expected: np.ndarray, n_site: int) -> list[list[int]]:
    """Adjacent bins grouped so that a site of ``n_site`` values expects at least
    :data:`MIN_EXPECTED` in each group (sparse bins make a distance noise)."""
    groups: list[list[int]] = [[]]
    mass = 0.0
    for i, share in enumerate(expected):
        groups[-1].append(i)
        mass += share
        if mass * n_site >= MIN_EXPECTED - 1e-9 and i < len(expected) - 1:
            groups.append([])
            mass = 0.0
    if len(groups) > 1 and sum(expected[i] for i in groups[-1]) * n_site < MIN_EXPECTED - 1e-9:
        last = groups.pop()
        groups[-1] += last  # a last group too light joins the one before
    return groups


def distance(train_shares: np.ndarray, n_train: int, site_counts: np.ndarray) -> tuple[float, float]:
    """(PSI, p-value) of a site's counts per bin against the training shares per bin.

    PSI = sum (site share - training share) * ln(site share / training share), over bins merged
    so that the site expects at least five values in each (half a count added to every cell, so
    an empty bin is finite). The p-value is the chi-square test of the 2 x bins table of
    training and site counts: a PSI over a threshold only counts as shift when it is also
    unlikely by chance (a 40-row site drifts by PSI 0.2 with no shift at all).
    """
    from scipy.stats import chi2_contingency

    train_shares = np.asarray(train_shares, dtype=np.float64)
    site_counts = np.asarray(site_counts, dtype=np.float64)
    n_site = float(site_counts.sum())
    if n_site == 0 or n_train == 0:
        return 0.0, 1.0
    groups = merged_bins(train_shares, int(n_site))
    if len(groups) < 2:
        return 0.0, 1.0
    train = np.array([train_shares[g].sum() for g in groups]) * n_train
    site = np.array([site_counts[g].sum() for g in groups])
    p = (train + 0.5) / (train + 0.5).sum()
    q = (site + 0.5) / (site + 0.5).sum()
    psi = float(np.sum((q - p) * np.log(q / p)))
    table = np.vstack([train, site])
    table = table[:, table.sum(axis=0) > 0]
    if table.shape[1] < 2:
        return psi, 1.0
    return psi, float(chi2_contingency(table, correction=False)[1])


def value_share(profile: dict[str, Any], column: str, value: Any) -> float:
    """The training share of one value (an upper bound for a numeric one: the share of its
    quantile bin, which ties make as wide as the value's own share)."""
    if profile["kind"] == "categorical":
        return float((profile.get("shares") or {}).get(category_key(column, str(value)), 0.0))
    if value == 0 and profile.get("zero") is not None:
        return float(profile["zero"])
    if profile.get("bin_edges") is None:
        return 1.0  # no sketch: nothing shows the value to be rare
    index = int(np.searchsorted(np.asarray(profile["bin_edges"]), value, side="right"))
    return float(profile["bin_shares"][index])


def numeric_site_counts(profile: dict[str, Any], present: np.ndarray) -> np.ndarray:
    """A site's counts in the training profile's bins."""
    return _bin_counts(present, np.asarray(profile["bin_edges"], dtype=np.float64))


def categorical_site_counts(profile: dict[str, Any], column: str,
                            present: list[str]) -> tuple[np.ndarray, np.ndarray, int, int]:
    """(training shares, site counts, site rows with unseen categories, distinct unseen categories)
    over the training profile's categories plus one last bin for the rest."""
    keys = list(profile["shares"])
    position = {k: i for i, k in enumerate(keys)}
    counts = np.zeros(len(keys) + 1)
    unseen_rows, unseen = 0, 0
    for text, k in Counter(present).items():
        j = position.get(category_key(column, text))
        if j is None:
            counts[-1] += k
            unseen_rows += k
            unseen += 1
        else:
            counts[j] += k
    shares = np.array([*profile["shares"].values(), max(0.0, 1.0 - sum(profile["shares"].values()))])
    return shares, counts, unseen_rows, unseen

"""Federated featurizer statistics: each site sends aggregates, the coordinator builds the state.

No row leaves a site. What each featurizer's sites send (all of it is also listed in
docs/federated.md):

- ``tabular``: per numeric column the number of present values, their sum and the number of
  missing cells; then, for the pooled median, counts of the site's values at or below
  thresholds the coordinator chooses (a search: about 7 queries of 63 thresholds per column);
  then the sum of squared deviations of its present values from their pooled mean (which
  bounds the search), and the sum of squared deviations from the agreed (imputed) mean. Per categorical column the
  count of each category. The coordinator's state equals ``TabularFeaturizer.fit`` on the
  pooled rows to float tolerance (the median to ~1e-9 of the column's spread).
- ``image``: the array's shape and dtype and, per channel, a 256-bin histogram of the pixel
  levels (8-bit images) or the sum and sum of squares of the pixel values (others); exactly
  what :func:`mednn.featurizers.images._channel_stats` computes on pooled pixels.

Other featurizers (text vocabularies, molecule descriptors) have no federated statistics yet.

>>> site = site_summary(featurizer, dataset)          # doctest: +SKIP
>>> state = combine([site_a, site_b], featurizer, ask)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import ConfigError, DataError, problem

SUPPORTED = ("tabular", "image")
_MEDIAN_QUERIES = 30  # queries at most (each narrows a bracket 64 times; float64 stalls after ~9)
_SPLIT = 64


def check_supported(featurizer_name: str) -> None:
    if featurizer_name not in SUPPORTED:
        raise ConfigError(problem(f"Federated training on Flower has no federated statistics for the "
                                  f"{featurizer_name!r} featurizer", expected=" or ".join(SUPPORTED),
                                  fix="use a table or image config, or train in-process with "
                                      "privacy.federated.site_column"))


# --- at a site ----------------------------------------------------------------------------

def site_summary(featurizer, dataset) -> dict[str, Any]:
    """The first message of a site: aggregates of its rows for ``featurizer`` (JSON-able)."""
    if featurizer.name == "tabular":
        return _table_summary(featurizer, dataset)
    return _image_summary(featurizer, dataset)


def _table_frame(featurizer, dataset):
    from ..featurizers.tabular import _as_frame

    frame, source = _as_frame(dataset)
    if len(frame) == 0:
        raise DataError(f"{source}: the site's file has no rows; fix: check the file")
    return frame, source


def _table_summary(featurizer, dataset) -> dict[str, Any]:
    import pandas as pd

    from ..data.tabular import category_strings

    frame, source = _table_frame(featurizer, dataset)
    policy = featurizer.missing
    if policy == "auto":
        policy = (getattr(dataset, "notes", None) or {}).get("missing_policy", "impute")
    explicit = set(featurizer.categorical_columns or [])
    columns: dict[str, Any] = {}
    for name in frame.columns:
        series = frame[name]
        numeric = name not in explicit and (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series))
        if numeric:
            values = featurizer._numeric_column(series, name, source)
            present = values[~np.isnan(values)]
            columns[name] = {"kind": "numeric", "n": int(present.size), "sum": float(present.sum()),
                             "missing": int(values.size - present.size)}
        else:
            text = category_strings(series)
            counts = text.value_counts(dropna=True)
            columns[name] = {"kind": "categorical", "counts": {str(k): int(v) for k, v in counts.items()},
                             "missing": int(text.isna().sum())}
    return {"featurizer": "tabular", "columns": list(frame.columns), "stats": columns, "missing_policy": policy,
            "n": int(len(frame))}


def site_counts_at_or_below(featurizer, dataset, thresholds: dict[str, list[float]]) -> dict[str, list[int]]:
    """For the pooled median: how many of the site's present values are <= each threshold."""
    frame, source = _table_frame(featurizer, dataset)
    out = {}
    for name, ts in thresholds.items():
        values = featurizer._numeric_column(frame[name], name, source)
        present = np.sort(values[~np.isnan(values)])
        out[name] = [int(np.searchsorted(present, t, side="right")) for t in ts]
    return out


def site_squared_deviations(featurizer, dataset, centers: dict[str, tuple[float, float]]) -> dict[str, float]:
    """Sum over the site's rows of (value - mean)^2, missing values imputed with the pooled median."""
    frame, source = _table_frame(featurizer, dataset)
    out = {}
    for name, (median, mean) in centers.items():
        values = featurizer._numeric_column(frame[name], name, source)
        values = np.where(np.isnan(values), median, values)
        out[name] = float(((values - mean) ** 2).sum())
    return out


def _image_summary(featurizer, dataset) -> dict[str, Any]:
    import torch

    from ..featurizers.images import _CHUNK, _as_array, _on_disk

    x = _as_array(dataset.inputs)
    if x.ndim not in (4, 5) or len(x) == 0:
        raise DataError(problem(f"Images of {dataset.source or 'the site'} have {x.ndim} axes or none",
                                expected="(n, C, H, W) or (n, C, D, H, W)"))
    channels = x.shape[1]
    out: dict[str, Any] = {"featurizer": "image", "dtype": str(x.dtype), "shape": [int(s) for s in x.shape[1:]],
                           "n": int(len(x))}
    # images in a disk cache (data.cache) are read chunk by chunk, as ImageFeaturizer.fit reads
    # them; in memory, float images in chunks of _CHUNK rows (a float64 copy of the whole set
    # would be 8x its 8-bit size)
    parts = ((chunk for _, chunk in x.chunks()) if _on_disk(x)
             else (x[i:i + _CHUNK] for i in range(0, len(x), _CHUNK)))
    if x.dtype == np.uint8:
        histograms = np.zeros((channels, 256), dtype=np.int64)
        for part in parts:
            for c in range(channels):
                flat = torch.from_numpy(np.ascontiguousarray(part[:, c]).reshape(-1))
                histograms[c] += torch.bincount(flat, minlength=256).numpy()
        out["histogram"] = histograms.tolist()
    else:
        sums, squares = np.zeros(channels), np.zeros(channels)
        for part in parts:
            flat = np.asarray(part, dtype=np.float64).reshape(len(part), channels, -1)
            if not np.isfinite(flat).all():
                raise DataError("Images of the site hold NaN or infinite values; fix: clean or skip those files")
            sums += flat.sum(axis=(0, 2))
            squares += (flat ** 2).sum(axis=(0, 2))
        out["sum"], out["sum_squares"] = sums.tolist(), squares.tolist()
        out["count"] = int(len(x) * int(np.prod(x.shape[2:])))
    return out


# --- at the coordinator ---------------------------------------------------------------------

Ask = Callable[[str, dict[str, Any]], list[dict[str, Any]]]


def combine(summaries: list[dict[str, Any]], featurizer, ask: Ask, names: list[str]) -> dict[str, Any]:
    """The global featurizer state from the sites' summaries.

    ``ask(phase, payload)`` sends a further query to every site and returns their answers in
    the order of ``summaries`` (the table featurizer's median and variance need two).
    ``names`` are the sites' names, for messages.
    """
    if featurizer.name == "tabular":
        return _combine_table(summaries, featurizer, ask, names)
    return _combine_images(summaries, featurizer, names)


def _combine_table(summaries, featurizer, ask: Ask, names: list[str]) -> dict[str, Any]:
    columns = summaries[0]["columns"]
    for s, name in zip(summaries[1:], names[1:]):
        if s["columns"] != columns:
            raise DataError(problem(f"Site {name!r} has different columns from site {names[0]!r}",
                                    fix="give every site a file with the same columns (same config)"))
    policy = summaries[0]["missing_policy"]
    numeric, categorical = [], []
    for col in columns:
        kinds = {s["stats"][col]["kind"] for s in summaries}
        if len(kinds) > 1:
            raise DataError(problem(f"Column {col!r} is numbers at some sites and text at others",
                                    fix="list it in featurize.categorical_columns, or clean the files"))
        (numeric if kinds == {"numeric"} else categorical).append(col)
    total = {c: sum(s["stats"][c]["n"] for s in summaries) for c in numeric}
    missing = {c: sum(s["stats"][c]["missing"] for s in summaries) for c in columns}
    for col in columns:
        if col in numeric and total[col] == 0 or col in categorical and not any(s["stats"][col]["counts"]
                                                                                  for s in summaries):
            raise DataError(problem(f"Column {col!r} has no value at any site",
                                    fix="drop it (data.drop_columns) or fill it in"))
        if missing[col] and policy == "error":
            raise DataError(problem(f"Column {col!r} has {missing[col]} missing values across the sites",
                                    fix="set data.missing: impute (featurize.missing: impute) or clean the files"))
    medians = _federated_medians(summaries, numeric, total, ask)
    n_rows = {c: total[c] + missing[c] for c in numeric}
    means = {c: (sum(s["stats"][c]["sum"] for s in summaries) + missing[c] * medians[c]) / n_rows[c]
             for c in numeric}
    deviations = ask("deviations", {"centers": {c: [medians[c], means[c]] for c in numeric}}) if numeric else []
    stds = {}
    for c in numeric:
        std = float(np.sqrt(sum(d[c] for d in deviations) / n_rows[c]))
        if not np.isfinite(std) or std <= 1e-12 * max(1.0, abs(means[c])):
            std = 1.0  # as TabularFeaturizer: a constant column carries no information
        stds[c] = std
    categories, modes = {}, {}
    for c in categorical:
        counts: dict[str, int] = {}
        for s in summaries:
            for k, v in s["stats"][c]["counts"].items():
                counts[k] = counts.get(k, 0) + int(v)
        categories[c] = sorted(counts)
        top = max(counts.values())
        modes[c] = sorted(k for k, v in counts.items() if v == top)[0]
    feature_names: list[str] = []
    for c in columns:
        feature_names.extend([f"{c}={k}" for k in categories[c]] if c in categories else [c])
    return {
        "columns": list(columns), "numeric": numeric, "categorical": categorical,
        "median": [float(medians[c]) for c in numeric], "mean": [float(means[c]) for c in numeric],
        "std": [float(stds[c]) for c in numeric], "categories": categories, "mode": modes,
        "missing": policy, "scale": bool(featurizer.scale), "feature_names": feature_names,
    }


def _federated_medians(summaries, numeric: list[str], total: dict[str, int], ask: Ask) -> dict[str, float]:
    """Pooled medians by bisection on the sites' counts of values at or below a threshold.

    The k-th smallest of n values lies within sqrt(n - 1) standard deviations of their mean,
    so the bracket comes from the aggregates already sent, not from any site's extremes.
    """
    if not numeric:
        return {}
    brackets: dict[str, list[list[float]]] = {}
    ranks: dict[str, list[int]] = {}
    for c in numeric:
        n = total[c]
        mean = sum(s["stats"][c]["sum"] for s in summaries) / n
        ranks[c] = [(n + 1) // 2, n // 2 + 1]
        brackets[c] = [[mean, mean], [mean, mean]]
    spread = ask("spread", {"centers": {c: brackets[c][0][0] for c in numeric}})
    for c in numeric:
        n = total[c]
        sd = float(np.sqrt(sum(d[c] for d in spread) / n))
        half = sd * np.sqrt(max(n - 1, 1)) * (1 + 1e-9) + 1e-12 * max(1.0, abs(brackets[c][0][0]))
        mean = brackets[c][0][0]
        brackets[c] = [[mean - half, mean + half] for _ in ranks[c]]  # count(<= lo) < k <= count(<= hi)
    for _ in range(_MEDIAN_QUERIES):
        open_ = {c: [i for i, (lo, hi) in enumerate(brackets[c])
                     if hi - lo > 1e-10 * max(1.0, abs(lo), abs(hi)) and np.nextafter(lo, hi) < hi]
                 for c in numeric}
        open_ = {c: idx for c, idx in open_.items() if idx}
        if not open_:
            break
        # _SPLIT - 1 thresholds per open bracket: one query narrows it _SPLIT times
        cuts = {c: [np.linspace(*brackets[c][i], _SPLIT + 1)[1:-1] for i in idx] for c, idx in open_.items()}
        answers = ask("counts", {"thresholds": {c: np.concatenate(v).tolist() for c, v in cuts.items()}})
        for c, idx in open_.items():
            below = np.sum([a[c] for a in answers], axis=0).reshape(len(idx), _SPLIT - 1)
            for j, i in enumerate(idx):
                reached = np.flatnonzero(below[j] >= ranks[c][i])
                lo, hi = brackets[c][i]
                if reached.size:
                    first = int(reached[0])
                    brackets[c][i] = [cuts[c][j][first - 1] if first else lo, cuts[c][j][first]]
                else:
                    brackets[c][i] = [cuts[c][j][-1], hi]
    # the k-th value lies in (lo, hi]; hi is within the tolerance of it
    return {c: float(np.mean([hi for _, hi in brackets[c]])) for c in numeric}


def _combine_images(summaries, featurizer, names: list[str]) -> dict[str, Any]:
    from ..featurizers.images import _SCALE, _per_channel, _target_size

    first = summaries[0]
    for s, name in zip(summaries[1:], names[1:]):
        if s["dtype"] != first["dtype"] or s["shape"][0] != first["shape"][0]:
            raise DataError(problem(f"Images at site {name!r} have another type or channel count than at "
                                    f"site {names[0]!r}", fix="read every site's images with the same config"))
        if featurizer.size is None and s["shape"] != first["shape"]:
            raise DataError(problem(f"Images at site {name!r} have another size than at site {names[0]!r}",
                                    fix="set featurize.size so every site resizes to the same shape"))
    channels = first["shape"][0]
    dtype = first["dtype"]
    scale = _SCALE.get(dtype, 1.0)
    if "histogram" in first:
        levels = np.arange(256, dtype=np.float64) / scale
        means, stds = [], []
        for c in range(channels):
            counts = np.sum([np.asarray(s["histogram"][c], dtype=np.float64) for s in summaries], axis=0)
            total = counts.sum()
            mean = float((counts * levels).sum() / total)
            means.append(mean)
            stds.append(float((counts * (levels - mean) ** 2).sum() / total) ** 0.5)
    else:
        sums = np.sum([s["sum"] for s in summaries], axis=0) / scale
        squares = np.sum([s["sum_squares"] for s in summaries], axis=0) / scale ** 2
        count = sum(s["count"] for s in summaries)
        means_a = sums / count
        means, stds = means_a.tolist(), np.sqrt(np.maximum(squares / count - means_a ** 2, 0.0)).tolist()
    if featurizer.mean is not None:
        means = _per_channel(featurizer.mean, channels, "featurize.mean")
    if featurizer.std is not None:
        stds = _per_channel(featurizer.std, channels, "featurize.std")
    stds = [s if s > 1e-8 else 1.0 for s in stds]
    spatial = _target_size(featurizer.size, first["shape"][1:])
    return {"params": featurizer.params(), "dtype": dtype, "scale": scale, "mean": list(means), "std": list(stds),
            "input_shape": [channels, *spatial], "source_shape": list(first["shape"])}


def site_spread(featurizer, dataset, centers: dict[str, float]) -> dict[str, float]:
    """Sum of squared deviations of the site's present values from ``centers`` (no imputation)."""
    frame, source = _table_frame(featurizer, dataset)
    out = {}
    for name, center in centers.items():
        values = featurizer._numeric_column(frame[name], name, source)
        present = values[~np.isnan(values)]
        out[name] = float(((present - center) ** 2).sum())
    return out


def answer(phase: str, payload: dict[str, Any], featurizer, dataset) -> dict[str, Any]:
    """A site's answer to one of the coordinator's statistics queries."""
    if phase == "counts":
        return site_counts_at_or_below(featurizer, dataset, payload["thresholds"])
    if phase == "spread":
        return site_spread(featurizer, dataset, payload["centers"])
    if phase == "deviations":
        return site_squared_deviations(featurizer, dataset, {k: tuple(v) for k, v in payload["centers"].items()})
    raise ConfigError(f"Unknown statistics query {phase!r} from the coordinator; fix: use the same mednn version "
                      "at every site")

"""Federated statistics for featurizers: pooled order statistics and moments from the sites'
aggregates, never their rows.

A featurizer's ``summary(train, query)`` answers at a site and its ``merge(summaries, ask)``
combines at the coordinator (:meth:`mednn.featurizers.base.Featurizer.summary`). What the
tabular and descriptor featurizers need beyond sums and counts are **order statistics**
(medians, quantiles) of a column over the pooled rows; :func:`order_statistics` finds them by
bracketing: each query asks every site how many of its values lie at or below a set of
thresholds (``{"counts": {column: thresholds}}``), and the bracket of the k-th smallest value
narrows 64 times per query, to within ~1e-10 of the column's spread (float64 stalls after
about nine queries). The first bracket is the pooled mean +- sqrt(n - 1) standard deviations
(the k-th of n values cannot lie further out, Samuelson's inequality), from a
``{"spread": {column: center}}`` query, so no site's extremes are asked for.

>>> medians = order_statistics(ask, {"age": [50, 51]}, totals, sums)   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

Ask = Callable[[dict[str, Any]], list[dict[str, Any]]]
_QUERIES = 30  # at most (each narrows a bracket 64 times; float64 stalls after ~9)
_SPLIT = 64


def counts_at_or_below(columns: dict[str, np.ndarray], thresholds: dict[str, list[float]]) -> dict[str, list[int]]:
    """At a site: how many of each column's present values are <= each threshold."""
    out = {}
    for name, ts in thresholds.items():
        values = columns[name]
        present = np.sort(values[~np.isnan(values)])
        out[name] = np.searchsorted(present, np.asarray(ts, dtype=np.float64), side="right").astype(int).tolist()
    return out


def squares_about(columns: dict[str, np.ndarray], centers: dict[str, float]) -> dict[str, float]:
    """At a site: each column's sum of squared deviations of its present values from a center."""
    out = {}
    for name, center in centers.items():
        values = columns[name]
        present = values[~np.isnan(values)]
        out[name] = float(((present - center) ** 2).sum())
    return out


def order_statistics(ask: Ask, ranks: dict[str, list[int]], totals: dict[str, int],
                     sums: dict[str, float]) -> dict[str, list[float]]:
    """The k-th smallest pooled present values of each column (``ranks``: 1-based ks).

    ``totals`` / ``sums``: the pooled count and sum of each column's present values.
    """
    columns = [c for c in ranks if ranks[c]]
    if not columns:
        return {c: [] for c in ranks}
    means = {c: sums[c] / totals[c] for c in columns}
    spread = ask({"spread": {c: means[c] for c in columns}})
    brackets: dict[str, list[list[float]]] = {}
    for c in columns:
        sd = float(np.sqrt(sum(s[c] for s in spread) / totals[c]))
        reach = sd * np.sqrt(max(totals[c] - 1, 1)) * (1 + 1e-9) + 1e-12 * max(1.0, abs(means[c]))
        brackets[c] = [[means[c] - reach, means[c] + reach] for _ in ranks[c]]
    for _ in range(_QUERIES):
        open_ = {c: [i for i, (lo, hi) in enumerate(brackets[c])
                     if hi - lo > 1e-12 * max(1.0, abs(hi)) and np.nextafter(lo, hi) < hi] for c in columns}
        open_ = {c: idx for c, idx in open_.items() if idx}
        if not open_:
            break
        # _SPLIT - 1 thresholds per open bracket: one query narrows each _SPLIT times
        cuts = {c: [np.linspace(*brackets[c][i], _SPLIT + 1)[1:-1] for i in idx] for c, idx in open_.items()}
        answers = ask({"counts": {c: np.concatenate(v).tolist() for c, v in cuts.items()}})
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
    return {c: [hi for _, hi in brackets[c]] if c in brackets else [] for c in ranks}


def median_ranks(n: int) -> list[int]:
    """The 1-based ranks whose mean is the median of n values."""
    return [(n + 1) // 2, n // 2 + 1]


def quantile_ranks(n: int, q: float) -> tuple[list[int], float]:
    """NumPy's linear quantile of n values: the 1-based ranks it interpolates and the weight."""
    h = (n - 1) * q
    low = int(np.floor(h))
    return [low + 1, min(low + 2, n)], h - low


def no_statistics(name: str, why: str):
    """The error for a featurizer whose state cannot be combined from aggregates."""
    from ..errors import ConfigError, problem

    return ConfigError(problem(f"Federated training has no federated statistics for the {name!r} featurizer ({why})",
                               fix="use tabular, image, tfidf, ECFP / MACCS, hf_tokenizer or sentence_embedding "
                                   "features, or train in-process with privacy.federated.site_column"))


# --- images ------------------------------------------------------------------------------------

def image_summary(parts, dtype, shape, scale: float) -> dict[str, Any]:
    """:meth:`ImageFeaturizer.summary` from its chunks of images (n, C, ...)."""
    from ..errors import DataError

    channels = shape[1]
    out: dict[str, Any] = {"dtype": str(dtype), "shape": [int(s) for s in shape[1:]], "n": int(shape[0])}
    if dtype == np.uint8:
        import torch

        histograms = np.zeros((channels, 256), dtype=np.int64)
        for part in parts:
            for c in range(channels):
                flat = torch.from_numpy(np.ascontiguousarray(part[:, c]).reshape(-1))
                histograms[c] += torch.bincount(flat, minlength=256).numpy()
        out["histogram"] = histograms.tolist()
        return out
    sums, squares = np.zeros(channels), np.zeros(channels)
    for part in parts:
        flat = np.asarray(part, dtype=np.float64).reshape(len(part), channels, -1) / scale
        if not np.isfinite(flat).all():
            raise DataError("Images of the site hold NaN or infinite values; fix: clean or skip those files")
        sums += flat.sum(axis=(0, 2))
        squares += (flat ** 2).sum(axis=(0, 2))
    out.update(sum=sums.tolist(), sum_squares=squares.tolist(), count=int(shape[0] * int(np.prod(shape[2:]))))
    return out


def image_merge(summaries: list[dict[str, Any]], *, resized: bool, scale: dict[str, float]):
    """:meth:`ImageFeaturizer.merge`: (dtype, per-channel means, stds) of the pooled pixels."""
    from ..errors import DataError

    first = summaries[0]
    for i, s in enumerate(summaries[1:], start=2):
        if s["dtype"] != first["dtype"] or s["shape"][0] != first["shape"][0]:
            raise DataError(f"Images at site {i} have another type or channel count than at site 1; fix: read "
                            "every site's images with the same config")
        if not resized and s["shape"] != first["shape"]:
            raise DataError(f"Images at site {i} have another size than at site 1; fix: set featurize.size so "
                            "every site resizes to the same shape")
    channels, dtype = first["shape"][0], first["dtype"]
    if "histogram" in first:
        levels = np.arange(256, dtype=np.float64) / scale.get(dtype, 1.0)
        means, stds = [], []
        for c in range(channels):
            counts = np.sum([np.asarray(s["histogram"][c], dtype=np.float64) for s in summaries], axis=0)
            mean = float((counts * levels).sum() / counts.sum())
            means.append(mean)
            stds.append(float((counts * (levels - mean) ** 2).sum() / counts.sum()) ** 0.5)
        return dtype, means, stds
    count = sum(s["count"] for s in summaries)
    mean_a = np.sum([s["sum"] for s in summaries], axis=0) / count
    squares = np.sum([s["sum_squares"] for s in summaries], axis=0) / count
    return dtype, mean_a.tolist(), np.sqrt(np.maximum(squares - mean_a ** 2, 0.0)).tolist()


# --- text: TF-IDF ------------------------------------------------------------------------------

def tfidf_summary(vectorizers, texts: list[str]) -> dict[str, Any]:
    """At a site: every n-gram of its texts with its document and term counts, per vectorizer
    (the n-grams are words of the texts: docs/federated.md lists this disclosure)."""
    from sklearn.feature_extraction.text import CountVectorizer

    out = []
    for v in vectorizers:
        counter = CountVectorizer(analyzer=v.analyzer, ngram_range=v.ngram_range, lowercase=v.lowercase)
        try:
            x = counter.fit_transform(texts)
        except ValueError:  # no n-gram at all (empty texts)
            out.append({"terms": [], "df": [], "tf": []})
            continue
        terms = counter.get_feature_names_out().tolist()
        out.append({"terms": terms, "df": np.bincount(x.indices, minlength=len(terms)).astype(int).tolist(),
                    "tf": np.asarray(x.sum(axis=0)).ravel().astype(int).tolist()})
    return {"n": len(texts), "vectorizers": out}


def tfidf_merge(summaries: list[dict[str, Any]], vectorizers) -> list[dict[str, Any]]:
    """The fitted vocabularies and idf weights of TfidfVectorizer.fit on the pooled texts
    (the same pruning by min_df / max_df / max_features, ties broken as scikit-learn does)."""
    from ..errors import DataError

    n_doc = sum(s["n"] for s in summaries)
    states = []
    for j, v in enumerate(vectorizers):
        df: dict[str, int] = {}
        tf: dict[str, int] = {}
        for s in summaries:
            part = s["vectorizers"][j]
            for term, d, t in zip(part["terms"], part["df"], part["tf"]):
                df[term] = df.get(term, 0) + int(d)
                tf[term] = tf.get(term, 0) + int(t)
        terms = sorted(df)
        dfs = np.asarray([df[t] for t in terms], dtype=np.int64)
        high = v.max_df if isinstance(v.max_df, int) else v.max_df * n_doc
        low = v.min_df if isinstance(v.min_df, int) else v.min_df * n_doc
        mask = (dfs <= high) & (dfs >= low)
        if v.max_features is not None and mask.sum() > v.max_features:
            tfs = np.asarray([tf[t] for t in terms], dtype=np.float32)
            chosen = (-tfs[mask]).argsort()[: v.max_features]
            keep = np.zeros(len(terms), dtype=bool)
            keep[np.where(mask)[0][chosen]] = True
            mask = keep
        kept = [t for t, m in zip(terms, mask) if m]
        if not kept:
            raise DataError(f"TF-IDF found no usable n-grams in {n_doc} texts across the sites; fix: lower "
                            "featurize.min_df")
        kept_df = dfs[mask].astype(np.float32) + np.float32(1.0)
        idf = np.full_like(kept_df, fill_value=n_doc + 1, dtype=np.float32) / kept_df
        idf = np.log(idf) + np.float32(1.0)
        states.append({"vocabulary": {t: i for i, t in enumerate(kept)}, "idf": idf.astype(float).tolist()})
    return states


# --- molecules: RDKit descriptors ----------------------------------------------------------------

def descriptor_summary(x: np.ndarray, query: dict[str, Any] | None) -> dict[str, Any]:
    """At a site, for :class:`RDKit2DFeaturizer` (x: raw descriptors, NaN missing): per column
    the count and sum of present values, then the counts and squares ``merge`` asks for."""
    columns = {str(j): x[:, j] for j in range(x.shape[1])}
    if query is None:
        present = ~np.isnan(x)
        return {"n": np.sum(present, axis=0).astype(int).tolist(), "sum": np.nansum(x, axis=0).tolist(),
                "rows": int(len(x))}
    if "counts" in query:
        return counts_at_or_below(columns, query["counts"])
    if "spread" in query:
        return squares_about(columns, query["spread"])
    median, low, high = (np.asarray(query["clip"][k], dtype=np.float64) for k in ("median", "low", "high"))
    filled = np.clip(np.where(np.isnan(x), median, x), low, high)
    if "mean" not in query:
        return {"sum": filled.sum(axis=0).tolist()}
    return {"squares": ((filled - np.asarray(query["mean"])) ** 2).sum(axis=0).tolist()}


def descriptor_merge(summaries: list[dict[str, Any]], ask: Ask, clip_quantile: float) -> dict[str, np.ndarray]:
    """The RDKit2D state (median, low, high, mean, scale) of the pooled rows."""
    d = len(summaries[0]["n"])
    totals = {str(j): sum(s["n"][j] for s in summaries) for j in range(d)}
    sums = {str(j): sum(s["sum"][j] for s in summaries) for j in range(d)}
    ranks, plan = {}, {}
    for c, n in totals.items():
        if n == 0:
            ranks[c] = []
            continue
        low_ranks, low_w = quantile_ranks(n, clip_quantile)
        high_ranks, high_w = quantile_ranks(n, 1 - clip_quantile)
        ranks[c] = median_ranks(n) + low_ranks + high_ranks
        plan[c] = (low_w, high_w)
    found = order_statistics(ask, ranks, totals, sums)
    state = {k: np.zeros(d) for k in ("median", "low", "high")}
    for c, (low_w, high_w) in plan.items():
        v, j = found[c], int(c)
        state["median"][j] = (v[0] + v[1]) / 2
        state["low"][j] = v[2] + low_w * (v[3] - v[2])
        state["high"][j] = v[4] + high_w * (v[5] - v[4])
    clip = {k: state[k].tolist() for k in ("median", "low", "high")}
    rows = sum(s["rows"] for s in summaries)
    mean = np.sum([a["sum"] for a in ask({"clip": clip})], axis=0) / rows
    squares = np.sum([a["squares"] for a in ask({"clip": clip, "mean": mean.tolist()})], axis=0)
    std = np.sqrt(squares / rows)
    state.update(mean=mean, scale=np.where(std > 1e-12, std, 1.0))
    return state

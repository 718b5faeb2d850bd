"""Train / validation / test splits by index, and a leakage check.

:func:`split_indices` dispatches to a splitter registered in :data:`SPLITTERS` (``random``,
``stratified``, ``group``, ``file``, ``scaffold``). A splitter is
``fn(dataset, val_fraction, test_fraction, seed) -> {"train": idx, "val": idx, "test": idx}``; :func:`split_indices` then checks the result
(every split non-empty, at least two classes in training). Everything is deterministic for a
seed (``numpy.random.default_rng(seed)``).

``group`` is patient-level: no group (patient) appears in two splits. It assigns whole groups
greedily, larger groups first (ties in a seeded random order), each to the split where it
most reduces the squared gap between the split's per-class counts and its target counts (relative
to each target, so that groups of several rows spread over the splits in proportion), so
that sizes and class balance both follow the fractions (the idea of scikit-learn's
StratifiedGroupKFold, for one train/val/test cut).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import DataError
from ..registry import Registry
from .base import SPLITS, Dataset
from .scaffolds import scaffolds

Splitter = Callable[[Dataset, float, float, int], dict[str, np.ndarray]]
SPLITTERS: Registry = Registry("split method")

_CLASSIFICATION = ("binary", "multiclass")


# ---------------------------------------------------------------------------- helpers


def _sizes(n: int, val_fraction: float, test_fraction: float, what: str = "samples") -> tuple[int, int]:
    n_test = int(round(n * test_fraction))
    n_val = int(round(n * val_fraction))
    if n_test < 1 or n_val < 1 or n - n_test - n_val < 2:
        raise DataError(
            f"The dataset has {n} {what}, too few for split.val_fraction {val_fraction} and "
            f"split.test_fraction {test_fraction} (each split needs at least one, training two); "
            "fix: raise the fractions or use more data"
        )
    return n_val, n_test


def _strata(dataset: Dataset) -> np.ndarray | None:
    """One integer stratum per sample, or None when stratifying makes no sense (regression)."""
    kind = dataset.task.kind
    if kind in _CLASSIFICATION:
        return np.asarray(dataset.targets, dtype=np.int64)
    if kind == "multilabel":
        first = np.asarray(dataset.targets, dtype=np.float64)[:, 0]
        # the first label stands in for all (missing -> its own stratum)
        return np.where(np.isnan(first), 2, first).astype(np.int64)
    return None


def _apportion(counts: np.ndarray, total: int, caps: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Split ``total`` over strata in proportion to ``counts`` (largest remainder), within ``caps``."""
    if counts.sum() == 0 or total == 0:
        return np.zeros_like(counts)
    ideal = counts * (total / counts.sum())
    take = np.minimum(np.floor(ideal).astype(np.int64), caps)
    remainder = ideal - np.floor(ideal)
    # largest fractional part first; a random key breaks ties so no class is favoured
    order = np.lexsort((rng.random(len(counts)), -remainder))
    while take.sum() < total:
        room = take < caps
        if not room.any():
            break
        for j in order:
            if take.sum() >= total:
                break
            if take[j] < caps[j]:
                take[j] += 1
    return take


def _stratified_cut(index: np.ndarray, strata: np.ndarray, sizes: list[int], rng) -> list[np.ndarray]:
    """Cut ``index`` into parts of ``sizes`` (the rest last) keeping stratum ratios.

    Every stratum keeps at least one member in the last part (training) where it can.
    """
    values, inverse = np.unique(strata, return_inverse=True)
    members = [rng.permutation(index[inverse == k]) for k in range(len(values))]
    left = np.array([len(m) for m in members], dtype=np.int64)
    used = np.zeros(len(values), dtype=np.int64)
    parts: list[list[np.ndarray]] = []
    for size in sizes:
        caps = np.maximum(left - 1, 0)
        take = _apportion(left.astype(np.float64), size, caps, rng)
        if take.sum() < size:  # tiny strata could not give enough: allow emptying some
            take = _apportion(left.astype(np.float64), size, left, rng)
        parts.append([m[u : u + t] for m, u, t in zip(members, used, take)])
        used += take
        left -= take
    parts.append([m[u:] for m, u in zip(members, used)])
    return [np.sort(np.concatenate(p)) if p else np.array([], dtype=np.int64) for p in parts]


def _label_name(dataset: Dataset) -> str:
    labels = dataset.notes.get("label_columns") or ["target"]
    return str(labels[0])


# ---------------------------------------------------------------------------- splitters


@SPLITTERS.register("random")
def random_split(dataset: Dataset, val_fraction: float, test_fraction: float, seed: int) -> dict[str, np.ndarray]:
    """Shuffle and cut: ``test_fraction`` and ``val_fraction`` of the samples, the rest train."""
    n = len(dataset)
    n_val, n_test = _sizes(n, val_fraction, test_fraction)
    order = np.random.default_rng(seed).permutation(n)
    return {
        "train": np.sort(order[n_test + n_val :]),
        "val": np.sort(order[n_test : n_test + n_val]),
        "test": np.sort(order[:n_test]),
    }


@SPLITTERS.register("stratified")
def stratified_split(dataset: Dataset, val_fraction: float, test_fraction: float, seed: int) -> dict[str, np.ndarray]:
    """Keep class ratios in every split (multilabel: of the first label; regression: random)."""
    strata = _strata(dataset)
    if strata is None:
        return random_split(dataset, val_fraction, test_fraction, seed)
    n = len(dataset)
    n_val, n_test = _sizes(n, val_fraction, test_fraction)
    rng = np.random.default_rng(seed)
    test, val, train = _stratified_cut(np.arange(n), strata, [n_test, n_val], rng)
    return {"train": train, "val": val, "test": test}


@SPLITTERS.register("group")
def group_split(dataset: Dataset, val_fraction: float, test_fraction: float, seed: int) -> dict[str, np.ndarray]:
    """Patient-level split: every group (``dataset.groups``) lies in exactly one split."""
    if dataset.groups is None:
        raise DataError(
            "split.method 'group' needs patient ids; fix: set data.patient_column, or use split.method: stratified"
        )
    index = np.arange(len(dataset))
    return _group_cut(dataset, index, {"test": test_fraction, "val": val_fraction}, seed)


def _group_cut(dataset: Dataset, index: np.ndarray, fractions: dict[str, float], seed: int) -> dict[str, np.ndarray]:
    groups = np.asarray(dataset.groups).astype(str)[index]
    unique, inverse = np.unique(groups, return_inverse=True)
    n_groups = len(unique)
    names = ["train", *fractions]
    if n_groups < len(names) + 1:
        raise DataError(
            f"The dataset has {n_groups} patients (groups), too few for a patient-level split into "
            f"{', '.join(names)}; fix: use more patients or split.method: stratified"
        )
    strata = _strata(dataset)
    strata = np.zeros(len(index), dtype=np.int64) if strata is None else strata[index]
    _, strata = np.unique(strata, return_inverse=True)
    n_strata = int(strata.max()) + 1
    per_group = np.zeros((n_groups, n_strata))
    np.add.at(per_group, (inverse, strata), 1)
    sizes = per_group.sum(axis=1)

    share = np.array([1.0 - sum(fractions.values()), *fractions.values()])
    target = share[:, None] * per_group.sum(axis=0)[None, :]  # (splits, strata)
    current = np.zeros_like(target)
    # the gap counts relative to each target (a chi-square): with plain squared counts the
    # training split's larger deficit took every large group first, so patients with several rows
    # all landed in training and the test set held only patients seen once (trial 15)
    weight = 1.0 / np.maximum(target, 1.0)
    rng = np.random.default_rng(seed)
    order = np.lexsort((rng.random(n_groups), -sizes))
    assign = np.empty(n_groups, dtype=np.int64)
    for step, g in enumerate(order):
        # increase of the relative squared gap to the targets if g joins split s
        before = (weight * (current - target) ** 2).sum(axis=1)
        after = (weight * (current + per_group[g] - target) ** 2).sum(axis=1)
        cost = after - before
        empty = current.sum(axis=1) == 0
        if n_groups - step <= empty.sum():  # only as many groups left as empty splits
            cost[~empty] = np.inf
        s = int(np.argmin(cost))
        assign[g] = s
        current[s] += per_group[g]
    out = {name: np.sort(index[assign[inverse] == s]) for s, name in enumerate(names)}
    return out


@SPLITTERS.register("file")
def file_split(dataset: Dataset, val_fraction: float, test_fraction: float, seed: int) -> dict[str, np.ndarray]:
    """The file's own split column; a missing val (or test) split is carved from train.

    The carve is patient-level when ``dataset.groups`` is set, stratified otherwise, and takes
    ``val_fraction`` (``test_fraction``) of the whole dataset.
    """
    if dataset.split is None:
        raise DataError(
            "split.method 'file' needs a split column in the data; fix: set data.split_column "
            "or use split.method: auto"
        )
    split = np.asarray(dataset.split).astype(str)
    out = {name: np.flatnonzero(split == name) for name in SPLITS}
    if len(out["train"]) == 0:
        raise DataError("The data's split column has no 'train' rows; fix: mark training rows as train")
    missing = {name: frac for name, frac in (("test", test_fraction), ("val", val_fraction)) if len(out[name]) == 0}
    if missing:
        train = out["train"]
        n = len(dataset)
        share = {name: round(n * frac) / len(train) for name, frac in missing.items()}
        if sum(share.values()) >= 0.9:
            raise DataError(
                f"The data's train split ({len(train)} rows) is too small to carve {' and '.join(missing)} "
                "from; fix: add val/test rows to the split column or lower the fractions"
            )
        if dataset.groups is not None:
            carved = _group_cut(dataset, train, share, seed)
        else:
            rng = np.random.default_rng(seed)
            strata = _strata(dataset)
            strata = np.zeros(n, dtype=np.int64) if strata is None else strata
            sizes = [max(1, int(round(len(train) * share[name]))) for name in missing]
            parts = _stratified_cut(train, strata[train], sizes, rng)
            carved = dict(zip([*missing, "train"], parts))
        out.update(carved)
    return out


@SPLITTERS.register("scaffold")
def scaffold_split(
    dataset: Dataset, val_fraction: float, test_fraction: float, seed: int = 0
) -> dict[str, np.ndarray]:
    """Split by Bemis-Murcko scaffold so that no scaffold is shared between splits.

    Balanced as in chemprop's ``scaffold_balanced``: scaffold sets too big for half of the
    validation or test split go to train first (in an order shuffled by ``seed``), then the
    other sets, shuffled by ``seed``; each set fills train, then val, then test. When that
    leaves val or test empty (FreeSolv: half of its 642 molecules are acyclic and share the
    empty scaffold; after another big set it fits neither train nor val, goes to test, and the
    rest all fit train), the big sets are placed largest first instead, which every split then
    receives something from whenever the scaffolds allow it.

    >>> parts = scaffold_split(dataset, 0.1, 0.1, seed=0)  # doctest: +SKIP
    >>> sorted(parts)
    ['test', 'train', 'val']
    """
    scaffold = scaffolds(dataset)
    n = len(scaffold)
    n_train = int(np.floor((1 - val_fraction - test_fraction) * n))
    n_val = int(np.floor(val_fraction * n))
    sets: dict[str, list[int]] = {}
    for i, s in enumerate(scaffold):
        sets.setdefault(s, []).append(i)
    rng = np.random.default_rng(seed)
    members = list(sets.values())
    big = [m for m in members if len(m) > n_val / 2 or len(m) > (n - n_train - n_val) / 2]
    small = [m for m in members if not (len(m) > n_val / 2 or len(m) > (n - n_train - n_val) / 2)]
    big = [big[k] for k in rng.permutation(len(big))]
    small = [small[k] for k in rng.permutation(len(small))]
    parts = _fill_splits(big + small, n_train, n_val)
    if big and not (parts["val"] and parts["test"]):
        # the same shuffled sets, the big ones largest first (a stable sort keeps the seed's order among equals)
        parts = _fill_splits(sorted(big, key=len, reverse=True) + small, n_train, n_val)
    return {k: np.sort(np.asarray(v, dtype=np.int64)) for k, v in parts.items()}


def _fill_splits(order: list[list[int]], n_train: int, n_val: int) -> dict[str, list[int]]:
    """Each scaffold set in ``order`` fills train up to ``n_train``, then val up to ``n_val``, then test."""
    parts: dict[str, list[int]] = {"train": [], "val": [], "test": []}
    for m in order:
        if len(parts["train"]) + len(m) <= n_train:
            parts["train"].extend(m)
        elif len(parts["val"]) + len(m) <= n_val:
            parts["val"].extend(m)
        else:
            parts["test"].extend(m)
    return parts


# ---------------------------------------------------------------------------- public API


def resolve_split_method(dataset: Dataset, method: str = "auto") -> str:
    """``auto`` -> ``file`` if the data has a split, else the splitter the reader grouped the samples
    for (``notes["groups"]``: molecules by ``scaffold``), else ``group`` with patient ids, else
    ``stratified`` for classification and ``random`` for regression; other names unchanged."""
    if method != "auto":
        return method
    if dataset.split is not None:
        return "file"
    grouped_by = dataset.notes.get("groups")
    if grouped_by in SPLITTERS:
        return grouped_by  # e.g. molecules grouped by scaffold: the balanced scaffold split
    if dataset.groups is not None:
        return "group"
    return "random" if dataset.task.kind == "regression" else "stratified"


def split_indices(
    dataset: Dataset,
    method: str = "auto",
    val_fraction: float = 0.15,
    test_fraction: float = 0.2,
    seed: int = 0,
) -> dict[str, np.ndarray]:
    """Indices of the train / val / test samples (sorted int64 arrays, disjoint, covering all).

    >>> parts = split_indices(dataset, "stratified", 0.15, 0.2, seed=0)  # doctest: +SKIP
    >>> sorted(parts)
    ['test', 'train', 'val']
    """
    method = resolve_split_method(dataset, method)
    splitter = SPLITTERS.get(method)
    parts = splitter(dataset, val_fraction, test_fraction, seed)
    parts = {name: np.asarray(parts[name], dtype=np.int64) for name in SPLITS}
    _check_parts(dataset, parts, method)
    return parts


def _check_parts(dataset: Dataset, parts: dict[str, np.ndarray], method: str) -> None:
    for name in SPLITS:
        if len(parts[name]) == 0:
            raise DataError(
                f"The {name} split is empty (split.method {method!r}); fix: use more data or raise split fractions"
            )
    kind = dataset.task.kind
    label = _label_name(dataset)
    train = parts["train"]
    if kind in _CLASSIFICATION:
        present = np.unique(dataset.targets[train])
        if len(present) < 2:
            raise DataError(
                f"Label '{label}' has a single class in the training split "
                f"(split.method {method!r}); fix: use split.method: stratified, change split.seed, or add samples"
            )
        absent = [dataset.task.class_names[k] for k in range(len(dataset.task.class_names)) if k not in present]
        if absent:
            warnings.warn(
                f"{len(absent)} of {len(dataset.task.class_names)} classes of label '{label}' have no training "
                "sample; the model cannot learn them (`mednn inspect` counts the samples per class)",
                stacklevel=3,
            )
    elif kind == "multilabel":
        # a label with one class in training (all negative, or absent from the training rows)
        # cannot be learned, but the other labels can: named in the data notes and by class_too_small;
        # its threshold stays 0.5 and its AUROC is not defined (evaluation says so)
        targets = np.asarray(dataset.targets, dtype=np.float64)[train]
        names = dataset.task.class_names
        single = [name for j, name in enumerate(names)
                  if len(np.unique(targets[:, j][~np.isnan(targets[:, j])])) < 2]
        if len(single) == len(names):
            raise DataError(
                f"Every label has a single class in the training split (split.method {method!r}); "
                "fix: check the label columns, change split.seed, or add samples"
            )
        if single:  # named in the findings list: class_too_small says it cannot be learned
            dataset.notes["labels_one_class_in_train"] = single


def _row_keys(inputs: Any) -> np.ndarray:
    """One hash per sample of its raw inputs (equal rows -> equal keys)."""
    if hasattr(inputs, "iloc"):
        import pandas as pd

        return pd.util.hash_pandas_object(inputs, index=False).to_numpy()
    if hasattr(inputs, "row_keys"):  # images in a disk cache: hashes from its index, no pixel pass
        return inputs.row_keys()
    if hasattr(inputs, "shape"):
        array = np.ascontiguousarray(np.asarray(inputs)).reshape(len(inputs), -1)
        return np.array([hash(row.tobytes()) for row in array])
    return np.array([hash(str(item)) for item in inputs])


def leakage_report(dataset: Dataset, splits: dict[str, np.ndarray]) -> dict[str, Any]:
    """Counts of patients (groups) and exact-duplicate input rows shared between splits.

    ``{"shared_groups": {"train-val": 0, ...} or None, "duplicate_rows": {"train-val": 0, ...},
    "clean": bool}``; ``duplicate_rows[a-b]`` counts samples of ``b`` whose inputs equal a
    sample of ``a``. Counts only, never values.
    """
    pairs = [("train", "val"), ("train", "test"), ("val", "test")]
    keys = _row_keys(dataset.inputs)
    duplicates = {}
    for a, b in pairs:
        seen = set(keys[splits[a]].tolist())
        duplicates[f"{a}-{b}"] = int(sum(k in seen for k in keys[splits[b]].tolist()))
    shared = None
    if dataset.groups is not None:
        groups = np.asarray(dataset.groups).astype(str)
        shared = {
            f"{a}-{b}": int(len(set(groups[splits[a]]) & set(groups[splits[b]]))) for a, b in pairs
        }
    clean = not any(duplicates.values()) and not (shared and any(shared.values()))
    return {"shared_groups": shared, "duplicate_rows": duplicates, "clean": clean}

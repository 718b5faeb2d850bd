"""An isolation forest (Liu, Ting and Zhou, ICDM 2008) kept as plain arrays.

scikit-learn's ``IsolationForest`` grows the trees; what a run stores is each tree's nodes
(children, split feature and threshold, and at each leaf the path length a record reaching it is
given), so that a saved scorer is numbers only (safetensors, never pickle) and scores without
scikit-learn's estimator object. :meth:`IsolationForestArrays.score` equals
``-IsolationForest.score_samples``: 2 ** (-mean path length / c(max_samples)), larger for a record
isolated in fewer splits (less like the training records).

>>> rng = np.random.default_rng(0)
>>> forest = IsolationForestArrays.grow(rng.normal(size=(300, 4)), seed=0)
>>> bool(forest.score(np.full((1, 4), 8.0))[0] > forest.score(np.zeros((1, 4)))[0])
True
"""

from __future__ import annotations

import numpy as np

FIELDS = ("offsets", "left", "right", "feature", "threshold", "leaf_length", "average_length")


def _average_path_length(n: np.ndarray) -> np.ndarray:
    """c(n): the mean path length of an unsuccessful search in a binary search tree of n records."""
    n = np.asarray(n, dtype=np.float64)
    out = np.where(n == 2, 1.0, 0.0)
    big = n > 2
    out[big] = 2.0 * (np.log(n[big] - 1.0) + np.euler_gamma) - 2.0 * (n[big] - 1.0) / n[big]
    return out


class IsolationForestArrays:
    """The trees of a fitted isolation forest, concatenated: node ``offsets[t] + i`` is node i of
    tree t; ``left`` / ``right`` are -1 at leaves; ``leaf_length`` is the path length of a record
    ending there (its depth + c(records of the leaf) - 1, as scikit-learn); ``average_length`` holds
    c(max_samples), the normaliser."""

    def __init__(self, offsets, left, right, feature, threshold, leaf_length, average_length):
        self.offsets = np.asarray(offsets, dtype=np.int64).reshape(-1)
        self.left, self.right = (np.asarray(a, dtype=np.int64).reshape(-1) for a in (left, right))
        self.feature = np.asarray(feature, dtype=np.int64).reshape(-1)
        self.threshold = np.asarray(threshold, dtype=np.float64).reshape(-1)
        self.leaf_length = np.asarray(leaf_length, dtype=np.float64).reshape(-1)
        self.average_length = np.asarray(average_length, dtype=np.float64).reshape(-1)
        n = len(self.left)
        if len(self.offsets) < 2 or self.offsets[0] != 0 or self.offsets[-1] != n or np.any(np.diff(self.offsets) < 1) \
                or any(len(a) != n for a in (self.right, self.feature, self.threshold, self.leaf_length)) \
                or self.average_length.shape != (1,) or not np.isfinite(self.threshold).all():
            raise ValueError("isolation forest shape")

    @classmethod
    def grow(cls, x: np.ndarray, seed: int, trees: int = 200) -> IsolationForestArrays:
        from sklearn.ensemble import IsolationForest

        forest = IsolationForest(n_estimators=trees, random_state=seed).fit(x)
        parts: dict[str, list[np.ndarray]] = {k: [] for k in ("left", "right", "feature", "threshold", "leaf_length")}
        sizes = []
        for tree in forest.estimators_:
            t = tree.tree_
            sizes.append(t.node_count)
            for key, values in (("left", t.children_left), ("right", t.children_right), ("feature", t.feature),
                                ("threshold", t.threshold)):
                parts[key].append(np.asarray(values))
            parts["leaf_length"].append(t.compute_node_depths() + _average_path_length(t.n_node_samples) - 1.0)
        return cls(np.r_[0, np.cumsum(sizes)], *(np.concatenate(parts[k]) for k in parts),
                   _average_path_length(np.array([forest.max_samples_])))

    def score(self, x: np.ndarray) -> np.ndarray:
        """2 ** (-mean path length / c(max_samples)) per row of ``x`` (in (0, 1], larger = more isolated)."""
        x = np.asarray(x, dtype=np.float32)  # scikit-learn's trees compare float32 features
        start = self.offsets[:-1][None, :]
        trees = start.shape[1]
        # every (record, tree) walks down together: a few depth steps, not a Python loop per tree
        node = np.zeros((len(x), trees), dtype=np.int64)
        rows = np.arange(len(x))[:, None]
        at = start + node
        inner = self.left[at] >= 0
        while inner.any():  # leaves stay where they are (their feature, -2, is read but not used)
            go_left = x[rows, np.maximum(self.feature[at], 0)] <= self.threshold[at]
            node = np.where(inner, np.where(go_left, self.left[at], self.right[at]), node)
            at = start + node
            inner = self.left[at] >= 0
        lengths = self.leaf_length[at]
        total = np.zeros(len(x))
        for t in range(trees):  # summed tree by tree, in the same order as before (identical floats)
            total += lengths[:, t]
        return 2.0 ** (-total / (trees * self.average_length[0])) if self.average_length[0] > 0 else np.ones(len(x))

    def arrays(self) -> dict[str, np.ndarray]:
        return {k: getattr(self, k) for k in FIELDS}

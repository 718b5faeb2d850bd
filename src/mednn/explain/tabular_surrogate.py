"""A shallow decision tree that imitates a table network: fitted, measured on held-out rows, and
written as rules in the columns' original units.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .base import Section, class_display_name, section, table
from .tabular_common import EncodedFeature

@dataclass
class Surrogate:
    """A shallow tree that imitates the network, and how often it agrees on unseen rows."""

    tree: Any  # a fitted sklearn DecisionTreeClassifier / DecisionTreeRegressor
    fidelity: float | None  # held-out agreement (classes) or R^2 (regression); None: too few rows
    metric: str  # "agreement" or "R^2"
    baseline: float | None  # agreement of "always the most common prediction" (classes only)
    n_rows: int
    n_folds: int


def fit_surrogate(x: np.ndarray, y: np.ndarray, *, regression: bool, max_depth: int = 3, seed: int = 0,
                  n_folds: int = 5) -> Surrogate:
    """Fit a depth-``max_depth`` tree to the network's predictions ``y`` on encoded rows ``x``.

    Fidelity is measured by ``n_folds``-fold cross-validation: each row is predicted by a tree
    that did not see it (agreement with the network's class, averaged over labels for
    multi-label ``y``; R^2 for regression). The returned tree is refitted on all rows.

    >>> s = fit_surrogate(features, predicted_class, regression=False)  # doctest: +SKIP
    >>> round(s.fidelity, 2)
    0.93
    """
    from sklearn.metrics import r2_score
    from sklearn.model_selection import KFold
    from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

    x = np.asarray(x, dtype=np.float64).reshape(len(x), -1)
    y = np.asarray(y)
    make = (lambda: DecisionTreeRegressor(max_depth=max_depth, random_state=seed)) if regression else (
        lambda: DecisionTreeClassifier(max_depth=max_depth, random_state=seed))
    folds = min(n_folds, len(x) // 2)
    fidelity = baseline = None
    if folds >= 2:
        held_out = np.empty_like(y, dtype=np.float64 if regression else y.dtype)
        for fit_rows, test_rows in KFold(folds, shuffle=True, random_state=seed).split(x):
            held_out[test_rows] = make().fit(x[fit_rows], y[fit_rows]).predict(x[test_rows])
        if regression:
            fidelity = float(r2_score(y, held_out))
        else:
            fidelity = float(np.mean(held_out == y))
    if not regression and len(y):
        flat = y.reshape(len(y), -1)
        # per label: the share of rows that carry its most common prediction
        baseline = float(np.mean([np.max(np.unique(col, return_counts=True)[1]) / len(col) for col in flat.T]))
    return Surrogate(make().fit(x, y), fidelity, "R^2" if regression else "agreement", baseline,
                     len(x), max(folds, 0))


def surrogate_rules(tree: Any, features: list[EncodedFeature], output_names: list[str], *,
                    regression: bool, class_names: list[str] | None = None) -> str:
    """The tree as indented if-then rules (the layout of sklearn's ``export_text``).

    Numeric thresholds are converted back to the column's original units
    (``threshold * std + mean`` of the tabular featurizer); a one-hot split reads
    ``sex = female`` / ``sex ≠ female``; other featurizers keep their encoded thresholds.
    Leaves say what the tree predicts and for how many of the rows it was fitted on. A split
    whose every leaf predicts the same class is redundant (it changes no prediction) and is
    shown as one leaf, so each remaining split separates different answers.
    """
    t = tree.tree_

    def answer(node: int) -> str:
        value = np.asarray(t.value[node], dtype=np.float64)  # (outputs, classes or 1)
        if regression:
            return ", ".join(f"{name} = {v:.4g}" for name, v in zip(output_names, value[:, 0]))
        shares = value / np.maximum(value.sum(axis=1, keepdims=True), 1e-12)
        if value.shape[0] == 1:
            k = int(np.argmax(shares[0]))
            return (class_names or output_names)[int(np.atleast_1d(tree.classes_)[k])]
        positive = [name for name, classes, share in zip(output_names, tree.classes_, shares)
                    if int(np.asarray(classes)[int(np.argmax(share))]) == 1]
        return ", ".join(positive) if positive else "no label"

    def is_leaf(node: int) -> bool:
        return t.children_left[node] == t.children_right[node]  # a leaf has no children (both -1)

    def uniform(node: int) -> str | None:
        """The answer of every leaf under ``node`` when they all agree (classes only)."""
        if is_leaf(node):
            return answer(node)
        if regression:
            return None
        left, right = uniform(int(t.children_left[node])), uniform(int(t.children_right[node]))
        return left if left is not None and left == right else None

    def leaf(node: int) -> str:
        count = int(t.n_node_samples[node])
        if regression:
            return f"predicts {answer(node)} ({_rows(count)})"
        value = np.asarray(t.value[node], dtype=np.float64)
        if value.shape[0] == 1:
            share = float(value[0].max() / max(value[0].sum(), 1e-12))
            return f"predicts {answer(node)} ({_rows(count)}, {share:.0%} of them)"
        return f"predicts {answer(node)} ({_rows(count)})"

    lines: list[str] = []

    def walk(node: int, depth: int) -> None:
        indent = "|   " * depth
        if is_leaf(node) or uniform(node) is not None:
            lines.append(f"{indent}|--- {leaf(node)}")
            return
        left, right = _split_text(features[int(t.feature[node])], float(t.threshold[node]))
        lines.append(f"{indent}|--- {left}")
        walk(int(t.children_left[node]), depth + 1)
        lines.append(f"{indent}|--- {right}")
        walk(int(t.children_right[node]), depth + 1)

    walk(0, 0)
    return "\n".join(lines)


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def _split_text(feature: EncodedFeature, threshold: float) -> tuple[str, str]:
    if feature.kind == "category" and 0.0 < threshold < 1.0:
        return f"{feature.column} ≠ {feature.category}", f"{feature.column} = {feature.category}"
    if feature.kind == "numeric":
        value = threshold * feature.std + feature.mean
        return f"{feature.name} <= {value:.4g}", f"{feature.name} > {value:.4g}"
    return (f"{feature.name} <= {threshold:.4g} (encoded scale)",
            f"{feature.name} > {threshold:.4g} (encoded scale)")


def surrogate_is_informative(fidelity: float | None, baseline: float | None) -> bool:
    """Whether a classifier tree's held-out agreement is clearly better than always answering
    the most common prediction: it must remove at least a third of that answer's disagreements
    (and gain 5 points). 61% against a 59% baseline is not; 95% against 59% is.

    >>> surrogate_is_informative(0.61, 0.59), surrogate_is_informative(0.95, 0.59)
    (False, True)
    """
    if fidelity is None or baseline is None:
        return True
    return fidelity - baseline >= max(0.05, (1.0 - baseline) / 3.0)


def surrogate_section(ctx, x_all, features, depth, max_rows, rng) -> Section:
    kind = ctx.task.kind
    rows = np.sort(rng.permutation(len(x_all))[:max_rows])
    if kind == "regression":
        y = np.asarray(ctx.probabilities, dtype=np.float64).reshape(len(x_all), -1)[rows]
        y = y[:, 0] if y.shape[1] == 1 else y
    else:
        y = np.asarray(ctx.predicted)[rows]
    regression = kind == "regression"
    surrogate = fit_surrogate(x_all[rows], y, regression=regression, max_depth=depth, seed=ctx.seed)
    names = list(ctx.task.class_names) if regression else [class_display_name(n) for n in ctx.task.class_names]
    class_names = names if kind in ("binary", "multiclass") else None
    rules = surrogate_rules(surrogate.tree, features, names, regression=regression,
                            class_names=class_names)
    warnings, rows_table = [], []
    if surrogate.fidelity is None:
        fidelity = "Too few test rows to measure how often the tree agrees with the network on unseen rows."
    elif regression:
        fidelity = (f"Fidelity on held-out rows ({surrogate.n_folds}-fold cross-validation over "
                    f"{surrogate.n_rows} test rows): R² = {surrogate.fidelity:.2f} against the network's "
                    "predictions.")
        rows_table = [["tree (R² against the network)", surrogate.fidelity]]
        if surrogate.fidelity < 0.5:
            warnings.append(f"The tree explains only R² = {surrogate.fidelity:.2f} of the network's predictions on "
                            "unseen rows: its rules do not describe the network.")
    else:
        fidelity = (f"Fidelity on held-out rows ({surrogate.n_folds}-fold cross-validation over "
                    f"{surrogate.n_rows} test rows): the tree predicts the network's class for "
                    f"{surrogate.fidelity:.0%} of them"
                    + (" (per label, averaged)" if kind == "multilabel" else "")
                    + f"; always answering the most common prediction would agree {surrogate.baseline:.0%}.")
        rows_table = [["tree (held-out agreement with the network)", surrogate.fidelity],
                      ["always the most common prediction", surrogate.baseline]]
        if not surrogate_is_informative(surrogate.fidelity, surrogate.baseline):
            warnings.append(
                f"The tree is not clearly better than always giving the most common answer "
                f"({surrogate.fidelity:.0%} against {surrogate.baseline:.0%}): its rules do not describe how the "
                "network decides; do not read them as the network's logic.")
    converted = any(f.kind == "numeric" for f in features)
    units = (" Thresholds are in the columns' original units (converted from the standardised features)."
             if converted else "")
    intro = (f"A depth-{depth} decision tree fitted to the network's "
             + ("predictions" if regression else "predicted classes")
             + " on the test rows: a readable approximation of the network, not of the truth. Splits whose "
             "branches all give the same answer are merged." + units + " " + fidelity)
    tables = [table(["", "agreement" if not regression else "R²"], rows_table, caption="Fidelity")] if rows_table else []
    return section("Tables: surrogate decision tree", caption=intro, method="surrogate", tables=tables,
                   warnings=warnings, rules=rules)

"""Explanations for table models (the seed's section 6.3 remedies), one report section each.

Registered as the ``tabular`` explainer; ``explain.methods`` picks among :data:`METHODS`
(empty = :data:`DEFAULT_METHODS`):

* ``shap`` -- SHAP values of the network's output (shap's ``DeepExplainer``, i.e. DeepLIFT
  averaged over a reference sample of at most ``background_size`` training rows; the
  model-agnostic ``KernelExplainer`` when DeepExplainer fails or its values do not add up to
  the output). Two sections: global importance (mean |SHAP| per source column, one-hot
  columns summed back into their column) and per-patient waterfall bars for
  ``ctx.sample_indices()`` (errors first).
* ``lime`` -- LIME for the same patients on the model's own scale (the probability of the
  explained class): local slope x the patient's distance from the reference rows, so that its
  signs read as SHAP's; beside each patient, the rank agreement of SHAP and LIME (Spearman's
  rho over the columns) and a warning below :data:`AGREEMENT_WARNING`.
* ``surrogate`` -- a depth-3 decision tree fitted to the network's predictions, its fidelity
  on held-out rows (cross-validated) beside the majority-answer rate (a warning when it is not
  clearly better), and its rules with thresholds in the original units, redundant splits merged.
* ``weights`` -- the first layer's weights as a heatmap (hidden units x input features).

Explained outputs: binary -> the positive class's log-odds; multiclass / multilabel -> each
class's logit (global) and the predicted class / most probable label (per patient);
regression -> the prediction in the target's units. Reports show feature *names* and
contribution sizes only, never a patient's feature values. Sections are data
(:func:`mednn.explain.base.section`); each method logs a progress line and records its time.
Cost is bounded by ``max_rows`` (rows explained by SHAP), ``background_size`` and
``lime_samples``; about 1-2 s on breast-cancer-sized data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import ConfigError
from .base import EXPLAINERS, ExplainContext, Section, class_display_name, figure, section, table

METHODS = ("shap", "lime", "surrogate", "weights")
DEFAULT_METHODS = ("shap", "lime", "surrogate", "weights")
_RED, _BLUE = "#d62728", "#1f77b4"  # pushes the output up / down (as the text explainer)


# ---------------------------------------------------------------------------------------------
# feature names: encoded columns -> the table's columns


@dataclass(frozen=True)
class EncodedFeature:
    """One column of the featurized matrix and where it came from."""

    name: str  # "age", "sex=female"
    column: str  # the table's column ("sex")
    kind: str  # "numeric" (standardised), "category" (one-hot), "other" (unknown featurizer)
    category: str | None = None
    mean: float = 0.0  # original = encoded * std + mean for numeric columns
    std: float = 1.0


def encoded_features(featurizer: Any, n_features: int) -> list[EncodedFeature]:
    """Describe each encoded column of a fitted featurizer (``n_features`` of them).

    For the ``tabular`` featurizer numeric columns carry the training mean / std (so tree
    thresholds convert back to original units) and one-hot columns their source column. Any
    other featurizer: its ``feature_names_`` (or ``feature k``), each its own column.

    >>> [f.column for f in encoded_features(TabularFeaturizer().fit(table), 3)]  # doctest: +SKIP
    ['age', 'sex', 'sex']
    """
    columns = getattr(featurizer, "columns_", None)
    categories = getattr(featurizer, "categories_", None)
    numeric = getattr(featurizer, "numeric_", None)
    if columns is not None and categories is not None and numeric is not None:
        stats = {name: (getattr(featurizer, "mean_")[i], getattr(featurizer, "std_")[i])
                 for i, name in enumerate(numeric)}
        scaled = bool(getattr(featurizer, "scale", True))
        out: list[EncodedFeature] = []
        for column in columns:
            if column in categories:
                out.extend(EncodedFeature(f"{column}={c}", column, "category", category=c) for c in categories[column])
                if (getattr(featurizer, "rare_", None) or {}).get(column):  # featurize.min_frequency's shared column
                    out.append(EncodedFeature(f"{column}=<other>", column, "category", category="<other>"))
            else:
                mean, std = stats[column] if scaled else (0.0, 1.0)
                out.append(EncodedFeature(column, column, "numeric", mean=float(mean), std=float(std)))
        if len(out) == n_features:
            return out
    names = list(getattr(featurizer, "feature_names_", None) or [])
    if len(names) != n_features:
        names = [f"feature {j + 1}" for j in range(n_features)]
    return [EncodedFeature(str(n), str(n), "other") for n in names]


def aggregate_columns(values: np.ndarray, columns: list[str]) -> tuple[list[str], np.ndarray]:
    """Sum attributions of encoded columns that share a source column (axis 1).

    SHAP values are additive, so the sum over a one-hot block is the attribution of the
    whole categorical column for that patient. Returns the source column names in first-seen
    order and the summed array (same shape as ``values`` with axis 1 of that length).

    >>> aggregate_columns(np.array([[1.0, 2.0, 3.0]]), ["age", "sex", "sex"])
    (['age', 'sex'], array([[1., 5.]]))
    """
    values = np.asarray(values)
    names = list(dict.fromkeys(columns))
    position = {name: k for k, name in enumerate(names)}
    out = np.zeros(values.shape[:1] + (len(names),) + values.shape[2:], dtype=np.float64)
    np.add.at(out, (slice(None), np.array([position[c] for c in columns])), values)
    return names, out


# ---------------------------------------------------------------------------------------------
# SHAP


@dataclass
class ShapResult:
    """SHAP values of ``k`` network outputs for ``n`` rows of ``d`` encoded features."""

    values: np.ndarray  # (n, d, k)
    expected: np.ndarray  # (k,) mean output over the reference rows
    outputs: np.ndarray  # (n, k) the network's outputs on the explained rows
    method: str
    additivity_gap: float  # max |sum of values + expected - output|


def shap_values(model: Any, x: Any, background: Any, *, device: str = "cpu", seed: int = 0,
                kernel_samples: int = 200, kernel_background: int = 10) -> ShapResult:
    """SHAP values of ``model``'s outputs (logits) for rows ``x`` against reference rows ``background``.

    DeepExplainer first (exact for a linear network: ``w * (x - mean(background))``); if it
    fails, meets a layer it does not know, or its values do not add up to the output, the
    model-agnostic KernelExplainer on ``kernel_background`` reference rows instead.

    >>> result = shap_values(model, test_features[:50], train_features[:100])  # doctest: +SKIP
    >>> result.values.shape  # (rows, features, outputs)
    (50, 30, 1)
    """
    import copy
    import warnings

    import torch

    # shap hooks every layer and parks tensors on the modules: work on a copy so that the
    # run's model (saved after explaining) never carries them
    net = copy.deepcopy(model).eval().to(device)
    x = torch.as_tensor(np.asarray(x, dtype=np.float32), device=device)
    background = torch.as_tensor(np.asarray(background, dtype=np.float32), device=device)
    n, d = x.shape[0], int(np.prod(x.shape[1:]))
    with torch.no_grad():
        outputs = net(x).reshape(n, -1).double().cpu().numpy()
    tolerance = 1e-3 * (1.0 + float(np.abs(outputs).max(initial=0.0)))
    try:
        import shap

        with warnings.catch_warnings(record=True) as caught, torch.enable_grad():
            warnings.simplefilter("always")
            explainer = shap.DeepExplainer(net, background)
            values = np.asarray(explainer.shap_values(x, check_additivity=False), dtype=np.float64)
        values = values.reshape(n, d, -1)
        expected = np.asarray(explainer.expected_value, dtype=np.float64).reshape(-1)
        gap = _gap(values, expected, outputs)
        unknown_layer = any("unrecognized nn.Module" in str(w.message) for w in caught)
        if not unknown_layer and gap <= tolerance:
            return ShapResult(values, expected, outputs, "DeepExplainer", gap)
    except Exception:  # noqa: BLE001 - any failure of DeepExplainer falls back to the kernel method
        pass
    return _kernel_shap(net, x, background, outputs, device=device, seed=seed, n_samples=kernel_samples,
                        n_background=kernel_background)


def _gap(values: np.ndarray, expected: np.ndarray, outputs: np.ndarray) -> float:
    return float(np.abs(values.sum(1) + expected[None, :] - outputs).max(initial=0.0))


def _kernel_shap(net, x, background, outputs, *, device, seed, n_samples, n_background) -> ShapResult:
    import shap
    import torch

    def predict(rows: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            batch = torch.as_tensor(np.asarray(rows, dtype=np.float32), device=device)
            return net(batch).reshape(len(rows), -1).double().cpu().numpy()

    n, d = x.shape[0], int(np.prod(x.shape[1:]))
    reference = background.cpu().numpy()[:n_background]
    # KernelExplainer samples coalitions with NumPy's global generator: seed it for
    # reproducible values, and give the caller's generator state back afterwards
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        explainer = shap.KernelExplainer(predict, reference)
        values = explainer.shap_values(x.cpu().numpy(), nsamples=n_samples, silent=True)
    finally:
        np.random.set_state(state)
    values = np.asarray(values, dtype=np.float64).reshape(n, d, -1)
    expected = np.asarray(explainer.expected_value, dtype=np.float64).reshape(-1)
    return ShapResult(values, expected, outputs, "KernelExplainer", _gap(values, expected, outputs))


# ---------------------------------------------------------------------------------------------
# surrogate tree


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


# ---------------------------------------------------------------------------------------------
# LIME


def lime_weights(predict, x: np.ndarray, rows: np.ndarray, outputs: list[int], *, regression: bool,
                 categorical: list[int], seed: int = 0, n_samples: int = 500) -> list[tuple[np.ndarray, float]]:
    """LIME's local linear weights (one per encoded feature) and local fit R^2 for ``rows``.

    ``predict`` maps encoded rows to class probabilities (n, classes) or values (n,); row j is
    explained for class ``outputs[j]``. Perturbations are drawn around the patient (not around
    the data's mean, LIME's default, which gives every patient nearly the same slopes), so a
    weight is the local slope of the explained probability per standard deviation of the
    feature at this patient. Continuous features are not discretised (a quartile bin would
    reveal the patient's value range); one-hot columns are sampled as categories.
    """
    from lime.lime_tabular import LimeTabularExplainer

    x = np.asarray(x, dtype=np.float64)
    explainer = LimeTabularExplainer(
        x, mode="regression" if regression else "classification", categorical_features=categorical,
        discretize_continuous=False, sample_around_instance=True, random_state=seed, feature_names=[str(j) for j in range(x.shape[1])])
    out = []
    for row, k in zip(rows, outputs):
        label = 0 if regression else int(k)
        exp = explainer.explain_instance(x[row], predict, labels=(label,), num_features=x.shape[1],
                                         num_samples=n_samples)
        weights = np.zeros(x.shape[1])
        for j, w in exp.as_map()[1 if regression else label]:
            weights[int(j)] = w
        out.append((weights, float(exp.score)))
    return out


# ---------------------------------------------------------------------------------------------
# drawing


def _short(name: str, width: int = 32) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def importance_png(names: list[str], importance: np.ndarray, output_names: list[str], *, title: str) -> bytes:
    """Horizontal bars of mean |SHAP| (rows = features, most important on top); with several
    outputs each bar is split by output (stacked), so its length is the sum over outputs."""
    from ..plotting import COLOURS, figure_png, pyplot

    importance = np.asarray(importance, dtype=np.float64).reshape(len(names), -1)
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 0.28 * len(names) + 1.2))
    y = np.arange(len(names))[::-1]
    left = np.zeros(len(names))
    for k in range(importance.shape[1]):
        label = output_names[k] if importance.shape[1] > 1 else None
        ax.barh(y, importance[:, k], left=left, color=COLOURS[k % len(COLOURS)], label=label, height=0.7)
        left += importance[:, k]
    ax.set_yticks(y, [_short(n) for n in names], fontsize=8)
    ax.set_xlabel(title, fontsize=9)
    if importance.shape[1] > 1:
        # beside the axes, not over the (longest, top) bars
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_png(fig)


def waterfall_png(names: list[str], contributions: np.ndarray, base: float, *, xlabel: str) -> bytes:
    """SHAP-style waterfall: from the reference output ``base`` each feature's contribution
    moves the output right (red, up) or left (blue, down) to the patient's output. Names
    only: feature values are not drawn."""
    from ..plotting import figure_png, pyplot

    contributions = np.asarray(contributions, dtype=np.float64)
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(5.2, 0.3 * len(names) + 1.1))
    start = base
    y = np.arange(len(names))[::-1]
    for yi, c in zip(y, contributions):
        ax.barh(yi, abs(c), left=min(start, start + c), color=_RED if c > 0 else _BLUE, height=0.7)
        ax.text(max(start, start + c), yi, f" {c:+.2f}", va="center", fontsize=7)
        start += c
    for patch in ax.patches:  # a bar pins the axis to its base; the margin must show the reference line
        patch.sticky_edges.x[:] = []
    ax.axvline(base, color="#7f7f7f", lw=0.8, ls="--")
    ax.axvline(start, color="black", lw=0.8)
    ax.set_yticks(y, [_short(n) for n in names], fontsize=8)
    ax.set_xlabel(f"{xlabel}\n(dashed: reference mean {base:.2f}; solid: this patient {start:.2f})", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.15)
    return figure_png(fig, dpi=80)  # one per patient: smaller images keep the report light


def signed_bars_png(names: list[str], values: np.ndarray, *, xlabel: str) -> bytes:
    """Horizontal bars of signed weights (largest first): red pushes up, blue pushes down."""
    from ..plotting import figure_png, pyplot

    values = np.asarray(values, dtype=np.float64)
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(5.2, 0.3 * len(names) + 1.0))
    y = np.arange(len(names))[::-1]
    ax.barh(y, values, color=[_RED if v > 0 else _BLUE for v in values], height=0.7)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, [_short(n) for n in names], fontsize=8)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_png(fig, dpi=80)


def weight_heatmap_png(weight: np.ndarray, names: list[str] | None) -> bytes:
    """Heatmap of a (units, inputs) weight matrix, diverging colours symmetric around 0;
    input names on the x axis when given."""
    from ..plotting import figure_png, pyplot

    weight = np.asarray(weight, dtype=np.float64)
    units, inputs = weight.shape
    limit = float(np.abs(weight).max(initial=0.0)) or 1.0
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(min(14.0, 0.22 * inputs + 2.5), min(8.0, 0.22 * units + 1.8)))
    shown = ax.imshow(weight, cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto", interpolation="nearest")
    if names is not None:
        ax.set_xticks(np.arange(inputs), [_short(n, 24) for n in names], rotation=90, fontsize=7)
    else:
        ax.set_xlabel("input feature (encoded column)", fontsize=8)
    ax.set_yticks(np.arange(units), [str(u + 1) for u in range(units)], fontsize=6 if units > 20 else 7)
    ax.set_ylabel("hidden unit", fontsize=8)
    fig.colorbar(shown, ax=ax, shrink=0.8, label="weight")
    return figure_png(fig)


# ---------------------------------------------------------------------------------------------
# the explainer


@EXPLAINERS.register("tabular")
def explain_tabular(ctx: ExplainContext) -> list[Section]:
    """SHAP importance and per-patient contributions, LIME with its agreement with SHAP, a
    surrogate tree and the first layer's weights for a table model (see the module docstring)."""
    return tabular_sections(ctx)


def tabular_sections(ctx: ExplainContext, *, methods: list[str] | None = None, max_rows: int = 200,
                     background_size: int = 100, top_features: int = 15, local_features: int = 8,
                     tree_depth: int = 3, surrogate_rows: int = 5000, lime_samples: int = 500) -> list[Section]:
    """The sections of :func:`explain_tabular`, with its size limits as parameters.

    ``max_rows`` test rows (the sampled patients always among them) are explained by SHAP
    against ``background_size`` reference rows (``ctx.background``, else the test rows);
    ``surrogate_rows`` bounds the rows the tree learns from. Each method runs in
    :meth:`ExplainContext.step` (a progress line, its time in the section).
    """
    chosen = _chosen_methods(list(ctx.config.methods) if methods is None else methods)
    x_all = _matrix(ctx.features)
    n, d = x_all.shape
    if n == 0 or not chosen:
        return []
    features = encoded_features(ctx.featurizer, d)
    rng = np.random.default_rng(ctx.seed)
    patients = np.asarray(ctx.sample_indices(), dtype=int)
    rest = np.setdiff1d(np.arange(n), patients)
    rows = np.concatenate([patients, np.sort(rng.permutation(rest)[: max(0, max_rows - len(patients))])])
    sections: list[Section] = []
    if "shap" in chosen or "lime" in chosen:
        reference = x_all if ctx.background is None else _matrix(ctx.background)
        reference = reference[np.sort(rng.permutation(len(reference))[:background_size])]
    local_shap = None  # (columns, per-patient SHAP of the explained output) for the LIME agreement
    lime = None
    if "lime" in chosen and len(patients) and ctx.task.kind != "multilabel":
        with ctx.step("LIME") as lime_step:
            lime = _lime(ctx, x_all, reference, patients, features, lime_samples)
    if "shap" in chosen:
        with ctx.step("SHAP") as shap_step:
            result = shap_values(ctx.model, x_all[rows], reference, device=ctx.device, seed=ctx.seed)
        shap_sections, local_shap = _shap_sections(ctx, result, rows, len(patients), features, top_features,
                                                   local_features, len(reference), lime)
        for part in shap_sections:
            part["seconds"] = round(shap_step.seconds, 3)
        sections += shap_sections
    if "lime" in chosen and len(patients):
        if lime is None:
            sections.append(section("Tables: per-patient contributions (LIME)", method="lime", notes=[
                "LIME is not run for multi-label tables (it explains one distribution over classes per row); "
                "see the SHAP contributions."]))
        else:
            sections.append(_lime_section(ctx, lime, patients, local_features, lime_samples, local_shap,
                                          lime_step.seconds))
    if "surrogate" in chosen:
        with ctx.step("surrogate tree") as step:
            part = _surrogate_section(ctx, x_all, features, tree_depth, surrogate_rows, rng)
        part["seconds"] = round(step.seconds, 3)
        sections.append(part)
    if "weights" in chosen:
        from ..models.ensemble import members_of

        with ctx.step("first-layer weights") as step:
            members = members_of(ctx.model)
            weight = _first_linear_weight(members[0], d)
            part = _weights_section(weight, features, len(members)) if weight is not None else None
        if part is not None:
            part["seconds"] = round(step.seconds, 3)
            sections.append(part)
    return sections


def _chosen_methods(wanted: list[str]) -> list[str]:
    wanted = wanted or list(DEFAULT_METHODS)
    unknown = [m for m in wanted if m not in METHODS]
    # explain.methods is shared by every modality: only a list of nothing but unknown
    # names is an error here (images' "gradcam" may sit beside "shap")
    if unknown and len(unknown) == len(wanted):
        raise ConfigError(f"Unknown table explanation method '{unknown[0]}' in explain.methods; "
                          f"valid: {', '.join(METHODS)}")
    return [m for m in wanted if m in METHODS]


def _matrix(features: Any) -> np.ndarray:
    if hasattr(features, "detach"):
        features = features.detach().cpu().numpy()
    array = np.asarray(features, dtype=np.float32)
    return array.reshape(len(array), -1)


def _output_names(ctx: ExplainContext) -> list[str]:
    if ctx.task.kind == "regression":
        return list(ctx.task.class_names)
    names = [class_display_name(n) for n in ctx.task.class_names]
    return [names[1]] if ctx.task.kind == "binary" else names


def _output_unit(kind: str) -> str:
    return {"binary": "log-odds", "multiclass": "logit", "multilabel": "log-odds"}.get(kind, "target units")


def _patient_output(ctx: ExplainContext, i: int) -> int:
    """The output explained for test row i (the molecules explainer's choice)."""
    if ctx.task.kind == "multiclass":
        return int(np.asarray(ctx.predicted)[i])
    if ctx.task.kind == "multilabel":
        return int(np.nanargmax(np.asarray(ctx.probabilities)[i]))
    return 0


def _to_target_units(ctx: ExplainContext, result: ShapResult, rows: np.ndarray) -> bool:
    """Regression networks predict standardised targets; ``ctx.probabilities`` holds them in
    the target's units. Recover that affine map (exact up to rounding) and rescale the SHAP
    values and reference so they read in the target's units. False if it does not fit."""
    values = np.asarray(ctx.probabilities, dtype=np.float64).reshape(len(ctx.probabilities), -1)[rows]
    if values.shape[1] != result.outputs.shape[1] or len(rows) < 2:
        return False
    scales, shifts = [], []
    for k in range(values.shape[1]):
        out = result.outputs[:, k]
        if np.ptp(out) <= 0:
            return False
        slope, shift = np.polyfit(out, values[:, k], 1)
        if np.abs(slope * out + shift - values[:, k]).max() > 1e-3 * (1 + np.abs(values[:, k]).max()):
            return False
        scales.append(slope)
        shifts.append(shift)
    scale, shift = np.array(scales), np.array(shifts)
    result.values = result.values * scale[None, None, :]
    result.expected = result.expected * scale + shift
    result.outputs = result.outputs * scale[None, :] + shift[None, :]
    result.additivity_gap *= float(np.abs(scale).max())
    return True


# agreement below this rank correlation gets a warning: the two methods order the columns
# differently enough that a reader should trust neither ranking for that patient
AGREEMENT_WARNING = 0.5
# LIME's local linear fit explaining less than this share of the network's variation near the
# patient (its R^2 on the weighted perturbations) cannot be read as the network's local behaviour
LIME_FIT_WARNING = 0.3


def rank_agreement(a: np.ndarray, b: np.ndarray) -> float:
    """Spearman rank correlation of two attribution vectors over the same columns (NaN when
    either is constant, e.g. all zero).

    >>> rank_agreement(np.array([3.0, -1.0, 0.5]), np.array([0.2, -0.1, 0.05]))
    1.0
    """
    a, b = np.asarray(a, dtype=np.float64).ravel(), np.asarray(b, dtype=np.float64).ravel()
    if len(a) < 2 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return float("nan")
    from scipy.stats import spearmanr

    return float(spearmanr(a, b).statistic)


def _agreement_text(rho: float) -> str:
    if not np.isfinite(rho):
        return "agreement with SHAP not defined"
    verdict = "agrees" if rho >= 0.8 else "partly agrees" if rho >= AGREEMENT_WARNING else "DISAGREES"
    return f"SHAP–LIME rank agreement ρ = {rho:.2f} ({verdict})"


def _shap_sections(ctx, result: ShapResult, rows, n_patients, features, top_features, local_features,
                   n_reference, lime) -> tuple[list[Section], np.ndarray | None]:
    kind = ctx.task.kind
    output_names = _output_names(ctx)
    unit = _output_unit(kind)
    if kind == "regression" and not _to_target_units(ctx, result, rows):
        unit = "standardised target units"
    names, per_column = aggregate_columns(result.values, [f.column for f in features])
    importance = np.abs(per_column).mean(axis=0)  # (columns, outputs)
    order = np.argsort(-importance.mean(axis=1), kind="stable")[:top_features]
    n_onehot = sum(f.kind == "category" for f in features)
    how = ("shap DeepExplainer (DeepLIFT rescale rule averaged over the reference rows)"
           if result.method == "DeepExplainer" else "shap KernelExplainer (model-agnostic)")
    reference = "training rows" if ctx.background is not None else "test rows (no training rows were given)"
    several = importance.shape[1] > 1
    ranking = ("ranked by the mean over " + ("classes" if kind == "multiclass" else "outputs")
               + " of mean |SHAP|; each bar is split by " + ("class" if kind == "multiclass" else "output")
               + " (its length is the sum)") if several else "ranked by mean |SHAP|"
    what = {"binary": f"the log-odds of {output_names[0]}", "multiclass": "each class's logit",
            "multilabel": "each label's log-odds"}.get(kind, f"the prediction ({unit})")
    png = importance_png([names[j] for j in order], importance[order], output_names,
                         title=f"mean |SHAP value| ({unit})")
    intro = (
        f"Which columns move {what} most, over {len(rows)} test rows: mean absolute SHAP "
        f"value per column, {ranking}; top {len(order)} of {len(names)} columns. Computed with "
        f"{how} against {n_reference} {reference}."
        + (f" The {n_onehot} one-hot columns are summed back into their source column." if n_onehot else "")
        + f" The values add up to each row's output minus the reference mean (largest gap "
        f"{result.additivity_gap:.1e}). SHAP shows what the network relies on, not what causes the "
        "outcome."
    )
    ranked = table(["rank", "column", "mean |SHAP|" + (" (mean over outputs)" if several else "")],
                   [[r + 1, names[j], float(f"{importance[j].mean():.3g}")] for r, j in enumerate(order)])
    sections = [section("Tables: global feature importance (SHAP)", caption=intro, method="shap",
                        figures=[figure(png, alt="mean absolute SHAP value per column")], tables=[ranked])]
    local = None
    if n_patients:
        figures, local = [], np.zeros((n_patients, len(names)))
        for j in range(n_patients):
            i = int(rows[j])
            k = _patient_output(ctx, i)
            contribution = per_column[j, :, k]
            local[j] = contribution
            top = np.argsort(-np.abs(contribution), kind="stable")[:local_features]
            shown_names = [names[c] for c in top]
            shown = list(contribution[top])
            if len(names) > len(top):
                shown_names.append(f"{len(names) - len(top)} other columns")
                shown.append(float(contribution.sum() - contribution[top].sum()))
            png = waterfall_png(shown_names, np.array(shown), float(result.expected[k]),
                                xlabel=f"{output_names[k]} ({unit})")
            caption = _caption(ctx, i, k)
            if lime is not None:
                caption += " · " + _agreement_text(rank_agreement(contribution, lime["contributions"][j]))
            figures.append(figure(png, alt="feature contributions", caption=caption))
        local_intro = (
            f"Per-patient SHAP contributions for {n_patients} test patients, errors first, then the most "
            f"confident correct predictions. Each bar moves the output ({unit}) from the reference "
            "mean to the patient's value: red up, blue down. Explained: "
            + {"binary": "the positive class", "multiclass": "the predicted class",
               "multilabel": "the most probable label"}.get(kind, "the first target")
            + ". Column names only; the patients' values are not shown."
            + (" The bars are on the network's own scale, before calibration: the probability in each caption "
               "is the calibrated one, so the two need not match exactly." if kind != "regression" else "")
        )
        sections.append(section("Tables: per-patient contributions (SHAP)", caption=local_intro, method="shap",
                                figures=figures))
    return sections, local


def _lime(ctx, x_all, reference, patients, features, n_samples) -> dict[str, Any]:
    """LIME for the sampled patients on the model's own scale, with per-patient contributions.

    A LIME weight is a local slope (output per standard deviation). The contribution of a
    column for a patient is that slope times how far the patient sits from the reference rows
    (``(x - mean) / sd``; for a one-hot column: having the patient's category rather than the
    reference's mix), so its sign says whether the patient's value raises or lowers the
    explained probability compared with the reference, as SHAP's does.
    """
    import copy

    import torch

    from ..training.losses import to_probabilities

    net = copy.deepcopy(ctx.model).eval()
    kind = ctx.task.kind

    def predict(batch: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            logits = net(torch.as_tensor(np.asarray(batch, dtype=np.float32), device=ctx.device))
            p = to_probabilities(ctx.task, logits).double().cpu().numpy()
        if kind == "binary":
            return np.column_stack([1 - p, p])
        return p.reshape(len(batch), -1)[:, 0] if kind == "regression" else p

    outputs = [1 if kind == "binary" else _patient_output(ctx, int(i)) for i in patients]
    # LIME scales features by the statistics of the rows it is given: the reference rows and the
    # patients (so that a patient's category is known to it)
    stack = np.concatenate([reference, x_all[patients]])
    categorical = [j for j, f in enumerate(features) if f.kind == "category"]
    results = lime_weights(predict, stack, np.arange(len(reference), len(stack)), outputs,
                           regression=kind == "regression", categorical=categorical, seed=ctx.seed,
                           n_samples=n_samples)
    mean, sd = reference.mean(axis=0), stack.std(axis=0)
    sd = np.where(sd > 0, sd, 1.0)
    columns = [f.column for f in features]
    contributions, scores = [], []
    for i, (weights, score) in zip(patients, results):
        row = x_all[i]
        position = (row - mean) / sd
        for j in categorical:  # LIME's feature is "has the patient's category"
            position[j] = 1.0 - float(np.mean(reference[:, j] == row[j]))
        _, per_column = aggregate_columns((weights * position)[None, :], columns)
        contributions.append(per_column[0])
        scores.append(score)
    return {"contributions": np.array(contributions), "scores": scores, "outputs": outputs,
            "names": list(dict.fromkeys(columns))}


def _lime_section(ctx, lime, patients, local_features, n_samples, local_shap, seconds) -> Section:
    kind = ctx.task.kind
    output_names = _output_names(ctx)
    names = lime["names"]
    scale = "prediction (model output)" if kind == "regression" else "probability"
    figures, agreement, warnings = [], [], []
    for j, (i, k, score) in enumerate(zip(patients, lime["outputs"], lime["scores"])):
        contribution = lime["contributions"][j]
        top = np.argsort(-np.abs(contribution), kind="stable")[:local_features]
        explained = output_names[0] if kind in ("binary", "regression") else output_names[int(k)]
        what = f"p({explained})" if kind != "regression" else explained
        png = signed_bars_png([names[c] for c in top], contribution[top],
                              xlabel=f"LIME contribution to {what} ({scale}), this patient vs the reference")
        shown_k = 0 if kind == "binary" else int(k)
        caption = _caption(ctx, int(i), shown_k) + f" · local fit R² {score:.2f}"
        if local_shap is not None:
            rho = rank_agreement(local_shap[j], contribution)
            caption += " · " + _agreement_text(rho)
            agreement.append([str(ctx.dataset.ids[int(i)]), rho if np.isfinite(rho) else None,
                              "yes" if np.isfinite(rho) and rho >= AGREEMENT_WARNING else "no"])
            if np.isfinite(rho) and rho < AGREEMENT_WARNING:
                warnings.append(f"For patient {ctx.dataset.ids[int(i)]} SHAP and LIME disagree (ρ = {rho:.2f}): "
                                "they rank the columns differently, so neither ranking should be trusted alone.")
        if score < LIME_FIT_WARNING:
            warnings.append(f"For patient {ctx.dataset.ids[int(i)]} LIME's linear model fits the network poorly "
                            f"near the patient (R² = {score:.2f}); its bars are unreliable.")
        figures.append(figure(png, alt="LIME contributions", caption=caption))
    intro = (
        f"LIME for the same {len(patients)} patients, on the model's own scale: the "
        + ("probability of the explained class" if kind != "regression" else "prediction")
        + f". A linear model is fitted to the network on {n_samples} perturbed copies of each patient (drawn "
        "around the patient, seeded); each bar is its local slope times how far the patient sits from the "
        "reference rows, so red means the patient's value raises the explained "
        + ("probability" if kind != "regression" else "prediction")
        + " compared with the reference and blue lowers it, as in SHAP. One-hot columns are summed into their "
        "column. Continuous columns are not binned, so no value ranges of the patient are shown."
    )
    tables = []
    if agreement:
        intro += (" The agreement with SHAP is Spearman's rank correlation of the two methods' contributions "
                  f"over all columns (1 = same order; below {AGREEMENT_WARNING} they disagree).")
        tables.append(table(["patient", "SHAP–LIME rank agreement ρ", f"ρ ≥ {AGREEMENT_WARNING}"], agreement,
                            caption="Agreement of SHAP and LIME per patient"))
    return section("Tables: per-patient contributions (LIME)", caption=intro, method="lime",
                   seconds=seconds, figures=figures, tables=tables, warnings=warnings)


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


def _surrogate_section(ctx, x_all, features, depth, max_rows, rng) -> Section:
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


def _caption(ctx: ExplainContext, i: int, k: int) -> str:
    """Id, right / wrong and the prediction; never a feature value (nor a regression target)."""
    task = ctx.task
    names = [class_display_name(n) for n in task.class_names] if task.kind != "regression" else task.class_names
    prob = np.asarray(ctx.probabilities)[i]
    pred = np.asarray(ctx.predicted)[i]
    target = np.asarray(ctx.dataset.targets)[i]
    if task.kind == "binary":
        tag = "error" if int(pred) != int(target) else "correct"
        text = f"target {names[int(target)]} · p({names[1]}) = {float(prob):.2f}"
    elif task.kind == "multiclass":
        tag = "error" if int(pred) != int(target) else "correct"
        text = (f"target {names[int(target)]} · predicted {names[int(pred)]} "
                f"({float(prob[int(pred)]):.2f})")
    elif task.kind == "multilabel":
        t = float(target[k])
        tag = "missing label" if np.isnan(t) else "error" if int(pred[k]) != int(t) else "correct"
        text = f"{names[k]}: p = {float(prob[k]):.2f}"
    else:
        tag = "prediction"
        text = f"{names[k]}: predicted {float(np.asarray(prob).reshape(-1)[k]):.3g}"
    return f"id {ctx.dataset.ids[i]} · {tag} · {text}"


def _first_linear_weight(model: Any, n_features: int) -> np.ndarray | None:
    import torch

    for module in model.modules():
        if isinstance(module, torch.nn.Linear) and module.in_features == n_features:
            return module.weight.detach().float().cpu().numpy()
    return None


def _weights_section(weight: np.ndarray, features: list[EncodedFeature], n_members: int = 1,
                     max_units: int = 64) -> Section:
    units, inputs = weight.shape
    shown = weight[:max_units]
    names = [f.name for f in features] if inputs <= 40 else None
    png = weight_heatmap_png(shown, names)
    text = (f"The seed's weight view: the first layer's weights, one row per hidden unit "
            f"({units} units" + (f", first {max_units} shown" if units > max_units else "")
            + f") and one column per encoded input ({inputs})"
            + ("" if names is not None else "; names are left off above 40 inputs")
            + ". Red: the input raises the unit's activation, blue: lowers it. Inputs are standardised, "
            "so weights of numeric columns compare; one-hot columns are 0 / 1."
            + (f" These are ensemble member 1's; each of the {n_members} members has its own." if n_members > 1 else ""))
    return section("Tables: first-layer weights", caption=text, method="weights",
                   figures=[figure(png, alt="first layer weight heatmap")])

"""What the table explanations share: encoded columns traced back to the table's columns, the
explained outputs and their units, patient captions, SHAP-LIME rank agreement, bar colours.

Used by :mod:`.tabular_shap`, :mod:`.tabular_lime`, :mod:`.tabular_surrogate` and the
``tabular`` explainer (:mod:`.tabular`). Captions name test records (:func:`~.base.record_ref`) and predictions, never an id or a
feature value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .base import ExplainContext, class_display_name, record_ref

RED, BLUE = "#d62728", "#1f77b4"  # pushes the output up / down (as the text explainer)


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


def feature_matrix(features: Any) -> np.ndarray:
    if hasattr(features, "detach"):
        features = features.detach().cpu().numpy()
    array = np.asarray(features, dtype=np.float32)
    return array.reshape(len(array), -1)


def explained_outputs(ctx: ExplainContext) -> list[str]:
    if ctx.task.kind == "regression":
        return list(ctx.task.class_names)
    names = [class_display_name(n) for n in ctx.task.class_names]
    return [names[1]] if ctx.task.kind == "binary" else names


def output_unit(kind: str) -> str:
    return {"binary": "log-odds", "multiclass": "logit", "multilabel": "log-odds"}.get(kind, "target units")


def patient_output(ctx: ExplainContext, i: int) -> int:
    """The output explained for test row i (the molecules explainer's choice)."""
    if ctx.task.kind == "multiclass":
        return int(np.asarray(ctx.predicted)[i])
    if ctx.task.kind == "multilabel":
        return int(np.nanargmax(np.asarray(ctx.probabilities)[i]))
    return 0


def patient_caption(ctx: ExplainContext, i: int, k: int) -> str:
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
    return f"{record_ref(i)} · {tag} · {text}"


def short_name(name: str, width: int = 32) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


# agreement below this rank correlation gets a warning: the two methods order the columns
# differently enough that a reader should trust neither ranking for that patient
AGREEMENT_WARNING = 0.5


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


def agreement_text(rho: float) -> str:
    if not np.isfinite(rho):
        return "agreement with SHAP not defined"
    verdict = "agrees" if rho >= 0.8 else "partly agrees" if rho >= AGREEMENT_WARNING else "DISAGREES"
    return f"SHAP–LIME rank agreement ρ = {rho:.2f} ({verdict})"

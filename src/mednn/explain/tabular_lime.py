"""LIME for table patients on the model's own scale, and its section (with the agreement with SHAP).

Perturbations are drawn around the patient; a contribution is LIME's local slope times how far
the patient sits from the reference rows, so its sign reads as SHAP's.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .base import RECORD_REF_NOTE, Section, figure, record_ref, section, table
from .tabular_common import (AGREEMENT_WARNING, BLUE, RED, aggregate_columns, agreement_text, explained_outputs,
                             patient_caption, patient_output, rank_agreement, short_name)

# LIME's local linear fit explaining less than this share of the network's variation near the
# patient (its R^2 on the weighted perturbations) cannot be read as the network's local behaviour
LIME_FIT_WARNING = 0.3


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


def lime_for_patients(ctx, x_all, reference, patients, features, n_samples) -> dict[str, Any]:
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

    outputs = [1 if kind == "binary" else patient_output(ctx, int(i)) for i in patients]
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


def lime_section(ctx, lime, patients, local_features, n_samples, local_shap, seconds) -> Section:
    kind = ctx.task.kind
    output_names = explained_outputs(ctx)
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
        caption = patient_caption(ctx, int(i), shown_k) + f" · local fit R² {score:.2f}"
        if local_shap is not None:
            rho = rank_agreement(local_shap[j], contribution)
            caption += " · " + agreement_text(rho)
            agreement.append([record_ref(int(i)), rho if np.isfinite(rho) else None,
                              "yes" if np.isfinite(rho) and rho >= AGREEMENT_WARNING else "no"])
            if np.isfinite(rho) and rho < AGREEMENT_WARNING:
                warnings.append(f"For {record_ref(int(i))} SHAP and LIME disagree (ρ = {rho:.2f}): "
                                "they rank the columns differently, so neither ranking should be trusted alone.")
        if score < LIME_FIT_WARNING:
            warnings.append(f"For {record_ref(int(i))} LIME's linear model fits the network poorly "
                            f"near the patient (R² = {score:.2f}); its bars are unreliable.")
        figures.append(figure(png, alt="LIME contributions", caption=caption))
    intro = (
        f"LIME for the same {len(patients)} test records, on the model's own scale: the "
        + ("probability of the explained class" if kind != "regression" else "prediction")
        + f". A linear model is fitted to the network on {n_samples} perturbed copies of each patient (drawn "
        "around the patient, seeded); each bar is its local slope times how far the patient sits from the "
        "reference rows, so red means the patient's value raises the explained "
        + ("probability" if kind != "regression" else "prediction")
        + " compared with the reference and blue lowers it, as in SHAP. One-hot columns are summed into their "
        "column. Continuous columns are not binned, so no value ranges of the patient are shown. " + RECORD_REF_NOTE
    )
    tables = []
    if agreement:
        intro += (" The agreement with SHAP is Spearman's rank correlation of the two methods' contributions "
                  f"over all columns (1 = same order; below {AGREEMENT_WARNING} they disagree).")
        tables.append(table(["record", "SHAP–LIME rank agreement ρ", f"ρ ≥ {AGREEMENT_WARNING}"], agreement,
                            caption="Agreement of SHAP and LIME per patient"))
    return section("Tables: per-patient contributions (LIME)", caption=intro, method="lime",
                   seconds=seconds, figures=figures, tables=tables, warnings=warnings)


def signed_bars_png(names: list[str], values: np.ndarray, *, xlabel: str) -> bytes:
    """Horizontal bars of signed weights (largest first): red pushes up, blue pushes down."""
    from ..plotting import figure_png, pyplot

    values = np.asarray(values, dtype=np.float64)
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(5.2, 0.3 * len(names) + 1.0))
    y = np.arange(len(names))[::-1]
    ax.barh(y, values, color=[RED if v > 0 else BLUE for v in values], height=0.7)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, [short_name(n) for n in names], fontsize=8)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_png(fig, dpi=80)

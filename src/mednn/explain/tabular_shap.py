"""SHAP values of a table network and the two SHAP sections (global importance, per patient).

shap's ``DeepExplainer`` (DeepLIFT averaged over reference rows), or its model-agnostic
``KernelExplainer`` when DeepExplainer fails or its values do not add up to the output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .base import RECORD_REF_NOTE, ExplainContext, Section, figure, section, table
from .tabular_common import (BLUE, RED, aggregate_columns, agreement_text, explained_outputs, output_unit,
                             patient_caption, patient_output, rank_agreement, short_name)

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


def to_target_units(ctx: ExplainContext, result: ShapResult, rows: np.ndarray) -> bool:
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


def shap_sections(ctx, result: ShapResult, rows, n_patients, features, top_features, local_features,
                   n_reference, lime) -> tuple[list[Section], np.ndarray | None]:
    kind = ctx.task.kind
    output_names = explained_outputs(ctx)
    unit = output_unit(kind)
    if kind == "regression" and not to_target_units(ctx, result, rows):
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
            k = patient_output(ctx, i)
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
            caption = patient_caption(ctx, i, k)
            if lime is not None:
                caption += " · " + agreement_text(rank_agreement(contribution, lime["contributions"][j]))
            figures.append(figure(png, alt="feature contributions", caption=caption))
        local_intro = (
            f"Per-record SHAP contributions for {n_patients} test records, errors first, then the most "
            f"confident correct predictions. Each bar moves the output ({unit}) from the reference "
            "mean to the patient's value: red up, blue down. Explained: "
            + {"binary": "the positive class", "multiclass": "the predicted class",
               "multilabel": "the most probable label"}.get(kind, "the first target")
            + ". Column names only; the patients' values are not shown. " + RECORD_REF_NOTE
            + (" The bars are on the network's own scale, before calibration: the probability in each caption "
               "is the calibrated one, so the two need not match exactly." if kind != "regression" else "")
        )
        sections.append(section("Tables: per-patient contributions (SHAP)", caption=local_intro, method="shap",
                                figures=figures))
    return sections, local


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
    ax.set_yticks(y, [short_name(n) for n in names], fontsize=8)
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
        ax.barh(yi, abs(c), left=min(start, start + c), color=RED if c > 0 else BLUE, height=0.7)
        ax.text(max(start, start + c), yi, f" {c:+.2f}", va="center", fontsize=7)
        start += c
    for patch in ax.patches:  # a bar pins the axis to its base; the margin must show the reference line
        patch.sticky_edges.x[:] = []
    ax.axvline(base, color="#7f7f7f", lw=0.8, ls="--")
    ax.axvline(start, color="black", lw=0.8)
    ax.set_yticks(y, [short_name(n) for n in names], fontsize=8)
    ax.set_xlabel(f"{xlabel}\n(dashed: reference mean {base:.2f}; solid: this patient {start:.2f})", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.15)
    return figure_png(fig, dpi=80)  # one per patient: smaller images keep the report light

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

One module per method: :mod:`.tabular_shap`, :mod:`.tabular_lime`, :mod:`.tabular_surrogate`,
the weights in :mod:`.weights`; what they share in :mod:`.tabular_common`. This module runs the
chosen methods and keeps the public names importable from here. A new method: its module, its
name in :data:`METHODS`, and a step in :func:`tabular_sections`.
"""

from __future__ import annotations

import numpy as np

from ..errors import ConfigError
from .base import EXPLAINERS, ExplainContext, Section, section
from .tabular_common import (AGREEMENT_WARNING, EncodedFeature, aggregate_columns, encoded_features,  # noqa: F401
                             feature_matrix, rank_agreement)
from .tabular_lime import LIME_FIT_WARNING, lime_for_patients, lime_section, lime_weights  # noqa: F401
from .tabular_shap import ShapResult, shap_sections, shap_values  # noqa: F401
from .tabular_surrogate import (Surrogate, fit_surrogate, surrogate_is_informative, surrogate_rules,  # noqa: F401
                                surrogate_section)
from .weights import first_linear_weight, table_weights_section

METHODS = ("shap", "lime", "surrogate", "weights")
DEFAULT_METHODS = ("shap", "lime", "surrogate", "weights")


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
    x_all = feature_matrix(ctx.features)
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
        reference = x_all if ctx.background is None else feature_matrix(ctx.background)
        reference = reference[np.sort(rng.permutation(len(reference))[:background_size])]
    local_shap = None  # (columns, per-patient SHAP of the explained output) for the LIME agreement
    lime = None
    if "lime" in chosen and len(patients) and ctx.task.kind != "multilabel":
        with ctx.step("LIME") as lime_step:
            lime = lime_for_patients(ctx, x_all, reference, patients, features, lime_samples)
    if "shap" in chosen:
        with ctx.step("SHAP") as shap_step:
            result = shap_values(ctx.model, x_all[rows], reference, device=ctx.device, seed=ctx.seed)
        parts, local_shap = shap_sections(ctx, result, rows, len(patients), features, top_features,
                                          local_features, len(reference), lime)
        for part in parts:
            part["seconds"] = round(shap_step.seconds, 3)
        sections += parts
    if "lime" in chosen and len(patients):
        if lime is None:
            sections.append(section("Tables: per-patient contributions (LIME)", method="lime", notes=[
                "LIME is not run for multi-label tables (it explains one distribution over classes per row); "
                "see the SHAP contributions."]))
        else:
            sections.append(lime_section(ctx, lime, patients, local_features, lime_samples, local_shap,
                                         lime_step.seconds))
    if "surrogate" in chosen:
        with ctx.step("surrogate tree") as step:
            part = surrogate_section(ctx, x_all, features, tree_depth, surrogate_rows, rng)
        part["seconds"] = round(step.seconds, 3)
        sections.append(part)
    if "weights" in chosen:
        from ..models.ensemble import members_of

        with ctx.step("first-layer weights") as step:
            members = members_of(ctx.model)
            weight = first_linear_weight(members[0], d)
            part = table_weights_section(weight, features, len(members)) if weight is not None else None
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

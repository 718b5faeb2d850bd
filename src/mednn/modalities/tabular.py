"""Tables: one row per sample, columns of numbers and categories (CSV, TSV, Parquet, ARFF)."""

from __future__ import annotations

from .base import ModalitySpec, register_modality

TABULAR = register_modality(ModalitySpec(
    name="tabular",
    formats=("csv", "tsv", "parquet", "arff", "builtin"),
    featurizer="tabular",
    model="mlp",
    recipe="tabular",
    baselines=("linear", "lightgbm"),
    baseline_features="table_columns",
    explainers=("tabular",),
    explain_methods=("shap", "lime", "surrogate", "weights"),
    serve_input="records",
    record_reader="tabular",
    patient_from=True,
    shift_profile="tabular",
    split_checks=("label_leakage",),  # a feature that alone separates the label (mednn.data.label_leakage)
    ood_scorer="table_ranges",  # mednn.ood (issue 19)
))

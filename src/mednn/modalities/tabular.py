"""Tables: one row per sample, columns of numbers and categories (CSV, TSV, Parquet, ARFF)."""

from __future__ import annotations

from typing import Any

from .base import ModalitySpec, register_modality


def record_fields(data: Any, featurizer: Any) -> dict[str, Any]:
    """A served record is one row: the feature columns the run's featurizer was fitted on."""
    columns = getattr(featurizer, "columns_", None)
    return {"columns": list(columns) if columns is not None else None}


TABULAR = register_modality(ModalitySpec(
    name="tabular",
    formats=("csv", "tsv", "parquet", "arff", "builtin"),
    featurizer="tabular",
    model="mlp",
    baselines=("linear", "lightgbm"),
    baseline_features="table_columns",
    explainers=("tabular",),
    explain_methods=("shap", "lime", "surrogate", "weights"),
    serve_input="records",
    serve_fields=record_fields,
    statistics="tabular",
    ood_scorer="table_ranges",  # mednn.ood (issue 19)
))

"""Clinical text: one note (or several text columns joined) per sample."""

from __future__ import annotations

from typing import Any

from .base import ModalitySpec, register_modality


def text_fields(data: Any, featurizer: Any) -> dict[str, Any]:
    """A served record holds the run's text column(s)."""
    columns = data.text_columns if isinstance(data.text_columns, list) else [data.text_columns]
    return {"text_columns": [c for c in columns if c]}


TEXT = register_modality(ModalitySpec(
    name="text",
    formats=("text",),
    featurizer="tfidf",
    model="mlp",
    baselines=("linear",),
    baseline_features="tfidf",
    explainers=("text",),
    serve_input="records",
    serve_fields=text_fields,
    ood_scorer="embedding_knn",  # mednn.ood (issue 19)
))

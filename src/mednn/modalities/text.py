"""Clinical text: one note (or several text columns joined) per sample."""

from __future__ import annotations

from .base import ModalitySpec, register_modality

TEXT = register_modality(ModalitySpec(
    name="text",
    formats=("text",),
    featurizer="tfidf",
    model="mlp",
    recipe="text",
    baselines=("linear",),
    baseline_features="tfidf",
    explainers=("text",),
    deid="notes",
    serve_input="records",
    record_reader="text",
    duplicates="drop_conflicting",
    patient_from=True,
    shift_profile="text",
    ood_scorer="text_knn",  # mednn.ood.text: the embedding distance + the words themselves (issue 19)
))

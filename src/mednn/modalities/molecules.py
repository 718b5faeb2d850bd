"""Molecules: SMILES strings or SDF records, standardised with RDKit."""

from __future__ import annotations

from typing import Any

from .base import ModalitySpec, register_modality


def molecule_fields(data: Any, featurizer: Any) -> dict[str, Any]:
    """A served record holds a SMILES string in the run's SMILES column."""
    return {"smiles_column": getattr(data, "smiles_column", None) or "smiles"}


MOLECULES = register_modality(ModalitySpec(
    name="molecules",
    formats=("smiles", "sdf"),
    featurizer="ecfp",
    model="mlp",
    baselines=("random_forest",),
    baseline_features="ecfp",
    explainers=("molecules",),
    serve_input="records",
    serve_fields=molecule_fields,
    ood_scorer="embedding_knn",  # mednn.ood (issue 19)
))

"""Molecules: SMILES strings or SDF records, standardised with RDKit."""

from __future__ import annotations

from .base import ModalitySpec, register_modality

MOLECULES = register_modality(ModalitySpec(
    name="molecules",
    formats=("smiles", "sdf"),
    featurizer="ecfp",
    model="mlp",
    recipe="molecules",
    baselines=("random_forest",),
    baseline_features="ecfp",
    explainers=("molecules",),
    serve_input="records",
    record_reader="molecules",
    shift_profile="molecules",
    group_unit="scaffold",
    ood_scorer="molecule_domain",  # mednn.ood (issue 19): embedding + applicability domain
))

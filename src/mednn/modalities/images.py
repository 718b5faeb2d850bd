"""Images: 2D and 3D, grey or colour (PNG / JPEG / DICOM / NIfTI files, MedMNIST and IDX arrays)."""

from __future__ import annotations

from .base import ModalitySpec, register_modality

IMAGES = register_modality(ModalitySpec(
    name="images",
    formats=("idx", "medmnist", "image_folder", "image_csv"),
    featurizer="image",
    model="small_cnn",
    recipe="images",
    baselines=("linear",),
    baseline_features="pooled_pixels",
    split_checks=("images",),
    explainers=("images",),
    explain_methods=("gradcam", "integrated_gradients", "occlusion"),
    deid="dicom_files",
    serve_input="files",
    record_reader="image_files",
    shift_profile="images",
    ood_scorer="image_embedding",  # mednn.ood (issue 19)
))

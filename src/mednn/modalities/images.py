"""Images: 2D and 3D, grey or colour (PNG / JPEG / DICOM / NIfTI files, MedMNIST and IDX arrays)."""

from __future__ import annotations

from typing import Any

from .base import ModalitySpec, register_modality


def image_fields(data: Any, featurizer: Any) -> dict[str, Any]:
    """A served request uploads image files; they are resized to the training input shape."""
    return {"images": "multipart field 'files' or JSON {\"images\": [{\"name\", \"data\" (base64)}]}",
            "input_shape": list(featurizer.input_shape)}


IMAGES = register_modality(ModalitySpec(
    name="images",
    formats=("idx", "medmnist", "image_folder", "image_csv"),
    featurizer="image",
    model="small_cnn",
    baselines=("linear",),
    baseline_features="pooled_pixels",
    explainers=("images",),
    explain_methods=("gradcam", "integrated_gradients", "occlusion"),
    serve_input="files",
    serve_fields=image_fields,
    statistics="image",
    ood_scorer="embedding_knn",  # mednn.ood (issue 19)
))

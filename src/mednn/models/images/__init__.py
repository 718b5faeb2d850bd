"""Image networks, 2D or 3D from the input shape.

- :mod:`.networks`: :class:`ImageClassifier` (backbone -> head), the small fast CNN and MONAI's
  ResNets / DenseNet, trained from scratch or from a local weights file.
- :mod:`.pretrained`: backbones started from ImageNet weights that a pinned package ships
  (``pretrained_efficientnet_lite0``), checked against a sha256; nothing is downloaded.

Add a network by registering a builder with ``@MODELS.register("name")`` in one of these files
(or a new one imported here) that returns an :class:`ImageClassifier`.
"""

from . import pretrained  # noqa: F401  (registers the pretrained_* models)
from .networks import (
    ImageClassifier,
    build_densenet121,
    build_resnet18,
    build_resnet34,
    build_resnet50,
    build_small_cnn,
    load_weights_file,
)

__all__ = ["ImageClassifier", "build_small_cnn", "build_resnet18", "build_resnet34", "build_resnet50",
           "build_densenet121", "load_weights_file"]

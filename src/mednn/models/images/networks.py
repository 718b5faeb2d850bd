"""Image networks trained from scratch, 2D or 3D from the input shape: a small fast CNN and MONAI's
ResNets / DenseNet.

Every model here is an :class:`ImageClassifier`: a ``backbone`` that maps images to one
feature vector per sample, then a ``head`` (``"linear"``, or ``"mlp"``: the seed's MLP on the
pooled features). ``cam_layer`` names the last convolutional stage, whose feature maps
Grad-CAM uses. Pretrained weights come only from a local file (``weights``: safetensors, or
a torch state dict read with ``weights_only=True``); nothing is downloaded.
ImageNet-pretrained starts that a package ships are in :mod:`mednn.models.images.pretrained`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import torch
from torch import nn

from ...errors import ConfigError, ModelError, problem
from ..base import MODELS
from ..tabular import MLP


class ImageClassifier(nn.Module):
    """backbone (images -> (n, features)) -> dropout -> head (-> logits (n, n_outputs))."""

    def __init__(self, backbone: nn.Module, n_features: int, n_outputs: int, *, cam_layer: str,
                 head: str = "linear", head_hidden_sizes: tuple[int, ...] = (64,), dropout: float = 0.0):
        super().__init__()
        self.backbone = backbone
        self.dropout = nn.Dropout(dropout) if dropout > 0 else nn.Identity()
        if head == "linear":
            self.head: nn.Module = nn.Linear(n_features, n_outputs)
        else:
            self.head = MLP(n_features, n_outputs, hidden_sizes=tuple(head_hidden_sizes))
        self._cam_layer = cam_layer

    @property
    def cam_layer(self) -> nn.Module:
        """The module whose output feature maps Grad-CAM weighs (the last conv stage)."""
        return self.get_submodule(self._cam_layer)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.dropout(self.backbone(x)))


def _spatial_dims(input_shape: tuple[int, ...]) -> int:
    if len(input_shape) not in (3, 4):
        raise ModelError(problem("Image models need inputs of shape (C, H, W) or (C, D, H, W)",
                                 got=tuple(input_shape), fix="use the 'image' featurizer"))
    return len(input_shape) - 1


def _check_head(head: str, dropout: float) -> None:
    if head not in ("linear", "mlp"):
        raise ValueError(f"head must be 'linear' or 'mlp'; got {head!r}")
    if not 0 <= dropout < 1:
        raise ValueError(f"dropout must be in [0, 1); got {dropout}")


# ---------------------------------------------------------------------------------------------
# small_cnn


def _norm_layer(kind: str, spatial: int, channels: int) -> nn.Module:
    if kind == "batch":
        return (nn.BatchNorm2d if spatial == 2 else nn.BatchNorm3d)(channels)
    # group norm normalises each sample on its own: no statistics shared across a batch, which
    # DP-SGD's per-sample gradients require (and small batches prefer)
    return nn.GroupNorm(min(8, channels), channels)


def _conv_block(spatial: int, c_in: int, c_out: int, convs: int, pool: bool, norm: str = "batch") -> nn.Sequential:
    conv = nn.Conv2d if spatial == 2 else nn.Conv3d
    layers: list[nn.Module] = []
    for i in range(convs):
        layers += [conv(c_in if i == 0 else c_out, c_out, 3, padding=1, bias=False),
                   _norm_layer(norm, spatial, c_out), nn.ReLU()]
    if pool:
        layers.append(nn.MaxPool2d(2) if spatial == 2 else nn.MaxPool3d(2))
    return nn.Sequential(*layers)


@MODELS.register("small_cnn")
def build_small_cnn(
    *,
    task,
    input_shape: tuple[int, ...],
    channels: list[int] | None = None,
    convs_per_block: int | None = None,
    dropout: float = 0.0,
    head: Literal["linear", "mlp"] = "linear",
    head_hidden_sizes: list[int] | tuple[int, ...] = (64,),
    weights: str | None = None,
    norm: Literal["batch", "group"] = "batch",
) -> ImageClassifier:
    """A fast CNN: blocks of (3x3 conv, batch norm, ReLU) x convs_per_block + 2x max-pool,
    then global average pooling and the head. ``norm: group`` uses group norm instead (for
    DP-SGD, which refuses batch norm).

    Defaults: channels [32, 64, 128] and 2 convs per block in 2D; [16, 32, 64] and 1 in 3D
    (a 3D conv costs ~3x more per voxel and there are ~28x more voxels).

    >>> build_small_cnn(task=Task("binary", ("no", "yes")), input_shape=(1, 28, 28))  # doctest: +SKIP
    """
    spatial = _spatial_dims(input_shape)
    _check_head(head, dropout)
    channels = list(channels) if channels is not None else ([32, 64, 128] if spatial == 2 else [16, 32, 64])
    convs = int(convs_per_block) if convs_per_block is not None else (2 if spatial == 2 else 1)
    if norm not in ("batch", "group"):
        raise ValueError(f"norm must be 'batch' or 'group'; got {norm!r}")
    if not channels or min(channels) < 1 or convs < 1:
        raise ValueError(f"channels must be positive integers and convs_per_block >= 1; got {channels}, {convs}")
    blocks: list[nn.Module] = []
    side, c_in = min(input_shape[1:]), input_shape[0]
    for c_out in channels:
        # stop pooling once the feature maps are down to 2 voxels a side
        pool = side >= 4
        blocks.append(_conv_block(spatial, c_in, c_out, convs, pool, norm))
        side, c_in = (side // 2 if pool else side), c_out
    pool_layer = nn.AdaptiveAvgPool2d(1) if spatial == 2 else nn.AdaptiveAvgPool3d(1)
    backbone = nn.Sequential(nn.Sequential(*blocks), pool_layer, nn.Flatten(1))
    model = ImageClassifier(backbone, channels[-1], task.n_outputs, cam_layer="backbone.0",
                            head=head, head_hidden_sizes=tuple(head_hidden_sizes), dropout=dropout)
    return _maybe_load(model, weights)


# ---------------------------------------------------------------------------------------------
# MONAI ResNet / DenseNet


def _small(small_input: bool | None, input_shape: tuple[int, ...]) -> bool:
    # the ImageNet stem (7x7 stride-2 conv + max-pool) shrinks a 28-pixel image to 7 before
    # the first block; MedMNIST's ResNet (28) uses a 3x3 stride-1 stem without the pool
    return min(input_shape[1:]) < 64 if small_input is None else bool(small_input)


def _resnet(depth: int, task, input_shape, small_input, dropout, head, head_hidden_sizes, weights):
    from monai.networks.nets import resnet

    spatial = _spatial_dims(input_shape)
    _check_head(head, dropout)
    small = _small(small_input, input_shape)
    factory = {18: resnet.resnet18, 34: resnet.resnet34, 50: resnet.resnet50}[depth]
    net = factory(
        spatial_dims=spatial,
        n_input_channels=input_shape[0],
        conv1_t_size=3 if small else 7,
        conv1_t_stride=1 if small else 2,
        no_max_pool=small,
        feed_forward=False,  # no fc: the backbone returns pooled features; our head follows
        shortcut_type="B",
        act=("relu", {"inplace": False}),  # in-place ReLUs break attribution hooks
    )
    n_features = 512 * (4 if depth == 50 else 1)
    model = ImageClassifier(net, n_features, task.n_outputs, cam_layer="backbone.layer4",
                            head=head, head_hidden_sizes=tuple(head_hidden_sizes), dropout=dropout)
    return _maybe_load(model, weights)


@MODELS.register("resnet18")
def build_resnet18(*, task, input_shape: tuple[int, ...], small_input: bool | None = None,
                   dropout: float = 0.0, head: Literal["linear", "mlp"] = "linear",
                   head_hidden_sizes: list[int] | tuple[int, ...] = (64,),
                   weights: str | None = None) -> ImageClassifier:
    """MONAI's ResNet-18 in 2D or 3D. ``small_input`` (default: when the smallest side is under
    64) swaps the stem for a 3x3 stride-1 conv without max-pool, as MedMNIST's ResNet-18 (28)."""
    return _resnet(18, task, input_shape, small_input, dropout, head, head_hidden_sizes, weights)


@MODELS.register("resnet34")
def build_resnet34(*, task, input_shape: tuple[int, ...], small_input: bool | None = None,
                   dropout: float = 0.0, head: Literal["linear", "mlp"] = "linear",
                   head_hidden_sizes: list[int] | tuple[int, ...] = (64,),
                   weights: str | None = None) -> ImageClassifier:
    """MONAI's ResNet-34 in 2D or 3D (``small_input`` as for resnet18)."""
    return _resnet(34, task, input_shape, small_input, dropout, head, head_hidden_sizes, weights)


@MODELS.register("resnet50")
def build_resnet50(*, task, input_shape: tuple[int, ...], small_input: bool | None = None,
                   dropout: float = 0.0, head: Literal["linear", "mlp"] = "linear",
                   head_hidden_sizes: list[int] | tuple[int, ...] = (64,),
                   weights: str | None = None) -> ImageClassifier:
    """MONAI's ResNet-50 (bottleneck blocks) in 2D or 3D (``small_input`` as for resnet18)."""
    return _resnet(50, task, input_shape, small_input, dropout, head, head_hidden_sizes, weights)


@MODELS.register("densenet121")
def build_densenet121(*, task, input_shape: tuple[int, ...], small_input: bool | None = None,
                      dropout: float = 0.0, head: Literal["linear", "mlp"] = "linear",
                      head_hidden_sizes: list[int] | tuple[int, ...] = (64,),
                      weights: str | None = None) -> ImageClassifier:
    """MONAI's DenseNet-121 in 2D or 3D. ``small_input``: a 3x3 stride-1 stem without max-pool
    (needed below 64 pixels: three transitions halve the maps after the stem's 4x reduction)."""
    from monai.networks.nets import DenseNet121

    spatial = _spatial_dims(input_shape)
    _check_head(head, dropout)
    net = DenseNet121(spatial_dims=spatial, in_channels=input_shape[0], out_channels=1,
                      act=("relu", {"inplace": False}))
    if _small(small_input, input_shape):
        conv = nn.Conv2d if spatial == 2 else nn.Conv3d
        old = net.features.conv0
        net.features.conv0 = conv(old.in_channels, old.out_channels, 3, stride=1, padding=1, bias=False)
        nn.init.kaiming_normal_(net.features.conv0.weight)
        net.features.pool0 = nn.Identity()
    n_features = net.class_layers.out.in_features
    net.class_layers.out = nn.Identity()
    model = ImageClassifier(net, n_features, task.n_outputs, cam_layer="backbone.features",
                            head=head, head_hidden_sizes=tuple(head_hidden_sizes), dropout=dropout)
    return _maybe_load(model, weights)


# ---------------------------------------------------------------------------------------------
# pretrained weights (local files only)


def load_weights_file(path: str | Path) -> dict[str, torch.Tensor]:
    """Tensors of a ``.safetensors`` file or a torch state dict (``weights_only=True``: no code runs)."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(problem(f"Weights file {path} does not exist", fix="set model.weights to a local file"))
    try:
        if path.suffix == ".safetensors":
            from safetensors.torch import load_file

            state = load_file(str(path))
        else:
            state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # any unreadable file is the user's to fix; say which
        raise ModelError(problem(f"Cannot read weights file {path} ({type(exc).__name__})",
                                 expected="a .safetensors file or a torch state dict of tensors")) from None
    for key in ("state_dict", "model", "model_state_dict"):
        if isinstance(state, dict) and isinstance(state.get(key), dict):
            state = state[key]
    if not isinstance(state, dict):
        raise ModelError(problem(f"Weights file {path} does not hold a state dict", got=type(state).__name__))
    return {k: v for k, v in state.items() if isinstance(v, torch.Tensor)}


def _maybe_load(model: ImageClassifier, weights: str | None) -> ImageClassifier:
    """Load matching tensors into the model: whole-model keys, or backbone keys (a MONAI net's).

    Tensors whose shape differs (a head for other classes) are left at their initial values;
    a file that matches no backbone tensor is an error rather than a silently untrained model.
    """
    if weights is None:
        return model
    state = load_weights_file(weights)
    state = {k.removeprefix("module."): v for k, v in state.items()}
    own = model.state_dict()
    if not any(k.startswith("backbone.") for k in state):
        state = {f"backbone.{k}": v for k, v in state.items()}
    matched = {k: v for k, v in state.items() if k in own and own[k].shape == v.shape}
    backbone_keys = [k for k in own if k.startswith("backbone.")]
    if not any(k.startswith("backbone.") for k in matched):
        raise ModelError(problem(f"Weights file {weights} matches none of the model's backbone tensors",
                                 fix="use weights saved from the same architecture and input channels"))
    missing = len([k for k in backbone_keys if k not in matched])
    if missing > len(backbone_keys) // 2:
        raise ModelError(problem(f"Weights file {weights} covers only {len(backbone_keys) - missing} of "
                                 f"{len(backbone_keys)} backbone tensors",
                                 fix="check the architecture, small_input and the number of channels"))
    model.load_state_dict(matched, strict=False)
    return model

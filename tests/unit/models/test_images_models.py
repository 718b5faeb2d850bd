"""Image models: phantoms learnt by small_cnn (2D and 3D), stems, local pretrained weights."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from mednn.data.base import Task
from mednn.errors import ConfigError, ModelError
from mednn.models import build_model, load_model_modules

load_model_modules()
BINARY = Task("binary", ("disc", "square"))


def phantoms(n: int, side: int, dims: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Discs (spheres) vs squares (cubes) of random size and position, with noise."""
    rng = np.random.default_rng(seed)
    grids = np.meshgrid(*[np.arange(side)] * dims, indexing="ij")
    x = np.zeros((n, 1, *[side] * dims), np.float32)
    y = rng.integers(0, 2, n)
    for i in range(n):
        radius = rng.uniform(side * 0.15, side * 0.3)
        centre = rng.uniform(radius + 1, side - radius - 1, dims)
        offsets = [g - c for g, c in zip(grids, centre)]
        if y[i] == 0:
            inside = sum(o ** 2 for o in offsets) <= radius ** 2
        else:
            inside = np.max(np.abs(np.stack(offsets)), axis=0) <= radius * 0.85
        x[i, 0] = inside + rng.normal(0, 0.2, inside.shape)
    return torch.from_numpy(x), torch.from_numpy(y).float()


def fit_and_score(model, x, y, epochs, lr=3e-3) -> float:
    torch.manual_seed(0)
    n_train = int(len(x) * 0.75)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    gen = torch.Generator().manual_seed(0)
    for _ in range(epochs):
        model.train()
        for idx in torch.randperm(n_train, generator=gen).split(32):
            loss = torch.nn.functional.binary_cross_entropy_with_logits(model(x[idx])[:, 0], y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        predicted = (model(x[n_train:])[:, 0] > 0).float()
    return float((predicted == y[n_train:]).float().mean())


def test_small_cnn_learns_2d_phantoms():
    torch.manual_seed(0)
    x, y = phantoms(320, 24, 2, seed=0)
    model = build_model("small_cnn", task=BINARY, input_shape=(1, 24, 24), channels=[8, 16, 32])
    assert fit_and_score(model, x, y, epochs=12) >= 0.9


def test_small_cnn_learns_3d_phantoms():
    torch.manual_seed(0)
    x, y = phantoms(240, 14, 3, seed=1)
    model = build_model("small_cnn", task=BINARY, input_shape=(1, 14, 14, 14), channels=[8, 16])
    assert fit_and_score(model, x, y, epochs=12) >= 0.85


def test_small_cnn_default_sizes_and_validation():
    two_d = build_model("small_cnn", task=BINARY, input_shape=(1, 28, 28))
    convs = [m for m in two_d.modules() if isinstance(m, torch.nn.Conv2d)]
    assert [c.out_channels for c in convs] == [32, 32, 64, 64, 128, 128]
    three_d = build_model("small_cnn", task=BINARY, input_shape=(1, 28, 28, 28))
    assert [m.out_channels for m in three_d.modules() if isinstance(m, torch.nn.Conv3d)] == [16, 32, 64]
    with pytest.raises(ConfigError, match="head"):
        build_model("small_cnn", task=BINARY, input_shape=(1, 28, 28), head="transformer")
    with pytest.raises(ConfigError, match="model.depth"):
        build_model("small_cnn", task=BINARY, input_shape=(1, 28, 28), depth=3)
    with pytest.raises(ModelError, match="input"):
        build_model("small_cnn", task=BINARY, input_shape=(784,))


def test_resnet_stem_small_input_auto_and_explicit():
    small = build_model("resnet18", task=BINARY, input_shape=(1, 28, 28))
    conv1 = small.backbone.conv1
    assert conv1.kernel_size == (3, 3) and conv1.stride == (1, 1) and small.backbone.no_max_pool
    large = build_model("resnet18", task=BINARY, input_shape=(1, 64, 64))
    assert large.backbone.conv1.kernel_size == (7, 7) and large.backbone.conv1.stride == (2, 2)
    forced = build_model("resnet18", task=BINARY, input_shape=(1, 64, 64), small_input=True)
    assert forced.backbone.conv1.stride == (1, 1)


def test_pretrained_weights_from_safetensors_and_torch_file(tmp_path):
    from safetensors.torch import save_file

    torch.manual_seed(0)
    source = build_model("small_cnn", task=BINARY, input_shape=(1, 16, 16), channels=[4, 8])
    save_file(source.state_dict(), tmp_path / "w.safetensors")
    torch.save({"state_dict": source.state_dict()}, tmp_path / "w.pt")
    x = torch.randn(3, 1, 16, 16)
    source.eval()
    for name in ("w.safetensors", "w.pt"):
        torch.manual_seed(1)
        loaded = build_model("small_cnn", task=BINARY, input_shape=(1, 16, 16), channels=[4, 8],
                             weights=str(tmp_path / name)).eval()
        torch.testing.assert_close(loaded(x), source(x))
    # a backbone for another number of classes: the backbone loads, the head stays fresh
    three = Task("multiclass", ("a", "b", "c"))
    other = build_model("small_cnn", task=three, input_shape=(1, 16, 16), channels=[4, 8],
                        weights=str(tmp_path / "w.safetensors"))
    torch.testing.assert_close(other.backbone.state_dict(), source.backbone.state_dict())


def test_pretrained_weights_errors(tmp_path):
    from safetensors.torch import save_file

    with pytest.raises(ConfigError, match="does not exist"):
        build_model("small_cnn", task=BINARY, input_shape=(1, 16, 16), weights=str(tmp_path / "none.pt"))
    (tmp_path / "junk.pt").write_bytes(b"not a torch file")
    with pytest.raises(ModelError, match="junk.pt"):
        build_model("small_cnn", task=BINARY, input_shape=(1, 16, 16), weights=str(tmp_path / "junk.pt"))
    save_file({"foo": torch.zeros(3)}, tmp_path / "other.safetensors")
    with pytest.raises(ModelError, match="matches none"):
        build_model("small_cnn", task=BINARY, input_shape=(1, 16, 16), weights=str(tmp_path / "other.safetensors"))

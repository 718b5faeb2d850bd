"""Every registered image model, 2D and 3D: forward shape, no NaN, every parameter gets a gradient."""

from __future__ import annotations

import pytest
import torch

from mednn.data.base import Task
from mednn.models import MODELS, build_model, load_model_modules

load_model_modules()
IMAGE_MODELS = [n for n in MODELS.names() if MODELS.get(n).__module__.startswith("mednn.models.images")]
TASKS = {"binary": Task("binary", ("no", "yes")), "multiclass": Task("multiclass", ("a", "b", "c"))}


def test_the_image_models_are_registered():
    assert {"small_cnn", "resnet18", "resnet34", "resnet50", "densenet121",
            "pretrained_efficientnet_lite0"} <= set(IMAGE_MODELS)


@pytest.mark.parametrize("shape", [(1, 32, 32), (1, 16, 16, 16)], ids=["2d", "3d"])
@pytest.mark.parametrize("name", IMAGE_MODELS)
def test_forward_backward_contract(name, shape):
    if len(shape) - 1 not in getattr(MODELS.get(name), "spatial_dims", (2, 3)):
        pytest.skip(f"{name} is built for {MODELS.get(name).spatial_dims}D images only")
    torch.manual_seed(0)
    task = TASKS["multiclass"] if len(shape) == 3 else TASKS["binary"]
    model = build_model(name, task=task, input_shape=shape)
    x = torch.randn(2, *shape)
    out = model(x)
    assert out.shape == (2, task.n_outputs)
    assert torch.isfinite(out).all()
    out.square().sum().backward()
    missing = [n for n, p in model.named_parameters() if p.requires_grad and p.grad is None]
    assert not missing, f"{name} parameters without a gradient: {missing[:3]}"
    assert all(torch.isfinite(p.grad).all() for p in model.parameters())
    model.eval()
    with torch.no_grad():
        assert model(x[:1]).shape == (1, task.n_outputs)
    assert isinstance(model.cam_layer, torch.nn.Module)


@pytest.mark.parametrize("name", ["small_cnn", "resnet18"])  # the head code is shared by all
def test_mlp_head_and_rgb_input(name):
    model = build_model(name, task=TASKS["multiclass"], input_shape=(3, 28, 28), head="mlp",
                        head_hidden_sizes=[16], dropout=0.1)
    assert model(torch.randn(2, 3, 28, 28)).shape == (2, 3)

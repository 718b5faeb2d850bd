"""Image explanations: attributions checked on models with known answers, then the section."""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest
import torch
from torch import nn

from mednn.config import ExplainConfig
from mednn.data.base import Dataset, Task
from mednn.errors import ConfigError
from mednn.explain.base import ExplainContext, explain
from mednn.explain.images import attribute, last_conv_layer
from mednn.featurizers.images import ImageFeaturizer
from mednn.models import build_model, load_model_modules

load_model_modules()


def context(model, shape=(1, 8, 8), n=6, task=None, methods=(), seed=0):
    rng = np.random.default_rng(seed)
    task = task or Task("binary", ("no", "yes"))
    ds = Dataset(inputs=rng.integers(0, 256, (n, *shape), dtype=np.uint8), targets=np.arange(n) % 2,
                 task=task, ids=np.array([f"s{i}" for i in range(n)]), modality="images")
    featurizer = ImageFeaturizer().fit(ds)
    features = featurizer.transform(ds)
    with torch.no_grad():
        logits = model.eval()(features.all())
    if task.kind == "binary":
        prob = torch.sigmoid(logits[:, 0]).numpy()
        predicted = (prob >= 0.5).astype(int)
    else:
        prob = torch.softmax(logits, 1).numpy()
        predicted = prob.argmax(1)
    return ExplainContext(model=model, featurizer=featurizer, dataset=ds, features=features,
                          probabilities=prob, predicted=predicted, task=task,
                          config=ExplainConfig(n_samples=4, methods=list(methods)))


def test_integrated_gradients_of_a_linear_model_is_weight_times_difference():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(16, 1))
    ctx = context(model, shape=(1, 4, 4))
    x = ctx.features.batch(np.arange(3))
    got = attribute(model, x, [1, 1, 1], "integrated_gradients", ctx)  # binary: 1 = the positive class
    black = -ctx.featurizer.mean_[0] / ctx.featurizer.std_[0]
    expected = (x.numpy() - black) * model[1].weight.detach().numpy().reshape(1, 1, 4, 4)
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5)


def test_gradcam_of_an_identity_conv_follows_the_activation():
    # conv = identity, ReLU, global mean, positive linear: the class gradient is the same at
    # every position, so Grad-CAM is proportional to ReLU(x)
    conv = nn.Conv2d(1, 1, 1, bias=False)
    nn.init.ones_(conv.weight)
    head = nn.Linear(1, 1)
    nn.init.ones_(head.weight)
    model = nn.Sequential(conv, nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), head)
    assert last_conv_layer(model) is conv
    ctx = context(model, shape=(1, 6, 6))
    x = ctx.features.batch(np.arange(2))
    cam = attribute(model, x, [1, 1], "gradcam", ctx)
    relu = np.clip(x.numpy(), 0, None)
    for i in range(2):
        assert np.corrcoef(cam[i].ravel(), relu[i].ravel())[0, 1] > 0.999


def test_occlusion_of_a_linear_model_sums_the_window_without_overlap():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(8 * 8 * 8, 1))
    ctx = context(model, shape=(1, 8, 8, 8))  # 3D: window 2, stride 2 (no overlap)
    x = ctx.features.batch(np.arange(1))
    got = attribute(model, x, [1], "occlusion", ctx)
    black = -ctx.featurizer.mean_[0] / ctx.featurizer.std_[0]
    contribution = ((x.numpy() - black) * model[1].weight.detach().numpy().reshape(1, 1, 8, 8, 8))[0, 0]
    blocks = contribution.reshape(4, 2, 4, 2, 4, 2).sum(axis=(1, 3, 5))
    np.testing.assert_allclose(got[0, 0, ::2, ::2, ::2], blocks, rtol=1e-4, atol=1e-5)


def png_of(section) -> np.ndarray:
    from PIL import Image

    data = section["figures"][0]["png"]
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(data))))


@pytest.mark.parametrize("shape", [(1, 12, 12), (1, 8, 8, 8)], ids=["2d", "3d"])
def test_section_for_small_cnn_2d_and_3d(shape):
    torch.manual_seed(0)
    task = Task("multiclass", ("a", "b", "c"))
    model = build_model("small_cnn", task=task, input_shape=shape, channels=[4, 8])
    sections = explain(context(model, shape=shape, task=task), "images")
    assert len(sections) == 1 and sections[0]["title"] == "Image attributions"
    assert "Grad-CAM" in sections[0]["caption"] and "html" not in sections[0]
    assert sections[0]["seconds"] >= 0 and sections[0]["method"] == "gradcam,integrated_gradients,occlusion"
    image = png_of(sections[0])
    assert image.ndim == 3 and image.shape[0] > 100


def test_mlp_on_images_skips_gradcam_but_explains():
    model = build_model("mlp", task=Task("binary", ("no", "yes")), input_shape=(1, 8, 8), hidden_sizes=[5])
    sections = explain(context(model), "images")
    assert "Grad-CAM is skipped: the network has no convolutional layer." in sections[0]["notes"]
    png_of(sections[0])


def test_methods_from_config():
    model = build_model("small_cnn", task=Task("binary", ("no", "yes")), input_shape=(1, 8, 8), channels=[4])
    sections = explain(context(model, methods=["occlusion"]), "images")
    assert sections[0]["method"] == "occlusion" and sections[0]["figures"][0]["alt"] == "attribution maps"
    with pytest.raises(ConfigError, match="explain.methods"):
        explain(context(model, methods=["lrp"]), "images")


def test_a_method_without_a_map_is_named_and_progress_is_logged():
    # a conv whose large negative bias keeps every ReLU off: Grad-CAM finds no evidence and
    # returns an empty map, which the grid would show as a bare image; the section must say so
    conv = nn.Conv2d(1, 2, 3, padding=1)
    nn.init.constant_(conv.bias, -1000.0)
    head = nn.Linear(2, 1)
    model = nn.Sequential(conv, nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), head)
    ctx = context(model, shape=(1, 6, 6), methods=["gradcam", "occlusion"])
    lines = []
    ctx.log = lines.append
    section = explain(ctx, "images")[0]
    assert any(n.startswith("Grad-CAM produced no map for 4 of 4 images") for n in section["notes"])
    assert lines[0] == "explain: Grad-CAM on 4 test images …"
    assert lines[1].startswith("explain: Grad-CAM on 4 test images done in")
    assert [k.split(" on ")[0] for k in ctx.timings] == ["Grad-CAM", "Occlusion"]


def test_binary_maps_explain_the_predicted_class():
    # one logit z: a negative prediction is explained through -z, so its evidence shows too
    torch.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(16, 1))
    ctx = context(model, shape=(1, 4, 4))
    x = ctx.features.batch(np.arange(2))
    positive = attribute(model, x, [1, 1], "integrated_gradients", ctx)
    negative = attribute(model, x, [0, 0], "integrated_gradients", ctx)
    np.testing.assert_allclose(negative, -positive, rtol=1e-5, atol=1e-6)


def test_3d_gradcam_gives_a_map_for_every_volume_and_the_caption_matches_the_grid():
    from mednn.explain.images import _blank_rows, _targets, grid_columns

    torch.manual_seed(3)
    task = Task("binary", ("no", "yes"))
    model = build_model("small_cnn", task=task, input_shape=(1, 16, 16, 16), channels=[4, 8, 8])
    with torch.no_grad():  # every pooled feature lowers the positive logit: a "no finding" model
        model.head.weight.copy_(-model.head.weight.abs())
    ctx = context(model, shape=(1, 16, 16, 16), n=8, task=task, seed=4)
    ctx.config = ExplainConfig(n_samples=8)
    index = ctx.sample_indices()
    x = ctx.features.batch(index)
    # what the report showed before: the positive logit at the last stage only
    old = attribute(model, x, [1] * len(index), "gradcam", ctx)
    assert _blank_rows(old, "gradcam").sum() == len(index)  # nothing to show for "yes"
    section = explain(ctx, "images")[0]
    notes = section.get("notes", [])
    assert not [n for n in notes if n.startswith("Grad-CAM produced no map")], notes
    new = attribute(model, x, _targets(ctx, index), "gradcam", ctx)
    assert _blank_rows(new, "gradcam").sum() <= _blank_rows(old, "gradcam").sum()
    columns = grid_columns(["gradcam", "integrated_gradients", "occlusion"], volumetric=True)
    caption = section["figures"][0]["caption"]
    assert f"{len(columns)} columns" in caption and len(columns) == 5
    assert all(title in caption for title, _, _ in columns)


class CountingLinear(nn.Module):
    """A linear score that counts the rows it is asked to score (one row: one forward pass)."""

    def __init__(self, size):
        super().__init__()
        self.linear = nn.Linear(size, 1)
        self.rows = 0

    def forward(self, x):
        self.rows += len(x)
        return self.linear(x.flatten(1))


@pytest.mark.parametrize("shape", [(1, 25, 41, 33), (1, 16, 48, 48)], ids=["trial16", "slab"])
def test_occlusion_of_a_volume_costs_no_more_than_a_2d_image_of_its_pixel_count(shape):
    # trial 16: window 3 / stride 3 on 25x41x33 gave 1,144 windows a volume, 9 times training's
    # forward passes; a square 2D image at the default window needs at most 15 x 15 = 225
    from mednn.explain.images import OCCLUSION_WINDOWS, occlusion_window

    torch.manual_seed(0)
    model = CountingLinear(int(np.prod(shape)))
    ctx = context(model, shape=shape, n=2, methods=["occlusion"])
    model.rows = 0
    lines = []
    ctx.log = lines.append
    section = explain(ctx, "images")[0]
    assert model.rows <= 2 * (OCCLUSION_WINDOWS + 1)
    window, stride, windows = occlusion_window(shape[1:])
    assert windows <= OCCLUSION_WINDOWS and stride == window
    assert f"window {window}" in lines[0] and f"{windows} windows" in lines[0]
    assert any(f"Occlusion: window {window} voxels" in n for n in section["notes"])


def test_occlusion_window_of_a_2d_image_keeps_its_half_overlap():
    from mednn.explain.images import occlusion_window

    assert occlusion_window((28, 28)) == (4, 2, 169)
    assert occlusion_window((64, 64)) == (9, 4, 225)

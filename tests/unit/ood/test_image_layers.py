"""The image scorer's layer ensemble (issue 19 item 4, round 4): the pooled output of each
feature-map stage is read from every registered image model without code per model, a texture no
training image had is flagged by the ``early_layers`` component where the embedding and the
intensity statistics miss it, in-distribution images are not, and the state round-trips."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from torch import nn

from mednn.data.base import Task
from mednn.errors import ModelError
from mednn.featurizers.images import ImageBatches
from mednn.models import build_model, load_model_modules
from mednn.models.ensemble import Ensemble
from mednn.ood.base import OODInputs
from mednn.ood.embedding import final_layer_inputs
from mednn.ood.image_layers import LayerGaussians, StageFeatures
from mednn.ood.images import ImageEmbeddingScorer
from mednn.ood.run import scorer_from_state

load_model_modules()
TASK = Task("binary", ("no", "yes"))


def _run(network, x):
    network.eval()
    with torch.no_grad():
        return network(x).numpy()


def _stages(model, x):
    stages = StageFeatures()
    embedding = final_layer_inputs(model, stages.wrap(lambda net: _run(net, x)))
    return embedding, stages.features()


@pytest.mark.parametrize("name,shape,hparams", [
    ("small_cnn", (1, 16, 16), {}), ("small_cnn", (1, 8, 8, 8), {}), ("resnet18", (1, 28, 28), {}),
    ("resnet18", (1, 16, 16, 16), {}), ("resnet50", (1, 28, 28), {}), ("densenet121", (1, 32, 32), {}),
    ("pretrained_efficientnet_lite0", (1, 32, 32), {"weights": None})],
    ids=["small_cnn-2d", "small_cnn-3d", "resnet18-2d", "resnet18-3d", "resnet50", "densenet121", "efficientnet"])
def test_every_image_model_gives_its_stages_highest_resolution_first(name, shape, hparams):
    torch.manual_seed(0)
    model = build_model(name, task=TASK, input_shape=shape, **hparams)
    embedding, stages = _stages(model, torch.rand(5, *shape))
    assert len(stages) >= 2 and all(s.shape[0] == 5 and s.shape[1] >= 1 and np.isfinite(s).all() for s in stages)
    assert embedding.shape[0] == 5


def test_a_stage_is_its_last_layers_output_averaged_over_space_and_an_ensemble_sets_members_side_by_side():
    torch.manual_seed(0)
    model = build_model("small_cnn", task=TASK, input_shape=(1, 16, 16), channels=[4, 8])
    x = torch.rand(6, 1, 16, 16)
    _, stages = _stages(model, x)
    block = model.backbone[0][0]  # conv, norm, ReLU, conv, norm, ReLU, max-pool
    with torch.no_grad():
        expected = block[:-1](x).mean(dim=(2, 3)).numpy()  # the ReLU's output before the pool: 16 x 16
    assert [s.shape[1] for s in stages] == [4, 8, 8] and np.allclose(stages[0], expected, atol=1e-6)
    pair = Ensemble([model, build_model("small_cnn", task=TASK, input_shape=(1, 16, 16), channels=[4, 8])], "binary")
    _, both = _stages(pair, x)
    assert [s.shape[1] for s in both] == [8, 16, 16] and np.allclose(both[0][:, :4], stages[0])


def _edges_network():
    """A first stage of oriented edge filters (Sobel x and y, both signs), as a trained network's first
    layer has: it tells horizontal stripes from isotropic texture."""
    sobel = torch.tensor([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    conv = nn.Conv2d(1, 4, 3, padding=1, bias=False)
    with torch.no_grad():
        conv.weight[:] = torch.stack([sobel, -sobel, sobel.T, -sobel.T])[:, None]
    torch.manual_seed(0)
    return nn.Sequential(conv, nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 8, 3, padding=1), nn.ReLU(),
                         nn.MaxPool2d(2), nn.AdaptiveAvgPool2d(1), nn.Flatten(1), nn.Linear(8, 1))


def _texture(rng, n, sigma):
    """Smoothed noise (uint8) at a scan's brightness and contrast; ``sigma`` per axis (0 along an
    axis: constant along it, i.e. stripes)."""
    from scipy.ndimage import gaussian_filter

    field = rng.normal(size=(n, 16, 16 if sigma[1] else 1))
    field = gaussian_filter(field, sigma=(0, sigma[0], sigma[1])) * np.ones((1, 1, 16 if not sigma[1] else 1))
    field /= field.reshape(n, -1).std(axis=1)[:, None, None]
    brightness, contrast = rng.uniform(0.25, 0.42, (n, 1, 1)), rng.uniform(0.08, 0.15, (n, 1, 1))
    return (np.clip(brightness + contrast * field, 0, 1) * 255).astype(np.uint8)


def _inputs(rng, network, images):
    """The records' stages through ``network`` and an embedding drawn from the training embeddings'
    distribution whatever the image (a network whose head has forgotten the texture)."""
    batches = ImageBatches(torch.from_numpy(np.ascontiguousarray(images[:, None])), [0.5], [0.5], 255.0)
    _, stages = _stages(network, batches.batch(np.arange(len(images))))
    return OODInputs(embedding=rng.normal(size=(len(images), 6)), layers=stages, images=batches)


def test_a_foreign_texture_is_flagged_by_the_early_layers_and_in_distribution_images_are_not():
    rng, network = np.random.default_rng(0), _edges_network()
    train, val = (_inputs(rng, network, _texture(rng, n, (1.5, 1.5))) for n in (400, 300))
    stripes = _inputs(rng, network, _texture(rng, 200, (0.8, 0)))
    familiar = _inputs(rng, network, _texture(rng, 2000, (1.5, 1.5)))
    layered = ImageEmbeddingScorer(intensity=False).fit(train, val)
    plain = ImageEmbeddingScorer(intensity=False, layers=0).fit(train, val)
    assert layered.components == ("mahalanobis", "early_layers") and layered.needs == ("embedding", "layers")
    assert layered.predict(stripes).mean() >= 0.95 and plain.predict(stripes).mean() <= 0.15
    assert (layered.component_scores(stripes)["early_layers"] > 1).mean() >= 0.95
    rate = layered.predict(familiar).mean()
    assert rate <= 0.05 + 3 * np.sqrt(0.05 * 0.95 / 2000), rate


def test_the_state_round_trips_keeps_no_training_features_and_an_older_run_scores_as_before(tmp_path):
    from safetensors.numpy import load_file, save_file

    from mednn.runs import join_arrays, split_arrays

    rng, network = np.random.default_rng(1), _edges_network()
    train, val = (_inputs(rng, network, _texture(rng, n, (1.5, 1.5))) for n in (300, 100))
    scorer = ImageEmbeddingScorer(fpr=0.1).fit(train, val)
    json_state, arrays = split_arrays(scorer.state_dict())
    assert not {k for k, v in arrays.items() if v.ndim and v.shape[0] == 300}  # a mean and a matrix per stage
    save_file(arrays, str(tmp_path / "ood.safetensors"))
    stored = load_file(str(tmp_path / "ood.safetensors"))
    loaded = scorer_from_state(join_arrays(json.loads(json.dumps(json_state)), stored))
    new = _inputs(rng, network, _texture(rng, 20, (0.8, 0)))
    assert np.allclose(loaded.score(new), scorer.score(new))
    older = ImageEmbeddingScorer(fpr=0.1, layers=0).fit(train, val).state_dict()
    del older["params"]["layers"]  # saved before the layer ensemble existed
    assert scorer_from_state(older).components == ("mahalanobis", "intensity_out_of_range")
    broken = scorer.state_dict()
    broken["learnt"]["layer_precisions_"] = np.zeros(3)
    with pytest.raises(ModelError, match="not valid"):
        scorer_from_state(broken)


def test_missing_or_mismatched_stages_and_bad_settings_are_one_clear_error():
    from mednn.errors import ConfigError

    rng, network = np.random.default_rng(2), _edges_network()
    train, val = (_inputs(rng, network, _texture(rng, n, (1.5, 1.5))) for n in (100, 60))
    scorer = ImageEmbeddingScorer().fit(train, val)
    with pytest.raises(ModelError, match="stages"):
        scorer.score(OODInputs(embedding=val.embedding, images=val.images))
    with pytest.raises(ModelError, match="channels"):
        scorer.score(OODInputs(embedding=val.embedding, images=val.images, layers=[s[:, :2] for s in val.layers]))
    for bad in (-1, 9, True, 1.5):
        with pytest.raises(ConfigError, match="layers"):
            ImageEmbeddingScorer(layers=bad).fit(train, val)
    with pytest.raises(ValueError):
        LayerGaussians(np.array([2]), np.zeros(2), np.zeros(3), np.ones(1))


def test_a_network_without_feature_maps_scores_with_its_embedding_alone():
    """The seed's MLP on flattened images has no stage: early_layers is 0 for every record."""
    rng = np.random.default_rng(3)
    torch.manual_seed(0)
    mlp = build_model("mlp", task=TASK, input_shape=(64,), hidden_sizes=[8])

    def inputs(n):
        x = torch.rand(n, 64)
        embedding, stages = _stages(mlp, x)
        return OODInputs(embedding=embedding, layers=stages, images=ImageBatches(
            torch.from_numpy(rng.integers(0, 256, (n, 1, 8, 8)).astype(np.uint8)), [0.5], [0.5], 255.0))

    scorer = ImageEmbeddingScorer().fit(inputs(80), inputs(60))
    new = inputs(40)
    assert scorer.score(new).shape == (40,) and (scorer.component_scores(new)["early_layers"] == 0).all()


"""The image scorer (``image_embedding``, issue 19 item 4) on generated images: the intensity statistics
of 2D and 3D images, degenerate inputs (blank, constant, noise, inverted) flagged even where their
embedding lies among the training embeddings, in-distribution images flagged at the target rate,
and the state round trip through safetensors. These read the embedding and the intensity
statistics (``layers=0``); the layer ensemble's tests are in test_image_layers.py."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from mednn.errors import ModelError
from mednn.featurizers.images import ImageBatches
from mednn.ood.base import OODInputs
from mednn.ood.embedding import EmbeddingKNNScorer
from mednn.ood.images import STATISTICS, ImageEmbeddingScorer, intensity_statistics
from mednn.ood.run import build_scorer, scorer_from_state


def _smooth(rng, n, shape=(16, 16)):
    """Textured images like a scan: smoothed noise at a varying brightness and contrast (uint8),
    darker than mid-grey as most scans are (so that their negatives are brighter than any)."""
    from scipy.ndimage import gaussian_filter

    field = gaussian_filter(rng.normal(size=(n, *shape)), sigma=(0, *[1.5] * len(shape)))
    field /= field.reshape(n, -1).std(axis=1).reshape(-1, *[1] * len(shape))
    brightness = rng.uniform(0.25, 0.42, n).reshape(-1, *[1] * len(shape))
    contrast = rng.uniform(0.08, 0.15, n).reshape(-1, *[1] * len(shape))
    return (np.clip(brightness + contrast * field, 0, 1) * 255).astype(np.uint8)


def _batches(images):
    return ImageBatches(torch.from_numpy(np.ascontiguousarray(images[:, None])), [0.5], [0.5], 255.0)


def _inputs(rng, images):
    """Records + an embedding drawn from the training embeddings' distribution, whatever the image:
    what a network's pooled features can do with a blank frame."""
    return OODInputs(embedding=rng.normal(size=(len(images), 6)), images=_batches(images))


def _degenerate(rng, like):
    n, shape = 20, like.shape[1:]
    return {"black": np.zeros((n, *shape), np.uint8), "white": np.full((n, *shape), 255, np.uint8),
            "constant grey": np.stack([np.full(shape, v, np.uint8) for v in np.linspace(30, 220, n).astype(int)]),
            "noise": rng.integers(0, 256, (n, *shape)).astype(np.uint8),
            "inverted": (255 - like[:n]).astype(np.uint8)}


def test_the_statistics_of_2d_and_3d_images_are_read_from_the_featurized_pixels():
    rng = np.random.default_rng(0)
    for shape in ((12, 12), (6, 8, 8)):
        images = _smooth(rng, 5, shape)
        images[0] = 0
        images[1] = 255
        stats = intensity_statistics(_batches(images)).reshape(5, len(STATISTICS))
        named = {name: stats[:, j] for j, name in enumerate(STATISTICS)}
        assert np.allclose(named["mean"], images.reshape(5, -1).mean(axis=1) / 255, atol=1e-6)
        assert np.allclose(named["std"][2:], images[2:].reshape(3, -1).std(axis=1) / 255, atol=1e-6)
        assert named["black_share"][0] == 1 and named["white_share"][1] == 1 and named["std"][0] == 0
        assert (named["modal_share"][:2] == 1).all() and (named["entropy"][:2] == 0).all()
        assert (named["entropy"][2:] > 1).all() and (named["modal_share"][2:] < 0.5).all()
    colour = ImageBatches(torch.from_numpy(rng.integers(0, 256, (3, 3, 8, 8)).astype(np.uint8)), [0.5] * 3,
                          [0.25] * 3, 255.0)
    assert intensity_statistics(colour).shape == (3, 3 * len(STATISTICS))


def test_noise_is_rougher_than_a_smooth_image():
    rng = np.random.default_rng(1)
    smooth = intensity_statistics(_batches(_smooth(rng, 20)))[:, STATISTICS.index("roughness")]
    noise = intensity_statistics(_batches(rng.integers(0, 256, (20, 16, 16)).astype(np.uint8)))
    assert noise[:, STATISTICS.index("roughness")].min() > 2 * smooth.max()


@pytest.mark.parametrize("distance", ["mahalanobis", "knn"])
@pytest.mark.parametrize("shape", [(16, 16), (8, 8, 8)], ids=["2d", "3d"])
def test_degenerate_images_are_flagged_where_the_embedding_alone_misses_them(shape, distance):
    rng = np.random.default_rng(2)
    train, val = _inputs(rng, _smooth(rng, 400, shape)), _inputs(rng, _smooth(rng, 200, shape))
    image = ImageEmbeddingScorer(distance=distance, layers=0).fit(train, val)
    knn_only = EmbeddingKNNScorer().fit(train, val)
    first = "mahalanobis" if distance == "mahalanobis" else "knn_distance"
    assert image.components == (first, "intensity_out_of_range")
    for name, images in _degenerate(rng, _smooth(rng, 20, shape)).items():
        x = _inputs(rng, images)
        assert knn_only.predict(x).mean() < 0.3, name  # their embeddings look familiar
        assert image.predict(x).all(), name
        assert (image.component_scores(x)["intensity_out_of_range"] >= 1).all(), name


@pytest.mark.parametrize("distance", ["mahalanobis", "knn"])
def test_in_distribution_images_are_flagged_at_the_target_rate(distance):
    rng = np.random.default_rng(3)
    scorer = ImageEmbeddingScorer(fpr=0.05, distance=distance, layers=0).fit(_inputs(rng, _smooth(rng, 1500)), _inputs(rng, _smooth(rng, 800)))
    assert 0.03 <= scorer.val_flag_rate_ <= 0.06
    rate = scorer.predict(_inputs(rng, _smooth(rng, 3000))).mean()
    assert abs(rate - 0.05) < 3.5 * np.sqrt(0.05 * 0.95 / 3000), rate


@pytest.mark.parametrize("distance,kept", [("mahalanobis", {"mean_", "precision_", "n_reference_"}),
                                            ("knn", {"reference_"})])
def test_the_state_round_trips_through_safetensors_and_keeps_no_image(tmp_path, distance, kept):
    from safetensors.numpy import load_file, save_file

    from mednn.runs import join_arrays, split_arrays

    rng = np.random.default_rng(4)
    scorer = build_scorer("image_embedding", fpr=0.1, neighbours=5, distance=distance, layers=0).fit(
        _inputs(rng, _smooth(rng, 200)), _inputs(rng, _smooth(rng, 100)))
    json_state, arrays = split_arrays(scorer.state_dict())
    # pixels never; training embeddings only with the knn distance (mahalanobis keeps a mean + a precision)
    rows = {k for k, v in arrays.items() if v.ndim == 2 and v.shape[0] == 200}
    assert rows == (set() if distance == "mahalanobis" else {"learnt.reference_"})
    assert set(scorer.state_dict()["learnt"]) >= {"intensity_low_", "intensity_high_", *kept}
    assert scorer.describe()["n_reference"] == 200 if distance == "mahalanobis" else True
    save_file(arrays, str(tmp_path / "ood.safetensors"))
    loaded = scorer_from_state(join_arrays(json.loads(json.dumps(json_state)),
                                           load_file(str(tmp_path / "ood.safetensors"))))
    new = _inputs(rng, _smooth(rng, 30))
    assert np.allclose(loaded.score(new), scorer.score(new)) and loaded.get_params() == scorer.get_params()
    state = scorer.state_dict()
    state["learnt"]["intensity_low_"] = np.zeros(3)
    with pytest.raises(ModelError, match="not valid"):
        scorer_from_state(state)


def test_images_of_other_channels_or_records_that_are_not_images_are_one_clear_error():
    rng = np.random.default_rng(5)
    scorer = ImageEmbeddingScorer(layers=0).fit(_inputs(rng, _smooth(rng, 100)), _inputs(rng, _smooth(rng, 50)))
    colour = ImageBatches(torch.zeros(4, 3, 16, 16, dtype=torch.uint8), [0.5] * 3, [0.5] * 3, 255.0)
    with pytest.raises(ModelError, match="channels"):
        scorer.score(OODInputs(embedding=rng.normal(size=(4, 6)), images=colour))
    with pytest.raises(ModelError, match="featurized images"):
        scorer.score(OODInputs(embedding=rng.normal(size=(4, 6)), images=np.zeros((4, 16, 16))))


def test_knn_without_intensity_is_the_embedding_scorer():
    rng = np.random.default_rng(6)
    train, val = _inputs(rng, _smooth(rng, 200)), _inputs(rng, _smooth(rng, 100))
    plain = ImageEmbeddingScorer(distance="knn", intensity=False, layers=0).fit(train, val)
    assert plain.needs == ("embedding",) and plain.learnt == ("reference_",)
    new = _inputs(rng, _smooth(rng, 20))
    assert np.allclose(plain.score(new), EmbeddingKNNScorer().fit(train, val).score(new))


def test_the_mahalanobis_distance_is_that_of_the_shrunk_covariance_and_settings_are_checked():
    from sklearn.covariance import LedoitWolf

    from mednn.errors import ConfigError

    rng = np.random.default_rng(7)
    train, val = _inputs(rng, _smooth(rng, 300)), _inputs(rng, _smooth(rng, 100))
    scorer = ImageEmbeddingScorer(intensity=False, layers=0).fit(train, val)
    fitted = LedoitWolf().fit(train.embedding)
    new = _inputs(rng, _smooth(rng, 5))
    expected = np.sqrt(fitted.mahalanobis(new.embedding))  # sklearn: the squared distance
    raw = scorer.component_scores(new)["mahalanobis"] * scorer.scale_[0] + scorer.center_[0]
    assert np.allclose(raw, expected)
    for bad in ({"distance": "cosine"}, {"intensity": "yes"}, {"margin": -1}):
        with pytest.raises(ConfigError):
            ImageEmbeddingScorer(**bad, layers=0).fit(train, val)

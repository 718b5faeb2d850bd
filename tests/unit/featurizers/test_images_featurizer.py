"""ImageFeaturizer (normalisation, resize, state) and make_augment (batched, seeded)."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from mednn.data.base import Dataset, Task
from mednn.errors import ConfigError, DataError, NotFittedError
from mednn.featurizers.base import FEATURIZERS, Batchable
from mednn.featurizers.images import ImageBatches, ImageFeaturizer, make_augment


def image_dataset(shape, n=20, seed=0, dtype=np.uint8, high=256):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, high, (n, *shape)).astype(dtype)
    y = np.arange(n) % 2
    return Dataset(inputs=x, targets=y, task=Task("binary", ("a", "b")),
                   ids=np.array([str(i) for i in range(n)]), modality="images")


def test_registered_and_not_fitted():
    assert FEATURIZERS.get("image") is ImageFeaturizer
    with pytest.raises(NotFittedError):
        ImageFeaturizer().transform(image_dataset((1, 4, 4)))
    with pytest.raises(NotFittedError):
        ImageFeaturizer().input_shape


def test_fit_statistics_per_channel_match_numpy():
    ds = image_dataset((3, 5, 6))
    f = ImageFeaturizer().fit(ds)
    assert f.fit(ds) is f
    x = ds.inputs / 255.0
    np.testing.assert_allclose(f.mean_, x.mean(axis=(0, 2, 3)), rtol=1e-10)
    np.testing.assert_allclose(f.std_, x.std(axis=(0, 2, 3)), rtol=1e-10)
    assert f.input_shape == (3, 5, 6)


def test_float_and_uint16_statistics():
    ds16 = image_dataset((1, 4, 4), dtype=np.uint16, high=65536)
    f = ImageFeaturizer().fit(ds16)
    np.testing.assert_allclose(f.mean_, [ds16.inputs.mean() / 65535], rtol=1e-9)
    dsf = image_dataset((1, 3, 4, 4), dtype=np.float32, high=1000)
    f = ImageFeaturizer().fit(dsf)
    np.testing.assert_allclose(f.std_, [dsf.inputs.astype(np.float64).std()], rtol=1e-6)
    out = f.transform(dsf).all()
    assert abs(float(out.mean())) < 1e-4 and abs(float(out.std(unbiased=False)) - 1) < 1e-4


def test_transform_is_uint8_batchable_normalised_by_index():
    train, test = image_dataset((2, 6, 6), seed=0), image_dataset((2, 6, 6), seed=1, n=7)
    f = ImageFeaturizer().fit(train)
    feats = f.transform(test)
    assert isinstance(feats, Batchable) and isinstance(feats, ImageBatches)
    assert feats.data.dtype == torch.uint8 and len(feats) == 7
    index = np.array([4, 0, 4])
    got = feats.batch(index)
    mean = np.array(f.mean_).reshape(1, 2, 1, 1)
    std = np.array(f.std_).reshape(1, 2, 1, 1)
    expected = (test.inputs[index] / 255.0 - mean) / std
    assert got.dtype == torch.float32
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(feats.batch(torch.tensor([1, 2])).numpy(), feats.all()[1:3].numpy())


def test_fixed_mean_std_and_state_roundtrip_json():
    ds = image_dataset((1, 8, 8))
    f = ImageFeaturizer(mean=0.5, std=0.5).fit(ds)
    out = f.transform(ds).batch(np.arange(3))
    np.testing.assert_allclose(out.numpy(), (ds.inputs[:3] / 255.0 - 0.5) / 0.5, atol=1e-6)
    state = json.loads(json.dumps(f.state_dict()))
    g = ImageFeaturizer().load_state_dict(state)
    assert g.input_shape == f.input_shape
    np.testing.assert_array_equal(g.transform(ds).all().numpy(), f.transform(ds).all().numpy())


def test_resize_2d_and_3d_state_kept():
    ds2 = image_dataset((1, 20, 20))
    f = ImageFeaturizer(size=10).fit(ds2)
    feats = f.transform(ds2)
    assert f.input_shape == (1, 10, 10) and feats.data.dtype == torch.uint8 and feats.shape == (20, 1, 10, 10)
    # a constant image stays constant after resizing
    const = image_dataset((1, 20, 20))
    const.inputs[:] = 77
    assert (f.transform(const).data == 77).all()
    ds3 = image_dataset((1, 8, 8, 8), n=4)
    f3 = ImageFeaturizer(size=[4, 6, 6]).fit(ds3)
    assert f3.transform(ds3).shape == (4, 1, 4, 6, 6)
    g = ImageFeaturizer().load_state_dict(json.loads(json.dumps(f3.state_dict())))
    assert g.transform(ds3).shape == (4, 1, 4, 6, 6)
    with pytest.raises(ConfigError, match="featurize.size"):
        ImageFeaturizer(size=[4, 4]).fit(ds3)


def test_transform_rejects_other_shapes_and_types():
    f = ImageFeaturizer().fit(image_dataset((1, 6, 6)))
    with pytest.raises(DataError, match="channels"):
        f.transform(image_dataset((3, 6, 6)))
    with pytest.raises(DataError, match="uint16"):
        f.transform(image_dataset((1, 6, 6), dtype=np.uint16))


# --- augmentation ------------------------------------------------------------------------------


FULL = {"flip": True, "rotate": 15, "zoom": 0.1, "intensity": 0.1, "contrast": 0.1, "noise": 0.02}


def test_augment_disabled_and_unknown_key():
    assert make_augment({}, seed=0) is None
    assert make_augment(None, seed=0) is None
    with pytest.raises(ConfigError, match="train.augment.rotation"):
        make_augment({"rotation": 10}, seed=0)
    with pytest.raises(ConfigError, match="train.augment.zoom"):
        make_augment({"zoom": 2}, seed=0)


@pytest.mark.parametrize("shape", [(6, 1, 16, 16), (4, 2, 8, 8, 8)])
def test_augment_shape_dtype_and_seeded(shape):
    x = torch.randn(shape)
    y = torch.tensor([0, 1] * (shape[0] // 2))
    a, b, c = make_augment(FULL, seed=3), make_augment(FULL, seed=3), make_augment(FULL, seed=4)
    out_a = a(x, y)
    assert out_a.shape == x.shape and out_a.dtype == x.dtype
    assert torch.equal(out_a, b(x, y))
    assert not torch.equal(out_a, c(x, y))
    assert not torch.equal(out_a, x)
    assert not torch.equal(a(x, y), out_a)  # the generator advances between batches
    assert torch.isfinite(out_a).all()


def test_flip_only_mirrors_some_samples_exactly():
    x = torch.arange(8 * 5 * 5, dtype=torch.float32).reshape(8, 1, 5, 5)
    out = make_augment({"flip": True}, seed=0)(x, None)
    flipped = [torch.equal(out[i], x[i].flip(-1)) for i in range(8)]
    kept = [torch.equal(out[i], x[i]) for i in range(8)]
    assert all(f or k for f, k in zip(flipped, kept)) and any(flipped) and any(kept)


def test_rotation_by_small_angle_keeps_a_centered_disc():
    # a disc centred in the image is (nearly) invariant to rotation: a check that the affine
    # grid rotates about the centre rather than a corner
    yy, xx = torch.meshgrid(torch.arange(32.0), torch.arange(32.0), indexing="ij")
    disc = (((yy - 15.5) ** 2 + (xx - 15.5) ** 2) < 64).float().expand(4, 1, 32, 32)
    out = make_augment({"rotate": 30}, seed=1)(disc.clone(), None)
    assert (out - disc).abs().mean() < 0.02


def test_affine_resample_zoom_and_quarter_turn_match_hand_results():
    from mednn.featurizers.images import affine_resample

    x = torch.zeros(1, 1, 32, 32)
    x[..., 12:20, 12:20] = 1
    zoomed = affine_resample(x, torch.zeros(1, 1), torch.tensor([2.0]))
    expected = torch.zeros(1, 1, 32, 32)
    expected[..., 8:24, 8:24] = 1
    assert (zoomed - expected).abs().gt(0.5).sum() == 0
    pattern = torch.rand(1, 1, 9, 9)
    turned = affine_resample(pattern, torch.full((1, 1), torch.pi / 2), torch.ones(1))
    assert min((turned - torch.rot90(pattern, k, dims=(2, 3))).abs().max() for k in (1, 3)) < 1e-4
    volume = torch.rand(1, 1, 5, 5, 5)
    same = affine_resample(volume, torch.zeros(1, 3), torch.ones(1))
    assert torch.allclose(same, volume, atol=1e-5)
    turned3 = affine_resample(volume, torch.tensor([[torch.pi / 2, 0.0, 0.0]]), torch.ones(1))
    assert min((turned3 - torch.rot90(volume, k, dims=d)).abs().max()
               for k in (1, 3) for d in ((2, 3), (2, 4), (3, 4))) < 1e-4


def test_minority_only_leaves_majority_unchanged():
    x = torch.randn(10, 1, 8, 8)
    y = torch.tensor([0, 0, 0, 0, 0, 0, 0, 1, 1, 2])
    out = make_augment({**FULL, "minority_only": True}, seed=0)(x, y)
    assert torch.equal(out[:7], x[:7])
    assert not torch.equal(out[7:], x[7:])
    # with the training counts, class 2 is the majority and stays unchanged
    out = make_augment({"noise": 0.5, "minority_only": True}, seed=0, class_counts=[5, 5, 50])(x, y)
    assert torch.equal(out[9], x[9]) and not torch.equal(out[:9], x[:9])


def test_featurizer_method_builds_the_same_augmentation():
    x = torch.randn(4, 1, 8, 8)
    f = ImageFeaturizer()
    assert f.make_augment({}, 0) is None
    assert torch.equal(f.make_augment({"noise": 0.1}, 5)(x, None), make_augment({"noise": 0.1}, 5)(x, None))

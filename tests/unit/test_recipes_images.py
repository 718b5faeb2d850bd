"""`model: auto` on images: the image recipe chosen across datasets
(benchmarks/image_defaults_across_datasets.py) fills what the config leaves unset. Augmentation
lives in ``train.augment`` and is one key: a config that sets any of it keeps its own; a named
model (``model: small_cnn``) keeps today's settings."""

import numpy as np
import pytest

from mednn.config import dump_config, load_config
from mednn.recipes import AUTO_RECIPES, apply_auto_recipe

RECIPE = {"model": {"dropout": 0.1}, "train": {"augment": {"rotate": 10, "zoom": 0.1}, "weight_decay": 1e-4}}


@pytest.fixture
def recipe(monkeypatch):
    """A known image recipe, so that these tests check the mechanics whatever the chosen one is."""
    monkeypatch.setitem(AUTO_RECIPES, "images", RECIPE)
    return RECIPE


def _npz(tmp_path, n=24, shape=(28, 28)):
    """A tiny MedMNIST-layout file: class 1 images are brighter in the centre."""
    rng = np.random.default_rng(0)
    arrays = {}
    for split, k in (("train", n), ("val", n // 2), ("test", n // 2)):
        y = np.arange(k) % 2
        x = rng.integers(0, 100, (k, *shape)).astype(np.uint8)
        centre = tuple(slice(s // 4, 3 * s // 4) for s in shape)
        x[(y == 1, *centre)] += 120
        arrays[f"{split}_images"], arrays[f"{split}_labels"] = x, y.reshape(-1, 1).astype(np.uint8)
    path = tmp_path / "tiny.npz"
    np.savez(path, **arrays)
    return [f"data.path={path}", "data.format=medmnist"]


def test_auto_on_images_fills_the_recipe(tmp_path, recipe):
    from mednn.featurizers.images import make_augment

    cfg = apply_auto_recipe(load_config(None, _npz(tmp_path)))
    assert cfg.model.name == "auto" and cfg.model.hparams == recipe["model"]
    assert cfg.train.augment == recipe["train"]["augment"] and cfg.train.weight_decay == 1e-4
    assert make_augment(cfg.train.augment, seed=0) is not None  # what the trainer builds from it


def test_an_augment_the_config_sets_wins_as_a_whole(tmp_path, recipe):
    own = apply_auto_recipe(load_config(None, _npz(tmp_path) + ["train.augment={flip: true}"]))
    assert own.train.augment == {"flip": True} and own.train.weight_decay == 1e-4
    off = apply_auto_recipe(load_config(None, _npz(tmp_path) + ["train.augment={}"]))
    assert off.train.augment == {}


def test_train_and_model_keys_the_config_sets_win(tmp_path, recipe):
    cfg = apply_auto_recipe(load_config(None, _npz(tmp_path) + ["train.weight_decay=0", "model.dropout=0"]))
    assert cfg.train.weight_decay == 0 and cfg.model.dropout == 0
    assert cfg.train.augment == recipe["train"]["augment"]


def test_the_recipe_is_copied_not_shared(tmp_path, recipe):
    cfg = apply_auto_recipe(load_config(None, _npz(tmp_path)))
    cfg.train.augment["noise"] = 0.5
    assert "noise" not in recipe["train"]["augment"]


def test_augmentation_needs_the_image_featurizer(tmp_path, recipe):
    """Another featurizer may have no make_augment: the recipe must not hand it train.augment."""
    cfg = apply_auto_recipe(load_config(None, _npz(tmp_path) + ["featurize.name=my_features"]))
    assert cfg.train.augment == {} and cfg.train.weight_decay == 1e-4


def test_a_named_image_model_keeps_todays_settings(tmp_path, recipe):
    cfg = load_config(None, _npz(tmp_path) + ["model.name=small_cnn"])
    assert apply_auto_recipe(cfg) is cfg
    assert cfg.train.augment == {} and cfg.train.weight_decay == 0


def test_a_resolved_image_config_is_stable(tmp_path, recipe):
    once = apply_auto_recipe(load_config(None, _npz(tmp_path)))
    path = tmp_path / "config.yaml"
    path.write_text(dump_config(once))
    assert apply_auto_recipe(load_config(path)).to_dict() == once.to_dict()


def test_without_an_image_recipe_auto_keeps_todays_settings(tmp_path, monkeypatch):
    monkeypatch.delitem(AUTO_RECIPES, "images", raising=False)
    cfg = load_config(None, _npz(tmp_path))
    assert apply_auto_recipe(cfg) is cfg and cfg.train.augment == {}

"""Configs as users write them: a section given by name alone, and near-miss keys answered
with the key they meant."""

import pytest

from mednn.config import load_config
from mednn.errors import ConfigError


def test_model_and_featurize_by_name_alone(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("data: {path: x.csv}\nmodel: auto\nfeaturize: tabular\n")
    cfg = load_config(path)
    assert cfg.model.name == "auto" and cfg.model.hparams == {}
    assert cfg.featurize.name == "tabular"
    assert load_config(None, ["model=mlp"]).model.name == "mlp"


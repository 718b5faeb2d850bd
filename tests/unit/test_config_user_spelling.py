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


@pytest.mark.parametrize(
    "override, meant",
    [("train.learning_rate=0.1", "train.lr"), ("train.epoch=3", "train.epochs"),
     ("train.num_epochs=3", "train.epochs"), ("evaluate.treshold=youden", "evaluate.threshold")],
)
def test_unknown_key_names_the_key_meant(override, meant):
    with pytest.raises(ConfigError, match=f"did you mean '{meant}'\\? fix:"):
        load_config(None, [override])


def test_unknown_key_without_a_near_one_has_no_guess():
    with pytest.raises(ConfigError) as info:
        load_config(None, ["zzz=1"])
    assert "did you mean" not in str(info.value) and "fix:" in str(info.value)


def test_a_data_file_passed_as_config_points_to_data(tmp_path):
    path = tmp_path / "patients.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(ConfigError, match="mednn train --data"):
        load_config(path)


def test_misspelt_data_key_names_the_data_key_meant(tmp_path):
    from mednn.config import DataConfig
    from mednn.data.readers import read_dataset

    path = tmp_path / "t.csv"
    path.write_text("a,y\n1,0\n2,1\n")
    with pytest.raises(ConfigError, match="'data.lable'.*did you mean 'data.label'\\? fix:"):
        read_dataset(DataConfig(format="csv", path=str(path), lable="y"))


def test_a_far_key_gets_no_guess(tmp_path):
    from mednn.config import DataConfig
    from mednn.data.readers import read_dataset

    path = tmp_path / "t.csv"
    path.write_text("smiles,y\nCCO,0\nCCN,1\n")
    with pytest.raises(ConfigError) as info:  # the smiles reader has no drop_columns; id_column is no answer
        read_dataset(DataConfig(format="smiles", path=str(path), label="y", drop_columns=["x"]))
    assert "data.drop_columns" in str(info.value) and "did you mean" not in str(info.value)


def test_an_error_in_an_override_is_attributed_to_set_not_to_the_file(tmp_path):
    from mednn.config import load_config
    from mednn.errors import ConfigError

    path = tmp_path / "c.yaml"
    path.write_text("data:\n  path: t.csv\n  label: y\n")
    with pytest.raises(ConfigError, match=r"^--set: unknown key 'train.epoch'; did you mean 'train.epochs'"):
        load_config(path, ["train.epoch=5"])
    path.write_text("data:\n  path: t.csv\n  label: y\ntrain:\n  epoch: 5\n")
    with pytest.raises(ConfigError, match=r"c\.yaml: unknown key 'train.epoch'"):
        load_config(path, ["train.lr=0.01"])

"""Config keys as a new user sets them (trial 8, #13 and #15): `--set model.name=...` on a config
written `model: auto`, and a misspelt data key named with its file (or --set) before anything
about the run folder."""

from __future__ import annotations

import json

import pytest

from mednn.config import load_config
from mednn.errors import ConfigError


def _config(tmp_path, patients_csv, *lines: str):
    path = tmp_path / "c.yaml"
    path.write_text(f"name: pts\ndata:\n  path: {patients_csv}\n  label: outcome\n  id_column: record\n"
                    + "".join(f"{line}\n" for line in lines) + "model: auto\n")
    return path


def test_a_scalar_model_is_shorthand_for_model_name(tmp_path, patients_csv):
    path = _config(tmp_path, patients_csv)
    assert load_config(path, ["model.name=mlp"]).model.name == "mlp"
    cfg = load_config(path, ["model.hidden_sizes=[8]"])
    assert cfg.model.name == "auto" and cfg.model.hparams == {"hidden_sizes": [8]}
    assert load_config(path, ["featurize.name=tabular"]).featurize.name == "tabular"
    path.write_text("name: pts\nfeaturize: tabular\n")
    assert load_config(path, ["featurize.scale=false"]).featurize.options == {"scale": False}
    with pytest.raises(ConfigError, match="'name' is not a section"):  # other scalars stay scalars
        load_config(path, ["name.x=1"])


def test_cli_trains_a_model_auto_config_with_model_name_set(cli, tmp_path, patients_csv):
    from tests.cli.conftest import FAST

    path = _config(tmp_path, patients_csv)
    code, _, err = cli("train", path, "--out", tmp_path / "run", *FAST, "--set", "model.name=mlp",
                       "--set", "model.hidden_sizes=[8]", "--set", "explain.enabled=false",
                       "--set", "report.enabled=false", "--quiet")
    assert code == 0, err
    info = json.loads((tmp_path / "run" / "model.json").read_text())
    assert info["name"] == "mlp" and info["hparams"]["hidden_sizes"] == [8]


def test_cli_missing_values_per_column_clears_the_zeros_finding(cli, tmp_path):
    from tests.unit.data.test_missing_values_per_column import _pima_like

    data, _, names = _pima_like(tmp_path)
    args = ["inspect", "--data", data, "--set", "data.header=false", "--set", f"data.column_names={names}",
            "--set", "data.label=outcome", "--no-label-issues"]
    code, out, err = cli(*args)
    assert code == 0, err
    assert "zeros_as_missing" in out + err and "data.missing_values: {insulin: ['0']" in out + err
    code, out, err = cli(*args, "--set", "data.missing_values={insulin: [0], glucose: [0]}")
    assert code == 0, err
    assert "zeros_as_missing" not in out + err
    code, out, err = cli(*args, "--set", "data.missing_values={insullin: [0]}")
    assert code == 2 and "'insullin'" in err and "Traceback" not in err


def test_a_misspelt_data_key_names_the_config_file_or_set(cli, tmp_path, patients_csv):
    path = _config(tmp_path, patients_csv, "  lable: outcome")
    code, _, err = cli("train", path, "--out", tmp_path / "run")
    assert code == 2 and "Traceback" not in err
    assert f"{path}: Unknown key 'data.lable'" in err and "did you mean 'data.label'" in err
    code, _, err = cli("train", _config(tmp_path, patients_csv), "--out", tmp_path / "run", "--set", "data.lable=x")
    assert code == 2 and "--set: Unknown key 'data.lable'" in err


def test_a_misspelt_key_is_refused_before_the_run_folder_is_looked_at(cli, tmp_path, patients_csv):
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "something.txt").write_text("not a run")
    code, _, err = cli("train", _config(tmp_path, patients_csv), "--out", tmp_path / "run", "--set", "data.lable=x")
    assert code == 2 and "Unknown key 'data.lable'" in err and "exists" not in err
    code, _, err = cli("train", _config(tmp_path, patients_csv), "--out", tmp_path / "run")  # the right config
    assert code == 2 and "exists" in err  # then the folder is refused, as before

"""A run trained on a MedMNIST-format ``.npz`` evaluates and predicts another ``.npz`` of that
format: the image featurizer's reader settings (size, colour, stored type) go only where the
run's reader takes them (the medmnist reader has no ``data.size``; it refused the file)."""

import json

from .conftest import FAST


def test_a_medmnist_run_evaluates_and_predicts_an_npz_site(cli, tmp_path, squares_npz):
    data = squares_npz()
    site = squares_npz(sizes=(("test", 24),), name="site.npz", seed=1)
    run = tmp_path / "run"
    code, _, err = cli("train", "--data", data, "--out", run, *FAST, "--set", "model.name=small_cnn",
                       "--set", "model.channels=[4,8]")
    assert code == 0, err
    code, _, err = cli("evaluate", run, "--data", site, "--out", tmp_path / "site.json")
    assert code == 0, err
    assert json.loads((tmp_path / "site.json").read_text())["metrics"]
    code, _, err = cli("predict", run, site, "--out", tmp_path / "pred.csv")
    assert code == 0, err
    assert len((tmp_path / "pred.csv").read_text().strip().splitlines()) == 1 + 24

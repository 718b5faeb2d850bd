"""train.ensemble end to end: N members trained, saved, reloaded and averaged, with explanations."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from mednn.config import load_config
from mednn.errors import ConfigError, ModelError

BASE = ["train.epochs=4", "train.threads=1", "train.progress=false", "evaluate.bootstrap=0"]


def _test_probabilities(run_dir) -> np.ndarray:
    import pandas as pd

    frame = pd.read_csv(run_dir / "predictions.csv")
    return frame[frame["split"] == "test"].filter(like="p:").to_numpy()[:, -1]


def test_tabular_ensemble_is_saved_reloaded_and_averaged(tmp_path):
    from mednn.models.ensemble import Ensemble
    from mednn.pipeline import read_and_split, train
    from mednn.predictor import Predictor
    from mednn.runs import load_run
    from mednn.training.loop import predict_logits
    from mednn.training.losses import to_probabilities

    common = ["data.path=breast-cancer", "explain.enabled=false", *BASE]
    single = train(load_config(None, common), tmp_path / "single")
    run_dir = train(load_config(None, [*common, "train.ensemble=3"]), tmp_path / "ensemble")

    info = json.loads((run_dir / "model.json").read_text())
    training = json.loads((run_dir / "metrics.json").read_text())["training"]
    assert info["ensemble"] == 3
    assert [m["seed"] for m in training["ensemble"]] == [0, 1000, 2000]
    assert training["seconds"] == pytest.approx(sum(m["seconds"] for m in training["ensemble"]), abs=0.01)
    history = (run_dir / "history.csv").read_text().splitlines()
    assert history[0].startswith("member,epoch,")
    assert {line.split(",")[0] for line in history[1:]} == {"1", "2", "3"}

    run = load_run(run_dir)
    assert isinstance(run.model, Ensemble) and len(run.model.members) == 3
    # member 1 is exactly the single model a run with the same seed trains
    alone = load_run(single).model.state_dict()
    for key, value in run.model.members[0].state_dict().items():
        assert torch.equal(value, alone[key])
    assert not torch.equal(run.model.members[1].state_dict()["net.0.weight"], alone["net.0.weight"])

    # the reloaded ensemble predicts what the run recorded (calibration included) ...
    _, splits, _ = read_and_split(run.config)
    np.testing.assert_allclose(Predictor.from_run(run).predict_proba(splits.test), _test_probabilities(run_dir), atol=2e-6, rtol=0)
    # ... and its uncalibrated output is the mean of its members' probabilities
    feats = run.featurizer.transform(splits.test)
    members = torch.stack([to_probabilities(run.task, predict_logits(m, feats)) for m in run.model.members])
    torch.testing.assert_close(to_probabilities(run.task, predict_logits(run.model, feats)), members.mean(0),
                               atol=1e-6, rtol=1e-5)


def test_image_ensemble_explains_with_member_averaged_gradcam(tmp_path, squares_npz):
    from mednn.pipeline import train

    run_dir = train(load_config(None, [
        f"data.path={squares_npz()}", "model.name=small_cnn", "model.channels=[4, 8]",
        "train.ensemble=2", "explain.n_samples=2", "explain.methods=[gradcam]", *BASE,
    ]), tmp_path / "run")
    sections = json.loads((run_dir / "explanations.json").read_text())
    assert "Grad-CAM" in sections[0]["caption"] and len(sections[0]["figures"]) == 1
    report = (run_dir / "report.html").read_text()
    assert "ensemble of 2 networks" in report
    assert "ensemble member 1" in report  # the weight view says whose kernels it shows


def test_ensemble_refuses_differential_privacy():
    # a rule across sections: refused when the config is validated, before any data is read
    with pytest.raises(ConfigError, match="train.ensemble > 1 cannot be combined with privacy.dp"):
        load_config(None, ["data.path=breast-cancer", "train.ensemble=2", "privacy.dp=true", *BASE])


def test_a_config_changed_after_validation_is_refused_by_the_trainer(tmp_path):
    # model_copy does not validate again: the trainer checks the config's own cross-section rules itself
    from dataclasses import replace

    from mednn.pipeline import prepare, train

    prepared = prepare(load_config(None, ["data.path=breast-cancer", "explain.enabled=false", *BASE]), tmp_path / "run")
    cfg = prepared.cfg
    cfg = cfg.model_copy(update={"train": cfg.train.model_copy(update={"ensemble": 2}),
                                 "privacy": cfg.privacy.model_copy(update={"dp": True})})
    with pytest.raises(ConfigError, match="train.ensemble > 1 cannot be combined with privacy.dp"):
        train(replace(prepared, cfg=cfg))
    assert not (tmp_path / "run").exists()


def test_tampered_member_count_is_refused(tmp_path):
    from mednn.pipeline import train
    from mednn.runs import load_run, refresh_manifest_entry

    run_dir = train(load_config(None, ["data.path=breast-cancer", "explain.enabled=false",
                                       "train.ensemble=2", *BASE]), tmp_path / "run")
    info = json.loads((run_dir / "model.json").read_text())
    info["ensemble"] = 10**9
    (run_dir / "model.json").write_text(json.dumps(info))
    refresh_manifest_entry(run_dir, "model.json")
    with pytest.raises(ModelError, match=r"model\.json: 'ensemble' is invalid \(Input should be less than or equal to 100\)"):
        load_run(run_dir)

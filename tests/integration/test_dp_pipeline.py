"""End to end: breast-cancer (built in) trained with DP-SGD through mednn.pipeline.train.

One run serves as the integration test (metrics.json "privacy", report block) and as the
utility sanity check: with noise multiplier 1 the test AUROC must stay well above chance.
"""

from __future__ import annotations

import json
import math

import pytest

from mednn.config import load_config
from mednn.errors import ConfigError
from mednn.pipeline import train
from mednn.privacy.dp import epsilon


@pytest.fixture(scope="module")
def dp_run(tmp_path_factory):
    cfg = load_config(None, [
        "data.path=breast-cancer", "model.hidden_sizes=[16]", "privacy.dp=true", "privacy.noise_multiplier=1.0",
        "privacy.max_grad_norm=1.0", "train.epochs=30", "train.lr=0.01", "train.batch_size=64",
        "train.class_weights=balanced", "evaluate.bootstrap=0", "explain.enabled=false", "train.progress=false",
    ])
    return train(cfg, tmp_path_factory.mktemp("runs") / "dp")


def test_metrics_json_holds_the_privacy_budget(dp_run):
    metrics = json.loads((dp_run / "metrics.json").read_text())
    p = metrics["privacy"]
    assert {"mechanism", "epsilon", "delta", "noise_multiplier", "max_grad_norm", "sampling_rate", "steps",
            "accountant", "noise_seed"} <= set(p)
    assert p["mechanism"] == "DP-SGD" and p["accountant"] == "RDP" and p["delta"] == 1e-5
    n_train = json.loads((dp_run / "data.json").read_text())["splits"]["train"]["n"]
    assert p["sampling_rate"] == pytest.approx(64 / n_train)
    assert p["steps"] == metrics["training"]["epochs_run"] * round(n_train / 64)
    assert math.isfinite(p["epsilon"]) and p["epsilon"] > 0
    assert p["epsilon"] == pytest.approx(epsilon(p["sampling_rate"], 1.0, p["steps"], 1e-5), rel=1e-5)


def test_private_model_is_still_useful(dp_run):
    metrics = json.loads((dp_run / "metrics.json").read_text())
    assert metrics["test"]["auroc"]["value"] > 0.85


def test_report_states_the_guarantee_and_its_limits(dp_run):
    html = (dp_run / "report.html").read_text()
    assert 'id="privacy"' in html
    assert "-differential privacy for each patient record" in html and "δ = 1e-5" in html
    assert "What the guarantee does not cover" in html
    assert "Hyperparameter tuning leaks" in html and "Early stopping" in html
    # the noise was seeded from the OS (the default), so the seed caveat does not apply
    assert json.loads((dp_run / "metrics.json").read_text())["privacy"]["noise_seed"] == "secure"
    assert "privacy.noise_seed: seed" not in html
    history = (dp_run / "history.csv").read_text().splitlines()
    assert all(",nan," in row for row in history[1:])  # the private training loss is not recorded


def test_report_has_no_privacy_block_without_dp(tmp_path):
    from mednn.reports.html import build_report
    from mednn.runs import load_run

    cfg = load_config(None, ["data.path=breast-cancer", "model.hidden_sizes=[4]", "train.epochs=2",
                             "evaluate.bootstrap=0", "explain.enabled=false", "train.progress=false",
                             "report.enabled=false"])
    run = train(cfg, tmp_path / "plain")
    assert "privacy" not in json.loads((run / "metrics.json").read_text())
    assert 'id="privacy"' not in build_report(load_run(run, model=False))


def test_balanced_sampler_with_dp_fails_before_training(tmp_path):
    cfg = load_config(None, ["data.path=breast-cancer", "privacy.dp=true", "train.sampler=balanced",
                             "train.progress=false"])
    with pytest.raises(ConfigError, match="train.class_weights: balanced"):
        train(cfg, tmp_path / "refused")
    assert not (tmp_path / "refused").exists()


def test_small_cnn_with_group_norm_trains_privately(tmp_path, squares_npz):
    """Images under DP-SGD: batch norm is refused, group norm works."""
    import pytest

    from mednn.errors import ConfigError

    base = [f"data.path={squares_npz()}", "model.name=small_cnn", "model.channels=[8, 16]",
            "privacy.dp=true", "train.epochs=2", "train.progress=false", "evaluate.bootstrap=10",
            "explain.enabled=false"]
    with pytest.raises(ConfigError, match="norm: group"):
        train(load_config(None, base), tmp_path / "bn")
    run = train(load_config(None, base + ["model.norm=group"]), tmp_path / "gn")
    assert json.loads((run / "metrics.json").read_text())["privacy"]["epsilon"] > 0

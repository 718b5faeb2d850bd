"""privacy.federated end to end: a CSV with a hospital column, trained by FedAvg across site processes
(mednn.federation.simulate, what `mednn train` runs for such a config)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mednn.config import load_config
from mednn.errors import ConfigError


@pytest.fixture
def hospitals_csv(tmp_path):
    import pandas as pd
    from sklearn.datasets import load_breast_cancer

    frame = load_breast_cancer(as_frame=True).frame
    rng = np.random.default_rng(0)
    frame["hospital"] = rng.choice(["north", "south", "east"], len(frame), p=[0.5, 0.3, 0.2])
    frame["target"] = np.where(frame["target"] == 1, "benign", "malignant")
    path = tmp_path / "hospitals.csv"
    frame.to_csv(path, index=False)
    return path


def _config(path, *extra):
    return load_config(None, [
        f"data.path={path}", "data.label=target", "data.meta_columns=[hospital]", "data.positive_class=malignant",
        "privacy.federated.site_column=hospital", "train.epochs=25", "train.lr=0.01", "train.threads=1",
        "train.progress=false", "evaluate.bootstrap=50", "explain.enabled=false", *extra,
    ])


def test_federated_run_learns_and_says_how_it_was_trained(tmp_path, hospitals_csv):
    from mednn.federation import simulate as train

    run = train(_config(hospitals_csv), tmp_path / "run")
    metrics = json.loads((run / "metrics.json").read_text())
    fed = metrics["federated"]
    assert [s["site"] for s in fed["sites"]] == ["east", "north", "south"]
    splits = json.loads((run / "data.json").read_text())["splits"]
    assert sum(s["n_train"] for s in fed["sites"]) == splits["train"]["n"]
    assert fed["rounds_run"] == metrics["training"]["epochs_run"] and fed["processes"] is True
    assert 1 <= fed["best_round"] <= fed["rounds_run"]
    assert metrics["test"]["auroc"]["value"] > 0.95
    # the per-site test table comes from the same column
    assert {row["value"] for row in metrics["subgroups"]} >= {"east", "north", "south"}
    assert "rounds of federated averaging across 3 sites" in (run / "report.html").read_text()


@pytest.mark.parametrize("extra,message", [
    (["train.ensemble=2"], "train.ensemble > 1 cannot be combined with privacy.federated"),
    (["privacy.federated.site_column=ward"], "add 'ward' to data.meta_columns"),
])
def test_federated_refusals_name_the_fix(tmp_path, hospitals_csv, extra, message):
    from mednn.federation import simulate as train

    with pytest.raises(ConfigError, match=message):
        train(_config(hospitals_csv, *extra), tmp_path / "run")
    assert not (tmp_path / "run").exists()


def test_federated_dp_protects_each_record_at_its_own_site(tmp_path, hospitals_csv):
    from mednn.federation import simulate as train
    from mednn.privacy.dp import epsilon

    run = train(_config(hospitals_csv, "privacy.dp=true", "privacy.noise_multiplier=1.0", "train.epochs=6",
                        "train.batch_size=32", "train.class_weights=balanced", "model.hidden_sizes=[8]",
                        "privacy.federated.local_epochs=2"), tmp_path / "run")
    metrics = json.loads((run / "metrics.json").read_text())
    privacy, fed = metrics["privacy"], metrics["federated"]
    assert privacy["mechanism"].startswith("DP-SGD") and privacy["noise_seed"] == "secure"
    sites = {s["site"]: s for s in privacy["sites"]}
    rows = {s["site"]: s["n_train"] for s in fed["sites"]}
    for name, site in sites.items():
        # every site's budget is its own: Poisson rate batch/rows, 2 local epochs per round
        assert site["sampling_rate"] == pytest.approx(min(1.0, 32 / rows[name]))
        assert site["steps"] == fed["rounds_run"] * 2 * max(1, round(rows[name] / 32))
        assert site["epsilon"] == pytest.approx(epsilon(site["sampling_rate"], 1.0, site["steps"], 1e-5), rel=1e-5)
    assert privacy["epsilon"] == max(s["epsilon"] for s in sites.values())
    history = (run / "history.csv").read_text().splitlines()
    assert all(",nan," in row for row in history[1:])  # the sites' private losses are not recorded
    assert "every site ran these steps on its own records only" in (run / "report.html").read_text()


def test_federated_dp_refuses_batch_norm_before_any_site_starts(tmp_path, hospitals_csv):
    from mednn.federation import simulate as train

    with pytest.raises(ConfigError, match="BatchNorm"):
        train(_config(hospitals_csv, "privacy.dp=true", "model.batch_norm=true"), tmp_path / "run")


def test_an_unguarded_script_gets_the_fix_not_a_hang(tmp_path, hospitals_csv):
    # spawned site processes import the calling script again; without the __main__ guard the
    # sites die at start-up, and the error must say why and how to fix it
    import subprocess
    import sys

    script = tmp_path / "unguarded.py"
    script.write_text(
        "from mednn.config import load_config\n"
        "from mednn.federation import simulate as train\n"
        f"train(load_config(None, ['data.path={hospitals_csv}', 'data.label=target', 'data.meta_columns=[hospital]',"
        " 'privacy.federated.site_column=hospital', 'train.epochs=2', 'train.progress=false',"
        f" 'explain.enabled=false', 'report.enabled=false']), r'{tmp_path / 'run'}')\n"
    )
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert "if __name__" in proc.stderr and "privacy.federated.processes: false" in proc.stderr
    assert not (tmp_path / "run").exists()


def test_the_pipeline_alone_points_a_site_column_to_the_federation(tmp_path, hospitals_csv):
    from mednn.pipeline import train

    with pytest.raises(ConfigError, match=r"fix: call mednn.federation.simulate\(cfg, out\)"):
        train(_config(hospitals_csv, "train.epochs=1"), tmp_path / "run")
    assert not (tmp_path / "run").exists()

"""Federated training across sites that keep their own files, on the in-process engine (Flower
Messages to ClientApps in this process): equality with the pooled-file simulation, FedProx,
a site that dies mid-run, DP per site, errors that name the site, images, central DP."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("flwr")

from mednn.config import load_config  # noqa: E402
from mednn.errors import ConfigError, DataError  # noqa: E402
from mednn.federation import simulate, train_in_process  # noqa: E402

COMMON = ["data.label=target", "data.id_column=rid", "data.meta_columns=[hospital]", "data.positive_class=malignant",
          "model.name=mlp", "model.hidden_sizes=[8]",  # no dropout: the two runs must agree exactly
          "train.epochs=4", "train.lr=0.05", "train.threads=1", "train.batch_size=4096", "train.progress=false",
          "evaluate.bootstrap=20", "explain.enabled=false", "report.enabled=false"]


@pytest.fixture(scope="module")
def partition(tmp_path_factory):
    """A pooled breast-cancer CSV with a hospital column, today's split of it, one training file
    per hospital and the coordinator's file (its val and test rows, marked in a split column)."""
    from tests.federated_partition import hospital_partition

    tmp = tmp_path_factory.mktemp("flower")
    cfg, files, holdout = hospital_partition(tmp, COMMON, seed=0, missing_column="mean radius", ward=True)
    return {"tmp": tmp, "pooled_cfg": cfg, "files": files, "holdout": holdout}


def flower_config(partition, *extra):
    return load_config(None, [f"data.path={partition['holdout']}", "data.split_column=split", *COMMON, *extra])


def _weights(run):
    from safetensors.torch import load_file

    return load_file(run / "model.safetensors")


def test_sites_with_their_own_files_equal_the_pooled_simulation_and_write_a_normal_run(partition, tmp_path):
    from mednn.scoring import predict_file

    pooled = simulate(partition["pooled_cfg"], tmp_path / "pooled")
    run = train_in_process(flower_config(partition), partition["files"], tmp_path / "flower")
    a, b = _weights(pooled), _weights(run)
    assert a.keys() == b.keys()
    for key in a:  # the featurizers agree to ~1e-10, the one round loop does the rest
        np.testing.assert_allclose(b[key].numpy(), a[key].numpy(), rtol=1e-5, atol=1e-7)
    fa = json.loads((pooled / "featurizer.json").read_text())["state"]
    fb = json.loads((run / "featurizer.json").read_text())["state"]
    assert fb["categories"] == fa["categories"] and fb["columns"] == fa["columns"]
    np.testing.assert_allclose(fb["mean"] + fb["std"] + fb["median"], fa["mean"] + fa["std"] + fa["median"],
                               rtol=1e-8)
    ma, mb = (json.loads((r / "metrics.json").read_text()) for r in (pooled, run))
    pa, pb = (json.loads((r / "predictor.json").read_text()) for r in (pooled, run))
    da, db = (json.loads((r / "data.json").read_text()) for r in (pooled, run))
    assert pb["threshold"]["value"] == pytest.approx(pa["threshold"]["value"], rel=1e-5)
    assert mb["test"]["auroc"]["value"] == pytest.approx(ma["test"]["auroc"]["value"], abs=1e-9)
    fed = mb["federated"]
    assert fed["engine"] == "flower" and fed["transport"] == "in-process"
    assert [s["site"] for s in fed["sites"]] == ["east", "north", "south"] == [s["site"] for s in
                                                                               ma["federated"]["sites"]]
    assert fed["rounds_run"] == 4 and fed["bytes_per_round"]["sent"] > 0 and fed["failures"] == []
    assert db["splits"]["train"]["n"] == da["splits"]["train"]["n"]
    # the run is an ordinary one: `mednn predict` scores new rows with it
    scored = predict_file(run, partition["files"]["east"], tmp_path / "scored.csv")
    assert len(scored.read_text().splitlines()) == sum(1 for _ in open(partition["files"]["east"]))


def test_fedprox_adds_the_proximal_term(partition, tmp_path):
    common = ("train.epochs=2", "privacy.federated.local_epochs=3")
    avg = train_in_process(flower_config(partition, *common), partition["files"], tmp_path / "avg")
    prox = train_in_process(flower_config(partition, *common, "privacy.federated.aggregation=fedprox",
                                          "privacy.federated.mu=1.0"), partition["files"], tmp_path / "prox")
    a, b = _weights(avg), _weights(prox)
    assert max(float((a[k] - b[k]).abs().max()) for k in a) > 1e-4
    fed = json.loads((prox / "metrics.json").read_text())["federated"]
    assert fed["strategy"] == "fedprox" and fed["proximal_mu"] == 1.0


class _Drops:
    """The in-process grid, losing every message to ``node`` from its ``at``-th training round."""

    def __init__(self, grid, node: int, at: int):
        self.grid, self.node, self.at, self.rounds = grid, node, at, 0

    def push_messages(self, messages):
        kept = []
        for m in messages:
            if m.metadata.dst_node_id == self.node and m.metadata.message_type == "train":
                self.rounds += 1
                if self.rounds >= self.at:
                    continue  # the connection is gone: no reply will come
            kept.append(m)
        return self.grid.push_messages(kept)

    def __getattr__(self, name):
        return getattr(self.grid, name)

    def __enter__(self):
        self.grid.__enter__()
        return self

    def __exit__(self, *exc):
        return self.grid.__exit__(*exc)


def _dying(partition, cfg):
    from mednn.federation.engines.inprocess import InProcessGrid
    from mednn.federation.engines.inprocess import _FileSite

    makers = {i + 1: _FileSite(cfg, path, name) for i, (name, path) in enumerate(partition["files"].items())}
    return _Drops(InProcessGrid(makers), node=3, at=2)  # node 3: south


def test_a_site_that_dies_mid_run_is_dropped_or_stops_the_run(partition, tmp_path):
    cfg = flower_config(partition, "train.epochs=3")
    run = train_in_process(cfg, partition["files"], tmp_path / "run", min_sites=2, grid=_dying(partition, cfg))
    fed = json.loads((run / "metrics.json").read_text())["federated"]
    assert fed["failures"] == [{"site": "south", "round": 2, "error": "lost the connection", "kind": "failed"}]
    assert fed["rounds_run"] == 3 and fed["min_sites"] == 2
    with pytest.raises(ConfigError, match=r"Round 2: 2 federated site\(s\) left, fewer than --min-sites 3 "
                                          r"\(out: south: lost the connection\); nothing was written"):
        train_in_process(cfg, partition["files"], tmp_path / "stopped", grid=_dying(partition, cfg))
    assert not (tmp_path / "stopped").exists()


def test_dp_runs_at_every_site_and_reports_each_sites_epsilon(partition, tmp_path):
    cfg = flower_config(partition, "train.epochs=2", "privacy.dp=true", "privacy.noise_multiplier=1.0",
                        "privacy.noise_seed=seed", "train.batch_size=32")
    run = train_in_process(cfg, partition["files"], tmp_path / "dp")
    privacy = json.loads((run / "metrics.json").read_text())["privacy"]
    sites = {s["site"]: s["epsilon"] for s in privacy["sites"]}
    assert sorted(sites) == ["east", "north", "south"] and all(e > 0 for e in sites.values())
    assert privacy["epsilon"] == max(sites.values())
    with pytest.raises(ConfigError, match="FedProx's proximal term"):
        train_in_process(flower_config(partition, "train.epochs=2", "privacy.dp=true",
                                       "privacy.federated.aggregation=fedprox"), partition["files"], tmp_path / "x")


def test_a_sites_error_names_the_site_not_its_values(partition, tmp_path):
    import pandas as pd

    bad = tmp_path / "bad.csv"
    frame = pd.read_csv(partition["files"]["east"])
    frame.loc[0, "target"] = "unheard-of-label"
    frame.to_csv(bad, index=False)
    files = dict(partition["files"], east=bad)
    with pytest.raises(DataError, match=r"Federated site '\(node 1\)' failed in the hello "
                                        r"phase: DataError: .*bad.csv: label column 'target'") as info:
        train_in_process(flower_config(partition), files, tmp_path / "run")
    assert "unheard-of-label" not in str(info.value)


def test_image_sites_federate_their_normalisation_and_train(tmp_path, squares_npz):
    from tests.federated_partition import assert_pooled_image_statistics

    files = {f"site{i}": squares_npz([("train", n)], f"site{i}.npz", seed=i + 1) for i, n in enumerate((30, 12, 20))}
    images = [np.load(path)["train_images"] for path in files.values()]
    holdout = squares_npz([("val", 16), ("test", 16)], "coordinator.npz", seed=9)
    cfg = load_config(None, [f"data.path={holdout}", "data.format=medmnist", "train.epochs=2", "train.threads=1",
                             "train.progress=false", "evaluate.bootstrap=10", "explain.enabled=false",
                             "report.enabled=false"])
    run = train_in_process(cfg, files, tmp_path / "run")
    assert_pooled_image_statistics(run, np.concatenate(images)[:, None])
    assert json.loads((run / "data.json").read_text())["splits"]["train"]["n"] == 62


def _central(noise: float, clip: float = 0.5):
    return ["privacy.federated.central_dp.enabled=true", f"privacy.federated.central_dp.noise_multiplier={noise}",
            f"privacy.federated.central_dp.clipping_norm={clip}", "privacy.noise_seed=seed"]


def test_central_dp_noises_the_rounds_and_records_its_epsilon(partition, tmp_path):
    plain = train_in_process(flower_config(partition, "train.epochs=2"), partition["files"], tmp_path / "plain")
    noisy = [train_in_process(flower_config(partition, "train.epochs=2", *_central(1.0)), partition["files"],
                              tmp_path / f"noisy{i}") for i in range(2)]
    a, b, c = _weights(plain), _weights(noisy[0]), _weights(noisy[1])
    # noise of std z*C/m = 0.5/3 per weight: far from the plain run, and the seed reproduces it exactly
    assert max(float((a[k] - b[k]).abs().max()) for k in a) > 0.05
    assert all(np.array_equal(b[k].numpy(), c[k].numpy()) for k in b)
    fed = json.loads((noisy[0] / "metrics.json").read_text())["federated"]
    central = fed["central_dp"]
    assert central["rounds"] == fed["rounds_run"] == 2 and central["sampling_rate"] == 1.0
    assert central["noise_multiplier"] == 1.0 and central["clipping_norm"] == 0.5 and central["delta"] == 1e-5
    assert 0 < central["epsilon"] < float("inf") and "counted once" in fed["aggregation"]
    assert json.loads((plain / "metrics.json").read_text())["federated"]["central_dp"] is None


def test_central_dp_epsilon_falls_as_the_noise_rises():
    from mednn.federation.central_dp import CentralDP

    epsilons = []
    for noise in (0.8, 1.5, 4.0):
        dp = CentralDP(noise, 1.0, 1e-5, seed=0)
        dp.rounds = 20
        epsilons.append(dp.epsilon())
    assert np.isfinite(epsilons).all() and epsilons[0] > epsilons[1] > epsilons[2] > 0
    dp = CentralDP(0.0, 1.0, 1e-5, seed=0)
    dp.rounds = 3
    assert dp.summary()["epsilon"] is None  # clipping without noise: no guarantee


def test_central_dp_clips_each_sites_update(partition, tmp_path):
    """With no noise and a tiny clipping norm the global weights move at most C per round."""
    cfg = flower_config(partition, "train.epochs=1", "train.early_stopping.enabled=false", *_central(0.0, 1e-3))
    run = train_in_process(cfg, partition["files"], tmp_path / "clipped")
    start = train_in_process(flower_config(partition, "train.epochs=1", *_central(0.0, 1e-12)),
                             partition["files"], tmp_path / "still")
    a, b = _weights(run), _weights(start)
    moved = float(np.sqrt(sum(float(((a[k] - b[k]).double() ** 2).sum()) for k in a)))
    assert 0 < moved <= 1e-3 * (1 + 1e-5)


def test_central_dp_is_refused_for_the_in_process_simulation():
    with pytest.raises(ConfigError, match="central_dp is Flower's central DP"):
        load_config(None, ["data.meta_columns=[hospital]", "privacy.federated.site_column=hospital",
                           "privacy.federated.central_dp.enabled=true"])


def test_secure_aggregation_equals_fedavg_to_its_quantization(partition, tmp_path):
    plain = train_in_process(flower_config(partition, "train.epochs=2"), partition["files"], tmp_path / "plain")
    secure = train_in_process(flower_config(partition, "train.epochs=2"), partition["files"], tmp_path / "secure",
                              secagg=8.0)
    a, b = _weights(plain), _weights(secure)
    for key in a:  # SecAgg+ quantizes each site's scaled weights to steps of 16 / 2^22 (4e-6) per round
        np.testing.assert_allclose(b[key].numpy(), a[key].numpy(), rtol=0, atol=3e-5)
    assert max(float((a[k] - b[k]).abs().max()) for k in a) > 0  # the quantization did happen
    fed = json.loads((secure / "metrics.json").read_text())["federated"]
    assert fed["secure_aggregation"].startswith("SecAgg+") and fed["rounds_run"] == 2


def test_secure_aggregation_refuses_what_needs_each_sites_update(partition, tmp_path):
    for extra, message in ((["privacy.federated.central_dp.enabled=true"], "Central DP clips each site's update"),
                           (["privacy.federated.aggregation=median"], "SecAgg\\+ sums the sites' row-weighted")):
        with pytest.raises(ConfigError, match=message):
            train_in_process(flower_config(partition, *extra), partition["files"], tmp_path / "x", secagg=8.0)
    with pytest.raises(ConfigError, match="at least 2 sites"):
        train_in_process(flower_config(partition), {"east": partition["files"]["east"]}, tmp_path / "y", secagg=8.0)


def test_a_model_auto_run_records_the_network_it_trained_and_predicts(partition, tmp_path):
    """The file-per-site engine (the deployment engine's train_sites + write_run, in this process):
    `model: auto` is resolved once; model.json and the weights describe one network, the same as
    the pooled simulation's (trial 8: model.json said mlp [5] over the recipe's [64, 32] weights)."""
    from mednn.scoring import predict_file

    common = [o for o in COMMON if not o.startswith("model.")] + ["train.epochs=2"]
    cfg = load_config(None, [f"data.path={partition['holdout']}", "data.split_column=split", *common])
    assert cfg.model.name == "auto" and not cfg.model.hparams
    run = train_in_process(cfg, partition["files"], tmp_path / "auto")
    pooled_cfg = partition["pooled_cfg"].to_dict()
    pooled_cfg["model"], pooled_cfg["train"]["epochs"] = {"name": "auto"}, 2
    pooled = simulate(type(cfg).model_validate(pooled_cfg), tmp_path / "pooled")
    info, pooled_info = (json.loads((r / "model.json").read_text()) for r in (run, pooled))
    assert info["name"] == pooled_info["name"]
    assert info["hparams"]["hidden_sizes"] == pooled_info["hparams"]["hidden_sizes"] != [5]
    scored = predict_file(run, partition["files"]["east"], tmp_path / "scored.csv")
    assert len(scored.read_text().splitlines()) == sum(1 for _ in open(partition["files"]["east"]))

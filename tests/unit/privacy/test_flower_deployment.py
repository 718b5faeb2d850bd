"""The Deployment Engine's pieces without processes: a site rebuilt from its Context.state for
every message trains exactly as a long-lived one (DP-SGD accountant and noise included), and the
commands that start Flower's processes check their arguments."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("flwr")

from mednn.config import dump_config, load_config  # noqa: E402
from mednn.errors import ConfigError, DataError  # noqa: E402
from mednn.federation import train_in_process  # noqa: E402
from mednn.federation import deployment  # noqa: E402

COMMON = ["data.label=target", "data.id_column=rid", "data.meta_columns=[hospital]", "data.positive_class=malignant",
          "model.name=mlp", "model.hidden_sizes=[8]", "train.epochs=2", "train.lr=0.05", "train.threads=1",
          "train.batch_size=32", "train.progress=false", "evaluate.bootstrap=20", "explain.enabled=false",
          "report.enabled=false", "data.split_column=split", "privacy.dp=true", "privacy.noise_multiplier=1.0",
          "privacy.noise_seed=seed", "train.early_stopping.enabled=false"]


@pytest.fixture(scope="module")
def partition(tmp_path_factory):
    from tests.federated_partition import hospital_partition

    tmp = tmp_path_factory.mktemp("deploy")
    _, files, holdout = hospital_partition(tmp, COMMON[:5], seed=2, missing_column="mean radius")
    cfg = load_config(None, [f"data.path={holdout}", *COMMON])
    config = tmp / "fed.yaml"
    config.write_text(dump_config(cfg))
    return {"tmp": tmp, "cfg": cfg, "files": files, "config": config}


def _fresh_process_sites(partition, contexts):
    """Client proxies that build a new site from its Context for every message, as a SuperNode's
    per-message ClientApp process does (the Context is what the SuperNode keeps)."""
    from flwr.app import Context, RecordDict
    from flwr.server.client_proxy import ClientProxy

    class PerMessage(ClientProxy):
        def __init__(self, name, path):
            super().__init__(f"node-{name}")
            contexts[name] = self.context = Context(run_id=1, node_id=len(contexts) + 1, state=RecordDict(),
                                                    run_config={}, node_config={"config": str(partition["config"]),
                                                                                "data": str(path), "name": name})

        def fit(self, ins, timeout, group_id):
            return deployment._client_fn(self.context).fit(ins)

        def get_properties(self, ins, timeout, group_id):
            raise NotImplementedError

        def get_parameters(self, ins, timeout, group_id):
            raise NotImplementedError

        def evaluate(self, ins, timeout, group_id):
            raise NotImplementedError

        def reconnect(self, ins, timeout, group_id):
            raise NotImplementedError

    return [PerMessage(name, path) for name, path in partition["files"].items()]


def test_a_site_rebuilt_for_every_message_trains_as_a_long_lived_one(partition, tmp_path):
    from safetensors.torch import load_file

    long_lived = train_in_process(partition["cfg"], partition["files"], tmp_path / "long-lived")
    contexts: dict = {}
    rebuilt = train_in_process(partition["cfg"], partition["files"], tmp_path / "rebuilt",
                               proxies=_fresh_process_sites(partition, contexts))
    a, b = load_file(long_lived / "model.safetensors"), load_file(rebuilt / "model.safetensors")
    for key in a:  # DP-SGD's Poisson batches and noise continue from the saved generator states
        np.testing.assert_array_equal(b[key].numpy(), a[key].numpy())
    pa, pb = (json.loads((r / "metrics.json").read_text())["privacy"] for r in (long_lived, rebuilt))
    assert pb["sites"] == pa["sites"] and pb["steps"] == pa["steps"] > 0  # the accountant carried its steps
    saved = contexts["east"].state.config_records[deployment.STATE]
    assert set(saved) >= {"json", "generator", "noise"} and json.loads(saved["json"])["dp_steps"] > 0


def test_a_site_with_a_broken_node_config_answers_with_the_error(partition):
    from flwr.app import Context, RecordDict
    from flwr.common import FitIns, ndarrays_to_parameters

    context = Context(run_id=1, node_id=1, state=RecordDict(), run_config={},
                      node_config={"config": str(partition["config"]), "data": "/nowhere/site.csv"})
    res = deployment._client_fn(context).fit(FitIns(ndarrays_to_parameters([]), {"phase": "hello", "payload": "{}"}))
    assert res.metrics["error"].startswith("DataError: The site's data file '/nowhere/site.csv' does not exist")


def test_the_app_and_the_flower_commands(partition, tmp_path):
    app = deployment.write_app(tmp_path / "app")
    toml = tomllib.loads((app / "pyproject.toml").read_text())
    assert toml["tool"]["flwr"]["app"]["components"] == {"serverapp": "mednn_flower_app:server_app",
                                                         "clientapp": "mednn_flower_app:client_app"}
    assert "build_client_app()" in (app / "mednn_flower_app.py").read_text()
    link = deployment.superlink_command(address="127.0.0.1:9092", insecure=True)
    assert Path(link[0]).name == "flower-superlink" and link[1:6] == ["--host", "127.0.0.1", "--port", "9092",
                                                                       "--insecure"]
    node = deployment.supernode_command(config=partition["config"], data=partition["files"]["east"],
                                        superlink="127.0.0.1:9092", insecure=True, runtime_port=9100)
    config = node[node.index("--node-config") + 1]
    assert f'data="{partition["files"]["east"].resolve()}"' in config and 'name="east"' in config
    with pytest.raises(ConfigError, match="SuperNode authentication needs TLS"):
        deployment.superlink_command(address="127.0.0.1:9092", insecure=True, supernode_auth=True)
    with pytest.raises(ConfigError, match="TLS needs --ssl-certfile, --ssl-keyfile"):
        deployment.superlink_command(address="127.0.0.1:9092", ca=partition["config"])
    with pytest.raises(ConfigError, match="--insecure cannot be combined"):
        deployment.supernode_command(config=partition["config"], data=partition["files"]["east"],
                                     superlink="x:1", insecure=True, root_certificates=partition["config"])
    with pytest.raises(DataError, match="does not exist"):
        deployment.supernode_command(config=partition["config"], data=tmp_path / "none.csv", superlink="x:1",
                                     insecure=True)
    with pytest.raises(ConfigError, match=r"No SuperLink answers at 127.0.0.1:1 within 0 s"):
        deployment.submit(partition["cfg"], superlink="127.0.0.1:1", sites=3, data=partition["files"]["east"],
                          out=tmp_path / "run", insecure=True, wait=0)


def test_secure_aggregation_refuses_central_dp_and_a_single_site(partition):
    from types import SimpleNamespace

    def coordinator(n, *extra):
        return SimpleNamespace(cfg=load_config(None, [f"data.path={partition['files']['east']}", *extra]),
                               n_sites=n, min_sites=n, round_timeout=None)

    with pytest.raises(ConfigError, match="Central DP clips each site's update at the coordinator"):
        deployment.SecureRounds(None, None, coordinator(3, "privacy.federated.central_dp.enabled=true"))
    with pytest.raises(ConfigError, match="at least 2 sites"):
        deployment.SecureRounds(None, None, coordinator(1))
    secure = deployment.SecureRounds(None, None, coordinator(2), clipping_range=4.0)  # two sites: Flower's float form
    assert secure.workflow(2, 2, 10.0).reconstruction_threshold == 1.0

"""The Deployment Engine's pieces without Flower's processes: the app, the commands (127.0.0.1
by default, TLS and SuperNode authentication unless --insecure on loopback), the sites file,
the ClientApp's error replies, the SuperNode's shortened poll."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

pytest.importorskip("flwr")

from mednn.config import dump_config, load_config  # noqa: E402
from mednn.errors import ConfigError, DataError  # noqa: E402
from mednn.federation.engines import deployment  # noqa: E402


@pytest.fixture
def site(tmp_path):
    data = tmp_path / "east.csv"
    data.write_text("rid,x,target\nr1,1.0,a\nr2,2.0,b\n", encoding="utf-8")
    config = tmp_path / "fed.yaml"
    config.write_text(dump_config(load_config(None, [f"data.path={data}", "data.label=target"])))
    return {"data": data, "config": config, "tmp": tmp_path}


def test_the_app_names_mednns_server_and_client_apps(tmp_path):
    app = deployment.write_app(tmp_path / "app")
    toml = tomllib.loads((app / "pyproject.toml").read_text())
    assert toml["tool"]["flwr"]["app"]["components"] == {"serverapp": "mednn_flower_app:server_app",
                                                         "clientapp": "mednn_flower_app:client_app"}
    assert f'{toml["tool"]["flwr"]["app"]["publisher"]}/{toml["project"]["name"]}' == deployment.APP_ID
    assert "build_client_app()" in (app / "mednn_flower_app.py").read_text()


def test_the_superlink_binds_loopback_and_authenticates_supernodes_by_default(site):
    ca = site["config"]  # any existing file stands in for a certificate here
    link = deployment.superlink_command(ca=ca, cert=ca, key=ca)
    assert Path(link[0]).name == "flower-superlink" and link[1:5] == ["--host", "127.0.0.1", "--port", "9092"]
    assert link[-1] == "--enable-supernode-auth" and "--insecure" not in link
    assert deployment.superlink_command(insecure=True)[-1] == "--insecure"
    with pytest.raises(ConfigError, match="TLS needs --ssl-ca-certfile, --ssl-certfile, --ssl-keyfile"):
        deployment.superlink_command()
    with pytest.raises(ConfigError, match="--insecure on 0.0.0.0 would let anyone who reaches the port join"):
        deployment.superlink_command(address="0.0.0.0:9092", insecure=True)


def test_the_supernode_runs_in_process_isolation_with_its_node_config(site):
    node = deployment.supernode_command(config=site["config"], data=site["data"], superlink="127.0.0.1:9092",
                                        insecure=True, runtime_port=9100)
    assert node[1:3] == ["-m", "mednn.federation.engines.supernode_process"]
    assert node[node.index("--isolation") + 1] == "process" and node[node.index("--host") + 1] == "127.0.0.1"
    config = node[node.index("--node-config") + 1]
    assert f'data="{site["data"].resolve()}"' in config and 'name="east"' in config
    with pytest.raises(ConfigError, match="TLS needs --root-certificates, --auth-supernode-private-key"):
        deployment.supernode_command(config=site["config"], data=site["data"], superlink="fl.example.org:9092")
    with pytest.raises(ConfigError, match="--insecure cannot be combined"):
        deployment.supernode_command(config=site["config"], data=site["data"], superlink="127.0.0.1:1",
                                     insecure=True, root_certificates=site["config"])
    with pytest.raises(ConfigError, match="--insecure on fl.example.org"):
        deployment.supernode_command(config=site["config"], data=site["data"], superlink="fl.example.org:1",
                                     insecure=True)
    with pytest.raises(DataError, match="does not exist"):
        deployment.supernode_command(config=site["config"], data=site["tmp"] / "none.csv", superlink="127.0.0.1:1",
                                     insecure=True)


def test_submit_refuses_before_any_site_works(site):
    cfg = load_config(site["config"])
    with pytest.raises(ConfigError, match=r"No SuperLink answers at 127.0.0.1:1 within 0 s"):
        deployment.submit(cfg, superlink="127.0.0.1:1", sites=3, data=site["data"], out=site["tmp"] / "run",
                          insecure=True, wait=0)
    bad = site["tmp"] / "sites.yaml"
    bad.write_text("sites: {north: {rows: many}}\n")
    with pytest.raises(ConfigError, match="Site 'north' in .* declares no whole number of rows"):
        deployment.submit(cfg, superlink="127.0.0.1:1", sites=1, data=site["data"], out=site["tmp"] / "run",
                          insecure=True, wait=0, sites_file=bad)
    assert not (site["tmp"] / "run").exists()


def test_a_site_with_a_broken_node_config_answers_with_the_error(site):
    from flwr.app import Context, RecordDict

    from mednn.federation import messages
    from mednn.federation.messages import new_message, task_identity

    app = deployment.build_client_app()
    context = Context(run_id=1, node_id=1, state=RecordDict(), run_config={},
                      node_config={"config": str(site["config"]), "data": "/nowhere/site.csv"})
    request = new_message(messages.request("hello", {}), 1, "hello")
    request.metadata.__dict__["_message_id"] = "m1"
    with task_identity(node_id=1):
        reply = app(request, context)
    assert messages.read_reply(reply).startswith("DataError: The site's data file '/nowhere/site.csv' does not exist")


def test_the_supernodes_idle_poll_is_shortened():
    import time

    import flwr.supernode.start_client_internal as loop

    from mednn.federation.engines import supernode_process

    assert loop.time is time  # the loop mednn shortens is this flwr version's
    t0 = time.perf_counter()
    supernode_process._ShortSleep().sleep(3)
    assert time.perf_counter() - t0 < 1 and supernode_process._ShortSleep().monotonic() > 0

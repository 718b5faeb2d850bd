"""Flower's Deployment Engine with real processes on 127.0.0.1: `mednn federated superlink`,
three `mednn federated supernode` processes (each a SuperNode in process isolation mode and a
long-lived mednn ClientApp process) and `mednn federated run`; the run equals the in-process
engine's FedAvg on the same partition exactly, and a SuperLink with TLS and SuperNode
authentication admits only registered SuperNodes.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("flwr")

import mednn  # noqa: E402

pytestmark = pytest.mark.slow

COMMON = ["data.label=target", "data.id_column=rid", "data.meta_columns=[hospital]", "data.positive_class=malignant",
          "model.name=mlp", "model.hidden_sizes=[8]",  # no dropout: the two FedAvg paths must agree exactly
          "train.epochs=2", "train.lr=0.05", "train.threads=1", "train.batch_size=4096", "train.progress=false",
          "evaluate.bootstrap=20", "explain.enabled=false", "report.enabled=false", "data.split_column=split",
          "train.early_stopping.enabled=false"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(args, env, log: Path):
    return subprocess.Popen([sys.executable, "-m", "mednn", "federated", *args], env=env, stdout=log.open("w"),
                            stderr=subprocess.STDOUT, start_new_session=True)  # its own group: stopped as one


def _stop(proc) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    try:  # a ClientApp or SuperExec child left behind
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """A SuperLink and three SuperNodes (north, south, east) on 127.0.0.1, each SuperNode on its
    own hospital's file, and the in-process Flower FedAvg of the same partition to compare with."""
    from mednn.config import dump_config, load_config
    from mednn.federation import train_in_process
    from tests.federated_partition import hospital_partition

    tmp_path = tmp_path_factory.mktemp("deployment")
    _, files, holdout = hospital_partition(tmp_path, COMMON[:-2], seed=1, missing_column="mean texture")
    cfg = load_config(None, [f"data.path={holdout}", *COMMON])
    config = tmp_path / "fed.yaml"
    config.write_text(dump_config(cfg))
    env = dict(os.environ, PYTHONPATH=str(Path(mednn.__file__).parents[1]), FLWR_HOME=str(tmp_path / "flwr"))
    address = f"127.0.0.1:{_free_port()}"
    procs = [_start(["superlink", "--address", address, "--insecure", "--log", str(tmp_path / "superlink-flwr.log")],
                    env, tmp_path / "superlink.log")]
    procs += [_start(["supernode", str(config), "--data", str(path), "--superlink", address, "--insecure",
                      "--name", name, "--runtime-port", str(_free_port()), "--log", str(tmp_path / f"{name}-flwr.log")],
                     env, tmp_path / f"{name}.log")
              for name, path in files.items()]
    try:
        expected = train_in_process(cfg, files, tmp_path / "in-process")  # while the processes start
        yield {"tmp": tmp_path, "config": config, "env": env, "address": address, "holdout": holdout,
               "expected": expected}
    finally:
        for proc in procs:
            _stop(proc)


def _flwr_run(deployment, label: str, extra: list[str]):
    """`mednn federated run` against the deployment: the run directory, its weights, its output."""
    from safetensors.torch import load_file

    tmp = deployment["tmp"]
    done = subprocess.run([sys.executable, "-m", "mednn", "federated", "run", str(deployment["config"]), "--sites", "3",
                           "--superlink", deployment["address"], "--insecure", "--data", str(deployment["holdout"]),
                           "--wait", "120", "--out", str(tmp / label), "--log", str(tmp / f"run-{label}.log"), *extra],
                          env=deployment["env"], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:] + (tmp / f"run-{label}.log").read_text()[-3000:]
    run = Path(done.stdout.strip().splitlines()[-1])
    fed = json.loads((run / "metrics.json").read_text())["federated"]
    assert fed["transport"] == "deployment" and [s["site"] for s in fed["sites"]] == ["east", "north", "south"]
    assert fed["rounds_run"] == 2
    return run, load_file(run / "model.safetensors"), load_file(deployment["expected"] / "model.safetensors"), done


def test_superlink_three_supernodes_and_flwr_run_equal_in_process_fedavg(deployment):
    run, weights, expected, done = _flwr_run(deployment, "plain", [])
    for key in expected:  # the same coordinator, sites and float64 FedAvg: bit for bit
        np.testing.assert_array_equal(weights[key].numpy(), expected[key].numpy())
    # mednn's own round lines reach the user; Flower's banners and logs do not
    assert "round 1: 3 sites" in done.stderr and "round 2: 3 sites" in done.stderr
    assert "deprecated" not in done.stderr.lower() and "INFO" not in done.stderr and "flwr" not in done.stderr
    # a long-lived ClientApp per site: a round (one message per site) took 2.9 s at a load of 11 on
    # two cores, against 20 s with a fresh ClientApp process per message (docs/benchmarks.md); the
    # bound leaves room for a loaded machine but not for a process start per message
    seconds = json.loads((run / "metrics.json").read_text())["federated"]["seconds_per_round"]
    assert seconds < 8.0, seconds


@pytest.mark.heavy  # a SecAgg+ round is 4 messages per site, each waited for in Flower's 3-s grid steps
def test_secagg_plus_run_equals_in_process_fedavg_to_its_quantization(deployment):
    run, secure, expected, _ = _flwr_run(deployment, "secagg", ["--secagg"])
    for key in expected:  # SecAgg+ quantizes each site's scaled weights to steps of 16 / 2^22 (4e-6) per round
        np.testing.assert_allclose(secure[key].numpy(), expected[key].numpy(), rtol=0, atol=3e-5)
    assert max(float((secure[k] - expected[k]).abs().max()) for k in expected) > 0  # the quantization happened
    assert json.loads((run / "metrics.json").read_text())["federated"]["secure_aggregation"].startswith("SecAgg+")


def _tls_and_node_keys(folder: Path) -> dict[str, Path]:
    """A throw-away CA, a SuperLink certificate for 127.0.0.1, and two SuperNode key pairs."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.timezone.utc)

    def certificate(subject, issuer, public_key, signer, extensions):
        builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
                   .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
                   .not_valid_after(now + datetime.timedelta(days=1)))
        for extension, critical in extensions:
            builder = builder.add_extension(extension, critical=critical)
        return builder.sign(signer, hashes.SHA256())

    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mednn test CA")])
    ca = certificate(ca_name, ca_name, ca_key.public_key(), ca_key, [(x509.BasicConstraints(ca=True, path_length=None),
                                                                      True)])
    server = certificate(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]), ca_name, key.public_key(),
                         ca_key, [(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                   False)])
    files = {"ca": folder / "ca.pem", "cert": folder / "server.pem", "key": folder / "server.key"}
    files["ca"].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    files["cert"].write_bytes(server.public_bytes(serialization.Encoding.PEM))
    files["key"].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    for node in ("registered", "stranger"):
        node_key = ec.generate_private_key(ec.SECP384R1())
        files[node] = folder / node
        files[node].write_bytes(node_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                                                       serialization.NoEncryption()))
        (folder / f"{node}.pub").write_bytes(node_key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                                                                serialization.PublicFormat.OpenSSH))
    return files


def test_tls_superlink_admits_only_registered_supernodes(tmp_path):
    import time

    from mednn.config import dump_config, load_config

    files = _tls_and_node_keys(tmp_path)
    data = tmp_path / "site.csv"
    data.write_text("rid,x,target\nr1,1.0,a\nr2,2.0,b\n")
    config = tmp_path / "fed.yaml"
    config.write_text(dump_config(load_config(None, [f"data.path={data}", "data.label=target"])))
    port = _free_port()
    home = tmp_path / "flwr"
    home.mkdir()
    (home / "config.toml").write_text(f'[superlink]\ndefault = "local"\n\n[superlink.local]\n'
                                      f'address = "127.0.0.1:{port}"\nroot-certificates = "{files["ca"]}"\n')
    env = dict(os.environ, PYTHONPATH=str(Path(mednn.__file__).parents[1]), FLWR_HOME=str(home))
    flwr = str(Path(sys.executable).parent / "flwr")
    link = _start(["superlink", "--address", f"127.0.0.1:{port}", "--ssl-ca-certfile", str(files["ca"]),
                   "--ssl-certfile", str(files["cert"]), "--ssl-keyfile", str(files["key"]),
                   ], env, tmp_path / "superlink.log")  # SuperNode authentication: on by default
    nodes = []
    try:
        deadline = time.monotonic() + 180
        while True:  # the SuperLink's port, over TLS: registering through its Control API
            registered = subprocess.run([flwr, "supernode", "register", str(tmp_path / "registered.pub"), "local"],
                                        env=env, capture_output=True, text=True, timeout=120)
            if registered.returncode == 0 or time.monotonic() > deadline:
                break
            time.sleep(3)
        assert "registered successfully" in registered.stdout, registered.stdout + registered.stderr
        nodes = [_start(["supernode", str(config), "--data", str(data), "--superlink", f"127.0.0.1:{port}",
                         "--root-certificates", str(files["ca"]), "--auth-supernode-private-key", str(files[who]),
                         "--runtime-port", str(_free_port()), "--name", who, "--log", str(tmp_path / f"{who}-flwr.log")],
                        env, tmp_path / f"{who}.log")
                 for who in ("registered", "stranger")]
        assert nodes[1].wait(timeout=240) != 0  # the stranger's key was never registered: refused
        assert "Failed to activate SuperNode" in (tmp_path / "stranger-flwr.log").read_text()
        assert "The SuperNode stopped (exit status" in (tmp_path / "stranger.log").read_text()
        online = ""
        while "online" not in online and time.monotonic() < deadline + 240:
            time.sleep(3)
            online = subprocess.run([flwr, "supernode", "ls", "local", "--format", "json"], env=env,
                                    capture_output=True, text=True, timeout=120).stdout
        listed = json.loads(online[online.index("{"):])
        assert [n["status"] for n in listed["nodes"]] == ["online"], online  # the registered one, and only it
        assert nodes[0].poll() is None
    finally:
        for proc in (link, *nodes):
            _stop(proc)

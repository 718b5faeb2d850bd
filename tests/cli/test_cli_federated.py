"""`mednn federated server` / `site`: bad options are one line (exit 2), never a traceback."""

import pytest

pytest.importorskip("flwr")


def _config(tmp_path):
    path = tmp_path / "fed.yaml"
    path.write_text("name: fed\ndata:\n  label: target\n", encoding="utf-8")
    return path


def test_server_refuses_half_a_tls_setup_and_unknown_strategies(cli, tmp_path):
    cfg = _config(tmp_path)
    (tmp_path / "ca.pem").write_text("x")
    code, _, err = cli("federated", "server", cfg, "--sites", "2", "--ssl-ca-certfile", tmp_path / "ca.pem",
                       "--out", tmp_path / "run")
    assert code == 2 and "TLS needs all of --ssl-ca-certfile, --ssl-certfile and --ssl-keyfile" in err
    assert "Traceback" not in err and not (tmp_path / "run").exists()


def test_site_names_a_missing_data_file(cli, tmp_path):
    code, _, err = cli("federated", "site", _config(tmp_path), "--data", tmp_path / "absent.csv",
                       "--server", "127.0.0.1:9")
    assert code == 2 and "absent.csv" in err and "does not exist" in err and "Traceback" not in err


def test_site_gives_up_clearly_when_no_coordinator_listens(cli, tmp_path):
    data = tmp_path / "site.csv"
    data.write_text("x,target\n1,a\n2,b\n", encoding="utf-8")
    code, _, err = cli("federated", "site", _config(tmp_path), "--data", data, "--server", "127.0.0.1:9",
                       "--wait", "1")
    assert code == 2 and "could not reach within 1 s the coordinator at 127.0.0.1:9" in err
    assert "Traceback" not in err

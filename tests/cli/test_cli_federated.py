"""`mednn federated superlink|supernode|run`: bad options are one line (exit 2), never a traceback."""

import pytest

pytest.importorskip("flwr")


def _config(tmp_path):
    path = tmp_path / "fed.yaml"
    path.write_text("name: fed\ndata:\n  label: target\n", encoding="utf-8")
    return path


def test_superlink_refuses_open_joins_off_loopback_and_half_a_tls_setup(cli, tmp_path):
    code, _, err = cli("federated", "superlink", "--address", "0.0.0.0:9092", "--insecure")
    assert code == 2 and "--insecure on 0.0.0.0 would let anyone who reaches the port join" in err
    (tmp_path / "ca.pem").write_text("x")
    code, _, err = cli("federated", "superlink", "--ssl-ca-certfile", tmp_path / "ca.pem")
    assert code == 2 and "TLS needs --ssl-certfile, --ssl-keyfile" in err and "Traceback" not in err


def test_supernode_names_a_missing_data_file(cli, tmp_path):
    code, _, err = cli("federated", "supernode", _config(tmp_path), "--data", tmp_path / "absent.csv",
                       "--superlink", "127.0.0.1:9", "--insecure")
    assert code == 2 and "absent.csv" in err and "does not exist" in err and "Traceback" not in err


def test_run_gives_up_clearly_when_no_superlink_listens(cli, tmp_path):
    data = tmp_path / "holdout.csv"
    data.write_text("x,target\n1,a\n2,b\n", encoding="utf-8")
    code, _, err = cli("federated", "run", _config(tmp_path), "--sites", "2", "--data", data, "--superlink",
                       "127.0.0.1:9", "--insecure", "--wait", "0", "--out", tmp_path / "run")
    assert code == 2 and "No SuperLink answers at 127.0.0.1:9 within 0 s" in err and "Traceback" not in err
    assert not (tmp_path / "run").exists()

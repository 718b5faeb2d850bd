"""mednn serve on a hospital network: every bound answers 4xx / 503 (never 500), every answer is
marked not to be cached or sniffed, no banner, no API docs, and every request has an audit line."""

from __future__ import annotations

import json
import socket
import threading
import time
from contextlib import contextmanager

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httptools")

from tests.cli.conftest import breast_cancer_run  # noqa: E402


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    return breast_cancer_run(tmp_path_factory, "train.epochs=3", "evaluate.bootstrap=0")


@pytest.fixture(scope="module")
def record():
    from sklearn.datasets import load_breast_cancer

    return load_breast_cancer(as_frame=True).frame.drop(columns=["target"]).iloc[0].to_dict()


@contextmanager
def serving(run_dir, **settings):
    """The run behind the real HTTP server (uvicorn, bounded) on a free loopback port."""
    import uvicorn

    from mednn.serving import make_app
    from mednn.serving.http import uvicorn_config
    from mednn.serving.security import ServeSecurity

    security = ServeSecurity(**settings)
    app = make_app(run_dir, security=security)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn_config(app, security))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.02)
    try:
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()


def exchange(port: int, raw: bytes, wait: float = 10.0) -> bytes:
    """Send ``raw``; everything the server answers until it closes or goes quiet."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(raw)
        return _read(s)


def _read(s: socket.socket) -> bytes:
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
            if b"\r\n\r\n" in data:
                head, _, body = data.partition(b"\r\n\r\n")
                length = [int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")]
                if length and len(body) >= length[0]:
                    break
    except socket.timeout:
        pass
    return data


def status(answer: bytes) -> int:
    return int(answer[9:12])


def post(body: bytes, extra: bytes = b"") -> bytes:
    return (b"POST /predict HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\n" + extra + b"\r\n" + body)


def test_headers_size_count_and_time_are_bounded_by_the_server(run_dir, tmp_path):
    from mednn.serving.audit import AuditLog

    log = tmp_path / "audit.log"
    with serving(run_dir, max_header_bytes=4096, max_headers=20, header_timeout_seconds=0.6,
                 audit=AuditLog(log)) as port:
        big = exchange(port, b"GET /health HTTP/1.1\r\nHost: t\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n")
        many = exchange(port, b"GET /health HTTP/1.1\r\nHost: t\r\n"
                        + b"".join(b"X-H%d: 1\r\n" % i for i in range(50)) + b"\r\n")
        assert status(big) == 431 and status(many) == 431
        assert b"4096 bytes" in big and b"20 header fields" in many
        # a client trickling its headers is answered 408 and closed at the time limit, however slowly it sends
        started = time.perf_counter()
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(b"GET /health HTTP/1.1\r\nHost: t\r\n")
            answer = b""
            for _ in range(40):
                try:
                    s.sendall(b"X")
                except OSError:
                    break
                time.sleep(0.1)
                s.setblocking(False)
                try:
                    answer += s.recv(4096)
                except BlockingIOError:
                    pass
                s.setblocking(True)
                if answer:
                    break
        assert status(answer) == 408 and time.perf_counter() - started < 3
        assert status(exchange(port, b"GET /health HTTP/1.1\r\nHost: t\r\n\r\n")) == 200
    refused = [json.loads(line) for line in log.read_text().splitlines()[1:]]
    assert sorted(e["status"] for e in refused if "refused" in e) == [408, 431, 431]
    assert all(len(e["request"]) == 16 for e in refused)


def test_connections_past_the_limit_get_503_and_a_line_in_the_audit(run_dir, tmp_path):
    from mednn.serving.audit import AuditLog

    log = tmp_path / "audit.log"
    with serving(run_dir, max_connections=3, audit=AuditLog(log)) as port:
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
        try:
            time.sleep(0.2)
            assert status(exchange(port, b"GET /health HTTP/1.1\r\nHost: t\r\n\r\n")) == 503
        finally:
            for s in idle:
                s.close()
        time.sleep(0.3)
        assert status(exchange(port, b"GET /health HTTP/1.1\r\nHost: t\r\n\r\n")) == 200
    assert any(json.loads(line).get("status") == 503 for line in log.read_text().splitlines()[1:])


def test_answers_are_not_cached_nor_sniffed_carry_a_request_id_and_no_banner(run_dir, record):
    with serving(run_dir) as port:
        ok = exchange(port, post(json.dumps({"records": [record]}).encode()))
        head = ok.partition(b"\r\n\r\n")[0].lower()
        assert status(ok) == 200
        assert b"cache-control: no-store" in head and b"x-content-type-options: nosniff" in head
        assert b"x-request-id: " in head and b"server:" not in head
        for path in (b"/docs", b"/redoc", b"/openapi.json"):  # no Swagger UI from a CDN, no schema
            assert status(exchange(port, b"GET " + path + b" HTTP/1.1\r\nHost: t\r\n\r\n")) == 404


@pytest.mark.parametrize("body,expected", [
    (b'{"records":' + b"[" * 1000 + b"]" * 1000 + b"}", 400),  # nested 1,000 deep: the parser's limit
    (b'{"records": [{"mean radius": NaN}]}', 422),
    (b'{"records": [{"mean radius": 1e999}]}', 422),
    (b'{"records": [{"mean radius": true}]}', 422),
    (b'{"records": [{"mean radius": {"a": 1}}]}', 422),
    (b'{"records": []}', 422),
    (b'{"records": [' + b'{"a": 1},' * 10 + b'{"a": 1}]}', 413),  # 11 records, the limit is 10
    (b"\xff\xfe", 422),
    (b'{"records": [{"mean radius": 1}], "extra": 1}', 422),
])
def test_request_bodies_are_bounded_and_strict(run_dir, body, expected):
    from fastapi.testclient import TestClient

    from mednn.serving import make_app
    from mednn.serving.security import ServeSecurity

    client = TestClient(make_app(run_dir, security=ServeSecurity(max_records=10)))
    reply = client.post("/predict", content=body, headers={"Content-Type": "application/json"})
    assert reply.status_code == expected, reply.text
    assert "NaN" not in reply.text and "999" not in reply.text.replace("10", "")


def test_a_boolean_is_not_a_number_and_null_is_a_missing_value(run_dir, record):
    from fastapi.testclient import TestClient

    from mednn.serving import make_app

    client = TestClient(make_app(run_dir))
    flagged = client.post("/predict", json={"records": [dict(record, **{"mean area": True})]})
    assert flagged.status_code == 422 and "column 'mean area'" in flagged.json()["detail"]
    assert "true/false" in flagged.json()["detail"]
    for missing in (None, "NA", "", "null"):
        reply = client.post("/predict", json={"records": [dict(record, **{"mean area": missing})]})
        assert reply.status_code == 200, (missing, reply.text)
    # a missing value is imputed as in `mednn predict`: the same answer as the training median
    from mednn.predictor import Predictor

    predictor = Predictor.load(run_dir)
    median = predictor.featurizer.median_[predictor.featurizer.numeric_.index("mean area")]
    imputed = client.post("/predict", json={"records": [dict(record, **{"mean area": None})]}).json()
    filled = client.post("/predict", json={"records": [dict(record, **{"mean area": median})]}).json()
    assert imputed["predictions"][0]["p:malignant"] == pytest.approx(filled["predictions"][0]["p:malignant"])


@pytest.mark.parametrize("option,value", [("--rate-limit", "nan"), ("--rate-limit", "-1"), ("--timeout", "nan"),
                                          ("--timeout", "inf"), ("--timeout", "0"), ("--max-body", "-5"),
                                          ("--header-timeout", "nan"), ("--max-connections", "0")])
def test_options_that_are_not_finite_or_in_range_are_refused_at_start(cli, run_dir, option, value):
    code, _, err = cli("serve", run_dir, option, value, "--port", "1")
    assert code == 2 and option in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_keys_over_plain_http_beyond_this_machine_need_insecure(cli, run_dir, tmp_path):
    from mednn.serving.security import add_key

    keys = tmp_path / "keys.json"
    add_key(keys, "gateway")
    code, _, err = cli("serve", run_dir, "--host", "0.0.0.0", "--api-keys", keys, "--port", "1")
    assert code == 2 and "plain HTTP" in err and "--insecure" in err


def test_an_aborted_request_has_its_audit_line(run_dir, tmp_path):
    from mednn.serving.audit import AuditLog

    log = tmp_path / "audit.log"
    with serving(run_dir, audit=AuditLog(log)) as port:
        with socket.create_connection(("127.0.0.1", port)) as s:  # promises 1,000 bytes, sends 10, leaves
            s.sendall(b"POST /predict HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 1000\r\n\r\n{\"records\"")
            time.sleep(0.3)
        time.sleep(0.5)
    entries = [json.loads(line) for line in log.read_text().splitlines()[1:]]
    assert any(e.get("aborted") and e["route"] == "/predict" for e in entries), entries


def test_serve_audit_verify_says_intact_or_names_the_break(cli, tmp_path):
    from mednn.serving.audit import AuditLog

    path = tmp_path / "audit.log"
    log = AuditLog(path)
    for i in range(4):
        log.write({"request": f"r{i}", "status": 200})
    log.close()
    code, out, _ = cli("serve-audit", "verify", path)
    assert code == 0 and "chain intact" in out and log.head in out
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:2] + lines[3:]) + "\n")
    code, _, err = cli("serve-audit", "verify", path)
    assert code == 2 and "line 3" in err and "Traceback" not in err


def test_serve_refuses_an_audit_log_that_is_not_its_own_before_it_starts(cli, run_dir, tmp_path):
    data = tmp_path / "data.csv"
    data.write_text("age,outcome\n61,1\n")
    code, _, err = cli("serve", run_dir, "--audit-log", data, "--port", "1")
    assert code == 2 and "not a mednn audit log" in err and data.read_text() == "age,outcome\n61,1\n"

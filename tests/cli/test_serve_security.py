"""mednn serve fit to expose: API keys, limits before parsing, answers that never echo the request, audit."""

from __future__ import annotations

import asyncio
import io
import json
import stat

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402
from pydantic import BaseModel  # noqa: E402

from tests.cli.conftest import breast_cancer_run  # noqa: E402
from mednn.serving.audit import AuditLog  # noqa: E402
from mednn.serving.security import (KeyStore, SecurityMiddleware, ServeSecurity, add_key,  # noqa: E402
                                    install_security)

PATIENT = "Okonkwo Hartwell MRN 4400123"


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    return breast_cancer_run(tmp_path_factory, "train.epochs=3", "evaluate.bootstrap=0")


@pytest.fixture(scope="module")
def records():
    from sklearn.datasets import load_breast_cancer

    return load_breast_cancer(as_frame=True).frame.drop(columns=["target"]).head(3).to_dict(orient="records")


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    path = tmp_path_factory.mktemp("keys") / "keys.json"
    _, alice = add_key(path, "alice")
    _, bob = add_key(path, "bob")
    return path, alice, bob


class Visit(BaseModel):
    age: int


def _client(run_dir, **settings):
    from mednn.serving import make_app

    return TestClient(make_app(run_dir, security=ServeSecurity(**settings)))


def test_keys_are_stored_hashed_and_requests_without_a_valid_key_get_401(run_dir, records, keys):
    path, alice, bob = keys
    text = path.read_text()
    assert alice not in text and bob not in text and '"sha256"' in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    audit = io.StringIO()
    client = _client(run_dir, keys=KeyStore.load(path), audit=AuditLog(audit))
    assert client.get("/health").status_code == 200  # open, for load balancers
    assert client.get("/model").status_code == 401
    refused = client.post("/predict", json={"records": records})
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
    for wrong in ({"Authorization": "Bearer " + alice[:-1] + "x"}, {"X-API-Key": ""}, {"Authorization": alice},
                  {"Authorization": "Basic " + alice}, {"X-API-Key": "k" * 10_000}):
        assert client.post("/predict", json={"records": records}, headers=wrong).status_code == 401, wrong
    ok = client.post("/predict", json={"records": records}, headers={"Authorization": f"Bearer {alice}"})
    assert ok.status_code == 200 and len(ok.json()["predictions"]) == 3
    assert client.get("/model", headers={"X-API-Key": bob}).status_code == 200
    lines = [json.loads(line) for line in audit.getvalue().splitlines()][1:]  # after the log's header line
    assert [(e["key"], e["status"]) for e in lines][-2:] == [("alice", 200), ("bob", 200)]


def test_keys_are_compared_in_constant_time_against_every_stored_hash(keys, monkeypatch):
    import hmac

    path, alice, _ = keys
    store = KeyStore.load(path)
    calls = []
    real = hmac.compare_digest

    def counting(a, b):
        calls.append(1)
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", counting)
    for presented in (alice, "mednn_wrong"):
        calls.clear()
        store.identify(presented)
        assert len(calls) == len(store.hashes) == 2  # no early exit on a match


def test_serve_keys_new_prints_the_key_once_and_keeps_only_its_hash(cli, tmp_path):
    path = tmp_path / "keys.json"
    code, out, err = cli("serve-keys", "new", "--out", path, "--id", "ehr-gateway")
    key = out.strip()
    assert code == 0 and key.startswith("mednn_") and len(key) > 40 and key not in err
    assert key not in path.read_text() and KeyStore.load(path).identify(key) == "ehr-gateway"
    code, _, err = cli("serve-keys", "new", "--out", path, "--id", "ehr-gateway")
    assert code == 2 and "already has a key" in err
    assert cli("serve-keys", "revoke", path, "ehr-gateway")[0] == 0
    assert KeyStore.load(path).identify(key) is None


def test_a_body_over_the_limit_gets_413_before_it_is_parsed(run_dir, records):
    client = _client(run_dir, max_body_bytes=1_000_000)
    big = {"records": records * 700}  # about 1.5 MB of valid records: a 200 before limits existed
    reply = client.post("/predict", json=big)
    assert reply.status_code == 413 and "1000000 bytes" in reply.json()["detail"]
    assert client.post("/predict", json={"records": records * 4}).status_code == 200
    few = _client(run_dir, max_records=5)
    reply = few.post("/predict", json={"records": records * 2})
    assert reply.status_code == 413 and "at most 5" in reply.json()["detail"]


def _asgi(app, chunks, headers=()):
    """Drive an ASGI app with a streamed request body; return (status, chunks the app read)."""
    read = []
    sent = []

    async def receive():
        for chunk in chunks:
            read.append(len(chunk))
            return {"type": "http.request", "body": chunk, "more_body": True}
        return {"type": "http.request", "body": b"", "more_body": False}

    chunks = iter(chunks)

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/predict", "headers": list(headers),
             "client": ("127.0.0.1", 5000), "query_string": b""}
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], read


def test_a_100_mb_streamed_body_is_refused_without_being_read_whole():
    reached = []

    async def app(scope, receive, send):
        reached.append(True)

    middleware = SecurityMiddleware(app, ServeSecurity(max_body_bytes=1_000_000))
    chunk = b"x" * 65536
    status, read = _asgi(middleware, (chunk for _ in range(1600)))  # 100 MB, chunked (no Content-Length)
    assert status == 413 and sum(read) <= 1_000_000 + len(chunk) and not reached
    status, read = _asgi(middleware, (chunk for _ in range(1600)), [(b"content-length", b"104857600")])
    assert status == 413 and read == [] and not reached  # refused from the header alone


def test_the_rate_limit_is_per_key_and_answers_429(run_dir, keys):
    path, alice, bob = keys
    client = _client(run_dir, keys=KeyStore.load(path), rate_per_second=0.01, burst=2)
    a, b = {"X-API-Key": alice}, {"X-API-Key": bob}
    assert [client.get("/model", headers=a).status_code for _ in range(3)] == [200, 200, 429]
    limited = client.get("/model", headers=a)
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    assert client.get("/model", headers=b).status_code == 200  # another key has its own budget
    guesses = [client.get("/model", headers={"X-API-Key": f"mednn_guess{i}"}).status_code for i in range(3)]
    assert guesses == [401, 401, 429]  # guessing keys is limited per client address


def test_a_slow_request_is_answered_503_at_the_time_limit():
    import time

    async def slow(scope, receive, send):
        await asyncio.sleep(5)

    audit = io.StringIO()
    middleware = SecurityMiddleware(slow, ServeSecurity(timeout_seconds=0.2, audit=AuditLog(audit)))
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    started = time.perf_counter()
    asyncio.run(middleware({"type": "http", "method": "GET", "path": "/model", "headers": [],
                            "client": ("127.0.0.1", 1)}, receive, send))
    assert time.perf_counter() - started < 2 and sent[0]["status"] == 503
    entry = json.loads(audit.getvalue().splitlines()[-1])
    assert entry["status"] == 503 and entry["timed_out"] and len(entry["request"]) == 16


def test_refusals_never_echo_the_request(run_dir, records):
    client = _client(run_dir)
    answers = [
        client.post("/predict", content=f"name={PATIENT}", headers={"Content-Type": "text/plain"}),
        client.post("/predict", content=json.dumps([{"name": PATIENT}]), headers={"Content-Type": "application/json"}),
        client.post("/predict", content=f'{{"records": "{PATIENT}"}}', headers={"Content-Type": "application/json"}),
        client.post("/predict", content=f'{{"records": [{{"name": "{PATIENT}"', headers={
            "Content-Type": "application/json"}),
        client.post("/predict", json={"records": [PATIENT]}),
        client.post("/predict", json={"records": [dict(records[0], **{"__mednn_record__": PATIENT})]}),
        client.post("/predict", json={"records": [{"__mednn_x": 1, "name": PATIENT}]}),
    ]
    for reply in answers:
        assert reply.status_code in (415, 422), (reply.status_code, reply.text)
        assert "Okonkwo" not in reply.text and "4400123" not in reply.text, reply.text
    assert "reserves" in answers[5].json()["detail"]  # was a 500


def test_fastapis_own_validation_errors_do_not_echo_the_body():
    from fastapi import FastAPI

    app = FastAPI()

    @app.post("/visit")
    def visit(body: Visit) -> dict:
        return {"ok": True}

    install_security(app)
    reply = TestClient(app).post("/visit", json={"age": PATIENT, "name": PATIENT})
    assert reply.status_code == 422 and "age" in reply.text
    assert "Okonkwo" not in reply.text and "4400123" not in reply.text, reply.text


def test_the_audit_log_has_one_line_per_request_and_no_values(run_dir, records, keys, tmp_path):
    path, alice, _ = keys
    log = tmp_path / "audit.log"
    client = _client(run_dir, keys=KeyStore.load(path), audit=AuditLog(log))
    marked = [dict(r, **{"mean radius": 13.3712345}) for r in records]
    client.post("/predict", json={"records": marked}, headers={"X-API-Key": alice})
    client.post("/predict", json={"records": [{"name": PATIENT}]}, headers={"X-API-Key": alice})
    client.get(f"/patients/{PATIENT}", headers={"X-API-Key": alice})
    client.get("/model")
    header, *lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert header["format"] == "mednn-audit/1" and len(lines) == 4
    assert {k for e in lines for k in e} == {"time", "request", "key", "client", "method", "route", "status",
                                             "records", "bytes", "ms", "hash"}
    assert [(e["key"], e["records"], e["status"]) for e in lines] == [
        ("alice", 3, 200), ("alice", 1, 422), ("alice", None, 404), (None, None, 401)]
    assert lines[2]["route"] == "other" and all(e["ms"] >= 0 for e in lines)
    text = log.read_text()
    assert "13.37" not in text and "Okonkwo" not in text and "4400123" not in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_serve_refuses_to_expose_without_keys_and_checks_tls_files(cli, run_dir, tmp_path):
    code, _, err = cli("serve", run_dir, "--host", "0.0.0.0", "--port", "8765")
    assert code == 2 and "--api-keys" in err and "Traceback" not in err
    (tmp_path / "cert.pem").write_text("not a certificate")
    code, _, err = cli("serve", run_dir, "--tls-cert", tmp_path / "cert.pem", "--tls-key", tmp_path / "cert.pem")
    assert code == 2 and "TLS files" in err and "Traceback" not in err
    code, _, err = cli("serve", run_dir, "--tls-cert", tmp_path / "cert.pem")
    assert code == 2 and "--tls-key" in err


def test_tls_files_are_handed_to_uvicorn(run_dir, tmp_path, monkeypatch):
    pytest.importorskip("cryptography")
    import datetime

    import uvicorn
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    from mednn.serving import serve

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                         serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    seen = {}

    def fake_run(self, sockets=None):
        seen.update(cert=self.config.ssl_certfile, key=self.config.ssl_keyfile, sockets=sockets)

    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    serve(run_dir, port=_free_port(), app=object(), tls_cert=tmp_path / "cert.pem", tls_key=tmp_path / "key.pem")
    assert seen["cert"] == str(tmp_path / "cert.pem") and seen["key"] == str(tmp_path / "key.pem")
    assert len(seen["sockets"]) == 1


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

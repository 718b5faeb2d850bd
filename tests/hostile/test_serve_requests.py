"""A server fit for a hospital network (issue 22, item 5), at the application: hostile bodies
and paths sent to the served run answer 4xx (400/401/404/405/413/415/422), never 500, never
echo a planted patient value, and every answer carries ``Cache-Control: no-store``,
``X-Content-Type-Options: nosniff``, a request id and no server banner. The HTTP server's own
bounds (header size and count, slow headers, connections) are probed in
tests/unit/serving and tests/cli; the option checks in test_options.py."""

from __future__ import annotations

import json

import pytest

from .harness import PLANTED, planted_in

ROW = {"mean radius": 14.0}
GOOD = json.dumps({"records": [ROW]}).encode()
JSON = {"content-type": "application/json"}

BODIES: dict[str, tuple[bytes, dict[str, str]]] = {
    "arrays nested 1,000 deep": (b"[" * 1000 + b"]" * 1000, JSON),
    "objects nested 1,000 deep": (b'{"a":' * 1000 + b"1" + b"}" * 1000, JSON),
    "records nested 200 deep": (b'{"records": [' + b"[" * 200 + b"]" * 200 + b"]}", JSON),
    "a body over the limit": (b'{"records": [' + b'{"mean radius": 1},' * 80_000 + b'{}]}', JSON),
    "more records than allowed": (json.dumps({"records": [ROW] * 10_001}).encode(), JSON),
    "not JSON": (b"mean radius=14", JSON),
    "invalid UTF-8": (b'{"records": [{"mean radius": "\xff\xfe"}]}', JSON),
    "NaN": (b'{"records": [{"mean radius": NaN}]}', JSON),
    "Infinity": (b'{"records": [{"mean radius": Infinity}]}', JSON),
    "a number of 400 digits": (b'{"records": [{"mean radius": 1' + b"0" * 400 + b"}]}", JSON),
    "1e999": (b'{"records": [{"mean radius": 1e999}]}', JSON),
    "records as text": (b'{"records": "all"}', JSON),
    "records as numbers": (b'{"records": [1, 2, 3]}', JSON),
    "records as lists": (b'{"records": [[1, 2]]}', JSON),
    "null": (b"null", JSON),
    "an empty body": (b"", JSON),
    "an empty record list": (b'{"records": []}', JSON),
    "an unknown key": (b'{"records": [], "admin": true}', JSON),
    "a planted name as a column": (json.dumps({"records": [{PLANTED[0]: 1}]}).encode(), JSON),
    "a planted name as a value": (json.dumps({"records": [{"mean radius": PLANTED[0]}]}).encode(), JSON),
    "a planted MRN in a nested value": (json.dumps({"records": [{"mean radius": {"mrn": PLANTED[1]}}]}).encode(),
                                        JSON),
    "a string of 1 MB": (json.dumps({"records": [{"mean radius": "x" * 900_000}]}).encode(), JSON),
    "form data": (b"records=1", {"content-type": "application/x-www-form-urlencoded"}),
    "no content type": (GOOD, {"content-type": ""}),
    "XML": (b"<records><r/></records>", {"content-type": "application/xml"}),
    "multipart to a table run": (b"--b\r\n\r\n--b--", {"content-type": "multipart/form-data; boundary=b"}),
}


@pytest.fixture(scope="module")
def client(world):
    from starlette.testclient import TestClient

    from mednn.serving.app import make_app

    return TestClient(make_app(world.run), raise_server_exceptions=False)


def _hardened(response) -> None:
    headers = {k.lower(): v for k, v in response.headers.items()}
    assert headers.get("cache-control") == "no-store", headers
    assert headers.get("x-content-type-options") == "nosniff", headers
    assert "server" not in headers, headers
    assert headers.get("x-request-id"), headers


@pytest.mark.parametrize("what", list(BODIES))
def test_hostile_body(client, what):
    body, headers = BODIES[what]
    response = client.post("/predict", content=body, headers=headers)
    assert 400 <= response.status_code < 500, f"{what}: {response.status_code} {response.text[:300]}"
    assert not planted_in(response.text), f"{what}: planted value echoed"
    assert len(response.content) < 4_000, f"{what}: the refusal echoes the body"
    _hardened(response)


PATHS = [("GET", "/docs"), ("GET", "/redoc"), ("GET", "/openapi.json"), ("GET", "/docs/oauth2-redirect"),
         ("GET", "/predict"), ("PUT", "/predict"), ("DELETE", "/model"), ("GET", "/../../etc/passwd"),
         ("GET", "/" + "a" * 5000), ("TRACE", "/health"), ("GET", f"/{PLANTED[1]}")]


@pytest.mark.parametrize("method,path", PATHS, ids=[f"{m} {p[:30]}" for m, p in PATHS])
def test_no_docs_and_no_other_route(client, method, path):
    response = client.request(method, path)
    assert response.status_code in (404, 405), f"{method} {path[:40]}: {response.status_code}"
    assert not planted_in(response.text)
    _hardened(response)


@pytest.mark.parametrize("path", ["/health", "/model"])
def test_answers_are_hardened(client, path):
    response = client.get(path)
    assert response.status_code == 200
    _hardened(response)


KEY_CASES = {"no key": {}, "a wrong key": {"authorization": "Bearer not-a-key"},
             "an empty key": {"authorization": "Bearer "}, "another scheme": {"authorization": "Basic Y2k6Y2k="},
             "a key of 100 KB": {"authorization": "Bearer " + "k" * 100_000}, "a key in the URL": {}}


@pytest.mark.parametrize("what", list(KEY_CASES))
def test_keys_are_required(world, what):
    from starlette.testclient import TestClient

    from mednn.serving.app import make_app
    from mednn.serving.security import KeyStore, ServeSecurity

    app = make_app(world.run, security=ServeSecurity(keys=KeyStore.load(world.api_keys)))
    with TestClient(app, raise_server_exceptions=False) as client:
        url = "/predict?api_key=ci" if what == "a key in the URL" else "/predict"
        response = client.post(url, content=GOOD, headers={**JSON, **KEY_CASES[what]})
    assert response.status_code in (401, 403, 431), f"{what}: {response.status_code}"
    _hardened(response)

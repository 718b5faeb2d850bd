"""What stands between ``mednn serve`` and the network: API keys, limits, an audit log.

- **API keys** (:class:`KeyStore`): a JSON file of key ids and the SHA-256 of each key; the
  keys themselves are shown once, when made (``mednn serve-keys new``), and never stored. A
  request carries its key as ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``; it is
  hashed and compared with every stored hash in constant time. Without a valid key: 401.
  Only ``GET /health`` is open (for load balancers).
- **Limits** (:class:`SecurityMiddleware`, pure ASGI, in front of the app): the body size
  (413 from ``Content-Length`` alone, or as soon as a streamed body passes the limit, so a
  large body is never held whole), the records per request, a per-key rate limit (token bucket,
  429) and a time limit per request (503). All of them act before the app parses the request.
- **No echo**: a request the API cannot use gets a 422 that names where the problem is (and
  its kind), never the request's contents; FastAPI's own validation answer, which returns the
  whole body (names, MRNs), is replaced (:func:`install_security`).
- **Audit log** (:class:`AuditLog`): one JSON line per request: time, key id, client address,
  method, route, status, record count, body bytes, latency. Never a value from the request.

>>> security = ServeSecurity(keys=KeyStore.load("keys.json"), audit=AuditLog("audit.log"))  # doctest: +SKIP
>>> app = make_app("runs/bc", security=security)  # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import re
import secrets
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from .errors import ConfigError, problem

KEYS_FORMAT = "mednn-api-keys/1"
KEY_PREFIX = "mednn_"
RESERVED_PREFIX = "__mednn"  # record keys mednn uses internally (e.g. the record position)
OPEN_PATHS = frozenset({"/health"})
PREDICT_PATHS = frozenset({"/predict"})
ROUTES = frozenset({"/health", "/model", "/predict", "/docs", "/redoc", "/openapi.json"})
_KEY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
MAX_KEY_CHARS = 256  # longer credentials are refused unhashed


# --- API keys ---------------------------------------------------------------------------------

def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


@dataclass
class KeyStore:
    """API key ids and their SHA-256 hashes (keys are random 256-bit tokens: no salt needed)."""

    hashes: dict[str, bytes] = field(default_factory=dict)
    path: Path | None = None

    @classmethod
    def load(cls, path: str | Path) -> "KeyStore":
        """Read a key file written by :func:`add_key`; a malformed file is a one-line ConfigError."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(problem(f"API key file {path} does not exist",
                                      fix=f"create one with: mednn serve-keys new --out {path}")) from None
        except OSError as exc:
            raise ConfigError(problem(f"API key file {path} cannot be read ({os.strerror(exc.errno or 0)})",
                                      fix="check its permissions")) from None
        except (ValueError, UnicodeDecodeError):
            raise ConfigError(problem(f"API key file {path} is not JSON",
                                      fix="use a file written by mednn serve-keys new")) from None
        keys = data.get("keys") if isinstance(data, dict) else None
        if not isinstance(keys, list):
            raise ConfigError(problem(f"API key file {path} has no 'keys' list",
                                      fix="use a file written by mednn serve-keys new"))
        hashes: dict[str, bytes] = {}
        for i, entry in enumerate(keys):
            ok = (isinstance(entry, dict) and isinstance(entry.get("id"), str) and _KEY_ID.fullmatch(entry["id"])
                  and isinstance(entry.get("sha256"), str) and _HEX64.fullmatch(entry["sha256"]))
            if not ok:
                raise ConfigError(problem(f"API key file {path}: entry {i} is not {{'id': name, 'sha256': 64 hex}}",
                                          fix="use a file written by mednn serve-keys new"))
            if entry["id"] in hashes:
                raise ConfigError(problem(f"API key file {path}: the id {entry['id']!r} appears twice",
                                          fix="revoke one of them (mednn serve-keys revoke)"))
            hashes[entry["id"]] = bytes.fromhex(entry["sha256"])
        return cls(hashes=hashes, path=path)

    def identify(self, key: str | None) -> str | None:
        """The id of ``key``, or None. Every stored hash is compared (constant time, no early exit)."""
        if not key or len(key) > MAX_KEY_CHARS:
            return None
        presented = _digest(key)
        found = None
        for key_id, stored in self.hashes.items():
            if hmac.compare_digest(presented, stored) and found is None:
                found = key_id
        return found


def _read_key_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"format": KEYS_FORMAT, "keys": []}
    KeyStore.load(path)  # refuse to extend a malformed file
    return json.loads(path.read_text(encoding="utf-8"))


def _write_key_file(path: Path, data: dict[str, Any]) -> None:
    """Atomically, readable by the owner only."""
    tmp = path.with_name(f".{path.name}.partial-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(data, indent=2) + "\n")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def add_key(path: str | Path, key_id: str | None = None) -> tuple[str, str]:
    """Make a new API key, store its hash in ``path`` (created if missing); return (id, key).

    The key is returned once and is not recoverable from the file.
    """
    path = Path(path)
    data = _read_key_file(path)
    taken = {entry["id"] for entry in data["keys"]}
    if key_id is None:
        key_id = next(f"key{i}" for i in range(1, len(taken) + 2) if f"key{i}" not in taken)
    if not _KEY_ID.fullmatch(key_id):
        raise ConfigError(problem("An API key id must be a plain name", got=repr(key_id),
                                  expected="letters, digits, '.', '_' or '-' (at most 64)"))
    if key_id in taken:
        raise ConfigError(problem(f"{path} already has a key {key_id!r}",
                                  fix="choose another --id, or revoke that key first"))
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    data["keys"].append({"id": key_id, "sha256": _digest(key).hex(),
                         "created": datetime.now(timezone.utc).isoformat(timespec="seconds")})
    _write_key_file(path, data)
    return key_id, key


def revoke_key(path: str | Path, key_id: str) -> None:
    """Remove the key ``key_id`` from ``path`` (a running server keeps its keys until restarted)."""
    path = Path(path)
    if not path.exists():
        raise ConfigError(problem(f"API key file {path} does not exist"))
    data = _read_key_file(path)
    kept = [entry for entry in data["keys"] if entry["id"] != key_id]
    if len(kept) == len(data["keys"]):
        raise ConfigError(problem(f"{path} has no key {key_id!r}",
                                  expected=", ".join(e["id"] for e in data["keys"]) or "no keys"))
    data["keys"] = kept
    _write_key_file(path, data)


# --- rate limit and audit ---------------------------------------------------------------------

class RateLimiter:
    """A token bucket per key: ``rate`` requests per second on average, bursts up to ``burst``."""

    def __init__(self, rate: float, burst: float | None = None, clock: Callable[[], float] = time.monotonic):
        self.rate, self.burst, self.clock = float(rate), float(burst if burst is not None else max(rate, 1.0)), clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, who: str) -> bool:
        now = self.clock()
        tokens, last = self._buckets.get(who, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        allowed = tokens >= 1.0
        self._buckets[who] = (tokens - 1.0 if allowed else tokens, now)
        if len(self._buckets) > 10_000:  # many clients without keys: forget the full (idle) buckets
            self._buckets = {k: v for k, v in self._buckets.items() if v[0] < self.burst}
        return allowed

    def retry_after(self, who: str) -> int:
        tokens, _ = self._buckets.get(who, (0.0, 0.0))
        return max(1, int((1.0 - tokens) / self.rate + 0.999))


class AuditLog:
    """One JSON line per request to a file (appended, owner-readable) or a stream (stderr)."""

    def __init__(self, target: str | Path | Any = None):
        if target is None:
            self._stream, self.path = sys.stderr, None
        elif isinstance(target, (str, Path)):
            self.path = Path(target)
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            except OSError as exc:
                raise ConfigError(problem(f"Cannot open the audit log {self.path} ({os.strerror(exc.errno or 0)})",
                                          fix="choose a file you may write (--audit-log)")) from None
            self._stream = os.fdopen(fd, "a", encoding="utf-8", buffering=1)
        else:
            self._stream, self.path = target, None
        self._failed = False

    def write(self, entry: dict[str, Any]) -> None:
        try:
            self._stream.write(json.dumps(entry, separators=(",", ":")) + "\n")
            self._stream.flush()
        except (OSError, ValueError) as exc:
            if not self._failed:  # say it once; requests keep being served
                self._failed = True
                print(f"mednn serve: cannot write the audit log ({exc.__class__.__name__})", file=sys.stderr)


# --- the middleware ---------------------------------------------------------------------------

@dataclass
class ServeSecurity:
    """Settings of :class:`SecurityMiddleware`. ``keys=None``: no authentication (loopback use)."""

    keys: KeyStore | None = None
    max_body_bytes: int = 1_000_000
    max_records: int = 10_000
    rate_per_second: float = 50.0  # per key (per client address without keys); 0: no limit
    burst: float | None = None  # default: twice the rate
    timeout_seconds: float = 30.0
    audit: AuditLog | None = None
    # an image run: /predict takes multipart uploads or {"images": [...]} (the body limit is
    # then max_image_body_bytes, and the image count is checked by the app)
    images: bool = False
    max_image_body_bytes: int = 64_000_000

    def __post_init__(self) -> None:
        for name in ("max_body_bytes", "max_records"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) < 1:
                raise ConfigError(problem(f"serve: {name} must be a positive integer", got=getattr(self, name)))
        if self.rate_per_second < 0 or self.timeout_seconds <= 0:
            raise ConfigError(problem("serve: the rate limit must be >= 0 and the timeout > 0",
                                      got=f"{self.rate_per_second}, {self.timeout_seconds}"))


class _Reject(Exception):
    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None):
        self.status, self.detail, self.headers = status, detail, headers or {}


async def _reply(send, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body, "more_body": False})


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _presented_key(scope) -> str | None:
    auth = _header(scope, b"authorization")
    if auth is not None:
        scheme, _, token = auth.strip().partition(" ")
        return token.strip() if scheme.lower() == "bearer" else None
    key = _header(scope, b"x-api-key")
    return key.strip() if key is not None else None


# the records the middleware parsed, handed to the app in the ASGI scope (parsed once per request)
RECORDS_SCOPE_KEY = "mednn.records"


def request_records(body: bytes, max_records: int) -> list[dict]:
    """Check a /predict body's shape and return its records (422 / 413 otherwise).

    Messages name positions and reserved keys only, never a value of the request.
    """
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise _Reject(422, "the body is not valid JSON; send {\"records\": [{column: value, ...}, ...]}") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("records"), list):
        raise _Reject(422, 'the body must be a JSON object {"records": [{column: value, ...}, ...]}')
    records = payload["records"]
    if not records:
        raise _Reject(422, 'the body must be {"records": [{column: value, ...}, ...]} with at least one record')
    if len(records) > max_records:
        raise _Reject(413, f"{len(records)} records in one request; at most {max_records} "
                           "(use mednn predict for files)")
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            raise _Reject(422, f"record {i} is not a JSON object {{column: value, ...}}")
        for key in record:
            if key.startswith(RESERVED_PREFIX):
                raise _Reject(422, f"record {i} has a key starting with {RESERVED_PREFIX!r}, which mednn reserves; "
                                   "rename that column")
    return records


class SecurityMiddleware:
    """Pure ASGI middleware: audit ( timeout ( key ( rate limit ( body limits ( app ))))).

    Everything here runs before the app reads the request, so a refused request costs no
    parsing and no prediction.
    """

    def __init__(self, app, settings: ServeSecurity | None = None):
        self.app = app
        self.settings = settings or ServeSecurity()
        rate = self.settings.rate_per_second
        self.limiter = RateLimiter(rate, self.settings.burst or 2 * rate) if rate > 0 else None
        self._background: set[asyncio.Task] = set()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state: dict[str, Any] = {"status": None, "key": None, "records": None, "bytes": 0, "done": False}

        async def send_once(message) -> None:
            if state["done"]:  # the request already got its answer (timed out): drop late messages
                return
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
            await send(message)

        task = asyncio.ensure_future(self._handle(scope, receive, send_once, state))
        try:
            finished, _ = await asyncio.wait({task}, timeout=self.settings.timeout_seconds)
            if task in finished:
                task.result()  # re-raise the app's error for the server to answer 500
            else:
                # the work goes on in its thread, but the client is answered now and nothing later is sent
                task.cancel()
                self._background.add(task)
                task.add_done_callback(self._forget)
                if state["status"] is None:
                    await send_once({"type": "http.response.start", "status": 503, "headers": [
                        (b"content-type", b"application/json")]})
                    await send({"type": "http.response.body", "more_body": False, "body": json.dumps(
                        {"detail": f"the request took longer than {self.settings.timeout_seconds:g} s"}).encode()})
                state["done"] = True
        except BaseException:
            state["status"] = state["status"] or 500
            raise
        finally:
            self._audit(scope, state, started)

    def _forget(self, task: asyncio.Task) -> None:
        self._background.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved: an error after a timeout is not reported twice

    async def _handle(self, scope, receive, send, state) -> None:
        s = self.settings
        try:
            client = f"client:{(scope.get('client') or ('?',))[0]}"
            if s.keys is not None and scope["path"] not in OPEN_PATHS:
                state["key"] = s.keys.identify(_presented_key(scope))
                if state["key"] is None:
                    self._limit(client)  # guessing keys is rate-limited per client address
                    raise _Reject(401, "a valid API key is required (Authorization: Bearer <key> or X-API-Key)",
                                  {"WWW-Authenticate": "Bearer"})
            if scope["path"] not in OPEN_PATHS:
                self._limit(state["key"] or client)
            if scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
                await self.app(scope, receive, send)
                return
            body = await self._read_body(scope, receive, state)
            if scope["path"] in PREDICT_PATHS:
                content_type = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
                is_json = content_type == "application/json" or content_type.endswith("+json")
                if s.images:
                    if not is_json and content_type != "multipart/form-data":
                        raise _Reject(415, "send images as multipart/form-data (field 'files') or JSON "
                                           '{"images": [{"name", "data"}]}')
                elif not is_json:
                    raise _Reject(415, "send the records as JSON (Content-Type: application/json)")
                else:
                    scope[RECORDS_SCOPE_KEY] = request_records(body, s.max_records)
                    state["records"] = len(scope[RECORDS_SCOPE_KEY])
        except _Reject as reject:
            await _reply(send, reject.status, reject.detail, reject.headers)
            return
        await self.app(scope, _replay(body, receive), send)

    def _limit(self, who: str) -> None:
        if self.limiter is not None and not self.limiter.allow(who):
            raise _Reject(429, "too many requests; slow down", {"Retry-After": str(self.limiter.retry_after(who))})

    async def _read_body(self, scope, receive, state) -> bytes:
        limit = self.settings.max_image_body_bytes if self.settings.images else self.settings.max_body_bytes
        declared = _header(scope, b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                raise _Reject(400, "the Content-Length header is not a number")
            if int(declared) > limit:
                raise _Reject(413, f"the body is larger than the limit of {limit} bytes")
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Reject(400, "the client went away before sending the whole body")
            chunk = message.get("body", b"")
            size += len(chunk)
            state["bytes"] = size
            if size > limit:  # stop reading: a chunked body past the limit is never held whole
                raise _Reject(413, f"the body is larger than the limit of {limit} bytes")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    def _audit(self, scope, state, started: float) -> None:
        if self.settings.audit is None:
            return
        path = scope.get("path", "")
        self.settings.audit.write({
            "time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
            "key": state["key"],
            "client": (scope.get("client") or (None,))[0],
            "method": scope.get("method"),
            "route": path if path in ROUTES else "other",  # a path a client made up may hold anything
            "status": state["status"],
            "records": state["records"],
            "bytes": state["bytes"],
            "ms": round((time.perf_counter() - started) * 1000, 2),
        })


def _replay(body: bytes, receive):
    sent = False

    async def replay():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


# --- installing on the app --------------------------------------------------------------------

def install_security(app, settings: ServeSecurity | None = None) -> None:
    """Put :class:`SecurityMiddleware` in front of a FastAPI app and answer validation errors
    without echoing the request."""
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse

    async def validation_error(request, exc: RequestValidationError):
        where = []
        for error in exc.errors()[:10]:
            loc = ".".join(str(part)[:40] for part in error.get("loc", ()))
            where.append({"loc": loc, "type": str(error.get("type", "invalid"))[:40]})
        text = "; ".join(f"{w['loc']} ({w['type']})" for w in where)
        return JSONResponse(status_code=422, content={
            "detail": f"the request does not fit the API at: {text}; POST /predict takes "
                      '{"records": [{column: value, ...}, ...]}', "problems": where})

    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_middleware(SecurityMiddleware, settings=settings)


# --- binding the port -------------------------------------------------------------------------

def check_tls(cert: str | Path | None, key: str | Path | None) -> None:
    """Both TLS files or neither; they must load as a certificate chain and its private key."""
    if cert is None and key is None:
        return
    if cert is None or key is None:
        raise ConfigError("TLS needs both --tls-cert and --tls-key; fix: pass both, or neither for plain HTTP")
    import ssl

    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(str(cert), str(key))
    except FileNotFoundError as exc:
        raise ConfigError(problem(f"TLS file {exc.filename or cert} does not exist",
                                  fix="pass the PEM files of the certificate and its key")) from None
    except (ssl.SSLError, OSError, ValueError):
        raise ConfigError(problem(f"TLS files {cert} and {key} do not load as a PEM certificate and its private key",
                                  fix="check that the key belongs to the certificate (and is not encrypted)")) from None


def bind_socket(host: str, port: int):
    """A TCP socket bound to ``host:port``, ready for uvicorn; one-line errors otherwise."""
    import errno
    import socket

    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise ConfigError(problem("--port is out of range", got=port, expected="a TCP port from 1 to 65535"))
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
    except (socket.gaierror, UnicodeError):
        raise ConfigError(problem(f"--host {host} is not an address this machine can listen on",
                                  fix="use 127.0.0.1 (this machine only) or one of its interface addresses")) from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # restart at once after a stop (TIME_WAIT)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError(problem(f"Port {port} on {host} is already in use (another server is listening)",
                                      fix="choose another --port or stop the other server")) from None
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise ConfigError(problem(f"Port {port} needs privileges this user does not have",
                                      fix="choose a port from 1024 up")) from None
        if exc.errno == errno.EADDRNOTAVAIL:
            raise ConfigError(problem(f"--host {host} is not an address of this machine",
                                      fix="use 127.0.0.1 or one of its interface addresses")) from None
        raise ConfigError(problem(f"Cannot listen on {host}:{port} ({os.strerror(exc.errno or 0)})")) from None
    return sock


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

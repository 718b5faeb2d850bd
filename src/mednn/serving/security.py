"""What stands between ``mednn serve`` and the network: API keys, limits, headers, audit.

- **API keys** (:class:`KeyStore`): a JSON file of key ids and the SHA-256 of each key; the
  keys themselves are shown once, when made (``mednn serve-keys new``), and never stored. A
  request carries its key as ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``; it is
  hashed and compared with every stored hash in constant time. Without a valid key: 401.
  Only ``GET /health`` is open (for load balancers).
- **Limits** (:class:`SecurityMiddleware`, pure ASGI, in front of the app): the body size
  (413 from ``Content-Length`` alone, or as soon as a streamed body passes the limit, so a
  large body is never held whole), a rate limit per key (per client address without keys;
  token bucket, 429) and a time limit per request (503). All of them act before the app parses
  the request. Header size, header count, the time to send the headers and the number of
  connections are bounded by the HTTP server itself (:mod:`.http`).
- **Answers**: every response carries ``Cache-Control: no-store``, ``X-Content-Type-Options:
  nosniff`` and its ``X-Request-ID``; a request the API cannot use gets a 4xx that names where
  the problem is, never the request's contents (FastAPI's own validation answer, which returns
  the whole body, is replaced: :func:`install_security`).
- **Audit** (:mod:`.audit`): one chained line per request, with its request id.

>>> security = ServeSecurity(keys=KeyStore.load("keys.json"), audit=AuditLog("audit.log"))  # doctest: +SKIP
>>> app = make_app("runs/bc", security=security)  # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import math
import os
import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from ..errors import ConfigError, problem
from .audit import AuditLog

KEYS_FORMAT = "mednn-api-keys/1"
KEY_PREFIX = "mednn_"
OPEN_PATHS = frozenset({"/health"})
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
    """Atomically, readable by the owner only; an OS error (read-only, full disk) is one line."""
    tmp = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(data, indent=2) + "\n")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ConfigError(problem(f"Cannot write the API key file {path} ({os.strerror(exc.errno or 0)})",
                                  fix="choose a folder you may write")) from None
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


# --- rate limit ---------------------------------------------------------------------

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


# --- the middleware ---------------------------------------------------------------------------

# how `mednn serve` spells each setting, for messages
OPTION_NAMES = {"max_body_bytes": "--max-body", "max_records": "--max-records", "rate_per_second": "--rate-limit",
                "timeout_seconds": "--timeout", "header_timeout_seconds": "--header-timeout",
                "max_connections": "--max-connections"}


# the largest value of each bound: beyond it a "limit" limits nothing (a 10^20-byte body, a
# request that may take 10^30 seconds) and is a typo or an attack on the configuration
_TOP = {"max_body_bytes": 2**30, "max_records": 10_000_000, "max_image_body_bytes": 2**32, "max_images": 100_000,
        "max_header_bytes": 2**20, "max_headers": 10_000, "max_connections": 100_000,
        "rate_per_second": 1_000_000, "burst": 10_000_000, "timeout_seconds": 86_400,
        "header_timeout_seconds": 3_600}


def _finite(name: str, value: Any, *, positive: bool = False, integer: bool = False) -> None:
    """A serve option must be a finite number >= 0 (> 0 with ``positive``) and at most its
    :data:`_TOP`: NaN would turn a limit off, and so would 10^30."""
    top = _TOP.get(name, math.inf)
    ok = (isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
          and (value > 0 if positive else value >= 0) and value <= top
          and (not integer or float(value).is_integer()))
    if not ok:
        expected = f"a finite {'whole ' if integer else ''}number {'> 0' if positive else '>= 0'} and at most {top:g}"
        raise ConfigError(problem(f"serve: {OPTION_NAMES.get(name, name)} is out of range", got=value,
                                  expected=expected))


@dataclass
class ServeSecurity:
    """Settings of :class:`SecurityMiddleware` and of the HTTP server. ``keys=None``: no
    authentication (loopback use, or behind a gateway that authenticates)."""

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
    max_images: int = 256
    # the HTTP server's own bounds (mednn.serving.http)
    max_header_bytes: int = 16_384  # request line + headers: 431 above
    max_headers: int = 100  # header fields: 431 above
    header_timeout_seconds: float = 10.0  # to send the request line and headers: closed after
    max_connections: int = 200  # open connections (and requests in progress): 503 above

    def __post_init__(self) -> None:
        for name in ("max_body_bytes", "max_records", "max_image_body_bytes", "max_images", "max_header_bytes",
                     "max_headers", "max_connections"):
            _finite(name, getattr(self, name), positive=True, integer=True)
        _finite("rate_per_second", self.rate_per_second)
        if self.burst is not None:
            _finite("burst", self.burst, positive=True)
        for name in ("timeout_seconds", "header_timeout_seconds"):
            _finite(name, getattr(self, name), positive=True)


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


# what the middleware hands the app in the ASGI scope: the body it read (within the limits),
# and the request's audit state (the app adds the record count)
BODY_SCOPE_KEY = "mednn.body"
STATE_SCOPE_KEY = "mednn.request"
# on every answer: never cached (predictions are patient data), never sniffed as another type
SECURITY_HEADERS = ((b"cache-control", b"no-store"), (b"x-content-type-options", b"nosniff"))


def request_state(scope) -> dict[str, Any]:
    """The audit state of the request in ``scope`` (an empty dict outside the middleware)."""
    return scope.get(STATE_SCOPE_KEY) or {}


class SecurityMiddleware:
    """Pure ASGI middleware: audit ( timeout ( key ( rate limit ( body limits ( app ))))).

    Everything here runs before the app reads the request, so a refused request costs no
    parsing and no prediction. Each request gets an id (``X-Request-ID``, and its audit line).
    """

    def __init__(self, app, settings: ServeSecurity | None = None):
        self.app = app
        self.settings = settings or ServeSecurity()
        rate = self.settings.rate_per_second
        self.limiter = RateLimiter(rate, self.settings.burst or 2 * rate) if rate > 0 else None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state: dict[str, Any] = {"id": secrets.token_hex(8), "status": None, "key": None, "records": None,
                                 "bytes": 0, "done": False, "aborted": False}
        scope[STATE_SCOPE_KEY] = state
        headers = [*SECURITY_HEADERS, (b"x-request-id", state["id"].encode("ascii"))]

        async def send_once(message) -> None:
            if state["done"]:  # the request already got its answer (timed out): drop late messages
                return
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), *headers]}
            await send(message)

        try:
            async with asyncio.timeout(self.settings.timeout_seconds):
                await self._handle(scope, receive, send_once, state)
        except TimeoutError:
            # the work may go on in its thread, but the client is answered now and nothing later is sent
            if state["status"] is None:
                await _reply(send_once, 503, f"the request took longer than {self.settings.timeout_seconds:g} s")
            state["timed_out"] = True
        except BaseException:
            state["status"] = state["status"] or 500
            raise
        finally:
            state["done"] = True
            self._audit(scope, state, started)

    async def _handle(self, scope, receive, send, state) -> None:
        s = self.settings
        body = b""
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
            if scope["method"] not in ("GET", "HEAD", "OPTIONS", "DELETE"):
                body = await self._read_body(scope, receive, state)
                scope[BODY_SCOPE_KEY] = body
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
                state["aborted"] = True
                raise _Reject(400, "the client went away before sending the whole body")
            chunk = message.get("body", b"")
            size += len(chunk)
            state["bytes"] = size
            if size > limit:  # stop reading: a chunked body past the limit is never held whole
                raise _Reject(413, f"the body is larger than the limit of {limit} bytes")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    def _audit(self, scope, state, started: float) -> None:
        if self.settings.audit is None:
            return
        path = scope.get("path", "")
        entry = {
            "time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
            "request": state["id"],
            "key": state["key"],
            "client": (scope.get("client") or (None,))[0],
            "method": scope.get("method"),
            "route": path if path in ROUTES else "other",  # a path a client made up may hold anything
            "status": state["status"],
            "records": state["records"],
            "bytes": state["bytes"],
            "ms": round((time.perf_counter() - started) * 1000, 2),
        }
        if state.get("aborted"):
            entry["aborted"] = True  # the client closed the connection before its answer
        if state.get("timed_out"):
            entry["timed_out"] = True
        self.settings.audit.write(entry)


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

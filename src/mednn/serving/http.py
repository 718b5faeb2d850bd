"""The HTTP server under ``mednn serve``: uvicorn with httptools, bounded before the app runs.

uvicorn's own settings bound the connections (``limit_concurrency``: 503 past it) and idle
keep-alive connections, and drop its ``server: uvicorn`` banner. What uvicorn's httptools
server does not bound is added by :class:`BoundedHttpProtocol`, a subclass that counts (never
parses) what the parser hands it: the request line and headers in bytes and the header fields
in number (431 past either, then the connection closes), and the time a client may take to
send them (a connection still sending its headers after ``header_timeout_seconds`` gets 408
and is closed, however slowly it trickles bytes). Each of these refusals is an audit line.

Needs uvicorn and httptools (``mednn[serve]``); :mod:`.network` binds the port beforehand.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timezone

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .security import SECURITY_HEADERS, STATE_SCOPE_KEY, ServeSecurity


class _Refused(Exception):
    """Raised inside a parser callback to stop parsing a request that was answered already."""


class BoundedHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with :attr:`settings`' header bounds and header timeout."""

    settings: ServeSecurity = ServeSecurity()

    def connection_made(self, transport) -> None:
        self._refused = False
        self._header_bytes = self._header_count = 0
        self._header_timer = None
        super().connection_made(transport)
        self._arm_header_timer()

    def _arm_header_timer(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self.settings.header_timeout_seconds, self._header_timeout)

    def _disarm_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def on_message_begin(self) -> None:
        self._header_bytes = self._header_count = 0
        self._arm_header_timer()  # a pipelined request's clock starts with its first byte
        super().on_message_begin()

    def on_url(self, url: bytes) -> None:
        self._count(len(url), 0)
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4, 1)
        super().on_header(name, value)

    def _count(self, size: int, fields: int) -> None:
        self._header_bytes += size
        self._header_count += fields
        limits = self.settings
        if self._header_bytes > limits.max_header_bytes:
            self._refuse(431, f"the request line and headers are larger than {limits.max_header_bytes} bytes")
        if self._header_count > limits.max_headers:
            self._refuse(431, f"the request has more than {limits.max_headers} header fields")

    def on_headers_complete(self) -> None:
        self._disarm_header_timer()
        limit = self.limit_concurrency
        if limit is not None and (len(self.connections) >= limit or len(self.tasks) >= limit):
            _audit(self.settings, self.client, 503, "more connections than --max-connections")
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        waiting = not self.pipeline  # no pipelined request whose headers arrived already
        super().on_response_complete()
        if waiting and not self.transport.is_closing():
            self._arm_header_timer()  # the next request on this connection must come in time

    def connection_lost(self, exc) -> None:
        self._disarm_header_timer()
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:
            state = cycle.scope.get(STATE_SCOPE_KEY)
            if state is not None:
                state["aborted"] = True  # the middleware writes it into the request's audit line
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        if not self._refused:  # a request refused by a bound was answered already
            super().send_400_response(msg)

    def _header_timeout(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self._refuse(408, f"the headers did not arrive within {self.settings.header_timeout_seconds:g} s",
                         raise_=False)

    def _refuse(self, status: int, detail: str, raise_: bool = True) -> None:
        if not self._refused:
            self._refused = True
            self.transport.write(_raw_answer(status, detail))
            self.transport.close()
            _audit(self.settings, self.client, status, detail)
        if raise_:
            raise _Refused(detail)  # inside a parser callback: stops parsing this request


def protocol_class(settings: ServeSecurity) -> type[BoundedHttpProtocol]:
    """:class:`BoundedHttpProtocol` with ``settings`` (uvicorn makes one per connection)."""
    return type("BoundedHttpProtocol", (BoundedHttpProtocol,), {"settings": settings})


_PHRASES = {408: "Request Timeout", 431: "Request Header Fields Too Large"}


def _raw_answer(status: int, detail: str) -> bytes:
    body = json.dumps({"detail": detail}).encode("ascii")
    head = [f"HTTP/1.1 {status} {_PHRASES[status]}".encode("ascii"), b"content-type: application/json",
            b"content-length: " + str(len(body)).encode("ascii"), b"connection: close"]
    head += [name + b": " + value for name, value in SECURITY_HEADERS]
    return b"\r\n".join(head) + b"\r\n\r\n" + body


def _audit(settings: ServeSecurity, client, status: int, why: str) -> None:
    if settings.audit is not None:
        settings.audit.write({"time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
                              "request": secrets.token_hex(8), "key": None, "client": (client or (None,))[0],
                              "method": None, "route": None, "status": status, "records": None, "bytes": 0,
                              "refused": why})


def uvicorn_config(app, settings: ServeSecurity, *, tls_cert=None, tls_key=None):
    """uvicorn's settings for ``mednn serve``: bounded, no banner, no access log (the audit log
    records each request without its values)."""
    import uvicorn

    return uvicorn.Config(app, http=protocol_class(settings), log_level="warning", access_log=False,
                          server_header=False, limit_concurrency=settings.max_connections,
                          timeout_keep_alive=5, lifespan="off",
                          ssl_certfile=str(tls_cert) if tls_cert else None,
                          ssl_keyfile=str(tls_key) if tls_key else None)

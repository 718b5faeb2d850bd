"""Binding the port and checking TLS files for ``mednn serve``, before the server starts, so a
port in use or out of range and unusable TLS files are one-line errors rather than a server that
logs and exits. Standard library only."""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path

from ..errors import ConfigError, problem


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

"""``mednn serve``: a finished run behind a small HTTP API, for every modality.

- :mod:`.app`: the FastAPI application (``GET /health``, ``GET /model``, ``POST /predict``);
- :mod:`.batching`: dynamic batching of single-record requests, answers never changed by it;
- :mod:`.security`: API keys, body and rate limits, time limit, security headers;
- :mod:`.audit`: the hash-chained audit log and its verification;
- :mod:`.http`: uvicorn, bounded (header size and count, header timeout, connections);
- :mod:`.network`: binding the port and checking TLS files before the server starts.

A new serving feature goes in the module of its job; request models and record reading are
in :mod:`mednn.inference`, shared with ``mednn predict``.

>>> serve("runs/bc", port=8000)  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from .app import make_app
from .security import ServeSecurity

__all__ = ["make_app", "serve", "ServeSecurity"]


def serve(run_dir: str | Path, host: str = "127.0.0.1", port: int = 8000, app=None, *,
          security: ServeSecurity | None = None, tls_cert: str | Path | None = None,
          tls_key: str | Path | None = None, sock=None) -> None:
    """Run the API with uvicorn until interrupted (``sock``: a socket already bound by
    :func:`~mednn.serving.http.bind_socket`); the audit log's last hash is printed at the end."""
    import sys

    from ..errors import MissingExtraError
    from .network import bind_socket, check_tls

    try:
        import uvicorn

        from .http import uvicorn_config
    except ImportError:
        raise MissingExtraError("mednn serve needs uvicorn and httptools; fix: pip install 'mednn[serve]'") from None
    security = security if security is not None else ServeSecurity()
    check_tls(tls_cert, tls_key)
    sock = sock if sock is not None else bind_socket(host, port)
    app = app if app is not None else make_app(run_dir, security=security)
    import gc

    # the run and the libraries are loaded for good: a full garbage collection walking their
    # objects took about 100 ms, a pause every few seconds in the answers' tail latency
    gc.collect()
    gc.freeze()
    try:
        uvicorn.Server(uvicorn_config(app, security, tls_cert=tls_cert, tls_key=tls_key)).run(sockets=[sock])
    finally:
        sock.close()
        if security.audit is not None and security.audit.path is not None:
            print(f"mednn serve: audit log {security.audit.path} ends at hash {security.audit.head}", file=sys.stderr)
            security.audit.close()

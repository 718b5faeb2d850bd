"""``mednn serve``: a finished run behind a small HTTP API (FastAPI), for tables, notes and molecules.

- ``GET /health``: ``{"status": "ok"}``.
- ``GET /model``: what the model is and how it was measured: task, classes, operating
  threshold, the inputs a record needs, the test metrics with their 95% intervals, the run's
  data fingerprint, the mednn version; nothing about individual patients.
- ``POST /predict`` with ``{"records": [{column: value, ...}, ...]}``: one prediction per
  record, in order: probabilities per class (calibrated as the run was), the predicted class
  at the run's threshold (or the predicted values for regression).

Records go through the run's own reader and featurizer (the same column checks, the same
de-identification of notes when the run used it), so a request is predicted exactly as
``mednn predict`` would predict the same rows from a file. A record the reader refuses is a
422 with the reader's one-line message, which names columns and record numbers, never values.
Image runs are not served (their inputs are files); use ``mednn predict``. The server binds to
127.0.0.1 by default and has no authentication: put it behind the hospital's own gateway.

>>> app = make_app("runs/bc")  # doctest: +SKIP
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from .errors import ConfigError, DataError, MednnError, MissingExtraError

MAX_RECORDS = 10_000  # per request: larger batches belong in `mednn predict`
RECORD = "__mednn_record__"
# a request's records carry no patient or metadata columns and are identified by position
READ_AS_REQUEST = {"id_column": RECORD, "patient_column": None, "meta_columns": []}


def _inputs(run) -> dict[str, Any]:
    """The fields a record needs, from the run's data config and featurizer."""
    data = run.config.data
    modality = run.model_info.get("modality")
    if modality == "text":
        columns = data.text_columns if isinstance(data.text_columns, list) else [data.text_columns]
        return {"text_columns": [c for c in columns if c]}
    if modality == "molecules":
        return {"smiles_column": getattr(data, "smiles_column", None) or "smiles"}
    columns = getattr(run.featurizer, "columns_", None)
    return {"columns": list(columns) if columns is not None else None}


def _as_is(value: Any) -> Any:
    return value


def make_app(run_dir: str | Path, *, security=None):
    """The FastAPI application serving the run in ``run_dir`` (loaded once, at start-up).

    ``security``: a :class:`~mednn.serving_security.ServeSecurity` (API keys, limits, audit log);
    by default the limits apply and there is no key and no audit log."""
    try:
        from fastapi import Body, FastAPI, HTTPException
    except ImportError:
        raise MissingExtraError("mednn serve needs FastAPI; fix: pip install 'mednn[serve]'") from None
    import pandas as pd

    from . import __version__
    from .pipeline import _read_like_run, apply_run, prediction_rows
    from .runs import load_run

    run = load_run(run_dir)
    if run.model_info.get("modality") == "images":
        raise ConfigError(f"{run_dir} is an image run; images are not served over HTTP (their inputs are files); "
                          "fix: use mednn predict")
    task = run.task
    metrics = run.metrics.get("test") or {}
    card = {
        "run": Path(run_dir).name,
        "model": run.model_info.get("name"),
        "modality": run.model_info.get("modality"),
        "task": task.kind,
        "class_names": list(task.class_names),
        "positive_class": task.positive_class,
        "threshold": run.threshold,
        "inputs": _inputs(run),
        "test_metrics": {k: v for k, v in metrics.items() if isinstance(v, dict) and "value" in v},
        "n_test": (run.metrics.get("n") or {}).get("test"),
        "mednn_version": __version__,
        "intended_use": "research; not a medical device: predictions must not drive clinical decisions on their own",
    }
    app = FastAPI(title=f"mednn: {card['run']}", version=__version__)
    from .serving_security import install_security

    install_security(app, security)  # keys, limits and audit before any request is parsed; 422s never echo

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/model")
    def model_card() -> dict[str, Any]:
        return card

    @app.post("/predict")
    def predict(body: dict[str, Any] = Body(...)) -> dict[str, Any]:
        records = body.get("records")
        if not isinstance(records, list) or not records or not all(isinstance(r, dict) for r in records):
            raise HTTPException(422, 'the body must be {"records": [{column: value, ...}, ...]} with at least '
                                     "one record")
        if len(records) > MAX_RECORDS:
            raise HTTPException(413, f"{len(records)} records in one request; at most {MAX_RECORDS} "
                                     "(use mednn predict for files)")
        with tempfile.TemporaryDirectory(prefix="mednn-serve-") as tmp:
            path = Path(tmp) / "records.csv"
            frame = pd.DataFrame.from_records(records)
            frame.insert(0, RECORD, range(len(frame)))  # ids = positions in the request
            frame.to_csv(path, index=False)
            try:
                dataset = _read_like_run(run, path, labels_required=False, overrides=READ_AS_REQUEST)
                prob = apply_run(run, dataset)
            except (DataError, ConfigError) as exc:
                # the readers' messages name the file, columns and rows, never the values
                raise HTTPException(422, str(exc).replace(str(path), "the request")) from None
            except MednnError as exc:
                raise HTTPException(400, str(exc).replace(str(path), "the request")) from None
        header, rows = prediction_rows(task, list(dataset.ids), prob, run.threshold)
        header[0] = "record"
        # the CSV layout's text cells back to JSON numbers: positions, probabilities, predicted values
        kinds = [int if h == "record" else float if h.startswith("p:") or (
            task.kind == "regression" and h.startswith("predicted:")) else _as_is for h in header]
        predictions = [{h: kind(v) for h, v, kind in zip(header, row, kinds)} for row in rows]
        # records a reader could not use (an unparsable SMILES) have no prediction: counted here
        return {"predictions": predictions, "skipped": len(records) - len(dataset), "threshold": run.threshold}

    return app


def serve(run_dir: str | Path, host: str = "127.0.0.1", port: int = 8000, app=None, *,
          tls_cert: str | Path | None = None, tls_key: str | Path | None = None, sock=None) -> None:
    """Run the API with uvicorn until interrupted (uvicorn's access log off: the audit log of
    :mod:`mednn.serving_security` records each request without its values).

    The port is bound here, before uvicorn starts, so a port in use or out of range and unusable
    TLS files are one-line errors rather than a server that logs and exits (``sock``: a socket
    already bound by :func:`~mednn.serving_security.bind_socket`).
    """
    try:
        import uvicorn
    except ImportError:
        raise MissingExtraError("mednn serve needs uvicorn; fix: pip install 'mednn[serve]'") from None
    from .serving_security import bind_socket, check_tls

    check_tls(tls_cert, tls_key)
    sock = sock if sock is not None else bind_socket(host, port)
    config = uvicorn.Config(app if app is not None else make_app(run_dir), log_level="warning", access_log=False,
                            ssl_certfile=str(tls_cert) if tls_cert else None,
                            ssl_keyfile=str(tls_key) if tls_key else None)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()

"""``mednn serve``: a finished run behind a small HTTP API (FastAPI), for every modality.

- ``GET /health``: ``{"status": "ok"}``.
- ``GET /model``: what the model is and how it was measured: task, classes, operating
  threshold, the inputs a record needs, the test metrics with their 95% intervals, the run's
  data fingerprint, the mednn version; nothing about individual patients.
- ``POST /predict`` (tables, notes, molecules) with ``{"records": [{column: value, ...}, ...]}``:
  one prediction per record, in order: probabilities per class (calibrated as the run was),
  the predicted class at the run's threshold (or the predicted values for regression).
- ``POST /predict`` (image runs) with image files: multipart uploads (field ``files``, one
  image per file: DICOM, NIfTI, PNG/JPEG/TIFF) or JSON ``{"images": [{"name": "a.dcm",
  "data": "<base64>"}, ...]}``; predictions in upload order, ``record`` = the position.

Everything goes through the run's :class:`~mednn.predictor.Predictor`: the same reader
settings, column checks, image size and windowing, de-identification of notes, calibration and
threshold as ``mednn predict``, so a request is predicted exactly as the same rows or files
would be from disk. A record the reader refuses is a 422 with the reader's one-line message,
which names columns and record numbers, never values. The server binds to 127.0.0.1 by default;
API keys, TLS, request limits and the audit log are in :mod:`mednn.serving_security`.

>>> app = make_app("runs/bc")  # doctest: +SKIP
"""


import base64
import binascii
import re
import tempfile
from pathlib import Path
from typing import Any

from .errors import ConfigError, DataError, MednnError, MissingExtraError

MAX_RECORDS = 10_000  # per request: larger batches belong in `mednn predict`
MAX_IMAGES = 256
_IMAGE_SUFFIXES = (".dcm", ".dicom", ".nii", ".nii.gz", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".npy")


def _inputs(predictor) -> dict[str, Any]:
    """The fields a record needs, from the run's data config and featurizer."""
    data = predictor.data_config
    if predictor.modality == "text":
        columns = data.text_columns if isinstance(data.text_columns, list) else [data.text_columns]
        return {"text_columns": [c for c in columns if c]}
    if predictor.modality == "molecules":
        return {"smiles_column": getattr(data, "smiles_column", None) or "smiles"}
    if predictor.modality == "images":
        return {"images": "multipart field 'files' or JSON {\"images\": [{\"name\", \"data\" (base64)}]}",
                "input_shape": list(predictor.featurizer.input_shape)}
    columns = getattr(predictor.featurizer, "columns_", None)
    return {"columns": list(columns) if columns is not None else None}


def _upload_name(position: int, name: Any) -> str:
    """A safe file name for an uploaded image: its position plus a known suffix (never a path)."""
    lower = str(name or "").lower()
    suffix = next((s for s in _IMAGE_SUFFIXES if lower.endswith(s)), "")
    if not suffix:
        raise DataError(f"image {position}: the file name has no known image suffix; "
                        f"fix: name it with one of {', '.join(_IMAGE_SUFFIXES)}")
    return f"{position:06d}{suffix}"


def make_app(run_dir: str | Path, *, security=None):
    """The FastAPI application serving the run in ``run_dir`` (loaded once, at start-up).

    ``security``: a :class:`~mednn.serving_security.ServeSecurity` (API keys, limits, audit log);
    by default the limits apply and there is no key and no audit log."""
    try:
        from fastapi import FastAPI, HTTPException, Request
    except ImportError:
        raise MissingExtraError("mednn serve needs FastAPI; fix: pip install 'mednn[serve]'") from None

    from . import __version__
    from .predictor import Predictor

    predictor = Predictor.load(run_dir)
    task = predictor.task
    metrics = predictor.metrics.get("test") or {}
    card = {
        "run": Path(run_dir).name,
        "model": predictor.model_name,
        "modality": predictor.modality,
        "task": task.kind,
        "class_names": list(task.class_names),
        "positive_class": task.positive_class,
        "threshold": predictor.threshold,
        "inputs": _inputs(predictor),
        "test_metrics": {k: v for k, v in metrics.items() if isinstance(v, dict) and "value" in v},
        "n_test": (predictor.metrics.get("n") or {}).get("test"),
        "mednn_version": __version__,
        "intended_use": "research; not a medical device: predictions must not drive clinical decisions on their own",
    }
    app = FastAPI(title=f"mednn: {card['run']}", version=__version__)
    from .serving_security import ServeSecurity, install_security

    security = security if security is not None else ServeSecurity()
    security.images = predictor.modality == "images"
    install_security(app, security)  # keys, limits and audit before any request is parsed; 422s never echo

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/model")
    def model_card() -> dict[str, Any]:
        return card

    if predictor.modality == "images":
        @app.post("/predict")
        async def predict_images(request: Request) -> dict[str, Any]:
            images = await _uploaded_images(request, HTTPException)
            with tempfile.TemporaryDirectory(prefix="mednn-serve-") as tmp:
                folder = Path(tmp) / "images"
                folder.mkdir()
                try:
                    for i, (name, data) in enumerate(images):
                        (folder / _upload_name(i, name)).write_bytes(data)
                except DataError as exc:
                    raise HTTPException(422, str(exc)) from None
                from starlette.concurrency import run_in_threadpool

                try:
                    dataset = await run_in_threadpool(predictor.read, folder, labels=False)
                    return (await run_in_threadpool(_answers, predictor, dataset, [len(images)]))[0]
                except Exception as exc:  # noqa: BLE001 - mednn's errors become 422 / 400
                    raise _http_error(exc, HTTPException) from None
    else:
        from .serving_security import RECORDS_SCOPE_KEY

        @app.post("/predict")
        async def predict(request: Request) -> dict[str, Any]:
            # parsed and checked once, by the security middleware, before the app saw the request
            return await batcher.predict(request.scope[RECORDS_SCOPE_KEY])

        batcher = _Batcher(predictor, HTTPException)

    return app


class _Batcher:
    """Dynamic batching: records of requests that arrive while a batch is being predicted are
    read and predicted together in the next one, so a burst of single-record requests costs a
    few batched passes instead of one reader + network pass each. A batch the reader refuses is
    re-run request by request, so an error reaches only the request that caused it."""

    def __init__(self, predictor, http_error, max_records: int = MAX_RECORDS):
        self.predictor, self.http_error, self.max_records = predictor, http_error, max_records
        self.pending: list[tuple[list[dict], Any]] = []
        self.running = False

    async def predict(self, records: list[dict]) -> dict[str, Any]:
        import asyncio

        future = asyncio.get_running_loop().create_future()
        self.pending.append((records, future))
        if not self.running:
            self.running = True
            try:
                await asyncio.sleep(0)  # let requests that arrived together join the first batch
                while self.pending:
                    batch, size = [], 0
                    while self.pending and (not batch or size + len(self.pending[0][0]) <= self.max_records):
                        batch.append(self.pending.pop(0))
                        size += len(batch[-1][0])
                    await asyncio.get_running_loop().run_in_executor(None, self._run, batch)
            finally:
                self.running = False
        return await future

    def _run(self, batch: list[tuple[list[dict], Any]]) -> None:
        try:
            results = self._predict_many([records for records, _ in batch])
        except Exception:  # noqa: BLE001 - isolate the request that failed
            results = []
            for records, _ in batch:
                try:
                    results.extend(self._predict_many([records]))
                except Exception as exc:  # noqa: BLE001 - handed to that request
                    results.append(exc)
        for (_, future), result in zip(batch, results):
            loop = future.get_loop()
            if isinstance(result, BaseException):
                loop.call_soon_threadsafe(_fail, future, _http_error(result, self.http_error))
            else:
                loop.call_soon_threadsafe(_succeed, future, result)

    def _predict_many(self, requests: list[list[dict]]) -> list[dict[str, Any]]:
        """One read + prediction for every record of ``requests``; one answer per request."""
        dataset = self.predictor.read_records([r for req in requests for r in req])
        return _answers(self.predictor, dataset, [len(req) for req in requests])


def _answers(predictor, dataset, sizes: list[int]) -> list[dict[str, Any]]:
    """Predict ``dataset`` (read from the inputs of consecutive requests of ``sizes``, its ids
    the inputs' positions) and cut the result into one answer per request."""
    import numpy as np

    assessment = predictor.assess(predictor.featurizer.transform(dataset))
    prob = assessment["prob"]
    positions = np.array([_position(i) for i in dataset.ids])
    answers, start = [], 0
    for size in sizes:
        mine = np.flatnonzero((positions >= start) & (positions < start + size))
        ids = [int(p - start) for p in positions[mine]]
        mine_assessment = {k: (_take(v, mine) if k != "uncertainty_kind" else v) for k, v in assessment.items()}
        # inputs a reader could not use (an unparsable SMILES, an unreadable image) are counted
        answers.append({"predictions": predictor.records(ids, prob[mine], mine_assessment),
                        "skipped": size - len(mine), "threshold": predictor.threshold})
        start += size
    return answers


def _http_error(exc: BaseException, http_error):
    """mednn's errors as HTTP answers: the readers' messages name columns and rows, never the
    values; temporary paths are hidden. Anything else stays itself (a 500)."""
    if isinstance(exc, (DataError, ConfigError)):
        return http_error(422, _request_message(str(exc)))
    if isinstance(exc, MednnError):
        return http_error(400, _request_message(str(exc)))
    return exc


def _take(value, index):
    if value is None:
        return None
    if isinstance(value, tuple):
        return tuple(v[index] for v in value)
    return value[index]


def _succeed(future, value) -> None:
    if not future.done():
        future.set_result(value)


def _fail(future, exc) -> None:
    if not future.done():
        future.set_exception(exc)


def _request_message(text: str) -> str:
    return re.sub(r"\S*mednn-serve-[^\s:]*", "the request", text)  # ".../records.csv: x" -> "the request: x"


def _position(record_id: Any) -> int:
    """The request position of a record or an uploaded image (``000003.png`` -> 3)."""
    text = str(record_id)
    digits = re.match(r"(?:row-)?0*(\d+)", Path(text).name)
    return int(digits.group(1)) if digits else -1


async def _uploaded_images(request, http_error) -> list[tuple[str, bytes]]:
    """(name, bytes) of each uploaded image: multipart files or base64 JSON."""
    kind = request.headers.get("content-type", "")
    images: list[tuple[str, bytes]] = []
    if kind.startswith("multipart/form-data"):
        form = await request.form()
        for item in form.getlist("files"):
            if not hasattr(item, "read"):
                raise http_error(422, "multipart field 'files' must hold files")
            images.append((item.filename, await item.read()))
    elif kind.startswith("application/json"):
        try:
            body = await request.json()
        except ValueError:
            raise http_error(422, "the body is not valid JSON") from None
        entries = body.get("images") if isinstance(body, dict) else None
        if not isinstance(entries, list):
            raise http_error(422, 'the body must be {"images": [{"name": "a.dcm", "data": "<base64>"}, ...]}')
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict) or not isinstance(entry.get("data"), str):
                raise http_error(422, f"image {i}: needs 'name' and base64 'data'")
            try:
                images.append((str(entry.get("name", "")), base64.b64decode(entry["data"], validate=True)))
            except (binascii.Error, ValueError):
                raise http_error(422, f"image {i}: 'data' is not valid base64") from None
    else:
        raise http_error(415, "send images as multipart/form-data (field 'files') or application/json")
    if not images:
        raise http_error(422, "the request holds no images")
    if len(images) > MAX_IMAGES:
        raise http_error(413, f"{len(images)} images in one request; at most {MAX_IMAGES} (use mednn predict)")
    return images


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

"""The FastAPI application of ``mednn serve``, built from a finished run.

- ``GET /health``: ``{"status": "ok"}``.
- ``GET /model``: what the model is and how it was measured: task, classes, operating
  threshold, the inputs a record needs, the test metrics with their 95% intervals, the mednn
  version; nothing about individual patients.
- ``POST /predict`` (tables, notes, molecules) with ``{"records": [{column: value, ...}, ...]}``:
  one prediction per record, in order (``record`` = its position): probabilities per class
  (calibrated as the run was), the predicted class at the run's threshold (or the predicted
  values for regression), conformal set / interval and uncertainty when the run has them.
- ``POST /predict`` (image runs) with image files: multipart uploads (field ``files``) or JSON
  ``{"images": [{"name": "a.dcm", "data": "<base64>"}, ...]}``, decoded in memory.

Everything goes through the run's :class:`~mednn.predictor.Predictor` and the readers' own
checks (:mod:`mednn.inference`): a request is predicted exactly as the same rows or files
would be by ``mednn predict``, without temporary files. A record the reader refuses is a 422
with the reader's one-line message (columns and record positions, never values); an image too
large to decode is a 413. API docs are off (no Swagger UI from a CDN); ``GET /model`` says
what a request needs.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Any

from ..data.image_limits import ImageTooLarge
from ..errors import ConfigError, DataError, MednnError, MissingExtraError
from ..inference.requests import (RequestRefused, images_model, parse_images, parse_records, record_name,
                                  records_model)
from .security import BODY_SCOPE_KEY, ServeSecurity, install_security, request_state

# a request this large is prepared in the worker thread, not on the event loop
_PREPARE_IN_THREAD = 256


def model_card(predictor, run_dir: str | Path) -> dict[str, Any]:
    """``GET /model``: the run as a client needs to know it; nothing about patients."""
    from .. import __version__

    metrics = predictor.metrics.get("test") or {}
    task = predictor.task
    return {
        "run": Path(run_dir).name,
        "model": predictor.model_name,
        "modality": predictor.modality,
        "task": task.kind,
        "class_names": list(task.class_names),
        "positive_class": task.positive_class,
        "threshold": predictor.threshold,
        "inputs": predictor.record_reader().inputs(),  # the reader the modality's spec names
        "test_metrics": {k: v for k, v in metrics.items() if isinstance(v, dict) and "value" in v},
        "n_test": (predictor.metrics.get("n") or {}).get("test"),
        "mednn_version": __version__,
        "intended_use": "research; not a medical device: predictions must not drive clinical decisions on their own",
    }


def make_app(run_dir: str | Path, *, security: ServeSecurity | None = None):
    """The FastAPI application serving the run in ``run_dir`` (loaded once, at start-up).

    ``security``: a :class:`~mednn.serving.security.ServeSecurity` (API keys, limits, audit
    log); by default the limits apply and there is no key and no audit log.

    >>> app = make_app("runs/bc")  # doctest: +SKIP
    """
    try:
        from fastapi import FastAPI
        from fastapi.responses import JSONResponse, Response
    except ImportError:
        raise MissingExtraError("mednn serve needs FastAPI; fix: pip install 'mednn[serve]'") from None
    from .. import __version__
    from ..modalities import modality_spec
    from ..predictor import Predictor

    predictor = Predictor.load(run_dir)
    security = security if security is not None else ServeSecurity()
    security.images = modality_spec(predictor.modality).serve_input == "files"  # uploads, not records
    card = model_card(predictor, run_dir)
    app = FastAPI(title=f"mednn: {card['run']}", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url=None)
    install_security(app, security)  # keys, limits and audit before any request is parsed; 4xx never echo

    @app.exception_handler(MednnError)
    async def refused(request, exc: MednnError):
        return JSONResponse(status_code=status_of(exc), content={"detail": client_detail(exc)})

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/model")
    def model() -> dict[str, Any]:
        return card

    predict = (_image_endpoint if security.images else _records_endpoint)(predictor, security, Response)
    # a plain Starlette route: the body is parsed once, by the request model, without FastAPI's
    # dependency solving and response encoding on the hot path
    app.router.add_route("/predict", predict, methods=["POST"], include_in_schema=False)
    return app


def client_detail(exc: BaseException) -> str:
    """A refusal as a client can act on it: a reader's fix that sets a config key (``set
    data.on_unreadable: skip``) is the server operator's to apply, never the client's, so the
    client is told to correct what it sent instead."""
    text = str(exc)
    head, sep, fix = text.partition("; fix: ")
    if sep and ("data." in fix or "--set" in fix or "featurize." in fix):
        return f"{head}; fix: correct or leave out what was sent (the served run's settings cannot be changed by a request)"
    return text


def status_of(exc: BaseException) -> int:
    """The HTTP status of a refusal: the request's own (RequestRefused), 413 for an image too
    large to decode, 422 for what the reader refuses, 400 for any other mednn error."""
    if isinstance(exc, RequestRefused):
        return exc.status
    if isinstance(exc, ImageTooLarge):
        return 413
    if isinstance(exc, (DataError, ConfigError)):
        return 422
    return 400


def _records_endpoint(predictor, security: ServeSecurity, response_class):
    import asyncio

    from .batching import Batcher

    reader = predictor.record_reader()
    body_model = records_model(security.max_records)
    batcher = Batcher(predictor, security.max_records)

    async def predict(request) -> Any:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json" and not kind.endswith("+json"):
            raise RequestRefused(415, "send the records as JSON (Content-Type: application/json)")
        records = parse_records(request.scope.get(BODY_SCOPE_KEY, b""), body_model, reader.known)
        request_state(request.scope)["records"] = len(records)
        if len(records) < _PREPARE_IN_THREAD:
            part = reader.prepare(records)
        else:
            part = await asyncio.get_running_loop().run_in_executor(batcher.executor, reader.prepare, records)
        answer = await batcher.predict(part)
        ignored = reader.ignored_fields(records)
        if ignored:  # named, as `mednn predict` names the columns it ignored (never their values)
            import json

            answer = json.dumps({**json.loads(answer), "ignored_fields": ignored},
                                separators=(",", ":")).encode("utf-8")
        return response_class(answer, media_type="application/json")

    return predict


def _image_endpoint(predictor, security: ServeSecurity, response_class):
    import asyncio

    from concurrent.futures import ThreadPoolExecutor

    from .batching import cut, left_out

    body_model = images_model(security.max_images)
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mednn-predict")  # one at a time, as records

    def answer(uploads):
        import numpy as np

        dataset = predictor.read_uploads(uploads)
        assessment = predictor.assess(predictor.featurizer.transform(dataset), records=dataset)
        return cut(predictor, np.asarray(dataset.ids, dtype=np.int64), assessment, [len(uploads)],
                   left_out(dataset))[0]

    async def predict(request) -> Any:
        uploads = await _uploads(request, body_model, security.max_images)
        request_state(request.scope)["records"] = len(uploads)
        return response_class(await asyncio.get_running_loop().run_in_executor(executor, answer, uploads),
                              media_type="application/json")

    return predict


async def _form(request, max_images: int):
    """The multipart form of the body the middleware read, parsed in memory: starlette spools
    files past 1 MB to a temporary file, but this body is in memory already."""
    from starlette.formparsers import MultiPartException, MultiPartParser

    body = request.scope.get(BODY_SCOPE_KEY, b"")

    async def stream():
        yield body

    parser = MultiPartParser(request.headers, stream(), max_files=max_images, max_fields=max_images)
    parser.spool_max_size = len(body) + 1
    try:
        return await parser.parse()
    except MultiPartException as exc:
        if "Too many" in str(getattr(exc, "message", exc)):
            raise RequestRefused(413, f"more than {max_images} files in one request (use mednn predict)") from None
        raise RequestRefused(422, "the multipart body is malformed") from None
    except ValueError:
        raise RequestRefused(422, "the multipart body is malformed") from None


async def _uploads(request, body_model, max_images: int) -> list[tuple[str, bytes]]:
    """(name, bytes) of each uploaded image: multipart files or base64 JSON."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    uploads: list[tuple[str, bytes]] = []
    if kind == "multipart/form-data":
        form = await _form(request, max_images)
        try:
            for item in form.getlist("files"):
                if not hasattr(item, "read"):
                    raise RequestRefused(422, "multipart field 'files' must hold files")
                uploads.append((item.filename or "", await item.read()))
        finally:
            await form.close()
    elif kind == "application/json" or kind.endswith("+json"):
        for i, image in enumerate(parse_images(request.scope.get(BODY_SCOPE_KEY, b""), body_model)):
            try:
                uploads.append((image.name, base64.b64decode(image.data, validate=True)))
            except (binascii.Error, ValueError):
                raise RequestRefused(422, f"{record_name(i, 'image')}: 'data' is not valid base64") from None
    else:
        raise RequestRefused(415, "send images as multipart/form-data (field 'files') or application/json")
    if not uploads:
        raise RequestRefused(422, "the request holds no images; fix: send them as multipart field 'files' "
                                  "(one part per image) or as JSON {\"images\": [{\"name\", \"data\": base64}]}")
    if len(uploads) > max_images:
        raise RequestRefused(413, f"{len(uploads)} images in one request; at most {max_images} (use mednn predict)")
    return uploads

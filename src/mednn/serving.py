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
which names columns and record numbers, never values. The server binds to 127.0.0.1 by default.

>>> app = make_app("runs/bc")  # doctest: +SKIP
"""

from __future__ import annotations

import base64
import binascii
import re
import tempfile
from pathlib import Path
from typing import Any

from .errors import ConfigError, DataError, MednnError, MissingExtraError

MAX_RECORDS = 10_000  # per request: larger batches belong in `mednn predict`
MAX_IMAGES = 256
RECORD = "__mednn_record__"
# a request's records carry no patient or metadata columns and are identified by position
READ_AS_REQUEST = {"id_column": RECORD, "patient_column": None, "meta_columns": []}
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


def make_app(run_dir: str | Path):
    """The FastAPI application serving the run in ``run_dir`` (loaded once, at start-up)."""
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

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/model")
    def model_card() -> dict[str, Any]:
        return card

    def answer(read, sent: int) -> dict[str, Any]:
        try:
            dataset = read()
            prob = predictor.predict_proba(dataset)
        except (DataError, ConfigError) as exc:
            # the readers' messages name columns and rows, never the values; temporary paths are hidden
            raise HTTPException(422, re.sub(r"\S*mednn-serve-\S*", "the request", str(exc))) from None
        except MednnError as exc:
            raise HTTPException(400, re.sub(r"\S*mednn-serve-\S*", "the request", str(exc))) from None
        ids = [_position(i) for i in dataset.ids]
        predictions = predictor.records(ids, prob)
        return {"predictions": predictions, "skipped": sent - len(dataset), "threshold": predictor.threshold}

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
                return answer(lambda: predictor.read(folder, labels=False), len(images))
    else:
        @app.post("/predict")
        def predict(body: dict[str, Any]) -> dict[str, Any]:
            records = body.get("records")
            if not isinstance(records, list) or not records or not all(isinstance(r, dict) for r in records):
                raise HTTPException(422, 'the body must be {"records": [{column: value, ...}, ...]} with at least '
                                         "one record")
            if len(records) > MAX_RECORDS:
                raise HTTPException(413, f"{len(records)} records in one request; at most {MAX_RECORDS} "
                                         "(use mednn predict for files)")
            return answer(lambda: predictor.read_records(records), len(records))

    return app


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


def serve(run_dir: str | Path, host: str = "127.0.0.1", port: int = 8000, app=None) -> None:
    """Run the API with uvicorn until interrupted (access logs off: URLs only, but nothing to keep)."""
    try:
        import uvicorn
    except ImportError:
        raise MissingExtraError("mednn serve needs uvicorn; fix: pip install 'mednn[serve]'") from None
    uvicorn.run(app if app is not None else make_app(run_dir), host=host, port=port, log_level="warning",
                access_log=False)

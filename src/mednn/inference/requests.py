"""The request models of ``mednn serve`` per modality, and their one-line refusals.

Bodies are parsed and validated in one pass by pydantic (Rust): nesting deeper than its JSON
parser's limit, ``NaN`` / ``Infinity`` literals and numbers too large for a float are refused,
and types are strict: ``true`` is not 1.0 and ``"1"`` is not a record. JSON ``null`` is a
missing value, as an empty cell of a file is.

- tables, notes and molecules: :func:`records_model` -> ``{"records": [{column: value}, ...]}``
  with values that are numbers, text or ``null`` (what a cell of a file can hold); the
  modality's reader decides what each column needs (:mod:`.records`).
- images: :class:`ImagesBody` -> ``{"images": [{"name": "a.dcm", "data": "<base64>"}, ...]}``
  (or multipart uploads, which the server reads itself).

A refusal (:class:`RequestRefused`) carries its HTTP status and names positions, reserved keys
and the run's own column names, never a value (or an unknown key) of the request.

>>> body = records_model(10_000)  # doctest: +SKIP
>>> records = parse_records(b'{"records": [{"age": 61, "sex": "F"}]}', body, known={"age", "sex"})  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr, ValidationError

from ..errors import MednnError

# record keys mednn uses internally; a request may not use them
RESERVED_PREFIX = "__mednn"
Scalar = Union[StrictInt, StrictFloat, StrictStr, None]
MAX_NAME_CHARS = 255


class RequestRefused(MednnError):
    """A request the API cannot use: ``status`` is the HTTP answer (400, 413, 415, 422)."""

    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True)


def records_model(max_records: int) -> type[BaseModel]:
    """``{"records": [...]}`` with 1 to ``max_records`` records of column -> number | text | null."""

    class RecordsBody(_Strict):
        records: Annotated[list[dict[str, Scalar]], Field(min_length=1, max_length=max_records)]

    return RecordsBody


class UploadedImage(_Strict):
    name: Annotated[StrictStr, Field(max_length=MAX_NAME_CHARS)] = ""
    data: StrictStr


def images_model(max_images: int) -> type[BaseModel]:
    """``{"images": [{"name", "data" (base64)}, ...]}`` with 1 to ``max_images`` images."""

    class ImagesBody(_Strict):
        images: Annotated[list[UploadedImage], Field(min_length=1, max_length=max_images)]

    return ImagesBody


RECORDS_SHAPE = '{"records": [{column: value, ...}, ...]}'
IMAGES_SHAPE = '{"images": [{"name": "a.dcm", "data": "<base64>"}, ...]}'


def record_name(i: int, item: str = "record") -> str:
    """How a message names a request's record (or image): by its position, counted from 0 (a
    file's reader counts rows from 1, the header being row 1; trial 15 found "rows 1, 2" ambiguous)."""
    return f"{item} {i} of the request (0-based)"


def parse_records(body: bytes, model: type[BaseModel], known: set[str] | frozenset[str] = frozenset()
                  ) -> list[dict[str, Any]]:
    """The records of a /predict body, or a :class:`RequestRefused` (never echoing a value).

    ``known``: the run's column names, which a message may name (other keys are the client's).
    """
    try:
        records = model.model_validate_json(body).records
    except ValidationError as exc:
        raise refusal(exc, RECORDS_SHAPE, "record", known) from None
    for i, record in enumerate(records):
        for key in record:
            if key.startswith(RESERVED_PREFIX):
                raise RequestRefused(422, f"{record_name(i)} has a key starting with {RESERVED_PREFIX!r}, which "
                                          "mednn reserves; rename that column")
    return records


def parse_images(body: bytes, model: type[BaseModel]) -> list[UploadedImage]:
    """The images of a JSON /predict body (base64 still encoded), or a :class:`RequestRefused`."""
    try:
        return model.model_validate_json(body).images
    except ValidationError as exc:
        raise refusal(exc, IMAGES_SHAPE, "image") from None


def refusal(exc: ValidationError, shape: str, item: str, known=frozenset()) -> RequestRefused:
    """A pydantic error as one refusal: where (item position, column) and what kind, no value."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    kind, loc = first["type"], first["loc"]
    if kind == "json_invalid":
        deep = "recursion limit" in first.get("msg", "")
        why = "is nested too deeply" if deep else "is not valid JSON"
        return RequestRefused(400 if deep else 422, f"the body {why}; send {shape}")
    if kind == "too_long" and len(loc) == 1:
        context = first.get("ctx") or {}
        n, limit = context.get("actual_length", "too many"), context.get("max_length", "the limit")
        return RequestRefused(413, f"{n} {item}s in one request; at most {limit} "
                                   "(use mednn predict for files)")
    if len(loc) < 2 or not isinstance(loc[1], int):
        return RequestRefused(422, f"the body must be a JSON object {shape} with at least one {item}")
    where = record_name(loc[1], item)
    if len(loc) == 2:
        return RequestRefused(422, f"{where} is not a JSON object; send {shape}")
    key = str(loc[2])
    column = f"column '{key}'" if key in known else ("'name'" if key == "name" else
                                                     "'data'" if key == "data" else "a key")
    value = first.get("input")
    if isinstance(value, bool):
        got = "true/false, which is not a value of a cell (send 1/0 or the category's text)"
    elif isinstance(value, (dict, list)):
        got = "a nested object or list (send a number, a text or null)"
    elif isinstance(value, float) or any(e["type"] == "finite_number" for e in errors):
        got = "a number that is not finite (send a finite number or null for a missing value)"
    elif kind == "extra_forbidden":
        got = "a key the API does not take"
    else:
        got = f"a value of the wrong type ({kind})"
    return RequestRefused(422, f"{where}, {column}: {got}")

"""Dynamic batching of ``POST /predict``: requests that arrive while a batch is predicted are
read and predicted together in the next one, so a burst of single-record requests costs a few
batched passes (one reader check, one featurizer pass, one forward pass each) instead of one
per request. Small batches are predicted on the event loop itself (no thread hop, no wait for
the GIL between two threads); large ones in one worker thread, so that the loop keeps answering.

A batch never changes an answer: only requests whose reader checks are per record
(:attr:`~mednn.inference.records.Part.shareable`) share a batch; a batch the reader refuses
is re-read request by request, so an error reaches only the request that caused it with the
message it would get alone; a request of which nothing could be read (all its molecules
invalid) is re-read alone for its own error.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from ..inference.records import Part


# loop turns that let arrived requests join a batch; batches up to this many records are predicted
# on the event loop (a few ms), larger ones in the worker thread so that the loop keeps answering
_GATHER_TURNS = 4
_ON_THE_LOOP = 64


class _ReadAlone(Exception):
    """A part of a shared batch must be read on its own (nothing of it could be read)."""


class Batcher:
    """Queue of prepared requests, drained by one task into a one-thread executor."""

    def __init__(self, predictor, max_records: int):
        self.predictor, self.max_records = predictor, max_records
        self.reader = predictor.record_reader()
        self.pending: deque[tuple[Part, asyncio.Future]] = deque()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mednn-predict")
        self._drainer: asyncio.Task | None = None

    async def predict(self, part: Part) -> bytes:
        """The JSON answer (bytes) to one request's prepared records; raises what reading or
        predicting them alone raises."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self.pending.append((part, future))
        if self._drainer is None or self._drainer.done():
            # a task of its own: a request that times out never stops the queue
            self._drainer = loop.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        while self.pending:
            for _ in range(_GATHER_TURNS):  # requests whose bytes already arrived join this batch
                waiting = len(self.pending)
                await asyncio.sleep(0)
                if len(self.pending) == waiting:
                    break
            batch, size = [], 0
            while self.pending and (not batch or size + len(self.pending[0][0].rows) <= self.max_records):
                part, future = self.pending.popleft()
                if not future.done():  # its request timed out or went away: skip it
                    batch.append((part, future))
                    size += len(part.rows)
            if batch and size <= _ON_THE_LOOP:
                # a few milliseconds of work: done here, without a thread hop and the wait for the GIL
                results = self.run([p for p, _ in batch])
            elif batch:
                results = await loop.run_in_executor(self.executor, self.run, [p for p, _ in batch])
            else:
                continue
            for (_, future), result in zip(batch, results):
                if future.done():
                    continue
                if isinstance(result, BaseException):
                    future.set_exception(result)
                else:
                    future.set_result(result)

    def run(self, parts: list[Part]) -> list[Any]:
        """One answer (bytes) or exception per part: the shareable parts together, others alone."""
        results: list[Any] = [None] * len(parts)
        shared = [i for i, p in enumerate(parts) if p.shareable]
        groups = ([shared] if shared else []) + [[i] for i, p in enumerate(parts) if not p.shareable]
        for group in groups:
            try:
                answers = self.answer([parts[i] for i in group])
            except Exception as exc:  # noqa: BLE001 - re-read alone, or handed to its request
                if len(group) == 1:
                    results[group[0]] = exc
                    continue
                answers = []
                for i in group:
                    try:
                        answers.extend(self.answer([parts[i]]))
                    except Exception as alone:  # noqa: BLE001 - handed to that request
                        answers.append(alone)
            for i, answer in zip(group, answers):
                results[i] = answer
        return results

    def answer(self, parts: list[Part]) -> list[Any]:
        """Read and predict the records of ``parts`` together; one JSON answer per part."""
        predictor = self.predictor
        dataset = predictor._deidentified(self.reader.read([row for part in parts for row in part.rows]))
        assessment = predictor.assess_new(dataset)
        sizes = [len(part.rows) for part in parts]
        answers = cut(predictor, np.asarray(dataset.ids, dtype=np.int64), assessment, sizes, left_out(dataset))
        if len(parts) > 1 and any(isinstance(a, _ReadAlone) for a in answers):
            answers = [a if not isinstance(a, _ReadAlone) else self._alone(part) for a, part in zip(answers, parts)]
        return answers

    def _alone(self, part: Part) -> Any:
        try:
            return self.answer([part])[0]
        except Exception as exc:  # noqa: BLE001 - handed to that request
            return exc


def left_out(dataset) -> dict[int, str]:
    """Batch position -> reason of each record the reader left out (an invalid molecule, an
    unreadable upload): the readers list them with their position as id (ids are positions
    here) and a reason that never quotes the input."""
    return {int(entry["id"]): str(entry.get("reason") or "unreadable")
            for key in ("invalid_molecules", "skipped") for entry in dataset.notes.get(key) or ()}


def cut(predictor, positions: np.ndarray, assessment: dict[str, Any], sizes: list[int],
        reasons: dict[int, str] | None = None) -> list[Any]:
    """The predictions of consecutive requests of ``sizes`` (``positions``: each predicted
    record's position in the batch) as one JSON answer per request; ``reasons`` (batch position
    -> why, :func:`left_out`) name each left-out record by its index in its own request."""
    reasons = reasons or {}
    prob = assessment["prob"]
    answers: list[Any] = []
    start = 0
    for size in sizes:
        mine = np.flatnonzero((positions >= start) & (positions < start + size))
        if len(sizes) > 1 and size and not len(mine):
            answers.append(_ReadAlone())
        else:
            ids = (positions[mine] - start).tolist()
            part = {k: (_take(v, mine) if k != "uncertainty_kind" else v) for k, v in assessment.items()}
            # inputs a reader could not use (an unparsable SMILES, an unreadable image) are counted
            # and named by their index in the request with the reader's reason, never their content
            missing = sorted(set(range(start, start + size)) - set(positions[mine].tolist()))
            answers.append(encode({"predictions": predictor.records(ids, prob[mine], part),
                                   "skipped": size - len(mine),
                                   "skipped_records": [{"record": p - start, "reason": reasons.get(p, "unreadable")}
                                                       for p in missing],
                                   "threshold": predictor.threshold}))
        start += size
    return answers


def encode(answer: dict[str, Any]) -> bytes:
    return json.dumps(answer, separators=(",", ":"), default=_plain).encode("utf-8")


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _take(value, index):
    if value is None:
        return None
    if isinstance(value, dict):  # the assessment's ``far``: column -> per record
        return {k: _take(v, index) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(v[index] for v in value)
    return value[index]

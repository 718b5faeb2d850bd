"""What travels between the coordinator and a site: Flower ``Message`` contents.

A request is a ``RecordDict`` with a ``ConfigRecord`` ``"mednn"`` (``phase``: hello,
statistics, setup, train, privacy; ``payload``: JSON) and, for ``train``, an ``ArrayRecord``
``"arrays"`` of the global weights keyed by the model's state-dict keys. A reply holds the
site's ``"arrays"`` (its weights after local training), a ``MetricRecord`` ``"metrics"`` with
``num-examples`` (the rows it claims, Flower's key) and a ``ConfigRecord`` ``"mednn"`` with
its JSON answer. A site that fails answers with Flower's error reply; its reason is mednn's
one-line message, which names files, columns and rows, never values.

>>> content = request("train", {"lr": 0.1}, {"layer.weight": weights})   # doctest: +SKIP
>>> phase, payload, arrays = read_request(content)                        # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

import numpy as np

RUN_ID = 1  # the run and node ids of messages that never leave this machine (in-process engine)
SERVER_NODE = 0
KEY = "mednn"
ARRAYS = "arrays"
METRICS = "metrics"
ROWS = "num-examples"  # Flower strategies' weighting key
PHASES = ("hello", "statistics", "setup", "train", "privacy")


def message_type(phase: str) -> str:
    """Flower's message type of a phase: ``train`` for rounds, ``query`` for the rest."""
    return "train" if phase == "train" else "query"


def request(phase: str, payload: dict[str, Any], arrays: dict[str, np.ndarray] | None = None):
    """The content of one request to a site."""
    from flwr.app import Array, ArrayRecord, ConfigRecord, RecordDict

    records: dict[str, Any] = {KEY: ConfigRecord({"phase": phase, "payload": json.dumps(payload)})}
    if arrays:
        records[ARRAYS] = ArrayRecord({k: Array(np.asarray(a, order="C")) for k, a in arrays.items()})
    return RecordDict(records)


def read_request(content) -> tuple[str, dict[str, Any], dict[str, np.ndarray]]:
    """(phase, payload, arrays) of a request."""
    config = content.config_records[KEY]
    arrays = content.array_records.get(ARRAYS)
    return (str(config["phase"]), json.loads(str(config["payload"])),
            {k: a.numpy() for k, a in arrays.items()} if arrays is not None else {})


def reply(answer: dict[str, Any], rows: int, arrays: dict[str, np.ndarray] | None = None):
    """The content of a site's answer."""
    from flwr.app import Array, ArrayRecord, ConfigRecord, MetricRecord, RecordDict

    records: dict[str, Any] = {KEY: ConfigRecord({"answer": json.dumps(answer)}),
                               METRICS: MetricRecord({ROWS: int(rows)})}
    if arrays:
        records[ARRAYS] = ArrayRecord({k: Array(np.asarray(a, order="C")) for k, a in arrays.items()})
    return RecordDict(records)


class Answer:
    """One site's reply, read: ``arrays`` (name -> array), ``rows`` (claimed), ``answer`` (JSON)."""

    def __init__(self, arrays: dict[str, np.ndarray], rows: int, answer: dict[str, Any]):
        self.arrays, self.rows, self.answer = arrays, rows, answer


def read_reply(message) -> Answer | str:
    """The site's :class:`Answer`, or the reason it failed (a string)."""
    if message.has_error():
        return str(message.error.reason)
    content = message.content
    try:
        config = content.config_records[KEY]
        metrics = content.metric_records[METRICS]
        arrays = content.array_records.get(ARRAYS)
        return Answer({k: a.numpy() for k, a in arrays.items()} if arrays is not None else {},
                      int(metrics[ROWS]), json.loads(str(config["answer"])))
    except (KeyError, TypeError, ValueError) as exc:  # a reply not written by mednn's ClientApp
        return f"a malformed reply ({type(exc).__name__})"


@contextlib.contextmanager
def task_identity(run_id: int = RUN_ID, node_id: int = SERVER_NODE):
    """Flower's per-process task identity (a Message is stamped with it), set while in use:
    Flower sets it in its own ServerApp / ClientApp processes; in-process code sets it here."""
    from flwr.supercore.task_identity import TaskIdentity

    saved = (TaskIdentity._run_id, TaskIdentity._node_id, TaskIdentity._task_id)
    TaskIdentity.run_id, TaskIdentity.node_id, TaskIdentity.task_id = run_id, node_id, 1
    try:
        yield
    finally:
        TaskIdentity._run_id, TaskIdentity._node_id, TaskIdentity._task_id = saved


def in_task():
    """:func:`task_identity` where no Flower process has set one (the in-process engine)."""
    from flwr.supercore.task_identity import TaskIdentity

    return task_identity() if TaskIdentity._run_id is None else contextlib.nullcontext()


def new_message(content, node: int, phase: str):
    """A request Message to ``node`` (Flower's constructor; ``Grid.create_message`` is deprecated)."""
    from flwr.app import Message

    with in_task():
        return Message(content, dst_node_id=node, message_type=message_type(phase), group_id=phase)

"""A site's long-lived ClientApp process for Flower's SuperNode (process isolation mode).

In its default *subprocess* mode a Flower 1.42 SuperNode starts a fresh ``flwr-clientapp``
process (an interpreter with torch) for every message, and a site would re-read and
re-featurize its file each time. In *process* mode the SuperNode only queues the tasks on
its local Runtime API; this process takes them one after another (``AcquireTask``, then
Flower's own ``pull_task_input`` / ``push_message`` / ``push_task_output`` with the task's
token) and answers each with mednn's ClientApp, which keeps the site (its rows featurized
once, its trainer, its generators and DP step count) in memory for the run.

It runs only mednn's own ClientApp, never code from the app bundle (FAB) a run ships: a task
of another app is answered with an error. Flower's log lines go to ``log_file`` or nowhere.

>>> serve(make_site, runtime_address="127.0.0.1:9094")      # doctest: +SKIP
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

POLL = 0.05  # seconds between requests for a task on the (local) Runtime API


def _runtime_client(address: str, component: str, token: str | None = None, *, retry: bool = True):
    """A client of the SuperNode's local Runtime API; ``retry=False``: one try per call (the
    polling loop checks between calls whether the SuperNode is still there)."""
    from flwr.supercore.interceptors import RuntimeTokenHttpInterceptor, RuntimeVersionHttpInterceptor
    from flwr.supercore.retry import make_simple_http_retry_invoker
    from flwr.supercore.runtime import RuntimeHttpClient

    interceptors = [RuntimeVersionHttpInterceptor(component_name=component)]
    if token is not None:
        interceptors.append(RuntimeTokenHttpInterceptor(token))
    invoker = make_simple_http_retry_invoker()
    if not retry:
        invoker.max_tries = 1
    return RuntimeHttpClient.from_server_address(server_address=address, insecure=True, root_certificates=None,
                                                 interceptors=interceptors, retry_invoker=invoker)


def run_task(address: str, token: str, app, app_id: str) -> str:
    """Answer one queued ClientApp task with ``app``; returns Flower's final sub-status."""
    from flwr.app import Error, Message
    from flwr.common.constant import SubStatus
    from flwr.supercore.heartbeat import HeartbeatSender, make_task_heartbeat_fn_http
    from flwr.supernode.runtime.run_clientapp import pull_task_input, push_message, push_task_output

    client = _runtime_client(address, "flwr-clientapp", token)
    heartbeat = HeartbeatSender(make_task_heartbeat_fn_http(client))
    heartbeat.start()
    status, details, context = SubStatus.FAILED, "", None
    try:
        message, context, run, _ = pull_task_input(client)
        if run.fab_id != app_id:
            details = f"this SuperNode runs only {app_id}, not {run.fab_id}"
            reply = Message(Error(code=0, reason=details), reply_to=message)
        else:
            reply = app(message, context)
            status = SubStatus.COMPLETED
        push_message(client, reply, context)
    except Exception as exc:  # noqa: BLE001 - the task fails; the coordinator names the site
        details = f"{type(exc).__name__}: {exc}"
    finally:
        push_task_output(client=client, context=context, sub_status=status, details=details)
        if heartbeat.is_running:
            heartbeat.stop()
        client.close()
    return status


def serve(make_site: Callable[[Any], Any], *, runtime_address: str, app_id: str, log_file=None,
          stop: Callable[[], bool] = lambda: False, poll: float = POLL) -> None:
    """Take the SuperNode's ClientApp tasks until ``stop()`` is true (or the process ends)."""
    from flwr.proto.runtime_pb2 import AcquireTaskRequest

    from ..flower_logs import quiet
    from ..site import client_app

    quiet(log_file)
    app = client_app(make_site)
    client = None
    while not stop():
        try:
            if client is None:
                client = _runtime_client(runtime_address, "SuperExec", retry=False)
            found = client.AcquireTask(AcquireTaskRequest(supported_task_types=["flwr-clientapp"],
                                                          agentapp_fab_hashes=[]))
        except Exception:  # noqa: BLE001 - the SuperNode is starting or gone: check, then try again
            client = None
            time.sleep(0.5)
            continue
        if found.HasField("task") and found.token:
            run_task(runtime_address, found.token, app, app_id)
        else:
            time.sleep(poll)

"""``flower-supernode`` with a short idle poll (``python -m mednn.federation.engines.supernode_process``).

Flower 1.42's SuperNode asks the SuperLink for work and, when there is none, sleeps a fixed
3 s (``flwr.supernode.start_client_internal``): every round then waits up to 3 s before a
site even sees its message. mednn starts the same SuperNode with that sleep shortened to
:data:`POLL` seconds (its other short waits are kept), which is what lets a round of the
Deployment Engine take well under 3 s. Arguments are ``flower-supernode``'s.
"""

from __future__ import annotations

import sys
import time as _time

POLL = 0.2  # seconds between a SuperNode's requests for work when it has none


class _ShortSleep:
    """The ``time`` module as Flower's SuperNode loop sees it, with sleeps capped at POLL."""

    def __getattr__(self, name):
        return getattr(_time, name)

    @staticmethod
    def sleep(seconds: float) -> None:
        _time.sleep(min(float(seconds), POLL))


def main(argv: list[str] | None = None) -> None:
    import flwr.supernode.start_client_internal as loop
    from flwr.supernode.cli.flower_supernode import flower_supernode

    if getattr(loop, "time", None) is not _time:
        raise SystemExit("mednn: this flwr version's SuperNode loop is not the one mednn shortens; "
                         "fix: install flwr 1.42 (pip install 'mednn[federated]')")
    loop.time = _ShortSleep()
    sys.argv = ["flower-supernode", *(sys.argv[1:] if argv is None else argv)]
    flower_supernode()


if __name__ == "__main__":
    main()

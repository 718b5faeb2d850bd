"""``flower-supernode`` with a short idle poll (``python -m mednn.federation.engines.supernode_process``).

Flower 1.42's SuperNode asks the SuperLink for work and, when there is none, sleeps a fixed
3 s (``flwr.supernode.start_client_internal``): every round then waits up to 3 s before a
site even sees its message; it also checks every 0.5 s whether its ClientApp has replied.
mednn starts the same SuperNode with the idle sleep shortened to :data:`POLL` seconds and
the reply checks to :data:`CHECK` seconds, which is what lets a round of the Deployment
Engine take under 3 s. Arguments are ``flower-supernode``'s.
"""

from __future__ import annotations

import sys
import time as _time

POLL = 0.1  # seconds between a SuperNode's requests for work when it has none (Flower: 3)
CHECK = 0.02  # seconds between its checks for its ClientApp's reply (Flower: 0.5)


class _ShortSleep:
    """The ``time`` module as Flower's SuperNode loop sees it, with its sleeps shortened."""

    def __getattr__(self, name):
        return getattr(_time, name)

    @staticmethod
    def sleep(seconds: float) -> None:
        _time.sleep(POLL if float(seconds) >= 3 else min(float(seconds), CHECK))


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

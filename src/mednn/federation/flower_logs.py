"""Flower's log lines off the user's terminal.

Flower logs through the ``flwr`` logger (a console handler of its own): banners, deprecation
warnings, every aggregation's counts. mednn prints its own one-line progress instead, so in a
process mednn runs the ``flwr`` logger goes to a file (``--log``) or nowhere. Flower's own
processes (``flower-superlink``, ``flower-supernode``, ``flwr run``) have their output sent
to that file or discarded by the commands that start them (:mod:`.engines.deployment`).

>>> quiet("flower.log")        # doctest: +SKIP
"""

from __future__ import annotations

import logging
from pathlib import Path


def quiet(log_file: str | Path | None = None, level: int = logging.INFO) -> None:
    """Send the ``flwr`` logger to ``log_file`` (None: discard it)."""
    import contextlib

    with contextlib.suppress(ImportError):
        import flwr.supercore.logger  # noqa: F401  (Flower adds its console handler on import)
    logger = logging.getLogger("flwr")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    if log_file is not None:
        handler: logging.Handler = logging.FileHandler(log_file, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    else:
        handler = logging.NullHandler()
    logger.addHandler(handler)
    logger.setLevel(level if log_file is not None else logging.CRITICAL + 1)
    logger.propagate = False


def quiet_console() -> None:
    """Take Flower's console handler off the ``flwr`` logger; a log file set by :func:`quiet`
    stays."""
    logger = logging.getLogger("flwr")
    if not any(isinstance(h, logging.FileHandler) for h in logger.handlers):
        quiet()

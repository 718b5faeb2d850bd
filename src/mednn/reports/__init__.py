"""Reports of a run: plots (``plots.py``, compute then draw with matplotlib), the one
self-contained HTML report (``html.py`` assembling ``sections/``, ``templates/report.html``),
the model card (``model_card.py``) and the terminal summary (``summary.py``). Each takes a
loaded run (``mednn.runs.load_run``); none reads a run's files itself.

>>> from mednn.reports import build_report
>>> html = build_report(load_run("runs/breast-cancer", model=False))  # doctest: +SKIP

A new section is a module in ``sections/`` (a ``section(run)`` function), its line in
``html.report_context`` and its block in the template.
"""

from __future__ import annotations


def build_report(run) -> str:
    """The run's report as one self-contained HTML string (see :mod:`mednn.reports.html`)."""
    from .html import build_report as _build

    return _build(run)


__all__ = ["build_report"]

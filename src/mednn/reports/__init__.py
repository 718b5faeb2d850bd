"""Reports: plots (``plots.py``, compute then draw with matplotlib) and the one self-contained
HTML report of a run (``html.py`` + ``templates/report.html``).

>>> from mednn.reports import write_report
>>> write_report("runs/breast-cancer")  # doctest: +SKIP
PosixPath('runs/breast-cancer/report.html')

A new section goes in ``html.py`` (a function building its context) and in the template.
"""

from __future__ import annotations

from pathlib import Path


def build_report(run_dir: Path | str) -> str:
    """The run's report as one self-contained HTML string (see :mod:`mednn.reports.html`)."""
    from .html import build_report as _build

    return _build(run_dir)


def write_report(run_dir: Path | str, out_path: Path | str | None = None) -> Path:
    """Write ``report.html`` of a run atomically and return its path (see :mod:`mednn.reports.html`)."""
    from .html import write_report as _write

    return _write(run_dir, out_path)


__all__ = ["build_report", "write_report"]

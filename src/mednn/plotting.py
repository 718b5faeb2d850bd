"""Drawing basics every figure of mednn shares: matplotlib with the Agg backend, the colours,
and PNG bytes from a figure.

Explanations (:mod:`mednn.explain`) and the report (:mod:`mednn.reports.plots`) draw with these;
it imports nothing of mednn, so any stage may use it. Matplotlib loads on first use.
"""

from __future__ import annotations

import io
from typing import Any

DPI = 100
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")


def pyplot():
    """matplotlib.pyplot with the non-interactive Agg backend (safe on servers without display)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def figure_png(fig: Any, *, dpi: int = DPI) -> bytes:
    """Save a figure as PNG bytes and close it (a report draws many figures: no leaks)."""
    plt = pyplot()
    try:
        buffer = io.BytesIO()
        # no "Software" metadata: the same run gives byte-identical images
        fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
        return buffer.getvalue()
    finally:
        plt.close(fig)

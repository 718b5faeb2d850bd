"""``explain.budget``: a time limit for all of a run's explanations (every explainer together).

Explanations come after training and evaluation, so ``train.budget`` does not bound them; a user
who sets ``train.budget: 90s`` expects the run to end near 90 s. The driver of the explain stage
(:func:`mednn.explain.base.explain`) starts one :class:`ExplainBudget` and hands it to the
explainers inside their :class:`~mednn.explain.base.ExplainContext`; the only check is at the
start of each method (:meth:`ExplainContext.step`): once the budget is spent no method starts
(:class:`ExplanationsCut`), a method that has started finishes. An explainer that works through
its samples in groups may keep what it finished (:meth:`ExplainBudget.kept`; the image
explainer keeps its finished batches of images, or the methods finished on the first batch); otherwise the explainer's
sections are dropped whole. What was explained and what was cut (counts, never data) becomes the
run's ``explanations_cut`` finding (:meth:`ExplainBudget.finding`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..findings import Finding

CUT_FIX = "fix: raise explain.budget, or lower explain.n_samples / choose explain.methods"


class ExplanationsCut(Exception):
    """Raised when a method would start after ``explain.budget`` is spent; ``step`` names it."""

    def __init__(self, step: str):
        super().__init__(step)
        self.step = step


@dataclass
class Part:
    """What one explainer managed: ``explained`` of ``asked`` test samples; ``cut_at``: the
    method that did not start (None: it finished)."""

    explainer: str
    explained: int
    asked: int
    cut_at: str | None = None


@dataclass
class ExplainBudget:
    """The clock of ``explain.budget`` (``seconds``), started when the explanations start.

    >>> budget = ExplainBudget(60.0)
    >>> budget.spent(), budget.finding() is None
    (False, True)
    """

    seconds: float
    started: float = field(default_factory=time.perf_counter)
    parts: list[Part] = field(default_factory=list)
    stopped_after: float | None = None  # seconds of explanations when the first method was refused
    _kept: tuple[int, str] | None = None

    def __post_init__(self):
        if not self.seconds > 0:
            raise ValueError(f"an explanation budget must be positive, got {self.seconds!r}")

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def spent(self) -> bool:
        return self.elapsed() >= self.seconds

    def check(self, step: str) -> None:
        """Raise :class:`ExplanationsCut` when the budget is spent before ``step`` starts."""
        if self.spent():
            if self.stopped_after is None:
                self.stopped_after = self.elapsed()
            raise ExplanationsCut(step)

    def kept(self, explained: int, cut: ExplanationsCut) -> None:
        """An explainer cut at ``cut`` returns what it finished: ``explained`` samples."""
        self._kept = (int(explained), cut.step)

    def record(self, explainer: str, asked: int, cut: ExplanationsCut | None = None) -> None:
        """What ``explainer`` explained of its ``asked`` samples: all, those it :meth:`kept`, or
        none when it was cut (``cut``) without keeping any."""
        kept, self._kept = self._kept, None
        if kept is not None:
            self.parts.append(Part(explainer, min(kept[0], asked), asked, kept[1]))
        elif cut is not None:
            self.parts.append(Part(explainer, 0, asked, cut.step))
        else:
            self.parts.append(Part(explainer, asked, asked))

    def finding(self) -> Finding | None:
        """``explanations_cut`` when a method did not start (None when everything ran)."""
        cut = [p for p in self.parts if p.cut_at is not None]
        if not cut:
            return None
        missed = sum(p.asked - p.explained for p in cut)
        said = "; ".join(f"{p.explainer}: {p.explained} of {p.asked} test samples explained, stopped before "
                         f"'{p.cut_at}'" for p in cut)
        return Finding("explanations_cut", "warning",
                       f"explain.budget ({self.seconds:g}s) was spent after {self.stopped_after or self.elapsed():.1f}s: {said}; "
                       f"{CUT_FIX}", count=missed)

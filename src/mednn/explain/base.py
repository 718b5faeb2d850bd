"""Explanations: the registry of explainers per modality and what they return.

An explainer is registered with ``@EXPLAINERS.register("<name>")`` in ``explain/<name>.py`` on a
function ``explain(ctx: ExplainContext) -> list[Section]``; a modality's spec
(:mod:`mednn.modalities`) names the explainers run for it. The pipeline calls it after evaluation on
the test split and stores the sections in ``explanations.json`` of the run directory; the
report renders them.

A section is **data, never HTML**: a title, a caption, figures (PNG bytes as base64 with a
caption), tables (rows of text / number cells), notes and warnings (plain text), optional
preformatted rules and highlighted texts (tokens with scores). The report escapes every string
it shows, so nothing stored in ``explanations.json`` can run in the reader's browser. Build
sections with :func:`section`, :func:`figure` and :func:`table`. A section never holds raw
patient text (text explainers work on de-identified text only). Memory stays bounded:
explain a sample (``ctx.config.n_samples``), batch attribution steps. Each method runs inside
:meth:`ExplainContext.step`, which logs a progress line and records its time in the section.
An explained record is named by :func:`record_ref` ("test record 12": its place among the test
rows of predictions.csv), never by its id: ids may be MRNs from the user's ``data.id_column``,
and the report is shown to clinicians.
"""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypedDict

import numpy as np

from ..registry import Registry
from .budget import ExplainBudget, ExplanationsCut

EXPLAINERS: Registry = Registry("explainer")
SCHEMA = 2  # explanations.json sections as data; 1 (before) stored HTML


_NUMERIC_NAME = re.compile(r"^[-+]?\d+(\.\d+)?$")


def class_display_name(name: Any) -> str:
    """How reports and explanations name a class: "malignant" stays, a bare code such as "1"
    becomes "class 1" (so "Specificity (recall of class 0)" or "class 1 (log-odds)" never
    reads as a number).

    >>> class_display_name("1"), class_display_name("benign")
    ('class 1', 'benign')
    """
    name = str(name)
    return f"class {name}" if _NUMERIC_NAME.match(name) else name


class Figure(TypedDict):
    png: str  # base64 of the PNG bytes
    alt: str
    caption: str


class Table(TypedDict):
    caption: str
    columns: list[str]
    rows: list[list[str | float | int | None]]


class Token(TypedDict):
    text: str
    score: float
    muted: bool  # cut off by the model's max_length (shown greyed)


class Highlight(TypedDict):
    heading: str
    detail: str
    error: bool
    tokens: list[Token]


class Section(TypedDict, total=False):
    title: str
    method: str  # the explain.methods name (or the modality's only method)
    seconds: float  # wall-clock time of the method(s) behind this section
    caption: str
    figures: list[Figure]
    tables: list[Table]
    notes: list[str]
    warnings: list[str]
    rules: str  # preformatted text (a surrogate tree's rules)
    highlights: list[Highlight]


RECORD_REF_NOTE = ("Test record N is the N-th row with split 'test' in predictions.csv, which holds its id; "
                   "ids are not shown here.")


def record_ref(i: int) -> str:
    """How a section names the test record at index ``i`` of ``ctx.dataset`` (the test split):
    "test record 12", its place (from 1) among the test rows of predictions.csv, which are
    written in the same order. Never its id, which may come from the user's id column (an MRN).

    >>> record_ref(11)
    'test record 12'
    """
    return f"test record {int(i) + 1}"


def figure(png: bytes, *, alt: str, caption: str = "") -> Figure:
    """A figure of a section: PNG bytes stored as base64 text (the report inlines them).

    >>> figure(b"\\x89PNG...", alt="SHAP", caption="test record 3")["png"][:4]
    'iVBO'
    """
    return Figure(png=base64.b64encode(bytes(png)).decode("ascii"), alt=str(alt), caption=str(caption))


def table(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, caption: str = "") -> Table:
    """A table of a section; cells are text or numbers (numbers are formatted by the report)."""
    def cell(value: Any) -> str | float | int | None:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, (bool, np.bool_)):
            return "yes" if value else "no"
        if isinstance(value, (int, np.integer)):
            return int(value)
        if isinstance(value, (float, np.floating)):
            return float(value)
        return str(value)

    return Table(caption=str(caption), columns=[str(c) for c in columns], rows=[[cell(v) for v in row] for row in rows])


def section(title: str, *, caption: str = "", method: str | None = None, seconds: float | None = None,
            figures: Sequence[Figure] = (), tables: Sequence[Table] = (), notes: Sequence[str] = (),
            warnings: Sequence[str] = (), rules: str | None = None,
            highlights: Sequence[Highlight] = ()) -> Section:
    """One section of ``explanations.json`` (empty parts are left out)."""
    out = Section(title=str(title), caption=str(caption))
    if method is not None:
        out["method"] = str(method)
    if seconds is not None:
        out["seconds"] = round(float(seconds), 3)
    for key, value in (("figures", list(figures)), ("tables", list(tables)), ("notes", [str(n) for n in notes]),
                       ("warnings", [str(w) for w in warnings]), ("highlights", list(highlights))):
        if value:
            out[key] = value  # type: ignore[literal-required]
    if rules:
        out["rules"] = str(rules)
    return out


@dataclass
class Step:
    """What :meth:`ExplainContext.step` measured."""

    name: str
    seconds: float = 0.0


@dataclass
class ExplainContext:
    model: Any  # torch.nn.Module in eval mode, on ctx.device
    featurizer: Any  # the fitted featurizer of the run
    dataset: Any  # mednn.data.base.Dataset: the test split
    features: Any  # featurizer.transform(dataset): a tensor or a Batchable
    probabilities: np.ndarray  # calibrated test probabilities / predictions (see predictions.csv)
    predicted: np.ndarray  # predicted class index (binary/multiclass), 0/1 matrix, or values
    task: Any  # mednn.data.base.Task
    config: Any  # mednn.config.ExplainConfig
    seed: int = 0
    device: str = "cpu"
    # training-split features (same type as ``features``) for methods that compare against a
    # reference distribution (SHAP on tables); None = explainers use the test features instead
    background: Any = None
    # progress lines ("explain: SHAP ..."); the pipeline passes its console logger, None = silent
    log: Callable[[str], None] | None = None
    timings: dict[str, float] = field(default_factory=dict)  # method -> seconds, filled by step()
    # explain.budget's clock (mednn.explain.budget), started by explain(); None = no limit
    budget: ExplainBudget | None = None

    @contextmanager
    def step(self, name: str) -> Iterator[Step]:
        """Time one explanation method and print a line before and after it; once
        ``explain.budget`` is spent, no method starts (:class:`~mednn.explain.budget.ExplanationsCut`).

        >>> with ctx.step("SHAP") as s:  # doctest: +SKIP
        ...     values = shap_values(...)
        >>> s.seconds
        0.84
        """
        if self.budget is not None:
            self.budget.check(name)
        measured = Step(name)
        if self.log is not None:
            self.log(f"explain: {name} …")
        start = time.perf_counter()
        try:
            yield measured
        finally:
            measured.seconds = time.perf_counter() - start
            self.timings[name] = self.timings.get(name, 0.0) + measured.seconds
            if self.log is not None:
                self.log(f"explain: {name} done in {measured.seconds:.1f}s")

    def sample_indices(self) -> np.ndarray:
        """A seeded sample of test indices, errors first, then the most confident correct ones."""
        n = len(self.dataset)
        k = min(self.config.n_samples, n)
        if k == 0:
            return np.zeros(0, dtype=int)
        targets = self.dataset.targets
        if self.task.kind in ("binary", "multiclass"):
            wrong = np.flatnonzero(self.predicted != targets)
            right = np.flatnonzero(self.predicted == targets)
            conf = self.probabilities if self.probabilities.ndim == 1 else self.probabilities.max(axis=1)
            if self.probabilities.ndim == 1:
                conf = np.abs(conf - 0.5)
            rng = np.random.default_rng(self.seed)
            wrong = rng.permutation(wrong)[: max(1, k // 2)] if len(wrong) else wrong
            right = right[np.argsort(-conf[right], kind="stable")][: k - len(wrong)]
            return np.concatenate([wrong, right]).astype(int)
        return np.random.default_rng(self.seed).choice(n, size=k, replace=False)


def explain(ctx: ExplainContext, modality: str) -> list[Section]:
    """Run the explainers the modality's spec names (each registered in ``explain/<name>.py``)
    within ``explain.budget`` (``ctx.budget``, started here): an explainer cut by it gives the
    sections it kept, and a first section says what was cut (:func:`cut_section`)."""
    from ..modalities import modality_spec
    from ..registry import import_stage_modules

    names = modality_spec(modality).explainers
    import_stage_modules("explain", names)
    if ctx.budget is not None:
        ctx.budget.started = time.perf_counter()  # the budget counts the explanations only
    asked = min(int(ctx.config.n_samples), len(ctx.dataset))
    sections: list[Section] = []
    for name in (n for n in names if n in EXPLAINERS):
        try:
            sections += EXPLAINERS.get(name)(ctx)
        except ExplanationsCut as cut:
            if ctx.budget is None:
                raise
            ctx.budget.record(name, asked, cut)
        else:
            if ctx.budget is not None:
                ctx.budget.record(name, asked)
    notice = cut_section(ctx.budget)
    return ([notice] if notice is not None else []) + sections


def cut_section(budget: ExplainBudget | None) -> Section | None:
    """The section that tells the report's reader, beside the explanations, what
    ``explain.budget`` cut (the ``explanations_cut`` finding's text); None when nothing was cut."""
    found = budget.finding() if budget is not None else None
    if found is None:
        return None
    return section("Explanations cut short", method="budget", warnings=[found.message],
                   caption="explain.budget ran out before every explanation method had run; the sections "
                           "below hold what was explained within it.")

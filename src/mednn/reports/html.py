"""The self-contained HTML report of a run: the page a clinician is shown.

:func:`build_report` takes a loaded run (``mednn.runs.load_run(path, model=False)``, or the run
being written) and renders ``templates/report.html`` (jinja2, shipped as package data) into one
HTML string: images inline as base64 PNG, CSS inline, no scripts, fonts or links to anything
outside the file, so it opens offline and prints. Writing it into the run is the run's own
business (``mednn.runs.rebuild_report``).

Each section is a module of ``reports/sections`` reading the run's typed record; metric names
come from the metric registry. What the report never shows: patient text, raw feature values
or file paths of individual patients; ids and aggregate statistics only, skipped or invalid
rows as counts per reason.
"""

from __future__ import annotations

from typing import Any

from .sections import (baselines, data, decision, explanations, external, figures, findings, glossary, model_card,
                       overview, performance, privacy, subgroups, training, tuning, uncertainty, weights)
from .view import ReportRun

# the helpers other modules and tests use, under their earlier names
from .sections.explanations import _legacy_text, _png_uri  # noqa: F401
from .sections.figures import reliability_bin_count  # noqa: F401
from .sections.privacy import privacy_not_covered as _privacy_not_covered  # noqa: F401
from .sections.training import federated_text as _federated_text  # noqa: F401
from .view import SMALL_TEST_SET  # noqa: F401


def _template():
    from importlib.resources import files

    import jinja2

    text = files("mednn.reports").joinpath("templates", "report.html").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.from_string(text)


def _render(context: dict[str, Any]) -> str:
    return _template().render(**context)


def report_context(loaded) -> dict[str, Any]:
    """The template's data: one entry per section, in page order."""
    run = ReportRun(loaded)
    metrics = performance.section(run)
    figure_list, figure_notes = figures.section(run)
    explanation_list, explanation_notes = explanations.section(run)
    return {
        "title": overview.title(run),
        "kind": run.kind,
        "subject": run.subject,
        "findings": findings.section(run),
        "summary": overview.section(run),
        "baselines": baselines.section(run),
        "data": data.section(run),
        "metrics": metrics,
        "threshold": decision.threshold_text(run),
        "calibration": decision.calibration_text(run),
        "external": external.section(run),
        "training": training.section(run),
        "privacy": privacy.section(run),
        "figures": figure_list,
        "figure_notes": figure_notes,
        "subgroups": subgroups.section(run),
        "uncertainty": uncertainty.section(run),
        "tuning": tuning.section(run),
        "explanations": explanation_list,
        "explanation_notes": explanation_notes,
        "weights": weights.section(run),
        "model_card": model_card.section(run),
        "limitations": overview.limitations(run, metrics),
        "glossary": glossary.section(run.kind, run.record.modality),
    }


def build_report(run) -> str:
    """Render the report of a loaded run as one self-contained HTML string.

    >>> html = build_report(load_run("runs/breast-cancer", model=False))  # doctest: +SKIP
    """
    return _render(report_context(run))

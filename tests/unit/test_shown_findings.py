"""A finding shown as it happens is a Python warning of its own severity's class: an ``info`` or
``refuse`` finding is no ``FindingWarning`` (FindingInfo subclassed it, and a ``refuse`` finding
was shown as one, so its console line read ``mednn: warning:``)."""

from __future__ import annotations

import warnings

import pytest

from mednn.cli.main import _format_warning
from mednn.findings import SEVERITIES, Finding, FindingInfo, FindingRefusal, FindingWarning, ShownFinding


@pytest.mark.parametrize("severity", SEVERITIES)
def test_each_severity_is_shown_with_its_own_class_and_console_word(severity):
    finding = Finding("duplicates_removed", severity, "12 duplicate rows removed", count=12)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        finding.warn()
    (shown,) = caught
    assert issubclass(shown.category, ShownFinding) and shown.category.severity == severity
    assert _format_warning(shown.message, shown.category, "x.py", 1).strip() == finding.line()


def test_info_and_refuse_are_not_warnings():
    assert not issubclass(FindingInfo, FindingWarning) and not issubclass(FindingRefusal, FindingWarning)
    assert Finding("duplicates_removed", "refuse", "refused").line().startswith("mednn: refuse: ")

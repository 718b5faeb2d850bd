"""The report names a run's groups as its modality's spec does: molecules are grouped by
scaffold, not by patient; a modality this install does not know gets the neutral word."""

from types import SimpleNamespace

from mednn.reports.sections.data import _groups_text
from mednn.reports.view import group_unit


def _record(modality: str, groups=None):
    return SimpleNamespace(data=SimpleNamespace(modality=modality, groups=groups))


def test_each_modality_names_its_groups_in_its_own_word():
    assert group_unit(_record("molecules")) == "scaffold"
    assert group_unit(_record("tabular")) == group_unit(_record("images")) == "patient"
    assert group_unit(_record("not installed here")) == "group"


def test_the_data_section_says_unseen_scaffolds_for_a_molecule_run():
    groups = SimpleNamespace(column="scaffold", n_groups=12)
    text = _groups_text(SimpleNamespace(record=_record("molecules", groups)))
    assert text.endswith("the test set holds unseen scaffolds.") and "patient" not in text
    assert _groups_text(SimpleNamespace(record=_record("tabular", None))) is None

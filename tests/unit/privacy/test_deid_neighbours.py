"""The words of one person's name are read together, in any casing (trial 11: "Patient JOHN SMITH"
in a mixed-case note lost only "JOHN", "grace fitzgerald" kept "grace", "tom o'neill" was kept
whole). The names are written for these tests."""

from __future__ import annotations

import pytest

from deid_cases import ALL, CASINGS


def _kept_letters(deid, text: str, name: str) -> str:
    start = text.lower().index(name.lower())
    covered = set()
    for s in deid.find(text):
        covered.update(range(s.start, s.end))
    return "".join(c for i, c in enumerate(text[start:start + len(name)], start) if c.isalpha() and i not in covered)


NAMES = [
    ("Patient {} admitted.", "JOHN SMITH"),
    ("Patient {} admitted.", "John SMITH"),
    ("Spoke with {} re discharge.", "grace fitzgerald"),
    ("Call {} at home.", "tom o'neill"),
    ("Son: {}.", "DARREN O'SULLIVAN"),
    ("Wife {} present.", "Siobhan D'Arcy"),
    ("{} at bedside.", "MARY ELLEN O'CONNOR"),
    ("Patient {} admitted.", "Li o'brien"),
]


@pytest.mark.parametrize("template,name", NAMES)
def test_every_word_of_a_name_goes_as_written(deid, template, name):
    text = template.format(name)
    assert _kept_letters(deid, text, name) == "", [(text[s.start:s.end], s.type) for s in deid.find(text)]


@pytest.mark.parametrize("casing", ALL)
@pytest.mark.parametrize("template,name", NAMES)
def test_every_word_of_a_name_goes_in_every_casing(deid, template, name, casing):
    text = CASINGS[casing](template.format(name))
    assert _kept_letters(deid, text, name) == "", [(text[s.start:s.end], s.type) for s in deid.find(text)]


def test_a_name_is_the_same_name_in_any_casing_elsewhere_in_the_note(deid):
    text = "Mr O'Neill seen. Later tom o'neill called; TOM O'NEILL to return."
    assert _kept_letters(deid, text, "tom o'neill") == ""
    assert _kept_letters(deid, text, "TOM O'NEILL") == ""


@pytest.mark.parametrize("text,kept", [("Smith Foley catheter placed by Dr Smith.", "Foley"),
                                       ("Seen by Dr. Patel and will follow up.", "will"),
                                       ("R radial Aline by Dr. Patel, site clean.", "Aline")])
def test_a_clinical_word_beside_a_name_is_not_joined(deid, text, kept):
    start = text.index(kept)
    assert not any(s.start <= start < s.end for s in deid.find(text)), [(text[s.start:s.end], s.type) for s in deid.find(text)]

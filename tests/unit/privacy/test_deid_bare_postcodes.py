"""A postcode of four to six digits after a town with no label, street or state, the way notes of many countries
end an address (issue 20; 2026-12-08, probe14p, from a probe of place forms written for it: the town-and-ZIP rule
knew only five digits after one word). Kept: years after a town, a pager's or an extension's number, a dose, a
device's model in brackets, a handover's nurse and her extension.

Towns and numbers are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import assert_found, assert_kept

BARE = [
    ("Lives in Hamilton {}", "3204"),
    ("Pietermaritzburg {} KZN", "3201"),
    ("Umlazi, Durban, {}", "4031"),
    ("Pasig City {}", "1605"),
    ("Madurai - {}", "625 020"),
    ("| Dallas | TX | {} |", "75201"),
    ("Dallas,TX,{}", "75201"),
    ("Bunbury WA{}", "6230"),
]


@pytest.mark.parametrize("template,value", BARE)
def test_a_bare_postcode_after_a_town(deid, template, value):
    assert_found(deid, template, value, "ZIP", casings=("mixed",))


def test_a_postcode_joined_to_its_town_or_region_goes_whichever_rule_names_it(deid):
    # "VIC 3220" and "Kolhapur-416003" also read as a code with its prefix; either way the digits go
    for text, value in (("Geelong VIC 3220", "3220"), ("Kolhapur-416003", "416003")):
        assert any(s.start <= text.index(value) < s.end for s in deid.find(text)), text


KEPT = [
    ("Moved to Hamilton 2019 with family", "2019"),
    ("Nurse in charge: Rhea  Bleep 5521", "5521"),
    ("Anti-D given (Rhophylac 1500 IU) today", "1500"),
    ("probe used (Microvasive Bicap 4005)", "4005"),
    ("Report given Okafor -> Lindqvist 2210", "2210"),
    ("Citrix Workspace 2309", "2309"),
]


@pytest.mark.parametrize("template,kept", KEPT)
def test_years_pagers_doses_and_models_after_a_word_stay(deid, template, kept):
    assert_kept(deid, template, kept, casings=("mixed",), wrong=("ZIP",))

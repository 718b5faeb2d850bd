"""Towns, plates, wards and hospital codes (issue 20, item 1; places8 pass of 2026-12-07): towns ending in a
landform after a place cue or alone in brackets ("from Quarrow Creek", "(Fenmore Hollow)"), and the
look-alikes kept (clinical words before a landform: "anion gap", "trigger point", "tuning fork").

Every case runs in every casing it claims; names and places are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, UPPER_MIXED, assert_found, assert_kept

FOUND = [
    # a town ending in a landform after a place cue, in any casing
    ("66 yo man from {} seen re: nafld.", "Quarrow Hill", "LOCATION", ALL),
    ("Worked as a bookkeeper in {} until 1978.", "Fenmore Flats", "LOCATION", ALL),
    ("Pt asks about travel to {} over the holiday.", "Harlow Hollow", "LOCATION", ALL),
    ("Anaphylaxis at a wedding in {}, treated with adrenaline.", "Quillby Bay", "LOCATION", ALL),
    ("Retired welder from {}, Okanee County.", "Tarrow Fork", "LOCATION", ALL),
    ("Mobile unit in {} next week.", "Quarrow Point", "LOCATION", ALL),
    # alone in brackets after an institution
    ("Supplier: Quill Medical Supply ({}), acct 123.", "Fenmore Creek", "LOCATION", ALL),
]


@pytest.mark.parametrize("template,value,kind,casings", FOUND, ids=[f"{k}:{v}" for _, v, k, _ in FOUND])
def test_found_in_every_casing(deid, template, value, kind, casings):
    assert_found(deid, template, value, kind, casings)


KEPT = [
    # clinical words before a landform are no town, in a line in one case
    ("Labs: sodium 131, in anion gap acidosis.", "anion gap", ALL),
    ("Injection to trigger point of the left trapezius.", "trigger point", ALL),
    ("Vibration sense tested with tuning fork, reduced to the ankle.", "tuning fork", ALL),
    ("Pain radiates to pressure point behind knee.", "pressure point", ALL),
    ("No falls. At risk (mechanical falls).", "mechanical falls", ALL),
]


@pytest.mark.parametrize("case", KEPT, ids=[f"{c[1]}-{i}" for i, c in enumerate(KEPT)])
def test_look_alikes_kept(deid, case):
    template, kept, casings = case
    assert_kept(deid, template, kept, casings, {"LOCATION", "ZIP", "ADDRESS", "VEHICLE"})

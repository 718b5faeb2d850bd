"""A hospital's code after the short forms of a transfer (issue 20; 2026-12-08, probe14p, from a probe of hospital
forms written for it): "tx to", "trf to", "d/c to", "referred from", and the Australian and British "ex" (came
from) were no cue, so a bare code after them stayed. Kept: a care setting after the same cue, a former habit after
"ex", an office of the same body ("referred to HR").

Codes are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import assert_found, assert_kept

MOVED = [
    ("tx to {} ED overnight", "RPBH"),
    ("trf to {} for neurosurg", "RNWH"),
    ("d/c to {} rehab ward", "UCWH"),
    ("referred from {} Delhi", "AIMSR"),
    ("ex {} with fever x3d", "KEMH"),
]


@pytest.mark.parametrize("template,value", MOVED)
def test_a_code_after_a_short_transfer_cue(deid, template, value):
    assert_found(deid, template, value, "LOCATION", casings=("mixed",))


KEPT = [
    ("tx to ICU for pressors", "ICU"),
    ("d/c to SNF tomorrow", "SNF"),
    ("ex IVDU, abstinent 5 years", "IVDU"),
    ("Outcome: 1 access referred to HR.", "HR"),
]


@pytest.mark.parametrize("template,kept", KEPT)
def test_settings_habits_and_offices_after_the_cue_stay(deid, template, kept):
    assert_kept(deid, template, kept, casings=("mixed",), wrong=("LOCATION",))

"""What trial 10 (a new user, 2026-12-07) saw the text de-identifier get wrong, in every casing:
a plate after its issuing state's two letters passed through ("plate IL 7XK-392"), a TNM stage
written as one word was removed as a Canadian postcode ("T2N0M0"), and "Aline" (an arterial line,
issue 20's own example) was removed as a first name. The values are written for these tests.
"""

from __future__ import annotations

import pytest

from deid_cases import ALL, CASINGS, found_in_casing

PLATES = [
    ("Officer noted plate {} on the car.", "IL 7XK-392"),
    ("lic plate {} per security", "TX HJK 4421"),
    ("Vehicle: {} in lot B", "IL 7XK-392"),
    ("pt's car (plate {}) towed", "CA 8ABC123"),
    ("Ohio plate {} seen leaving the lot", "OH-HJK 4421"),  # trial 11: the state joined by a hyphen
]


@pytest.mark.parametrize("casing", ALL)
@pytest.mark.parametrize("template,value", PLATES)
def test_a_plate_after_its_state_is_one_vehicle_span(deid, template, value, casing):
    text = CASINGS[casing](template.format(value))
    start = text.lower().index(value.lower())
    spans = [s for s in deid.find(text) if s.type == "VEHICLE"]
    assert any(s.start <= start and s.end >= start + len(value) for s in spans), \
        (text, [(text[s.start:s.end], s.type) for s in deid.find(text)])


@pytest.mark.parametrize("casing", ALL)
@pytest.mark.parametrize("text", ["plate of 5 cm", "plate in 3 wks", "Vehicle: stable", "vehicle at 40 mph"])
def test_words_after_a_vehicle_word_are_no_plate(deid, text, casing):
    cased = CASINGS[casing](text)
    assert not [s for s in deid.find(cased) if s.type == "VEHICLE"], cased


@pytest.mark.parametrize("casing", ALL)
@pytest.mark.parametrize("text", ["Staged T2N0M0, grade 2.", "pathology: T3N1M0 adenocarcinoma", "T1N0M0 disease"])
def test_a_tnm_stage_in_one_word_is_kept(deid, text, casing):
    cased = CASINGS[casing](text)
    assert deid.find(cased) == [], (cased, [(cased[s.start:s.end], s.type) for s in deid.find(cased)])


@pytest.mark.parametrize("casing", ("mixed", "upper"))
@pytest.mark.parametrize("text", ["Ohio plate noted by security.", "Visiting from Texas; plate noted.",
                                  "Moved from Kentucky to be near family."])
def test_a_state_is_no_name(deid, text, casing):
    """Trial 11: "Ohio plate" became "[NAME] plate"; Safe Harbor lets a state stay."""
    cased = CASINGS[casing](text)
    assert not [s for s in deid.find(cased) if s.type == "NAME"], \
        (cased, [(cased[s.start:s.end], s.type) for s in deid.find(cased)])


def test_a_canadian_postcode_with_its_space_is_still_found(deid):
    text = "Lives at 12 Elm St, Calgary AB T2N 0M0."
    assert any(text[s.start:s.end] == "T2N 0M0" for s in deid.find(text))


@pytest.mark.parametrize("casing", ALL)
@pytest.mark.parametrize("text", ["Aline intact, site clean.", "R radial Aline in place.", "Pt has Aline and PICC.",
                                  "Rue and LUE edema 2+.", "Braden 14, turned q2h.", "Bair Hugger on."])
def test_clinical_words_that_are_also_names_are_kept(deid, text, casing):
    cased = CASINGS[casing](text)
    assert not [s for s in deid.find(cased) if s.type == "NAME"], \
        (cased, [(cased[s.start:s.end], s.type) for s in deid.find(cased)])


@pytest.mark.parametrize("casing", ("mixed", "upper"))
@pytest.mark.parametrize("template,value", [("Seen by Dr. {} Costa today.", "Aline"),
                                            ("{} Souza, RN, gave report.", "Aline"),
                                            ("Spoke with {} Smith, daughter.", "Peg")])
def test_such_a_name_beside_a_surname_or_title_is_still_found(deid, template, value, casing):
    found, shown = found_in_casing(deid, template, value, "NAME", CASINGS[casing])
    assert found, shown

"""The seventh pass on English notes: the same identifiers in notes typed all in capitals or all in
lower case (issue 20: "in any casing"). Error classes read from frozen set 2, half A, upper- and
lower-cased: streets and ZIP codes by an address's layout, practices and hospitals by their place
in a line, names by their position (a header field, who signed or dictated, "appt made with"), "may
19" / "mar 21" dates, plates and record numbers in lower case, wards, sign-off initials; and the
clinical text that looks like them kept.

Every case runs in the casings it claims; names, places and numbers are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import found_in_casing

CASINGS = {"upper": str.upper, "lower": str.lower, "mixed": lambda s: s[:1].upper() + s[1:]}
ALL = tuple(CASINGS)
ONE_CASE = ("upper", "lower")


FOUND = [
    # streets, towns and ZIP codes by the address's layout
    ("Harwick Orthopedics\n{}\nBexley Ford, NH 03919\nTel 555-0100", "4410 Quarry Hollow", "ADDRESS", ALL),
    ("Harwick Orthopedics\n4410 Quarry Hollow\n{}, NH 03919\nTel 555-0100", "Bexley Ford", "LOCATION", ALL),
    ("Harwick Orthopedics\n4410 Quarry Hollow\nBexley Ford, NH {}\nTel 555-0100", "03919", "ZIP", ALL),
    ("Pulmonary Associates\n22 Tenby Street\n{} 01041\nT: 555-0100", "Wrexford", "LOCATION", ALL),
    ("Pulmonary Associates\n22 Tenby Street\nWrexford {}\nT: 555-0100", "01041", "ZIP", ALL),
    ("Home address updated to {}, Marlow Heath 26297.\nShe uses the portal.", "7038 Brett Drives Apt. 943", "ADDRESS", ALL),
    ("Lives alone at 647 Thomas Stream, {}. Son checks on her.", "Revere", "LOCATION", ALL),
    ("St. Anselm Hospital\n{}, Peabody, Maine 72823\n\nDear colleague,", "Flat 13M, Dawn Mill", "ADDRESS", ALL),
    ("Pt told RN he grew up on {}.\nAsking for update.", "67 Landers Street", "ADDRESS", ALL),
    # practices and hospitals by their place in a line written in one case
    ("PCP: Dr. Ana Reyes, {} ((207) 555-0962)", "Harwick River Internal Medicine", "LOCATION", ALL),
    ("Cardiology Clinic\n{}\n99 Neelin Street, Dunmore, CT 06101", "Holy Family Hospital", "LOCATION", ALL),
    ("Extended care: {}\n\nFollow-up: neurology clinic", "White River Junction Nursing and Rehabilitation", "LOCATION", ALL),
    ("Referring: Ana Reyes, NP, {}\nClinical history: dyspnea", "Bellows Falls Dialysis Unit", "LOCATION", ALL),
    # names by their position
    ("Discharge summary\nPatient: {}   MRN: 1276153\nAdmission date: 05/19/2019", "Benjamin Rose", "NAME", ALL),
    ("Progress note\nPt: {} | DOB 12/1/1929 | Acct 78524", "Dung Ang", "NAME", ALL),
    ("Patient: {}, 95Y\nOrdering: Dr. Tanner", "Crystal Walls", "NAME", ALL),
    ("Dictated by: {}, MD   D: 11/29  T: 12/06", "C. Gul", "NAME", ALL),
    ("Disposition: appt made 10/31 with {}.\n", "I. Lawal", "NAME", ALL),
    ("Return precautions reviewed.\nElectronically signed {} 11/08/2022\n", "Hall, Edward", "NAME", ALL),
    ("Thank you for this referral.\n\nYours sincerely,\n\n{}, MD\nNPI 1955321550", "Hope Mans", "NAME", ALL),
    ("Thank you.\n\nYours sincerely,\n\n{}, MD\nNPI 1955321550", "Jane S. Trần", "NAME", ALL),
    ("/RTY  {}, Adaeze MD  09/11/2020\n", "Okonjo", "NAME", ALL),
    ("Attending: Bradley Watts, MD. Tech {}\n", "Chanchal", "NAME", ALL),
    ("Return precautions reviewed.\n-{}\n", "W", "NAME", ALL),
    ("Need to f/u lytes in AM.\n{} RN\n", "LB", "NAME", ALL),
    # dates, plates, record numbers, wards, universities
    ("BP stable. Echo {} with EF 25%.", "may 19", "DATE", ("lower",)),
    ("Family meeting set for {} @ 2pm w/ Dr. Reyes.", "may 16th", "DATE", ("lower",)),
    ("Care: family meeting held on {} with niece.", "mar 21", "DATE", ("lower",)),
    ("Pt's car (plate {}) still in visitor lot.", "304-CXS", "VEHICLE", ALL),
    ("Form completed for vehicle plate {}.", "93-6300K", "VEHICLE", ALL),
    ("Vehicle registration plate is {}); advised against driving.", "9LMV199", "VEHICLE", ALL),
    ("MRN on armband ({}) does not match old chart.", "M0169934", "ID", ALL),
    ("Service: Medicine, {}\nAttending: Dr. Reyes", "Chadwick 7 West", "LOCATION", ALL),
    ("Service: Surgery, {}\nAttending: Dr. Reyes", "Chapman 6", "LOCATION", ALL),
    ("Partner drove her to the ED at {}.\n", "U Conn", "LOCATION", ALL),
]


@pytest.mark.parametrize(("template", "value", "kind", "casings"), FOUND)
def test_seventh_pass_found_in_every_casing(deid, template, value, kind, casings):
    for casing in casings:
        found, shown = found_in_casing(deid, template, value, kind, CASINGS[casing])
        assert found, shown


KEPT = [
    "Pt had 2 mechanical falls, at home. Ambulated 2 laps around nurses station.",
    "Given 40 mEq KCl via OGT; 2 units PRBC over 2 hours.",
    "Pt has primary care follow up. Admitted to the community hospital. Seen at outside hospital.",
    "Needs a primary care doctor; department of internal medicine aware.",
    "Pt may 2 more doses; may 1-2 tabs q4h prn. Per MAR 5 mg given.",
    "Pt: alert and oriented x3.\nPatient: stable.\nAppt made with cardiology.",
    "Technique: standard technique; technology and technician noted.\n- no\n- ok\n",
]


@pytest.mark.parametrize("casing", list(CASINGS))
@pytest.mark.parametrize("text", KEPT)
def test_seventh_pass_clinical_text_is_kept_in_every_casing(deid, text, casing):
    cased = CASINGS[casing](text)
    assert [(cased[s.start:s.end], s.type) for s in deid.find(cased)] == []


@pytest.mark.parametrize("casing", list(CASINGS))
def test_an_address_in_one_case_is_three_spans_and_the_state_stays(deid, casing):
    text = CASINGS[casing]("Harwick Orthopedics\n4410 Quarry Hollow\nBexley Ford, NH 03919\nTel 555-0100")
    found = [(text[s.start:s.end].lower(), s.type) for s in deid.find(text)]
    assert ("4410 quarry hollow", "ADDRESS") in found and ("bexley ford", "LOCATION") in found and ("03919", "ZIP") in found
    assert not any(t == "nh" for t, _ in found), found  # a state is not PHI


def test_a_cut_remnant_of_one_letter_is_no_name(deid):
    text = "TELEPHONE ENCOUNTER\n09/15/2020 11:30 AM   WILLIAM Z. TAYLOR, RN\nCALL FROM PHARMACY"
    found = [(text[s.start:s.end], s.type) for s in deid.find(text)]
    assert ("WILLIAM Z. TAYLOR", "NAME") in found and ("M", "NAME") not in found, found


@pytest.mark.parametrize("casing", list(CASINGS))
def test_a_sentence_after_the_closing_is_no_signature(deid, casing):
    text = CASINGS[casing]("Results are pending.\nYours sincerely,\nPlease do not hesitate to contact me.\n")
    assert [(text[s.start:s.end], s.type) for s in deid.find(text)] == []


@pytest.mark.parametrize("casing", list(CASINGS))
def test_a_media_id_before_its_photo_cue(deid, casing):
    text = CASINGS[casing]("Wound care done. RX4471902 and PH-553817 are in the media tab.")
    found = [(text[s.start:s.end].upper(), s.type) for s in deid.find(text)]
    assert ("RX4471902", "ID") in found and ("PH-553817", "ID") in found, found


def test_a_town_shaped_like_a_place_in_lower_case_and_an_anatomical_junction(deid):
    text = "patient moved from dalby to quarnford falls in 2014. tumor in the ureterocolonic junction, in recent falls."
    found = [(text[s.start:s.end], s.type) for s in deid.find(text)]
    assert ("quarnford falls", "LOCATION") in found, found
    assert not any("junction" in t or "recent" in t for t, _ in found), found

"""Places read by layout (issue 20; places11 pass of 2026-12-07, from set 10's misses, fixed by family):
an address written on one line as parts (street, locality, postcode, state) after an address label or
opening with a house number and ending in a postcode; a hospital's code as a field of a header row, behind
a department's slash or after an arrow ending a row; an institution opening a line before a unit named by its
service; the town a branch is named by. And the look-alikes kept: a specialty's acronym before a clinic, the
herb named after a saint, a year after a date's comma, an acronym after a title's slash, an arrow to a ward.

Every case runs in every casing it claims; names and places are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, UPPER_MIXED, assert_found, assert_kept

FOUND = [
    # the parts of a labelled address: the postcode after the locality, in any country's shape
    ("Address of member: Purok 3, Brgy. Malaya, {}, 6120\nII. PATIENT", "Dumalag", "LOCATION", ALL),
    ("Address of member: Purok 3, Brgy. Malaya, Dumalag, {}\nII. PATIENT", "6120", "ZIP", ALL),
    ("Address: H.No. 42, Ward 9, Koraput - {}, Odisha\nMob: see file", "764 020", "ZIP", ALL),
    ("Address: {}, Koraput - 764020, Odisha\nMob: see file", "H.No. 42, Ward 9", "ADDRESS", ALL),
    ("Address: Stand 88 Ext 2, Mankweng, {}, 0727\nSupporter: aunt", "Polokwane", "LOCATION", ALL),
    # after a box, the postcode comes first and the locality after it
    ("Address: P.O. Box 512 - {}, Nyeri\nSupporter: brother", "10100", "ZIP", ALL),
    ("Address: P.O. Box 512 - 10100, {}\nSupporter: brother", "Nyeri", "LOCATION", ALL),
    # a city-state straight after its street is the locality ("address:" inside a line too)
    ("Monitor paired to home address: 9 Lorong Ah Soo #04-12, {} 536734\nNext check 6/12", "Singapore", "LOCATION",
     ALL),
    # without a label: a house number opening parts that end in a postcode, after a place word or a comma
    ("Card posted to 4 Mill Race Upper, Ballyhale, Co. Kilkenny, {}. Next call in May.", "R95 K2T6", "ZIP", ALL),
    ("Card posted to 4 Mill Race Upper, {}, Co. Kilkenny, R95 K2T6. Next call in May.", "Ballyhale", "LOCATION", ALL),
    ("Sent to flat 2, 17 the vennel, {}, ky1 3ab. Call back in May.", "kirkcaldy", "LOCATION", ALL),
    ("From: Harbour Lab biobank, No. 12, Temple Street, Palani - {}, Tamil Nadu", "624 601", "ZIP", ALL),
    # a hospital's code as a field of a header row, behind a department's slash, before a lab by its kind
    ("DIALYSIS SESSION LOG  {}  3/4/2022\nCHAIR 6", "KVMC", "LOCATION", UPPER_MIXED),
    ("Infection line list - measles\n{}   IPC nurse on call ext 4410", "WRCH", "LOCATION", UPPER_MIXED),
    ("recovery handover  {}  bay 2\npt: see label", "wrmc", "LOCATION", ("lower",)),
    ("Referred to: Eye Casualty / {}\nUrgency: soon", "PRH", "LOCATION", UPPER_MIXED),
    ("Blood results phone log - {} Core Lab - 2024-03-02", "KRH", "LOCATION", UPPER_MIXED),
    # after an arrow that ends a triage row: where the patient goes
    ("T104 RED LOPEZ, ANA ~30 # PELVIS -> {}\nT105 GREEN UNKNOWN MALE ~50", "KVH", "LOCATION", UPPER_MIXED),
    # an institution opening a line before a unit it names by its service (a town that is a dictionary word)
    ("PLASMA EXCHANGE RECORD\n{} Apheresis Unit\nName: see band", "Thistle Infirmary", "LOCATION", ALL),
    # a street numbered by an ordinal written in capitals
    ("12/01/25 | ORTIZ, LENA | {}, CEDAR MILLS, OR 97420 | 2 | K. DOE", "915 E 21st St", "ADDRESS", ALL),
    # the town a branch is named by
    ("Referral form\nHigh Street Opticians - {} branch\nPatient: see label", "Tewkesbury", "LOCATION", ALL),
]

KEPT = [
    # a specialty's acronym before its clinic names a service, not a hospital
    ("OMFS trauma clinic  Harwood Infirmary  2024-02-01\nPt seen", "OMFS", UPPER_MIXED),
    ("OMFS TRAUMA CLINIC  HARWOOD INFIRMARY  2024-02-01", "OMFS TRAUMA CLINIC", ("upper",)),
    # an arrow to a department or a care setting
    ("Badge scan 09:12 match 91% -> Radiology\nnext", "Radiology", ALL),
    ("Deteriorated overnight -> ICU, family aware", "ICU", ALL),
    # the herb and the saint's conditions
    ("St John's wort stopped - interacts with warfarin.", "St John's", ALL),
    # a slash in a title joins alternatives, not a hospital
    ("HOME OXYGEN ORDER / DME\nPt: see label", "DME", ALL),
    # a year after a date's comma, and a label's look-alikes, are no postcodes
    ("G2P1 at 39w by dates (LMP Jan 7, 2025, EDD\nOct 14) contractions", "2025", ALL),
    ("IP address: 10.2.3.4, port 8080", "8080", ALL),
    ("Address: 2 concerns, diet, exercise", "exercise", ALL),
    # a line opening with a specialty clinic names its service
    ("CARDIAC DEVICE CLINIC - Harwood Infirmary\nDate of check: today", "CARDIAC DEVICE CLINIC", ALL),
    # a branch of a nerve or a bundle is anatomy
    ("ECG: right bundle branch block, rate 72.", "right bundle", ALL),
]


@pytest.mark.parametrize("template,value,kind,casings", FOUND)
def test_found(deid, template, value, kind, casings):
    assert_found(deid, template, value, kind, casings)


@pytest.mark.parametrize("template,kept,casings", KEPT)
def test_kept(deid, template, kept, casings):
    assert_kept(deid, template, kept, casings, wrong={"LOCATION", "ADDRESS", "ZIP"})

"""Numbers of a thirteenth pass (issue 20; 2026-12-08, helper numbers13), each a family of writing rather than one
writer's template. Found: an age over 89 by its context (a life event before it, the sex joined by a slash or a
hyphen, any spelling of "years" before "old", a decorated age label, the unit of years alone); a register number with its year behind an id label; a client's or a
booking's code; a device serial written with a capital X; a plate after any vehicle's noun, and India's plates.
Kept: doses, rates, percentages, durations and ages under 90 in the same places; a TNM stage written apart.

Every case runs in every casing unless it says otherwise; names and numbers are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import UPPER_MIXED, assert_found, assert_kept

LIFE_EVENT_AGES = [
    ("Family hx: brother CABG at 60, grandmother still alive at {}.", "97"),
    ("Her father died at {} of pneumonia.", "93"),
    ("Maternal aunt passed away at the age of {} in a care home.", "101"),
    ("Mother died age {}, cause unknown.", "95"),
    ("His uncle lived to {} without heart disease.", "104"),
]


@pytest.mark.parametrize("template,value", LIFE_EVENT_AGES)
def test_an_age_after_a_life_event_is_found_whoever_it_belongs_to(deid, template, value):
    assert_found(deid, template, value, "AGE")


SEX_JOINED_AGES = [
    ("Bay 2 - Okonjo, Pascale, {}/F, UTI, for IV abx", "96"),
    ("side room 3 - teodor brandt, {}/m, hip #, NBM", "92"),
    ("Seen in ED: F/{} with confusion", "99"),
    ("Admissions list: {}-F, fall at home", "91"),
]


@pytest.mark.parametrize("template,value", SEX_JOINED_AGES)
def test_the_sex_joined_to_an_age_by_a_slash_or_a_hyphen(deid, template, value):
    assert_found(deid, template, value, "AGE")


LABEL_AND_UNIT_AGES = [
    ("Age (yrs): {}   Sex: F", "94"),
    ("Age in years: {}", "97"),
    ("AGE....... {}   WARD 7", "92"),
    ("Age - {}", "100"),
    ("Re: Mrs Ottley, aet. {}, widowed", "96"),
    ("Pt {} yrs, fell at home, no LOC.", "93"),
    ("triage: {}yrs, confused", "98"),
]


@pytest.mark.parametrize("template,value", LABEL_AND_UNIT_AGES)
def test_an_age_after_a_decorated_label_or_with_its_unit_of_years(deid, template, value):
    assert_found(deid, template, value, "AGE")


NO_UNIT_AGES = [
    ("Followed up over 100 years of records.", "100"),
    ("Patients aged 52 to 96 years were enrolled.", "96"),
    ("The registry began 100 years ago.", "100"),
    ("Correlated with age (r = 0.54, n = 120)", "120"),
]


@pytest.mark.parametrize("text,kept", NO_UNIT_AGES)
def test_no_age_for_a_duration_a_range_or_a_statistic(deid, text, kept):
    assert_kept(deid, text, kept, wrong=("AGE",))


def test_years_spelt_by_a_scanner_before_old(deid):
    assert_found(deid, "Please review the named {}-yaer-old retired teacher.", "95", "AGE")


NO_AGES = [
    ("Father died at 75 of a stroke.", "75"),  # under 90
    ("Sats 94% on air, alive at 92% on 2L.", "92"),  # a saturation
    ("Chick died 100 days after hatching.", "100"),  # a duration, no "at"
    ("HR 100/m, regular.", "100"),  # a rate after its measurement word
    ("Carboplatin 100 mg/m2 day 1.", "100"),  # a dose per square metre
    ("Completed the 100-m walk in 2 minutes.", "100"),  # metres
    ("Family hx: mother alive at 84.", "84"),
]


@pytest.mark.parametrize("text,kept", NO_AGES)
def test_no_age_for_a_value_a_duration_or_an_age_under_ninety(deid, text, kept):
    assert_kept(deid, text, kept, wrong=("AGE",))


LABELLED_IDS = [
    ("Mortuary book\nReg no {} | VOSS, Ilse | age 71 |", "417/25"),
    ("Outreach contacts\n- Ines (new, client code {}) sharps bin", "INCA71"),
    ("Donor code {} verified at intake", "KPB4471902"),
    ("Travel letter for Ana Lu (DOB 2/3/1950), booking {}\n", "QX7M42"),
]


@pytest.mark.parametrize("template,value", LABELLED_IDS)
def test_a_labelled_register_number_a_client_code_and_a_booking(deid, template, value):
    assert_found(deid, template, value, "ID")


NO_IDS = [
    ("CPT code 99214 billed", "99214"),  # a code system's name before "code"
    ("HCPCS code J1885 given", "J1885"),
    ("Orders 12/24 reviewed", "12/24"),  # a date, never three digits before its slash
    ("Platelets 85x1000/uL, tidal volume 500x14", "500x14"),  # a product stays
    ("Breast primary cT2 cN1 cM0, stage IIB", "cT2 cN1 cM0"),  # a TNM stage written apart
    ("After neoadjuvant: ypT2 ypN1, margins R0", "ypT2 ypN1"),
]


@pytest.mark.parametrize("text,kept", NO_IDS)
def test_no_id_for_a_billing_code_a_date_or_a_product(deid, text, kept):
    assert_kept(deid, text, kept, wrong=("ID",))


SERIALS = [
    ("Defibrillator serial SN {}  download file attached", "33X04718"),
    ("Leads: RA SN 11C20453 / RV {}\n", "K27-X61804"),
]


@pytest.mark.parametrize("template,value", SERIALS)
def test_a_device_serial_written_with_an_x_is_no_product(deid, template, value):
    assert_found(deid, template, value, "ID", casings=UPPER_MIXED)


PLATES = [
    ("Transfer booked. Ambulance {}. Crew of two.", "KWT 4830"),
    ("Ambulance {} arrived 14:10.", "MH 12 AB 4417"),
    ("Released to the undertaker, hearse {}, signed out by porter", "RDK-519TX"),
    ("Round 3 - driver Ola - van {}\n", "PLQX 752"),
]


@pytest.mark.parametrize("template,value", PLATES)
def test_a_plate_after_any_vehicles_noun(deid, template, value):
    assert_found(deid, template, value, "VEHICLE", casings=UPPER_MIXED)


NO_PLATES = [
    ("The ambulance crew noted a GCS 14 on arrival.", "GCS 14"),
    ("Came by bus, 12 mins late.", "12 mins"),
    ("Van der Berg 1204 called.", "1204"),
]


@pytest.mark.parametrize("text,kept", NO_PLATES)
def test_no_plate_for_a_score_a_duration_or_a_surname(deid, text, kept):
    assert_kept(deid, text, kept, wrong=("VEHICLE",))

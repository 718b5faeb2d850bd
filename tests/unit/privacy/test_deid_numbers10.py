"""Numbers of a tenth pass (issue 20, item 1; 2026-12-07, helper numbers10), each a family of writing rather
than one writer's instance: British counts of days, weeks and months ("3/7 ago") and scores out of questions
or a tissue match are no dates; a school year is no year; a bleep of three digits, a short fax number after
its label and a number before "/ fax" are phones; a plate after a vehicle's role word, an aircraft's
registration and a rota's vehicle column are vehicles; "a lady of ninety-four" is an age. Kept: a product's
lot, a label left beside a code that another finding took.

Every case runs in every casing unless it says otherwise; names and numbers are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import UPPER_MIXED, assert_found, assert_kept

NOT_DATES = [
    ("Presenting complaint: 3/7 ago started coughing, no fever.", "3/7"),
    ("HPI: 4/7 productive cough and wheeze.", "4/7"),
    ("Came in with symptoms 2/7 frequency and urgency.", "2/7"),
    ("Plan: nitrofurantoin 100 mg bd 3/7, review if worse.", "3/7"),
    ("Back pain over the past 6/52, worse at night.", "6/52"),
    ("Knee swelling 2/12 ago after a fall.", "2/12"),
    ("Sideline test: orientation questions 4/5, recall 3/5.", "4/5"),
    ("Unrelated donor, HLA 9/10 match, CMV negative.", "9/10"),
    ("S: in yr 10 at the local high school, likes art.", "10"),
    ("OB hx: 2 SVD; bed 14 on ward 6.", "14"),
]


@pytest.mark.parametrize("template,kept", NOT_DATES)
def test_counts_of_days_and_scores_are_no_dates(deid, template, kept):
    assert_kept(deid, template, kept, wrong=("DATE",))


STILL_DATES = [
    ("Labs {}: Hgb 12.1, K 4.1.", "2/7"),
    ("Seen in clinic on {} with cough.", "5/7"),
    ("Kt/V last {} = 1.4.", "1/7"),
    ("Auth for SNF requested {}, ref pending.", "9/7"),
    ("PMH: CABG {}, DM2.", "96"),
]


@pytest.mark.parametrize("template,value", STILL_DATES)
def test_dates_beside_the_same_shapes_stay_dates(deid, template, value):
    assert_found(deid, template, value, "DATE")


PHONES = [
    ("Discussed with the registrar via bleep {}. Plan agreed.", "417", "PHONE"),
    ("Night reg Ana Roe bleep {}\n02:10 BP 90/60", "552", "PHONE"),
    ("Pathology office 442-6107 / fax {}\n", "06318", "FAX"),
    ("Bereavement office {} / fax 07744\n", "442-6107", "PHONE"),
    ("Dictation 5521309\nFax {}\n\nEnrolled", "04417", "FAX"),
    ("JOB NO 3321-B; FAX: {}; seen", "05231", "FAX"),
]


@pytest.mark.parametrize("template,value,kind", PHONES)
def test_short_bleeps_and_faxes_are_found(deid, template, value, kind):
    assert_found(deid, template, value, kind)


VEHICLES = [
    ("Crew: Ana Roe RN, Ben Poe  aircraft {}\nReceived at 14:10", "G-KTRW"),
    ("Crew: Ana Roe RN  aircraft {}\nReceived at 14:10", "614-WQR"),
    ("Dog on premises. Parking: {} is the client's car.", "729-KPL"),
    ("Ms Roe was the driver of {} when it was hit.", "QTL 382"),
    ("Transferred by {} to the ward.", "KXR 419"),
    ("Casevac {} to Role 2.", "MPW 806"),
    ("DIALYSIS TRANSPORT\nDriver       Vehicle     Pick-up  Patient\nAna Roe  {}  07:20  POE,BEN\n"
     "Ben Lee  NXV 207  08:05  ROE,AL\n", "384-TWV"),
]


@pytest.mark.parametrize("template,value", VEHICLES)
def test_plates_after_a_role_word_and_in_a_vehicle_column(deid, template, value):
    assert_found(deid, template, value, "VEHICLE")


KEPT_NOT_VEHICLES = [
    ("Parking lot 2B near the main entrance.", "lot 2B"),
    ("Transferred by ambulance to ED at 14:00.", "ambulance"),
    ("Driver       Vehicle     Pick-up  Patient\nAna Roe  pending  07:20  POE,BEN\n", "pending"),
]


@pytest.mark.parametrize("template,kept", KEPT_NOT_VEHICLES)
def test_no_plate_without_its_shape(deid, template, kept):
    assert_kept(deid, template, kept, wrong=("VEHICLE",))


AGES = [
    ("A: a lady of {} female, fall from standing", "ninety-four"),
    ("Age: a gentleman of {}\nAddress: 5 Mill Lane", "ninety"),
    ("comma she is aged {} and lives with her son", "a hundred and two"),
    ("A man of {} with COPD, lives alone.", "93"),
]


@pytest.mark.parametrize("template,value", AGES)
def test_age_of_a_person_described_by_it(deid, template, value):
    assert_found(deid, template, value, "AGE")


KEPT = [
    ("A man of 70 with COPD, lives alone.", "70", ("AGE",)),
    ("A man of few words.", "few", ("AGE",)),
    ("MMR catch-up given, lot X9923. Children well.", "X9923", ("PHONE",)),
    ("Clarithromycin 500 mg, batch lot 7K221, started today.", "7K221", ("ID",)),
]


@pytest.mark.parametrize("template,kept,wrong", KEPT)
def test_lots_and_younger_ages_are_kept(deid, template, kept, wrong):
    assert_kept(deid, template, kept, wrong=wrong)


def test_a_label_left_of_a_code_that_another_finding_took_is_kept(deid):
    # "VRN" reads with the plate as a two-piece code; the plate goes to VEHICLE, and the label alone is no id
    for casing in UPPER_MIXED:
        text = "Received by Ana Roe\nVRN KT61 WQP; see notes"
        text = text.upper() if casing == "upper" else text
        spans = deid.find(text)
        assert any(text[s.start:s.end] == ("KT61 WQP") and s.type == "VEHICLE" for s in spans), spans
        assert not any(text[s.start:s.end].upper() == "VRN" for s in spans), spans

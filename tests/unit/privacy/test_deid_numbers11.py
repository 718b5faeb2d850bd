"""Numbers of an eleventh pass (issue 20; 2026-12-07, helper numbers11), each a family of layout or
grammar rather than one writer's instance: a table's row counter or a column gap before a month/day is no
whole number of a mixed fraction; a week count or a drug's strength in an earlier sentence does not make a
date a score; a score beside a sibling on its scale that no date can be stays a score even after "today";
a scale named by its noun, a recovery score, a list of beds, a virus's types, a count in a complaint field
and a year of a body's guidance or a trial's registration are no dates. A record number with its year after
a slash, the number a ward list prints after age and sex, a licence in brackets after its body's acronym and
nine digits in groups after a capitalised label are ids; an age with its unit before the sex and "95m" before a
ward list's number are ages; plates with a letter after the digits or a region before two digit groups, and
the next item of a registration list, are vehicles. Terminology codes, a courier's waybill, a helpdesk ticket,
an officer's collar number and a facility's accreditation name no person.

Every case runs in every casing unless it says otherwise; names and numbers are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.deid_cases import ALL, UPPER_MIXED, assert_found, assert_kept

STILL_DATES = [
    # a row counter ("#12") or a cell of the previous column, then a column gap: no mixed number
    ("Run  Day   Operator\n#207  {}   K. Osei\n", "3/14"),
    ("Run\tDay\tOperator\n#88\t{}\tOsei K\n", "4/19"),
    ("Pt  Room      Onset   Swab       Result\n1   Pine 6      {}    R88-12034  neg\n", "5/21"),
    # a week count or a drug's strength in the sentence before is no neighbouring score
    ("Plan: see again {}; midwife 6/52 check.", "10/4"),
    ("Meds: sacubitril/valsartan 24/26 bd (with food). Return {}.", "7/2"),
]


@pytest.mark.parametrize("template,value", STILL_DATES)
def test_dates_beside_counters_columns_and_other_sentences(deid, template, value):
    assert_found(deid, template, value, "DATE")


NOT_DATES = [
    ("Epworth today 5/24 (was 14/24), driving allowed.", "5/24"),
    ("Sleepiness Scale (4/7) at the visit.", "4/7"),
    ("Hip flexion power grading 4/5 on the left.", "4/5"),
    ("Aldrete 9/10 on leaving recovery.", "9/10"),
    ("Tasks: bloods beds 3/6, cannula bay 2/4.", "3/6"),
    ("Screen: HBsAg, HCV, HIV 1/2 antibodies negative.", "1/2"),
    ("Complaint: poor sleep, sweats 2/12, low mood.", "2/12"),
    # an acronym is written in capitals: in a note typed in lower case it is no acronym
    ("Dose adjusted per 2020 ASH guidance.", "2020", UPPER_MIXED),
    ("Switch to an alternative (CPIC 2020).", "2020", UPPER_MIXED),
    ("Trial: LIBRA-3 (ISRCTN registered 2021).", "2021", UPPER_MIXED),
    ("Per protocol QA-SOP-21 v4 (alert limits 2023).", "2023"),
]


@pytest.mark.parametrize("case", NOT_DATES, ids=lambda case: case[0])
def test_scores_beds_types_counts_and_guidance_years_are_no_dates(deid, case):
    template, kept, casings = (*case, ALL)[:3]
    assert_kept(deid, template, kept, casings=casings, wrong=("DATE",))


# what must stay as it was
KEPT_DATES = [
    ("MMT 4/5. Berg 38/56.", "4/5", False),
    ("Hx: TKR (2015), CABG {}.", "2019", True),
    ("Hx: knee replaced (TKR {}).", "2015", True),
    ("Seen on {} for review.", "6/24", True),
    ("Give 1 1/2 tabs nocte.", "1/2", False),
]


@pytest.mark.parametrize("template,value,date", KEPT_DATES)
def test_neighbours_of_the_new_rules_keep_their_reading(deid, template, value, date):
    if date:
        assert_found(deid, template, value, "DATE")
    else:
        assert_kept(deid, template, value, wrong=("DATE",))


FOUND = [
    ("Register {}    OKELLO, Grace\n", "5521/22", "ID"),
    ("DOB 2 Mar 1941   Unit no {}\nProcedure: TURP", "6620/18", "ID"),
    ("bed 2: mwangi peter 71m {} - cellulitis", "613370", "ID"),
    ("Signed: J. Abara MBBS (KMDB {})\n", "B7731", "ID"),
    ("Reviewed by Lena Park (CPSO # {})", "80417", "ID"),
    ("Name: PARK   DOB 3/4/77   IRD {}\n", "118 402 775", "ID"),
    ("12/01/2024 08:10:02\n{} yrs   Male   Room: 4", "94", "AGE"),
    ("bed 5: obi chidi {}m 58213390 - pneumonia", "93", "AGE"),
    ("Transport: motorbike reg {} (rider Juma)", "KBZ 417D", "VEHICLE"),
    ("Vehicle: blue Mazda 3 reg {}\n", "WX 204-551", "VEHICLE"),
    ("Vehicle registration(s): 1HGCM82633A004352, {}\n", "KLM218", "VEHICLE"),
    ("4   ROE, ANN   side rm 3  Jun 2   {}   pending\n", "31X4470912", "ID"),
]


@pytest.mark.parametrize("template,value,kind", FOUND)
def test_record_numbers_ages_and_plates_by_their_place(deid, template, value, kind):
    casings = UPPER_MIXED if kind == "ID" and "IRD" in template else ALL  # a label in capitals
    assert_found(deid, template, value, kind, casings=casings)


NO_PERSON = [
    ("Dx coded ICD-10 F41.1, SNOMED CT 197480006.", "197480006"),
    ("Courier: RapidMed AWB 4410293385   Dry ice 5 kg", "4410293385"),
    ("Access review period closed; ticket INC448120\n", "INC448120"),
    ("Reported to attending officer collar no. 3391, log 22-14", "3391"),
    ("Lakeside Medical Centre   Accreditation no. H55102283\n", "H55102283"),
    ("BP 164/92, WBC (WBC 12000) noted.", "164/92"),
    ("Consider an alternative (CPIC 2020).", "2020"),
    ("Vent 500x14, lesion 2.5x3.1x4cm, colonies x1000.", "500x14"),
]


@pytest.mark.parametrize("template,kept", NO_PERSON)
def test_numbers_of_codes_shipments_tickets_and_facilities_name_no_person(deid, template, kept):
    assert_kept(deid, template, kept, wrong=("ID",))


def test_a_clinicians_accreditation_stays_an_id(deid):
    assert_found(deid, "Dr Rosa Tan, MD   Accreditation {}\n", "3301-8841207-5", "ID")


def test_a_quantity_column_under_its_header_holds_no_ages(deid):
    text = ("DATE | NAME | QTY | DEA | BAL | BY\n"
            "3/2/2024 | ROE, ANN | 10 | AB7712093 | 96 | KT\n"
            "4/2/2024 | LEE, TOM | 5 | BC6612087 | 91 | KT\n")
    assert not [s for s in deid.find(text) if s.type == "AGE"]


def test_a_list_without_a_header_still_gives_the_age_after_the_record_number(deid):
    assert_found(deid, "1. hale, rosa | K5521093 | {} | ref Dr Oyelaran\n", "94", "AGE")
